package videosdktest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

var (
	objectIDRe = regexp.MustCompile(`^[0-9a-f]{24}$`)
	roomIDRe   = regexp.MustCompile(`^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$`)
	uuidRe     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	isoRe      = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
)

// token signs claims with secret (HS256), as a client would.
func token(t *testing.T, secret string, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
	require.NoError(t, err)
	return s
}

// mgmtToken is a valid management token for srv.
func mgmtToken(t *testing.T, srv *Server) string {
	return token(t, srv.Secret, jwt.MapClaims{
		"apikey": srv.APIKey, "permissions": []string{"allow_join", "allow_mod"}, "version": 2,
		"roles": []string{"crawler"}, "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix(),
	})
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), "body %s", r.body)
	return m
}

// rawCall sends one request with the given Authorization header ("" for none).
func rawCall(t *testing.T, srv *Server, method, path, auth string, body any) resp {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := httpClientFor(srv).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return resp{res.StatusCode, res.Header, b}
}

// virtualClients maps a server made by virtualServer to the *http.Client
// that reaches it over its in-memory network; the helpers reach any other
// server with http.DefaultClient.
var virtualClients sync.Map

func httpClientFor(srv *Server) *http.Client {
	if c, ok := virtualClients.Load(srv); ok {
		return c.(*http.Client)
	}
	return http.DefaultClient
}

// virtualServer is NewServer on an in-memory network (testutil.PipeNet), for
// a test inside a testing/synctest bubble: the fake's clock is then the
// bubble's virtual time, so its default processing time, FlushWebhooks'
// wait for it and the SDK's pauses take no real time. The test helpers
// (call, ok, started, …) reach it; srv.Client() does not: pass it
// videosdk.WithHTTPClient(httpClientFor(srv)).
func virtualServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	pn := testutil.NewPipeNet()
	srv := NewServer(append([]Option{WithListener(pn)}, opts...)...)
	hc := pn.Client()
	virtualClients.Store(srv, hc)
	t.Cleanup(func() {
		srv.Close()
		hc.CloseIdleConnections()
		virtualClients.Delete(srv)
	})
	return srv
}

// failsRaw sends an authenticated request whose body is the given text, as
// is (for bodies json.Marshal cannot make), and requires status with a
// message-only JSON error.
func failsRaw(t *testing.T, srv *Server, status int, method, path, body string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", mgmtToken(t, srv))
	req.Header.Set("Content-Type", "application/json")
	res, err := httpClientFor(srv).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, status, res.StatusCode, "%s %s %q: %s", method, path, body, b)
	assertMessageOnly(t, resp{res.StatusCode, res.Header, b})
}

// call sends an authenticated request.
func call(t *testing.T, srv *Server, method, path string, body any) resp {
	t.Helper()
	return rawCall(t, srv, method, path, mgmtToken(t, srv), body)
}

// ok sends an authenticated request that must succeed and returns its object body.
func ok(t *testing.T, srv *Server, method, path string, body any) map[string]any {
	t.Helper()
	r := call(t, srv, method, path, body)
	require.Equal(t, 200, r.status, "%s %s: %s", method, path, r.body)
	return r.obj(t)
}

// action sends an action request that must succeed with a JSON string body.
func action(t *testing.T, srv *Server, method, path string, body any) string {
	t.Helper()
	r := call(t, srv, method, path, body)
	require.Equal(t, 200, r.status, "%s %s: %s", method, path, r.body)
	var s string
	require.NoError(t, json.Unmarshal(r.body, &s), "body %s is not a JSON string", r.body)
	return s
}

// started sends a recording or livestream start that must succeed and
// returns the started job's id. The answer is the documented JSON string and
// nothing else; the job is then the newest of the room's list (for the body's
// participant and track, when it names them), running, and answers GET by
// its id.
func started(t *testing.T, srv *Server, path string, body map[string]any) string {
	t.Helper()
	msg := action(t, srv, "POST", path, body)
	assert.NotEmpty(t, msg, "%s answers the documented sentence", path)
	base := strings.TrimSuffix(path, "/start")
	list := ok(t, srv, "GET", base+"?roomId="+url.QueryEscape(body["roomId"].(string)), nil)["data"].([]any)
	var job map[string]any
	for _, it := range list {
		m := it.(map[string]any)
		if pid, isSet := body["participantId"]; isSet && m["participantId"] != pid {
			continue
		}
		if kind, isSet := body["kind"]; isSet && m["kind"] != kind {
			continue
		}
		job = m
		break
	}
	require.NotNil(t, job, "%s: the started job is listed: %v", path, list)
	id, _ := job["id"].(string)
	require.Regexp(t, objectIDRe, id)
	assert.Nil(t, job["end"], "running")
	got := ok(t, srv, "GET", base+"/"+id, nil)
	assert.Equal(t, id, got["id"])
	assert.Equal(t, body["roomId"], got["roomId"])
	return id
}

// assertOnlyMessage checks an error body is {"message": "…"} and nothing
// else: no VideoSDK source documents a machine code, so the fake sends none.
func assertOnlyMessage(t *testing.T, m map[string]any) {
	t.Helper()
	msg, isString := m["message"].(string)
	assert.True(t, isString && msg != "", "an error body carries a message: %v", m)
	for k := range m {
		assert.Equal(t, "message", k, "an error body has no field beyond message: %v", m)
	}
}

// assertMessageOnly is assertOnlyMessage for a raw answer.
func assertMessageOnly(t *testing.T, r resp) {
	t.Helper()
	assertOnlyMessage(t, r.obj(t))
}

// fails sends an authenticated request that must fail with status and a JSON error body.
func fails(t *testing.T, srv *Server, status int, method, path string, body any) map[string]any {
	t.Helper()
	r := call(t, srv, method, path, body)
	require.Equal(t, status, r.status, "%s %s: %s", method, path, r.body)
	m := r.obj(t)
	assert.NotEmpty(t, m["message"])
	assertOnlyMessage(t, m)
	return m
}

func newRoom(t *testing.T, srv *Server) string {
	t.Helper()
	return ok(t, srv, "POST", "/v2/rooms", map[string]any{})["roomId"].(string)
}

// liveRoom creates a room with a live session and one participant.
func liveRoom(t *testing.T, srv *Server) (roomID, sessionID, participantID string) {
	t.Helper()
	roomID = newRoom(t, srv)
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	participantID, err = srv.Join(roomID, "Asha")
	require.NoError(t, err)
	return roomID, sessionID, participantID
}

