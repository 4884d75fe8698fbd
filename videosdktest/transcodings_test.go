package videosdktest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pngB64 is a 1×1 PNG in base64.
const pngB64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

// participantRecordings records each participant of a live room for d and
// returns the finished recordings' ids.
func participantRecordings(t *testing.T, srv *Server, clock *manualClock, roomID string, d time.Duration, pids ...string) []string {
	t.Helper()
	for _, p := range pids {
		started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": p})
	}
	clock.add(d)
	var ids []string
	for _, p := range pids {
		action(t, srv, "POST", "/v2/recordings/participant/stop", map[string]any{"roomId": roomID, "participantId": p})
		rec := ok(t, srv, "GET", "/v2/recordings/participant?participantId="+p, nil)["data"].([]any)[0].(map[string]any)
		ids = append(ids, rec["id"].(string))
	}
	return ids
}

func TestTranscodingLifecycle(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(3*time.Second))
	t.Cleanup(srv.Close)
	roomID, sessionID, p1 := liveRoom(t, srv)
	p2, err := srv.Join(roomID, "Ravi")
	require.NoError(t, err)
	ids := participantRecordings(t, srv, clock, roomID, 78*time.Second, p1, p2)

	created := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids, "webhookUrl": "https://hooks.example.com/t",
		"watermark": map[string]any{"type": "image", "image": "https://cdn.example.com/logo.png",
			"imageConfig": map[string]any{"position": "bottom-right", "margin": 20, "width": 120, "opacity": 1}}})
	id := created["id"].(string)
	assert.Regexp(t, objectIDRe, id)
	assert.Equal(t, map[string]any{"id": id, "recordingIds": []any{ids[0], ids[1]}, "roomId": roomID, "sessionId": sessionID,
		"status": "pending", "task": "composite-merge", "startedAt": "2025-06-10T05:46:18.000Z", "stoppedAt": nil}, created)

	// The same recordings again, in another order, while the first runs: 409.
	fails(t, srv, 409, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": []string{ids[1], ids[0]}})

	clock.add(999 * time.Millisecond)
	assert.Equal(t, "pending", ok(t, srv, "GET", "/v2/transcodings/"+id, nil)["status"])
	clock.add(time.Millisecond)
	assert.Equal(t, "processing", ok(t, srv, "GET", "/v2/transcodings/"+id, nil)["status"])
	clock.add(5 * time.Second) // read late: the completion is stamped when it was due
	flush(t, srv)              // the summary counts attempted deliveries
	done := ok(t, srv, "GET", "/v2/transcodings/"+id, nil)
	assert.Equal(t, "completed", done["status"])
	assert.Equal(t, "2025-06-10T05:46:21.000Z", done["stoppedAt"])
	// The webhookUrl is not on a loopback host: recorded, never contacted.
	assert.Equal(t, map[string]any{"totalCount": 2.0, "successCount": 0.0, "data": []any{
		map[string]any{"type": "composite-merge-started", "success": false},
		map[string]any{"type": "composite-merge-completed", "success": false},
	}}, done["webhook"])
	file := done["file"].(map[string]any)
	assert.Equal(t, "video", file["type"])
	assert.Equal(t, map[string]any{"format": "mp4", "duration": 78.0, "resolution": map[string]any{"width": 1280.0, "height": 720.0}}, file["meta"])
	assert.Contains(t, file["filePath"], "recordings/composite-merge/")
	status, body := fetch(t, file["fileUrl"].(string))
	assert.Equal(t, 200, status)
	assert.EqualValues(t, file["size"], len(body))
	fails(t, srv, 409, "POST", "/v2/transcodings/"+id+"/cancel", nil)

	// Once it completed, the same set may be merged again; cancel from pending and from processing.
	again := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids})["id"].(string)
	cancelled := ok(t, srv, "POST", "/v2/transcodings/"+again+"/cancel", nil)
	assert.Equal(t, "cancelled", cancelled["status"])
	assert.Equal(t, "2025-06-10T05:46:24.000Z", cancelled["stoppedAt"])
	fails(t, srv, 409, "POST", "/v2/transcodings/"+again+"/cancel", nil)
	third := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids[:1]})["id"].(string)
	clock.add(1500 * time.Millisecond)
	assert.Equal(t, "cancelled", ok(t, srv, "POST", "/v2/transcodings/"+third+"/cancel", nil)["status"], "from processing")
	clock.add(time.Hour)
	assert.Equal(t, "cancelled", ok(t, srv, "GET", "/v2/transcodings/"+third, nil)["status"], "a cancelled job stays cancelled")
	assert.NotContains(t, ok(t, srv, "GET", "/v2/transcodings/"+third, nil), "file")
	fails(t, srv, 404, "POST", "/v2/transcodings/000000000000000000000000/cancel", nil)
	fails(t, srv, 404, "GET", "/v2/transcodings/000000000000000000000000", nil)

	// List: newest first, filters, statuses.
	list := ok(t, srv, "GET", "/v2/transcodings?roomId="+roomID, nil)
	assert.Equal(t, 3.0, list["pageInfo"].(map[string]any)["total"])
	assert.Equal(t, third, list["data"].([]any)[0].(map[string]any)["id"])
	assert.NotContains(t, list["data"].([]any)[0], "webhook", "the summary is on get only")
	for q, n := range map[string]float64{"status=completed": 1, "status=cancelled": 2, "status=pending": 0,
		"sessionId=" + sessionID: 3, "sessionId=other": 0, "hlsId=x": 0, "perPage=2&page=2": 3} {
		assert.Equal(t, n, ok(t, srv, "GET", "/v2/transcodings?"+q, nil)["pageInfo"].(map[string]any)["total"], q)
	}
	fails(t, srv, 400, "GET", "/v2/transcodings?status=running", nil)
}

