package videosdk_test

// End-to-end tests: every service driven through the public API against the
// videosdktest fake over real loopback HTTP (no mocks), including auto-paging
// and retries triggered by injected faults.

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
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

// e2e starts a fake and a client for it.
func e2e(t *testing.T, opts ...videosdk.Option) (*videosdktest.Server, *videosdk.Client, context.Context) {
	t.Helper()
	srv := videosdktest.NewServer()
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return srv, srv.Client(opts...), ctx
}

// e2eVirtual is e2e for a test inside a testing/synctest bubble: the fake
// (with its default processing time) and the client talk over an in-memory
// network, so the fake's clock, the client's pauses and ctx's deadline are
// the bubble's virtual time. A job that takes the fake 0.5 s takes the test
// no real time, and the default fake's timing (a cancel that comes before the
// job ends) holds whatever the machine's load.
func e2eVirtual(t *testing.T, opts ...videosdk.Option) (*videosdktest.Server, *videosdk.Client, context.Context) {
	t.Helper()
	pn := testutil.NewPipeNet()
	srv := videosdktest.NewServer(videosdktest.WithListener(pn))
	t.Cleanup(srv.Close)
	hc := pn.Client()
	virtualHTTP.Store(srv, hc)
	t.Cleanup(func() {
		hc.CloseIdleConnections()
		virtualHTTP.Delete(srv)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return srv, srv.Client(append([]videosdk.Option{videosdk.WithHTTPClient(hc)}, opts...)...), ctx
}

// virtualHTTP maps a fake made by e2eVirtual to the *http.Client that
// reaches it over its in-memory network (for its file URLs); httpFor gives
// http.DefaultClient for any other fake.
var virtualHTTP sync.Map

func httpFor(srv *videosdktest.Server) *http.Client {
	if c, ok := virtualHTTP.Load(srv); ok {
		return c.(*http.Client)
	}
	return http.DefaultClient
}

// liveRoom creates a room and starts a session in it with the named participants.
func liveRoom(t *testing.T, srv *videosdktest.Server, c *videosdk.Client, names ...string) (room *videosdk.Room, sessionID string, participantIDs []string) {
	t.Helper()
	room, err := c.Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)
	sessionID, err = srv.StartSession(room.RoomID)
	require.NoError(t, err)
	for _, n := range names {
		id, err := srv.Join(room.RoomID, n)
		require.NoError(t, err)
		participantIDs = append(participantIDs, id)
	}
	return room, sessionID, participantIDs
}

// startOK checks a Start's answer is the documented one — a sentence
// without an id for meeting, participant and track recordings and
// livestreams (the fake answers as the API reference does), an object with
// the recordingId for composite recordings — and finds the started job with
// find (a FindStarted, wrapped by found). It returns the result with ID set to
// the found job's id. Use:
// startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, p)).
func startOK(t *testing.T, find func(context.Context, *videosdk.StartResult) (string, error)) func(*videosdk.StartResult, error) *videosdk.StartResult {
	return func(res *videosdk.StartResult, err error) *videosdk.StartResult {
		t.Helper()
		require.NoError(t, err)
		require.False(t, res.StartedAt.IsZero(), "Start records when it was called")
		require.NotEmpty(t, res.RoomID)
		if res.ID == "" {
			require.NotEmpty(t, res.Message, "a start answer without an id is the documented sentence")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		id, err := find(ctx, res)
		require.NoError(t, err, "FindStarted finds what Start started")
		require.NotEmpty(t, id)
		if res.ID != "" {
			require.Equal(t, res.ID, id, "FindStarted gets the job the answer names")
		}
		out := *res
		out.ID = id
		return &out
	}
}

// found adapts a FindStarted method to startOK: it returns the found job's ID.
func found[T any](find func(context.Context, *videosdk.StartResult) (*T, error)) func(context.Context, *videosdk.StartResult) (string, error) {
	return func(ctx context.Context, res *videosdk.StartResult) (string, error) {
		v, err := find(ctx, res)
		if err != nil {
			return "", err
		}
		return reflect.ValueOf(v).Elem().FieldByName("ID").String(), nil
	}
}

// processed waits until the default fake's work in progress (stopped
// recordings' files, merges, transcodings) is done: FlushWebhooks waits it
// out on a fake with the real clock and the default processing time.
func processed(t *testing.T, srv *videosdktest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.FlushWebhooks(ctx))
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

func TestE2ERooms(t *testing.T) {
	t.Parallel()
	srv, c, ctx := e2e(t)

	room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{
		CustomRoomID: "team-standup-42",
		GeoFence:     videosdk.GeoFenceIN002,
		Webhook:      &videosdk.RoomWebhook{EndPoint: "https://example.com/hook", Events: []videosdk.WebhookEventType{"recording-*"}},
	})
	require.NoError(t, err)
	assert.Regexp(t, `^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$`, room.RoomID)
	assert.Equal(t, "team-standup-42", room.CustomRoomID)
	assert.Equal(t, videosdk.GeoFenceIN002, room.GeoFence)
	require.NotNil(t, room.Webhook)
	assert.Equal(t, "https://example.com/hook", room.Webhook.EndPoint)
	assert.False(t, room.CreatedAt.IsZero())

	again, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "team-standup-42"})
	require.NoError(t, err)
	assert.Equal(t, room.ID, again.ID, "creation is idempotent on customRoomId")

	v, err := c.Rooms.Validate(ctx, "team-standup-42")
	require.NoError(t, err)
	assert.Equal(t, room.RoomID, v.RoomID)
	_, err = c.Rooms.Validate(ctx, "zzzz-zzzz-zzzz")
	assert.ErrorIs(t, err, videosdk.ErrNotFound, "validate answers 400 Room not found.")

	g, err := c.Rooms.Get(ctx, room.RoomID)
	require.NoError(t, err)
	require.NotNil(t, g.User)
	assert.NotEmpty(t, g.User.Email)
	_, err = c.Rooms.Get(ctx, "zzzz-zzzz-zzzz")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)

	for range 4 {
		_, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
		require.NoError(t, err)
	}
	page, err := c.Rooms.List(ctx, videosdk.ListRoomsParams{ListOptions: videosdk.ListOptions{PerPage: 2}})
	require.NoError(t, err)
	assert.Equal(t, videosdk.PageInfo{CurrentPage: 1, PerPage: 2, LastPage: 3, Total: 5}, page.PageInfo)
	assert.True(t, page.HasNext())
	before := srv.Requests("GET", "/v2/rooms")
	all := collect(t, c.Rooms.All(ctx, videosdk.ListRoomsParams{ListOptions: videosdk.ListOptions{PerPage: 2}}))
	assert.Len(t, all, 5)
	assert.Equal(t, 3, srv.Requests("GET", "/v2/rooms")-before, "three pages fetched")
	q, err := c.Rooms.List(ctx, videosdk.ListRoomsParams{Query: "team-standup-42"})
	require.NoError(t, err)
	require.Len(t, q.Data, 1)
	assert.Equal(t, room.RoomID, q.Data[0].RoomID)

	_, err = c.Rooms.Deactivate(ctx, "team-standup-42")
	var apiErr *videosdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 402, apiErr.StatusCode, "deactivate refuses a customRoomId")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	d, err := c.Rooms.Deactivate(ctx, room.RoomID)
	require.NoError(t, err)
	assert.True(t, d.Disabled)
	assert.Equal(t, room.RoomID, d.RoomID, "legacy meetingId")
	assert.Equal(t, "team-standup-42", d.CustomRoomID, "legacy userMeetingId")
}