func TestAuth(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	now := time.Now()
	claims := func(mod func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"apikey": srv.APIKey, "permissions": []string{"allow_join"}, "version": 2,
			"roles": []string{"crawler"}, "exp": now.Add(time.Hour).Unix()}
		if mod != nil {
			mod(c)
		}
		return c
	}
	good := token(t, srv.Secret, claims(nil))
	tests := []struct {
		name   string
		auth   string
		status int
	}{
		{"valid", good, 200},
		{"missing", "", 401},
		{"bearer prefix", "Bearer " + good, 401},
		{"garbage", "not-a-jwt", 401},
		{"wrong secret", token(t, "other-secret", claims(nil)), 401},
		{"expired", token(t, srv.Secret, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() })), 401},
		{"no exp", token(t, srv.Secret, claims(func(c jwt.MapClaims) { delete(c, "exp") })), 401},
		{"wrong api key", token(t, srv.Secret, claims(func(c jwt.MapClaims) { c["apikey"] = "someone-else" })), 401},
		{"rtc only", token(t, srv.Secret, claims(func(c jwt.MapClaims) { c["roles"] = []string{"rtc"} })), 403},
		{"no roles", token(t, srv.Secret, claims(func(c jwt.MapClaims) { delete(c, "roles") })), 200}, // unrestricted (SPEC §1.2; auth_test.go)
		{"version 1", token(t, srv.Secret, claims(func(c jwt.MapClaims) { c["version"] = 1 })), 401},
		{"crawler and rtc", token(t, srv.Secret, claims(func(c jwt.MapClaims) { c["roles"] = []string{"crawler", "rtc"} })), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rawCall(t, srv, "GET", "/v2/rooms", tt.auth, nil)
			require.Equal(t, tt.status, r.status, "%s", r.body)
			if tt.status != 200 {
				m := r.obj(t)
				assertOnlyMessage(t, m)
				assert.NotContains(t, string(r.body), srv.Secret)
			}
		})
	}
	t.Run("none256", func(t *testing.T) {
		t.Parallel()
		tok, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims(nil)).SignedString(jwt.UnsafeAllowNoneSignatureType)
		require.NoError(t, err)
		assert.Equal(t, 401, rawCall(t, srv, "GET", "/v2/rooms", tok, nil).status)
	})
}

func TestUnknownRouteAndWrongMethod(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	fails(t, srv, 404, "POST", "/v2/recordings/stop", map[string]any{"roomId": "x"})
	fails(t, srv, 404, "PUT", "/v2/rooms", nil)
	// Authentication comes first, as on the real API.
	assert.Equal(t, 401, rawCall(t, srv, "GET", "/v2/nothing", "", nil).status)
}

