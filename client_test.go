package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

const roomBody = `{"id":"6819d3fb2c1e4a0013f0aa01","roomId":"tq7v-m2xk-9hdp"}`

func TestNewClientValidation(t *testing.T) {
	t.Parallel()
	jwtKey := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlrZXkiOiJ4In0.c2lnbmF0dXJl"
	tests := []struct {
		name        string
		key, secret string
		opts        []Option
		wantMsg     string
	}{
		{"empty both", "", "", nil, "API key and secret are empty"},
		{"empty key", "", "s", nil, "API key is empty"},
		{"empty secret", "k", "", nil, "secret is empty"},
		{"jwt as key", jwtKey, "s", nil, "looks like a JWT"},
		{"ftp base", "k", "s", []Option{WithBaseURL("ftp://api.example.com")}, "must start with http:// or https://"},
		{"no host", "k", "s", []Option{WithBaseURL("https://")}, "has no host"},
		{"relative", "k", "s", []Option{WithBaseURL("api.videosdk.live")}, "must start with http:// or https://"},
		{"v1 base", "k", "s", []Option{WithBaseURL("https://api.videosdk.live/v1")}, "ends in /v1"},
		{"empty base", "k", "s", []Option{WithBaseURL(" ")}, "base URL is empty"},
		{"query", "k", "s", []Option{WithBaseURL("https://x.test/?a=b")}, "must not carry"},
		{"nil http", "k", "s", []Option{WithHTTPClient(nil)}, "HTTP client is nil"},
		{"retries", "k", "s", []Option{WithMaxRetries(-1)}, "max retries"},
		{"timeout", "k", "s", []Option{WithRequestTimeout(-time.Second)}, "negative"},
		{"ua newline", "k", "s", []Option{WithUserAgent("a\r\nX-Evil: 1")}, "line break"},
	}
	for _, tt := range tests {
		c, err := NewClient(tt.key, tt.secret, tt.opts...)
		assert.Nil(t, c, tt.name)
		require.Error(t, err, tt.name)
		assert.ErrorIs(t, err, ErrInvalidParams, tt.name)
		assert.Contains(t, err.Error(), tt.wantMsg, tt.name)
	}
}

func TestBaseURLNormalised(t *testing.T) {
	t.Parallel()
	for _, base := range []string{
		"https://api.example.com", "https://api.example.com/", "https://api.example.com/v2",
		"https://api.example.com/v2/", "https://api.example.com//v2//",
	} {
		mt := testutil.NewMockTransport(t)
		mt.RegisterResponder("GET", "https://api.example.com/v2/rooms/r1", httpmock.NewStringResponder(200, roomBody))
		c, err := NewClient("k", "s", WithBaseURL(base), WithHTTPClient(&http.Client{Transport: mt}))
		require.NoError(t, err, base)
		_, err = c.Rooms.Get(context.Background(), "r1")
		require.NoError(t, err, base)
		assert.Equal(t, 1, mt.GetTotalCallCount(), base)
	}
}

