package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// liveRoom creates a room through the tool and joins participants on the fake.
func liveRoom(t *testing.T, srv *videosdktest.Server, h *harness) (roomID, sessionID string) {
	t.Helper()
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &room))
	sessionID, err := srv.StartSession(room.RoomID)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(room.RoomID, "asha-1", "Asha"))
	require.NoError(t, srv.JoinAs(room.RoomID, "ravi-2", "Ravi"))
	require.NoError(t, srv.Leave(room.RoomID, "ravi-2"))
	return room.RoomID, sessionID
}

func TestSessions(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, sessionID := liveRoom(t, srv, h)

	golden(t, "sessions_list", h.ok("sessions", "list"), srv)
	golden(t, "sessions_get", h.ok("sessions", "get", sessionID), srv)
	golden(t, "sessions_participants_active", h.ok("sessions", "participants", sessionID, "-active"), srv)
	var ps []videosdk.Participant
	require.NoError(t, json.Unmarshal([]byte(h.ok("sessions", "participants", sessionID, "-json")), &ps))
	assert.Len(t, ps, 2)

	var ss []videosdk.Session
	require.NoError(t, json.Unmarshal([]byte(h.ok("sessions", "list", "-room", roomID, "-status", "ongoing", "-json")), &ss))
	require.Len(t, ss, 1)
	assert.Equal(t, sessionID, ss[0].ID)

	r := h.run("sessions", "end")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-room is required")
	golden(t, "sessions_end", h.ok("sessions", "end", "-room", roomID), srv)
	require.NoError(t, json.Unmarshal([]byte(h.ok("sessions", "list", "-status", "ongoing", "-json")), &ss))
	assert.Empty(t, ss)
	r = h.run("sessions", "end", "-room", roomID)
	assert.Equal(t, 1, r.code, "nothing live to end")

	r = h.run("sessions", "list", "-status", "paused")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `status "paused" is not one of`)
	r = h.run("sessions", "get", "nope")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
}
