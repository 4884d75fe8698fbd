package videosdk

import (
	"context"
	"errors"
	"iter"
	"net/url"
	"strconv"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

// MergesService merges participant recordings into one two-channel (stereo)
// audio file and lists and gets those merge jobs.
type MergesService service

// MergeStatus is the state of a merge job. Values the SDK does not know
// decode as they are.
type MergeStatus string

// Merge statuses.
const (
	MergeStatusRunning   MergeStatus = "running"
	MergeStatusCompleted MergeStatus = "completed"
	MergeStatusFailed    MergeStatus = "failed"
)

// MergeSourceType says whether a channel entry is a participant or a track
// recording.
type MergeSourceType string

// Merge source types.
const (
	MergeSourceParticipant MergeSourceType = "participant"
	MergeSourceTrack       MergeSourceType = "track"
)

// MergeChannelEntry is one recording placed on a merge channel.
type MergeChannelEntry struct {
	// ParticipantID is required.
	ParticipantID string `json:"participantId"`
	// RecordingID picks the recording; when empty the server takes that
	// participant's recording of the session.
	RecordingID string `json:"recordingId,omitempty"`
	// Type is the kind of recording (newer API only).
	Type MergeSourceType `json:"type,omitempty"`
}

// CreateMergeParams is the body of Merges.Create.
type CreateMergeParams struct {
	// SessionID is required: the session whose recordings are merged.
	SessionID string `json:"sessionId"`
	// Channel1 is the left channel; required, non-empty.
	Channel1 []MergeChannelEntry `json:"channel1"`
	// Channel2 is the right channel; required, non-empty.
	Channel2 []MergeChannelEntry `json:"channel2"`
	// Type is the default MergeSourceType of the entries (newer API only).
	Type MergeSourceType `json:"type,omitempty"`
	// WebhookURL receives merge-recording-completed / merge-recording-failed.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// DirPath is the folder in the customer's own storage (this endpoint
	// names it dirPath, not bucketDirPath).
	DirPath string `json:"dirPath,omitempty"`
}

func (p *CreateMergeParams) check() error {
	if err := required("sessionId", p.SessionID); err != nil {
		return err
	}
	if err := checkMergeChannel("channel1", p.Channel1); err != nil {
		return err
	}
	if err := checkMergeChannel("channel2", p.Channel2); err != nil {
		return err
	}
	if err := oneOf("type", p.Type, MergeSourceParticipant, MergeSourceTrack); err != nil {
		return err
	}
	return checkURL("webhookUrl", p.WebhookURL, false)
}

func checkMergeChannel(name string, entries []MergeChannelEntry) error {
	if len(entries) == 0 {
		return invalidParams("%s is required and must not be empty", name)
	}
	for i, e := range entries {
		if err := required(name+"["+strconv.Itoa(i)+"].participantId", e.ParticipantID); err != nil {
			return err
		}
		if err := oneOf(name+"["+strconv.Itoa(i)+"].type", e.Type, MergeSourceParticipant, MergeSourceTrack); err != nil {
			return err
		}
	}
	return nil
}

// ListMergesParams selects merge jobs for Merges.List and Merges.All.
type ListMergesParams struct {
	ListOptions
	// Status filters by job state.
	Status    MergeStatus `json:"status,omitempty"`
	RoomID    string      `json:"roomId,omitempty"`
	SessionID string      `json:"sessionId,omitempty"`
	// ID filters by merge id.
	ID string `json:"id,omitempty"`
}

func (p ListMergesParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "status", string(p.Status))
	v = setQuery(v, "roomId", p.RoomID)
	v = setQuery(v, "sessionId", p.SessionID)
	return setQuery(v, "id", p.ID)
}

