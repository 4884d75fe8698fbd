package videosdk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// docServer is an httptest server that answers as the API reference
// documents and nothing more: every start is a JSON string (SPEC §5.1, §6.1,
// §8.1, §9.1), lists are {"pageInfo","data"} of the documented objects, in
// its own clock (offset from the real one) with a Date header from it. Jobs
// become visible to lists only after listDelay lists, as a job the API is
// still creating.
type docServer struct {
	mu        sync.Mutex
	offset    time.Duration // the server's clock minus the real one
	noDate    bool          // answer without a Date header
	listDelay int           // lists that do not show a just-started job yet
	lists     map[string]int
	queries   []string
	jobs      map[string][]map[string]any // list path → items, oldest first
	byID      map[string]map[string]any
	seq       int
}

func newDocServer(t *testing.T, offset time.Duration) (*docServer, *Client) {
	t.Helper()
	d := &docServer{offset: offset, lists: map[string]int{}, jobs: map[string][]map[string]any{}, byID: map[string]map[string]any{}}
	ts := httptest.NewServer(http.HandlerFunc(d.serve))
	t.Cleanup(ts.Close)
	c, err := NewClient("key", "secret", WithBaseURL(ts.URL), WithHTTPClient(ts.Client()), withSleep((&testutil.Waits{}).Sleep))
	require.NoError(t, err)
	return d, c
}

func (d *docServer) now() time.Time { return time.Now().Add(d.offset).UTC() }

// add records a job of list path that started at start (server clock).
func (d *docServer) add(path string, start time.Time, fields map[string]any) string {
	d.seq++
	id := fmt.Sprintf("6819e1c42c1e4a0013f0%04x", d.seq)
	item := map[string]any{"id": id, "roomId": "tq7v-m2xk-9hdp", "sessionId": "6819d4a02c1e4a0013f0aa10",
		"start": start.Format("2006-01-02T15:04:05.000Z"), "end": nil}
	for k, v := range fields {
		item[k] = v
	}
	d.jobs[path] = append(d.jobs[path], item)
	d.byID[id] = item
	return id
}

var docStarts = map[string]struct {
	list, sentence string
	fields         func(body map[string]any) map[string]any
}{
	"/v2/recordings/start": {"/v2/recordings", "Recording start accepted", func(map[string]any) map[string]any {
		return map[string]any{"createdAt": nil}
	}},
	"/v2/recordings/participant/start": {"/v2/recordings/participant", "Participant recording start accepted", func(b map[string]any) map[string]any {
		return map[string]any{"participantId": b["participantId"], "kind": "audio_video", "mode": "participant", "files": []any{}}
	}},
	"/v2/recordings/participant/track/start": {"/v2/recordings/participant/track", "Track recording start accepted", func(b map[string]any) map[string]any {
		return map[string]any{"participantId": b["participantId"], "kind": b["kind"], "mode": "track", "files": []any{}}
	}},
	"/v2/livestreams/start": {"/v2/livestreams", "RTMP output start accepted", func(b map[string]any) map[string]any {
		return map[string]any{"outputs": b["outputs"]}
	}},
}

func (d *docServer) serve(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.noDate {
		w.Header().Set("Date", d.now().Format(http.TimeFormat))
	} else {
		w.Header()["Date"] = nil // net/http adds none then
	}
	w.Header().Set("Content-Type", "application/json")
	if st, ok := docStarts[r.URL.Path]; ok && r.Method == "POST" {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		item := st.fields(body)
		d.add(st.list, d.now(), item)
		d.lists[st.list] = d.listDelay
		_ = json.NewEncoder(w).Encode(st.sentence)
		return
	}
	if items, ok := d.jobs[r.URL.Path]; ok || r.URL.Path == "/v2/recordings" {
		d.queries = append(d.queries, r.URL.RawQuery)
		visible := items
		if d.lists[r.URL.Path] > 0 { // the newest is not listed yet
			d.lists[r.URL.Path]--
			visible = items[:len(items)-1]
		}
		data := make([]any, 0, len(visible))
		for i := len(visible) - 1; i >= 0; i-- { // newest first
			data = append(data, visible[i])
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"pageInfo": map[string]any{"currentPage": 1, "perPage": 50, "lastPage": 1, "total": len(data)}, "data": data})
		return
	}
	for _, prefix := range []string{"/v2/recordings/", "/v2/livestreams/"} {
		if len(r.URL.Path) > len(prefix) && r.URL.Path[:len(prefix)] == prefix {
			if item, ok := d.byID[r.URL.Path[len(prefix):]]; ok {
				_ = json.NewEncoder(w).Encode(item)
				return
			}
		}
	}
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`{"message":"not found"}`))
}

