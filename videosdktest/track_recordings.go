// Track recordings: /v2/recordings/participant/track/start and /stop.

package videosdktest

import (
	"net/http"
)

var trackKinds = []string{"audio", "video", "screen_audio", "screen_video"}

func (s *Server) startTrackRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		ParticipantID string `json:"participantId"`
		Kind          string `json:"kind"`
		FileFormat    string `json:"fileFormat"`
		WebhookURL    string `json:"webhookUrl"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("kind", b.Kind); e != nil {
		return nil, e
	}
	if e := oneOf("kind", b.Kind, trackKinds...); e != nil {
		return nil, e
	}
	if e := oneOf("fileFormat", b.FileFormat, "webm", "mp4", "m3u8", "mp3"); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	p, e := activeParticipant(ss, b.ParticipantID)
	if e != nil {
		return nil, e
	}
	if len(s.running(kindTrack, ss, func(j *job) bool { return j.participantID == p.id && j.track == b.Kind })) > 0 {
		return nil, errorf(http.StatusConflict, "The %s track of participant %q is already being recorded.", b.Kind, p.id)
	}
	j := s.newJob(kindTrack, ss, func(j *job) {
		j.participantID, j.participantName, j.track = p.id, p.name, b.Kind
		j.fileFormat, j.webhookURL = cmp(b.FileFormat, "webm"), b.WebhookURL
	})
	return startAnswer(j, "Track recording start accepted"), nil
}

func (s *Server) stopTrackRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		ParticipantID string `json:"participantId"`
		Kind          string `json:"kind"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	for _, f := range []struct{ name, v string }{{"roomId", b.RoomID}, {"participantId", b.ParticipantID}, {"kind", b.Kind}} {
		if e := need(f.name, f.v); e != nil {
			return nil, e
		}
	}
	if e := oneOf("kind", b.Kind, trackKinds...); e != nil {
		return nil, e
	}
	return s.stopParticipantJob(kindTrack, b.RoomID, func(j *job) bool { return j.participantID == b.ParticipantID && j.track == b.Kind },
		"Track recording stop accepted")
}
