package videosdk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// recordServer answers every request with status and body, and records each
// request's method, path, Authorization header and body.
type recordServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []recorded
}

type recorded struct{ method, path, auth, body string }

func newRecordServer(t *testing.T, tls bool, h func(w http.ResponseWriter, r *http.Request)) *recordServer {
	t.Helper()
	s := &recordServer{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body strings.Builder
		if r.Body != nil {
			buf := make([]byte, 512)
			for {
				n, err := r.Body.Read(buf)
				body.Write(buf[:n])
				if err != nil {
					break
				}
			}
		}
		s.mu.Lock()
		s.seen = append(s.seen, recorded{r.Method, r.URL.Path, r.Header.Get("Authorization"), body.String()})
		s.mu.Unlock()
		h(w, r)
	})
	if tls {
		s.Server = httptest.NewTLSServer(handler)
	} else {
		s.Server = httptest.NewServer(handler)
	}
	t.Cleanup(s.Server.Close)
	return s
}

func (s *recordServer) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.seen...)
}

func redirectTo(status int, location string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", location)
		w.WriteHeader(status)
	}
}

// movedRoom redirects /v2/rooms/old to /v2/rooms/new with status and
// answers a room anywhere else.
func movedRoom(status int) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/rooms/old" {
			redirectTo(status, "/v2/rooms/new")(w, r)
			return
		}
		answerRoom(w, r)
	}
}

