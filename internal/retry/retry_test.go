package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
)

var now = time.Date(2026, 5, 6, 12, 0, 0, 0, time.UTC)

func TestParseRetryAfterEdges(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"   ", 0, false},
		{"0", 0, true},
		{"2", 2 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"31", 31 * time.Second, true},
		{"86400", 24 * time.Hour, true},
		{"86401", 24 * time.Hour, true},
		{"99999999999", 24 * time.Hour, true},
		// Beyond int64: still "wait very long", not garbage to be ignored
		// (ignoring it would retry after 0.5 s a server that asked for days).
		{"99999999999999999999999", 24 * time.Hour, true},
		{"18700000000000000000!", 0, false}, // overflow reported before the '!' (found by FuzzParseRetryAfter)
		{"+99999999999999999999999", 24 * time.Hour, true},
		{"+5", 5 * time.Second, true}, // strconv accepts a plus sign; harmless
		{"-5", 0, false},
		{"-99999999999999999999999", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"5s", 0, false},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(2 * time.Hour).Format(time.RFC850), 2 * time.Hour, true},
		{now.Add(90 * time.Second).Format(time.ANSIC), 90 * time.Second, true},
		{"Wed, 32 Oct 2026 07:28:00 GMT", 0, false},
		// A date is capped like the seconds form: it gave 2.5 million hours.
		{"Fri, 31 Dec 9999 23:59:59 GMT", 24 * time.Hour, true},
		{now.Add(30 * 24 * time.Hour).Format(http.TimeFormat), 24 * time.Hour, true},
		{now.Add(24*time.Hour + time.Second).Format(http.TimeFormat), 24 * time.Hour, true},
		{now.Add(24 * time.Hour).Format(http.TimeFormat), 24 * time.Hour, true},
	} {
		got, ok := ParseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.wantOK)
		}
	}
}

// defaultBackoff is the transport's backoff without WithRetryDelay.
func defaultBackoff(n int, r func() float64) time.Duration {
	return Jittered(n, BaseDelay, MaxDelay, r)
}

func TestBackoffBounds(t *testing.T) {
	t.Parallel()
	for n, d := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second} {
		lo, hi := defaultBackoff(n, func() float64 { return 0 }), defaultBackoff(n, func() float64 { return 0.9999999999 })
		if lo != d/2 {
			t.Errorf("Backoff(%d) with r=0 = %v, want %v", n, lo, d/2)
		}
		if hi < d-time.Microsecond || hi > d {
			t.Errorf("Backoff(%d) with r→1 = %v, want ≈%v", n, hi, d)
		}
	}
	for _, n := range []int{-1, 63, 64, 1 << 30} {
		if got := defaultBackoff(n, func() float64 { return 0.5 }); got < 0 || got > MaxDelay {
			t.Errorf("Backoff(%d) = %v out of [0, %v]", n, got, MaxDelay)
		}
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestClassifyTransportErrors(t *testing.T) {
	t.Parallel()
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	read := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	dns := &net.DNSError{Err: "no such host", Name: "api.videosdk.test", IsNotFound: true}
	wrap := func(err error) error { return fmt.Errorf(`Post "http://x/v2/rooms": %w`, err) }
	for _, tc := range []struct {
		method string
		status int
		err    error
		ctxErr error
		want   bool
	}{
		{"GET", 200, nil, nil, false},
		{"GET", 400, nil, nil, false},
		{"GET", 401, nil, nil, false},
		{"GET", 404, nil, nil, false},
		{"GET", 429, nil, nil, true},
		{"POST", 429, nil, nil, true},
		{"DELETE", 429, nil, nil, true},
		{"GET", 500, nil, nil, true},
		{"GET", 501, nil, nil, false},
		{"GET", 502, nil, nil, true},
		{"GET", 503, nil, nil, true},
		{"GET", 504, nil, nil, true},
		{"GET", 505, nil, nil, false},
		{"DELETE", 503, nil, nil, true},
		{"PUT", 503, nil, nil, true},
		{"HEAD", 503, nil, nil, true},
		{"POST", 500, nil, nil, false},
		{"POST", 503, nil, nil, false},
		{"PATCH", 503, nil, nil, false},
		{"GET", 503, nil, context.Canceled, false},
		{"POST", 429, nil, context.DeadlineExceeded, false},
		{"GET", 0, wrap(read), nil, true},
		{"GET", 0, wrap(io.ErrUnexpectedEOF), nil, true},
		{"GET", 0, wrap(timeoutErr{}), nil, true},
		{"POST", 0, wrap(read), nil, false},
		{"POST", 0, wrap(io.EOF), nil, false},
		{"POST", 0, wrap(context.DeadlineExceeded), nil, false},
		{"POST", 0, wrap(dial), nil, true},
		{"POST", 0, wrap(dns), nil, true},
		{"POST", 0, wrap(&net.OpError{Op: "dial", Err: dns}), nil, true},
		{"GET", 0, wrap(context.Canceled), nil, false},
		{"GET", 0, wrap(errors.New("unsupported protocol scheme \"ftp\"")), nil, false},
		{"GET", 0, wrap(errors.New("stopped after 10 redirects")), nil, false},
		// The SDK's redirect policy marks its refusals (hop limit, the
		// caller's CheckRedirect) permanent, whatever they say.
		{"GET", 0, wrap(&PermanentError{Err: errors.New("stopped after 3 redirects")}), nil, false},
		{"GET", 0, wrap(&PermanentError{Err: errors.New("my policy says no")}), nil, false},
		{"POST", 0, wrap(&PermanentError{Err: dial}), nil, false},
		{"GET", 0, wrap(read), context.Canceled, false},
		{"POST", 0, wrap(dial), context.Canceled, false},
	} {
		got, reason := Classify(tc.method, tc.status, tc.err, tc.ctxErr)
		if got != tc.want || reason == "" {
			t.Errorf("Classify(%s, %d, %v, %v) = %v, %q; want %v", tc.method, tc.status, tc.err, tc.ctxErr, got, reason, tc.want)
		}
	}
}

// FuzzParseRetryAfter: never panics, never negative, never beyond the 24h
// cap (seconds or date), and an all-digit value is always understood.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "2", "31", "86400", "99999999999999999999999", "-1", "+5", "1.5", "soon",
		now.Add(5 * time.Second).Format(http.TimeFormat), now.Add(-time.Hour).Format(time.RFC850),
		"Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon Jan  2 15:04:05 2006"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v: negative", v, d)
		}
		if !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v, false: a duration without ok", v, d)
		}
		trimmed := strings.TrimSpace(v)
		digits := trimmed != "" && strings.IndexFunc(trimmed, func(r rune) bool { return r < '0' || r > '9' }) < 0
		if digits {
			if !ok {
				t.Fatalf("ParseRetryAfter(%q): delay-seconds not understood", v)
			}
		}
		if d > MaxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q) = %v: beyond the %v cap", v, d, MaxRetryAfter)
		}
		// Without letters it is no date, so only a (signed: strconv allows
		// "+5" and "-0", both harmless) number may be understood.
		signed := strings.TrimLeft(trimmed, "+-")
		numeric := len(trimmed)-len(signed) <= 1 && signed != "" && strings.IndexFunc(signed, func(r rune) bool { return r < '0' || r > '9' }) < 0
		if ok && !numeric && strings.IndexFunc(trimmed, unicode.IsLetter) < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v, true: neither seconds nor a date", v, d)
		}
	})
}

