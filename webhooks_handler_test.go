package videosdk

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// deliver sends one delivery to h and returns the recorded answer.
func deliver(h http.Handler, method, body, sig string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/webhooks/videosdk", strings.NewReader(body))
	if sig != "" {
		req.Header.Set(WebhookSignatureHeader, sig)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// assertNoLeak checks that out carries neither the request body nor any part
// of the public key.
func assertNoLeak(t *testing.T, out, body string, key *rsa.PublicKey) {
	t.Helper()
	if len(body) > 8 {
		assert.NotContains(t, out, body)
		assert.NotContains(t, out, "webhookType")
	}
	der, err := x509.MarshalPKIXPublicKey(key)
	require.NoError(t, err)
	b64 := base64.StdEncoding.EncodeToString(der)
	assert.NotContains(t, out, "BEGIN")
	assert.NotContains(t, out, b64[40:80], "key material")
}

func TestWebhookHandlerAnswers(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	sign := func(body string) string { return signWebhook(t, k, []byte(body)) }
	h := NewWebhookHandler(&k.PublicKey)
	var handled []WebhookEventType
	var mu sync.Mutex
	ok := func(_ context.Context, ev *WebhookEvent) error {
		mu.Lock()
		defer mu.Unlock()
		handled = append(handled, ev.Type)
		return nil
	}
	h.On(WebhookRecordingStopped, ok)
	h.On(WebhookHLSFailed, func(context.Context, *WebhookEvent) error { return errors.New("database down") })

	stopped := `{"webhookType":"recording-stopped","data":{"meetingId":"r","fileUrl":"https://cdn/x.mp4"}}`
	hlsFailed := `{"webhookType":"hls-failed","data":{"meetingId":"r"}}`
	unknown := `{"webhookType":"brand-new-event","data":{"meetingId":"r"}}`
	foreign := signWebhook(t, testOtherKey(t), []byte(stopped))
	cases := []struct {
		name, method, body, sig string
		want                    int
	}{
		{"GET", http.MethodGet, "", "", http.StatusMethodNotAllowed},
		{"PUT, signed", http.MethodPut, stopped, sign(stopped), http.StatusMethodNotAllowed},
		{"no signature", http.MethodPost, stopped, "", http.StatusUnauthorized},
		{"blank signature", http.MethodPost, stopped, "  ", http.StatusUnauthorized},
		{"signed by another key", http.MethodPost, stopped, foreign, http.StatusUnauthorized},
		{"tampered body", http.MethodPost, strings.Replace(stopped, "x.mp4", "y.mp4", 1), sign(stopped), http.StatusUnauthorized},
		{"signature not base64", http.MethodPost, stopped, "%%%", http.StatusUnauthorized},
		{"signed, not JSON", http.MethodPost, "hello there", sign("hello there"), http.StatusBadRequest},
		{"signed, no webhookType", http.MethodPost, `{"data":{"meetingId":"r"}}`, sign(`{"data":{"meetingId":"r"}}`), http.StatusBadRequest},
		{"signed, truncated", http.MethodPost, stopped[:40], sign(stopped[:40]), http.StatusBadRequest},
		{"handler fails", http.MethodPost, hlsFailed, sign(hlsFailed), http.StatusInternalServerError},
		{"handled", http.MethodPost, stopped, sign(stopped), http.StatusOK},
		{"no handler for the type", http.MethodPost, unknown, sign(unknown), http.StatusOK},
	}
	for _, c := range cases {
		rec := deliver(h, c.method, c.body, c.sig)
		assert.Equal(t, c.want, rec.Code, c.name)
		if c.want == http.StatusMethodNotAllowed {
			assert.Equal(t, http.MethodPost, rec.Header().Get("Allow"), c.name)
		}
		assertNoLeak(t, rec.Body.String(), c.body, &k.PublicKey)
	}
	assert.Equal(t, []WebhookEventType{WebhookRecordingStopped}, handled, "only the verified delivery reached the function")

	// Without a key nothing can be verified: 500, so VideoSDK tries again.
	rec := deliver(NewWebhookHandler(nil), http.MethodPost, stopped, sign(stopped))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
}

func TestWebhookHandlerPassesRequestContext(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	type ctxKey struct{}
	h := NewWebhookHandler(&k.PublicKey)
	var got any
	h.On("*", func(ctx context.Context, _ *WebhookEvent) error {
		got = ctx.Value(ctxKey{})
		return nil
	})
	body := `{"webhookType":"session-started","data":{"meetingId":"r"}}`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req = req.WithContext(context.WithValue(req.Context(), ctxKey{}, "request-scoped"))
	req.Header.Set(WebhookSignatureHeader, signWebhook(t, k, []byte(body)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "request-scoped", got)
}

func TestWebhookHandlerPatternPrecedence(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	h := NewWebhookHandler(&k.PublicKey)
	var got []string
	var mu sync.Mutex
	to := func(name string) func(context.Context, *WebhookEvent) error {
		return func(context.Context, *WebhookEvent) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, name)
			return nil
		}
	}
	// Registered from least to most specific and back, so order alone
	// cannot produce the expected routes.
	h.On("*", to("*"))
	h.On("participant-*", to("participant-*"))
	h.On("*-stopped", to("*-stopped"))
	h.On("participant-track-*", to("participant-track-*"))
	h.On(WebhookRecordingStopped, to("recording-stopped"))
	h.On("recording-*", to("recording-*"))
	h.On("x-*", to("x-*"))
	h.On("*-y", to("*-y"))

	send := func(typ string) string {
		t.Helper()
		body := `{"webhookType":"` + typ + `","data":{}}`
		mu.Lock()
		got = nil
		mu.Unlock()
		rec := deliver(h, http.MethodPost, body, signWebhook(t, k, []byte(body)))
		require.Equal(t, http.StatusOK, rec.Code, typ)
		mu.Lock()
		defer mu.Unlock()
		if len(got) == 0 {
			return ""
		}
		require.Len(t, got, 1, "one function per event")
		return got[0]
	}
	for typ, want := range map[string]string{
		"recording-stopped":                   "recording-stopped",   // exact beats every pattern
		"recording-started":                   "recording-*",         // 10 literal characters beat "*"
		"hls-stopped":                         "*-stopped",           // only "*" and "*-stopped" match
		"participant-recording-stopped":       "participant-*",       // 12 beat "*-stopped"'s 8
		"participant-track-recording-stopped": "participant-track-*", // 18 beat 12 and 8
		"session-ended":                       "*",
		"x-y":                                 "x-*", // a tie goes to the earlier registration
	} {
		assert.Equal(t, want, send(typ), typ)
	}

	h.On("recording-*", to("recording-* again"))
	assert.Equal(t, "recording-* again", send("recording-started"), "registering again replaces")
	h.On("*", nil)
	assert.Equal(t, "", send("session-ended"), "a nil function removes the registration")
	h.On(WebhookRecordingStopped, nil)
	assert.Equal(t, "recording-* again", send("recording-stopped"), "10 literal characters beat 8")
}

func TestWebhookHandlerSizeCap(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	h := NewWebhookHandler(&k.PublicKey)
	var calls atomic.Int32
	h.On("*", func(context.Context, *WebhookEvent) error { calls.Add(1); return nil })

	// A signed, valid webhook of exactly n bytes.
	body := func(n int) string {
		head, tail := `{"webhookType":"recording-stopped","data":{"pad":"`, `"}}`
		return head + strings.Repeat("x", n-len(head)-len(tail)) + tail
	}
	atCap, overCap := body(MaxWebhookBodyBytes), body(MaxWebhookBodyBytes+1)
	require.Len(t, overCap, MaxWebhookBodyBytes+1)

	rec := deliver(h, http.MethodPost, atCap, signWebhook(t, k, []byte(atCap)))
	assert.Equal(t, http.StatusOK, rec.Code, "a body of exactly the cap is read")

	rec = deliver(h, http.MethodPost, overCap, signWebhook(t, k, []byte(overCap)))
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "declared length over the cap")

	// No Content-Length (chunked): the cap still holds while reading.
	req := httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(overCap)))
	req.ContentLength = -1
	req.Header.Set(WebhookSignatureHeader, signWebhook(t, k, []byte(overCap)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "streamed body over the cap")
	assertNoLeak(t, rec.Body.String(), overCap, &k.PublicKey)

	assert.Equal(t, int32(1), calls.Load(), "oversized deliveries never reach the function")
}

