package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"strconv"
	"time"
)

// CompositeRecordingsService starts and stops composite recordings — a
// server-side mix of chosen participants' tracks into one file, not a
// templated layout like a meeting recording — and lists, gets and deletes
// them.
type CompositeRecordingsService service

// MaxCompositeWatermarks is the most watermarks a composite recording takes.
const MaxCompositeWatermarks = 3

// TrackKinds is a list of track kinds. It is sent as a bare string when it
// holds one kind (the form the API reference shows) and as an array when it
// holds several (the form the official server SDKs send); both forms decode.
type TrackKinds []TrackKind

// MarshalJSON writes one kind as a bare string and several as an array.
func (k TrackKinds) MarshalJSON() ([]byte, error) {
	if len(k) == 1 {
		return json.Marshal(string(k[0]))
	}
	return json.Marshal([]TrackKind(k))
}

// UnmarshalJSON reads a bare string, an array of strings or null.
func (k *TrackKinds) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s TrackKind
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*k = nil
		if s != "" {
			*k = TrackKinds{s}
		}
		return nil
	}
	var list []TrackKind
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	*k = list
	return nil
}

// CompositeParticipant selects one participant of a composite recording
// and the tracks of it to mix.
type CompositeParticipant struct {
	// ParticipantID is required.
	ParticipantID string `json:"participantId"`
	// Kind lists the tracks to mix; empty lets the recorder decide (the
	// official SDKs then ask for all four kinds).
	Kind TrackKinds `json:"kind,omitempty"`
}

// CompositeWatermarkType is the kind of a composite recording watermark.
type CompositeWatermarkType string

// Composite watermark types.
const (
	// CompositeWatermarkCustom shows an image and/or text (and a clock in Timezone).
	CompositeWatermarkCustom CompositeWatermarkType = "custom"
	// CompositeWatermarkPubSub shows what is published on a PubSub Topic.
	CompositeWatermarkPubSub CompositeWatermarkType = "pubsub"
)

// CompositeWatermark is one overlay of a composite recording.
type CompositeWatermark struct {
	// Type is required.
	Type CompositeWatermarkType `json:"type"`
	// ImageURL or ImageBase64 is the image of a custom watermark.
	ImageURL    string `json:"imageUrl,omitempty"`
	ImageBase64 string `json:"imageBase64,omitempty"`
	// Text is overlay text.
	Text string `json:"text,omitempty"`
	// Timezone is an IANA zone name, for a custom watermark.
	Timezone string `json:"timezone,omitempty"`
	// Topic is the PubSub topic of a pubsub watermark.
	Topic string `json:"topic,omitempty"`
	// Extra holds further members of the watermark object, sent as given
	// (the official SDKs allow any key). A key may not repeat one of the
	// fields above.
	Extra map[string]any `json:"-"`
}

var compositeWatermarkKeys = []string{"type", "imageUrl", "imageBase64", "text", "timezone", "topic"}

// MarshalJSON writes the fields and the Extra members in one object.
func (w CompositeWatermark) MarshalJSON() ([]byte, error) {
	type plain CompositeWatermark
	return marshalWithExtra(plain(w), w.Extra, compositeWatermarkKeys)
}

// UnmarshalJSON reads the fields and keeps any other member in Extra.
func (w *CompositeWatermark) UnmarshalJSON(b []byte) error {
	type plain CompositeWatermark
	var p plain
	extra, err := unmarshalWithExtra(b, &p, compositeWatermarkKeys)
	if err != nil {
		return err
	}
	*w = CompositeWatermark(p)
	w.Extra = extra
	return nil
}

// StartCompositeRecordingParams is the body of CompositeRecordings.Start.
type StartCompositeRecordingParams struct {
	// RoomID is required; the room must have a live session.
	RoomID string `json:"roomId"`
	// Participants chooses whom to mix; empty lets the server record at most
	// three participants of its choice.
	Participants []CompositeParticipant `json:"participants,omitempty"`
	// Watermarks are at most MaxCompositeWatermarks overlays.
	Watermarks []CompositeWatermark `json:"watermarks,omitempty"`
	// WebhookURL receives this recording's status events.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// BucketDirPath is the folder in the customer's own storage.
	BucketDirPath string `json:"bucketDirPath,omitempty"`
	// PreSignedURL is an upload target for the file. The wire name is
	// "preSignedURL" (capital URL) on this endpoint, unlike meeting
	// recordings' "preSignedUrl".
	PreSignedURL string `json:"preSignedURL,omitempty"`
	// FileFormat is FileFormatWebM or FileFormatMP4.
	FileFormat FileFormat `json:"fileFormat,omitempty"`
}

func (p *StartCompositeRecordingParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	for i, sel := range p.Participants {
		field := "participants[" + strconv.Itoa(i) + "]"
		if err := required(field+".participantId", sel.ParticipantID); err != nil {
			return err
		}
		for _, k := range sel.Kind {
			if k == "" {
				return invalidParams("%s.kind contains an empty kind", field)
			}
			if err := oneOf(field+".kind", k, TrackKindAudio, TrackKindVideo, TrackKindScreenAudio, TrackKindScreenVideo); err != nil {
				return err
			}
		}
	}
	if len(p.Watermarks) > MaxCompositeWatermarks {
		return invalidParams("watermarks has %d entries; at most %d are allowed", len(p.Watermarks), MaxCompositeWatermarks)
	}
	for i, w := range p.Watermarks {
		field := "watermarks[" + strconv.Itoa(i) + "]"
		if w.Type == "" {
			return invalidParams("%s.type is required", field)
		}
		if err := oneOf(field+".type", w.Type, CompositeWatermarkCustom, CompositeWatermarkPubSub); err != nil {
			return err
		}
		if err := checkURL(field+".imageUrl", w.ImageURL, false); err != nil {
			return err
		}
		if err := checkExtraKeys(field, w.Extra, compositeWatermarkKeys); err != nil {
			return err
		}
	}
	if err := checkURL("webhookUrl", p.WebhookURL, false); err != nil {
		return err
	}
	if err := checkURL("preSignedURL", p.PreSignedURL, false); err != nil {
		return err
	}
	return oneOf("fileFormat", p.FileFormat, FileFormatWebM, FileFormatMP4)
}

