package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func TestSIPCommands(t *testing.T) {
	t.Parallel()
	srv := stableFake(t, videosdktest.WithControlRoutes())
	h := fakeHarness(t, srv)
	h.env["VIDEOSDK_SIP_PASSWORD"] = "carrier-secret"

	// Numbers and gateways.
	assert.Contains(t, h.ok("sip", "numbers", "create", "-name", "Support", "-numbers", "+14155550100", "-address", "sip.example-carrier.com",
		"-username", "carrier"), "Provisioned +14155550100.")
	var nums []videosdk.SIPPhoneNumber
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "numbers", "list", "-json")), &nums))
	require.Len(t, nums, 1)
	num := h.ok("sip", "numbers", "get", "+14155550100", "-json")
	assert.NotContains(t, num, "carrier-secret", "passwords are redacted")
	assert.Contains(t, num, "[redacted]")
	out := h.ok("sip", "gateways", "create", "-outbound", "-name", "Backup", "-numbers", "+14155550101", "-address", "sip.backup.example.com",
		"-username", "u", "-json")
	assert.NotContains(t, out, "carrier-secret")
	var g videosdk.SIPGateway
	require.NoError(t, json.Unmarshal([]byte(out), &g))
	assert.Contains(t, h.ok("sip", "gateways", "list", "-outbound"), "Backup")
	assert.NotContains(t, h.ok("sip", "gateways", "list"), "Backup", "inbound by default")
	assert.Contains(t, h.ok("sip", "gateways", "get", "-outbound", g.ID), "sip.backup.example.com")
	assert.Contains(t, h.ok("sip", "gateways", "delete", "-outbound", g.ID), "Deleted gateway")
	r := h.run("sip", "gateways", "get", "-outbound", g.ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	r = h.run("sip", "gateways", "create", "-name", "x", "-numbers", "+14155550102", "-address", "h")
	assert.Equal(t, 2, r.code, "address is for outbound gateways")

	// Rules.
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &room))
	var rule videosdk.SIPRoutingRule
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "rules", "create", "-name", "Desk", "-type", "inbound", "-numbers", "+14155550100",
		"-room", room.RoomID, "-json")), &rule))
	assert.Equal(t, room.RoomID, rule.Room.ID)
	assert.Contains(t, h.ok("sip", "rules", "list"), "Desk")
	assert.Contains(t, h.ok("sip", "rules", "get", rule.ID), room.RoomID)
	assert.Equal(t, 2, h.run("sip", "rules", "create", "-name", "x", "-type", "inbound", "-room", "r", "-dynamic").code)

	// Calls.
	var call videosdk.SIPCall
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "calls", "create", "-to", "+14155550123", "-from", "+14155550100",
		"-room", room.RoomID, "-participant", "callee", "-json")), &call))
	assert.Equal(t, videosdk.SIPCallInitiated, call.Status)
	assert.Regexp(t, `Status:\s+answered`, h.ok("sip", "calls", "get", call.ID))
	assert.Contains(t, h.ok("sip", "calls", "list", "-room", room.RoomID), call.ID)
	assert.Regexp(t, `Status:\s+transfer-initiated`, h.ok("sip", "calls", "transfer", call.ID, "-to", "sip:desk@pbx.example.com"))
	assert.Regexp(t, `Status:\s+transferred`, h.ok("sip", "calls", "get", call.ID))
	r = h.run("sip", "calls", "end", call.ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "409")
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "calls", "create", "-to", "+14155550124", "-from", "+14155550100",
		"-room", room.RoomID, "-wait", "-json")), &call))
	assert.Regexp(t, `Status:\s+ended`, h.ok("sip", "calls", "end", call.ID))
	r = h.run("sip", "calls", "create", "-to", "12345", "-from", "+14155550100", "-room", room.RoomID)
	assert.Equal(t, 2, r.code, "refused before sending")
	assert.Contains(t, r.stderr, "E.164")

	// Inbound calls through the fake's control route land in the rule's room.
	tok := strings.TrimSpace(h.ok("token", "-server"))
	req, err := http.NewRequest("POST", srv.URL()+"/_fake/sip/inbound-calls", strings.NewReader(`{"to":"+14155550100","from":"+919876543210"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", tok)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode, "%s", body)
	var in struct{ CallID, RoomID string }
	require.NoError(t, json.Unmarshal(body, &in))
	assert.Equal(t, room.RoomID, in.RoomID)
	out = h.ok("sip", "calls", "get", in.CallID)
	assert.Regexp(t, `Type:\s+inbound`, out)
	assert.Regexp(t, `Status:\s+answered`, out)

	// Webhooks, detach and release.
	assert.Contains(t, h.ok("sip", "webhooks", "create", "-url", "https://example.com/sip", "-events", "call-started,call-hangup"), "call-hangup")
	assert.Contains(t, h.ok("sip", "webhooks", "list"), "https://example.com/sip")
	assert.Regexp(t, `Inbound gateway:\s+\S+`, h.ok("sip", "numbers", "detach", "+14155550100"))
	assert.Contains(t, h.ok("sip", "numbers", "release", nums[0].Number.ID), "Released")
	assert.Equal(t, 1, h.run("sip", "numbers", "get", "+14155550100").code)
	assert.Contains(t, h.ok("sip", "rules", "delete", rule.ID), "Deleted routing rule")
	assert.Contains(t, h.ok("sip", "--help"), "calls")
}

// The human-readable views: a detached number shows "-" for its gateways,
// a dynamic rule shows how its rooms are named, and a SIP webhook is
// deleted by id.
func TestSIPCommandsTables(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.env["VIDEOSDK_SIP_PASSWORD"] = "carrier-secret"
	h.ok("sip", "numbers", "create", "-name", "Support", "-numbers", "+14155550100", "-address", "sip.example-carrier.com", "-username", "carrier")

	attached := h.ok("sip", "numbers", "list")
	assert.Regexp(t, `\+14155550100\s+\S+\s+Support\s+active\s+[0-9a-f]{24}\s+[0-9a-f]{24}`, attached)
	det := h.ok("sip", "numbers", "detach", "+14155550100", "-json")
	var r videosdk.SIPDetachResult
	require.NoError(t, json.Unmarshal([]byte(det), &r))
	assert.Equal(t, "+14155550100", r.PhoneNumber)
	assert.Regexp(t, `\+14155550100\s+\S+\s+Support\s+active\s+-\s+-`, h.ok("sip", "numbers", "list", "-search", "5550100"), "no gateway: -")
	assert.NotContains(t, h.ok("sip", "numbers", "list", "-search", "nobody"), "+14155550100")
	got := h.ok("sip", "numbers", "get", "+14155550100")
	assert.Regexp(t, `Inbound gateway:\s+-`, got)
	assert.Regexp(t, `Status:\s+active`, got)

	assert.Contains(t, h.ok("sip", "rules", "create", "-name", "Per call", "-type", "inbound", "-numbers", "+14155550100", "-dynamic", "-prefix", "sipNumber"), "dynamic (sipNumber)")
	assert.Regexp(t, `Per call\s+inbound\s+\+14155550100\s+dynamic \(sipNumber\)`, h.ok("sip", "rules", "list"))
	assert.Equal(t, 2, h.run("sip", "rules", "create", "-name", "x", "-type", "inbound", "-prefix", "random").code, "-prefix needs -dynamic")

	var w videosdk.SIPWebhook
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "webhooks", "create", "-url", "https://example.com/sip", "-events", "call-started", "-json")), &w))
	assert.Contains(t, h.ok("sip", "webhooks", "delete", w.ID), "Deleted SIP webhook "+w.ID)
	assert.NotContains(t, h.ok("sip", "webhooks", "list"), "https://example.com/sip")
	res := h.run("sip", "webhooks", "delete", w.ID)
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "404")
	assert.Equal(t, 2, h.run("sip", "webhooks", "delete").code, "the id is required")
}

// sipRequests counts every request the fake received under /v2/sip/, of
// any method: refused input must leave it unchanged.
func sipRequests(srv *videosdktest.Server) int {
	n := 0
	for _, p := range []string{"/v2/sip/*", "/v2/sip/*/*", "/v2/sip/*/*/*", "/v2/sip/*/*/*/*"} {
		n += srv.Requests("", p)
	}
	return n
}

// refused runs args, which must be bad usage (exit 2) refused before any
// SIP request reaches the fake, and returns stderr.
func refused(t *testing.T, h *harness, srv *videosdktest.Server, args ...string) string {
	t.Helper()
	before := sipRequests(srv)
	r := h.run(args...)
	assert.Equal(t, 2, r.code, "%v: %s", args, r.output())
	assert.Equal(t, before, sipRequests(srv), "%v: no request may be sent", args)
	return r.stderr
}

// The new sip commands are in the tree (and so have -h: TestEveryCommandHasHelp).
func TestSIPUpdateCommandsListed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{})
	var names []string
	for _, p := range commandPaths(t, h, []string{"sip"}) {
		names = append(names, strings.Join(p, " "))
	}
	for _, want := range []string{"sip gateways update", "sip rules update", "sip numbers update-gateway",
		"sip calls switch-room", "sip webhooks get", "sip webhooks update"} {
		assert.Contains(t, names, want)
	}
	assert.Contains(t, h.ok("sip", "gateways", "update", "-h"), "OFF", "the help says plainly what an update resets")
}

// gateways update: Update resets what it is not given (as the help says),
// -preserve keeps it; the fake holds the result.
func TestSIPGatewaysUpdate(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.env["VIDEOSDK_SIP_PASSWORD"] = "carrier-secret"
	ctx := context.Background()
	api := srv.Client()

	var in videosdk.SIPGateway
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "gateways", "create", "-name", "Desk", "-numbers", "+14155550100",
		"-record", "-region", "us002", "-json")), &in))
	require.True(t, in.Record)

	// -preserve: one GET, one PATCH; recording and region are kept.
	gets, patches := srv.Requests("GET", "/v2/sip/inbound-gateways/"+in.ID), srv.Requests("PATCH", "/v2/sip/inbound-gateways/"+in.ID)
	var got videosdk.SIPGateway
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "gateways", "update", in.ID, "-preserve", "-name", "Front desk", "-dtmf", "-json")), &got))
	assert.Equal(t, "Front desk", got.Name)
	assert.Equal(t, gets+1, srv.Requests("GET", "/v2/sip/inbound-gateways/"+in.ID))
	assert.Equal(t, patches+1, srv.Requests("PATCH", "/v2/sip/inbound-gateways/"+in.ID))
	held, err := api.SIP.InboundGateways.Get(ctx, in.ID)
	require.NoError(t, err)
	assert.Equal(t, "Front desk", held.Name)
	assert.Equal(t, []string{"+14155550100"}, held.Numbers)
	assert.True(t, held.Record, "-preserve kept recording on")
	assert.True(t, held.EnableDTMF)
	assert.Equal(t, videosdk.SIPRegion("us002"), held.GeoRegion, "-preserve kept the region")

	// Without -preserve the API resets what is not given: the fake does too.
	out := h.ok("sip", "gateways", "update", in.ID, "-numbers", "+14155550101,+14155550102", "-noise-cancellation")
	assert.Regexp(t, `Numbers:\s+\+14155550101, \+14155550102`, out)
	assert.Regexp(t, `Record:\s+false`, out)
	held, err = api.SIP.InboundGateways.Get(ctx, in.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"+14155550101", "+14155550102"}, held.Numbers)
	assert.True(t, held.NoiseCancellation)
	assert.False(t, held.Record, "reset: -record not given")
	assert.False(t, held.EnableDTMF, "reset: -dtmf not given")
	assert.Empty(t, held.GeoRegion, "reset: -region not given")
	assert.Equal(t, "Front desk", held.Name, "fields not given otherwise stay")

	// -record=false is sent as false, even with -preserve.
	h.ok("sip", "gateways", "update", in.ID, "-record", "-region", "in002")
	h.ok("sip", "gateways", "update", in.ID, "-preserve", "-record=false")
	held, err = api.SIP.InboundGateways.Get(ctx, in.ID)
	require.NoError(t, err)
	assert.False(t, held.Record)
	assert.Equal(t, videosdk.SIPRegion("in002"), held.GeoRegion)

	// Outbound: address, transport and credentials; the password is never shown.
	var o videosdk.SIPGateway
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "gateways", "create", "-outbound", "-name", "Carrier", "-numbers", "+14155550100",
		"-address", "sip.a.example.com", "-json")), &o))
	h.env["VIDEOSDK_SIP_PASSWORD"] = "new-carrier-secret"
	out = h.ok("sip", "gateways", "update", "-outbound", o.ID, "-address", "sip.b.example.com:5061", "-transport", "tcp", "-username", "trunk", "-json")
	assert.NotContains(t, out, "new-carrier-secret")
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, "[redacted]", got.Auth.Password)
	held, err = api.SIP.OutboundGateways.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, "sip.b.example.com:5061", held.Address)
	assert.Equal(t, videosdk.SIPTransportTCP, held.Transport)
	require.NotNil(t, held.Auth)
	assert.Equal(t, "trunk", held.Auth.Username)
	assert.Equal(t, "new-carrier-secret", held.Auth.Password, "the password from the environment reached the fake")
	assert.NotContains(t, h.ok("sip", "gateways", "update", "-outbound", o.ID, "-name", "Carrier B"), "new-carrier-secret")

	// Bad input: refused before any request (-preserve's GET included).
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", "-name", "x"), "GATEWAY_ID")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID), "nothing to change")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-preserve"), "nothing to change")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-address", "h"), "outbound")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-transport", "udp"), "outbound")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-numbers", " , "), "at least one")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-preserve", "-numbers", "12345"), "E.164")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-name", ""), "name")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-region", ""), "geoRegion")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", "-outbound", o.ID, "-transport", "carrier-pigeon"), "transport")
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-record=maybe"), "record")
	h.env["VIDEOSDK_SIP_PASSWORD"] = ""
	assert.Contains(t, refused(t, h, srv, "sip", "gateways", "update", in.ID, "-username", "u"), "VIDEOSDK_SIP_PASSWORD")

	r := h.run("sip", "gateways", "update", "-outbound", in.ID, "-name", "x")
	assert.Equal(t, 1, r.code, "an inbound gateway's id is unknown among outbound gateways")
	assert.Contains(t, r.stderr, "404")
}

// rules update changes what it is given; the room flags are those of create.
func TestSIPRulesUpdate(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.env["VIDEOSDK_SIP_PASSWORD"] = "carrier-secret"
	ctx := context.Background()
	h.ok("sip", "numbers", "create", "-name", "Support", "-numbers", "+14155550100,+14155550101", "-address", "sip.example-carrier.com")
	var r1, r2 videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &r1))
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &r2))
	var rule videosdk.SIPRoutingRule
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "rules", "create", "-name", "Desk", "-type", "inbound", "-numbers", "+14155550100",
		"-room", r1.RoomID, "-json")), &rule))

	var got videosdk.SIPRoutingRule
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "rules", "update", rule.ID, "-name", "Front desk", "-numbers", "+14155550101",
		"-room", r2.RoomID, "-agent", "agent-7", "-json")), &got))
	assert.Equal(t, rule.ID, got.ID)
	held, err := srv.Client().SIP.RoutingRules.Get(ctx, rule.ID)
	require.NoError(t, err)
	assert.Equal(t, "Front desk", held.Name)
	assert.Equal(t, []string{"+14155550101"}, held.Numbers)
	require.NotNil(t, held.Room)
	assert.Equal(t, videosdk.SIPRuleRoom{Type: videosdk.SIPRoomStatic, ID: r2.RoomID}, *held.Room)
	assert.Equal(t, "agent-7", held.AgentID)
	assert.Equal(t, videosdk.SIPInbound, held.Type)

	out := h.ok("sip", "rules", "update", rule.ID, "-dynamic", "-prefix", "random")
	assert.Regexp(t, `Room:\s+dynamic \(random\)`, out)
	assert.Regexp(t, `Name:\s+Front desk`, out, "fields not given stay")
	held, err = srv.Client().SIP.RoutingRules.Get(ctx, rule.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPRuleRoom{Type: videosdk.SIPRoomDynamic, Prefix: videosdk.SIPRoomPrefixRandom}, *held.Room)
	assert.Equal(t, "agent-7", held.AgentID)

	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", "-name", "x"), "RULE_ID")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID), "nothing to change")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-dynamic=false"), "nothing to change")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-room", r1.RoomID, "-dynamic"), "exclude")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-prefix", "random"), "-prefix needs -dynamic")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-room", ""), "-room")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-numbers", ""), "at least one")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-numbers", "5550100"), "E.164")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", rule.ID, "-name", ""), "name")
	assert.Contains(t, refused(t, h, srv, "sip", "rules", "update", "../x", "-name", "y"), "ruleID")

	res := h.run("sip", "rules", "update", "6819d2dbccbe61526d9e5600", "-name", "y")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "404")
}

// numbers update-gateway changes the gateways of phone numbers.
func TestSIPNumbersUpdateGateway(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.env["VIDEOSDK_SIP_PASSWORD"] = "carrier-secret"
	ctx := context.Background()
	h.ok("sip", "numbers", "create", "-name", "Support", "-numbers", "+14155550100", "-address", "sip.example-carrier.com")
	var n videosdk.SIPPhoneNumber
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "numbers", "get", "+14155550100", "-json")), &n))
	require.NotNil(t, n.Inbound)
	require.NotNil(t, n.Outbound)

	h.env["VIDEOSDK_SIP_PASSWORD"] = "rotated-secret"
	out := h.ok("sip", "numbers", "update-gateway", n.Outbound.ID, "-name", "Carrier B", "-address", "sip.b.example.com",
		"-transport", "tcp", "-username", "trunk", "-region", "in002", "-media-encryption", "disable")
	assert.Regexp(t, `Result:\s+\S`, out)
	assert.NotContains(t, out, "rotated-secret")
	var m videosdk.MessageResponse
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "numbers", "update-gateway", n.Inbound.ID, "-name", "Inbound B", "-json")), &m))
	assert.NotEmpty(t, m.Message)

	held, err := srv.Client().SIP.PhoneNumbers.Get(ctx, "+14155550100")
	require.NoError(t, err)
	g := held.Outbound
	require.NotNil(t, g)
	assert.Equal(t, "Carrier B", g.Name)
	assert.Equal(t, "sip.b.example.com", g.Address)
	assert.Equal(t, videosdk.SIPTransportTCP, g.Transport)
	assert.Equal(t, videosdk.SIPRegion("in002"), g.GeoRegion)
	assert.Equal(t, videosdk.SIPMediaEncryptionDisable, g.MediaEncryption)
	require.NotNil(t, g.Auth)
	assert.Equal(t, "trunk", g.Auth.Username)
	assert.Equal(t, "Inbound B", held.Inbound.Name)

	// What only the server knows (the gateway is inbound) is its answer: status 1.
	res := h.run("sip", "numbers", "update-gateway", n.Inbound.ID, "-address", "sip.c.example.com")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "400")

	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", "-name", "x"), "GATEWAY_ID")
	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", n.Outbound.ID), "nothing to change")
	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", n.Outbound.ID, "-region", ""), "-region needs a value")
	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", n.Outbound.ID, "-media-encryption", "maybe"), "mediaEncryption")
	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", n.Outbound.ID, "-transport", "pigeon"), "transport")
	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", n.Outbound.ID, "-name", ""), "name")
	h.env["VIDEOSDK_SIP_PASSWORD"] = ""
	assert.Contains(t, refused(t, h, srv, "sip", "numbers", "update-gateway", n.Outbound.ID, "-username", "u"), "VIDEOSDK_SIP_PASSWORD")
}

// calls switch-room moves an answered call; the fake's call is then in the
// new room, as the participant given.
func TestSIPCallsSwitchRoom(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.env["VIDEOSDK_SIP_PASSWORD"] = "carrier-secret"
	ctx := context.Background()
	h.ok("sip", "numbers", "create", "-name", "Support", "-numbers", "+14155550100", "-address", "sip.example-carrier.com")
	var r1, r2 videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &r1))
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &r2))
	var call videosdk.SIPCall
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "calls", "create", "-to", "+14155550123", "-from", "+14155550100",
		"-room", r1.RoomID, "-participant", "callee", "-wait", "-json")), &call))

	var got videosdk.SIPCall
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "calls", "switch-room", call.ID, "-room", r2.RoomID, "-participant", "caller-2", "-json")), &got))
	assert.Equal(t, call.ID, got.ID)
	held, err := srv.Client().SIP.Calls.Get(ctx, call.ID)
	require.NoError(t, err)
	assert.Equal(t, r2.RoomID, held.RoomID)
	assert.Equal(t, videosdk.SIPCallAnswered, held.Status)
	require.NotEmpty(t, held.SessionID)
	var ids []string
	for p, err := range srv.Client().Sessions.AllActiveParticipants(ctx, held.SessionID, videosdk.ListOptions{}) {
		require.NoError(t, err)
		ids = append(ids, p.ParticipantID)
	}
	assert.Contains(t, ids, "caller-2", "the leg joined the new room as -participant")

	out := h.ok("sip", "calls", "switch-room", call.ID, "-room", r1.RoomID)
	assert.Regexp(t, `Call ID:\s+`+call.ID, out)
	held, err = srv.Client().SIP.Calls.Get(ctx, call.ID)
	require.NoError(t, err)
	assert.Equal(t, r1.RoomID, held.RoomID)

	assert.Contains(t, refused(t, h, srv, "sip", "calls", "switch-room", call.ID), "-room is required")
	assert.Contains(t, refused(t, h, srv, "sip", "calls", "switch-room", call.ID, "-room", ""), "-room is required")
	assert.Contains(t, refused(t, h, srv, "sip", "calls", "switch-room", "-room", r2.RoomID), "CALL_ID")
	assert.Contains(t, refused(t, h, srv, "sip", "calls", "switch-room", " ", "-room", r2.RoomID), "callId")

	res := h.run("sip", "calls", "switch-room", call.ID, "-room", "no-such-room")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "404")
}

// webhooks get shows one webhook; webhooks update replaces its URL and events.
func TestSIPWebhooksGetUpdate(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	ctx := context.Background()
	var w videosdk.SIPWebhook
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "webhooks", "create", "-url", "https://example.com/sip", "-events", "call-started", "-json")), &w))

	out := h.ok("sip", "webhooks", "get", w.ID)
	assert.Regexp(t, `Webhook ID:\s+`+w.ID, out)
	assert.Regexp(t, `URL:\s+https://example.com/sip`, out)
	var got videosdk.SIPWebhook
	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "webhooks", "get", w.ID, "-json")), &got))
	assert.Equal(t, w, got)

	require.NoError(t, json.Unmarshal([]byte(h.ok("sip", "webhooks", "update", w.ID, "-url", "https://example.com/calls",
		"-events", "call-answered, call-hangup", "-json")), &got))
	assert.Equal(t, w.ID, got.ID)
	held, err := srv.Client().SIP.Webhooks.Get(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/calls", held.URL)
	assert.Equal(t, []videosdk.WebhookEventType{videosdk.WebhookCallAnswered, videosdk.WebhookCallHangup}, held.Events)

	// Credentials in the URL are not shown in the human-readable view.
	out = h.ok("sip", "webhooks", "update", w.ID, "-url", "https://user:pass-7f@example.com/h?token=tok-9e", "-events", "call-started")
	assert.NotContains(t, out, "pass-7f")
	assert.NotContains(t, out, "tok-9e")
	assert.NotContains(t, h.ok("sip", "webhooks", "get", w.ID), "tok-9e")

	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "get"), "WEBHOOK_ID")
	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "update", w.ID, "-events", "call-started"), "-url is required")
	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "update", w.ID, "-url", "https://example.com/h"), "-events is required")
	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "update", w.ID, "-url", "https://example.com/h", "-events", ","), "events")
	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "update", w.ID, "-url", "example.com/h", "-events", "call-started"), "url")
	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "update", w.ID, "-url", "https://example.com/h", "-events", "call started"), "events")
	assert.Contains(t, refused(t, h, srv, "sip", "webhooks", "update", "-url", "https://example.com/h", "-events", "call-started"), "WEBHOOK_ID")

	res := h.run("sip", "webhooks", "get", "6819d2dbccbe61526d9e5600")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "404")
}
