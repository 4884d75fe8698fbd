package videosdktest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestSIPWebhooksStoreAndDeliverSigned(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	rc := newReceiver(t)
	wh, err := client.SIP.Webhooks.Create(ctx, videosdk.SIPWebhookParams{URL: rc.URL + "/calls", Events: []videosdk.WebhookEventType{videosdk.WebhookCallStarted}})
	require.NoError(t, err)
	fails(t, srv, 400, "POST", "/v2/sip/webhooks", map[string]any{"url": rc.URL, "events": []string{"call-exploded"}})
	fails(t, srv, 400, "POST", "/v2/sip/webhooks", map[string]any{"url": "ftp://x", "events": []string{"call-started"}})

	p, err := client.SIP.Webhooks.List(ctx, videosdk.ListSIPWebhooksParams{Search: "/CALLS"})
	require.NoError(t, err)
	require.Len(t, p.Data, 1)
	up, err := client.SIP.Webhooks.Update(ctx, wh.ID, videosdk.SIPWebhookParams{URL: rc.URL + "/calls", Events: []videosdk.WebhookEventType{videosdk.WebhookCallStarted, videosdk.WebhookCallHangup}})
	require.NoError(t, err)
	assert.Len(t, up.Events, 2)

	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoomID: roomID})
	require.NoError(t, err)
	_, err = client.SIP.Calls.Get(ctx, call.ID)
	require.NoError(t, err)
	_, err = client.SIP.Calls.End(ctx, call.ID)
	require.NoError(t, err)
	flush(t, srv)
	got := rc.at("/calls")
	assert.Equal(t, []string{"call-started", "call-hangup"}, types(got), "only the subscribed events")
	for _, g := range got {
		ev, err := videosdk.ParseWebhook(g.body, g.sig, srv.WebhookPublicKey())
		require.NoError(t, err)
		c, err := ev.SIPCall()
		require.NoError(t, err)
		assert.Equal(t, call.ID, c.ID)
	}
	assert.Equal(t, "ended", got[1].data["status"])

	_, err = client.SIP.Webhooks.Delete(ctx, wh.ID)
	require.NoError(t, err)
	_, err = client.SIP.Webhooks.Get(ctx, wh.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}
