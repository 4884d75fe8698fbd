package serverless

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func fromEnv() (*videosdk.Client, error) { return videosdk.NewClientFromEnv() }

// useFake points the environment at a fresh fake, as a deployment's
// configuration would point it at the real API.
func useFake(t *testing.T) *videosdktest.Server {
	t.Helper()
	fake := videosdktest.NewServer()
	t.Cleanup(fake.Close)
	t.Setenv("VIDEOSDK_API_KEY", fake.APIKey)
	t.Setenv("VIDEOSDK_SECRET", fake.Secret)
	t.Setenv("VIDEOSDK_API_ENDPOINT", fake.URL())
	return fake
}

func invoke(t *testing.T, h http.HandlerFunc, method, target string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest(method, target, nil))
	var m map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m), rec.Body.String())
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	return rec.Code, m
}

// The exported function builds its Client once per cold start, however many
// invocations follow. (The only test that touches the package-level client.)
func TestRoomStatusBuildsClientOnce(t *testing.T) {
	fake := useFake(t)
	calls := 0
	// Each run is its own cold start: a fresh once-value, so that go test
	// -count=N does not reuse the client of an earlier run's (closed) fake.
	origNew, origClient := newClient, client
	t.Cleanup(func() { newClient, client = origNew, origClient })
	newClient = func() (*videosdk.Client, error) {
		calls++
		return videosdk.NewClientFromEnv()
	}
	client = sync.OnceValues(func() (*videosdk.Client, error) { return newClient() })
	room, err := fake.Client().Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)
	for range 3 {
		code, m := invoke(t, RoomStatus, "GET", "/?roomId="+room.RoomID)
		require.Equal(t, http.StatusOK, code, m)
		assert.Equal(t, false, m["live"])
	}
	assert.Equal(t, 1, calls)
	assert.Equal(t, 3, fake.Requests("GET", "/v2/rooms/validate/"+room.RoomID))
}

func TestRoomStatusLive(t *testing.T) {
	fake := useFake(t)
	h := handler(sync.OnceValues(fromEnv))
	c := fake.Client()
	room, err := c.Rooms.Create(context.Background(), videosdk.CreateRoomParams{CustomRoomID: "standup"})
	require.NoError(t, err)
	sessionID, err := fake.StartSession(room.RoomID)
	require.NoError(t, err)
	for _, n := range []string{"Asha", "Ravi"} {
		_, err := fake.Join(room.RoomID, n)
		require.NoError(t, err)
	}

	code, m := invoke(t, h, "GET", "/?roomId=standup")
	require.Equal(t, http.StatusOK, code, m)
	assert.Equal(t, map[string]any{"roomId": room.RoomID, "live": true, "sessionId": sessionID, "participants": 2.0}, m)

	hls, err := c.HLS.Start(context.Background(), videosdk.StartHLSParams{RoomID: room.RoomID})
	require.NoError(t, err)
	_, m = invoke(t, h, "GET", "/?roomId="+room.RoomID)
	assert.Equal(t, hls.PlaybackHLSURL, m["playbackHlsUrl"])
}

func TestRoomStatusErrors(t *testing.T) {
	fake := useFake(t)
	h := handler(sync.OnceValues(fromEnv))

	code, m := invoke(t, h, "POST", "/?roomId=abcd-efgh-ijkl")
	assert.Equal(t, http.StatusMethodNotAllowed, code)
	assert.NotEmpty(t, m["error"])
	code, _ = invoke(t, h, "GET", "/")
	assert.Equal(t, http.StatusBadRequest, code)
	code, _ = invoke(t, h, "GET", "/?roomId=../../v2/rooms")
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Equal(t, 0, fake.Requests("", "/*"), "bad input never reaches VideoSDK")

	code, m = invoke(t, h, "GET", "/?roomId=zzzz-zzzz-zzzz")
	assert.Equal(t, http.StatusNotFound, code)
	assert.Equal(t, "room not found", m["error"])

	fake.InjectFault("GET", "/v2/rooms/validate/*", 1, videosdktest.Fault{Status: 501}) // a server error that is not retried
	code, m = invoke(t, h, "GET", "/?roomId=abcd-efgh-ijkl")
	assert.Equal(t, http.StatusBadGateway, code)
	assert.Equal(t, "VideoSDK request failed", m["error"])
}

func TestRoomStatusMisconfigured(t *testing.T) {
	t.Setenv("VIDEOSDK_API_KEY", "key")
	t.Setenv("VIDEOSDK_SECRET", "")
	calls := 0
	h := handler(sync.OnceValues(func() (*videosdk.Client, error) {
		calls++
		return videosdk.NewClientFromEnv()
	}))
	for range 2 {
		code, m := invoke(t, h, "GET", "/?roomId=abcd-efgh-ijkl")
		assert.Equal(t, http.StatusInternalServerError, code)
		assert.Equal(t, "function is not configured", m["error"])
	}
	assert.Equal(t, 1, calls, "the configuration error is remembered, not rebuilt per call")
}
