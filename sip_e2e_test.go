package videosdk_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// sipReceiver is a backend's webhook endpoint built with WebhookHandler: it
// records every SIP call event (with the call it carries) and every room
// event it receives.
type sipReceiver struct {
	mu     sync.Mutex
	events []videosdk.WebhookEventType
	calls  []*videosdk.SIPCall
	url    string
}

func newSIPReceiver(t *testing.T, srv *videosdktest.Server) *sipReceiver {
	t.Helper()
	rec := &sipReceiver{}
	h := videosdk.NewWebhookHandler(srv.WebhookPublicKey())
	h.On("*", func(_ context.Context, ev *videosdk.WebhookEvent) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.events = append(rec.events, ev.Type)
		if ev.IsSIPEvent() {
			call, err := ev.SIPCall()
			if err != nil {
				return err
			}
			rec.calls = append(rec.calls, call)
		}
		return nil
	})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	rec.url = ts.URL
	return rec
}

func (r *sipReceiver) take(t *testing.T, srv *videosdktest.Server) []videosdk.WebhookEventType {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.FlushWebhooks(ctx))
	for _, d := range srv.Deliveries() {
		require.Equal(t, 200, d.StatusCode, "delivery %s to %s: %v", d.Type, d.URL, d.Err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.events
	r.events = nil
	return out
}

// provisionSIP sets up what a telephony backend has in production: a
// provisioned number with its gateways, and a SIP webhook for every call
// event.
func provisionSIP(t *testing.T, client *videosdk.Client, number, webhookURL string) {
	t.Helper()
	ctx := context.Background()
	_, err := client.SIP.PhoneNumbers.Create(ctx, videosdk.CreateSIPPhoneNumbersParams{
		Name: "Support", PhoneNumbers: []string{number},
		Inbound:  videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionUS002},
		Outbound: videosdk.SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: videosdk.SIPRegionUS002},
	})
	require.NoError(t, err)
	_, err = client.SIP.Webhooks.Create(ctx, videosdk.SIPWebhookParams{URL: webhookURL, Events: videosdk.SIPWebhookEvents()})
	require.NoError(t, err)
}

// TestSIPOutboundCallLifecycle places an outbound call on the fake, sees its
// participant join the room through the sessions API (and the room's
// participant-joined webhook), transfers it to a busy number (the transfer
// fails, the call stays in the room), ends it, and transfers a second call
// successfully; every documented call webhook arrives through
// WebhookHandler, signed.
func TestSIPOutboundCallLifecycle(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	rec := newSIPReceiver(t, srv)
	provisionSIP(t, client, "+14155550100", rec.url)
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{
		Webhook: &videosdk.RoomWebhook{EndPoint: rec.url, Events: []videosdk.WebhookEventType{videosdk.WebhookParticipantJoined, videosdk.WebhookParticipantLeft}},
	})
	require.NoError(t, err)

	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{
		To: "+14155550123", From: "+14155550100", RoomID: room.RoomID, Participant: &videosdk.SIPCallParticipant{ID: "callee-1"},
	})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallInitiated, call.Status)
	assert.Equal(t, room.RoomID, call.RoomID)

	// The next request finds the call answered and the callee in the room.
	call, err = client.SIP.Calls.Get(ctx, call.ID)
	require.NoError(t, err)
	require.Equal(t, videosdk.SIPCallAnswered, call.Status)
	require.NotEmpty(t, call.SessionID)
	active, err := client.Sessions.ListActiveParticipants(ctx, call.SessionID, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, active.Data, 1)
	assert.Equal(t, "callee-1", active.Data[0].ParticipantID)
	assert.Equal(t, "+14155550123", active.Data[0].Name)
	assert.Equal(t, []videosdk.WebhookEventType{
		videosdk.WebhookCallStarted, videosdk.WebhookCallRinging, videosdk.WebhookParticipantJoined, videosdk.WebhookCallAnswered,
	}, rec.take(t, srv))

	// A transfer to a busy number fails: the call is answered again.
	require.NoError(t, srv.SetCallee("+14155550199", videosdktest.CalleeBusy))
	tr, err := client.SIP.Calls.Transfer(ctx, videosdk.TransferSIPCallParams{CallID: call.ID, TransferTo: "+14155550199"})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallTransferInitiated, tr.Status)
	call, err = client.SIP.Calls.Get(ctx, call.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, call.Status)
	assert.Equal(t, []videosdk.WebhookEventType{
		videosdk.WebhookCallTransferInitiated, videosdk.WebhookCallTransferAccepted, videosdk.WebhookCallTransferring,
		videosdk.WebhookCallTransferRinging, videosdk.WebhookCallTransferFailed, videosdk.WebhookCallUpdate,
	}, rec.take(t, srv))

	// End it: the callee leaves, the session goes on.
	ended, err := client.SIP.Calls.End(ctx, call.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallEnded, ended.Status)
	require.NotNil(t, ended.End)
	active, err = client.Sessions.ListActiveParticipants(ctx, call.SessionID, videosdk.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, active.Data)
	assert.Equal(t, []videosdk.WebhookEventType{videosdk.WebhookParticipantLeft, videosdk.WebhookCallHangup}, rec.take(t, srv))
	_, err = client.SIP.Calls.End(ctx, call.ID)
	assert.ErrorIs(t, err, videosdk.ErrConflict, "an ended call cannot end again")

	// A second call is transferred: it leaves the room, "transferred".
	second, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550124", From: "+14155550100", RoomID: room.RoomID})
	require.NoError(t, err)
	second, err = client.SIP.Calls.Transfer(ctx, videosdk.TransferSIPCallParams{CallID: second.ID, TransferTo: "sip:desk@pbx.example.com"})
	require.NoError(t, err)
	second, err = client.SIP.Calls.Get(ctx, second.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallTransferred, second.Status)
	assert.True(t, second.Status.Terminal())
	assert.Equal(t, []videosdk.WebhookEventType{
		videosdk.WebhookCallStarted, videosdk.WebhookCallRinging, videosdk.WebhookParticipantJoined, videosdk.WebhookCallAnswered,
		videosdk.WebhookCallTransferInitiated, videosdk.WebhookCallTransferAccepted, videosdk.WebhookCallTransferring,
		videosdk.WebhookCallTransferRinging, videosdk.WebhookParticipantLeft, videosdk.WebhookCallTransferred,
	}, rec.take(t, srv))

	// Every call webhook carried the call it is about.
	rec.mu.Lock()
	for _, c := range rec.calls {
		assert.Contains(t, []string{call.ID, second.ID}, c.ID)
	}
	rec.mu.Unlock()
}

