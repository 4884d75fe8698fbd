package videosdktest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// Under multiComposition two recordings (and two livestreams) run in one
// room; a stop with the id a start answered ends exactly that one.
func TestStopByStartedID(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID := ok(t, srv, "POST", "/v2/rooms", map[string]any{"multiComposition": map[string]any{"recording": true, "rtmp": true}})["roomId"].(string)
	_, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	out := []any{map[string]any{"url": "rtmp://live.example.net/app", "streamKey": "k"}}
	for _, kind := range []struct{ start, stop, item string }{
		{"/v2/recordings/start", "/v2/recordings/end", "/v2/recordings/"},
		{"/v2/livestreams/start", "/v2/livestreams/end", "/v2/livestreams/"},
	} {
		body := map[string]any{"roomId": roomID, "outputs": out}
		if kind.start == "/v2/recordings/start" {
			body = map[string]any{"roomId": roomID}
		}
		first, second := started(t, srv, kind.start, body), started(t, srv, kind.start, body)
		require.NotEqual(t, first, second)
		action(t, srv, "POST", kind.stop, map[string]any{"roomId": roomID, "id": second})
		assert.NotNil(t, ok(t, srv, "GET", kind.item+second, nil)["end"], "%s: the one named stopped", kind.item)
		assert.Nil(t, ok(t, srv, "GET", kind.item+first, nil)["end"], "%s: the other runs on", kind.item)
		fails(t, srv, 400, "POST", kind.stop, map[string]any{"roomId": roomID, "id": second})
		action(t, srv, "POST", kind.stop, map[string]any{"roomId": roomID, "id": first})
		assert.NotNil(t, ok(t, srv, "GET", kind.item+first, nil)["end"])
	}
}

// WithProcessingDelay: a stopped recording of every kind has its end at
// once and its file (and its stopped webhook) only after the delay, stamped
// when it was due; a merge runs for the delay.
func TestProcessingDelay(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(10*time.Second))
	t.Cleanup(srv.Close)
	roomID, sessionID, asha := liveRoom(t, srv)
	stopAt := clock.now().Add(time.Minute)
	ids := map[string]string{
		"/v2/recordings/": started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID}),
		"/v2/recordings/participant/": started(t, srv, "/v2/recordings/participant/start",
			map[string]any{"roomId": roomID, "participantId": asha}),
		"/v2/recordings/participant/track/": started(t, srv, "/v2/recordings/participant/track/start",
			map[string]any{"roomId": roomID, "participantId": asha, "kind": "audio"}),
		"/v2/recordings/composite/": ok(t, srv, "POST", "/v2/recordings/composite/start", map[string]any{"roomId": roomID})["recordingId"].(string),
	}
	clock.add(time.Minute)
	require.NoError(t, srv.EndSession(roomID))

	hasFile := func(prefix string) bool {
		item := ok(t, srv, "GET", prefix+ids[prefix], nil)
		require.NotNil(t, item["end"], prefix)
		if files, ok := item["files"].([]any); ok {
			return len(files) > 0
		}
		return item["file"] != nil
	}
	for prefix := range ids {
		assert.False(t, hasFile(prefix), "%s: processing right after the stop", prefix)
	}
	clock.add(10*time.Second - time.Millisecond)
	for prefix := range ids {
		assert.False(t, hasFile(prefix), "%s: still processing", prefix)
	}
	clock.add(time.Hour) // read late: the file is stamped when it was due
	for prefix := range ids {
		assert.True(t, hasFile(prefix), "%s: processed", prefix)
	}
	rec := ok(t, srv, "GET", "/v2/recordings/"+ids["/v2/recordings/"], nil)
	assert.Equal(t, iso(stopAt), rec["end"])
	assert.Equal(t, iso(stopAt.Add(10*time.Second)), rec["file"].(map[string]any)["createdAt"])
	status, _ := fetch(t, rec["file"].(map[string]any)["fileUrl"].(string))
	assert.Equal(t, 200, status)

	// A merge of the now finished recordings runs for the delay.
	_, err := srv.Join(roomID, "Ravi")
	require.NoError(t, err)
	merge := func() map[string]any {
		return ok(t, srv, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID,
			"channel1": []any{map[string]any{"participantId": asha}}, "channel2": []any{map[string]any{"participantId": asha}}})["recording"].(map[string]any)
	}
	m := merge()
	created := clock.now()
	clock.add(9 * time.Second)
	assert.Equal(t, "running", ok(t, srv, "GET", "/v2/recordings/participant/merge/"+m["id"].(string), nil)["status"])
	clock.add(5 * time.Second)
	done := ok(t, srv, "GET", "/v2/recordings/participant/merge/"+m["id"].(string), nil)
	assert.Equal(t, "completed", done["status"])
	assert.Equal(t, iso(created.Add(10*time.Second)), done["end"])
	assert.NotNil(t, done["file"])
}

