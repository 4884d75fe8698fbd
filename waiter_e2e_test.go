package videosdk_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// Against the fake, FindStarted finds what each Start started (found right
// after its Start, so two of a kind in one room are told apart), and a Stop
// by that id stops exactly that job even when several run in the room
// (multiComposition); Get by the id finds it.
func TestE2EStartResultStopsThatJob(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2EStartResultStopsThatJob)
}

func testE2EStartResultStopsThatJob(t *testing.T) {
	srv, c, ctx := e2eVirtual(t)
	room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{MultiComposition: &videosdk.MultiComposition{Recording: true, RTMP: true}})
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(room.RoomID, "asha", "Asha"))

	a := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID}))
	b := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID}))
	require.NotEqual(t, a.ID, b.ID)
	require.NoError(t, c.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID, ID: b.ID}))
	ra, err := c.Recordings.Get(ctx, a.ID)
	require.NoError(t, err)
	rb, err := c.Recordings.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Nil(t, ra.End, "the other recording runs on")
	assert.NotNil(t, rb.End, "the one named stopped")
	rb, err = c.Recordings.WaitForFile(ctx, b.ID)
	require.NoError(t, err)
	assert.NotNil(t, rb.File)

	outputs := []videosdk.RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "k"}}
	la := startOK(t, found(c.Livestreams.FindStarted))(c.Livestreams.Start(ctx, videosdk.StartLivestreamParams{RoomID: room.RoomID, Outputs: outputs}))
	lb := startOK(t, found(c.Livestreams.FindStarted))(c.Livestreams.Start(ctx, videosdk.StartLivestreamParams{RoomID: room.RoomID, Outputs: outputs}))
	require.NoError(t, c.Livestreams.Stop(ctx, videosdk.StopLivestreamParams{RoomID: room.RoomID, ID: la.ID}))
	ga, err := c.Livestreams.Get(ctx, la.ID)
	require.NoError(t, err)
	gb, err := c.Livestreams.Get(ctx, lb.ID)
	require.NoError(t, err)
	assert.NotNil(t, ga.End)
	assert.Nil(t, gb.End)

	p := startOK(t, found(c.ParticipantRecordings.FindStarted))(c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: "asha"}))
	tr := startOK(t, found(c.TrackRecordings.FindStarted))(c.TrackRecordings.Start(ctx, videosdk.StartTrackRecordingParams{RoomID: room.RoomID, ParticipantID: "asha", Kind: videosdk.TrackKindAudio}))
	cr := startOK(t, found(c.CompositeRecordings.FindStarted))(c.CompositeRecordings.Start(ctx, videosdk.StartCompositeRecordingParams{RoomID: room.RoomID}))
	for _, res := range []*videosdk.StartResult{a, b, la, lb, p, tr, cr} {
		assert.Equal(t, room.RoomID, res.RoomID)
	}
	gp, err := c.ParticipantRecordings.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "asha", gp.ParticipantID)
	gt, err := c.TrackRecordings.Get(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TrackKindAudio, gt.Kind)
}

// Against a default fake (work takes 500 ms) every waiter of srv.Client
// returns the finished resource, after polling while it was processed.
func TestE2EWaitersFirstPoll(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2EWaitersFirstPoll)
}

