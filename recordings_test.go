package videosdk

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestRecordingsStart(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/start", golden: "recordings_start", fixture: "recordings_start.json"})
	res, err := c.Recordings.Start(context.Background(), StartRecordingParams{
		RoomID: "tq7v-m2xk-9hdp",
		Config: &CompositionConfig{
			Layout:      &Layout{Type: LayoutSpotlight, Priority: PriorityPin, GridSize: 4},
			Theme:       ThemeLight,
			Mode:        ModeAudio,
			Quality:     QualityMed,
			Orientation: OrientationPortrait,
		},
		TemplateURL:   "https://layouts.example.com/spotlight",
		Transcription: &Transcription{Enabled: true, Summary: &Summary{Enabled: true, Prompt: "List the decisions"}},
		WebhookURL:    "https://hooks.example.com/recordings",
		AWSDirPath:    "meetings/2025-05/",
		PreSignedURL:  "https://bucket.s3.amazonaws.com/rec.mp4?X-Amz-Signature=abc",
		FileFormat:    FileFormatWebM,
		OnFailure:     &OnFailure{Action: OnFailureCloseRoom, WaitTime: 120},
		ResourceID:    "res-0001",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, &StartResult{RoomID: "tq7v-m2xk-9hdp", Message: "Recording start accepted", StartedAt: startClockTime}, res)
}

func TestRecordingsStartMinimal(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, withClock(fixedStartClock))
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/start", golden: "recordings_start_minimal"})
	res, err := c.Recordings.Start(context.Background(), StartRecordingParams{RoomID: "tq7v-m2xk-9hdp"})
	require.NoError(t, err)
	check()
	assert.Equal(t, &StartResult{RoomID: "tq7v-m2xk-9hdp", Message: "ok", StartedAt: startClockTime}, res, "a sentence answer: no id, the room of the request")
}

func TestRecordingsStop(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/recordings/end", golden: "recordings_stop"})
	require.NoError(t, c.Recordings.Stop(context.Background(), StopRecordingParams{RoomID: "tq7v-m2xk-9hdp", ID: "6819e0112c1e4a0013f0ab20"}))
	check()
}

func TestRecordingsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/6819e0112c1e4a0013f0ab20", fixture: "recordings_get.json"})
	r, err := c.Recordings.Get(context.Background(), "6819e0112c1e4a0013f0ab20")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819e0112c1e4a0013f0ab20", r.ID)
	assert.Equal(t, "65a0f1e2d3c4b5a697887766", r.UserID)
	assert.Equal(t, "tq7v-m2xk-9hdp", r.RoomID)
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", r.SessionID)
	assert.Equal(t, "6819e0552c1e4a0013f0ab21", r.FileID)
	require.NotNil(t, r.File)
	assert.Equal(t, "6819e0552c1e4a0013f0ab21", r.File.ID)
	assert.Equal(t, "video", r.File.Type)
	assert.Equal(t, int64(8423311), r.File.Size)
	assert.Equal(t, "uploads/videos/6819e0552c1e4a0013f0ab21.mp4", r.File.FilePath)
	assert.Equal(t, "https://cdn.videosdk.live/uploads/videos/6819e0552c1e4a0013f0ab21.mp4", r.File.FileURL)
	require.NotNil(t, r.File.Meta.Resolution)
	assert.Equal(t, Resolution{Width: 1280, Height: 720}, *r.File.Meta.Resolution)
	assert.Equal(t, FileFormatMP4, r.File.Meta.Format)
	assert.InDelta(t, 312.4, r.File.Meta.Duration, 1e-9)
	assert.Equal(t, map[string]float64{"16:9": 1.7778}, r.File.Ratio)
	assert.Nil(t, r.File.UserStorage)
	require.NotNil(t, r.Start)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 30, 25, 100e6, time.UTC), *r.Start)
	require.NotNil(t, r.End)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 35, 37, 500e6, time.UTC), *r.End)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 36, 2, 870e6, time.UTC), r.UpdatedAt)
	require.NotNil(t, r.Webhook)
	assert.Equal(t, 2, r.Webhook.TotalCount)
	assert.Equal(t, 1, r.Webhook.SuccessCount)
	assert.Equal(t, []WebhookDelivery{{Type: "recording-started", Success: true}, {Type: "recording-stopped"}}, r.Webhook.Data)
	require.NotNil(t, r.Links)
	assert.Equal(t, "https://api.videosdk.live/v2/sessions/6819d4a02c1e4a0013f0aa10", r.Links.GetSession)
}

func TestRecordingsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings", fixture: "recordings_list.json", query: map[string]string{
		"roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10", "query": "team-standup-42",
		"withTranscription": "true", "page": "1", "perPage": "1",
	}})
	page, err := c.Recordings.List(context.Background(), ListRecordingsParams{
		ListOptions: ListOptions{Page: 1, PerPage: 1}, RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10",
		Query: "team-standup-42", WithTranscription: true,
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 1, LastPage: 2, Total: 2}, page.PageInfo)
	require.Len(t, page.Data, 1)
	assert.Equal(t, "6819e0112c1e4a0013f0ab20", page.Data[0].ID)
	assert.True(t, page.HasNext())
}

func TestRecordingsListNoQuery(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings", fixture: "recordings_list_page2.json"})
	page, err := c.Recordings.List(context.Background(), ListRecordingsParams{})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 1)
	r := page.Data[0]
	assert.Nil(t, r.File, "file is null while recording")
	assert.Nil(t, r.End, "end is null while recording")
	require.NotNil(t, r.Start)
	assert.False(t, page.HasNext())
}

func TestRecordingsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/recordings", "recordings_list.json", "recordings_list_page2.json")
	var ids []string
	for r, err := range c.Recordings.All(context.Background(), ListRecordingsParams{ListOptions: ListOptions{PerPage: 1}, RoomID: "tq7v-m2xk-9hdp"}) {
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"6819e0112c1e4a0013f0ab20", "6819e0992c1e4a0013f0ab30"}, ids)
	assert.Equal(t, []map[string]string{
		{"page": "1", "perPage": "1", "roomId": "tq7v-m2xk-9hdp"},
		{"page": "2", "perPage": "1", "roomId": "tq7v-m2xk-9hdp"},
	}, pages())
}

func TestRecordingsAllLazyAndBreak(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	pages := pagedResponder(t, mt, "GET", "/v2/recordings", "recordings_list.json", "recordings_list_page2.json")
	seq := c.Recordings.All(context.Background(), ListRecordingsParams{})
	assert.Empty(t, pages(), "no request before ranging")
	for _, err := range seq {
		require.NoError(t, err)
		break
	}
	assert.Len(t, pages(), 1, "break stops fetching")
}

func TestRecordingsDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/recordings/6819e0112c1e4a0013f0ab20"})
	require.NoError(t, c.Recordings.Delete(context.Background(), "6819e0112c1e4a0013f0ab20"))
	check()
}

func TestRecordingsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	start := func(p StartRecordingParams) func() error {
		return func() error { _, err := c.Recordings.Start(ctx, p); return err }
	}
	const room = "tq7v-m2xk-9hdp"
	calls := map[string]func() error{
		"start no room":   start(StartRecordingParams{}),
		"start blank":     start(StartRecordingParams{RoomID: "  "}),
		"start layout":    start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Layout: &Layout{Type: "MOSAIC"}}}),
		"start priority":  start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Layout: &Layout{Priority: "LOUDEST"}}}),
		"start gridSize":  start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Layout: &Layout{GridSize: 26}}}),
		"start theme":     start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Theme: "NEON"}}),
		"start mode":      start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Mode: "video"}}),
		"start quality":   start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Quality: "4k"}}),
		"start orient":    start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Orientation: "square"}}),
		"start rec":       start(StartRecordingParams{RoomID: room, Config: &CompositionConfig{Recording: &RecordingToggle{Enabled: true}}}),
		"start format":    start(StartRecordingParams{RoomID: room, FileFormat: FileFormatMP3}),
		"start template":  start(StartRecordingParams{RoomID: room, TemplateURL: "layouts/grid"}),
		"start webhook":   start(StartRecordingParams{RoomID: room, WebhookURL: "ftp://hooks.example.com"}),
		"start presigned": start(StartRecordingParams{RoomID: room, PreSignedURL: "not a url"}),
		"start summary":   start(StartRecordingParams{RoomID: room, Transcription: &Transcription{Summary: &Summary{Enabled: true}}}),
		"onFailure none":  start(StartRecordingParams{RoomID: room, OnFailure: &OnFailure{WaitTime: 10}}),
		"onFailure act":   start(StartRecordingParams{RoomID: room, OnFailure: &OnFailure{Action: "restart"}}),
		"onFailure wait":  start(StartRecordingParams{RoomID: room, OnFailure: &OnFailure{Action: OnFailureCloseRoom, WaitTime: 151}}),
		"onFailure neg":   start(StartRecordingParams{RoomID: room, OnFailure: &OnFailure{Action: OnFailureCloseRoom, WaitTime: -1}}),
		"stop no room":    func() error { return c.Recordings.Stop(ctx, StopRecordingParams{ID: "x"}) },
		"get empty":       func() error { _, err := c.Recordings.Get(ctx, ""); return err },
		"get dot":         func() error { _, err := c.Recordings.Get(ctx, "."); return err },
		"get dotdot":      func() error { _, err := c.Recordings.Get(ctx, ".."); return err },
		"get slash":       func() error { _, err := c.Recordings.Get(ctx, "a/b"); return err },
		"get endpoint":    func() error { _, err := c.Recordings.Get(ctx, "participant"); return err },
		"delete empty":    func() error { return c.Recordings.Delete(ctx, "") },
		"delete dotdot":   func() error { return c.Recordings.Delete(ctx, "..") },
		"delete endpoint": func() error { return c.Recordings.Delete(ctx, "start") },
		"list page": func() error {
			_, err := c.Recordings.List(ctx, ListRecordingsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"all perPage": func() error {
			for _, err := range c.Recordings.All(ctx, ListRecordingsParams{ListOptions: ListOptions{PerPage: 5000}}) {
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

func TestRecordingsGetEscapesID(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/recordings/a%20b%3Fc", fixture: "recordings_get.json"})
	_, err := c.Recordings.Get(context.Background(), "a b?c")
	require.NoError(t, err)
	check()
}

// actionCall is an action endpoint: its success body is a sentence.
type actionCall struct {
	name, method, path string
	call               func(*Client) error
}

// actionCalls lists every action endpoint of the media services.
func actionCalls() []actionCall {
	ctx := context.Background()
	const room, part = "tq7v-m2xk-9hdp", "p8x2kq1z"
	return []actionCall{
		{"Recordings.Start", "POST", "/v2/recordings/start", func(c *Client) error {
			_, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: room})
			return err
		}},
		{"Recordings.Stop", "POST", "/v2/recordings/end", func(c *Client) error {
			return c.Recordings.Stop(ctx, StopRecordingParams{RoomID: room})
		}},
		{"Recordings.Delete", "DELETE", "/v2/recordings/r1", func(c *Client) error {
			return c.Recordings.Delete(ctx, "r1")
		}},
		{"ParticipantRecordings.Start", "POST", "/v2/recordings/participant/start", func(c *Client) error {
			_, err := c.ParticipantRecordings.Start(ctx, StartParticipantRecordingParams{RoomID: room, ParticipantID: part})
			return err
		}},
		{"ParticipantRecordings.Stop", "POST", "/v2/recordings/participant/stop", func(c *Client) error {
			return c.ParticipantRecordings.Stop(ctx, StopParticipantRecordingParams{RoomID: room, ParticipantID: part})
		}},
		{"ParticipantRecordings.Delete", "DELETE", "/v2/recordings/participant/r1", func(c *Client) error {
			return c.ParticipantRecordings.Delete(ctx, "r1")
		}},
		{"TrackRecordings.Start", "POST", "/v2/recordings/participant/track/start", func(c *Client) error {
			_, err := c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: TrackKindAudio})
			return err
		}},
		{"TrackRecordings.Stop", "POST", "/v2/recordings/participant/track/stop", func(c *Client) error {
			return c.TrackRecordings.Stop(ctx, StopTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: TrackKindAudio})
		}},
		{"TrackRecordings.Delete", "DELETE", "/v2/recordings/participant/track/r1", func(c *Client) error {
			return c.TrackRecordings.Delete(ctx, "r1")
		}},
		{"Livestreams.Start", "POST", "/v2/livestreams/start", func(c *Client) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "k"}}})
			return err
		}},
		{"Livestreams.Stop", "POST", "/v2/livestreams/end", func(c *Client) error {
			return c.Livestreams.Stop(ctx, StopLivestreamParams{RoomID: room})
		}},
		{"HLS.Stop", "POST", "/v2/hls/end", func(c *Client) error {
			return c.HLS.Stop(ctx, StopHLSParams{RoomID: room})
		}},
		{"HLS.Delete", "DELETE", "/v2/hls/h1", func(c *Client) error {
			return c.HLS.Delete(ctx, "h1")
		}},
	}
}