func TestE2ESessions(t *testing.T) {
	t.Parallel()
	srv, c, ctx := e2e(t)
	room, sessionID, ids := liveRoom(t, srv, c, "Asha", "Ravi", "Mei", "Ola", "Sam")
	require.NoError(t, srv.Leave(room.RoomID, ids[1]))

	live, err := c.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: room.RoomID, Status: videosdk.SessionOngoing})
	require.NoError(t, err)
	require.Len(t, live.Data, 1)
	s := live.Data[0]
	assert.Equal(t, sessionID, s.ID)
	assert.True(t, s.Live())
	assert.Nil(t, s.End)
	assert.Len(t, s.Participants, 5)

	got, err := c.Sessions.Get(ctx, sessionID)
	require.NoError(t, err)
	assert.Equal(t, room.RoomID, got.RoomID)
	assert.NotEmpty(t, got.ChatLink)
	_, err = c.Sessions.Get(ctx, "000000000000000000000000")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)

	// /participants (data is one object) across three pages.
	p1, err := c.Sessions.ListParticipants(ctx, sessionID, videosdk.ListOptions{PerPage: 2})
	require.NoError(t, err)
	assert.Len(t, p1.Data, 2)
	assert.Equal(t, 3, p1.PageInfo.LastPage)
	before := srv.Requests("GET", "/v2/sessions/"+sessionID+"/participants")
	parts := collect(t, c.Sessions.AllParticipants(ctx, sessionID, videosdk.ListOptions{PerPage: 2}))
	assert.Equal(t, 3, srv.Requests("GET", "/v2/sessions/"+sessionID+"/participants")-before)
	var names []string
	for _, p := range parts {
		names = append(names, p.Name)
	}
	assert.ElementsMatch(t, []string{"Asha", "Ravi", "Mei", "Ola", "Sam"}, names)
	require.Len(t, parts[1].Timelog, 1)
	assert.NotNil(t, parts[1].Timelog[0].End, "Ravi left")

	// /participants/active (data is an array of sessions using _id).
	act, err := c.Sessions.ListActiveParticipants(ctx, sessionID, videosdk.ListOptions{PerPage: 3})
	require.NoError(t, err)
	assert.Len(t, act.Data, 3)
	assert.Equal(t, 4, act.PageInfo.Total)
	active := collect(t, c.Sessions.AllActiveParticipants(ctx, sessionID, videosdk.ListOptions{PerPage: 3}))
	assert.Len(t, active, 4)
	for _, p := range active {
		assert.NotEqual(t, ids[1], p.ParticipantID)
		assert.Equal(t, videosdk.ParticipantModeSendAndRecv, p.Mode)
	}

	st, err := c.Sessions.Stats(ctx, sessionID)
	require.NoError(t, err)
	assert.Equal(t, sessionID, st.SessionID)
	assert.Equal(t, room.RoomID, st.RoomID, "meetingId")
	require.NotEmpty(t, st.Stats)
	assert.NotNil(t, st.Stats[0].QualityScore)
	ps, err := c.Sessions.ParticipantStats(ctx, sessionID, ids[0])
	require.NoError(t, err)
	assert.Equal(t, "Asha", ps.ParticipantName)
	assert.Equal(t, room.RoomID, ps.RoomID)
	assert.NotEmpty(t, ps.ResolutionUsage)
	_, err = c.Sessions.ParticipantStats(ctx, sessionID, "nobody")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)

	removed, err := c.Sessions.RemoveParticipant(ctx, videosdk.RemoveParticipantParams{RoomID: room.RoomID, ParticipantID: ids[0]})
	require.NoError(t, err)
	assert.Equal(t, sessionID, removed.ID, "the answer is the session")
	assert.True(t, removed.Live())
	require.NotEmpty(t, removed.Participants)
	assert.NotNil(t, removed.Participants[0].Timelog[0].End, "the removed participant has left")
	_, err = c.Sessions.RemoveParticipant(ctx, videosdk.RemoveParticipantParams{SessionID: sessionID, ParticipantID: ids[0]})
	assert.ErrorIs(t, err, videosdk.ErrNotFound, "already removed")

	ended, err := c.Sessions.End(ctx, videosdk.EndSessionParams{RoomID: room.RoomID})
	require.NoError(t, err)
	assert.Equal(t, sessionID, ended.ID)
	assert.Equal(t, room.RoomID, ended.RoomID, "legacy meetingId")
	require.NotNil(t, ended.End)
	_, err = c.Sessions.End(ctx, videosdk.EndSessionParams{RoomID: room.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "nothing live")

	// Several sessions, paged.
	for range 2 {
		_, err := srv.StartSession(room.RoomID)
		require.NoError(t, err)
		require.NoError(t, srv.EndSession(room.RoomID))
	}
	sessions := collect(t, c.Sessions.All(ctx, videosdk.ListSessionsParams{RoomID: room.RoomID, ListOptions: videosdk.ListOptions{PerPage: 1}}))
	assert.Len(t, sessions, 3)
	for _, s := range sessions {
		assert.Equal(t, videosdk.SessionEnded, s.Status)
	}
}

