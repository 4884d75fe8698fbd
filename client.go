// Package videosdk is a Go client for the VideoSDK v2 REST API: rooms,
// sessions, the recording families, RTMP livestreams, HLS, transcodings and
// transcriptions, with webhook receiving, waiters for long jobs and an
// in-process fake of the API for tests.
//
// A map of the package:
//
//   - The client. [NewClient] (or [NewClientFromEnv]) builds a [Client] from
//     the project's API key and secret; it signs its own management tokens.
//     Build one per process and share it; it is safe for concurrent use.
//     Clients built without [WithHTTPClient] share one package-level pool of
//     keep-alive connections (as users of [http.DefaultTransport] do), so a
//     Client built per request and dropped costs no socket or goroutine.
//   - Services. Each resource has a service on the Client: [Client.Rooms],
//     [Client.Sessions], [Client.Recordings], [Client.ParticipantRecordings],
//     [Client.TrackRecordings], [Client.CompositeRecordings], [Client.Merges],
//     [Client.Livestreams], [Client.HLS], [Client.Transcodings],
//     [Client.PostTranscriptions], [Client.RealtimeTranscriptions]. List
//     methods return a [Page], All methods iterate over every page.
//   - Tokens. [Client.GenerateToken] (or [GenerateToken], without a Client)
//     signs participant tokens for front ends; [ParseToken] verifies one.
//   - Webhooks. [Client.NewWebhookHandler] is an http.Handler that verifies
//     each delivery's signature and calls the function registered for its
//     event type ([WebhookHandler.On]); [ParseWebhook] verifies and decodes
//     one body yourself.
//   - Waiters. [MergesService.Wait], [TranscodingsService.Wait],
//     [PostTranscriptionsService.Wait] and the WaitForFile methods of the
//     recording services poll a job until it is done (see "Waiters" below).
//   - The fake. Package github.com/videosdk-go/videosdk/videosdktest is an
//     in-process fake of the API (rooms, meetings, recordings, webhooks,
//     faults) for your tests: videosdktest.NewServer().Client() is a Client
//     pointed at it.
//   - The CLI. github.com/videosdk-go/videosdk/cmd/videosdk is a command-line
//     tool over the same SDK: API calls, downloads, token inspection, a
//     webhook receiver, and the fake as a process for tests in any language.
//
// A start:
//
//	client, err := videosdk.NewClient(apiKey, secret)
//	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
//
// # Authentication
//
// VideoSDK authenticates with JWTs signed locally (HS256) with the project
// secret; nothing is exchanged with the server to obtain one. The Client signs
// its own management token (role crawler, version 2, allow_join + allow_mod,
// 24h), caches it, re-signs it 60 s before it expires and, if a cached token is
// refused with 401, re-signs once and retries. Participant tokens for front ends
// come from [Client.GenerateToken] or [GenerateToken]; [ParseToken] verifies one.
//
// # Errors
//
// A non-2xx answer is an [*APIError] carrying the status, the server's message
// and code, the request id and the start of the raw body. It matches the
// sentinels with errors.Is: [ErrBadRequest], [ErrUnauthorized], [ErrForbidden],
// [ErrNotFound] (404 and 402), [ErrConflict], [ErrRateLimited], [ErrServer].
// Arguments are checked before any request; a bad one wraps [ErrInvalidParams].
// A success status with an unusable body, or a 1xx answer, is a
// [*ResponseError] ([ErrInvalidResponse]). Errors never contain the secret
// or a token, even one a server echoes back, and Error() shows server text
// escaped (no line breaks or terminal escapes) and capped. A call whose
// context ended returns the context's error.
//
// # Retries
//
// By default a call is retried twice ([WithMaxRetries]) with jittered
// exponential backoff (0.5 s doubling to 8 s, each wait drawn from [d/2, d];
// [WithRetryDelay] changes both), or after the server's Retry-After when it
// is at most 30 s. A 429 is retried for every method. Network errors and
// 500/502/503/504 are retried only for GET, HEAD, PUT and DELETE: a POST
// (create, start, stop, end) is retried only when the connection failed
// before the request was sent, so a side effect is never performed twice.
//
// # Redirects
//
// A POST is never redirected (the 3xx is an [*APIError] with
// [APIError.Location]); a GET follows at most 3 redirects, and the token is
// sent only to the base URL's scheme, host and port. A CheckRedirect of
// your own [WithHTTPClient] client still runs, after these checks.
//
// # Waiters
//
// Jobs finish after the call that starts or stops them: a recording's file
// appears once it was stopped and processed, merges, transcodings and post
// transcriptions run for a while. [MergesService.Wait],
// [TranscodingsService.Wait], [PostTranscriptionsService.Wait] and the
// WaitForFile methods of the recording services poll the job's Get until it
// is done and return the finished resource:
//
//	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: id})
//	// … later
//	err = client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: id, ID: res.ID})
//	rec, err := client.Recordings.WaitForFile(ctx, res.ID)
//
// Every waiter follows the same rules:
//
//   - The first poll is immediate. The n-th pause after it is drawn from
//     [d/2, d] with d = min(1 s·2ⁿ, 15 s) ([WithWaiterDelay] changes both
//     bounds); a pause is a timer that also ends with ctx, never a busy loop.
//   - A job that fails (or is cancelled) ends the wait with an error that
//     matches [ErrJobFailed]; errors.As gives the [*JobError] with the job's
//     kind, id, status and the API's reason.
//   - When ctx ends, the wait ends with an error wrapping ctx.Err(), so
//     errors.Is(err, context.DeadlineExceeded) holds at a deadline. A job
//     that never finishes is polled until then: give ctx a deadline.
//   - Before the job was ever seen, a 404 ([ErrNotFound]) on one of the
//     first five polls means "not visible yet" (the API may know a job a
//     moment after the call that made it) and is polled again. A 404 on the
//     sixth poll (15 to 30 s after the first at the default delays) or
//     later, or once the job was seen, ends the wait.
//   - A poll that fails with a 5xx, a 429 or a network error, after the
//     Client's own retries, is tried again at the next pause (a longer
//     Retry-After stretches it); the third such failure in a row ends the
//     wait with that error. Any other error (401, 403, an unusable answer)
//     ends it at once.
//
// # Responses
//
// Response types are plain structs with JSON tags. The SDK decodes each
// answer with encoding/json in one pass straight into them, then fixes up
// what the API sends under an older or alternative name: a response that
// names the room "meetingId", the custom room id "userMeetingId" or an id
// "_id" fills RoomID, CustomRoomID or ID (the current name wins when both
// are sent). Those old names are never fields you read: the value they
// carried is in the current field, and encoding a value writes the current
// names only. json.Unmarshal into a response type yourself (of a value you
// stored, say) reads the current names; only the SDK's own calls, and
// [ParseWebhook], [WebhookHandler] and [WebhookData.UnmarshalJSON], apply the
// old ones. Two kinds of field are read from a looser wire form:
// [Transcoding.RecordingIDs] (entries of "recordingIds" that are ids or
// objects) and [WebhookData.Start] and End (a time that does not parse is
// left nil); both encode back under their documented names.
//
// # Pagination
//
// List methods return one [Page]; the matching All method returns an
// iter.Seq2 that fetches pages lazily as it is ranged over:
//
//	for rec, err := range client.Recordings.All(ctx, videosdk.ListRecordingsParams{RoomID: id}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(rec.ID)
//	}
package videosdk

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk/internal/transport"
)

