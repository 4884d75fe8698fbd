package videosdk

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk/internal/eventmatch"
)

// Limits of a WebhookHandler.
const (
	// MaxWebhookBodyBytes is the largest delivery a WebhookHandler reads;
	// a larger body is answered 413 without being verified or parsed.
	// VideoSDK's deliveries are a few hundred bytes.
	MaxWebhookBodyBytes = 1 << 20
	// WebhookKeyRefetchInterval is the shortest time between two fetches
	// of the public key by a handler from Client.NewWebhookHandler, so
	// requests with bad signatures cannot make it hammer the API.
	WebhookKeyRefetchInterval = 10 * time.Second
	// webhookReadTimeout bounds the reading of one delivery's body.
	webhookReadTimeout = 10 * time.Second
	// webhookKeyFetchTimeout bounds one fetch of the public key.
	webhookKeyFetchTimeout = 30 * time.Second
)

// WebhookHandler is an http.Handler that receives VideoSDK's webhook
// deliveries. For each POST it reads the raw body itself (at most
// MaxWebhookBodyBytes), verifies the videosdk-signature header over those
// exact bytes, decodes the event and calls the function registered for its
// type with the request's context. It answers:
//
//   - 2xx when the function returned nil, or when no function matches;
//   - 401 for a missing or bad signature;
//   - 400 for a signed body that is not a webhook;
//   - 413 for a body larger than MaxWebhookBodyBytes;
//   - 405 for any method but POST;
//   - 500 when the function returned an error (so VideoSDK delivers the
//     event again), or when no public key is available to verify with;
//   - 408 when the body did not arrive within 10 s or before the request's
//     context ended.
//
// Answers are short fixed texts: they never carry the key or any part of
// the request body. A WebhookHandler is safe for concurrent use, On
// included.
//
// Slow senders: the handler bounds its own reading of the body (10 s, the
// request's context, whichever ends first) through the connection's read
// deadline (http.ResponseController), so even on an http.Server without
// timeouts a sender trickling its body frees the handler. Still serve it
// from an http.Server with ReadHeaderTimeout (a sender can trickle headers
// too, before any handler runs) and ReadTimeout set, e.g. 10 s and 30 s,
// and IdleTimeout for keep-alive connections: behind a wrapper that hides
// the connection (http.TimeoutHandler), the handler stops waiting when the
// context ends, but the goroutine reading the body ends only when the
// connection does, which ReadTimeout bounds.
type WebhookHandler struct {
	keys        webhookKeys
	logger      *slog.Logger
	maxBody     int64
	readTimeout time.Duration // webhookReadTimeout; shorter in tests

	mu       sync.RWMutex
	exact    map[WebhookEventType]webhookFunc
	patterns []webhookRoute // registration order: it breaks ties
}

// webhookFunc handles one verified event; see On.
type webhookFunc = func(ctx context.Context, ev *WebhookEvent) error

type webhookRoute struct {
	pattern WebhookEventType
	fn      webhookFunc
}

// NewWebhookHandler returns a handler that verifies deliveries with key,
// VideoSDK's public key (see ParseWebhookPublicKey). With a nil key every
// delivery is answered 500.
func NewWebhookHandler(key *rsa.PublicKey) *WebhookHandler {
	return newWebhookHandler(pinnedKey{key}, nil)
}

// NewWebhookHandler returns a handler that fetches VideoSDK's public key
// (WebhookPublicKey) when the first delivery arrives and caches it. When a
// signature does not verify it fetches the key again, so a key rotation
// needs no restart; such refetches happen at most once per
// WebhookKeyRefetchInterval, and concurrent deliveries share one fetch. A
// delivery that arrives while no key could be fetched is answered 500, so
// VideoSDK delivers it again later. Failed fetches are logged with the
// Client's logger (WithLogger), as are functions that return an error.
//
// API: GET /v2/public/rsa-public-key
func (c *Client) NewWebhookHandler() *WebhookHandler {
	keys := &webhookKeyCache{
		fetch:    c.WebhookPublicKey,
		now:      c.cfg.now,
		interval: WebhookKeyRefetchInterval,
		timeout:  webhookKeyFetchTimeout,
		logger:   c.cfg.logger,
	}
	return newWebhookHandler(keys, c.cfg.logger)
}

func newWebhookHandler(keys webhookKeys, logger *slog.Logger) *WebhookHandler {
	return &WebhookHandler{keys: keys, logger: logger, maxBody: MaxWebhookBodyBytes, readTimeout: webhookReadTimeout,
		exact: map[WebhookEventType]webhookFunc{}}
}

