package videosdk

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// TrackRecordingsService records one media track of a participant into
// separate files and lists, gets and deletes those recordings.
type TrackRecordingsService service

// TrackKind is the media track a track recording captures, and the Kind of
// every individual recording (KindAudioVideo for a participant recording).
// Responses may carry values the SDK does not know; they decode as they are.
type TrackKind string

// Track kinds.
const (
	TrackKindAudio       TrackKind = "audio"
	TrackKindVideo       TrackKind = "video"
	TrackKindScreenAudio TrackKind = "screen_audio"
	TrackKindScreenVideo TrackKind = "screen_video"
)

func checkTrackKind(k TrackKind) error {
	if k == "" {
		return invalidParams("kind is required")
	}
	return oneOf("kind", k, TrackKindAudio, TrackKindVideo, TrackKindScreenAudio, TrackKindScreenVideo)
}

// StartTrackRecordingParams is the body of TrackRecordings.Start.
type StartTrackRecordingParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// ParticipantID is required.
	ParticipantID string `json:"participantId"`
	// Kind is required: the track to record.
	Kind TrackKind `json:"kind"`
	// FileFormat is FileFormatWebM (the default), FileFormatMP4,
	// FileFormatM3U8 or FileFormatMP3.
	FileFormat FileFormat `json:"fileFormat,omitempty"`
	// WebhookURL receives this recording's status events.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// BucketDirPath is the folder in the customer's own storage.
	BucketDirPath string `json:"bucketDirPath,omitempty"`
}

func (p *StartTrackRecordingParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := required("participantId", p.ParticipantID); err != nil {
		return err
	}
	if err := checkTrackKind(p.Kind); err != nil {
		return err
	}
	if err := oneOf("fileFormat", p.FileFormat, FileFormatWebM, FileFormatMP4, FileFormatM3U8, FileFormatMP3); err != nil {
		return err
	}
	return checkURL("webhookUrl", p.WebhookURL, false)
}

// StopTrackRecordingParams is the body of TrackRecordings.Stop. Every field
// is required; Kind must be the kind that was started.
type StopTrackRecordingParams struct {
	RoomID        string    `json:"roomId"`
	ParticipantID string    `json:"participantId"`
	Kind          TrackKind `json:"kind"`
}

// ListTrackRecordingsParams selects recordings for TrackRecordings.List and
// TrackRecordings.All.
type ListTrackRecordingsParams struct {
	ListOptions
	RoomID        string `json:"roomId,omitempty"`
	SessionID     string `json:"sessionId,omitempty"`
	ParticipantID string `json:"participantId,omitempty"`
}

func (p ListTrackRecordingsParams) values() url.Values {
	return individualQuery(p.ListOptions, p.RoomID, p.SessionID, p.ParticipantID)
}

// TrackRecording is the recording of one media track of a participant. A new
// file is added each time the track restarts (unmute, camera on).
type TrackRecording struct {
	ID              string `json:"id"`
	RoomID          string `json:"roomId"`
	SessionID       string `json:"sessionId"`
	ParticipantID   string `json:"participantId"`
	ParticipantName string `json:"participantName,omitempty"`
	// Kind is the recorded track.
	Kind       TrackKind     `json:"kind"`
	FileFormat FileFormat    `json:"fileFormat,omitempty"`
	Mode       RecordingMode `json:"mode,omitempty"`
	// Region is the media region that recorded, e.g. "us002".
	Region string    `json:"region,omitempty"`
	Start  time.Time `json:"start"`
	// End is nil while the recording runs.
	End *time.Time `json:"end"`
	// Files are the produced files (path pattern {sessionId}/{participantId}/{kind}/{file}).
	Files   []File          `json:"files"`
	Webhook *WebhookSummary `json:"webhook,omitempty"`
}

// normalize normalizes Files (wire.go).
func (r *TrackRecording) normalize() { normalizeFiles(r.Files) }

func (r *TrackRecording) validResponse() error {
	if r.ID == "" {
		return errNoID
	}
	return nil
}

// Start starts recording one track of a participant and returns the API's
// answer: its ID is the recording's id when the answer carries one (for Get
// and WaitForFile); when the API answers only a sentence, ID is empty,
// Message holds the sentence and FindStarted finds the recording. The POST is
// never retried after it may have reached the server.
//
// API: POST /v2/recordings/participant/track/start
func (s *TrackRecordingsService) Start(ctx context.Context, p StartTrackRecordingParams) (*StartResult, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	res, err := s.client.start(ctx, "/v2/recordings/participant/track/start", &p, p.RoomID)
	if err != nil {
		return nil, err
	}
	res.ParticipantID, res.Kind = p.ParticipantID, p.Kind
	return res, nil
}

// Stop stops recording a track; p.Kind must match the started kind. This
// endpoint really is .../stop.
//
// API: POST /v2/recordings/participant/track/stop
func (s *TrackRecordingsService) Stop(ctx context.Context, p StopTrackRecordingParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := required("participantId", p.ParticipantID); err != nil {
		return err
	}
	if err := checkTrackKind(p.Kind); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/v2/recordings/participant/track/stop", nil, &p, nil)
}

// List returns one page of track recordings.
//
// API: GET /v2/recordings/participant/track
func (s *TrackRecordingsService) List(ctx context.Context, p ListTrackRecordingsParams) (*Page[TrackRecording], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[TrackRecording](ctx, s.client, "/v2/recordings/participant/track", p.values())
}

// All iterates over every track recording, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/recordings/participant/track
func (s *TrackRecordingsService) All(ctx context.Context, p ListTrackRecordingsParams) iter.Seq2[TrackRecording, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[TrackRecording], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a track recording by id.
//
// API: GET /v2/recordings/participant/track/{trackRecordingId}
func (s *TrackRecordingsService) Get(ctx context.Context, id string) (*TrackRecording, error) {
	path, err := idPath("/v2/recordings/participant/track/%s", "id", id, reservedTrackSegments)
	if err != nil {
		return nil, err
	}
	return callFor[TrackRecording](ctx, s.client, "GET", path, nil, nil)
}

// Delete deletes a track recording.
//
// API: DELETE /v2/recordings/participant/track/{trackRecordingId}
func (s *TrackRecordingsService) Delete(ctx context.Context, id string) error {
	path, err := idPath("/v2/recordings/participant/track/%s", "id", id, reservedTrackSegments)
	if err != nil {
		return err
	}
	return s.client.do(ctx, "DELETE", path, nil, nil, nil)
}

// WaitForFile polls the track recording until it has ended and has its
// files, and returns it. Use the id FindStarted found (StartResult.ID when the answer had it) or one
// from List. When the recording's webhook summary lists
// participant-track-recording-failed, the wait ends with a *JobError
// (ErrJobFailed); otherwise a recording that never produces a file is waited
// for until ctx ends, so give ctx a deadline. Polling follows the waiter
// rules of the package documentation (see Waiters).
//
// API: GET /v2/recordings/participant/track/{trackRecordingId}
func (s *TrackRecordingsService) WaitForFile(ctx context.Context, id string) (*TrackRecording, error) {
	return waitFor(ctx, s.client, "track-recording", id, s.Get, func(r *TrackRecording) jobState {
		return recordingState(r.End != nil && len(r.Files) > 0, r.End, r.Webhook, WebhookTrackRecordingFailed)
	})
}

// reservedTrackSegments name other endpoints under /v2/recordings/participant/track/.
var reservedTrackSegments = []string{"start", "stop"}
