package videosdktest

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

const testOffer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"

func activeIDs(t *testing.T, c *videosdk.Client, roomID string) []string {
	t.Helper()
	ctx := context.Background()
	page, err := c.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: roomID, Status: videosdk.SessionOngoing})
	require.NoError(t, err)
	if len(page.Data) == 0 {
		return nil
	}
	ps, err := c.Sessions.ListActiveParticipants(ctx, page.Data[0].ID, videosdk.ListOptions{})
	require.NoError(t, err)
	var ids []string
	for _, p := range ps.Data {
		ids = append(ids, p.ParticipantID)
	}
	return ids
}

// WHIP publishers, WHEP viewers and socket ingest sessions appear in the
// room as participants; deleting a WHIP or WHEP session makes them leave.
func TestIngestParticipants(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)

	_, err = c.Ingest.WHEP.Play(ctx, videosdk.CreateWHEPParams{RoomID: room.RoomID}, testOffer)
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "WHEP needs a live session")

	pub, err := c.Ingest.WHIP.Publish(ctx, videosdk.CreateWHIPParams{RoomID: room.RoomID, ParticipantID: "obs", DisplayName: "OBS"}, testOffer)
	require.NoError(t, err)
	assert.Equal(t, 201, pub.StatusCode)
	assert.Contains(t, pub.Answer, "v=0")
	assert.Contains(t, pub.Location, "/v2/whip/sessions/")
	assert.Equal(t, []string{"obs"}, activeIDs(t, c, room.RoomID))

	view, err := c.Ingest.WHEP.Play(ctx, videosdk.CreateWHEPParams{RoomID: room.RoomID, RemotePeerID: "obs"}, testOffer)
	require.NoError(t, err)
	u, err := url.Parse(view.Location)
	require.NoError(t, err)
	viewer := u.Query().Get("participantId")
	assert.Regexp(t, `^whep-`, viewer)
	assert.ElementsMatch(t, []string{"obs", viewer}, activeIDs(t, c, room.RoomID))

	sock, err := c.Ingest.Sockets.Create(ctx, videosdk.CreateIngestSocketParams{RoomID: room.RoomID, Participant: &videosdk.IngestParticipant{ID: "caller"}})
	require.NoError(t, err)
	assert.NotEmpty(t, sock.Ref)
	assert.Equal(t, 90, sock.ExpiresIn)
	assert.ElementsMatch(t, []string{"obs", viewer, "caller"}, activeIDs(t, c, room.RoomID))

	_, err = c.Ingest.WHEP.Delete(ctx, videosdk.DeleteIngestParams{RoomID: room.RoomID, ParticipantID: viewer})
	require.NoError(t, err)
	_, err = c.Ingest.WHIP.Delete(ctx, videosdk.DeleteIngestParams{RoomID: room.RoomID, ParticipantID: "obs"})
	require.NoError(t, err)
	assert.Equal(t, []string{"caller"}, activeIDs(t, c, room.RoomID))
	_, err = c.Ingest.WHIP.Delete(ctx, videosdk.DeleteIngestParams{RoomID: room.RoomID, ParticipantID: "obs"})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

// An encoder publishes by itself with what WHIP.Create returns: the URL
// and "Authorization: Bearer <token>".
func TestWHIPEncoderWithBearerToken(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	e, err := c.Ingest.WHIP.Create(ctx, videosdk.CreateWHIPParams{RoomID: room.RoomID, DisplayName: "OBS"})
	require.NoError(t, err)
	req, err := http.NewRequest("POST", e.URL, strings.NewReader(testOffer))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/sdp")
	req.Header.Set("Authorization", "Bearer "+e.Token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusCreated, res.StatusCode)
	assert.Equal(t, "application/sdp", res.Header.Get("Content-Type"))
	assert.Equal(t, []string{e.ParticipantID}, activeIDs(t, c, room.RoomID))

	// JSON calls still take only the raw token.
	req, err = http.NewRequest("GET", srv.URL()+"/v2/rooms", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+e.Token)
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
}

// sdpPost sends body to path with the management token and contentType,
// and returns the status and the Location header.
func sdpPost(t *testing.T, srv *Server, path, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", srv.URL()+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", mgmtToken(t, srv))
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location")
}

