package main

import (
	"context"
	"encoding/json"
	"strings"
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

const streamKey = "live_sk_0123456789abcdef"

func TestLivestreamsHideStreamKeys(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)

	r := h.run("livestreams", "start", "-room", roomID)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-rtmp-url (or outputs in -body) is required")
	r = h.run("livestreams", "start", "-room", roomID, "-rtmp-url", "rtmp://ingest.example.com/live")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "needs a stream key")

	// The key from stdin, so it stays out of the shell history.
	r = h.runIn(context.Background(), streamKey+"\n", "livestreams", "start", "-room", roomID, "-rtmp-url", "rtmp://ingest.example.com/live", "-stream-key", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Started the livestream of room "+roomID+" to 1 output(s).\n", r.stdout)
	golden(t, "livestreams_list_live", h.ok("livestreams", "list"), srv)
	assert.JSONEq(t, `{"roomId":"`+roomID+`","stopped":true}`, h.ok("livestreams", "stop", "-room", roomID, "-json"))

	var ls []videosdk.Livestream
	out := h.ok("livestreams", "list", "-json")
	require.NoError(t, json.Unmarshal([]byte(out), &ls))
	require.Len(t, ls, 1)
	assert.Equal(t, "[redacted]", ls[0].Outputs[0].StreamKey)
	get := h.ok("livestreams", "get", ls[0].ID)
	golden(t, "livestreams_get", get, srv)
	for _, o := range []string{out, get, h.ok("livestreams", "list"), h.ok("livestreams", "get", ls[0].ID, "-json")} {
		assert.NotContains(t, o, streamKey)
	}
	assert.Contains(t, h.ok("livestreams", "get", ls[0].ID, "-show-keys"), streamKey)
	assert.Contains(t, h.ok("livestreams", "list", "-json", "-show-keys"), streamKey)

	// From the environment, and from -body.
	h.env["VIDEOSDK_STREAM_KEY"] = "env-key"
	h.ok("livestreams", "start", "-room", roomID, "-rtmp-url", "rtmps://ingest.example.com/live")
	h.ok("livestreams", "stop", "-room", roomID)
	r = h.runIn(context.Background(), `{"outputs":[{"url":"rtmp://a.example/x","streamKey":"k1"},{"url":"rtmp://b.example/y","streamKey":"k2"}]}`,
		"livestreams", "start", "-room", roomID, "-body", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "to 2 output(s)")
	assert.True(t, strings.HasPrefix(h.ok("livestreams", "list", "-limit", "1"), "LIVESTREAM ID"))
	r = h.run("livestreams", "start", "-room", roomID, "-body", "-", "-stream-key", "-")
	assert.Equal(t, 2, r.code)
}
