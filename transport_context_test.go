package videosdk

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// seamCtx is a context whose deadline is reached when the test says so, not
// when a wall clock says so: Deadline reports a time far ahead on the test's
// clock seam, and expire makes Done fire with context.DeadlineExceeded.
type seamCtx struct {
	context.Context
	deadline time.Time
	done     chan struct{}
	once     sync.Once
	mu       sync.Mutex
	err      error
}

func newSeamCtx(deadline time.Time) *seamCtx {
	return &seamCtx{Context: context.Background(), deadline: deadline, done: make(chan struct{})}
}

func (c *seamCtx) Deadline() (time.Time, bool) { return c.deadline, true }
func (c *seamCtx) Done() <-chan struct{}       { return c.done }
func (c *seamCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *seamCtx) expire() {
	c.once.Do(func() {
		c.mu.Lock()
		c.err = context.DeadlineExceeded
		c.mu.Unlock()
		close(c.done)
	})
}

// endingCtx returns a context and the function that ends it with wantErr:
// context.Canceled through a cancel func, context.DeadlineExceeded through a
// seamCtx whose deadline (on the clock seam) is deadline.
func endingCtx(t *testing.T, wantErr error, deadline time.Time) (context.Context, func()) {
	if wantErr == context.Canceled {
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		return ctx, cancel
	}
	sctx := newSeamCtx(deadline)
	return sctx, sctx.expire
}

// sleepThen is a sleep seam that runs before() (cancelling or expiring the
// context, as if that happened during the wait) and then waits with the real
// transport.Sleep, which must return at once with the context's error.
type sleepThen struct {
	mu     sync.Mutex
	waits  []time.Duration
	before func()
}

func (s *sleepThen) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	s.before()
	return transport.Sleep(ctx, d) // d is ≥ 375ms: returning means ctx.Done fired
}

func TestContextDuringBackoff(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		method  matrixMethod
		answer  step
		wait    time.Duration
		wantErr error
	}{
		{"cancel/GET-503", matrixMethods[0], step{status: 503}, jitteredBackoff(0), context.Canceled},
		{"cancel/POST-429", matrixMethods[1], step{status: 429}, jitteredBackoff(0), context.Canceled},
		{"cancel/DELETE-retry-after", matrixMethods[2], step{status: 429, header: retryAfter("20")}, 20 * time.Second, context.Canceled},
		{"deadline/GET-503", matrixMethods[0], step{status: 503}, jitteredBackoff(0), context.DeadlineExceeded},
		{"deadline/POST-429", matrixMethods[1], step{status: 429}, jitteredBackoff(0), context.DeadlineExceeded},
		{"deadline/DELETE-retry-after", matrixMethods[2], step{status: 429, header: retryAfter("20")}, 20 * time.Second, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.answer)
			ctx, fire := endingCtx(t, tc.wantErr, fixedNow.Add(time.Hour)) // far enough for any wait, on the clock seam
			st := &sleepThen{before: fire}
			c := newLoopbackClient(t, srv.URL, &testutil.Waits{}, withSleep(st.sleep), withClock(func() time.Time { return fixedNow }))

			gotResult, err := tc.method.call(ctx, c)
			require.Error(t, err)
			assert.False(t, gotResult)
			assert.ErrorIs(t, err, tc.wantErr)
			var ae *APIError
			assert.False(t, errors.As(err, &ae), "the context's error, not the last answer")
			assert.Contains(t, err.Error(), "last status")
			assert.Equal(t, []time.Duration{tc.wait}, st.waits, "one wait, cut short")
			assert.EqualValues(t, 1, srv.requests.Load(), "no request after the context ended")
		})
	}
}

// TestDeadlineShorterThanWait: when the caller's deadline (on the clock seam)
// comes before the end of the wait, the SDK does not sleep into it; it returns
// the last answer at once.
func TestDeadlineShorterThanWait(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		answer     step
		retryAfter time.Duration
	}{
		{"backoff", step{status: 503}, 0},
		{"retry-after", step{status: 429, header: retryAfter("2")}, 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.answer)
			ws := &testutil.Waits{}
			c := newLoopbackClient(t, srv.URL, ws, withClock(func() time.Time { return fixedNow }))
			ctx := newSeamCtx(fixedNow.Add(300 * time.Millisecond)) // < 375ms backoff, < 2s hint
			_, err := c.Rooms.Get(ctx, "r-1")
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.answer.status, ae.StatusCode)
			assert.Equal(t, tc.retryAfter, ae.RetryAfter)
			assert.Equal(t, 1, ae.Attempts)
			assert.Empty(t, ws.All(), "no wait")
			assert.EqualValues(t, 1, srv.requests.Load())
		})
	}
}

