package videosdk_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// provisionedLine provisions a number with its gateway pair on the fake, as
// a telephony account has in production.
func provisionedLine(client *videosdk.Client, number string) {
	_, err := client.SIP.PhoneNumbers.Create(context.Background(), videosdk.CreateSIPPhoneNumbersParams{
		Name: "Support", PhoneNumbers: []string{number},
		Inbound:  videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionUS002},
		Outbound: videosdk.SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: videosdk.SIPRegionUS002},
	})
	if err != nil {
		log.Fatal(err)
	}
}

func ExampleSIPPhoneNumbersService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	_, err := client.SIP.PhoneNumbers.Create(ctx, videosdk.CreateSIPPhoneNumbersParams{
		Name:         "Support",
		PhoneNumbers: []string{"+14155550100"},
		Inbound:      videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionUS002},
		Outbound: videosdk.SIPPhoneNumberOutboundSpec{
			Address:   "sip.example-carrier.com",
			SIPRegion: videosdk.SIPRegionUS002,
			Auth:      &videosdk.SIPAuth{Username: "carrier-user", Password: "carrier-password"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	// The API answers with a sentence: read the number back by its E.164 form.
	n, err := client.SIP.PhoneNumbers.Get(ctx, "+14155550100")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.Number.E164, n.Number.Status, n.Outbound.Address)
	// The password never shows when the gateway is printed.
	fmt.Printf("%v\n", *n.Outbound.Auth)
	// Output:
	// +14155550100 active sip.example-carrier.com
	// {Username:carrier-user Password:[redacted]}
}

func ExampleSIPInboundGatewaysService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	g, err := client.SIP.InboundGateways.Create(ctx, videosdk.CreateInboundGatewayParams{
		Name:           "Support line",
		Numbers:        []string{"+14155550100"},
		AllowedNumbers: []string{"+91*"},
		Record:         true,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, g.Numbers, g.Record)
	// Output: Support line [+14155550100] true
}

func ExampleSIPInboundGatewaysService_UpdatePreserving() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	g, err := client.SIP.InboundGateways.Create(ctx, videosdk.CreateInboundGatewayParams{
		Name: "Support line", Numbers: []string{"+14155550100"}, Record: true,
	})
	if err != nil {
		log.Fatal(err)
	}

	// A plain Update that omits Record turns recording off (the API resets
	// omitted booleans); UpdatePreserving keeps it.
	g, err = client.SIP.InboundGateways.UpdatePreserving(ctx, g.ID, videosdk.UpdateGatewayParams{Name: videosdk.Ptr("Care line")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, g.Record)
	g, err = client.SIP.InboundGateways.Update(ctx, g.ID, videosdk.UpdateGatewayParams{Name: videosdk.Ptr("Care")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, g.Record)
	// Output:
	// Care line true
	// Care false
}

func ExampleSIPOutboundGatewaysService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	g, err := client.SIP.OutboundGateways.Create(ctx, videosdk.CreateOutboundGatewayParams{
		Name:    "Carrier",
		Numbers: []string{"+14155550100"},
		Address: "sip.example-carrier.com:5061",
		Auth:    &videosdk.SIPAuth{Username: "user", Password: "secret"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Address, g.Transport)
	// Output: sip.example-carrier.com:5061 tls
}

func ExampleSIPRoutingRulesService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	provisionedLine(client, "+14155550100")

	// Every call to the number gets a room of its own and an AI agent.
	rule, err := client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name:         "Support agent",
		Type:         videosdk.SIPInbound,
		PhoneNumbers: []string{"+14155550100"},
		Room:         &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomDynamic, Prefix: videosdk.SIPRoomPrefixParticipantNumber},
		AgentID:      "deployment-id",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rule.Type, rule.Numbers, rule.Room.Type)
	// Output: inbound [+14155550100] dynamic
}

func ExampleSIPCallsService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	provisionedLine(client, "+14155550100")
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	if err != nil {
		log.Fatal(err)
	}

	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{
		To:          "+14155550123",
		From:        "+14155550100",
		RoomID:      room.RoomID,
		Participant: &videosdk.SIPCallParticipant{ID: "customer-42", Name: "Customer"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(call.Status)

	// Progress arrives through the SIP webhooks; here, read it back.
	call, err = client.SIP.Calls.Get(ctx, call.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(call.Status)
	parts, err := client.Sessions.ListActiveParticipants(ctx, call.SessionID, videosdk.ListOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parts.Data[0].ParticipantID, parts.Data[0].Name)
	// Output:
	// initiated
	// answered
	// customer-42 Customer
}

func ExampleSIPCallsService_Transfer() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	provisionedLine(client, "+14155550100")
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoomID: room.RoomID})
	if err != nil {
		log.Fatal(err)
	}

	call, err = client.SIP.Calls.Transfer(ctx, videosdk.TransferSIPCallParams{CallID: call.ID, TransferTo: "sip:desk@pbx.example.com"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(call.Status)
	call, _ = client.SIP.Calls.Get(ctx, call.ID)
	fmt.Println(call.Status, call.Status.Terminal())
	// Output:
	// transfer-initiated
	// transferred true
}

func ExampleSIPCallsService_End() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	provisionedLine(client, "+14155550100")
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoomID: room.RoomID, WaitUntilAnswered: true})
	if err != nil {
		log.Fatal(err)
	}
	call, err = client.SIP.Calls.End(ctx, call.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(call.Status, call.End != nil)
	// Output: ended true
}

func ExampleSIPWebhooksService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	wh, err := client.SIP.Webhooks.Create(ctx, videosdk.SIPWebhookParams{
		URL:    "https://backend.example.com/videosdk/sip",
		Events: []videosdk.WebhookEventType{videosdk.WebhookCallAnswered, videosdk.WebhookCallHangup, videosdk.WebhookCallMissed},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(wh.URL, wh.Events)

	// The receiving side: WebhookHandler verifies and routes SIP events
	// like every other event; SIPCall reads the call they carry.
	h := client.NewWebhookHandler()
	h.On("call-*", func(ctx context.Context, ev *videosdk.WebhookEvent) error {
		call, err := ev.SIPCall()
		if err != nil {
			return err
		}
		log.Printf("%s: call %s is %s", ev.Type, call.ID, call.Status)
		return nil
	})
	// Output: https://backend.example.com/videosdk/sip [call-answered call-hangup call-missed]
}

// TestREADMESIPSnippets holds the Go snippets of README.md's "SIP
// telephony" and "Testing calls with the fake" sections to the runnable
// examples: each must appear, line for line (indentation aside), in one of
// them, so the README shows code that compiles and runs in the suite.
func TestREADMESIPSnippets(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var examples strings.Builder
	for _, name := range []string{"sip_example_test.go", "videosdktest/sip_example_test.go"} {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		examples.WriteString(normalizeCode(string(b)))
	}
	n := 0
	for _, section := range []string{"## SIP telephony\n", "## Testing calls with the fake\n"} {
		i := strings.Index(string(readme), section)
		require.GreaterOrEqual(t, i, 0, "README.md has no %q", section)
		body := string(readme[i+len(section):])
		if j := strings.Index(body, "\n## "); j >= 0 {
			body = body[:j]
		}
		for _, block := range strings.Split(body, "```go\n")[1:] {
			code := block[:strings.Index(block, "```")]
			assert.Contains(t, examples.String(), normalizeCode(code), "README snippet is not in a runnable example:\n%s", code)
			n++
		}
	}
	assert.Equal(t, 5, n, "snippets checked")
}

// normalizeCode drops indentation and blank lines.
func normalizeCode(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
