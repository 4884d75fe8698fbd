// What a fake running as its own process needs on top of the in-process Go
// API (the videosdk command's "fake" subcommand uses it): a listener of the
// caller's choosing, a request log, and HTTP control routes that do what the
// Server's Go methods do, for tests written in any language.

package videosdktest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"time"
)

// ControlPrefix is the path under which WithControlRoutes mounts the
// control routes, e.g. POST /_fake/participants/join.
const ControlPrefix = "/_fake/"

// procOptions are the options of a server that runs as its own process.
type procOptions struct {
	host     string // WithAdvertisedHost
	listener net.Listener
	control  bool
	logger   *slog.Logger
}

// WithListener makes the server accept connections on l (e.g. from
// net.Listen("tcp", "127.0.0.1:8080")) instead of on a new random port of
// 127.0.0.1. URL is then http:// and l's address, with 127.0.0.1 (or [::1])
// in place of an unspecified host such as 0.0.0.0 (WithAdvertisedHost
// names another); file URLs use it too. Close closes l.
func WithListener(l net.Listener) Option {
	return func(o *options) { o.proc.listener = l }
}

// WithAdvertisedHost makes URL, and the file URLs the server hands out,
// name host (with the listener's port) instead of the listener's address:
// for a server listening on all interfaces (WithListener on 0.0.0.0) that
// other machines or containers reach under host. The server still accepts
// connections on whatever its listener accepts.
func WithAdvertisedHost(host string) Option {
	return func(o *options) { o.proc.host = host }
}

// WithControlRoutes mounts HTTP control routes under ControlPrefix, so a
// program that cannot call the Server's Go methods can drive it. They take
// and answer JSON, and need the same Authorization token as the API (HS256
// with Secret, role crawler, version 2):
//
//	POST   /_fake/sessions/start      {"roomId"}                          → {"roomId","sessionId"}   (StartSession)
//	POST   /_fake/sessions/end        {"roomId"}                          → {"roomId"}               (EndSession)
//	POST   /_fake/participants/join   {"roomId","participantId"?,"name"}  → {"roomId","participantId"} (Join, JoinAs)
//	POST   /_fake/participants/leave  {"roomId","participantId"}          → {"roomId","participantId"} (Leave)
//	POST   /_fake/faults              {"method","pattern","times", "status","retryAfter","drop","delay","body"} (InjectFault)
//	DELETE /_fake/faults                                                  (ClearFaults)
//	GET    /_fake/requests?method=M&pattern=P                             → {"method","pattern","count"} (Requests)
//	POST   /_fake/webhooks/flush      {"timeout"?}                        → {"deliveries"}            (FlushWebhooks)
//	GET    /_fake/deliveries                                              → {"deliveries":[…]}        (Deliveries)
//	POST   /_fake/sip/inbound-calls   {"to","from"}                       → {"callId","status","roomId"} (SimulateInboundCall)
//	POST   /_fake/sip/callees         {"number","behavior"}               → {"number","behavior"}    (SetCallee)
//	POST   /_fake/sip/calls/hangup    {"callId"}                          → {"callId","status"}      (HangUp)
//	POST   /_fake/incidents/raise     {"alertRuleId"}                     → {"incidentId"}            (RaiseIncident)
//
// retryAfter, delay and timeout are Go durations such as "2s"; times
// defaults to 1. The flush waits at most timeout (default 30s) and answers
// 504 if deliveries are still queued then; its answer counts the deliveries
// attempted so far. Each listed delivery is {"url","type","body","signature",
// "statusCode","error"?}, in the order sent, with body the JSON object that
// was sent (its exact bytes are what the signature covers: compare the
// re-encoded JSON, not the bytes).
// Errors are JSON {"message"} like the API's: 400 for a bad body, 404
// for an unknown room, 409 when the meeting is not in the needed state.
// Control requests are not counted by Requests and no fault applies to them.
func WithControlRoutes() Option {
	return func(o *options) { o.proc.control = true }
}

// WithRequestLog logs one line per request to l: method, path (without the
// query), status, request id and duration. Headers, tokens and bodies are
// never logged.
func WithRequestLog(l *slog.Logger) Option {
	return func(o *options) { o.proc.logger = l }
}

// newHTTPServer returns the server's unstarted HTTP server, on the listener
// of WithListener when one was given.
func (s *Server) newHTTPServer(p procOptions) *httptest.Server {
	var h http.Handler = http.HandlerFunc(s.serveHTTP)
	if p.control {
		api := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, ControlPrefix) {
				s.serveControl(w, r)
				return
			}
			api.ServeHTTP(w, r)
		})
	}
	if p.logger != nil {
		h = logRequests(p.logger, h)
	}
	ts := httptest.NewUnstartedServer(h)
	if p.listener != nil {
		_ = ts.Listener.Close()
		ts.Listener = p.listener
	}
	return ts
}