func TestRooms(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)

	room := ok(t, srv, "POST", "/v2/rooms", map[string]any{"customRoomId": "team-standup-42", "geoFence": "in002",
		"webhook": map[string]any{"endPoint": "https://example.com/hook", "events": []string{"recording-*"}}})
	assert.Regexp(t, roomIDRe, room["roomId"])
	assert.Regexp(t, objectIDRe, room["id"])
	assert.Regexp(t, objectIDRe, room["userId"])
	assert.Regexp(t, isoRe, room["createdAt"])
	assert.Equal(t, "team-standup-42", room["customRoomId"])
	assert.Equal(t, false, room["disabled"])
	assert.Equal(t, "in002", room["geoFence"])
	assert.Equal(t, srv.URL()+"/v2/rooms/"+room["roomId"].(string), room["links"].(map[string]any)["get_room"])
	assert.NotContains(t, room, "user")

	again := ok(t, srv, "POST", "/v2/rooms", map[string]any{"customRoomId": "team-standup-42"})
	assert.Equal(t, room["id"], again["id"], "customRoomId is idempotent")

	roomID := room["roomId"].(string)
	for _, id := range []string{roomID, "team-standup-42"} {
		v := ok(t, srv, "GET", "/v2/rooms/validate/"+id, nil)
		assert.Equal(t, roomID, v["roomId"])
		g := ok(t, srv, "GET", "/v2/rooms/"+id, nil)
		assert.Equal(t, roomID, g["roomId"])
		assert.Contains(t, g["user"], "email")
	}
	m := fails(t, srv, 400, "GET", "/v2/rooms/validate/zzzz-zzzz-zzzz", nil)
	assert.Equal(t, "Room not found.", m["message"])
	fails(t, srv, 404, "GET", "/v2/rooms/zzzz-zzzz-zzzz", nil)

	fails(t, srv, 400, "POST", "/v2/rooms", map[string]any{"geoFence": "mars001"})
	fails(t, srv, 400, "POST", "/v2/rooms", map[string]any{"region": "sg001"})
	fails(t, srv, 400, "POST", "/v2/rooms", map[string]any{"webhook": map[string]any{"events": []string{"*"}}})
	fails(t, srv, 400, "POST", "/v2/rooms", map[string]any{"autoCloseConfig": map[string]any{"type": "never"}})
	assert.Equal(t, 400, rawCall(t, srv, "POST", "/v2/rooms", mgmtToken(t, srv), "[]").status)

	// Deactivate: real roomId only; legacy field names in the answer.
	fails(t, srv, 402, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": "team-standup-42"})
	fails(t, srv, 404, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": "zzzz-zzzz-zzzz"})
	fails(t, srv, 400, "POST", "/v2/rooms/deactivate", map[string]any{})
	d := ok(t, srv, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": roomID})
	assert.Equal(t, roomID, d["meetingId"])
	assert.Equal(t, "team-standup-42", d["userMeetingId"])
	assert.Equal(t, true, d["disabled"])
	assert.Contains(t, d, "webhook")
	assert.Contains(t, d, "user")
	assert.NotContains(t, d, "roomId")
	assert.Equal(t, true, ok(t, srv, "GET", "/v2/rooms/"+roomID, nil)["disabled"])
	_, err := srv.StartSession(roomID)
	assert.Error(t, err, "a deactivated room cannot start a session")
}

func TestPagination(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	var ids []string
	for range 5 {
		ids = append(ids, newRoom(t, srv))
	}
	var seen []string
	for page, want := range map[int]int{1: 2, 2: 2, 3: 1, 4: 0} {
		m := ok(t, srv, "GET", "/v2/rooms?perPage=2&page="+strconv.Itoa(page), nil)
		assert.Equal(t, map[string]any{"currentPage": float64(page), "perPage": 2.0, "lastPage": 3.0, "total": 5.0}, m["pageInfo"])
		data := m["data"].([]any)
		require.Len(t, data, want)
		for _, d := range data {
			seen = append(seen, d.(map[string]any)["roomId"].(string))
		}
	}
	assert.ElementsMatch(t, ids, seen)
	def := ok(t, srv, "GET", "/v2/rooms", nil)
	assert.Equal(t, 20.0, def["pageInfo"].(map[string]any)["perPage"])
	first := def["data"].([]any)[0].(map[string]any)
	assert.Equal(t, ids[4], first["roomId"], "newest first")
	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/rooms?query="+ids[2], nil)["pageInfo"].(map[string]any)["total"])
	fails(t, srv, 400, "GET", "/v2/rooms?page=0", nil)
	fails(t, srv, 400, "GET", "/v2/rooms?perPage=abc", nil)
}

func TestSessions(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, sessionID, asha := liveRoom(t, srv)
	require.NoError(t, srv.JoinAs(roomID, "h3n7w0cd", "Ravi"))
	require.Error(t, srv.JoinAs(roomID, "h3n7w0cd", "Ravi"), "already in")
	require.NoError(t, srv.Leave(roomID, "h3n7w0cd"))
	assert.Regexp(t, objectIDRe, sessionID)
	assert.Regexp(t, `^[a-z0-9]{8}$`, asha)

	list := ok(t, srv, "GET", "/v2/sessions?roomId="+roomID+"&status=ongoing&perPage=1", nil)
	assert.Equal(t, 1.0, list["pageInfo"].(map[string]any)["total"])
	s := list["data"].([]any)[0].(map[string]any)
	assert.Equal(t, sessionID, s["id"])
	assert.Equal(t, "ongoing", s["status"])
	assert.Nil(t, s["end"])
	assert.Contains(t, s, "end")
	assert.Len(t, s["participants"], 2)
	assert.Equal(t, 0.0, ok(t, srv, "GET", "/v2/sessions?roomId="+roomID+"&status=ended", nil)["pageInfo"].(map[string]any)["total"])
	fails(t, srv, 400, "GET", "/v2/sessions?status=paused", nil)
	fails(t, srv, 400, "GET", "/v2/sessions?startDate=yesterday", nil)
	ms := strconv.FormatInt(time.Now().Add(time.Hour).UnixMilli(), 10)
	assert.Equal(t, 0.0, ok(t, srv, "GET", "/v2/sessions?startDate="+ms, nil)["pageInfo"].(map[string]any)["total"])

	got := ok(t, srv, "GET", "/v2/sessions/"+sessionID, nil)
	assert.Equal(t, roomID, got["roomId"])
	assert.Contains(t, got, "chatLink")
	assert.Contains(t, got, "activeDuration")
	fails(t, srv, 404, "GET", "/v2/sessions/000000000000000000000000", nil)

	// /participants: data is ONE session object; the page is its participants.
	parts := ok(t, srv, "GET", "/v2/sessions/"+sessionID+"/participants?perPage=1&page=2", nil)
	assert.Equal(t, map[string]any{"currentPage": 2.0, "perPage": 1.0, "lastPage": 2.0, "total": 2.0}, parts["pageInfo"])
	obj := parts["data"].(map[string]any)
	assert.Equal(t, sessionID, obj["id"])
	p := obj["participants"].([]any)[0].(map[string]any)
	assert.Equal(t, "h3n7w0cd", p["participantId"])
	tl := p["timelog"].([]any)[0].(map[string]any)
	assert.Regexp(t, isoRe, tl["end"], "Ravi left")

	// /participants/active: data is an ARRAY of session objects using _id.
	act := ok(t, srv, "GET", "/v2/sessions/"+sessionID+"/participants/active", nil)
	arr := act["data"].([]any)
	require.Len(t, arr, 1)
	as := arr[0].(map[string]any)
	assert.Equal(t, sessionID, as["_id"])
	assert.NotContains(t, as, "id")
	ap := as["participants"].([]any)
	require.Len(t, ap, 1)
	assert.Equal(t, asha, ap[0].(map[string]any)["participantId"])
	assert.Equal(t, "SEND_AND_RECV", ap[0].(map[string]any)["mode"])
	// The active view's documented fields (SPEC §2.4).
	rich := ap[0].(map[string]any)
	for _, k := range []string{"events", "initTime", "deviceInfo", "changeModeHistory", "geoLocation"} {
		assert.Contains(t, rich, k)
	}
	assert.Equal(t, map[string]any{"mic": []any{}, "webcam": []any{}, "screenShare": []any{}, "screenShareAudio": []any{}}, rich["events"])
	assert.Contains(t, rich["deviceInfo"], "browserUserAgent")
	mh := rich["changeModeHistory"].([]any)[0].(map[string]any)
	assert.Equal(t, "SEND_AND_RECV", mh["mode"])
	assert.Regexp(t, isoRe, mh["timelog"])
	assert.Regexp(t, objectIDRe, mh["_id"])
	assert.NotEqual(t, rich["_id"], mh["_id"])
	assert.Equal(t, []string{"city", "country", "region"}, sortedKeys(rich["geoLocation"].(map[string]any)))

	assert.Equal(t, "Ravi", ok(t, srv, "GET", "/v2/sessions/"+sessionID+"/participants/h3n7w0cd", nil)["name"])

	st := ok(t, srv, "GET", "/v2/sessions/"+sessionID+"/stats", nil)
	assert.Equal(t, roomID, st["meetingId"])
	sample := st["stats"].([]any)[0].(map[string]any)
	for _, k := range []string{"time", "recvAudioPacketLost", "averageAudioRtt", "averageRecvVideoBitrate", "qualityScore"} {
		assert.Contains(t, sample, k)
	}
	ps := ok(t, srv, "GET", "/v2/sessions/"+sessionID+"/participant/"+asha+"/stats", nil)
	assert.Equal(t, "Asha", ps["participantName"])
	assert.Equal(t, roomID, ps["meetingId"])
	for _, k := range []string{"deviceInfo", "sdkInfo", "location", "network", "stats", "resolutionUsage"} {
		assert.Contains(t, ps, k)
	}
	fails(t, srv, 404, "GET", "/v2/sessions/"+sessionID+"/participant/nobody/stats", nil)

	// Remove participant.
	fails(t, srv, 400, "POST", "/v2/sessions/participants/remove", map[string]any{"participantId": asha})
	fails(t, srv, 404, "POST", "/v2/sessions/participants/remove", map[string]any{"roomId": roomID, "participantId": "h3n7w0cd"})
	rm := ok(t, srv, "POST", "/v2/sessions/participants/remove", map[string]any{"roomId": roomID, "participantId": asha})
	assert.Equal(t, sessionID, rm["id"])
	assert.Len(t, ok(t, srv, "GET", "/v2/sessions/"+sessionID+"/participants/active", nil)["data"].([]any)[0].(map[string]any)["participants"], 0)

	// End: legacy names, no status or links.
	fails(t, srv, 400, "POST", "/v2/sessions/end", map[string]any{})
	fails(t, srv, 404, "POST", "/v2/sessions/end", map[string]any{"roomId": "zzzz-zzzz-zzzz"})
	end := ok(t, srv, "POST", "/v2/sessions/end", map[string]any{"roomId": roomID})
	assert.Equal(t, sessionID, end["id"])
	assert.Equal(t, roomID, end["meetingId"])
	assert.Regexp(t, isoRe, end["end"])
	assert.NotContains(t, end, "status")
	assert.NotContains(t, end, "roomId")
	fails(t, srv, 400, "POST", "/v2/sessions/end", map[string]any{"roomId": roomID})
	fails(t, srv, 400, "POST", "/v2/sessions/end", map[string]any{"roomId": roomID, "sessionId": sessionID})
	ok(t, srv, "POST", "/v2/sessions/end", map[string]any{"roomId": roomID, "sessionId": sessionID, "ignoreClosed": true})
	assert.Equal(t, "ended", ok(t, srv, "GET", "/v2/sessions/"+sessionID, nil)["status"])
	assert.ErrorIs(t, srv.EndSession(roomID), ErrNoLiveSession)

	// A new join starts a new session.
	_, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	assert.Equal(t, 2.0, ok(t, srv, "GET", "/v2/sessions?roomId="+roomID, nil)["pageInfo"].(map[string]any)["total"])
}

func TestRecordings(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testRecordings)
}

func testRecordings(t *testing.T) {
	srv := virtualServer(t)
	idle := newRoom(t, srv)
	fails(t, srv, 400, "POST", "/v2/recordings/start", map[string]any{"roomId": idle})
	fails(t, srv, 400, "POST", "/v2/recordings/start", map[string]any{})
	fails(t, srv, 404, "POST", "/v2/recordings/start", map[string]any{"roomId": "zzzz-zzzz-zzzz"})

	roomID, sessionID, _ := liveRoom(t, srv)
	fails(t, srv, 400, "POST", "/v2/recordings/start", map[string]any{"roomId": roomID, "config": map[string]any{"layout": map[string]any{"type": "CIRCLE"}}})
	fails(t, srv, 400, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	assert.NotEmpty(t, started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID,
		"config": map[string]any{"layout": map[string]any{"type": "GRID", "priority": "SPEAKER"}, "quality": "high"}}))
	fails(t, srv, 409, "POST", "/v2/recordings/start", map[string]any{"roomId": roomID})

	running := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	assert.Nil(t, running["end"])
	assert.NotContains(t, running, "file")
	recID := running["id"].(string)
	fails(t, srv, 409, "DELETE", "/v2/recordings/"+recID, nil)

	assert.NotEmpty(t, action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID}))
	rec := ok(t, srv, "GET", "/v2/recordings/"+recID, nil)
	assert.Regexp(t, isoRe, rec["end"])
	assert.NotContains(t, rec, "file", "processing: no file yet on a default fake")
	flush(t, srv) // waits out the processing time
	rec = ok(t, srv, "GET", "/v2/recordings/"+recID, nil)
	assert.Equal(t, sessionID, rec["sessionId"])
	assert.Regexp(t, isoRe, rec["end"])
	file := rec["file"].(map[string]any)
	assert.Equal(t, rec["fileId"], file["id"])
	assert.Equal(t, map[string]any{"16:9": 1.7778}, file["ratio"], "the aspect ratio of its 1280×720, as the example shows")
	assert.NotEmpty(t, file["userId"])
	assert.Equal(t, rec["userId"], file["userId"], "the account owning the recording")
	assert.Equal(t, file["createdAt"], file["updatedAt"])
	assert.Equal(t, "video", file["type"])
	assert.Equal(t, "mp4", file["meta"].(map[string]any)["format"])
	assert.Contains(t, file, "userStorage")

	// The file URL is served by the fake itself, without a token.
	res, err := httpClientFor(srv).Get(file["fileUrl"].(string))
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.EqualValues(t, file["size"], len(b))

	fails(t, srv, 400, "GET", "/v2/recordings?withTranscription=maybe", nil)
	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/recordings?sessionId="+sessionID+"&withTranscription=true", nil)["pageInfo"].(map[string]any)["total"])
	assert.Equal(t, "Recording removed", action(t, srv, "DELETE", "/v2/recordings/"+recID, nil))
	fails(t, srv, 404, "GET", "/v2/recordings/"+recID, nil)
	fails(t, srv, 404, "DELETE", "/v2/recordings/"+recID, nil)
	assert.Equal(t, 0.0, ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["pageInfo"].(map[string]any)["total"])
	res, err = httpClientFor(srv).Get(file["fileUrl"].(string))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 404, res.StatusCode)

	// Ending the session stops what runs in it.
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID, "fileFormat": "webm"})
	require.NoError(t, srv.EndSession(roomID))
	flush(t, srv)
	rec = ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	assert.Regexp(t, isoRe, rec["end"])
	assert.Equal(t, "webm", rec["file"].(map[string]any)["meta"].(map[string]any)["format"])
}

