package videosdk_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleWHIPService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	roomID := liveMeeting(srv)

	// An encoder such as OBS publishes by itself with e.URL and e.Token:
	e, err := client.Ingest.WHIP.Create(ctx, videosdk.CreateWHIPParams{RoomID: roomID, DisplayName: "Studio camera"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(e.URL, "/v2/whip?"))

	// Or send the SDP offer from Go:
	offer := "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" // from your WebRTC stack
	pub, err := client.Ingest.WHIP.Publish(ctx, videosdk.CreateWHIPParams{RoomID: roomID, ParticipantID: "studio-cam"}, offer)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pub.StatusCode, len(pub.Answer) > 0)
	_, err = client.Ingest.WHIP.Delete(ctx, videosdk.DeleteIngestParams{RoomID: roomID, ParticipantID: "studio-cam"})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// true
	// 201 true
}
