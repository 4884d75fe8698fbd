package videosdk

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestPostTranscriptionsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/post-transcriptions/40b0a4ed-9842-40c9-a288-e4b1bf98a90a", fixture: "post_transcriptions_get.json"})
	tr, err := c.PostTranscriptions.Get(context.Background(), "40b0a4ed-9842-40c9-a288-e4b1bf98a90a")
	require.NoError(t, err)
	check()
	end := ts("2024-02-27T16:01:46.939Z")
	const cdn = "https://cdn.videosdk.live/transcriptions/dummy/"
	assert.Equal(t, &PostTranscription{
		ID: "40b0a4ed-9842-40c9-a288-e4b1bf98a90a", Status: TranscriptionStatusCompleted,
		RoomID: "abc-xyzw-lmno", SessionID: "621497578bea0d0404c35c4c", RecordingID: "65d303d6d2c373dfd71b38a2",
		FilePath: "https://cdn.videosdk.live/encoded/videos/dummy.mp4",
		TranscriptionFilePaths: &TranscriptionFiles{
			JSON: cdn + "dummy.json", SRT: cdn + "dummy.srt", TXT: cdn + "dummy.txt", TSV: cdn + "dummy.tsv", VTT: cdn + "dummy.vtt",
			Other: map[string]string{"docx": cdn + "dummy.docx"},
		},
		SummarizedFilePaths: &TranscriptionFiles{TXT: cdn + "dummy-summary.txt"}, // "md": null is absent
		Start:               ts("2024-02-27T16:00:36.828Z"), End: &end,
	}, tr)
}

func TestPostTranscriptionsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/post-transcriptions", fixture: "post_transcriptions_list.json", query: map[string]string{
		"roomId": "abc-xyzw-lmno", "sessionId": "621497578bea0d0404c35c4c", "page": "1", "perPage": "1",
	}})
	page, err := c.PostTranscriptions.List(context.Background(), ListPostTranscriptionsParams{
		ListOptions: ListOptions{Page: 1, PerPage: 1}, RoomID: "abc-xyzw-lmno", SessionID: "621497578bea0d0404c35c4c",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 1, LastPage: 2, Total: 2}, page.PageInfo)
	require.Len(t, page.Data, 1, `items under "transcriptions"`)
	assert.Equal(t, "40b0a4ed-9842-40c9-a288-e4b1bf98a90a", page.Data[0].ID)
	assert.Equal(t, "https://cdn.videosdk.live/transcriptions/dummy/dummy.srt", page.Data[0].TranscriptionFilePaths.SRT)
	assert.True(t, page.HasNext())
}

func TestPostTranscriptionsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/ai/v1/post-transcriptions", "post_transcriptions_list.json", "post_transcriptions_list_page2.json")
	var got []PostTranscription
	for tr, err := range c.PostTranscriptions.All(context.Background(), ListPostTranscriptionsParams{ListOptions: ListOptions{PerPage: 1}}) {
		require.NoError(t, err)
		got = append(got, tr)
	}
	require.Len(t, got, 2)
	assert.Equal(t, TranscriptionStatusRunning, got[1].Status)
	assert.Nil(t, got[1].End)
	assert.Nil(t, got[1].TranscriptionFilePaths)
	assert.Equal(t, []map[string]string{{"page": "1", "perPage": "1"}, {"page": "2", "perPage": "1"}}, pages())
}

// TestTranscriptionListsNeedItems: a list answer without "transcriptions" (or
// "data") is a *ResponseError, not an empty page; an empty list is a page.
func TestTranscriptionListsNeedItems(t *testing.T) {
	t.Parallel()
	lists := map[string]func(*Client) (int, error){
		"/ai/v1/post-transcriptions": func(c *Client) (int, error) {
			p, err := c.PostTranscriptions.List(context.Background(), ListPostTranscriptionsParams{})
			if err != nil {
				return 0, err
			}
			return len(p.Data), nil
		},
		"/ai/v1/realtime-transcriptions": func(c *Client) (int, error) {
			p, err := c.RealtimeTranscriptions.List(context.Background(), ListRealtimeTranscriptionsParams{})
			if err != nil {
				return 0, err
			}
			return len(p.Data), nil
		},
	}
	for path, list := range lists {
		for _, body := range []string{`{"pageInfo":{"currentPage":1,"perPage":20,"lastPage":1,"total":0}}`, `{}`, `[]`, `"ok"`, `{"transcriptions":{}}`} {
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL(path), jsonResponder(200, body))
			_, err := list(c)
			assert.ErrorIs(t, err, ErrInvalidResponse, "%s %s", path, body)
		}
		for _, body := range []string{`{"pageInfo":{"currentPage":1,"perPage":20,"lastPage":1,"total":0},"transcriptions":[]}`, `{"data":[]}`} {
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL(path), jsonResponder(200, body))
			n, err := list(c)
			require.NoError(t, err, "%s %s", path, body)
			assert.Zero(t, n)
		}
	}
}