// TestActionEndpointsAcceptAnySuccessBody: a JSON string, plain text, an
// empty 200 and a 204 are all success for start/stop/delete.
func TestActionEndpointsAcceptAnySuccessBody(t *testing.T) {
	t.Parallel()
	bodies := map[string]struct {
		status int
		body   string
	}{
		"json string": {200, `"Recording stop accepted"`},
		"plain text":  {200, `Recording stop accepted`},
		"empty":       {200, ``},
		"no content":  {204, ``},
		"object":      {200, `{"recordingId":"6819e0112c1e4a0013f0ab20"}`},
	}
	for _, ac := range actionCalls() {
		for kind, b := range bodies {
			t.Run(ac.name+"/"+kind, func(t *testing.T) {
				t.Parallel()
				c, mt := newTestClient(t)
				mt.RegisterResponder(ac.method, testutil.URL(ac.path), httpmock.NewStringResponder(b.status, b.body))
				require.NoError(t, ac.call(c))
				assert.Equal(t, 1, mt.GetTotalCallCount())
			})
		}
	}
}

// TestActionEndpointsErrors: a 4xx on an action endpoint is an *APIError.
func TestActionEndpointsErrors(t *testing.T) {
	t.Parallel()
	for _, ac := range actionCalls() {
		t.Run(ac.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder(ac.method, testutil.URL(ac.path), httpmock.NewStringResponder(404, `{"message":"No live session."}`))
			err := ac.call(c)
			assert.ErrorIs(t, err, ErrNotFound)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "No live session.", apiErr.Message)
			assert.Equal(t, 1, mt.GetTotalCallCount(), "a 404 is not retried")
		})
	}
}

// objectCall is an endpoint whose success body must be the resource.
type objectCall struct {
	name, method, path string
	call               func(*Client) (any, error)
}

