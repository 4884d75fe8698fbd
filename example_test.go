package videosdk_test

// Runnable examples. Each runs against videosdktest, the SDK's in-process
// fake of the API, so `go test` checks its output; in production the client
// comes from videosdk.NewClient(apiKey, secret) or videosdk.NewClientFromEnv()
// and everything else reads the same.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// liveMeeting stands in for what front ends do in a real meeting: it creates
// a room on the fake and has participants join it, which starts a session.
func liveMeeting(srv *videosdktest.Server, names ...string) (roomID string) {
	room, err := srv.Client().Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range names {
		if err := srv.JoinAs(room.RoomID, "id-"+n, n); err != nil {
			log.Fatal(err)
		}
	}
	return room.RoomID
}

// recordedSession has each participant of a live meeting recorded, then
// ends the meeting, and returns its session id: finished participant
// recordings to merge.
func recordedSession(srv *videosdktest.Server, roomID string, participantIDs ...string) (sessionID string) {
	client, ctx := srv.Client(), context.Background()
	for _, id := range participantIDs {
		if _, err := client.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: roomID, ParticipantID: id}); err != nil {
			log.Fatal(err)
		}
	}
	sessions, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: roomID, Status: videosdk.SessionOngoing})
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.EndSession(roomID); err != nil {
		log.Fatal(err)
	}
	if err := srv.FlushWebhooks(ctx); err != nil { // waits until their files are processed
		log.Fatal(err)
	}
	return sessions.Data[0].ID
}

func ExampleNewClient() {
	client, err := videosdk.NewClient("my-api-key", "my-secret",
		videosdk.WithMaxRetries(3),
		videosdk.WithRequestTimeout(10*time.Second),
		videosdk.WithUserAgent("myapp/1.2"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client) // never shows the secret
	// Output: videosdk.Client{baseURL: https://api.videosdk.live}
}

// WithRetryDelay sets the pauses between the attempts of one call; a test
// that injects retried faults keeps them short (videosdktest's Server.Client
// does).
func ExampleWithRetryDelay() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client(videosdk.WithRetryDelay(time.Millisecond, 10*time.Millisecond))
	srv.InjectFault("GET", "/v2/rooms", 2, videosdktest.Fault{Status: 503})
	_, err := client.Rooms.List(context.Background(), videosdk.ListRoomsParams{})
	fmt.Println(err, srv.Requests("GET", "/v2/rooms")) // two retries, each after a pause of a millisecond or two
	// Output: <nil> 3
}

func ExampleNewClientFromEnv() {
	// Reads VIDEOSDK_API_KEY, VIDEOSDK_SECRET and, if set, VIDEOSDK_API_ENDPOINT.
	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}

func ExampleGenerateToken() {
	// A token for a browser or app: it may join one room and cannot call the server API.
	token, err := videosdk.GenerateToken("my-api-key", "my-secret", videosdk.TokenParams{
		RoomID:      "abcd-efgh-ijkl",
		Permissions: []videosdk.Permission{videosdk.PermissionAllowJoin},
		Roles:       []videosdk.Role{videosdk.RoleRTC},
		TTL:         30 * time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	claims, err := videosdk.ParseToken(token, "my-secret")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(claims.RoomID, claims.Roles, claims.Permissions, claims.Version)
	// Output: abcd-efgh-ijkl [rtc] [allow_join] 2
}

func ExampleClient_GenerateToken() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()

	token, err := client.GenerateToken(videosdk.TokenParams{
		RoomID:        "abcd-efgh-ijkl",
		ParticipantID: "user-42",
		Roles:         []videosdk.Role{videosdk.RoleRTC},
	})
	if err != nil {
		log.Fatal(err)
	}
	claims, err := videosdk.ParseToken(token, srv.Secret)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(claims.ParticipantID, claims.Permissions, claims.ExpiresAt.Sub(claims.IssuedAt.Time).Round(time.Minute))
	// Output: user-42 [allow_join] 2h0m0s
}

func ExampleParseToken() {
	token, _ := videosdk.GenerateToken("my-api-key", "my-secret", videosdk.TokenParams{})
	_, err := videosdk.ParseToken(token, "another-secret")
	fmt.Println(errors.Is(err, videosdk.ErrInvalidToken))
	// Output: true
}

func ExampleRoomsService_Create() {
	srv := videosdktest.NewServer(videosdktest.WithSeed(1))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{
		CustomRoomID:    "team-standup",
		GeoFence:        videosdk.GeoFenceEU001,
		AutoCloseConfig: &videosdk.AutoCloseConfig{Type: videosdk.AutoCloseSessionEnds},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(room.RoomID, room.CustomRoomID, room.GeoFence)

	// Creation is idempotent on the custom id.
	again, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "team-standup"})
	fmt.Println(again.RoomID == room.RoomID)
	// Output:
	// yf6g-xx6s-tvyf team-standup eu001
	// true
}

