package videosdktest

import (
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault says how a request picked by InjectFault misbehaves. Delay applies
// first; then Drop, Status or Body decide the answer. A Fault with only a
// Delay lets the request proceed normally after the delay.
type Fault struct {
	// Status is the HTTP status to answer with, e.g. 503 or 429. The body is
	// a JSON error {"message"} unless Body is set.
	Status int
	// RetryAfter, when positive, is sent as a Retry-After header in whole
	// seconds, rounded up: the header has no finer unit (RFC 9110 §10.2.3:
	// delay-seconds or an HTTP date, both to the second), and rounding down
	// would tell a client to retry sooner than asked (or, under 1 s, at
	// once). So a 10 ms value makes a client that honours the header wait
	// 1 s; to test a retry without waiting in real time, keep RetryAfter
	// whole seconds and give your client a fake sleep, or leave it 0 (no
	// header: the client's own backoff applies).
	RetryAfter time.Duration
	// Drop closes the connection without answering, as a crashed proxy
	// would. The client sees a network error after the request was sent.
	Drop bool
	// Delay holds the request this long before it is answered (or dropped).
	// It ends early if the client gives up; Close drops delayed requests.
	Delay time.Duration
	// Body, when set, is sent verbatim instead of the JSON error body (with
	// Status, or 200 when Status is 0), to simulate e.g. an HTML error page
	// or a truncated answer.
	Body string
}

type fault struct {
	method, pattern string
	left            int
	f               Fault
}

// InjectFault makes the next times requests whose method and path match
// fail as f describes; after that they are served normally again. method ""
// matches any method. pattern is a path such as "/v2/rooms" or a path.Match
// pattern such as "/v2/rooms/*" ("*" does not cross "/"). Faults apply before
// authentication, like a failing load balancer, and in the order they were
// injected.
func (s *Server) InjectFault(method, pattern string, times int, f Fault) {
	if times <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method: strings.ToUpper(method), pattern: pattern, left: times, f: f})
}

// ClearFaults removes every fault that has not fired yet.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// Requests returns how many requests the server received for its endpoints
// whose method and path match (same rules as InjectFault), including those
// refused (for their token, their input or their state) and those an
// injected fault answered. Paths are compared unescaped, without the query
// string.
//
// Requests to unknown or unclean paths and CDN downloads are not counted,
// unless an injected fault answered them. So that a long-running fake does
// not keep a count for every path it was ever asked for, some requests to
// an endpoint with an id in its path (such as /v2/rooms/{roomId}) are
// counted under the endpoint's pattern instead of their own path: a
// request answered 404 (an id the fake does not know), and any request
// once maxLoggedPaths distinct paths are kept (16,384). Requests("GET",
// "/v2/rooms/*") counts them; Requests("GET", "/v2/rooms/unknown") does
// not. A request refused for its token to such an endpoint is counted only
// if its path is at most 256 bytes long and one of the first 1024 such
// paths: a client without a valid token cannot make the server keep ever
// more of them. A plain path is looked up in constant time; a pattern
// whose directory has no wildcard ("/v2/rooms/*") only among the paths of
// that directory.
func (s *Server) Requests(method, pattern string) int {
	return s.log.requests(strings.ToUpper(method), pattern)
}

// Bounds on what the request log keeps.
const (
	maxUntrustedPaths   = 1024
	maxUntrustedPathLen = 256
	maxLoggedPaths      = 16384
)

// requestLog counts requests by method and path, behind Requests.
type requestLog struct {
	mu        sync.Mutex
	counts    map[string]int                 // "METHOD /path" → requests
	byPath    map[string]int                 // "/path" → requests of any method
	byDir     map[string]map[string]struct{} // path.Dir("/path") → paths kept: the index of pattern lookups
	untrusted int                            // keys added by requests refused for their token
	maxPaths  int                            // maxLoggedPaths; smaller in tests
	visited   int                            // paths looked at by pattern lookups (tests)
}