// Version is the SDK version, sent in the User-Agent header.
const Version = "0.1.0"

// Defaults used when no option overrides them.
const (
	DefaultBaseURL        = "https://api.videosdk.live"
	DefaultMaxRetries     = 2
	DefaultRequestTimeout = 30 * time.Second
	// maxRetryWait is the longest Retry-After the SDK waits out by itself; a
	// longer hint ends the call with APIError.RetryAfter set.
	maxRetryWait = 30 * time.Second
	// maxBodyBytes caps a success body; a larger one is a ResponseError.
	maxBodyBytes = 32 << 20
)

// Client talks to the VideoSDK API. Build it with NewClient or
// NewClientFromEnv; it is safe for concurrent use and meant to be shared:
// one Client per process (per set of credentials), not one per request.
type Client struct {
	// Rooms creates, validates, lists, gets and deactivates rooms.
	Rooms *RoomsService
	// Sessions lists and inspects sessions, their participants and quality stats.
	Sessions *SessionsService
	// Recordings drives composed meeting recordings.
	Recordings *RecordingsService
	// ParticipantRecordings drives per-participant recordings.
	ParticipantRecordings *ParticipantRecordingsService
	// TrackRecordings drives per-track recordings.
	TrackRecordings *TrackRecordingsService
	// Merges merges participant recordings into two-channel audio.
	Merges *MergesService
	// Livestreams drives RTMP output.
	Livestreams *LivestreamsService
	// HLS drives HLS streaming and thumbnails.
	HLS *HLSService
	// CompositeRecordings mixes chosen participants' tracks into one recording.
	CompositeRecordings *CompositeRecordingsService
	// Transcodings runs post-processing jobs on finished recordings and streams.
	Transcodings *TranscodingsService
	// PostTranscriptions reads the transcriptions made after recordings end.
	PostTranscriptions *PostTranscriptionsService
	// RealtimeTranscriptions transcribes a room's live session.
	RealtimeTranscriptions *RealtimeTranscriptionsService
	// SIP manages SIP telephony: gateways, routing rules, phone numbers,
	// calls and SIP webhooks.
	SIP *SIPService

	// Agents dispatches AI agents into rooms and manages Agent Cloud deployments.
	Agents *AgentsService
	// BatchCalls runs outbound calling campaigns from a file of numbers.
	BatchCalls *BatchCallsService
	// Connectors bridges Twilio, Plivo and Telnyx calls into rooms.
	Connectors *ConnectorsService
	// Ingest publishes into (WHIP, sockets) and plays from (WHEP) rooms.
	Ingest *IngestService
	// ResourcePool reserves composition capacity ahead of time.
	ResourcePool *ResourcePoolService
	// Alerts manages alert rules, notification channels, metrics and incidents.
	Alerts *AlertsService

	common service
	cfg    *config // pointer on purpose: %+v of a Client prints an address, not credentials
	tokens *tokenSource
	tr     *transport.Transport
}

