package videosdktest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// verifyAll checks every delivery's signature over its exact body.
func verifyAll(t *testing.T, srv *Server, rs []received) {
	t.Helper()
	for _, g := range rs {
		require.NoError(t, videosdk.VerifyWebhookSignature(g.body, g.sig, srv.WebhookPublicKey()), "%s %s", g.path, g.typ)
	}
}

// Transcodings send composite-merge-* to their webhookUrl at each step of
// their lifecycle, rooms never get them, and Get sums up the deliveries.
func TestWebhookTranscodingEvents(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	rc, failing := newReceiver(t), newReceiver(t)
	failing.status = http.StatusInternalServerError
	roomID := hookedRoom(t, srv, rc.URL+"/room", "*")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	p1, err := srv.Join(roomID, "Asha")
	require.NoError(t, err)
	p2, err := srv.Join(roomID, "Ravi")
	require.NoError(t, err)
	ids := participantRecordings(t, srv, clock, roomID, time.Minute, p1, p2)

	id := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids, "webhookUrl": rc.URL + "/merge"})["id"].(string)
	flush(t, srv)
	assert.Empty(t, rc.at("/merge"), "pending: nothing yet")
	clock.add(time.Second)
	flush(t, srv) // moves the job along like a read, then waits
	assert.Equal(t, []string{"composite-merge-started"}, types(rc.at("/merge")))
	clock.add(2 * time.Second)
	flush(t, srv)
	got := rc.at("/merge")
	assert.Equal(t, []string{"composite-merge-started", "composite-merge-completed"}, types(got))
	verifyAll(t, srv, got)
	for _, g := range got {
		assert.Equal(t, map[string]any{"id": id, "meetingId": roomID, "sessionId": sessionID}, g.data, g.typ)
		ev, err := videosdk.ParseWebhook(g.body, g.sig, srv.WebhookPublicKey())
		require.NoError(t, err)
		assert.Equal(t, id, ev.Data.ID)
	}
	assert.Equal(t, map[string]any{"totalCount": 2.0, "successCount": 2.0, "data": []any{
		map[string]any{"type": "composite-merge-started", "success": true},
		map[string]any{"type": "composite-merge-completed", "success": true},
	}}, ok(t, srv, "GET", "/v2/transcodings/"+id, nil)["webhook"])

	// Cancelled while pending: only -cancelled, and the receiver's 500 is a failed delivery.
	again := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids, "webhookUrl": failing.URL + "/merge"})["id"].(string)
	ok(t, srv, "POST", "/v2/transcodings/"+again+"/cancel", nil)
	clock.add(time.Hour)
	flush(t, srv)
	assert.Equal(t, []string{"composite-merge-cancelled"}, types(failing.at("/merge")))
	assert.Equal(t, again, failing.at("/merge")[0].data["id"])
	assert.Equal(t, map[string]any{"totalCount": 1.0, "successCount": 0.0, "data": []any{
		map[string]any{"type": "composite-merge-cancelled", "success": false},
	}}, ok(t, srv, "GET", "/v2/transcodings/"+again, nil)["webhook"])

	// Cancelled while processing: started, then cancelled.
	third := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids[:1], "webhookUrl": rc.URL + "/third"})["id"].(string)
	clock.add(1500 * time.Millisecond)
	ok(t, srv, "POST", "/v2/transcodings/"+third+"/cancel", nil)
	flush(t, srv)
	assert.Equal(t, []string{"composite-merge-started", "composite-merge-cancelled"}, types(rc.at("/third")))

	// No webhookUrl, no deliveries; the summary is empty.
	quiet := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": ids[1:]})["id"].(string)
	clock.add(time.Hour)
	flush(t, srv)
	assert.Equal(t, map[string]any{"totalCount": 0.0, "successCount": 0.0, "data": []any{}},
		ok(t, srv, "GET", "/v2/transcodings/"+quiet, nil)["webhook"])

	// The room subscribed to everything but gets no transcoding event.
	for _, g := range rc.at("/room") {
		assert.False(t, strings.HasPrefix(g.typ, "composite-merge-"), g.typ)
	}
	assert.Len(t, srv.Deliveries(), len(rc.got)+len(failing.got))
}

