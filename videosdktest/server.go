// Package videosdktest is an in-process fake of the VideoSDK v2 REST API for
// testing code that uses package videosdk, with no VideoSDK account and no
// network access.
//
// A [Server] listens on 127.0.0.1 only. It keeps rooms, sessions,
// participants, recordings, merges, RTMP livestreams and HLS streams in
// memory and answers every endpoint the SDK calls with the response shapes
// (and quirks) of the real API. It checks tokens like the real service, and
// lets a test drive what a real meeting would do (start a session, join and
// leave participants) and inject failures (an error status, a Retry-After
// header, a dropped connection, latency) to exercise retry and error paths.
//
//	srv := videosdktest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
//	srv.Join(room.RoomID, "Asha") // starts a live session with one participant
//
// NewServer needs no *testing.T, so the fake also works in plain programs
// (examples/quickstart uses it when no credentials are set).
//
// # Behaviour
//
//   - Authentication: every /v2 request must carry Authorization: <JWT> (the
//     raw token, no "Bearer "), HS256-signed with [Server.Secret], unexpired,
//     for [Server.APIKey], with the documented rules (claim names exact): no
//     roles is unrestricted, roles without crawler get 403, and roles, roomId
//     or participantId without version 2 (or "2") get 401, as does the rest.
//   - Errors have a JSON body {"message": …, "code": …}: missing or invalid
//     fields 400, unknown ids 404 (validate of an unknown room: 400 "Room not
//     found."; deactivate with a customRoomId: 402), starting something that
//     is already running 409, starting anything without a live session 400.
//   - Recordings, participant and track recordings, livestreams and HLS start
//     only while the room has a live session; stopping them (or ending the
//     session) turns them into finished items with files and URLs. Merges
//     are "running" in the create answer and "completed" when next read.
//   - Lists honour page and perPage and answer a real pageInfo. Newest items
//     come first.
//   - File and playlist URLs point at the fake itself (/cdn/…), which serves
//     placeholder content for them without authentication.
package videosdktest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
)

// Server is a fake VideoSDK API listening on a loopback address. Create it
// with NewServer and stop it with Close. All methods are safe for concurrent
// use.
type Server struct {
	// APIKey is the project API key the server accepts in tokens. It is fixed
	// when the server is created (see WithCredentials); changing it has no effect.
	APIKey string
	// Secret is the HS256 secret tokens must be signed with. It is fixed when
	// the server is created (see WithCredentials); changing it has no effect.
	Secret string

	apiKey string
	secret []byte
	ts     *httptest.Server
	mux    *http.ServeMux
	base   string // ts.URL, used in links and file URLs

	done      chan struct{} // closed by Close: ends injected delays
	closeOnce sync.Once

	mu     sync.Mutex
	st     *state
	faults []*fault
	counts map[string]int
	reqSeq int
}

// Option configures a Server.
type Option func(*options)

type options struct {
	apiKey, secret string
	now            func() time.Time
	seed           uint64
	seeded         bool
}

// WithCredentials sets the API key and secret the server accepts. By
// default the key is "videosdktest-key" and the secret is random.
func WithCredentials(apiKey, secret string) Option {
	return func(o *options) { o.apiKey, o.secret = apiKey, secret }
}

// WithClock sets the clock that stamps resources (createdAt, session start
// and end, recording times). The default is time.Now. Calls are serialised by
// the server, so now need not be safe for concurrent use. Tokens are always
// checked against the real time, since clients sign them with it.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// WithSeed makes generated ids (room ids, ObjectIds, participant and merge
// ids) deterministic: two servers with the same seed and clock that receive
// the same calls produce the same ids. By default the seed is random.
func WithSeed(seed uint64) Option {
	return func(o *options) { o.seed, o.seeded = seed, true }
}

// NewServer starts a fake VideoSDK API on 127.0.0.1. It needs no
// *testing.T; call Close when done.
func NewServer(opts ...Option) *Server {
	o := options{apiKey: "videosdktest-key", now: time.Now}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.secret == "" {
		var b [24]byte
		_, _ = rand.Read(b[:])
		o.secret = hex.EncodeToString(b[:])
	}
	if !o.seeded {
		var b [8]byte
		_, _ = rand.Read(b[:])
		for _, c := range b {
			o.seed = o.seed<<8 | uint64(c)
		}
	}
	s := &Server{
		APIKey: o.apiKey,
		Secret: o.secret,
		apiKey: o.apiKey,
		secret: []byte(o.secret),
		counts: map[string]int{},
		done:   make(chan struct{}),
	}
	s.mux = s.buildMux()
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.base = s.ts.URL
	s.st = newState(o.now, o.seed, s.base)
	return s
}

// URL returns the server's base URL, e.g. http://127.0.0.1:40123, suitable
// for videosdk.WithBaseURL or VIDEOSDK_API_ENDPOINT.
func (s *Server) URL() string { return s.base }

// Close shuts the server down and blocks until all requests have finished;
// requests held by an injected Delay are let go at once. Calling it again
// does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.ts.Close()
	})
}

// Client returns a videosdk.Client for the server's credentials, already
// pointed at it. opts are applied after the base URL and HTTP client
// options, so they can override them. Client panics if an option is
// invalid, like a test helper: the message never contains the secret.
func (s *Server) Client(opts ...videosdk.Option) *videosdk.Client {
	all := append([]videosdk.Option{
		videosdk.WithBaseURL(s.base),
		videosdk.WithHTTPClient(s.ts.Client()),
	}, opts...)
	c, err := videosdk.NewClient(s.apiKey, string(s.secret), all...)
	if err != nil {
		panic(fmt.Sprintf("videosdktest: Client: %v", err))
	}
	return c
}

// serveHTTP is the request pipeline: count, inject faults, serve CDN files,
// authenticate, route.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	f, reqID := s.admit(r)
	w.Header().Set("X-Request-Id", reqID)
	if f != nil && s.applyFault(w, r, f) {
		return
	}
	if isCDNPath(r.URL.Path) {
		s.serveCDN(w, r)
		return
	}
	if err := s.authenticate(r); err != nil {
		writeError(w, err)
		return
	}
	s.route(w, r)
}

// admit records the request and takes the first matching fault, if any.
func (s *Server) admit(r *http.Request) (*fault, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqSeq++
	s.counts[r.Method+" "+r.URL.Path]++
	return s.takeFault(r.Method, r.URL.Path), "vsdktest-" + strconv.Itoa(s.reqSeq)
}

// apiError is an error answer: status plus the JSON body {"message","code"}.
type apiError struct {
	status  int
	message string
	code    string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, struct {
		Message string `json:"message"`
		Code    string `json:"code"`
	}{e.message, e.code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"message":"videosdktest: encoding response failed","code":"internal_error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