type service struct{ client *Client }

// credentials sits behind a pointer in config and formats as [redacted]
// so neither %v nor %+v nor %#v of a config can show the secret.
type credentials struct {
	apiKey string
	secret []byte
}

func (*credentials) String() string   { return "[redacted]" }
func (*credentials) GoString() string { return "[redacted]" }
func (c *credentials) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "[redacted]")
}

type config struct {
	creds          *credentials
	baseURL        *url.URL
	httpClient     *http.Client
	maxRetries     int
	requestTimeout time.Duration
	userAgent      string
	logger         *slog.Logger
	now            func() time.Time                           // test seam for token expiry
	sleep          func(context.Context, time.Duration) error // test seam: zero waits in tests
	rand           func() float64                             // test seam for jitter
	waitFirst      time.Duration                              // WithWaiterDelay; 0: the defaults (waiter.go)
	waitMax        time.Duration
	retryFirst     time.Duration // WithRetryDelay; 0: the defaults (retry.BaseDelay, retry.MaxDelay)
	retryMax       time.Duration
	baseURLSet     bool
}

// Option configures a Client. Options validate their input; NewClient returns
// the first error.
type Option func(*config) error

// WithBaseURL points the Client at another API host (a proxy, a test server
// such as videosdktest). A trailing "/" or "/v2" is removed; only http and
// https URLs without user info, query or fragment are accepted, and a path
// ending in another API version ("/v1", "/v3") is refused: the SDK adds
// "/v2" itself. Errors never quote the URL's user info, query or path.
func WithBaseURL(rawURL string) Option {
	return func(c *config) error {
		u, err := parseBaseURL(rawURL)
		if err != nil {
			return err
		}
		c.baseURL = u
		c.baseURLSet = true
		return nil
	}
}

