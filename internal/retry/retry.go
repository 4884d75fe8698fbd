// Package retry holds the pure pieces of the retry policy: which outcomes are
// retried, how long to wait between attempts and how a Retry-After header is
// read. Nothing here performs I/O, so every rule is covered by table tests.
package retry

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Default backoff bounds: the n-th retry (n starting at 0) waits a random
// duration in [d/2, d] where d = min(BaseDelay·2ⁿ, MaxDelay) (see Jittered;
// the root package's WithRetryDelay changes both).
const (
	BaseDelay = 500 * time.Millisecond
	MaxDelay  = 8 * time.Second
)

// Reason strings returned by Classify; they end up in debug logs.
const (
	ReasonContextDone    = "context done"
	ReasonRateLimited    = "rate limited"
	ReasonServerError    = "server error"
	ReasonNetworkError   = "network error"
	ReasonNotWritten     = "connection failed before the request was sent"
	ReasonNotIdempotent  = "method is not idempotent"
	ReasonNotRetryable   = "not retryable"
	ReasonPermanentError = "permanent transport error"
)

// Idempotent reports whether a request with this method may be sent again after
// it possibly reached the server. POST is not: a start or stop would run twice.
func Idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// RetryableStatus reports whether a status is worth retrying for an idempotent
// request. 501 Not Implemented is final; 429 is handled separately.
func RetryableStatus(status int) bool {
	switch status {
	case http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// Classify decides whether an attempt should be retried. status is the HTTP
// status when a response arrived (err nil), err the transport error otherwise.
// ctxErr is the caller's context error: once the caller gave up nothing is retried.
func Classify(method string, status int, err error, ctxErr error) (bool, string) {
	if ctxErr != nil {
		return false, ReasonContextDone
	}
	if err == nil {
		if status == http.StatusTooManyRequests {
			return true, ReasonRateLimited
		}
		if RetryableStatus(status) {
			if Idempotent(method) {
				return true, ReasonServerError
			}
			return false, ReasonNotIdempotent
		}
		return false, ReasonNotRetryable
	}
	if Permanent(err) {
		return false, ReasonPermanentError
	}
	if NotSent(err) {
		return true, ReasonNotWritten
	}
	if Idempotent(method) {
		return true, ReasonNetworkError
	}
	return false, ReasonNotIdempotent
}

// NotSent reports whether err certainly happened before any byte of the request
// left this process: a failed dial or name lookup. Only then may a POST be retried.
func NotSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// PermanentError marks an error another attempt would meet again, such as a
// refused redirect (too many hops, or the caller's CheckRedirect said no).
// It reads and unwraps as the error it holds.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent reports transport errors that another attempt cannot fix: bad TLS
// certificates, an unsupported URL scheme, a refused redirect.
func Permanent(err error) bool {
	if errors.Is(err, context.Canceled) {
		return true
	}
	var pe *PermanentError
	if errors.As(err, &pe) {
		return true
	}
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		header           tls.RecordHeaderError
	)
	if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &verify) || errors.As(err, &header) {
		return true
	}
	// net/http's own default policy (never used by the SDK, whose clients all
	// carry transport.CheckRedirect) says "stopped after 10 redirects".
	msg := err.Error()
	return strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "stopped after") && strings.Contains(msg, "redirects")
}

// Jittered is the n-th (0-based) wait of a jittered exponential backoff: a
// random duration in [d/2, d] where d = min(base·2ⁿ, ceiling). r must return
// a value in [0,1). base and ceiling must be positive, base <= ceiling.
func Jittered(n int, base, ceiling time.Duration, r func() float64) time.Duration {
	d := min(base, ceiling)
	for i := 0; i < n && d < ceiling; i++ { // doubles up to the cap, never overflowing
		if d > ceiling/2 {
			d = ceiling
		} else {
			d *= 2
		}
	}
	half := d / 2
	return half + time.Duration(r()*float64(d-half))
}

// MaxRetryAfter caps a Retry-After hint, in either form: anything longer
// means "much later" to the caller, and the cap keeps the arithmetic safe.
const MaxRetryAfter = 24 * time.Hour

// ParseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date
// (relative to now), both capped at MaxRetryAfter. ok is false when the
// header is absent or unusable; a date in the past yields (0, true).
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if errors.Is(err, strconv.ErrRange) && allDigits(strings.TrimPrefix(v, "+")) {
		// More seconds than an int64 holds is still "wait very long", not
		// garbage: treated as garbage it would be retried after 0.5 s.
		secs, err = math.MaxInt64, nil
	}
	if err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(MaxRetryAfter/time.Second) { // absurd hint: cap, avoids overflow
			secs = int64(MaxRetryAfter / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		// t.Sub saturates at the largest Duration for a date centuries
		// out; the cap applies as for seconds.
		return min(max(t.Sub(now), 0), MaxRetryAfter), true
	}
	return 0, false
}

// allDigits reports whether s is a non-empty run of ASCII digits. ParseInt
// reports an overflow before it sees a later non-digit, so "9…9!" needs this.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