func ExampleRoomsService_Validate() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	if _, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "team-standup"}); err != nil {
		log.Fatal(err)
	}
	for _, id := range []string{"team-standup", "no-such-room"} {
		_, err := client.Rooms.Validate(ctx, id)
		switch {
		case err == nil:
			fmt.Println(id, "is valid")
		case errors.Is(err, videosdk.ErrNotFound):
			fmt.Println(id, "does not exist")
		default:
			log.Fatal(err)
		}
	}
	// Output:
	// team-standup is valid
	// no-such-room does not exist
}

func ExampleRoomsService_All() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, id := range []string{"alpha", "beta", "gamma"} {
		if _, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: id}); err != nil {
			log.Fatal(err)
		}
	}

	// Pages are fetched lazily, two rooms per request here; newest first.
	for room, err := range client.Rooms.All(ctx, videosdk.ListRoomsParams{ListOptions: videosdk.ListOptions{PerPage: 2}}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(room.CustomRoomID)
	}
	fmt.Println("requests:", srv.Requests("GET", "/v2/rooms"))
	// Output:
	// gamma
	// beta
	// alpha
	// requests: 2
}

func ExampleRoomsService_Deactivate() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "one-off"})
	if err != nil {
		log.Fatal(err)
	}

	// Deactivate needs the real roomId; a customRoomId is refused (402).
	_, err = client.Rooms.Deactivate(ctx, "one-off")
	fmt.Println(errors.Is(err, videosdk.ErrNotFound))
	room, err = client.Rooms.Deactivate(ctx, room.RoomID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(room.Disabled)
	// Output:
	// true
	// true
}

func ExampleSessionsService_List() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi")

	// The live session of a room: status ongoing, one result.
	page, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{
		RoomID:      roomID,
		Status:      videosdk.SessionOngoing,
		ListOptions: videosdk.ListOptions{PerPage: 1},
	})
	if err != nil {
		log.Fatal(err)
	}
	if len(page.Data) == 0 {
		fmt.Println("nobody is in the room")
		return
	}
	s := page.Data[0]
	fmt.Println(s.Status, s.Live(), len(s.Participants))
	// Output: ongoing true 2
}

func ExampleSessionsService_AllParticipants() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi", "Mei")
	if err := srv.Leave(roomID, "id-Ravi"); err != nil {
		log.Fatal(err)
	}
	sessions, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	sessionID := sessions.Data[0].ID

	// Everyone who joined, including those who left.
	for p, err := range client.Sessions.AllParticipants(ctx, sessionID, videosdk.ListOptions{}) {
		if err != nil {
			log.Fatal(err)
		}
		left := p.Timelog[len(p.Timelog)-1].End != nil
		fmt.Println(p.Name, "left:", left)
	}
	// Only those still in the meeting.
	active, err := client.Sessions.ListActiveParticipants(ctx, sessionID, videosdk.ListOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("active:", active.PageInfo.Total)
	// Output:
	// Asha left: false
	// Ravi left: true
	// Mei left: false
	// active: 2
}

func ExampleSessionsService_Stats() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")
	sessions, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	sessionID := sessions.Data[0].ID

	stats, err := client.Sessions.Stats(ctx, sessionID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(stats.RoomID == roomID, len(stats.Stats) > 0)
	ps, err := client.Sessions.ParticipantStats(ctx, sessionID, "id-Asha")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ps.ParticipantName)
	// Output:
	// true true
	// Asha
}

