package videosdktest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func placeCall(t *testing.T, client *videosdk.Client, to, roomID string) *videosdk.SIPCall {
	t.Helper()
	c, err := client.SIP.Calls.Create(context.Background(), videosdk.CreateSIPCallParams{To: to, From: "+14155550100", RoomID: roomID})
	require.NoError(t, err)
	return c
}

func callStatus(t *testing.T, client *videosdk.Client, id string) videosdk.SIPCallStatus {
	t.Helper()
	c, err := client.SIP.Calls.Get(context.Background(), id)
	require.NoError(t, err)
	return c.Status
}

func TestSIPCallCalleeFaults(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	client := srv.Client()
	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	require.NoError(t, srv.SetCallee("+14155550001", CalleeBusy))
	require.NoError(t, srv.SetCallee("+14155550002", CalleeUnreachable))
	require.NoError(t, srv.SetCallee("+14155550003", CalleeNoAnswer))

	busy := placeCall(t, client, "+14155550001", roomID)
	unreachable := placeCall(t, client, "+14155550002", roomID)
	noAnswer := placeCall(t, client, "+14155550003", roomID)
	assert.Equal(t, videosdk.SIPCallRejected, callStatus(t, client, busy.ID))
	assert.Equal(t, videosdk.SIPCallFailed, callStatus(t, client, unreachable.ID))
	assert.Equal(t, videosdk.SIPCallRinging, callStatus(t, client, noAnswer.ID))
	clock.add(DefaultRingingTimeout)
	c, err := client.SIP.Calls.Get(context.Background(), noAnswer.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallNotAnswered, c.Status)
	require.NotNil(t, c.End)
	assert.Equal(t, c.Start.Add(DefaultRingingTimeout), *c.End, "stamped when it was due")

	// None of them joined the room.
	rooms, err := client.Sessions.List(context.Background(), videosdk.ListSessionsParams{})
	require.NoError(t, err)
	assert.Empty(t, rooms.Data)

	// Calls not answered cannot be ended, transferred or moved; calls that
	// are over cannot either.
	_, err = client.SIP.Calls.End(context.Background(), busy.ID)
	assert.ErrorIs(t, err, videosdk.ErrConflict)
	ringing := placeCall(t, client, "+14155550003", roomID)
	_, err = client.SIP.Calls.End(context.Background(), ringing.ID)
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)
	_, err = client.SIP.Calls.Transfer(context.Background(), videosdk.TransferSIPCallParams{CallID: ringing.ID, TransferTo: "+14155550009"})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)
	_, err = client.SIP.Calls.SwitchRoom(context.Background(), videosdk.SwitchSIPCallRoomParams{CallID: ringing.ID, RoomID: roomID})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)
	require.NoError(t, srv.HangUp(ringing.ID))
	assert.Equal(t, videosdk.SIPCallRejected, callStatus(t, client, ringing.ID))
}

func TestSIPCallMovesOnTheClock(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(5*time.Second))
	t.Cleanup(srv.Close)
	client := srv.Client()
	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	c := placeCall(t, client, "+14155550123", roomID)
	assert.Equal(t, videosdk.SIPCallRinging, callStatus(t, client, c.ID))
	clock.add(5 * time.Second)
	got, err := client.SIP.Calls.Get(context.Background(), c.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, got.Status)
	assert.JSONEq(t, `[{"status":"initiated","time":"2025-06-10T05:45:00.000Z"},{"status":"ringing","time":"2025-06-10T05:45:00.000Z"},{"status":"answered","time":"2025-06-10T05:45:05.000Z"}]`, string(got.Timelog))

	// A transfer rings the target for the delay too.
	_, err = client.SIP.Calls.Transfer(context.Background(), videosdk.TransferSIPCallParams{CallID: c.ID, TransferTo: "+14155550124"})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallTransferRinging, callStatus(t, client, c.ID))
	clock.add(5 * time.Second)
	assert.Equal(t, videosdk.SIPCallTransferred, callStatus(t, client, c.ID))
}

