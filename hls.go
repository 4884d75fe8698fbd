package videosdk

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"math"
	"net/url"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

// HLSService starts and stops HLS streams of a room, lists, gets and deletes
// them, and captures thumbnails of a running stream.
type HLSService service

// Ptr returns a pointer to v, for the optional fields whose zero value is
// itself a meaningful request, e.g. CaptureHLSParams{Time: videosdk.Ptr(0.0)}
// or WatermarkImageConfig{Margin: videosdk.Ptr(0)}. It is the SDK's one
// pointer helper.
func Ptr[T any](v T) *T { return &v }

// StartHLSParams is the body of HLS.Start.
type StartHLSParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// Config chooses layout (gridSize up to 25), theme, mode, quality and
	// orientation (default landscape); Config.Recording also records the
	// stream. The API rejects a layout without a priority, and a quality,
	// theme or orientation without a layout, so Start refuses both with
	// ErrInvalidParams before sending: set Layout, with Layout.Priority
	// (PrioritySpeaker is the usual choice).
	Config *CompositionConfig `json:"config,omitempty"`
	// TemplateURL is a custom layout page replacing the built-in layouts.
	TemplateURL string `json:"templateUrl,omitempty"`
	// Transcription asks for post-call transcription; put an AI summary in
	// Transcription.Summary, where the other endpoints and the official SDKs
	// send it.
	Transcription *Transcription `json:"transcription,omitempty"`
	// Summary is the top-level placement the HLS docs show. Prefer
	// Transcription.Summary; this field is sent as given, for bodies written
	// after the HLS docs. A summary needs transcription enabled.
	Summary *Summary `json:"summary,omitempty"`
	// WebhookURL receives this stream's status events.
	WebhookURL string `json:"webhookUrl,omitempty"`
	// Recording also records the stream. The newer API takes it at the top
	// level, the docs as Config.Recording; either may be used.
	Recording *RecordingToggle `json:"recording,omitempty"`
	// ResourceID is a pre-acquired composition unit (enterprise).
	ResourceID string `json:"resourceId,omitempty"`
}

func (p *StartHLSParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if err := p.Config.check("config", compose.HLS); err != nil {
		return err
	}
	if err := checkURL("templateUrl", p.TemplateURL, false); err != nil {
		return err
	}
	if err := p.Transcription.check("transcription"); err != nil {
		return err
	}
	if err := ruleErr(compose.CheckHLSSummary(p.Summary != nil && p.Summary.Enabled, p.Transcription.rules())); err != nil {
		return err
	}
	return checkURL("webhookUrl", p.WebhookURL, false)
}

// StopHLSParams is the body of HLS.Stop.
type StopHLSParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// ID picks one stream when several run in the room (multiComposition).
	ID string `json:"id,omitempty"`
}

// ListHLSParams selects streams for HLS.List and HLS.All.
type ListHLSParams struct {
	ListOptions
	// RoomID filters by room (the docs mark it required).
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
	// Query matches a roomId or customRoomId exactly.
	Query string `json:"query,omitempty"`
}

func (p ListHLSParams) values() url.Values {
	return streamQuery(p.ListOptions, p.RoomID, p.SessionID, p.Query)
}

// ImageFormat is the format of a captured thumbnail.
type ImageFormat string

// Image formats.
const (
	// ImageFormatJPG is the default.
	ImageFormatJPG ImageFormat = "jpg"
	ImageFormatPNG ImageFormat = "png"
	// ImageFormatWebP is available for real-time capture only (Time unset).
	ImageFormatWebP ImageFormat = "webp"
)

// CaptureHLSParams is the body of HLS.Capture.
type CaptureHLSParams struct {
	// RoomID is required; an HLS stream must be running in the room.
	RoomID string `json:"roomId"`
	// Time is the second of the stream to grab; nil means now. A pointer so
	// that the stream's first frame can be asked for: Time: videosdk.Ptr(0.0).
	Time *float64 `json:"time,omitempty"`
	// Width and Height default by quality and orientation (high 1920×1080,
	// med 1280×720, low 854×480, swapped for portrait); set, each is at
	// most 3840, the long side of the largest (ultra) output.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Format is ImageFormatJPG (the default), ImageFormatPNG or ImageFormatWebP.
	Format ImageFormat `json:"format,omitempty"`
}

func (p *CaptureHLSParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if p.Time != nil && (*p.Time < 0 || math.IsNaN(*p.Time) || math.IsInf(*p.Time, 0)) {
		return invalidParams("time %v is not a second of the stream (>= 0)", *p.Time)
	}
	if err := ruleErr(compose.CheckCaptureSize(p.Width, p.Height)); err != nil {
		return err
	}
	if err := oneOf("format", p.Format, ImageFormatJPG, ImageFormatPNG, ImageFormatWebP); err != nil {
		return err
	}
	if p.Format == ImageFormatWebP && p.Time != nil {
		return invalidParams("format webp is available for real-time capture only: leave time unset")
	}
	return nil
}