func TestTranscodingMergeValidation(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(3*time.Second))
	t.Cleanup(srv.Close)
	roomID, _, p1 := liveRoom(t, srv)
	ids := participantRecordings(t, srv, clock, roomID, time.Minute, p1)
	other, _, p2 := liveRoom(t, srv)
	otherIDs := participantRecordings(t, srv, clock, other, time.Minute, p2)
	started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": p1})
	runningID := ok(t, srv, "GET", "/v2/recordings/participant?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)["id"].(string)

	wm := func(w map[string]any) map[string]any { return map[string]any{"recordingIds": ids, "watermark": w} }
	for name, body := range map[string]map[string]any{
		"no ids":             {},
		"empty ids":          {"recordingIds": []string{}},
		"blank id":           {"recordingIds": []string{" "}},
		"duplicate":          {"recordingIds": []string{ids[0], ids[0]}},
		"two sessions":       {"recordingIds": []string{ids[0], otherIDs[0]}},
		"still running":      {"recordingIds": []string{runningID}},
		"task":               {"recordingIds": ids, "task": "hls-to-mp4"},
		"webhook":            {"recordingIds": ids, "webhookUrl": "example.com"},
		"no type":            wm(map[string]any{"image": "https://cdn.example.com/l.png"}),
		"bad type":           wm(map[string]any{"type": "text"}),
		"image missing":      wm(map[string]any{"type": "image"}),
		"image not b64":      wm(map[string]any{"type": "image", "image": "logo.png"}),
		"image gif data url": wm(map[string]any{"type": "image", "image": "data:image/gif;base64," + pngB64}),
		"image not png":      wm(map[string]any{"type": "image", "image": "R0lGODlhAQABAAAAACw="}),
		"position":           wm(map[string]any{"type": "image", "image": pngB64, "imageConfig": map[string]any{"position": "middle"}}),
		"margin":             wm(map[string]any{"type": "image", "image": pngB64, "imageConfig": map[string]any{"margin": -1}}),
		"opacity":            wm(map[string]any{"type": "image", "image": pngB64, "imageConfig": map[string]any{"opacity": 1.5}}),
		"image + lat":        wm(map[string]any{"type": "image", "image": pngB64, "lat": 1}),
		"timestamp missing":  wm(map[string]any{"type": "timestamp"}),
		"timestamp blank":    wm(map[string]any{"type": "timestamp", "startTime": ""}),
		"timestamp negative": wm(map[string]any{"type": "timestamp", "startTime": -5}),
		"timestamp bool":     wm(map[string]any{"type": "timestamp", "startTime": true}),
		"timestamp + image":  wm(map[string]any{"type": "timestamp", "startTime": 1746439200, "image": pngB64}),
		"lat_long no long":   wm(map[string]any{"type": "lat_long", "lat": 1}),
		"lat range":          wm(map[string]any{"type": "lat_long", "lat": 90.5, "long": 0}),
		"long range":         wm(map[string]any{"type": "lat_long", "lat": 0, "long": -180.5}),
		"lat_long + start":   wm(map[string]any{"type": "lat_long", "lat": 0, "long": 0, "startTime": "1746439200"}),
	} {
		r := call(t, srv, "POST", "/v2/transcodings/merge", body)
		assert.Equal(t, 400, r.status, "%s: %s", name, r.body)
		assertMessageOnly(t, r)
	}
	fails(t, srv, 404, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": []string{"000000000000000000000000"}})

	// Every documented variant is accepted, with the text style under any key.
	for _, w := range []map[string]any{
		{"type": "image", "image": "data:image/png;base64," + pngB64},
		{"type": "image", "image": pngB64, "imageConfig": map[string]any{"position": "center", "margin": 0, "opacity": 0}},
		{"type": "timestamp", "startTime": 1746439200000, "timestampConfig": map[string]any{"format": "%H:%M"}},
		{"type": "timestamp", "startTime": "2026-05-05T10:00:00"},
		{"type": "lat_long", "lat": -90, "long": 180, "latLongConfig": map[string]any{"prefix": "GPS "}},
	} {
		id := ok(t, srv, "POST", "/v2/transcodings/merge", wm(w))["id"].(string)
		ok(t, srv, "POST", "/v2/transcodings/"+id+"/cancel", nil) // frees the set for the next variant
	}
}

func TestTranscodingHLSToMP4AndMeetingRecordingMerge(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(3*time.Second))
	t.Cleanup(srv.Close)
	roomID, sessionID, _ := liveRoom(t, srv)
	hls := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
	hlsID := hls["id"].(string)
	fails(t, srv, 400, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hlsID}) // still running
	fails(t, srv, 404, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"roomId": roomID})
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	clock.add(40 * time.Second)
	require.NoError(t, srv.EndSession(roomID))

	fails(t, srv, 400, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{})
	fails(t, srv, 400, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hlsID, "storage": map[string]any{"bucket": "b"}})
	fails(t, srv, 400, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hlsID, "storage": map[string]any{"type": "ftp"}})
	fails(t, srv, 404, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": "000000000000000000000000"})
	for _, body := range []map[string]any{
		{"hlsId": hlsID, "storage": map[string]any{"type": "s3", "bucket": "b", "dirPath": "mp4s/"}},
		{"sessionId": sessionID},
		{"roomId": roomID, "webhookUrl": "https://hooks.example.com/x"},
	} {
		tr := ok(t, srv, "POST", "/v2/transcodings/hls-to-mp4", body)
		assert.Equal(t, "hls-to-mp4", tr["task"])
		assert.Equal(t, hlsID, tr["hlsId"])
		assert.Equal(t, sessionID, tr["sessionId"])
		assert.NotContains(t, tr, "recordingIds")
	}
	assert.Equal(t, 3.0, ok(t, srv, "GET", "/v2/transcodings?hlsId="+hlsID, nil)["pageInfo"].(map[string]any)["total"])

	recID := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)["id"].(string)
	const mrm = "/v2/transcodings/meeting-recording-merge"
	fails(t, srv, 400, "POST", mrm, map[string]any{"recordingIds": []any{}})
	fails(t, srv, 400, "POST", mrm, map[string]any{"recordingIds": []any{5}})
	fails(t, srv, 400, "POST", mrm, map[string]any{"recordingIds": []any{map[string]any{"presignedUrl": "https://b.example.com/x.mp4"}}})
	fails(t, srv, 400, "POST", mrm, map[string]any{"recordingIds": []any{map[string]any{"id": "x", "presignedUrl": "b/x.mp4"}}})
	fails(t, srv, 400, "POST", mrm, map[string]any{"recordingIds": []any{recID}, "presignedOutputUrl": "out.mp4"})
	fails(t, srv, 404, "POST", mrm, map[string]any{"recordingIds": []any{hlsID}}) // not a meeting recording
	tr := ok(t, srv, "POST", mrm, map[string]any{
		"recordingIds":       []any{recID, map[string]any{"id": "external-1", "presignedUrl": "https://b.example.com/in.mp4?sig=1"}},
		"presignedOutputUrl": "https://b.example.com/out.mp4?sig=2",
	})
	assert.Equal(t, "meeting-recording-merge", tr["task"])
	assert.Equal(t, []any{recID, "external-1"}, tr["recordingIds"])
	assert.Equal(t, roomID, tr["roomId"])
	clock.add(3 * time.Second)
	done := ok(t, srv, "GET", "/v2/transcodings/"+tr["id"].(string), nil)
	assert.Equal(t, "completed", done["status"])
	assert.EqualValues(t, 40, done["file"].(map[string]any)["meta"].(map[string]any)["duration"])
}
