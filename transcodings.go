package videosdk

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"iter"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// TranscodingsService runs post-processing jobs on finished recordings and
// streams — a composite merge of participant recordings (Merge), an HLS
// stream to MP4 (HLSToMP4), meeting recordings end to end
// (MeetingRecordingMerge) — and lists, gets and cancels them.
type TranscodingsService service

// TranscodingStatus is the state of a transcoding job. Values the SDK does not
// know decode as they are.
type TranscodingStatus string

// Transcoding states: pending → processing → completed | failed | cancelled.
const (
	TranscodingStatusPending    TranscodingStatus = "pending"
	TranscodingStatusProcessing TranscodingStatus = "processing"
	TranscodingStatusCompleted  TranscodingStatus = "completed"
	TranscodingStatusFailed     TranscodingStatus = "failed"
	TranscodingStatusCancelled  TranscodingStatus = "cancelled"
)

// TranscodingTask is the kind of a transcoding job.
type TranscodingTask string

// Transcoding tasks.
const (
	// TranscodingCompositeMerge tiles participant recordings into one MP4 (Merge).
	TranscodingCompositeMerge TranscodingTask = "composite-merge"
	// TranscodingHLSToMP4 converts a finished HLS stream to MP4 (HLSToMP4).
	TranscodingHLSToMP4 TranscodingTask = "hls-to-mp4"
	// TranscodingMeetingRecordingMerge concatenates meeting recordings (MeetingRecordingMerge).
	TranscodingMeetingRecordingMerge TranscodingTask = "meeting-recording-merge"
)

// WatermarkType selects the variant of a transcoding watermark.
type WatermarkType string

// Watermark variants.
const (
	// WatermarkImage overlays an image (TranscodingWatermark.Image).
	WatermarkImage WatermarkType = "image"
	// WatermarkTimestamp overlays a running clock from TranscodingWatermark.StartTime.
	WatermarkTimestamp WatermarkType = "timestamp"
	// WatermarkLatLong overlays fixed coordinates (TranscodingWatermark.Lat, Long).
	WatermarkLatLong WatermarkType = "lat_long"
)

// WatermarkPosition places a watermark in the frame.
type WatermarkPosition string

// Watermark positions.
const (
	PositionTopLeft     WatermarkPosition = "top-left"
	PositionTopRight    WatermarkPosition = "top-right"
	PositionBottomLeft  WatermarkPosition = "bottom-left"
	PositionBottomRight WatermarkPosition = "bottom-right"
	PositionCenter      WatermarkPosition = "center"
)

// WatermarkImageConfig styles an image watermark. Unset fields take the
// API's defaults: bottom-right, margin 20 px, width 120 px, opacity 1.
type WatermarkImageConfig struct {
	Position WatermarkPosition `json:"position,omitempty"`
	// Margin is the distance from the edge in pixels (>= 0; ignored for
	// PositionCenter). A pointer: 0 is a meaningful request.
	Margin *int `json:"margin,omitempty"`
	// Width of the logo in pixels; its height keeps the aspect ratio.
	Width int `json:"width,omitempty"`
	// Opacity from 0.0 to 1.0. A pointer: 0 is a meaningful request.
	Opacity *float64 `json:"opacity,omitempty"`
}

