package videosdk

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// TestCloseIdleConnections: the Client's keep-alive connection is closed,
// and the Client stays usable on a new one.
func TestCloseIdleConnections(t *testing.T) {
	t.Parallel()
	s := newReuseServer(t, map[string][]reuseStep{"GET /v2/rooms/ok": {{status: 200, body: roomBody}}})
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(s.srv.URL))
	require.NoError(t, err)
	ctx := context.Background()
	for range 2 {
		_, err = c.Rooms.Get(ctx, "ok")
		require.NoError(t, err)
	}
	assert.Equal(t, int64(1), s.newConns.Load(), "kept alive")
	c.CloseIdleConnections()
	_, err = c.Rooms.Get(ctx, "ok")
	require.NoError(t, err)
	assert.Equal(t, int64(2), s.newConns.Load(), "a new connection after the close")
	c.CloseIdleConnections()
	c.CloseIdleConnections() // nothing idle: no effect
}