// Against a server that answers the documented strings only, each
// FindStarted finds the job its Start started — polling until the list
// shows it, skipping an older job of the same room and jobs of other
// participants and tracks — and WaitForFile then waits on its id.
func TestFindStartedAgainstDocumentedAnswers(t *testing.T) {
	t.Parallel()
	const room, asha, ravi = "tq7v-m2xk-9hdp", "p8x2kq1z", "h3n7w0cd"
	for _, skewed := range []time.Duration{0, -time.Hour, 3 * time.Hour} {
		t.Run(fmt.Sprint("server clock ", skewed), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			d, c := newDocServer(t, skewed)
			d.listDelay = 2
			// Older jobs: before the Start call by more than the allowance.
			old := d.now().Add(-2 * FindStartedSkew)
			d.add("/v2/recordings", old, nil)
			d.add("/v2/recordings/participant", old, map[string]any{"participantId": asha})
			d.add("/v2/livestreams", old, nil)

			res, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: room})
			require.NoError(t, err)
			assert.Empty(t, res.ID)
			assert.Equal(t, "Recording start accepted", res.Message)
			rec, err := c.Recordings.FindStarted(ctx, res)
			require.NoError(t, err)
			assert.Equal(t, d.jobs["/v2/recordings"][1]["id"], rec.ID, "the new recording, not the old one")
			assert.Equal(t, 3, len(d.queries), "polled until listed")
			assert.Equal(t, "page=1&perPage=50&roomId="+room, d.queries[0])

			// Ravi's recording starts after Asha's: filtered out by participant.
			res, err = c.ParticipantRecordings.Start(ctx, StartParticipantRecordingParams{RoomID: room, ParticipantID: asha})
			require.NoError(t, err)
			d.add("/v2/recordings/participant", d.now(), map[string]any{"participantId": ravi})
			d.lists["/v2/recordings/participant"] = 0
			pr, err := c.ParticipantRecordings.FindStarted(ctx, res)
			require.NoError(t, err)
			assert.Equal(t, asha, pr.ParticipantID)
			assert.Equal(t, d.jobs["/v2/recordings/participant"][1]["id"], pr.ID)
			assert.Contains(t, d.queries[len(d.queries)-1], "participantId="+asha)

			// Two tracks of Ravi: the kind picks the one started.
			res, err = c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: room, ParticipantID: ravi, Kind: TrackKindAudio})
			require.NoError(t, err)
			d.add("/v2/recordings/participant/track", d.now(), map[string]any{"participantId": ravi, "kind": "video"})
			d.lists["/v2/recordings/participant/track"] = 0
			tr, err := c.TrackRecordings.FindStarted(ctx, res)
			require.NoError(t, err)
			assert.Equal(t, TrackKindAudio, tr.Kind)
			assert.Equal(t, d.jobs["/v2/recordings/participant/track"][0]["id"], tr.ID)

			res, err = c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "k"}}})
			require.NoError(t, err)
			ls, err := c.Livestreams.FindStarted(ctx, res)
			require.NoError(t, err)
			assert.Equal(t, d.jobs["/v2/livestreams"][1]["id"], ls.ID)

			// The found id drives the waiter.
			d.mu.Lock()
			d.byID[rec.ID]["end"] = d.now().Format("2006-01-02T15:04:05.000Z")
			d.byID[rec.ID]["file"] = map[string]any{"id": "6819e0552c1e4a0013f0ab21", "type": "video", "fileUrl": "https://cdn.videosdk.live/x.mp4"}
			d.mu.Unlock()
			done, err := c.Recordings.WaitForFile(ctx, rec.ID)
			require.NoError(t, err)
			assert.Equal(t, "https://cdn.videosdk.live/x.mp4", done.File.FileURL)
		})
	}
}

// Without the Date header the client's clock is all FindStarted has: a
// server clock an hour behind hides the job (until ctx ends), which the
// header's correction finds (see above).
func TestFindStartedNeedsTheServersClockWhenSkewed(t *testing.T) {
	t.Parallel()
	d, c := newDocServer(t, -time.Hour)
	d.noDate = true
	res, err := c.Recordings.Start(context.Background(), StartRecordingParams{RoomID: "tq7v-m2xk-9hdp"})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for {
			d.mu.Lock()
			n := len(d.queries)
			d.mu.Unlock()
			if n >= 3 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	rec, err := c.Recordings.FindStarted(ctx, res)
	assert.Nil(t, rec)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "not listed yet")
}

// With an id in the answer (composite recordings) FindStarted gets it;
// bad arguments are refused before any request.
func TestFindStartedByIDAndBadArguments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/recordings/composite/68af636ba82f1564485f9e3c"),
		jsonResponder(200, `{"id":"68af636ba82f1564485f9e3c","meetingId":"abcd-efgh-ijkl","sessionId":"s","start":"2025-09-08T11:46:26.599Z","end":null}`))
	cr, err := c.CompositeRecordings.FindStarted(ctx, &StartResult{ID: "68af636ba82f1564485f9e3c", RoomID: "abcd-efgh-ijkl"})
	require.NoError(t, err)
	assert.Equal(t, "68af636ba82f1564485f9e3c", cr.ID)

	now := time.Now()
	var nilCtx context.Context // refused with ErrInvalidParams, not a panic
	for name, call := range map[string]func() error{
		"nil result":     func() error { _, err := c.Recordings.FindStarted(ctx, nil); return err },
		"no room":        func() error { _, err := c.Recordings.FindStarted(ctx, &StartResult{StartedAt: now}); return err },
		"not from Start": func() error { _, err := c.Livestreams.FindStarted(ctx, &StartResult{RoomID: "r"}); return err },
		"participant unknown": func() error {
			_, err := c.ParticipantRecordings.FindStarted(ctx, &StartResult{RoomID: "r", StartedAt: now})
			return err
		},
		"track kind unknown": func() error {
			_, err := c.TrackRecordings.FindStarted(ctx, &StartResult{RoomID: "r", ParticipantID: "p", StartedAt: now})
			return err
		},
		"nil context": func() error {
			_, err := c.Recordings.FindStarted(nilCtx, &StartResult{RoomID: "r", StartedAt: now})
			return err
		},
		"composite bad result": func() error { _, err := c.CompositeRecordings.FindStarted(ctx, &StartResult{}); return err },
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	assert.Equal(t, 1, mt.GetTotalCallCount(), "only the Get by id was sent")
}
