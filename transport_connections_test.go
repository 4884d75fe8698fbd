package videosdk

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// reuseServer is a loopback server that counts the TCP connections it accepts
// and answers each path with a scripted sequence of responses, repeated.
type reuseServer struct {
	srv      *httptest.Server
	newConns atomic.Int64
	requests atomic.Int64

	mu   sync.Mutex
	seen map[string]int // requests per method+path
}

type reuseStep struct {
	status  int
	header  map[string]string
	body    string
	chunked bool // flush before writing the body: no Content-Length
}

func newReuseServer(t *testing.T, script map[string][]reuseStep) *reuseServer {
	t.Helper()
	s := &reuseServer{seen: map[string]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		key := r.Method + " " + r.URL.Path
		s.mu.Lock()
		n := s.seen[key]
		s.seen[key]++
		s.mu.Unlock()
		steps, ok := script[key]
		if !ok {
			t.Errorf("unexpected request %s", key)
			w.WriteHeader(http.StatusTeapot)
			return
		}
		st := steps[n%len(steps)] // the script repeats
		for k, v := range st.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		if st.chunked {
			w.WriteHeader(st.status)
			w.(http.Flusher).Flush()
		} else {
			w.WriteHeader(st.status)
		}
		_, _ = w.Write([]byte(st.body))
	}))
	s.srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.newConns.Add(1)
		}
	}
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	return s
}

