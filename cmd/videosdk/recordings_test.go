package main

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestMeetingRecordings(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)

	r := h.run("recordings", "start")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-room is required")
	assert.Contains(t, r.stderr, "Usage: videosdk recordings start")

	assert.Equal(t, "Started the meeting recording in room "+roomID+".\n", h.ok("recordings", "start", "-room", roomID))
	r = h.run("recordings", "start", "-room", roomID)
	assert.Equal(t, 1, r.code, "already recording: 409")
	assert.Contains(t, r.stderr, "409")
	golden(t, "recordings_list_running", h.ok("recordings", "list", "-room", roomID), srv)
	assert.JSONEq(t, `{"roomId":"`+roomID+`","stopped":true}`, h.ok("recordings", "stop", "-room", roomID, "-json"))
	golden(t, "recordings_list", h.ok("recordings", "list"), srv)

	var recs []videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json")), &recs))
	require.Len(t, recs, 1)
	golden(t, "recordings_get", h.ok("recordings", "get", recs[0].ID), srv)
	golden(t, "recordings_get_meeting", h.ok("recordings", "meeting", "get", recs[0].ID), srv)
	var rec videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "get", recs[0].ID, "-json")), &rec))
	assert.Equal(t, recs[0], rec)

	// -body carries what has no flag; flags win over it.
	r = h.runIn(context.Background(), `{"roomId":"ignored","config":{"layout":{"type":"SPOTLIGHT"}},"fileFormat":"mp4"}`,
		"recordings", "start", "-room", roomID, "-body", "-", "-format", "webm")
	require.Equal(t, 0, r.code, r.stderr)
	require.NoError(t, srv.EndSession(roomID))
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json", "-limit", "1")), &recs))
	assert.Equal(t, "webm", recs[0].File.Meta.Format)
	r = h.runIn(context.Background(), `{"config":{"layout":{"type":"CIRCLE"}}}`, "recordings", "start", "-room", roomID, "-body", "-")
	assert.Equal(t, 2, r.code, "the SDK refuses an unknown layout before sending")
}

func TestParticipantAndTrackRecordings(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)

	r := h.run("recordings", "participant", "start", "-room", roomID)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-participant is required")
	assert.Equal(t, "Started the participant recording in room "+roomID+".\n",
		h.ok("recordings", "participant", "start", "-room", roomID, "-participant", "asha-1", "-format", "mp4"))
	h.ok("recordings", "participant", "stop", "-room", roomID, "-participant", "asha-1")
	golden(t, "recordings_participant_list", h.ok("recordings", "participant", "list", "-participant", "asha-1"), srv)

	r = h.run("recordings", "track", "start", "-room", roomID, "-participant", "asha-1")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-track is required")
	h.ok("recordings", "track", "start", "-room", roomID, "-participant", "asha-1", "-track", "audio")
	h.ok("recordings", "track", "stop", "-room", roomID, "-participant", "asha-1", "-track", "audio")
	golden(t, "recordings_track_list", h.ok("recordings", "track", "list", "-room", roomID), srv)

	var tr []videosdk.TrackRecording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "track", "list", "-json")), &tr))
	require.Len(t, tr, 1)
	golden(t, "recordings_track_get", h.ok("recordings", "track", "get", tr[0].ID), srv)
	r = h.run("recordings", "track", "get", tr[0].ID+"x")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	r = h.run("recordings", "track", "start", "-room", roomID, "-participant", "asha-1", "-track", "smell")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `kind "smell" is not one of`)
}

// wait polls until the file exists: here the recording stops (the session
// ends) during the first pause between polls.
func TestRecordingsWait(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)
	h.ok("recordings", "start", "-room", roomID)
	var recs []videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json")), &recs))
	require.Len(t, recs, 1)

	var delays []time.Duration
	h.sleep = func(ctx context.Context, d time.Duration) error {
		delays = append(delays, d)
		if len(delays) == 3 {
			return srv.EndSession(roomID)
		}
		return nil
	}
	r := h.run("recordings", "wait", recs[0].ID)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []time.Duration{time.Second, 1500 * time.Millisecond, 2250 * time.Millisecond}, delays)
	assert.Equal(t, 3, strings.Count(r.stderr, "no file yet"))
	assert.Contains(t, r.stdout, "/cdn/uploads/videos/")

	// Participant recordings wait for their end and their files.
	require.NoError(t, srv.JoinAs(roomID, "asha-1", "Asha"))
	h.sleep = nil
	h.ok("recordings", "participant", "start", "-room", roomID, "-participant", "asha-1")
	var prs []videosdk.ParticipantRecording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "participant", "list", "-json")), &prs))
	var polls atomic.Int32
	h.sleep = func(ctx context.Context, d time.Duration) error {
		if polls.Add(1) == 2 {
			return srv.Leave(roomID, "asha-1")
		}
		return nil
	}
	r = h.run("recordings", "participant", "wait", prs[0].ID, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var pr videosdk.ParticipantRecording
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &pr))
	assert.NotNil(t, pr.End)
	assert.NotEmpty(t, pr.Files)
}

// The interval grows to 15 s; the wait ends at the timeout.
func TestRecordingsWaitIsBounded(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)
	h.ok("recordings", "start", "-room", roomID)
	var recs []videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json")), &recs))

	var waited time.Duration
	var last time.Duration
	h.sleep = func(ctx context.Context, d time.Duration) error {
		last = d
		waited += d
		if waited >= time.Minute {
			return context.DeadlineExceeded
		}
		return nil
	}
	r := h.run("recordings", "wait", recs[0].ID, "-timeout", "1m")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "no file after 1m0s")
	assert.Equal(t, 15*time.Second, last, "the interval is capped")

	// An id the API does not know gets a few tries, not a wait until the timeout.
	polls := 0
	h.sleep = func(context.Context, time.Duration) error { polls++; return nil }
	r = h.run("recordings", "wait", "6819d2dbccbe61526d9e5600")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	assert.Equal(t, waitNotFound-1, polls)

	// Ctrl-C ends the wait.
	h.sleep = func(ctx context.Context, _ time.Duration) error { return context.Canceled }
	r = h.run("recordings", "wait", recs[0].ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "context canceled")

	r = h.run("recordings", "wait", recs[0].ID, "-timeout", "0s")
	assert.Equal(t, 2, r.code)
}
