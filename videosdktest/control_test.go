package videosdktest

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestWithListener(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := NewServer(WithListener(l))
	assert.Equal(t, "http://"+l.Addr().String(), srv.URL())
	_, err = srv.Client().Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)
	srv.Close()
	_, err = l.Accept()
	assert.ErrorIs(t, err, net.ErrClosed, "Close closes the listener")

	// An unspecified host is replaced by loopback in the URL (and file URLs).
	l, err = net.Listen("tcp4", "0.0.0.0:0")
	require.NoError(t, err)
	srv = NewServer(WithListener(l))
	t.Cleanup(srv.Close)
	port := l.Addr().(*net.TCPAddr).Port
	assert.Equal(t, "http://"+net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), srv.URL())
	_, err = srv.Client().Rooms.List(context.Background(), videosdk.ListRoomsParams{})
	require.NoError(t, err)
}

// control sends a control request with a management token.
func control(t *testing.T, srv *Server, method, route string, body any) resp {
	t.Helper()
	return call(t, srv, method, strings.TrimSuffix(ControlPrefix, "/")+"/"+route, body)
}

func TestControlRoutes(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithControlRoutes())
	t.Cleanup(srv.Close)
	roomID := newRoom(t, srv)

	// Authenticated like the API.
	r := rawCall(t, srv, "POST", "/_fake/participants/join", "", map[string]any{"roomId": roomID})
	assert.Equal(t, 401, r.status)
	assertMessageOnly(t, r)

	// Join starts a session; the API sees it.
	r = control(t, srv, "POST", "participants/join", map[string]any{"roomId": roomID, "name": "Asha"})
	require.Equal(t, 200, r.status, "%s", r.body)
	pid := r.obj(t)["participantId"].(string)
	assert.NotEmpty(t, pid)
	sess := ok(t, srv, "GET", "/v2/sessions?roomId="+roomID+"&status=ongoing", nil)["data"].([]any)
	require.Len(t, sess, 1)
	sessionID := sess[0].(map[string]any)["id"].(string)
	active := call(t, srv, "GET", "/v2/sessions/"+sessionID+"/participants/active", nil)
	assert.Contains(t, string(active.body), `"name":"Asha"`)

	r = control(t, srv, "POST", "participants/join", map[string]any{"roomId": roomID, "participantId": "ravi-1", "name": "Ravi"})
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, map[string]any{"roomId": roomID, "participantId": "ravi-1"}, r.obj(t))
	r = control(t, srv, "POST", "participants/join", map[string]any{"roomId": roomID, "participantId": "ravi-1"})
	assert.Equal(t, 409, r.status, "already in the room")

	r = control(t, srv, "POST", "participants/leave", map[string]any{"roomId": roomID, "participantId": "ravi-1"})
	require.Equal(t, 200, r.status, "%s", r.body)
	r = control(t, srv, "POST", "participants/leave", map[string]any{"roomId": roomID, "participantId": "ravi-1"})
	assert.Equal(t, 409, r.status)
	r = control(t, srv, "POST", "participants/leave", map[string]any{"roomId": roomID})
	assert.Equal(t, 400, r.status)

	r = control(t, srv, "POST", "sessions/start", map[string]any{"roomId": roomID})
	assert.Equal(t, 409, r.status, "already live")
	r = control(t, srv, "POST", "sessions/end", map[string]any{"roomId": roomID})
	require.Equal(t, 200, r.status, "%s", r.body)
	r = control(t, srv, "POST", "sessions/end", map[string]any{"roomId": roomID})
	assert.Equal(t, 409, r.status)
	assertMessageOnly(t, r)
	r = control(t, srv, "POST", "sessions/start", map[string]any{"roomId": roomID})
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Regexp(t, objectIDRe, r.obj(t)["sessionId"])

	// Unknown rooms, bad bodies, unknown routes.
	r = control(t, srv, "POST", "sessions/start", map[string]any{"roomId": "zzzz-zzzz-zzzz"})
	assert.Equal(t, 404, r.status)
	r = control(t, srv, "POST", "sessions/start", map[string]any{})
	assert.Equal(t, 400, r.status)
	r = control(t, srv, "POST", "sessions/start", []int{1})
	assert.Equal(t, 400, r.status)
	r = control(t, srv, "GET", "sessions/start", nil)
	assert.Equal(t, 404, r.status)
	r = control(t, srv, "POST", "nope", nil)
	assert.Equal(t, 404, r.status)
	assertMessageOnly(t, r)
}