// Realtime transcriptions send transcription-started and -stopped (type
// realtime) to the start's webhookUrl and to subscribed rooms.
func TestWebhookRealtimeTranscriptionEvents(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "transcription-*")
	other := hookedRoom(t, srv, rc.URL+"/other", "recording-*", "session-*")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	_, err = srv.StartSession(other)
	require.NoError(t, err)

	const start, end = "/ai/v1/realtime-transcriptions/start", "/ai/v1/realtime-transcriptions/end"
	first := ok(t, srv, "POST", start, map[string]any{"roomId": roomID, "webhookUrl": rc.URL + "/rt"})["id"].(string)
	ok(t, srv, "POST", end, map[string]any{"roomId": roomID})
	second := ok(t, srv, "POST", start, map[string]any{"roomId": roomID})["id"].(string)
	ok(t, srv, "POST", start, map[string]any{"roomId": other, "webhookUrl": rc.URL + "/other-rt"})
	require.NoError(t, srv.EndSession(roomID)) // completes the second
	require.NoError(t, srv.EndSession(other))
	flush(t, srv)

	data := func(id, session string) map[string]any {
		return map[string]any{"id": id, "type": "realtime", "meetingId": roomID, "sessionId": session}
	}
	rt := rc.at("/rt")
	assert.Equal(t, []string{"transcription-started", "transcription-stopped"}, types(rt))
	for _, g := range rt {
		assert.Equal(t, data(first, sessionID), g.data)
	}
	room := rc.at("/room")
	assert.Equal(t, []string{"transcription-started", "transcription-stopped", "transcription-started", "transcription-stopped"}, types(room))
	assert.Equal(t, data(first, sessionID), room[1].data)
	assert.Equal(t, data(second, sessionID), room[3].data, "stopped by the session's end")
	verifyAll(t, srv, append(rt, room...))

	// The other room did not subscribe to transcription events; its start's webhookUrl gets them.
	assert.Equal(t, []string{"session-started", "session-ended"}, types(rc.at("/other")))
	assert.Equal(t, []string{"transcription-started", "transcription-stopped"}, types(rc.at("/other-rt")))
	ev, err := videosdk.ParseWebhook(rt[0].body, rt[0].sig, srv.WebhookPublicKey())
	require.NoError(t, err)
	assert.Equal(t, videosdk.WebhookDataRealtime, ev.Data.Type)
	assert.Equal(t, roomID, ev.Data.RoomID)
}

// A post transcription sends transcription-started (type post) to its
// room's webhook when the recording that asked for it ends, after the
// recording's -stopped events, and transcription-stopped when it completes.
func TestWebhookPostTranscriptionEvents(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	rc := newReceiver(t)
	roomID := hookedRoom(t, srv, rc.URL+"/room", "recording-stopped", "transcription-started", "transcription-stopped")
	quiet := hookedRoom(t, srv, rc.URL+"/quiet", "recording-stopped")
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	_, err = srv.StartSession(quiet)
	require.NoError(t, err)
	for _, r := range []string{roomID, quiet} {
		action(t, srv, "POST", "/v2/recordings/start", map[string]any{"roomId": r, "webhookUrl": rc.URL + "/rec-" + r,
			"transcription": map[string]any{"enabled": true}})
	}
	clock.add(time.Minute)
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": quiet})
	flush(t, srv)
	assert.Equal(t, []string{"recording-stopped", "transcription-started"}, types(rc.at("/room")))

	clock.add(2 * time.Second)
	flush(t, srv)
	room := rc.at("/room")
	assert.Equal(t, []string{"recording-stopped", "transcription-started", "transcription-stopped"}, types(room))
	post := ok(t, srv, "GET", "/ai/v1/post-transcriptions?roomId="+roomID, nil)["transcriptions"].([]any)[0].(map[string]any)
	assert.Equal(t, "completed", post["status"])
	for _, g := range room[1:] {
		assert.Equal(t, map[string]any{"id": post["id"], "type": "post", "meetingId": roomID, "sessionId": sessionID}, g.data, g.typ)
	}
	verifyAll(t, srv, room)

	// Not to the recording's webhookUrl, nor to a room that did not subscribe.
	assert.Equal(t, []string{"recording-starting", "recording-started", "recording-stopping", "recording-stopped"}, types(rc.at("/rec-"+roomID)))
	assert.Equal(t, []string{"recording-stopped"}, types(rc.at("/quiet")))

	// Sent once: later reads do not send them again.
	ok(t, srv, "GET", "/ai/v1/post-transcriptions/"+post["id"].(string), nil)
	flush(t, srv)
	assert.Len(t, rc.at("/room"), 3)
}