func TestSIPCallWaitUntilAnswered(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithProcessingDelay(time.Hour))
	t.Cleanup(srv.Close)
	client := srv.Client()
	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	c, err := client.SIP.Calls.Create(context.Background(), videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoomID: roomID, WaitUntilAnswered: true})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, c.Status)
	require.NoError(t, srv.SetCallee("+14155550124", CalleeNoAnswer))
	c, err = client.SIP.Calls.Create(context.Background(), videosdk.CreateSIPCallParams{To: "+14155550124", From: "+14155550100", RoomID: roomID, WaitUntilAnswered: true, RingingTimeout: 5})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallNotAnswered, c.Status)
	assert.Equal(t, c.Start.Add(5*time.Second), *c.End)
}

func TestSIPCallSwitchRoomAndRemoval(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	provisionNumber(t, srv, "+14155550100")
	first, second := newRoom(t, srv), newRoom(t, srv)
	c := placeCall(t, client, "+14155550123", first)
	got, err := client.SIP.Calls.Get(ctx, c.ID)
	require.NoError(t, err)
	oldSession := got.SessionID

	moved, err := client.SIP.Calls.SwitchRoom(ctx, videosdk.SwitchSIPCallRoomParams{CallID: c.ID, RoomID: second, ParticipantID: "moved-1"})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, moved.Status)
	assert.Equal(t, second, moved.RoomID)
	assert.NotEqual(t, oldSession, moved.SessionID)
	old, err := client.Sessions.ListActiveParticipants(ctx, oldSession, videosdk.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, old.Data, "left the first room")
	now, err := client.Sessions.ListActiveParticipants(ctx, moved.SessionID, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, now.Data, 1)
	assert.Equal(t, "moved-1", now.Data[0].ParticipantID)
	_, err = client.SIP.Calls.SwitchRoom(ctx, videosdk.SwitchSIPCallRoomParams{CallID: c.ID, RoomID: "zzzz-zzzz-zzzz"})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)

	// Removing the participant hangs the call up.
	_, err = client.Sessions.RemoveParticipant(ctx, videosdk.RemoveParticipantParams{SessionID: moved.SessionID, ParticipantID: "moved-1"})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallEnded, callStatus(t, client, c.ID))
}

func TestSIPCallCreateRefuses(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	for name, body := range map[string]map[string]any{
		"no to":              {"sipCallFrom": "+14155550100", "destinationRoomId": roomID},
		"bad to":             {"sipCallTo": "123", "sipCallFrom": "+14155550100", "destinationRoomId": roomID},
		"no from or gateway": {"sipCallTo": "+14155550123", "destinationRoomId": roomID},
		"unprovisioned from": {"sipCallTo": "+14155550123", "sipCallFrom": "+14155550999", "destinationRoomId": roomID},
		"no room":            {"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100"},
		"negative timeout":   {"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "destinationRoomId": roomID, "ringingTimeout": -1},
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", "/v2/sip/call", body) })
	}
	fails(t, srv, 404, "POST", "/v2/sip/call", map[string]any{"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "destinationRoomId": "zzzz-zzzz-zzzz"})
	fails(t, srv, 404, "POST", "/v2/sip/call", map[string]any{"sipCallTo": "+14155550123", "gatewayId": "nope", "destinationRoomId": roomID})
	fails(t, srv, 404, "GET", "/v2/sip/call/nope", nil)
	fails(t, srv, 404, "POST", "/v2/sip/call/end", map[string]any{"callId": "nope"})
}

func TestSIPCallsThroughOutboundRule(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	provisionNumber(t, srv, "+14155550100")
	rule, err := client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name: "Dialer", Type: videosdk.SIPOutbound, Room: &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomDynamic}, HidePhoneNumber: true,
	})
	require.NoError(t, err)
	a, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoutingRuleID: rule.ID})
	require.NoError(t, err)
	b, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550124", From: "+14155550100", RoutingRuleID: rule.ID})
	require.NoError(t, err)
	assert.NotEqual(t, a.RoomID, b.RoomID, "a dynamic rule makes a room per call")
	room, err := client.Rooms.Get(ctx, a.RoomID)
	require.NoError(t, err)
	assert.Equal(t, a.RoomID, room.RoomID)
	got, err := client.SIP.Calls.Get(ctx, a.ID)
	require.NoError(t, err)
	parts, err := client.Sessions.ListActiveParticipants(ctx, got.SessionID, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, parts.Data, 1)
	assert.Empty(t, parts.Data[0].Name, "the rule hides the number")

	list, err := client.SIP.Calls.List(ctx, videosdk.ListSIPCallsParams{RuleID: rule.ID, Search: "5550124"})
	require.NoError(t, err)
	require.Len(t, list.Data, 1)
	assert.Equal(t, b.ID, list.Data[0].ID)
	list, err = client.SIP.Calls.List(ctx, videosdk.ListSIPCallsParams{Type: videosdk.SIPInbound})
	require.NoError(t, err)
	assert.Empty(t, list.Data)
	list, err = client.SIP.Calls.List(ctx, videosdk.ListSIPCallsParams{StartDate: got.Start.Add(time.Hour)})
	require.NoError(t, err)
	assert.Empty(t, list.Data)
}

