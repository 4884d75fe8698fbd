package videosdk

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// pngBase64 is a 1×1 PNG.
const pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

func TestTranscodingsMergeImageWatermark(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/merge", golden: "transcodings_merge_image", fixture: "transcodings_merge.json"})
	tr, err := c.Transcodings.Merge(context.Background(), MergeTranscodingParams{
		RecordingIDs: []string{"6697685c6eaaaac67ea18130", "6697685c6eaaaac67ea18131"},
		WebhookURL:   "https://www.example.com/",
		Task:         TranscodingCompositeMerge,
		Watermark: &TranscodingWatermark{
			Type:        WatermarkImage,
			Image:       "https://cdn.videosdk.live/branding/logo.png",
			ImageConfig: &WatermarkImageConfig{Position: PositionBottomRight, Margin: Ptr(20), Width: 120, Opacity: Float64(1)},
		},
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &Transcoding{
		ID:           "665fcf7f2abe9a2807e42700",
		RecordingIDs: []string{"6697685c6eaaaac67ea18130", "6697685c6eaaaac67ea18131"},
		RoomID:       "abcd-efgh-ijkl", SessionID: "6847c231fbaa8b416bc87014",
		Status: TranscodingStatusPending, Task: TranscodingCompositeMerge,
		StartedAt: ts("2025-06-10T05:45:02.730Z"),
	}, tr)
}

func TestTranscodingsMergeTimestampWatermark(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/merge", golden: "transcodings_merge_timestamp", fixture: "transcodings_merge.json"})
	_, err := c.Transcodings.Merge(context.Background(), MergeTranscodingParams{
		RecordingIDs: []string{"6697685c6eaaaac67ea18130"},
		Watermark: &TranscodingWatermark{
			Type:      WatermarkTimestamp,
			StartTime: time.Date(2026, 5, 5, 10, 0, 0, 0, time.UTC).UnixMilli(),
			Extra: map[string]any{"timestampConfig": map[string]any{
				"position": "top-left", "margin": 10, "fontSize": 28, "fontColor": "#FFFFFF",
				"boxColor": "black@0.5", "prefix": "Recorded ", "suffix": " UTC", "format": "%d %b %Y %H:%M:%S",
			}},
		},
	})
	require.NoError(t, err)
	check()
}

func TestTranscodingsMergeLatLongWatermark(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/merge", golden: "transcodings_merge_lat_long", fixture: "transcodings_merge.json"})
	_, err := c.Transcodings.Merge(context.Background(), MergeTranscodingParams{
		RecordingIDs: []string{"6697685c6eaaaac67ea18130", "6697685c6eaaaac67ea18131"},
		Watermark:    &TranscodingWatermark{Type: WatermarkLatLong, Lat: Float64(0), Long: Float64(-122.4194)},
	})
	require.NoError(t, err)
	check()
}

func TestTranscodingsMergeMinimal(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/merge", golden: "transcodings_merge_minimal", fixture: "transcodings_merge.json"})
	_, err := c.Transcodings.Merge(context.Background(), MergeTranscodingParams{RecordingIDs: []string{"6697685c6eaaaac67ea18130"}})
	require.NoError(t, err)
	check()
}

// TestTranscodingStartTimeForms: startTime is sent as the caller gave it.
func TestTranscodingStartTimeForms(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v    any
		wire string
	}{
		{int64(1746439200000), `1746439200000`},
		{1746439200, `1746439200`},
		{"1746439200", `"1746439200"`},
		{"2026-05-05T10:00:00", `"2026-05-05T10:00:00"`},
		{json.Number("1746439200000"), `1746439200000`},
		{1746439200000.0, `1746439200000`}, // a JSON config decodes numbers to float64
		{time.Date(2026, 5, 5, 10, 0, 0, 0, time.UTC), `"2026-05-05T10:00:00Z"`},
	} {
		w := TranscodingWatermark{Type: WatermarkTimestamp, StartTime: tc.v}
		require.NoError(t, w.check(), "%v", tc.v)
		b, err := json.Marshal(w)
		require.NoError(t, err)
		assert.JSONEq(t, `{"type":"timestamp","startTime":`+tc.wire+`}`, string(b))
	}
}

