package videosdktest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestSIPRoutingRulesLifecycle(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	roomID := newRoom(t, srv)

	in, err := client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name: "Support", Type: videosdk.SIPInbound, PhoneNumbers: []string{"+14155550100"},
		Room: &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomDynamic}, AgentID: "dep_1", HidePhoneNumber: true,
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"+14155550100"}, in.Numbers, "answers say numbers")
	assert.Equal(t, videosdk.SIPRoomPrefixBlank, in.Room.Prefix, "blank by default")
	out, err := client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name: "Dialer", Type: videosdk.SIPOutbound, Room: &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomStatic, ID: roomID},
	})
	require.NoError(t, err)

	p, err := client.SIP.RoutingRules.List(ctx, videosdk.ListSIPRoutingRulesParams{Type: videosdk.SIPOutbound})
	require.NoError(t, err)
	require.Len(t, p.Data, 1)
	assert.Equal(t, out.ID, p.Data[0].ID)
	p, err = client.SIP.RoutingRules.List(ctx, videosdk.ListSIPRoutingRulesParams{RoomTypes: []videosdk.SIPRoomType{videosdk.SIPRoomDynamic}, Search: "+1415"})
	require.NoError(t, err)
	require.Len(t, p.Data, 1)
	assert.Equal(t, in.ID, p.Data[0].ID)
	p, err = client.SIP.RoutingRules.List(ctx, videosdk.ListSIPRoutingRulesParams{RuleIDs: []string{in.ID, out.ID}, ListOptions: videosdk.ListOptions{PerPage: 1}})
	require.NoError(t, err)
	assert.Equal(t, 2, p.PageInfo.LastPage)

	up, err := client.SIP.RoutingRules.Update(ctx, in.ID, videosdk.UpdateSIPRoutingRuleParams{Name: videosdk.Ptr("Care")})
	require.NoError(t, err)
	assert.Equal(t, "Care", up.Name)
	assert.True(t, up.HidePhoneNumber, "rule updates are partial")
	fails(t, srv, 400, "PATCH", "/v2/sip/routing-rule/"+in.ID, map[string]any{"type": "outbound"})

	_, err = client.SIP.RoutingRules.Delete(ctx, in.ID)
	require.NoError(t, err)
	_, err = client.SIP.RoutingRules.Get(ctx, in.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

// The API reference's older body on its plural path lands in the same store.
func TestSIPRoutingRulesReferenceShape(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	g := ok(t, srv, "POST", "/v2/sip/inbound-gateways", map[string]any{"name": "in", "numbers": []string{"+14155550100"}})
	r := ok(t, srv, "POST", "/v2/sip/routing-rules", map[string]any{
		"name": "Agent line", "gatewayId": g["id"], "numbers": []string{"+14155550100"},
		"dispatch": map[string]any{"room": map[string]any{"type": "dynamic", "prefix": "sipNumber"},
			"agent": map[string]any{"type": "cloud", "id": "dep_9", "metadata": map[string]any{"k": "v"}}},
	})
	assert.Equal(t, "inbound", r["type"], "taken from the gateway")
	assert.Equal(t, "dep_9", r["agentId"])
	assert.Equal(t, map[string]any{"k": "v"}, r["agentMetadata"])
	assert.Equal(t, []any{"+14155550100"}, r["numbers"])
	got := ok(t, srv, "GET", "/v2/sip/routing-rule/"+r["id"].(string), nil)
	assert.Equal(t, map[string]any{"type": "dynamic", "prefix": "sipNumber"}, got["room"])
	fails(t, srv, 400, "POST", "/v2/sip/routing-rule", map[string]any{"name": "x"})
	fails(t, srv, 400, "POST", "/v2/sip/routing-rule", map[string]any{"name": "x", "type": "inbound", "headers": map[string]any{"X-A": "1"}})
	fails(t, srv, 400, "POST", "/v2/sip/routing-rule", map[string]any{"name": "x", "type": "inbound", "room": map[string]any{"type": "static"}})
	fails(t, srv, 404, "POST", "/v2/sip/routing-rules", map[string]any{"name": "x", "gatewayId": "nope"})
}
