package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// finishedParticipantRecordings records asha-1 twice in roomID and returns
// the two recordings' ids, oldest first.
func finishedParticipantRecordings(t *testing.T, h *harness, roomID string) []string {
	t.Helper()
	for range 2 {
		h.ok("recordings", "participant", "start", "-room", roomID, "-participant", "asha-1")
		h.ok("recordings", "participant", "stop", "-room", roomID, "-participant", "asha-1")
	}
	var recs []videosdk.ParticipantRecording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "participant", "list", "-json")), &recs))
	require.Len(t, recs, 2)
	return []string{recs[1].ID, recs[0].ID}
}

func TestTranscodingsMerge(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)
	ids := finishedParticipantRecordings(t, h, roomID)

	r := h.run("transcodings", "merge")
	assert.Equal(t, 2, r.code, "the SDK refuses an empty recordingIds before sending")
	assert.Contains(t, r.stderr, "recordingIds is required")
	r = h.run("transcodings", "merge", "-recordings", ids[0]+","+ids[0])
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "twice")

	golden(t, "transcodings_merge", h.ok("transcodings", "merge", "-recordings", strings.Join(ids, ","), "-webhook-url", "https://hooks.example.com/t"), srv)
	var jobs []videosdk.Transcoding
	require.NoError(t, json.Unmarshal([]byte(h.ok("transcodings", "list", "-json")), &jobs))
	require.Len(t, jobs, 1)
	id := jobs[0].ID
	assert.Equal(t, ids, jobs[0].RecordingIDs)
	r = h.run("transcodings", "merge", "-recordings", ids[1]+","+ids[0])
	assert.Equal(t, 1, r.code, "the same recordings while the first runs: 409")
	assert.Contains(t, r.stderr, "409")

	// Each call moves the fake's clock by a second: the job completes.
	for range 5 {
		if strings.Contains(h.ok("transcodings", "get", id), "Status:          completed") {
			break
		}
	}
	require.NoError(t, srv.FlushWebhooks(context.Background()))
	golden(t, "transcodings_get", h.ok("transcodings", "get", id), srv)
	var got videosdk.Transcoding
	require.NoError(t, json.Unmarshal([]byte(h.ok("transcodings", "get", id, "-json")), &got))
	assert.Equal(t, videosdk.TranscodingStatusCompleted, got.Status)
	require.NotNil(t, got.File)
	require.NotNil(t, got.Webhook)
	assert.Equal(t, 2, got.Webhook.TotalCount, "started and completed, to a host the fake does not contact")

	// Cancel, then a cancelled job cannot be cancelled again.
	var again videosdk.Transcoding
	require.NoError(t, json.Unmarshal([]byte(h.ok("transcodings", "merge", "-recordings", ids[0], "-json")), &again))
	assert.Equal(t, videosdk.TranscodingStatusPending, again.Status)
	assert.Equal(t, "Cancelled transcoding "+again.ID+".\n", h.ok("transcodings", "cancel", again.ID))
	r = h.run("transcodings", "cancel", again.ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "409")
	r = h.run("transcodings", "cancel")
	assert.Equal(t, 2, r.code)
	golden(t, "transcodings_list", h.ok("transcodings", "list", "-room", roomID), srv)
	assert.Equal(t, 2, strings.Count(h.ok("transcodings", "list", "-status", "cancelled"), "\n"), "header and one job")
	r = h.run("transcodings", "list", "-status", "running")
	assert.Equal(t, 2, r.code, "not a transcoding status: refused before sending")

	// A watermark comes in -body; a misspelt field is refused.
	r = h.runIn(context.Background(), `{"watermark":{"type":"lat_long","lat":48.85,"long":2.35}}`,
		"transcodings", "merge", "-recordings", ids[1], "-body", "-", "-json")
	require.Equal(t, 0, r.code, r.stderr)
	r = h.runIn(context.Background(), `{"watermarks":{}}`, "transcodings", "merge", "-recordings", ids[1], "-body", "-")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `unknown field "watermarks"`)
}

func TestTranscodingsHLSToMP4AndMeetingRecordingMerge(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)
	h.ok("hls", "start", "-room", roomID)
	h.ok("hls", "stop", "-room", roomID)
	h.ok("recordings", "start", "-room", roomID)
	h.ok("recordings", "stop", "-room", roomID)
	var recs []videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json")), &recs))
	require.Len(t, recs, 1)

	r := h.run("transcodings", "hls-to-mp4")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "one of roomId, sessionId or hlsId is required")
	var hls videosdk.Transcoding
	require.NoError(t, json.Unmarshal([]byte(h.ok("transcodings", "hls-to-mp4", "-room", roomID, "-json")), &hls))
	assert.Equal(t, videosdk.TranscodingHLSToMP4, hls.Task)
	assert.NotEmpty(t, hls.HLSID)
	r = h.runIn(context.Background(), `{"storage":{"type":"ftp"}}`, "transcodings", "hls-to-mp4", "-hls", hls.HLSID, "-body", "-")
	assert.Equal(t, 2, r.code)

	const output = "https://bucket.example.com/out.mp4?sig=output-signature"
	out := h.ok("transcodings", "meeting-recording-merge", "-recordings", recs[0].ID, "-output-url", output)
	assert.Contains(t, out, "Task:            meeting-recording-merge")
	assert.Contains(t, out, "Recordings:      "+recs[0].ID)
	assert.NotContains(t, out, "output-signature")
	// A source read from a presigned URL comes in -body.
	r = h.runIn(context.Background(), `{"recordingIds":[{"id":"6819e0aa2c1e4a0013f0ab30","presignedUrl":"https://bucket.example.com/in.mp4?sig=abc"}]}`,
		"transcodings", "meeting-recording-merge", "-body", "-", "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var mrm videosdk.Transcoding
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &mrm))
	assert.Equal(t, []string{"6819e0aa2c1e4a0013f0ab30"}, mrm.RecordingIDs)
	r = h.run("transcodings", "meeting-recording-merge")
	assert.Equal(t, 2, r.code)
}
