package videosdk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestSIPCallsCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/call", golden: "sip_calls_create", fixture: "sip_call.json"})
	call, err := c.SIP.Calls.Create(context.Background(), CreateSIPCallParams{
		To: "+14155550123", From: "+14155550100", RoomID: "abcd-efgh-ijkl",
		Participant: &SIPCallParticipant{ID: "caller-1"}, RoutingRuleID: "rr_02",
		Metadata: map[string]any{"order": "A-17"}, RingingTimeout: 30, MaxCallDuration: 600,
		Headers: map[string]string{"X-Order": "A-17"},
	})
	require.NoError(t, err)
	check()
	start := ts("2026-01-10T09:00:00Z")
	assert.Equal(t, &SIPCall{
		ID: "712350ce-8fff-464d-b427-587bfb66636a", Type: SIPOutbound,
		Status: SIPCallInitiated, // "INITIATED" on the wire: lower-cased
		RoomID: "abcd-efgh-ijkl", To: "+14155550123", From: "+14155550100", GatewayID: "gw_out_01",
		Metadata: map[string]any{"order": "A-17"},
		Timelog:  json.RawMessage(`[{"status":"initiated","time":"2026-01-10T09:00:00.000Z"}]`),
		Start:    &start,
	}, call)
}

func TestSIPCallsCreateToSIPURIWithGateway(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/call", golden: "sip_calls_create_uri", fixture: "sip_call.json"})
	_, err := c.SIP.Calls.Create(context.Background(), CreateSIPCallParams{To: "sip:desk@pbx.example.com", GatewayID: "gw_out_01", WaitUntilAnswered: true})
	require.NoError(t, err)
	check()
}

func TestSIPCallsCreateIsNotRetried(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testutil.URL("/v2/sip/call"), httpmock.NewStringResponder(503, `{"message":"busy"}`))
	_, err := c.SIP.Calls.Create(context.Background(), CreateSIPCallParams{To: "+14155550123", From: "+14155550100"})
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a call must never be placed twice")
}

func TestSIPCallsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/call", fixture: "sip_calls_list.json", query: map[string]string{
		"roomId": "abcd-efgh-ijkl", "sessionId": "s1", "id": "c1", "gatewayId": "gw", "ruleId": "rr", "type": "inbound",
		"search": "+1415", "startDate": "1768035600000", "endDate": "1768039200000", "perPage": "10",
	}})
	p, err := c.SIP.Calls.List(context.Background(), ListSIPCallsParams{
		ListOptions: ListOptions{PerPage: 10}, RoomID: "abcd-efgh-ijkl", SessionID: "s1", ID: "c1", GatewayID: "gw", RuleID: "rr",
		Type: SIPInbound, Search: "+1415", StartDate: ts("2026-01-10T09:00:00Z"), EndDate: ts("2026-01-10T10:00:00Z"),
	})
	require.NoError(t, err)
	check()
	require.Len(t, p.Data, 2)
	assert.Equal(t, "712350ce-8fff-464d-b427-587bfb66636a", p.Data[0].ID, "callId is copied to ID")
	assert.Equal(t, SIPCallAnswered, p.Data[0].Status)
}

func TestSIPCallsAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/call", fixture: "sip_calls_list.json", query: map[string]string{"page": "1", "type": "outbound"}})
	n := 0
	for _, err := range c.SIP.Calls.All(context.Background(), ListSIPCallsParams{Type: SIPOutbound}) {
		require.NoError(t, err)
		n++
	}
	check()
	assert.Equal(t, 2, n)
}

func TestSIPCallsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/call/712350ce-8fff-464d-b427-587bfb66636a", fixture: "sip_call_ended.json"})
	call, err := c.SIP.Calls.Get(context.Background(), "712350ce-8fff-464d-b427-587bfb66636a")
	require.NoError(t, err)
	check()
	require.NotNil(t, call.End)
	assert.Equal(t, ts("2026-01-10T09:03:00Z"), *call.End)
	assert.True(t, call.Status.Terminal())
	assert.Equal(t, "65a0f0f0f0f0f0f0f0f0f0f0", call.SessionID)
}

func TestSIPCallsTransfer(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/call/transfer", golden: "sip_calls_transfer", fixture: "sip_call.json"})
	_, err := c.SIP.Calls.Transfer(context.Background(), TransferSIPCallParams{
		CallID: "712350ce-8fff-464d-b427-587bfb66636a", TransferTo: "sip:agent@pbx.example.com",
		Participant: &SIPCallParticipant{Name: "Escalation"}, PlayDialtone: true,
	})
	require.NoError(t, err)
	check()
}

func TestSIPCallsEnd(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/call/end", golden: "sip_calls_end", fixture: "sip_call_ended.json"})
	call, err := c.SIP.Calls.End(context.Background(), "712350ce-8fff-464d-b427-587bfb66636a")
	require.NoError(t, err)
	check()
	assert.Equal(t, SIPCallEnded, call.Status)
}

func TestSIPCallsSwitchRoom(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/call/switch-room", golden: "sip_calls_switch_room", fixture: "sip_call.json"})
	_, err := c.SIP.Calls.SwitchRoom(context.Background(), SwitchSIPCallRoomParams{
		CallID: "712350ce-8fff-464d-b427-587bfb66636a", RoomID: "wxyz-abcd-efgh", ParticipantID: "caller-1",
	})
	require.NoError(t, err)
	check()
}

func TestSIPCallsSwitchRoomFlatAnswer(t *testing.T) {
	t.Parallel()
	// The API reference shows switch-room answering message plus flat call
	// fields: the tolerant unwrap reads them.
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testutil.URL("/v2/sip/call/switch-room"), httpmock.NewStringResponder(200,
		`{"message":"Room switched","id":"c1","status":"answered","roomId":"wxyz-abcd-efgh"}`))
	call, err := c.SIP.Calls.SwitchRoom(context.Background(), SwitchSIPCallRoomParams{CallID: "c1", RoomID: "wxyz-abcd-efgh"})
	require.NoError(t, err)
	assert.Equal(t, "wxyz-abcd-efgh", call.RoomID)
}

func TestSIPCallStatusTerminal(t *testing.T) {
	t.Parallel()
	for s, want := range map[SIPCallStatus]bool{
		SIPCallInitiated: false, SIPCallRinging: false, SIPCallAnswered: false, SIPCallTransferRinging: false,
		SIPCallEnded: true, SIPCallTransferred: true, SIPCallNotAnswered: true, SIPCallRejected: true, "FAILED": true,
	} {
		assert.Equal(t, want, s.Terminal(), s)
	}
}

func TestSIPCallBadAnswers(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"no id":     `{"data":{"status":"answered"}}`,
		"html":      `<html></html>`,
		"truncated": `{"data":{"id":"c1"`,
		"array":     `[]`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL("/v2/sip/call/c1"), httpmock.NewStringResponder(200, body))
			_, err := c.SIP.Calls.Get(context.Background(), "c1")
			var re *ResponseError
			require.True(t, errors.As(err, &re), "%v", err)
		})
	}
}

func TestSwitchSIPCallRoomParamsRedactsToken(t *testing.T) {
	t.Parallel()
	p := SwitchSIPCallRoomParams{CallID: "c1", RoomID: "r1", Token: "eyJhbGciOiJIUzI1NiJ9.secret.sig"}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(f, p)
		assert.NotContains(t, out, "secret.sig", f)
		assert.Contains(t, out, "c1", f)
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), "secret.sig", "the request still carries it")
}