func TestWithHTTPClientNotMutated(t *testing.T) {
	t.Parallel()
	mt := testutil.NewMockTransport(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r1"), httpmock.NewStringResponder(200, roomBody))
	hc := &http.Client{Transport: mt, Timeout: 7 * time.Second}
	before := *hc
	c, err := NewClient("k", "s", WithBaseURL(testutil.BaseURL), WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c.Rooms.Get(context.Background(), "r1")
	require.NoError(t, err)
	assert.Equal(t, before.Timeout, hc.Timeout)
	assert.Equal(t, before.Transport, hc.Transport)
	assert.Nil(t, hc.CheckRedirect)
	assert.Nil(t, hc.Jar)
	assert.NotSame(t, hc, c.cfg.httpClient)
}

func TestDefaultTransportIsNotShared(t *testing.T) {
	t.Parallel()
	c, err := NewClient("k", "s")
	require.NoError(t, err)
	assert.NotSame(t, http.DefaultTransport, c.cfg.httpClient.Transport)
	assert.NotSame(t, http.DefaultClient, c.cfg.httpClient)
}

func TestNewClientFromEnv(t *testing.T) {
	// t.Setenv forbids t.Parallel.
	t.Setenv("VIDEOSDK_API_KEY", "")
	t.Setenv("VIDEOSDK_SECRET", "")
	_, err := NewClientFromEnv()
	assert.ErrorIs(t, err, ErrInvalidParams)

	t.Setenv("VIDEOSDK_API_KEY", "env-key")
	t.Setenv("VIDEOSDK_SECRET", "env-secret")
	t.Setenv("VIDEOSDK_API_ENDPOINT", "https://env.example.com/v2")
	mt := testutil.NewMockTransport(t)
	mt.RegisterResponder("GET", "https://env.example.com/v2/rooms/r", httpmock.NewStringResponder(200, roomBody))
	mt.RegisterResponder("GET", "https://code.example.com/v2/rooms/r", httpmock.NewStringResponder(200, roomBody))

	c, err := NewClientFromEnv(WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	assert.Equal(t, "env-key", c.cfg.creds.apiKey)
	_, err = c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET https://env.example.com/v2/rooms/r"])

	// An option given in code wins over the environment.
	c, err = NewClientFromEnv(WithHTTPClient(&http.Client{Transport: mt}), WithBaseURL("https://code.example.com"))
	require.NoError(t, err)
	_, err = c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET https://code.example.com/v2/rooms/r"])

	t.Setenv("VIDEOSDK_API_ENDPOINT", "ftp://nope")
	_, err = NewClientFromEnv()
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "VIDEOSDK_API_ENDPOINT")
}

// TestNewClientFromEnvSecretKey: VideoSDK's own server examples name the
// secret VIDEOSDK_SECRET_KEY; it is read when VIDEOSDK_SECRET is not set,
// and VIDEOSDK_SECRET wins when both are.
func TestNewClientFromEnvSecretKey(t *testing.T) {
	// t.Setenv forbids t.Parallel.
	t.Setenv("VIDEOSDK_API_KEY", "env-key")
	t.Setenv("VIDEOSDK_API_ENDPOINT", "")
	t.Setenv("VIDEOSDK_SECRET", "")
	t.Setenv("VIDEOSDK_SECRET_KEY", "from-secret-key")
	c, err := NewClientFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "from-secret-key", string(c.cfg.creds.secret))
	tok, err := c.GenerateToken(TokenParams{})
	require.NoError(t, err)
	_, err = ParseToken(tok, "from-secret-key")
	require.NoError(t, err, "tokens are signed with VIDEOSDK_SECRET_KEY")

	t.Setenv("VIDEOSDK_SECRET", "from-secret")
	c, err = NewClientFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "from-secret", string(c.cfg.creds.secret), "VIDEOSDK_SECRET wins")

	t.Setenv("VIDEOSDK_SECRET", "")
	t.Setenv("VIDEOSDK_SECRET_KEY", "")
	_, err = NewClientFromEnv()
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "VIDEOSDK_SECRET (or VIDEOSDK_SECRET_KEY)")
}

func TestUserAgent(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithUserAgent("myapp/1.2"))
	var ua string
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), func(r *http.Request) (*http.Response, error) {
		ua = r.Header.Get("User-Agent")
		return httpmock.NewStringResponse(200, roomBody), nil
	})
	_, err := c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	assert.Equal(t, "myapp/1.2 videosdk-go/"+Version, ua)
}

// sequence answers each request with the next responder; the last one repeats.
func sequence(rs ...httpmock.Responder) httpmock.Responder {
	var mu sync.Mutex
	i := 0
	return func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		r := rs[min(i, len(rs)-1)]
		i++
		mu.Unlock()
		return r(req)
	}
}

func status(code int, body string) httpmock.Responder { return httpmock.NewStringResponder(code, body) }

