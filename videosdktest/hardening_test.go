package videosdktest

// The fake as a server other programs talk to: slow or stalled clients,
// unsigned floods, hostile sizes and unclean paths must not wedge it, grow
// its memory, or get an answer other than a JSON error.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// notWedged is the generous bound within which a call must finish while
// another client misbehaves. It only proves "not wedged": a wedged call
// never finishes at all.
const notWedged = 15 * time.Second

// within runs the calls at once and fails the test for each one that has
// not returned after notWedged, or returned an error. The calls run on
// their own goroutines, so they report through their return value.
func within(t *testing.T, calls map[string]func() error) {
	t.Helper()
	type result struct {
		what string
		err  error
	}
	done := make(chan result, len(calls))
	for what, f := range calls {
		go func() { done <- result{what, f()} }()
	}
	timeout := time.After(notWedged)
	for range calls {
		select {
		case r := <-done:
			assert.NoError(t, r.err, r.what)
			delete(calls, r.what)
		case <-timeout:
			for what := range calls {
				t.Errorf("%s did not finish within %v: the server is wedged", what, notWedged)
			}
			return
		}
	}
}

// waitFor polls cond until it holds; it stops the test when that takes
// longer than notWedged, or when cond itself does not return.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	held := make(chan struct{})
	go func() {
		defer close(held)
		deadline := time.Now().Add(notWedged)
		for !cond() && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
	}()
	select {
	case <-held:
		if cond() {
			return
		}
	case <-time.After(notWedged + time.Second):
	}
	t.Fatalf("%s did not happen within %v", what, notWedged)
}

// dial opens a raw connection to srv, closed when the test ends.
func dial(t *testing.T, srv *Server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// stallMidBody sends a signed POST whose body stops after its first bytes
// and never continues.
func stallMidBody(t *testing.T, srv *Server, path string) net.Conn {
	t.Helper()
	conn := dial(t, srv)
	_, err := fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: fake\r\nAuthorization: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"customRoomId\":",
		path, mgmtToken(t, srv))
	require.NoError(t, err)
	return conn
}

// get is a signed GET that reports a non-200 answer as an error; safe off
// the test goroutine.
func get(srv *Server, tok, path string) error {
	req, err := http.NewRequest("GET", srv.URL()+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, res.Status)
	}
	return nil
}

// Fault 1: a client that stalls in the middle of its body blocks only
// itself: other clients, the Go API and Close go on.
func TestSlowClientDoesNotWedgeTheServer(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, other := newRoom(t, srv), newRoom(t, srv)
	tok := mgmtToken(t, srv)

	stallMidBody(t, srv, "/v2/rooms")
	stallMidBody(t, srv, "/v2/recordings/start")
	waitFor(t, "the stalled requests reaching their endpoints", func() bool {
		return srv.Requests("POST", "/v2/rooms") == 3 && srv.Requests("POST", "/v2/recordings/start") == 1
	})

	within(t, map[string]func() error{
		"GET /v2/rooms":      func() error { return get(srv, tok, "/v2/rooms") },
		"GET /v2/rooms/{id}": func() error { return get(srv, tok, "/v2/rooms/"+roomID) },
		"Join":               func() error { _, err := srv.Join(other, "Asha"); return err },
		"Requests":           func() error { srv.Requests("GET", "/v2/rooms/*"); return nil },
		"POST /v2/rooms": func() error {
			req, _ := http.NewRequest("POST", srv.URL()+"/v2/rooms", strings.NewReader(`{}`))
			req.Header.Set("Authorization", tok)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				return err
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("create room: %s", res.Status)
			}
			return nil
		},
	})
	within(t, map[string]func() error{"Close": func() error { srv.Close(); return nil }})
}

