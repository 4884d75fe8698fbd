package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

// runningFake is a 'videosdk fake' run in-process.
type runningFake struct {
	env    map[string]string
	stderr *testutil.SyncBuffer
	stop   func() int // ends it (as Ctrl-C does) and returns its exit status
}

func startFake(t *testing.T, args ...string) *runningFake {
	t.Helper()
	pr, pw := io.Pipe()
	stderr := &testutil.SyncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	h := newHarness(t, nil)
	go func() {
		code := h.cli(strings.NewReader(""), pw, stderr).run(ctx, append([]string{"fake"}, args...))
		pw.Close()
		done <- code
	}()
	f := &runningFake{env: map[string]string{}, stderr: stderr}
	sc := bufio.NewScanner(pr)
	for len(f.env) < 4 && sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		require.True(t, ok, "not an export line: %q", sc.Text())
		f.env[k] = v
	}
	require.Len(t, f.env, 4, "stderr: %s", stderr.String())
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	f.stop = func() int { cancel(); return <-done }
	t.Cleanup(func() { f.stop = nil; cancel() })
	return f
}

func TestFake(t *testing.T) {
	t.Parallel()
	f := startFake(t, "-seed", "7")
	assert.Equal(t, "videosdktest-key", f.env["VIDEOSDK_API_KEY"])
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, f.env["VIDEOSDK_API_ENDPOINT"])
	assert.Equal(t, f.env["VIDEOSDK_API_ENDPOINT"]+"/_fake", f.env["VIDEOSDK_FAKE_CONTROL_URL"])
	assert.Len(t, f.env["VIDEOSDK_SECRET"], 48)

	// The printed variables are all a client needs.
	h := newHarness(t, f.env)
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &room))
	assert.Equal(t, "ny32-ro0w-yap6", room.RoomID, "-seed 7 makes the ids repeat")

	// A participant joins through the control routes, with a server token.
	tok := strings.TrimSpace(h.ok("token", "-server"))
	control := func(method, route, body string) (int, string) {
		req, err := http.NewRequest(method, f.env["VIDEOSDK_FAKE_CONTROL_URL"]+"/"+route, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", tok)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	code, body := control("POST", "participants/join", `{"roomId":"`+room.RoomID+`","participantId":"asha-1","name":"Asha"}`)
	require.Equal(t, 200, code, body)
	var sessions []videosdk.Session
	require.NoError(t, json.Unmarshal([]byte(h.ok("sessions", "list", "-json")), &sessions))
	require.Len(t, sessions, 1)
	assert.Equal(t, "Asha", sessions[0].Participants[0].Name)
	code, body = control("GET", "requests?method=POST&pattern=/v2/rooms", "")
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"method":"POST","pattern":"/v2/rooms","count":1}`, body)
	code, _ = control("POST", "faults", `{"method":"GET","pattern":"/v2/rooms","status":400}`)
	require.Equal(t, 200, code)
	r := h.run("rooms", "list")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "400")

	// Each request is logged on stderr; the control routes need the token.
	req, err := http.NewRequest("POST", f.env["VIDEOSDK_FAKE_CONTROL_URL"]+"/sessions/end", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 401, res.StatusCode)

	assert.Equal(t, 0, f.stop())
	logs := f.stderr.String()
	assert.Contains(t, logs, "videosdk fake: serving the fake VideoSDK API on "+f.env["VIDEOSDK_API_ENDPOINT"])
	assert.Contains(t, logs, "method=POST path=/v2/rooms status=200 request_id=vsdktest-1")
	assert.Contains(t, logs, "method=POST path=/_fake/participants/join status=200")
	assert.Contains(t, logs, "method=GET path=/v2/rooms status=400")
	assert.Contains(t, logs, "method=POST path=/_fake/sessions/end status=401")
	assert.True(t, strings.HasSuffix(logs, "videosdk fake: stopped\n"), logs)
	assert.NotContains(t, logs, tok)
}

func TestFakeAddr(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	h := newHarness(t, nil)
	r := h.run("fake", "-addr", l.Addr().String())
	assert.Equal(t, 1, r.code, "the port is taken")
	assert.Contains(t, r.stderr, "address already in use")
	assert.Empty(t, r.stdout)

	r = h.run("fake", "-addr", "localhost")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `-addr "localhost": address localhost: missing port in address`)
	r = h.run("fake", "-processing-delay", "-1s")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-processing-delay -1s is negative")

	// Two fakes with one seed make the same ids; without a seed they differ.
	ids := func(args ...string) string {
		f := startFake(t, args...)
		defer f.stop()
		out := newHarness(t, f.env).ok("rooms", "create", "-json")
		var room videosdk.Room
		require.NoError(t, json.Unmarshal([]byte(out), &room))
		return room.RoomID
	}
	assert.Equal(t, ids("-seed", "42"), ids("-seed", "42"))
	assert.NotEqual(t, ids(), ids())
	assert.True(t, bytes.Contains([]byte(h.ok("fake", "-h")), []byte("not yours")))
}

// TestFakeOnAllInterfacesNamesAReachableHost: with -addr 0.0.0.0:PORT the
// endpoint and the file URLs the fake hands out name -host (default this
// machine's name), never 127.0.0.1, which other machines cannot reach.
func TestFakeOnAllInterfacesNamesAReachableHost(t *testing.T) {
	t.Parallel()
	// -processing-delay 0: the recording's file is there once the session
	// ends, so the flush below has nothing to wait out.
	f := startFake(t, "-addr", "0.0.0.0:0", "-host", "localhost", "-processing-delay", "0")
	assert.Regexp(t, `^http://localhost:\d+$`, f.env["VIDEOSDK_API_ENDPOINT"])
	h := newHarness(t, f.env)
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &room))
	control := func(f *runningFake, h *harness, route string) {
		req, err := http.NewRequest("POST", f.env["VIDEOSDK_FAKE_CONTROL_URL"]+"/"+route,
			strings.NewReader(`{"roomId":"`+room.RoomID+`","participantId":"asha-1","name":"Asha"}`))
		require.NoError(t, err)
		req.Header.Set("Authorization", strings.TrimSpace(h.ok("token", "-server")))
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Equal(t, 200, res.StatusCode, string(b))
	}
	control(f, h, "participants/join")
	h.ok("recordings", "start", "-room", room.RoomID)
	control(f, h, "sessions/end")
	control(f, h, "webhooks/flush")
	out := h.ok("recordings", "list", "-room", room.RoomID, "-json")
	assert.Contains(t, out, `"fileUrl": "http://localhost:`)
	assert.NotContains(t, out, "127.0.0.1")

	// A long -processing-delay: the stopped recording has no file yet.
	slow := startFake(t, "-processing-delay", "1h")
	hs := newHarness(t, slow.env)
	require.NoError(t, json.Unmarshal([]byte(hs.ok("rooms", "create", "-json")), &room))
	control(slow, hs, "participants/join")
	hs.ok("recordings", "start", "-room", room.RoomID)
	control(slow, hs, "sessions/end")
	control(slow, hs, "webhooks/flush")
	assert.NotContains(t, hs.ok("recordings", "list", "-room", room.RoomID, "-json"), `"fileUrl"`)

	host, err := os.Hostname()
	require.NoError(t, err)
	g := startFake(t, "-addr", "0.0.0.0:0")
	assert.Regexp(t, `^http://`+regexp.QuoteMeta(host)+`:\d+$`, g.env["VIDEOSDK_API_ENDPOINT"])
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

