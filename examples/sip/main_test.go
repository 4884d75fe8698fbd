package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// syncBuffer is a log destination safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const from = "+14155550100"

type env struct {
	fake   *videosdktest.Server
	client *videosdk.Client
	url    string
	logs   *syncBuffer
	roomID string
}

// setup runs the example in front of a fake VideoSDK API with a provisioned
// number, subscribes its webhook endpoint and creates a room to call into.
func setup(t *testing.T) *env {
	t.Helper()
	fake := videosdktest.NewServer()
	t.Cleanup(fake.Close)
	client := fake.Client(videosdk.WithMaxRetries(0))
	ctx := context.Background()
	_, err := client.SIP.PhoneNumbers.Create(ctx, videosdk.CreateSIPPhoneNumbersParams{
		Name: "Outbound", PhoneNumbers: []string{from},
		Inbound:  videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionAuto},
		Outbound: videosdk.SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: videosdk.SIPRegionAuto},
	})
	require.NoError(t, err)
	logs := &syncBuffer{}
	ts := httptest.NewServer(newHandler(client, from, log.New(logs, "", 0)))
	t.Cleanup(ts.Close)
	require.NoError(t, subscribe(ctx, client, ts.URL+webhookPath))
	require.NoError(t, subscribe(ctx, client, ts.URL+webhookPath), "subscribing again reuses the webhook")
	hooks, err := client.SIP.Webhooks.List(ctx, videosdk.ListSIPWebhooksParams{})
	require.NoError(t, err)
	require.Len(t, hooks.Data, 1)
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	return &env{fake: fake, client: client, url: ts.URL, logs: logs, roomID: room.RoomID}
}

func (e *env) post(t *testing.T, path string, body any) (int, map[string]string) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	res, err := http.Post(e.url+path, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]string
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	return res.StatusCode, out
}

// state reads what the back end learned about a call, once the fake has
// moved it along (any API request does) and delivered its webhooks.
func (e *env) state(t *testing.T, callID string) callState {
	t.Helper()
	_, err := e.client.SIP.Calls.Get(context.Background(), callID)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, e.fake.FlushWebhooks(ctx))
	res, err := http.Get(e.url + "/calls/" + callID)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	var st callState
	require.NoError(t, json.NewDecoder(res.Body).Decode(&st))
	return st
}

func TestAnsweredCall(t *testing.T) {
	t.Parallel()
	e := setup(t)
	status, out := e.post(t, "/calls", map[string]string{"to": "+14155550123", "roomId": e.roomID})
	require.Equal(t, http.StatusAccepted, status, "%v", out)
	st := e.state(t, out["callId"])
	assert.Equal(t, "in-call", st.Outcome)
	assert.Equal(t, []videosdk.WebhookEventType{videosdk.WebhookCallStarted, videosdk.WebhookCallRinging, videosdk.WebhookCallAnswered}, st.Events)
	assert.Contains(t, e.logs.String(), "answered in room "+e.roomID)

	status, _ = e.post(t, "/calls/"+out["callId"]+"/end", nil)
	assert.Equal(t, http.StatusAccepted, status)
	assert.Equal(t, "ended", e.state(t, out["callId"]).Outcome)
}

func TestBusyCallee(t *testing.T) {
	t.Parallel()
	e := setup(t)
	require.NoError(t, e.fake.SetCallee("+14155550123", videosdktest.CalleeBusy))
	status, out := e.post(t, "/calls", map[string]string{"to": "+14155550123", "roomId": e.roomID})
	require.Equal(t, http.StatusAccepted, status)
	st := e.state(t, out["callId"])
	assert.Equal(t, "busy", st.Outcome)
	assert.Equal(t, videosdk.SIPCallRejected, st.Status)
	assert.Contains(t, e.logs.String(), "rejected (busy)")

	// Nothing to end or transfer: the API says the call is over.
	status, _ = e.post(t, "/calls/"+out["callId"]+"/end", nil)
	assert.Equal(t, http.StatusConflict, status)
}