func ExampleSessionsService_End() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi")

	live, err := client.Sessions.RemoveParticipant(ctx, videosdk.RemoveParticipantParams{RoomID: roomID, ParticipantID: "id-Ravi"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(live.Live())
	s, err := client.Sessions.End(ctx, videosdk.EndSessionParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.RoomID == roomID, s.End != nil)
	// Output:
	// true
	// true true
}

func ExampleRecordingsService_Start() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{
		RoomID: roomID,
		Config: &videosdk.CompositionConfig{
			Layout:  &videosdk.Layout{Type: videosdk.LayoutSpotlight, Priority: videosdk.PrioritySpeaker},
			Quality: videosdk.QualityHigh,
		},
		FileFormat: videosdk.FileFormatMP4,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Message) // the documented answer: a sentence, no id
	// FindStarted finds the recording this call started.
	started, err := client.Recordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	// Starting again while it runs fails (409 on the fake).
	_, err = client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: roomID})
	fmt.Println(errors.Is(err, videosdk.ErrConflict))
	// Stop exactly the recording started (several may run under multiComposition).
	if err := client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: roomID, ID: started.ID}); err != nil {
		log.Fatal(err)
	}
	rec, err := client.Recordings.Get(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("stopped:", rec.End != nil)
	// Output:
	// Recording start accepted
	// true
	// stopped: true
}

func ExampleRecordingsService_All() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(0)) // files at once (0.5 s on a default fake)
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")
	for range 3 {
		_, _ = client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: roomID})
		_ = client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: roomID})
	}
	_ = srv.FlushWebhooks(ctx) // lets the fake finish its work (on a default fake: waits for the files)

	n := 0
	for rec, err := range client.Recordings.All(ctx, videosdk.ListRecordingsParams{RoomID: roomID}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		fmt.Println(rec.File.Type, rec.File.Meta.Format)
	}
	fmt.Println(n, "recordings")
	// Output:
	// video mp4
	// video mp4
	// video mp4
	// 3 recordings
}

func ExampleParticipantRecordingsService_Start() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	p := videosdk.StartParticipantRecordingParams{RoomID: roomID, ParticipantID: "id-Asha", FileFormat: videosdk.FileFormatWebM}
	res, err := client.ParticipantRecordings.Start(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	started, err := client.ParticipantRecordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := client.ParticipantRecordings.Stop(ctx, videosdk.StopParticipantRecordingParams{RoomID: roomID, ParticipantID: "id-Asha"}); err != nil {
		log.Fatal(err)
	}
	rec, err := client.ParticipantRecordings.WaitForFile(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Mode, rec.Kind, rec.FileFormat, len(rec.Files))
	// Output: participant audio_video webm 1
}

func ExampleTrackRecordingsService_Start() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	for _, kind := range []videosdk.TrackKind{videosdk.TrackKindAudio, videosdk.TrackKindScreenVideo} {
		p := videosdk.StartTrackRecordingParams{RoomID: roomID, ParticipantID: "id-Asha", Kind: kind}
		if _, err := client.TrackRecordings.Start(ctx, p); err != nil {
			log.Fatal(err)
		}
	}
	// Stop names the same kind that was started.
	stop := videosdk.StopTrackRecordingParams{RoomID: roomID, ParticipantID: "id-Asha", Kind: videosdk.TrackKindAudio}
	if err := client.TrackRecordings.Stop(ctx, stop); err != nil {
		log.Fatal(err)
	}
	for tr, err := range client.TrackRecordings.All(ctx, videosdk.ListTrackRecordingsParams{RoomID: roomID}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tr.Kind, "finished:", tr.End != nil)
	}
	// Output:
	// screen_video finished: false
	// audio finished: true
}