// A body trickled a few bytes at a time is read outside the server lock:
// the request completes and answers normally, while a GET sent meanwhile is
// answered at once.
func TestTrickledBodyIsServed(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	tok := mgmtToken(t, srv)
	body := `{"customRoomId":"trickled-room"}`
	conn := dial(t, srv)
	_, err := fmt.Fprintf(conn, "POST /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: %s\r\nContent-Length: %d\r\n\r\n", tok, len(body))
	require.NoError(t, err)
	for i := range body {
		if i == len(body)/2 {
			within(t, map[string]func() error{"GET while a body trickles in": func() error { return get(srv, tok, "/v2/rooms") }})
		}
		_, err := conn.Write([]byte{body[i]})
		require.NoError(t, err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer res.Body.Close()
	var room map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&room))
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "trickled-room", room["customRoomId"])
}

// Close returns promptly whatever clients do: stall in their headers or
// body, hold an idle connection, or stop reading a large download.
func TestCloseReturnsWhateverClientsDo(t *testing.T) {
	t.Parallel()
	srv, file := finishedRecording(t, time.Hour) // a file of 225 MB the client will not read
	fileURL, err := url.Parse(file["fileUrl"].(string))
	require.NoError(t, err)

	idle := dial(t, srv) // answered once, then left open
	_, err = fmt.Fprintf(idle, "GET /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: %s\r\n\r\n", mgmtToken(t, srv))
	require.NoError(t, err)
	res, err := http.ReadResponse(bufio.NewReader(idle), nil)
	require.NoError(t, err)
	res.Body.Close()
	reader := dial(t, srv)
	_, err = fmt.Fprintf(reader, "GET %s HTTP/1.1\r\nHost: fake\r\n\r\n", fileURL.Path)
	require.NoError(t, err)
	_, err = io.WriteString(dial(t, srv), "GET /v2/rooms HTTP/1.1\r\nHost: fa") // stalls in its headers
	require.NoError(t, err)
	posts := srv.Requests("POST", "/v2/rooms")
	stallMidBody(t, srv, "/v2/rooms")
	waitFor(t, "the stalled body reaching its endpoint", func() bool { return srv.Requests("POST", "/v2/rooms") == posts+1 })

	within(t, map[string]func() error{"Close": func() error { srv.Close(); return nil }})
}

// finishedRecording returns a new server (closed when the test ends) with
// a meeting recording that lasted d of the server's clock, and its file.
func finishedRecording(t *testing.T, d time.Duration) (*Server, map[string]any) {
	t.Helper()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	roomID, _, _ := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	clock.add(d)
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	clock.add(defaultProcessingDelay) // the file is processed
	rec := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)
	return srv, rec["file"].(map[string]any)
}

// logEntries is the number of method and path pairs the request log keeps.
func logEntries(srv *Server) int { return srv.log.entries() }

// Fault 2: requests without a valid token, to unknown routes or to unclean
// paths add nothing (or, below a fixed bound, little) to what the server
// keeps, while Requests still counts what reached an endpoint.
func TestUnauthenticatedRequestsDoNotGrowMemory(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	send := func(method, path, auth string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL()+path, nil)
		require.NoError(t, err)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}

	long := strings.Repeat("x", 64<<10)
	for i := range 40 {
		send("GET", "/v2/rooms/"+strconv.Itoa(i)+long, "")                     // unsigned, long path
		send("GET", "/v2/nothing/"+strconv.Itoa(i), mgmtToken(t, srv))         // signed, unknown route
		send("POST", "/v2/rooms/"+strconv.Itoa(i), mgmtToken(t, srv))          // signed, wrong method
		send("GET", "/v2/rooms//"+strconv.Itoa(i), mgmtToken(t, srv))          // signed, unclean path
		send("GET", "/cdn/nothing/"+strconv.Itoa(i), "")                       // CDN miss
		send("GET", "/v2/rooms/"+strconv.Itoa(i)+long, "not-a-jwt")            // bad token, long path
		send("GET", "/v2/rooms/"+strconv.Itoa(i)+long, mgmtToken(t, srv)[:20]) // truncated token
	}
	assert.Equal(t, 0, logEntries(srv), "nothing kept for 280 requests that reached no endpoint or had long unsigned paths")

	for i := range maxUntrustedPaths + 500 {
		send("GET", "/v2/rooms/r"+strconv.Itoa(i), "")
	}
	assert.Equal(t, maxUntrustedPaths, logEntries(srv), "unsigned requests keep at most a fixed number of paths")

	send("GET", "/v2/rooms", "")
	send("POST", "/v2/recordings/start", "not-a-jwt")
	assert.Equal(t, 1, srv.Requests("GET", "/v2/rooms"), "refused requests to an endpoint without an id are always counted")
	assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/start"))
	assert.Equal(t, 1, srv.Requests("GET", "/v2/rooms/r0"))
	send("GET", "/v2/rooms/signed-after-the-bound", mgmtToken(t, srv))
	assert.Equal(t, 0, srv.Requests("GET", "/v2/rooms/signed-after-the-bound"), "a 404 is counted under its endpoint's pattern")
	assert.Equal(t, 1, srv.Requests("", "/v2/rooms/{roomId}"))
	assert.Equal(t, maxUntrustedPaths+1, srv.Requests("GET", "/v2/rooms/*"), "signed requests are always counted")
	assert.Equal(t, maxUntrustedPaths+3, logEntries(srv))
}