func TestParticipantAndTrackRecordingsAndMerge(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testParticipantAndTrackRecordingsAndMerge)
}

func testParticipantAndTrackRecordingsAndMerge(t *testing.T) {
	srv := virtualServer(t)
	roomID, sessionID, asha := liveRoom(t, srv)
	ravi, err := srv.Join(roomID, "Ravi")
	require.NoError(t, err)

	fails(t, srv, 400, "POST", "/v2/recordings/participant/start", map[string]any{"roomId": roomID})
	fails(t, srv, 404, "POST", "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": "nobody"})
	fails(t, srv, 400, "POST", "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": asha, "fileFormat": "avi"})
	for _, p := range []string{asha, ravi} {
		assert.NotEmpty(t, started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": p}))
	}
	fails(t, srv, 409, "POST", "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": asha})
	action(t, srv, "POST", "/v2/recordings/participant/stop", map[string]any{"roomId": roomID, "participantId": asha})
	fails(t, srv, 400, "POST", "/v2/recordings/participant/stop", map[string]any{"roomId": roomID, "participantId": asha})
	require.NoError(t, srv.Leave(roomID, ravi)) // leaving stops Ravi's recording
	flush(t, srv)                               // a default fake: the files come after the processing time

	list := ok(t, srv, "GET", "/v2/recordings/participant?roomId="+roomID+"&participantId="+asha, nil)
	require.Equal(t, 1.0, list["pageInfo"].(map[string]any)["total"])
	pr := list["data"].([]any)[0].(map[string]any)
	assert.Equal(t, "audio_video", pr["kind"])
	assert.Equal(t, "participant", pr["mode"])
	assert.Equal(t, "webm", pr["fileFormat"])
	assert.Equal(t, sessionID, pr["sessionId"])
	f := pr["files"].([]any)[0].(map[string]any)
	assert.Regexp(t, objectIDRe, f["_id"])
	assert.Contains(t, f["filePath"], "individual-recordings/"+sessionID+"/"+asha+"/")
	assert.Contains(t, pr["webhook"], "totalCount")
	ashaRec := pr["id"].(string)
	assert.Equal(t, ashaRec, ok(t, srv, "GET", "/v2/recordings/participant/"+ashaRec, nil)["id"])

	// Track recordings.
	fails(t, srv, 400, "POST", "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": asha})
	fails(t, srv, 400, "POST", "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": asha, "kind": "smell"})
	started(t, srv, "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": asha, "kind": "audio"})
	fails(t, srv, 409, "POST", "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": asha, "kind": "audio"})
	started(t, srv, "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": asha, "kind": "video"})
	fails(t, srv, 400, "POST", "/v2/recordings/participant/track/stop", map[string]any{"roomId": roomID, "participantId": asha})
	fails(t, srv, 400, "POST", "/v2/recordings/participant/track/stop", map[string]any{"roomId": roomID, "participantId": asha, "kind": "screen_video"})
	action(t, srv, "POST", "/v2/recordings/participant/track/stop", map[string]any{"roomId": roomID, "participantId": asha, "kind": "audio"})
	flush(t, srv) // the stopped track's file comes after the processing time
	tracks := ok(t, srv, "GET", "/v2/recordings/participant/track?sessionId="+sessionID, nil)
	require.Equal(t, 2.0, tracks["pageInfo"].(map[string]any)["total"])
	video := tracks["data"].([]any)[0].(map[string]any) // newest first
	assert.Equal(t, "video", video["kind"])
	assert.Equal(t, "track", video["mode"])
	assert.Nil(t, video["end"])
	assert.Empty(t, video["files"])
	audio := tracks["data"].([]any)[1].(map[string]any)
	assert.Equal(t, "audio", audio["files"].([]any)[0].(map[string]any)["type"])
	trackID := audio["id"].(string)
	assert.Equal(t, "audio", ok(t, srv, "GET", "/v2/recordings/participant/track/"+trackID, nil)["kind"])
	fails(t, srv, 404, "GET", "/v2/recordings/participant/"+trackID, nil)

	// Merge.
	fails(t, srv, 400, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID, "channel1": []any{}, "channel2": []any{}})
	fails(t, srv, 404, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": "000000000000000000000000",
		"channel1": []any{map[string]any{"participantId": asha}}, "channel2": []any{map[string]any{"participantId": ravi}}})
	fails(t, srv, 400, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID,
		"channel1": []any{map[string]any{"participantId": asha, "recordingId": trackID, "type": "participant"}},
		"channel2": []any{map[string]any{"participantId": "nobody"}}})
	created := ok(t, srv, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID,
		"channel1": []any{map[string]any{"participantId": asha, "recordingId": ashaRec}},
		"channel2": []any{map[string]any{"participantId": ravi}}})
	assert.NotEmpty(t, created["message"])
	mr := created["recording"].(map[string]any)
	assert.Equal(t, "running", mr["status"])
	assert.Regexp(t, uuidRe, mr["id"])
	assert.Equal(t, roomID, mr["meetingId"])
	assert.NotContains(t, mr, "file")
	mergeID := mr["id"].(string)
	assert.Equal(t, "running", ok(t, srv, "GET", "/v2/recordings/participant/merge/"+mergeID, nil)["status"], "a merge takes time")
	flush(t, srv)

	ml := ok(t, srv, "GET", "/v2/recordings/participant/merge?sessionId="+sessionID, nil)
	assert.NotContains(t, ml, "data")
	assert.Equal(t, 10.0, ml["pageInfo"].(map[string]any)["perPage"])
	item := ml["recordings"].([]any)[0].(map[string]any)
	assert.Equal(t, "completed", item["status"])
	assert.Equal(t, "audio", item["file"].(map[string]any)["type"])
	assert.Equal(t, "mp3", item["file"].(map[string]any)["meta"].(map[string]any)["format"])
	assert.NotEmpty(t, item["channel2"].([]any)[0].(map[string]any)["recordingId"], "the server picked Ravi's recording")
	assert.Equal(t, "participant", item["channel2"].([]any)[0].(map[string]any)["type"], "the kind of recording picked (§7.3)")
	assert.Equal(t, mergeID, ok(t, srv, "GET", "/v2/recordings/participant/merge/"+mergeID, nil)["id"])
	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/recordings/participant/merge?status=completed&id="+mergeID, nil)["pageInfo"].(map[string]any)["total"])
	fails(t, srv, 404, "GET", "/v2/recordings/participant/merge/nope", nil)

	assert.Equal(t, "Track recording removed", action(t, srv, "DELETE", "/v2/recordings/participant/track/"+trackID, nil))
	assert.Equal(t, "Participant recording removed", action(t, srv, "DELETE", "/v2/recordings/participant/"+ashaRec, nil))
}

