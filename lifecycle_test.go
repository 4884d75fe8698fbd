package videosdk

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

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