// TranscodingWatermark is the watermark of a composite merge: one of three
// variants chosen by Type, each with its own fields.
type TranscodingWatermark struct {
	// Type is required.
	Type WatermarkType `json:"type"`
	// Image is required for WatermarkImage: a public http(s) URL, or a PNG or
	// JPG image in base64 (with or without a "data:image/png;base64," prefix).
	Image       string                `json:"image,omitempty"`
	ImageConfig *WatermarkImageConfig `json:"imageConfig,omitempty"`
	// StartTime is required for WatermarkTimestamp: the clock's origin, sent
	// as given. The server reads 13 digits as epoch milliseconds, 10 digits as
	// epoch seconds and anything else as ISO 8601, so it may be an integer
	// (time.Time.UnixMilli()), a string ("2026-05-05T10:00:00", "1746439200")
	// or a time.Time.
	StartTime any `json:"startTime,omitempty"`
	// Lat (-90..90) and Long (-180..180) are required for WatermarkLatLong;
	// pointers because 0 is a coordinate (videosdk.Ptr(0.0)).
	Lat  *float64 `json:"lat,omitempty"`
	Long *float64 `json:"long,omitempty"`
	// Extra holds further members of the watermark object, sent as given.
	// The API documents a text style for timestamp and lat_long watermarks
	// (position, margin, font size and colour, background box, prefix,
	// suffix and, for timestamps, a strftime format) without showing its
	// JSON key (probably "timestampConfig" / "latLongConfig"): pass it here,
	// e.g. Extra: map[string]any{"timestampConfig": map[string]any{…}}. A
	// key may not repeat one of the fields above.
	Extra map[string]any `json:"-"`
}

var transcodingWatermarkKeys = []string{"type", "image", "imageConfig", "startTime", "lat", "long"}

// MarshalJSON writes the fields and the Extra members in one object.
func (w TranscodingWatermark) MarshalJSON() ([]byte, error) {
	type plain TranscodingWatermark
	return marshalWithExtra(plain(w), w.Extra, transcodingWatermarkKeys)
}

// UnmarshalJSON reads the fields and keeps any other member in Extra.
func (w *TranscodingWatermark) UnmarshalJSON(b []byte) error {
	type plain TranscodingWatermark
	var p plain
	extra, err := unmarshalWithExtra(b, &p, transcodingWatermarkKeys)
	if err != nil {
		return err
	}
	*w = TranscodingWatermark(p)
	w.Extra = extra
	return nil
}

func (w *TranscodingWatermark) check() error {
	if w == nil {
		return nil
	}
	if w.Type == "" {
		return invalidParams("watermark.type is required")
	}
	if err := oneOf("watermark.type", w.Type, WatermarkImage, WatermarkTimestamp, WatermarkLatLong); err != nil {
		return err
	}
	if err := checkExtraKeys("watermark", w.Extra, transcodingWatermarkKeys); err != nil {
		return err
	}
	// Each variant's fields belong to it alone.
	if w.Type != WatermarkImage && (w.Image != "" || w.ImageConfig != nil) {
		return invalidParams("watermark.image and watermark.imageConfig apply to image watermarks only, not %q", w.Type)
	}
	if w.Type != WatermarkTimestamp && w.StartTime != nil {
		return invalidParams("watermark.startTime applies to timestamp watermarks only, not %q", w.Type)
	}
	if w.Type != WatermarkLatLong && (w.Lat != nil || w.Long != nil) {
		return invalidParams("watermark.lat and watermark.long apply to lat_long watermarks only, not %q", w.Type)
	}
	switch w.Type {
	case WatermarkImage:
		if err := checkWatermarkImage(w.Image); err != nil {
			return err
		}
		return w.ImageConfig.check()
	case WatermarkTimestamp:
		return checkStartTime(w.StartTime)
	default: // WatermarkLatLong
		if w.Lat == nil || w.Long == nil {
			return invalidParams("watermark.lat and watermark.long are required for a lat_long watermark")
		}
		if !(*w.Lat >= -90 && *w.Lat <= 90) {
			return invalidParams("watermark.lat %v out of range -90..90", *w.Lat)
		}
		if !(*w.Long >= -180 && *w.Long <= 180) {
			return invalidParams("watermark.long %v out of range -180..180", *w.Long)
		}
		return nil
	}
}

