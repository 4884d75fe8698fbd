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
	golden(t, "livestreams_start", r.stdout, srv)
	assert.NotContains(t, r.stdout, streamKey)
	golden(t, "livestreams_list_live", h.ok("livestreams", "list"), srv)

	var ls []videosdk.Livestream
	out := h.ok("livestreams", "list", "-json")
	require.NoError(t, json.Unmarshal([]byte(out), &ls))
	require.Len(t, ls, 1)
	assert.Contains(t, r.stdout, "Started livestream "+ls[0].ID+" of room "+roomID, "start prints the id")
	assert.JSONEq(t, `{"roomId":"`+roomID+`","stopped":true}`, h.ok("livestreams", "stop", "-room", roomID, "-id", ls[0].ID, "-json"))
	out = h.ok("livestreams", "list", "-json")
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
	out = h.ok("livestreams", "start", "-room", roomID, "-rtmp-url", "rtmps://ingest.example.com/live", "-json")
	var res videosdk.StartResult
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	var flag struct {
		Started bool `json:"started"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &flag))
	assert.True(t, flag.Started)
	assert.Regexp(t, `^[0-9a-f]{24}$`, res.ID)
	assert.Equal(t, "RTMP output start accepted", res.Message)
	h.ok("livestreams", "stop", "-room", roomID, "-id", res.ID)
	r = h.runIn(context.Background(), `{"outputs":[{"url":"rtmp://a.example/x","streamKey":"k1"},{"url":"rtmp://b.example/y","streamKey":"k2"}]}`,
		"livestreams", "start", "-room", roomID, "-body", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "to 2 output(s)")
	assert.True(t, strings.HasPrefix(h.ok("livestreams", "list", "-limit", "1"), "LIVESTREAM ID"))
	r = h.run("livestreams", "start", "-room", roomID, "-body", "-", "-stream-key", "-")
	assert.Equal(t, 2, r.code)
}