// FuzzBackoff: every wait lies in [d/2, d] for d = min(500ms·2ⁿ, 8s).
func FuzzBackoff(f *testing.F) {
	f.Add(0, 0.0)
	f.Add(3, 0.5)
	f.Add(70, 0.999)
	f.Add(-4, 0.25)
	f.Fuzz(func(t *testing.T, n int, r float64) {
		if !(r >= 0 && r < 1) { // the contract: r returns a value in [0,1)
			return
		}
		got := defaultBackoff(n, func() float64 { return r })
		d := MaxDelay
		if n < 5 {
			d = BaseDelay << uint(max(n, 0))
		}
		if got < d/2 || got > d {
			t.Fatalf("Backoff(%d, %v) = %v, want within [%v, %v]", n, r, got, d/2, d)
		}
	})
}

// TestJitteredBounds: the n-th wait lies in [d/2, d] for d = min(base·2ⁿ,
// ceiling), for bases and ceilings that are not powers of two apart and for
// ceilings near the largest Duration (no overflow).
func TestJitteredBounds(t *testing.T) {
	t.Parallel()
	const huge = time.Duration(1<<63 - 1)
	tests := []struct {
		base, ceiling time.Duration
		want          []time.Duration // d for n = 0, 1, 2, …
	}{
		{time.Second, 15 * time.Second, []time.Duration{1e9, 2e9, 4e9, 8e9, 15e9, 15e9}},
		{time.Millisecond, time.Millisecond, []time.Duration{1e6, 1e6, 1e6}},
		{3 * time.Second, 10 * time.Second, []time.Duration{3e9, 6e9, 10e9, 10e9}},
		{time.Hour, huge, []time.Duration{time.Hour, 2 * time.Hour, 4 * time.Hour}},
		{huge / 3, huge, []time.Duration{huge / 3, huge / 3 * 2, huge, huge}},
	}
	for _, tt := range tests {
		for n, d := range tt.want {
			lo := Jittered(n, tt.base, tt.ceiling, func() float64 { return 0 })
			hi := Jittered(n, tt.base, tt.ceiling, func() float64 { return 0.9999999999 })
			if lo != d/2 || hi > d || hi < d-d/1000 {
				t.Errorf("Jittered(%d, %v, %v) = [%v, %v], want [%v, %v]", n, tt.base, tt.ceiling, lo, hi, d/2, d)
			}
		}
		if got := Jittered(1<<30, tt.base, tt.ceiling, func() float64 { return 0.5 }); got < tt.ceiling/2 || got > tt.ceiling {
			t.Errorf("Jittered(1<<30, %v, %v) = %v, want within [%v, %v]", tt.base, tt.ceiling, got, tt.ceiling/2, tt.ceiling)
		}
	}
}

func TestAllDigits(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{"": false, "0": true, "123": true, "12a": false, "+1": false, "٣": false} {
		if got := allDigits(s); got != want {
			t.Errorf("allDigits(%q) = %v, want %v", s, got, want)
		}
	}
}