func TestTransfer(t *testing.T) {
	t.Parallel()
	e := setup(t)
	_, out := e.post(t, "/calls", map[string]string{"to": "+14155550123", "roomId": e.roomID})
	callID := out["callId"]
	require.Equal(t, "in-call", e.state(t, callID).Outcome)

	// A transfer to a busy desk fails: the caller stays in the room.
	require.NoError(t, e.fake.SetCallee("+14155550199", videosdktest.CalleeBusy))
	status, _ := e.post(t, "/calls/"+callID+"/transfer", map[string]string{"to": "+14155550199"})
	require.Equal(t, http.StatusAccepted, status)
	st := e.state(t, callID)
	assert.Equal(t, "in-call", st.Outcome)
	assert.Equal(t, videosdk.SIPCallAnswered, st.Status)
	assert.Contains(t, e.logs.String(), "transfer of call "+callID+" failed")

	status, _ = e.post(t, "/calls/"+callID+"/transfer", map[string]string{"to": "sip:desk@pbx.example.com"})
	require.Equal(t, http.StatusAccepted, status)
	st = e.state(t, callID)
	assert.Equal(t, "transferred", st.Outcome)
	assert.Equal(t, videosdk.WebhookCallTransferred, st.Events[len(st.Events)-1])
}

func TestBadRequests(t *testing.T) {
	t.Parallel()
	e := setup(t)
	status, _ := e.post(t, "/calls", map[string]string{"to": "0800 FLOWERS", "roomId": e.roomID})
	assert.Equal(t, http.StatusBadRequest, status)
	status, _ = e.post(t, "/calls", map[string]string{"to": "+14155550123", "roomId": "zzzz-zzzz-zzzz"})
	assert.Equal(t, http.StatusNotFound, status)
	res, err := http.Post(e.url+"/calls", "application/json", strings.NewReader("{"))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	res, err = http.Get(e.url + "/calls/nope")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
}

// An unreachable callee ends the call "failed"; a callee who hangs up ends
// it "ended".
func TestFailedAndHungUpCalls(t *testing.T) {
	t.Parallel()
	e := setup(t)
	require.NoError(t, e.fake.SetCallee("+14155550131", videosdktest.CalleeUnreachable))
	_, out := e.post(t, "/calls", map[string]string{"to": "+14155550131", "roomId": e.roomID})
	st := e.state(t, out["callId"])
	assert.Equal(t, "failed", st.Outcome)
	assert.Equal(t, videosdk.SIPCallFailed, st.Status)
	assert.Contains(t, e.logs.String(), "call "+out["callId"]+" to +14155550131 failed")

	_, out = e.post(t, "/calls", map[string]string{"to": "+14155550132", "roomId": e.roomID})
	require.Equal(t, "in-call", e.state(t, out["callId"]).Outcome)
	require.NoError(t, e.fake.HangUp(out["callId"]))
	st = e.state(t, out["callId"])
	assert.Equal(t, "ended", st.Outcome)
	assert.Equal(t, videosdk.WebhookCallHangup, st.Events[len(st.Events)-1])
}

// The transfer and end endpoints map the SDK's errors: a malformed body or
// target is 400, an unknown call 404, a call not in a state that allows it
// 409; the body carries a generic error, never the upstream text.
func TestTransferAndEndErrors(t *testing.T) {
	t.Parallel()
	e := setup(t)
	res, err := http.Post(e.url+"/calls/x/transfer", "application/json", strings.NewReader("{"))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	status, body := e.post(t, "/calls/x/transfer", map[string]string{"to": "nobody"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, map[string]string{"error": "transferring the call failed"}, body)
	status, _ = e.post(t, "/calls/00000000-0000-4000-8000-000000000000/transfer", map[string]string{"to": "+14155550199"})
	assert.Equal(t, http.StatusNotFound, status)

	_, out := e.post(t, "/calls", map[string]string{"to": "+14155550123", "roomId": e.roomID})
	require.Equal(t, "in-call", e.state(t, out["callId"]).Outcome)
	status, _ = e.post(t, "/calls/"+out["callId"]+"/end", nil)
	assert.Equal(t, http.StatusAccepted, status)
	status, body = e.post(t, "/calls/"+out["callId"]+"/end", nil)
	assert.Equal(t, http.StatusConflict, status, "the call is over")
	assert.Equal(t, map[string]string{"error": "ending the call failed"}, body)
	assert.Contains(t, e.logs.String(), "sip: ending the call:")
}
