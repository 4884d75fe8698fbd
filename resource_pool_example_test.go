package videosdk_test

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleResourcePoolService_Acquire() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	units, err := client.ResourcePool.Acquire(ctx, videosdk.AcquireResourceParams{
		Type: videosdk.ResourceRecording, WebhookURL: "https://example.com/resource-ready", Units: 2,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(units), units[0].Status)
	// Output: 2 pending
}
