package videosdk

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// withSleep replaces the backoff wait (tests pass a recorder that returns at once).
func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(c *config) error { c.sleep = f; return nil }
}

// withClock replaces the clock used for tokens and Retry-After dates.
func withClock(now func() time.Time) Option {
	return func(c *config) error { c.now = now; return nil }
}

// withRand pins the backoff jitter.
func withRand(r func() float64) Option {
	return func(c *config) error { c.rand = r; return nil }
}

// newTestClient returns a Client on a per-test httpmock transport, with
// waits zeroed. Unmatched requests fail the test.
func newTestClient(t testing.TB, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := testutil.NewMockTransport(t)
	ns := &testutil.Waits{}
	all := append([]Option{
		WithBaseURL(testutil.BaseURL),
		WithHTTPClient(&http.Client{Transport: mt}),
		withSleep(ns.Sleep),
	}, opts...)
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, all...)
	require.NoError(t, err)
	return c, mt
}

// callTest describes one method call checked against the wire: the request it
// must send and the fixture it decodes.
type callTest struct {
	method, path string
	query        map[string]string // exact query expected (nil: none)
	golden       string            // golden body name ("" : no body expected)
	status       int               // response status (default 200)
	fixture      string            // response fixture ("" : JSON string "ok")
}

// expectCall registers the responder for ct and returns a check to run after
// the call: exactly one request, with method, path, query, auth and body.
func expectCall(t *testing.T, mt *httpmock.MockTransport, ct callTest) func() {
	t.Helper()
	var seen []testutil.Request
	status := ct.status
	if status == 0 {
		status = 200
	}
	mt.RegisterResponder(ct.method, testutil.URL(ct.path), testutil.Capture(t, status, ct.fixture, &seen))
	return func() {
		t.Helper()
		require.Len(t, seen, 1, "requests sent")
		r := seen[0]
		require.Equal(t, ct.method, r.Method)
		require.Equal(t, "/prefix"+ct.path, r.Path)
		got := map[string]string{}
		for k, v := range r.Query {
			require.Len(t, v, 1, "query %s", k)
			got[k] = v[0]
		}
		want := ct.query
		if want == nil {
			want = map[string]string{}
		}
		require.Equal(t, want, got, "query")
		testutil.AssertAuth(t, r.Header)
		if ct.golden == "" {
			require.Empty(t, r.Body, "request body")
			require.Empty(t, r.Header.Get("Content-Type"))
		} else {
			require.Equal(t, "application/json", r.Header.Get("Content-Type"))
			testutil.Golden(t, ct.golden, r.Body)
		}
	}
}

// requireNoRequest asserts nothing reached the transport.
func requireNoRequest(t *testing.T, mt *httpmock.MockTransport) {
	t.Helper()
	require.Zero(t, mt.GetTotalCallCount(), "a request was sent")
}

func newDebugLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// The reliability tests run against a real loopback server (httptest on
// 127.0.0.1) rather than httpmock, so that connection resets, short bodies and
// slow bodies happen on real sockets, through net/http's own transport.

// fault is how the scripted server answers one request.
type fault int

const (
	faultJSON      fault = iota // a well-formed JSON body for the status
	faultHTML                   // an HTML page (proxy error page, captive portal)
	faultTruncated              // JSON cut in the middle (Content-Length matches)
	faultEmpty                  // no body at all
	faultHuge                   // a 10 MB body (valid JSON that is mostly padding)
	faultText                   // a plain-text, non-JSON body
	faultReset                  // connection reset (RST) before any response byte
	faultCutBody                // headers and part of the body, then the connection is closed (FIN)
	faultRSTBody                // headers and part of the body, then a reset (RST)
	faultSlowBody               // headers and part of the body, then nothing until the client gives up
	faultOversize               // a success body beyond the SDK's 32 MiB cap
	faultNoBody                 // headers announcing a body, then the connection is closed (FIN)
)

var faultNames = map[fault]string{
	faultJSON: "json", faultHTML: "html", faultTruncated: "truncated-json", faultEmpty: "empty",
	faultHuge: "10MB", faultText: "text", faultReset: "reset-before-response", faultCutBody: "cut-mid-body",
	faultRSTBody: "reset-mid-body", faultSlowBody: "slow-body", faultOversize: "33MB", faultNoBody: "cut-after-headers",
}

func (f fault) String() string { return faultNames[f] }

// step is one scripted answer.
type step struct {
	status int
	fault  fault
	header map[string]string // extra response headers (Retry-After, X-Request-Id)
}

const (
	// slowBodyPrefix is all a slow body ever sends.
	slowBodyPrefix = `{"roomId":"r-1",`
	roomJSON       = `{"roomId":"r-1","id":"doc-1","disabled":false}`
	errorJSON      = `{"message":"boom","code":"E_BOOM"}`
	hugeSize       = 10 << 20
)

var htmlPage = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>" +
	strings.Repeat("<p>upstream unavailable</p>", 100) + "</body></html>"

// hugeBody is 10 MB: a JSON room for 2xx; for an error, a page of text (a
// proxy's dump). The SDK keeps 1 MiB of an error body; JSON-scanning that
// prefix 66 times would cost seconds under -race for no extra coverage.
var hugeBody = sync.OnceValues(func() ([]byte, []byte) {
	pad := strings.Repeat("x", hugeSize)
	return []byte(`{"roomId":"r-1","id":"doc-1","pad":"` + pad + `"}`),
		[]byte(`<html><body><pre>` + pad + `</pre></body></html>`)
})