func (c *WatermarkImageConfig) check() error {
	if c == nil {
		return nil
	}
	if err := oneOf("watermark.imageConfig.position", c.Position,
		PositionTopLeft, PositionTopRight, PositionBottomLeft, PositionBottomRight, PositionCenter); err != nil {
		return err
	}
	if c.Margin != nil && *c.Margin < 0 {
		return invalidParams("watermark.imageConfig.margin %d is negative", *c.Margin)
	}
	if c.Width < 0 {
		return invalidParams("watermark.imageConfig.width %d is negative", c.Width)
	}
	if c.Opacity != nil && !(*c.Opacity >= 0 && *c.Opacity <= 1) {
		return invalidParams("watermark.imageConfig.opacity %v out of range 0..1", *c.Opacity)
	}
	return nil
}

// checkWatermarkImage accepts an http(s) URL, or a base64 PNG or JPG image
// with or without a data: URL prefix.
func checkWatermarkImage(v string) error {
	if strings.TrimSpace(v) == "" {
		return invalidParams("watermark.image is required for an image watermark")
	}
	if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		if u.Host == "" {
			// Never quote v: an image URL may carry a token in its query.
			return invalidParams("watermark.image is an http(s) URL without a host")
		}
		return nil
	}
	data := v
	if rest, ok := strings.CutPrefix(v, "data:"); ok {
		mime, payload, ok := strings.Cut(rest, ";base64,")
		if !ok {
			return invalidParams("watermark.image: a data URL must be base64 (data:image/png;base64,…)")
		}
		if mime != "image/png" && mime != "image/jpeg" && mime != "image/jpg" {
			return invalidParams("watermark.image: data URL type %q is not image/png or image/jpeg", mime)
		}
		data = payload
	}
	img, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return invalidParams("watermark.image is neither an http(s) URL nor base64 image data")
	}
	if !bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) && !bytes.HasPrefix(img, []byte{0xFF, 0xD8, 0xFF}) {
		return invalidParams("watermark.image: the base64 data is not a PNG or JPG image")
	}
	return nil
}

// checkStartTime accepts a non-blank string, a non-negative finite number or
// a time.Time.
func checkStartTime(v any) error {
	const field = "watermark.startTime"
	switch t := v.(type) {
	case nil:
		return invalidParams("%s is required for a timestamp watermark", field)
	case string:
		return required(field, t)
	case json.Number:
		if _, err := t.Float64(); err != nil {
			return invalidParams("%s %q is not a number", field, string(t))
		}
		return nil
	case time.Time:
		if t.IsZero() {
			return invalidParams("%s is the zero time", field)
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if rv.Int() < 0 {
			return invalidParams("%s %d is negative", field, rv.Int())
		}
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return nil
	case reflect.Float32, reflect.Float64:
		if f := rv.Float(); f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
			return invalidParams("%s %v is not an epoch time", field, f)
		}
		return nil
	}
	return invalidParams("%s of type %T: use an integer, a string or a time.Time", field, v)
}

// MergeTranscodingParams is the body of Transcodings.Merge.
type MergeTranscodingParams struct {
	// RecordingIDs are the participant recordings to tile; required,
	// non-empty, no duplicates.
	RecordingIDs []string `json:"recordingIds"`
	// WebhookURL receives composite-merge-started, -completed, -failed and
	// -cancelled.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// Task may only be TranscodingCompositeMerge, the default.
	Task      TranscodingTask       `json:"task,omitempty"`
	Watermark *TranscodingWatermark `json:"watermark,omitempty"`
}

func (p *MergeTranscodingParams) check() error {
	if len(p.RecordingIDs) == 0 {
		return invalidParams("recordingIds is required and must not be empty")
	}
	seen := make(map[string]bool, len(p.RecordingIDs))
	for i, id := range p.RecordingIDs {
		if err := required("recordingIds["+strconv.Itoa(i)+"]", id); err != nil {
			return err
		}
		if seen[id] {
			return invalidParams("recordingIds lists %q twice", id)
		}
		seen[id] = true
	}
	if err := checkURL("webhookUrl", p.WebhookURL, false); err != nil {
		return err
	}
	if err := oneOf("task", p.Task, TranscodingCompositeMerge); err != nil {
		return err
	}
	return p.Watermark.check()
}

