package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/url"
	"strconv"
	"time"
)

// SessionsService lists and inspects sessions (one live meeting in a room),
// their participants and quality stats, ends sessions and removes participants.
type SessionsService service

// SessionStatus is the state of a session. Responses may carry values the
// SDK does not know; they decode as they are.
type SessionStatus string

// Session states.
const (
	SessionOngoing SessionStatus = "ongoing"
	SessionEnded   SessionStatus = "ended"
)

// ParticipantMode is how a participant takes part in a meeting, as set by
// its client SDK. The REST API documents SEND_AND_RECV (2025) and CONFERENCE
// (2024); the client SDKs' documentation adds SIGNALLING_ONLY and RECV_ONLY
// and the deprecated VIEWER. Values the SDK does not know decode as they are.
type ParticipantMode string

// Participant modes.
const (
	// ParticipantModeSendAndRecv publishes and receives media.
	ParticipantModeSendAndRecv ParticipantMode = "SEND_AND_RECV"
	// ParticipantModeSignallingOnly neither publishes nor receives media
	// (chat, polls).
	ParticipantModeSignallingOnly ParticipantMode = "SIGNALLING_ONLY"
	// ParticipantModeRecvOnly receives media without publishing any.
	ParticipantModeRecvOnly ParticipantMode = "RECV_ONLY"
	// ParticipantModeConference is the older name of SEND_AND_RECV.
	ParticipantModeConference ParticipantMode = "CONFERENCE"
	// ParticipantModeViewer is the older name of SIGNALLING_ONLY.
	ParticipantModeViewer ParticipantMode = "VIEWER"
)

// ListSessionsParams selects sessions for Sessions.List and Sessions.All.
// Every filter is optional; without RoomID the sessions of all rooms are listed.
type ListSessionsParams struct {
	ListOptions
	// RoomID filters by room.
	RoomID string `json:"roomId,omitempty"`
	// CustomRoomID filters by the caller's own room id.
	CustomRoomID string `json:"customRoomId,omitempty"`
	// Query matches a roomId or customRoomId exactly.
	Query string `json:"query,omitempty"`
	// Status filters ongoing or ended sessions. The active session of a room is
	// List with RoomID, Status SessionOngoing and PerPage 1.
	Status SessionStatus `json:"status,omitempty"`
	// StartDate and EndDate bound the session start, in Unix epoch
	// milliseconds (time.Time.UnixMilli).
	StartDate int64 `json:"startDate,omitempty"`
	EndDate   int64 `json:"endDate,omitempty"`
	// UserID filters by account.
	UserID string `json:"userId,omitempty"`
}

func (p ListSessionsParams) check() error {
	if err := p.ListOptions.check(); err != nil {
		return err
	}
	if err := oneOf("status", p.Status, SessionOngoing, SessionEnded); err != nil {
		return err
	}
	if p.StartDate < 0 || p.EndDate < 0 {
		return invalidParams("startDate and endDate must not be negative")
	}
	if p.StartDate > 0 && p.EndDate > 0 && p.EndDate < p.StartDate {
		return invalidParams("endDate %d is before startDate %d", p.EndDate, p.StartDate)
	}
	return nil
}

func (p ListSessionsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	v = setQuery(v, "customRoomId", p.CustomRoomID)
	v = setQuery(v, "query", p.Query)
	v = setQuery(v, "status", string(p.Status))
	if p.StartDate > 0 {
		v = setQuery(v, "startDate", strconv.FormatInt(p.StartDate, 10))
	}
	if p.EndDate > 0 {
		v = setQuery(v, "endDate", strconv.FormatInt(p.EndDate, 10))
	}
	return setQuery(v, "userId", p.UserID)
}

