package videosdk

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// waiterCase is one waiter with a body for each state of its job.
type waiterCase struct {
	name, kind, path, id string
	pending, done        []string // successive "still running" bodies, and the finished one
	failed               string   // a failed job's body ("" when the API shows no failure)
	failedStatus, reason string   // what the JobError says about it
	call                 func(context.Context, *Client, string) (any, error)
	doneCheck            func(t *testing.T, v any)
}

func waiterCases() []waiterCase {
	const rec = `"id":"6819e0112c1e4a0013f0ab20","roomId":"tq7v-m2xk-9hdp","sessionId":"6819d4a02c1e4a0013f0aa10"`
	const file = `{"id":"f1","filePath":"uploads/videos/f1.mp4","fileUrl":"https://cdn.videosdk.live/uploads/videos/f1.mp4","type":"video","size":10}`
	const ind = `"id":"6819e1aa2c1e4a0013f0ab40","roomId":"tq7v-m2xk-9hdp","sessionId":"6819d4a02c1e4a0013f0aa10","participantId":"p8x2kq1z","start":"2025-05-06T09:20:11.001Z"`
	return []waiterCase{
		{
			name: "Merges.Wait", kind: "merge", path: "/v2/recordings/participant/merge/", id: "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70",
			pending:      []string{`{"id":"7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70","status":"running"}`},
			done:         []string{`{"id":"7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70","status":"completed","file":{"id":"a1","fileUrl":"https://cdn.videosdk.live/merged/a.mp3","meta":{"format":"mp3"}}}`},
			failed:       `{"id":"7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70","status":"failed","message":"channel2: no audio track"}`,
			failedStatus: "failed", reason: "channel2: no audio track",
			call: func(ctx context.Context, c *Client, id string) (any, error) { return c.Merges.Wait(ctx, id) },
			doneCheck: func(t *testing.T, v any) {
				m := v.(*Merge)
				assert.Equal(t, MergeStatusCompleted, m.Status)
				assert.Equal(t, FileFormatMP3, m.File.Meta.Format)
			},
		},
		{
			name: "Transcodings.Wait", kind: "transcoding", path: "/v2/transcodings/", id: "665fcf7f2abe9a2807e42700",
			pending:      []string{`{"id":"665fcf7f2abe9a2807e42700","status":"pending"}`, `{"id":"665fcf7f2abe9a2807e42700","status":"processing"}`},
			done:         []string{`{"id":"665fcf7f2abe9a2807e42700","status":"completed","file":{"id":"v1","fileUrl":"https://cdn.videosdk.live/v.mp4","meta":{"format":"mp4"}}}`},
			failed:       `{"id":"665fcf7f2abe9a2807e42700","status":"cancelled","error":"cancelled by the user"}`,
			failedStatus: "cancelled", reason: "cancelled by the user",
			call: func(ctx context.Context, c *Client, id string) (any, error) { return c.Transcodings.Wait(ctx, id) },
			doneCheck: func(t *testing.T, v any) {
				tr := v.(*Transcoding)
				assert.Equal(t, TranscodingStatusCompleted, tr.Status)
				assert.Equal(t, FileFormatMP4, tr.File.Meta.Format)
			},
		},
		{
			name: "PostTranscriptions.Wait", kind: "post-transcription", path: "/ai/v1/post-transcriptions/", id: "40b0a4ed-9842-40c9-a288-e4b1bf98a90a",
			pending:      []string{`{"id":"40b0a4ed-9842-40c9-a288-e4b1bf98a90a","status":"running"}`, `{"id":"40b0a4ed-9842-40c9-a288-e4b1bf98a90a","status":"queued"}`},
			done:         []string{`{"id":"40b0a4ed-9842-40c9-a288-e4b1bf98a90a","status":"completed","transcriptionFilePaths":{"txt":"https://cdn.videosdk.live/t.txt"}}`},
			failed:       `{"id":"40b0a4ed-9842-40c9-a288-e4b1bf98a90a","status":"failed"}`,
			failedStatus: "failed",
			call: func(ctx context.Context, c *Client, id string) (any, error) {
				return c.PostTranscriptions.Wait(ctx, id)
			},
			doneCheck: func(t *testing.T, v any) {
				assert.Equal(t, "https://cdn.videosdk.live/t.txt", v.(*PostTranscription).TranscriptionFilePaths.TXT)
			},
		},
		{
			name: "Recordings.WaitForFile", kind: "recording", path: "/v2/recordings/", id: "6819e0112c1e4a0013f0ab20",
			pending: []string{`{` + rec + `,"end":null}`, `{` + rec + `,"end":"2025-05-06T09:36:02.870Z","file":null}`},
			done:    []string{`{` + rec + `,"end":"2025-05-06T09:36:02.870Z","fileId":"f1","file":` + file + `}`},
			failed: `{` + rec + `,"end":"2025-05-06T09:36:02.870Z","webhook":{"totalCount":2,"successCount":2,"data":[` +
				`{"type":"recording-started","success":true},{"type":"recording-failed","success":true}]}}`,
			failedStatus: "recording-failed",
			call:         func(ctx context.Context, c *Client, id string) (any, error) { return c.Recordings.WaitForFile(ctx, id) },
			doneCheck: func(t *testing.T, v any) {
				assert.Equal(t, "https://cdn.videosdk.live/uploads/videos/f1.mp4", v.(*Recording).File.FileURL)
			},
		},
		{
			name: "ParticipantRecordings.WaitForFile", kind: "participant-recording", path: "/v2/recordings/participant/", id: "6819e1aa2c1e4a0013f0ab40",
			pending: []string{`{` + ind + `,"end":null,"files":[]}`, `{` + ind + `,"end":"2025-05-06T09:41:37.950Z","files":[]}`},
			done:    []string{`{` + ind + `,"end":"2025-05-06T09:41:37.950Z","files":[` + file + `]}`},
			failed: `{` + ind + `,"end":null,"files":[],"webhook":{"totalCount":1,"successCount":0,"data":[` +
				`{"type":"participant-recording-failed","success":false}]}}`,
			failedStatus: "participant-recording-failed",
			call: func(ctx context.Context, c *Client, id string) (any, error) {
				return c.ParticipantRecordings.WaitForFile(ctx, id)
			},
			doneCheck: func(t *testing.T, v any) {
				r := v.(*ParticipantRecording)
				assert.NotNil(t, r.End)
				assert.Len(t, r.Files, 1)
			},
		},
		{
			name: "TrackRecordings.WaitForFile", kind: "track-recording", path: "/v2/recordings/participant/track/", id: "6819e1c42c1e4a0013f0ab60",
			// Files of an earlier track restart exist while it still records: not done.
			pending: []string{`{` + ind + `,"kind":"audio","end":null,"files":[` + file + `]}`},
			done:    []string{`{` + ind + `,"kind":"audio","end":"2025-05-06T09:41:37.950Z","files":[` + file + `,` + file + `]}`},
			failed: `{` + ind + `,"kind":"audio","end":"2025-05-06T09:41:37.950Z","files":[],"webhook":{"data":[` +
				`{"type":"participant-track-recording-failed","success":true}]}}`,
			failedStatus: "participant-track-recording-failed",
			call: func(ctx context.Context, c *Client, id string) (any, error) {
				return c.TrackRecordings.WaitForFile(ctx, id)
			},
			doneCheck: func(t *testing.T, v any) {
				assert.Len(t, v.(*TrackRecording).Files, 2)
			},
		},
		{
			name: "CompositeRecordings.WaitForFile", kind: "composite-recording", path: "/v2/recordings/composite/", id: "68bec210ec765e266517c8f4",
			pending: []string{`{"id":"68bec210ec765e266517c8f4","meetingId":"s87z-lvsj-riwb","end":null}`,
				`{"id":"68bec210ec765e266517c8f4","meetingId":"s87z-lvsj-riwb","end":"2025-09-08T11:47:40.274Z","file":{"meta":{"format":"WebM"}}}`},
			done: []string{`{"id":"68bec210ec765e266517c8f4","meetingId":"s87z-lvsj-riwb","end":"2025-09-08T11:47:40.274Z",` +
				`"file":{"filePath":"individual-recordings/x/composite_recording_1757331986657.webm","meta":{"format":"WebM"}}}`},
			call: func(ctx context.Context, c *Client, id string) (any, error) {
				return c.CompositeRecordings.WaitForFile(ctx, id)
			},
			doneCheck: func(t *testing.T, v any) {
				assert.Equal(t, "individual-recordings/x/composite_recording_1757331986657.webm", v.(*CompositeRecording).File.FilePath)
			},
		},
	}
}

