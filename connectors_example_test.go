package videosdk_test

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleConnectorsService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	roomID := liveMeeting(srv)

	cn, err := client.Connectors.Create(ctx, videosdk.CreateConnectorParams{Provider: videosdk.ConnectorTwilio, DefaultRoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	// Point Twilio's voice webhook at cn.WebhookURL (a credential: don't log it).
	fmt.Println(cn.Provider, cn.WebhookURL != "")
	// Output: twilio true
}
