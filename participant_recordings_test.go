package videosdk

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParticipantRecordingsStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/participant/start", golden: "participant_recordings_start", fixture: "participant_recordings_start.json"})
	res, err := c.ParticipantRecordings.Start(context.Background(), StartParticipantRecordingParams{
		RoomID:        "tq7v-m2xk-9hdp",
		ParticipantID: "p8x2kq1z",
		FileFormat:    FileFormatM3U8,
		WebhookURL:    "https://hooks.example.com/participant",
		BucketDirPath: "participants/asha/",
		Metadata:      map[string]any{"ticket": "SUP-42"},
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &StartResult{RoomID: "tq7v-m2xk-9hdp", Message: "Participant recording start accepted", ParticipantID: "p8x2kq1z", StartedAt: startClockTime}, res)
}

func TestParticipantRecordingsStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/participant/stop", golden: "participant_recordings_stop"})
	require.NoError(t, c.ParticipantRecordings.Stop(context.Background(), StopParticipantRecordingParams{RoomID: "tq7v-m2xk-9hdp", ParticipantID: "p8x2kq1z"}))
	check()
}

func TestParticipantRecordingsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/participant", fixture: "participant_recordings_list.json", query: map[string]string{
		"roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10", "participantId": "p8x2kq1z", "page": "3", "perPage": "50",
	}})
	page, err := c.ParticipantRecordings.List(context.Background(), ListParticipantRecordingsParams{
		ListOptions: ListOptions{Page: 3, PerPage: 50}, RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10", ParticipantID: "p8x2kq1z",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 20, LastPage: 1, Total: 1}, page.PageInfo)
	require.Len(t, page.Data, 1)
	r := page.Data[0]
	assert.Equal(t, "6819e1aa2c1e4a0013f0ab40", r.ID)
	assert.Equal(t, "tq7v-m2xk-9hdp", r.RoomID)
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", r.SessionID)
	assert.Equal(t, "p8x2kq1z", r.ParticipantID)
	assert.Equal(t, "Asha", r.ParticipantName)
	assert.Equal(t, KindAudioVideo, r.Kind)
	assert.Equal(t, FileFormatWebM, r.FileFormat)
	assert.Equal(t, RecordingModeParticipant, r.Mode)
	assert.Equal(t, "us002", r.Region)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 20, 11, 1e6, time.UTC), r.Start)
	require.NotNil(t, r.End)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 41, 37, 950e6, time.UTC), *r.End)
	require.Len(t, r.Files, 1)
	f := r.Files[0]
	assert.Equal(t, "6819e2f02c1e4a0013f0ab44", f.ID, "file id from _id")
	assert.Equal(t, "video", f.Type)
	assert.Equal(t, int64(30412288), f.Size)
	assert.Equal(t, "individual-recordings/6819d4a02c1e4a0013f0aa10/p8x2kq1z/participant_recording.webm", f.FilePath)
	assert.Equal(t, "https://cdn.videosdk.live/individual-recordings/6819d4a02c1e4a0013f0aa10/p8x2kq1z/participant_recording.webm", f.FileURL)
	assert.Equal(t, FileMeta{Resolution: &Resolution{Width: 1280, Height: 720}, Format: "webm", Duration: 1286}, f.Meta)
	require.NotNil(t, r.Webhook)
	assert.Equal(t, WebhookSummary{TotalCount: 2, SuccessCount: 2, Data: []WebhookDelivery{
		{Type: "participant-recording-started", Success: true}, {Type: "participant-recording-stopped", Success: true},
	}}, *r.Webhook)
}

func TestParticipantRecordingsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/participant/6819e1aa2c1e4a0013f0ab40", fixture: "participant_recordings_get.json"})
	r, err := c.ParticipantRecordings.Get(context.Background(), "6819e1aa2c1e4a0013f0ab40")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e1aa2c1e4a0013f0ab40", r.ID)
	assert.Nil(t, r.End, "end is null while recording")
	assert.Empty(t, r.Files)
}

func TestParticipantRecordingsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/recordings/participant/6819e1aa2c1e4a0013f0ab40"})
	require.NoError(t, c.ParticipantRecordings.Delete(context.Background(), "6819e1aa2c1e4a0013f0ab40"))
	check()
}

func TestParticipantRecordingsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/recordings/participant", "participant_recordings_list.json")
	n := 0
	for r, err := range c.ParticipantRecordings.All(context.Background(), ListParticipantRecordingsParams{ParticipantID: "p8x2kq1z"}) {
		require.NoError(t, err)
		assert.Equal(t, "6819e1aa2c1e4a0013f0ab40", r.ID)
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, []map[string]string{{"page": "1", "participantId": "p8x2kq1z"}}, pages())
}

func TestParticipantRecordingsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	const room, part = "tq7v-m2xk-9hdp", "p8x2kq1z"
	start := func(p StartParticipantRecordingParams) func() error {
		return func() error { _, err := c.ParticipantRecordings.Start(ctx, p); return err }
	}
	calls := map[string]func() error{
		"start no room":  start(StartParticipantRecordingParams{ParticipantID: part}),
		"start no part":  start(StartParticipantRecordingParams{RoomID: room}),
		"start format":   start(StartParticipantRecordingParams{RoomID: room, ParticipantID: part, FileFormat: FileFormatMP3}),
		"start format 2": start(StartParticipantRecordingParams{RoomID: room, ParticipantID: part, FileFormat: "avi"}),
		"start webhook":  start(StartParticipantRecordingParams{RoomID: room, ParticipantID: part, WebhookURL: "hooks"}),
		"stop no room": func() error {
			return c.ParticipantRecordings.Stop(ctx, StopParticipantRecordingParams{ParticipantID: part})
		},
		"stop no part":    func() error { return c.ParticipantRecordings.Stop(ctx, StopParticipantRecordingParams{RoomID: room}) },
		"get empty":       func() error { _, err := c.ParticipantRecordings.Get(ctx, ""); return err },
		"get dotdot":      func() error { _, err := c.ParticipantRecordings.Get(ctx, ".."); return err },
		"get endpoint":    func() error { _, err := c.ParticipantRecordings.Get(ctx, "merge"); return err },
		"delete dot":      func() error { return c.ParticipantRecordings.Delete(ctx, ".") },
		"delete slash":    func() error { return c.ParticipantRecordings.Delete(ctx, "x/../../rooms") },
		"delete endpoint": func() error { return c.ParticipantRecordings.Delete(ctx, "track") },
		"list perPage": func() error {
			_, err := c.ParticipantRecordings.List(ctx, ListParticipantRecordingsParams{ListOptions: ListOptions{PerPage: -2}})
			return err
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}