// Session is one meeting held in a room.
type Session struct {
	// ID is the session id (the active-participants view calls it "_id").
	ID string `json:"id"`
	// RoomID is the room (legacy responses call it "meetingId").
	RoomID string `json:"roomId"`
	// CustomRoomID is the room's own id (legacy name "userMeetingId").
	CustomRoomID string `json:"customRoomId,omitempty"`
	UserID       string `json:"userId,omitempty"`
	// APIKey is the project's public API key.
	APIKey string    `json:"apiKey,omitempty"`
	Start  time.Time `json:"start"`
	// End is nil while the session is live.
	End          *time.Time    `json:"end"`
	Status       SessionStatus `json:"status,omitempty"`
	Participants []Participant `json:"participants"`
	// ActiveDuration is how long the session was active, in seconds.
	ActiveDuration float64 `json:"activeDuration,omitempty"`
	// ChatLink is the CSV export URL of the session's chat.
	ChatLink string `json:"chatLink,omitempty"`
	// Region is the media region, e.g. "in002".
	Region string `json:"region,omitempty"`
	// HLSLog lists the session's HLS events (shape undocumented).
	HLSLog []json.RawMessage `json:"hlsLog,omitempty"`
	Links  *Links            `json:"links,omitempty"`
	legacy
}

// normalize takes the legacy names _id, meetingId and userMeetingId
// (wire.go).
func (s *Session) normalize() {
	l := s.legacy.take()
	setIfEmpty(&s.ID, l.LegacyID)
	setIfEmpty(&s.RoomID, l.MeetingID)
	setIfEmpty(&s.CustomRoomID, l.UserMeetingID)
}

var errNoSessionID = errors.New(`response has no session "id"`)

func (s *Session) validResponse() error {
	if s.ID == "" && s.RoomID == "" {
		return errNoSessionID
	}
	return nil
}

// Live reports whether the session has not ended.
func (s *Session) Live() bool { return s.End == nil && s.Status != SessionEnded }

// Participant is one participant of a session.
type Participant struct {
	ParticipantID string `json:"participantId"`
	// Name is the display name.
	Name string `json:"name"`
	// ID is the participant's document id ("_id").
	ID string `json:"_id,omitempty"`
	// Timelog has one entry per join/leave interval.
	Timelog []TimeLog `json:"timelog"`
	// Events lists media events (active-participants view).
	Events *ParticipantEvents `json:"events,omitempty"`
	// InitTime is the join setup time.
	InitTime   float64     `json:"initTime,omitempty"`
	DeviceInfo *DeviceInfo `json:"deviceInfo,omitempty"`
	// Mode is the participant's mode, e.g. ParticipantModeSendAndRecv
	// (older data: ParticipantModeConference).
	Mode              ParticipantMode `json:"mode,omitempty"`
	ChangeModeHistory []ModeChange    `json:"changeModeHistory,omitempty"`
	GeoLocation       *GeoLocation    `json:"geoLocation,omitempty"`
}

// TimeLog is one interval a participant spent in a session.
type TimeLog struct {
	Start time.Time `json:"start"`
	// End is nil while the participant is still in the session.
	End *time.Time `json:"end"`
}

// ParticipantEvents lists a participant's media events. Their item shape is
// not documented, so items are kept as raw JSON.
type ParticipantEvents struct {
	Mic              []json.RawMessage `json:"mic,omitempty"`
	Webcam           []json.RawMessage `json:"webcam,omitempty"`
	ScreenShare      []json.RawMessage `json:"screenShare,omitempty"`
	ScreenShareAudio []json.RawMessage `json:"screenShareAudio,omitempty"`
}

// DeviceInfo describes the participant's client.
type DeviceInfo struct {
	SDKType          string            `json:"sdkType,omitempty"`
	SDKVersion       string            `json:"sdkVersion,omitempty"`
	Platform         string            `json:"platform,omitempty"`
	BrowserUserAgent *BrowserUserAgent `json:"browserUserAgent,omitempty"`
}

// BrowserUserAgent is the parsed user agent of a browser participant.
type BrowserUserAgent struct {
	Browser struct {
		Name    string `json:"name,omitempty"`
		Version string `json:"version,omitempty"`
	} `json:"browser"`
	OS struct {
		Name string `json:"name,omitempty"`
	} `json:"os"`
	Platform struct {
		Type string `json:"type,omitempty"`
	} `json:"platform"`
}

// ModeChange is one change of a participant's mode.
type ModeChange struct {
	Mode ParticipantMode `json:"mode"`
	// Timelog is when the change happened.
	Timelog time.Time `json:"timelog"`
	ID      string    `json:"_id,omitempty"`
}

