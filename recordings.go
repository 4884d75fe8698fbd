package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/url"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

// RecordingsService starts, stops, lists, gets and deletes meeting
// recordings: one composed recording of a whole room.
type RecordingsService service

// OnFailureAction is what the server does when a recording fails.
type OnFailureAction string

// On-failure actions.
const (
	// OnFailureCloseRoom closes the room when the recording cannot be kept up.
	OnFailureCloseRoom OnFailureAction = "close-room"
)

// MaxOnFailureWait is the longest OnFailure.WaitTime the API accepts (and its default).
const MaxOnFailureWait = 150

// OnFailure says what happens when a meeting recording fails.
type OnFailure struct {
	Action OnFailureAction `json:"action"`
	// WaitTime is how many seconds to wait before acting (1..150; 0 leaves
	// the default, 150).
	WaitTime int `json:"waitTime,omitempty"`
}

// StartRecordingParams is the body of Recordings.Start.
type StartRecordingParams struct {
	// RoomID is required; the room must have a live session.
	RoomID string `json:"roomId"`
	// Config chooses layout, theme, mode, quality and orientation
	// (config.recording is for HLS and RTMP only and is refused here).
	Config *CompositionConfig `json:"config,omitempty"`
	// TemplateURL is a custom layout page replacing the built-in layouts.
	TemplateURL   string         `json:"templateUrl,omitempty"`
	Transcription *Transcription `json:"transcription,omitempty"`
	// WebhookURL receives this recording's status events.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// AWSDirPath is the folder in the customer's configured bucket.
	AWSDirPath string `json:"awsDirPath,omitempty"`
	// PreSignedURL is an upload target for the file.
	PreSignedURL string `json:"preSignedUrl,omitempty"`
	// FileFormat is FileFormatMP4 (the default) or FileFormatWebM.
	FileFormat FileFormat `json:"fileFormat,omitempty"`
	OnFailure  *OnFailure `json:"onFailure,omitempty"`
	// ResourceID is a pre-acquired composition unit (enterprise).
	ResourceID string `json:"resourceId,omitempty"`
}

func (p *StartRecordingParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := p.Config.check("config", compose.Recording); err != nil {
		return err
	}
	if err := checkURL("templateUrl", p.TemplateURL, false); err != nil {
		return err
	}
	if err := p.Transcription.check("transcription"); err != nil {
		return err
	}
	if err := checkURL("webhookUrl", p.WebhookURL, false); err != nil {
		return err
	}
	if err := checkURL("preSignedUrl", p.PreSignedURL, false); err != nil {
		return err
	}
	if err := oneOf("fileFormat", p.FileFormat, FileFormatMP4, FileFormatWebM); err != nil {
		return err
	}
	if f := p.OnFailure; f != nil {
		if f.Action == "" {
			return invalidParams("onFailure.action is required")
		}
		if err := oneOf("onFailure.action", f.Action, OnFailureCloseRoom); err != nil {
			return err
		}
		if f.WaitTime < 0 || f.WaitTime > MaxOnFailureWait {
			return invalidParams("onFailure.waitTime %d out of range 1..%d seconds", f.WaitTime, MaxOnFailureWait)
		}
	}
	return nil
}

// StopRecordingParams is the body of Recordings.Stop.
type StopRecordingParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// ID picks one recording when several run in the room (multiComposition).
	ID string `json:"id,omitempty"`
}

// ListRecordingsParams selects recordings for Recordings.List and Recordings.All.
type ListRecordingsParams struct {
	ListOptions
	// RoomID filters by room (the docs mark it required).
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
	// Query matches a roomId or customRoomId exactly.
	Query string `json:"query,omitempty"`
	// WithTranscription includes the transcription data in each recording.
	WithTranscription bool `json:"withTranscription,omitempty"`
}

