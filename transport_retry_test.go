package videosdk

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// errKind is the shape of a cell's outcome.
type errKind int

const (
	kindOK       errKind = iota // success, result returned
	kindAPI                     // *APIError
	kindResponse                // *ResponseError (success status, unusable body)
	kindNet                     // transport failure: no SDK sentinel matches
	kindTimeout                 // transport failure wrapping context.DeadlineExceeded
)

// expect is the written-down outcome of one cell.
type expect struct {
	requests   int           // requests that reached the server handler
	kind       errKind       // outcome shape
	sentinel   error         // the one SDK sentinel errors.Is must match (nil: none)
	status     int           // StatusCode of the *APIError / *ResponseError
	retryAfter time.Duration // APIError.RetryAfter
}

func ok(n int) expect { return expect{requests: n, kind: kindOK} }
func api(n, status int, s error) expect {
	return expect{requests: n, kind: kindAPI, sentinel: s, status: status}
}
func bad(n int) expect {
	return expect{requests: n, kind: kindResponse, sentinel: ErrInvalidResponse, status: 200}
}
func netErr(n int) expect  { return expect{requests: n, kind: kindNet} }
func timeout(n int) expect { return expect{requests: n, kind: kindTimeout} }

func (e expect) after(d time.Duration) expect { e.retryAfter = d; return e }

// matrixRow is one scripted server behaviour and the expected outcome for
// each method: GET (Rooms.Get), POST (Rooms.Create), DELETE
// (Recordings.Delete, an action call that decodes nothing).
type matrixRow struct {
	name           string
	steps          []step
	get, post, del expect
	// wait is the expected wait before every retry; 0 means the jittered
	// backoff (pinned to 0.5: 375ms, 750ms); waitNone means no wait at all.
	wait time.Duration
	// warm sends one successful GET first, so the call runs on a cached token.
	warm bool
	// timeout is the per-attempt timeout (0: the default 30s).
	timeout time.Duration
	// dialFail points the client at a closed port: no request is ever sent.
	dialFail bool
	// only restricts the row to these methods ("GET,DELETE").
	only string
}

const waitNone = -1

var allSentinels = []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict,
	ErrRateLimited, ErrServer, ErrInvalidParams, ErrInvalidResponse, ErrInvalidToken}

// matrixStats are the figures RELIABILITY.md quotes (printed with -v).
var matrixStats struct {
	cells, requests, duplicatePOSTs, panics atomic.Int64
	postCells, postRequests                 atomic.Int64
}

// fixedNow is the matrix's clock: Retry-After dates are relative to it.
var fixedNow = time.Now().UTC().Truncate(time.Second)

func retryAfter(v string) map[string]string { return map[string]string{"Retry-After": v} }

