package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// roomIDs lists the fake's rooms through the SDK, newest first.
func roomIDs(t *testing.T, srv *videosdktest.Server) []string {
	t.Helper()
	var ids []string
	for r, err := range srv.Client().Rooms.All(context.Background(), videosdk.ListRoomsParams{}) {
		require.NoError(t, err)
		ids = append(ids, r.RoomID)
	}
	return ids
}

func TestRooms(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)

	golden(t, "rooms_create", h.ok("rooms", "create", "-custom-id", "standup", "-geo-fence", "eu001",
		"-webhook", "https://example.com/hook", "-events", "recording-*,session-ended", "-allowed", "asha,ravi",
		"-auto-close", "session-end-and-deactivate"), srv)
	h.ok("rooms", "create")
	ids := roomIDs(t, srv)
	require.Len(t, ids, 2)

	golden(t, "rooms_list", h.ok("rooms", "list"), srv)
	var listed []videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "list", "-json")), &listed))
	require.Len(t, listed, 2)
	assert.Equal(t, ids, []string{listed[0].RoomID, listed[1].RoomID})
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "list", "-json", "-limit", "1")), &listed))
	assert.Len(t, listed, 1)
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "list", "-json", "-limit", "0")), &listed))
	assert.Len(t, listed, 2)
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "list", "-json", "-query", "standup")), &listed))
	require.Len(t, listed, 1)
	assert.Equal(t, "standup", listed[0].CustomRoomID)

	golden(t, "rooms_get", h.ok("rooms", "get", "standup"), srv)
	assert.Regexp(t, `Status:\s+enabled`, h.ok("rooms", "validate", ids[1]))
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "deactivate", ids[1], "-json")), &room))
	assert.True(t, room.Disabled)
	assert.Contains(t, h.ok("rooms", "get", ids[1]), "deactivated")

	// API errors: exit 1 with the API's message on stderr, nothing on stdout.
	r := h.run("rooms", "get", "zzzz-zzzz-zzzz")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "videosdk: GET /v2/rooms/zzzz-zzzz-zzzz: 404")
	assert.NotContains(t, r.stderr, "videosdk: videosdk:")
	srv.InjectFault("POST", "/v2/rooms", 1, videosdktest.Fault{Status: 503}) // a POST is not retried
	r = h.run("rooms", "create")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "videosdk: POST /v2/rooms: 503 Service Unavailable")

	// An unknown region is sent as given (VideoSDK adds regions) and the
	// API decides: the fake refuses it, exit 1.
	r = h.run("rooms", "create", "-geo-fence", "mars")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, `geoFence "mars" is not a known region`)

	// Bad input the SDK refuses before sending anything: exit 2.
	r = h.run("rooms", "create", "-events", "x")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-events needs -webhook")
}

func TestRoomsCreateFromBody(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	body := filepath.Join(t.TempDir(), "room.json")
	require.NoError(t, os.WriteFile(body, []byte(`{"customRoomId":"from-file","autoCloseConfig":{"type":"session-ends"}}`), 0o644))
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-body", body, "-json")), &room))
	assert.Equal(t, "from-file", room.CustomRoomID)

	// Flags win over the body; stdin works.
	r := h.runIn(context.Background(), `{"customRoomId":"from-stdin"}`, "rooms", "create", "-body", "-", "-custom-id", "from-flag", "-json")
	require.Equal(t, 0, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &room))
	assert.Equal(t, "from-flag", room.CustomRoomID)

	// A misspelt field is an error, not silently dropped.
	r = h.runIn(context.Background(), `{"custom_room_id":"x"}`, "rooms", "create", "-body", "-")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `unknown field "custom_room_id"`)
	r = h.run("rooms", "create", "-body", filepath.Join(t.TempDir(), "missing.json"))
	assert.Equal(t, 2, r.code)
}

// TestRoomsServerTextIsPrintable: a room whose customRoomId carries terminal
// controls is shown made printable in tables and details; -json is exact.
func TestRoomsServerTextIsPrintable(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	custom := "\x1b]0;x\a\x1b[2J\x1b[1A\u009b2J\u202eroom"
	_, err := srv.Client().Rooms.Create(context.Background(), videosdk.CreateRoomParams{CustomRoomID: custom})
	require.NoError(t, err)
	ids := roomIDs(t, srv)
	for _, args := range [][]string{{"rooms", "list"}, {"rooms", "get", ids[0]}} {
		out := h.ok(args...)
		assertPrintable(t, out)
		assert.Contains(t, out, `\x1B[2J`, args)
	}
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "get", ids[0], "-json")), &room))
	assert.Equal(t, custom, room.CustomRoomID)
}
