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

	r = h.run("post-transcriptions", "wait", posts[0].ID, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var waited videosdk.PostTranscription
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &waited))
	assert.Equal(t, got, waited, "wait shows the completed transcription")
	r = h.run("post-transcriptions", "wait", "00000000-0000-4000-8000-000000000000", "-timeout", "1ms")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "post transcription 00000000-0000-4000-8000-000000000000: not completed after 1ms")

	r = h.run("post-transcriptions", "get", "00000000-0000-4000-8000-000000000000")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	r = h.run("post-transcriptions", "get")
	assert.Equal(t, 2, r.code)
	assert.Equal(t, 1, strings.Count(h.ok("post-transcriptions", "list", "-room", "zzzz-zzzz-zzzz"), "\n"), "header only")
}