func TestRetrySequences(t *testing.T) {
	t.Parallel()
	resetErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	tests := []struct {
		name      string
		method    string
		responses []httpmock.Responder
		wantCalls int
		wantErr   error // nil: success
		wantWaits []time.Duration
	}{
		{"GET 503,503,200", "GET", []httpmock.Responder{status(503, ""), status(503, ""), status(200, roomBody)}, 3, nil,
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond}},
		{"GET 503 x3 exhausts", "GET", []httpmock.Responder{status(503, `{"message":"busy"}`)}, 3, ErrServer,
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond}},
		{"GET 500,200", "GET", []httpmock.Responder{status(500, ""), status(200, roomBody)}, 2, nil, []time.Duration{250 * time.Millisecond}},
		{"GET 501 final", "GET", []httpmock.Responder{status(501, "")}, 1, ErrServer, nil},
		{"GET 404 final", "GET", []httpmock.Responder{status(404, `{"message":"Room not found"}`)}, 1, ErrNotFound, nil},
		{"GET reset,200", "GET", []httpmock.Responder{httpmock.NewErrorResponder(resetErr), status(200, roomBody)}, 2, nil, []time.Duration{250 * time.Millisecond}},
		{"GET 429 Retry-After 2", "GET", []httpmock.Responder{
			status(429, "").HeaderSet(http.Header{"Retry-After": {"2"}}), status(200, roomBody)}, 2, nil, []time.Duration{2 * time.Second}},
		{"POST 503 not retried", "POST", []httpmock.Responder{status(503, ""), status(200, roomBody)}, 1, ErrServer, nil},
		{"POST 500 not retried", "POST", []httpmock.Responder{status(500, ""), status(200, roomBody)}, 1, ErrServer, nil},
		{"POST reset not retried", "POST", []httpmock.Responder{httpmock.NewErrorResponder(resetErr), status(200, roomBody)}, 1, resetErr, nil},
		{"POST dial error retried", "POST", []httpmock.Responder{httpmock.NewErrorResponder(dialErr), status(200, roomBody)}, 2, nil, []time.Duration{250 * time.Millisecond}},
		{"POST 429 retried", "POST", []httpmock.Responder{status(429, ""), status(429, ""), status(200, roomBody)}, 3, nil,
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond}},
		{"POST 429 exhausts", "POST", []httpmock.Responder{status(429, `{"message":"slow down"}`)}, 3, ErrRateLimited,
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ns := &testutil.Waits{}
			c, mt := newTestClient(t, withSleep(ns.Sleep), withRand(func() float64 { return 0 }))
			mt.RegisterResponder(tt.method, "=~/v2/rooms", sequence(tt.responses...))
			var err error
			if tt.method == "GET" {
				_, err = c.Rooms.Get(context.Background(), "r1")
			} else {
				_, err = c.Rooms.Create(context.Background(), CreateRoomParams{})
			}
			assert.Equal(t, tt.wantCalls, mt.GetTotalCallCount(), "requests that reached the server")
			assert.Equal(t, tt.wantWaits, ns.All(), "backoff waits")
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			if tt.wantCalls > 1 {
				assert.Contains(t, err.Error(), fmt.Sprintf("after %d attempts", tt.wantCalls))
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				assert.Equal(t, tt.wantCalls, apiErr.Attempts)
			}
		})
	}
}

func TestRetryAfterTooLongReturnsAtOnce(t *testing.T) {
	t.Parallel()
	ns := &testutil.Waits{}
	c, mt := newTestClient(t, withSleep(ns.Sleep))
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), status(429, `{"message":"quota"}`).HeaderSet(http.Header{"Retry-After": {"3600"}}))
	_, err := c.Rooms.Get(context.Background(), "r")
	require.ErrorIs(t, err, ErrRateLimited)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.Empty(t, ns.All(), "a long hint is not waited out")
	assert.Contains(t, err.Error(), "retry after 1h0m0s")
}

func TestRetryAfterHTTPDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	ns := &testutil.Waits{}
	c, mt := newTestClient(t, withSleep(ns.Sleep), withClock(func() time.Time { return now }))
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), sequence(
		status(503, "").HeaderSet(http.Header{"Retry-After": {now.Add(4 * time.Second).Format(http.TimeFormat)}}),
		status(200, roomBody)))
	_, err := c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{4 * time.Second}, ns.All())
}

func TestWaitPastDeadlineStopsNow(t *testing.T) {
	t.Parallel()
	ns := &testutil.Waits{}
	c, mt := newTestClient(t, withSleep(ns.Sleep))
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), status(429, "").HeaderSet(http.Header{"Retry-After": {"20"}}))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.Rooms.Get(ctx, "r")
	require.ErrorIs(t, err, ErrRateLimited)
	assert.Empty(t, ns.All())
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	sleep := func(ctx context.Context, d time.Duration) error {
		cancel() // the caller gives up while we wait
		<-ctx.Done()
		return ctx.Err()
	}
	c, mt := newTestClient(t, withSleep(sleep))
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), status(503, ""))
	_, err := c.Rooms.Get(ctx, "r")
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestMaxRetriesZero(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithMaxRetries(0))
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), status(503, ""))
	_, err := c.Rooms.Get(context.Background(), "r")
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestBodyResentOnRetry(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var bodies []string
	n := 0
	mt.RegisterResponder("POST", testutil.URL("/v2/rooms"), func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		n++
		if n == 1 {
			return httpmock.NewStringResponse(429, ""), nil
		}
		return httpmock.NewStringResponse(200, roomBody), nil
	})
	_, err := c.Rooms.Create(context.Background(), CreateRoomParams{CustomRoomID: "abc"})
	require.NoError(t, err)
	assert.Equal(t, []string{`{"customRoomId":"abc"}`, `{"customRoomId":"abc"}`}, bodies)
}