func TestControlFaultsAndRequests(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithControlRoutes())
	t.Cleanup(srv.Close)

	r := control(t, srv, "POST", "faults", map[string]any{"method": "get", "pattern": "/v2/rooms", "times": 2, "status": 503, "retryAfter": "2s"})
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, "GET", r.obj(t)["method"])
	for range 2 {
		res := call(t, srv, "GET", "/v2/rooms", nil)
		assert.Equal(t, 503, res.status)
		assert.Equal(t, "2", res.header.Get("Retry-After"))
	}
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status)

	// A fault matching every path does not touch the control routes.
	r = control(t, srv, "POST", "faults", map[string]any{"pattern": "/_fake/*", "status": 500, "times": 5})
	require.Equal(t, 200, r.status)
	r = control(t, srv, "GET", "requests?method=GET&pattern=/v2/rooms", nil)
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, map[string]any{"method": "GET", "pattern": "/v2/rooms", "count": 3.0}, r.obj(t))
	r = control(t, srv, "GET", "requests?pattern=/_fake/*", nil)
	assert.Equal(t, 0.0, r.obj(t)["count"], "control requests are not counted")

	r = control(t, srv, "POST", "faults", map[string]any{"pattern": "/v2/sessions", "body": "<html>bad gateway</html>", "status": 502})
	require.Equal(t, 200, r.status)
	r = control(t, srv, "DELETE", "faults", nil)
	require.Equal(t, 200, r.status)
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/sessions", nil).status, "cleared")

	for name, body := range map[string]map[string]any{
		"no pattern":     {"status": 500},
		"bad pattern":    {"pattern": "/v2/[", "status": 500},
		"does nothing":   {"pattern": "/v2/rooms"},
		"bad status":     {"pattern": "/v2/rooms", "status": 99},
		"bad delay":      {"pattern": "/v2/rooms", "delay": "soon"},
		"long delay":     {"pattern": "/v2/rooms", "delay": "2h"},
		"negative times": {"pattern": "/v2/rooms", "status": 500, "times": -1},
	} {
		r := control(t, srv, "POST", "faults", body)
		assert.Equal(t, 400, r.status, name)
	}
	assert.Equal(t, 400, control(t, srv, "GET", "requests", nil).status, "pattern required")
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status, "no bad fault was stored")
}

func TestControlRoutesOffByDefault(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	r := call(t, srv, "POST", "/_fake/sessions/start", map[string]any{"roomId": newRoom(t, srv)})
	assert.Equal(t, 404, r.status)
	assert.Equal(t, 0, srv.Requests("POST", "/_fake/sessions/start"), "an unknown API path, not counted")
}

func TestWithRequestLog(t *testing.T) {
	t.Parallel()
	var logs testutil.SyncBuffer
	srv := NewServer(WithRequestLog(slog.New(slog.NewTextHandler(&logs, nil))), WithControlRoutes())
	t.Cleanup(srv.Close)
	tok := mgmtToken(t, srv)
	roomID := newRoom(t, srv)
	rawCall(t, srv, "GET", "/v2/rooms/"+roomID+"?secret=x", tok, nil)
	rawCall(t, srv, "GET", "/v2/rooms", "", nil)
	control(t, srv, "POST", "participants/join", map[string]any{"roomId": roomID})
	srv.InjectFault("GET", "/v2/sessions", 1, Fault{Drop: true})
	req, err := http.NewRequest("GET", srv.URL()+"/v2/sessions", nil)
	require.NoError(t, err)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
	}
	// The dropped request's handler may still be finishing: Close does not
	// wait for hijacked connections.
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "request dropped") }, 10*time.Second, time.Millisecond)
	srv.Close() // waits for the other handlers, so every line is written

	out := logs.String()
	assert.Contains(t, out, "msg=request method=POST path=/v2/rooms status=200 request_id=vsdktest-1")
	assert.Contains(t, out, "method=GET path=/v2/rooms/"+roomID+" status=200 request_id=vsdktest-2")
	assert.Contains(t, out, "method=GET path=/v2/rooms status=401 request_id=vsdktest-3")
	assert.Contains(t, out, "method=POST path=/_fake/participants/join status=200")
	assert.Contains(t, out, `msg="request dropped" method=GET path=/v2/sessions`)
	assert.NotContains(t, out, tok)
	assert.NotContains(t, out, "secret=x", "no query strings")
	assert.NotContains(t, out, srv.Secret)
}

