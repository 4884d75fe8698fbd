package videosdk

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// ParticipantRecordingsService records one participant (audio and video in
// one file) and lists, gets and deletes those recordings.
type ParticipantRecordingsService service

// RecordingMode tells participant recordings from track recordings. Values the
// SDK does not know decode as they are.
type RecordingMode string

// Recording modes.
const (
	RecordingModeParticipant RecordingMode = "participant"
	RecordingModeTrack       RecordingMode = "track"
)

// KindAudioVideo is the Kind of a participant recording: both tracks in one
// file. (A track recording's Kind is one of the TrackKind constants; this
// one cannot be started as a track recording.)
const KindAudioVideo TrackKind = "audio_video"

// StartParticipantRecordingParams is the body of ParticipantRecordings.Start.
type StartParticipantRecordingParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// ParticipantID is required.
	ParticipantID string `json:"participantId"`
	// FileFormat is FileFormatWebM (the default), FileFormatMP4 or FileFormatM3U8.
	FileFormat FileFormat `json:"fileFormat,omitempty"`
	// WebhookURL receives this recording's status events.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// BucketDirPath is the folder in the customer's own storage.
	BucketDirPath string `json:"bucketDirPath,omitempty"`
	// Metadata is stored with the recording (newer API only).
	Metadata map[string]any `json:"metadata,omitempty"`
}

func (p *StartParticipantRecordingParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := required("participantId", p.ParticipantID); err != nil {
		return err
	}
	if err := oneOf("fileFormat", p.FileFormat, FileFormatWebM, FileFormatMP4, FileFormatM3U8); err != nil {
		return err
	}
	return checkURL("webhookUrl", p.WebhookURL, false)
}

// StopParticipantRecordingParams is the body of ParticipantRecordings.Stop.
type StopParticipantRecordingParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// ParticipantID is required.
	ParticipantID string `json:"participantId"`
}

// ListParticipantRecordingsParams selects recordings for
// ParticipantRecordings.List and ParticipantRecordings.All.
type ListParticipantRecordingsParams struct {
	ListOptions
	RoomID        string `json:"roomId,omitempty"`
	SessionID     string `json:"sessionId,omitempty"`
	ParticipantID string `json:"participantId,omitempty"`
}

func (p ListParticipantRecordingsParams) values() url.Values {
	return individualQuery(p.ListOptions, p.RoomID, p.SessionID, p.ParticipantID)
}

// individualQuery builds the query of the participant and track recording lists.
func individualQuery(o ListOptions, roomID, sessionID, participantID string) url.Values {
	v := o.values(nil)
	v = setQuery(v, "roomId", roomID)
	v = setQuery(v, "sessionId", sessionID)
	return setQuery(v, "participantId", participantID)
}

// ParticipantRecording is the recording of one participant.
type ParticipantRecording struct {
	ID              string `json:"id"`
	RoomID          string `json:"roomId"`
	SessionID       string `json:"sessionId"`
	ParticipantID   string `json:"participantId"`
	ParticipantName string `json:"participantName,omitempty"`
	// Kind is KindAudioVideo.
	Kind       TrackKind     `json:"kind,omitempty"`
	FileFormat FileFormat    `json:"fileFormat,omitempty"`
	Mode       RecordingMode `json:"mode,omitempty"`
	// Region is the media region that recorded, e.g. "us002".
	Region string    `json:"region,omitempty"`
	Start  time.Time `json:"start"`
	// End is nil while the recording runs.
	End *time.Time `json:"end"`
	// Files are the produced files, one per output.
	Files   []File          `json:"files"`
	Webhook *WebhookSummary `json:"webhook,omitempty"`
}

// normalize normalizes Files (wire.go).
func (r *ParticipantRecording) normalize() { normalizeFiles(r.Files) }

func (r *ParticipantRecording) validResponse() error {
	if r.ID == "" {
		return errNoID
	}
	return nil
}

// Start starts recording one participant into its own file (path pattern
// {sessionId}/{participantId}/{file}) and returns the API's answer: its ID
// is the recording's id when the answer carries one (for Get and
// WaitForFile); when the API answers only a sentence, ID is empty, Message
// holds the sentence and FindStarted finds the recording. The POST is never
// retried after it may have reached the server.
//
// API: POST /v2/recordings/participant/start
func (s *ParticipantRecordingsService) Start(ctx context.Context, p StartParticipantRecordingParams) (*StartResult, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	res, err := s.client.start(ctx, "/v2/recordings/participant/start", &p, p.RoomID)
	if err != nil {
		return nil, err
	}
	res.ParticipantID = p.ParticipantID
	return res, nil
}

// Stop stops recording a participant. Unlike meeting recordings, this
// endpoint really is .../stop.
//
// API: POST /v2/recordings/participant/stop
func (s *ParticipantRecordingsService) Stop(ctx context.Context, p StopParticipantRecordingParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := required("participantId", p.ParticipantID); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/v2/recordings/participant/stop", nil, &p, nil)
}

// List returns one page of participant recordings.
//
// API: GET /v2/recordings/participant
func (s *ParticipantRecordingsService) List(ctx context.Context, p ListParticipantRecordingsParams) (*Page[ParticipantRecording], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[ParticipantRecording](ctx, s.client, "/v2/recordings/participant", p.values())
}

// All iterates over every participant recording, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /v2/recordings/participant
func (s *ParticipantRecordingsService) All(ctx context.Context, p ListParticipantRecordingsParams) iter.Seq2[ParticipantRecording, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[ParticipantRecording], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a participant recording by id.
//
// API: GET /v2/recordings/participant/{participantRecordingId}
func (s *ParticipantRecordingsService) Get(ctx context.Context, id string) (*ParticipantRecording, error) {
	path, err := idPath("/v2/recordings/participant/%s", "id", id, reservedParticipantSegments)
	if err != nil {
		return nil, err
	}
	return callFor[ParticipantRecording](ctx, s.client, "GET", path, nil, nil)
}

// Delete deletes a participant recording.
//
// API: DELETE /v2/recordings/participant/{participantRecordingId}
func (s *ParticipantRecordingsService) Delete(ctx context.Context, id string) error {
	path, err := idPath("/v2/recordings/participant/%s", "id", id, reservedParticipantSegments)
	if err != nil {
		return err
	}
	return s.client.do(ctx, "DELETE", path, nil, nil, nil)
}

// WaitForFile polls the participant recording until it has ended and has
// its files, and returns it. Use the id FindStarted found (StartResult.ID when the answer had it) or
// one from List. When the recording's webhook summary lists
// participant-recording-failed, the wait ends with a *JobError
// (ErrJobFailed); otherwise a recording that never produces a file is waited
// for until ctx ends, so give ctx a deadline. Polling follows the waiter
// rules of the package documentation (see Waiters).
//
// API: GET /v2/recordings/participant/{participantRecordingId}
func (s *ParticipantRecordingsService) WaitForFile(ctx context.Context, id string) (*ParticipantRecording, error) {
	return waitFor(ctx, s.client, "participant-recording", id, s.Get, func(r *ParticipantRecording) jobState {
		return recordingState(r.End != nil && len(r.Files) > 0, r.End, r.Webhook, WebhookParticipantRecordingFailed)
	})
}
