package videosdk

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestCompositeRecordingsStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/composite/start", golden: "composite_recordings_start", fixture: "composite_recordings_start.json"})
	res, err := c.CompositeRecordings.Start(context.Background(), StartCompositeRecordingParams{
		RoomID: "abcd-efgh-ijkl",
		Participants: []CompositeParticipant{
			{ParticipantID: "abcd", Kind: TrackKinds{TrackKindVideo}},
			{ParticipantID: "efgh", Kind: TrackKinds{TrackKindAudio, TrackKindScreenVideo}},
			{ParticipantID: "ijkl"},
		},
		Watermarks: []CompositeWatermark{
			{Type: CompositeWatermarkCustom, ImageURL: "https://cdn.example.com/logo.png", Text: "Standup", Timezone: "Asia/Kolkata"},
			{Type: CompositeWatermarkPubSub, Topic: "CAPTIONS", Extra: map[string]any{"position": "bottom-left"}},
		},
		WebhookURL:    "https://hooks.example.com/composite",
		BucketDirPath: "composite/2025-09/",
		PreSignedURL:  "https://bucket.example.com/out.webm?sig=abc",
		FileFormat:    FileFormatWebM,
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &StartResult{ID: "68af636ba82f1564485f9e3c", RoomID: "abcd-efgh-ijkl", SessionID: "68beb682f3d6c8895ed25299", StartedAt: startClockTime}, res)
}

// TestCompositeRecordingsStartSentence: the start answer was not captured in
// the docs; a bare sentence is success with an empty ID, and the room comes
// from the request.
func TestCompositeRecordingsStartSentence(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	mt.RegisterResponder("POST", testutil.URL("/v2/recordings/composite/start"), jsonResponder(200, `"Composite recording started"`))
	res, err := c.CompositeRecordings.Start(context.Background(), StartCompositeRecordingParams{RoomID: "abcd-efgh-ijkl"})
	require.NoError(t, err)
	assert.Equal(t, &StartResult{RoomID: "abcd-efgh-ijkl", Message: "Composite recording started", StartedAt: startClockTime}, res)
}

func TestCompositeRecordingsStartMinimal(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/composite/start", golden: "composite_recordings_start_minimal", fixture: "composite_recordings_start.json"})
	_, err := c.CompositeRecordings.Start(context.Background(), StartCompositeRecordingParams{RoomID: "abcd-efgh-ijkl"})
	require.NoError(t, err)
	check()
}

func TestCompositeRecordingsStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/composite/stop", golden: "composite_recordings_stop"})
	require.NoError(t, c.CompositeRecordings.Stop(context.Background(), StopCompositeRecordingParams{RoomID: "abcd-efgh-ijkl", RecordingID: "68af636ba82f1564485f9e3c"}))
	check()
}

func TestCompositeRecordingsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/composite/68bec210ec765e266517c8f4", fixture: "composite_recordings_get.json"})
	r, err := c.CompositeRecordings.Get(context.Background(), "68bec210ec765e266517c8f4")
	require.NoError(t, err)
	check()
	assert.Equal(t, "68bec210ec765e266517c8f4", r.ID)
	assert.Equal(t, "s87z-lvsj-riwb", r.RoomID, "from legacy meetingId")
	assert.Equal(t, "68beb682f3d6c8895ed25299", r.SessionID)
	assert.Equal(t, []CompositeParticipant{
		{ParticipantID: "abcd", Kind: TrackKinds{TrackKindVideo}},
		{ParticipantID: "efgh", Kind: TrackKinds{TrackKindAudio, TrackKindScreenVideo}},
	}, r.Participants, "kind decodes from a string and from an array")
	assert.Equal(t, FileFormatWebM, r.FileFormat)
	assert.Equal(t, ts("2025-09-08T11:46:26.599Z"), r.Start)
	require.NotNil(t, r.End)
	assert.Equal(t, ts("2025-09-08T11:47:40.274Z"), *r.End)
	assert.Equal(t, "68bec25cf3d6c8895e14d9fd", r.FileID)
	require.NotNil(t, r.File)
	created := ts("2025-09-08T11:47:41.020Z")
	assert.Equal(t, &File{
		ID:       "68bec25cf3d6c8895e14d9fd", // from "_id"
		FilePath: "individual-recordings/68beb682f3d6c8895ed25299/composite_recording_1757331986657.webm",
		FileURL:  "https://cdn.videosdk.live/individual-recordings/68beb682f3d6c8895ed25299/composite_recording_1757331986657.webm",
		Size:     708352, Type: "video",
		Meta:   FileMeta{Resolution: &Resolution{Width: 800, Height: 600}, Format: "WebM", Duration: 73},
		Ratio:  map[string]float64{"4:3": 1.3333},
		UserID: "65a0f1e2d3c4b5a697887766", CreatedAt: &created, UpdatedAt: &created,
	}, r.File)
}

func TestCompositeRecordingsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/composite", fixture: "composite_recordings_list.json", query: map[string]string{
		"roomId": "s87z-lvsj-riwb", "sessionId": "68beb682f3d6c8895ed25299", "page": "1", "perPage": "1",
	}})
	page, err := c.CompositeRecordings.List(context.Background(), ListCompositeRecordingsParams{
		ListOptions: ListOptions{Page: 1, PerPage: 1}, RoomID: "s87z-lvsj-riwb", SessionID: "68beb682f3d6c8895ed25299",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 1, LastPage: 2, Total: 2}, page.PageInfo)
	require.Len(t, page.Data, 1)
	r := page.Data[0]
	assert.Equal(t, "s87z-lvsj-riwb", r.RoomID)
	assert.Equal(t, []CompositeParticipant{}, r.Participants)
	require.NotNil(t, r.File)
	assert.Equal(t, "68bec25cf3d6c8895e14d9fd", r.File.ID)
	assert.True(t, page.HasNext())
}

func TestCompositeRecordingsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/recordings/composite", "composite_recordings_list.json", "composite_recordings_list_page2.json")
	var got []CompositeRecording
	for r, err := range c.CompositeRecordings.All(context.Background(), ListCompositeRecordingsParams{ListOptions: ListOptions{PerPage: 1}, RoomID: "s87z-lvsj-riwb"}) {
		require.NoError(t, err)
		got = append(got, r)
	}
	require.Len(t, got, 2)
	assert.Equal(t, "68bec3aaec765e266517c900", got[1].ID)
	assert.Nil(t, got[1].End, "still recording")
	assert.Nil(t, got[1].File)
	assert.Equal(t, TrackKinds{TrackKindAudio, TrackKindVideo, TrackKindScreenAudio, TrackKindScreenVideo}, got[1].Participants[0].Kind)
	assert.Equal(t, []map[string]string{
		{"page": "1", "perPage": "1", "roomId": "s87z-lvsj-riwb"},
		{"page": "2", "perPage": "1", "roomId": "s87z-lvsj-riwb"},
	}, pages())
}

func TestCompositeRecordingsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/recordings/composite/68bec210ec765e266517c8f4"})
	require.NoError(t, c.CompositeRecordings.Delete(context.Background(), "68bec210ec765e266517c8f4"))
	check()
}

func TestCompositeRecordingsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	start := func(p StartCompositeRecordingParams) func() error {
		return func() error { _, err := c.CompositeRecordings.Start(ctx, p); return err }
	}
	const room = "abcd-efgh-ijkl"
	wm := CompositeWatermark{Type: CompositeWatermarkCustom, Text: "x"}
	calls := map[string]func() error{
		"start no room":      start(StartCompositeRecordingParams{}),
		"start blank room":   start(StartCompositeRecordingParams{RoomID: " "}),
		"start no pid":       start(StartCompositeRecordingParams{RoomID: room, Participants: []CompositeParticipant{{Kind: TrackKinds{TrackKindVideo}}}}),
		"start bad kind":     start(StartCompositeRecordingParams{RoomID: room, Participants: []CompositeParticipant{{ParticipantID: "p", Kind: TrackKinds{"webcam"}}}}),
		"start empty kind":   start(StartCompositeRecordingParams{RoomID: room, Participants: []CompositeParticipant{{ParticipantID: "p", Kind: TrackKinds{TrackKindAudio, ""}}}}),
		"start 4 watermarks": start(StartCompositeRecordingParams{RoomID: room, Watermarks: []CompositeWatermark{wm, wm, wm, wm}}),
		"start wm no type":   start(StartCompositeRecordingParams{RoomID: room, Watermarks: []CompositeWatermark{{Text: "x"}}}),
		"start wm bad type":  start(StartCompositeRecordingParams{RoomID: room, Watermarks: []CompositeWatermark{{Type: "image"}}}),
		"start wm image url": start(StartCompositeRecordingParams{RoomID: room, Watermarks: []CompositeWatermark{{Type: CompositeWatermarkCustom, ImageURL: "logo.png"}}}),
		"start wm extra dup": start(StartCompositeRecordingParams{RoomID: room, Watermarks: []CompositeWatermark{{Type: CompositeWatermarkPubSub, Extra: map[string]any{"Topic": "x"}}}}),
		"start wm extra ''":  start(StartCompositeRecordingParams{RoomID: room, Watermarks: []CompositeWatermark{{Type: CompositeWatermarkPubSub, Extra: map[string]any{"": "x"}}}}),
		"start webhook":      start(StartCompositeRecordingParams{RoomID: room, WebhookURL: "hooks.example.com"}),
		"start presigned":    start(StartCompositeRecordingParams{RoomID: room, PreSignedURL: "s3://bucket/key"}),
		"start format":       start(StartCompositeRecordingParams{RoomID: room, FileFormat: FileFormatMP3}),
		"stop no room":       func() error { return c.CompositeRecordings.Stop(ctx, StopCompositeRecordingParams{RecordingID: "r"}) },
		"stop no id":         func() error { return c.CompositeRecordings.Stop(ctx, StopCompositeRecordingParams{RoomID: room}) },
		"get empty":          func() error { _, err := c.CompositeRecordings.Get(ctx, ""); return err },
		"get dotdot":         func() error { _, err := c.CompositeRecordings.Get(ctx, ".."); return err },
		"get slash":          func() error { _, err := c.CompositeRecordings.Get(ctx, "a/b"); return err },
		"get endpoint":       func() error { _, err := c.CompositeRecordings.Get(ctx, "start"); return err },
		"delete empty":       func() error { return c.CompositeRecordings.Delete(ctx, " ") },
		"delete endpoint":    func() error { return c.CompositeRecordings.Delete(ctx, "stop") },
		"list page": func() error {
			_, err := c.CompositeRecordings.List(ctx, ListCompositeRecordingsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"all perPage": func() error {
			for _, err := range c.CompositeRecordings.All(ctx, ListCompositeRecordingsParams{ListOptions: ListOptions{PerPage: maxPerPage + 1}}) {
				return err
			}
			return nil
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}

// TestTrackKindsWireForms: one kind is a bare string, several an array; both
// decode, and null or "" is no kind.
func TestTrackKindsWireForms(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		kinds TrackKinds
		wire  string
	}{
		{TrackKinds{TrackKindVideo}, `"video"`},
		{TrackKinds{TrackKindAudio, TrackKindVideo}, `["audio","video"]`},
		{TrackKinds{}, `[]`},
	} {
		b, err := json.Marshal(tc.kinds)
		require.NoError(t, err)
		assert.JSONEq(t, tc.wire, string(b))
		var back TrackKinds
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, tc.kinds, back)
	}
	for wire, want := range map[string]TrackKinds{`null`: nil, `""`: nil, `["screen_audio"]`: {TrackKindScreenAudio}} {
		var got TrackKinds
		require.NoError(t, json.Unmarshal([]byte(wire), &got), wire)
		assert.Equal(t, want, got, wire)
	}
	for _, bad := range []string{`1`, `{"kind":"video"}`, `[1]`} {
		var got TrackKinds
		assert.Error(t, json.Unmarshal([]byte(bad), &got), bad)
	}
	b, err := json.Marshal(CompositeParticipant{ParticipantID: "p"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"participantId":"p"}`, string(b), "no kind: omitted")
}

// TestCompositeWatermarkExtra: Extra members travel in the same object and
// come back from JSON config.
func TestCompositeWatermarkExtra(t *testing.T) {
	t.Parallel()
	w := CompositeWatermark{Type: CompositeWatermarkCustom, Text: "Live", Extra: map[string]any{"fontSize": 24.0, "position": "top-left"}}
	b, err := json.Marshal(w)
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"custom","text":"Live","fontSize":24,"position":"top-left"}`, string(b))
	var back CompositeWatermark
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, w, back)

	b, err = json.Marshal(CompositeWatermark{Type: CompositeWatermarkPubSub, Topic: "T"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"pubsub","topic":"T"}`, string(b))
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Nil(t, back.Extra)

	_, err = json.Marshal(CompositeWatermark{Type: CompositeWatermarkPubSub, Extra: map[string]any{"type": "custom"}})
	assert.Error(t, err, "an Extra key repeating a field would send it twice")
}