func TestE2ERecordings(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2ERecordings)
}

func testE2ERecordings(t *testing.T) {
	srv, c, ctx := e2eVirtual(t)
	idle, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	_, err = c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: idle.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "no live session")

	room, sessionID, _ := liveRoom(t, srv, c, "Asha")
	started := startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{
		RoomID: room.RoomID,
		Config: &videosdk.CompositionConfig{Layout: &videosdk.Layout{Type: videosdk.LayoutGrid}, Quality: videosdk.QualityHigh},
	}))
	assert.Equal(t, room.RoomID, started.RoomID)
	assert.Empty(t, started.SessionID, "the documented answer is a sentence: no session")
	assert.Equal(t, "Recording start accepted", started.Message)
	_, err = c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrConflict)
	require.NoError(t, c.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID}))
	err = c.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "nothing running")

	// Two more recordings in two more sessions, to page across.
	for range 2 {
		require.NoError(t, srv.EndSession(room.RoomID))
		_, err := srv.Join(room.RoomID, "Asha")
		require.NoError(t, err)
		startOK(t, found(c.Recordings.FindStarted))(c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID, FileFormat: videosdk.FileFormatWebM}))
		require.NoError(t, c.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID}))
	}
	processed(t, srv)
	recs := collect(t, c.Recordings.All(ctx, videosdk.ListRecordingsParams{RoomID: room.RoomID, ListOptions: videosdk.ListOptions{PerPage: 2}}))
	require.Len(t, recs, 3)
	first := recs[2] // newest first
	assert.Equal(t, started.ID, first.ID, "the recording FindStarted found")
	assert.Equal(t, sessionID, first.SessionID)
	require.NotNil(t, first.File)
	assert.Equal(t, first.FileID, first.File.ID)
	assert.Equal(t, videosdk.FileFormatMP4, first.File.Meta.Format)
	assert.Equal(t, videosdk.FileFormatWebM, recs[0].File.Meta.Format)
	assert.NotNil(t, first.End)

	// The file URL is downloadable from the fake.
	res, err := httpFor(srv).Get(first.File.FileURL)
	require.NoError(t, err)
	n, _ := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	assert.Equal(t, first.File.Size, n)

	page, err := c.Recordings.List(ctx, videosdk.ListRecordingsParams{SessionID: sessionID, WithTranscription: true})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	g, err := c.Recordings.Get(ctx, first.ID)
	require.NoError(t, err)
	assert.Equal(t, first.ID, g.ID)
	require.NoError(t, c.Recordings.Delete(ctx, first.ID))
	_, err = c.Recordings.Get(ctx, first.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	assert.ErrorIs(t, c.Recordings.Delete(ctx, first.ID), videosdk.ErrNotFound)
}