func TestSimulateInboundCall(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	provisionNumber(t, srv, "+14155550100")
	_, err := srv.SimulateInboundCall("4155550100", "+14155550123")
	require.Error(t, err)
	_, err = srv.SimulateInboundCall("+14155550100", "not a number")
	require.Error(t, err)
	_, err = srv.SimulateInboundCall("+14155550199", "+14155550123")
	require.Error(t, err, "no gateway answers it")

	_, err = client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name: "India only", Type: videosdk.SIPInbound, PhoneNumbers: []string{"+14155550100"},
		Room: &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomDynamic}, AllowedNumbers: []string{"+91*"},
	})
	require.NoError(t, err)
	refused, err := srv.SimulateInboundCall("+14155550100", "+14155550123")
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallRejected, callStatus(t, client, refused))

	a, err := srv.SimulateInboundCall("+14155550100", "+919876543210")
	require.NoError(t, err)
	b, err := srv.SimulateInboundCall("+14155550100", "+919876543211")
	require.NoError(t, err)
	ca, err := client.SIP.Calls.Get(ctx, a)
	require.NoError(t, err)
	cb, err := client.SIP.Calls.Get(ctx, b)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, ca.Status)
	assert.NotEqual(t, ca.RoomID, cb.RoomID, "a room per call")

	// The caller hangs up.
	require.NoError(t, srv.HangUp(a))
	assert.Equal(t, videosdk.SIPCallEnded, callStatus(t, client, a))
	require.Error(t, srv.HangUp(a))
	require.Error(t, srv.HangUp("nope"))
}

