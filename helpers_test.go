package videosdk

import (
	"context"
	"io"
	"log/slog"
	"net/http"
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

// noSleep records the waits and returns at once.
type noSleep struct{ waits []time.Duration }

func (n *noSleep) sleep(ctx context.Context, d time.Duration) error {
	n.waits = append(n.waits, d)
	return ctx.Err()
}

// newTestClient returns a Client on a per-test httpmock transport, with
// waits zeroed. Unmatched requests fail the test.
func newTestClient(t testing.TB, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := testutil.NewMockTransport(t)
	ns := &noSleep{}
	all := append([]Option{
		WithBaseURL(testutil.BaseURL),
		WithHTTPClient(&http.Client{Transport: mt}),
		withSleep(ns.sleep),
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
