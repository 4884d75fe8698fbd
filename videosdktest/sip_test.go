package videosdktest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// provisionNumber provisions e164 with its gateway pair over the API.
func provisionNumber(t *testing.T, srv *Server, e164 string) {
	t.Helper()
	ok(t, srv, "POST", "/v2/sip/phone-numbers", map[string]any{
		"name": "Line " + e164, "phoneNumbers": []string{e164},
		"inbound":  map[string]any{"sipRegion": "us002"},
		"outbound": map[string]any{"address": "sip.example-carrier.com", "sipRegion": "us002"},
	})
}

func TestSIPControlRoutes(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithControlRoutes())
	t.Cleanup(srv.Close)
	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "r", "type": "inbound", "phoneNumbers": []string{"+14155550100"},
		"room": map[string]any{"type": "static", "id": roomID}})

	r := rawCall(t, srv, "POST", "/_fake/sip/inbound-calls", "", map[string]any{"to": "+14155550100", "from": "+14155550123"})
	assert.Equal(t, 401, r.status, "control routes need a token")

	r = control(t, srv, "POST", "sip/inbound-calls", map[string]any{"to": "+14155550100", "from": "+14155550123"})
	require.Equal(t, 200, r.status, "%s", r.body)
	in := r.obj(t)
	assert.Equal(t, "incoming", in["status"])
	assert.Equal(t, roomID, in["roomId"])
	id := in["callId"].(string)
	got := ok(t, srv, "GET", "/v2/sip/call/"+id, nil)["data"].(map[string]any)
	assert.Equal(t, "answered", got["status"])

	r = control(t, srv, "POST", "sip/calls/hangup", map[string]any{"callId": id})
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, "ended", r.obj(t)["status"])
	assert.Equal(t, 409, control(t, srv, "POST", "sip/calls/hangup", map[string]any{"callId": id}).status)

	assert.Equal(t, 400, control(t, srv, "POST", "sip/inbound-calls", map[string]any{"to": "+14155550999", "from": "+14155550123"}).status,
		"no gateway answers the number")
	assert.Equal(t, 400, control(t, srv, "POST", "sip/callees", map[string]any{"number": "+14155550123", "behavior": "asleep"}).status)
	r = control(t, srv, "POST", "sip/callees", map[string]any{"number": "+14155550123", "behavior": "busy"})
	require.Equal(t, 200, r.status, "%s", r.body)
	c := ok(t, srv, "POST", "/v2/sip/call", map[string]any{"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "destinationRoomId": roomID})
	id = c["data"].(map[string]any)["id"].(string)
	assert.Equal(t, "rejected", ok(t, srv, "GET", "/v2/sip/call/"+id, nil)["data"].(map[string]any)["status"])
}

func TestSetCalleeRefusesBadInput(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	require.Error(t, srv.SetCallee("+14155550123", "maybe"))
	require.Error(t, srv.SetCallee(" ", CalleeBusy))
	require.NoError(t, srv.SetCallee("+14155550123", CalleeBusy))
	require.NoError(t, srv.SetCallee("+14155550123", CalleeAnswers))
}