// More of what POST /v2/sip/call refuses, and what it takes from a gateway,
// a rule and the participant object.
func TestSIPCallCreateRefusesMore(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	provisionNumber(t, srv, "+14155550100")
	roomID := newRoom(t, srv)
	inRule := ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "in", "type": "inbound"})
	goneRoom := ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "static", "type": "outbound", "room": map[string]any{"type": "static", "id": "zzzz-zzzz-zzzz"}})
	empty := ok(t, srv, "POST", "/v2/sip/outbound-gateways", map[string]any{"name": "e", "numbers": []string{"+14155550177"}, "address": "h"})
	ok(t, srv, "PATCH", "/v2/sip/outbound-gateways/"+empty["id"].(string), map[string]any{"numbers": []string{}})
	base := func(extra map[string]any) map[string]any {
		m := map[string]any{"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "destinationRoomId": roomID}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for name, body := range map[string]map[string]any{
		"bad from":           base(map[string]any{"sipCallFrom": "0100"}),
		"negative duration":  base(map[string]any{"maxCallDuration": -5}),
		"encryption":         base(map[string]any{"mediaEncryption": "on"}),
		"includeHeaders":     base(map[string]any{"includeHeaders": "SOME"}),
		"metadata array":     base(map[string]any{"metadata": []string{"a"}}),
		"inbound rule":       base(map[string]any{"routingRuleId": inRule["id"]}),
		"gateway no numbers": {"sipCallTo": "+14155550123", "gatewayId": empty["id"], "destinationRoomId": roomID},
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", "/v2/sip/call", body) })
	}
	fails(t, srv, 404, "POST", "/v2/sip/call", base(map[string]any{"routingRuleId": "nope"}))
	fails(t, srv, 404, "POST", "/v2/sip/call", map[string]any{"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "routingRuleId": goneRoom["id"]})
	for _, q := range []string{"startDate=yesterday", "endDate=1.5", "type=both"} {
		fails(t, srv, 400, "GET", "/v2/sip/call?"+q, nil)
	}
	list, err := client.SIP.Calls.List(ctx, videosdk.ListSIPCallsParams{})
	require.NoError(t, err)
	assert.Empty(t, list.Data, "a refused call is not stored")

	// A gateway id alone: the call is from the gateway's first number; the
	// participant object names the leg.
	n := ok(t, srv, "GET", "/v2/sip/phone-numbers/+14155550100", nil)
	gw := n["outbound"].(map[string]any)["id"].(string)
	c, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "sip:alice@example.com", GatewayID: gw, RoomID: roomID,
		Participant: &videosdk.SIPCallParticipant{ID: "caller-1", Name: "Alice"}, Metadata: map[string]any{"crm": "42"}})
	require.NoError(t, err)
	assert.Equal(t, "+14155550100", c.From)
	got, err := client.SIP.Calls.Get(ctx, c.ID)
	require.NoError(t, err)
	require.Equal(t, videosdk.SIPCallAnswered, got.Status)
	parts, err := client.Sessions.ListActiveParticipants(ctx, got.SessionID, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, parts.Data, 1)
	assert.Equal(t, "caller-1", parts.Data[0].ParticipantID)
	assert.Equal(t, "Alice", parts.Data[0].Name)

	ok(t, srv, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": roomID})
	fails(t, srv, 400, "POST", "/v2/sip/call", base(nil))
}

// Transfer, end and switch-room need an answered call (400 before, 409
// after it is over) and valid targets; switching to the call's own room
// fails the switch and leaves the call answered where it was.
func TestSIPCallActionsRefuse(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(time.Minute))
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	provisionNumber(t, srv, "+14155550100")
	first, second := newRoom(t, srv), newRoom(t, srv)
	c := placeCall(t, client, "+14155550123", first)
	fails(t, srv, 400, "POST", "/v2/sip/call/end", map[string]any{"callId": c.ID})
	fails(t, srv, 400, "POST", "/v2/sip/call/switch-room", map[string]any{"callId": c.ID, "roomId": second})
	fails(t, srv, 400, "POST", "/v2/sip/call/end", map[string]any{})
	clock.add(2 * time.Minute)
	require.Equal(t, videosdk.SIPCallAnswered, callStatus(t, client, c.ID))

	fails(t, srv, 400, "POST", "/v2/sip/call/transfer", map[string]any{"callId": c.ID, "transferTo": "nobody"})
	fails(t, srv, 400, "POST", "/v2/sip/call/switch-room", map[string]any{"callId": c.ID})
	ok(t, srv, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": second})
	fails(t, srv, 400, "POST", "/v2/sip/call/switch-room", map[string]any{"callId": c.ID, "roomId": second})

	same, err := client.SIP.Calls.SwitchRoom(ctx, videosdk.SwitchSIPCallRoomParams{CallID: c.ID, RoomID: first})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, same.Status)
	assert.Equal(t, first, same.RoomID)
	steps := ok(t, srv, "GET", "/v2/sip/call/"+c.ID, nil)
	assert.Contains(t, fmt.Sprint(steps), "switch-room-failed", "the timelog records the failed switch")

	_, err = client.SIP.Calls.End(ctx, c.ID)
	require.NoError(t, err)
	for _, p := range []struct {
		path string
		body map[string]any
	}{
		{"/v2/sip/call/end", map[string]any{"callId": c.ID}},
		{"/v2/sip/call/transfer", map[string]any{"callId": c.ID, "transferTo": "+14155550124"}},
		{"/v2/sip/call/switch-room", map[string]any{"callId": c.ID, "roomId": first}},
	} {
		fails(t, srv, 409, "POST", p.path, p.body)
	}
}

// A call whose room is deactivated before it is answered fails when the
// answer is due.
func TestSIPCallFailsWhenItsRoomRefusesTheJoin(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(time.Minute))
	t.Cleanup(srv.Close)
	client := srv.Client()
	provisionNumber(t, srv, "+14155550100")
	room := newRoom(t, srv)
	c := placeCall(t, client, "+14155550123", room)
	ok(t, srv, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": room})
	clock.add(2 * time.Minute)
	assert.Equal(t, videosdk.SIPCallFailed, callStatus(t, client, c.ID))
}