func TestLivestreamsAndHLS(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, sessionID, _ := liveRoom(t, srv)
	out := []any{map[string]any{"url": "rtmp://live.example.net/app", "streamKey": "sk-1"}}

	fails(t, srv, 400, "POST", "/v2/livestreams/start", map[string]any{"roomId": roomID})
	fails(t, srv, 400, "POST", "/v2/livestreams/start", map[string]any{"roomId": roomID, "outputs": []any{map[string]any{"url": "rtmp://x"}}})
	started(t, srv, "/v2/livestreams/start", map[string]any{"roomId": roomID, "outputs": out})
	fails(t, srv, 409, "POST", "/v2/livestreams/start", map[string]any{"roomId": roomID, "outputs": out})
	fails(t, srv, 404, "POST", "/v2/livestreams/end", map[string]any{"roomId": roomID, "id": "000000000000000000000000"})
	action(t, srv, "POST", "/v2/livestreams/end", map[string]any{"roomId": roomID})
	ls := ok(t, srv, "GET", "/v2/livestreams?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	assert.Equal(t, sessionID, ls["sessionId"])
	assert.Equal(t, out, ls["outputs"])
	assert.Regexp(t, isoRe, ls["end"])
	assert.Equal(t, ls["id"], ok(t, srv, "GET", "/v2/livestreams/"+ls["id"].(string), nil)["id"])

	// HLS.
	fails(t, srv, 404, "GET", "/v2/hls/"+roomID+"/active", nil)
	fails(t, srv, 400, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID})
	h := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID, "config": map[string]any{
		"layout": map[string]any{"type": "GRID", "priority": "SPEAKER"}, "quality": "low", "orientation": "portrait"}})
	assert.Regexp(t, objectIDRe, h["id"])
	assert.Nil(t, h["end"])
	assert.Contains(t, h["playbackHlsUrl"], "/index.m3u8")
	assert.Contains(t, h["livestreamUrl"], "/live.m3u8")
	assert.Equal(t, h["playbackHlsUrl"], h["downstreamUrl"])
	fails(t, srv, 409, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
	fails(t, srv, 409, "DELETE", "/v2/hls/"+h["id"].(string), nil)

	act := ok(t, srv, "GET", "/v2/hls/"+roomID+"/active", nil)
	assert.Equal(t, 200.0, act["code"])
	assert.Equal(t, h["id"], act["data"].(map[string]any)["id"])
	assert.IsType(t, 0.0, act["data"].(map[string]any)["duration"], "an active stream's duration so far")

	res, err := http.Get(h["playbackHlsUrl"].(string))
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.True(t, bytes.HasPrefix(b, []byte("#EXTM3U")))

	c := ok(t, srv, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "format": "png"})
	assert.Equal(t, map[string]any{"createdAt": c["meta"].(map[string]any)["createdAt"], "width": 480.0, "height": 854.0, "format": "png"}, c["meta"])
	assert.Regexp(t, `^`+regexp.QuoteMeta(srv.URL())+`/cdn/thumbnail/.+\.png$`, c["filePath"])
	assert.Equal(t, roomID, c["roomId"])
	assert.NotEmpty(t, c["fileName"])
	assert.Greater(t, c["fileSize"], 0.0)
	c = ok(t, srv, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "width": 320, "height": 240, "time": 0})
	assert.Equal(t, 320.0, c["meta"].(map[string]any)["width"])
	assert.Equal(t, "jpg", c["meta"].(map[string]any)["format"])
	fails(t, srv, 400, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "format": "webp", "time": 0})
	fails(t, srv, 400, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "time": 3600})
	fails(t, srv, 400, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "format": "gif"})

	action(t, srv, "POST", "/v2/hls/end", map[string]any{"roomId": roomID})
	fails(t, srv, 400, "POST", "/v2/hls/end", map[string]any{"roomId": roomID})
	fails(t, srv, 404, "GET", "/v2/hls/"+roomID+"/active", nil)
	done := ok(t, srv, "GET", "/v2/hls/"+h["id"].(string), nil)
	assert.Regexp(t, isoRe, done["end"])
	assert.Contains(t, done, "duration")
	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/hls?roomId="+roomID+"&sessionId="+sessionID, nil)["pageInfo"].(map[string]any)["total"])
	assert.Equal(t, "HLS recording removed", action(t, srv, "DELETE", "/v2/hls/"+h["id"].(string), nil))
	fails(t, srv, 404, "GET", "/v2/hls/"+h["id"].(string), nil)

	// Nothing starts without a live session.
	require.NoError(t, srv.EndSession(roomID))
	for _, p := range []string{"/v2/hls/start", "/v2/livestreams/start", "/v2/recordings/participant/start", "/v2/recordings/participant/track/start"} {
		fails(t, srv, 400, "POST", p, map[string]any{"roomId": roomID, "outputs": out, "participantId": "x", "kind": "audio"})
	}
}