// StopCompositeRecordingParams is the body of CompositeRecordings.Stop. Both
// fields are required: several composite recordings may run in one room.
type StopCompositeRecordingParams struct {
	RoomID string `json:"roomId"`
	// RecordingID is StartResult.ID of the Start call (CompositeRecording.ID).
	RecordingID string `json:"recordingId"`
}

// ListCompositeRecordingsParams selects recordings for
// CompositeRecordings.List and CompositeRecordings.All.
type ListCompositeRecordingsParams struct {
	ListOptions
	// RoomID filters by room (the API reference marks it required).
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
}

func (p ListCompositeRecordingsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	return setQuery(v, "sessionId", p.SessionID)
}

// CompositeRecording is a composite recording. It has no status: it runs
// while End is nil, and its output is ready once File is set.
type CompositeRecording struct {
	// ID is the recording id (the recordingId of Start and Stop).
	ID string `json:"id"`
	// RoomID is the room (the API names it "meetingId"; both are accepted).
	RoomID    string `json:"roomId"`
	SessionID string `json:"sessionId"`
	// Participants are the mixed participants as the API reports them
	// (often empty).
	Participants []CompositeParticipant `json:"participants"`
	FileFormat   FileFormat             `json:"fileFormat,omitempty"`
	Start        time.Time              `json:"start"`
	// End is nil while the recording runs.
	End *time.Time `json:"end"`
	// FileID is the id of File, once the file exists.
	FileID string `json:"fileId,omitempty"`
	// File is the produced file; nil until it exists. Its Meta.Format may be
	// capitalised ("WebM").
	File *File `json:"file,omitempty"`
	legacy
}

// normalize takes the legacy name meetingId for roomId and normalizes File
// (wire.go).
func (r *CompositeRecording) normalize() {
	setIfEmpty(&r.RoomID, r.legacy.take().MeetingID)
	r.File.normalize()
}

func (r *CompositeRecording) validResponse() error {
	if r.ID == "" {
		return errNoID
	}
	return nil
}

// reservedCompositeSegments name other endpoints under /v2/recordings/composite/.
var reservedCompositeSegments = []string{"start", "stop"}

// Start starts a composite recording of a room that has a live session and
// returns the API's answer: StartResult.ID is the recordingId that Stop
// needs. Should the API answer only a sentence, ID is empty and Message holds
// it; the recording then runs all the same — find it with FindStarted. The POST is
// never retried after it may have reached the server.
//
// API: POST /v2/recordings/composite/start
func (s *CompositeRecordingsService) Start(ctx context.Context, p StartCompositeRecordingParams) (*StartResult, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return s.client.start(ctx, "/v2/recordings/composite/start", &p, p.RoomID)
}

// Stop stops one composite recording.
//
// API: POST /v2/recordings/composite/stop
func (s *CompositeRecordingsService) Stop(ctx context.Context, p StopCompositeRecordingParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := required("recordingId", p.RecordingID); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/v2/recordings/composite/stop", nil, &p, nil)
}

// List returns one page of composite recordings.
//
// API: GET /v2/recordings/composite
func (s *CompositeRecordingsService) List(ctx context.Context, p ListCompositeRecordingsParams) (*Page[CompositeRecording], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[CompositeRecording](ctx, s.client, "/v2/recordings/composite", p.values())
}

// All iterates over every composite recording, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /v2/recordings/composite
func (s *CompositeRecordingsService) All(ctx context.Context, p ListCompositeRecordingsParams) iter.Seq2[CompositeRecording, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[CompositeRecording], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a composite recording by id.
//
// API: GET /v2/recordings/composite/{recordingId}
func (s *CompositeRecordingsService) Get(ctx context.Context, id string) (*CompositeRecording, error) {
	path, err := idPath("/v2/recordings/composite/%s", "id", id, reservedCompositeSegments)
	if err != nil {
		return nil, err
	}
	return callFor[CompositeRecording](ctx, s.client, "GET", path, nil, nil)
}

// WaitForFile polls the composite recording until its file is present (the
// recording was stopped and processed) and returns it with File set. Use the
// id Start returned (StartResult.ID). The API reports no failure of a
// composite recording in its answers, so one that never produces a file is
// waited for until ctx ends: give ctx a deadline. Polling follows the waiter
// rules of the package documentation (see Waiters).
//
// API: GET /v2/recordings/composite/{recordingId}
func (s *CompositeRecordingsService) WaitForFile(ctx context.Context, id string) (*CompositeRecording, error) {
	return waitFor(ctx, s.client, "composite-recording", id, s.Get, func(r *CompositeRecording) jobState {
		return recordingState(hasFile(r.File), r.End, nil, "")
	})
}

// Delete deletes a composite recording.
//
// API: DELETE /v2/recordings/composite/{recordingId}
func (s *CompositeRecordingsService) Delete(ctx context.Context, id string) error {
	path, err := idPath("/v2/recordings/composite/%s", "id", id, reservedCompositeSegments)
	if err != nil {
		return err
	}
	return s.client.do(ctx, "DELETE", path, nil, nil, nil)
}
