package main

import (
	"bufio"
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// runningListen is a 'videosdk webhook listen' run in-process.
type runningListen struct {
	url    string // where it receives
	stdout *testutil.SyncBuffer
	stderr *testutil.SyncBuffer
	stop   func() int // ends it (as Ctrl-C does) and returns its exit status
}

var listeningRe = regexp.MustCompile(`receiving deliveries on (http://[^/]+/)`)

func startListen(t *testing.T, h *harness, args ...string) *runningListen {
	t.Helper()
	pr, pw := io.Pipe()
	l := &runningListen{stdout: &testutil.SyncBuffer{}, stderr: &testutil.SyncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		code := h.cli(strings.NewReader(""), l.stdout, io.MultiWriter(pw, l.stderr)).run(ctx, append([]string{"webhook", "listen"}, args...))
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "stderr: %s", l.stderr.String())
	m := listeningRe.FindStringSubmatch(line)
	require.NotNil(t, m, "first line: %q", line)
	l.url = m[1]
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	var once sync.Once
	code := 0
	l.stop = func() int { once.Do(func() { cancel(); code = <-done }); return code }
	t.Cleanup(func() { l.stop() })
	return l
}

// target is a forward target on loopback: it records what it receives
// and answers status.
type target struct {
	*httptest.Server
	mu     sync.Mutex
	got    []*http.Request
	bodies [][]byte
	status int
}

func newTarget(t *testing.T) *target {
	t.Helper()
	tg := &target{status: http.StatusOK}
	tg.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		tg.mu.Lock()
		tg.got, tg.bodies = append(tg.got, r), append(tg.bodies, b)
		status := tg.status
		tg.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(tg.Close)
	return tg
}

func (tg *target) received() ([]*http.Request, [][]byte) {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return append([]*http.Request(nil), tg.got...), append([][]byte(nil), tg.bodies...)
}

func (tg *target) answer(status int) {
	tg.mu.Lock()
	tg.status = status
	tg.mu.Unlock()
}

// fakeKeyFile writes the fake's webhook public key as a PEM file.
func fakeKeyFile(t *testing.T, srv *videosdktest.Server) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(srv.WebhookPublicKey())
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "videosdk.pem")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600))
	return path
}

