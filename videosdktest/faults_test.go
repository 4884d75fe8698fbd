package videosdktest

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestInjectFaultStatusAndRetryAfter(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	srv.InjectFault("get", "/v2/rooms", 2, Fault{Status: 503, RetryAfter: 1500 * time.Millisecond})
	for range 2 {
		r := call(t, srv, "GET", "/v2/rooms", nil)
		assert.Equal(t, 503, r.status)
		assert.Equal(t, "2", r.header.Get("Retry-After"))
		assertMessageOnly(t, r)
	}
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status)
	assert.Equal(t, 3, srv.Requests("GET", "/v2/rooms"))
	assert.Equal(t, 0, srv.Requests("POST", "/v2/rooms"))
}

func TestInjectFaultPatternsAndOrder(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	srv.InjectFault("", "/v2/rooms/*", 1, Fault{Status: 500})
	srv.InjectFault("GET", "/v2/rooms/*", 1, Fault{Status: 429})
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status, "* does not match an empty segment list")
	assert.Equal(t, 500, call(t, srv, "GET", "/v2/rooms/abc", nil).status)
	assert.Equal(t, 429, call(t, srv, "GET", "/v2/rooms/validate", nil).status)
	assert.Equal(t, 404, call(t, srv, "GET", "/v2/rooms/abc", nil).status)
	assert.Equal(t, 3, srv.Requests("GET", "/v2/rooms/*"))
	assert.Equal(t, 1, srv.Requests("", "/v2/*"), "* does not cross /")
	assert.Equal(t, 0, srv.Requests("POST", "/v2/rooms/*"))

	srv.InjectFault("GET", "/v2/rooms", 5, Fault{Status: 502})
	srv.ClearFaults()
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status)
	srv.InjectFault("GET", "/v2/rooms", 0, Fault{Status: 502})
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status, "times 0 injects nothing")
}

