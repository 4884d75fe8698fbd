package videosdk

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/url"
	"time"
)

// PostTranscriptionsService reads post transcriptions: the transcripts (and
// AI summaries) VideoSDK makes after a recording, HLS stream or livestream
// started with Transcription enabled has finished. They live under /ai/v1 on
// the same host and use the same credentials.
type PostTranscriptionsService service

// TranscriptionStatus is the state of a post or realtime transcription. Only
// running and completed are documented; values the SDK does not know decode
// as they are.
type TranscriptionStatus string

// Transcription states.
const (
	TranscriptionStatusRunning   TranscriptionStatus = "running"
	TranscriptionStatusCompleted TranscriptionStatus = "completed"
	// TranscriptionStatusFailed is inferred from the transcription-failed
	// webhook; no response shows it.
	TranscriptionStatusFailed TranscriptionStatus = "failed"
)

// TranscriptionFiles maps each output format of a transcription (or of its
// summary) to its download URL. The documented formats have a field; any
// other format the API adds is kept in Other.
type TranscriptionFiles struct {
	JSON string `json:"json,omitempty"`
	SRT  string `json:"srt,omitempty"`
	TXT  string `json:"txt,omitempty"`
	TSV  string `json:"tsv,omitempty"`
	VTT  string `json:"vtt,omitempty"`
	// Other maps formats the SDK does not know to their URLs.
	Other map[string]string `json:"-"`
}

// UnmarshalJSON reads {"format": "url", …}; a null URL counts as absent.
func (f *TranscriptionFiles) UnmarshalJSON(b []byte) error {
	var m map[string]*string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	f.fromMap(m)
	return nil
}

// fromMap sets f from the members of the wire object.
func (f *TranscriptionFiles) fromMap(m map[string]*string) {
	*f = TranscriptionFiles{}
	for k, v := range m {
		if v == nil {
			continue
		}
		switch k {
		case "json":
			f.JSON = *v
		case "srt":
			f.SRT = *v
		case "txt":
			f.TXT = *v
		case "tsv":
			f.TSV = *v
		case "vtt":
			f.VTT = *v
		default:
			if f.Other == nil {
				f.Other = map[string]string{}
			}
			f.Other[k] = *v
		}
	}
}

// MarshalJSON writes the wire form back: every format, Other included.
func (f TranscriptionFiles) MarshalJSON() ([]byte, error) {
	m := make(map[string]string, len(f.Other)+5)
	for k, v := range f.Other {
		m[k] = v
	}
	for k, v := range map[string]string{"json": f.JSON, "srt": f.SRT, "txt": f.TXT, "tsv": f.TSV, "vtt": f.VTT} {
		if v != "" {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// PostTranscription is the transcription of one finished recording.
type PostTranscription struct {
	// ID is the transcription id (a UUID).
	ID     string              `json:"id"`
	Status TranscriptionStatus `json:"status"`
	RoomID string              `json:"roomId"`
	// SessionID is the session the recording belongs to.
	SessionID string `json:"sessionId"`
	// RecordingID is the recording that was transcribed.
	RecordingID string `json:"recordingId,omitempty"`
	// FilePath is, despite its name, the download URL of the source
	// recording file.
	FilePath string `json:"filePath,omitempty"`
	// TranscriptionFilePaths are the transcript's files per format; nil
	// until they exist.
	TranscriptionFilePaths *TranscriptionFiles `json:"transcriptionFilePaths,omitempty"`
	// SummarizedFilePaths are the AI summary's files per format, when a
	// summary was asked for.
	SummarizedFilePaths *TranscriptionFiles `json:"summarizedFilePaths,omitempty"`
	Start               time.Time           `json:"start"`
	// End is nil while the transcription runs.
	End *time.Time `json:"end,omitempty"`
}

func (t *PostTranscription) validResponse() error {
	if t.ID == "" {
		return errNoID
	}
	return nil
}

// ListPostTranscriptionsParams selects transcriptions for
// PostTranscriptions.List and PostTranscriptions.All.
type ListPostTranscriptionsParams struct {
	ListOptions
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
}

func (p ListPostTranscriptionsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	return setQuery(v, "sessionId", p.SessionID)
}

// transcriptionsEnvelope decodes the transcription lists, whose items are
// under "transcriptions" ("data" is accepted as well). A slice is nil when
// its key is absent or null.
type transcriptionsEnvelope[T any] struct {
	PageInfo       *PageInfo `json:"pageInfo"`
	Transcriptions []T       `json:"transcriptions"`
	Data           []T       `json:"data"`
}

func (e *transcriptionsEnvelope[T]) validResponse() error {
	if e.Transcriptions == nil && e.Data == nil {
		return errNoTranscriptions
	}
	return nil
}

// normalize normalizes every item (wire.go).
func (e *transcriptionsEnvelope[T]) normalize() {
	normalizeAll(e.Transcriptions)
	normalizeAll(e.Data)
}

var errNoTranscriptions = errors.New(`list response has neither "transcriptions" nor "data"`)

// getTranscriptionsPage fetches one page of a transcription list, decoded in
// one pass.
func getTranscriptionsPage[T any](ctx context.Context, c *Client, path string, q url.Values) (*Page[T], error) {
	var env transcriptionsEnvelope[T]
	if err := c.do(ctx, "GET", path, q, nil, &env); err != nil {
		return nil, err
	}
	return env.page(), nil
}

// page returns the decoded envelope as a page.
func (e *transcriptionsEnvelope[T]) page() *Page[T] {
	items := e.Transcriptions
	if items == nil {
		items = e.Data
	}
	return newPage(items, e.PageInfo, nil)
}

// List returns one page of post transcriptions.
//
// API: GET /ai/v1/post-transcriptions
func (s *PostTranscriptionsService) List(ctx context.Context, p ListPostTranscriptionsParams) (*Page[PostTranscription], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getTranscriptionsPage[PostTranscription](ctx, s.client, "/ai/v1/post-transcriptions", p.values())
}

// All iterates over every post transcription, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /ai/v1/post-transcriptions
func (s *PostTranscriptionsService) All(ctx context.Context, p ListPostTranscriptionsParams) iter.Seq2[PostTranscription, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[PostTranscription], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a post transcription by id.
//
// API: GET /ai/v1/post-transcriptions/{transcriptionId}
func (s *PostTranscriptionsService) Get(ctx context.Context, id string) (*PostTranscription, error) {
	path, err := pathf("/ai/v1/post-transcriptions/%s", []string{"id"}, id)
	if err != nil {
		return nil, err
	}
	return callFor[PostTranscription](ctx, s.client, "GET", path, nil, nil)
}

// Wait polls the transcription until it is completed and returns it with its
// TranscriptionFilePaths. One that fails ends the wait with a *JobError
// (ErrJobFailed) whose Status is "failed"; any other state, known or not, is
// "still running". Polling and its end follow the waiter rules of the
// package documentation (see Waiters); give ctx a deadline.
//
// API: GET /ai/v1/post-transcriptions/{transcriptionId}
func (s *PostTranscriptionsService) Wait(ctx context.Context, transcriptionID string) (*PostTranscription, error) {
	return waitFor(ctx, s.client, "post-transcription", transcriptionID, s.Get, func(t *PostTranscription) jobState {
		switch t.Status {
		case TranscriptionStatusCompleted:
			return jobState{done: true}
		case TranscriptionStatusFailed:
			return jobState{failed: true, status: string(t.Status)}
		}
		return jobState{status: string(t.Status)}
	})
}