func TestAutoStartAndAutoClose(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	room := ok(t, srv, "POST", "/v2/rooms", map[string]any{
		"autoStartConfig": map[string]any{"recording": map[string]any{}, "hls": map[string]any{"config": map[string]any{
			"layout": map[string]any{"type": "SPOTLIGHT", "priority": "PIN"}, "quality": "med"}}},
		"autoCloseConfig": map[string]any{"type": "session-end-and-deactivate"},
	})
	roomID := room["roomId"].(string)
	_, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	assert.Equal(t, "med", ok(t, srv, "GET", "/v2/hls/"+roomID+"/active", nil)["data"].(map[string]any)["quality"])
	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["pageInfo"].(map[string]any)["total"])
	require.NoError(t, srv.EndSession(roomID))
	assert.Equal(t, true, ok(t, srv, "GET", "/v2/rooms/"+roomID, nil)["disabled"])
	_, err = srv.Join(roomID, "Asha")
	assert.Error(t, err)
}

func TestAllowedParticipants(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID := ok(t, srv, "POST", "/v2/rooms", map[string]any{"allowedParticipantIds": []string{"p1"}})["roomId"].(string)
	assert.Error(t, srv.JoinAs(roomID, "p2", "Mallory"))
	_, err := srv.Join(roomID, "Mallory")
	assert.Error(t, err)
	assert.NoError(t, srv.JoinAs(roomID, "p1", "Asha"))
	assert.Error(t, srv.Leave(roomID, "p2"))
	assert.Error(t, srv.JoinAs("zzzz-zzzz-zzzz", "p1", "Asha"))
	assert.Error(t, srv.JoinAs(roomID, "", "Asha"))
}

func TestPaginateBounds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n, page, perPage, from, to, last int
	}{
		{0, 1, 20, 0, 0, 1},
		{5, 1, 2, 0, 2, 3},
		{5, 3, 2, 4, 5, 3},
		{5, 4, 2, 5, 5, 3},
		{5, 1, 100, 0, 5, 1},
		{5, 1 << 62, 1 << 62, 5, 5, 1},
		{5, 2, 1 << 62, 5, 5, 1},
	} {
		from, to, info := paginate(tc.n, tc.page, tc.perPage)
		assert.Equal(t, []int{tc.from, tc.to, tc.last, tc.n, tc.page}, []int{from, to, info.LastPage, info.Total, info.CurrentPage}, "%+v", tc)
	}
	srv := NewServer()
	t.Cleanup(srv.Close)
	newRoom(t, srv)
	m := ok(t, srv, "GET", "/v2/rooms?page=9223372036854775807&perPage=9223372036854775807", nil)
	assert.Empty(t, m["data"])
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestClientIsShared: Client without options returns one Client, built on
// first use (a Client is safe for concurrent use); with options it builds a
// new one, as its doc says.
func TestClientIsShared(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	c := srv.Client()
	assert.Same(t, c, srv.Client())
	withOpt := srv.Client(videosdk.WithMaxRetries(0))
	assert.NotSame(t, c, withOpt)
	assert.NotSame(t, withOpt, srv.Client(videosdk.WithMaxRetries(0)))
	_, err := c.Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)
}

