package videosdk

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoServer plays a proxy or gateway that echoes what it received: the
// Authorization token (and, for the secret rows, the API secret) comes back
// in the places a server controls. Each path is one way of echoing.
type echoServer struct {
	*httptest.Server
	mu     sync.Mutex
	tokens []string
}

func (s *echoServer) sent() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.tokens...)
}

func newEchoServer(t *testing.T) *echoServer {
	t.Helper()
	s := &echoServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("Authorization")
		s.mu.Lock()
		s.tokens = append(s.tokens, tok)
		s.mu.Unlock()
		escaped := strings.ReplaceAll(tok, ".", `\u002e`)
		h := w.Header()
		h.Set("Content-Type", "application/json")
		switch strings.TrimPrefix(r.URL.Path, "/v2/rooms/") {
		case "request-id": // the token as the request id, on an error
			h.Set("X-Request-Id", "req "+tok)
			w.WriteHeader(500)
			_, _ = w.Write([]byte(`{"message":"boom"}`))
		case "request-id-fallback": // in Request-Id, on a success whose body is unusable
			h.Set("Request-Id", tok)
			_, _ = w.Write([]byte(`<html>` + tok + `</html>`))
		case "escaped-body": // inside JSON strings written with \u002e for the dots
			w.WriteHeader(403)
			_, _ = fmt.Fprintf(w, `{"message":"token %s refused","code":"%s","echo":{"authorization":"%s"}}`, escaped, escaped, escaped)
		case "escaped-first-letter": // the first letter escaped too, so "eyJ" never appears
			w.WriteHeader(400)
			_, _ = fmt.Fprintf(w, `{"error":"\u0065%s"}`, escaped[1:])
		case "decode-error": // a field that fails to decode, quoted by the decoder
			_, _ = fmt.Fprintf(w, `{"roomId":"r-1","createdAt":"%s"}`, tok)
		case "decode-error-escaped":
			_, _ = fmt.Fprintf(w, `{"roomId":"r-1","createdAt":"%s"}`, escaped)
		case "secret": // the API secret itself, in the body and the request id
			h.Set("X-Request-Id", leakSecret)
			w.WriteHeader(502)
			_, _ = fmt.Fprintf(w, `{"message":"key %s","code":"%s"}`, leakSecret, strings.ReplaceAll(leakSecret, "-", `\u002d`))
		case "loop": // a GET redirect loop whose Location carries the token
			h.Set("Location", "/v2/rooms/loop?echo="+tok+"#"+tok)
			w.WriteHeader(302)
		case "loop-path":
			h.Set("Location", "/v2/rooms/loop-path/"+tok)
			w.WriteHeader(302)
		case "bad-status": // a malformed status line net/http quotes in its error
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				panic(err)
			}
			_, _ = buf.WriteString("HTTP/1.1 " + tok + "\r\n\r\n")
			_ = buf.Flush()
			_ = conn.Close()
		default:
			if strings.HasPrefix(r.URL.Path, "/v2/rooms/loop-path/") {
				h.Set("Location", "/v2/rooms/loop-path/"+tok)
				w.WriteHeader(302)
				return
			}
			if r.Method == http.MethodPost { // a redirect answering a POST
				h.Set("Location", "https://user:"+tok+"@elsewhere.example/"+tok+"?token="+tok)
				w.WriteHeader(307)
				return
			}
			w.WriteHeader(404)
		}
	}))
	t.Cleanup(s.Server.Close)
	return s
}

// TestEchoedSecretsAreRedacted: a token or secret a server sends back never
// reaches Error(), any field of an *APIError or *ResponseError, a wrapped
// error, a formatted value of any of them, or a WithLogger line.
func TestEchoedSecretsAreRedacted(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := NewClient(leakKey, leakSecret, WithBaseURL(srv.URL), WithLogger(logger), WithMaxRetries(0),
		WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	ctx := context.Background()

	check := &leakCheck{}
	cases := []string{"request-id", "request-id-fallback", "escaped-body", "escaped-first-letter", "decode-error",
		"decode-error-escaped", "secret", "loop", "loop-path", "bad-status"}
	for _, name := range cases {
		var err error
		check.run(name, func() error { _, err = c.Rooms.Get(ctx, name); return err })
		require.Error(t, err, name)
	}
	var postErr error
	check.run("post-redirect", func() error { _, postErr = c.Rooms.Create(ctx, CreateRoomParams{}); return postErr })
	var ae *APIError
	require.ErrorAs(t, postErr, &ae)
	assert.Equal(t, "https://elsewhere.example/[redacted]", ae.Location)

	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		check.add("log", line)
	}
	sent := srv.sent()
	require.NotEmpty(t, sent)
	leaks := check.leaks(secretsIn(sent...))
	assert.Empty(t, leaks)
	// The escaped forms must not survive either.
	var escaped []string
	for _, tok := range sent {
		escaped = append(escaped, strings.ReplaceAll(tok, ".", `\u002e`), strings.ReplaceAll(tok, ".", `\u002e`)[1:])
	}
	assert.Empty(t, check.leaks(escaped))
	t.Logf("echoed secrets: %d texts checked from %d requests, %d leaks", len(check.texts), len(sent), len(leaks))
}

