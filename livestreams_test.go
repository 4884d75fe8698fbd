package videosdk

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLivestreamsStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/livestreams/start", golden: "livestreams_start", fixture: "livestreams_start.json"})
	res, err := c.Livestreams.Start(context.Background(), StartLivestreamParams{
		RoomID: "tq7v-m2xk-9hdp",
		Outputs: []RTMPOutput{
			{URL: "rtmp://a.rtmp.youtube.com/live2", StreamKey: "yt-key-0001"},
			{URL: "rtmps://live-api-s.facebook.com:443/rtmp/", StreamKey: "FB-demo-0002"},
		},
		Config: &CompositionConfig{
			Layout:    &Layout{Type: LayoutSidebar, Priority: PrioritySpeaker, GridSize: 3},
			Theme:     ThemeDefault,
			Recording: &RecordingToggle{Enabled: true},
		},
		TemplateURL:   "https://layouts.example.com/stage",
		Transcription: &Transcription{Enabled: true},
		ResourceID:    "res-0002",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &StartResult{RoomID: "tq7v-m2xk-9hdp", Message: "RTMP output start accepted", StartedAt: startClockTime}, res)
}

func TestLivestreamsStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/livestreams/end", golden: "livestreams_stop"})
	require.NoError(t, c.Livestreams.Stop(context.Background(), StopLivestreamParams{RoomID: "tq7v-m2xk-9hdp"}))
	check()
}

func TestLivestreamsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/livestreams", fixture: "livestreams_list.json", query: map[string]string{
		"roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10", "query": "team-standup-42", "page": "1", "perPage": "20",
	}})
	page, err := c.Livestreams.List(context.Background(), ListLivestreamsParams{
		ListOptions: ListOptions{Page: 1, PerPage: 20}, RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10", Query: "team-standup-42",
	})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 1)
	l := page.Data[0]
	assert.Equal(t, "6819e3102c1e4a0013f0ab80", l.ID)
	assert.Equal(t, "tq7v-m2xk-9hdp", l.RoomID)
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", l.SessionID)
	assert.Equal(t, []RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "sk-demo-0001"}}, l.Outputs)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 25, 0, 310e6, time.UTC), l.Start)
	require.NotNil(t, l.End)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 45, 12, 4e6, time.UTC), *l.End)
	assert.False(t, page.HasNext())
}

func TestLivestreamsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/livestreams/6819e3102c1e4a0013f0ab81", fixture: "livestreams_get.json"})
	l, err := c.Livestreams.Get(context.Background(), "6819e3102c1e4a0013f0ab81")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e3102c1e4a0013f0ab81", l.ID)
	require.Len(t, l.Outputs, 2)
	assert.Equal(t, RTMPOutput{URL: "rtmps://live-api-s.facebook.com:443/rtmp/", StreamKey: "FB-demo-0002"}, l.Outputs[1])
	assert.Nil(t, l.End, "end is null while streaming")
	assert.Equal(t, "cmp-us002-7f3a", l.ComposerID)
	assert.Equal(t, "us002", l.Region)
	require.NotNil(t, l.Webhook)
	assert.Equal(t, []WebhookDelivery{{Type: "livestream-started", Success: true}}, l.Webhook.Data)
	require.NotNil(t, l.Links)
	assert.Equal(t, "https://api.videosdk.live/v2/rooms/tq7v-m2xk-9hdp", l.Links.GetRoom)
}

func TestLivestreamsGetLegacyMeetingID(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", "=~/v2/livestreams/l1$", jsonResponder(200, `{"id":"l1","meetingId":"tq7v-m2xk-9hdp","outputs":[],"start":"2025-05-06T09:25:00.310Z","end":null}`))
	l, err := c.Livestreams.Get(context.Background(), "l1")
	require.NoError(t, err)
	assert.Equal(t, "tq7v-m2xk-9hdp", l.RoomID)
}

func TestLivestreamsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/livestreams", "livestreams_list.json")
	n := 0
	for l, err := range c.Livestreams.All(context.Background(), ListLivestreamsParams{RoomID: "tq7v-m2xk-9hdp"}) {
		require.NoError(t, err)
		assert.Equal(t, "6819e3102c1e4a0013f0ab80", l.ID)
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, []map[string]string{{"page": "1", "roomId": "tq7v-m2xk-9hdp"}}, pages())
}

func TestLivestreamsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	const room = "tq7v-m2xk-9hdp"
	out := []RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "k"}}
	start := func(p StartLivestreamParams) func() error {
		return func() error { _, err := c.Livestreams.Start(ctx, p); return err }
	}
	calls := map[string]func() error{
		"no room":       start(StartLivestreamParams{Outputs: out}),
		"no outputs":    start(StartLivestreamParams{RoomID: room}),
		"empty outputs": start(StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{}}),
		"no url":        start(StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{{StreamKey: "k"}}}),
		"http url":      start(StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{{URL: "https://live.example.net/app", StreamKey: "k"}}}),
		"no host":       start(StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{{URL: "rtmp:///app", StreamKey: "k"}}}),
		"no key":        start(StartLivestreamParams{RoomID: room, Outputs: append(out, RTMPOutput{URL: "rtmp://b.example.net/app"})}),
		"layout":        start(StartLivestreamParams{RoomID: room, Outputs: out, Config: &CompositionConfig{Layout: &Layout{Type: "grid"}}}),
		"template":      start(StartLivestreamParams{RoomID: room, Outputs: out, TemplateURL: "/relative"}),
		"summary":       start(StartLivestreamParams{RoomID: room, Outputs: out, Transcription: &Transcription{Summary: &Summary{Enabled: true}}}),
		"stop no room":  func() error { return c.Livestreams.Stop(ctx, StopLivestreamParams{ID: "l1"}) },
		"get empty":     func() error { _, err := c.Livestreams.Get(ctx, ""); return err },
		"get dotdot":    func() error { _, err := c.Livestreams.Get(ctx, ".."); return err },
		"get endpoint":  func() error { _, err := c.Livestreams.Get(ctx, "start"); return err },
		"list page": func() error {
			_, err := c.Livestreams.List(ctx, ListLivestreamsParams{ListOptions: ListOptions{Page: -3}})
			return err
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}
