package videosdktest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestConnectorsLifecycle(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	cn, err := c.Connectors.Create(ctx, videosdk.CreateConnectorParams{Provider: videosdk.ConnectorPlivo, DefaultRoomID: room.RoomID})
	require.NoError(t, err)
	rotated, err := c.Connectors.RotateKey(ctx, cn.ID)
	require.NoError(t, err)
	assert.NotEqual(t, cn.WebhookURL, rotated.WebhookURL)
	got, err := c.Connectors.Get(ctx, cn.ID)
	require.NoError(t, err)
	assert.Equal(t, rotated.WebhookURL, got.WebhookURL)
	list, err := c.Connectors.List(ctx)
	require.NoError(t, err)
	assert.Len(t, list.Data, 1)
	_, err = c.Connectors.Delete(ctx, cn.ID)
	require.NoError(t, err)
	_, err = c.Connectors.Get(ctx, cn.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = c.Connectors.Create(ctx, videosdk.CreateConnectorParams{Provider: videosdk.ConnectorTwilio, DefaultRoomID: "no-such-room"})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}