// notWedged is the generous bound within which a call must finish while
// another client misbehaves. It only proves "not wedged": a wedged call
// never finishes at all.
const notWedged = 15 * time.Second

// within runs the calls at once and fails the test for each one that has
// not returned after notWedged, or returned an error. The calls run on
// their own goroutines, so they report through their return value.
func within(t *testing.T, calls map[string]func() error) {
	t.Helper()
	type result struct {
		what string
		err  error
	}
	done := make(chan result, len(calls))
	for what, f := range calls {
		go func() { done <- result{what, f()} }()
	}
	timeout := time.After(notWedged)
	for range calls {
		select {
		case r := <-done:
			assert.NoError(t, r.err, r.what)
			delete(calls, r.what)
		case <-timeout:
			for what := range calls {
				t.Errorf("%s did not finish within %v: the server is wedged", what, notWedged)
			}
			return
		}
	}
}

// waitFor polls cond until it holds; it stops the test when that takes
// longer than notWedged, or when cond itself does not return.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	held := make(chan struct{})
	go func() {
		defer close(held)
		deadline := time.Now().Add(notWedged)
		for !cond() && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
	}()
	select {
	case <-held:
		if cond() {
			return
		}
	case <-time.After(notWedged + time.Second):
	}
	t.Fatalf("%s did not happen within %v", what, notWedged)
}

// dial opens a raw connection to srv, closed when the test ends.
func dial(t *testing.T, srv *Server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// stallMidBody sends a signed POST whose body stops after its first bytes
// and never continues.
func stallMidBody(t *testing.T, srv *Server, path string) net.Conn {
	t.Helper()
	conn := dial(t, srv)
	_, err := fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: fake\r\nAuthorization: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"customRoomId\":",
		path, mgmtToken(t, srv))
	require.NoError(t, err)
	return conn
}

// get is a signed GET that reports a non-200 answer as an error; safe off
// the test goroutine.
func get(srv *Server, tok, path string) error {
	req, err := http.NewRequest("GET", srv.URL()+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, res.Status)
	}
	return nil
}

// Fault 1: a client that stalls in the middle of its body blocks only
// itself: other clients, the Go API and Close go on.
func TestSlowClientDoesNotWedgeTheServer(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, other := newRoom(t, srv), newRoom(t, srv)
	tok := mgmtToken(t, srv)

	stallMidBody(t, srv, "/v2/rooms")
	stallMidBody(t, srv, "/v2/recordings/start")
	waitFor(t, "the stalled requests reaching their endpoints", func() bool {
		return srv.Requests("POST", "/v2/rooms") == 3 && srv.Requests("POST", "/v2/recordings/start") == 1
	})

	within(t, map[string]func() error{
		"GET /v2/rooms":      func() error { return get(srv, tok, "/v2/rooms") },
		"GET /v2/rooms/{id}": func() error { return get(srv, tok, "/v2/rooms/"+roomID) },
		"Join":               func() error { _, err := srv.Join(other, "Asha"); return err },
		"Requests":           func() error { srv.Requests("GET", "/v2/rooms/*"); return nil },
		"POST /v2/rooms": func() error {
			req, _ := http.NewRequest("POST", srv.URL()+"/v2/rooms", strings.NewReader(`{}`))
			req.Header.Set("Authorization", tok)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				return err
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("create room: %s", res.Status)
			}
			return nil
		},
	})
	within(t, map[string]func() error{"Close": func() error { srv.Close(); return nil }})
}

// A body trickled a few bytes at a time is read outside the server lock:
// the request completes and answers normally, while a GET sent meanwhile is
// answered at once.
func TestTrickledBodyIsServed(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	tok := mgmtToken(t, srv)
	body := `{"customRoomId":"trickled-room"}`
	conn := dial(t, srv)
	_, err := fmt.Fprintf(conn, "POST /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: %s\r\nContent-Length: %d\r\n\r\n", tok, len(body))
	require.NoError(t, err)
	for i := range body {
		if i == len(body)/2 {
			within(t, map[string]func() error{"GET while a body trickles in": func() error { return get(srv, tok, "/v2/rooms") }})
		}
		_, err := conn.Write([]byte{body[i]})
		require.NoError(t, err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer res.Body.Close()
	var room map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&room))
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "trickled-room", room["customRoomId"])
}

// Close returns promptly whatever clients do: stall in their headers or
// body, hold an idle connection, or stop reading a large download.
func TestCloseReturnsWhateverClientsDo(t *testing.T) {
	t.Parallel()
	srv, file := finishedRecording(t, time.Hour) // a file of 225 MB the client will not read
	fileURL, err := url.Parse(file["fileUrl"].(string))
	require.NoError(t, err)

	idle := dial(t, srv) // answered once, then left open
	_, err = fmt.Fprintf(idle, "GET /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: %s\r\n\r\n", mgmtToken(t, srv))
	require.NoError(t, err)
	res, err := http.ReadResponse(bufio.NewReader(idle), nil)
	require.NoError(t, err)
	res.Body.Close()
	reader := dial(t, srv)
	_, err = fmt.Fprintf(reader, "GET %s HTTP/1.1\r\nHost: fake\r\n\r\n", fileURL.Path)
	require.NoError(t, err)
	_, err = io.WriteString(dial(t, srv), "GET /v2/rooms HTTP/1.1\r\nHost: fa") // stalls in its headers
	require.NoError(t, err)
	posts := srv.Requests("POST", "/v2/rooms")
	stallMidBody(t, srv, "/v2/rooms")
	waitFor(t, "the stalled body reaching its endpoint", func() bool { return srv.Requests("POST", "/v2/rooms") == posts+1 })

	within(t, map[string]func() error{"Close": func() error { srv.Close(); return nil }})
}

