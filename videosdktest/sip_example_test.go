package videosdktest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// provisionedLine provisions a number with its gateway pair on the fake.
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

func ExampleServer_SimulateInboundCall() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	provisionedLine(client, "+14155550100")
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "support-desk"})
	_, err := client.SIP.RoutingRules.Create(ctx, videosdk.CreateSIPRoutingRuleParams{
		Name: "Desk", Type: videosdk.SIPInbound, PhoneNumbers: []string{"+14155550100"},
		Room: &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomStatic, ID: room.RoomID},
	})
	if err != nil {
		log.Fatal(err)
	}

	id, err := srv.SimulateInboundCall("+14155550100", "+919876543210")
	if err != nil {
		log.Fatal(err)
	}
	call, _ := client.SIP.Calls.Get(ctx, id)
	fmt.Println(call.Type, call.Status, call.RoomID == room.RoomID)
	// Output: inbound answered true
}

// A busy callee: the call ends "rejected" without joining its room.
func ExampleServer_SetCallee() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	provisionedLine(client, "+14155550100")
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	if err := srv.SetCallee("+14155550123", videosdktest.CalleeBusy); err != nil {
		log.Fatal(err)
	}

	call, err := client.SIP.Calls.Create(ctx, videosdk.CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RoomID: room.RoomID})
	if err != nil {
		log.Fatal(err)
	}
	call, _ = client.SIP.Calls.Get(ctx, call.ID)
	fmt.Println(call.Status, call.Status.Terminal())
	// Output: rejected true
}