// Long paths from clients are cut in the log.
func TestRequestLogCutsLongPaths(t *testing.T) {
	t.Parallel()
	var logs testutil.SyncBuffer
	srv := NewServer(WithRequestLog(slog.New(slog.NewTextHandler(&logs, nil))))
	long := "/v2/" + strings.Repeat("x", 10_000)
	rawCall(t, srv, "GET", long, "", nil)
	srv.Close()
	assert.Less(t, len(logs.String()), 1000)
	assert.Contains(t, logs.String(), "xxx…")
}

// A program in another language waits for deliveries with the flush route
// and reads them, bodies as JSON, with the deliveries route.
func TestControlDeliveriesAndFlush(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithControlRoutes(), WithClock(clock.now))
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "session-*", "participant-joined")

	r := control(t, srv, "GET", "deliveries", nil)
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.JSONEq(t, `{"deliveries":[]}`, string(r.body))

	pid, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	r = control(t, srv, "POST", "webhooks/flush", nil)
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, map[string]any{"deliveries": 2.0}, r.obj(t))

	// The flush settles what is due on the server's clock, like FlushWebhooks.
	recs := participantRecordings(t, srv, clock, roomID, time.Minute, pid)
	ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": recs, "webhookUrl": "https://hooks.example.com/t"})
	clock.add(time.Hour)
	r = control(t, srv, "POST", "webhooks/flush", map[string]any{"timeout": "20s"})
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, map[string]any{"deliveries": 4.0}, r.obj(t))

	r = control(t, srv, "GET", "deliveries", nil)
	require.Equal(t, 200, r.status, "%s", r.body)
	var listed struct {
		Deliveries []struct {
			URL        string          `json:"url"`
			Type       string          `json:"type"`
			Body       json.RawMessage `json:"body"`
			Signature  string          `json:"signature"`
			StatusCode int             `json:"statusCode"`
			Error      *string         `json:"error"`
		} `json:"deliveries"`
	}
	require.NoError(t, json.Unmarshal(r.body, &listed))
	want := srv.Deliveries()
	require.Len(t, listed.Deliveries, len(want))
	assert.Equal(t, []string{"session-started", "participant-joined", "composite-merge-started", "composite-merge-completed"},
		[]string{listed.Deliveries[0].Type, listed.Deliveries[1].Type, listed.Deliveries[2].Type, listed.Deliveries[3].Type})
	for i, d := range listed.Deliveries {
		assert.Equal(t, want[i].URL, d.URL)
		assert.Equal(t, string(want[i].Body), string(d.Body), "the body exactly as sent")
		assert.NoError(t, videosdk.VerifyWebhookSignature(d.Body, d.Signature, srv.WebhookPublicKey()))
		assert.Equal(t, want[i].StatusCode, d.StatusCode)
	}
	assert.Equal(t, rc.URL+"/room", listed.Deliveries[0].URL)
	assert.Equal(t, 200, listed.Deliveries[0].StatusCode)
	assert.Nil(t, listed.Deliveries[0].Error)
	assert.Equal(t, 0, listed.Deliveries[3].StatusCode)
	require.NotNil(t, listed.Deliveries[3].Error)
	assert.Contains(t, *listed.Deliveries[3].Error, "not a loopback host")

	for name, body := range map[string]map[string]any{
		"bad timeout":      {"timeout": "soon"},
		"negative timeout": {"timeout": "-1s"},
		"long timeout":     {"timeout": "2h"},
	} {
		assert.Equal(t, 400, control(t, srv, "POST", "webhooks/flush", body).status, name)
	}
	assert.Equal(t, 404, control(t, srv, "GET", "webhooks/flush", nil).status)
	assert.Equal(t, 404, control(t, srv, "POST", "deliveries", nil).status)
	assert.Equal(t, 401, rawCall(t, srv, "GET", "/_fake/deliveries", "", nil).status, "the token is needed")
}

// A flush that cannot finish in its timeout answers 504.
func TestControlFlushTimeout(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithControlRoutes())
	t.Cleanup(srv.Close)
	release := make(chan struct{})
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(stuck.Close)
	t.Cleanup(func() { close(release) })
	roomID := hookedRoom(t, srv, stuck.URL, "*")
	_, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	r := control(t, srv, "POST", "webhooks/flush", map[string]any{"timeout": "50ms"})
	assert.Equal(t, 504, r.status, "%s", r.body)
	assertMessageOnly(t, r)
}
