package videosdktest

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manualClock is a clock a test moves by hand.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock {
	return &manualClock{t: time.Date(2025, 6, 10, 5, 45, 0, 0, time.UTC)}
}

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fetch GETs a CDN URL and returns status and body.
func fetch(t *testing.T, u string) (int, string) {
	t.Helper()
	res, err := http.Get(u)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

func TestCompositeRecordings(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	const start = "/v2/recordings/composite/start"

	idle := newRoom(t, srv)
	fails(t, srv, 400, "POST", start, map[string]any{"roomId": idle})
	fails(t, srv, 400, "POST", start, map[string]any{})
	fails(t, srv, 404, "POST", start, map[string]any{"roomId": "zzzz-zzzz-zzzz"})

	roomID, sessionID, pid := liveRoom(t, srv)
	for name, body := range map[string]map[string]any{
		"no participantId": {"participants": []any{map[string]any{"kind": "video"}}},
		"bad kind":         {"participants": []any{map[string]any{"participantId": pid, "kind": "webcam"}}},
		"bad kind in list": {"participants": []any{map[string]any{"participantId": pid, "kind": []any{"audio", "mic"}}}},
		"kind number":      {"participants": []any{map[string]any{"participantId": pid, "kind": 3}}},
		"4 watermarks":     {"watermarks": []any{map[string]any{"type": "custom"}, map[string]any{"type": "custom"}, map[string]any{"type": "custom"}, map[string]any{"type": "custom"}}},
		"watermark type":   {"watermarks": []any{map[string]any{"type": "image"}}},
		"watermark none":   {"watermarks": []any{map[string]any{"text": "x"}}},
		"watermark url":    {"watermarks": []any{map[string]any{"type": "custom", "imageUrl": "logo.png"}}},
		"file format":      {"fileFormat": "mkv"},
		"presigned":        {"preSignedURL": "bucket/key"},
	} {
		body["roomId"] = roomID
		assert.NotEmpty(t, fails(t, srv, 400, "POST", start, body)["message"], name)
	}

	// Start answers the ids needed to stop; several may run in one room.
	first := ok(t, srv, "POST", start, map[string]any{"roomId": roomID,
		"participants": []any{map[string]any{"participantId": pid, "kind": "video"}, map[string]any{"participantId": "p2", "kind": []any{"audio", "screen_video"}}},
		"watermarks":   []any{map[string]any{"type": "custom", "text": "Live", "imageUrl": "https://cdn.example.com/l.png"}, map[string]any{"type": "pubsub", "topic": "T"}},
		"fileFormat":   "webm", "preSignedURL": "https://bucket.example.com/o.webm?sig=1", "bucketDirPath": "c/",
	})
	assert.Equal(t, map[string]any{"recordingId": first["recordingId"], "roomId": roomID, "sessionId": sessionID}, first)
	assert.Regexp(t, objectIDRe, first["recordingId"])
	second := ok(t, srv, "POST", start, map[string]any{"roomId": roomID, "fileFormat": "mp4"})
	noKind := ok(t, srv, "POST", start, map[string]any{"roomId": roomID, "participants": []any{map[string]any{"participantId": pid}}})
	assert.Equal(t, []any{}, ok(t, srv, "GET", "/v2/recordings/composite/"+noKind["recordingId"].(string), nil)["participants"],
		"the selectors are not echoed: the docs show participants []")
	action(t, srv, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": roomID, "recordingId": noKind["recordingId"]})
	firstID, secondID := first["recordingId"].(string), second["recordingId"].(string)

	list := ok(t, srv, "GET", "/v2/recordings/composite?roomId="+roomID, nil)
	assert.Equal(t, 3.0, list["pageInfo"].(map[string]any)["total"])
	running := list["data"].([]any)[2].(map[string]any)
	assert.Equal(t, firstID, running["id"])
	assert.Equal(t, roomID, running["meetingId"], "the room under its legacy name")
	assert.NotContains(t, running, "roomId")
	assert.Nil(t, running["end"])
	assert.NotContains(t, running, "file")
	assert.Equal(t, []any{}, running["participants"], "as documented, not the selectors sent")
	assert.Equal(t, []any{}, ok(t, srv, "GET", "/v2/recordings/composite/"+secondID, nil)["participants"])
	fails(t, srv, 409, "DELETE", "/v2/recordings/composite/"+firstID, nil)

	// Stop needs the recordingId, of a recording of that room.
	fails(t, srv, 400, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": roomID})
	fails(t, srv, 400, "POST", "/v2/recordings/composite/stop", map[string]any{"recordingId": firstID})
	fails(t, srv, 404, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": roomID, "recordingId": "000000000000000000000000"})
	fails(t, srv, 404, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": idle, "recordingId": firstID})
	clock.add(73 * time.Second)
	assert.NotEmpty(t, action(t, srv, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": roomID, "recordingId": firstID}))
	fails(t, srv, 400, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": roomID, "recordingId": firstID})
	assert.NotContains(t, ok(t, srv, "GET", "/v2/recordings/composite/"+firstID, nil), "file", "processing")
	clock.add(defaultProcessingDelay)

	rec := ok(t, srv, "GET", "/v2/recordings/composite/"+firstID, nil)
	assert.Equal(t, "2025-06-10T05:46:13.000Z", rec["end"])
	file := rec["file"].(map[string]any)
	assert.Equal(t, rec["fileId"], file["id"])
	assert.Equal(t, "WebM", file["meta"].(map[string]any)["format"], "capitalised, as the API writes it")
	assert.EqualValues(t, 73, file["meta"].(map[string]any)["duration"])
	status, body := fetch(t, file["fileUrl"].(string))
	assert.Equal(t, 200, status)
	assert.EqualValues(t, file["size"], len(body))

	// The session's end stops the other one.
	require.NoError(t, srv.EndSession(roomID))
	clock.add(defaultProcessingDelay)
	rec = ok(t, srv, "GET", "/v2/recordings/composite/"+secondID, nil)
	assert.Regexp(t, isoRe, rec["end"])
	assert.Equal(t, "mp4", rec["fileFormat"])

	assert.Equal(t, 1.0, ok(t, srv, "GET", "/v2/recordings/composite?sessionId="+sessionID+"&perPage=1", nil)["pageInfo"].(map[string]any)["perPage"])
	assert.Equal(t, "Composite recording removed", action(t, srv, "DELETE", "/v2/recordings/composite/"+firstID, nil))
	fails(t, srv, 404, "GET", "/v2/recordings/composite/"+firstID, nil)
	assert.Equal(t, 2.0, ok(t, srv, "GET", "/v2/recordings/composite?roomId="+roomID, nil)["pageInfo"].(map[string]any)["total"])
	status, _ = fetch(t, file["fileUrl"].(string))
	assert.Equal(t, 404, status)
	// A composite recording is not a meeting recording.
	fails(t, srv, 404, "GET", "/v2/recordings/"+secondID, nil)
}