// errorStatusRows: one row per error status (and per Retry-After variant).
// Each row is run with every error body shape (JSON, HTML page, truncated
// JSON, empty, 10 MB): the shape of an error body never changes how many
// requests are sent or which sentinel matches.
func errorStatusRows() []matrixRow {
	date := func(d time.Duration) string { return fixedNow.Add(d).Format(http.TimeFormat) }
	return []matrixRow{
		{name: "400", steps: []step{{status: 400}}, get: api(1, 400, ErrBadRequest), post: api(1, 400, ErrBadRequest), del: api(1, 400, ErrBadRequest)},
		{name: "401-fresh-token", steps: []step{{status: 401}}, get: api(1, 401, ErrUnauthorized), post: api(1, 401, ErrUnauthorized), del: api(1, 401, ErrUnauthorized)},
		{name: "402", steps: []step{{status: 402}}, get: api(1, 402, ErrNotFound), post: api(1, 402, ErrNotFound), del: api(1, 402, ErrNotFound)},
		{name: "403", steps: []step{{status: 403}}, get: api(1, 403, ErrForbidden), post: api(1, 403, ErrForbidden), del: api(1, 403, ErrForbidden)},
		{name: "404", steps: []step{{status: 404}}, get: api(1, 404, ErrNotFound), post: api(1, 404, ErrNotFound), del: api(1, 404, ErrNotFound)},
		{name: "409", steps: []step{{status: 409}}, get: api(1, 409, ErrConflict), post: api(1, 409, ErrConflict), del: api(1, 409, ErrConflict)},
		// 429 is retried for every method, POST included: the request was refused.
		{name: "429-no-retry-after", steps: []step{{status: 429}}, get: api(3, 429, ErrRateLimited), post: api(3, 429, ErrRateLimited), del: api(3, 429, ErrRateLimited)},
		{name: "429-retry-after-2s", steps: []step{{status: 429, header: retryAfter("2")}}, wait: 2 * time.Second,
			get: api(3, 429, ErrRateLimited).after(2 * time.Second), post: api(3, 429, ErrRateLimited).after(2 * time.Second), del: api(3, 429, ErrRateLimited).after(2 * time.Second)},
		{name: "429-retry-after-date", steps: []step{{status: 429, header: retryAfter(date(5 * time.Second))}}, wait: 5 * time.Second,
			get: api(3, 429, ErrRateLimited).after(5 * time.Second), post: api(3, 429, ErrRateLimited).after(5 * time.Second), del: api(3, 429, ErrRateLimited).after(5 * time.Second)},
		{name: "429-retry-after-past-date", steps: []step{{status: 429, header: retryAfter(date(-time.Hour))}},
			get: api(3, 429, ErrRateLimited), post: api(3, 429, ErrRateLimited), del: api(3, 429, ErrRateLimited)},
		{name: "429-retry-after-garbage", steps: []step{{status: 429, header: retryAfter("soon-ish")}},
			get: api(3, 429, ErrRateLimited), post: api(3, 429, ErrRateLimited), del: api(3, 429, ErrRateLimited)},
		{name: "429-retry-after-negative", steps: []step{{status: 429, header: retryAfter("-5")}},
			get: api(3, 429, ErrRateLimited), post: api(3, 429, ErrRateLimited), del: api(3, 429, ErrRateLimited)},
		{name: "429-retry-after-30s", steps: []step{{status: 429, header: retryAfter("30")}}, wait: 30 * time.Second,
			get: api(3, 429, ErrRateLimited).after(30 * time.Second), post: api(3, 429, ErrRateLimited).after(30 * time.Second), del: api(3, 429, ErrRateLimited).after(30 * time.Second)},
		// A hint longer than 30 s is not waited out: the error comes back at
		// once with RetryAfter set so the caller can schedule the retry.
		{name: "429-retry-after-31s", steps: []step{{status: 429, header: retryAfter("31")}},
			get: api(1, 429, ErrRateLimited).after(31 * time.Second), post: api(1, 429, ErrRateLimited).after(31 * time.Second), del: api(1, 429, ErrRateLimited).after(31 * time.Second)},
		{name: "429-retry-after-huge", steps: []step{{status: 429, header: retryAfter("99999999999")}},
			get: api(1, 429, ErrRateLimited).after(24 * time.Hour), post: api(1, 429, ErrRateLimited).after(24 * time.Hour), del: api(1, 429, ErrRateLimited).after(24 * time.Hour)},
		{name: "429-retry-after-overflow", steps: []step{{status: 429, header: retryAfter("99999999999999999999999")}},
			get: api(1, 429, ErrRateLimited).after(24 * time.Hour), post: api(1, 429, ErrRateLimited).after(24 * time.Hour), del: api(1, 429, ErrRateLimited).after(24 * time.Hour)},
		{name: "429-retry-after-far-date", steps: []step{{status: 429, header: retryAfter(date(2 * time.Hour))}},
			get: api(1, 429, ErrRateLimited).after(2 * time.Hour), post: api(1, 429, ErrRateLimited).after(2 * time.Hour), del: api(1, 429, ErrRateLimited).after(2 * time.Hour)},
		// A date is capped like the seconds form (it gave 720 h and 2.5 million h).
		{name: "429-retry-after-date-30-days", steps: []step{{status: 429, header: retryAfter(date(30 * 24 * time.Hour))}},
			get: api(1, 429, ErrRateLimited).after(24 * time.Hour), post: api(1, 429, ErrRateLimited).after(24 * time.Hour), del: api(1, 429, ErrRateLimited).after(24 * time.Hour)},
		{name: "429-retry-after-date-9999", steps: []step{{status: 429, header: retryAfter("Fri, 31 Dec 9999 23:59:59 GMT")}},
			get: api(1, 429, ErrRateLimited).after(24 * time.Hour), post: api(1, 429, ErrRateLimited).after(24 * time.Hour), del: api(1, 429, ErrRateLimited).after(24 * time.Hour)},
		// 5xx: retried for GET and DELETE, never for POST (the side effect may have happened).
		{name: "500", steps: []step{{status: 500}}, get: api(3, 500, ErrServer), post: api(1, 500, ErrServer), del: api(3, 500, ErrServer)},
		{name: "501", steps: []step{{status: 501}}, get: api(1, 501, ErrServer), post: api(1, 501, ErrServer), del: api(1, 501, ErrServer)},
		{name: "502", steps: []step{{status: 502}}, get: api(3, 502, ErrServer), post: api(1, 502, ErrServer), del: api(3, 502, ErrServer)},
		{name: "503", steps: []step{{status: 503}}, get: api(3, 503, ErrServer), post: api(1, 503, ErrServer), del: api(3, 503, ErrServer)},
		{name: "503-retry-after-3s", steps: []step{{status: 503, header: retryAfter("3")}}, wait: 3 * time.Second,
			get: api(3, 503, ErrServer).after(3 * time.Second), post: api(1, 503, ErrServer).after(3 * time.Second), del: api(3, 503, ErrServer).after(3 * time.Second)},
		{name: "504", steps: []step{{status: 504}}, get: api(3, 504, ErrServer), post: api(1, 504, ErrServer), del: api(3, 504, ErrServer)},
	}
}

