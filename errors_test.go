package videosdk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

func TestParseErrorBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body, msg, code string
	}{
		{`{"message":"Room not found","code":"ROOM_NOT_FOUND"}`, "Room not found", "ROOM_NOT_FOUND"},
		{`{"error":"Token is invalid"}`, "Token is invalid", ""},
		{`{"msg":"bad","errorCode":4001}`, "bad", "4001"},
		{`{"statusMessage":"Unauthorized","code":401}`, "Unauthorized", "401"},
		{`{"error":{"message":"nested","code":"E1"}}`, "nested", "E1"},
		{`{"message":"","error":"second"}`, "second", ""},
		{`"Room not found."`, "Room not found.", ""},
		{`Room not found.`, "Room not found.", ""},
		{"  \n", "", ""},
		{``, "", ""},
		{`{"unexpected":true}`, "", ""},
		{`{"message":{"deep":1}}`, "", ""},
		{`{"message":"x"`, `{"message":"x"`, ""},
		{`<html><title>502</title></html>`, `<html><title>502</title></html>`, ""},
	}
	for _, tt := range tests {
		msg, code := parseErrorBody([]byte(tt.body))
		assert.Equal(t, tt.msg, msg, tt.body)
		assert.Equal(t, tt.code, code, tt.body)
	}
	long := strings.Repeat("é", 600)
	msg, _ := parseErrorBody([]byte(long))
	assert.LessOrEqual(t, len(msg), 520)
	assert.True(t, strings.HasSuffix(msg, "…"))
}

func TestAPIErrorIs(t *testing.T) {
	t.Parallel()
	tests := map[int]error{
		400: ErrBadRequest, 422: ErrBadRequest, 401: ErrUnauthorized, 402: ErrNotFound, 403: ErrForbidden,
		404: ErrNotFound, 409: ErrConflict, 429: ErrRateLimited, 500: ErrServer, 501: ErrServer, 503: ErrServer, 599: ErrServer,
	}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer, ErrInvalidParams, ErrInvalidResponse}
	for status, want := range tests {
		err := fmt.Errorf("wrapped: %w", &APIError{StatusCode: status})
		for _, s := range all {
			assert.Equal(t, s == want, errors.Is(err, s), "status %d vs %v", status, s)
		}
	}
	assert.False(t, errors.Is(&APIError{StatusCode: 418}, ErrBadRequest))
	assert.ErrorIs(t, &APIError{StatusCode: 402}, ErrNotFound)
	assert.ErrorIs(t, &APIError{StatusCode: 429}, ErrRateLimited)
	assert.ErrorIs(t, invalidParams("x"), ErrInvalidParams)
}

func TestAPIErrorFromResponse(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	resp := httpmock.NewStringResponse(404, `{"message":"Room not found","code":"E404"}`)
	resp.Header.Set("X-Request-Id", "req-9")
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/abc"), httpmock.ResponderFromResponse(resp))
	_, err := c.Rooms.Get(context.Background(), "abc")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "Room not found", apiErr.Message)
	assert.Equal(t, "E404", apiErr.Code)
	assert.Equal(t, "req-9", apiErr.RequestID)
	assert.Equal(t, "GET", apiErr.Method)
	assert.Equal(t, "/v2/rooms/abc", apiErr.Path)
	assert.Equal(t, 1, apiErr.Attempts)
	assert.JSONEq(t, `{"message":"Room not found","code":"E404"}`, string(apiErr.Body))
	assert.Equal(t, "videosdk: GET /v2/rooms/abc: 404 Not Found: Room not found [E404] (request id req-9)", apiErr.Error())
}

func TestRequestIDFallbackHeader(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/abc"), httpmock.NewStringResponder(409, "conflict").HeaderSet(http.Header{"Request-Id": {"alt-1"}}))
	_, err := c.Rooms.Get(context.Background(), "abc")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "alt-1", apiErr.RequestID)
	assert.ErrorIs(t, err, ErrConflict)
}

func TestErrorBodyCapped(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	big := strings.Repeat("x", 3<<20)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/abc"), httpmock.NewStringResponder(400, big))
	_, err := c.Rooms.Get(context.Background(), "abc")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, 1<<20)
	assert.Less(t, len(apiErr.Error()), 1024)
}