// The WHIP and WHEP routes take an SDP offer for a known room (WHEP: a live
// session, and a remote peer who is in it) and refuse anything else; the
// session DELETE needs a live session and a participant in it; a publisher
// already in the room is reused only with useExistingPeer=true.
func TestWHIPAndWHEPRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	room := newRoom(t, srv)
	const sdp = "application/sdp"
	for _, tc := range []struct {
		path, ct, body string
		status         int
	}{
		{"/v2/whip?roomId=" + room, "application/json", `{"sdp":"v=0"}`, http.StatusUnsupportedMediaType},
		{"/v2/whip?roomId=" + room, sdp, "hello", http.StatusBadRequest},
		{"/v2/whip", sdp, testOffer, http.StatusBadRequest},
		{"/v2/whip?roomId=zzzz-zzzz-zzzz", sdp, testOffer, http.StatusNotFound},
		{"/v2/whep?roomId=" + room, sdp, testOffer, http.StatusBadRequest}, // no live session
	} {
		status, _ := sdpPost(t, srv, tc.path, tc.ct, tc.body)
		assert.Equal(t, tc.status, status, "%s %s", tc.path, tc.body)
	}
	assert.Empty(t, activeIDs(t, srv.Client(), room), "nothing joined")

	status, loc := sdpPost(t, srv, "/v2/whip?roomId="+room+"&participantId=obs", sdp, testOffer)
	require.Equal(t, http.StatusCreated, status)
	status, _ = sdpPost(t, srv, "/v2/whip?roomId="+room+"&participantId=obs&useExistingPeer=true", sdp, testOffer)
	assert.Equal(t, http.StatusCreated, status, "the publisher in the room is reused")
	status, _ = sdpPost(t, srv, "/v2/whip?roomId="+room+"&participantId=obs", sdp, testOffer)
	assert.Equal(t, http.StatusConflict, status, "joining twice without useExistingPeer")
	assert.Equal(t, []string{"obs"}, activeIDs(t, srv.Client(), room))
	status, _ = sdpPost(t, srv, "/v2/whep?roomId="+room+"&remotePeerId=ghost", sdp, testOffer)
	assert.Equal(t, http.StatusNotFound, status)

	u, err := url.Parse(loc)
	require.NoError(t, err)
	sessionPath := u.Path
	fails(t, srv, 400, "DELETE", sessionPath, nil)
	fails(t, srv, 404, "DELETE", sessionPath+"?participantId=ghost", nil)
	fails(t, srv, 404, "DELETE", "/v2/whip/sessions/nope?participantId=obs", nil)
	ok(t, srv, "DELETE", sessionPath+"?participantId=obs", nil)
	fails(t, srv, 404, "DELETE", sessionPath+"?participantId=obs", nil)
}

// The socket route needs a known room (and, with an agent, its id); the
// participant is named "Socket Participant" unless named; the same
// participant cannot join twice.
func TestIngestSocketRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	room := newRoom(t, srv)
	failsRaw(t, srv, 400, "POST", "/v2/ingest/sessions", "{")
	fails(t, srv, 400, "POST", "/v2/ingest/sessions", map[string]any{})
	fails(t, srv, 400, "POST", "/v2/ingest/sessions", map[string]any{"roomId": room, "agent": map[string]any{}})
	fails(t, srv, 404, "POST", "/v2/ingest/sessions", map[string]any{"roomId": "zzzz-zzzz-zzzz"})

	data := ok(t, srv, "POST", "/v2/ingest/sessions", map[string]any{"roomId": room, "participant": map[string]any{"id": "p1"}, "agent": map[string]any{"id": "a1"}})["data"].(map[string]any)
	assert.Equal(t, room, data["roomId"])
	assert.Regexp(t, `^ws://`, data["wsUrl"])
	c := srv.Client()
	page, err := c.Sessions.List(context.Background(), videosdk.ListSessionsParams{RoomID: room, Status: videosdk.SessionOngoing})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	parts, err := c.Sessions.ListActiveParticipants(context.Background(), page.Data[0].ID, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, parts.Data, 1)
	assert.Equal(t, "Socket Participant", parts.Data[0].Name)
	fails(t, srv, 409, "POST", "/v2/ingest/sessions", map[string]any{"roomId": room, "participant": map[string]any{"id": "p1"}})
}