func bodies(list ...string) httpmock.Responder {
	rs := make([]httpmock.Responder, len(list))
	for i, b := range list {
		rs[i] = jsonResponder(200, b)
	}
	return sequence(rs...)
}

// TestWaitersReturnTheFinishedResource: each waiter polls through the
// pending states (first poll at once, then the backoff pauses) and returns
// the finished resource.
func TestWaitersReturnTheFinishedResource(t *testing.T) {
	t.Parallel()
	for _, wc := range waiterCases() {
		p := &testutil.Waits{}
		c, mt := newTestClient(t, withSleep(p.Sleep), withRand(func() float64 { return 0.5 }))
		mt.RegisterResponder("GET", testutil.URL(wc.path+wc.id), bodies(append(wc.pending, wc.done...)...))
		v, err := wc.call(context.Background(), c, wc.id)
		require.NoError(t, err, wc.name)
		wc.doneCheck(t, v)
		polls := len(wc.pending) + 1
		assert.Equal(t, polls, mt.GetTotalCallCount(), wc.name)
		want := []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}[:polls-1]
		assert.Equal(t, want, p.All(), "%s: one pause between two polls", wc.name)
	}
}

// TestWaitersReportAFailedJob: a failed (or cancelled) job ends the wait
// with ErrJobFailed; errors.As gives the JobError with kind, id, status and
// the API's reason.
func TestWaitersReportAFailedJob(t *testing.T) {
	t.Parallel()
	for _, wc := range waiterCases() {
		if wc.failed == "" {
			continue
		}
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL(wc.path+wc.id), bodies(append(wc.pending, wc.failed)...))
		v, err := wc.call(context.Background(), c, wc.id)
		require.ErrorIs(t, err, ErrJobFailed, wc.name)
		assert.Nil(t, v, wc.name)
		var je *JobError
		require.ErrorAs(t, err, &je, wc.name)
		assert.Equal(t, &JobError{Kind: wc.kind, ID: wc.id, Status: wc.failedStatus, Reason: wc.reason}, je, wc.name)
		assert.Equal(t, len(wc.pending)+1, mt.GetTotalCallCount(), "%s: no poll after the failure", wc.name)
		assert.NotErrorIs(t, err, ErrNotFound)
	}
}