// testClock is a settable clock safe for concurrent use.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// keyServer serves the public key on an httpmock transport and counts the
// fetches; serve switches the key (nil: answer 503).
type keyServer struct {
	mu    sync.Mutex
	key   *rsa.PublicKey
	hold  chan struct{} // when set, a fetch waits for it to close
	calls atomic.Int32
}

func (ks *keyServer) serve(k *rsa.PublicKey) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.key = k
}

func (ks *keyServer) responder(t *testing.T) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		ks.calls.Add(1)
		ks.mu.Lock()
		k, hold := ks.key, ks.hold
		ks.mu.Unlock()
		if hold != nil {
			<-hold
		}
		if k == nil {
			return httpmock.NewStringResponse(503, `{"message":"unavailable"}`), nil
		}
		b, err := json.Marshal(map[string]string{"publicKey": pemOf(t, k, false)})
		require.NoError(t, err)
		return httpmock.NewBytesResponse(200, b), nil
	}
}

// newFetchingHandler returns a Client.NewWebhookHandler on a key server, with
// a test clock and a logger writing to the returned buffer.
func newFetchingHandler(t *testing.T) (*WebhookHandler, *keyServer, *testClock, *testutil.SyncBuffer) {
	t.Helper()
	logs := &testutil.SyncBuffer{}
	c, mt := newTestClient(t, WithMaxRetries(0), WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	ks := &keyServer{}
	mt.RegisterResponder("GET", testutil.URL("/v2/public/rsa-public-key"), ks.responder(t))
	h := c.NewWebhookHandler()
	clock := &testClock{t: time.Date(2025, 5, 6, 9, 0, 0, 0, time.UTC)}
	h.keys.(*webhookKeyCache).now = clock.now
	return h, ks, clock, logs
}

// The key is fetched on first use, cached, fetched again when a signature
// fails (so a rotation needs no restart), and never more than once per
// WebhookKeyRefetchInterval however many bad signatures arrive.
func TestClientWebhookHandlerKeyRefetch(t *testing.T) {
	t.Parallel()
	a, b := testWebhookKey(t), testOtherKey(t)
	h, ks, clock, logs := newFetchingHandler(t)
	h.On("*", func(context.Context, *WebhookEvent) error { return nil })
	body := `{"webhookType":"session-started","data":{"meetingId":"r"}}`
	signedA, signedB := signWebhook(t, a, []byte(body)), signWebhook(t, b, []byte(body))
	post := func(sig string) int { return deliver(h, http.MethodPost, body, sig).Code }

	assert.Equal(t, int32(0), ks.calls.Load(), "nothing is fetched before the first delivery")
	ks.serve(&a.PublicKey)
	assert.Equal(t, http.StatusOK, post(signedA))
	assert.Equal(t, http.StatusOK, post(signedA))
	assert.Equal(t, int32(1), ks.calls.Load(), "the key is cached")

	// VideoSDK rotates its key. Within the interval after the last fetch
	// the handler does not fetch again: the delivery is refused.
	ks.serve(&b.PublicKey)
	assert.Equal(t, http.StatusUnauthorized, post(signedB))
	assert.Equal(t, int32(1), ks.calls.Load())
	clock.add(WebhookKeyRefetchInterval)
	assert.Equal(t, http.StatusOK, post(signedB), "a failed signature fetches the rotated key")
	assert.Equal(t, int32(2), ks.calls.Load())
	assert.Equal(t, http.StatusOK, post(signedB))
	assert.Equal(t, int32(2), ks.calls.Load(), "the new key is cached")

	// A flood of bad signatures: at most one fetch per interval.
	for range 50 {
		assert.Equal(t, http.StatusUnauthorized, post(signedA))
	}
	assert.Equal(t, int32(2), ks.calls.Load(), "no fetch within the interval")
	clock.add(WebhookKeyRefetchInterval - time.Nanosecond)
	assert.Equal(t, http.StatusUnauthorized, post(signedA))
	assert.Equal(t, int32(2), ks.calls.Load())
	clock.add(time.Nanosecond)
	for range 50 {
		assert.Equal(t, http.StatusUnauthorized, post(signedA))
	}
	assert.Equal(t, int32(3), ks.calls.Load(), "one fetch once the interval has passed")

	// A missing signature never causes a fetch.
	clock.add(WebhookKeyRefetchInterval)
	assert.Equal(t, http.StatusUnauthorized, post(""))
	assert.Equal(t, int32(3), ks.calls.Load())

	assertNoLeak(t, logs.String(), body, &b.PublicKey)
	assertNoLeak(t, logs.String(), body, &a.PublicKey)
}

// Deliveries that arrive while the key is being fetched wait for that fetch
// instead of starting their own or being refused.
func TestClientWebhookHandlerKeyFetchSingleFlight(t *testing.T) {
	t.Parallel()
	a, b := testWebhookKey(t), testOtherKey(t)
	h, ks, clock, _ := newFetchingHandler(t)
	h.On("*", func(context.Context, *WebhookEvent) error { return nil })
	body := `{"webhookType":"session-started","data":{"meetingId":"r"}}`
	ks.serve(&a.PublicKey)
	require.Equal(t, http.StatusOK, deliver(h, http.MethodPost, body, signWebhook(t, a, []byte(body))).Code)

	ks.serve(&b.PublicKey) // rotation
	clock.add(WebhookKeyRefetchInterval)
	hold := make(chan struct{})
	release := sync.OnceFunc(func() { close(hold) })
	t.Cleanup(release) // lets the fetch end even when the test fails
	ks.mu.Lock()
	ks.hold = hold
	ks.mu.Unlock()
	const n = 8
	var joined sync.WaitGroup
	joined.Add(n - 1)
	cache := h.keys.(*webhookKeyCache)
	cache.mu.Lock()
	cache.joined = joined.Done
	cache.mu.Unlock()

	codes := make(chan int, n)
	sig := signWebhook(t, b, []byte(body))
	for range n {
		go func() { codes <- deliver(h, http.MethodPost, body, sig).Code }()
	}
	// Every delivery but the one that started the fetch joins it.
	waited := make(chan struct{})
	go func() { joined.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("deliveries did not join the running key fetch")
	}
	release()
	for range n {
		assert.Equal(t, http.StatusOK, <-codes)
	}
	assert.Equal(t, int32(2), ks.calls.Load(), "one fetch for all of them")
}

// When the key cannot be fetched, deliveries get 500 (VideoSDK delivers them
// again) and the API is asked at most once per interval.
func TestClientWebhookHandlerKeyUnavailable(t *testing.T) {
	t.Parallel()
	a := testWebhookKey(t)
	h, ks, clock, logs := newFetchingHandler(t)
	var calls atomic.Int32
	h.On("*", func(context.Context, *WebhookEvent) error { calls.Add(1); return nil })
	body := `{"webhookType":"session-started","data":{"meetingId":"r"}}`
	sig := signWebhook(t, a, []byte(body))

	for range 20 {
		rec := deliver(h, http.MethodPost, body, sig)
		assert.Equal(t, http.StatusInternalServerError, rec.Code)
		assertNoLeak(t, rec.Body.String(), body, &a.PublicKey)
	}
	assert.Equal(t, int32(1), ks.calls.Load(), "one fetch per interval while it fails")
	assert.Contains(t, logs.String(), "fetching the webhook public key failed")

	ks.serve(&a.PublicKey)
	assert.Equal(t, http.StatusInternalServerError, deliver(h, http.MethodPost, body, sig).Code)
	clock.add(WebhookKeyRefetchInterval)
	assert.Equal(t, http.StatusOK, deliver(h, http.MethodPost, body, sig).Code)
	assert.Equal(t, int32(2), ks.calls.Load())
	assert.Equal(t, int32(1), calls.Load())
	assertNoLeak(t, logs.String(), body, &a.PublicKey)
}

// A function's error is logged with the event type (never the body) and
// answered 500.
func TestWebhookHandlerLogsFailures(t *testing.T) {
	t.Parallel()
	a := testWebhookKey(t)
	h, ks, _, logs := newFetchingHandler(t)
	ks.serve(&a.PublicKey)
	h.On(WebhookRecordingStopped, func(context.Context, *WebhookEvent) error { return errors.New("storage offline") })
	body := `{"webhookType":"recording-stopped","data":{"meetingId":"secret-room","fileUrl":"https://cdn/private.mp4"}}`
	rec := deliver(h, http.MethodPost, body, signWebhook(t, a, []byte(body)))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	out := logs.String()
	assert.Contains(t, out, "storage offline")
	assert.Contains(t, out, "recording-stopped")
	assert.NotContains(t, out, "private.mp4")
	assert.NotContains(t, out, "secret-room")
	assertNoLeak(t, out, body, &a.PublicKey)
}

// statusWriter records the status a handler answered. Unwrap exposes the
// writer beneath (as middleware should) unless hide is set, which makes it
// like http.TimeoutHandler's writer: no way to the connection.
type statusWriter struct {
	http.ResponseWriter
	hide   bool
	status int
}

func (s *statusWriter) WriteHeader(code int) { s.status = code; s.ResponseWriter.WriteHeader(code) }

func (s *statusWriter) Unwrap() http.ResponseWriter {
	if s.hide {
		return struct{ http.ResponseWriter }{s.ResponseWriter}
	}
	return s.ResponseWriter
}

// trickle opens a connection to srv and sends a delivery's headers and the
// first byte of a 1000-byte body, then nothing more. The connection is
// closed when the test ends.
func trickle(t *testing.T, srv *httptest.Server) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	_, err = io.WriteString(conn, "POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"+
		WebhookSignatureHeader+": c2ln\r\n\r\n{")
	require.NoError(t, err)
}

