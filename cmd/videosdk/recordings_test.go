package main

import (
	"context"
	"encoding/json"
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

	started := h.ok("recordings", "start", "-room", roomID)
	golden(t, "recordings_start", started, srv)
	r = h.run("recordings", "start", "-room", roomID)
	assert.Equal(t, 1, r.code, "already recording: 409")
	assert.Contains(t, r.stderr, "409")
	golden(t, "recordings_list_running", h.ok("recordings", "list", "-room", roomID), srv)
	assert.JSONEq(t, `{"roomId":"`+roomID+`","stopped":true}`, h.ok("recordings", "stop", "-room", roomID, "-json"))
	golden(t, "recordings_list", h.ok("recordings", "list"), srv)

	var recs []videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json")), &recs))
	require.Len(t, recs, 1)
	assert.Contains(t, started, "Started meeting recording "+recs[0].ID+" in room "+roomID+".", "start prints the id")
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
	assert.Equal(t, videosdk.FileFormatWebM, recs[0].File.Meta.Format)
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
	golden(t, "recordings_participant_start", h.ok("recordings", "participant", "start", "-room", roomID, "-participant", "asha-1", "-format", "mp4"), srv)
	h.ok("recordings", "participant", "stop", "-room", roomID, "-participant", "asha-1")
	golden(t, "recordings_participant_list", h.ok("recordings", "participant", "list", "-participant", "asha-1"), srv)

	r = h.run("recordings", "track", "start", "-room", roomID, "-participant", "asha-1")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-track is required")
	var started videosdk.StartResult
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "track", "start", "-room", roomID, "-participant", "asha-1", "-track", "audio", "-json")), &started))
	assert.Equal(t, roomID, started.RoomID)
	assert.Equal(t, "Track recording start accepted", started.Message)
	h.ok("recordings", "track", "stop", "-room", roomID, "-participant", "asha-1", "-track", "audio")
	golden(t, "recordings_track_list", h.ok("recordings", "track", "list", "-room", roomID), srv)

	var tr []videosdk.TrackRecording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "track", "list", "-json")), &tr))
	require.Len(t, tr, 1)
	assert.Equal(t, started.ID, tr[0].ID, "-json prints the id")
	golden(t, "recordings_track_get", h.ok("recordings", "track", "get", tr[0].ID), srv)
	r = h.run("recordings", "track", "get", tr[0].ID+"x")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	r = h.run("recordings", "track", "start", "-room", roomID, "-participant", "asha-1", "-track", "smell")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `kind "smell" is not one of`)
}

// wait returns the recording once its file exists, through the SDK's
// WaitForFile: here at once for a stopped recording (the fake has its file
// at the stop), and after a few polls for one stopped while waiting.
func TestRecordingsWait(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.clientOpts = []videosdk.Option{videosdk.WithWaiterDelay(time.Millisecond, time.Millisecond)}
	roomID, _ := liveRoom(t, srv, h)
	var started videosdk.StartResult
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "start", "-room", roomID, "-json")), &started))
	h.ok("recordings", "stop", "-room", roomID, "-id", started.ID)

	r := h.run("recordings", "wait", started.ID)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "/cdn/uploads/videos/")
	assert.Equal(t, "Waiting for the file of meeting recording "+started.ID+" (at most 15m0s)...\n", r.stderr)
	assert.Equal(t, 1, srv.Requests("GET", "/v2/recordings/"+started.ID), "done on the first poll")

	// A participant recording that stops while the tool waits.
	require.NoError(t, srv.JoinAs(roomID, "ravi-1", "Ravi"))
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "participant", "start", "-room", roomID, "-participant", "ravi-1", "-json")), &started))
	path := "/v2/recordings/participant/" + started.ID
	go func() {
		for srv.Requests("GET", path) < 3 {
			time.Sleep(time.Millisecond)
		}
		_ = srv.Leave(roomID, "ravi-1")
	}()
	r = h.run("recordings", "participant", "wait", started.ID, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var pr videosdk.ParticipantRecording
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &pr))
	assert.NotNil(t, pr.End)
	assert.NotEmpty(t, pr.Files)
	assert.GreaterOrEqual(t, srv.Requests("GET", path), 3)
}

// wait ends at -timeout, on a recording the API does not know after a few
// polls, and on Ctrl-C.
func TestRecordingsWaitIsBounded(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.clientOpts = []videosdk.Option{videosdk.WithWaiterDelay(time.Millisecond, time.Millisecond)}
	roomID, _ := liveRoom(t, srv, h)
	var started videosdk.StartResult
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "start", "-room", roomID, "-json")), &started))

	r := h.run("recordings", "wait", started.ID, "-timeout", "30ms")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "no file after 30ms")

	// An id the API does not know gets a few polls, not a wait until the timeout.
	const unknown = "6819d2dbccbe61526d9e5600"
	r = h.run("recordings", "wait", unknown)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "404")
	// 404s are counted under the endpoint's pattern (the fake keeps no key
	// per unknown id); only this wait asked for an unknown id.
	assert.Equal(t, 6, srv.Requests("GET", "/v2/recordings/{id}"), "five polls of grace, then the error")

	// Ctrl-C ends the wait.
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for srv.Requests("GET", "/v2/recordings/"+started.ID) < 2 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	r = h.runIn(ctx, "", "recordings", "wait", started.ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "context canceled")

	r = h.run("recordings", "wait", started.ID, "-timeout", "0s")
	assert.Equal(t, 2, r.code)
}

// start -wait finds the recording it started (the API answers a sentence:
// FindStarted lists the room's) and then waits for its file (WaitForFile);
// -timeout bounds the wait.
func TestRecordingsStartWait(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	h.clientOpts = []videosdk.Option{videosdk.WithWaiterDelay(time.Millisecond, time.Millisecond)}
	roomID, _ := liveRoom(t, srv, h)
	require.NoError(t, srv.JoinAs(roomID, "ravi-1", "Ravi"))
	go func() { // Ravi leaves while the tool waits: his recording stops
		for srv.Requests("GET", "/v2/recordings/participant/*") < 2 {
			time.Sleep(time.Millisecond)
		}
		_ = srv.Leave(roomID, "ravi-1")
	}()
	r := h.run("recordings", "participant", "start", "-room", roomID, "-participant", "ravi-1", "-wait", "-json")
	require.Equal(t, 0, r.code, r.stderr)
	var pr videosdk.ParticipantRecording
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &pr))
	assert.Equal(t, "ravi-1", pr.ParticipantID)
	assert.NotNil(t, pr.End)
	assert.NotEmpty(t, pr.Files)
	assert.Contains(t, r.stderr, "Waiting for the file of participant recording "+pr.ID)
	assert.Equal(t, 1, srv.Requests("GET", "/v2/recordings/participant"), "one list found it")

	r = h.run("recordings", "start", "-room", roomID, "-wait", "-timeout", "30ms")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "no file after 30ms")
	r = h.run("recordings", "start", "-room", roomID, "-wait", "-timeout", "0s")
	assert.Equal(t, 2, r.code)
}

// TestRecordingsStopNamesTheID: after stopping a recording by its id, the
// hint to wait for its file names that id, not a literal "ID".
func TestRecordingsStopNamesTheID(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)
	var started videosdk.StartResult
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "start", "-room", roomID, "-json")), &started))
	out := h.ok("recordings", "stop", "-room", roomID, "-id", started.ID)
	assert.Contains(t, out, "videosdk recordings wait "+started.ID)
	assert.NotContains(t, out, "wait ID")
}
