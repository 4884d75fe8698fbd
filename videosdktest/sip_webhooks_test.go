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

// The SIP webhook routes refuse a missing URL or event list and a body that
// is not an object; a refused update changes nothing; unknown ids are 404;
// a deleted webhook gets no more deliveries.
func TestSIPWebhooksRefuse(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	const path = "/v2/sip/webhooks"
	for _, body := range []map[string]any{
		{"events": []string{"call-started"}},
		{"url": "https://example.com/h"},
		{"url": "https://example.com/h", "events": []string{}},
		{"url": "/relative", "events": []string{"call-started"}},
	} {
		fails(t, srv, 400, "POST", path, body)
	}
	failsRaw(t, srv, 400, "POST", path, "[]")
	w := ok(t, srv, "POST", path, map[string]any{"url": "https://example.com/h", "events": []string{"call-started"}})
	id := w["id"].(string)
	fails(t, srv, 400, "PATCH", path+"/"+id, map[string]any{"url": "https://example.com/h", "events": []string{"call-exploded"}})
	failsRaw(t, srv, 400, "PATCH", path+"/"+id, "{")
	got := ok(t, srv, "GET", path+"/"+id, nil)
	assert.Equal(t, []any{"call-started"}, got["events"], "a refused update changes nothing")
	for _, m := range []string{"GET", "DELETE"} {
		fails(t, srv, 404, m, path+"/nope", nil)
	}
	fails(t, srv, 404, "PATCH", path+"/nope", map[string]any{"url": "https://example.com/h", "events": []string{"call-started"}})
	ok(t, srv, "DELETE", path+"/"+id, nil)
	fails(t, srv, 404, "DELETE", path+"/"+id, nil)

	provisionNumber(t, srv, "+14155550100")
	room := newRoom(t, srv)
	ok(t, srv, "POST", "/v2/sip/call", map[string]any{"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "destinationRoomId": room})
	flush(t, srv)
	for _, d := range srv.Deliveries() {
		assert.NotEqual(t, "https://example.com/h", d.URL, "a deleted webhook gets nothing")
	}
}