// listenerURL is the base URL for a listener's address.
func listenerURL(l net.Listener) string {
	addr := l.Addr().String()
	if ta, ok := l.Addr().(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		host := "127.0.0.1"
		if ta.IP.To4() == nil {
			host = "::1"
		}
		addr = net.JoinHostPort(host, fmt.Sprint(ta.Port))
	}
	return "http://" + addr
}

// ---- control routes ----

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	if err := s.authenticate(r); err != nil {
		writeError(w, err)
		return
	}
	if err := bufferBody(w, r); err != nil { // with the API's size and time limits
		writeError(w, err)
		return
	}
	v, err := s.control(r)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type controlRoom struct {
	RoomID    string `json:"roomId"`
	SessionID string `json:"sessionId,omitempty"`
}

type controlParticipant struct {
	RoomID        string `json:"roomId"`
	ParticipantID string `json:"participantId"`
	Name          string `json:"name,omitempty"`
}

type controlFault struct {
	Method     string `json:"method"`
	Pattern    string `json:"pattern"`
	Times      int    `json:"times"`
	Status     int    `json:"status,omitempty"`
	RetryAfter string `json:"retryAfter,omitempty"`
	Drop       bool   `json:"drop,omitempty"`
	Delay      string `json:"delay,omitempty"`
	Body       string `json:"body,omitempty"`
}

type controlCount struct {
	Method  string `json:"method"`
	Pattern string `json:"pattern"`
	Count   int    `json:"count"`
}

// maxControlDelay bounds an injected delay: longer ones hold connections
// for no test's benefit.
const maxControlDelay = 10 * time.Minute

// control runs one control route; the Go methods it calls take the lock.
func (s *Server) control(r *http.Request) (any, *apiError) {
	switch r.Method + " " + strings.TrimPrefix(r.URL.Path, ControlPrefix) {
	case "POST sessions/start":
		var b controlRoom
		if err := s.controlBody(r, &b); err != nil {
			return nil, err
		}
		id, err := s.StartSession(b.RoomID)
		return controlRoom{RoomID: b.RoomID, SessionID: id}, controlErr(err)
	case "POST sessions/end":
		var b controlRoom
		if err := s.controlBody(r, &b); err != nil {
			return nil, err
		}
		return controlRoom{RoomID: b.RoomID}, controlErr(s.EndSession(b.RoomID))
	case "POST participants/join":
		var b controlParticipant
		if err := s.controlBody(r, &b); err != nil {
			return nil, err
		}
		var err error
		if b.ParticipantID == "" {
			b.ParticipantID, err = s.Join(b.RoomID, b.Name)
		} else {
			err = s.JoinAs(b.RoomID, b.ParticipantID, b.Name)
		}
		return controlParticipant{RoomID: b.RoomID, ParticipantID: b.ParticipantID}, controlErr(err)
	case "POST participants/leave":
		var b controlParticipant
		if err := s.controlBody(r, &b); err != nil {
			return nil, err
		}
		if err := need("participantId", b.ParticipantID); err != nil {
			return nil, err
		}
		return controlParticipant{RoomID: b.RoomID, ParticipantID: b.ParticipantID}, controlErr(s.Leave(b.RoomID, b.ParticipantID))
	case "POST faults":
		var b controlFault
		if err := decode(r, &b); err != nil {
			return nil, err
		}
		f, err := b.fault()
		if err != nil {
			return nil, err
		}
		s.InjectFault(b.Method, b.Pattern, b.Times, f)
		return b, nil
	case "DELETE faults":
		s.ClearFaults()
		return struct {
			Cleared bool `json:"cleared"`
		}{true}, nil
	case "GET requests":
		q := r.URL.Query()
		c := controlCount{Method: strings.ToUpper(q.Get("method")), Pattern: q.Get("pattern")}
		if err := checkPattern(c.Pattern); err != nil {
			return nil, err
		}
		c.Count = s.Requests(c.Method, c.Pattern)
		return c, nil
	case "POST webhooks/flush":
		return s.controlFlush(r)
	case "GET deliveries":
		return controlDeliveries(s.Deliveries()), nil
	case "POST incidents/raise": // alerts.go
		return s.controlRaiseIncident(r)
	}
	if v, err, ok := s.sipControl(r); ok {
		return v, err
	}
	return nil, errorf(http.StatusNotFound, "Cannot %s %s", r.Method, r.URL.Path)
}

// defaultFlushTimeout bounds POST /_fake/webhooks/flush without a timeout.
const defaultFlushTimeout = 30 * time.Second