// TestFakeProcessStartsAnswerTheDocumentedString: the fake served as a
// process answers every start of a meeting, participant or track recording
// or livestream with the JSON string the API reference documents, and an
// error with {"message"} only.
func TestFakeProcessStartsAnswerTheDocumentedString(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	h := newHarness(t, f.env)
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &room))
	tok := strings.TrimSpace(h.ok("token", "-server"))
	post := func(base, path, body string) (int, []byte) {
		req, err := http.NewRequest("POST", base+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b
	}
	api := f.env["VIDEOSDK_API_ENDPOINT"]
	code, b := post(api, "/v2/recordings/start", `{"roomId":"`+room.RoomID+`"}`)
	assert.Equal(t, 400, code, "no live session: the fake's choice of status")
	assert.JSONEq(t, `{"message":"`+jsonText(t, b)+`"}`, string(b), "an error body is {\"message\"} only")

	code, b = post(f.env["VIDEOSDK_FAKE_CONTROL_URL"], "/participants/join", `{"roomId":"`+room.RoomID+`","participantId":"asha-1","name":"Asha"}`)
	require.Equal(t, 200, code, string(b))
	for path, body := range map[string]string{
		"/v2/recordings/start":                   `{"roomId":"` + room.RoomID + `"}`,
		"/v2/recordings/participant/start":       `{"roomId":"` + room.RoomID + `","participantId":"asha-1"}`,
		"/v2/recordings/participant/track/start": `{"roomId":"` + room.RoomID + `","participantId":"asha-1","kind":"audio"}`,
		"/v2/livestreams/start":                  `{"roomId":"` + room.RoomID + `","outputs":[{"url":"rtmp://live.example.net/app","streamKey":"k"}]}`,
	} {
		code, b := post(api, path, body)
		require.Equal(t, 200, code, "%s: %s", path, b)
		var s string
		assert.NoError(t, json.Unmarshal(b, &s), "%s answers a JSON string: %s", path, b)
		assert.NotEmpty(t, s, path)
	}
}

// jsonText is the message of an error body {"message": …}.
func jsonText(t *testing.T, b []byte) string {
	t.Helper()
	var m struct{ Message string }
	require.NoError(t, json.Unmarshal(b, &m))
	out, err := json.Marshal(m.Message)
	require.NoError(t, err)
	return strings.Trim(string(out), `"`)
}
