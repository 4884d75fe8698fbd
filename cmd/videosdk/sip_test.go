package main

import (
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