// controlFlush waits, like FlushWebhooks, until every queued webhook was
// attempted.
func (s *Server) controlFlush(r *http.Request) (any, *apiError) {
	var b struct {
		Timeout string `json:"timeout"`
	}
	if err := decode(r, &b); err != nil {
		return nil, err
	}
	timeout := defaultFlushTimeout
	if b.Timeout != "" {
		d, err := time.ParseDuration(b.Timeout)
		if err != nil || d <= 0 || d > maxControlDelay {
			return nil, errorf(http.StatusBadRequest,
				"%q must be a positive duration such as \"10s\", at most %v.", "timeout", maxControlDelay)
		}
		timeout = d
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	if err := s.FlushWebhooks(ctx); err != nil {
		return nil, errorf(http.StatusGatewayTimeout, "Webhooks were still queued after %v.", timeout)
	}
	return struct {
		Deliveries int `json:"deliveries"`
	}{len(s.Deliveries())}, nil
}

// controlDelivery is a Delivery as GET /_fake/deliveries lists it.
type controlDelivery struct {
	URL        string          `json:"url"`
	Type       string          `json:"type"`
	Body       json.RawMessage `json:"body"`
	Signature  string          `json:"signature"`
	StatusCode int             `json:"statusCode"`
	Error      string          `json:"error,omitempty"`
}

func controlDeliveries(ds []Delivery) any {
	out := make([]controlDelivery, len(ds))
	for i, d := range ds {
		out[i] = controlDelivery{URL: d.URL, Type: string(d.Type), Body: d.Body, Signature: d.Signature, StatusCode: d.StatusCode}
		if !json.Valid(d.Body) { // the fake only sends JSON; never fail the whole list
			out[i].Body, _ = json.Marshal(string(d.Body))
		}
		if d.Err != nil {
			out[i].Error = d.Err.Error()
		}
	}
	return struct {
		Deliveries []controlDelivery `json:"deliveries"`
	}{out}
}

// roomBody is a control body that names a room.
type roomBody interface{ room() string }

func (b *controlRoom) room() string        { return b.RoomID }
func (b *controlParticipant) room() string { return b.RoomID }

// controlBody decodes a control request body whose roomId must name a known
// room.
func (s *Server) controlBody(r *http.Request, v roomBody) *apiError {
	if err := decode(r, v); err != nil {
		return err
	}
	roomID := v.room()
	if err := need("roomId", roomID); err != nil {
		return err
	}
	s.mu.Lock()
	known := s.st.lookupRoom(roomID) != nil
	s.mu.Unlock()
	if !known {
		return notFound("Room", roomID)
	}
	return nil
}

// controlErr maps an error of the simulation methods (the room is known) to
// an answer: the meeting is not in the state the call needs.
func controlErr(err error) *apiError {
	if err == nil {
		return nil
	}
	return errorf(http.StatusConflict, "%s", strings.TrimPrefix(err.Error(), "videosdktest: "))
}

func checkPattern(p string) *apiError {
	if err := need("pattern", p); err != nil {
		return err
	}
	if _, err := path.Match(p, ""); err != nil {
		return errorf(http.StatusBadRequest, "%q is not a valid path pattern: %v", p, err)
	}
	return nil
}

// fault validates a control fault and converts it.
func (b *controlFault) fault() (Fault, *apiError) {
	b.Method = strings.ToUpper(b.Method)
	if err := checkPattern(b.Pattern); err != nil {
		return Fault{}, err
	}
	if b.Times == 0 {
		b.Times = 1
	}
	if b.Times < 0 {
		return Fault{}, errorf(http.StatusBadRequest, "%q must be a positive integer.", "times")
	}
	if b.Status != 0 && (b.Status < 200 || b.Status > 599) {
		return Fault{}, errorf(http.StatusBadRequest, "%q must be an HTTP status from 200 to 599.", "status")
	}
	f := Fault{Status: b.Status, Drop: b.Drop, Body: b.Body}
	for _, d := range []struct {
		name, v string
		dst     *time.Duration
	}{{"retryAfter", b.RetryAfter, &f.RetryAfter}, {"delay", b.Delay, &f.Delay}} {
		if d.v == "" {
			continue
		}
		v, err := time.ParseDuration(d.v)
		if err != nil || v < 0 || v > maxControlDelay {
			return Fault{}, errorf(http.StatusBadRequest,
				"%q must be a duration such as \"2s\", at most %v.", d.name, maxControlDelay)
		}
		*d.dst = v
	}
	if f == (Fault{}) {
		return Fault{}, errorf(http.StatusBadRequest,
			"The fault does nothing: set status, drop, delay or body.")
	}
	return f, nil
}

// ---- request log ----

// maxLoggedPath bounds the path in a log line: paths come from clients.
const maxLoggedPath = 256

func logRequests(l *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		p := r.URL.Path
		if len(p) > maxLoggedPath {
			p = p[:maxLoggedPath] + "…"
		}
		defer func() {
			attrs := []any{"method", r.Method, "path", p, "status", rec.status,
				"request_id", w.Header().Get("X-Request-Id"), "duration", time.Since(start).Round(time.Microsecond)}
			v := recover()
			switch {
			case v != nil || rec.hijacked:
				l.Info("request dropped", attrs...)
			default:
				l.Info("request", attrs...)
			}
			if v != nil {
				panic(v)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// statusRecorder remembers the status a handler answered with. It keeps the
// Hijacker of the connection, which dropped-connection faults use.
type statusRecorder struct {
	http.ResponseWriter
	status   int
	hijacked bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("videosdktest: connection cannot be hijacked")
	}
	r.hijacked = true
	return hj.Hijack()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