// scriptServer answers the n-th request (0-based) with steps[min(n, len-1)]
// and records what it saw.
type scriptServer struct {
	*httptest.Server
	steps    []step
	requests atomic.Int64
	mu       sync.Mutex
	tokens   []string // Authorization header of each request
	bodies   []string // request bodies
	release  chan struct{}
	// stalled receives a value each time a slow body has sent its first bytes.
	stalled chan struct{}
}

func newScriptServer(t testing.TB, steps ...step) *scriptServer {
	t.Helper()
	s := startScriptServer(nil, steps)
	t.Cleanup(func() {
		close(s.release) // stalled handlers end before Close waits for them
		s.Server.Close()
	})
	return s
}

// startScriptServer starts a script server on l (a loopback socket when
// nil). Its owner closes s.release, then the server.
func startScriptServer(l net.Listener, steps []step) *scriptServer {
	s := &scriptServer{steps: steps, release: make(chan struct{}), stalled: make(chan struct{}, 16)}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if l != nil {
		_ = s.Server.Listener.Close()
		s.Server.Listener = l
	}
	s.Server.Start()
	return s
}

// newVirtualScriptServer is newScriptServer on an in-memory network
// (testutil.PipeNet), for a testing/synctest bubble: create it inside the
// bubble, and the per-attempt timeouts and backoffs of a client talking to
// it take no real time. It returns the *http.Client that reaches it.
func newVirtualScriptServer(t testing.TB, steps ...step) (*scriptServer, *http.Client) {
	t.Helper()
	pn := testutil.NewPipeNet()
	s := startScriptServer(pn, steps)
	hc := pn.Client()
	t.Cleanup(func() {
		close(s.release)
		hc.CloseIdleConnections()
		s.Server.Close()
	})
	return s, hc
}

func (s *scriptServer) serve(w http.ResponseWriter, r *http.Request) {
	n := s.requests.Add(1) - 1
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.tokens = append(s.tokens, r.Header.Get("Authorization"))
	s.bodies = append(s.bodies, string(body))
	s.mu.Unlock()
	st := s.steps[min(int(n), len(s.steps)-1)]
	for k, v := range st.header {
		w.Header().Set(k, v)
	}
	ok := st.status >= 200 && st.status < 300
	var payload string
	switch st.fault {
	case faultJSON:
		payload = errorJSON
		if ok {
			payload = roomJSON
		}
	case faultHTML:
		payload = htmlPage
		w.Header().Set("Content-Type", "text/html")
	case faultTruncated:
		payload = errorJSON[:len(errorJSON)/2]
		if ok {
			payload = roomJSON[:len(roomJSON)/2]
		}
	case faultEmpty:
	case faultText:
		payload = "OK"
		w.Header().Set("Content-Type", "text/plain")
	case faultHuge:
		okBody, errBody := hugeBody()
		b := errBody
		if ok {
			b = okBody
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(st.status)
		// In chunks, stopping once the client hangs up: an error body is only
		// read up to 1 MiB (and writing 10 MB at once is slow under -race).
		for len(b) > 0 {
			n := min(len(b), 64<<10)
			if _, err := w.Write(b[:n]); err != nil {
				return
			}
			b = b[n:]
		}
		return
	case faultOversize:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(33<<20))
		w.WriteHeader(st.status)
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for range 33 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		return
	case faultReset:
		conn := hijack(w)
		resetConn(conn)
		return
	case faultCutBody, faultRSTBody, faultNoBody:
		conn := hijack(w)
		partial := `{"roomId":"r-1","id":"do`
		if !ok {
			partial = `{"message":"boom","co`
		}
		if st.fault == faultNoBody {
			partial = ""
		}
		fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n", st.status, http.StatusText(st.status))
		for k, v := range st.header {
			fmt.Fprintf(conn, "%s: %s\r\n", k, v)
		}
		fmt.Fprintf(conn, "\r\n%s", partial)
		if st.fault == faultRSTBody {
			resetConn(conn)
		} else {
			_ = conn.Close()
		}
		return
	case faultSlowBody:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(st.status)
		_, _ = w.Write([]byte(slowBodyPrefix))
		w.(http.Flusher).Flush()
		select {
		case s.stalled <- struct{}{}:
		default:
		}
		// Never finish: the client must give up (per-attempt timeout or its
		// context). The test's cleanup releases the handler.
		select {
		case <-r.Context().Done():
		case <-s.release:
		}
		return
	}
	if payload != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(st.status)
	_, _ = w.Write([]byte(payload))
}

func hijack(w http.ResponseWriter) net.Conn {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	_ = buf.Flush()
	return conn
}

// resetConn closes conn with SO_LINGER 0, so the peer gets a RST instead of a FIN.
func resetConn(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// newLoopbackClient returns a Client for base (a loopback server) with a
// fresh connection pool, zero waits recorded in ws and jitter pinned to 0.5.
func newLoopbackClient(t testing.TB, base string, ws *testutil.Waits, opts ...Option) *Client {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	t.Cleanup(tr.CloseIdleConnections)
	all := append([]Option{
		WithBaseURL(base),
		WithHTTPClient(&http.Client{Transport: tr}),
		withSleep(ws.Sleep),
		withRand(func() float64 { return 0.5 }),
	}, opts...)
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, all...)
	require.NoError(t, err)
	return c
}

// jitteredBackoff is the wait before retry n with the jitter pinned to 0.5:
// d/2 + 0.5·d/2 with d = min(500ms·2ⁿ, 8s).
func jitteredBackoff(n int) time.Duration {
	d := min(500*time.Millisecond<<n, 8*time.Second)
	return d/2 + d/4
}