func TestUnauthorizedResignsOnce(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clock := now
	c, mt := newTestClient(t, withClock(func() time.Time { return clock }))
	var tokens []string
	answers := []int{200, 401, 200}
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), func(r *http.Request) (*http.Response, error) {
		tokens = append(tokens, r.Header.Get("Authorization"))
		code := answers[min(len(tokens)-1, len(answers)-1)]
		return httpmock.NewStringResponse(code, roomBody), nil
	})
	_, err := c.Rooms.Get(context.Background(), "r") // mints and caches a token
	require.NoError(t, err)
	clock = clock.Add(time.Second)                  // the re-signed token must differ (iat/exp move)
	_, err = c.Rooms.Get(context.Background(), "r") // cached token refused → re-sign → 200
	require.NoError(t, err)
	require.Len(t, tokens, 3)
	assert.Equal(t, tokens[0], tokens[1])
	assert.NotEqual(t, tokens[1], tokens[2])
	assert.Equal(t, int64(2), c.tokens.signed.Load())
}

func TestUnauthorizedFreshTokenIsFinal(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testutil.URL("/v2/rooms"), status(401, `{"message":"Token is invalid"}`))
	_, err := c.Rooms.Create(context.Background(), CreateRoomParams{})
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a freshly signed token is not signed again")
	// Now the token is cached: one 401 re-signs once, the second 401 is final.
	_, err = c.Rooms.Create(context.Background(), CreateRoomParams{})
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestManagementTokenCachedAndRefreshed(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := start
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	c, mt := newTestClient(t, withClock(now))
	var tokens []string
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), func(r *http.Request) (*http.Response, error) {
		tokens = append(tokens, r.Header.Get("Authorization"))
		return httpmock.NewStringResponse(200, roomBody), nil
	})
	for range 5 {
		_, err := c.Rooms.Get(context.Background(), "r")
		require.NoError(t, err)
	}
	assert.Equal(t, int64(1), c.tokens.signed.Load(), "signed once, not per call")
	mu.Lock()
	clock = start.Add(24*time.Hour - 61*time.Second) // still more than 60 s left
	mu.Unlock()
	_, err := c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	assert.Equal(t, int64(1), c.tokens.signed.Load())
	mu.Lock()
	clock = start.Add(24*time.Hour - 59*time.Second) // within 60 s of exp: re-sign
	mu.Unlock()
	_, err = c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	assert.Equal(t, int64(2), c.tokens.signed.Load())
	assert.NotEqual(t, tokens[0], tokens[len(tokens)-1])
}

// capture collects slog records.
type capture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}
func (c *capture) String() string { c.mu.Lock(); defer c.mu.Unlock(); return c.buf.String() }

func TestLoggerLinePerAttemptWithoutToken(t *testing.T) {
	t.Parallel()
	var out capture
	logger := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newTestClient(t, WithLogger(logger))
	var token string
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), sequence(
		status(503, ""),
		func(r *http.Request) (*http.Response, error) {
			token = r.Header.Get("Authorization")
			resp := httpmock.NewStringResponse(200, roomBody)
			resp.Header.Set("X-Request-Id", "req-42")
			return resp, nil
		}))
	_, err := c.Rooms.Get(context.Background(), "r")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2, out.String())
	assert.Contains(t, lines[0], `"status":503`)
	assert.Contains(t, lines[0], `"attempt":1`)
	assert.Contains(t, lines[1], `"status":200`)
	assert.Contains(t, lines[1], `"attempt":2`)
	assert.Contains(t, lines[1], `"request_id":"req-42"`)
	assert.Contains(t, lines[1], `"method":"GET"`)
	assert.Contains(t, lines[1], `"path":"/v2/rooms/r"`)
	assert.Contains(t, lines[1], `"latency"`)
	require.NotEmpty(t, token)
	assert.NotContains(t, out.String(), token)
	assert.NotContains(t, out.String(), testutil.TestSecret)
}