// StorageType is the kind of customer storage an output is written to.
type StorageType string

// Storage types; the type must match the storage configured on the account.
const (
	StorageS3   StorageType = "s3"
	StorageBlob StorageType = "blob"
	StorageGCP  StorageType = "gcp"
)

// TranscodingStorage is where HLSToMP4 writes its output.
type TranscodingStorage struct {
	// Type is required.
	Type StorageType `json:"type"`
	// Bucket is the S3 or GCP bucket.
	Bucket string `json:"bucket,omitempty"`
	// Container is the Azure blob container.
	Container string `json:"container,omitempty"`
	// DirPath is a folder prefix.
	DirPath string `json:"dirPath,omitempty"`
}

// HLSToMP4Params is the body of Transcodings.HLSToMP4: one of RoomID,
// SessionID or HLSID names the finished HLS stream.
type HLSToMP4Params struct {
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
	HLSID     string `json:"hlsId,omitempty"`
	// WebhookURL receives the job's status events.
	WebhookURL string              `json:"webhookUrl,omitempty"`
	Storage    *TranscodingStorage `json:"storage,omitempty"`
}

func (p *HLSToMP4Params) check() error {
	if strings.TrimSpace(p.RoomID) == "" && strings.TrimSpace(p.SessionID) == "" && strings.TrimSpace(p.HLSID) == "" {
		return invalidParams("one of roomId, sessionId or hlsId is required")
	}
	if err := checkURL("webhookUrl", p.WebhookURL, false); err != nil {
		return err
	}
	if s := p.Storage; s != nil {
		if s.Type == "" {
			return invalidParams("storage.type is required")
		}
		return oneOf("storage.type", s.Type, StorageS3, StorageBlob, StorageGCP)
	}
	return nil
}

// MeetingRecordingRef is one input of MeetingRecordingMerge: a meeting
// recording id, optionally with a presigned URL the server reads it from. It
// is sent as the bare id when PresignedURL is empty and as
// {"id","presignedUrl"} otherwise; both forms decode.
type MeetingRecordingRef struct {
	ID           string `json:"id"`
	PresignedURL string `json:"presignedUrl,omitempty"`
}

// MarshalJSON writes the bare id, or the object when PresignedURL is set.
func (r MeetingRecordingRef) MarshalJSON() ([]byte, error) {
	if r.PresignedURL == "" {
		return json.Marshal(r.ID)
	}
	type plain MeetingRecordingRef
	return json.Marshal(plain(r))
}

// UnmarshalJSON reads a bare id or an {"id","presignedUrl"} object.
func (r *MeetingRecordingRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*r = MeetingRecordingRef{}
		return json.Unmarshal(b, &r.ID)
	}
	type plain MeetingRecordingRef
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = MeetingRecordingRef(p)
	return nil
}

// MeetingRecordingMergeParams is the body of Transcodings.MeetingRecordingMerge.
type MeetingRecordingMergeParams struct {
	// RecordingIDs are the meeting recordings to concatenate in
	// chronological order; required, non-empty. Entries may mix bare ids and
	// ids with a presigned source URL.
	RecordingIDs []MeetingRecordingRef `json:"recordingIds"`
	// WebhookURL receives the job's status events.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// PresignedOutputURL is the destination; it wins over configured storage.
	PresignedOutputURL string `json:"presignedOutputUrl,omitempty"`
}

func (p *MeetingRecordingMergeParams) check() error {
	if len(p.RecordingIDs) == 0 {
		return invalidParams("recordingIds is required and must not be empty")
	}
	for i, r := range p.RecordingIDs {
		field := "recordingIds[" + strconv.Itoa(i) + "]"
		if err := required(field+".id", r.ID); err != nil {
			return err
		}
		if err := checkURL(field+".presignedUrl", r.PresignedURL, false); err != nil {
			return err
		}
	}
	if err := checkURL("webhookUrl", p.WebhookURL, false); err != nil {
		return err
	}
	return checkURL("presignedOutputUrl", p.PresignedOutputURL, false)
}

// ListTranscodingsParams selects jobs for Transcodings.List and
// Transcodings.All (every task kind is listed).
type ListTranscodingsParams struct {
	ListOptions
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
	HLSID     string `json:"hlsId,omitempty"`
	// Status filters by job state.
	Status TranscodingStatus `json:"status,omitempty"`
}

func (p ListTranscodingsParams) check() error {
	if err := p.ListOptions.check(); err != nil {
		return err
	}
	return oneOf("status", p.Status, TranscodingStatusPending, TranscodingStatusProcessing,
		TranscodingStatusCompleted, TranscodingStatusFailed, TranscodingStatusCancelled)
}

func (p ListTranscodingsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	v = setQuery(v, "sessionId", p.SessionID)
	v = setQuery(v, "hlsId", p.HLSID)
	return setQuery(v, "status", string(p.Status))
}

// Transcoding is a transcoding job and, once completed, its output file.
type Transcoding struct {
	// ID is the job id (an ObjectId, unlike the UUIDs of Merges).
	ID string `json:"id"`
	// RecordingIDs are the inputs of the merge tasks (the wire's
	// recordingIds, whose entries may also be {"id","presignedUrl"} objects,
	// as a meeting-recording merge may echo its inputs).
	RecordingIDs []string          `json:"-"`
	RoomID       string            `json:"roomId,omitempty"`
	SessionID    string            `json:"sessionId,omitempty"`
	HLSID        string            `json:"hlsId,omitempty"`
	Status       TranscodingStatus `json:"status"`
	Task         TranscodingTask   `json:"task"`
	// StartedAt is when the job was created.
	StartedAt time.Time `json:"startedAt"`
	// StoppedAt is nil until the job reaches a terminal state.
	StoppedAt *time.Time `json:"stoppedAt"`
	// File is the output (an MP4); nil until the job completes.
	File *File `json:"file,omitempty"`
	// Webhook reports the webhook deliveries (Get only).
	Webhook *WebhookSummary `json:"webhook,omitempty"`
	// Message is the API's text about the job when it gives one (under
	// "message", or a text "error"): none is documented, but a failed job
	// may carry its reason. Never parse it.
	Message string `json:"message,omitempty"`
	transcodingWireOnly
}

// transcodingWireOnly is what Transcoding embeds: transcodingMembers,
// shadowed (wire.go).
type transcodingWireOnly struct {
	wireShadow
	transcodingMembers
}

// transcodingMembers are the members of a transcoding answer that normalize
// folds into the public fields.
type transcodingMembers struct {
	// RecordingRefs are the recordingIds entries: ids or objects.
	RecordingRefs []MeetingRecordingRef `json:"recordingIds,omitempty"`
	// ErrorValue is the API's error about the job; a bare text one becomes
	// Message when the job has none.
	ErrorValue json.RawMessage `json:"error,omitempty"`
}

// MarshalJSON writes t as the API documents it: RecordingIDs under
// "recordingIds" (decoding reads them through transcodingMembers).
func (t Transcoding) MarshalJSON() ([]byte, error) {
	type fields Transcoding
	return json.Marshal(struct {
		fields
		RecordingIDs []string `json:"recordingIds,omitempty"`
	}{fields(t), t.RecordingIDs})
}

// transcodingFields is Transcoding without its encoding/json methods: what
// the SDK decodes a transcoding into, in one pass, then normalizes
// (wire.go). Transcoding's own UnmarshalJSON, for a value a user stored and
// decodes again, goes the same way.
type transcodingFields Transcoding

func (f *transcodingFields) normalize()           { (*Transcoding)(f).normalize() }
func (f *transcodingFields) validResponse() error { return (*Transcoding)(f).validResponse() }