// On registers fn for pattern: an event type ("recording-stopped") or a
// pattern in which '*' stands for any run of characters ("recording-*",
// "*"). An event goes to the function registered for its exact type, else
// to the most specific matching pattern (the one with the most characters
// other than '*'; the earlier registered on a tie). fn gets the delivery
// request's context; an error it returns answers 500, so VideoSDK delivers
// the event again: make fn idempotent. Registering a pattern again replaces
// its function; a nil fn removes it.
func (h *WebhookHandler) On(pattern WebhookEventType, fn func(context.Context, *WebhookEvent) error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !strings.Contains(string(pattern), "*") {
		if fn == nil {
			delete(h.exact, pattern)
		} else {
			h.exact[pattern] = fn
		}
		return
	}
	for i, rt := range h.patterns {
		if rt.pattern == pattern {
			if fn == nil {
				h.patterns = append(h.patterns[:i:i], h.patterns[i+1:]...)
			} else {
				h.patterns[i].fn = fn
			}
			return
		}
	}
	if fn != nil {
		h.patterns = append(h.patterns, webhookRoute{pattern, fn})
	}
}

// route returns the function for an event type, or nil.
func (h *WebhookHandler) route(t WebhookEventType) webhookFunc {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if fn := h.exact[t]; fn != nil {
		return fn
	}
	var best webhookFunc
	bestRank := -1
	for _, rt := range h.patterns {
		if r := eventmatch.Specificity(string(rt.pattern)); r > bestRank && eventmatch.Match(string(rt.pattern), string(t)) {
			best, bestRank = rt.fn, r
		}
	}
	return best
}