func testE2EWaitersFirstPoll(t *testing.T) {
	srv, c, ctx := e2eVirtual(t)
	room, sessionID, ids := liveRoom(t, srv, c, "Asha", "Ravi")
	rec := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID, Transcription: &videosdk.Transcription{Enabled: true}}))
	var parts []string
	for _, id := range ids {
		parts = append(parts, startOK(t, found(c.ParticipantRecordings.FindStarted))(c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: id})).ID)
	}
	track := startOK(t, found(c.TrackRecordings.FindStarted))(c.TrackRecordings.Start(ctx, videosdk.StartTrackRecordingParams{RoomID: room.RoomID, ParticipantID: ids[0], Kind: videosdk.TrackKindAudio}))
	comp := startOK(t, found(c.CompositeRecordings.FindStarted))(c.CompositeRecordings.Start(ctx, videosdk.StartCompositeRecordingParams{RoomID: room.RoomID}))
	require.NoError(t, srv.EndSession(room.RoomID))

	got, err := c.Recordings.WaitForFile(ctx, rec.ID)
	require.NoError(t, err)
	assert.NotNil(t, got.File)
	pr, err := c.ParticipantRecordings.WaitForFile(ctx, parts[0])
	require.NoError(t, err)
	assert.NotEmpty(t, pr.Files)
	tk, err := c.TrackRecordings.WaitForFile(ctx, track.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, tk.Files)
	cp, err := c.CompositeRecordings.WaitForFile(ctx, comp.ID)
	require.NoError(t, err)
	assert.NotNil(t, cp.File)

	m, err := c.Merges.Create(ctx, videosdk.CreateMergeParams{SessionID: sessionID,
		Channel1: []videosdk.MergeChannelEntry{{ParticipantID: ids[0]}}, Channel2: []videosdk.MergeChannelEntry{{ParticipantID: ids[1]}}})
	require.NoError(t, err)
	merged, err := c.Merges.Wait(ctx, m.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.MergeStatusCompleted, merged.Status)
	trc, err := c.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{RecordingIDs: parts})
	require.NoError(t, err)
	done, err := c.Transcodings.Wait(ctx, trc.ID)
	require.NoError(t, err)
	assert.NotNil(t, done.File)
	posts, err := c.PostTranscriptions.List(ctx, videosdk.ListPostTranscriptionsParams{RoomID: room.RoomID})
	require.NoError(t, err)
	require.Len(t, posts.Data, 1)
	post, err := c.PostTranscriptions.Wait(ctx, posts.Data[0].ID)
	require.NoError(t, err)
	assert.NotNil(t, post.TranscriptionFilePaths)

	// The first waiter saw the recording still processing.
	assert.Greater(t, srv.Requests("GET", "/v2/recordings/"+rec.ID), 1, "polled while processing")
	for _, path := range []string{"/v2/recordings/participant/merge/" + m.ID, "/v2/transcodings/" + trc.ID} {
		assert.Greater(t, srv.Requests("GET", path), 1, "%s: a created job takes time", path)
	}
}

// lifecycleFake is a fake whose jobs take delay, and a client for it
// (jitter at the low end), on an in-memory network. Call it inside a
// testing/synctest bubble: the fake's clock, the waiters' pauses and the
// contexts' deadlines are then the bubble's virtual time, so a test that
// waits minutes takes no real time and reads exact durations.
func lifecycleFake(t *testing.T, delay time.Duration) (*videosdktest.Server, *videosdk.Client) {
	t.Helper()
	pn := testutil.NewPipeNet()
	srv := videosdktest.NewServer(videosdktest.WithListener(pn), videosdktest.WithProcessingDelay(delay))
	t.Cleanup(srv.Close)
	hc := pn.Client()
	t.Cleanup(hc.CloseIdleConnections)
	c := srv.Client(videosdk.WithHTTPClient(hc), videosdk.WithRandForTest(func() float64 { return 0 }),
		videosdk.WithWaiterDelay(time.Second, 15*time.Second)) // the SDK's default pauses, not the fake client's
	return srv, c
}

// With a processing delay the waiters poll until the job is done: pauses of
// 0.5, 1, 2, 4, 7.5 s (low-end jitter) reach a 10 s delay at the 6th poll.
func TestE2EWaitersPollUntilDone(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2EWaitersPollUntilDone)
}

func testE2EWaitersPollUntilDone(t *testing.T) {
	srv, c := lifecycleFake(t, 10*time.Second)
	ctx := context.Background()
	room, _, ids := liveRoom(t, srv, c, "Asha")
	rec := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID}))
	part := startOK(t, found(c.ParticipantRecordings.FindStarted))(c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: ids[0]}))
	require.NoError(t, c.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID, ID: rec.ID}))
	stopped, err := c.Recordings.Get(ctx, rec.ID)
	require.NoError(t, err)
	require.NotNil(t, stopped.End)
	require.Nil(t, stopped.File, "processing")

	start := time.Now()
	got, err := c.Recordings.WaitForFile(ctx, rec.ID)
	require.NoError(t, err)
	require.NotNil(t, got.File)
	assert.Equal(t, stopped.End.Add(10*time.Second), got.File.CreatedAt.UTC())
	assert.Equal(t, 1+6, srv.Requests("GET", "/v2/recordings/"+rec.ID), "Get, then six polls")
	assert.Equal(t, 15*time.Second, time.Since(start), "five pauses: 0.5+1+2+4+7.5 s")

	require.NoError(t, srv.Leave(room.RoomID, ids[0])) // stops Asha's recording
	pr, err := c.ParticipantRecordings.WaitForFile(ctx, part.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, pr.Files)
	assert.Equal(t, 6, srv.Requests("GET", "/v2/recordings/participant/"+part.ID))

	tr, err := c.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{RecordingIDs: []string{part.ID}})
	require.NoError(t, err)
	done, err := c.Transcodings.Wait(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusCompleted, done.Status)
	assert.Equal(t, tr.StartedAt.Add(10*time.Second), done.StoppedAt.UTC())
	assert.Equal(t, 6, srv.Requests("GET", "/v2/transcodings/"+tr.ID))
}