// post sends body with sig to the listener and returns its status.
func post(t *testing.T, url, body, sig string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set(videosdk.WebhookSignatureHeader, sig)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

const (
	joinedBody  = `{"webhookType":"participant-joined","data":{"meetingId":"abcd-efgh-ijkl","sessionId":"6819d2dbccbe61526d9e5600","participantId":"asha-1","participantName":"Asha"}}`
	stoppedBody = "{\"webhookType\": \"recording-stopped\",\n \"data\": {\"meetingId\": \"abcd-efgh-ijkl\", \"sessionId\": \"6819d2dbccbe61526d9e5600\", \"filePath\": \"encoded/videos/r.mp4\", \"fileUrl\": \"https://cdn.videosdk.live/encoded/videos/r.mp4?sig=secret\"}}"
	newBody     = `{"webhookType":"brand-new-event","data":{"meetingId":"abcd-efgh-ijkl","extra":{"x":1}}}`
)

// Each verified delivery is printed and forwarded byte for byte with its
// signature; refused ones are reported and not forwarded; a failed forward
// is answered 500 so that VideoSDK delivers again.
func TestWebhookListen(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	keyFile := fakeKeyFile(t, srv)
	tg := newTarget(t)
	h := newHarness(t, nil) // a pinned key needs no credentials
	h.now = time.Date(2025, 5, 6, 9, 14, 0, 0, time.UTC)
	l := startListen(t, h, "-key", keyFile, "-forward", tg.URL+"/hooks?token=fwd-secret")

	for _, body := range []string{joinedBody, stoppedBody, newBody} {
		assert.Equal(t, 200, post(t, l.url+"any/path", body, srv.SignWebhook([]byte(body))))
	}
	reqs, bodies := tg.received()
	require.Len(t, reqs, 3)
	for i, body := range []string{joinedBody, stoppedBody, newBody} {
		assert.Equal(t, body, string(bodies[i]), "the exact bytes")
		assert.Equal(t, "/hooks", reqs[i].URL.Path)
		assert.Equal(t, "application/json", reqs[i].Header.Get("Content-Type"))
		assert.NoError(t, videosdk.VerifyWebhookSignature(bodies[i], reqs[i].Header.Get(videosdk.WebhookSignatureHeader), srv.WebhookPublicKey()),
			"the receiver can verify it itself")
	}

	// Refused: no signature, a wrong one, a signed body that is not a webhook, a GET.
	assert.Equal(t, 401, post(t, l.url, joinedBody, ""))
	assert.Equal(t, 401, post(t, l.url, joinedBody, srv.SignWebhook([]byte(stoppedBody))))
	assert.Equal(t, 400, post(t, l.url, `{"hello":1}`, srv.SignWebhook([]byte(`{"hello":1}`))))
	res, err := http.Get(l.url)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 405, res.StatusCode)
	reqs, _ = tg.received()
	assert.Len(t, reqs, 3, "nothing refused is forwarded")

	// The receiver fails: answered 500, and said so.
	tg.answer(http.StatusServiceUnavailable)
	assert.Equal(t, 500, post(t, l.url, joinedBody, srv.SignWebhook([]byte(joinedBody))))
	tg.Close()
	assert.Equal(t, 500, post(t, l.url, joinedBody, srv.SignWebhook([]byte(joinedBody))))

	assert.Equal(t, 0, l.stop())
	out := strings.ReplaceAll(l.stdout.String(), tg.URL, "TARGET")
	out = regexp.MustCompile(`forward failed: [^(]*`).ReplaceAllString(out, "forward failed: ERROR ")
	golden(t, "webhook_listen", out, nil)
	errs := regexp.MustCompile(`from 127\.0\.0\.1:\d+`).ReplaceAllString(l.stderr.String(), "from CLIENT")
	errs = strings.ReplaceAll(strings.ReplaceAll(errs, l.url, "LISTEN/"), tg.URL, "TARGET")
	golden(t, "webhook_listen_stderr", errs, nil)
	for _, o := range []string{out, errs} {
		assert.NotContains(t, o, "fwd-secret", "the forward URL's query is not shown")
		assert.NotContains(t, o, "sig=secret", "nor a file URL's")
		assert.NotContains(t, o, "PUBLIC KEY")
	}
}

// -json prints one object per line: the event as received and the forward.
func TestWebhookListenJSON(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	tg := newTarget(t)
	l := startListen(t, newHarness(t, nil), "-key", fakeKeyFile(t, srv), "-json", "-forward", tg.URL)
	assert.Equal(t, 200, post(t, l.url, stoppedBody, srv.SignWebhook([]byte(stoppedBody))))
	assert.Equal(t, 200, post(t, l.url, newBody, srv.SignWebhook([]byte(newBody))))
	require.Equal(t, 0, l.stop())
	lines := strings.Split(strings.TrimSuffix(l.stdout.String(), "\n"), "\n")
	require.Len(t, lines, 2)
	type line struct {
		Received time.Time       `json:"received"`
		Type     string          `json:"type"`
		Data     json.RawMessage `json:"data"`
		Forward  struct {
			URL    string `json:"url"`
			Status int    `json:"status"`
		} `json:"forward"`
	}
	var got []line
	for _, s := range lines {
		var v line
		require.NoError(t, json.Unmarshal([]byte(s), &v), s)
		got = append(got, v)
	}
	assert.Equal(t, "recording-stopped", got[0].Type)
	assert.JSONEq(t, `{"meetingId": "abcd-efgh-ijkl", "sessionId": "6819d2dbccbe61526d9e5600", "filePath": "encoded/videos/r.mp4", "fileUrl": "https://cdn.videosdk.live/encoded/videos/r.mp4?sig=secret"}`,
		string(got[0].Data), "data as sent")
	assert.Equal(t, 200, got[0].Forward.Status)
	assert.Equal(t, tg.URL, got[0].Forward.URL)
	assert.Equal(t, "brand-new-event", got[1].Type, "an unknown event is printed too")
	assert.JSONEq(t, `{"meetingId":"abcd-efgh-ijkl","extra":{"x":1}}`, string(got[1].Data))
	assert.False(t, got[0].Received.IsZero())
}