// TestRedactionKeepsMatching: a redacted wrapped error still matches what
// the original matched.
func TestRedactionKeepsMatching(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newLoopbackClient(t, srv.URL, &waitRecorder{}, WithMaxRetries(0))
	_, err := c.Rooms.Get(context.Background(), "decode-error")
	var re *ResponseError
	require.ErrorAs(t, err, &re)
	require.Error(t, re.Err)
	assert.Contains(t, re.Err.Error(), "[redacted]")
	assert.ErrorIs(t, err, ErrInvalidResponse)
}

// hasControl reports a control or invisible formatting character.
func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// TestErrorTextIsOneBoundedLine: server text with line breaks and terminal
// escapes, and a 1 MiB request id, reach Error() escaped and capped; the
// fields are capped too.
func TestErrorTextIsOneBoundedLine(t *testing.T) {
	t.Parallel()
	bigID := strings.Repeat("r", 1<<20)
	forged := "boom\n2026-01-01 INFO user=admin logged in\x1b[2J\x1b]0;pwned\x07\r\u202eevil"
	c, mt := newTestClient(t, WithMaxRetries(0))
	mt.RegisterResponder("GET", "=~/v2/rooms/api$", func(*http.Request) (*http.Response, error) {
		resp := &http.Response{StatusCode: 500, Header: http.Header{"X-Request-Id": {bigID + "\n"}},
			Body: readCloser(`{"message":"` + jsonEscape(forged) + `","code":"C\u000aD"}`)}
		return resp, nil
	})
	mt.RegisterResponder("GET", "=~/v2/rooms/resp$", func(*http.Request) (*http.Response, error) {
		resp := &http.Response{StatusCode: 200, Header: http.Header{"X-Request-Id": {"id\x1b[31m" + bigID}},
			Body: readCloser(`{"roomId":"r","createdAt":"` + jsonEscape(forged) + `"}`)}
		return resp, nil
	})
	mt.RegisterResponder("POST", "=~/v2/rooms$", func(*http.Request) (*http.Response, error) {
		resp := &http.Response{StatusCode: 308, Header: http.Header{"Location": {"/v2/x\u2028y/" + bigID}}, Body: readCloser("")}
		return resp, nil
	})
	_, err1 := c.Rooms.Get(context.Background(), "api")
	_, err2 := c.Rooms.Get(context.Background(), "resp")
	_, err3 := c.Rooms.Create(context.Background(), CreateRoomParams{})
	for _, err := range []error{err1, err2, err3} {
		require.Error(t, err)
		msg := err.Error()
		assert.False(t, hasControl(msg), "control character in %q", msg)
		assert.Less(t, len(msg), 2048, "Error() is bounded")
	}
	assert.Contains(t, err1.Error(), `boom\n2026-01-01 INFO`)
	assert.Contains(t, err1.Error(), `\x1B[2J`)
	assert.Contains(t, err1.Error(), `\u202Eevil`)
	var ae *APIError
	require.ErrorAs(t, err1, &ae)
	assert.LessOrEqual(t, len(ae.RequestID), maxRequestID+len("…"))
	assert.LessOrEqual(t, len(ae.Code), maxCode+len("…"))
	var re *ResponseError
	require.ErrorAs(t, err2, &re)
	assert.LessOrEqual(t, len(re.RequestID), maxRequestID+len("…"))
	require.ErrorAs(t, err3, &ae)
	assert.LessOrEqual(t, len(ae.Location), maxLocation+len("…"))
}

func readCloser(s string) *readCloserT { return &readCloserT{Reader: strings.NewReader(s)} }

type readCloserT struct{ *strings.Reader }

func (*readCloserT) Close() error { return nil }

// jsonEscape writes s as the inside of a JSON string.
func jsonEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
