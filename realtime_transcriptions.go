package videosdk

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// RealtimeTranscriptionsService transcribes a room's live session as it
// happens, stops that, and lists and gets realtime transcriptions. They live
// under /ai/v1 on the same host and use the same credentials.
type RealtimeTranscriptionsService service

// StartRealtimeTranscriptionParams is the body of RealtimeTranscriptions.Start.
type StartRealtimeTranscriptionParams struct {
	// RoomID is required; the room must have a live session.
	RoomID string `json:"roomId"`
	// WebhookURL receives transcription-started, -stopped and -failed (type
	// "realtime").
	WebhookURL string `json:"webhookUrl,omitempty"`
	// ModelID is a provider-specific model id.
	ModelID string `json:"modelId,omitempty"`
	// Language is a BCP-47 hint, e.g. "en-US".
	Language string `json:"language,omitempty"`
	// Summary asks for an AI summary after the session.
	Summary *Summary `json:"summary,omitempty"`
}

func (p *StartRealtimeTranscriptionParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	return checkURL("webhookUrl", p.WebhookURL, false)
}

// StopRealtimeTranscriptionParams is the body of RealtimeTranscriptions.Stop:
// the room's running transcription is stopped (no transcription id is sent).
type StopRealtimeTranscriptionParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
}

// ListRealtimeTranscriptionsParams selects transcriptions for
// RealtimeTranscriptions.List and RealtimeTranscriptions.All. The API
// reference documents RoomID and SessionID, the official SDKs Status; all
// are sent when set, but do not rely on the server applying them.
type ListRealtimeTranscriptionsParams struct {
	ListOptions
	RoomID    string              `json:"roomId,omitempty"`
	SessionID string              `json:"sessionId,omitempty"`
	Status    TranscriptionStatus `json:"status,omitempty"`
}

func (p ListRealtimeTranscriptionsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	v = setQuery(v, "sessionId", p.SessionID)
	return setQuery(v, "status", string(p.Status))
}

// TranscriptionExtension is the transcription extension of a realtime
// transcription; it names the room and session being transcribed.
type TranscriptionExtension struct {
	Enabled bool `json:"enabled"`
	// Provider is the transcription provider, e.g. "videosdk".
	Provider        string                       `json:"provider,omitempty"`
	ExtensionConfig TranscriptionExtensionConfig `json:"extensionConfig"`
}

// TranscriptionExtensionConfig is where a realtime transcription runs.
type TranscriptionExtensionConfig struct {
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
}

// RealtimeTranscription is the live transcription of one session. Its room
// and session are in Extension.ExtensionConfig.
type RealtimeTranscription struct {
	// ID is the transcription id (a UUID).
	ID string `json:"id"`
	// Status is running until stopped, then completed.
	Status    TranscriptionStatus    `json:"status"`
	Extension TranscriptionExtension `json:"extension"`
	// WebhookURL is echoed by the start and stop answers.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// TranscriptionFilePaths are the transcript's files per format, once
	// completed.
	TranscriptionFilePaths *TranscriptionFiles `json:"transcriptionFilePaths,omitempty"`
	// SummarizedFilePaths are the AI summary's files, when one was made.
	SummarizedFilePaths *TranscriptionFiles `json:"summarizedFilePaths,omitempty"`
	Start               time.Time           `json:"start"`
	// End is nil while the transcription runs.
	End *time.Time `json:"end,omitempty"`
}

func (t *RealtimeTranscription) validResponse() error {
	if t.ID == "" {
		return errNoID
	}
	return nil
}

// reservedRealtimeSegments name other endpoints under /ai/v1/realtime-transcriptions/.
var reservedRealtimeSegments = []string{"start", "end", "stop"}

// Start starts transcribing the room's live session and returns the
// transcription, status running. The POST is never retried after it may
// have reached the server.
//
// API: POST /ai/v1/realtime-transcriptions/start
func (s *RealtimeTranscriptionsService) Start(ctx context.Context, p StartRealtimeTranscriptionParams) (*RealtimeTranscription, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callFor[RealtimeTranscription](ctx, s.client, "POST", "/ai/v1/realtime-transcriptions/start", nil, &p)
}

// Stop stops the room's running transcription; it becomes completed, with
// its files. The endpoint is .../end, not .../stop.
//
// API: POST /ai/v1/realtime-transcriptions/end
func (s *RealtimeTranscriptionsService) Stop(ctx context.Context, p StopRealtimeTranscriptionParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/ai/v1/realtime-transcriptions/end", nil, &p, nil)
}

// List returns one page of realtime transcriptions.
//
// API: GET /ai/v1/realtime-transcriptions
func (s *RealtimeTranscriptionsService) List(ctx context.Context, p ListRealtimeTranscriptionsParams) (*Page[RealtimeTranscription], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getTranscriptionsPage[RealtimeTranscription](ctx, s.client, "/ai/v1/realtime-transcriptions", p.values())
}

// All iterates over every realtime transcription, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /ai/v1/realtime-transcriptions
func (s *RealtimeTranscriptionsService) All(ctx context.Context, p ListRealtimeTranscriptionsParams) iter.Seq2[RealtimeTranscription, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[RealtimeTranscription], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a realtime transcription by id.
//
// API: GET /ai/v1/realtime-transcriptions/{transcriptionId}
func (s *RealtimeTranscriptionsService) Get(ctx context.Context, id string) (*RealtimeTranscription, error) {
	path, err := idPath("/ai/v1/realtime-transcriptions/%s", "id", id, reservedRealtimeSegments)
	if err != nil {
		return nil, err
	}
	return callFor[RealtimeTranscription](ctx, s.client, "GET", path, nil, nil)
}