func newRequestLog() requestLog {
	return requestLog{counts: map[string]int{}, byPath: map[string]int{}, byDir: map[string]map[string]struct{}{},
		maxPaths: maxLoggedPaths}
}

// add counts one request to p. trusted is false when it was refused for its
// token, and then a new key is kept only within the bounds above. pattern
// is the endpoint's pattern path ("/v2/rooms/{roomId}"; "" when the
// endpoint has no id in its path): a new path over maxPaths is counted
// under it.
func (l *requestLog) add(method, p, pattern string, trusted bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, seen := l.byPath[p]; !seen {
		if !trusted {
			if len(p) > maxUntrustedPathLen || l.untrusted >= maxUntrustedPaths {
				return
			}
			l.untrusted++
		} else if pattern != "" && len(l.byPath) >= l.maxPaths {
			p = pattern
		}
	}
	l.counts[method+" "+p]++
	if l.byPath[p]++; l.byPath[p] == 1 {
		dir := path.Dir(p)
		if l.byDir[dir] == nil {
			l.byDir[dir] = map[string]struct{}{}
		}
		l.byDir[dir][p] = struct{}{}
	}
}

// entries is the number of method and path pairs kept.
func (l *requestLog) entries() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.counts)
}

func (l *requestLog) requests(method, pattern string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !strings.ContainsAny(pattern, `*?[\`) { // a plain path matches only itself
		return l.count(method, pattern)
	}
	n := 0
	if dir := path.Dir(pattern); !strings.ContainsAny(dir, `*?[\`) {
		// '*' does not cross '/': only paths of the same directory match.
		for p := range l.byDir[dir] {
			l.visited++
			if matches("", pattern, "", p) {
				n += l.count(method, p)
			}
		}
		return n
	}
	for p := range l.byPath {
		l.visited++
		if matches("", pattern, "", p) {
			n += l.count(method, p)
		}
	}
	return n
}

// count is the requests to exactly p, of method (any when ""). The caller
// holds l.mu.
func (l *requestLog) count(method, p string) int {
	if method == "" {
		return l.byPath[p]
	}
	return l.counts[method+" "+p]
}

func matches(method, pattern, reqMethod, reqPath string) bool {
	if method != "" && method != reqMethod {
		return false
	}
	if pattern == reqPath {
		return true
	}
	ok, err := path.Match(pattern, reqPath)
	return err == nil && ok
}

// takeFault consumes one use of the first fault matching the request.
// The caller holds s.mu.
func (s *Server) takeFault(method, p string) *fault {
	for i, f := range s.faults {
		if matches(f.method, f.pattern, method, p) {
			f.left--
			if f.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
			return f
		}
	}
	return nil
}

// applyFault acts out f and reports whether the request is finished.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *fault) bool {
	if d := f.f.Delay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		case <-s.done:
			t.Stop()
			panic(http.ErrAbortHandler) // the server is closing: drop the request
		}
	}
	switch {
	case f.f.Drop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		// Not hijackable (HTTP/2): abort the handler, which resets the stream.
		panic(http.ErrAbortHandler)
	case f.f.Status == 0 && f.f.Body == "":
		return false
	}
	if ra := f.f.RetryAfter; ra > 0 {
		secs := (ra + time.Second - 1) / time.Second
		w.Header().Set("Retry-After", strconv.FormatInt(int64(secs), 10))
	}
	status := f.f.Status
	if status == 0 {
		status = http.StatusOK
	}
	if f.f.Body != "" {
		w.Header().Set("Content-Type", sniffType(f.f.Body))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.f.Body))
		return true
	}
	writeError(w, errorf(status, "videosdktest: injected fault (%d %s)", status, http.StatusText(status)))
	return true
}

// sniffType picks a plausible Content-Type for an injected body.
func sniffType(body string) string {
	t := strings.TrimSpace(body)
	switch {
	case t == "":
	case t[0] == '{', t[0] == '[', t[0] == '"':
		return "application/json; charset=utf-8"
	case t[0] == '<':
		return "text/html; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}
