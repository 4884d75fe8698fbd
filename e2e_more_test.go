package videosdk_test

// End-to-end tests of the services beyond the seed list (composite
// recordings, transcodings, post and realtime transcriptions) against the
// videosdktest fake over loopback HTTP, with a hand-moved clock for the
// lifecycles.

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// e2eClock is e2e with a fake whose clock the test moves (steppedClock).
type e2eClockT struct {
	now func() time.Time
	add func(time.Duration)
}

func e2eClock(t *testing.T, opts ...videosdktest.Option) (*videosdktest.Server, *videosdk.Client, context.Context, e2eClockT) {
	t.Helper()
	// A clock that starts at the real time (to the second) and moves only
	// when told: the client's own clock (StartResult.StartedAt, which
	// FindStarted compares with the fake's start times) agrees with it, as a
	// real client's and server's do.
	var mu sync.Mutex
	at := time.Now().UTC().Truncate(time.Second)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return at }
	add := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); at = at.Add(d) }
	srv := videosdktest.NewServer(append([]videosdktest.Option{videosdktest.WithClock(now)}, opts...)...)
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return srv, srv.Client(), ctx, e2eClockT{now, add}
}

func TestE2ECompositeRecordings(t *testing.T) {
	t.Parallel()
	srv, c, ctx, clock := e2eClock(t)
	room, sessionID, ids := liveRoom(t, srv, c, "Asha", "Ravi")

	res, err := c.CompositeRecordings.Start(ctx, videosdk.StartCompositeRecordingParams{
		RoomID: room.RoomID,
		Participants: []videosdk.CompositeParticipant{
			{ParticipantID: ids[0], Kind: videosdk.TrackKinds{videosdk.TrackKindVideo}},
			{ParticipantID: ids[1], Kind: videosdk.TrackKinds{videosdk.TrackKindAudio, videosdk.TrackKindScreenVideo}},
		},
		Watermarks: []videosdk.CompositeWatermark{{Type: videosdk.CompositeWatermarkCustom, Text: "Standup"}},
	})
	require.NoError(t, err)
	assert.NotEmpty(t, res.ID)
	assert.Equal(t, room.RoomID, res.RoomID)
	assert.Equal(t, sessionID, res.SessionID)
	other, err := c.CompositeRecordings.Start(ctx, videosdk.StartCompositeRecordingParams{RoomID: room.RoomID, FileFormat: videosdk.FileFormatMP4})
	require.NoError(t, err)

	running, err := c.CompositeRecordings.Get(ctx, res.ID)
	require.NoError(t, err)
	assert.Equal(t, room.RoomID, running.RoomID, "meetingId on the wire")
	assert.Nil(t, running.End)
	assert.Nil(t, running.File)
	// The fake answers participants [] as the docs show, not the selectors
	// sent (composite_recordings_test.go decodes both kind forms).
	assert.Empty(t, running.Participants)
	assert.ErrorIs(t, c.CompositeRecordings.Delete(ctx, res.ID), videosdk.ErrConflict)

	clock.add(73 * time.Second)
	require.NoError(t, c.CompositeRecordings.Stop(ctx, videosdk.StopCompositeRecordingParams{RoomID: room.RoomID, RecordingID: res.ID}))
	assert.ErrorIs(t, c.CompositeRecordings.Stop(ctx, videosdk.StopCompositeRecordingParams{RoomID: room.RoomID, RecordingID: res.ID}), videosdk.ErrBadRequest)
	clock.add(time.Second) // the file is processed (500 ms by default)
	done, err := c.CompositeRecordings.Get(ctx, res.ID)
	require.NoError(t, err)
	require.NotNil(t, done.End)
	require.NotNil(t, done.File)
	assert.Equal(t, done.FileID, done.File.ID)
	assert.Equal(t, videosdk.FileFormat("WebM"), done.File.Meta.Format, "capitalised, as the API writes it")
	assert.InDelta(t, 73, done.File.Meta.Duration, 1e-9)

	require.NoError(t, srv.EndSession(room.RoomID))
	clock.add(time.Second)
	all := collect(t, c.CompositeRecordings.All(ctx, videosdk.ListCompositeRecordingsParams{RoomID: room.RoomID, ListOptions: videosdk.ListOptions{PerPage: 1}}))
	require.Len(t, all, 2)
	assert.Equal(t, other.ID, all[0].ID, "newest first")
	assert.NotNil(t, all[0].File)
	require.NoError(t, c.CompositeRecordings.Delete(ctx, res.ID))
	_, err = c.CompositeRecordings.Get(ctx, res.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

func TestE2ETranscodings(t *testing.T) {
	t.Parallel()
	srv, c, ctx, clock := e2eClock(t, videosdktest.WithProcessingDelay(3*time.Second)) // pending 1 s, processing 2 s
	room, sessionID, ids := liveRoom(t, srv, c, "Asha", "Ravi")
	for _, id := range ids {
		startOK(t, found(c.ParticipantRecordings.FindStarted))(c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: id}))
	}
	hls, err := c.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: room.RoomID})
	require.NoError(t, err)
	clock.add(time.Minute)
	require.NoError(t, srv.EndSession(room.RoomID))
	var recIDs []string
	for _, r := range collect(t, c.ParticipantRecordings.All(ctx, videosdk.ListParticipantRecordingsParams{SessionID: sessionID})) {
		recIDs = append(recIDs, r.ID)
	}
	require.Len(t, recIDs, 2)

	tr, err := c.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{
		RecordingIDs: recIDs,
		Watermark: &videosdk.TranscodingWatermark{Type: videosdk.WatermarkTimestamp, StartTime: clock.now().UnixMilli(),
			Extra: map[string]any{"timestampConfig": map[string]any{"position": "top-left"}}},
	})
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusPending, tr.Status)
	assert.Equal(t, videosdk.TranscodingCompositeMerge, tr.Task)
	assert.Equal(t, sessionID, tr.SessionID)
	_, err = c.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{RecordingIDs: []string{recIDs[1], recIDs[0]}})
	assert.ErrorIs(t, err, videosdk.ErrConflict, "same recordings still merging")

	clock.add(time.Second)
	got, err := c.Transcodings.Get(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusProcessing, got.Status)
	clock.add(2 * time.Second)
	got, err = c.Transcodings.Get(ctx, tr.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusCompleted, got.Status)
	require.NotNil(t, got.StoppedAt)
	require.NotNil(t, got.File)
	assert.InDelta(t, 60, got.File.Meta.Duration, 1e-9)
	require.NotNil(t, got.Webhook)
	assert.ErrorIs(t, c.Transcodings.Cancel(ctx, tr.ID), videosdk.ErrConflict)

	mp4, err := c.Transcodings.HLSToMP4(ctx, videosdk.HLSToMP4Params{HLSID: hls.ID, Storage: &videosdk.TranscodingStorage{Type: videosdk.StorageS3, Bucket: "b"}})
	require.NoError(t, err)
	assert.Equal(t, hls.ID, mp4.HLSID)
	require.NoError(t, c.Transcodings.Cancel(ctx, mp4.ID))
	got, err = c.Transcodings.Get(ctx, mp4.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscodingStatusCancelled, got.Status)

	list := collect(t, c.Transcodings.All(ctx, videosdk.ListTranscodingsParams{RoomID: room.RoomID, Status: videosdk.TranscodingStatusCancelled}))
	require.Len(t, list, 1)
	assert.Equal(t, mp4.ID, list[0].ID)

	_, err = c.Transcodings.MeetingRecordingMerge(ctx, videosdk.MeetingRecordingMergeParams{RecordingIDs: []videosdk.MeetingRecordingRef{{ID: recIDs[0]}}})
	assert.ErrorIs(t, err, videosdk.ErrNotFound, "a participant recording is not a meeting recording")
}