// TestContextDuringSlowBody: the body (of a success or an error status)
// stalls after its first bytes; ending the context returns the call while
// the server is still stalled (it is only released by the test's cleanup),
// with the context's error and no retry.
func TestContextDuringSlowBody(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		method  matrixMethod
		status  int
		wantErr error
	}{
		{"cancel/GET", matrixMethods[0], 200, context.Canceled},
		{"cancel/POST", matrixMethods[1], 200, context.Canceled},
		{"deadline/GET", matrixMethods[0], 200, context.DeadlineExceeded},
		{"deadline/POST", matrixMethods[1], 200, context.DeadlineExceeded},
		// An error status whose body is still arriving: the caller gave up,
		// so the answer is the context's error, not an *APIError holding
		// half a message.
		{"cancel/GET-500", matrixMethods[0], 500, context.Canceled},
		{"cancel/POST-429", matrixMethods[1], 429, context.Canceled},
		{"cancel/DELETE-404", matrixMethods[2], 404, context.Canceled},
		{"deadline/GET-503", matrixMethods[0], 503, context.DeadlineExceeded},
		{"deadline/POST-429", matrixMethods[1], 429, context.DeadlineExceeded},
		{"deadline/DELETE-404", matrixMethods[2], 404, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: tc.status, fault: faultSlowBody})
			ws := &testutil.Waits{}
			// The context ends once the client is blocked reading the body
			// (the status line and the first bytes have arrived), not merely
			// once the server has sent them.
			reading := make(chan struct{}, 1)
			tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
				if err != nil {
					return nil, err
				}
				return &bodyWaitConn{Conn: conn, marker: []byte(slowBodyPrefix), reading: reading}, nil
			}}
			t.Cleanup(tr.CloseIdleConnections)
			c := newLoopbackClient(t, srv.URL, ws, withClock(func() time.Time { return fixedNow }), WithHTTPClient(&http.Client{Transport: tr}))
			ctx, fire := endingCtx(t, tc.wantErr, fixedNow.Add(time.Hour))
			go func() {
				<-reading
				fire()
			}()
			gotResult, err := tc.method.call(ctx, c)
			require.Error(t, err)
			assert.False(t, gotResult)
			assert.ErrorIs(t, err, tc.wantErr)
			var ae *APIError
			assert.False(t, errors.As(err, &ae), "the context's error, not a half-read answer: %v", err)
			assert.EqualValues(t, 1, srv.requests.Load(), "no retry once the caller gave up")
			assert.Empty(t, ws.All(), "no wait once the caller gave up")
		})
	}
}

// bodyWaitConn signals on reading once a Read starts after marker (the end
// of what the stalling server sends) has been received: the client has the
// status and is waiting for the rest of the body.
type bodyWaitConn struct {
	net.Conn
	marker  []byte
	mu      sync.Mutex
	seen    []byte
	reading chan struct{}
}

func (c *bodyWaitConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	if bytes.Contains(c.seen, c.marker) {
		select {
		case c.reading <- struct{}{}:
		default:
		}
	}
	c.mu.Unlock()
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	c.seen = append(c.seen, p[:n]...)
	c.mu.Unlock()
	return n, err
}

// TestContextDoneBeforeCall: an ended context sends nothing.
func TestContextDoneBeforeCall(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: 200})
	c := newLoopbackClient(t, srv.URL, &testutil.Waits{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, m := range matrixMethods {
		_, err := m.call(ctx, c)
		assert.ErrorIs(t, err, context.Canceled, m.name)
	}
	//lint:ignore SA1012 a nil context is exactly what is being tested
	_, err := c.Rooms.Get(nil, "r-1") //nolint:staticcheck
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Zero(t, srv.requests.Load())
}
