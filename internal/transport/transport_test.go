package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadCapped(t *testing.T) {
	t.Parallel()
	const limit = 64
	for _, tc := range []struct {
		name          string
		size          int
		contentLength int64
		wantLen       int
		wantTooLarge  bool
	}{
		{"empty", 0, 0, 0, false},
		{"unknown length, small", 10, -1, 10, false},
		{"unknown length, exactly the limit", limit, -1, limit, false},
		{"unknown length, one byte over", limit + 1, -1, limit, true},
		{"unknown length, far over", 10 * limit, -1, limit, true},
		{"declared and exact", limit, limit, limit, false},
		{"declared over the limit", limit + 1, limit + 1, limit, true},
		// A server that declares less than it sends is still capped.
		{"declared small, sends more", 10 * limit, 8, limit, true},
	} {
		body := bytes.Repeat([]byte("x"), tc.size)
		got, tooLarge, err := readCapped(bytes.NewReader(body), tc.contentLength, limit)
		if err != nil || len(got) != tc.wantLen || tooLarge != tc.wantTooLarge {
			t.Errorf("%s: len %d, tooLarge %v, err %v; want len %d, tooLarge %v", tc.name, len(got), tooLarge, err, tc.wantLen, tc.wantTooLarge)
		}
	}
	// A read error is returned with what arrived before it.
	got, _, err := readCapped(io.MultiReader(strings.NewReader("abc"), errReader{}), -1, limit)
	if !errors.Is(err, io.ErrUnexpectedEOF) || string(got) != "abc" {
		t.Errorf("read error: %q, %v", got, err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// fakeAuth hands out numbered tokens; minted says whether the next one is fresh.
type fakeAuth struct {
	n           atomic.Int64
	cached      string
	err         error
	invalidated []string
}

func (a *fakeAuth) Token() (string, bool, error) {
	if a.err != nil {
		return "", false, a.err
	}
	if a.cached != "" {
		return a.cached, false, nil
	}
	a.cached = "tok-" + string(rune('A'+a.n.Add(1)-1))
	return a.cached, true, nil
}

func (a *fakeAuth) Invalidate(tok string) {
	a.invalidated = append(a.invalidated, tok)
	if a.cached == tok {
		a.cached = ""
	}
}

func newTestTransport(url string, auth Auth, logger *slog.Logger) *Transport {
	return New(Config{
		BaseURL: url, MaxRetries: 2, MaxRetryWait: 30 * time.Second, MaxBodyBytes: 1 << 20, Auth: auth, Logger: logger,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
}

func TestTokenErrorSendsNothing(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	boom := errors.New("signing failed")
	_, err := newTestTransport(srv.URL, &fakeAuth{err: boom}, nil).Do(context.Background(), &Request{Method: "GET", Path: "/v2/x"})
	var te *Error
	if !errors.As(err, &te) || te.Attempts != 0 || !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if hits.Load() != 0 {
		t.Fatalf("%d requests sent without a token", hits.Load())
	}
}

// TestUnauthorizedResign: a 401 on a cached token invalidates exactly that
// token and resends once with a new one; a 401 on a fresh token is final.
func TestUnauthorizedResign(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string
	sent := func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), seen...) }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		w.WriteHeader(401)
	}))
	defer srv.Close()

	auth := &fakeAuth{cached: "tok-cached"}
	resp, err := newTestTransport(srv.URL, auth, nil).Do(context.Background(), &Request{Method: "POST", Path: "/v2/x", Body: []byte("{}")})
	if err != nil || resp.StatusCode != 401 || resp.Attempts != 2 {
		t.Fatalf("resp %+v, err %v", resp, err)
	}
	if strings.Join(sent(), ",") != "tok-cached,tok-A" || strings.Join(auth.invalidated, ",") != "tok-cached" {
		t.Fatalf("tokens sent %v, invalidated %v", seen, auth.invalidated)
	}

	resp, err = newTestTransport(srv.URL, &fakeAuth{}, nil).Do(context.Background(), &Request{Method: "GET", Path: "/v2/x"})
	if err != nil || resp.Attempts != 1 || len(sent()) != 3 {
		t.Fatalf("fresh token: resp %+v, err %v, sent %v", resp, err, sent())
	}
}

