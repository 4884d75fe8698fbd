// Package transport is the single request path of the SDK: it signs, sends,
// retries and reads every call. It knows nothing about VideoSDK resources; the
// root package turns its Response into typed values or an *APIError.
package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/videosdk-go/videosdk/internal/redact"
	"github.com/videosdk-go/videosdk/internal/retry"
)

// MaxErrorBody is how much of a non-2xx body is kept: enough for any error
// message, small enough that a misbehaving proxy cannot exhaust memory.
const MaxErrorBody = 1 << 20

// drainLimit is how much more of a discarded body is read so the connection can
// be reused; anything longer is cheaper to close.
const drainLimit = 4 << 10

// Auth hands out the token for a request.
type Auth interface {
	// Token returns the token to send; minted is true when it was signed for
	// this very call (so a 401 cannot be cured by signing again).
	Token() (token string, minted bool, err error)
	// Invalidate drops token from the cache, if it is still the cached one.
	Invalidate(token string)
}

// Config is fixed when the Client is built and shared by every call.
type Config struct {
	HTTPClient     *http.Client
	BaseURL        string // scheme://host[/prefix], no trailing slash
	UserAgent      string
	MaxRetries     int
	AttemptTimeout time.Duration // 0: none
	MaxRetryWait   time.Duration // longest Retry-After waited out
	RetryBase      time.Duration // first backoff bound; 0: retry.BaseDelay (with RetryMax)
	RetryMax       time.Duration // backoff ceiling; 0: retry.MaxDelay
	MaxBodyBytes   int64         // cap for success bodies
	Logger         *slog.Logger  // nil: no logging
	Auth           Auth
	Sleep          func(context.Context, time.Duration) error // nil: timer + ctx
	Now            func() time.Time                           // nil: time.Now
	Rand           func() float64                             // nil: math/rand/v2
	// GuardBodies closes a response body when the attempt's context ends.
	// net/http's own *http.Transport already aborts a body read when the
	// request's context ends; a custom RoundTripper's body may not, so the
	// root package sets this for any other RoundTripper.
	GuardBodies bool
	// Secret is the API secret, redacted (like the token a request carried)
	// from any server text that reaches an error or a log line. A pointer on
	// purpose: fmt prints a nested pointer as an address, so %+v of a value
	// holding the Transport cannot show the secret.
	Secret *string
}

// Request is one API call as the root package describes it.
type Request struct {
	Method string
	Path   string // already escaped, starting with "/"
	Query  string // already encoded, without "?"
	Body   []byte // nil: no body
	// ContentType is the body's media type; "" means application/json.
	// (WHIP and WHEP send SDP offers as application/sdp.)
	ContentType string
	// Accept is the Accept header; "" means application/json. (A CSV export
	// asks for text/csv, a WHIP offer for application/sdp.)
	Accept string
}

// Response is the server's final answer after retries.
type Response struct {
	StatusCode int
	Status     string
	Header     http.Header
	Body       []byte
	Attempts   int
	// RetryAfter is the server's Retry-After hint on this response, if any.
	RetryAfter time.Duration
	// TooLarge is set when a success body exceeded MaxBodyBytes (Body is then nil).
	TooLarge bool

	// token is what the request carried in Authorization and secret the API
	// secret: Redact removes both from server text. Never printed.
	token, secret string
}

// Redact returns b with the token this response's request carried, the API
// secret and every JWT-shaped run replaced by "[redacted]", also where JSON
// escapes spell them. b itself is returned when there is nothing to replace.
// For error paths only.
func (r *Response) Redact(b []byte) []byte { return redact.Bytes(b, r.token, r.secret) }

// RedactString is Redact for a string.
func (r *Response) RedactString(s string) string { return redact.String(s, r.token, r.secret) }

// RedactError returns err unchanged when its text holds no secret, else an
// error reading as the redacted text that still matches what err matched
// with errors.Is (but no longer unwraps to it: the original holds the secret).
func (r *Response) RedactError(err error) error { return redactError(err, r.token, r.secret) }

// Informational reports a 1xx status: not an answer to the request (net/http
// hands a 101's raw connection back as the body; other 1xx statuses only
// come from a custom RoundTripper). Its body is closed unread.
func (r *Response) Informational() bool { return r.StatusCode >= 100 && r.StatusCode < 200 }

// Error is returned when no usable response was obtained.
type Error struct {
	Attempts int
	Err      error
}

func (e *Error) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("after %d attempts: %v", e.Attempts, e.Err)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Transport executes requests according to Config.
type Transport struct {
	cfg Config

	// What every request shares, built once in New: the base URL's parts
	// (a request's URL is filled in from them, never built as a string and
	// parsed again) and the User-Agent header value. baseErr is the base
	// URL's parse error, returned by every call.
	scheme, host string
	basePath     string // escaped, no trailing slash; "" for none
	baseErr      error
	userAgent    []string
	// auth is the Authorization header value for the token last sent,
	// shared by every request that carries that token.
	auth atomic.Pointer[authHeader]
}