// ServeHTTP receives one delivery; see WebhookHandler for the answers.
func (h *WebhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.answer(w, r, http.StatusMethodNotAllowed, "method not allowed", "", nil)
		return
	}
	if r.ContentLength > h.maxBody {
		h.answer(w, r, http.StatusRequestEntityTooLarge, "webhook body too large", "", nil)
		return
	}
	body, err := h.readBody(w, r)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.answer(w, r, http.StatusRequestEntityTooLarge, "webhook body too large", "", nil)
			return
		}
		if errors.Is(err, errWebhookReadTimeout) {
			h.answer(w, r, http.StatusRequestTimeout, "webhook body not received in time", "", nil)
			return
		}
		h.answer(w, r, http.StatusBadRequest, "webhook body could not be read", "", nil)
		return
	}
	sig := r.Header.Get(WebhookSignatureHeader)
	if strings.TrimSpace(sig) == "" {
		h.answer(w, r, http.StatusUnauthorized, "missing webhook signature", "", nil)
		return
	}
	if status, msg, err := h.verify(r.Context(), body, sig); status != 0 {
		h.answer(w, r, status, msg, "", err)
		return
	}
	ev, err := decodeWebhook(body, true) // body was read for this delivery
	if err != nil {
		h.answer(w, r, http.StatusBadRequest, "signed body is not a webhook", "", nil)
		return
	}
	if fn := h.route(ev.Type); fn != nil {
		if err := fn(r.Context(), ev); err != nil {
			h.answer(w, r, http.StatusInternalServerError, "webhook handler failed", ev.Type, err)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

// errWebhookReadTimeout: the body did not arrive within the read deadline
// or before the request's context ended.
var errWebhookReadTimeout = errors.New("webhook body not received in time")

// readBody reads the delivery's body, at most h.maxBody bytes, bounded by
// the request's context and by a read deadline of h.readTimeout (or the
// context's deadline, if sooner), so a sender trickling its body cannot
// hold the handler even on a server without ReadTimeout.
//
// The deadline is set on the connection through http.ResponseController,
// and moved to the past when the context ends, which ends a blocked read;
// it is cleared once the body is read (a server without timeouts sets no
// deadline of its own for the next request). When the ResponseWriter gives
// no access to the connection (http.TimeoutHandler's does not), the body is
// read in a goroutine and the handler stops waiting for it when the context
// ends or the timeout passes; that goroutine then ends only when the
// connection does, which the server's ReadTimeout bounds.
func (h *WebhookHandler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	ctx := r.Context()
	body := http.MaxBytesReader(w, r.Body, h.maxBody)
	deadline := time.Now().Add(h.readTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(deadline); err == nil {
		defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
		stop := context.AfterFunc(ctx, func() { _ = rc.SetReadDeadline(time.Unix(1, 0)) })
		defer stop()
		b, err := io.ReadAll(body)
		if err != nil && (ctx.Err() != nil || errors.Is(err, os.ErrDeadlineExceeded)) {
			return nil, errWebhookReadTimeout
		}
		return b, err
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(body)
		done <- result{b, err}
	}()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case res := <-done:
		return res.b, res.err
	case <-ctx.Done():
	case <-timer.C:
	}
	return nil, errWebhookReadTimeout
}

// verify checks sig over body, fetching the key again (rate-limited) when it
// does not verify. It returns status 0 when the signature is good, else the
// status and text to answer and, for a 500, the cause to log.
func (h *WebhookHandler) verify(ctx context.Context, body []byte, sig string) (int, string, error) {
	key, err := h.keys.key(ctx)
	if err != nil {
		return http.StatusInternalServerError, "webhook public key unavailable", err
	}
	err = VerifyWebhookSignature(body, sig, key)
	if err == nil {
		return 0, "", nil
	}
	if !errors.Is(err, ErrInvalidSignature) {
		return http.StatusInternalServerError, "webhook public key unavailable", err
	}
	if fresh := h.keys.refresh(ctx, key); fresh != nil && VerifyWebhookSignature(body, sig, fresh) == nil {
		return 0, "", nil
	}
	return http.StatusUnauthorized, "invalid webhook signature", nil
}

// answer writes a short fixed text with status and logs what went wrong;
// neither ever includes the request body or the key.
func (h *WebhookHandler) answer(w http.ResponseWriter, r *http.Request, status int, text string, t WebhookEventType, cause error) {
	if h.logger != nil {
		attrs := []any{"status", status, "reason", text}
		if t != "" {
			attrs = append(attrs, "type", string(t))
		}
		level := slog.LevelDebug
		if cause != nil {
			level = slog.LevelWarn
			attrs = append(attrs, "err", cause.Error())
		}
		h.logger.Log(r.Context(), level, "videosdk: webhook delivery refused", attrs...)
	}
	http.Error(w, text, status)
}

// webhookKeys supplies the key a WebhookHandler verifies with.
type webhookKeys interface {
	// key returns the key to verify with.
	key(ctx context.Context) (*rsa.PublicKey, error)
	// refresh is called when a signature did not verify with failed. It
	// returns a different key to try, or nil.
	refresh(ctx context.Context, failed *rsa.PublicKey) *rsa.PublicKey
}

// pinnedKey is the key given to NewWebhookHandler.
type pinnedKey struct{ k *rsa.PublicKey }

func (p pinnedKey) key(context.Context) (*rsa.PublicKey, error) {
	if p.k == nil {
		return nil, invalidParams("webhook public key is nil")
	}
	return p.k, nil
}

func (pinnedKey) refresh(context.Context, *rsa.PublicKey) *rsa.PublicKey { return nil }

// webhookKeyCache fetches the public key on first use and again when a
// signature fails: one fetch at a time, shared by every waiting request,
// and at most one started per interval, successful or not.
type webhookKeyCache struct {
	fetch    func(context.Context) (*rsa.PublicKey, error)
	now      func() time.Time // test seam for the rate limit
	interval time.Duration
	timeout  time.Duration
	logger   *slog.Logger

	joined func() // test seam: called (under mu) when a caller joins a running fetch

	mu       sync.Mutex
	cur      *rsa.PublicKey
	started  time.Time     // when the last fetch started; zero before the first
	inflight chan struct{} // closed when the running fetch ends; nil when none runs
	lastErr  error         // the last fetch's error
}

func (c *webhookKeyCache) key(ctx context.Context) (*rsa.PublicKey, error) {
	c.mu.Lock()
	if k := c.cur; k != nil {
		c.mu.Unlock()
		return k, nil
	}
	done := c.beginLocked()
	lastErr := c.lastErr
	c.mu.Unlock()
	if done == nil {
		return nil, fmt.Errorf("videosdk: no webhook public key: fetching it failed less than %s ago: %w", c.interval, lastErr)
	}
	return c.await(ctx, done)
}

func (c *webhookKeyCache) refresh(ctx context.Context, failed *rsa.PublicKey) *rsa.PublicKey {
	c.mu.Lock()
	if k := c.cur; k != nil && !k.Equal(failed) {
		c.mu.Unlock()
		return k // another request already fetched a new key
	}
	done := c.beginLocked()
	c.mu.Unlock()
	if done == nil {
		return nil
	}
	k, err := c.await(ctx, done)
	if err != nil || k.Equal(failed) {
		return nil
	}
	return k
}

// beginLocked returns the channel of the running fetch, starting one if
// none runs and the last started at least interval ago; nil when the rate
// limit forbids a fetch now.
func (c *webhookKeyCache) beginLocked() chan struct{} {
	if c.inflight != nil {
		if c.joined != nil {
			c.joined()
		}
		return c.inflight
	}
	now := c.now()
	if !c.started.IsZero() && now.Sub(c.started) < c.interval {
		return nil
	}
	c.started = now
	done := make(chan struct{})
	c.inflight = done
	go c.run(done)
	return done
}

// run fetches the key. It does not use a request's context: a delivery whose
// sender hangs up must not fail the fetch every other request waits for.
func (c *webhookKeyCache) run(done chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	k, err := c.fetch(ctx)
	cancel()
	if err == nil && k == nil {
		err = errors.New("videosdk: webhook public key fetch returned no key")
	}
	if err != nil && c.logger != nil {
		c.logger.Warn("videosdk: fetching the webhook public key failed", "err", err.Error())
	}
	c.mu.Lock()
	if err == nil {
		c.cur = k
	}
	c.lastErr = err
	c.inflight = nil
	c.mu.Unlock()
	close(done)
}

// await waits for the fetch behind done, or for ctx, and returns the
// current key.
func (c *webhookKeyCache) await(ctx context.Context, done chan struct{}) (*rsa.PublicKey, error) {
	select {
	case <-done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == nil {
		return nil, c.lastErr
	}
	return c.cur, nil
}
