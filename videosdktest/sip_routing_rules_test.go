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

// The create, update and list routes refuse what the docs refuse; a refused
// update leaves the rule as it was; every documented field is kept.
func TestSIPRoutingRulesRefusalsAndFields(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	in := map[string]any{"name": "x", "type": "inbound"}
	with := func(m map[string]any, k string, v any) map[string]any {
		c := map[string]any{k: v}
		for kk, vv := range m {
			if kk != k {
				c[kk] = vv
			}
		}
		return c
	}
	for name, b := range map[string]map[string]any{
		"blank name":         with(in, "name", " "),
		"no name":            {"type": "inbound"},
		"bad type":           with(in, "type", "both"),
		"not E.164":          with(in, "phoneNumbers", []string{"4155550100"}),
		"room type":          with(in, "room", map[string]any{"type": "shared"}),
		"room prefix":        with(in, "room", map[string]any{"type": "dynamic", "prefix": "callerName"}),
		"includeHeaders":     with(in, "includeHeaders", "SOME"),
		"outbound attrs":     {"name": "x", "type": "outbound", "headersToAttributes": map[string]string{"X-A": "a"}},
		"dispatch room type": with(in, "dispatch", map[string]any{"room": map[string]any{"type": "?"}}),
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", "/v2/sip/routing-rule", b) })
	}
	assert.Empty(t, ok(t, srv, "GET", "/v2/sip/routing-rule", nil)["data"], "a refused create stores nothing")
	for _, q := range []string{"type=both", "roomType=static,shared"} {
		fails(t, srv, 400, "GET", "/v2/sip/routing-rule?"+q, nil)
	}

	r := ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{
		"name": "Full", "type": "inbound", "phoneNumbers": []string{"+14155550100"}, "includeHeaders": "SIP_X_HEADERS",
		"headersToAttributes": map[string]string{"X-Customer": "customer"}, "allowedNumbers": []string{"+91*"},
		"allowedIpAddresses": []string{"203.0.113.0/24"}, "tags": []string{"support"}, "recording": true, "dtmf": true,
		"noiseCancellation": true, "agentMetadata": map[string]any{"lang": "en"},
	})
	id := r["id"].(string)
	for k, v := range map[string]any{
		"includeHeaders": "SIP_X_HEADERS", "headersToAttributes": map[string]any{"X-Customer": "customer"},
		"allowedNumbers": []any{"+91*"}, "allowedIpAddresses": []any{"203.0.113.0/24"}, "tags": []any{"support"},
		"recording": true, "dtmf": true, "noiseCancellation": true, "hidePhoneNumber": false, "agentMetadata": map[string]any{"lang": "en"},
	} {
		assert.Equal(t, v, r[k], k)
	}
	path := "/v2/sip/routing-rule/" + id
	fails(t, srv, 400, "PATCH", path, map[string]any{"headers": map[string]string{"X-A": "1"}}) // outbound only
	fails(t, srv, 400, "PATCH", path, map[string]any{"phoneNumbers": []string{"+1"}})
	fails(t, srv, 400, "PATCH", path, map[string]any{"name": ""})
	got := ok(t, srv, "GET", path, nil)
	assert.Equal(t, r["numbers"], got["numbers"], "refused updates change nothing")
	assert.Equal(t, "Full", got["name"])
	up := ok(t, srv, "PATCH", path, map[string]any{"recording": false})
	assert.Equal(t, false, up["recording"])
	assert.Equal(t, true, up["dtmf"], "what is not sent is kept")
	assert.Equal(t, map[string]any{"lang": "en"}, up["agentMetadata"])

	fails(t, srv, 404, "GET", "/v2/sip/routing-rule/nope", nil)
	fails(t, srv, 404, "PATCH", "/v2/sip/routing-rule/nope", map[string]any{"name": "y"})
	fails(t, srv, 404, "DELETE", "/v2/sip/routing-rule/nope", nil)
	ok(t, srv, "DELETE", "/v2/sip/routing-rules/"+id, nil)
	fails(t, srv, 404, "DELETE", path, nil)
}

// An inbound rule bound to a gateway applies only to calls arriving through
// that gateway; a rule without a gateway applies to any.
func TestSIPInboundRuleFollowsItsGateway(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client := srv.Client()
	provisionNumber(t, srv, "+14155550100")
	other := ok(t, srv, "POST", "/v2/sip/inbound-gateways", map[string]any{"name": "other", "numbers": []string{"+14155550111"}})
	ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "bound", "type": "inbound", "gatewayId": other["id"],
		"phoneNumbers": []string{"+14155550100"}, "room": map[string]any{"type": "dynamic"}})
	c, err := srv.SimulateInboundCall("+14155550100", "+14155550123")
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallRejected, callStatus(t, client, c), "the only rule is for another gateway")

	ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "any", "type": "inbound",
		"phoneNumbers": []string{"+14155550100"}, "room": map[string]any{"type": "dynamic"}, "hidePhoneNumber": true})
	c, err = srv.SimulateInboundCall("+14155550100", "+14155550123")
	require.NoError(t, err)
	got, err := client.SIP.Calls.Get(context.Background(), c)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, got.Status)
	require.NotEmpty(t, got.RoomID)

	// A static room that is deactivated fails the call.
	room := newRoom(t, srv)
	provisionNumber(t, srv, "+14155550101")
	ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "static", "type": "inbound",
		"phoneNumbers": []string{"+14155550101"}, "room": map[string]any{"type": "static", "id": room}})
	ok(t, srv, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": room})
	c, err = srv.SimulateInboundCall("+14155550101", "+14155550123")
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallFailed, callStatus(t, client, c))
}