type authHeader struct {
	token string
	value []string
}

// New returns a Transport; cfg is copied.
func New(cfg Config) *Transport {
	if cfg.Sleep == nil {
		cfg.Sleep = Sleep
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RetryBase <= 0 || cfg.RetryMax < cfg.RetryBase {
		cfg.RetryBase, cfg.RetryMax = retry.BaseDelay, retry.MaxDelay
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Float64
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	t := &Transport{cfg: cfg}
	if u, err := url.Parse(cfg.BaseURL); err != nil {
		t.baseErr = err
	} else {
		t.scheme, t.host, t.basePath = u.Scheme, removeEmptyPort(u.Host), strings.TrimRight(u.EscapedPath(), "/")
		if u.Opaque != "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			t.baseErr = errors.New("transport: base URL must be scheme://host[/path]")
		}
	}
	if cfg.UserAgent != "" {
		t.userAgent = []string{cfg.UserAgent}
	}
	return t
}

// removeEmptyPort strips the empty port of "host:", as
// http.NewRequestWithContext does.
func removeEmptyPort(host string) string {
	if strings.LastIndexByte(host, ':') > strings.LastIndexByte(host, ']') {
		return strings.TrimSuffix(host, ":")
	}
	return host
}

// setURL fills u (an empty URL) with the base URL and req's path and query,
// exactly as url.Parse would from the concatenated string, without building
// that string: with the default base URL (no path of its own) and a path
// without escapes it allocates nothing.
func (t *Transport) setURL(u *url.URL, req *Request) error {
	escaped := req.Path
	if t.basePath != "" {
		escaped = t.basePath + escaped
	}
	u.Scheme, u.Host, u.Path, u.RawQuery = t.scheme, t.host, escaped, req.Query
	if strings.IndexByte(escaped, '%') >= 0 {
		// url.URL keeps the unescaped path, and the escaped one in RawPath
		// when the default escaping would not give it back.
		p, err := url.PathUnescape(escaped)
		if err != nil {
			return err
		}
		u.Path = p
		if (&url.URL{Path: p}).EscapedPath() != escaped {
			u.RawPath = escaped
		}
	}
	return nil
}

// authValue returns the Authorization header value for tok: one slice per
// token, not per request.
func (t *Transport) authValue(tok string) []string {
	if h := t.auth.Load(); h != nil && h.token == tok {
		return h.value
	}
	h := &authHeader{token: tok, value: []string{tok}}
	t.auth.Store(h)
	return h.value
}

// Sleep waits d or until ctx is done, whichever comes first.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Do sends req, retrying as the policy allows. It returns a Response for any
// HTTP answer (including 4xx/5xx once retries are exhausted or not allowed) and
// an *Error only when the last attempt produced no response. The Response is
// a value: the caller keeps it where it likes (on its stack, usually).
func (t *Transport) Do(ctx context.Context, req *Request) (Response, error) {
	if t.baseErr != nil {
		return Response{}, &Error{Err: t.baseErr}
	}
	reauthed := false
	retries := 0
	for attempt := 1; ; attempt++ {
		tok, minted, err := t.cfg.Auth.Token()
		if err != nil {
			return Response{}, &Error{Attempts: attempt - 1, Err: err}
		}
		// The clock is read for the log line only when there is one.
		logging := t.logging(ctx)
		var start time.Time
		if logging {
			start = time.Now()
		}
		var resp Response
		err = t.attempt(ctx, req, tok, &resp)
		if logging {
			t.log(ctx, req, attempt, &resp, err, start)
		}

		if err == nil && resp.StatusCode == http.StatusUnauthorized && !minted && !reauthed {
			// The cached token may have been revoked or the clock moved: sign a
			// new one once. A 401 means the request was refused, so even a POST
			// is safe to send again.
			reauthed = true
			t.cfg.Auth.Invalidate(tok)
			continue
		}

		var status int
		if err == nil {
			status = resp.StatusCode
			if status < 300 || retries >= t.cfg.MaxRetries {
				resp.Attempts = attempt
				return resp, nil
			}
		} else if retries >= t.cfg.MaxRetries {
			return Response{}, &Error{Attempts: attempt, Err: err}
		}
		ok, _ := retry.Classify(req.Method, status, err, ctx.Err())
		if !ok {
			if err != nil {
				return Response{}, &Error{Attempts: attempt, Err: err}
			}
			resp.Attempts = attempt
			return resp, nil
		}

		wait := retry.Jittered(retries, t.cfg.RetryBase, t.cfg.RetryMax, t.cfg.Rand)
		if err == nil && resp.RetryAfter > 0 {
			if resp.RetryAfter > t.cfg.MaxRetryWait {
				// Not waiting that long: hand the hint to the caller instead.
				resp.Attempts = attempt
				return resp, nil
			}
			wait = resp.RetryAfter
		}
		if dl, has := ctx.Deadline(); has && t.cfg.Now().Add(wait).After(dl) {
			// The wait would outlive the caller: stop now with what we have.
			if err != nil {
				return Response{}, &Error{Attempts: attempt, Err: err}
			}
			resp.Attempts = attempt
			return resp, nil
		}
		if serr := t.cfg.Sleep(ctx, wait); serr != nil {
			last := fmt.Sprintf("last status %d", status)
			if err != nil {
				last = "last error: " + err.Error()
			}
			return Response{}, &Error{Attempts: attempt, Err: &wrapped{msg: serr.Error() + " (" + last + ")", err: serr}}
		}
		retries++
	}
}

// redactedError is an error whose text had a secret in it.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string        { return e.msg }
func (e *redactedError) Is(target error) bool { return errors.Is(e.err, target) }

func redactError(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if red := redact.String(msg, secrets...); red != msg {
		return &redactedError{msg: red, err: err}
	}
	return err
}

// wrapped keeps the context error matchable by errors.Is while the message
// also tells what the last attempt saw.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// attempt sends req once and fills resp with the answer, or returns the
// error that left no answer. resp is the caller's: an attempt allocates no
// Response of its own.
func (t *Transport) attempt(ctx context.Context, req *Request, tok string, resp *Response) error {
	callCtx := ctx
	if t.cfg.AttemptTimeout > 0 {
		// Skipped when the caller's deadline is sooner (the clock is read
		// only then). Its price (7 allocations, net/http's included) is the
		// raw → raw-timeout difference in BENCHMARKS.md; an http.Client
		// Timeout or a context type of our own was tried and was no cheaper.
		if dl, has := ctx.Deadline(); !has || dl.Sub(t.cfg.Now()) > t.cfg.AttemptTimeout {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, t.cfg.AttemptTimeout)
			defer cancel()
		}
	}
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	// An empty URL parses into an empty *url.URL, which setURL fills in:
	// no URL string is built or parsed per call.
	hreq, err := http.NewRequestWithContext(ctx, req.Method, "", body)
	if err != nil {
		return err
	}
	if err := t.setURL(hreq.URL, req); err != nil {
		return err
	}
	hreq.Host = t.host
	h := hreq.Header
	h["Authorization"] = t.authValue(tok)
	h["Accept"] = acceptJSON
	if req.Accept != "" {
		h["Accept"] = []string{req.Accept}
	}
	if req.Body != nil {
		h["Content-Type"] = acceptJSON
		if req.ContentType != "" {
			h["Content-Type"] = []string{req.ContentType}
		}
	}
	if t.userAgent != nil {
		h["User-Agent"] = t.userAgent
	}
	hresp, err := t.cfg.HTTPClient.Do(hreq)
	if err != nil {
		return t.transportError(err, hreq.URL, tok)
	}
	defer hresp.Body.Close()

	*resp = Response{StatusCode: hresp.StatusCode, Status: hresp.Status, Header: hresp.Header, token: tok, secret: t.secret()}
	if resp.Informational() {
		// Never read: a 101's body is the raw connection, which ignores the
		// context and would block until the peer hangs up. The deferred
		// Close closes that connection.
		return nil
	}
	if ra := hresp.Header.Get("Retry-After"); ra != "" {
		// The clock is read only for a Retry-After (an HTTP date needs it).
		if d, ok := retry.ParseRetryAfter(ra, t.cfg.Now()); ok {
			resp.RetryAfter = d
		}
	}
	if t.cfg.GuardBodies {
		// A body that ignores the context is closed when the attempt's
		// context ends, which ends a Read blocked in it. (Runs before the
		// deferred Close above; stop is cheap once the read is over.)
		stop := context.AfterFunc(ctx, func() { _ = hresp.Body.Close() })
		defer stop()
	}
	if hresp.StatusCode >= 200 && hresp.StatusCode < 300 {
		if hresp.ContentLength > t.cfg.MaxBodyBytes {
			// Refused whatever it holds: do not read it. Closing the unread
			// body drops this one connection.
			resp.TooLarge = true
			return nil
		}
		resp.Body, resp.TooLarge, err = readCapped(hresp.Body, hresp.ContentLength, t.cfg.MaxBodyBytes)
		if err != nil || t.cfg.GuardBodies {
			// A closed guarded body may end with io.EOF: what was read is
			// then a truncated body that only looks complete.
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
		}
		return err
	}
	// Keep the start of an error body for the message; drain a little more so
	// the connection goes back to the pool, close the rest.
	// The status is the answer even when the body is cut short (or not sent
	// at all): a 429 whose body never arrived still means "not processed".
	// But once the caller's context has ended the caller gave up: the answer
	// is the context's error, not a status with half a message. (When only
	// the per-attempt timeout ended the read, the status stands.)
	resp.Body, _, err = readCapped(hresp.Body, hresp.ContentLength, MaxErrorBody)
	if err != nil || t.cfg.GuardBodies {
		if cerr := callCtx.Err(); cerr != nil {
			return cerr
		}
	}
	if err != nil {
		return nil
	}
	_, _ = io.CopyN(io.Discard, hresp.Body, drainLimit)
	return nil
}

