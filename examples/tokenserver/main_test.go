package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// setup runs the token server in front of a fake VideoSDK API.
func setup(t *testing.T, opts options) (*videosdktest.Server, *httptest.Server) {
	t.Helper()
	fake := videosdktest.NewServer()
	t.Cleanup(fake.Close)
	ts := httptest.NewServer(newHandler(fake.Client(videosdk.WithMaxRetries(0)), opts))
	t.Cleanup(ts.Close)
	return fake, ts
}

func post(t *testing.T, ts *httptest.Server, path, body string) (int, map[string]any, string) {
	t.Helper()
	res, err := http.Post(ts.URL+path, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), "%s", b)
	return res.StatusCode, m, string(b)
}

func createRoom(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	status, m, body := post(t, ts, "/rooms", `{}`)
	require.Equal(t, http.StatusCreated, status, body)
	return m["roomId"].(string)
}

func TestCreateRoom(t *testing.T) {
	t.Parallel()
	fake, ts := setup(t, options{})
	status, m, _ := post(t, ts, "/rooms", `{"customRoomId":"standup-42"}`)
	require.Equal(t, http.StatusCreated, status)
	assert.Regexp(t, `^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$`, m["roomId"])
	assert.Equal(t, "standup-42", m["customRoomId"])
	_, again, _ := post(t, ts, "/rooms", `{"customRoomId":"standup-42"}`)
	assert.Equal(t, m["roomId"], again["roomId"])
	assert.Equal(t, 2, fake.Requests("POST", "/v2/rooms"))

	res, err := http.Post(ts.URL+"/rooms", "application/json", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusCreated, res.StatusCode, "empty body creates a room")

	for body, want := range map[string]int{
		`{"customRoomId":"has space"}`:                       400,
		`{"customRoomId":"` + strings.Repeat("x", 65) + `"}`: 400,
		`{"customRoom":"typo"}`:                              400,
		`{"customRoomId":1}`:                                 400,
		`{} {}`:                                              400,
		`[`:                                                  400,
		`{"customRoomId":"` + strings.Repeat("x", 5000) + `"}`: 413,
	} {
		status, m, _ := post(t, ts, "/rooms", body)
		assert.Equal(t, want, status, body)
		assert.NotEmpty(t, m["error"])
	}
	assert.Equal(t, 3, fake.Requests("POST", "/v2/rooms"), "bad input never reaches VideoSDK")
}

// A body of unknown length (chunked) is cut at the limit as it is read. The
// handler is called directly: a server that stops reading a request body
// lingers 500 ms before closing the connection.
func TestBodyOfUnknownLengthIsCapped(t *testing.T) {
	t.Parallel()
	fake := videosdktest.NewServer()
	t.Cleanup(fake.Close)
	h := newHandler(fake.Client(), options{})
	for size, want := range map[int]int{5000: http.StatusRequestEntityTooLarge, 10: http.StatusCreated} {
		body := `{"customRoomId":"` + strings.Repeat("x", size) + `"}`
		req := httptest.NewRequest("POST", "/rooms", io.MultiReader(strings.NewReader(body)))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, want, rec.Code, rec.Body.String())
	}
	assert.Equal(t, 1, fake.Requests("POST", "/v2/rooms"))
}

func TestMintToken(t *testing.T) {
	t.Parallel()
	fake, ts := setup(t, options{})
	roomID := createRoom(t, ts)

	status, m, body := post(t, ts, "/rooms/"+roomID+"/tokens", `{"participantId":"u42","permissions":["allow_join"],"ttlSeconds":600}`)
	require.Equal(t, http.StatusCreated, status, body)
	assert.NotContains(t, body, fake.Secret, "the secret is never echoed")
	assert.Equal(t, roomID, m["roomId"])
	claims, err := videosdk.ParseToken(m["token"].(string), fake.Secret)
	require.NoError(t, err)
	assert.Equal(t, roomID, claims.RoomID)
	assert.Equal(t, "u42", claims.ParticipantID)
	assert.Equal(t, []videosdk.Role{videosdk.RoleRTC}, claims.Roles)
	assert.Equal(t, []videosdk.Permission{videosdk.PermissionAllowJoin}, claims.Permissions)
	assert.Equal(t, 2, claims.Version)
	assert.WithinDuration(t, time.Now().Add(10*time.Minute), claims.ExpiresAt.Time, time.Minute)
	exp, err := time.Parse(time.RFC3339, m["expiresAt"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, claims.ExpiresAt.Time, exp, 2*time.Second)

	// The token is for joining only: the VideoSDK server API refuses it.
	req, _ := http.NewRequest("GET", fake.URL()+"/v2/rooms", nil)
	req.Header.Set("Authorization", m["token"].(string))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusForbidden, res.StatusCode)

	// Defaults: allow_join, 2h. A customRoomId works and is resolved to the roomId.
	_, created, _ := post(t, ts, "/rooms", `{"customRoomId":"team"}`)
	status, m, _ = post(t, ts, "/rooms/team/tokens", ``)
	require.Equal(t, http.StatusCreated, status)
	claims, err = videosdk.ParseToken(m["token"].(string), fake.Secret)
	require.NoError(t, err)
	assert.Equal(t, created["roomId"], claims.RoomID)
	assert.Equal(t, created["roomId"], m["roomId"])
	assert.Equal(t, []videosdk.Permission{videosdk.PermissionAllowJoin}, claims.Permissions)
	assert.WithinDuration(t, time.Now().Add(2*time.Hour), claims.ExpiresAt.Time, time.Minute)
}

