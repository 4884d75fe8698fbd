package videosdk_test

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleAgentsService_Dispatch() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	roomID := liveMeeting(srv, "Asha")

	res, err := client.Agents.Dispatch(ctx, videosdk.DispatchAgentParams{
		AgentID:  "support-agent",
		RoomID:   roomID,
		Metadata: map[string]any{"variables": []map[string]string{{"name": "fname", "value": "Asha"}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Success, res.Status)
	fmt.Println(len(srv.AgentParticipants(roomID)), "agent in the room")
	// Output:
	// true dispatched
	// 1 agent in the room
}

func ExampleAgentDeploymentsService_CreateVersion() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	deployments, ctx := srv.Client().Agents.Deployments, context.Background()

	d, err := deployments.Create(ctx, videosdk.CreateDeploymentParams{Name: "support-bot"})
	if err != nil {
		log.Fatal(err)
	}
	v, err := deployments.CreateVersion(ctx, videosdk.CreateVersionParams{
		AgentID: d.AgentID, DeploymentID: d.ID,
		Image:   videosdk.AgentImage{URL: "ghcr.io/acme/support-agent:1.4"},
		Profile: videosdk.AgentProfileCPUMedium,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(v.Status, v.Active)
	// Output: deploying true
}