var acceptJSON = []string{"application/json"}

// transportError is the one point where a failed exchange's error enters the
// SDK. After a redirect net/http's *url.Error names the redirect target (a
// server's Location, query and all): it is cut to scheme, host and path. Any
// text left holding the token, the secret or a JWT-shaped run (a Location
// echoing the token, a malformed answer quoted by net/http) is redacted.
func (t *Transport) transportError(err error, requested *url.URL, tok string) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.URL != requested.String() {
		ue.URL = redact.URL(ue.URL)
	}
	return redactError(err, tok, t.secret())
}

func (t *Transport) secret() string {
	if t.cfg.Secret == nil {
		return ""
	}
	return *t.cfg.Secret
}

// readCapped reads r fully when it holds at most limit bytes. For a larger body
// it returns the first limit bytes and tooLarge=true.
//
// A body of known length is read into one slice of that size (+1 so the read
// that reports EOF needs no growth): one allocation. A body of unknown length
// (chunked, or gzip that net/http unzipped, the common case in production) is
// read into a pooled scratch buffer, which grows by doubling, and copied out
// into a slice of its exact size: one allocation of the body's size once the
// pool is warm, where growing a slice as append does (about 1.25× per step
// for large slices) allocated four times the body.
func readCapped(r io.Reader, contentLength, limit int64) (b []byte, tooLarge bool, err error) {
	if contentLength > limit {
		b, err = io.ReadAll(io.LimitReader(r, limit))
		return b, true, err
	}
	if contentLength >= 0 {
		return readInto(r, make([]byte, 0, contentLength+1), limit)
	}
	sp := scratchPool.Get().(*[]byte)
	scratch, tooLarge, err := readInto(r, (*sp)[:0], limit)
	b = append(make([]byte, 0, len(scratch)), scratch...)
	if cap(scratch) <= maxPooledScratch {
		*sp = scratch
		scratchPool.Put(sp)
	}
	return b, tooLarge, err
}