// TestTranscodingWatermarkFromJSONConfig: a watermark loaded from JSON keeps
// its typed fields and its undocumented style object.
func TestTranscodingWatermarkFromJSONConfig(t *testing.T) {
	t.Parallel()
	const cfg = `{"type":"lat_long","lat":18.5204,"long":73.8567,"latLongConfig":{"position":"bottom-left","fontSize":20}}`
	var w TranscodingWatermark
	require.NoError(t, json.Unmarshal([]byte(cfg), &w))
	assert.Equal(t, TranscodingWatermark{
		Type: WatermarkLatLong, Lat: Float64(18.5204), Long: Float64(73.8567),
		Extra: map[string]any{"latLongConfig": map[string]any{"position": "bottom-left", "fontSize": 20.0}},
	}, w)
	require.NoError(t, w.check())
	b, err := json.Marshal(w)
	require.NoError(t, err)
	assert.JSONEq(t, cfg, string(b))
}

func TestTranscodingsHLSToMP4(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/hls-to-mp4", golden: "transcodings_hls_to_mp4", fixture: "transcodings_hls_to_mp4.json"})
	tr, err := c.Transcodings.HLSToMP4(context.Background(), HLSToMP4Params{
		HLSID:      "6819e5c02c1e4a0013f0ac01",
		WebhookURL: "https://hooks.example.com/transcodings",
		Storage:    &TranscodingStorage{Type: StorageS3, Bucket: "example-recordings", DirPath: "hls-mp4/"},
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819f0012c1e4a0013f0ae01", tr.ID)
	assert.Equal(t, TranscodingHLSToMP4, tr.Task)
	assert.Equal(t, "6819e5c02c1e4a0013f0ac01", tr.HLSID)
	assert.Equal(t, "tq7v-m2xk-9hdp", tr.RoomID)
	assert.Nil(t, tr.RecordingIDs)
	assert.Nil(t, tr.StoppedAt)
}

func TestTranscodingsHLSToMP4BySession(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/hls-to-mp4", golden: "transcodings_hls_to_mp4_session", fixture: "transcodings_hls_to_mp4.json"})
	_, err := c.Transcodings.HLSToMP4(context.Background(), HLSToMP4Params{
		SessionID: "6819d4a02c1e4a0013f0aa10", Storage: &TranscodingStorage{Type: StorageBlob, Container: "recordings"},
	})
	require.NoError(t, err)
	check()
}

func TestTranscodingsMeetingRecordingMerge(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/meeting-recording-merge", golden: "transcodings_meeting_recording_merge", fixture: "transcodings_meeting_recording_merge.json"})
	tr, err := c.Transcodings.MeetingRecordingMerge(context.Background(), MeetingRecordingMergeParams{
		RecordingIDs: []MeetingRecordingRef{
			{ID: "6819e0112c1e4a0013f0ab20"},
			{ID: "6819e0aa2c1e4a0013f0ab30", PresignedURL: "https://bucket.example.com/in.mp4?sig=abc"},
		},
		WebhookURL:         "https://hooks.example.com/transcodings",
		PresignedOutputURL: "https://bucket.example.com/out.mp4?sig=def",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, TranscodingMeetingRecordingMerge, tr.Task)
	assert.Equal(t, []string{"6819e0112c1e4a0013f0ab20", "6819e0aa2c1e4a0013f0ab30"}, tr.RecordingIDs,
		"object entries echoed in the answer decode to their ids")
}

// TestMeetingRecordingRefWireForms: a bare id without a presigned URL, an
// object with one; both decode.
func TestMeetingRecordingRefWireForms(t *testing.T) {
	t.Parallel()
	refs := []MeetingRecordingRef{{ID: "a"}, {ID: "b", PresignedURL: "https://x.example.com/b.mp4"}}
	b, err := json.Marshal(refs)
	require.NoError(t, err)
	assert.JSONEq(t, `["a",{"id":"b","presignedUrl":"https://x.example.com/b.mp4"}]`, string(b))
	var back []MeetingRecordingRef
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, refs, back)
	var one MeetingRecordingRef
	assert.Error(t, json.Unmarshal([]byte(`5`), &one))
}

func TestTranscodingsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/transcodings/665fcf7f2abe9a2807e42700", fixture: "transcodings_get.json"})
	tr, err := c.Transcodings.Get(context.Background(), "665fcf7f2abe9a2807e42700")
	require.NoError(t, err)
	check()
	stopped := ts("2025-06-10T05:46:21.500Z")
	assert.Equal(t, &Transcoding{
		ID:           "665fcf7f2abe9a2807e42700",
		RecordingIDs: []string{"6697685c6eaaaac67ea18130", "6697685c6eaaaac67ea18131"},
		RoomID:       "abcd-efgh-ijkl", SessionID: "6847c231fbaa8b416bc87014",
		Status: TranscodingStatusCompleted, Task: TranscodingCompositeMerge,
		StartedAt: ts("2025-06-10T05:45:02.730Z"), StoppedAt: &stopped,
		File: &File{
			ID: "6846b93beabde2b7cbf44bb2", Type: "video", Size: 24862410,
			Meta:     FileMeta{Format: "mp4", Duration: 78, Resolution: &Resolution{Width: 1280, Height: 720}},
			FilePath: "recordings/composite-merge/<USER_ID>/665fcf7f2abe9a2807e42700.mp4", FileURL: "<CDN_URL>",
		},
		Webhook: &WebhookSummary{TotalCount: 2, SuccessCount: 1, Data: []WebhookDelivery{
			{Type: "composite-merge-started", Success: true}, {Type: "composite-merge-completed"},
		}},
	}, tr)
}

func TestTranscodingsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/transcodings", fixture: "transcodings_list.json", query: map[string]string{
		"roomId": "abcd-efgh-ijkl", "sessionId": "6847c231fbaa8b416bc87014", "hlsId": "6819e5c02c1e4a0013f0ac01",
		"status": "completed", "page": "1", "perPage": "1",
	}})
	page, err := c.Transcodings.List(context.Background(), ListTranscodingsParams{
		ListOptions: ListOptions{Page: 1, PerPage: 1}, RoomID: "abcd-efgh-ijkl", SessionID: "6847c231fbaa8b416bc87014",
		HLSID: "6819e5c02c1e4a0013f0ac01", Status: TranscodingStatusCompleted,
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 1, LastPage: 2, Total: 2}, page.PageInfo)
	require.Len(t, page.Data, 1)
	require.NotNil(t, page.Data[0].File)
	assert.Equal(t, "6846b93beabde2b7cbf44bb2", page.Data[0].File.ID)
	assert.True(t, page.HasNext())
}

func TestTranscodingsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/transcodings", "transcodings_list.json", "transcodings_list_page2.json")
	var got []Transcoding
	for tr, err := range c.Transcodings.All(context.Background(), ListTranscodingsParams{ListOptions: ListOptions{PerPage: 1}, Status: TranscodingStatusProcessing}) {
		require.NoError(t, err)
		got = append(got, tr)
	}
	require.Len(t, got, 2)
	assert.Equal(t, TranscodingStatusProcessing, got[1].Status)
	assert.Equal(t, TranscodingHLSToMP4, got[1].Task)
	assert.Equal(t, []map[string]string{
		{"page": "1", "perPage": "1", "status": "processing"},
		{"page": "2", "perPage": "1", "status": "processing"},
	}, pages())
}

func TestTranscodingsCancel(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/transcodings/665fcf7f2abe9a2807e42700/cancel", fixture: "transcodings_cancel.json"})
	require.NoError(t, c.Transcodings.Cancel(context.Background(), "665fcf7f2abe9a2807e42700"))
	check()
}

func TestTranscodingsCancelConflict(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testutil.URL("/v2/transcodings/665fcf7f2abe9a2807e42700/cancel"),
		jsonResponder(409, `{"message":"Transcoding is already completed."}`))
	err := c.Transcodings.Cancel(context.Background(), "665fcf7f2abe9a2807e42700")
	assert.ErrorIs(t, err, ErrConflict)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestTranscodingsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	merge := func(w *TranscodingWatermark, ids ...string) func() error {
		if ids == nil {
			ids = []string{"r1", "r2"}
		}
		return func() error {
			_, err := c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: ids, Watermark: w})
			return err
		}
	}
	img := func(cfg *WatermarkImageConfig) *TranscodingWatermark {
		return &TranscodingWatermark{Type: WatermarkImage, Image: "https://cdn.example.com/logo.png", ImageConfig: cfg}
	}
	ll := func(lat, long *float64) *TranscodingWatermark {
		return &TranscodingWatermark{Type: WatermarkLatLong, Lat: lat, Long: long}
	}
	stamp := func(v any) *TranscodingWatermark {
		return &TranscodingWatermark{Type: WatermarkTimestamp, StartTime: v}
	}
	jpegNoMagic := base64.StdEncoding.EncodeToString([]byte("GIF89a not a png or jpg"))
	calls := map[string]func() error{
		"merge no ids":    merge(nil, []string{}...),
		"merge blank id":  merge(nil, "r1", " "),
		"merge duplicate": merge(nil, "r1", "r1"),
		"merge webhook": func() error {
			_, err := c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{"r1"}, WebhookURL: "www.example.com"})
			return err
		},
		"merge task": func() error {
			_, err := c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{"r1"}, Task: TranscodingHLSToMP4})
			return err
		},
		"wm no type":          merge(&TranscodingWatermark{Image: "https://cdn.example.com/logo.png"}),
		"wm bad type":         merge(&TranscodingWatermark{Type: "text"}),
		"image missing":       merge(&TranscodingWatermark{Type: WatermarkImage}),
		"image ftp":           merge(&TranscodingWatermark{Type: WatermarkImage, Image: "ftp://cdn.example.com/logo.png"}),
		"image not base64":    merge(&TranscodingWatermark{Type: WatermarkImage, Image: "logo.png"}),
		"image gif":           merge(&TranscodingWatermark{Type: WatermarkImage, Image: jpegNoMagic}),
		"image data gif":      merge(&TranscodingWatermark{Type: WatermarkImage, Image: "data:image/gif;base64," + pngBase64}),
		"image data no b64":   merge(&TranscodingWatermark{Type: WatermarkImage, Image: "data:image/png," + pngBase64}),
		"image no host":       merge(&TranscodingWatermark{Type: WatermarkImage, Image: "https:///logo.png"}),
		"position":            merge(img(&WatermarkImageConfig{Position: "middle"})),
		"margin":              merge(img(&WatermarkImageConfig{Margin: Ptr(-1)})),
		"width":               merge(img(&WatermarkImageConfig{Width: -5})),
		"opacity high":        merge(img(&WatermarkImageConfig{Opacity: Float64(1.01)})),
		"opacity low":         merge(img(&WatermarkImageConfig{Opacity: Float64(-0.1)})),
		"opacity NaN":         merge(img(&WatermarkImageConfig{Opacity: Float64(math.NaN())})),
		"image + startTime":   merge(&TranscodingWatermark{Type: WatermarkImage, Image: "https://cdn.example.com/l.png", StartTime: "1746439200"}),
		"image + lat":         merge(&TranscodingWatermark{Type: WatermarkImage, Image: "https://cdn.example.com/l.png", Lat: Float64(1)}),
		"timestamp + image":   merge(&TranscodingWatermark{Type: WatermarkTimestamp, StartTime: "1746439200", Image: "https://cdn.example.com/l.png"}),
		"timestamp missing":   merge(stamp(nil)),
		"timestamp blank":     merge(stamp("  ")),
		"timestamp negative":  merge(stamp(-1)),
		"timestamp NaN":       merge(stamp(math.NaN())),
		"timestamp inf":       merge(stamp(math.Inf(1))),
		"timestamp bad num":   merge(stamp(json.Number("12x"))),
		"timestamp zero time": merge(stamp(time.Time{})),
		"timestamp bool":      merge(stamp(true)),
		"timestamp map":       merge(stamp(map[string]any{"t": 1})),
		"lat_long no lat":     merge(ll(nil, Float64(1))),
		"lat_long no long":    merge(ll(Float64(1), nil)),
		"lat high":            merge(ll(Float64(90.01), Float64(0))),
		"lat low":             merge(ll(Float64(-91), Float64(0))),
		"long high":           merge(ll(Float64(0), Float64(180.5))),
		"long low":            merge(ll(Float64(0), Float64(-181))),
		"lat NaN":             merge(ll(Float64(math.NaN()), Float64(0))),
		"lat_long + start":    merge(&TranscodingWatermark{Type: WatermarkLatLong, Lat: Float64(1), Long: Float64(1), StartTime: 1}),
		"extra repeats type":  merge(&TranscodingWatermark{Type: WatermarkLatLong, Lat: Float64(1), Long: Float64(1), Extra: map[string]any{"TYPE": "x"}}),
		"extra empty key":     merge(&TranscodingWatermark{Type: WatermarkLatLong, Lat: Float64(1), Long: Float64(1), Extra: map[string]any{" ": 1}}),
		"hls none": func() error {
			_, err := c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{WebhookURL: "https://x.example.com"})
			return err
		},
		"hls blank": func() error { _, err := c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{RoomID: " "}); return err },
		"hls storage no type": func() error {
			_, err := c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{HLSID: "h", Storage: &TranscodingStorage{Bucket: "b"}})
			return err
		},
		"hls storage type": func() error {
			_, err := c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{HLSID: "h", Storage: &TranscodingStorage{Type: "dropbox"}})
			return err
		},
		"hls webhook": func() error {
			_, err := c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{HLSID: "h", WebhookURL: "/hook"})
			return err
		},
		"mrm empty": func() error {
			_, err := c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{})
			return err
		},
		"mrm no id": func() error {
			_, err := c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{RecordingIDs: []MeetingRecordingRef{{PresignedURL: "https://x.example.com/a.mp4"}}})
			return err
		},
		"mrm presigned": func() error {
			_, err := c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{RecordingIDs: []MeetingRecordingRef{{ID: "a", PresignedURL: "bucket/a.mp4"}}})
			return err
		},
		"mrm output": func() error {
			_, err := c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{RecordingIDs: []MeetingRecordingRef{{ID: "a"}}, PresignedOutputURL: "out.mp4"})
			return err
		},
		"list status": func() error {
			_, err := c.Transcodings.List(ctx, ListTranscodingsParams{Status: "running"})
			return err
		},
		"list page": func() error {
			_, err := c.Transcodings.List(ctx, ListTranscodingsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"all status": func() error {
			for _, err := range c.Transcodings.All(ctx, ListTranscodingsParams{Status: "done"}) {
				return err
			}
			return nil
		},
		"get empty":       func() error { _, err := c.Transcodings.Get(ctx, ""); return err },
		"get dotdot":      func() error { _, err := c.Transcodings.Get(ctx, ".."); return err },
		"get endpoint":    func() error { _, err := c.Transcodings.Get(ctx, "merge"); return err },
		"cancel empty":    func() error { return c.Transcodings.Cancel(ctx, "") },
		"cancel slash":    func() error { return c.Transcodings.Cancel(ctx, "a/b") },
		"cancel endpoint": func() error { return c.Transcodings.Cancel(ctx, "hls-to-mp4") },
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}

// TestTranscodingImageForms: every documented image form is accepted.
func TestTranscodingImageForms(t *testing.T) {
	t.Parallel()
	jpeg := base64.StdEncoding.EncodeToString([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'})
	for _, img := range []string{
		"https://cdn.videosdk.live/branding/logo.png",
		"http://cdn.example.com/logo.jpg",
		pngBase64,
		"data:image/png;base64," + pngBase64,
		jpeg,
		"data:image/jpeg;base64," + jpeg,
	} {
		w := TranscodingWatermark{Type: WatermarkImage, Image: img}
		assert.NoError(t, w.check(), img)
	}
}
