// Command readme is the README's Quick start, verbatim: README.md quotes this
// file whole and TestReadmeSnippets (readme_test.go) holds it to that.
//
//	go run ./examples/readme
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/videosdk-go/videosdk"
)

func main() {
	ctx := context.Background()
	client, err := videosdk.NewClientFromEnv() // VIDEOSDK_API_KEY, VIDEOSDK_SECRET
	if err != nil {
		log.Fatal(err)
	}

	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "team-standup"})
	if err != nil {
		log.Fatal(err)
	}

	// A token for the browser: may join this room only, cannot call the server API.
	token, err := client.GenerateToken(videosdk.TokenParams{
		RoomID: room.RoomID,
		Roles:  []videosdk.Role{videosdk.RoleRTC},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(room.RoomID, token != "")

	for rec, err := range client.Recordings.All(ctx, videosdk.ListRecordingsParams{RoomID: room.RoomID}) {
		if err != nil {
			log.Fatal(err)
		}
		if rec.File == nil { // still recording, or stopped and still processing
			fmt.Println(rec.ID, "(no file yet)")
			continue
		}
		fmt.Println(rec.ID, rec.File.FileURL)
	}
}