// readInto appends what r holds to b, reading at most limit+1 bytes: one past
// the cap tells tooLarge. b doubles when full (at most to limit+1).
func readInto(r io.Reader, b []byte, limit int64) (_ []byte, tooLarge bool, err error) {
	for {
		if len(b) == cap(b) {
			grown := make([]byte, len(b), min(max(2*int64(cap(b)), 512), limit+1))
			copy(grown, b)
			b = grown
		}
		n, err := r.Read(b[len(b):min(int64(cap(b)), limit+1)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return b[:limit], true, nil
		}
		if err == io.EOF {
			return b, false, nil
		}
		if err != nil {
			return b, false, err
		}
	}
}

// scratchPool holds the buffers readCapped reads bodies of unknown length
// into; maxPooledScratch is the largest kept (a rare huge body is not held).
var scratchPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

const maxPooledScratch = 1 << 20

// logging reports whether an attempt is logged: a Logger is set and takes
// debug lines.
func (t *Transport) logging(ctx context.Context) bool {
	return t.cfg.Logger != nil && t.cfg.Logger.Enabled(ctx, slog.LevelDebug)
}

// log writes an attempt's debug line; resp is read only when err is nil.
func (t *Transport) log(ctx context.Context, req *Request, attempt int, resp *Response, err error, start time.Time) {
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.Path),
		slog.Int("attempt", attempt),
		slog.Duration("latency", time.Since(start)),
	}
	if err == nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := RequestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", SafeRequestID(resp, id)))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	t.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "videosdk: request", attrs...)
}

// MaxRequestID caps a request id in an error or a log line.
const MaxRequestID = 128

// SafeRequestID is id (a request id header of resp) as it may appear in an
// error or a log line: secrets redacted, control characters escaped, at most
// MaxRequestID bytes.
func SafeRequestID(resp *Response, id string) string {
	return redact.Text(resp.RedactString(id), MaxRequestID)
}

// RequestID returns the server's request id header, if any.
func RequestID(h http.Header) string {
	if id := h.Get("X-Request-Id"); id != "" {
		return id
	}
	return h.Get("Request-Id")
}