func TestSuccessBodyProblemsAreTyped(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"html":      "<html><body>Bad gateway</body></html>",
		"truncated": `{"id":"6819d3fb2c1e4a0013f0aa01","roomId":"tq7v`,
		"empty":     "",
		"string":    `"Room created"`,
		"array":     `[]`,
		"not room":  `{"hello":"world"}`,
		"null":      `null`,
	} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/rooms/r"), status(200, body))
		room, err := c.Rooms.Get(context.Background(), "r")
		assert.Nil(t, room, name)
		require.ErrorIs(t, err, ErrInvalidResponse, name)
		var re *ResponseError
		require.ErrorAs(t, err, &re, name)
		assert.Equal(t, 200, re.StatusCode, name)
		assert.Equal(t, "/v2/rooms/r", re.Path, name)
		assert.Equal(t, 1, mt.GetTotalCallCount(), name)
	}
}

func TestActionBodiesAreSuccess(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`"Participant removed"`, "Participant removed", "", `{"id":"x"}`} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("POST", testutil.URL("/v2/sessions/participants/remove"), status(200, body))
		_, err := c.Sessions.RemoveParticipant(context.Background(), RemoveParticipantParams{ParticipantID: "p", RoomID: "r"})
		assert.NoError(t, err, body)
	}
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testutil.URL("/v2/sessions/participants/remove"), status(204, ""))
	_, err := c.Sessions.RemoveParticipant(context.Background(), RemoveParticipantParams{ParticipantID: "p", RoomID: "r"})
	assert.NoError(t, err)
}

func TestNilContext(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	//lint:ignore SA1012 the nil context is the point of the test
	_, err := c.Rooms.Get(nil, "r") //nolint:staticcheck
	assert.ErrorIs(t, err, ErrInvalidParams)
	requireNoRequest(t, mt)
}

func TestPathf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		want    string
		wantErr bool
	}{
		{[]string{"abc"}, "/v2/x/abc/y", false},
		{[]string{"team standup"}, "/v2/x/team%20standup/y", false},
		{[]string{"a?b#c"}, "/v2/x/a%3Fb%23c/y", false},
		{[]string{"100%"}, "/v2/x/100%25/y", false},
		{[]string{"tq7v-m2xk-9hdp"}, "/v2/x/tq7v-m2xk-9hdp/y", false},
		{[]string{""}, "", true},
		{[]string{" "}, "", true},
		{[]string{"."}, "", true},
		{[]string{".."}, "", true},
		{[]string{"a..b"}, "", true},
		{[]string{"a/b"}, "", true},
		{[]string{"a\\b"}, "", true},
		{[]string{"a\nb"}, "", true},
		{[]string{"%2e%2e"}, "/v2/x/%252e%252e/y", false},
	}
	for _, tt := range tests {
		got, err := pathf("/v2/x/%s/y", []string{"id"}, tt.args...)
		if tt.wantErr {
			assert.ErrorIs(t, err, ErrInvalidParams, "%q", tt.args)
			continue
		}
		require.NoError(t, err, "%q", tt.args)
		assert.Equal(t, tt.want, got)
	}
}

// TestPackageDocIsAMap: the package doc, the entry point of `go doc`, opens
// with a map of the package that names its headline parts before any
// detail: the client, its services, tokens, webhooks, waiters, the fake
// (videosdktest) and the CLI.
func TestPackageDocIsAMap(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "client.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	require.NoError(t, err)
	require.NotNil(t, f.Doc)
	text := f.Doc.Text()
	intro, _, _ := strings.Cut(text, "\n# ")
	for _, want := range []string{
		"NewClient", "Client.Rooms", "GenerateToken", "ParseToken",
		"NewWebhookHandler", "ParseWebhook", "WaitForFile", "Wait",
		"github.com/videosdk-go/videosdk/videosdktest", "github.com/videosdk-go/videosdk/cmd/videosdk",
	} {
		assert.Contains(t, intro, want, "the package doc's opening map")
	}
}

