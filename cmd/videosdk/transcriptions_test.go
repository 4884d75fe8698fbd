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

func TestPostTranscriptions(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, sessionID := liveRoom(t, srv, h)
	assert.Equal(t, "TRANSCRIPTION ID  STATUS  ROOM ID  SESSION ID  RECORDING ID  STARTED  ENDED\n", h.ok("post-transcriptions", "list"))

	r := h.runIn(context.Background(), `{"transcription":{"enabled":true,"summary":{"enabled":true,"prompt":"Decisions"}}}`,
		"recordings", "start", "-room", roomID, "-body", "-")
	require.Equal(t, 0, r.code, r.stderr)
	h.ok("recordings", "stop", "-room", roomID)
	golden(t, "post_transcriptions_list", h.ok("post-transcriptions", "list", "-room", roomID), srv)

	var posts []videosdk.PostTranscription
	require.NoError(t, json.Unmarshal([]byte(h.ok("post-transcriptions", "list", "-session", sessionID, "-json")), &posts))
	require.Len(t, posts, 1)
	golden(t, "post_transcriptions_get", h.ok("post-transcriptions", "get", posts[0].ID), srv)
	var got videosdk.PostTranscription
	require.NoError(t, json.Unmarshal([]byte(h.ok("post-transcriptions", "get", posts[0].ID, "-json")), &got))
	assert.Equal(t, videosdk.TranscriptionStatusCompleted, got.Status)
	require.NotNil(t, got.TranscriptionFilePaths)
	assert.NotEmpty(t, got.TranscriptionFilePaths.VTT)
	require.NotNil(t, got.SummarizedFilePaths)

	r = h.run("post-transcriptions", "get", "00000000-0000-4000-8000-000000000000")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	r = h.run("post-transcriptions", "get")
	assert.Equal(t, 2, r.code)
	assert.Equal(t, 1, strings.Count(h.ok("post-transcriptions", "list", "-room", "zzzz-zzzz-zzzz"), "\n"), "header only")
}

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