func TestE2EParticipantAndTrackRecordingsAndMerges(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testE2EParticipantAndTrackRecordingsAndMerges)
}

func testE2EParticipantAndTrackRecordingsAndMerges(t *testing.T) {
	srv, c, ctx := e2eVirtual(t)
	room, sessionID, ids := liveRoom(t, srv, c, "Asha", "Ravi")
	asha, ravi := ids[0], ids[1]

	startedIDs := map[string]bool{}
	for _, id := range ids {
		startedIDs[startOK(t, found(c.ParticipantRecordings.FindStarted))(c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: id})).ID] = true
	}
	_, err := c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: asha})
	assert.ErrorIs(t, err, videosdk.ErrConflict)
	_, err = c.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: "nobody"})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	for _, id := range ids {
		require.NoError(t, c.ParticipantRecordings.Stop(ctx, videosdk.StopParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: id}))
	}
	processed(t, srv)
	prs := collect(t, c.ParticipantRecordings.All(ctx, videosdk.ListParticipantRecordingsParams{SessionID: sessionID, ListOptions: videosdk.ListOptions{PerPage: 1}}))
	require.Len(t, prs, 2)
	for _, pr := range prs {
		assert.True(t, startedIDs[pr.ID], "listed under the id Start answered")
		assert.Equal(t, videosdk.RecordingModeParticipant, pr.Mode)
		assert.Equal(t, videosdk.KindAudioVideo, pr.Kind)
		require.Len(t, pr.Files, 1)
		assert.NotEmpty(t, pr.Files[0].ID, "files use _id")
		assert.NotNil(t, pr.End)
	}
	one, err := c.ParticipantRecordings.List(ctx, videosdk.ListParticipantRecordingsParams{ParticipantID: asha})
	require.NoError(t, err)
	require.Len(t, one.Data, 1)
	ashaRec := one.Data[0].ID
	g, err := c.ParticipantRecordings.Get(ctx, ashaRec)
	require.NoError(t, err)
	assert.Equal(t, "Asha", g.ParticipantName)

	// Track recordings.
	for _, k := range []videosdk.TrackKind{videosdk.TrackKindAudio, videosdk.TrackKindVideo} {
		startOK(t, found(c.TrackRecordings.FindStarted))(c.TrackRecordings.Start(ctx, videosdk.StartTrackRecordingParams{RoomID: room.RoomID, ParticipantID: ravi, Kind: k}))
	}
	_, err = c.TrackRecordings.Start(ctx, videosdk.StartTrackRecordingParams{RoomID: room.RoomID, ParticipantID: ravi, Kind: videosdk.TrackKindAudio})
	assert.ErrorIs(t, err, videosdk.ErrConflict)
	require.NoError(t, c.TrackRecordings.Stop(ctx, videosdk.StopTrackRecordingParams{RoomID: room.RoomID, ParticipantID: ravi, Kind: videosdk.TrackKindAudio}))
	processed(t, srv)
	tracks := collect(t, c.TrackRecordings.All(ctx, videosdk.ListTrackRecordingsParams{ParticipantID: ravi, ListOptions: videosdk.ListOptions{PerPage: 1}}))
	require.Len(t, tracks, 2)
	byKind := map[videosdk.TrackKind]videosdk.TrackRecording{}
	for _, tr := range tracks {
		byKind[tr.Kind] = tr
		assert.Equal(t, videosdk.RecordingModeTrack, tr.Mode)
	}
	assert.Nil(t, byKind[videosdk.TrackKindVideo].End, "video track still recording")
	require.Len(t, byKind[videosdk.TrackKindAudio].Files, 1)
	assert.Equal(t, "audio", byKind[videosdk.TrackKindAudio].Files[0].Type)
	tg, err := c.TrackRecordings.Get(ctx, byKind[videosdk.TrackKindAudio].ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.TrackKindAudio, tg.Kind)
	require.NoError(t, srv.Leave(room.RoomID, ravi)) // stops the video track
	tg, err = c.TrackRecordings.Get(ctx, byKind[videosdk.TrackKindVideo].ID)
	require.NoError(t, err)
	assert.NotNil(t, tg.End)

	// Merge Asha's and Ravi's participant recordings.
	m, err := c.Merges.Create(ctx, videosdk.CreateMergeParams{
		SessionID: sessionID,
		Channel1:  []videosdk.MergeChannelEntry{{ParticipantID: asha, RecordingID: ashaRec}},
		Channel2:  []videosdk.MergeChannelEntry{{ParticipantID: ravi}},
	})
	require.NoError(t, err)
	assert.Equal(t, videosdk.MergeStatusRunning, m.Status)
	assert.Equal(t, room.RoomID, m.RoomID, "legacy meetingId")
	assert.NotEmpty(t, m.Message, "the create answer's message")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, m.ID)
	done, err := c.Merges.Wait(ctx, m.ID) // a merge takes time
	require.NoError(t, err)
	assert.Equal(t, videosdk.MergeStatusCompleted, done.Status)
	require.NotNil(t, done.File)
	assert.Equal(t, videosdk.FileFormatMP3, done.File.Meta.Format)
	_, err = c.Merges.Create(ctx, videosdk.CreateMergeParams{
		SessionID: sessionID,
		Channel1:  []videosdk.MergeChannelEntry{{ParticipantID: asha}},
		Channel2:  []videosdk.MergeChannelEntry{{ParticipantID: ravi, Type: videosdk.MergeSourceTrack}},
	})
	require.NoError(t, err)
	merges := collect(t, c.Merges.All(ctx, videosdk.ListMergesParams{SessionID: sessionID, ListOptions: videosdk.ListOptions{PerPage: 1}}))
	assert.Len(t, merges, 2, "items under \"recordings\", two pages")
	mp, err := c.Merges.List(ctx, videosdk.ListMergesParams{ID: m.ID, Status: videosdk.MergeStatusCompleted})
	require.NoError(t, err)
	require.Len(t, mp.Data, 1)
	_, err = c.Merges.Get(ctx, "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)

	require.NoError(t, c.TrackRecordings.Delete(ctx, byKind[videosdk.TrackKindAudio].ID))
	require.NoError(t, c.ParticipantRecordings.Delete(ctx, ashaRec))
	_, err = c.ParticipantRecordings.Get(ctx, ashaRec)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

func TestE2ELivestreamsAndHLS(t *testing.T) {
	t.Parallel()
	srv, c, ctx := e2e(t)
	room, sessionID, _ := liveRoom(t, srv, c, "Asha")
	outputs := []videosdk.RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "sk-demo-0001"}}

	live := startOK(t, found(c.Livestreams.FindStarted))(c.Livestreams.Start(ctx, videosdk.StartLivestreamParams{RoomID: room.RoomID, Outputs: outputs}))
	_, err := c.Livestreams.Start(ctx, videosdk.StartLivestreamParams{RoomID: room.RoomID, Outputs: outputs})
	assert.ErrorIs(t, err, videosdk.ErrConflict)
	require.NoError(t, c.Livestreams.Stop(ctx, videosdk.StopLivestreamParams{RoomID: room.RoomID}))
	ls := collect(t, c.Livestreams.All(ctx, videosdk.ListLivestreamsParams{RoomID: room.RoomID}))
	require.Len(t, ls, 1)
	assert.Equal(t, outputs, ls[0].Outputs)
	assert.Equal(t, sessionID, ls[0].SessionID)
	assert.NotNil(t, ls[0].End)
	assert.Equal(t, live.ID, ls[0].ID, "the id Start answered")
	lg, err := c.Livestreams.Get(ctx, ls[0].ID)
	require.NoError(t, err)
	assert.Equal(t, ls[0].ID, lg.ID)

	_, err = c.HLS.GetActive(ctx, room.RoomID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	h, err := c.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: room.RoomID, Config: &videosdk.CompositionConfig{
		Layout: &videosdk.Layout{Type: videosdk.LayoutSpotlight, Priority: videosdk.PriorityPin}, Quality: videosdk.QualityMed,
	}})
	require.NoError(t, err)
	assert.Nil(t, h.End)
	assert.True(t, strings.HasSuffix(h.PlaybackHLSURL, "/index.m3u8"), h.PlaybackHLSURL)
	assert.Equal(t, videosdk.QualityMed, h.Quality)
	_, err = c.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: room.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrConflict)

	active, err := c.HLS.GetActive(ctx, room.RoomID)
	require.NoError(t, err)
	assert.Equal(t, h.ID, active.ID, "{code,data} wrapper unwrapped")
	assert.Equal(t, 200, active.Code, "the wrapper's code")
	assert.Equal(t, h.PlaybackHLSURL, active.PlaybackHLSURL)

	capt, err := c.HLS.Capture(ctx, videosdk.CaptureHLSParams{RoomID: room.RoomID})
	require.NoError(t, err)
	assert.Equal(t, 1280, capt.Meta.Width)
	assert.Equal(t, 720, capt.Meta.Height)
	assert.Equal(t, videosdk.ImageFormatJPG, capt.Meta.Format)
	res, err := http.Get(capt.FilePath)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "image/jpeg", res.Header.Get("Content-Type"))
	capt, err = c.HLS.Capture(ctx, videosdk.CaptureHLSParams{RoomID: room.RoomID, Time: videosdk.Ptr(0.0), Format: videosdk.ImageFormatPNG, Width: 320, Height: 180})
	require.NoError(t, err)
	assert.Equal(t, 320, capt.Meta.Width)

	assert.ErrorIs(t, c.HLS.Delete(ctx, h.ID), videosdk.ErrConflict, "still running")
	require.NoError(t, c.HLS.Stop(ctx, videosdk.StopHLSParams{RoomID: room.RoomID}))
	_, err = c.HLS.GetActive(ctx, room.RoomID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = c.HLS.Capture(ctx, videosdk.CaptureHLSParams{RoomID: room.RoomID})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)
	got, err := c.HLS.Get(ctx, h.ID)
	require.NoError(t, err)
	assert.NotNil(t, got.End)
	streams := collect(t, c.HLS.All(ctx, videosdk.ListHLSParams{RoomID: room.RoomID, SessionID: sessionID}))
	require.Len(t, streams, 1)
	require.NoError(t, c.HLS.Delete(ctx, h.ID))
	_, err = c.HLS.Get(ctx, h.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

func TestE2ERetries(t *testing.T) {
	t.Parallel()

	t.Run("GET retried after two 503s", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		srv.InjectFault("GET", "/v2/rooms", 2, videosdktest.Fault{Status: 503})
		page, err := c.Rooms.List(ctx, videosdk.ListRoomsParams{})
		require.NoError(t, err)
		assert.Empty(t, page.Data)
		assert.Equal(t, 3, srv.Requests("GET", "/v2/rooms"))
		assert.Len(t, waits.All(), 2, "one backoff before each retry")
	})

	t.Run("POST not retried on 503", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		room, _, _ := liveRoom(t, srv, c, "Asha")
		srv.InjectFault("POST", "/v2/recordings/start", 1, videosdktest.Fault{Status: 503})
		res, err := c.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
		assert.Nil(t, res)
		assert.ErrorIs(t, err, videosdk.ErrServer)
		var apiErr *videosdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 1, apiErr.Attempts)
		assert.Empty(t, apiErr.Code, "the fake invents no error code: its body is {\"message\"}")
		assert.NotEmpty(t, apiErr.RequestID)
		assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/start"), "reached the server once")
	})

	t.Run("POST retried on 429", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		srv.InjectFault("POST", "/v2/rooms", 1, videosdktest.Fault{Status: 429, RetryAfter: time.Second})
		_, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
		require.NoError(t, err)
		assert.Equal(t, 2, srv.Requests("POST", "/v2/rooms"))
		assert.Equal(t, []time.Duration{time.Second}, waits.All(), "the Retry-After hint is waited out")
	})

	t.Run("POST with a dropped connection is not sent again", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		srv.InjectFault("POST", "/v2/rooms", 1, videosdktest.Fault{Drop: true})
		_, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
		require.Error(t, err)
		assert.Equal(t, 1, srv.Requests("POST", "/v2/rooms"))
		page, err := c.Rooms.List(ctx, videosdk.ListRoomsParams{})
		require.NoError(t, err)
		assert.Empty(t, page.Data)
	})

	t.Run("GET with a dropped connection is retried", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		srv.InjectFault("GET", "/v2/rooms", 1, videosdktest.Fault{Drop: true})
		_, err := c.Rooms.List(ctx, videosdk.ListRoomsParams{})
		require.NoError(t, err)
		assert.Equal(t, 2, srv.Requests("GET", "/v2/rooms"))
	})

	t.Run("auto-paging retries a failing page", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		for range 3 {
			_, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
			require.NoError(t, err)
		}
		srv.InjectFault("GET", "/v2/rooms", 1, videosdktest.Fault{Status: 502})
		rooms := collect(t, c.Rooms.All(ctx, videosdk.ListRoomsParams{ListOptions: videosdk.ListOptions{PerPage: 1}}))
		assert.Len(t, rooms, 3)
		assert.Equal(t, 4, srv.Requests("GET", "/v2/rooms"))
	})

	t.Run("retries exhausted", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithMaxRetries(1), videosdk.WithSleepForTest(waits.Sleep))
		srv.InjectFault("GET", "/v2/sessions", 5, videosdktest.Fault{Status: 500})
		n := 0
		for _, err := range c.Sessions.All(ctx, videosdk.ListSessionsParams{}) {
			n++
			assert.ErrorIs(t, err, videosdk.ErrServer)
		}
		assert.Equal(t, 1, n, "the error is yielded once")
		assert.Equal(t, 2, srv.Requests("GET", "/v2/sessions"))
	})

	t.Run("a garbage 200 is an invalid response, not a panic", func(t *testing.T) {
		t.Parallel()
		waits := &testutil.Waits{}
		srv, c, ctx := e2e(t, videosdk.WithSleepForTest(waits.Sleep))
		srv.InjectFault("GET", "/v2/rooms/*", 1, videosdktest.Fault{Body: `{"id":`})
		_, err := c.Rooms.Get(ctx, "abcd-efgh-ijkl")
		assert.ErrorIs(t, err, videosdk.ErrInvalidResponse)
		srv.InjectFault("GET", "/v2/hls/*/active", 1, videosdktest.Fault{Body: "<html>oops</html>"})
		_, err = c.HLS.GetActive(ctx, "abcd-efgh-ijkl")
		assert.ErrorIs(t, err, videosdk.ErrInvalidResponse)
	})
}

