package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

const (
	testKey    = "test-api-key"
	testSecret = "test-secret-never-printed-91c2"
)

func tokenHarness(t *testing.T) *harness {
	return newHarness(t, map[string]string{"VIDEOSDK_API_KEY": testKey, "VIDEOSDK_SECRET": testSecret})
}

// mint runs the token command and returns the verified claims.
func mint(t *testing.T, h *harness, args ...string) (string, *videosdk.Claims) {
	t.Helper()
	tok := strings.TrimSpace(h.ok(append([]string{"token"}, args...)...))
	claims, err := videosdk.ParseToken(tok, testSecret)
	require.NoError(t, err)
	return tok, claims
}

func TestTokenMint(t *testing.T) {
	t.Parallel()
	h := tokenHarness(t)

	_, c := mint(t, h)
	assert.Equal(t, testKey, c.APIKey)
	assert.Equal(t, []videosdk.Role{videosdk.RoleRTC}, c.Roles)
	assert.Equal(t, 2, c.Version)
	assert.Equal(t, []videosdk.Permission{videosdk.PermissionAllowJoin}, c.Permissions)
	assert.WithinDuration(t, time.Now().Add(2*time.Hour), c.ExpiresAt.Time, time.Minute)

	_, c = mint(t, h, "-room", "abcd-efgh-ijkl", "-participant", "asha", "-perm", "allow_join,allow_mod", "-ttl", "7d")
	assert.Equal(t, "abcd-efgh-ijkl", c.RoomID)
	assert.Equal(t, "asha", c.ParticipantID)
	assert.Equal(t, []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAllowMod}, c.Permissions)
	assert.WithinDuration(t, time.Now().Add(7*24*time.Hour), c.ExpiresAt.Time, time.Minute)

	_, c = mint(t, h, "-role", "none", "-ttl", "3600")
	assert.Empty(t, c.Roles)
	assert.Zero(t, c.Version)
	assert.WithinDuration(t, time.Now().Add(time.Hour), c.ExpiresAt.Time, time.Minute)

	_, c = mint(t, h, "-server", "-ttl", "90m")
	assert.Equal(t, []videosdk.Role{videosdk.RoleCrawler}, c.Roles)
	assert.Equal(t, []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAllowMod}, c.Permissions)

	var out struct {
		Token  string          `json:"token"`
		Claims videosdk.Claims `json:"claims"`
	}
	require.NoError(t, json.Unmarshal([]byte(h.ok("token", "-json", "-room", "r1")), &out))
	assert.Equal(t, "r1", out.Claims.RoomID)
	_, err := videosdk.ParseToken(out.Token, testSecret)
	require.NoError(t, err)

	// Flags win over the environment.
	_, err = videosdk.ParseToken(strings.TrimSpace(h.ok("token", "-secret", "other-secret")), "other-secret")
	require.NoError(t, err)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-ttl", "soon"}, "not a duration"},
		{[]string{"-ttl", "0s"}, "not a duration from 1s to 10 years"},
		{[]string{"-ttl", "-5m"}, "not a duration"},
		{[]string{"-ttl", "4000d"}, "not a whole number of days up to 3650"},
		{[]string{"-ttl", "99999999999999"}, "not a duration from 1s"},
		{[]string{"-perm", "allow_everything"}, `unknown permission "allow_everything"`},
		{[]string{"-role", "admin"}, `unknown role "admin"`},
		{[]string{"-server", "-room", "x"}, "it does not take -room"},
		{[]string{"extra"}, "takes no arguments"},
	} {
		r := h.run(append([]string{"token"}, tc.args...)...)
		assert.Equal(t, 2, r.code, "%v", tc.args)
		assert.Contains(t, r.stderr, tc.want, "%v", tc.args)
		assert.NotContains(t, r.output(), testSecret)
	}
	r := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": testKey}).run("token")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no API secret")
	r = newHarness(t, map[string]string{"VIDEOSDK_API_KEY": testKey, "VIDEOSDK_SECRET_KEY": testSecret}).run("token")
	assert.Equal(t, 0, r.code, "VIDEOSDK_SECRET_KEY is read too")
}

