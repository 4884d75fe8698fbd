package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
