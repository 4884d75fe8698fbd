package videosdk

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrackRecordingsStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/participant/track/start", golden: "track_recordings_start", fixture: "track_recordings_start.json"})
	res, err := c.TrackRecordings.Start(context.Background(), StartTrackRecordingParams{
		RoomID:        "tq7v-m2xk-9hdp",
		ParticipantID: "h3n7w0cd",
		Kind:          TrackKindScreenAudio,
		FileFormat:    FileFormatMP3,
		WebhookURL:    "https://hooks.example.com/tracks",
		BucketDirPath: "tracks/",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &StartResult{RoomID: "tq7v-m2xk-9hdp", Message: "Track recording start accepted", ParticipantID: "h3n7w0cd", Kind: TrackKindScreenAudio, StartedAt: startClockTime}, res)
}

func TestTrackRecordingsStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/participant/track/stop", golden: "track_recordings_stop"})
	require.NoError(t, c.TrackRecordings.Stop(context.Background(), StopTrackRecordingParams{RoomID: "tq7v-m2xk-9hdp", ParticipantID: "h3n7w0cd", Kind: TrackKindVideo}))
	check()
}

func TestTrackRecordingsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/participant/track/6819e1c42c1e4a0013f0ab60", fixture: "track_recordings_get.json"})
	r, err := c.TrackRecordings.Get(context.Background(), "6819e1c42c1e4a0013f0ab60")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e1c42c1e4a0013f0ab60", r.ID)
	assert.Equal(t, "tq7v-m2xk-9hdp", r.RoomID)
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", r.SessionID)
	assert.Equal(t, "h3n7w0cd", r.ParticipantID)
	assert.Equal(t, "Ravi", r.ParticipantName)
	assert.Equal(t, TrackKindAudio, r.Kind)
	assert.Equal(t, FileFormatWebM, r.FileFormat)
	assert.Equal(t, RecordingModeTrack, r.Mode)
	assert.Equal(t, "us002", r.Region)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 21, 0, 0, time.UTC), r.Start)
	assert.Nil(t, r.End)
	assert.NotNil(t, r.Files)
	assert.Empty(t, r.Files)
	require.NotNil(t, r.Webhook)
	assert.Equal(t, 1, r.Webhook.SuccessCount)
	assert.Equal(t, []WebhookDelivery{{Type: "participant-track-recording-started", Success: true}}, r.Webhook.Data)
}

func TestTrackRecordingsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/participant/track", fixture: "track_recordings_list.json", query: map[string]string{
		"roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10", "participantId": "h3n7w0cd",
	}})
	page, err := c.TrackRecordings.List(context.Background(), ListTrackRecordingsParams{
		RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10", ParticipantID: "h3n7w0cd",
	})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 2)
	r := page.Data[1]
	assert.Equal(t, TrackKindScreenVideo, r.Kind)
	assert.Equal(t, FileFormatMP4, r.FileFormat)
	require.NotNil(t, r.End)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 30, 0, 0, time.UTC), *r.End)
	require.Len(t, r.Files, 2, "one file per track restart")
	assert.Equal(t, "6819e3aa2c1e4a0013f0ab71", r.Files[1].ID)
	assert.Nil(t, r.Files[1].Meta.Resolution)
	assert.InDelta(t, 480.25, r.Files[0].Meta.Duration, 1e-9)
	assert.False(t, page.HasNext())
}

func TestTrackRecordingsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/recordings/participant/track/6819e1c42c1e4a0013f0ab60"})
	require.NoError(t, c.TrackRecordings.Delete(context.Background(), "6819e1c42c1e4a0013f0ab60"))
	check()
}

func TestTrackRecordingsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/recordings/participant/track", "track_recordings_list.json")
	var kinds []TrackKind
	for r, err := range c.TrackRecordings.All(context.Background(), ListTrackRecordingsParams{RoomID: "tq7v-m2xk-9hdp"}) {
		require.NoError(t, err)
		kinds = append(kinds, r.Kind)
	}
	assert.Equal(t, []TrackKind{TrackKindAudio, TrackKindScreenVideo}, kinds)
	assert.Len(t, pages(), 1)
}

// TestTrackRecordingUnknownKindDecodes: responses keep kinds the SDK does not know.
func TestTrackRecordingUnknownKindDecodes(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", "=~/v2/recordings/participant/track/t1$", jsonResponder(200,
		`{"id":"t1","kind":"spatial_audio","mode":"track-v2","fileFormat":"ogg","start":"2025-05-06T09:21:00.000Z","end":null,"files":[]}`))
	r, err := c.TrackRecordings.Get(context.Background(), "t1")
	require.NoError(t, err)
	assert.Equal(t, TrackKind("spatial_audio"), r.Kind)
	assert.Equal(t, RecordingMode("track-v2"), r.Mode)
	assert.Equal(t, FileFormat("ogg"), r.FileFormat)
}

func TestTrackRecordingsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	const room, part = "tq7v-m2xk-9hdp", "h3n7w0cd"
	start := func(p StartTrackRecordingParams) func() error {
		return func() error { _, err := c.TrackRecordings.Start(ctx, p); return err }
	}
	stop := func(p StopTrackRecordingParams) func() error {
		return func() error { return c.TrackRecordings.Stop(ctx, p) }
	}
	calls := map[string]func() error{
		"start no room":   start(StartTrackRecordingParams{ParticipantID: part, Kind: TrackKindAudio}),
		"start no part":   start(StartTrackRecordingParams{RoomID: room, Kind: TrackKindAudio}),
		"start no kind":   start(StartTrackRecordingParams{RoomID: room, ParticipantID: part}),
		"start bad kind":  start(StartTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: "screen"}),
		"start format":    start(StartTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: TrackKindAudio, FileFormat: "wav"}),
		"start webhook":   start(StartTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: TrackKindAudio, WebhookURL: "://x"}),
		"stop no room":    stop(StopTrackRecordingParams{ParticipantID: part, Kind: TrackKindAudio}),
		"stop no part":    stop(StopTrackRecordingParams{RoomID: room, Kind: TrackKindAudio}),
		"stop no kind":    stop(StopTrackRecordingParams{RoomID: room, ParticipantID: part}),
		"stop bad kind":   stop(StopTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: "AUDIO"}),
		"get empty":       func() error { _, err := c.TrackRecordings.Get(ctx, " "); return err },
		"get dotdot":      func() error { _, err := c.TrackRecordings.Get(ctx, ".."); return err },
		"get endpoint":    func() error { _, err := c.TrackRecordings.Get(ctx, "stop"); return err },
		"delete slash":    func() error { return c.TrackRecordings.Delete(ctx, "a/b") },
		"delete endpoint": func() error { return c.TrackRecordings.Delete(ctx, "start") },
		"list page": func() error {
			_, err := c.TrackRecordings.List(ctx, ListTrackRecordingsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}
