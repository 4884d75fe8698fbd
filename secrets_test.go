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
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/transport"
)

const (
	leakKey    = "rel-api-key-0042"
	leakSecret = "rel-SECRET-q8Zt3Wm1xVb7"
)

// lockedBuffer is an io.Writer safe for the concurrent log lines of parallel calls.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

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
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	check := &leakCheck{}
	ctx := context.Background()
	var serverTokens []string
	var clients []*Client

	newClient := func(base string, opts ...Option) *Client {
		tr := &http.Transport{}
		t.Cleanup(tr.CloseIdleConnections)
		c, err := NewClient(leakKey, leakSecret, append([]Option{WithBaseURL(base), WithLogger(logger),
			WithHTTPClient(&http.Client{Transport: tr}), withSleep((&waitRecorder{}).sleep)}, opts...)...)
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
		srv := newScriptServer(t, row.steps...)
		var opts []Option
		if row.timeout > 0 {
			opts = append(opts, WithRequestTimeout(100*time.Millisecond))
		}
		c := newClient(srv.URL, opts...)
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
	c := newLoopbackClient(t, api.URL, &waitRecorder{})
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
