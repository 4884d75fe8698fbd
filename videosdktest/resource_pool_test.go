package videosdktest

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/videosdk-go/videosdk"
)

// The acquire route needs a documented type and a webhookUrl, takes only
// the documented modes and qualities and at least one unit; release needs
// ids; list checks its status filter; an unknown unit is 404.
func TestResourcePoolRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	hook := "https://hooks.example.com/r"
	for _, body := range []map[string]any{
		{"webhookUrl": hook},
		{"type": "hls"},
		{"type": "sip", "webhookUrl": hook},
		{"type": "hls", "webhookUrl": hook, "mode": "video"},
		{"type": "hls", "webhookUrl": hook, "quality": "ultra"},
		{"type": "hls", "webhookUrl": hook, "units": 0},
	} {
		fails(t, srv, 400, "POST", "/v2/resource/acquire", body)
	}
	failsRaw(t, srv, 400, "POST", "/v2/resource/acquire", "[]")
	fails(t, srv, 400, "POST", "/v2/resource/release", map[string]any{"ids": []string{}})
	failsRaw(t, srv, 400, "POST", "/v2/resource/release", "{")
	for _, q := range []string{"status=busy", "perPage=0"} {
		fails(t, srv, 400, "GET", "/v2/resource?"+q, nil)
	}
	fails(t, srv, 404, "GET", "/v2/resource/nope", nil)
	assert.Empty(t, ok(t, srv, "GET", "/v2/resource", nil)["data"], "a refused acquire holds nothing")

	// The documented defaults.
	u := ok(t, srv, "POST", "/v2/resource/acquire", map[string]any{"type": "recording", "webhookUrl": hook})["data"].([]any)
	require.Len(t, u, 1)
	assert.Equal(t, "video-and-audio", u[0].(map[string]any)["mode"])
	assert.Equal(t, "med", u[0].(map[string]any)["quality"])
}

// With a processing delay, a unit stays pending (and cannot be released)
// until the delay has passed on the fake's clock, then is idle.
func TestResourceUnitPendingUntilReady(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := virtualServer(t, WithProcessingDelay(time.Minute))
		data := ok(t, srv, "POST", "/v2/resource/acquire", map[string]any{"type": "hls", "webhookUrl": "https://hooks.example.com/r"})["data"].([]any)
		id := data[0].(map[string]any)["id"].(string)
		assert.Equal(t, "pending", ok(t, srv, "GET", "/v2/resource/"+id, nil)["data"].(map[string]any)["status"])
		rel := ok(t, srv, "POST", "/v2/resource/release", map[string]any{"ids": []string{id}})["data"].([]any)
		assert.Equal(t, map[string]any{"id": id, "success": false, "msg": "resource is pending"}, rel[0])
		pending := ok(t, srv, "GET", "/v2/resource?status=pending", nil)["data"].([]any)
		require.Len(t, pending, 1)

		time.Sleep(time.Minute) // virtual time: the bubble's clock
		assert.Equal(t, "idle", ok(t, srv, "GET", "/v2/resource/"+id, nil)["data"].(map[string]any)["status"])
		rel = ok(t, srv, "POST", "/v2/resource/release", map[string]any{"ids": []string{id}})["data"].([]any)
		assert.Equal(t, true, rel[0].(map[string]any)["success"])
	})
}

// The pool hands out units within its capacity and takes idle ones back.
func TestResourcePoolCapacity(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	srv.SetResourceCapacity(3)
	ctx := context.Background()
	pool := srv.Client().ResourcePool
	units, err := pool.Acquire(ctx, videosdk.AcquireResourceParams{Type: videosdk.ResourceHLS, WebhookURL: "https://hooks.example.com/r", Units: 2})
	require.NoError(t, err)
	require.Len(t, units, 2)
	assert.Equal(t, videosdk.ResourcePending, units[0].Status)
	_, err = pool.Acquire(ctx, videosdk.AcquireResourceParams{Type: videosdk.ResourceRTMP, WebhookURL: "https://hooks.example.com/r", Units: 2})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "over capacity")

	u, err := pool.Get(ctx, units[0].ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.ResourceIdle, u.Status, "ready by the next request")
	res, err := pool.Release(ctx, units[0].ID, "000000000000000000000000")
	require.NoError(t, err)
	assert.True(t, res[0].Success)
	assert.False(t, res[1].Success)
	_, err = pool.Acquire(ctx, videosdk.AcquireResourceParams{Type: videosdk.ResourceRTMP, WebhookURL: "https://hooks.example.com/r", Units: 2})
	require.NoError(t, err, "a released unit frees its place")
	idle, err := pool.List(ctx, videosdk.ListResourcesParams{Status: videosdk.ResourceReleased})
	require.NoError(t, err)
	assert.Len(t, idle.Data, 1)

	require.NoError(t, srv.FlushWebhooks(ctx))
	acquired := 0
	for _, d := range srv.Deliveries() {
		if d.Type == videosdk.WebhookResourceAcquired {
			acquired++
		}
	}
	assert.Equal(t, 4, acquired, "resource-acquired once per unit")
}
