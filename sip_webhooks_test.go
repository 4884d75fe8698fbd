package videosdk

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSIPWebhooksCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/webhooks", golden: "sip_webhooks_create", fixture: "sip_webhook.json"})
	w, err := c.SIP.Webhooks.Create(context.Background(), SIPWebhookParams{URL: "https://example.com/sip", Events: []WebhookEventType{WebhookCallStarted, WebhookCallHangup}})
	require.NoError(t, err)
	check()
	created := ts("2026-01-10T09:00:00Z")
	assert.Equal(t, &SIPWebhook{ID: "wh_01", URL: "https://example.com/sip", Events: []WebhookEventType{WebhookCallStarted, WebhookCallHangup}, CreatedAt: created}, w)
}

func TestSIPWebhooksList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/webhooks", fixture: "sip_webhooks_list.json", query: map[string]string{"search": "example.com"}})
	p, err := c.SIP.Webhooks.List(context.Background(), ListSIPWebhooksParams{Search: "example.com"})
	require.NoError(t, err)
	check()
	require.Len(t, p.Data, 1)
	assert.Equal(t, "wh_01", p.Data[0].ID, "webhookId is copied to ID")
}

func TestSIPWebhooksAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/webhooks", fixture: "sip_webhooks_list.json", query: map[string]string{"page": "1"}})
	for w, err := range c.SIP.Webhooks.All(context.Background(), ListSIPWebhooksParams{}) {
		require.NoError(t, err)
		assert.Equal(t, "wh_01", w.ID)
	}
	check()
}

func TestSIPWebhooksGetUpdateDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	get := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/webhooks/wh_01", fixture: "sip_webhook.json"})
	_, err := c.SIP.Webhooks.Get(ctx, "wh_01")
	require.NoError(t, err)
	get()

	c, mt = newTestClient(t)
	upd := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/webhooks/wh_01", golden: "sip_webhooks_update", fixture: "sip_webhook.json"})
	_, err = c.SIP.Webhooks.Update(ctx, "wh_01", SIPWebhookParams{URL: "https://example.com/sip2", Events: SIPWebhookEvents()})
	require.NoError(t, err)
	upd()

	c, mt = newTestClient(t)
	del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/sip/webhooks/wh_01", fixture: "sip_message_deleted.json"})
	_, err = c.SIP.Webhooks.Delete(ctx, "wh_01")
	require.NoError(t, err)
	del()
}

func TestSIPWebhookEventsIsACopy(t *testing.T) {
	t.Parallel()
	ev := SIPWebhookEvents()
	require.Len(t, ev, 15)
	ev[0] = "changed"
	assert.Equal(t, WebhookCallStarted, SIPWebhookEvents()[0])
}

func TestWebhookEventSIPCall(t *testing.T) {
	t.Parallel()
	ev, err := decodeWebhook([]byte(`{"webhookType":"call-answered","data":{"id":"c1","type":"outbound","status":"ANSWERED","roomId":"r1","sessionId":"s1","to":"+14155550123","from":"+14155550100","start":"2026-01-10T09:00:00.000Z","end":null}}`), false)
	require.NoError(t, err)
	assert.True(t, ev.IsSIPEvent())
	call, err := ev.SIPCall()
	require.NoError(t, err)
	assert.Equal(t, "c1", call.ID)
	assert.Equal(t, SIPCallAnswered, call.Status)
	assert.Equal(t, "r1", ev.Data.RoomID)

	ev, err = decodeWebhook([]byte(`{"webhookType":"call-hangup","data":{"status":"ended"}}`), false)
	require.NoError(t, err)
	_, err = ev.SIPCall()
	require.ErrorIs(t, err, ErrInvalidResponse)

	ev, err = decodeWebhook([]byte(`{"webhookType":"session-started","data":{"meetingId":"r"}}`), false)
	require.NoError(t, err)
	assert.False(t, ev.IsSIPEvent())
}
