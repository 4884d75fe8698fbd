package videosdk

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRealtimeTranscriptionsStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/realtime-transcriptions/start", golden: "realtime_transcriptions_start", fixture: "realtime_transcriptions_start.json"})
	tr, err := c.RealtimeTranscriptions.Start(context.Background(), StartRealtimeTranscriptionParams{
		RoomID:     "abc-xyzw-lmno",
		WebhookURL: "https://www.example.com",
		ModelID:    "nova-2",
		Language:   "en-US",
		Summary:    &Summary{Enabled: true, Prompt: "List the action items"},
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &RealtimeTranscription{
		ID: "82feea14-6783-4e63-84fc-17c5666bfd5c", Status: TranscriptionStatusRunning,
		Extension: TranscriptionExtension{Enabled: true, Provider: "videosdk",
			ExtensionConfig: TranscriptionExtensionConfig{RoomID: "abc-xyzw-lmno", SessionID: "621497578bea0d0404c35c4c"}},
		WebhookURL: "https://www.example.com/",
		Start:      ts("2024-02-27T16:00:36.828Z"),
	}, tr)
}

func TestRealtimeTranscriptionsStartMinimal(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/realtime-transcriptions/start", golden: "realtime_transcriptions_start_minimal", fixture: "realtime_transcriptions_start.json"})
	_, err := c.RealtimeTranscriptions.Start(context.Background(), StartRealtimeTranscriptionParams{RoomID: "xyz"})
	require.NoError(t, err)
	check()
}

func TestRealtimeTranscriptionsStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/realtime-transcriptions/end", golden: "realtime_transcriptions_stop", fixture: "realtime_transcriptions_get.json"})
	require.NoError(t, c.RealtimeTranscriptions.Stop(context.Background(), StopRealtimeTranscriptionParams{RoomID: "xyz"}))
	check()
}

func TestRealtimeTranscriptionsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/realtime-transcriptions/82feea14-6783-4e63-84fc-17c5666bfd5c", fixture: "realtime_transcriptions_get.json"})
	tr, err := c.RealtimeTranscriptions.Get(context.Background(), "82feea14-6783-4e63-84fc-17c5666bfd5c")
	require.NoError(t, err)
	check()
	end := ts("2024-02-27T16:01:46.939Z")
	assert.Equal(t, &RealtimeTranscription{
		ID: "82feea14-6783-4e63-84fc-17c5666bfd5c", Status: TranscriptionStatusCompleted,
		Extension: TranscriptionExtension{Enabled: true, Provider: "videosdk",
			ExtensionConfig: TranscriptionExtensionConfig{RoomID: "abc-xyzw-lmno", SessionID: "621497578bea0d0404c35c4c"}},
		WebhookURL:             "https://www.example.com/",
		TranscriptionFilePaths: &TranscriptionFiles{TXT: "https://cdn.videosdk.live/transcriptions/dummy/dummy.txt"},
		SummarizedFilePaths:    &TranscriptionFiles{TXT: "https://cdn.videosdk.live/transcriptions/dummy/dummy-summary.txt"},
		Start:                  ts("2024-02-27T16:00:36.828Z"), End: &end,
	}, tr)
}

func TestRealtimeTranscriptionsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/realtime-transcriptions", fixture: "realtime_transcriptions_list.json", query: map[string]string{
		"roomId": "abc-xyzw-lmno", "sessionId": "621497578bea0d0404c35c4c", "status": "completed", "page": "1", "perPage": "1",
	}})
	page, err := c.RealtimeTranscriptions.List(context.Background(), ListRealtimeTranscriptionsParams{
		ListOptions: ListOptions{Page: 1, PerPage: 1}, RoomID: "abc-xyzw-lmno", SessionID: "621497578bea0d0404c35c4c",
		Status: TranscriptionStatusCompleted,
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 1, LastPage: 2, Total: 2}, page.PageInfo)
	require.Len(t, page.Data, 1, `items under "transcriptions"`)
	assert.Equal(t, "abc-xyzw-lmno", page.Data[0].Extension.ExtensionConfig.RoomID)
	assert.Empty(t, page.Data[0].WebhookURL, "only start and stop answers echo it")
}

func TestRealtimeTranscriptionsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/ai/v1/realtime-transcriptions", "realtime_transcriptions_list.json", "realtime_transcriptions_list_page2.json")
	var got []RealtimeTranscription
	for tr, err := range c.RealtimeTranscriptions.All(context.Background(), ListRealtimeTranscriptionsParams{ListOptions: ListOptions{PerPage: 1}, RoomID: "abc-xyzw-lmno"}) {
		require.NoError(t, err)
		got = append(got, tr)
	}
	require.Len(t, got, 2)
	assert.Equal(t, TranscriptionStatusRunning, got[1].Status)
	assert.Nil(t, got[1].End)
	assert.Equal(t, []map[string]string{
		{"page": "1", "perPage": "1", "roomId": "abc-xyzw-lmno"},
		{"page": "2", "perPage": "1", "roomId": "abc-xyzw-lmno"},
	}, pages())
}

func TestRealtimeTranscriptionsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"start no room": func() error {
			_, err := c.RealtimeTranscriptions.Start(ctx, StartRealtimeTranscriptionParams{Language: "en-US"})
			return err
		},
		"start webhook": func() error {
			_, err := c.RealtimeTranscriptions.Start(ctx, StartRealtimeTranscriptionParams{RoomID: "r", WebhookURL: "example.com/hook"})
			return err
		},
		"stop no room": func() error { return c.RealtimeTranscriptions.Stop(ctx, StopRealtimeTranscriptionParams{RoomID: "\t"}) },
		"get empty":    func() error { _, err := c.RealtimeTranscriptions.Get(ctx, ""); return err },
		"get dot":      func() error { _, err := c.RealtimeTranscriptions.Get(ctx, "."); return err },
		"get endpoint": func() error { _, err := c.RealtimeTranscriptions.Get(ctx, "end"); return err },
		"list page": func() error {
			_, err := c.RealtimeTranscriptions.List(ctx, ListRealtimeTranscriptionsParams{ListOptions: ListOptions{PerPage: 1001}})
			return err
		},
		"all page": func() error {
			for _, err := range c.RealtimeTranscriptions.All(ctx, ListRealtimeTranscriptionsParams{ListOptions: ListOptions{Page: -3}}) {
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
