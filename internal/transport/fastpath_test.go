package transport

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

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