// otherRows: success bodies, connection failures and recovery sequences.
func otherRows() []matrixRow {
	return []matrixRow{
		{name: "200-json", steps: []step{{status: 200}}, get: ok(1), post: ok(1), del: ok(1)},
		{name: "201-json", steps: []step{{status: 201}}, get: ok(1), post: ok(1), del: ok(1)},
		// A success body the SDK cannot use is a ResponseError for a call that
		// decodes a resource; an action call (DELETE) decodes nothing, so any
		// 2xx body is success there. Never retried: the server said yes.
		{name: "200-html", steps: []step{{status: 200, fault: faultHTML}}, get: bad(1), post: bad(1), del: ok(1)},
		{name: "200-truncated-json", steps: []step{{status: 200, fault: faultTruncated}}, get: bad(1), post: bad(1), del: ok(1)},
		{name: "200-empty", steps: []step{{status: 200, fault: faultEmpty}}, get: bad(1), post: bad(1), del: ok(1)},
		{name: "200-non-json-text", steps: []step{{status: 200, fault: faultText}}, get: bad(1), post: bad(1), del: ok(1)},
		// 10 MB decodes (under the 32 MiB cap). POST decodes the same way as
		// GET and is not run: three JSON scans of 10 MB cost ~2 s under -race.
		{name: "200-10MB", steps: []step{{status: 200, fault: faultHuge}}, only: "GET,DELETE", get: ok(1), del: ok(1)},
		// Beyond the 32 MiB cap for success bodies: a ResponseError. The cap
		// is applied before the method matters, so one method is enough
		// (reading 32 MiB three times costs seconds under -race).
		{name: "200-33MB", steps: []step{{status: 200, fault: faultOversize}}, only: "GET", get: bad(1)},
		// Connection failures. A POST that may have reached the server is
		// never sent again.
		{name: "reset-before-response", steps: []step{{status: 200, fault: faultReset}}, get: netErr(3), post: netErr(1), del: netErr(3)},
		{name: "200-cut-mid-body", steps: []step{{status: 200, fault: faultCutBody}}, get: netErr(3), post: netErr(1), del: netErr(3)},
		{name: "200-reset-mid-body", steps: []step{{status: 200, fault: faultRSTBody}}, get: netErr(3), post: netErr(1), del: netErr(3)},
		// An error status whose body is cut keeps the part that arrived.
		{name: "500-cut-mid-body", steps: []step{{status: 500, fault: faultCutBody}}, get: api(3, 500, ErrServer), post: api(1, 500, ErrServer), del: api(3, 500, ErrServer)},
		{name: "429-cut-mid-body", steps: []step{{status: 429, fault: faultCutBody}}, get: api(3, 429, ErrRateLimited), post: api(3, 429, ErrRateLimited), del: api(3, 429, ErrRateLimited)},
		// The status line arrived but not one byte of the body: the answer
		// is the status all the same (a 429 still means "not processed").
		{name: "500-cut-after-headers", steps: []step{{status: 500, fault: faultNoBody}}, get: api(3, 500, ErrServer), post: api(1, 500, ErrServer), del: api(3, 500, ErrServer)},
		{name: "429-cut-after-headers", steps: []step{{status: 429, fault: faultNoBody}}, get: api(3, 429, ErrRateLimited), post: api(3, 429, ErrRateLimited), del: api(3, 429, ErrRateLimited)},
		{name: "404-cut-after-headers", steps: []step{{status: 404, fault: faultNoBody}}, get: api(1, 404, ErrNotFound), post: api(1, 404, ErrNotFound), del: api(1, 404, ErrNotFound)},
		{name: "200-cut-after-headers", steps: []step{{status: 200, fault: faultNoBody}}, get: netErr(3), post: netErr(1), del: netErr(3)},
		{name: "200-slow-body", steps: []step{{status: 200, fault: faultSlowBody}}, timeout: 300 * time.Millisecond, get: timeout(3), post: timeout(1), del: timeout(3)},
		// Nothing listens: the request is certainly not sent, so even a POST is retried.
		{name: "dial-refused", dialFail: true, get: netErr(0), post: netErr(0), del: netErr(0)},
		// Recovery: the SDK keeps working once the server does.
		{name: "reset,503,200", steps: []step{{status: 200, fault: faultReset}, {status: 503}, {status: 200}}, get: ok(3), post: netErr(1), del: ok(3)},
		{name: "503,502,200", steps: []step{{status: 503}, {status: 502}, {status: 200}}, get: ok(3), post: api(1, 503, ErrServer), del: ok(3)},
		{name: "429,429,201", steps: []step{{status: 429}, {status: 429}, {status: 201}}, get: ok(3), post: ok(3), del: ok(3)},
		{name: "429,500,200", steps: []step{{status: 429}, {status: 500}, {status: 200}}, get: ok(3), post: api(2, 500, ErrServer), del: ok(3)},
		// A 429 leaves the keep-alive connection open; the retry on it is then
		// reset. The POST is not sent a third time: neither the SDK nor
		// net/http (which may replay an idempotent request on a failed reused
		// connection, so GET and DELETE are not counted here) sends it again.
		{name: "429,reset-on-reused-conn", steps: []step{{status: 429}, {status: 200, fault: faultReset}}, only: "POST", post: netErr(2)},
		// 401 on a cached token: re-signed once and sent again, for every
		// method (a 401 means the request was refused), without a wait.
		{name: "cached-token-401,200", warm: true, steps: []step{{status: 200}, {status: 401}, {status: 200}}, wait: waitNone, get: ok(2), post: ok(2), del: ok(2)},
		{name: "cached-token-401,401", warm: true, steps: []step{{status: 200}, {status: 401}}, wait: waitNone, get: api(2, 401, ErrUnauthorized), post: api(2, 401, ErrUnauthorized), del: api(2, 401, ErrUnauthorized)},
	}
}