// GeoLocation is where a participant connected from.
type GeoLocation struct {
	City    string `json:"city,omitempty"`
	Region  string `json:"region,omitempty"`
	Country string `json:"country,omitempty"`
}

// EndSessionParams is the body of Sessions.End.
type EndSessionParams struct {
	// RoomID (roomId or customRoomId) is required.
	RoomID string `json:"roomId"`
	// SessionID picks the session; default the room's live one.
	SessionID string `json:"sessionId,omitempty"`
	// VsdkForceKill forces the end even if the media server does not answer.
	VsdkForceKill bool `json:"vsdkForceKill,omitempty"`
	// IgnoreClosed succeeds when the session is already closed.
	IgnoreClosed bool `json:"ignoreClosed,omitempty"`
}

// RemoveParticipantParams is the body of Sessions.RemoveParticipant.
type RemoveParticipantParams struct {
	// ParticipantID is required.
	ParticipantID string `json:"participantId"`
	// RoomID or SessionID (at least one) locates the session.
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
}

// List returns one page of sessions.
//
// API: GET /v2/sessions
func (s *SessionsService) List(ctx context.Context, p ListSessionsParams) (*Page[Session], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return getPage[Session](ctx, s.client, "/v2/sessions", p.values())
}

// All iterates over every session matching p, fetching pages lazily.
//
// API: GET /v2/sessions
func (s *SessionsService) All(ctx context.Context, p ListSessionsParams) iter.Seq2[Session, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Session], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a session.
//
// API: GET /v2/sessions/{sessionId}
func (s *SessionsService) Get(ctx context.Context, sessionID string) (*Session, error) {
	path, err := pathf("/v2/sessions/%s", []string{"sessionID"}, sessionID)
	if err != nil {
		return nil, err
	}
	return callFor[Session](ctx, s.client, "GET", path, nil, nil)
}

// participantsEnvelope decodes the participants lists, whose "data" is one
// session object (/participants) or an array of session objects
// (/participants/active); the page is the participants of every session in
// it. It is an answerDecoder: the body is decoded in one pass in the shape the
// endpoint answers with (arrayData), and once more in the other shape only if
// "data" turns out to have that one.
type participantsEnvelope struct {
	arrayData    bool
	set          bool // "data" held an object or an array
	pageInfo     *PageInfo
	participants []Participant
}

// sessionParticipants is the one member of a session object the participants
// lists need.
type sessionParticipants struct {
	Participants []Participant `json:"participants"`
}

func (e *participantsEnvelope) decodeAnswer(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return errors.New("empty body where a JSON object was expected")
	}
	if b[0] != '{' {
		return errNotObject
	}
	err := e.decodeAs(b, e.arrayData)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "data" && (te.Value == "array" || te.Value == "object") {
		err = e.decodeAs(b, !e.arrayData)
	}
	if err != nil {
		return err
	}
	return e.validResponse()
}

