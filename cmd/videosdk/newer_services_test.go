package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
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

// A program in another language drives 'videosdk fake' over HTTP: a
// participant joins, the flush route waits for the room's webhooks, and the
// deliveries route lists them with the receiver's answers.
func TestFakeWebhookRoutes(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	h := newHarness(t, f.env)
	tg := newTarget(t)
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-webhook", tg.URL+"/hooks", "-events", "session-started,participant-joined", "-json")), &room))
	tok := strings.TrimSpace(h.ok("token", "-server"))
	control := func(method, route, body string) (int, []byte) {
		req, err := http.NewRequest(method, f.env["VIDEOSDK_FAKE_CONTROL_URL"]+"/"+route, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", tok)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, b
	}
	code, body := control("POST", "participants/join", `{"roomId":"`+room.RoomID+`","participantId":"asha-1","name":"Asha"}`)
	require.Equal(t, 200, code, "%s", body)
	code, body = control("POST", "webhooks/flush", "")
	require.Equal(t, 200, code, "%s", body)
	assert.JSONEq(t, `{"deliveries":2}`, string(body))
	reqs, _ := tg.received()
	assert.Len(t, reqs, 2, "delivered before the flush answered")

	code, body = control("GET", "deliveries", "")
	require.Equal(t, 200, code, "%s", body)
	var listed struct {
		Deliveries []struct {
			URL        string          `json:"url"`
			Type       string          `json:"type"`
			Body       json.RawMessage `json:"body"`
			StatusCode int             `json:"statusCode"`
		} `json:"deliveries"`
	}
	require.NoError(t, json.Unmarshal(body, &listed))
	require.Len(t, listed.Deliveries, 2)
	assert.Equal(t, "session-started", listed.Deliveries[0].Type)
	assert.Equal(t, "participant-joined", listed.Deliveries[1].Type)
	for _, d := range listed.Deliveries {
		assert.Equal(t, tg.URL+"/hooks", d.URL)
		assert.Equal(t, 200, d.StatusCode)
		var env struct {
			Data struct {
				MeetingID string `json:"meetingId"`
			} `json:"data"`
		}
		require.NoError(t, json.Unmarshal(d.Body, &env))
		assert.Equal(t, room.RoomID, env.Data.MeetingID)
	}
	assert.Equal(t, 0, f.stop())
}