// TestWaiterEndsAtTheDeadline: a job that never finishes is polled with
// growing pauses until the context's deadline; the waiter then ends with an
// error matching context.DeadlineExceeded after a bounded number of polls.
// With the jitter at its low end the pauses are 0.5, 1, 2, 4 s (7.5 s in
// all) and then 7.5 s each, so a 2-minute deadline is reached by the 19th
// pause (7.5 + 15·7.5 = 120), after the 19th poll; in the middle of the
// range (0.75, 1.5, 3, 6, then 11.25 s) by the 14th (11.25 + 10·11.25 ≥ 120).
func TestWaiterEndsAtTheDeadline(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r     float64
		polls int
		first []time.Duration
	}{
		{0, 19, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 7500 * time.Millisecond, 7500 * time.Millisecond}},
		{0.5, 14, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second, 6 * time.Second, 11250 * time.Millisecond, 11250 * time.Millisecond}},
	} {
		// In a synctest bubble the waiter's real pauses and the context's
		// deadline run on virtual time. The deadline is 1 ms short of 2
		// minutes so that no pause ends on the very instant it fires.
		synctest.Test(t, func(t *testing.T) {
			var pauses []time.Duration
			c, mt := newTestClient(t, withRand(func() float64 { return tc.r }), withSleep(func(ctx context.Context, d time.Duration) error {
				pauses = append(pauses, d)
				return transport.Sleep(ctx, d)
			}))
			mt.RegisterResponder("GET", testutil.URL("/v2/transcodings/665fcf7f2abe9a2807e42700"),
				jsonResponder(200, `{"id":"665fcf7f2abe9a2807e42700","status":"processing"}`))
			const deadline = 2*time.Minute - time.Millisecond
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			start := time.Now()
			tr, err := c.Transcodings.Wait(ctx, "665fcf7f2abe9a2807e42700")
			assert.Nil(t, tr)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.NotErrorIs(t, err, ErrJobFailed)
			assert.Equal(t, deadline, time.Since(start), "r=%v: the wait ends at the deadline, in the middle of a pause", tc.r)
			assert.Equal(t, tc.polls, mt.GetTotalCallCount(), "r=%v: polls", tc.r)
			assert.Len(t, pauses, tc.polls, "r=%v: a pause after each poll, the last one cut by the deadline: no poll after it", tc.r)
			assert.Equal(t, tc.first, pauses[:len(tc.first)], "r=%v", tc.r)
			assert.Contains(t, err.Error(), `waiting for transcoding 665fcf7f2abe9a2807e42700: context deadline exceeded (still "processing" after `)
		})
	}
}