func (e *participantsEnvelope) decodeAs(b []byte, array bool) error {
	if array {
		var env struct {
			PageInfo *PageInfo             `json:"pageInfo"`
			Data     []sessionParticipants `json:"data"`
		}
		if err := json.Unmarshal(b, &env); err != nil {
			return err
		}
		e.pageInfo, e.set, e.participants = env.PageInfo, env.Data != nil, nil
		if len(env.Data) == 1 {
			e.participants = env.Data[0].Participants
			return nil
		}
		for _, s := range env.Data {
			// Sessions are merged: every session of the array contributes.
			e.participants = append(e.participants, s.Participants...)
		}
		return nil
	}
	var env struct {
		PageInfo *PageInfo            `json:"pageInfo"`
		Data     *sessionParticipants `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	e.pageInfo, e.set, e.participants = env.PageInfo, env.Data != nil, nil
	if env.Data != nil {
		e.participants = env.Data.Participants
	}
	return nil
}

func (e *participantsEnvelope) validResponse() error {
	if !e.set {
		return errNoItems
	}
	return nil
}

func (s *SessionsService) participants(ctx context.Context, format, sessionID string, o ListOptions, arrayData bool) (*Page[Participant], error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	path, err := pathf(format, []string{"sessionID"}, sessionID)
	if err != nil {
		return nil, err
	}
	env := participantsEnvelope{arrayData: arrayData}
	if err := s.client.do(ctx, "GET", path, o.values(nil), nil, &env); err != nil {
		return nil, err
	}
	return newPage(env.participants, env.pageInfo, nil), nil
}

// ListParticipants returns one page of a session's participants, including
// those who already left. The API wraps the page in the session object; the
// page keeps only its participants — the session itself (ids, room, links,
// start and end) comes from Get.
//
// API: GET /v2/sessions/{sessionId}/participants
func (s *SessionsService) ListParticipants(ctx context.Context, sessionID string, o ListOptions) (*Page[Participant], error) {
	return s.participants(ctx, "/v2/sessions/%s/participants", sessionID, o, false)
}

// AllParticipants iterates over every participant of a session.
//
// API: GET /v2/sessions/{sessionId}/participants
func (s *SessionsService) AllParticipants(ctx context.Context, sessionID string, o ListOptions) iter.Seq2[Participant, error] {
	return autoPage(ctx, o.Page, func(ctx context.Context, page int) (*Page[Participant], error) {
		o.Page = page
		return s.ListParticipants(ctx, sessionID, o)
	})
}

// ListActiveParticipants returns one page of the participants currently in a
// live session, with their device, mode and media events. The API wraps the
// page in the session object; the page keeps only its participants — the
// session itself (ids, room, links, start, end, region, status) comes from
// Get.
//
// API: GET /v2/sessions/{sessionId}/participants/active
func (s *SessionsService) ListActiveParticipants(ctx context.Context, sessionID string, o ListOptions) (*Page[Participant], error) {
	return s.participants(ctx, "/v2/sessions/%s/participants/active", sessionID, o, true)
}

// AllActiveParticipants iterates over every participant currently in a session.
//
// API: GET /v2/sessions/{sessionId}/participants/active
func (s *SessionsService) AllActiveParticipants(ctx context.Context, sessionID string, o ListOptions) iter.Seq2[Participant, error] {
	return autoPage(ctx, o.Page, func(ctx context.Context, page int) (*Page[Participant], error) {
		o.Page = page
		return s.ListActiveParticipants(ctx, sessionID, o)
	})
}

// End ends a session: the room's live one, or p.SessionID. The returned
// session is normalised from the legacy names the API answers with. The POST
// is not retried after it may have reached the server.
//
// API: POST /v2/sessions/end
func (s *SessionsService) End(ctx context.Context, p EndSessionParams) (*Session, error) {
	if err := required("roomId", p.RoomID); err != nil {
		return nil, err
	}
	return callFor[Session](ctx, s.client, "POST", "/v2/sessions/end", nil, &p)
}

// RemoveParticipant removes a participant from a live session and returns
// the session the API answers with. The official server SDKs read that
// answer as a confirmation sentence; when the API answers only a sentence (or
// nothing), the call still succeeded and the returned Session carries just the
// ids of p (ID = p.SessionID, RoomID = p.RoomID) with a zero Start — fetch
// the session with Get when you need it. The POST is not retried after it may
// have reached the server.
//
// API: POST /v2/sessions/participants/remove
func (s *SessionsService) RemoveParticipant(ctx context.Context, p RemoveParticipantParams) (*Session, error) {
	if err := required("participantId", p.ParticipantID); err != nil {
		return nil, err
	}
	if p.RoomID == "" && p.SessionID == "" {
		return nil, invalidParams("roomId or sessionId is required")
	}
	var out removedAnswer
	if err := s.client.do(ctx, "POST", "/v2/sessions/participants/remove", nil, &p, &out); err != nil {
		return nil, err
	}
	if out.session == nil {
		return &Session{ID: p.SessionID, RoomID: p.RoomID}, nil
	}
	return out.session, nil
}

// removedAnswer is the answer of RemoveParticipant: a session object, or a
// sentence (session stays nil).
type removedAnswer struct{ session *Session }

func (a *removedAnswer) decodeAnswer(b []byte) error {
	obj, _, err := splitAnswer(b)
	if err != nil || obj == nil {
		return err
	}
	var s Session
	if err := json.Unmarshal(obj, &s); err != nil {
		return err
	}
	s.normalize()
	if err := s.validResponse(); err != nil {
		return err
	}
	a.session = &s
	return nil
}