// parseBaseURL checks and normalises a base URL. Its errors name what is
// wrong and show at most the scheme and host: a base URL can carry
// credentials (user:password@, ?token=) that must not reach a log.
func parseBaseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, invalidParams("base URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's own message quotes the whole URL.
		return nil, invalidParams("base URL is not a valid URL (%s)", urlParseProblem(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, invalidParams("base URL must start with http:// or https://")
	}
	if u.Host == "" {
		return nil, invalidParams("base URL has no host")
	}
	origin := urlOrigin(u)
	switch {
	case u.User != nil:
		return nil, invalidParams("base URL %s must not carry user info (user:password@): the API key and secret are the credentials", origin)
	case u.RawQuery != "" || u.ForceQuery:
		return nil, invalidParams("base URL %s must not carry a query", origin)
	case u.Fragment != "":
		return nil, invalidParams("base URL %s must not carry a fragment", origin)
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/v2")
	if v := otherAPIVersion(p); v != "" {
		return nil, invalidParams("base URL %s: its path ends in %s, another API version; the SDK calls /v2 and adds it itself, so leave the version out", origin, v)
	}
	u.Path = strings.TrimRight(p, "/")
	u.RawPath = ""
	return u, nil
}

// otherAPIVersion returns the last segment of path when it reads like an API
// version other than v2 ("/v1", "/v3", "/v10"), else "".
func otherAPIVersion(path string) string {
	seg := path[strings.LastIndexByte(path, '/')+1:]
	if len(seg) < 2 || seg[0] != 'v' || seg == "v2" {
		return ""
	}
	for i := 1; i < len(seg); i++ {
		if seg[i] < '0' || seg[i] > '9' {
			return ""
		}
	}
	return "/" + seg
}

// urlOrigin is what an error may show of a URL: scheme://host, without user
// info, path, query or fragment.
func urlOrigin(u *url.URL) string {
	return u.Scheme + "://" + u.Host
}

// urlParseProblem names the class of a url.Parse failure without quoting
// the URL or the part of it that failed.
func urlParseProblem(err error) string {
	msg := err.Error()
	for _, p := range []string{"invalid port", "invalid URL escape", "invalid control character", "invalid character", "invalid userinfo", "missing protocol scheme", "first path segment in URL cannot contain colon"} {
		if strings.Contains(msg, p) {
			return p
		}
	}
	return "unparseable"
}

// WithHTTPClient sets the *http.Client used for requests. The Client keeps a
// copy, so the caller's value is never modified. Its Timeout, if set, bounds
// each attempt on top of WithRequestTimeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return invalidParams("HTTP client is nil")
		}
		cp := *hc
		c.httpClient = &cp
		return nil
	}
}

