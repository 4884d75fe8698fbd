package videosdktest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRealtimeTranscriptions(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	const start, end = "/ai/v1/realtime-transcriptions/start", "/ai/v1/realtime-transcriptions/end"

	// /ai/v1 checks tokens like /v2.
	assert.Equal(t, 401, rawCall(t, srv, "GET", "/ai/v1/realtime-transcriptions", "", nil).status)
	assert.Equal(t, 401, rawCall(t, srv, "GET", "/ai/v1/post-transcriptions", "Bearer "+mgmtToken(t, srv), nil).status)

	idle := newRoom(t, srv)
	fails(t, srv, 400, "POST", start, map[string]any{"roomId": idle})
	fails(t, srv, 400, "POST", start, map[string]any{})
	fails(t, srv, 404, "POST", start, map[string]any{"roomId": "zzzz-zzzz-zzzz"})
	roomID, sessionID, _ := liveRoom(t, srv)
	fails(t, srv, 400, "POST", start, map[string]any{"roomId": roomID, "webhookUrl": "hooks"})

	running := ok(t, srv, "POST", start, map[string]any{"roomId": roomID, "webhookUrl": "https://www.example.com/",
		"modelId": "nova-2", "language": "en-US", "summary": map[string]any{"enabled": true, "prompt": "p"}})
	id := running["id"].(string)
	assert.Regexp(t, uuidRe, id)
	assert.Equal(t, map[string]any{"id": id, "status": "running",
		"extension":  map[string]any{"enabled": true, "provider": "videosdk", "extensionConfig": map[string]any{"roomId": roomID, "sessionId": sessionID}},
		"webhookUrl": "https://www.example.com/", "start": "2025-06-10T05:45:00.000Z"}, running)
	fails(t, srv, 409, "POST", start, map[string]any{"roomId": roomID})

	got := ok(t, srv, "GET", "/ai/v1/realtime-transcriptions/"+id, nil)
	assert.Equal(t, "running", got["status"])
	assert.NotContains(t, got, "webhookUrl", "start and stop answers only")
	assert.NotContains(t, got, "end")

	fails(t, srv, 400, "POST", end, map[string]any{})
	fails(t, srv, 404, "POST", end, map[string]any{"roomId": "zzzz-zzzz-zzzz"})
	fails(t, srv, 400, "POST", end, map[string]any{"roomId": idle})
	clock.add(90 * time.Second)
	stopped := ok(t, srv, "POST", end, map[string]any{"roomId": roomID})
	assert.Equal(t, "completed", stopped["status"])
	assert.Equal(t, "2025-06-10T05:46:30.000Z", stopped["end"])
	assert.Equal(t, "https://www.example.com/", stopped["webhookUrl"])
	assert.NotContains(t, stopped, "transcriptionFilePaths", "the documented stop answer has no file paths")
	assert.NotContains(t, stopped, "summarizedFilePaths")
	done := ok(t, srv, "GET", "/ai/v1/realtime-transcriptions/"+id, nil) // get shows them, as documented
	status, body := fetch(t, done["transcriptionFilePaths"].(map[string]any)["txt"].(string))
	assert.Equal(t, 200, status)
	assert.NotEmpty(t, body)
	status, _ = fetch(t, done["summarizedFilePaths"].(map[string]any)["txt"].(string))
	assert.Equal(t, 200, status)
	fails(t, srv, 400, "POST", end, map[string]any{"roomId": roomID})

	// A second one runs until the session ends.
	second := ok(t, srv, "POST", start, map[string]any{"roomId": roomID})["id"].(string)
	clock.add(time.Minute)
	require.NoError(t, srv.EndSession(roomID))
	got = ok(t, srv, "GET", "/ai/v1/realtime-transcriptions/"+second, nil)
	assert.Equal(t, "completed", got["status"])
	assert.Equal(t, "2025-06-10T05:47:30.000Z", got["end"])
	assert.NotContains(t, got, "summarizedFilePaths", "no summary was asked for")
	fails(t, srv, 400, "POST", start, map[string]any{"roomId": roomID}) // no live session any more

	list := ok(t, srv, "GET", "/ai/v1/realtime-transcriptions?roomId="+roomID, nil)
	assert.Equal(t, 2.0, list["pageInfo"].(map[string]any)["total"])
	assert.Equal(t, second, list["transcriptions"].([]any)[0].(map[string]any)["id"], "newest first, under transcriptions")
	for q, n := range map[string]float64{"status=completed": 2, "status=running": 0, "sessionId=" + sessionID: 2, "roomId=" + idle: 0} {
		assert.Equal(t, n, ok(t, srv, "GET", "/ai/v1/realtime-transcriptions?"+q, nil)["pageInfo"].(map[string]any)["total"], q)
	}
	fails(t, srv, 404, "GET", "/ai/v1/realtime-transcriptions/00000000-0000-4000-8000-000000000000", nil)
	// Realtime transcriptions are not post transcriptions.
	fails(t, srv, 404, "GET", "/ai/v1/post-transcriptions/"+id, nil)
}