// TestWaiterCancel: cancelling during a pause ends the wait with
// context.Canceled; a context already done ends it before any poll's
// answer is used.
func TestWaiterCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	c, mt := newTestClient(t, withSleep(func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}))
	mt.RegisterResponder("GET", testutil.URL("/v2/recordings/participant/merge/m1"), jsonResponder(200, `{"id":"m1","status":"running"}`))
	_, err := c.Merges.Wait(ctx, "m1")
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, mt.GetTotalCallCount())

	_, err = c.Merges.Wait(ctx, "m1") // already cancelled
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "waiting for merge m1")
}

// TestWaiterNotFoundGrace: before the job was seen, 404s on the first five
// polls mean "not visible yet"; a 404 on the sixth ends the wait, and a 404
// after the job was seen ends it at once.
func TestWaiterNotFoundGrace(t *testing.T) {
	t.Parallel()
	notFound := status(404, `{"message":"Recording not found"}`)
	done := jsonResponder(200, `{"id":"r1","roomId":"x","file":{"fileUrl":"https://cdn.videosdk.live/r1.mp4"}}`)
	running := jsonResponder(200, `{"id":"r1","roomId":"x","end":null}`)
	tests := []struct {
		name    string
		answers []httpmock.Responder
		polls   int
		found   bool
	}{
		{"visible at the 6th poll", []httpmock.Responder{notFound, notFound, notFound, notFound, notFound, done}, 6, true},
		{"never visible", []httpmock.Responder{notFound}, 6, false},
		{"gone once seen", []httpmock.Responder{notFound, running, notFound}, 3, false},
	}
	for _, tt := range tests {
		p := &testutil.Waits{}
		c, mt := newTestClient(t, withSleep(p.Sleep))
		mt.RegisterResponder("GET", testutil.URL("/v2/recordings/r1"), sequence(tt.answers...))
		rec, err := c.Recordings.WaitForFile(context.Background(), "r1")
		assert.Equal(t, tt.polls, mt.GetTotalCallCount(), tt.name)
		assert.Len(t, p.All(), tt.polls-1, tt.name)
		if tt.found {
			require.NoError(t, err, tt.name)
			assert.Equal(t, "https://cdn.videosdk.live/r1.mp4", rec.File.FileURL)
			continue
		}
		assert.ErrorIs(t, err, ErrNotFound, tt.name)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr, tt.name)
		assert.Equal(t, 404, apiErr.StatusCode)
	}
}

// TestWaiterTransientErrors: a poll that fails with a 5xx, a 429 or a
// network error (the transport's own retries off here) is polled again; the
// third in a row ends the wait with that error; a success in between resets
// the count; a long Retry-After stretches the pause; other errors end the
// wait at once.
func TestWaiterTransientErrors(t *testing.T) {
	t.Parallel()
	const path = "/v2/transcodings/t1"
	pending := jsonResponder(200, `{"id":"t1","status":"pending"}`)
	done := jsonResponder(200, `{"id":"t1","status":"completed"}`)
	s503 := status(503, `{"message":"busy"}`)
	reset := httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")})
	limited := func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(429, `{"message":"slow down"}`)
		r.Header.Set("Retry-After", "60")
		return r, nil
	}
	tests := []struct {
		name    string
		answers []httpmock.Responder
		polls   int
		wantErr error
		pauses  []time.Duration // nil: not checked
	}{
		{"503 then done", []httpmock.Responder{s503, s503, done}, 3, nil, nil},
		{"three 503 in a row", []httpmock.Responder{s503, s503, s503, done}, 3, ErrServer, nil},
		{"the count resets", []httpmock.Responder{s503, s503, pending, s503, s503, done}, 6, nil, nil},
		{"network errors", []httpmock.Responder{reset, reset, done}, 3, nil, nil},
		{"network errors end", []httpmock.Responder{reset}, 3, errNetwork, nil},
		{"429 stretches the pause", []httpmock.Responder{limited, done}, 2, nil, []time.Duration{time.Minute}},
		{"401 ends at once", []httpmock.Responder{status(401, `{"message":"expired"}`), done}, 1, ErrUnauthorized, nil},
		{"garbage ends at once", []httpmock.Responder{status(200, `<html>oops</html>`), done}, 1, ErrInvalidResponse, nil},
		{"400 ends at once", []httpmock.Responder{pending, status(400, `{"message":"bad id"}`), done}, 2, ErrBadRequest, nil},
	}
	for _, tt := range tests {
		p := &testutil.Waits{}
		c, mt := newTestClient(t, WithMaxRetries(0), withSleep(p.Sleep), withRand(func() float64 { return 0 }))
		mt.RegisterResponder("GET", testutil.URL(path), sequence(tt.answers...))
		tr, err := c.Transcodings.Wait(context.Background(), "t1")
		assert.Equal(t, tt.polls, mt.GetTotalCallCount(), tt.name)
		switch {
		case tt.wantErr == nil:
			require.NoError(t, err, tt.name)
			assert.Equal(t, TranscodingStatusCompleted, tr.Status)
		case tt.wantErr == errNetwork:
			require.Error(t, err, tt.name)
			assert.Contains(t, err.Error(), "connection reset by peer", tt.name)
		default:
			assert.ErrorIs(t, err, tt.wantErr, tt.name)
		}
		if tt.pauses != nil {
			assert.Equal(t, tt.pauses, p.All(), tt.name)
		}
	}
}