// A server token calls the API; a participant token is refused there.
func TestTokenAgainstFake(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	call := func(tok string) int {
		req, err := http.NewRequest("GET", srv.URL()+"/v2/rooms", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", tok)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	assert.Equal(t, 200, call(strings.TrimSpace(h.ok("token", "-server"))))
	assert.Equal(t, 403, call(strings.TrimSpace(h.ok("token"))))
}

// signed makes a token with the given header and claims, HS256-signed with secret
// unless the header names another algorithm (then the signature is junk).
func signed(t *testing.T, header, claims map[string]any, secret string) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	if header == nil {
		header = map[string]any{"alg": "HS256", "typ": "JWT"}
	}
	head, body := enc(header), enc(claims)
	if header["alg"] != "HS256" {
		return head + "." + body + ".c2lnbmF0dXJl"
	}
	sig, err := jwt.SigningMethodHS256.Sign(head+"."+body, []byte(secret))
	require.NoError(t, err)
	return head + "." + body + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// claimsAt are a good participant token's claims relative to now.
func claimsAt(now time.Time, extra map[string]any) map[string]any {
	c := map[string]any{
		"apikey": testKey, "permissions": []string{"allow_join"}, "version": 2, "roles": []string{"rtc"},
		"roomId": "abcd-efgh-ijkl", "iat": now.Add(-10 * time.Minute).Unix(), "exp": now.Add(110 * time.Minute).Unix(),
	}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	return c
}

// stableTimes replaces absolute times, which change from run to run.
func stableTimes(s string) string {
	s = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ`).ReplaceAllString(s, "TIME")
	return regexp.MustCompile(`"(exp|iat|nbf)": \d+`).ReplaceAllString(s, `"$1": UNIX`)
}

func TestTokenInspectGolden(t *testing.T) {
	t.Parallel()
	h := tokenHarness(t)
	now := h.now
	good := signed(t, nil, claimsAt(now, nil), testSecret)
	r := h.run("token", "inspect", good)
	require.Equal(t, 0, r.code, r.stderr)
	golden(t, "token_inspect_valid", stableTimes(r.stdout), nil)

	bad := signed(t, nil, claimsAt(now, map[string]any{
		"exp": now.Add(-3 * time.Hour).Unix(), "iat": now.Add(-5 * time.Hour).Unix(),
		"version": nil, "permissions": []string{"allow_join", "ask_join", "allow_everything"}, "custom": "x",
	}), "another-secret")
	r = h.run("token", "inspect", "Bearer "+bad, "-use", "server")
	assert.Equal(t, 1, r.code)
	golden(t, "token_inspect_problems", stableTimes(r.stdout), nil)
	assert.Equal(t, "videosdk: the token has problems (see above)\n", r.stderr)

	r = h.run("token", "inspect", bad, "-json", "-secret", "another-secret")
	assert.Equal(t, 1, r.code)
	golden(t, "token_inspect_problems_json", stableTimes(r.stdout), nil)
}

func TestTokenInspectExplains(t *testing.T) {
	t.Parallel()
	h := tokenHarness(t)
	noSecret := newHarness(t, nil)
	noSecret.now = h.now
	now := h.now
	for _, tc := range []struct {
		name   string
		h      *harness
		token  string
		args   []string
		code   int
		want   []string
		absent []string
	}{
		{"valid, verified", h, signed(t, nil, claimsAt(now, nil), testSecret), nil, 0,
			[]string{"valid (checked with $VIDEOSDK_SECRET)", "note:    Role rtc"}, nil},
		{"wrong secret", h, signed(t, nil, claimsAt(now, nil), testSecret), []string{"-secret", "wrong"}, 1,
			[]string{"INVALID: does not match the secret from -secret", "error:   The signature does not match"}, []string{"wrong"}},
		{"not verified without a secret", noSecret, signed(t, nil, claimsAt(now, nil), testSecret), nil, 0,
			[]string{"not checked: no secret"}, nil},
		{"expired", h, signed(t, nil, claimsAt(now, map[string]any{"exp": now.Add(-90 * time.Second).Unix()}), testSecret), nil, 1,
			[]string{"The token expired 1m30s ago, at ", "matches the secret from $VIDEOSDK_SECRET, but the token is refused"}, nil},
		{"no exp", h, signed(t, nil, claimsAt(now, map[string]any{"exp": nil}), testSecret), nil, 1,
			[]string{`There is no "exp" (expiry) claim`}, nil},
		{"exp not a number", h, signed(t, nil, claimsAt(now, map[string]any{"exp": "tomorrow"}), testSecret), nil, 1,
			[]string{`The "exp" claim is the string "tomorrow"; it must be a time in Unix seconds.`}, nil},
		{"not yet valid", h, signed(t, nil, claimsAt(now, map[string]any{"nbf": now.Add(time.Hour).Unix()}), testSecret), nil, 1,
			[]string{"(in 1h0m)", "The token is not valid yet: not before "}, nil},
		{"issued in the future", h, signed(t, nil, claimsAt(now, map[string]any{"iat": now.Add(time.Hour).Unix()}), testSecret), nil, 1,
			[]string{"issued in the future"}, nil},
		{"roomId without version", h, signed(t, nil, claimsAt(now, map[string]any{"version": nil, "roles": nil}), testSecret), nil, 1,
			[]string{`The token has "roomId" but not "version": 2`}, nil},
		{"version as a string", h, signed(t, nil, claimsAt(now, map[string]any{"version": "2"}), testSecret), nil, 1,
			[]string{`The "version" claim is the string "2"; it must be the number 2.`}, nil},
		{"version 1", h, signed(t, nil, claimsAt(now, map[string]any{"version": 1}), testSecret), nil, 1,
			[]string{`The "version" claim is 1; the only version is 2.`}, nil},
		{"ask_join with allow_join", h, signed(t, nil, claimsAt(now, map[string]any{"permissions": []string{"ask_join", "allow_join"}}), testSecret), nil, 0,
			[]string{"warning: The token has both allow_join and ask_join"}, nil},
		{"no permissions", h, signed(t, nil, claimsAt(now, map[string]any{"permissions": []string{}}), testSecret), nil, 1,
			[]string{"error:   There are no permissions; VideoSDK's claim table requires a non-empty list (the API refuses the token, 401)"}, nil},
		{"permissions missing", h, signed(t, nil, claimsAt(now, map[string]any{"permissions": nil}), testSecret), nil, 1,
			[]string{`error:   There is no "permissions" claim; VideoSDK's claim table makes it mandatory (the API refuses the token, 401)`}, nil},
		{"role in upper case", h, signed(t, nil, claimsAt(now, map[string]any{"roles": []string{"CRAWLER"}}), testSecret), []string{"-use", "server"}, 0,
			[]string{"note:    Role crawler: the token can call the server API"}, []string{"Unknown role"}},
		{"unknown permission and role", h, signed(t, nil, claimsAt(now, map[string]any{"permissions": []string{"allow_chat"}, "roles": []string{"admin"}}), testSecret), nil, 1,
			[]string{`Unknown permission "allow_chat"`, `Unknown role "admin"`}, nil},
		{"permissions not a list", h, signed(t, nil, claimsAt(now, map[string]any{"permissions": "allow_join"}), testSecret), nil, 1,
			[]string{`The "permissions" claim is the string "allow_join"; it must be an array of strings.`}, nil},
		{"rtc for the server API", h, signed(t, nil, claimsAt(now, nil), testSecret), []string{"-use", "server"}, 1,
			[]string{"role rtc only: it can join meetings but the server API refuses it (403)"}, nil},
		{"crawler to join", h, signed(t, nil, claimsAt(now, map[string]any{"roles": []string{"crawler"}}), testSecret), []string{"-use", "join"}, 1,
			[]string{"role crawler only: it can call the server API but cannot join a meeting"}, nil},
		{"crawler explained", h, signed(t, nil, claimsAt(now, map[string]any{"roles": []string{"crawler"}}), testSecret), nil, 0,
			[]string{"note:    Role crawler"}, nil},
		{"legacy unrestricted", h, signed(t, nil, claimsAt(now, map[string]any{"roles": nil, "version": nil, "roomId": nil}), testSecret), nil, 0,
			[]string{"No roles and no version: a legacy, unrestricted token"}, nil},
		{"no apikey", h, signed(t, nil, claimsAt(now, map[string]any{"apikey": nil}), testSecret), nil, 1,
			[]string{`There is no "apikey" claim`}, nil},
		{"another project's key", h, signed(t, nil, claimsAt(now, nil), testSecret), []string{"-api-key", "other-key"}, 0,
			[]string{`The token's apikey "test-api-key" is not the API key given`}, nil},
		{"Bearer prefix", h, "Bearer " + signed(t, nil, claimsAt(now, nil), testSecret), nil, 1,
			[]string{`The token starts with "Bearer "`, "Signature:    valid"}, nil},
		{"quoted", h, `"` + signed(t, nil, claimsAt(now, nil), testSecret) + `"`, nil, 0,
			[]string{"The token is in quotes"}, nil},
		{"HS512", h, signed(t, map[string]any{"alg": "HS512"}, claimsAt(now, nil), testSecret), nil, 1,
			[]string{"signed with HS512; VideoSDK accepts HS256", "not checked: only HS256 tokens can be"}, nil},
		{"alg none", h, signed(t, map[string]any{"alg": "none"}, claimsAt(now, nil), testSecret), nil, 1,
			[]string{`The token is not signed (alg "none")`}, nil},
		{"an API key", h, "3fa85f64-5717-4562-b3fc-2c963f66afa6", nil, 1,
			[]string{"This is not a token but looks like an API key (a UUID)"}, []string{"3fa85f64"}},
		{"a secret", h, "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d", nil, 1,
			[]string{"looks like an API secret. Never send the secret"}, []string{"9c1d2e3f"}},
		{"a dashboard key", h, "pk_live_51abcdEFGHij", nil, 1,
			[]string{"looks like an API key. The API wants a token"}, []string{"pk_live"}},
		{"two parts", h, "eyJhbGciOiJIUzI1NiJ9.e30", nil, 1,
			[]string{"This is not a JWT: a token has three parts separated by dots; this has 2."}, nil},
		{"header not JSON", h, "bm90IGpzb24.e30.c2ln", nil, 1,
			[]string{"The first part (header) is not base64url-encoded JSON"}, nil},
		{"claims not JSON", h, "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", nil, 1,
			[]string{"The second part (claims) is not base64url-encoded JSON"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.h.run(append([]string{"token", "inspect", tc.token}, tc.args...)...)
			assert.Equal(t, tc.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, w := range tc.want {
				assert.Contains(t, r.stdout, w)
			}
			for _, a := range append(tc.absent, testSecret) {
				assert.NotContains(t, r.output(), a)
			}
		})
	}
}

func TestTokenInspectStdinAndUsage(t *testing.T) {
	t.Parallel()
	h := tokenHarness(t)
	now := h.now
	tok := signed(t, nil, claimsAt(now, nil), testSecret)
	r := h.runIn(context.Background(), tok+"\n", "token", "inspect", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Signature:    valid")

	r = h.run("token", "inspect")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "takes TOKEN, got 0 argument(s)")
	r = h.runIn(context.Background(), "  \n", "token", "inspect", "-")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "the token is empty")
	r = h.run("token", "inspect", tok, "-use", "both")
	assert.Equal(t, 2, r.code)
}

// Done when: a minted token passes inspect with the secret and fails with a wrong one.
func TestMintedTokenInspects(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": testKey})
	tok := strings.TrimSpace(h.ok("token", "-secret", testSecret, "-room", "abcd-efgh-ijkl"))
	r := newHarness(t, nil).run("token", "inspect", tok, "-secret", testSecret)
	assert.Equal(t, 0, r.code, r.stdout)
	assert.Contains(t, r.stdout, "valid (checked with -secret)")
	r = newHarness(t, nil).run("token", "inspect", tok, "-secret", "wrong-secret")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "INVALID")
}

