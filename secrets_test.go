package videosdk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
	"unicode"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

const (
	leakKey    = "rel-api-key-0042"
	leakSecret = "rel-SECRET-q8Zt3Wm1xVb7"
)

// leakCheck collects every text a user can see and checks it for secrets.
type leakCheck struct {
	texts  []string
	labels []string
	panics int
}

func (l *leakCheck) add(label, text string) {
	l.labels = append(l.labels, label)
	l.texts = append(l.texts, text)
}

// addValue records v printed with every verb that could show internals.
func (l *leakCheck) addValue(label string, v any) {
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		l.add(label+" "+verb, fmt.Sprintf(verb, v))
	}
}

// addErr records err and every typed error inside it.
func (l *leakCheck) addErr(label string, err error) {
	if err == nil {
		return
	}
	l.addValue(label, err)
	var (
		ae *APIError
		re *ResponseError
		te *transport.Error
		pe *paramError
		ke *tokenError
	)
	if errors.As(err, &ae) {
		l.addValue(label+" APIError", ae)
		l.addValue(label+" APIError value", *ae)
		l.add(label+" APIError.Message", ae.Message)
		l.add(label+" APIError.Code", ae.Code)
		l.add(label+" APIError.RequestID", ae.RequestID)
		l.add(label+" APIError.Location", ae.Location)
		l.add(label+" APIError.Body", string(ae.Body))
	}
	if errors.As(err, &re) {
		l.addValue(label+" ResponseError", re)
		l.add(label+" ResponseError.Reason", re.Reason)
		l.add(label+" ResponseError.RequestID", re.RequestID)
		l.add(label+" ResponseError.Body", string(re.Body))
		if re.Err != nil {
			l.addValue(label+" ResponseError.Err", re.Err)
		}
	}
	if errors.As(err, &te) {
		l.addValue(label+" transport.Error", te)
	}
	if errors.As(err, &pe) {
		l.addValue(label+" paramError", pe)
	}
	if errors.As(err, &ke) {
		l.addValue(label+" tokenError", ke)
	}
	for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
		l.addValue(label+" unwrapped", u)
	}
}

// run calls f, recording its error and any panic.
func (l *leakCheck) run(label string, f func() error) {
	defer func() {
		if p := recover(); p != nil {
			l.panics++
			l.add(label+" panic", fmt.Sprint(p))
		}
	}()
	l.addErr(label, f())
}

// secretsIn returns the secret and the tokens (whole, and their signature
// part, which alone would let nobody forge but still must not be printed).
func secretsIn(tokens ...string) []string {
	out := []string{leakSecret}
	for _, tok := range tokens {
		if tok == "" {
			continue
		}
		out = append(out, tok, tok[strings.LastIndexByte(tok, '.')+1:])
	}
	return out
}

// leaks returns "label: secret-prefix" for every text that contains a secret.
func (l *leakCheck) leaks(secrets []string) []string {
	var out []string
	// One pass per text over all secrets at once (a Replacer builds a trie);
	// only a text that contains one is searched secret by secret.
	const marker = "\x00LEAK\x00"
	var pairs []string
	for _, s := range secrets {
		pairs = append(pairs, s, marker)
	}
	any := strings.NewReplacer(pairs...)
	for i, text := range l.texts {
		if !strings.Contains(any.Replace(text), marker) {
			continue
		}
		for _, s := range secrets {
			if strings.Contains(text, s) {
				out = append(out, fmt.Sprintf("%s leaks %q…: %.300s", l.labels[i], s[:min(len(s), 12)], text))
			}
		}
	}
	return out
}