// By default background work takes 500 ms on the fake's clock: a stopped
// recording has no file yet and a transcoding can be cancelled, as the docs
// show; once the time has passed everything is done. WithProcessingDelay(0)
// makes it done by the next request.
func TestProcessingTimeByDefault(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	roomID, _, _ := liveRoom(t, srv)
	id := started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID, "transcription": map[string]any{"enabled": true}})
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	rec := ok(t, srv, "GET", "/v2/recordings/"+id+"?withTranscription=true", nil)
	assert.Nil(t, rec["file"], "processing")
	hlsRoom, _, _ := liveRoom(t, srv)
	hls := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": hlsRoom})
	action(t, srv, "POST", "/v2/hls/end", map[string]any{"roomId": hlsRoom})
	tr := ok(t, srv, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hls["id"]})
	assert.Equal(t, "pending", tr["status"], "the create answer")
	cancelled := ok(t, srv, "POST", "/v2/transcodings/"+tr["id"].(string)+"/cancel", nil)
	assert.Equal(t, "cancelled", cancelled["status"], "the documented create-then-cancel")
	tr2 := ok(t, srv, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hls["id"]})

	clock.add(499 * time.Millisecond)
	assert.Nil(t, ok(t, srv, "GET", "/v2/recordings/"+id, nil)["file"])
	assert.Equal(t, "processing", ok(t, srv, "GET", "/v2/transcodings/"+tr2["id"].(string), nil)["status"])
	clock.add(time.Millisecond)
	rec = ok(t, srv, "GET", "/v2/recordings/"+id+"?withTranscription=true", nil)
	assert.NotNil(t, rec["file"])
	assert.Equal(t, "running", rec["transcription"].(map[string]any)["status"], "transcribed once the file exists")
	assert.Equal(t, "completed", ok(t, srv, "GET", "/v2/transcodings/"+tr2["id"].(string), nil)["status"])
	clock.add(500 * time.Millisecond)
	rec = ok(t, srv, "GET", "/v2/recordings/"+id+"?withTranscription=true", nil)
	assert.Equal(t, "completed", rec["transcription"].(map[string]any)["status"])

	instant := NewServer(WithClock(clock.now), WithProcessingDelay(0))
	t.Cleanup(instant.Close)
	roomID, _, _ = liveRoom(t, instant)
	id = started(t, instant, "/v2/recordings/start", map[string]any{"roomId": roomID})
	action(t, instant, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	assert.NotNil(t, ok(t, instant, "GET", "/v2/recordings/"+id, nil)["file"], "done by the next request")
}

// On a default fake (real clock), create-then-cancel answers 200
// "cancelled", and FlushWebhooks waits out the processing so the events of
// finished work are delivered.
func TestDefaultFakeCancelAndFlush(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "recording-*")
	_, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	require.NoError(t, srv.EndSession(roomID))
	hlsRoom, _, _ := liveRoom(t, srv)
	hls := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": hlsRoom})
	action(t, srv, "POST", "/v2/hls/end", map[string]any{"roomId": hlsRoom})
	tr := ok(t, srv, "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hls["id"]})
	assert.Equal(t, "cancelled", ok(t, srv, "POST", "/v2/transcodings/"+tr["id"].(string)+"/cancel", nil)["status"])

	flush(t, srv)
	assert.Equal(t, []string{"recording-starting", "recording-started", "recording-stopping", "recording-stopped"}, types(rc.at("/room")))
	recs := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)
	assert.Contains(t, recs[0], "file")
}

