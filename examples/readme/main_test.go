package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// TestQuickStart runs the README's Quick start against the fake, with the
// room it creates holding one finished recording and one still running (no
// file yet): the program lists both and does not panic.
func TestQuickStart(t *testing.T) {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(0)) // files at once: the program is under test, not the wait
	defer srv.Close()
	ctx := context.Background()
	client := srv.Client()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "team-standup"})
	require.NoError(t, err)
	_, err = srv.Join(room.RoomID, "Asha")
	require.NoError(t, err)
	res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	require.NoError(t, err)
	done, err := client.Recordings.FindStarted(ctx, res) // the answer is a sentence
	require.NoError(t, err)
	require.NoError(t, client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID, ID: done.ID}))
	_, err = client.Recordings.WaitForFile(ctx, done.ID) // processed
	require.NoError(t, err)
	res, err = client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	require.NoError(t, err)
	running, err := client.Recordings.FindStarted(ctx, res)
	require.NoError(t, err)

	t.Setenv("VIDEOSDK_API_KEY", srv.APIKey)
	t.Setenv("VIDEOSDK_SECRET", srv.Secret)
	t.Setenv("VIDEOSDK_API_ENDPOINT", srv.URL())
	out := captureStdout(t, main)

	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, out)
	assert.Equal(t, room.RoomID+" true", lines[0])
	assert.Contains(t, out, done.ID+" "+srv.URL()+"/cdn/")
	assert.Contains(t, out, running.ID+" (no file yet)")
}

// captureStdout runs f with os.Stdout going to a pipe and returns what it
// wrote.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	old := os.Stdout
	os.Stdout = w
	var buf bytes.Buffer
	copied := make(chan struct{})
	go func() { _, _ = io.Copy(&buf, r); close(copied) }()
	defer func() {
		os.Stdout = old
		_ = w.Close()
		<-copied
		_ = r.Close()
	}()
	f()
	_ = w.Close()
	<-copied
	return buf.String()
}