// urlSecrets are planted in the URLs below; no error may quote them.
var urlSecrets = []string{"pa55word", "admin:", "tok-q-secret", "frag-secret", "sk-stream-key-42"}

// TestURLErrorsQuoteNoCredentials: a refused URL is described by its field,
// what is wrong and at most its scheme and host, never its user info, query
// values, fragment or path (where an RTMP stream key lives).
func TestURLErrorsQuoteNoCredentials(t *testing.T) {
	t.Parallel()
	base := map[string]string{
		"bad scheme":         "htps://admin:pa55word@api.example.com/v2?token=tok-q-secret",
		"no scheme":          "admin:pa55word@api.example.com",
		"no host":            "https://admin:pa55word@/v2?token=tok-q-secret",
		"unparseable":        "https://admin:pa55word@api.example.com:bad/v2?token=tok-q-secret",
		"bad escape":         "https://admin:pa55word@api.example.com/%zz?token=tok-q-secret",
		"user info":          "https://admin:pa55word@api.example.com",
		"query":              "https://api.example.com/v2?token=tok-q-secret",
		"fragment":           "https://api.example.com/v2#frag-secret",
		"control character":  "https://api.example.com/\x00?token=tok-q-secret",
		"other version":      "https://admin:pa55word@api.example.com/v1?token=tok-q-secret",
		"space in host":      "https://admin:pa55word@api example.com",
		"scheme typo + info": "http//admin:pa55word@api.example.com",
	}
	for name, raw := range base {
		_, err := NewClient("k", "s", WithBaseURL(raw))
		require.ErrorIs(t, err, ErrInvalidParams, name)
		assert.Contains(t, err.Error(), "base URL", name)
		for _, s := range urlSecrets {
			assert.NotContains(t, err.Error(), s, "%s: %v", name, err)
		}
	}

	c, mt := newTestClient(t)
	ctx := context.Background()
	rtmp := map[string]string{
		"scheme typo":     "rmtp://live.example.com/app/sk-stream-key-42",
		"no colon":        "rtmp//live.example.com/app/sk-stream-key-42",
		"http":            "https://live.example.com/app/sk-stream-key-42?token=tok-q-secret",
		"no host":         "rtmp:///app/sk-stream-key-42",
		"unparseable":     "rtmp://admin:pa55word@live.example.com:x/app/sk-stream-key-42",
		"user info typo ": "rtmps:/admin:pa55word@live.example.com/sk-stream-key-42",
	}
	for name, u := range rtmp {
		_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r", Outputs: []RTMPOutput{{URL: u, StreamKey: "k"}}})
		require.ErrorIs(t, err, ErrInvalidParams, name)
		assert.Contains(t, err.Error(), "outputs[0].url", name)
		for _, s := range urlSecrets {
			assert.NotContains(t, err.Error(), s, "%s: %v", name, err)
		}
	}

	hooks := []string{
		"htps://hooks.example.com/cb?token=tok-q-secret",
		"hooks.example.com/cb?token=tok-q-secret",
		"ftp://admin:pa55word@hooks.example.com/cb",
		"https://admin:pa55word@hooks.example.com:x/cb?token=tok-q-secret",
	}
	for _, u := range hooks {
		_, err := c.Rooms.Create(ctx, CreateRoomParams{Webhook: &RoomWebhook{EndPoint: u}})
		require.ErrorIs(t, err, ErrInvalidParams, u)
		assert.Contains(t, err.Error(), "webhook.endPoint", u)
		_, err2 := c.Recordings.Start(ctx, StartRecordingParams{RoomID: "r", WebhookURL: u, TemplateURL: "https://ok.example.com"})
		require.ErrorIs(t, err2, ErrInvalidParams, u)
		assert.Contains(t, err2.Error(), "webhookUrl", u)
		for _, err := range []error{err, err2} {
			for _, s := range urlSecrets {
				assert.NotContains(t, err.Error(), s, "%s: %v", u, err)
			}
		}
	}
	// A watermark image URL (transcodings).
	_, err := c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{"a"},
		Watermark: &TranscodingWatermark{Type: WatermarkImage, Image: "https://admin:pa55word@/logo.png?token=tok-q-secret"}})
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "watermark.image")
	for _, s := range urlSecrets {
		assert.NotContains(t, err.Error(), s, err.Error())
	}
	requireNoRequest(t, mt)
}

