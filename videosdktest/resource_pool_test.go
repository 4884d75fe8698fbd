package videosdktest

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
