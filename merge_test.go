package videosdk

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMergesCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/participant/merge", golden: "merges_create", fixture: "merges_create.json"})
	m, err := c.Merges.Create(context.Background(), CreateMergeParams{
		SessionID:  "6819d4a02c1e4a0013f0aa10",
		Channel1:   []MergeChannelEntry{{ParticipantID: "p8x2kq1z", RecordingID: "6819e1aa2c1e4a0013f0ab40"}},
		Channel2:   []MergeChannelEntry{{ParticipantID: "h3n7w0cd", Type: MergeSourceTrack}, {ParticipantID: "z9y8x7w6"}},
		Type:       MergeSourceParticipant,
		WebhookURL: "https://hooks.example.com/merge",
		DirPath:    "merged/",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70", m.ID)
	assert.Equal(t, MergeStatusRunning, m.Status)
	assert.Equal(t, "tq7v-m2xk-9hdp", m.RoomID, "from legacy meetingId")
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", m.SessionID)
	assert.Equal(t, []MergeChannelEntry{{ParticipantID: "p8x2kq1z", RecordingID: "6819e1aa2c1e4a0013f0ab40"}}, m.Channel1)
	assert.Equal(t, []MergeChannelEntry{{ParticipantID: "h3n7w0cd", RecordingID: "6819e1b02c1e4a0013f0ab41"}}, m.Channel2)
	assert.Equal(t, time.Date(2025, 5, 6, 10, 2, 11, 0, time.UTC), m.Start)
	assert.Nil(t, m.End)
	assert.Nil(t, m.File)
	assert.Equal(t, "Merge job accepted", m.Message, "the answer's message is kept")
}

func TestMergesGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/participant/merge/7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70", fixture: "merges_get.json"})
	m, err := c.Merges.Get(context.Background(), "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70")
	require.NoError(t, err)
	check()
	assert.Equal(t, MergeStatusCompleted, m.Status)
	assert.Equal(t, "tq7v-m2xk-9hdp", m.RoomID)
	assert.Equal(t, []MergeChannelEntry{{ParticipantID: "p8x2kq1z", RecordingID: "6819e1aa2c1e4a0013f0ab40", Type: MergeSourceParticipant}}, m.Channel1)
	assert.Equal(t, MergeSourceTrack, m.Channel2[0].Type)
	require.NotNil(t, m.End)
	assert.Equal(t, time.Date(2025, 5, 6, 10, 2, 49, 431e6, time.UTC), *m.End)
	require.NotNil(t, m.File)
	assert.Equal(t, "6819e2012c1e4a0013f0ab55", m.File.ID)
	assert.Equal(t, "audio", m.File.Type)
	assert.Equal(t, int64(612345), m.File.Size)
	assert.Equal(t, FileMeta{Format: "mp3", Duration: 41}, m.File.Meta)
	assert.Equal(t, "merged/7c1e5d2a.mp3", m.File.FilePath)
	assert.Equal(t, "https://cdn.videosdk.live/merged/7c1e5d2a.mp3", m.File.FileURL)
}

func TestMergesList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/participant/merge", fixture: "merges_list.json", query: map[string]string{
		"status": "completed", "roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10",
		"id": "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70", "perPage": "1",
	}})
	page, err := c.Merges.List(context.Background(), ListMergesParams{
		ListOptions: ListOptions{PerPage: 1}, Status: MergeStatusCompleted, RoomID: "tq7v-m2xk-9hdp",
		SessionID: "6819d4a02c1e4a0013f0aa10", ID: "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70",
	})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 1, "items come under \"recordings\"")
	assert.Equal(t, "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70", page.Data[0].ID)
	assert.Equal(t, "tq7v-m2xk-9hdp", page.Data[0].RoomID)
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 1, LastPage: 2, Total: 2}, page.PageInfo)
	assert.True(t, page.HasNext())
}

func TestMergesAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/recordings/participant/merge", "merges_list.json", "merges_list_page2.json")
	var got []Merge
	for m, err := range c.Merges.All(context.Background(), ListMergesParams{SessionID: "s1"}) {
		require.NoError(t, err)
		got = append(got, m)
	}
	require.Len(t, got, 2)
	assert.Equal(t, "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70", got[0].ID)
	assert.Equal(t, "0b9d8e7f-1a2b-4c3d-9e8f-7a6b5c4d3e2f", got[1].ID)
	assert.Equal(t, MergeStatus("queued-for-retry"), got[1].Status, "unknown statuses decode")
	assert.Equal(t, "tq7v-m2xk-9hdp", got[1].RoomID, "roomId accepted too")
	assert.Nil(t, got[1].End)
	assert.Equal(t, []map[string]string{{"page": "1", "sessionId": "s1"}, {"page": "2", "sessionId": "s1"}}, pages())
}

func TestMergesAllStopsOnError(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithMaxRetries(0))
	// Page 2 is missing: the responder answers 400.
	pages := pagedResponder(t, mt, "GET", "/v2/recordings/participant/merge", "merges_list.json")
	var n, errs int
	for _, err := range c.Merges.All(context.Background(), ListMergesParams{}) {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, ErrBadRequest)
			continue
		}
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, errs, "the error is yielded once")
	assert.Len(t, pages(), 2)
}

func TestMergesInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	ok := []MergeChannelEntry{{ParticipantID: "p8x2kq1z"}}
	create := func(p CreateMergeParams) func() error {
		return func() error { _, err := c.Merges.Create(ctx, p); return err }
	}
	calls := map[string]func() error{
		"no session":        create(CreateMergeParams{Channel1: ok, Channel2: ok}),
		"no channel1":       create(CreateMergeParams{SessionID: "s", Channel2: ok}),
		"no channel2":       create(CreateMergeParams{SessionID: "s", Channel1: ok, Channel2: []MergeChannelEntry{}}),
		"no participant":    create(CreateMergeParams{SessionID: "s", Channel1: ok, Channel2: []MergeChannelEntry{{RecordingID: "r"}}}),
		"blank participant": create(CreateMergeParams{SessionID: "s", Channel1: []MergeChannelEntry{{ParticipantID: " "}}, Channel2: ok}),
		"entry type":        create(CreateMergeParams{SessionID: "s", Channel1: []MergeChannelEntry{{ParticipantID: "p", Type: "composite"}}, Channel2: ok}),
		"type":              create(CreateMergeParams{SessionID: "s", Channel1: ok, Channel2: ok, Type: "mixed"}),
		"webhook":           create(CreateMergeParams{SessionID: "s", Channel1: ok, Channel2: ok, WebhookURL: "example.com/hook"}),
		"get empty":         func() error { _, err := c.Merges.Get(ctx, ""); return err },
		"get dotdot":        func() error { _, err := c.Merges.Get(ctx, ".."); return err },
		"get slash":         func() error { _, err := c.Merges.Get(ctx, "a/b"); return err },
		"list status":       func() error { _, err := c.Merges.List(ctx, ListMergesParams{Status: "done"}); return err },
		"list perPage": func() error {
			_, err := c.Merges.List(ctx, ListMergesParams{ListOptions: ListOptions{PerPage: 1001}})
			return err
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}
