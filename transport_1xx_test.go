package videosdk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// hangGuard is how long a call may stay blocked before the test calls it a
// hang. It is not a speed assertion: a correct call returns without waiting
// for anything (the server never finishes), a broken one never returns.
const hangGuard = 20 * time.Second

// callOrHang runs f in a goroutine and fails the test if it has not returned
// after hangGuard.
func callOrHang(t *testing.T, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(hangGuard):
		t.Fatalf("the call was still blocked after %v", hangGuard)
		return nil
	}
}

// upgradeServer answers every request with "101 Switching Protocols" (with
// the Upgrade headers that make net/http hand the raw connection back as the
// body) and then sends nothing more. It records when the client closes the
// connection.
type upgradeServer struct {
	*httptest.Server
	requests atomic.Int64
	closed   chan struct{} // one value per connection the client closed
	release  chan struct{}
}

func newUpgradeServer(t testing.TB) *upgradeServer {
	t.Helper()
	s := startUpgradeServer()
	t.Cleanup(s.shutdown)
	return s
}

// startUpgradeServer starts an upgradeServer that the caller shuts down.
func startUpgradeServer() *upgradeServer {
	s := &upgradeServer{closed: make(chan struct{}, 1024), release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Request-Id: up-1\r\n\r\n")
		_ = buf.Flush()
		read := make(chan struct{})
		go func() {
			// Returns when the client closes the connection (EOF) or
			// shutdown closes it.
			_, _ = io.Copy(io.Discard, conn)
			close(read)
		}()
		select {
		case <-read:
			s.closed <- struct{}{}
		case <-s.release:
			_ = conn.Close()
			<-read
		}
	}))
	return s
}

func (s *upgradeServer) shutdown() {
	close(s.release)
	s.Server.CloseClientConnections()
	s.Server.Close()
}

// Test1xxEndsTheAttempt: a 101 answer (whose body net/http makes the raw
// connection, which ignores the context) ends the call at once with a
// *ResponseError naming the status; the connection is closed; nothing is
// retried, for GET, POST and DELETE alike.
func Test1xxEndsTheAttempt(t *testing.T) {
	t.Parallel()
	for _, m := range matrixMethods {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			srv := newUpgradeServer(t)
			c := newLoopbackClient(t, srv.URL, &testutil.Waits{}, WithRequestTimeout(500*time.Millisecond))
			ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
			defer cancel()
			var got bool
			err := callOrHang(t, func() error {
				var err error
				got, err = m.call(ctx, c)
				return err
			})
			require.Error(t, err)
			assert.False(t, got)
			var re *ResponseError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, ErrInvalidResponse)
			assert.Equal(t, 101, re.StatusCode)
			assert.Contains(t, err.Error(), "101 Switching Protocols")
			assert.Equal(t, "up-1", re.RequestID)
			assert.EqualValues(t, 1, srv.requests.Load(), "a 1xx answer is never retried")
			select {
			case <-srv.closed:
			case <-time.After(hangGuard):
				t.Fatal("the client did not close the upgraded connection")
			}
		})
	}
}

// informationalTransport answers with a 1xx status whose body never ends
// (as a custom RoundTripper or a proxy might): the SDK must not read it.
type informationalTransport struct {
	status int
	body   *blockingBody
}

func (rt *informationalTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: rt.status, Status: fmt.Sprintf("%d %s", rt.status, http.StatusText(rt.status)),
		Header: http.Header{}, Body: rt.body, Request: r}, nil
}

func TestOther1xxFromARoundTripper(t *testing.T) {
	t.Parallel()
	for _, status := range []int{100, 102, 103, 199} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			rt := &informationalTransport{status: status, body: newBlockingBody(nil)}
			c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(testutil.BaseURL),
				WithHTTPClient(&http.Client{Transport: rt}), withSleep((&testutil.Waits{}).Sleep))
			require.NoError(t, err)
			err = callOrHang(t, func() error { return c.Recordings.Stop(context.Background(), StopRecordingParams{RoomID: "r"}) })
			require.ErrorIs(t, err, ErrInvalidResponse)
			assert.Contains(t, err.Error(), fmt.Sprint(status))
			assert.True(t, rt.body.isClosed(), "the body is closed")
			assert.Zero(t, rt.body.reads.Load(), "the body is not read")
		})
	}
}