func (p ListRecordingsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	v = setQuery(v, "sessionId", p.SessionID)
	v = setQuery(v, "query", p.Query)
	if p.WithTranscription {
		v = setQuery(v, "withTranscription", "true")
	}
	return v
}

// Recording is a meeting (composed) recording.
type Recording struct {
	ID        string `json:"id"`
	UserID    string `json:"userId,omitempty"`
	RoomID    string `json:"roomId"`
	SessionID string `json:"sessionId"`
	// FileID is the id of File.
	FileID string `json:"fileId,omitempty"`
	// File is the produced file; nil while the recording runs.
	File *File `json:"file,omitempty"`
	// Start is when the recording started (newer API only).
	Start *time.Time `json:"start,omitempty"`
	// End is nil while the recording runs.
	End       *time.Time      `json:"end,omitempty"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
	Webhook   *WebhookSummary `json:"webhook,omitempty"`
	Links     *Links          `json:"links,omitempty"`
	// Transcription is the transcription data returned with
	// ListRecordingsParams.WithTranscription or by GetWithTranscription; its
	// shape is undocumented, so it is kept raw.
	Transcription json.RawMessage `json:"transcription,omitempty"`
	// Transcriptions is the same under the plural key, kept raw.
	Transcriptions json.RawMessage `json:"transcriptions,omitempty"`
	// PostTranscriptions are the members of Transcription and Transcriptions
	// (an object, or an array of objects) that have the shape of a
	// PostTranscription — an "id" with a "status" or
	// "transcriptionFilePaths" — decoded; nil when there are none.
	PostTranscriptions []PostTranscription `json:"-"`
	legacy
}

// normalize takes the legacy meetingId for roomId and decodes
// PostTranscriptions (wire.go).
func (r *Recording) normalize() {
	setIfEmpty(&r.RoomID, r.legacy.take().MeetingID)
	r.File.normalize()
	r.PostTranscriptions = postTranscriptionsIn(r.Transcription, r.Transcriptions)
}

// postTranscriptionsIn decodes the members of the raw transcription data
// that have the PostTranscription shape; anything else stays raw only.
func postTranscriptionsIn(raws ...json.RawMessage) []PostTranscription {
	var out []PostTranscription
	add := func(b []byte) {
		var t PostTranscription
		if json.Unmarshal(b, &t) == nil && t.ID != "" && (t.Status != "" || t.TranscriptionFilePaths != nil) {
			out = append(out, t)
		}
	}
	for _, raw := range raws {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0:
		case raw[0] == '{':
			add(raw)
		case raw[0] == '[':
			var items []json.RawMessage
			if json.Unmarshal(raw, &items) == nil {
				for _, it := range items {
					add(it)
				}
			}
		}
	}
	return out
}

var errNoID = errors.New(`response has no "id"`)

// reservedRecordingSegments are path segments under /v2/recordings/ that name
// other endpoints: an "id" equal to one of them would silently call the wrong
// endpoint (e.g. DELETE /v2/recordings/participant).
var reservedRecordingSegments = []string{"participant", "composite", "start", "end", "stop"}

// reservedParticipantSegments are the same under /v2/recordings/participant/.
var reservedParticipantSegments = []string{"merge", "track", "start", "stop"}

// idPath builds format with one escaped id, refusing ids that are another
// endpoint's path segment.
func idPath(format, name, id string, reserved []string) (string, error) {
	for _, r := range reserved {
		if id == r {
			return "", invalidParams("%s %q names another endpoint, not a resource id", name, id)
		}
	}
	return pathf(format, []string{name}, id)
}

// validResponse rejects a success body that is not a recording.
func (r *Recording) validResponse() error {
	if r.ID == "" {
		return errNoID
	}
	return nil
}

// Start starts a composed recording of a room that has a live session and
// returns the API's answer. When the answer carries the recording's id
// (an object with recordingId, id or _id, as the official SDKs expect),
// StartResult.ID names it: pass it to Stop (StopRecordingParams.ID, needed
// when several recordings run under multiComposition), Get and WaitForFile.
// When the API answers only a sentence ("Recording start accepted"), ID is
// empty and Message holds the sentence: find the recording with FindStarted. The
// POST is never retried after it may have reached the server.
//
// API: POST /v2/recordings/start
func (s *RecordingsService) Start(ctx context.Context, p StartRecordingParams) (*StartResult, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return s.client.start(ctx, "/v2/recordings/start", &p, p.RoomID)
}

// Stop stops the room's recording, or only the one whose id p.ID names
// (StartResult.ID). The endpoint index
// of the API reference lists /v2/recordings/stop, but the endpoint pages, the
// official SDKs and the live API use /v2/recordings/end, which is called here.
//
// API: POST /v2/recordings/end
func (s *RecordingsService) Stop(ctx context.Context, p StopRecordingParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/v2/recordings/end", nil, &p, nil)
}

// List returns one page of meeting recordings.
//
// API: GET /v2/recordings
func (s *RecordingsService) List(ctx context.Context, p ListRecordingsParams) (*Page[Recording], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[Recording](ctx, s.client, "/v2/recordings", p.values())
}

// All iterates over every meeting recording, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /v2/recordings
func (s *RecordingsService) All(ctx context.Context, p ListRecordingsParams) iter.Seq2[Recording, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Recording], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a meeting recording by id.
//
// API: GET /v2/recordings/{recordingId}
func (s *RecordingsService) Get(ctx context.Context, recordingID string) (*Recording, error) {
	path, err := idPath("/v2/recordings/%s", "recordingID", recordingID, reservedRecordingSegments)
	if err != nil {
		return nil, err
	}
	return callFor[Recording](ctx, s.client, "GET", path, nil, nil)
}

// GetWithTranscription is Get with the transcription the API adds when asked
// (withTranscription=true). The API does not document what it adds: it is
// kept raw in Recording.Transcription (key "transcription") or
// Recording.Transcriptions (key "transcriptions"), and what has the shape of
// a post transcription is decoded into Recording.PostTranscriptions. The
// documented recording fields decode exactly as for Get.
//
// API: GET /v2/recordings/{recordingId}?withTranscription=true
func (s *RecordingsService) GetWithTranscription(ctx context.Context, recordingID string) (*Recording, error) {
	path, err := idPath("/v2/recordings/%s", "recordingID", recordingID, reservedRecordingSegments)
	if err != nil {
		return nil, err
	}
	return callFor[Recording](ctx, s.client, "GET", path, url.Values{"withTranscription": {"true"}}, nil)
}

// Delete deletes a meeting recording (a soft delete on the server).
//
// API: DELETE /v2/recordings/{recordingId}
func (s *RecordingsService) Delete(ctx context.Context, recordingID string) error {
	path, err := idPath("/v2/recordings/%s", "recordingID", recordingID, reservedRecordingSegments)
	if err != nil {
		return err
	}
	return s.client.do(ctx, "DELETE", path, nil, nil, nil)
}

// WaitForFile polls the recording until its file is present (the recording
// was stopped and processed) and returns it with File set. Use the id Start
// answered or FindStarted found, or one from List. The API reports a failed
// recording only through webhooks: when the recording's webhook summary
// lists recording-failed, the wait ends with a *JobError (ErrJobFailed);
// otherwise a recording that never produces a file is waited for until ctx
// ends, so give ctx a deadline. Polling follows the waiter rules of the
// package documentation (see Waiters).
//
// API: GET /v2/recordings/{recordingId}
func (s *RecordingsService) WaitForFile(ctx context.Context, recordingID string) (*Recording, error) {
	return waitFor(ctx, s.client, "recording", recordingID, s.Get, func(r *Recording) jobState {
		return recordingState(hasFile(r.File), r.End, r.Webhook, WebhookRecordingFailed)
	})
}
