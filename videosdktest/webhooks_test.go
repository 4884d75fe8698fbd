package videosdktest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// received is one request a test receiver got.
type received struct {
	path, typ, sig, contentType string
	body                        []byte
	data                        map[string]any
}

// receiver is a loopback webhook endpoint that records what it gets and
// answers status.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []received
	status int
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	rc := &receiver{status: http.StatusOK}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		var env struct {
			WebhookType string         `json:"webhookType"`
			Data        map[string]any `json:"data"`
		}
		require.NoError(t, json.Unmarshal(b, &env), "%s", b)
		rc.mu.Lock()
		rc.got = append(rc.got, received{path: r.URL.Path, typ: env.WebhookType, sig: r.Header.Get(videosdk.WebhookSignatureHeader),
			contentType: r.Header.Get("Content-Type"), body: b, data: env.Data})
		status := rc.status
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) at(path string) []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []received
	for _, g := range rc.got {
		if g.path == path {
			out = append(out, g)
		}
	}
	return out
}

func types(rs []received) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.typ)
	}
	return out
}

func flush(t *testing.T, srv *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, srv.FlushWebhooks(ctx))
}

// hookedRoom creates a room whose webhook goes to url for events.
func hookedRoom(t *testing.T, srv *Server, url string, events ...string) string {
	t.Helper()
	return ok(t, srv, "POST", "/v2/rooms", map[string]any{"webhook": map[string]any{"endPoint": url, "events": events}})["roomId"].(string)
}

var webhookTimeRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$`)

func TestWebhookPublicKey(t *testing.T) {
	t.Parallel()
	srv, other := NewServer(), NewServer()
	defer srv.Close()
	defer other.Close()
	assert.True(t, srv.WebhookPublicKey().Equal(other.WebhookPublicKey()), "one key per process")
	assert.Equal(t, 2048, srv.WebhookPublicKey().N.BitLen())

	// Public like the real endpoint: no token needed.
	r := rawCall(t, srv, "GET", "/v2/public/rsa-public-key", "", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var body struct {
		PublicKey string `json:"publicKey"`
	}
	require.NoError(t, json.Unmarshal(r.body, &body))
	k, err := videosdk.ParseWebhookPublicKey([]byte(body.PublicKey))
	require.NoError(t, err)
	assert.True(t, k.Equal(srv.WebhookPublicKey()))

	// And through the SDK, which sends its token.
	k, err = srv.Client().WebhookPublicKey(context.Background())
	require.NoError(t, err)
	assert.True(t, k.Equal(srv.WebhookPublicKey()))

	// Other methods on the path are unknown routes, like any other.
	assert.Equal(t, http.StatusNotFound, rawCall(t, srv, "POST", "/v2/public/rsa-public-key", mgmtToken(t, srv), nil).status)

	sig := srv.SignWebhook([]byte(`{"webhookType":"x"}`))
	assert.NoError(t, videosdk.VerifyWebhookSignature([]byte(`{"webhookType":"x"}`), sig, k))
	assert.ErrorIs(t, videosdk.VerifyWebhookSignature([]byte(`{"webhookType":"y"}`), sig, k), videosdk.ErrInvalidSignature)
}

// Every lifecycle change sends its events, in order, with the documented
// data, to the room's endpoint and to the start calls' webhookUrl.
func TestWebhookDeliveriesFollowTheLifecycle(t *testing.T) {
	t.Parallel()
	// Instant processing keeps each stop's events next to their cause; on a
	// default fake the -stopping/-stopped of recordings come with their
	// files, later (TestWebhookSubscriptions).
	srv := NewServer(WithProcessingDelay(0))
	defer srv.Close()
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "*")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(roomID, "p1", "Asha"))
	require.NoError(t, srv.JoinAs(roomID, "p2", "Bo"))

	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID, "webhookUrl": rc.URL + "/rec"})
	started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": "p1", "webhookUrl": rc.URL + "/prec"})
	started(t, srv, "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": "p2", "kind": "audio", "webhookUrl": rc.URL + "/track"})
	started(t, srv, "/v2/livestreams/start", map[string]any{"roomId": roomID, "outputs": []any{map[string]any{"url": "rtmp://a.example/live", "streamKey": "k"}}})
	ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID, "webhookUrl": rc.URL + "/hls"})
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	require.NoError(t, srv.Leave(roomID, "p1")) // stops p1's participant recording
	action(t, srv, "POST", "/v2/recordings/participant/track/stop", map[string]any{"roomId": roomID, "participantId": "p2", "kind": "audio"})
	require.NoError(t, srv.EndSession(roomID)) // stops RTMP and HLS, p2 leaves
	flush(t, srv)

	assert.Equal(t, []string{
		"session-started", "participant-joined", "participant-joined",
		"recording-starting", "recording-started",
		"participant-recording-starting", "participant-recording-started",
		"participant-track-recording-starting", "participant-track-recording-started",
		"livestream-starting", "livestream-started",
		"hls-starting", "hls-started", "hls-playable",
		"recording-stopping", "recording-stopped",
		"participant-left", "participant-recording-stopping", "participant-recording-stopped",
		"participant-track-recording-stopping", "participant-track-recording-stopped",
		"participant-left", "livestream-stopping", "livestream-stopped", "hls-stopping", "hls-stopped",
		"session-ended",
	}, types(rc.at("/room")))
	assert.Equal(t, []string{"recording-starting", "recording-started", "recording-stopping", "recording-stopped"}, types(rc.at("/rec")))
	assert.Equal(t, []string{"participant-recording-starting", "participant-recording-started", "participant-recording-stopping", "participant-recording-stopped"}, types(rc.at("/prec")))
	assert.Equal(t, []string{"participant-track-recording-starting", "participant-track-recording-started", "participant-track-recording-stopping", "participant-track-recording-stopped"}, types(rc.at("/track")))
	assert.Equal(t, []string{"hls-starting", "hls-started", "hls-playable", "hls-stopping", "hls-stopped"}, types(rc.at("/hls")))

	key := srv.WebhookPublicKey()
	byType := map[string]map[string]any{}
	for _, g := range rc.at("/room") {
		assert.Equal(t, "application/json", g.contentType)
		require.NoError(t, videosdk.VerifyWebhookSignature(g.body, g.sig, key), g.typ)
		assert.Equal(t, roomID, g.data["meetingId"], g.typ)
		assert.Equal(t, sessionID, g.data["sessionId"], g.typ)
		if g.typ != "participant-left" && g.typ != "participant-joined" {
			byType[g.typ] = g.data
		}
	}
	assert.Regexp(t, webhookTimeRe, byType["session-started"]["start"])
	ended := byType["session-ended"]
	assert.Regexp(t, webhookTimeRe, ended["start"])
	assert.Regexp(t, webhookTimeRe, ended["end"])
	assert.Equal(t, "Meeting Ended.", ended["reason"])
	assert.Contains(t, ended, "error")
	assert.Nil(t, ended["error"])

	left := rc.at("/room")[16].data
	assert.Equal(t, map[string]any{"meetingId": roomID, "sessionId": sessionID, "participantId": "p1", "participantName": "Asha", "reason": "user-left"}, left)
	assert.Equal(t, "UNKNOWN", rc.at("/room")[21].data["reason"], "left because the session ended")

	assert.Equal(t, "webm", byType["participant-recording-started"]["fileFormat"])
	assert.Equal(t, "p1", byType["participant-recording-started"]["participantId"])
	assert.Equal(t, "audio", byType["participant-track-recording-started"]["kind"])

	// The stopped events point at the files the API lists.
	recs := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)
	file := recs[0].(map[string]any)["file"].(map[string]any)
	assert.Equal(t, file["fileUrl"], byType["recording-stopped"]["fileUrl"])
	assert.Equal(t, file["filePath"], byType["recording-stopped"]["filePath"])
	precs := ok(t, srv, "GET", "/v2/recordings/participant?roomId="+roomID, nil)["data"].([]any)
	pfile := precs[0].(map[string]any)["files"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{map[string]any{"filePath": pfile["filePath"], "fileUrl": pfile["fileUrl"]}}, byType["participant-recording-stopped"]["fileDetails"])
	assert.Len(t, byType["participant-track-recording-stopped"]["fileDetails"], 1)

	hls := ok(t, srv, "GET", "/v2/hls?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	assert.Equal(t, hls["playbackHlsUrl"], byType["hls-started"]["playbackHlsUrl"])
	assert.Equal(t, hls["playbackHlsUrl"], byType["hls-playable"]["playbackHlsUrl"])
	assert.Equal(t, hls["livestreamUrl"], byType["hls-playable"]["livestreamUrl"])

	// Deliveries lists the same, with the receiver's answers.
	ds := srv.Deliveries()
	require.Len(t, ds, len(rc.got))
	for i, d := range ds {
		assert.Equal(t, http.StatusOK, d.StatusCode)
		assert.NoError(t, d.Err)
		assert.Equal(t, rc.got[i].body, d.Body)
		assert.Equal(t, rc.got[i].sig, d.Signature)
		assert.Equal(t, rc.URL+rc.got[i].path, d.URL)
		assert.Equal(t, videosdk.WebhookEventType(rc.got[i].typ), d.Type)
	}
}

func TestWebhookSubscriptions(t *testing.T) {
	t.Parallel()
	// A clock the test moves: the processing time passes when it says so.
	var now atomic.Int64
	now.Store(time.Date(2025, 5, 6, 9, 0, 0, 0, time.UTC).UnixNano())
	srv := NewServer(WithClock(func() time.Time { return time.Unix(0, now.Load()).UTC() }), WithProcessingDelay(time.Minute))
	defer srv.Close()
	rc := newReceiver(t)
	subscribed := hookedRoom(t, srv, rc.URL+"/some", "recording-*", "session-ended")
	none := hookedRoom(t, srv, rc.URL+"/none") // an endPoint without events gets nothing
	for _, roomID := range []string{subscribed, none} {
		_, err := srv.Join(roomID, "Asha")
		require.NoError(t, err)
		started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
		require.NoError(t, srv.EndSession(roomID))
	}
	now.Add(int64(time.Minute))
	flush(t, srv)
	// The recording's -stopping and -stopped events come with its file,
	// after the processing time: after session-ended.
	assert.Equal(t, []string{"recording-starting", "recording-started", "session-ended", "recording-stopping", "recording-stopped"}, types(rc.at("/some")))
	assert.Empty(t, rc.at("/none"))
}

// A merge is completed right after it is created: merge-recording-completed
// goes to its webhookUrl (and to the room, when subscribed).
func TestWebhookMergeCompleted(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithProcessingDelay(0)) // jobs done at once: the deliveries are under test
	defer srv.Close()
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "merge-*")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	for _, p := range []string{"a", "b"} {
		require.NoError(t, srv.JoinAs(roomID, p, p))
		started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": p})
		require.NoError(t, srv.Leave(roomID, p))
	}
	m := ok(t, srv, "POST", "/v2/recordings/participant/merge", map[string]any{
		"sessionId": sessionID, "webhookUrl": rc.URL + "/merge",
		"channel1": []any{map[string]any{"participantId": "a"}}, "channel2": []any{map[string]any{"participantId": "b"}},
	})["recording"].(map[string]any)
	assert.Equal(t, "running", m["status"], "the create answer still says running")
	flush(t, srv)
	want := map[string]any{"id": m["id"], "meetingId": roomID, "sessionId": sessionID}
	for _, path := range []string{"/merge", "/room"} {
		got := rc.at(path)
		require.Len(t, got, 1, path)
		assert.Equal(t, "merge-recording-completed", got[0].typ)
		assert.Equal(t, want, got[0].data)
	}
	assert.Equal(t, "completed", ok(t, srv, "GET", "/v2/recordings/participant/merge/"+m["id"].(string), nil)["status"])
	flush(t, srv)
	assert.Len(t, rc.at("/merge"), 1, "completed once")
}

// Only loopback hosts are contacted; anything else is recorded as not
// delivered, without a connection or a DNS lookup.
func TestWebhookLoopbackOnly(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	rc := newReceiver(t)
	_, port, err := net.SplitHostPort(rc.Listener.Addr().String())
	require.NoError(t, err)
	targets := map[string]bool{
		"http://localhost:" + port + "/a":           true,
		"http://LOCALHOST:" + port + "/b":           true,
		"http://127.0.0.1:" + port + "/c":           true,
		"https://hooks.example.com/videosdk":        false,
		"http://10.0.0.7:" + port + "/d":            false,
		"http://[::ffff:10.0.0.7]:" + port + "/e":   false,
		"http://localhost.example.com:" + port:      false,
		"http://127.0.0.1.nip.io:" + port + "/f":    false,
		"http://user:pw@192.168.1.1:" + port + "/g": false,
	}
	for target := range targets {
		hookedRoom := hookedRoom(t, srv, target, "session-started")
		_, err := srv.StartSession(hookedRoom)
		require.NoError(t, err)
	}
	flush(t, srv)
	ds := srv.Deliveries()
	require.Len(t, ds, len(targets))
	for _, d := range ds {
		if targets[d.URL] {
			assert.NoError(t, d.Err, d.URL)
			assert.Equal(t, http.StatusOK, d.StatusCode, d.URL)
			continue
		}
		assert.ErrorIs(t, d.Err, ErrNotLoopback, d.URL)
		assert.Zero(t, d.StatusCode, d.URL)
		assert.NotContains(t, d.Err.Error(), "pw", "no URL credentials in the error")
		require.NoError(t, videosdk.VerifyWebhookSignature(d.Body, d.Signature, srv.WebhookPublicKey()), "recorded as it would have been sent")
	}
	assert.Len(t, rc.got, 3)

	// The dialer refuses non-loopback addresses on its own too.
	_, err = dialLoopback(context.Background(), "tcp", "10.0.0.7:80")
	assert.ErrorIs(t, err, ErrNotLoopback)
	_, err = dialLoopback(context.Background(), "tcp", "example.com:80")
	assert.ErrorIs(t, err, ErrNotLoopback)
}

// The receiver's answer is recorded whatever it is; a redirect is not
// followed; an unreachable receiver is an error.
func TestWebhookReceiverAnswers(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	var redirected bool
	mux := http.NewServeMux()
	mux.HandleFunc("/fail", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "no", http.StatusServiceUnavailable) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) })
	mux.HandleFunc("/elsewhere", func(http.ResponseWriter, *http.Request) { redirected = true })
	ts := httptest.NewServer(mux)
	defer ts.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	goneURL := gone.URL + "/gone"
	gone.Close()

	for _, u := range []string{ts.URL + "/fail", ts.URL + "/moved", goneURL} {
		_, err := srv.StartSession(hookedRoom(t, srv, u, "*"))
		require.NoError(t, err)
	}
	flush(t, srv)
	ds := srv.Deliveries()
	require.Len(t, ds, 3)
	assert.Equal(t, http.StatusServiceUnavailable, ds[0].StatusCode)
	assert.NoError(t, ds[0].Err)
	assert.Equal(t, http.StatusFound, ds[1].StatusCode)
	assert.False(t, redirected, "redirects are not followed")
	assert.Zero(t, ds[2].StatusCode)
	assert.Error(t, ds[2].Err)
}

// Deliveries happen outside the server lock: a receiver may call the API
// while handling one.
func TestWebhookReceiverCallsBack(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	client := srv.Client()
	var rooms []string
	var mu sync.Mutex
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev, err := videosdk.ParseWebhook(mustRead(r), r.Header.Get(videosdk.WebhookSignatureHeader), srv.WebhookPublicKey())
		if err != nil {
			http.Error(w, "bad", http.StatusUnauthorized)
			return
		}
		room, err := client.Rooms.Get(r.Context(), ev.Data.RoomID)
		if err != nil {
			http.Error(w, "lookup failed", http.StatusInternalServerError)
			return
		}
		mu.Lock()
		rooms = append(rooms, room.RoomID)
		mu.Unlock()
	}))
	defer ts.Close()
	roomID := hookedRoom(t, srv, ts.URL, "session-*")
	_, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	require.NoError(t, srv.EndSession(roomID))
	flush(t, srv)
	assert.Equal(t, []string{roomID, roomID}, rooms)
	for _, d := range srv.Deliveries() {
		assert.Equal(t, http.StatusOK, d.StatusCode)
	}
}

func mustRead(r *http.Request) []byte {
	b, _ := io.ReadAll(r.Body)
	return b
}

// Close aborts the delivery in flight and records the rest as not
// delivered; FlushWebhooks honours its context.
func TestWebhookCloseAndFlush(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	entered := make(chan struct{}, 10)
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	roomID := hookedRoom(t, srv, ts.URL, "*")
	pid, err := srv.Join(roomID, "Asha") // session-started, participant-joined
	require.NoError(t, err)
	select { // the first delivery is in flight and held
	case <-entered:
	case <-time.After(20 * time.Second):
		t.Fatal("the first webhook was not delivered")
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, srv.FlushWebhooks(ctx), context.Canceled)

	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(20 * time.Second):
		t.Fatal("Close waited for a receiver that does not answer")
	}
	flush(t, srv)
	ds := srv.Deliveries()
	require.Len(t, ds, 2)
	for _, d := range ds {
		assert.Zero(t, d.StatusCode)
		assert.ErrorIs(t, d.Err, errClosed)
	}
	// After Close nothing is contacted.
	require.NoError(t, srv.Leave(roomID, pid))
	flush(t, srv)
	ds = srv.Deliveries()
	require.Len(t, ds, 3)
	assert.ErrorIs(t, ds[2].Err, errClosed)
}

// Events whose room has no webhook and jobs without webhookUrl cost
// nothing: no delivery, and the signing key is not needed for them.
func TestNoWebhookNoDelivery(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testNoWebhookNoDelivery)
}

func testNoWebhookNoDelivery(t *testing.T) {
	srv := virtualServer(t)
	roomID, _, _ := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	require.NoError(t, srv.EndSession(roomID))
	flush(t, srv)
	assert.Empty(t, srv.Deliveries())
	srv.hooks.mu.Lock()
	defer srv.hooks.mu.Unlock()
	assert.False(t, srv.hooks.running, "no worker without webhooks")
}

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
	for u, want := range map[string]bool{
		"http://127.0.0.1/x": true, "https://127.8.9.10:8443/": true, "http://[::1]:80/": true, "http://localhost/": true,
		"http://[::ffff:127.0.0.1]/": true, "http://0.0.0.0/": false, "http://[::]/": false, "ftp://127.0.0.1/": false,
		"/relative": false, "http://169.254.169.254/latest/meta-data": false, "": false,
	} {
		err := checkLoopback(u)
		assert.Equal(t, want, err == nil, "%s: %v", u, err)
		if err != nil && strings.HasPrefix(u, "http") && !strings.HasPrefix(u, "ftp") {
			assert.True(t, errors.Is(err, ErrNotLoopback), u)
		}
	}
}

// The package documentation lists exactly the routes the server answers.
func TestPackageDocListsEveryRoute(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("server.go")
	require.NoError(t, err)
	doc := string(src[:bytes.Index(src, []byte("package videosdktest"))])
	i, j := strings.Index(doc, "# What it serves"), strings.Index(doc, "/cdn/…")
	require.True(t, i >= 0 && j > i)
	listed := map[string]bool{}
	for _, entry := range regexp.MustCompile(`((?:/v2|/ai/v1)/[^\s:]*): ((?:GET|POST|PATCH|PUT|DELETE)(?:, (?:GET|POST|PATCH|PUT|DELETE))*)\b`).FindAllStringSubmatch(strings.ReplaceAll(doc[i:j], "\n//    ", ""), -1) {
		for _, m := range strings.Split(entry[2], ", ") {
			listed[m+" "+entry[1]] = true
		}
	}
	served := map[string]bool{}
	for _, rt := range (&Server{}).endpoints() {
		served[rt.pattern] = true
	}
	assert.Equal(t, served, listed)
}

// verifyAll checks every delivery's signature over its exact body.
func verifyAll(t *testing.T, srv *Server, rs []received) {
	t.Helper()
	for _, g := range rs {
		require.NoError(t, videosdk.VerifyWebhookSignature(g.body, g.sig, srv.WebhookPublicKey()), "%s %s", g.path, g.typ)
	}
}

// Transcodings send composite-merge-* to their webhookUrl at each step of
// their lifecycle, rooms never get them, and Get sums up the deliveries.
func TestWebhookTranscodingEvents(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(3*time.Second)) // pending 1 s, processing 2 s
	t.Cleanup(srv.Close)
	rc, failing := newReceiver(t), newReceiver(t)
	failing.status = http.StatusInternalServerError
	roomID := hookedRoom(t, srv, rc.URL+"/room", "*")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	p1, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	p2, err := srv.Join(roomID, "Ravi")
	require.NoError(t, err)
	ids := participantRecordings(t, srv, clock, roomID, time.Minute, p1, p2)

	id := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids, "webhookUrl": rc.URL + "/merge"})["id"].(string)
	flush(t, srv)
	assert.Empty(t, rc.at("/merge"), "pending: nothing yet")
	clock.add(time.Second)
	flush(t, srv) // moves the job along like a read, then waits
	assert.Equal(t, []string{"composite-merge-started"}, types(rc.at("/merge")))
	clock.add(2 * time.Second)
	flush(t, srv)
	got := rc.at("/merge")
	assert.Equal(t, []string{"composite-merge-started", "composite-merge-completed"}, types(got))
	verifyAll(t, srv, got)
	for _, g := range got {
		assert.Equal(t, map[string]any{"id": id, "meetingId": roomID, "sessionId": sessionID}, g.data, g.typ)
		ev, err := videosdk.ParseWebhook(g.body, g.sig, srv.WebhookPublicKey())
		require.NoError(t, err)
		assert.Equal(t, id, ev.Data.ID)
	}
	assert.Equal(t, map[string]any{"totalCount": 2.0, "successCount": 2.0, "data": []any{
		map[string]any{"type": "composite-merge-started", "success": true},
		map[string]any{"type": "composite-merge-completed", "success": true},
	}}, ok(t, srv, "GET", "/v2/transcodings/"+id, nil)["webhook"])

	// Cancelled while pending: only -cancelled, and the receiver's 500 is a failed delivery.
	again := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids, "webhookUrl": failing.URL + "/merge"})["id"].(string)
	ok(t, srv, "POST", "/v2/transcodings/"+again+"/cancel", nil)
	clock.add(time.Hour)
	flush(t, srv)
	assert.Equal(t, []string{"composite-merge-cancelled"}, types(failing.at("/merge")))
	assert.Equal(t, again, failing.at("/merge")[0].data["id"])
	assert.Equal(t, map[string]any{"totalCount": 1.0, "successCount": 0.0, "data": []any{
		map[string]any{"type": "composite-merge-cancelled", "success": false},
	}}, ok(t, srv, "GET", "/v2/transcodings/"+again, nil)["webhook"])

	// Cancelled while processing: started, then cancelled.
	third := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids[:1], "webhookUrl": rc.URL + "/third"})["id"].(string)
	clock.add(1500 * time.Millisecond)
	ok(t, srv, "POST", "/v2/transcodings/"+third+"/cancel", nil)
	flush(t, srv)
	assert.Equal(t, []string{"composite-merge-started", "composite-merge-cancelled"}, types(rc.at("/third")))

	// No webhookUrl, no deliveries; the summary is empty.
	quiet := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids[1:]})["id"].(string)
	clock.add(time.Hour)
	flush(t, srv)
	assert.Equal(t, map[string]any{"totalCount": 0.0, "successCount": 0.0, "data": []any{}},
		ok(t, srv, "GET", "/v2/transcodings/"+quiet, nil)["webhook"])

	// The room subscribed to everything but gets no transcoding event.
	for _, g := range rc.at("/room") {
		assert.False(t, strings.HasPrefix(g.typ, "composite-merge-"), g.typ)
	}
	assert.Len(t, srv.Deliveries(), len(rc.got)+len(failing.got))
}

// Realtime transcriptions send transcription-started and -stopped (type
// realtime) to the start's webhookUrl and to subscribed rooms.
func TestWebhookRealtimeTranscriptionEvents(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "transcription-*")
	other := hookedRoom(t, srv, rc.URL+"/other", "recording-*", "session-*")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	_, err = srv.StartSession(other)
	require.NoError(t, err)

	const start, end = "/ai/v1/realtime-transcriptions/start", "/ai/v1/realtime-transcriptions/end"
	first := ok(t, srv, "POST", start, map[string]any{"roomId": roomID, "webhookUrl": rc.URL + "/rt"})["id"].(string)
	ok(t, srv, "POST", end, map[string]any{"roomId": roomID})
	second := ok(t, srv, "POST", start, map[string]any{"roomId": roomID})["id"].(string)
	ok(t, srv, "POST", start, map[string]any{"roomId": other, "webhookUrl": rc.URL + "/other-rt"})
	require.NoError(t, srv.EndSession(roomID)) // completes the second
	require.NoError(t, srv.EndSession(other))
	flush(t, srv)

	data := func(id, session string) map[string]any {
		return map[string]any{"id": id, "type": "realtime", "meetingId": roomID, "sessionId": session}
	}
	rt := rc.at("/rt")
	assert.Equal(t, []string{"transcription-started", "transcription-stopped"}, types(rt))
	for _, g := range rt {
		assert.Equal(t, data(first, sessionID), g.data)
	}
	room := rc.at("/room")
	assert.Equal(t, []string{"transcription-started", "transcription-stopped", "transcription-started", "transcription-stopped"}, types(room))
	assert.Equal(t, data(first, sessionID), room[1].data)
	assert.Equal(t, data(second, sessionID), room[3].data, "stopped by the session's end")
	verifyAll(t, srv, append(rt, room...))

	// The other room did not subscribe to transcription events; its start's webhookUrl gets them.
	assert.Equal(t, []string{"session-started", "session-ended"}, types(rc.at("/other")))
	assert.Equal(t, []string{"transcription-started", "transcription-stopped"}, types(rc.at("/other-rt")))
	ev, err := videosdk.ParseWebhook(rt[0].body, rt[0].sig, srv.WebhookPublicKey())
	require.NoError(t, err)
	assert.Equal(t, videosdk.WebhookDataRealtime, ev.Data.Type)
	assert.Equal(t, roomID, ev.Data.RoomID)
}

// A post transcription sends transcription-started (type post) to its
// room's webhook when the recording that asked for it ends, after the
// recording's -stopped events, and transcription-stopped when it completes.
func TestWebhookPostTranscriptionEvents(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(2*time.Second))
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "recording-stopped", "transcription-started", "transcription-stopped")
	quiet := hookedRoom(t, srv, rc.URL+"/quiet", "recording-stopped")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	_, err = srv.StartSession(quiet)
	require.NoError(t, err)
	for _, r := range []string{roomID, quiet} {
		started(t, srv, "/v2/recordings/start", map[string]any{"roomId": r, "webhookUrl": rc.URL + "/rec-" + r,
			"transcription": map[string]any{"enabled": true}})
	}
	clock.add(time.Minute)
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": quiet})
	flush(t, srv)
	assert.Empty(t, rc.at("/room"), "the files take 2 s: no -stopped event yet")
	clock.add(2 * time.Second)
	flush(t, srv)
	assert.Equal(t, []string{"recording-stopped", "transcription-started"}, types(rc.at("/room")))

	clock.add(2 * time.Second)
	flush(t, srv)
	room := rc.at("/room")
	assert.Equal(t, []string{"recording-stopped", "transcription-started", "transcription-stopped"}, types(room))
	post := ok(t, srv, "GET", "/ai/v1/post-transcriptions?roomId="+roomID, nil)["transcriptions"].([]any)[0].(map[string]any)
	assert.Equal(t, "completed", post["status"])
	for _, g := range room[1:] {
		assert.Equal(t, map[string]any{"id": post["id"], "type": "post", "meetingId": roomID, "sessionId": sessionID}, g.data, g.typ)
	}
	verifyAll(t, srv, room)

	// Not to the recording's webhookUrl, nor to a room that did not subscribe.
	assert.Equal(t, []string{"recording-starting", "recording-started", "recording-stopping", "recording-stopped"}, types(rc.at("/rec-"+roomID)))
	assert.Equal(t, []string{"recording-stopped"}, types(rc.at("/quiet")))

	// Sent once: later reads do not send them again.
	ok(t, srv, "GET", "/ai/v1/post-transcriptions/"+post["id"].(string), nil)
	flush(t, srv)
	assert.Len(t, rc.at("/room"), 3)
}

// HLS streams and livestreams list their webhook deliveries under
// "webhook" ([NODE] §9.3, §10.1; shape §2.6) as recordings do.
func TestStreamsCarryTheirWebhookSummary(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID := ok(t, srv, "POST", "/v2/rooms", map[string]any{"webhook": map[string]any{"endPoint": "https://hooks.example.com/x",
		"events": []string{"hls-*", "livestream-*"}}})["roomId"].(string)
	_, err := srv.StartSession(roomID)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(roomID, "asha", "Asha"))
	hlsID := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})["id"].(string)
	action(t, srv, "POST", "/v2/livestreams/start", map[string]any{"roomId": roomID,
		"outputs": []any{map[string]any{"url": "rtmp://live.example.net/app", "streamKey": "sk"}}})
	lsID := ok(t, srv, "GET", "/v2/livestreams?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)["id"].(string)
	flush(t, srv) // the summary counts attempted deliveries
	for path, event := range map[string]string{"/v2/hls/" + hlsID: "hls-started", "/v2/livestreams/" + lsID: "livestream-started"} {
		hook, has := ok(t, srv, "GET", path, nil)["webhook"].(map[string]any)
		require.True(t, has, path)
		assert.Contains(t, hook["data"], map[string]any{"type": event, "success": false}, path) // never contacted: not loopback
		assert.Equal(t, hook["totalCount"], float64(len(hook["data"].([]any))), path)
	}
	// A stream of a room without a webhook has no summary.
	other, _, _ := liveRoom(t, srv)
	assert.NotContains(t, ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": other}), "webhook")
}