// TestLogLines: one debug line per attempt, with method, path, attempt and
// status, and never the token.
func TestLogLines(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(503)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	auth := &fakeAuth{cached: "tok-secret-value"}
	_, err := newTestTransport(srv.URL, auth, logger).Do(context.Background(), &Request{Method: "GET", Path: "/v2/rooms/r"})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3:\n%s", len(lines), buf.String())
	}
	for i, l := range lines {
		for _, want := range []string{"method=GET", "path=/v2/rooms/r", "status=503", "request_id=req-1", "attempt=" + string(rune('1'+i))} {
			if !strings.Contains(l, want) {
				t.Errorf("line %d lacks %s: %s", i, want, l)
			}
		}
		if strings.Contains(l, "tok-secret-value") {
			t.Errorf("line %d logs the token: %s", i, l)
		}
	}
}

// recordRT answers 200 {} and records each request it is handed.
type recordRT struct {
	mu   sync.Mutex
	reqs []*http.Request
	// header, when set, is added to every answer.
	header http.Header
}

func (rt *recordRT) RoundTrip(req *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, req)
	rt.mu.Unlock()
	h := http.Header{}
	for k, v := range rt.header {
		h[k] = v
	}
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: h, Body: io.NopCloser(strings.NewReader("{}")), ContentLength: 2}, nil
}

func (rt *recordRT) last() *http.Request {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.reqs[len(rt.reqs)-1]
}

// TestRequestURLMatchesParse: the request URL the transport fills in from
// the parsed base URL is, field by field, the one http.NewRequest makes of
// the concatenated string (base, path, "?", query), for base URLs with and
// without a path prefix, ports, an empty port, IPv6, and paths with escapes
// (an escaped "/" keeps its RawPath). A path that does not unescape is an
// error before anything is sent, as it was.
func TestRequestURLMatchesParse(t *testing.T) {
	t.Parallel()
	bases := []string{
		"http://127.0.0.1:1", "https://api.videosdk.live", "https://h.example:8443/prefix",
		"https://h.example/pre%20fix", "https://h.example/a/b", "https://h.example:", "http://[::1]:80",
		"HTTPS://H.Example/Up",
	}
	paths := []string{
		"/v2/rooms", "/v2/rooms/tq7v-m2xk-9hdp", "/v2/rooms/a%20b", "/v2/rooms/%E2%9C%93",
		"/v2/x/a%2Fb", "/v2/x/a+b", "/v2/x/a%25b", "/v2/x/a%3Bb", "/v2/x/%7Euser", "/v2/x/a@b:c",
	}
	queries := []string{"", "page=2&perPage=100", "query=a+b&roomId=r%2F1"}
	for _, base := range bases {
		for _, path := range paths {
			for _, q := range queries {
				full := base + path
				if q != "" {
					full += "?" + q
				}
				want, err := http.NewRequest("GET", full, nil)
				if err != nil {
					t.Fatalf("%s: %v", full, err)
				}
				rt := &recordRT{}
				tr := New(Config{HTTPClient: &http.Client{Transport: rt}, BaseURL: base, MaxBodyBytes: 1 << 20, Auth: &fakeAuth{}})
				if _, err := tr.Do(context.Background(), &Request{Method: "GET", Path: path, Query: q}); err != nil {
					t.Fatalf("%s: %v", full, err)
				}
				got := rt.last()
				if !reflect.DeepEqual(*got.URL, *want.URL) || got.Host != want.Host {
					t.Errorf("%s:\n got  %#v host %q\n want %#v host %q", full, *got.URL, got.Host, *want.URL, want.Host)
				}
				if got.URL.String() != want.URL.String() {
					t.Errorf("%s: String %q, want %q", full, got.URL.String(), want.URL.String())
				}
			}
		}
	}
	rt := &recordRT{}
	tr := New(Config{HTTPClient: &http.Client{Transport: rt}, BaseURL: "https://h.example", MaxBodyBytes: 1 << 20, Auth: &fakeAuth{}})
	if _, err := tr.Do(context.Background(), &Request{Method: "GET", Path: "/v2/x/%zz"}); err == nil || len(rt.reqs) != 0 {
		t.Fatalf("bad escape: err %v, %d requests", err, len(rt.reqs))
	}
	for _, bad := range []string{"https://u:p@h.example", "https://h.example?x=1", "https://h.example#f", "mailto:x@y", "https://h\x7f"} {
		tr := New(Config{HTTPClient: &http.Client{Transport: rt}, BaseURL: bad, MaxBodyBytes: 1 << 20, Auth: &fakeAuth{}})
		if _, err := tr.Do(context.Background(), &Request{Method: "GET", Path: "/v2/x"}); err == nil || len(rt.reqs) != 0 {
			t.Errorf("base %q: err %v, %d requests", bad, err, len(rt.reqs))
		}
	}
}