// TestSIPCallRoomSwitchAndMissedCall covers the remaining call webhooks: a
// room switch that completes and one that fails, and a call nobody answers
// (its ringing timeout passes on the fake's clock).
func TestSIPCallRoomSwitchAndMissedCall(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	srv := videosdktest.NewServer(videosdktest.WithClock(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}))
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	rec := newSIPReceiver(t, srv)
	provisionSIP(t, client, "+14155550100", rec.url)
	lobby, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	desk, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)

	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoomID: lobby.RoomID, WaitUntilAnswered: true})
	require.NoError(t, err)
	require.Equal(t, videosdk.SIPCallAnswered, call.Status)
	moved, err := client.SIP.Calls.SwitchRoom(ctx, videosdk.SwitchSIPCallRoomParams{CallID: call.ID, RoomID: desk.RoomID})
	require.NoError(t, err)
	assert.Equal(t, desk.RoomID, moved.RoomID)
	// Switching to the room it is already in fails; the call stays answered.
	again, err := client.SIP.Calls.SwitchRoom(ctx, videosdk.SwitchSIPCallRoomParams{CallID: call.ID, RoomID: desk.RoomID})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallAnswered, again.Status)
	assert.Equal(t, []videosdk.WebhookEventType{
		videosdk.WebhookCallStarted, videosdk.WebhookCallRinging, videosdk.WebhookCallAnswered,
		videosdk.WebhookSwitchRoomInitiated, videosdk.WebhookSwitchRoomCompleted, videosdk.WebhookCallUpdate,
		videosdk.WebhookSwitchRoomInitiated, videosdk.WebhookSwitchRoomFailed, videosdk.WebhookCallUpdate,
	}, rec.take(t, srv))

	require.NoError(t, srv.SetCallee("+14155550124", videosdktest.CalleeNoAnswer))
	missed, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550124", From: "+14155550100", RoomID: lobby.RoomID, RingingTimeout: 20})
	require.NoError(t, err)
	mu.Lock()
	now = now.Add(20 * time.Second)
	mu.Unlock()
	missed, err = client.SIP.Calls.Get(ctx, missed.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallNotAnswered, missed.Status)
	assert.Equal(t, []videosdk.WebhookEventType{videosdk.WebhookCallStarted, videosdk.WebhookCallRinging, videosdk.WebhookCallMissed}, rec.take(t, srv))
}

// TestSIPInboundCallFollowsRoutingRule: an inbound call to a number with a
// routing rule lands in the rule's room.
func TestSIPInboundCallFollowsRoutingRule(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	rec := newSIPReceiver(t, srv)
	provisionSIP(t, client, "+14155550100", rec.url)
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	rule, err := client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name: "Support", Type: videosdk.SIPInbound, PhoneNumbers: []string{"+14155550100"},
		Room: &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomStatic, ID: room.RoomID},
	})
	require.NoError(t, err)

	id, err := srv.SimulateInboundCall("+14155550100", "+919876543210")
	require.NoError(t, err)
	call, err := client.SIP.Calls.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPInbound, call.Type)
	assert.Equal(t, videosdk.SIPCallAnswered, call.Status)
	assert.Equal(t, room.RoomID, call.RoomID)
	assert.Equal(t, rule.ID, call.RuleID)
	parts, err := client.Sessions.ListActiveParticipants(ctx, call.SessionID, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, parts.Data, 1)
	assert.Equal(t, "+919876543210", parts.Data[0].Name)
	assert.Equal(t, []videosdk.WebhookEventType{videosdk.WebhookCallStarted, videosdk.WebhookCallUpdate, videosdk.WebhookCallAnswered}, rec.take(t, srv))

	// A number without an inbound rule rejects its calls.
	_, err = client.SIP.PhoneNumbers.Create(ctx, videosdk.CreateSIPPhoneNumbersParams{
		Name: "Unrouted", PhoneNumbers: []string{"+14155550111"},
		Inbound:  videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionAuto},
		Outbound: videosdk.SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: videosdk.SIPRegionAuto},
	})
	require.NoError(t, err)
	id, err = srv.SimulateInboundCall("+14155550111", "+919876543210")
	require.NoError(t, err)
	call, err = client.SIP.Calls.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPCallRejected, call.Status)
}