func TestInjectFaultBodyAndDelay(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	srv.InjectFault("GET", "/v2/rooms", 1, Fault{Body: "<html>bad gateway</html>", Status: 502})
	r := call(t, srv, "GET", "/v2/rooms", nil)
	assert.Equal(t, 502, r.status)
	assert.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"))
	assert.Equal(t, "<html>bad gateway</html>", string(r.body))

	srv.InjectFault("GET", "/v2/rooms", 1, Fault{Body: `{"pageInfo":`})
	r = call(t, srv, "GET", "/v2/rooms", nil)
	assert.Equal(t, 200, r.status)
	assert.Equal(t, `{"pageInfo":`, string(r.body))

	// A delay alone lets the request through afterwards.
	srv.InjectFault("GET", "/v2/rooms", 1, Fault{Delay: 50 * time.Millisecond})
	assert.Equal(t, 200, call(t, srv, "GET", "/v2/rooms", nil).status)

	// A client that gives up during the delay gets its context error.
	srv.InjectFault("GET", "/v2/rooms", 1, Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := srv.Client(videosdk.WithMaxRetries(0)).Rooms.List(ctx, videosdk.ListRoomsParams{})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestInjectFaultDrop(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	srv.InjectFault("POST", "/v2/rooms", 1, Fault{Drop: true})
	req, err := http.NewRequest("POST", srv.URL()+"/v2/rooms", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", mgmtToken(t, srv))
	_, err = http.DefaultClient.Do(req)
	require.Error(t, err, "the connection is closed without an answer")

	// Through the SDK: a POST whose connection dropped is not sent again.
	srv.InjectFault("POST", "/v2/rooms", 1, Fault{Drop: true})
	_, err = srv.Client().Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.Error(t, err)
	var apiErr *videosdk.APIError
	assert.False(t, errors.As(err, &apiErr), "a dropped connection is a transport error: %v", err)
	assert.Equal(t, 2, srv.Requests("POST", "/v2/rooms"))
	assert.Equal(t, 0.0, ok(t, srv, "GET", "/v2/rooms", nil)["pageInfo"].(map[string]any)["total"])
}

func TestClientAgainstFake(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()

	room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{CustomRoomID: "standup"})
	require.NoError(t, err)
	assert.Regexp(t, roomIDRe, room.RoomID)
	v, err := c.Rooms.Validate(ctx, "standup")
	require.NoError(t, err)
	assert.Equal(t, room.ID, v.ID)
	_, err = c.Rooms.Validate(ctx, "nope")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = c.Rooms.Deactivate(ctx, "standup")
	assert.ErrorIs(t, err, videosdk.ErrNotFound, "402 for a customRoomId")
	d, err := c.Rooms.Deactivate(ctx, room.RoomID)
	require.NoError(t, err)
	assert.Equal(t, room.RoomID, d.RoomID, "legacy meetingId decoded")
	assert.Equal(t, "standup", d.CustomRoomID)
	assert.True(t, d.Disabled)

	for range 4 {
		_, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
		require.NoError(t, err)
	}
	n := 0
	for r, err := range c.Rooms.All(ctx, videosdk.ListRoomsParams{ListOptions: videosdk.ListOptions{PerPage: 2}}) {
		require.NoError(t, err)
		assert.NotEmpty(t, r.RoomID)
		n++
	}
	assert.Equal(t, 5, n)
	assert.Equal(t, 3, srv.Requests("GET", "/v2/rooms"))

	// A client with the wrong secret is refused.
	bad, err := videosdk.NewClient(srv.APIKey, "wrong-secret", videosdk.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	_, err = bad.Rooms.List(ctx, videosdk.ListRoomsParams{})
	assert.ErrorIs(t, err, videosdk.ErrUnauthorized)
	assert.NotContains(t, err.Error(), srv.Secret)

	// An rtc token (what a front end gets) cannot call the server API.
	tok, err := c.GenerateToken(videosdk.TokenParams{Roles: []videosdk.Role{videosdk.RoleRTC}, RoomID: room.RoomID})
	require.NoError(t, err)
	assert.Equal(t, 403, rawCall(t, srv, "GET", "/v2/rooms", tok, nil).status)
}

func TestClientPanicsOnBadOption(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithCredentials("k", "super-secret-value"))
	t.Cleanup(srv.Close)
	defer func() {
		r := recover()
		require.NotNil(t, r)
		assert.NotContains(t, r, "super-secret-value")
	}()
	srv.Client(videosdk.WithMaxRetries(-1))
}

func TestDeterministicIDs(t *testing.T) {
	t.Parallel()
	run := func() []string {
		now := time.Date(2025, 5, 6, 9, 14, 3, 0, time.UTC)
		clock := func() time.Time { now = now.Add(time.Second); return now }
		srv := NewServer(WithSeed(42), WithClock(clock), WithCredentials("key", "secret"))
		defer srv.Close()
		room := ok(t, srv, "POST", "/v2/rooms", nil)
		roomID := room["roomId"].(string)
		sid, err := srv.StartSession(roomID)
		require.NoError(t, err)
		pid, err := srv.Join(roomID, "Asha")
		require.NoError(t, err)
		h := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
		return []string{roomID, room["id"].(string), room["createdAt"].(string), sid, pid, h["id"].(string), h["playbackHlsUrl"].(string)[len(srv.URL()):]}
	}
	a, b := run(), run()
	assert.Equal(t, a, b)
	assert.Equal(t, "2025-05-06T09:14:05.000Z", a[2], "one clock reading at creation, one per request")
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			room, err := c.Rooms.Create(ctx, videosdk.CreateRoomParams{})
			if !assert.NoError(t, err) {
				return
			}
			_, err = srv.Join(room.RoomID, "p")
			assert.NoError(t, err)
			srv.InjectFault("GET", "/v2/rooms/"+room.RoomID, 1, Fault{Status: 503})
			_, err = c.Rooms.Get(ctx, room.RoomID)
			assert.NoError(t, err, "retried after one 503")
			assert.Equal(t, 2, srv.Requests("GET", "/v2/rooms/"+room.RoomID))
			if i%2 == 0 {
				assert.NoError(t, srv.EndSession(room.RoomID))
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 8, srv.Requests("POST", "/v2/rooms"))
}

func TestCloseDoesNotWaitForDelays(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	srv.InjectFault("GET", "/v2/rooms", 1, Fault{Delay: time.Hour})
	errc := make(chan error, 1)
	go func() {
		_, err := srv.Client(videosdk.WithMaxRetries(0)).Rooms.List(context.Background(), videosdk.ListRoomsParams{})
		errc <- err
	}()
	for srv.Requests("GET", "/v2/rooms") == 0 {
		time.Sleep(time.Millisecond)
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for the injected delay")
	}
	assert.Error(t, <-errc)
	srv.Close() // idempotent
}

// TestRequestLogStaysBounded: the fake as a long-running process. Signed
// requests for ids it does not know (answered 404) are counted under their
// endpoint's pattern, not one key per id; the distinct paths kept are
// bounded; and a pattern lookup looks only at the paths of its directory.
func TestRequestLogStaysBounded(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	defer srv.Close()
	client := srv.Client(videosdk.WithMaxRetries(0))
	ctx := context.Background()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	const unknown = 300
	for i := range unknown {
		_, err := client.Rooms.Get(ctx, "no-such-room-"+strconv.Itoa(i))
		require.ErrorIs(t, err, videosdk.ErrNotFound)
	}
	_, err = client.Rooms.Get(ctx, room.RoomID)
	require.NoError(t, err)
	assert.LessOrEqual(t, logEntries(srv), 4, "a few keys, not one per unknown id")
	assert.Equal(t, unknown+1, srv.Requests("GET", "/v2/rooms/*"))
	assert.Equal(t, 1, srv.Requests("GET", "/v2/rooms/"+room.RoomID))
	assert.Equal(t, 0, srv.Requests("GET", "/v2/rooms/no-such-room-7"))

	// The bound on distinct paths, and the index, on a log of its own.
	l := newRequestLog()
	l.maxPaths = 100
	for i := range 1000 {
		l.add("GET", "/v2/rooms/r"+strconv.Itoa(i), "/v2/rooms/{roomId}", true)
		l.add("GET", "/v2/sessions/s"+strconv.Itoa(i), "/v2/sessions/{sessionId}", true)
	}
	assert.LessOrEqual(t, l.entries(), 102)
	assert.Equal(t, 1000, l.requests("GET", "/v2/rooms/*"), "every request still counted")
	assert.Equal(t, 2000, l.requests("", "/v2/*/*"))
	l.visited = 0
	assert.Equal(t, 1000, l.requests("GET", "/v2/sessions/*"))
	assert.LessOrEqual(t, l.visited, 52, "only the paths under /v2/sessions are looked at")
}
