package videosdk

import (
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHLSStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/hls/start", golden: "hls_start", fixture: "hls_start.json"})
	h, err := c.HLS.Start(context.Background(), StartHLSParams{
		RoomID: "tq7v-m2xk-9hdp",
		Config: &CompositionConfig{
			Layout:      &Layout{Type: LayoutGrid, Priority: PrioritySpeaker, GridSize: 25},
			Theme:       ThemeDark,
			Mode:        ModeVideoAndAudio,
			Quality:     QualityHigh,
			Orientation: OrientationPortrait,
			Recording:   &RecordingToggle{Enabled: true},
		},
		TemplateURL:   "https://layouts.example.com/hls",
		Transcription: &Transcription{Enabled: true, Summary: &Summary{Enabled: true, Prompt: "Summarise for viewers"}},
		WebhookURL:    "https://hooks.example.com/hls",
		Recording:     &RecordingToggle{Enabled: true},
		ResourceID:    "res-0003",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e5c02c1e4a0013f0ac01", h.ID)
	assert.Equal(t, "tq7v-m2xk-9hdp", h.RoomID)
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", h.SessionID)
	assert.Equal(t, time.Date(2025, 5, 6, 10, 15, 44, 18e6, time.UTC), h.Start)
	assert.Nil(t, h.End)
	assert.Equal(t, "https://cdn.videosdk.live/meetings-hls/0f3c9b1e-5a77-4e0e-9d2b-11c2a3b4c5d6/index.m3u8", h.PlaybackHLSURL)
	assert.Equal(t, "https://cdn.videosdk.live/meetings-hls/0f3c9b1e-5a77-4e0e-9d2b-11c2a3b4c5d6/live.m3u8", h.LivestreamURL)
	assert.Equal(t, h.PlaybackHLSURL, h.DownstreamURL) // the deprecated field must still decode
	require.NotNil(t, h.Links)
	assert.Equal(t, "https://api.videosdk.live/v2/sessions/6819d4a02c1e4a0013f0aa10", h.Links.GetSession)
	assert.Equal(t, "cmp-us002-7f3a", h.ComposerID)
	assert.Equal(t, ModeVideoAndAudio, h.Mode)
	assert.Equal(t, QualityHigh, h.Quality)
	assert.Equal(t, OrientationPortrait, h.Orientation)
	require.Len(t, h.CaptureLog, 1)
	assert.JSONEq(t, `{"time":"2025-05-06T10:20:31.448Z","filePath":"https://cdn.videosdk.live/thumbnail/tq7v-m2xk-9hdp-1746526831.png"}`, string(h.CaptureLog[0]))
	assert.JSONEq(t, `{"enabled":false}`, string(h.Encryption))
	require.NotNil(t, h.Webhook)
	assert.Equal(t, []WebhookDelivery{{Type: "hls-started", Success: true}}, h.Webhook.Data)
}

func TestHLSStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/hls/end", golden: "hls_stop"})
	require.NoError(t, c.HLS.Stop(context.Background(), StopHLSParams{RoomID: "tq7v-m2xk-9hdp", ID: "6819e5c02c1e4a0013f0ac01"}))
	check()
}

func TestHLSList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/hls", fixture: "hls_list.json", query: map[string]string{
		"roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10", "query": "q", "page": "2",
	}})
	page, err := c.HLS.List(context.Background(), ListHLSParams{
		ListOptions: ListOptions{Page: 2}, RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10", Query: "q",
	})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 1)
	h := page.Data[0]
	require.NotNil(t, h.End)
	assert.Equal(t, time.Date(2025, 5, 6, 10, 40, 1, 522e6, time.UTC), *h.End)
	assert.InDelta(t, 1457.5, h.Duration, 1e-9)
	assert.Empty(t, h.LivestreamURL)
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 20, LastPage: 1, Total: 1}, page.PageInfo)
}

func TestHLSGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/hls/6819e5c02c1e4a0013f0ac01", fixture: "hls_get.json"})
	h, err := c.HLS.Get(context.Background(), "6819e5c02c1e4a0013f0ac01")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e5c02c1e4a0013f0ac01", h.ID)
	assert.Equal(t, QualityUltra, h.Quality)
	assert.Equal(t, ModeAudio, h.Mode)
	assert.Equal(t, OrientationLandscape, h.Orientation)
	assert.InDelta(t, 1457.5, h.Duration, 1e-9)
}

