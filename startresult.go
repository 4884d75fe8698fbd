package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// StartResult is the answer to a Start call. ID is the started job's id when
// the API gives one (recordingId, id, _id or livestreamId in an object
// answer); it is empty when the API answers only a message.
type StartResult struct {
	// ID is the started job's id, needed to stop that very job (for example
	// CompositeRecordings.Stop, or a Stop under multiComposition).
	ID string `json:"id,omitempty"`
	// RoomID is the room the job runs in: the answer's roomId, else the
	// room the Start call named.
	RoomID string `json:"roomId,omitempty"`
	// SessionID is the session the job runs in, when the answer gives it.
	SessionID string `json:"sessionId,omitempty"`
	// Message is the API's text answer, e.g. "Recording started
	// successfully" (or the "message" of an object answer). Never parse it:
	// its wording is not part of the API.
	Message string `json:"message,omitempty"`
	startWireOnly

	// The fields below are recorded by the SDK, not read from the answer:
	// what the Start call asked for and when, so FindStarted can find the
	// job when the API answers only a sentence (as it documents for
	// meeting, participant and track recordings and livestreams).

	// ParticipantID is the participant a participant or track recording
	// was started for; empty for other starts.
	ParticipantID string `json:"-"`
	// Kind is the track a track recording was started for; empty for
	// other starts.
	Kind TrackKind `json:"-"`
	// StartedAt is the client's clock just before the Start request was
	// sent (zero when the result was not made by a Start call).
	StartedAt time.Time `json:"-"`

	// serverAt is the answer's Date header (the server's clock, to the
	// second), zero when absent; start turns it into offset.
	serverAt time.Time `json:"-"`
	// offset is how far the server's clock was ahead of the client's when
	// it answered, from serverAt (so within a second or so); 0 when unknown.
	// FindStarted corrects StartedAt by it.
	offset time.Duration `json:"-"`
}

// serverDated is implemented by a result that wants the Date header of its
// answer (Client.do hands it over after decoding the answer).
type serverDated interface {
	serverDate(header string)
}

func (r *StartResult) serverDate(header string) {
	if t, err := http.ParseTime(header); err == nil {
		r.serverAt = t
	}
}

// UnmarshalJSON reads every form a start answer takes: an object carrying
// the job id under recordingId, id, _id or livestreamId (first non-empty
// wins) with roomId (legacy meetingId), sessionId and message, or a JSON
// string, which becomes Message. Message (trimmed) and the ids are kept to
// at most 512 bytes plus "…" in either form. It is the decoder the SDK
// itself uses.
func (r *StartResult) UnmarshalJSON(b []byte) error {
	return r.decodeAnswer(b)
}

// startNames are the wire-only names of a start answer's job id; normalize
// takes the first non-empty of recordingId, id, _id and livestreamId
// (wire.go).
type startNames struct {
	RecordingID  string `json:"recordingId,omitempty"`
	LivestreamID string `json:"livestreamId,omitempty"`
}

// startWireOnly is what StartResult embeds: the legacy names and startNames,
// shadowed (wire.go).
type startWireOnly struct {
	legacy
	startNames
	startShadow
}

// startShadow makes startNames' promoted names ambiguous outside the package.
type startShadow struct {
	RecordingID  struct{} `json:"-"`
	LivestreamID struct{} `json:"-"`
}

// normalize sets ID and RoomID from the wire-only names (wire.go).
func (r *StartResult) normalize() {
	w := &r.startWireOnly
	l := w.take()
	id := w.startNames.RecordingID
	for _, v := range [...]string{r.ID, l.LegacyID, w.startNames.LivestreamID} {
		setIfEmpty(&id, v)
	}
	r.ID = id
	setIfEmpty(&r.RoomID, l.MeetingID)
	w.startNames = startNames{}
}

// decodeAnswer implements answerDecoder: an object is decoded in one pass
// and normalized, any text answer becomes Message.
func (r *StartResult) decodeAnswer(b []byte) error {
	obj, text, err := splitAnswer(b)
	if err != nil {
		return err
	}
	if obj == nil {
		*r = StartResult{Message: text}
		return nil
	}
	// Through a method-free view of r: json.Unmarshal into r itself would
	// call UnmarshalJSON again.
	type plain StartResult
	*r = StartResult{}
	if err := json.Unmarshal(obj, (*plain)(r)); err != nil {
		return err
	}
	r.normalize()
	// The same caps as the text form's message: server text kept in a
	// result is bounded whatever form it came in.
	r.Message = truncateText(r.Message)
	for _, f := range [...]*string{&r.ID, &r.RoomID, &r.SessionID} {
		*f = capText(*f, maxMessage)
	}
	return nil
}

// answerDecoder is implemented by the results of action endpoints whose
// success body may be a JSON object, a JSON string, plain text or empty:
// Client.do hands them the raw body instead of requiring a JSON object, and
// turns their error into a *ResponseError.
type answerDecoder interface {
	decodeAnswer(body []byte) error
}

var (
	errAnswerArray = errors.New("a JSON array where an object or a message was expected")
	errAnswerHTML  = errors.New("an HTML page where an object or a message was expected")
)

// splitAnswer classifies an action answer, as the official SDKs read it: a
// JSON object is returned as obj (not yet decoded); a JSON string literal,
// plain text, null or an empty body is returned as text (unquoted, trimmed).
// An array, an HTML page or a broken JSON string is an error: the body is
// not an answer of this API, and its success status cannot be trusted.
func splitAnswer(b []byte) (obj []byte, text string, err error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0, bytes.Equal(b, []byte("null")):
		return nil, "", nil
	case b[0] == '{':
		return b, "", nil
	case b[0] == '[':
		return nil, "", errAnswerArray
	case b[0] == '<':
		return nil, "", errAnswerHTML
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, "", err
		}
		return nil, truncateText(s), nil
	}
	return nil, truncateText(string(b)), nil
}

// start sends a Start call and returns its answer. roomID fills RoomID when
// the answer does not name the room. Like every POST it is never retried
// after it may have reached the server.
// The call's time is recorded in StartedAt, before the request is sent.
func (c *Client) start(ctx context.Context, path string, body any, roomID string) (*StartResult, error) {
	startedAt := c.cfg.now()
	var out StartResult
	if err := c.do(ctx, "POST", path, nil, body, &out); err != nil {
		return nil, err
	}
	setIfEmpty(&out.RoomID, roomID)
	out.StartedAt = startedAt
	if !out.serverAt.IsZero() {
		// Date is truncated to the second: compare with the middle of it.
		out.offset = out.serverAt.Add(500 * time.Millisecond).Sub(c.cfg.now())
		out.serverAt = time.Time{}
	}
	return &out, nil
}