// TestSecretsNeverLeak drives every error path the SDK has against a loopback
// server, with a debug logger attached, and checks that no error text, no
// formatting of an error, Client or config, no log line and no panic contains
// the secret or a token the server received.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	logs := &testutil.SyncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	check := &leakCheck{}
	ctx := context.Background()
	var serverTokens []string
	var clients []*Client

	newClient := func(base string, opts ...Option) *Client {
		tr := &http.Transport{}
		t.Cleanup(tr.CloseIdleConnections)
		c, err := NewClient(leakKey, leakSecret, append([]Option{WithBaseURL(base), WithLogger(logger),
			WithHTTPClient(&http.Client{Transport: tr}), withSleep((&testutil.Waits{}).Sleep)}, opts...)...)
		require.NoError(t, err)
		clients = append(clients, c)
		return c
	}

	// Every server-side failure of the fault matrix, for every method.
	var rows []matrixRow
	for _, r := range errorStatusRows() {
		for _, f := range []fault{faultJSON, faultHTML, faultTruncated, faultEmpty} {
			r.steps = []step{{status: r.steps[0].status, fault: f, header: r.steps[0].header}}
			rows = append(rows, r)
		}
	}
	rows = append(rows, otherRows()...)
	for _, row := range rows {
		if row.dialFail || row.steps[0].fault == faultHuge || row.steps[0].fault == faultOversize {
			continue
		}
		if row.timeout > 0 {
			// Per-attempt timeouts: waited out in a bubble, on an in-memory
			// network, so they take no real time.
			synctest.Test(t, func(t *testing.T) {
				srv, hc := newVirtualScriptServer(t, row.steps...)
				c, err := NewClient(leakKey, leakSecret, WithBaseURL(srv.URL), WithLogger(logger), WithHTTPClient(hc),
					withSleep((&testutil.Waits{}).Sleep), WithRequestTimeout(100*time.Millisecond))
				require.NoError(t, err)
				clients = append(clients, c)
				for _, m := range matrixMethods {
					check.run(row.name+"/"+m.name, func() error { _, err := m.call(ctx, c); return err })
				}
				srv.mu.Lock()
				serverTokens = append(serverTokens, srv.tokens...)
				srv.mu.Unlock()
			})
			continue
		}
		srv := newScriptServer(t, row.steps...)
		c := newClient(srv.URL)
		if row.warm {
			_, err := c.Rooms.Get(ctx, "warm")
			require.NoError(t, err)
		}
		for _, m := range matrixMethods {
			check.run(row.name+"/"+m.name, func() error { _, err := m.call(ctx, c); return err })
		}
		srv.mu.Lock()
		serverTokens = append(serverTokens, srv.tokens...)
		srv.mu.Unlock()
	}
	require.NotEmpty(t, serverTokens)

	// A refused connection.
	dead := newClient("http://" + closedPort(t))
	for _, m := range matrixMethods {
		check.run("dial-refused/"+m.name, func() error { _, err := m.call(ctx, dead); return err })
	}

	// Arguments refused before any request.
	c := clients[0]
	check.run("empty id", func() error { _, err := c.Rooms.Get(ctx, ""); return err })
	check.run("dot-dot id", func() error { _, err := c.Rooms.Get(ctx, ".."); return err })
	check.run("slash id", func() error { _, err := c.Rooms.Validate(ctx, "a/b"); return err })
	check.run("bad enum", func() error {
		_, err := c.Rooms.Create(ctx, CreateRoomParams{AutoCloseConfig: &AutoCloseConfig{Type: "never"}})
		return err
	})
	check.run("bad page", func() error {
		_, err := c.Rooms.List(ctx, ListRoomsParams{ListOptions: ListOptions{PerPage: -1}})
		return err
	})
	//lint:ignore SA1012 a nil context is one of the error paths
	check.run("nil ctx", func() error { _, err := c.Rooms.Get(nil, "r"); return err }) //nolint:staticcheck

	// Options and constructors.
	check.run("NewClient empty key", func() error { _, err := NewClient("", leakSecret); return err })
	check.run("NewClient JWT as key", func() error { _, err := NewClient(serverTokens[0], leakSecret); return err })
	check.run("WithBaseURL user info", func() error {
		_, err := NewClient(leakKey, leakSecret, WithBaseURL("https://user:"+leakSecret+"@api.example.com"))
		return err
	})
	check.run("WithBaseURL bad scheme", func() error { _, err := NewClient(leakKey, leakSecret, WithBaseURL("ftp://x")); return err })
	check.run("WithMaxRetries", func() error { _, err := NewClient(leakKey, leakSecret, WithMaxRetries(-1)); return err })

	// Tokens: signing errors and every way ParseToken refuses one.
	tok, err := c.GenerateToken(TokenParams{RoomID: "r-1", Roles: []Role{RoleRTC}})
	require.NoError(t, err)
	expired, err := generateToken(leakKey, []byte(leakSecret), TokenParams{TTL: time.Minute}, time.Now().Add(-time.Hour))
	require.NoError(t, err)
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"apikey": leakKey}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	require.NoError(t, err)
	hs512, err := jwt.NewWithClaims(jwt.SigningMethodHS512, jwt.MapClaims{"apikey": leakKey, "exp": time.Now().Add(time.Hour).Unix()}).SignedString([]byte(leakSecret))
	require.NoError(t, err)
	tampered := tok[:strings.LastIndexByte(tok, '.')+1] + "AAAA" + tok[strings.LastIndexByte(tok, '.')+1:]
	badTokens := map[string]string{"expired": expired, "alg none": none, "HS512": hs512, "tampered": tampered,
		"truncated": tok[:len(tok)-5], "two segments": tok[:strings.LastIndexByte(tok, '.')], "garbage": "not-a-token"}
	for name, bt := range badTokens {
		check.run("ParseToken "+name, func() error { _, err := ParseToken(bt, leakSecret); return err })
	}
	check.run("ParseToken wrong secret", func() error { _, err := ParseToken(tok, "other-secret"); return err })
	check.run("ParseToken empty secret", func() error { _, err := ParseToken(tok, ""); return err })
	check.run("GenerateToken bad permission", func() error {
		_, err := GenerateToken(leakKey, leakSecret, TokenParams{Permissions: []Permission{"root"}})
		return err
	})
	check.run("GenerateToken bad role", func() error { _, err := c.GenerateToken(TokenParams{Roles: []Role{"admin"}}); return err })
	check.run("GenerateToken version", func() error { _, err := c.GenerateToken(TokenParams{RoomID: "r", Version: 1}); return err })

	// A Client used without NewClient panics; the panic must not print secrets either.
	check.run("zero Client", func() error { _, err := (&Client{}).Rooms.Get(ctx, "r"); return err })
	require.Equal(t, 1, check.panics, "only the zero-Client call panics")

	// The Client, its config and its services, with every verb.
	for i, cl := range clients[:3] {
		label := fmt.Sprintf("client %d", i)
		check.addValue(label, cl)
		check.addValue(label+" value", *cl)
		check.addValue(label+" config", cl.cfg)
		check.addValue(label+" config value", *cl.cfg)
		check.addValue(label+" credentials", cl.cfg.creds)
		check.addValue(label+" Rooms", cl.Rooms)
	}

	// Every debug log line.
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Greater(t, len(lines), len(rows), "a debug line per attempt")
	for _, line := range lines {
		check.add("log", line)
	}

	distinct := map[string]bool{tok: true, expired: true, hs512: true}
	for _, st := range serverTokens {
		distinct[st] = true
	}
	for _, cl := range clients {
		if cur := cl.tokens.cur.Load(); cur != nil {
			distinct[cur.token] = true
		}
	}
	var all []string
	for st := range distinct {
		all = append(all, st)
	}
	secrets := secretsIn(all...)
	require.Empty(t, check.leaks(secrets))
	// The check itself finds a token, its signature alone, and the secret.
	canary := &leakCheck{}
	canary.add("canary token", "Authorization: "+serverTokens[0])
	canary.add("canary signature", "sig="+serverTokens[0][strings.LastIndexByte(serverTokens[0], '.')+1:]+"&")
	canary.add("canary secret", "key="+leakSecret)
	canary.add("canary clean", "nothing to see")
	require.Len(t, canary.leaks(secrets), 4, "token, signature (also inside the token) and secret found")
	t.Logf("secrets: %d texts checked (errors and typed errors with %%v %%+v %%#v %%s %%q, Client/config, %d log lines, %d recovered panic) for the secret and %d distinct tokens (%d requests)",
		len(check.texts), len(lines), check.panics, len(distinct), len(serverTokens))
}

// TestRedirectDropsToken: an API answer that redirects to another host does
// not take the management token along (net/http drops Authorization on a
// redirect to a host that is neither the same nor a subdomain).
func TestRedirectDropsToken(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("Authorization"))
		mu.Unlock()
		w.WriteHeader(401)
	}))
	t.Cleanup(other.Close)
	// Same address, other name: "localhost" instead of "127.0.0.1".
	target := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	api := newScriptServer(t, step{status: 302, fault: faultEmpty, header: map[string]string{"Location": target + "/v2/rooms/r-1"}})
	c := newLoopbackClient(t, api.URL, &testutil.Waits{})
	_, err := c.Rooms.Get(context.Background(), "r-1")
	require.ErrorIs(t, err, ErrUnauthorized)
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []string{""}, got, "the redirect target got no token")
	api.mu.Lock()
	defer api.mu.Unlock()
	require.Len(t, api.tokens, 1)
	require.NotEmpty(t, api.tokens[0], "the API itself got the token")
}

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
	logs := &testutil.SyncBuffer{}
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
	c := newLoopbackClient(t, srv.URL, &testutil.Waits{}, WithMaxRetries(0))
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