func ExampleMergesService_Create() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi")
	sessionID := recordedSession(srv, roomID, "id-Asha", "id-Ravi")

	// Asha on the left channel, Ravi on the right; the server picks their recordings.
	m, err := client.Merges.Create(ctx, videosdk.CreateMergeParams{
		SessionID: sessionID,
		Channel1:  []videosdk.MergeChannelEntry{{ParticipantID: "id-Asha"}},
		Channel2:  []videosdk.MergeChannelEntry{{ParticipantID: "id-Ravi"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Status)
	m, err = client.Merges.Wait(ctx, m.ID) // a merge takes time
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Status, m.File.Meta.Format)
	// Output:
	// running
	// completed mp3
}

func ExampleLivestreamsService_Start() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	res, err := client.Livestreams.Start(ctx, videosdk.StartLivestreamParams{
		RoomID:  roomID,
		Outputs: []videosdk.RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "sk-demo-0001"}},
		Config:  &videosdk.CompositionConfig{Layout: &videosdk.Layout{Type: videosdk.LayoutGrid, Priority: videosdk.PrioritySpeaker}},
	})
	if err != nil {
		log.Fatal(err)
	}
	started, err := client.Livestreams.FindStarted(ctx, res) // the answer is a sentence
	if err != nil {
		log.Fatal(err)
	}
	// Stop exactly the stream started (several may run under multiComposition).
	if err := client.Livestreams.Stop(ctx, videosdk.StopLivestreamParams{RoomID: roomID, ID: started.ID}); err != nil {
		log.Fatal(err)
	}
	ls, err := client.Livestreams.Get(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ls.Outputs[0].URL, ls.End != nil)
	// Output: rtmp://live.example.net/app true
}

func ExampleHLSService_Start() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	stream, err := client.HLS.Start(ctx, videosdk.StartHLSParams{
		RoomID: roomID,
		Config: &videosdk.CompositionConfig{Quality: videosdk.QualityMed, Orientation: videosdk.OrientationPortrait,
			Layout: &videosdk.Layout{Type: videosdk.LayoutGrid, Priority: videosdk.PrioritySpeaker}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(stream.Quality, stream.Orientation, stream.End == nil)

	// Viewers use the playback URL of the room's active stream.
	active, err := client.HLS.GetActive(ctx, roomID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(active.PlaybackHLSURL == stream.PlaybackHLSURL)

	if err := client.HLS.Stop(ctx, videosdk.StopHLSParams{RoomID: roomID}); err != nil {
		log.Fatal(err)
	}
	_, err = client.HLS.GetActive(ctx, roomID)
	fmt.Println(errors.Is(err, videosdk.ErrNotFound))
	// Output:
	// med portrait true
	// true
	// true
}

func ExampleHLSService_Capture() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")
	if _, err := client.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: roomID}); err != nil {
		log.Fatal(err)
	}

	// A thumbnail of the live edge; Time: videosdk.Ptr(12.0) would grab second 12.
	shot, err := client.HLS.Capture(ctx, videosdk.CaptureHLSParams{RoomID: roomID, Format: videosdk.ImageFormatPNG, Width: 640, Height: 360})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(shot.Meta.Width, shot.Meta.Height, shot.Meta.Format)
	// Output: 640 360 png
}

// Errors are *APIError values that match the package's sentinels.
func Example_errors() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	_, err := client.Sessions.Get(ctx, "000000000000000000000000")
	var apiErr *videosdk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, errors.Is(err, videosdk.ErrNotFound))
	}

	// Bad arguments are refused before any request is sent.
	_, err = client.Sessions.Get(ctx, "../rooms")
	fmt.Println(errors.Is(err, videosdk.ErrInvalidParams))
	// Output:
	// 404 true
	// true
}

// steppedClock is a clock the examples move by hand, to step through the fake's
// time-driven lifecycles (transcodings, post transcriptions).
func steppedClock() (now func() time.Time, advance func(time.Duration)) {
	var mu sync.Mutex
	t := time.Date(2025, 6, 10, 5, 45, 0, 0, time.UTC)
	now = func() time.Time { mu.Lock(); defer mu.Unlock(); return t }
	advance = func(d time.Duration) { mu.Lock(); defer mu.Unlock(); t = t.Add(d) }
	return now, advance
}

func ExampleCompositeRecordingsService_Start() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi")

	// Asha's camera, Ravi's voice and screen; one kind is sent as a string, several as a list.
	res, err := client.CompositeRecordings.Start(ctx, videosdk.StartCompositeRecordingParams{
		RoomID: roomID,
		Participants: []videosdk.CompositeParticipant{
			{ParticipantID: "id-Asha", Kind: videosdk.TrackKinds{videosdk.TrackKindVideo}},
			{ParticipantID: "id-Ravi", Kind: videosdk.TrackKinds{videosdk.TrackKindAudio, videosdk.TrackKindScreenVideo}},
		},
		Watermarks: []videosdk.CompositeWatermark{{Type: videosdk.CompositeWatermarkCustom, Text: "Weekly sync"}},
		FileFormat: videosdk.FileFormatWebM,
	})
	if err != nil {
		log.Fatal(err)
	}
	// The answer's recording id is what Stop needs.
	if err := client.CompositeRecordings.Stop(ctx, videosdk.StopCompositeRecordingParams{RoomID: roomID, RecordingID: res.ID}); err != nil {
		log.Fatal(err)
	}
	rec, err := client.CompositeRecordings.WaitForFile(ctx, res.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.RoomID == roomID, rec.File.Meta.Format)
	// Output: true WebM
}

