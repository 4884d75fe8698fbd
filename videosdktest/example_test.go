package videosdktest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// A test of your own code gets a client pointed at the fake; no account, no
// network.
func ExampleNewServer() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client() // or videosdk.NewClient(srv.APIKey, srv.Secret, videosdk.WithBaseURL(srv.URL()))

	room, err := client.Rooms.Create(context.Background(), videosdk.CreateRoomParams{CustomRoomID: "standup"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(room.CustomRoomID, srv.Requests("POST", "/v2/rooms"))
	// Output: standup 1
}

// Join simulates a participant of a meeting; the first one starts the
// session, so recordings and streams can start.
func ExampleServer_Join() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})

	_, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	fmt.Println(errors.Is(err, videosdk.ErrBadRequest)) // no live session yet

	id, err := srv.Join(room.RoomID, "Asha")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(id))
	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	fmt.Println(err, res.Message) // the documented answer: a sentence, no id
	started, err := client.Recordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}

	if err := srv.EndSession(room.RoomID); err != nil { // stops the recording too
		log.Fatal(err)
	}
	rec, err := client.Recordings.WaitForFile(ctx, started.ID)
	fmt.Println(err, rec.File != nil)
	// Output:
	// true
	// 8
	// <nil> Recording start accepted
	// <nil> true
}

// InjectFault makes requests fail so you can test your retry and error
// handling; Requests tells how often a call reached the server.
func ExampleServer_InjectFault() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// A 503 on a GET: the client retries (after its backoff) and succeeds.
	srv.InjectFault("GET", "/v2/rooms", 1, videosdktest.Fault{Status: 503})
	_, err := client.Rooms.List(ctx, videosdk.ListRoomsParams{})
	fmt.Println(err, srv.Requests("GET", "/v2/rooms"))

	// A 503 on a POST is not retried: a start must not run twice.
	srv.InjectFault("POST", "/v2/rooms", 1, videosdktest.Fault{Status: 503})
	_, err = client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	fmt.Println(errors.Is(err, videosdk.ErrServer), srv.Requests("POST", "/v2/rooms"))

	// A 429 with Retry-After past the client's patience is handed to the caller.
	srv.InjectFault("", "/v2/rooms/*", 1, videosdktest.Fault{Status: 429, RetryAfter: time.Minute})
	_, err = client.Rooms.Get(ctx, "abcd-efgh-ijkl")
	var apiErr *videosdk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.RetryAfter)
	}
	// Output:
	// <nil> 2
	// true 1
	// 429 1m0s
}

// WithSeed and WithClock make ids and timestamps repeat from run to run.
func ExampleWithClock() {
	now := time.Date(2025, 5, 6, 9, 0, 0, 0, time.UTC)
	srv := videosdktest.NewServer(
		videosdktest.WithSeed(42),
		videosdktest.WithClock(func() time.Time { now = now.Add(time.Minute); return now }),
	)
	defer srv.Close()

	room, err := srv.Client().Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(room.RoomID, room.CreatedAt)
	// Output: zm48-jnl5-x2yv 2025-05-06 09:02:00 +0000 UTC
}

// The fake delivers signed webhooks to loopback receivers, like the real
// service: a receiver built with Client.NewWebhookHandler fetches the fake's
// public key and verifies them. FlushWebhooks waits until all were sent.
// WithProcessingDelay(0) has the recording's file ready once the session
// ends (a default fake's flush would first wait out its 500 ms processing).
func ExampleServer_FlushWebhooks() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(0))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	hooks := client.NewWebhookHandler()
	hooks.On("recording-*", func(_ context.Context, ev *videosdk.WebhookEvent) error {
		fmt.Println(ev.Type)
		return nil
	})
	receiver := httptest.NewServer(hooks)
	defer receiver.Close()

	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{
		Webhook: &videosdk.RoomWebhook{EndPoint: receiver.URL, Events: []videosdk.WebhookEventType{"recording-*"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := srv.Join(room.RoomID, "Asha"); err != nil {
		log.Fatal(err)
	}
	if _, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID}); err != nil {
		log.Fatal(err)
	}
	if err := srv.EndSession(room.RoomID); err != nil { // stops the recording
		log.Fatal(err)
	}
	if err := srv.FlushWebhooks(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(srv.Deliveries()), srv.Deliveries()[3].StatusCode)
	// Output:
	// recording-starting
	// recording-started
	// recording-stopping
	// recording-stopped
	// 4 200
}

// SignWebhook signs a body of your own, to unit-test a webhook handler
// without driving a meeting.
func ExampleServer_SignWebhook() {
	srv := videosdktest.NewServer()
	defer srv.Close()
	hooks := videosdk.NewWebhookHandler(srv.WebhookPublicKey())
	hooks.On(videosdk.WebhookRecordingStopped, func(_ context.Context, ev *videosdk.WebhookEvent) error {
		fmt.Println(ev.Data.RoomID, ev.Data.FileURL)
		return nil
	})

	body := `{"webhookType":"recording-stopped","data":{"meetingId":"tq7v-m2xk-9hdp","fileUrl":"https://cdn.example/x.mp4"}}`
	req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(body))
	req.Header.Set(videosdk.WebhookSignatureHeader, srv.SignWebhook([]byte(body)))
	rec := httptest.NewRecorder()
	hooks.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// tq7v-m2xk-9hdp https://cdn.example/x.mp4
	// 200
}

// By default a stopped recording has its file at once; WithProcessingDelay
// makes it take a while on the fake's clock, to test what your code does
// in between.
func ExampleWithProcessingDelay() {
	now := time.Date(2025, 5, 6, 9, 0, 0, 0, time.UTC)
	srv := videosdktest.NewServer(
		videosdktest.WithClock(func() time.Time { return now }), // a clock the example moves by hand
		videosdktest.WithProcessingDelay(30*time.Second),
	)
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	if _, err := srv.Join(room.RoomID, "Asha"); err != nil {
		log.Fatal(err)
	}
	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	if err != nil {
		log.Fatal(err)
	}
	// FindStarted compares the fake's times with the client's clock through
	// the answers' Date header, so it works on a clock set in 2025 too.
	started, err := client.Recordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID, ID: started.ID}); err != nil {
		log.Fatal(err)
	}
	rec, _ := client.Recordings.Get(ctx, started.ID)
	fmt.Println(rec.End != nil, rec.File != nil)
	now = now.Add(30 * time.Second)
	rec, _ = client.Recordings.Get(ctx, started.ID)
	fmt.Println(rec.End != nil, rec.File != nil)
	// Output:
	// true false
	// true true
}

// FailJob makes a job in progress fail, so a test can check how your code
// handles it; a waiter returns an error matching videosdk.ErrJobFailed.
func ExampleServer_FailJob() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(time.Minute))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	if err := srv.JoinAs(room.RoomID, "asha", "Asha"); err != nil {
		log.Fatal(err)
	}
	res, err := client.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: "asha"})
	if err != nil {
		log.Fatal(err)
	}
	rec, err := client.ParticipantRecordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.EndSession(room.RoomID); err != nil {
		log.Fatal(err)
	}
	tr, err := client.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{RecordingIDs: []string{rec.ID}})
	if err != nil {
		log.Fatal(err)
	}

	if err := srv.FailJob(tr.ID, "no video track"); err != nil {
		log.Fatal(err)
	}
	_, err = client.Transcodings.Wait(ctx, tr.ID)
	fmt.Println(errors.Is(err, videosdk.ErrJobFailed))
	fmt.Println(strings.Replace(err.Error(), tr.ID, "ID", 1))
	// Output:
	// true
	// videosdk: transcoding ID ended "failed": "no video track"
}