type matrixMethod struct {
	name string
	path string
	// call runs the method and reports whether it returned a result value.
	call func(ctx context.Context, c *Client) (gotResult bool, err error)
}

var matrixMethods = []matrixMethod{
	{"GET", "/v2/rooms/r-1", func(ctx context.Context, c *Client) (bool, error) {
		r, err := c.Rooms.Get(ctx, "r-1")
		if err == nil && r.RoomID != "r-1" {
			return true, fmt.Errorf("decoded room %+v", r)
		}
		return r != nil, err
	}},
	{"POST", "/v2/rooms", func(ctx context.Context, c *Client) (bool, error) {
		r, err := c.Rooms.Create(ctx, CreateRoomParams{CustomRoomID: "standup"})
		if err == nil && r.RoomID != "r-1" {
			return true, fmt.Errorf("decoded room %+v", r)
		}
		return r != nil, err
	}},
	{"DELETE", "/v2/recordings/x", func(ctx context.Context, c *Client) (bool, error) {
		return false, c.Recordings.Delete(ctx, "x")
	}},
}

// TestFaultMatrix runs every row × method against a scripted loopback server
// and asserts the written-down outcome of every cell.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	var rows []matrixRow
	for _, r := range errorStatusRows() {
		for _, f := range []fault{faultJSON, faultHTML, faultTruncated, faultEmpty, faultHuge} {
			r := r
			r.name = r.name + "/" + f.String()
			r.steps = append([]step(nil), r.steps...)
			for i := range r.steps {
				r.steps[i].fault = f
			}
			rows = append(rows, r)
		}
	}
	rows = append(rows, otherRows()...)

	// The cells run concurrently, each against its own loopback server, from
	// goroutines of this test rather than as t.Parallel subtests: most of a
	// cell's time is spent waiting on a socket, so they need not queue
	// behind -parallel (GOMAXPROCS by default). The slow-body cells, which
	// wait out per-attempt timeouts, run in synctest bubbles on an in-memory
	// network (runCell), so their timeouts take no real time.
	var cells []func()
	for _, slow := range []bool{true, false} {
		group := map[bool]string{true: "slow", false: "fast"}[slow]
		for _, row := range rows {
			if (row.timeout > 0) != slow {
				continue
			}
			for _, m := range matrixMethods {
				if row.only != "" && !strings.Contains(row.only, m.name) {
					continue
				}
				want := map[string]expect{"GET": row.get, "POST": row.post, "DELETE": row.del}[m.name]
				cells = append(cells, func() {
					t.Run(group+"/"+row.name+"/"+m.name, func(t *testing.T) { runCell(t, row, m, want) })
				})
			}
		}
	}
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for _, cell := range cells {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			cell()
		}()
	}
	wg.Wait()
	t.Logf("fault matrix: %d cells, %d requests reached the server (POST: %d cells, %d requests), %d duplicate POSTs, %d panics",
		matrixStats.cells.Load(), matrixStats.requests.Load(), matrixStats.postCells.Load(), matrixStats.postRequests.Load(),
		matrixStats.duplicatePOSTs.Load(), matrixStats.panics.Load())
}