func TestHLSGetActive(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/hls/tq7v-m2xk-9hdp/active", fixture: "hls_active.json"})
	h, err := c.HLS.GetActive(context.Background(), "tq7v-m2xk-9hdp")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e5c02c1e4a0013f0ac01", h.ID, "unwrapped from {code,data}")
	assert.Equal(t, "tq7v-m2xk-9hdp", h.RoomID, "from legacy meetingId")
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", h.SessionID)
	assert.Nil(t, h.End)
	assert.Equal(t, "https://cdn.videosdk.live/meetings-hls/0f3c9b1e-5a77-4e0e-9d2b-11c2a3b4c5d6/live.m3u8", h.LivestreamURL)
	assert.Equal(t, 200, h.Code, "the wrapper's code is kept")
}

func TestHLSGetActiveNone(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", "=~/v2/hls/tq7v-m2xk-9hdp/active$", jsonResponder(404, `{"message":"No active HLS found."}`))
	h, err := c.HLS.GetActive(context.Background(), "tq7v-m2xk-9hdp")
	assert.Nil(t, h)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.True(t, IsNotFound(err))
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestHLSCapture(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/hls/capture", golden: "hls_capture", fixture: "hls_capture.json"})
	capt, err := c.HLS.Capture(context.Background(), CaptureHLSParams{RoomID: "tq7v-m2xk-9hdp", Time: Ptr(12.5), Width: 854, Height: 480, Format: ImageFormatPNG})
	require.NoError(t, err)
	check()
	assert.Equal(t, "thumbnail ready", capt.Message)
	assert.Equal(t, "tq7v-m2xk-9hdp", capt.RoomID)
	assert.Equal(t, HLSCaptureMeta{CreatedAt: time.Date(2025, 5, 6, 10, 20, 31, 448e6, time.UTC), Width: 854, Height: 480, Format: ImageFormatPNG}, capt.Meta)
	assert.Equal(t, "https://cdn.videosdk.live/thumbnail/tq7v-m2xk-9hdp-1746526831.png", capt.FilePath)
	assert.Equal(t, int64(198233), capt.FileSize)
	assert.Equal(t, "tq7v-m2xk-9hdp-1746526831", capt.FileName)
}

// TestHLSCaptureTimeZero: time 0 (the first second) is sent, unset is omitted.
func TestHLSCaptureTimeZero(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/hls/capture", golden: "hls_capture_time_zero", fixture: "hls_capture.json"})
	_, err := c.HLS.Capture(context.Background(), CaptureHLSParams{RoomID: "tq7v-m2xk-9hdp", Time: Float64(0)})
	require.NoError(t, err)
	check()

	b, err := json.Marshal(CaptureHLSParams{RoomID: "r"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"roomId":"r"}`, string(b), "unset time means now and is omitted")
	b, err = json.Marshal(CaptureHLSParams{RoomID: "r", Time: Ptr(0.0)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"roomId":"r","time":0}`, string(b))
}

func TestHLSDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/hls/6819e5c02c1e4a0013f0ac01"})
	require.NoError(t, c.HLS.Delete(context.Background(), "6819e5c02c1e4a0013f0ac01"))
	check()
}

func TestHLSAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/hls", "hls_list.json")
	n := 0
	for h, err := range c.HLS.All(context.Background(), ListHLSParams{RoomID: "tq7v-m2xk-9hdp"}) {
		require.NoError(t, err)
		assert.Equal(t, "6819e5c02c1e4a0013f0ac01", h.ID)
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, []map[string]string{{"page": "1", "roomId": "tq7v-m2xk-9hdp"}}, pages())
}

// TestHLSUnknownEnumsDecode: response enums the SDK does not know are kept.
func TestHLSUnknownEnumsDecode(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", "=~/v2/hls/h1$", jsonResponder(200,
		`{"id":"h1","roomId":"r","start":"2025-05-06T10:15:44.018Z","end":null,"mode":"video-only","quality":"4k","orientation":"square","extra":{"x":1}}`))
	h, err := c.HLS.Get(context.Background(), "h1")
	require.NoError(t, err)
	assert.Equal(t, Mode("video-only"), h.Mode)
	assert.Equal(t, Quality("4k"), h.Quality)
	assert.Equal(t, Orientation("square"), h.Orientation)
}

func TestHLSInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	const room = "tq7v-m2xk-9hdp"
	start := func(p StartHLSParams) func() error {
		return func() error { _, err := c.HLS.Start(ctx, p); return err }
	}
	capture := func(p CaptureHLSParams) func() error {
		return func() error { _, err := c.HLS.Capture(ctx, p); return err }
	}
	calls := map[string]func() error{
		"start no room":     start(StartHLSParams{}),
		"start layout":      start(StartHLSParams{RoomID: room, Config: &CompositionConfig{Layout: &Layout{Type: "PIP"}}}),
		"start gridSize":    start(StartHLSParams{RoomID: room, Config: &CompositionConfig{Layout: &Layout{GridSize: 30}}}),
		"start quality":     start(StartHLSParams{RoomID: room, Config: &CompositionConfig{Quality: "HIGH"}}),
		"start template":    start(StartHLSParams{RoomID: room, TemplateURL: "not a url"}),
		"start webhook":     start(StartHLSParams{RoomID: room, WebhookURL: "mailto:ops@example.com"}),
		"start summary":     start(StartHLSParams{RoomID: room, Transcription: &Transcription{Summary: &Summary{Enabled: true}}}),
		"start top summary": start(StartHLSParams{RoomID: room, Summary: &Summary{Enabled: true}}),
		"stop no room":      func() error { return c.HLS.Stop(ctx, StopHLSParams{}) },
		"get empty":         func() error { _, err := c.HLS.Get(ctx, ""); return err },
		"get dotdot":        func() error { _, err := c.HLS.Get(ctx, ".."); return err },
		"get endpoint":      func() error { _, err := c.HLS.Get(ctx, "capture"); return err },
		"active empty":      func() error { _, err := c.HLS.GetActive(ctx, ""); return err },
		"active dot":        func() error { _, err := c.HLS.GetActive(ctx, "."); return err },
		"active slash":      func() error { _, err := c.HLS.GetActive(ctx, "r/active/../x"); return err },
		"delete dotdot":     func() error { return c.HLS.Delete(ctx, "..") },
		"delete endpoint":   func() error { return c.HLS.Delete(ctx, "start") },
		"capture no room":   capture(CaptureHLSParams{Time: Ptr(1.0)}),
		"capture neg time":  capture(CaptureHLSParams{RoomID: room, Time: Ptr(-1.0)}),
		"capture nan":       capture(CaptureHLSParams{RoomID: room, Time: Ptr(math.NaN())}),
		"capture inf":       capture(CaptureHLSParams{RoomID: room, Time: Ptr(math.Inf(1))}),
		"capture width":     capture(CaptureHLSParams{RoomID: room, Width: -1}),
		"capture format":    capture(CaptureHLSParams{RoomID: room, Format: "gif"}),
		"capture webp+time": capture(CaptureHLSParams{RoomID: room, Format: ImageFormatWebP, Time: Ptr(3.0)}),
		"list perPage": func() error {
			_, err := c.HLS.List(ctx, ListHLSParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}

// TestHLSStartDocsBody: a body written after the HLS docs (summary at the top
// level) decodes into StartHLSParams and is sent unchanged.
func TestHLSStartDocsBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/hls/start", golden: "hls_start_docs", fixture: "hls_start.json"})
	var p StartHLSParams
	require.NoError(t, json.Unmarshal([]byte(`{"roomId":"abc-xyzw-lmno","templateUrl":"https://www.example.com/?meetingId=abc-xyzw-lmno",
		"transcription":{"enabled":true},"summary":{"enabled":true,"prompt":"Key points"},
		"config":{"layout":{"type":"GRID","priority":"SPEAKER","gridSize":9},"theme":"DEFAULT","mode":"video-and-audio","quality":"high","orientation":"landscape","recording":{"enabled":true}}}`), &p))
	_, err := c.HLS.Start(context.Background(), p)
	require.NoError(t, err)
	check()
}

func TestHLSCaptureWebPRealTime(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/hls/capture", golden: "hls_capture_webp", fixture: "hls_capture.json"})
	_, err := c.HLS.Capture(context.Background(), CaptureHLSParams{RoomID: "tq7v-m2xk-9hdp", Format: ImageFormatWebP})
	require.NoError(t, err)
	check()
}