// blockingBody is a response body that ignores the request's context: after
// its prefix, Read blocks until Close is called, then reports io.EOF (the
// worst case: a truncated body that looks complete).
type blockingBody struct {
	prefix  []byte
	mu      sync.Mutex
	closed  chan struct{}
	once    sync.Once
	reads   atomic.Int64
	blocked chan struct{} // receives once a Read is blocked
}

func newBlockingBody(prefix []byte) *blockingBody {
	return &blockingBody{prefix: prefix, closed: make(chan struct{}), blocked: make(chan struct{}, 1)}
}

func (b *blockingBody) Read(p []byte) (int, error) {
	b.reads.Add(1)
	b.mu.Lock()
	if len(b.prefix) > 0 {
		n := copy(p, b.prefix)
		b.prefix = b.prefix[n:]
		b.mu.Unlock()
		return n, nil
	}
	b.mu.Unlock()
	select {
	case b.blocked <- struct{}{}:
	default:
	}
	<-b.closed
	return 0, io.EOF
}

func (b *blockingBody) Close() error {
	b.once.Do(func() { close(b.closed) })
	return nil
}

func (b *blockingBody) isClosed() bool {
	select {
	case <-b.closed:
		return true
	default:
		return false
	}
}

// stallingTransport answers every request with status and a blockingBody.
type stallingTransport struct {
	status int
	prefix string
	mu     sync.Mutex
	bodies []*blockingBody
}

func (rt *stallingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	b := newBlockingBody([]byte(rt.prefix))
	rt.mu.Lock()
	rt.bodies = append(rt.bodies, b)
	rt.mu.Unlock()
	return &http.Response{StatusCode: rt.status, Status: fmt.Sprintf("%d %s", rt.status, http.StatusText(rt.status)),
		Header: http.Header{"Content-Type": {"application/json"}}, Body: b, ContentLength: -1, Request: r}, nil
}

func (rt *stallingTransport) all() []*blockingBody {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([]*blockingBody(nil), rt.bodies...)
}

// TestBodyIgnoringContext: a custom RoundTripper whose body ignores the
// context cannot hold a call past its context or its per-attempt timeout:
// the SDK closes the body when either ends, and the call returns the
// context's error (not a truncated body decoded as if it were complete, and
// not an *APIError with half a message).
func TestBodyIgnoringContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		method matrixMethod
	}{
		{"200/GET", 200, matrixMethods[0]},
		{"201/POST", 201, matrixMethods[1]},
		{"500/GET", 500, matrixMethods[0]},
		{"429/POST", 429, matrixMethods[1]},
		{"404/DELETE", 404, matrixMethods[2]},
	} {
		for _, wantErr := range []error{context.Canceled, context.DeadlineExceeded} {
			t.Run(tc.name+"/"+wantErr.Error(), func(t *testing.T) {
				t.Parallel()
				prefix := `{"roomId":"r-1",`
				if tc.status >= 300 {
					prefix = `{"message":"half a mess`
				}
				rt := &stallingTransport{status: tc.status, prefix: prefix}
				c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(testutil.BaseURL),
					WithHTTPClient(&http.Client{Transport: rt}), withSleep((&testutil.Waits{}).Sleep), WithRequestTimeout(0))
				require.NoError(t, err)
				ctx, fire := endingCtx(t, wantErr, time.Now().Add(time.Hour))
				go func() {
					for {
						if bodies := rt.all(); len(bodies) > 0 {
							<-bodies[0].blocked
							fire()
							return
						}
						runtime.Gosched()
					}
				}()
				var got bool
				err = callOrHang(t, func() error {
					var err error
					got, err = tc.method.call(ctx, c)
					return err
				})
				require.Error(t, err)
				assert.False(t, got)
				assert.ErrorIs(t, err, wantErr)
				var ae *APIError
				assert.False(t, errors.As(err, &ae), "the context's error, not a half-read answer: %v", err)
				bodies := rt.all()
				require.Len(t, bodies, 1, "no retry once the caller gave up")
				assert.True(t, bodies[0].isClosed())
			})
		}
	}
}