func TestMintTokenRejectsBadInput(t *testing.T) {
	t.Parallel()
	fake, ts := setup(t, options{})
	roomID := createRoom(t, ts)
	before := fake.Requests("", "/v2/rooms/validate/*")
	for _, tc := range []struct {
		path, body string
		status     int
	}{
		{"/rooms/" + roomID + "/tokens", `{"permissions":["root"]}`, 400},
		{"/rooms/" + roomID + "/tokens", `{"permissions":["allow_join","allow_join"]}`, 400},
		{"/rooms/" + roomID + "/tokens", `{"permissions":["allow_join","ask_join"]}`, 400},
		{"/rooms/" + roomID + "/tokens", `{"permissions":["allow_mod"]}`, 403},
		{"/rooms/" + roomID + "/tokens", `{"ttlSeconds":5}`, 400},
		{"/rooms/" + roomID + "/tokens", `{"ttlSeconds":864000}`, 400},
		{"/rooms/" + roomID + "/tokens", `{"participantId":"a/b"}`, 400},
		{"/rooms/" + roomID + "/tokens", `{"secret":"x"}`, 400},
		{"/rooms/bad%20id/tokens", `{}`, 400},
	} {
		status, m, body := post(t, ts, tc.path, tc.body)
		assert.Equal(t, tc.status, status, "%s %s: %s", tc.path, tc.body, body)
		assert.NotEmpty(t, m["error"])
		assert.NotContains(t, m, "token")
	}
	assert.Equal(t, before, fake.Requests("", "/v2/rooms/validate/*"), "refused before calling VideoSDK")

	status, m, _ := post(t, ts, "/rooms/zzzz-zzzz-zzzz/tokens", `{}`)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "room not found", m["error"])

	req, _ := http.NewRequest("POST", ts.URL+"/rooms/"+roomID+"/tokens", strings.NewReader(`participantId=u1`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusUnsupportedMediaType, res.StatusCode)

	res, err = http.Get(ts.URL + "/rooms")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
}

func TestMintTokenModeratorAndDeactivated(t *testing.T) {
	t.Parallel()
	fake, ts := setup(t, options{allowMod: true})
	roomID := createRoom(t, ts)
	status, m, _ := post(t, ts, "/rooms/"+roomID+"/tokens", `{"permissions":["allow_join","allow_mod"]}`)
	require.Equal(t, http.StatusCreated, status)
	claims, err := videosdk.ParseToken(m["token"].(string), fake.Secret)
	require.NoError(t, err)
	assert.Equal(t, []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAllowMod}, claims.Permissions)

	_, err = fake.Client().Rooms.Deactivate(context.Background(), roomID)
	require.NoError(t, err)
	status, _, _ = post(t, ts, "/rooms/"+roomID+"/tokens", `{}`)
	assert.Equal(t, http.StatusGone, status)
}

func TestUpstreamFailureIsNotLeaked(t *testing.T) {
	t.Parallel()
	fake, ts := setup(t, options{})
	fake.InjectFault("POST", "/v2/rooms", 1, videosdktest.Fault{Status: 500})
	status, m, body := post(t, ts, "/rooms", `{}`)
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Equal(t, "creating the room failed", m["error"])
	assert.NotContains(t, body, "injected")

	roomID := createRoom(t, ts)
	fake.InjectFault("GET", "/v2/rooms/validate/*", 1, videosdktest.Fault{Status: 503})
	status, _, _ = post(t, ts, "/rooms/"+roomID+"/tokens", `{}`)
	assert.Equal(t, http.StatusBadGateway, status)
}

func TestCORS(t *testing.T) {
	t.Parallel()
	_, ts := setup(t, options{corsOrigin: "https://app.example.com"})
	req, _ := http.NewRequest("OPTIONS", ts.URL+"/rooms", nil)
	req.Header.Set("Origin", "https://app.example.com")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusNoContent, res.StatusCode)
	assert.Equal(t, "https://app.example.com", res.Header.Get("Access-Control-Allow-Origin"))

	req, _ = http.NewRequest("POST", ts.URL+"/rooms", bytes.NewReader([]byte(`{}`)))
	req.Header.Set("Origin", "https://evil.example.com")
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
}