// What the CDN serves stays bounded when the clock runs far ahead: a
// recording a century long announces (and serves) at most maxFileBytes.
func TestCDNFileSizeIsBounded(t *testing.T) {
	t.Parallel()
	_, file := finishedRecording(t, 100*365*24*time.Hour)
	assert.Equal(t, float64(maxFileBytes), file["size"])
	res, err := http.Head(file["fileUrl"].(string))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, int64(maxFileBytes), res.ContentLength)
}

// Fault 4: unclean paths get a JSON 404, never a redirect that a client
// could follow to another resource.
func TestUncleanPathsAnswerJSON(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	roomID, sessionID, _ := liveRoom(t, srv)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tok := mgmtToken(t, srv)
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "//v2/rooms", ""},
		{"GET", "/v2//rooms", ""},
		{"GET", "/v2/./rooms", ""},
		{"GET", "/v2/rooms/.", ""},
		{"GET", "/v2/rooms/..", ""},
		{"GET", "/v2/rooms/%2e", ""},
		{"GET", "/v2/rooms/" + roomID + "/..", ""},
		{"GET", "/v2/rooms/", ""},
		{"GET", "/v2/sessions//participants", ""},
		{"GET", "/v2/sessions/" + sessionID + "/participants/.", ""},
		{"GET", "/v2/hls//active", ""},
		{"POST", "//v2/sessions/end", `{"roomId":"` + roomID + `"}`},
		{"POST", "/v2/sessions/./end", `{"roomId":"` + roomID + `"}`},
		{"DELETE", "/v2/recordings/..", ""},
	} {
		req, err := http.NewRequest(tc.method, srv.URL()+tc.path, strings.NewReader(tc.body))
		require.NoError(t, err)
		req.Header.Set("Authorization", tok)
		res, err := noFollow.Do(req)
		require.NoError(t, err)
		var m map[string]any
		decodeErr := json.NewDecoder(res.Body).Decode(&m)
		res.Body.Close()
		assert.True(t, res.StatusCode >= 400 && res.StatusCode < 500, "%s %s: %s", tc.method, tc.path, res.Status)
		assert.Empty(t, res.Header.Get("Location"), "%s %s", tc.method, tc.path)
		if assert.NoError(t, decodeErr, "%s %s: not JSON", tc.method, tc.path) {
			assert.NotEmpty(t, m["message"], "%s %s", tc.method, tc.path)
			assertOnlyMessage(t, m)
		}
	}
	assert.NoError(t, srv.EndSession(roomID), "no unclean path ended the session")
	assert.Equal(t, 0, srv.Requests("", "/v2/sessions/end"))
}

// BenchmarkRequests measures Requests for a plain path with 100,000
// distinct paths counted.
func BenchmarkRequests(b *testing.B) {
	srv := NewServer()
	defer srv.Close()
	for i := range 100_000 {
		srv.log.add("GET", "/v2/rooms/"+strconv.Itoa(i), "/v2/rooms/{roomId}", true)
	}
	b.ResetTimer()
	for range b.N {
		_ = srv.Requests("GET", "/v2/rooms/42")
	}
}