func objectCalls() []objectCall {
	ctx := context.Background()
	return []objectCall{
		{"Recordings.Get", "GET", "/v2/recordings/r1", func(c *Client) (any, error) { return c.Recordings.Get(ctx, "r1") }},
		{"ParticipantRecordings.Get", "GET", "/v2/recordings/participant/r1", func(c *Client) (any, error) { return c.ParticipantRecordings.Get(ctx, "r1") }},
		{"TrackRecordings.Get", "GET", "/v2/recordings/participant/track/r1", func(c *Client) (any, error) { return c.TrackRecordings.Get(ctx, "r1") }},
		{"Merges.Get", "GET", "/v2/recordings/participant/merge/m1", func(c *Client) (any, error) { return c.Merges.Get(ctx, "m1") }},
		{"Merges.Create", "POST", "/v2/recordings/participant/merge", func(c *Client) (any, error) {
			return c.Merges.Create(ctx, CreateMergeParams{SessionID: "s1", Channel1: []MergeChannelEntry{{ParticipantID: "a"}}, Channel2: []MergeChannelEntry{{ParticipantID: "b"}}})
		}},
		{"Livestreams.Get", "GET", "/v2/livestreams/l1", func(c *Client) (any, error) { return c.Livestreams.Get(ctx, "l1") }},
		{"HLS.Start", "POST", "/v2/hls/start", func(c *Client) (any, error) { return c.HLS.Start(ctx, StartHLSParams{RoomID: "r"}) }},
		{"HLS.Get", "GET", "/v2/hls/h1", func(c *Client) (any, error) { return c.HLS.Get(ctx, "h1") }},
		{"HLS.GetActive", "GET", "/v2/hls/r/active", func(c *Client) (any, error) { return c.HLS.GetActive(ctx, "r") }},
		{"HLS.Capture", "POST", "/v2/hls/capture", func(c *Client) (any, error) { return c.HLS.Capture(ctx, CaptureHLSParams{RoomID: "r"}) }},
		{"Recordings.List", "GET", "/v2/recordings", func(c *Client) (any, error) { return c.Recordings.List(ctx, ListRecordingsParams{}) }},
		{"Merges.List", "GET", "/v2/recordings/participant/merge", func(c *Client) (any, error) { return c.Merges.List(ctx, ListMergesParams{}) }},
		{"HLS.List", "GET", "/v2/hls", func(c *Client) (any, error) { return c.HLS.List(ctx, ListHLSParams{}) }},
	}
}

// TestObjectEndpointsRejectBadBodies: a 200 that is not the resource (empty
// object, a sentence, HTML, truncated JSON, nothing) is a *ResponseError,
// never an empty struct.
func TestObjectEndpointsRejectBadBodies(t *testing.T) {
	t.Parallel()
	bodies := map[string]string{
		"empty object": `{}`,
		"json string":  `"HLS start accepted"`,
		"html":         `<html><body>502 Bad Gateway</body></html>`,
		"truncated":    `{"id":"6819e5c0`,
		"empty":        ``,
		"null data":    `{"code":200,"data":null}`,
		"array":        `[{"id":"x"}]`,
	}
	for _, oc := range objectCalls() {
		for kind, body := range bodies {
			t.Run(oc.name+"/"+kind, func(t *testing.T) {
				t.Parallel()
				c, mt := newTestClient(t)
				mt.RegisterResponder(oc.method, testutil.URL(oc.path), httpmock.NewStringResponder(200, body))
				got, err := oc.call(c)
				require.ErrorIs(t, err, ErrInvalidResponse)
				var re *ResponseError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, oc.method, re.Method)
				assert.Nil(t, got)
			})
		}
	}
}

