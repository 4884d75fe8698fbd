package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

func TestReadCappedSizes(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("0123456789", 100) // 1000 bytes
	for _, tc := range []struct {
		name          string
		n             int   // body length
		contentLength int64 // -1: unknown
		limit         int64
		wantLen       int
		wantTooLarge  bool
	}{
		{"known length", 1000, 1000, 2000, 1000, false},
		{"unknown length, grows", 1000, -1, 2000, 1000, false},
		{"exactly the limit", 1000, 1000, 1000, 1000, false},
		{"exactly the limit, unknown length", 1000, -1, 1000, 1000, false},
		{"one past the limit, unknown length", 1000, -1, 999, 999, true},
		{"over the limit by Content-Length", 1000, 1000, 10, 10, true},
		{"over the limit, unknown length", 1000, -1, 10, 10, true},
		{"Content-Length lies low", 1000, 5, 2000, 1000, false},
		{"empty", 0, 0, 10, 0, false},
		{"empty, unknown length", 0, -1, 10, 0, false},
	} {
		for _, wrap := range []struct {
			name string
			r    func(io.Reader) io.Reader
		}{
			{"plain", func(r io.Reader) io.Reader { return r }},
			{"one byte at a time", iotest.OneByteReader},
			{"data with EOF", iotest.DataErrReader},
		} {
			t.Run(tc.name+"/"+wrap.name, func(t *testing.T) {
				t.Parallel()
				b, tooLarge, err := readCapped(wrap.r(strings.NewReader(body[:tc.n])), tc.contentLength, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if tooLarge != tc.wantTooLarge || !bytes.Equal(b, []byte(body[:tc.wantLen])) {
					t.Fatalf("got %d bytes, tooLarge %v; want %d, %v", len(b), tooLarge, tc.wantLen, tc.wantTooLarge)
				}
			})
		}
	}
}

func TestReadCappedReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(boom))
	b, tooLarge, err := readCapped(r, -1, 100)
	if !errors.Is(err, boom) || tooLarge || string(b) != "partial" {
		t.Fatalf("got %q, %v, %v", b, tooLarge, err)
	}
}

// TestReadCappedOneAllocation: a body of known length is read with one allocation.
func TestReadCappedOneAllocation(t *testing.T) {
	body := []byte(strings.Repeat("x", 4000))
	r := bytes.NewReader(body)
	allocs := testing.AllocsPerRun(100, func() {
		r.Reset(body)
		if b, _, err := readCapped(r, int64(len(body)), 1<<20); err != nil || len(b) != len(body) {
			t.Fatal(len(b), err)
		}
	})
	if allocs != 1 {
		t.Fatalf("%v allocations, want 1", allocs)
	}
}

// TestReadCappedUnknownLengthGrows: bodies of unknown length larger than the
// pooled scratch buffer are read whole, or cut at the limit, whatever the
// read sizes.
func TestReadCappedUnknownLengthGrows(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320,000 bytes
	for _, limit := range []int64{1 << 20, int64(len(body)), int64(len(body)) - 1, 100_000, 16 << 10} {
		for _, r := range []func() io.Reader{
			func() io.Reader { return bytes.NewReader(body) },
			func() io.Reader { return iotest.HalfReader(bytes.NewReader(body)) },
		} {
			b, tooLarge, err := readCapped(r(), -1, limit)
			want := body[:min(int64(len(body)), limit)]
			if err != nil || tooLarge != (int64(len(body)) > limit) || !bytes.Equal(b, want) {
				t.Fatalf("limit %d: got %d bytes, tooLarge %v, %v", limit, len(b), tooLarge, err)
			}
			if cap(b) != len(b) {
				t.Fatalf("limit %d: cap %d for %d bytes: the result is not exactly sized", limit, cap(b), len(b))
			}
		}
	}
}

// TestReadCappedUnknownLengthOneAllocation: once the scratch pool is warm, a
// body of unknown length costs one allocation, of its own size.
func TestReadCappedUnknownLengthOneAllocation(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 65<<10)
	r := bytes.NewReader(body)
	read := func() {
		r.Reset(body)
		if b, _, err := readCapped(r, -1, 1<<20); err != nil || len(b) != len(body) {
			t.Fatal(len(b), err)
		}
	}
	read()
	want := 1.0
	if raceEnabled {
		// Under -race the pool drops a share of the scratch buffers it is
		// given back: a read then also allocates a new scratch buffer and
		// grows it (16 KiB doubling to 128 KiB for this body): at most 4 more
		// on a read whose buffer was dropped (2 on average here).
		want = 5
	}
	if allocs := testing.AllocsPerRun(100, read); allocs > want {
		t.Fatalf("%v allocations, want at most %v", allocs, want)
	}
}

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