func answerRoom(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"roomId":"found-by-get","id":"doc"}`))
}

// redirectClient is a loopback Client without retries on a fresh transport
// (hc, when given, is the caller's own client).
func redirectClient(t *testing.T, base string, hc *http.Client) *Client {
	t.Helper()
	if hc == nil {
		tr := &http.Transport{}
		t.Cleanup(tr.CloseIdleConnections)
		hc = &http.Client{Transport: tr}
	}
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(base), WithHTTPClient(hc),
		withSleep((&testutil.Waits{}).Sleep))
	require.NoError(t, err)
	return c
}

// TestPOSTRedirectIsNotFollowed: a POST answered with any redirect is not
// sent anywhere else, neither as the GET net/http turns a 301/302/303 into
// nor as the repeated POST of a 307/308. The call fails with an *APIError
// carrying the status and the redirect target without its user info or
// query; Recordings.Stop does not report success and Rooms.Create does not
// return a room some GET found.
func TestPOSTRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	for _, status := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			target := newRecordServer(t, false, answerRoom)
			loc := strings.Replace(target.URL, "http://", "http://user:pa55word@", 1) + "/v2/elsewhere?token=q-secret#frag"
			api := newRecordServer(t, false, redirectTo(status, loc))
			c := redirectClient(t, api.URL, nil)

			stopErr := c.Recordings.Stop(context.Background(), StopRecordingParams{RoomID: "r-1"})
			room, createErr := c.Rooms.Create(context.Background(), CreateRoomParams{CustomRoomID: "standup"})
			assert.Nil(t, room, "no room from a redirect")
			for _, err := range []error{stopErr, createErr} {
				require.Error(t, err, "a redirected POST is not a success")
				var ae *APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, status, ae.StatusCode)
				wantLoc := target.URL + "/v2/elsewhere"
				assert.Equal(t, wantLoc, ae.Location)
				assert.Contains(t, err.Error(), wantLoc)
				for _, secret := range []string{"pa55word", "user:", "q-secret", "token=", "frag"} {
					assert.NotContains(t, err.Error(), secret)
					assert.NotContains(t, fmt.Sprintf("%+v", ae), secret)
				}
				assert.Equal(t, 1, ae.Attempts, "not retried")
			}
			assert.Empty(t, target.requests(), "nothing reached the redirect target")
			assert.Len(t, api.requests(), 2, "each POST sent once")
		})
	}
}

// TestPOSTRedirectLoopSendsBodyOnce: a 307 that points at the same URL used
// to deliver the POST body ten times.
func TestPOSTRedirectLoopSendsBodyOnce(t *testing.T) {
	t.Parallel()
	var api *recordServer
	api = newRecordServer(t, false, func(w http.ResponseWriter, r *http.Request) {
		redirectTo(307, api.URL+r.URL.Path)(w, r)
	})
	c := redirectClient(t, api.URL, nil)
	_, err := c.Rooms.Create(context.Background(), CreateRoomParams{CustomRoomID: "once"})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 307, ae.StatusCode)
	seen := api.requests()
	require.Len(t, seen, 1, "the POST body was delivered once")
	assert.Contains(t, seen[0].body, `"customRoomId":"once"`)
}

// TestRedirectNeverCarriesTokenElsewhere: a followed GET redirect keeps the
// token only on the same scheme, host and port. net/http keeps it for any
// port of the same host, https → http included, which sent it in clear text.
func TestRedirectNeverCarriesTokenElsewhere(t *testing.T) {
	t.Parallel()
	plain := newRecordServer(t, false, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(401) })
	for _, tc := range []struct {
		name   string
		tls    bool
		target string
	}{
		// An https API redirecting to http on the same host (another port).
		{"https-to-http-same-host", true, plain.URL},
		// Same scheme and host, another port.
		{"http-other-port", false, plain.URL},
		// Same address under another name: net/http already dropped it here.
		{"other-host", false, strings.Replace(plain.URL, "127.0.0.1", "localhost", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			api := newRecordServer(t, tc.tls, redirectTo(302, tc.target+"/v2/rooms/"+tc.name))
			var hc *http.Client
			if tc.tls {
				hc = api.Client() // trusts the test server's certificate
			}
			c := redirectClient(t, api.URL, hc)
			_, err := c.Rooms.Get(context.Background(), "r-1")
			require.ErrorIs(t, err, ErrUnauthorized, "the target refused the call without a token")
			var got []recorded
			for _, r := range plain.requests() {
				if r.path == "/v2/rooms/"+tc.name {
					got = append(got, r)
				}
			}
			require.Len(t, got, 1, "the redirect was followed once")
			assert.Empty(t, got[0].auth, "the token did not travel to %s", tc.target)
			seen := api.requests()
			require.Len(t, seen, 1)
			assert.NotEmpty(t, seen[0].auth, "the API itself got the token")
		})
	}
}

// TestRedirectSameOriginKeepsToken: a GET redirect within the API's own
// scheme, host and port is followed with the token.
func TestRedirectSameOriginKeepsToken(t *testing.T) {
	t.Parallel()
	api := newRecordServer(t, false, movedRoom(301))
	c := redirectClient(t, api.URL, nil)
	room, err := c.Rooms.Get(context.Background(), "old")
	require.NoError(t, err)
	assert.Equal(t, "found-by-get", room.RoomID)
	seen := api.requests()
	require.Len(t, seen, 2)
	assert.Equal(t, seen[0].auth, seen[1].auth)
	assert.NotEmpty(t, seen[1].auth)
}

// TestRedirectHopLimit: a GET redirect loop stops after 3 redirects (net/http
// follows 10) and is not retried.
func TestRedirectHopLimit(t *testing.T) {
	t.Parallel()
	var hops atomic.Int64
	api := newRecordServer(t, false, func(w http.ResponseWriter, r *http.Request) {
		redirectTo(302, fmt.Sprintf("/v2/rooms/hop-%d", hops.Add(1)))(w, r)
	})
	c := redirectClient(t, api.URL, nil)
	_, err := c.Rooms.Get(context.Background(), "r-1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "stopped after 3 redirects")
	assert.Len(t, api.requests(), 4, "the request and 3 redirects, no retry")
}

// TestRedirectKeepsUserCheckRedirect: the caller's CheckRedirect still runs
// (after the SDK's policy) and its refusal ends the call without a retry;
// the caller's *http.Client is not modified.
func TestRedirectKeepsUserCheckRedirect(t *testing.T) {
	t.Parallel()
	api := newRecordServer(t, false, movedRoom(302))
	errNo := errors.New("no redirects here")
	var calls atomic.Int64
	var sawAuth atomic.Bool
	user := func(req *http.Request, via []*http.Request) error {
		calls.Add(1)
		sawAuth.Store(req.Header.Get("Authorization") != "")
		return errNo
	}
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: tr, CheckRedirect: user}
	c := redirectClient(t, api.URL, hc)
	_, err := c.Rooms.Get(context.Background(), "old")
	require.ErrorIs(t, err, errNo)
	assert.EqualValues(t, 1, calls.Load(), "the caller's CheckRedirect ran once, not once per retry")
	assert.True(t, sawAuth.Load(), "a same-origin hop still carries the token into the caller's check")
	assert.Len(t, api.requests(), 1, "not retried")
	assert.Equal(t, fmt.Sprintf("%p", user), fmt.Sprintf("%p", hc.CheckRedirect), "the caller's client is unchanged")

	// Accepting, the caller's check sees the redirect and the SDK follows it.
	calls.Store(0)
	hc2 := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { calls.Add(1); return nil }}
	room, err := redirectClient(t, api.URL, hc2).Rooms.Get(context.Background(), "old")
	require.NoError(t, err)
	assert.Equal(t, "found-by-get", room.RoomID)
	assert.EqualValues(t, 1, calls.Load())

	// A POST never reaches the caller's check: it is not followed at all.
	calls.Store(0)
	always := newRecordServer(t, false, redirectTo(302, "/v2/rooms/new"))
	_, err = redirectClient(t, always.URL, hc2).Rooms.Deactivate(context.Background(), "old")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 302, ae.StatusCode)
	assert.Zero(t, calls.Load())
	assert.Len(t, always.requests(), 1)
}