// A job that fails ends its waiter with ErrJobFailed and a JobError naming
// the job and its status: a cancelled transcoding, and jobs the fake fails.
func TestE2EWaitersSeeFailures(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2EWaitersSeeFailures)
}

func testE2EWaitersSeeFailures(t *testing.T) {
	srv, c := lifecycleFake(t, time.Minute)
	ctx := context.Background()
	room, sessionID, ids := liveRoom(t, srv, c, "Asha", "Ravi")
	rec := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID, Transcription: &videosdk.Transcription{Enabled: true}}))
	for _, id := range ids {
		startOK(t, found(c.ParticipantRecordings.FindStarted))(c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: id}))
	}
	require.NoError(t, srv.EndSession(room.RoomID))
	_, err := c.Recordings.WaitForFile(ctx, rec.ID) // moves the clock past the files' delay
	require.NoError(t, err)
	before := time.Now()

	jobErr := func(err error) *videosdk.JobError {
		t.Helper()
		require.ErrorIs(t, err, videosdk.ErrJobFailed)
		var je *videosdk.JobError
		require.True(t, errors.As(err, &je))
		return je
	}

	m, err := c.Merges.Create(ctx, videosdk.CreateMergeParams{SessionID: sessionID,
		Channel1: []videosdk.MergeChannelEntry{{ParticipantID: ids[0]}}, Channel2: []videosdk.MergeChannelEntry{{ParticipantID: ids[1]}}})
	require.NoError(t, err)
	require.NoError(t, srv.FailJob(m.ID, "channel2: no audio"))
	_, err = c.Merges.Wait(ctx, m.ID)
	assert.Equal(t, &videosdk.JobError{Kind: "merge", ID: m.ID, Status: "failed", Reason: "channel2: no audio"}, jobErr(err))

	tr, err := c.Transcodings.MeetingRecordingMerge(ctx, videosdk.MeetingRecordingMergeParams{RecordingIDs: []videosdk.MeetingRecordingRef{{ID: rec.ID}}})
	require.NoError(t, err)
	require.NoError(t, c.Transcodings.Cancel(ctx, tr.ID))
	_, err = c.Transcodings.Wait(ctx, tr.ID)
	assert.Equal(t, &videosdk.JobError{Kind: "transcoding", ID: tr.ID, Status: "cancelled"}, jobErr(err))

	tr2, err := c.Transcodings.MeetingRecordingMerge(ctx, videosdk.MeetingRecordingMergeParams{RecordingIDs: []videosdk.MeetingRecordingRef{{ID: rec.ID}}})
	require.NoError(t, err)
	require.NoError(t, srv.FailJob(tr2.ID, "decoder error"))
	_, err = c.Transcodings.Wait(ctx, tr2.ID)
	assert.Equal(t, &videosdk.JobError{Kind: "transcoding", ID: tr2.ID, Status: "failed", Reason: "decoder error"}, jobErr(err))

	withT, err := c.Recordings.GetWithTranscription(ctx, rec.ID)
	require.NoError(t, err)
	require.Len(t, withT.PostTranscriptions, 1)
	postID := withT.PostTranscriptions[0].ID
	require.NoError(t, srv.FailJob(postID, ""))
	_, err = c.PostTranscriptions.Wait(ctx, postID)
	assert.Equal(t, &videosdk.JobError{Kind: "post-transcription", ID: postID, Status: "failed"}, jobErr(err))
	assert.Zero(t, time.Since(before), "a failure ends each wait on its first poll, with no pause")
}