// HLSStream is an HLS stream of a room.
type HLSStream struct {
	ID string `json:"id"`
	// RoomID is the room (the active-stream call may name it "meetingId";
	// both are accepted).
	RoomID    string    `json:"roomId"`
	SessionID string    `json:"sessionId"`
	Start     time.Time `json:"start"`
	// End is nil while the stream runs.
	End *time.Time `json:"end"`
	// Duration in seconds, on ended streams.
	Duration float64 `json:"duration,omitempty"`
	Links    *Links  `json:"links,omitempty"`
	// PlaybackHLSURL is the live HLS playlist with seek-back.
	PlaybackHLSURL string `json:"playbackHlsUrl,omitempty"`
	// LivestreamURL is the live-edge-only playlist.
	LivestreamURL string `json:"livestreamUrl,omitempty"`
	// DownstreamURL is still returned by the API.
	//
	// Deprecated: use PlaybackHLSURL (same value) or LivestreamURL.
	DownstreamURL string `json:"downstreamUrl,omitempty"`
	// ComposerID identifies the composition unit that streams.
	ComposerID  string      `json:"composerId,omitempty"`
	Mode        Mode        `json:"mode,omitempty"`
	Quality     Quality     `json:"quality,omitempty"`
	Orientation Orientation `json:"orientation,omitempty"`
	// CaptureLog lists the thumbnails captured; the entries' shape is
	// undocumented, so they are kept raw.
	CaptureLog []json.RawMessage `json:"captureLog,omitempty"`
	// Encryption describes the stream's encryption; undocumented shape, kept raw.
	Encryption json.RawMessage `json:"encryption,omitempty"`
	Webhook    *WebhookSummary `json:"webhook,omitempty"`
	// Code is the status code GetActive's answer carries beside the stream
	// ({"code":200,"data":…}); 0 from the other calls.
	Code int `json:"code,omitempty"`
	legacy
}

// normalize takes the legacy name meetingId for roomId (wire.go).
func (h *HLSStream) normalize() {
	if h != nil {
		setIfEmpty(&h.RoomID, h.legacy.take().MeetingID)
	}
}

func (h *HLSStream) validResponse() error {
	if h.ID == "" {
		return errNoID
	}
	return nil
}

// activeHLS is the answer of HLS.GetActive: {"code":200,"data":HLSStream}.
type activeHLS struct {
	Code int        `json:"code"`
	Data *HLSStream `json:"data"`
}

var errNoActiveData = errors.New(`response has no "data" stream with an "id"`)

func (a *activeHLS) normalize() { a.Data.normalize() }

func (a *activeHLS) validResponse() error {
	if a.Data == nil || a.Data.ID == "" {
		return errNoActiveData
	}
	return nil
}

// HLSCapture is a thumbnail captured from a running HLS stream.
type HLSCapture struct {
	Message string         `json:"message,omitempty"`
	RoomID  string         `json:"roomId"`
	Meta    HLSCaptureMeta `json:"meta"`
	// FilePath is the CDN URL of the image.
	FilePath string `json:"filePath"`
	// FileSize in bytes.
	FileSize int64  `json:"fileSize,omitempty"`
	FileName string `json:"fileName,omitempty"`
}

// HLSCaptureMeta describes a captured image.
type HLSCaptureMeta struct {
	CreatedAt time.Time `json:"createdAt"`
	Width     int       `json:"width"`
	Height    int       `json:"height"`
	// Format is the image format; values the SDK does not know decode as they are.
	Format ImageFormat `json:"format"`
}

var errNoFilePath = errors.New(`response has no "filePath"`)

func (c *HLSCapture) validResponse() error {
	if c.FilePath == "" {
		return errNoFilePath
	}
	return nil
}

// Start starts an HLS stream of a room and returns it with its playback URLs.
// The POST is never retried after it may have reached the server.
//
// API: POST /v2/hls/start
func (s *HLSService) Start(ctx context.Context, p StartHLSParams) (*HLSStream, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callFor[HLSStream](ctx, s.client, "POST", "/v2/hls/start", nil, &p)
}

// Stop stops the room's HLS stream (or the one with p.ID). The endpoint index
// of the API reference lists /v2/hls/stop, but the endpoint pages, the
// official SDKs and the live API use /v2/hls/end, which is called here.
//
// API: POST /v2/hls/end
func (s *HLSService) Stop(ctx context.Context, p StopHLSParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/v2/hls/end", nil, &p, nil)
}

// List returns one page of HLS streams.
//
// API: GET /v2/hls
func (s *HLSService) List(ctx context.Context, p ListHLSParams) (*Page[HLSStream], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[HLSStream](ctx, s.client, "/v2/hls", p.values())
}

// All iterates over every HLS stream, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/hls
func (s *HLSService) All(ctx context.Context, p ListHLSParams) iter.Seq2[HLSStream, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[HLSStream], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns an HLS stream by id.
//
// API: GET /v2/hls/{hlsId}
func (s *HLSService) Get(ctx context.Context, hlsID string) (*HLSStream, error) {
	path, err := idPath("/v2/hls/%s", "hlsID", hlsID, reservedStreamSegments)
	if err != nil {
		return nil, err
	}
	return callFor[HLSStream](ctx, s.client, "GET", path, nil, nil)
}

// GetActive returns the HLS stream running in a room. When none runs the API
// answers 404: the error matches ErrNotFound.
//
// API: GET /v2/hls/{roomId}/active
func (s *HLSService) GetActive(ctx context.Context, roomID string) (*HLSStream, error) {
	path, err := pathf("/v2/hls/%s/active", []string{"roomID"}, roomID)
	if err != nil {
		return nil, err
	}
	var out activeHLS
	if err := s.client.do(ctx, "GET", path, nil, nil, &out); err != nil {
		return nil, err
	}
	h := out.Data
	h.Code = out.Code
	return h, nil
}

// Capture grabs a thumbnail of the room's running HLS stream.
//
// API: POST /v2/hls/capture
func (s *HLSService) Capture(ctx context.Context, p CaptureHLSParams) (*HLSCapture, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callFor[HLSCapture](ctx, s.client, "POST", "/v2/hls/capture", nil, &p)
}

// Delete deletes an HLS stream by id.
//
// API: DELETE /v2/hls/{hlsId}
func (s *HLSService) Delete(ctx context.Context, hlsID string) error {
	path, err := idPath("/v2/hls/%s", "hlsID", hlsID, reservedStreamSegments)
	if err != nil {
		return err
	}
	return s.client.do(ctx, "DELETE", path, nil, nil, nil)
}
