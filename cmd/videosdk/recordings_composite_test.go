package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestCompositeRecordings(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)

	r := h.run("recordings", "composite", "start")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-room is required")
	out := h.ok("recordings", "composite", "start", "-room", roomID, "-participants", "asha-1", "-format", "mp4")
	golden(t, "recordings_composite_start", out, srv)
	started := h.ok("recordings", "composite", "start", "-room", roomID, "-json")
	var flag struct {
		Started bool `json:"started"`
	}
	require.NoError(t, json.Unmarshal([]byte(started), &flag))
	assert.True(t, flag.Started)
	var res videosdk.StartResult
	require.NoError(t, json.Unmarshal([]byte(started), &res))
	assert.Regexp(t, `^[0-9a-f]{24}$`, res.ID)
	assert.Equal(t, roomID, res.RoomID)
	assert.NotEmpty(t, res.SessionID)
	assert.Contains(t, out, "Started composite recording ")
	golden(t, "recordings_composite_list_running", h.ok("recordings", "composite", "list", "-room", roomID), srv)

	// Stop needs the id: several may run.
	r = h.run("recordings", "composite", "stop", "-room", roomID)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-id is required")
	assert.Equal(t, "Stopped the composite recording in room "+roomID+". Its file appears once processed: videosdk recordings composite wait "+res.ID+", or videosdk recordings composite list -room "+roomID+"\n",
		h.ok("recordings", "composite", "stop", "-room", roomID, "-id", res.ID))
	r = h.run("recordings", "composite", "wait", res.ID, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var waited videosdk.CompositeRecording
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &waited))
	assert.Equal(t, res.ID, waited.ID)
	assert.NotNil(t, waited.File, "wait returns the recording with its file")
	r = h.run("recordings", "composite", "start", "-room", roomID, "-participants", "asha-1", "-format", "mkv")
	assert.Equal(t, 2, r.code, "the SDK refuses the format before sending")

	var recs []videosdk.CompositeRecording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "composite", "list", "-json")), &recs))
	require.Len(t, recs, 2)
	assert.Equal(t, res.ID, recs[0].ID)
	require.NotNil(t, recs[0].File, "stopped: its file exists")
	golden(t, "recordings_composite_get", h.ok("recordings", "composite", "get", res.ID), srv)
	require.NoError(t, srv.EndSession(roomID)) // stops the first one too
	golden(t, "recordings_composite_list", h.ok("recordings", "composite", "list"), srv)

	// The file downloads like any recording's.
	dir := t.TempDir()
	h.ok("recordings", "composite", "download", res.ID, "-o", dir)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	info, err := os.Stat(filepath.Join(dir, entries[0].Name()))
	require.NoError(t, err)
	assert.Equal(t, recs[0].File.Size, info.Size())
}
