package videosdk_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// Start, find what it started, stop that recording, wait for the file: the
// recording flow end to end. The API answers a start with a sentence, not an
// id, so FindStarted finds the recording. Finding and waiting end with their
// context, so give it a deadline.
func ExampleRecordingsService_WaitForFile() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	roomID := liveMeeting(srv, "Asha")

	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	started, err := client.Recordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: roomID, ID: started.ID}); err != nil {
		log.Fatal(err)
	}
	rec, err := client.Recordings.WaitForFile(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.ID == "", rec.ID == started.ID, rec.File.Type, rec.File.Meta.Format)
	// Output: true true video mp4
}

func ExampleParticipantRecordingsService_WaitForFile() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	res, err := client.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: roomID, ParticipantID: "id-Asha"})
	if err != nil {
		log.Fatal(err)
	}
	started, err := client.ParticipantRecordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.Leave(roomID, "id-Asha"); err != nil { // leaving stops her recording
		log.Fatal(err)
	}
	rec, err := client.ParticipantRecordings.WaitForFile(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Kind, len(rec.Files), rec.End != nil)
	// Output: audio_video 1 true
}

func ExampleTrackRecordingsService_WaitForFile() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	p := videosdk.StartTrackRecordingParams{RoomID: roomID, ParticipantID: "id-Asha", Kind: videosdk.TrackKindAudio}
	res, err := client.TrackRecordings.Start(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	started, err := client.TrackRecordings.FindStarted(ctx, res) // by res.ParticipantID and res.Kind
	if err != nil {
		log.Fatal(err)
	}
	stop := videosdk.StopTrackRecordingParams{RoomID: roomID, ParticipantID: "id-Asha", Kind: videosdk.TrackKindAudio}
	if err := client.TrackRecordings.Stop(ctx, stop); err != nil {
		log.Fatal(err)
	}
	rec, err := client.TrackRecordings.WaitForFile(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Kind, rec.Files[0].Type)
	// Output: audio audio
}

func ExampleCompositeRecordingsService_WaitForFile() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")

	res, err := client.CompositeRecordings.Start(ctx, videosdk.StartCompositeRecordingParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	if err := client.CompositeRecordings.Stop(ctx, videosdk.StopCompositeRecordingParams{RoomID: roomID, RecordingID: res.ID}); err != nil {
		log.Fatal(err)
	}
	rec, err := client.CompositeRecordings.WaitForFile(ctx, res.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.File.Meta.Format)
	// Output: WebM
}

func ExampleMergesService_Wait() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha", "Ravi")
	sessionID := recordedSession(srv, roomID, "id-Asha", "id-Ravi")

	m, err := client.Merges.Create(ctx, videosdk.CreateMergeParams{
		SessionID: sessionID,
		Channel1:  []videosdk.MergeChannelEntry{{ParticipantID: "id-Asha"}},
		Channel2:  []videosdk.MergeChannelEntry{{ParticipantID: "id-Ravi"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	m, err = client.Merges.Wait(ctx, m.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Status, m.File.Meta.Format)
	// Output: completed mp3
}

// Against a fake whose jobs take 3 s on a clock that moves a second on every
// read, the waiter polls (with short pauses here) until the job completes.
func ExampleTranscodingsService_Wait() {
	now, advance := steppedClock()
	srv := videosdktest.NewServer(
		videosdktest.WithClock(func() time.Time { advance(time.Second); return now() }),
		videosdktest.WithProcessingDelay(3*time.Second))
	defer srv.Close()
	client := srv.Client(videosdk.WithWaiterDelay(time.Millisecond, time.Millisecond))
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")
	if _, err := client.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: roomID}); err != nil {
		log.Fatal(err)
	}
	if err := srv.EndSession(roomID); err != nil {
		log.Fatal(err)
	}
	streams, err := client.HLS.List(ctx, videosdk.ListHLSParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}

	tr, err := client.Transcodings.HLSToMP4(ctx, videosdk.HLSToMP4Params{HLSID: streams.Data[0].ID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tr.Status)
	tr, err = client.Transcodings.Wait(ctx, tr.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tr.Status, tr.StoppedAt.Sub(tr.StartedAt), tr.File.Meta.Format)
	// Output:
	// pending
	// completed 3s mp4
}

func ExamplePostTranscriptionsService_Wait() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(10 * time.Millisecond)) // jobs take 0.5 s on a default fake
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")
	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{
		RoomID: roomID, Transcription: &videosdk.Transcription{Enabled: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	started, err := client.Recordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.EndSession(roomID); err != nil {
		log.Fatal(err)
	}
	if _, err := client.Recordings.WaitForFile(ctx, started.ID); err != nil { // transcribed once recorded
		log.Fatal(err)
	}
	rec, err := client.Recordings.GetWithTranscription(ctx, started.ID)
	if err != nil {
		log.Fatal(err)
	}

	tr, err := client.PostTranscriptions.Wait(ctx, rec.PostTranscriptions[0].ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tr.Status, tr.TranscriptionFilePaths.VTT != "")
	// Output: completed true
}

// A job that fails ends its waiter with an error matching ErrJobFailed;
// errors.As gives the job's kind, id, status and the API's reason.
func ExampleJobError() {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(time.Hour))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	roomID := liveMeeting(srv, "Asha")
	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: roomID})
	if err != nil {
		log.Fatal(err)
	}
	rec, err := client.Recordings.FindStarted(ctx, res)
	if err != nil {
		log.Fatal(err)
	}
	if err := client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: roomID, ID: rec.ID}); err != nil {
		log.Fatal(err)
	}
	tr, err := client.Transcodings.MeetingRecordingMerge(ctx, videosdk.MeetingRecordingMergeParams{
		RecordingIDs: []videosdk.MeetingRecordingRef{{ID: rec.ID}},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.FailJob(tr.ID, "the source file is unreadable"); err != nil { // what the real service may do
		log.Fatal(err)
	}

	_, err = client.Transcodings.Wait(ctx, tr.ID)
	var jobErr *videosdk.JobError
	if errors.As(err, &jobErr) {
		fmt.Println(errors.Is(err, videosdk.ErrJobFailed), jobErr.Kind, jobErr.ID == tr.ID, jobErr.Status, jobErr.Reason)
	}
	// Output: true transcoding true failed the source file is unreadable
}

// WithWaiterDelay sets the pauses of every waiter of the Client: the n-th
// is drawn from [d/2, d] with d = min(first·2ⁿ, max).
func ExampleWithWaiterDelay() {
	client, err := videosdk.NewClient("my-api-key", "my-secret",
		videosdk.WithWaiterDelay(2*time.Second, 30*time.Second)) // gentler than 1 s to 15 s
	if err != nil {
		log.Fatal(err)
	}
	_ = client
	_, err = videosdk.NewClient("my-api-key", "my-secret", videosdk.WithWaiterDelay(0, time.Second))
	fmt.Println(errors.Is(err, videosdk.ErrInvalidParams)) // never a busy loop
	// Output: true
}