// Merge is a merge job and, once completed, its audio file.
type Merge struct {
	// ID is the merge ("muxer") id, UUID-like.
	ID string `json:"id"`
	// RoomID is the room (the API names it "meetingId"; both are accepted).
	RoomID    string              `json:"roomId"`
	SessionID string              `json:"sessionId"`
	Channel1  []MergeChannelEntry `json:"channel1"`
	Channel2  []MergeChannelEntry `json:"channel2"`
	Status    MergeStatus         `json:"status"`
	Start     time.Time           `json:"start"`
	// End is nil while the job runs.
	End *time.Time `json:"end"`
	// File is the merged audio file (mp3); nil until the job completes.
	File *File `json:"file,omitempty"`
	// Message is the API's text about the job: the "message" Create answers
	// beside the job (e.g. "Merge job accepted"), or one the job itself
	// carries. Never parse it.
	Message string `json:"message,omitempty"`
	legacy
}

// normalize takes the legacy name meetingId for roomId and normalizes File
// (wire.go).
func (m *Merge) normalize() {
	if m != nil {
		setIfEmpty(&m.RoomID, m.legacy.take().MeetingID)
		m.File.normalize()
	}
}

func (m *Merge) validResponse() error {
	if m.ID == "" {
		return errNoID
	}
	return nil
}

// mergeCreated is the answer of Merges.Create: {"message", "recording"}.
type mergeCreated struct {
	Message   string `json:"message"`
	Recording *Merge `json:"recording"`
}

var errNoMerge = errors.New(`response has no "recording" with an "id"`)

func (m *mergeCreated) normalize() { m.Recording.normalize() }

func (m *mergeCreated) validResponse() error {
	if m.Recording == nil || m.Recording.ID == "" {
		return errNoMerge
	}
	return nil
}

// Create starts a merge job; the returned Merge has status running and the
// API's Message. Wait for it to complete (Wait), or learn it from
// p.WebhookURL. The POST is never retried after it may have reached the
// server.
//
// API: POST /v2/recordings/participant/merge
func (s *MergesService) Create(ctx context.Context, p CreateMergeParams) (*Merge, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	var out mergeCreated
	if err := s.client.do(ctx, "POST", "/v2/recordings/participant/merge", nil, &p, &out); err != nil {
		return nil, err
	}
	m := out.Recording
	setIfEmpty(&m.Message, out.Message)
	return m, nil
}

// Wait polls the merge job until it completes and returns it with its File
// (use the id Create returned). A merge that fails ends the wait with a
// *JobError (ErrJobFailed) whose Status is "failed" and whose Reason is the
// job's Message. Polling and its end follow the waiter rules of the package
// documentation (see Waiters); give ctx a deadline.
//
// API: GET /v2/recordings/participant/merge/{mergeId}
func (s *MergesService) Wait(ctx context.Context, mergeID string) (*Merge, error) {
	return waitFor(ctx, s.client, "merge", mergeID, s.Get, func(m *Merge) jobState {
		switch m.Status {
		case MergeStatusCompleted:
			return jobState{done: true}
		case MergeStatusFailed:
			return jobState{failed: true, status: string(m.Status), reason: m.Message}
		}
		return jobState{status: string(m.Status)}
	})
}

// List returns one page of merge jobs (the API puts them under "recordings").
//
// API: GET /v2/recordings/participant/merge
func (s *MergesService) List(ctx context.Context, p ListMergesParams) (*Page[Merge], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	if err := ruleErr(compose.OneOf("status", string(p.Status), compose.MergeStatuses)); err != nil {
		return nil, err
	}
	return getPage[Merge](ctx, s.client, "/v2/recordings/participant/merge", p.values())
}

// All iterates over every merge job, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/recordings/participant/merge
func (s *MergesService) All(ctx context.Context, p ListMergesParams) iter.Seq2[Merge, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Merge], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a merge job by id.
//
// API: GET /v2/recordings/participant/merge/{mergeId}
func (s *MergesService) Get(ctx context.Context, mergeID string) (*Merge, error) {
	path, err := pathf("/v2/recordings/participant/merge/%s", []string{"mergeID"}, mergeID)
	if err != nil {
		return nil, err
	}
	return callFor[Merge](ctx, s.client, "GET", path, nil, nil)
}
