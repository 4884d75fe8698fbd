package videosdktest

// Input the SDK refuses (internal/compose) is refused by the fake too.

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fault 5: invalid input inside a room's autoStartConfig and
// autoCloseConfig, a grid size sent as 0 and an unknown merge status filter
// are refused like the SDK refuses them (internal/compose).
func TestInvalidRoomConfigRefused(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	layout := map[string]any{"type": "GRID", "priority": "SPEAKER"}
	for name, body := range map[string]map[string]any{
		"unknown quality":         {"autoStartConfig": map[string]any{"hls": map[string]any{"config": map[string]any{"layout": layout, "quality": "best"}}}},
		"malformed hls":           {"autoStartConfig": map[string]any{"hls": "yes"}},
		"malformed recording":     {"autoStartConfig": map[string]any{"recording": 5}},
		"malformed config":        {"autoStartConfig": map[string]any{"recording": map[string]any{"config": []any{}}}},
		"config field type":       {"autoStartConfig": map[string]any{"hls": map[string]any{"config": map[string]any{"quality": 3}}}},
		"not an object":           {"autoStartConfig": "recording"},
		"hls without priority":    {"autoStartConfig": map[string]any{"hls": map[string]any{"config": map[string]any{"layout": map[string]any{"type": "GRID"}}}}},
		"quality without layout":  {"autoStartConfig": map[string]any{"recording": map[string]any{"config": map[string]any{"quality": "high"}}}},
		"grid size 0":             {"autoStartConfig": map[string]any{"recording": map[string]any{"config": map[string]any{"layout": map[string]any{"gridSize": 0}}}}},
		"summary w/o transcript":  {"autoStartConfig": map[string]any{"hls": map[string]any{"transcription": map[string]any{"summary": map[string]any{"enabled": true}}}}},
		"relative template":       {"autoStartConfig": map[string]any{"recording": map[string]any{"templateUrl": "grid.html"}}},
		"negative close duration": {"autoCloseConfig": map[string]any{"duration": -1}},
		"unknown close type":      {"autoCloseConfig": map[string]any{"type": "never"}},
	} {
		assert.NotEmpty(t, fails(t, srv, 400, "POST", "/v2/rooms", body)["message"], name)
	}
	assert.Equal(t, 0.0, ok(t, srv, "GET", "/v2/rooms", nil)["pageInfo"].(map[string]any)["total"], "no room was created")

	roomID, _, _ := liveRoom(t, srv)
	out := []map[string]any{{"url": "rtmp://live.example.net/app", "streamKey": "k"}}
	for _, tc := range []struct {
		path string
		body map[string]any
	}{
		{"/v2/hls/start", map[string]any{"roomId": roomID, "config": map[string]any{"layout": map[string]any{"type": "GRID"}}}},
		{"/v2/hls/start", map[string]any{"roomId": roomID, "config": map[string]any{"layout": map[string]any{"priority": "PIN", "gridSize": 0}}}},
		{"/v2/livestreams/start", map[string]any{"roomId": roomID, "outputs": out, "config": map[string]any{"layout": map[string]any{"type": "SIDEBAR"}}}},
		{"/v2/recordings/start", map[string]any{"roomId": roomID, "config": map[string]any{"theme": "DARK"}}},
		{"/v2/recordings/start", map[string]any{"roomId": roomID, "config": map[string]any{"recording": map[string]any{"enabled": true}}}},
	} {
		fails(t, srv, 400, "POST", tc.path, tc.body)
	}
	fails(t, srv, 400, "GET", "/v2/recordings/participant/merge?status=done", nil)
	ok(t, srv, "GET", "/v2/recordings/participant/merge?status=completed", nil)
}

// A valid autoStartConfig is kept as sent and starts what it asks for,
// with its settings.
func TestAutoStartConfigStarts(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	as := map[string]any{
		"recording": map[string]any{"config": map[string]any{"layout": map[string]any{"type": "GRID", "gridSize": 4}, "quality": "low"}},
		"hls":       map[string]any{"config": map[string]any{"layout": map[string]any{"type": "SIDEBAR", "priority": "PIN"}, "quality": "ultra", "orientation": "portrait"}},
	}
	room := ok(t, srv, "POST", "/v2/rooms", map[string]any{"autoStartConfig": as})
	want, err := json.Marshal(as)
	require.NoError(t, err)
	got, err := json.Marshal(room["autoStartConfig"])
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	roomID := room["roomId"].(string)
	_, err = srv.Join(roomID, "Asha")
	require.NoError(t, err)
	hls := ok(t, srv, "GET", "/v2/hls/"+roomID+"/active", nil)["data"].(map[string]any)
	assert.Equal(t, "ultra", hls["quality"])
	assert.Equal(t, "portrait", hls["orientation"])
	c := ok(t, srv, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID})
	assert.Equal(t, 2160.0, c["meta"].(map[string]any)["width"])
	assert.Equal(t, 3840.0, c["meta"].(map[string]any)["height"])
	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["pageInfo"].(map[string]any)["total"])
}

// Fault 3: thumbnail sizes are bounded (and so what the CDN route serves for
// them).
func TestCaptureDimensionsRefused(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, _, _ := liveRoom(t, srv)
	ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
	for _, d := range [][2]int{{1_000_000_000, 1_000_000_000}, {3_037_000_500, 3_037_000_500}, {3841, 100}, {100, 3841}, {-1, 100}} {
		m := fails(t, srv, 400, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "width": d[0], "height": d[1]})
		assertOnlyMessage(t, m)
	}
	c := ok(t, srv, "POST", "/v2/hls/capture", map[string]any{"roomId": roomID, "width": 3840, "height": 2160})
	res, err := http.Head(c["filePath"].(string))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, int64(c["fileSize"].(float64)), res.ContentLength)
	assert.Equal(t, int64(3840*2160/10+minFileBytes), res.ContentLength)
}