// TestRedaction: no error, log or %v/%+v/%#v output contains the secret or a token.
func TestRedaction(t *testing.T) {
	t.Parallel()
	var logs capture
	c, mt := newTestClient(t, withLoggerTo(&logs))
	var tokens []string
	mt.RegisterResponder("GET", "=~/v2/rooms/", func(r *http.Request) (*http.Response, error) {
		tokens = append(tokens, r.Header.Get("Authorization"))
		return httpmock.NewStringResponse(401, `{"message":"Token is invalid"}`), nil
	})
	mt.RegisterResponder("POST", "=~/v2/rooms", func(r *http.Request) (*http.Response, error) {
		tokens = append(tokens, r.Header.Get("Authorization"))
		return nil, errors.New("connection reset by peer")
	})
	_, err1 := c.Rooms.Get(context.Background(), "abc")
	_, err2 := c.Rooms.Create(context.Background(), CreateRoomParams{})
	_, err3 := c.Rooms.Get(context.Background(), "a/b")
	_, err4 := ParseToken("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln", testutil.TestSecret)
	_, err5 := NewClient("k", "")
	require.NotEmpty(t, tokens)
	participant, err := c.GenerateToken(TokenParams{RoomID: "r"})
	require.NoError(t, err)

	var outputs []string
	for _, v := range []any{c, *c, c.cfg, c.cfg.creds, c.tokens, err1, err2, err3, err4, err5, c.Rooms} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outputs = append(outputs, fmt.Sprintf(verb, v))
		}
	}
	outputs = append(outputs, logs.String())
	for _, e := range []error{err1, err2, err3, err4, err5} {
		require.Error(t, e)
		outputs = append(outputs, e.Error())
	}
	secrets := append([]string{testutil.TestSecret, participant}, tokens...)
	for _, out := range outputs {
		for _, s := range secrets {
			require.NotContains(t, out, s)
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", c), "api.videosdk.test")
}

func withLoggerTo(w *capture) Option {
	return WithLogger(newDebugLogger(w))
}

func TestResponseErrorMessage(t *testing.T) {
	t.Parallel()
	e := &ResponseError{StatusCode: 200, Method: "GET", Path: "/v2/x", Reason: "not a JSON object", RequestID: "r1"}
	assert.Equal(t, "videosdk: GET /v2/x: 200: invalid response body: not a JSON object (request id r1)", e.Error())
	assert.ErrorIs(t, e, ErrInvalidResponse)
	_ = time.Second
}

// A proxy that echoes request headers into its error page must not put the
// management token into the error value.
func TestEchoedTokenIsRedacted(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithMaxRetries(0))
	var sent string
	echo := func(status int) httpmock.Responder {
		return func(r *http.Request) (*http.Response, error) {
			sent = r.Header.Get("Authorization")
			return httpmock.NewStringResponse(status, `{"message":"bad token `+sent+`","echo":"`+sent+`"}`), nil
		}
	}
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/a"), echo(502))
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms/b"), echo(200))
	_, err1 := c.Rooms.Get(context.Background(), "a")
	_, err2 := c.Rooms.Get(context.Background(), "b")
	require.NotEmpty(t, sent)
	for _, err := range []error{err1, err2} {
		require.Error(t, err)
		assert.NotContains(t, err.Error(), sent)
		assert.NotContains(t, fmt.Sprintf("%+v", err), sent)
	}
	var apiErr *APIError
	require.ErrorAs(t, err1, &apiErr)
	assert.NotContains(t, string(apiErr.Body), sent)
	assert.Contains(t, apiErr.Message, "bad token [redacted]")
	var respErr *ResponseError
	require.ErrorAs(t, err2, &respErr)
	assert.NotContains(t, string(respErr.Body), sent)
}

// TestRedirectPhraseOnlyForRedirects: a 304 or a 300 is not described as a
// redirect that was not followed; the five redirect statuses are.
func TestRedirectPhraseOnlyForRedirects(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]bool{300: false, 304: false, 301: true, 302: true, 303: true, 307: true, 308: true} {
		e := newAPIError("POST", "/v2/rooms", &transport.Response{StatusCode: status, Header: http.Header{"Location": {"https://h/x?q=1"}}})
		assert.Equal(t, want, strings.Contains(e.Error(), "redirect to https://h/x not followed"), status)
		assert.Equal(t, want, e.Location != "", status)
	}
}
