package retry

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	dial := &url.Error{Op: "Post", URL: "https://x", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	dns := &url.Error{Op: "Get", URL: "https://x", Err: &net.DNSError{Err: "no such host", Name: "x"}}
	reset := &url.Error{Op: "Post", URL: "https://x", Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}}
	cert := &url.Error{Op: "Get", URL: "https://x", Err: x509.UnknownAuthorityError{}}
	scheme := errors.New(`unsupported protocol scheme "ftp"`)
	redirects := errors.New("Get \"/x\": stopped after 10 redirects")
	tests := []struct {
		method string
		status int
		err    error
		ctxErr error
		want   bool
	}{
		{"GET", 200, nil, nil, false},
		{"GET", 400, nil, nil, false},
		{"GET", 404, nil, nil, false},
		{"GET", 429, nil, nil, true},
		{"POST", 429, nil, nil, true},
		{"DELETE", 429, nil, nil, true},
		{"GET", 500, nil, nil, true},
		{"GET", 502, nil, nil, true},
		{"GET", 503, nil, nil, true},
		{"GET", 504, nil, nil, true},
		{"GET", 501, nil, nil, false},
		{"GET", 505, nil, nil, false},
		{"HEAD", 503, nil, nil, true},
		{"PUT", 503, nil, nil, true},
		{"DELETE", 500, nil, nil, true},
		{"POST", 500, nil, nil, false},
		{"POST", 503, nil, nil, false},
		{"PATCH", 503, nil, nil, false},
		{"GET", 0, reset, nil, true},
		{"DELETE", 0, reset, nil, true},
		{"POST", 0, reset, nil, false},
		{"POST", 0, dial, nil, true},
		{"POST", 0, dns, nil, true},
		{"GET", 0, cert, nil, false},
		{"GET", 0, scheme, nil, false},
		{"GET", 0, redirects, nil, false},
		{"GET", 0, context.Canceled, nil, false},
		{"GET", 503, nil, context.Canceled, false},
		{"POST", 429, nil, context.DeadlineExceeded, false},
		{"GET", 0, reset, context.DeadlineExceeded, false},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/%d/%v/%v", tt.method, tt.status, tt.err, tt.ctxErr)
		got, reason := Classify(tt.method, tt.status, tt.err, tt.ctxErr)
		assert.Equal(t, tt.want, got, name)
		assert.NotEmpty(t, reason, name)
	}
}

// TestJitteredDefaults: the default bounds, 500 ms doubling to 8 s.
func TestJitteredDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n        int
		lo, hi   time.Duration
		atLowest time.Duration
	}{
		{0, 250 * time.Millisecond, 500 * time.Millisecond, 250 * time.Millisecond},
		{1, 500 * time.Millisecond, time.Second, 500 * time.Millisecond},
		{2, time.Second, 2 * time.Second, time.Second},
		{3, 2 * time.Second, 4 * time.Second, 2 * time.Second},
		{4, 4 * time.Second, 8 * time.Second, 4 * time.Second},
		{5, 4 * time.Second, 8 * time.Second, 4 * time.Second},
		{62, 4 * time.Second, 8 * time.Second, 4 * time.Second},
		{-1, 250 * time.Millisecond, 500 * time.Millisecond, 250 * time.Millisecond},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.atLowest, defaultBackoff(tt.n, func() float64 { return 0 }), "n=%d r=0", tt.n)
		top := defaultBackoff(tt.n, func() float64 { return 0.999999999 })
		assert.True(t, top <= tt.hi && top > tt.hi-time.Millisecond, "n=%d r≈1: %v", tt.n, top)
		mid := defaultBackoff(tt.n, func() float64 { return 0.5 })
		assert.True(t, mid >= tt.lo && mid <= tt.hi, "n=%d mid %v", tt.n, mid)
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"3", 3 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		// Beyond int64 is still "wait very long" (the 24h cap), not garbage
		// that would be retried after 0.5 s.
		{"99999999999999999999", 24 * time.Hour, true},
		{"999999999", 24 * time.Hour, true},
		{"Thu, 26 Nov 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Thu, 26 Nov 2026 11:00:00 GMT", 0, true},
		{"Thursday, 26-Nov-26 12:01:00 GMT", time.Minute, true},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		assert.Equal(t, tt.wantOK, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestIdempotent(t *testing.T) {
	t.Parallel()
	for _, m := range []string{"GET", "HEAD", "PUT", "DELETE", "OPTIONS"} {
		assert.True(t, Idempotent(m), m)
	}
	for _, m := range []string{"POST", "PATCH", "CONNECT", ""} {
		assert.False(t, Idempotent(m), m)
	}
}