// TestClockReadOnlyWhenNeeded: with no logger, no Retry-After and no
// deadline on the caller's context, an attempt does not read the clock;
// a Retry-After or a deadline (to decide whether the per-attempt timeout
// applies) does.
func TestClockReadOnlyWhenNeeded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		retryAfter string
		deadline   bool
		wantReads  bool
	}{
		{"plain", "", false, false},
		{"retry-after", "3", false, true},
		{"deadline", "", true, true},
	} {
		var reads atomic.Int64
		rt := &recordRT{}
		if tc.retryAfter != "" {
			rt.header = http.Header{"Retry-After": {tc.retryAfter}}
		}
		tr := New(Config{
			HTTPClient: &http.Client{Transport: rt}, BaseURL: "https://h.example", MaxBodyBytes: 1 << 20,
			AttemptTimeout: time.Minute, Auth: &fakeAuth{},
			Now: func() time.Time { reads.Add(1); return time.Now() },
		})
		ctx := context.Background()
		if tc.deadline {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, time.Hour)
			defer cancel()
		}
		resp, err := tr.Do(ctx, &Request{Method: "GET", Path: "/v2/x"})
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %+v %v", tc.name, resp, err)
		}
		if got := reads.Load() > 0; got != tc.wantReads {
			t.Errorf("%s: %d clock reads, want reads: %v", tc.name, reads.Load(), tc.wantReads)
		}
		if tc.retryAfter != "" && resp.RetryAfter != 3*time.Second {
			t.Errorf("%s: RetryAfter %v", tc.name, resp.RetryAfter)
		}
	}
}

// TestAuthorizationPerToken: requests that carry the same token share one
// header value; a new token gets its own, and every request carries the
// token it was given.
func TestAuthorizationPerToken(t *testing.T) {
	t.Parallel()
	rt := &recordRT{}
	auth := &fakeAuth{cached: "tok-1"}
	tr := New(Config{HTTPClient: &http.Client{Transport: rt}, BaseURL: "https://h.example", MaxBodyBytes: 1 << 20, Auth: auth, UserAgent: "ua/1"})
	do := func() []string {
		if _, err := tr.Do(context.Background(), &Request{Method: "GET", Path: "/v2/x"}); err != nil {
			t.Fatal(err)
		}
		h := rt.last().Header
		if got := h.Get("User-Agent"); got != "ua/1" {
			t.Fatalf("User-Agent %q", got)
		}
		return h["Authorization"]
	}
	a, b := do(), do()
	if len(a) != 1 || a[0] != "tok-1" || &a[0] != &b[0] {
		t.Fatalf("same token: %v %v (shared: %v)", a, b, &a[0] == &b[0])
	}
	auth.Invalidate("tok-1")
	c := do()
	if len(c) != 1 || c[0] != "tok-A" || &c[0] == &a[0] || a[0] != "tok-1" {
		t.Fatalf("new token: %v (old value now %v)", c, a)
	}
}