// TestTranscriptionFilesWire: the documented formats have fields, others go
// to Other, null URLs are absent, and the value marshals back to the wire form.
func TestTranscriptionFilesWire(t *testing.T) {
	t.Parallel()
	const wire = `{"json":"j","srt":"s","txt":"t","tsv":"v","vtt":"w","pdf":"p"}`
	var f TranscriptionFiles
	require.NoError(t, json.Unmarshal([]byte(wire), &f))
	assert.Equal(t, TranscriptionFiles{JSON: "j", SRT: "s", TXT: "t", TSV: "v", VTT: "w", Other: map[string]string{"pdf": "p"}}, f)
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, wire, string(b))

	require.NoError(t, json.Unmarshal([]byte(`{"txt":null}`), &f))
	assert.Equal(t, TranscriptionFiles{}, f, "decoding replaces the previous value")
	for _, bad := range []string{`{"txt":1}`, `["txt"]`, `{"txt":{"url":"x"}}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &f), bad)
	}
}

func TestPostTranscriptionsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"get empty":  func() error { _, err := c.PostTranscriptions.Get(ctx, ""); return err },
		"get dotdot": func() error { _, err := c.PostTranscriptions.Get(ctx, ".."); return err },
		"get slash":  func() error { _, err := c.PostTranscriptions.Get(ctx, "a/b"); return err },
		"list page": func() error {
			_, err := c.PostTranscriptions.List(ctx, ListPostTranscriptionsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"all perPage": func() error {
			for _, err := range c.PostTranscriptions.All(ctx, ListPostTranscriptionsParams{ListOptions: ListOptions{PerPage: -1}}) {
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

func TestRecordingsGetWithTranscription(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/65d303d6d2c373dfd71b38a2",
		query: map[string]string{"withTranscription": "true"}, fixture: "recordings_get_with_transcription.json"})
	r, err := c.Recordings.GetWithTranscription(context.Background(), "65d303d6d2c373dfd71b38a2")
	require.NoError(t, err)
	check()

	// The documented fields decode exactly as Get decodes them.
	var plain Recording
	require.NoError(t, sdkDecode(testutil.Fixture(t, "recordings_get_with_transcription.json"), &plain))
	assert.Equal(t, &plain, r)
	assert.Equal(t, "65d303d6d2c373dfd71b38a2", r.ID)
	require.NotNil(t, r.File)
	assert.Equal(t, "65d30440d2c373dfd71b38a9", r.File.ID)

	assert.NotEmpty(t, r.Transcription, "kept raw")
	require.Len(t, r.PostTranscriptions, 1)
	tr := r.PostTranscriptions[0]
	assert.Equal(t, "40b0a4ed-9842-40c9-a288-e4b1bf98a90a", tr.ID)
	assert.Equal(t, "65d303d6d2c373dfd71b38a2", tr.RecordingID)
	assert.Equal(t, "https://cdn.videosdk.live/transcriptions/dummy/dummy.vtt", tr.TranscriptionFilePaths.VTT)
	assert.Equal(t, "https://cdn.videosdk.live/transcriptions/dummy/dummy-summary.txt", tr.SummarizedFilePaths.TXT)
}

// TestRecordingTranscriptionShapes: the undocumented transcription member is
// decoded when it has the PostTranscription shape, under either key, as an
// object or an array; anything else stays raw only.
func TestRecordingTranscriptionShapes(t *testing.T) {
	t.Parallel()
	const one = `{"id":"t1","status":"completed"}`
	for body, ids := range map[string][]string{
		`{"id":"r","transcription":` + one + `}`:                                                     {"t1"},
		`{"id":"r","transcriptions":[` + one + `,{"id":"t2","transcriptionFilePaths":{"txt":"u"}}]}`: {"t1", "t2"},
		`{"id":"r","transcription":"https://cdn.example.com/t.txt"}`:                                 nil,
		`{"id":"r","transcription":{"text":"hello"}}`:                                                nil,
		`{"id":"r","transcription":{"id":"t1"}}`:                                                     nil, // an id alone is not the shape
		`{"id":"r","transcription":{"id":"t1","status":5}}`:                                          nil,
		`{"id":"r","transcriptions":[1,"x",` + one + `]}`:                                            {"t1"},
		`{"id":"r","transcription":null}`:                                                            nil,
		`{"id":"r"}`:                                                                                 nil,
	} {
		var r Recording
		require.NoError(t, sdkDecode([]byte(body), &r), body)
		var got []string
		for _, tr := range r.PostTranscriptions {
			got = append(got, tr.ID)
		}
		assert.Equal(t, ids, got, body)
	}
}

func TestRecordingsGetWithTranscriptionInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	for _, id := range []string{"", " ", "..", "a/b", "composite", "participant"} {
		_, err := c.Recordings.GetWithTranscription(context.Background(), id)
		assert.ErrorIs(t, err, ErrInvalidParams, id)
	}
	requireNoRequest(t, mt)
}