func TestE2ETranscriptions(t *testing.T) {
	t.Parallel()
	srv, c, ctx, clock := e2eClock(t, videosdktest.WithProcessingDelay(2*time.Second))
	room, sessionID, _ := liveRoom(t, srv, c, "Asha")

	rt, err := c.RealtimeTranscriptions.Start(ctx, videosdk.StartRealtimeTranscriptionParams{
		RoomID: room.RoomID, Language: "en-US", Summary: &videosdk.Summary{Enabled: true}})
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscriptionStatusRunning, rt.Status)
	assert.Equal(t, videosdk.TranscriptionExtensionConfig{RoomID: room.RoomID, SessionID: sessionID}, rt.Extension.ExtensionConfig)
	_, err = c.RealtimeTranscriptions.Start(ctx, videosdk.StartRealtimeTranscriptionParams{RoomID: room.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrConflict)

	startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID,
		Transcription: &videosdk.Transcription{Enabled: true, Summary: &videosdk.Summary{Enabled: true}}}))
	clock.add(time.Minute)
	require.NoError(t, c.RealtimeTranscriptions.Stop(ctx, videosdk.StopRealtimeTranscriptionParams{RoomID: room.RoomID}))
	got, err := c.RealtimeTranscriptions.Get(ctx, rt.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscriptionStatusCompleted, got.Status)
	require.NotNil(t, got.TranscriptionFilePaths)
	assert.NotEmpty(t, got.TranscriptionFilePaths.TXT)
	require.NotNil(t, got.SummarizedFilePaths)
	require.NoError(t, srv.EndSession(room.RoomID))
	assert.Empty(t, collect(t, c.PostTranscriptions.All(ctx, videosdk.ListPostTranscriptionsParams{RoomID: room.RoomID})),
		"made from the recording's file, which comes 2 s after the stop")
	clock.add(2 * time.Second)

	posts := collect(t, c.PostTranscriptions.All(ctx, videosdk.ListPostTranscriptionsParams{RoomID: room.RoomID}))
	require.Len(t, posts, 1)
	assert.Equal(t, videosdk.TranscriptionStatusRunning, posts[0].Status)
	assert.Nil(t, posts[0].End)
	clock.add(2 * time.Second)
	post, err := c.PostTranscriptions.Get(ctx, posts[0].ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TranscriptionStatusCompleted, post.Status)
	require.NotNil(t, post.TranscriptionFilePaths)
	for _, u := range []string{post.TranscriptionFilePaths.JSON, post.TranscriptionFilePaths.SRT, post.TranscriptionFilePaths.TXT,
		post.TranscriptionFilePaths.TSV, post.TranscriptionFilePaths.VTT, post.SummarizedFilePaths.TXT} {
		assert.NotEmpty(t, u)
	}
	assert.Nil(t, post.TranscriptionFilePaths.Other)

	rec, err := c.Recordings.GetWithTranscription(ctx, post.RecordingID)
	require.NoError(t, err)
	require.Len(t, rec.PostTranscriptions, 1)
	assert.Equal(t, *post, rec.PostTranscriptions[0])
	plain, err := c.Recordings.Get(ctx, post.RecordingID)
	require.NoError(t, err)
	assert.Empty(t, plain.PostTranscriptions)
	rec.Transcription, rec.PostTranscriptions = nil, nil
	assert.Equal(t, plain, rec, "the documented fields decode as for Get")

	realtime := collect(t, c.RealtimeTranscriptions.All(ctx, videosdk.ListRealtimeTranscriptionsParams{RoomID: room.RoomID}))
	require.Len(t, realtime, 1)
	assert.Equal(t, rt.ID, realtime[0].ID)
}