func TestE2EAuth(t *testing.T) {
	t.Parallel()
	srv, _, ctx := e2e(t)
	bad, err := videosdk.NewClient(srv.APIKey, "not-the-secret", videosdk.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	_, err = bad.Rooms.List(ctx, videosdk.ListRoomsParams{})
	assert.ErrorIs(t, err, videosdk.ErrUnauthorized)
	assert.NotContains(t, err.Error(), srv.Secret)
	assert.NotContains(t, err.Error(), "not-the-secret")
	assert.Equal(t, 1, srv.Requests("GET", "/v2/rooms"), "a freshly signed token refused with 401 is not sent again")

	other, err := videosdk.NewClient("someone-else", srv.Secret, videosdk.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	_, err = other.Rooms.List(ctx, videosdk.ListRoomsParams{})
	assert.ErrorIs(t, err, videosdk.ErrUnauthorized)

	// The participant token a back end hands out verifies, and the fake
	// refuses it for server calls (role rtc).
	c := srv.Client()
	tok, err := c.GenerateToken(videosdk.TokenParams{RoomID: "abcd-efgh-ijkl", Roles: []videosdk.Role{videosdk.RoleRTC}})
	require.NoError(t, err)
	claims, err := videosdk.ParseToken(tok, srv.Secret)
	require.NoError(t, err)
	assert.Equal(t, "abcd-efgh-ijkl", claims.RoomID)
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL()+"/v2/rooms", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", tok)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
}

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