// decodedTranscoding returns what callFor decoded as a *Transcoding.
func decodedTranscoding(f *transcodingFields, err error) (*Transcoding, error) {
	return (*Transcoding)(f), err
}

// UnmarshalJSON decodes a transcoding as the SDK does: recordingIds entries
// that are ids or {"id","presignedUrl"} objects, a text "error" as Message
// when there is none, "_id" for the file's id.
func (t *Transcoding) UnmarshalJSON(b []byte) error {
	*t = Transcoding{}
	if err := json.Unmarshal(b, (*transcodingFields)(t)); err != nil {
		return err
	}
	t.normalize()
	return nil
}

// normalize sets RecordingIDs from the recordingIds entries, Message from a
// text "error" when there is no "message", and normalizes File (wire.go).
func (t *Transcoding) normalize() {
	w := &t.transcodingWireOnly.transcodingMembers
	if w.RecordingRefs != nil {
		t.RecordingIDs = make([]string, len(w.RecordingRefs))
		for i, r := range w.RecordingRefs {
			t.RecordingIDs[i] = r.ID
		}
	}
	setIfEmpty(&t.Message, scalarText(w.ErrorValue))
	*w = transcodingMembers{}
	t.File.normalize()
}

func (t *Transcoding) validResponse() error {
	if t.ID == "" {
		return errNoID
	}
	return nil
}

// reservedTranscodingSegments name other endpoints under /v2/transcodings/.
var reservedTranscodingSegments = []string{"merge", "hls-to-mp4", "meeting-recording-merge"}

// create posts a job and decodes the Transcoding answer.
func (s *TranscodingsService) create(ctx context.Context, path string, body any) (*Transcoding, error) {
	return decodedTranscoding(callFor[transcodingFields](ctx, s.client, "POST", path, nil, body))
}

// Merge starts a composite merge: the participant recordings tile into one
// MP4 in a grid, optionally watermarked. The job starts pending; wait for it
// with Wait, or learn when it ends from p.WebhookURL. A job for exactly the same
// recordings that is still running is a conflict (ErrConflict). The POST is
// never retried after it may have reached the server.
//
// API: POST /v2/transcodings/merge
func (s *TranscodingsService) Merge(ctx context.Context, p MergeTranscodingParams) (*Transcoding, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return s.create(ctx, "/v2/transcodings/merge", &p)
}

// HLSToMP4 converts a finished HLS stream into an MP4 file (task
// hls-to-mp4). This endpoint is known from VideoSDK's server SDKs; the API
// reference has no page for it.
//
// API: POST /v2/transcodings/hls-to-mp4
func (s *TranscodingsService) HLSToMP4(ctx context.Context, p HLSToMP4Params) (*Transcoding, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return s.create(ctx, "/v2/transcodings/hls-to-mp4", &p)
}

// MeetingRecordingMerge concatenates meeting recordings end to end in
// chronological order (task meeting-recording-merge). This endpoint is known
// from VideoSDK's server SDKs; the API reference has no page for it.
//
// API: POST /v2/transcodings/meeting-recording-merge
func (s *TranscodingsService) MeetingRecordingMerge(ctx context.Context, p MeetingRecordingMergeParams) (*Transcoding, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return s.create(ctx, "/v2/transcodings/meeting-recording-merge", &p)
}

// List returns one page of transcoding jobs of every task kind.
//
// API: GET /v2/transcodings
func (s *TranscodingsService) List(ctx context.Context, p ListTranscodingsParams) (*Page[Transcoding], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	p2, err := getPage[transcodingFields](ctx, s.client, "/v2/transcodings", p.values())
	if err != nil {
		return nil, err
	}
	out := &Page[Transcoding]{Data: make([]Transcoding, len(p2.Data)), PageInfo: p2.PageInfo}
	for i := range p2.Data {
		out.Data[i] = Transcoding(p2.Data[i])
	}
	return out, nil
}