// errNetwork marks the network-error case of TestWaiterTransientErrors.
var errNetwork = errors.New("network")

// TestWaiterDelays: the n-th pause is drawn from [d/2, d] with d =
// min(first·2ⁿ, max): 1 s doubling to 15 s by default, or the bounds of
// WithWaiterDelay.
func TestWaiterDelays(t *testing.T) {
	t.Parallel()
	const ms = time.Millisecond
	tests := []struct {
		name string
		opts []Option
		want []time.Duration // d for n = 0, 1, …
	}{
		{"default", nil, []time.Duration{1000 * ms, 2000 * ms, 4000 * ms, 8000 * ms, 15000 * ms, 15000 * ms, 15000 * ms}},
		{"WithWaiterDelay", []Option{WithWaiterDelay(10*ms, 50*ms)}, []time.Duration{10 * ms, 20 * ms, 40 * ms, 50 * ms, 50 * ms}},
		{"fixed", []Option{WithWaiterDelay(ms, ms)}, []time.Duration{ms, ms, ms}},
	}
	for _, tt := range tests {
		for _, r := range []float64{0, 0.5, 0.999999999} {
			c, _ := newTestClient(t, append(tt.opts, withRand(func() float64 { return r }))...)
			for n, d := range tt.want {
				got := c.waitDelay(n)
				assert.GreaterOrEqual(t, got, d/2, "%s n=%d r=%v", tt.name, n, r)
				assert.LessOrEqual(t, got, d, "%s n=%d r=%v", tt.name, n, r)
				switch r {
				case 0:
					assert.Equal(t, d/2, got, "%s n=%d: the low end", tt.name, n)
				case 0.5:
					assert.Equal(t, d*3/4, got, "%s n=%d: the middle", tt.name, n)
				}
			}
			assert.Equal(t, c.waitDelay(1<<30), c.waitDelay(len(tt.want)), "%s: capped for any n", tt.name)
		}
	}
	// Real jitter stays in range too.
	c, _ := newTestClient(t)
	for n := range 8 {
		d := min(time.Second<<n, 15*time.Second)
		for range 50 {
			got := c.waitDelay(n)
			assert.True(t, got >= d/2 && got <= d, "n=%d: %v not in [%v, %v]", n, got, d/2, d)
		}
	}

	for _, bad := range [][2]time.Duration{{0, time.Second}, {time.Microsecond, time.Second}, {-time.Second, time.Second}, {2 * time.Second, time.Second}} {
		_, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithWaiterDelay(bad[0], bad[1]))
		assert.ErrorIs(t, err, ErrInvalidParams, "%v", bad)
	}
}

// TestWaiterArguments: a bad id or a nil context is refused before any
// request.
func TestWaiterArguments(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"merge empty":          func() error { _, err := c.Merges.Wait(ctx, ""); return err },
		"transcoding slash":    func() error { _, err := c.Transcodings.Wait(ctx, "a/b"); return err },
		"transcoding reserved": func() error { _, err := c.Transcodings.Wait(ctx, "merge"); return err },
		"post dotdot":          func() error { _, err := c.PostTranscriptions.Wait(ctx, ".."); return err },
		"recording reserved":   func() error { _, err := c.Recordings.WaitForFile(ctx, "participant"); return err },
		"participant blank":    func() error { _, err := c.ParticipantRecordings.WaitForFile(ctx, " "); return err },
		"track reserved":       func() error { _, err := c.TrackRecordings.WaitForFile(ctx, "stop"); return err },
		"composite reserved":   func() error { _, err := c.CompositeRecordings.WaitForFile(ctx, "start"); return err },
		"nil context": func() error {
			var nilCtx context.Context
			_, err := c.Merges.Wait(nilCtx, "m1")
			return err
		},
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}