// A job that never finishes ends its waiter with the context's error at the
// deadline, after a bounded number of polls: pauses of 0.5, 1, 2, 4 s, then
// 7.5 s each; the 19th poll is at 112.5 s and the next pause would end at
// 120 s, past a deadline of 2 minutes less 1 ms, which ends the wait.
func TestE2EWaiterDeadline(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2EWaiterDeadline)
}

func testE2EWaiterDeadline(t *testing.T) {
	srv, c := lifecycleFake(t, 24*time.Hour)
	room, _, _ := liveRoom(t, srv, c, "Asha")
	rec := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(context.Background(), videosdk.StartRecordingParams{RoomID: room.RoomID}))
	require.NoError(t, srv.EndSession(room.RoomID))

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute-time.Millisecond)
	defer cancel()
	got, err := c.Recordings.WaitForFile(ctx, rec.ID)
	assert.Nil(t, got)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), `(still "stopped, no file yet" after 19 polls)`)
	assert.Equal(t, 19, srv.Requests("GET", "/v2/recordings/"+rec.ID))
	assert.Equal(t, 2*time.Minute-time.Millisecond, time.Since(start), "the wait ends at the deadline, not after the pause")
}

// On a default fake, FailJob fails a meeting recording: the signed
// recording-failed webhook is delivered (and verified by the SDK's handler)
// with the reason as message, and WaitForFile ends with ErrJobFailed once
// the recording's webhook summary lists it.
func TestE2ERecordingFailure(t *testing.T) {
	t.Parallel()
	srv, c, ctx := e2e(t)
	var mu sync.Mutex
	var got []*videosdk.WebhookEvent
	h := c.NewWebhookHandler()
	h.On(videosdk.WebhookRecordingFailed, func(_ context.Context, ev *videosdk.WebhookEvent) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ev)
		return nil
	})
	receiver := httptest.NewServer(h)
	t.Cleanup(receiver.Close)

	room, _, _ := liveRoom(t, srv, c, "Asha")
	rec := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID, WebhookURL: receiver.URL}))
	require.NoError(t, srv.FailJob(rec.ID, "upload failed"))
	require.NoError(t, srv.FlushWebhooks(ctx))
	mu.Lock()
	require.Len(t, got, 1, "the signed recording-failed was delivered and verified")
	assert.Equal(t, "upload failed", got[0].Data.Message)
	assert.Equal(t, room.RoomID, got[0].Data.RoomID)
	mu.Unlock()

	_, err := c.Recordings.WaitForFile(ctx, rec.ID)
	require.ErrorIs(t, err, videosdk.ErrJobFailed)
	var je *videosdk.JobError
	require.True(t, errors.As(err, &je))
	assert.Equal(t, &videosdk.JobError{Kind: "recording", ID: rec.ID, Status: "recording-failed"}, je)
}

// The documented create-then-cancel of a transcoding works on a default
// fake (its jobs take 500 ms), and a waiter of srv.Client then sees the
// next job through to completed.
func TestE2ETranscodingCancelOnDefaultFake(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2ETranscodingCancelOnDefaultFake)
}

func testE2ETranscodingCancelOnDefaultFake(t *testing.T) {
	srv, c, ctx := e2eVirtual(t)
	room, _, _ := liveRoom(t, srv, c, "Asha")
	hls, err := c.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: room.RoomID})
	require.NoError(t, err)
	require.NoError(t, c.HLS.Stop(ctx, videosdk.StopHLSParams{RoomID: room.RoomID}))
	tr, err := c.Transcodings.HLSToMP4(ctx, videosdk.HLSToMP4Params{HLSID: hls.ID})
	require.NoError(t, err)
	require.NoError(t, c.Transcodings.Cancel(ctx, tr.ID))
	got, err := c.Transcodings.Get(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusCancelled, got.Status)

	tr, err = c.Transcodings.HLSToMP4(ctx, videosdk.HLSToMP4Params{HLSID: hls.ID})
	require.NoError(t, err)
	done, err := c.Transcodings.Wait(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusCompleted, done.Status)
	assert.Greater(t, srv.Requests("GET", "/v2/transcodings/"+tr.ID), 1, "polled while pending and processing")
}