func ExampleTranscodingsService_Merge() {
	now, advance := steppedClock()
	// Pending for 1 s, processing for 2 s on the fake's clock.
	srv := videosdktest.NewServer(videosdktest.WithClock(now), videosdktest.WithProcessingDelay(3*time.Second))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi")
	for _, id := range []string{"id-Asha", "id-Ravi"} {
		_, _ = client.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: roomID, ParticipantID: id})
	}
	advance(time.Minute)
	var ids []string
	for _, id := range []string{"id-Asha", "id-Ravi"} {
		_ = client.ParticipantRecordings.Stop(ctx, videosdk.StopParticipantRecordingParams{RoomID: roomID, ParticipantID: id})
		page, _ := client.ParticipantRecordings.List(ctx, videosdk.ListParticipantRecordingsParams{ParticipantID: id})
		ids = append(ids, page.Data[0].ID)
	}

	// Tile both recordings into one MP4 with a logo in the corner.
	tr, err := client.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{
		RecordingIDs: ids,
		Watermark: &videosdk.TranscodingWatermark{
			Type:        videosdk.WatermarkImage,
			Image:       "https://cdn.example.com/logo.png",
			ImageConfig: &videosdk.WatermarkImageConfig{Position: videosdk.PositionTopRight, Opacity: videosdk.Ptr(0.8)},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tr.Task, tr.Status)
	for range 2 {
		advance(1500 * time.Millisecond) // the fake's jobs follow its clock
		tr, err = client.Transcodings.Get(ctx, tr.ID)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tr.Status)
	}
	fmt.Println(tr.File.Meta.Format, tr.File.Meta.Duration)
	// Output:
	// composite-merge pending
	// processing
	// completed
	// mp4 60
}

func ExamplePostTranscriptionsService_All() {
	now, advance := steppedClock()
	srv := videosdktest.NewServer(videosdktest.WithClock(now))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	// A recording started with transcription (and a summary) leaves a post transcription.
	_, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{
		RoomID:        roomID,
		Transcription: &videosdk.Transcription{Enabled: true, Summary: &videosdk.Summary{Enabled: true, Prompt: "List the decisions"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	advance(10 * time.Minute)
	if err := srv.EndSession(roomID); err != nil { // the meeting ends, and the recording with it
		log.Fatal(err)
	}
	advance(5 * time.Second)

	for tr, err := range client.PostTranscriptions.All(ctx, videosdk.ListPostTranscriptionsParams{RoomID: roomID}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tr.Status, tr.TranscriptionFilePaths.VTT != "", tr.SummarizedFilePaths.TXT != "")
		// The recording carries it too when asked.
		rec, err := client.Recordings.GetWithTranscription(ctx, tr.RecordingID)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(rec.PostTranscriptions[0].ID == tr.ID)
	}
	// Output:
	// completed true true
	// true
}

func ExampleRealtimeTranscriptionsService_Start() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	tr, err := client.RealtimeTranscriptions.Start(ctx, videosdk.StartRealtimeTranscriptionParams{
		RoomID:   roomID,
		Language: "en-US",
		Summary:  &videosdk.Summary{Enabled: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tr.Status, tr.Extension.ExtensionConfig.RoomID == roomID)
	// Stop names the room; the room's running transcription ends.
	if err := client.RealtimeTranscriptions.Stop(ctx, videosdk.StopRealtimeTranscriptionParams{RoomID: roomID}); err != nil {
		log.Fatal(err)
	}
	tr, err = client.RealtimeTranscriptions.Get(ctx, tr.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tr.Status, tr.TranscriptionFilePaths.TXT != "", tr.SummarizedFilePaths.TXT != "")
	// Output:
	// running true
	// completed true true
}