func runCell(t *testing.T, row matrixRow, m matrixMethod, want expect) {
	if row.timeout > 0 {
		// The slow-body cells wait out per-attempt timeouts: in a bubble,
		// on an in-memory network, they wait in virtual time.
		synctest.Test(t, func(t *testing.T) { runCellOn(t, row, m, want, true) })
		return
	}
	runCellOn(t, row, m, want, false)
}

// runCellOn runs one cell against a loopback server, or against an
// in-memory one when virtual (inside a synctest bubble).
func runCellOn(t *testing.T, row matrixRow, m matrixMethod, want expect, virtual bool) {
	matrixStats.cells.Add(1)
	ws := &testutil.Waits{}
	opts := []Option{withClock(func() time.Time { return fixedNow })}
	if row.timeout > 0 {
		opts = append(opts, WithRequestTimeout(row.timeout))
	}
	var srv *scriptServer
	var dials atomic.Int64
	var c *Client
	if row.dialFail {
		addr := closedPort(t)
		d := &net.Dialer{}
		tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			dials.Add(1)
			return d.DialContext(ctx, network, addr)
		}}
		c = newLoopbackClient(t, "http://"+addr, ws, append(opts, WithHTTPClient(&http.Client{Transport: tr}))...)
	} else if virtual {
		var hc *http.Client
		srv, hc = newVirtualScriptServer(t, row.steps...)
		c = newLoopbackClient(t, srv.URL, ws, append(opts, WithHTTPClient(hc))...)
	} else {
		srv = newScriptServer(t, row.steps...)
		c = newLoopbackClient(t, srv.URL, ws, opts...)
	}
	ctx := context.Background()
	before := int64(0)
	if row.warm {
		_, err := c.Rooms.Get(ctx, "warm")
		require.NoError(t, err)
		before = srv.requests.Load()
		ws.Reset()
	}

	var gotResult bool
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				matrixStats.panics.Add(1)
				t.Fatalf("panic: %v", p)
			}
		}()
		gotResult, err = m.call(ctx, c)
	}()

	requests := 0
	if srv != nil {
		requests = int(srv.requests.Load() - before)
	}
	matrixStats.requests.Add(int64(requests))
	if m.name == "POST" {
		matrixStats.postCells.Add(1)
		matrixStats.postRequests.Add(int64(requests))
	}
	// The invariant behind the POST column: a POST reaches the server again
	// only after a 429 or a 401 (the request was refused).
	if m.name == "POST" {
		for i := 0; i+1 < requests; i++ {
			prev := row.steps[min(int(before)+i, len(row.steps)-1)]
			if prev.status != 429 && prev.status != 401 {
				matrixStats.duplicatePOSTs.Add(1)
				t.Errorf("POST sent again after answer %d (%v)", prev.status, prev.fault)
			}
		}
	}
	assert.Equal(t, want.requests, requests, "requests that reached the server")

	attempts := want.requests
	if row.dialFail {
		attempts = DefaultMaxRetries + 1
		assert.Equal(t, int64(attempts), dials.Load(), "dial attempts")
	}
	// Waits between attempts: none after the last attempt, none for a 401 re-sign.
	var wantWaits []time.Duration
	if row.wait != waitNone {
		for i := 0; i+1 < attempts; i++ {
			w := row.wait
			if w == 0 {
				w = jitteredBackoff(i)
			}
			wantWaits = append(wantWaits, w)
		}
	}
	assert.Equal(t, wantWaits, ws.All(), "waits between attempts")

	if want.kind == kindOK {
		require.NoError(t, err)
		if m.name != "DELETE" {
			assert.True(t, gotResult, "result is nil on success")
		}
		return
	}
	require.Error(t, err)
	assert.False(t, gotResult, "a result was returned with an error")
	var matched []error
	for _, s := range allSentinels {
		if errors.Is(err, s) {
			matched = append(matched, s)
		}
	}
	if want.sentinel == nil {
		assert.Empty(t, matched, "sentinels matched by %v", err)
	} else {
		assert.Equal(t, []error{want.sentinel}, matched, "sentinels matched by %v", err)
	}
	switch want.kind {
	case kindAPI:
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, want.status, ae.StatusCode)
		assert.Equal(t, want.retryAfter, ae.RetryAfter, "RetryAfter")
		assert.Equal(t, attempts, ae.Attempts, "APIError.Attempts")
		assert.Equal(t, m.name, ae.Method)
		assert.Equal(t, m.path, ae.Path)
		assert.LessOrEqual(t, len(ae.Body), transport.MaxErrorBody, "kept error body")
		assert.LessOrEqual(t, len(ae.Message), 512+len("…"), "message length")
		if row.steps[len(row.steps)-1].fault == faultHuge {
			assert.Len(t, ae.Body, transport.MaxErrorBody, "a 10 MB error body keeps exactly 1 MiB")
		}
		if row.steps[len(row.steps)-1].fault == faultJSON {
			assert.Equal(t, "boom", ae.Message)
			assert.Equal(t, "E_BOOM", ae.Code)
		}
	case kindResponse:
		var re *ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, want.status, re.StatusCode)
		assert.LessOrEqual(t, len(re.Body), 1024)
		assert.NotEmpty(t, re.Reason)
	case kindNet, kindTimeout:
		var te *transport.Error
		require.ErrorAs(t, err, &te)
		assert.Equal(t, attempts, te.Attempts, "transport.Error.Attempts")
		var ae *APIError
		assert.False(t, errors.As(err, &ae), "no APIError for a transport failure")
		if want.kind == kindTimeout {
			assert.ErrorIs(t, err, context.DeadlineExceeded)
		}
		if row.dialFail {
			var op *net.OpError
			require.ErrorAs(t, err, &op)
			assert.Equal(t, "dial", op.Op)
		}
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// TestRetryDelay: WithRetryDelay sets the backoff between attempts (drawn
// from [d/2, d], d = min(first·2ⁿ, max)), a Retry-After is obeyed as sent
// whatever the bounds, and bad bounds are refused.
func TestRetryDelay(t *testing.T) {
	t.Parallel()
	const ms = time.Millisecond
	srv := newScriptServer(t, step{status: 503}, step{status: 503}, step{status: 503}, step{status: 200})
	ws := &testutil.Waits{}
	c := newLoopbackClient(t, srv.URL, ws, WithMaxRetries(3), WithRetryDelay(10*ms, 30*ms))
	_, err := c.Rooms.Get(context.Background(), "r-1")
	require.NoError(t, err)
	// The jitter is pinned to 0.5: d/2 + d/4.
	assert.Equal(t, []time.Duration{7500 * time.Microsecond, 15 * ms, 22500 * time.Microsecond}, ws.All())

	hinted := newScriptServer(t, step{status: 429, header: map[string]string{"Retry-After": "2"}}, step{status: 200})
	ws.Reset()
	c = newLoopbackClient(t, hinted.URL, ws, WithRetryDelay(ms, ms))
	_, err = c.Rooms.Get(context.Background(), "r-1")
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{2 * time.Second}, ws.All(), "the server's hint, not the short backoff")

	for _, bad := range [][2]time.Duration{{0, time.Second}, {time.Microsecond, time.Second}, {-time.Second, time.Second}, {2 * time.Second, time.Second}} {
		_, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithRetryDelay(bad[0], bad[1]))
		assert.ErrorIs(t, err, ErrInvalidParams, "%v", bad)
	}
}
