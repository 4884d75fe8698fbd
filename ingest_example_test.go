package videosdk_test

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleWHIPService_Create() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	roomID := liveMeeting(srv)

	offer := "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" // from your encoder
	pub, err := client.Ingest.WHIP.Create(ctx, videosdk.CreateWHIPParams{RoomID: roomID, ParticipantID: "studio-cam", Offer: offer})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pub.StatusCode, len(pub.Answer) > 0)
	_, err = client.Ingest.WHIP.Delete(ctx, videosdk.DeleteIngestParams{RoomID: roomID, ParticipantID: "studio-cam"})
	if err != nil {
		log.Fatal(err)
	}
	// Output: 201 true
}
