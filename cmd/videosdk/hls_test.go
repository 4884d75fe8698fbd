package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestHLS(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)

	r := h.run("hls", "start")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-room is required")
	golden(t, "hls_start", h.ok("hls", "start", "-room", roomID, "-quality", "high", "-orientation", "portrait", "-record"), srv)
	r = h.run("hls", "start", "-room", roomID)
	assert.Equal(t, 1, r.code, "already streaming")
	assert.Equal(t, "Stopped the HLS stream of room "+roomID+".\n", h.ok("hls", "stop", "-room", roomID))
	golden(t, "hls_list", h.ok("hls", "list", "-room", roomID), srv)
	var streams []videosdk.HLSStream
	require.NoError(t, json.Unmarshal([]byte(h.ok("hls", "list", "-json")), &streams))
	require.Len(t, streams, 1)
	var got videosdk.HLSStream
	require.NoError(t, json.Unmarshal([]byte(h.ok("hls", "get", streams[0].ID, "-json")), &got))
	assert.Equal(t, streams[0].ID, got.ID)
	assert.Contains(t, h.ok("hls", "get", streams[0].ID), "Quality:         high")
	r = h.run("hls", "start", "-room", roomID, "-quality", "8k")
	assert.Equal(t, 2, r.code)
}