// WithMaxRetries sets how many times a failed call may be retried (default 2);
// 0 disables retries.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 || n > 10 {
			return invalidParams("max retries %d out of range 0..10", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithRetryDelay sets the pauses between the attempts of one call: the
// n-th retry (0-based) waits a duration drawn from [d/2, d] with d =
// min(first·2ⁿ, max). The default is first 500 ms, max 8 s. A Retry-After
// header is still obeyed as sent (up to the Client's patience), whatever
// these bounds. first must be at least 1 ms and max at least first. Tests
// that inject retried faults use short values; videosdktest's
// Server.Client does (5 ms to 50 ms).
func WithRetryDelay(first, max time.Duration) Option {
	return func(c *config) error {
		if err := checkDelays("retry", first, max, minRetryDelay); err != nil {
			return err
		}
		c.retryFirst, c.retryMax = first, max
		return nil
	}
}

// checkDelays validates the bounds of a jittered backoff (WithRetryDelay,
// WithWaiterDelay): first at least least, max at least first.
func checkDelays(what string, first, max, least time.Duration) error {
	if first < least {
		return invalidParams("%s delay %v is shorter than %v", what, first, least)
	}
	if max < first {
		return invalidParams("%s max delay %v is shorter than its first delay %v", what, max, first)
	}
	return nil
}

// minRetryDelay is the shortest first pause WithRetryDelay accepts: a
// retry never hammers a failing server in a hot loop.
const minRetryDelay = time.Millisecond

// WithRequestTimeout bounds each attempt (default 30s); 0 disables the
// per-attempt timeout. The caller's context still bounds the whole call.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return invalidParams("request timeout %v is negative", d)
		}
		c.requestTimeout = d
		return nil
	}
}

// WithUserAgent puts an application name in front of the SDK's User-Agent,
// e.g. "myapp/1.2 videosdk-go/0.1.0".
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		ua = strings.TrimSpace(ua)
		if strings.ContainsAny(ua, "\r\n") {
			return invalidParams("user agent contains a line break")
		}
		c.userAgent = ua
		return nil
	}
}

// WithLogger logs one debug line per attempt (method, path, status, attempt,
// latency, request id). Tokens and secrets are never logged. nil disables logging.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// NewClient returns a Client for the project's API key and secret. It
// performs no I/O.
func NewClient(apiKey, secret string, opts ...Option) (*Client, error) {
	if err := checkCredentials(apiKey, secret); err != nil {
		return nil, err
	}
	base, _ := url.Parse(DefaultBaseURL)
	cfg := &config{
		creds:          &credentials{apiKey: apiKey, secret: []byte(secret)},
		baseURL:        base,
		maxRetries:     DefaultMaxRetries,
		requestTimeout: DefaultRequestTimeout,
		now:            time.Now,
		sleep:          transport.Sleep,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	if cfg.httpClient == nil {
		cfg.httpClient = &http.Client{Transport: sharedTransport()}
	}
	// cfg.httpClient is the SDK's own (or its copy of the caller's): the
	// redirect policy wraps the caller's CheckRedirect, if any, once.
	cfg.httpClient.CheckRedirect = transport.CheckRedirect(cfg.httpClient.CheckRedirect)
	return newClient(cfg), nil
}

// sharedTransport is the transport of every Client built without
// WithHTTPClient: one pool of connections for the process, so Clients built
// and dropped (one per request) do not each keep their own idle sockets.
var sharedTransport = sync.OnceValue(defaultTransport)

func defaultTransport() http.RoundTripper {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t = t.Clone()
		// One Client usually serves many goroutines against one host.
		t.MaxIdleConnsPerHost = 32
		return t
	}
	return http.DefaultTransport
}

// abortsBodiesOnCancel reports whether rt is net/http's own transport, whose
// response bodies stop reading when the request's context ends (a 101's body
// aside, which the transport never reads). Any other RoundTripper's bodies
// are closed by the SDK when the context ends.
func abortsBodiesOnCancel(rt http.RoundTripper) bool {
	if rt == nil {
		rt = http.DefaultTransport
	}
	_, ok := rt.(*http.Transport)
	return ok
}

