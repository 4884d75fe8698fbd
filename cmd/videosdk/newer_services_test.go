package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The commands of the newer services are in the tree, each with -h, and
// none prints the secret, whether it succeeds or fails.
func TestNewerServicesCommands(t *testing.T) {
	t.Parallel()
	const secret = "env-secret-must-not-show-9c2e"
	h := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": "key", "VIDEOSDK_SECRET": secret})
	var names []string
	for _, p := range append(commandPaths(t, h, nil), commandPaths(t, h, []string{"recordings", "composite"})...) {
		names = append(names, strings.Join(p, " "))
		assert.NotContains(t, h.run(append(p, "-h")...).stdout, secret, "%v", p)
	}
	for _, want := range []string{"transcodings list", "transcodings get", "transcodings merge", "transcodings hls-to-mp4",
		"transcodings meeting-recording-merge", "transcodings cancel", "post-transcriptions list", "post-transcriptions get",
		"realtime-transcriptions start", "realtime-transcriptions stop", "realtime-transcriptions list", "realtime-transcriptions get",
		"recordings composite list", "recordings composite get", "recordings composite start", "recordings composite stop",
		"recordings composite download", "webhook listen"} {
		assert.Contains(t, names, want)
	}

	srv := stableFake(t)
	f := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, f)
	wrong := "wrong-secret-do-not-print-31f0"
	for _, args := range [][]string{
		{"transcodings", "list", "-json"}, {"transcodings", "get", "6819d2dbccbe61526d9e5600"}, {"transcodings", "merge", "-recordings", "x"},
		{"transcodings", "cancel", "6819d2dbccbe61526d9e5600"}, {"post-transcriptions", "list"}, {"realtime-transcriptions", "start", "-room", roomID},
		{"realtime-transcriptions", "list", "-json"}, {"recordings", "composite", "start", "-room", roomID, "-json"},
		{"recordings", "composite", "list", "-secret", wrong}, {"transcodings", "list", "-secret", wrong},
	} {
		r := f.run(args...)
		assert.NotContains(t, r.output(), srv.Secret, "%v", args)
		assert.NotContains(t, r.output(), wrong, "%v", args)
	}
}