// Without -key the key is fetched with the credentials; the fake delivers
// a room's events to the listener, which forwards them.
func TestWebhookListenWithTheFake(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	tg := newTarget(t)
	l := startListen(t, h, "-forward", tg.URL+"/app/webhooks")
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-webhook", l.url+"videosdk", "-events", "*", "-json")), &room))
	require.NoError(t, srv.JoinAs(room.RoomID, "asha-1", "Asha"))
	roomOut := h.ok("realtime-transcriptions", "start", "-room", room.RoomID, "-webhook-url", l.url+"rt")
	assert.Contains(t, roomOut, "Status:")
	require.NoError(t, srv.EndSession(room.RoomID))
	require.NoError(t, srv.FlushWebhooks(context.Background()))

	ds := srv.Deliveries()
	require.NotEmpty(t, ds)
	for _, d := range ds {
		assert.Equal(t, 200, d.StatusCode, "%s to %s: %v", d.Type, d.URL, d.Err)
	}
	reqs, bodies := tg.received()
	require.Len(t, reqs, len(ds))
	for i, d := range ds {
		assert.Equal(t, d.Body, bodies[i])
		assert.Equal(t, d.Signature, reqs[i].Header.Get(videosdk.WebhookSignatureHeader))
	}
	require.Equal(t, 0, l.stop())
	out := l.stdout.String()
	for _, want := range []string{"session-started  room=" + room.RoomID, "participant-joined  room=" + room.RoomID,
		"transcription-started", "type=realtime", "participant-left", "session-ended", "→ 200 OK"} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, len(ds), strings.Count(out, "\n"))
}

// A listener forwarding to itself answers 508 instead of looping.
func TestWebhookListenLoop(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	keyFile := fakeKeyFile(t, srv)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := taken.Addr().String()
	require.NoError(t, taken.Close())
	l := startListen(t, newHarness(t, nil), "-key", keyFile, "-addr", addr, "-forward", "http://"+addr+"/again")
	assert.Equal(t, 500, post(t, l.url, joinedBody, srv.SignWebhook([]byte(joinedBody))), "its forward failed")
	require.Equal(t, 0, l.stop())
	assert.Equal(t, 1, strings.Count(l.stdout.String(), "participant-joined"), "printed once, forwarded once")
	assert.Contains(t, l.stdout.String(), "→ 508 Loop Detected (answered 500")
	assert.Contains(t, l.stderr.String(), "refused POST /again")
}

func TestWebhookListenUsage(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	keyFile := fakeKeyFile(t, srv)
	h := newHarness(t, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-key", keyFile, "-forward", "ftp://example.com/x"}, "-forward ftp://example.com/x: not an absolute http:// or https:// URL"},
		{[]string{"-key", keyFile, "-forward", "localhost:3000/hooks?token=abc"}, "not an absolute http"},
		{[]string{"-key", keyFile, "-addr", "8080"}, `-addr "8080"`},
		{[]string{"-key", filepath.Join(t.TempDir(), "nope.pem")}, "-key:"},
		{[]string{"-key", os.Args[0]}, "webhook public key is not PEM"},
		{nil, "no API key"},
		{[]string{"extra"}, "takes no arguments"},
	} {
		r := h.run(append([]string{"webhook", "listen"}, tc.args...)...)
		assert.Equal(t, 2, r.code, "%v: %s", tc.args, r.stderr)
		assert.Contains(t, r.stderr, tc.want, tc.args)
		assert.NotContains(t, r.stderr, "token=abc")
		assert.Empty(t, r.stdout)
	}

	// The port is taken; wrong credentials fail before listening.
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { taken.Close() })
	r := h.run("webhook", "listen", "-key", keyFile, "-addr", taken.Addr().String())
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "address already in use")
	srv.InjectFault("GET", "/v2/public/rsa-public-key", 1, videosdktest.Fault{Status: http.StatusNotFound})
	r = fakeHarness(t, srv).run("webhook", "listen")
	assert.Equal(t, 1, r.code, "the key cannot be fetched: it fails now, not on every delivery")
	assert.Contains(t, r.stderr, "fetching the webhook public key")
	assert.Contains(t, r.stderr, "404")
	assert.NotContains(t, r.output(), srv.Secret)
}