func newClient(cfg *config) *Client {
	c := &Client{cfg: cfg}
	c.tokens = &tokenSource{creds: cfg.creds, now: cfg.now}
	secret := string(cfg.creds.secret)
	ua := "videosdk-go/" + Version
	if cfg.userAgent != "" {
		ua = cfg.userAgent + " " + ua
	}
	c.tr = transport.New(transport.Config{
		HTTPClient:     cfg.httpClient,
		BaseURL:        strings.TrimRight(cfg.baseURL.String(), "/"),
		UserAgent:      ua,
		MaxRetries:     cfg.maxRetries,
		AttemptTimeout: cfg.requestTimeout,
		MaxRetryWait:   maxRetryWait,
		RetryBase:      cfg.retryFirst,
		RetryMax:       cfg.retryMax,
		MaxBodyBytes:   maxBodyBytes,
		Logger:         cfg.logger,
		Auth:           c.tokens,
		Sleep:          cfg.sleep,
		Now:            cfg.now,
		Rand:           cfg.rand,
		GuardBodies:    !abortsBodiesOnCancel(cfg.httpClient.Transport),
		Secret:         &secret,
	})
	c.common.client = c
	c.Rooms = (*RoomsService)(&c.common)
	c.Sessions = (*SessionsService)(&c.common)
	c.Recordings = (*RecordingsService)(&c.common)
	c.ParticipantRecordings = (*ParticipantRecordingsService)(&c.common)
	c.TrackRecordings = (*TrackRecordingsService)(&c.common)
	c.Merges = (*MergesService)(&c.common)
	c.Livestreams = (*LivestreamsService)(&c.common)
	c.HLS = (*HLSService)(&c.common)
	c.CompositeRecordings = (*CompositeRecordingsService)(&c.common)
	c.Transcodings = (*TranscodingsService)(&c.common)
	c.PostTranscriptions = (*PostTranscriptionsService)(&c.common)
	c.RealtimeTranscriptions = (*RealtimeTranscriptionsService)(&c.common)
	c.SIP = newSIPService(&c.common)
	c.initPlatformServices()
	return c
}

// NewClientFromEnv builds a Client from VIDEOSDK_API_KEY, the secret and,
// if set, VIDEOSDK_API_ENDPOINT (the base URL). The secret is read from
// VIDEOSDK_SECRET or, when that is unset or empty, from VIDEOSDK_SECRET_KEY
// (the name VideoSDK's own server examples use); VIDEOSDK_SECRET wins when
// both are set. Options given in code win over the environment.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	key, secret := os.Getenv("VIDEOSDK_API_KEY"), os.Getenv("VIDEOSDK_SECRET")
	if secret == "" {
		secret = os.Getenv("VIDEOSDK_SECRET_KEY")
	}
	if key == "" || secret == "" {
		return nil, invalidParams("VIDEOSDK_API_KEY and VIDEOSDK_SECRET (or VIDEOSDK_SECRET_KEY) must both be set")
	}
	var all []Option
	if ep := os.Getenv("VIDEOSDK_API_ENDPOINT"); ep != "" {
		all = append(all, func(c *config) error {
			if err := WithBaseURL(ep)(c); err != nil {
				return fmt.Errorf("VIDEOSDK_API_ENDPOINT: %w", err)
			}
			return nil
		})
	}
	return NewClient(key, secret, append(all, opts...)...)
}

// CloseIdleConnections closes the idle keep-alive connections of the
// transport the Client uses (for a process about to fork or sleep, or to
// drop connections to a host that moved); the Client stays usable and opens
// new connections as needed. Without WithHTTPClient that transport is the
// package-level one every such Client shares, so their idle connections are
// closed too (they reconnect on their next call); dropping a Client needs no
// call. With WithHTTPClient it closes the idle connections of that client's
// transport, which other code may share.
func (c *Client) CloseIdleConnections() {
	c.cfg.httpClient.CloseIdleConnections()
}

// String describes the Client without credentials.
func (c *Client) String() string {
	return "videosdk.Client{baseURL: " + c.cfg.baseURL.String() + "}"
}

// GoString is String, so %#v cannot print credentials either.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so %v, %+v and %#v of a Client show no secret.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }
