// Session and participant quality statistics: the answers of
// Sessions.Stats and Sessions.ParticipantStats.

package videosdk

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// SessionStats are the quality samples of a session.
type SessionStats struct {
	SessionID string `json:"sessionId"`
	// RoomID is the room ("meetingId" on the wire).
	RoomID string       `json:"roomId"`
	Stats  []StatSample `json:"stats"`
	legacy
}

// normalize takes the legacy name meetingId for roomId (wire.go).
func (s *SessionStats) normalize() { setIfEmpty(&s.RoomID, s.legacy.take().MeetingID) }

var errNoStats = errors.New(`response has neither "sessionId" nor "stats"`)

func (s *SessionStats) validResponse() error {
	if s.SessionID == "" && s.Stats == nil {
		return errNoStats
	}
	return nil
}

// StatSample is one quality sample. Packet loss counts, round-trip times
// (ms), jitter and bitrates (bit/s) as reported by VideoSDK.
type StatSample struct {
	Time                    time.Time     `json:"time"`
	RecvAudioPacketLost     float64       `json:"recvAudioPacketLost"`
	RecvVideoPacketLost     float64       `json:"recvVideoPacketLost"`
	SendAudioPacketLost     float64       `json:"sendAudioPacketLost"`
	SendVideoPacketLost     float64       `json:"sendVideoPacketLost"`
	AverageAudioRtt         float64       `json:"averageAudioRtt"`
	AverageVideoRtt         float64       `json:"averageVideoRtt"`
	AverageAudioJitter      float64       `json:"averageAudioJitter"`
	AverageVideoJitter      float64       `json:"averageVideoJitter"`
	AverageSendAudioBitrate float64       `json:"averageSendAudioBitrate"`
	AverageSendVideoBitrate float64       `json:"averageSendVideoBitrate"`
	AverageRecvAudioBitrate float64       `json:"averageRecvAudioBitrate"`
	AverageRecvVideoBitrate float64       `json:"averageRecvVideoBitrate"`
	QualityScore            *QualityScore `json:"qualityScore,omitempty"`
}

// QualityScore rates audio and video quality of a sample.
type QualityScore struct {
	Audio float64 `json:"audio"`
	Video float64 `json:"video"`
}

// ParticipantStats are one participant's quality samples and client details.
type ParticipantStats struct {
	SessionID string `json:"sessionId"`
	// RoomID is the room ("meetingId" on the wire).
	RoomID          string                  `json:"roomId"`
	ParticipantID   string                  `json:"participantId"`
	ParticipantName string                  `json:"participantName,omitempty"`
	DeviceInfo      *ParticipantStatsDevice `json:"deviceInfo,omitempty"`
	SDKInfo         *SDKInfo                `json:"sdkInfo,omitempty"`
	Location        *GeoLocation            `json:"location,omitempty"`
	Network         *NetworkInfo            `json:"network,omitempty"`
	Stats           []StatSample            `json:"stats"`
	ResolutionUsage []ResolutionUsage       `json:"resolutionUsage,omitempty"`
	legacy
}

// normalize takes the legacy name meetingId for roomId (wire.go).
func (s *ParticipantStats) normalize() { setIfEmpty(&s.RoomID, s.legacy.take().MeetingID) }

var errNoParticipantStats = errors.New(`response has neither "participantId" nor "stats"`)

func (s *ParticipantStats) validResponse() error {
	if s.ParticipantID == "" && s.Stats == nil {
		return errNoParticipantStats
	}
	return nil
}

// ParticipantStatsDevice is the device of ParticipantStats.
type ParticipantStatsDevice struct {
	DeviceName    string `json:"deviceName,omitempty"`
	DeviceVersion string `json:"deviceVersion,omitempty"`
}

// SDKInfo names the client SDK a participant used.
type SDKInfo struct {
	SDKName    string `json:"sdkName,omitempty"`
	SDKVersion string `json:"sdkVersion,omitempty"`
}

// NetworkInfo describes a participant's network.
type NetworkInfo struct {
	ASN string `json:"asn,omitempty"`
	Org string `json:"org,omitempty"`
}

// ResolutionUsage is one sample of how long each received resolution was
// used: Usage maps a height label ("180", "360", "720", "1080", "1440",
// "2160") to its value.
type ResolutionUsage struct {
	Time  time.Time
	Usage map[string]float64
}

// UnmarshalJSON reads {"180":0,…,"time":"…"}; keys other than time whose
// values are not numbers are ignored.
func (r *ResolutionUsage) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	return r.fromMap(m)
}

// fromMap sets r from the members of one wire sample.
func (r *ResolutionUsage) fromMap(m map[string]json.RawMessage) error {
	*r = ResolutionUsage{Usage: make(map[string]float64, len(m))}
	for k, v := range m {
		if k == "time" {
			if err := json.Unmarshal(v, &r.Time); err != nil {
				return err
			}
			continue
		}
		var f float64
		if json.Unmarshal(v, &f) == nil {
			r.Usage[k] = f
		}
	}
	return nil
}

// MarshalJSON writes the wire form back.
func (r ResolutionUsage) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(r.Usage)+1)
	for k, v := range r.Usage {
		m[k] = v
	}
	if !r.Time.IsZero() {
		m["time"] = r.Time
	}
	return json.Marshal(m)
}

// Stats returns the quality samples of a session.
//
// API: GET /v2/sessions/{sessionId}/stats
func (s *SessionsService) Stats(ctx context.Context, sessionID string) (*SessionStats, error) {
	path, err := pathf("/v2/sessions/%s/stats", []string{"sessionID"}, sessionID)
	if err != nil {
		return nil, err
	}
	return callFor[SessionStats](ctx, s.client, "GET", path, nil, nil)
}

// ParticipantStats returns one participant's quality samples and client details.
//
// API: GET /v2/sessions/{sessionId}/participant/{participantId}/stats
func (s *SessionsService) ParticipantStats(ctx context.Context, sessionID, participantID string) (*ParticipantStats, error) {
	path, err := pathf("/v2/sessions/%s/participant/%s/stats", []string{"sessionID", "participantID"}, sessionID, participantID)
	if err != nil {
		return nil, err
	}
	return callFor[ParticipantStats](ctx, s.client, "GET", path, nil, nil)
}