// TestTokenInspectEscapesTerminalControls: claim values, claim names and the
// alg header reach the terminal made printable (they cannot clear the
// screen or hide the Signature line); -json stays exact JSON.
func TestTokenInspectEscapesTerminalControls(t *testing.T) {
	t.Parallel()
	h := tokenHarness(t)
	tok := signed(t, nil, claimsAt(h.now, map[string]any{"roomId": hostile, hostile: hostile, "participantId": "p\u009b1A"}), testSecret)
	r := h.run("token", "inspect", tok)
	assertPrintable(t, r.stdout)
	assertPrintable(t, r.stderr)
	assert.Contains(t, r.stdout, `\x1B[2J`)
	assert.Contains(t, r.stdout, "Signature:")

	forged := signed(t, map[string]any{"alg": "none\x1b[1A\x1b[2K", "typ": "JWT"}, claimsAt(h.now, nil), testSecret)
	r = h.run("token", "inspect", forged)
	assertPrintable(t, r.stdout)
	assertPrintable(t, r.stderr)
	assert.Contains(t, r.stdout, `none\x1B[1A`)

	r = h.run("token", "inspect", tok, "-json")
	var in struct {
		Claims map[string]any `json:"claims"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &in), r.stdout)
	assert.Equal(t, hostile[:len(hostile)-1]+"\uFFFD", in.Claims["roomId"], "exact (the invalid byte was already replaced when the token was encoded)")
	assert.Equal(t, "p\u009b1A", in.Claims["participantId"])
}

// TestTokenInspectRecognisesConfiguredCredentials: pasting the configured
// secret or API key where a token belongs is named for what it is (the
// secret is never called "an API key").
func TestTokenInspectRecognisesConfiguredCredentials(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, secret string }{
		{"test-api-key", "test-secret-never-printed-91c2"},
		{"0f8e7d6c-5b4a-4321-8fed-cba987654321", "abcdefabcdefabcdefabcdefabcdefabcdefabcd"},
		{"a1b2c3d4e5f6a7b8c9d0", "5f3c2b1a-0e9d-4c8b-a7f6-e5d4c3b2a190"}, // a secret shaped like a UUID
	} {
		h := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": tc.key, "VIDEOSDK_SECRET": tc.secret})
		r := h.run("token", "inspect", tc.secret)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stdout, "This is your API secret ($VIDEOSDK_SECRET)", tc.secret)
		assert.NotContains(t, r.stdout, "API key", tc.secret)
		assert.NotContains(t, r.output(), tc.secret)
		r = h.run("token", "inspect", tc.key)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stdout, "This is your API key ($VIDEOSDK_API_KEY)", tc.key)
	}
}