// pagedResponder answers GET path with the fixtures in order of the page
// query parameter (page 1 = fixtures[0]; no page = 1) and returns a func
// listing the queries seen.
func pagedResponder(t *testing.T, mt *httpmock.MockTransport, method, path string, fixtures ...string) func() []map[string]string {
	t.Helper()
	var mu sync.Mutex
	var seen []map[string]string
	bodies := make([][]byte, len(fixtures))
	for i, f := range fixtures {
		bodies[i] = testutil.Fixture(t, f)
	}
	mt.RegisterResponder(method, testutil.URL(path), func(req *http.Request) (*http.Response, error) {
		testutil.AssertAuth(t, req.Header)
		q := map[string]string{}
		for k, v := range req.URL.Query() {
			q[k] = v[0]
		}
		mu.Lock()
		seen = append(seen, q)
		mu.Unlock()
		n := 1
		if p := q["page"]; p != "" {
			n, _ = strconv.Atoi(p)
		}
		if n < 1 || n > len(bodies) {
			return httpmock.NewStringResponse(400, `{"message":"bad page"}`), nil
		}
		return httpmock.NewBytesResponse(200, bodies[n-1]), nil
	})
	return func() []map[string]string {
		mu.Lock()
		defer mu.Unlock()
		return append([]map[string]string(nil), seen...)
	}
}

// jsonResponder answers with status and a JSON body.
func jsonResponder(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		r.Header.Set("Content-Type", "application/json")
		return r, nil
	}
}