// TestAttemptTimeoutClosesIgnoringBody: the per-attempt timeout also ends a
// read of a body that ignores the context; a GET is then retried (its
// attempt timed out, the call did not), a POST is not.
func TestAttemptTimeoutClosesIgnoringBody(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		method   matrixMethod
		attempts int
	}{{matrixMethods[0], 3}, {matrixMethods[1], 1}} {
		t.Run(tc.method.name, func(t *testing.T) {
			t.Parallel()
			rt := &stallingTransport{status: 200, prefix: `{"roomId":"r-1",`}
			c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(testutil.BaseURL),
				WithHTTPClient(&http.Client{Transport: rt}), withSleep((&testutil.Waits{}).Sleep), WithRequestTimeout(50*time.Millisecond))
			require.NoError(t, err)
			err = callOrHang(t, func() error { _, err := tc.method.call(context.Background(), c); return err })
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.NotErrorIs(t, err, ErrInvalidResponse, "a truncated body is not decoded")
			bodies := rt.all()
			require.Len(t, bodies, tc.attempts)
			for _, b := range bodies {
				assert.True(t, b.isClosed())
			}
		})
	}
}

// TestNoGoroutineLeak counts goroutines around the 1xx and cancellation
// scenarios. It is deliberately not parallel: a goroutine count is only
// meaningful while no other test starts or ends goroutines, and the
// sequential phase of a package's tests is exactly that (parallel tests are
// paused until it ends).
func TestNoGoroutineLeak(t *testing.T) {
	const rounds = 20
	// settle waits (up to 10 s) for goroutines that are already ending, such
	// as a closed connection's read loop, to be gone.
	settle := func(limit int) int {
		var n int
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if n = runtime.NumGoroutine(); n <= limit {
				return n
			}
		}
		return n
	}
	before := runtime.NumGoroutine()

	func() {
		// 101 answers through net/http's own transport, on real connections.
		srv := startUpgradeServer()
		defer srv.shutdown()
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(srv.URL),
			WithHTTPClient(&http.Client{Transport: tr}), WithRequestTimeout(500*time.Millisecond))
		require.NoError(t, err)
		for range rounds {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			err := callOrHang(t, func() error { _, err := c.Rooms.Get(ctx, "r-1"); return err })
			cancel()
			require.ErrorIs(t, err, ErrInvalidResponse)
		}
		// Cancelled while an error body stalls, on a real connection.
		slow := newStallServer()
		defer slow.shutdown()
		c2, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(slow.URL),
			WithHTTPClient(&http.Client{Transport: tr}))
		require.NoError(t, err)
		for range rounds {
			ctx, cancel := context.WithCancel(context.Background())
			go func() { <-slow.stalled; cancel() }()
			err := callOrHang(t, func() error { _, err := c2.Rooms.Create(ctx, CreateRoomParams{}); return err })
			cancel()
			require.ErrorIs(t, err, context.Canceled)
		}
		// A custom RoundTripper whose bodies ignore the context.
		for range rounds {
			rt := &stallingTransport{status: 500, prefix: `{"message":"x`}
			c3, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(testutil.BaseURL),
				WithHTTPClient(&http.Client{Transport: rt}))
			require.NoError(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			go func() {
				for len(rt.all()) == 0 {
					runtime.Gosched()
				}
				<-rt.all()[0].blocked
				cancel()
			}()
			err = callOrHang(t, func() error { _, err := c3.Rooms.Get(ctx, "r-1"); return err })
			cancel()
			require.ErrorIs(t, err, context.Canceled)
		}
	}()

	after := settle(before)
	t.Logf("goroutines: %d before, %d after %d rounds of 101 answers, cancelled error bodies and context-ignoring bodies", before, after, rounds)
	if after > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines leaked:\n%s", after-before, buf[:runtime.Stack(buf, true)])
	}
}

// stallServer answers 503 with the start of an error body and then stalls
// until the client goes away.
type stallServer struct {
	*httptest.Server
	stalled chan struct{}
}

func newStallServer() *stallServer {
	s := &stallServer{stalled: make(chan struct{}, 1024)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(503)
		_, _ = w.Write([]byte(`{"message":"half a mess`))
		w.(http.Flusher).Flush()
		s.stalled <- struct{}{}
		<-r.Context().Done()
	}))
	return s
}

func (s *stallServer) shutdown() {
	s.Server.CloseClientConnections()
	s.Server.Close()
}