// All iterates over every transcoding job, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/transcodings
func (s *TranscodingsService) All(ctx context.Context, p ListTranscodingsParams) iter.Seq2[Transcoding, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Transcoding], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a transcoding job by id, with its webhook deliveries.
//
// API: GET /v2/transcodings/{transcodingId}
func (s *TranscodingsService) Get(ctx context.Context, id string) (*Transcoding, error) {
	path, err := idPath("/v2/transcodings/%s", "id", id, reservedTranscodingSegments)
	if err != nil {
		return nil, err
	}
	return decodedTranscoding(callFor[transcodingFields](ctx, s.client, "GET", path, nil, nil))
}

// Wait polls the job until it completes and returns it with its File. A job
// that fails or is cancelled ends the wait with a *JobError (ErrJobFailed)
// whose Status is "failed" or "cancelled" and whose Reason is the job's
// Message. Polling and its end follow the waiter rules of the package
// documentation (see Waiters); give ctx a deadline.
//
// API: GET /v2/transcodings/{transcodingId}
func (s *TranscodingsService) Wait(ctx context.Context, transcodingID string) (*Transcoding, error) {
	return waitFor(ctx, s.client, "transcoding", transcodingID, s.Get, func(t *Transcoding) jobState {
		switch t.Status {
		case TranscodingStatusCompleted:
			return jobState{done: true}
		case TranscodingStatusFailed, TranscodingStatusCancelled:
			return jobState{failed: true, status: string(t.Status), reason: t.Message}
		}
		return jobState{status: string(t.Status)}
	})
}

// Cancel cancels a pending or processing job; any other state is a conflict
// (ErrConflict). Read the cancelled job with Get.
//
// API: POST /v2/transcodings/{transcodingId}/cancel
func (s *TranscodingsService) Cancel(ctx context.Context, id string) error {
	path, err := idPath("/v2/transcodings/%s/cancel", "id", id, reservedTranscodingSegments)
	if err != nil {
		return err
	}
	return s.client.do(ctx, "POST", path, nil, nil, nil)
}

// ---- open-ended objects: typed fields plus an Extra map ----

// marshalWithExtra marshals v (a method-free struct whose Extra field is
// tagged "-") and adds the members of extra. A key of extra that repeats one
// of known is an error: the object would carry the member twice.
func marshalWithExtra(v any, extra map[string]any, known []string) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	if err := checkExtraKeys("watermark", extra, known); err != nil {
		return nil, err
	}
	e, err := json.Marshal(extra)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(e))
	out = append(out, b[:len(b)-1]...) // drop "}"
	if len(b) > 2 {
		out = append(out, ',')
	}
	return append(out, e[1:]...), nil // drop "{"
}

// unmarshalWithExtra decodes b into v (a method-free struct) and returns the
// members that are none of known (compared case-insensitively, as
// encoding/json matches keys), or nil when there are none.
func unmarshalWithExtra(b []byte, v any, known []string) (map[string]any, error) {
	if err := json.Unmarshal(b, v); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	var extra map[string]any
	for k, raw := range all {
		if isKnownKey(k, known) {
			continue
		}
		var x any
		if err := json.Unmarshal(raw, &x); err != nil {
			return nil, err
		}
		if extra == nil {
			extra = map[string]any{}
		}
		extra[k] = x
	}
	return extra, nil
}

// checkExtraKeys refuses an Extra key that is empty or repeats a typed field.
func checkExtraKeys(field string, extra map[string]any, known []string) error {
	for k := range extra {
		if strings.TrimSpace(k) == "" {
			return invalidParams("%s.Extra has an empty key", field)
		}
		if isKnownKey(k, known) {
			return invalidParams("%s.Extra key %q repeats a field of its own: set the field instead", field, k)
		}
	}
	return nil
}

func isKnownKey(k string, known []string) bool {
	for _, n := range known {
		if strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}