// TestWebhookHandlerBodyReadEndsWithTheContext: on a default http.Server
// (no ReadTimeout), a sender that trickles its body no longer holds the
// handler: cancelling the request's context ends the read (through the
// connection's read deadline, or, when the writer hides the connection as
// http.TimeoutHandler's does, by no longer waiting for it), and so does the
// handler's own read deadline. The answer is 408.
func TestWebhookHandlerBodyReadEndsWithTheContext(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	for _, tc := range []struct {
		name           string
		hide, deadline bool
	}{
		{"cancel, server's writer", false, false},
		{"cancel, writer hiding the connection", true, false},
		{"read deadline", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := NewWebhookHandler(&k.PublicKey)
			if tc.deadline {
				h.readTimeout = 10 * time.Millisecond
			}
			var calls atomic.Int32
			h.On("*", func(context.Context, *WebhookEvent) error { calls.Add(1); return nil })
			reading := make(chan context.CancelFunc, 1)
			returned := make(chan int, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ctx, cancel := context.WithCancel(r.Context())
				defer cancel()
				reading <- cancel
				sw := &statusWriter{ResponseWriter: w, hide: tc.hide}
				h.ServeHTTP(sw, r.WithContext(ctx))
				returned <- sw.status
			}))
			t.Cleanup(srv.Close)
			trickle(t, srv)
			cancel := <-reading
			if !tc.deadline {
				cancel()
			}
			select {
			case status := <-returned:
				assert.Equal(t, http.StatusRequestTimeout, status)
			case <-time.After(hangGuard):
				t.Fatal("the handler is still reading the trickled body")
			}
			assert.Zero(t, calls.Load())
		})
	}
}