// TestParamsRoundTripDocumentedBodies: a request body with every documented
// field decodes into the params type and is sent unchanged, so no documented
// field is dropped and every wire name is right.
func TestParamsRoundTripDocumentedBodies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	type rt struct {
		name, path, body string
		call             func(c *Client, body []byte) error
	}
	send := func(p any, f func(c *Client) error) func(*Client, []byte) error {
		return func(c *Client, body []byte) error {
			if err := json.Unmarshal(body, p); err != nil {
				return err
			}
			return f(c)
		}
	}
	var (
		rec  StartRecordingParams
		recS StopRecordingParams
		par  StartParticipantRecordingParams
		parS StopParticipantRecordingParams
		trk  StartTrackRecordingParams
		trkS StopTrackRecordingParams
		mrg  CreateMergeParams
		liv  StartLivestreamParams
		livS StopLivestreamParams
		hls  StartHLSParams
		hlsS StopHLSParams
		capt CaptureHLSParams
	)
	cases := []rt{
		{"recordings start", "/v2/recordings/start", `{"roomId":"abcd-efgh-ijkl","templateUrl":"https://www.example.com/?token=token&meetingId=74v5-v21l-n1ey&participantId=RECORDER_ID",
			"transcription":{"enabled":true,"summary":{"enabled":true,"prompt":"Write a concise summary"}},
			"config":{"layout":{"type":"GRID","priority":"SPEAKER","gridSize":4},"theme":"DARK","mode":"video-and-audio","quality":"med","orientation":"landscape"},
			"webhookUrl":"https://www.example.com/","awsDirPath":"s3path","preSignedUrl":"https://bucket.example.com/upload?sig=1","fileFormat":"mp4",
			"onFailure":{"action":"close-room","waitTime":150},"resourceId":"res-1"}`,
			send(&rec, func(c *Client) error { _, err := c.Recordings.Start(ctx, rec); return err })},
		{"recordings stop", "/v2/recordings/end", `{"roomId":"abcd-efgh-ijkl","id":"6819e0112c1e4a0013f0ab20"}`,
			send(&recS, func(c *Client) error { return c.Recordings.Stop(ctx, recS) })},
		{"participant start", "/v2/recordings/participant/start", `{"roomId":"abcd-efgh-ijkl","participantId":"abcd","fileFormat":"webm","webhookUrl":"https://www.example.com/","bucketDirPath":"s3path","metadata":{"k":"v"}}`,
			send(&par, func(c *Client) error { _, err := c.ParticipantRecordings.Start(ctx, par); return err })},
		{"participant stop", "/v2/recordings/participant/stop", `{"roomId":"abcd-efgh-ijkl","participantId":"abcd"}`,
			send(&parS, func(c *Client) error { return c.ParticipantRecordings.Stop(ctx, parS) })},
		{"track start", "/v2/recordings/participant/track/start", `{"roomId":"abcd-efgh-ijkl","participantId":"abcd","kind":"audio","fileFormat":"webm","webhookUrl":"https://www.example.com/","bucketDirPath":"s3path"}`,
			send(&trk, func(c *Client) error { _, err := c.TrackRecordings.Start(ctx, trk); return err })},
		{"track stop", "/v2/recordings/participant/track/stop", `{"roomId":"abcd-efgh-ijkl","participantId":"abcd","kind":"screen_video"}`,
			send(&trkS, func(c *Client) error { return c.TrackRecordings.Stop(ctx, trkS) })},
		{"merge create", "/v2/recordings/participant/merge", `{"sessionId":"6847c231fbaa8b416bc87014",
			"channel1":[{"participantId":"abcd","recordingId":"rec1"},{"participantId":"abcd2"}],
			"channel2":[{"participantId":"abcd3","recordingId":"rec3","type":"track"}],
			"type":"participant","webhookUrl":"https://www.example.com/","dirPath":"merged/"}`,
			send(&mrg, func(c *Client) error { _, err := c.Merges.Create(ctx, mrg); return err })},
		{"livestream start", "/v2/livestreams/start", `{"roomId":"abcd-efgh-ijkl","outputs":[{"url":"rtmp://a.rtmp.youtube.com/live2","streamKey":"key"}],
			"config":{"layout":{"type":"SPOTLIGHT","priority":"PIN","gridSize":4},"theme":"LIGHT","recording":{"enabled":true}},
			"templateUrl":"https://www.example.com/","transcription":{"enabled":true,"summary":{"enabled":true,"prompt":"p"}},"resourceId":"res-1"}`,
			send(&liv, func(c *Client) error { _, err := c.Livestreams.Start(ctx, liv); return err })},
		{"livestream stop", "/v2/livestreams/end", `{"roomId":"abcd-efgh-ijkl","id":"6819e3102c1e4a0013f0ab80"}`,
			send(&livS, func(c *Client) error { return c.Livestreams.Stop(ctx, livS) })},
		{"hls start", "/v2/hls/start", `{"roomId":"abcd-efgh-ijkl","templateUrl":"https://www.example.com/",
			"transcription":{"enabled":true,"summary":{"enabled":true,"prompt":"p"}},"summary":{"enabled":true,"prompt":"p"},
			"config":{"layout":{"type":"SIDEBAR","priority":"SPEAKER","gridSize":25},"theme":"DARK","mode":"audio","quality":"low","orientation":"portrait","recording":{"enabled":true}},
			"webhookUrl":"https://www.example.com/","recording":{"enabled":false},"resourceId":"res-1"}`,
			send(&hls, func(c *Client) error { _, err := c.HLS.Start(ctx, hls); return err })},
		{"hls stop", "/v2/hls/end", `{"roomId":"abcd-efgh-ijkl","id":"6819e5c02c1e4a0013f0ac01"}`,
			send(&hlsS, func(c *Client) error { return c.HLS.Stop(ctx, hlsS) })},
		{"hls capture", "/v2/hls/capture", `{"roomId":"abcd-efgh-ijkl","time":0,"width":1280,"height":720,"format":"jpg"}`,
			send(&capt, func(c *Client) error { _, err := c.HLS.Capture(ctx, capt); return err })},
	}
	for _, tc := range cases {
		c, mt := newTestClient(t)
		var seen []testutil.Request
		fixture := ""
		switch tc.path {
		case "/v2/recordings/participant/merge":
			fixture = "merges_create.json"
		case "/v2/hls/start":
			fixture = "hls_start.json"
		case "/v2/hls/capture":
			fixture = "hls_capture.json"
		}
		mt.RegisterResponder("POST", testutil.URL(tc.path), testutil.Capture(t, 200, fixture, &seen))
		require.NoError(t, tc.call(c, []byte(tc.body)), tc.name)
		require.Len(t, seen, 1, tc.name)
		assert.JSONEq(t, tc.body, string(seen[0].Body), tc.name)
	}
}