func TestFailJob(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithProcessingDelay(time.Minute))
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID, sessionID, asha := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": asha})
	recID := started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID, "transcription": map[string]any{"enabled": true}})
	clock.add(time.Minute)
	require.NoError(t, srv.EndSession(roomID))
	clock.add(time.Minute) // the files exist, the transcription starts

	m := ok(t, srv, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID, "webhookUrl": rc.URL + "/merge",
		"channel1": []any{map[string]any{"participantId": asha}}, "channel2": []any{map[string]any{"participantId": asha}}})["recording"].(map[string]any)
	mergeID := m["id"].(string)
	require.NoError(t, srv.FailJob(mergeID, "channel2: no audio"))
	failed := ok(t, srv, "GET", "/v2/recordings/participant/merge/"+mergeID, nil)
	assert.Equal(t, "failed", failed["status"])
	assert.Equal(t, "channel2: no audio", failed["message"])
	assert.Equal(t, iso(clock.now()), failed["end"])
	assert.NotContains(t, failed, "file")
	flush(t, srv)
	hooks := rc.at("/merge")
	require.Len(t, hooks, 1)
	assert.Equal(t, "merge-recording-failed", hooks[0].typ)
	assert.Equal(t, map[string]any{"id": mergeID, "meetingId": roomID, "sessionId": sessionID, "message": "channel2: no audio"}, hooks[0].data)
	clock.add(time.Hour)
	assert.Equal(t, "failed", ok(t, srv, "GET", "/v2/recordings/participant/merge/"+mergeID, nil)["status"], "a failed merge stays failed")

	tr := ok(t, srv, "POST", "/v2/transcodings/meeting-recording-merge", map[string]any{"recordingIds": []string{recID}})["id"].(string)
	require.NoError(t, srv.FailJob(tr, "decoder error"))
	got := ok(t, srv, "GET", "/v2/transcodings/"+tr, nil)
	assert.Equal(t, "failed", got["status"])
	assert.Equal(t, "decoder error", got["message"])
	assert.Equal(t, iso(clock.now()), got["stoppedAt"])
	assert.NotContains(t, got, "file")

	posts := ok(t, srv, "GET", "/ai/v1/post-transcriptions", nil)["transcriptions"].([]any)
	require.Len(t, posts, 1)
	postID := posts[0].(map[string]any)["id"].(string)
	assert.Error(t, srv.FailJob(postID, "x"), "completed by now")

	// A transcription still running fails; a failed one has no files.
	room2, _, _ := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": room2, "transcription": map[string]any{"enabled": true}})
	require.NoError(t, srv.EndSession(room2))
	clock.add(time.Minute)
	posts = ok(t, srv, "GET", "/ai/v1/post-transcriptions?roomId="+room2, nil)["transcriptions"].([]any)
	require.Len(t, posts, 1)
	postID = posts[0].(map[string]any)["id"].(string)
	assert.Equal(t, "running", posts[0].(map[string]any)["status"])
	require.NoError(t, srv.FailJob(postID, ""))
	post := ok(t, srv, "GET", "/ai/v1/post-transcriptions/"+postID, nil)
	assert.Equal(t, "failed", post["status"])
	assert.NotContains(t, post, "transcriptionFilePaths")

	assert.Error(t, srv.FailJob(mergeID, "again"), "already failed")
	assert.Error(t, srv.FailJob(tr, "again"))
	assert.Error(t, srv.FailJob("000000000000000000000000", "x"), "unknown id")
}

// FailJob fails meeting, participant and track recordings — running, or
// stopped and still processing — with their signed -failed webhooks, and
// their webhook summary lists the failure.
func TestFailJobRecordings(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "*-failed")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(roomID, "asha", "Asha"))
	recID := started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID, "webhookUrl": rc.URL + "/rec"})
	partID := started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": "asha"})
	trackID := started(t, srv, "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": "asha", "kind": "video"})

	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID}) // stopped, processing
	require.NoError(t, srv.FailJob(recID, "upload failed"))
	require.NoError(t, srv.FailJob(partID, "encoder crashed")) // still running
	require.NoError(t, srv.FailJob(trackID, ""))
	clock.add(time.Hour)
	flush(t, srv)

	rec := ok(t, srv, "GET", "/v2/recordings/"+recID, nil)
	assert.NotContains(t, rec, "file", "a failed recording never gets its file")
	assert.Regexp(t, isoRe, rec["end"])
	assert.Contains(t, fmt.Sprint(rec["webhook"]), "recording-failed", "the webhook summary lists the failure")
	part := ok(t, srv, "GET", "/v2/recordings/participant/"+partID, nil)
	assert.Regexp(t, isoRe, part["end"], "a failed recording has ended")
	assert.Empty(t, part["files"])
	assert.Contains(t, fmt.Sprint(part["webhook"]), "participant-recording-failed")

	key := srv.WebhookPublicKey()
	byPath := map[string][]string{}
	for _, path := range []string{"/rec", "/room"} {
		for _, g := range rc.at(path) {
			require.NoError(t, videosdk.VerifyWebhookSignature(g.body, g.sig, key), g.typ)
			byPath[path] = append(byPath[path], g.typ)
		}
	}
	assert.Equal(t, []string{"recording-starting", "recording-started", "recording-failed"}, byPath["/rec"])
	assert.Equal(t, []string{"recording-failed", "participant-recording-failed", "participant-track-recording-failed"}, byPath["/room"])
	room := rc.at("/room")
	assert.Equal(t, map[string]any{"id": recID, "meetingId": roomID, "sessionId": sessionID, "message": "upload failed"}, room[0].data)
	assert.Equal(t, map[string]any{"meetingId": roomID, "sessionId": sessionID, "participantId": "asha"}, room[1].data)
	assert.Equal(t, map[string]any{"meetingId": roomID, "sessionId": sessionID, "participantId": "asha", "kind": "video"}, room[2].data)

	assert.Error(t, srv.FailJob(recID, "again"), "already failed")
	id := started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	clock.add(time.Second)
	assert.Contains(t, ok(t, srv, "GET", "/v2/recordings/"+id, nil), "file")
	assert.Error(t, srv.FailJob(id, "late"), "a recording with its file has ended")
}