// TestJobErrorText: the server's status and reason are cleaned (tokens
// redacted, capped) and quoted (control characters escaped).
func TestJobErrorText(t *testing.T) {
	t.Parallel()
	tok := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlrZXkiOiJrIn0.sig-Part_1"
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/recordings/participant/merge/m1"), jsonResponder(200,
		`{"id":"m1","status":"failed","message":"token `+tok+` refused\n\u001b[31mred\u202e `+strings.Repeat("x", 2000)+`"}`))
	_, err := c.Merges.Wait(context.Background(), "m1")
	var je *JobError
	require.ErrorAs(t, err, &je)
	assert.NotContains(t, je.Reason, tok)
	assert.Contains(t, je.Reason, "[redacted]")
	assert.LessOrEqual(t, len(je.Reason), 512+len("…"))
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, `videosdk: merge m1 ended "failed": "token [redacted] refused\n\x1b[31mred\u202e xxx`), msg)
	assert.NotContains(t, msg, "\n")
	assert.NotContains(t, msg, "\x1b")
	assert.NotContains(t, msg, "\u202e")
	assert.Equal(t, `videosdk: transcoding t1 ended "cancelled"`, (&JobError{Kind: "transcoding", ID: "t1", Status: "cancelled"}).Error())
	assert.True(t, errors.Is(&JobError{}, ErrJobFailed))
}

// TestWaiterLogs: with a debug logger each pause is logged with the job and
// its state, never the token.
func TestWaiterLogs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	var mu sync.Mutex
	c, mt := newTestClient(t, WithLogger(newDebugLogger(lockedWriter{&mu, &buf})))
	mt.RegisterResponder("GET", testutil.URL("/v2/transcodings/t1"), bodies(`{"id":"t1","status":"processing"}`, `{"id":"t1","status":"completed"}`))
	_, err := c.Transcodings.Wait(context.Background(), "t1")
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	out := buf.String()
	assert.Contains(t, out, `msg="videosdk: waiting" kind=transcoding id=t1 poll=1 state="still \"processing\""`)
	assert.Equal(t, 1, strings.Count(out, "videosdk: waiting"))
	assert.NotContains(t, out, "eyJ")
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestWaiterTextIsRedacted: a server (or proxy) that echoes the
// Authorization header, or the secret, into a job's status: neither reaches
// the "still …" of a wait its context ended, nor the debug log, for every
// waiter; control characters do not reach the log either.
func TestWaiterTextIsRedacted(t *testing.T) {
	t.Parallel()
	for _, wc := range waiterCases()[:3] {
		t.Run(wc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			var mu sync.Mutex
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			pauses := 0
			stopAfterThree := func(ctx context.Context, _ time.Duration) error { // the wait ends during its third pause
				if pauses++; pauses == 3 {
					cancel()
				}
				return ctx.Err()
			}
			c, mt := newTestClient(t, withSleep(stopAfterThree), WithLogger(newDebugLogger(lockedWriter{&mu, &buf})))
			var seenTok string
			mt.RegisterResponder("GET", testutil.URL(wc.path+wc.id), func(r *http.Request) (*http.Response, error) {
				tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				mu.Lock()
				seenTok = tok
				mu.Unlock()
				body := `{"id":"` + wc.id + `","status":"` + r.Header.Get("Authorization") + ` ` + testutil.TestSecret + `\u001b[2J"}`
				return httpmock.NewStringResponse(200, body), nil
			})
			_, err := wc.call(ctx, c, wc.id)
			require.ErrorIs(t, err, context.Canceled)
			require.Contains(t, err.Error(), "(still ")
			mu.Lock()
			defer mu.Unlock()
			require.NotEmpty(t, seenTok)
			for _, text := range []string{err.Error(), buf.String()} {
				assert.NotContains(t, text, seenTok)
				assert.NotContains(t, text, testutil.TestSecret)
				assert.NotContains(t, text, "eyJ")
				assert.NotContains(t, text, "\x1b")
				assert.Contains(t, text, "[redacted]")
			}
		})
	}
}