// finishedRecording returns a new server (closed when the test ends) with
// a meeting recording that lasted d of the server's clock, and its file.
func finishedRecording(t *testing.T, d time.Duration) (*Server, map[string]any) {
	t.Helper()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	roomID, _, _ := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	clock.add(d)
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	clock.add(defaultProcessingDelay) // the file is processed
	rec := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	return srv, rec["file"].(map[string]any)
}

// logEntries is the number of method and path pairs the request log keeps.
func logEntries(srv *Server) int { return srv.log.entries() }

// Fault 2: requests without a valid token, to unknown routes or to unclean
// paths add nothing (or, below a fixed bound, little) to what the server
// keeps, while Requests still counts what reached an endpoint.
func TestUnauthenticatedRequestsDoNotGrowMemory(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	// The requests go straight to the server's handler: the fake's own
	// bookkeeping is under test, and 1,800 loopback round trips would cost
	// a second of the suite.
	send := func(method, path, auth string) {
		t.Helper()
		req := httptest.NewRequest(method, srv.URL()+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		srv.ts.Config.Handler.ServeHTTP(httptest.NewRecorder(), req)
	}

	long := strings.Repeat("x", 64<<10)
	for i := range 40 {
		send("GET", "/v2/rooms/"+strconv.Itoa(i)+long, "")                     // unsigned, long path
		send("GET", "/v2/nothing/"+strconv.Itoa(i), mgmtToken(t, srv))         // signed, unknown route
		send("POST", "/v2/rooms/"+strconv.Itoa(i), mgmtToken(t, srv))          // signed, wrong method
		send("GET", "/v2/rooms//"+strconv.Itoa(i), mgmtToken(t, srv))          // signed, unclean path
		send("GET", "/cdn/nothing/"+strconv.Itoa(i), "")                       // CDN miss
		send("GET", "/v2/rooms/"+strconv.Itoa(i)+long, "not-a-jwt")            // bad token, long path
		send("GET", "/v2/rooms/"+strconv.Itoa(i)+long, mgmtToken(t, srv)[:20]) // truncated token
	}
	assert.Equal(t, 0, logEntries(srv), "nothing kept for 280 requests that reached no endpoint or had long unsigned paths")

	for i := range maxUntrustedPaths + 500 {
		send("GET", "/v2/rooms/r"+strconv.Itoa(i), "")
	}
	assert.Equal(t, maxUntrustedPaths, logEntries(srv), "unsigned requests keep at most a fixed number of paths")

	send("GET", "/v2/rooms", "")
	send("POST", "/v2/recordings/start", "not-a-jwt")
	assert.Equal(t, 1, srv.Requests("GET", "/v2/rooms"), "refused requests to an endpoint without an id are always counted")
	assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/start"))
	assert.Equal(t, 1, srv.Requests("GET", "/v2/rooms/r0"))
	send("GET", "/v2/rooms/signed-after-the-bound", mgmtToken(t, srv))
	assert.Equal(t, 0, srv.Requests("GET", "/v2/rooms/signed-after-the-bound"), "a 404 is counted under its endpoint's pattern")
	assert.Equal(t, 1, srv.Requests("", "/v2/rooms/{roomId}"))
	assert.Equal(t, maxUntrustedPaths+1, srv.Requests("GET", "/v2/rooms/*"), "signed requests are always counted")
	assert.Equal(t, maxUntrustedPaths+3, logEntries(srv))
}

// Fault 4: unclean paths get a JSON 404, never a redirect that a client
// could follow to another resource.
func TestUncleanPathsAnswerJSON(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, sessionID, _ := liveRoom(t, srv)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tok := mgmtToken(t, srv)
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "//v2/rooms", ""},
		{"GET", "/v2//rooms", ""},
		{"GET", "/v2/./rooms", ""},
		{"GET", "/v2/rooms/.", ""},
		{"GET", "/v2/rooms/..", ""},
		{"GET", "/v2/rooms/%2e", ""},
		{"GET", "/v2/rooms/" + roomID + "/..", ""},
		{"GET", "/v2/rooms/", ""},
		{"GET", "/v2/sessions//participants", ""},
		{"GET", "/v2/sessions/" + sessionID + "/participants/.", ""},
		{"GET", "/v2/hls//active", ""},
		{"POST", "//v2/sessions/end", `{"roomId":"` + roomID + `"}`},
		{"POST", "/v2/sessions/./end", `{"roomId":"` + roomID + `"}`},
		{"DELETE", "/v2/recordings/..", ""},
	} {
		req, err := http.NewRequest(tc.method, srv.URL()+tc.path, strings.NewReader(tc.body))
		require.NoError(t, err)
		req.Header.Set("Authorization", tok)
		res, err := noFollow.Do(req)
		require.NoError(t, err)
		var m map[string]any
		decodeErr := json.NewDecoder(res.Body).Decode(&m)
		res.Body.Close()
		assert.True(t, res.StatusCode >= 400 && res.StatusCode < 500, "%s %s: %s", tc.method, tc.path, res.Status)
		assert.Empty(t, res.Header.Get("Location"), "%s %s", tc.method, tc.path)
		if assert.NoError(t, decodeErr, "%s %s: not JSON", tc.method, tc.path) {
			assert.NotEmpty(t, m["message"], "%s %s", tc.method, tc.path)
			assertOnlyMessage(t, m)
		}
	}
	assert.NoError(t, srv.EndSession(roomID), "no unclean path ended the session")
	assert.Equal(t, 0, srv.Requests("", "/v2/sessions/end"))
}

// BenchmarkRequests measures Requests for a plain path with 100,000
// distinct paths counted.
func BenchmarkRequests(b *testing.B) {
	srv := NewServer()
	defer srv.Close()
	for i := range 100_000 {
		srv.log.add("GET", "/v2/rooms/"+strconv.Itoa(i), "/v2/rooms/{roomId}", true)
	}
	b.ResetTimer()
	for b.Loop() {
		_ = srv.Requests("GET", "/v2/rooms/42")
	}
}

// A session lists the HLS streams started in it under hlsLog ([{start}], as
// the session example shows), and a session without one has none.
func TestSessionListsItsHLSStreams(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, sessionID, _ := liveRoom(t, srv)
	assert.NotContains(t, ok(t, srv, "GET", "/v2/sessions/"+sessionID, nil), "hlsLog")
	hls := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
	action(t, srv, "POST", "/v2/hls/end", map[string]any{"roomId": roomID})
	ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
	log := ok(t, srv, "GET", "/v2/sessions/"+sessionID, nil)["hlsLog"].([]any)
	require.Len(t, log, 2)
	assert.Equal(t, map[string]any{"start": hls["start"]}, log[0])
}
