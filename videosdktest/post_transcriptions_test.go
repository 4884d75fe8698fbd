package videosdktest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPostTranscriptionLifecycle(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	roomID, sessionID, _ := liveRoom(t, srv)
	action(t, srv, "POST", "/v2/recordings/start", map[string]any{"roomId": roomID,
		"transcription": map[string]any{"enabled": true, "summary": map[string]any{"enabled": true, "prompt": "Decisions"}}})
	clock.add(70 * time.Second)
	assert.Empty(t, ok(t, srv, "GET", "/ai/v1/post-transcriptions", nil)["transcriptions"], "nothing while the recording runs")

	require.NoError(t, srv.EndSession(roomID))
	rec := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	list := ok(t, srv, "GET", "/ai/v1/post-transcriptions?roomId="+roomID, nil)
	assert.Equal(t, map[string]any{"currentPage": 1.0, "perPage": 20.0, "lastPage": 1.0, "total": 1.0}, list["pageInfo"])
	running := list["transcriptions"].([]any)[0].(map[string]any)
	id := running["id"].(string)
	assert.Regexp(t, uuidRe, id)
	assert.Equal(t, map[string]any{"id": id, "status": "running", "roomId": roomID, "sessionId": sessionID,
		"recordingId": rec["id"], "filePath": rec["file"].(map[string]any)["fileUrl"], "start": "2025-06-10T05:46:10.000Z"}, running)

	clock.add(2 * time.Second)
	done := ok(t, srv, "GET", "/ai/v1/post-transcriptions/"+id, nil)
	assert.Equal(t, "completed", done["status"])
	assert.Equal(t, "2025-06-10T05:46:12.000Z", done["end"])
	paths := done["transcriptionFilePaths"].(map[string]any)
	assert.Len(t, paths, 5)
	for _, ext := range []string{"json", "srt", "txt", "tsv", "vtt"} {
		status, body := fetch(t, paths[ext].(string))
		assert.Equal(t, 200, status, ext)
		assert.NotEmpty(t, body, ext)
	}
	status, body := fetch(t, done["summarizedFilePaths"].(map[string]any)["txt"].(string))
	assert.Equal(t, 200, status)
	assert.Equal(t, summaryText, body)

	// The recording answers its transcription when asked.
	withT := ok(t, srv, "GET", "/v2/recordings/"+rec["id"].(string)+"?withTranscription=true", nil)
	assert.Equal(t, done, withT["transcription"])
	assert.NotContains(t, ok(t, srv, "GET", "/v2/recordings/"+rec["id"].(string), nil), "transcription")
	assert.NotContains(t, ok(t, srv, "GET", "/v2/recordings/"+rec["id"].(string)+"?withTranscription=false", nil), "transcription")
	fails(t, srv, 400, "GET", "/v2/recordings/"+rec["id"].(string)+"?withTranscription=yes", nil)
	listed := ok(t, srv, "GET", "/v2/recordings?withTranscription=true", nil)["data"].([]any)[0].(map[string]any)
	assert.Equal(t, done, listed["transcription"])

	fails(t, srv, 404, "GET", "/ai/v1/post-transcriptions/00000000-0000-4000-8000-000000000000", nil)
	for q, n := range map[string]float64{"sessionId=" + sessionID: 1, "sessionId=x": 0, "roomId=x": 0, "perPage=1&page=2": 1} {
		assert.Equal(t, n, ok(t, srv, "GET", "/ai/v1/post-transcriptions?"+q, nil)["pageInfo"].(map[string]any)["total"], q)
	}
	fails(t, srv, 400, "GET", "/ai/v1/post-transcriptions?page=0", nil)
}

// TestPostTranscriptionSources: HLS, RTMP and auto-started recordings with
// transcription enabled leave a transcription; without it, nothing.
func TestPostTranscriptionSources(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)

	plain, _, _ := liveRoom(t, srv)
	action(t, srv, "POST", "/v2/recordings/start", map[string]any{"roomId": plain, "transcription": map[string]any{"enabled": false}})
	ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": plain})
	require.NoError(t, srv.EndSession(plain))
	assert.Equal(t, 0.0, ok(t, srv, "GET", "/ai/v1/post-transcriptions", nil)["pageInfo"].(map[string]any)["total"])

	hlsRoom, _, _ := liveRoom(t, srv)
	hls := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": hlsRoom,
		"transcription": map[string]any{"enabled": true}, "summary": map[string]any{"enabled": true}})
	action(t, srv, "POST", "/v2/hls/end", map[string]any{"roomId": hlsRoom})
	rtmpRoom, _, _ := liveRoom(t, srv)
	action(t, srv, "POST", "/v2/livestreams/start", map[string]any{"roomId": rtmpRoom,
		"outputs":       []any{map[string]any{"url": "rtmp://live.example.net/app", "streamKey": "k"}},
		"config":        map[string]any{"recording": map[string]any{"enabled": true}},
		"transcription": map[string]any{"enabled": true}})
	require.NoError(t, srv.EndSession(rtmpRoom))
	auto := ok(t, srv, "POST", "/v2/rooms", map[string]any{"autoStartConfig": map[string]any{
		"recording": map[string]any{"transcription": map[string]any{"enabled": true}}}})["roomId"].(string)
	_, err := srv.Join(auto, "Asha")
	require.NoError(t, err)
	require.NoError(t, srv.EndSession(auto))

	clock.add(2 * time.Second)
	byRoom := map[string]map[string]any{}
	for _, item := range ok(t, srv, "GET", "/ai/v1/post-transcriptions", nil)["transcriptions"].([]any) {
		m := item.(map[string]any)
		assert.Equal(t, "completed", m["status"])
		byRoom[m["roomId"].(string)] = m
	}
	require.Len(t, byRoom, 3)
	assert.Equal(t, hls["id"], byRoom[hlsRoom]["recordingId"])
	assert.Equal(t, hls["playbackHlsUrl"], byRoom[hlsRoom]["filePath"])
	assert.Contains(t, byRoom[hlsRoom], "summarizedFilePaths", "the HLS docs' top-level summary counts")
	assert.NotContains(t, byRoom[rtmpRoom], "summarizedFilePaths")
	assert.NotContains(t, byRoom[auto], "summarizedFilePaths")
	assert.Contains(t, byRoom[auto]["filePath"], "/cdn/uploads/videos/")

	// A summary needs the transcription it summarises, everywhere it can be asked for.
	live, _, _ := liveRoom(t, srv)
	summaryOnly := map[string]any{"enabled": false, "summary": map[string]any{"enabled": true}}
	fails(t, srv, 400, "POST", "/v2/recordings/start", map[string]any{"roomId": live, "transcription": summaryOnly})
	fails(t, srv, 400, "POST", "/v2/hls/start", map[string]any{"roomId": live, "transcription": summaryOnly})
	fails(t, srv, 400, "POST", "/v2/hls/start", map[string]any{"roomId": live, "summary": map[string]any{"enabled": true}})
	fails(t, srv, 400, "POST", "/v2/livestreams/start", map[string]any{"roomId": live, "transcription": summaryOnly,
		"outputs": []any{map[string]any{"url": "rtmp://live.example.net/app", "streamKey": "k"}}})
	for _, kind := range []string{"recording", "hls"} {
		fails(t, srv, 400, "POST", "/v2/rooms", map[string]any{"autoStartConfig": map[string]any{kind: map[string]any{"transcription": summaryOnly}}})
	}
}