// TestConnectionReuse sends sequential calls that end in success, in every
// kind of error and after retries, and requires that they all travel over one
// TCP connection: the SDK must read and close every body it is given.
func TestConnectionReuse(t *testing.T) {
	t.Parallel()
	room := string(testutil.Fixture(t, "rooms_get.json"))
	bigError := `{"message":"upstream failed","detail":"` + strings.Repeat("x", 8<<10) + `"}` // > the 4 KiB drain limit
	s := newReuseServer(t, map[string][]reuseStep{
		"GET /v2/rooms/ok":             {{status: 200, body: room}},
		"GET /v2/rooms/chunked":        {{status: 200, body: room, chunked: true}},
		"GET /v2/rooms/missing":        {{status: 404, body: `{"message":"Room not found"}`}},
		"GET /v2/rooms/broken":         {{status: 500, body: bigError}},
		"GET /v2/rooms/broken-chunked": {{status: 500, body: bigError, chunked: true}},
		"GET /v2/rooms/limited": {
			{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"message":"Too many requests"}`},
			{status: 200, body: room},
		},
		"GET /v2/rooms/flaky": {
			{status: 503, body: `<html><body>Service Unavailable</body></html>`},
			{status: 502, body: ``},
			{status: 200, body: room},
		},
		"GET /v2/rooms/html":       {{status: 200, body: `<html>not json</html>`}},
		"GET /v2/rooms/validate/x": {{status: 400, body: `{"message":"RoomId is invalid."}`}},
		"POST /v2/rooms":           {{status: 500, body: `{"message":"internal error"}`}},
		"POST /v2/rooms/deactivate": {
			{status: 429, header: map[string]string{"Retry-After": "0"}, body: `{"message":"slow down"}`},
			{status: 200, body: room},
		},
		"POST /v2/action": {{status: 200, body: `"Recording start accepted"`}},
	})
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(s.srv.URL), withSleep((&testutil.Waits{}).Sleep))
	require.NoError(t, err)
	ctx := context.Background()

	const rounds = 3
	for i := 0; i < rounds; i++ {
		_, err = c.Rooms.Get(ctx, "ok")
		require.NoError(t, err)
		_, err = c.Rooms.Get(ctx, "chunked")
		require.NoError(t, err)
		_, err = c.Rooms.Get(ctx, "missing")
		require.ErrorIs(t, err, ErrNotFound)
		_, err = c.Rooms.Get(ctx, "broken")
		require.ErrorIs(t, err, ErrServer)
		_, err = c.Rooms.Get(ctx, "broken-chunked")
		require.ErrorIs(t, err, ErrServer)
		_, err = c.Rooms.Get(ctx, "limited")
		require.NoError(t, err)
		_, err = c.Rooms.Get(ctx, "flaky")
		require.NoError(t, err)
		_, err = c.Rooms.Get(ctx, "html")
		require.ErrorIs(t, err, ErrInvalidResponse)
		_, err = c.Rooms.Validate(ctx, "x")
		require.ErrorIs(t, err, ErrNotFound)
		_, err = c.Rooms.Create(ctx, CreateRoomParams{})
		require.ErrorIs(t, err, ErrServer)
		_, err = c.Rooms.Deactivate(ctx, "x")
		require.NoError(t, err)
		require.NoError(t, c.do(ctx, "POST", "/v2/action", nil, map[string]string{"roomId": "x"}, nil))
	}

	// Per round: ok, chunked, missing 1 each; broken and broken-chunked 3 each
	// (GET 500 retried twice); limited 2; flaky 3; html, validate, create (POST
	// 500, not retried) 1 each; deactivate 2 (POST 429 is retried); action 1.
	assert.Equal(t, int64(rounds*20), s.requests.Load(), "requests the server saw")
	assert.Equal(t, int64(1), s.newConns.Load(), "TCP connections opened for %d sequential requests", s.requests.Load())
	assert.Equal(t, int64(1), c.tokens.signed.Load(), "management tokens signed")
}

// TestManagementTokenSignedOnce: many calls, sequential and concurrent, sign
// one token; a 401 on the cached token signs exactly one more, and the 401
// and its retry open no new connection.
func TestManagementTokenSignedOnce(t *testing.T) {
	t.Parallel()
	room := string(testutil.Fixture(t, "rooms_get.json"))
	s := newReuseServer(t, map[string][]reuseStep{
		"GET /v2/rooms/ok": {{status: 200, body: room}},
		"GET /v2/rooms/revoked": {
			{status: 401, body: `{"message":"Token is invalid"}`},
			{status: 200, body: room},
		},
	})
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(s.srv.URL), withSleep((&testutil.Waits{}).Sleep))
	require.NoError(t, err)
	ctx := context.Background()

	for i := 0; i < 20; i++ {
		_, err := c.Rooms.Get(ctx, "ok")
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				_, err := c.Rooms.Get(ctx, "ok")
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(1), c.tokens.signed.Load(), "tokens signed for 100 calls")

	conns := s.newConns.Load()
	_, err = c.Rooms.Get(ctx, "revoked")
	require.NoError(t, err)
	assert.Equal(t, int64(2), c.tokens.signed.Load(), "a 401 re-signs once")
	assert.Equal(t, conns, s.newConns.Load(), "the 401 and its retry reuse pooled connections")
	for i := 0; i < 5; i++ {
		_, err := c.Rooms.Get(ctx, "ok")
		require.NoError(t, err)
	}
	assert.Equal(t, int64(2), c.tokens.signed.Load(), "the new token is cached")
}

// connCounter is a loopback API that tracks how many of its connections are
// open (accepted and not yet closed).
type connCounter struct {
	*httptest.Server
	mu     sync.Mutex
	open   map[net.Conn]bool
	closed chan struct{}
}

func newConnCounter(t *testing.T) *connCounter {
	t.Helper()
	s := &connCounter{open: map[net.Conn]bool{}, closed: make(chan struct{}, 1024)}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(roomBody))
	}))
	s.Server.Config.ConnState = func(c net.Conn, state http.ConnState) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch state {
		case http.StateNew:
			s.open[c] = true
		case http.StateClosed, http.StateHijacked:
			if s.open[c] {
				delete(s.open, c)
				s.closed <- struct{}{}
			}
		}
	}
	s.Server.Start()
	t.Cleanup(s.Server.Close)
	return s
}

func (s *connCounter) openConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.open)
}

// TestDroppedClientsShareConnections: 100 Clients built without
// WithHTTPClient, one per call and then dropped (a serverless handler that
// builds its Client inside the handler), share the package's transport:
// one keep-alive connection, not one per Client.
func TestDroppedClientsShareConnections(t *testing.T) {
	t.Parallel()
	srv := newConnCounter(t)
	for range 100 {
		c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(srv.URL))
		require.NoError(t, err)
		_, err = c.Rooms.Get(context.Background(), "r")
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.openConns(), "one idle keep-alive connection for all the Clients")
}

// TestCloseIdleConnections: CloseIdleConnections closes the idle
// connections of the shared transport, and a Client stays usable
// afterwards.
func TestCloseIdleConnections(t *testing.T) {
	t.Parallel()
	srv := newConnCounter(t)
	clients := make([]*Client, 3)
	for i := range clients {
		c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(srv.URL))
		require.NoError(t, err)
		_, err = c.Rooms.Get(context.Background(), "r")
		require.NoError(t, err)
		clients[i] = c
	}
	require.Equal(t, 1, srv.openConns())
	clients[1].CloseIdleConnections()
	select {
	case <-srv.closed:
	case <-time.After(hangGuard):
		t.Fatal("the idle connection was not closed")
	}
	assert.Zero(t, srv.openConns())

	_, err := clients[0].Rooms.Get(context.Background(), "r")
	require.NoError(t, err, "the Client stays usable")
	assert.Equal(t, 1, srv.openConns())
	clients[0].CloseIdleConnections()
	<-srv.closed
}

// TestCloseIdleConnectionsOwnHTTPClient: with WithHTTPClient the call reaches
// the caller's transport.
func TestCloseIdleConnectionsOwnHTTPClient(t *testing.T) {
	t.Parallel()
	srv := newConnCounter(t)
	tr := &http.Transport{}
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	_, err = c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	c.CloseIdleConnections()
	select {
	case <-srv.closed:
	case <-time.After(hangGuard):
		t.Fatal("the idle connection was not closed")
	}
}