// TestBaseURLOtherAPIVersion: a base URL whose path ends in another API
// version is refused at construction (the SDK adds /v2 itself, so /v1 would
// call /v1/v2/rooms); a trailing /v2 is still removed.
func TestBaseURLOtherAPIVersion(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"https://api.videosdk.live/v1", "https://api.videosdk.live/v1/", "https://api.videosdk.live/v3",
		"https://gw.example.com/videosdk/v10", "https://api.videosdk.live/ai/v1", "https://api.videosdk.live/v0",
	} {
		_, err := NewClient("k", "s", WithBaseURL(raw))
		require.ErrorIs(t, err, ErrInvalidParams, raw)
		v := raw[strings.LastIndex(strings.TrimRight(raw, "/"), "/"):]
		assert.Contains(t, err.Error(), "ends in "+strings.TrimRight(v, "/"), raw)
		assert.Contains(t, err.Error(), "/v2", raw)
	}
	for _, raw := range []string{"https://api.videosdk.live/v2", "https://api.videosdk.live/v2/", "https://gw.example.com/v1x", "https://gw.example.com/videosdk", "https://gw.example.com/dev"} {
		_, err := NewClient("k", "s", WithBaseURL(raw))
		require.NoError(t, err, raw)
	}
	c, err := NewClient("k", "s", WithBaseURL("https://gw.example.com/videosdk/v2/"))
	require.NoError(t, err)
	assert.Equal(t, "videosdk.Client{baseURL: https://gw.example.com/videosdk}", fmt.Sprint(c))
}

// TestDecodeBodyIsUnmarshalThenNormalize: decodeBody decodes every top-level
// response type as wire.go says: on each real fixture the result must be
// exactly json.Unmarshal into the public type followed by its normalize
// (the legacy names taken), and bodies json.Unmarshal refuses (trailing data,
// truncation, bad syntax) must be refused, as a *ResponseError.
func TestDecodeBodyIsUnmarshalThenNormalize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fixture string
		newOut  func() any
	}{
		{"rooms_get.json", func() any { return new(Room) }},
		{"rooms_deactivate.json", func() any { return new(Room) }}, // legacy meetingId/userMeetingId
		{"recordings_get.json", func() any { return new(Recording) }},
		{"sessions_get.json", func() any { return new(Session) }},
		{"sessions_end.json", func() any { return new(Session) }},
		{"sessions_stats.json", func() any { return new(SessionStats) }},
		{"sessions_participant_stats.json", func() any { return new(ParticipantStats) }},
		{"participant_recordings_get.json", func() any { return new(ParticipantRecording) }},
		{"track_recordings_get.json", func() any { return new(TrackRecording) }},
		{"hls_get.json", func() any { return new(HLSStream) }},
		{"hls_start.json", func() any { return new(HLSStream) }},
		{"livestreams_get.json", func() any { return new(Livestream) }},
		{"merges_get.json", func() any { return new(Merge) }},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			body := testutil.Fixture(t, tc.fixture)
			want, got := tc.newOut(), tc.newOut()
			require.NoError(t, json.Unmarshal(body, want))
			n, ok := want.(normalizer)
			require.True(t, ok, "%T has no normalize", want)
			n.normalize()
			require.NoError(t, decodeBody("GET", "/x", &transport.Response{StatusCode: 200, Body: body}, got))
			assert.Equal(t, want, got)
			assert.False(t, reflect.ValueOf(got).Elem().IsZero(), "decoded nothing")

			var compact bytes.Buffer
			require.NoError(t, json.Compact(&compact, body))
			trimmed := compact.Bytes()
			for name, bad := range map[string][]byte{
				"trailing data":   append(append([]byte{}, trimmed...), []byte(` {"id":"x"}`)...),
				"trailing junk":   append(append([]byte{}, trimmed...), 'x'),
				"truncated":       trimmed[:len(trimmed)-1],
				"unquoted string": bytes.Replace(trimmed, []byte(`":"`), []byte(`":x"`), 1),
			} {
				require.Error(t, json.Unmarshal(bad, tc.newOut()), "%s: json.Unmarshal accepts it", name)
				err := decodeBody("GET", "/x", &transport.Response{StatusCode: 200, Body: bad, Header: http.Header{}}, tc.newOut())
				var re *ResponseError
				assert.True(t, errors.As(err, &re), "%s: got %v, want a *ResponseError", name, err)
			}
		})
	}
}
