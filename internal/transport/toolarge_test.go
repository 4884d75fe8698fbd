package transport

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// countingBody is an endless body that counts the bytes read from it.
type countingBody struct{ read atomic.Int64 }

func (b *countingBody) Read(p []byte) (int, error) {
	clear(p)
	b.read.Add(int64(len(p)))
	return len(p), nil
}
func (b *countingBody) Close() error { return nil }

type bodyRT struct {
	body          io.ReadCloser
	contentLength int64
}

func (rt bodyRT) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{}, Body: rt.body, ContentLength: rt.contentLength}, nil
}

// TestDeclaredTooLargeIsNotRead: a success body whose Content-Length is over
// the cap is refused without reading a byte of it; one without a
// Content-Length is read only to the cap (plus the byte that proves it is over).
func TestDeclaredTooLargeIsNotRead(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	for _, tc := range []struct {
		name          string
		contentLength int64
		maxRead       int64
	}{
		{"declared", 64 << 20, 0},
		{"undeclared", -1, limit + 32<<10},
	} {
		body := &countingBody{}
		tr := New(Config{
			HTTPClient: &http.Client{Transport: bodyRT{body: body, contentLength: tc.contentLength}},
			BaseURL:    "http://127.0.0.1:1", MaxBodyBytes: limit, MaxRetryWait: time.Second, Auth: &fakeAuth{},
		})
		resp, err := tr.Do(context.Background(), &Request{Method: "GET", Path: "/v2/x"})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !resp.TooLarge {
			t.Fatalf("%s: not TooLarge", tc.name)
		}
		if got := body.read.Load(); got > tc.maxRead {
			t.Fatalf("%s: read %d bytes of a body over the cap, want at most %d", tc.name, got, tc.maxRead)
		}
	}
}
