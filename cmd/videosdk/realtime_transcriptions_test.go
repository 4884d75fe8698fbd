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

func TestRealtimeTranscriptions(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)

	r := h.run("realtime-transcriptions", "start")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-room is required")
	golden(t, "realtime_transcriptions_start", h.ok("realtime-transcriptions", "start", "-room", roomID,
		"-webhook-url", "https://hooks.example.com/rt?token=hook-secret", "-language", "en-US", "-summary-prompt", "Action items"), srv)
	r = h.run("realtime-transcriptions", "start", "-room", roomID)
	assert.Equal(t, 1, r.code, "one per room: 409")
	assert.Contains(t, r.stderr, "409")

	assert.Equal(t, "Stopped the realtime transcription of room "+roomID+". Its files: videosdk realtime-transcriptions list -room "+roomID+"\n",
		h.ok("realtime-transcriptions", "stop", "-room", roomID))
	r = h.run("realtime-transcriptions", "stop", "-room", roomID)
	assert.Equal(t, 1, r.code, "nothing runs any more")
	r = h.run("realtime-transcriptions", "stop")
	assert.Equal(t, 2, r.code)

	// Another, with -body, ended with the session.
	r = h.runIn(context.Background(), `{"modelId":"nova-2","summary":{"enabled":false}}`, "realtime-transcriptions", "start", "-room", roomID, "-body", "-", "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var second videosdk.RealtimeTranscription
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &second))
	assert.Equal(t, videosdk.TranscriptionStatusRunning, second.Status)
	assert.Contains(t, h.ok("realtime-transcriptions", "get", second.ID), "Files appear once it stops.")
	require.NoError(t, srv.EndSession(roomID))

	golden(t, "realtime_transcriptions_list", h.ok("realtime-transcriptions", "list", "-room", roomID), srv)
	var list []videosdk.RealtimeTranscription
	require.NoError(t, json.Unmarshal([]byte(h.ok("realtime-transcriptions", "list", "-json", "-status", "completed")), &list))
	require.Len(t, list, 2)
	assert.Equal(t, second.ID, list[0].ID)
	golden(t, "realtime_transcriptions_get", h.ok("realtime-transcriptions", "get", list[1].ID), srv)
	assert.Equal(t, 1, strings.Count(h.ok("realtime-transcriptions", "list", "-status", "running"), "\n"), "header only")
}
