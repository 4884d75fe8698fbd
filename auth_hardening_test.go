package videosdk

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTTLUnderOneSecondIsRefused: TTL is a time.Duration, so TTL: 3600 (meant
// as seconds) is 3.6 µs and used to give a token that was already expired.
func TestTTLUnderOneSecondIsRefused(t *testing.T) {
	t.Parallel()
	c, err := NewClient(tKey, tSecret)
	require.NoError(t, err)
	for _, ttl := range []time.Duration{1, 3600, 86400, time.Millisecond, 999 * time.Millisecond} {
		tok, err := GenerateToken(tKey, tSecret, TokenParams{TTL: ttl})
		assert.Empty(t, tok)
		require.ErrorIs(t, err, ErrInvalidParams, "TTL %d", ttl)
		assert.Contains(t, err.Error(), "bare number of seconds")
		_, err = c.GenerateToken(TokenParams{TTL: ttl})
		require.ErrorIs(t, err, ErrInvalidParams, "TTL %d", ttl)
	}
	tok, err := GenerateToken(tKey, tSecret, TokenParams{TTL: time.Second})
	require.NoError(t, err)
	_, err = ParseToken(tok, tSecret)
	require.NoError(t, err)
}

// respell returns seg with its last base64url character replaced by each
// character that decodes to the same bytes (the unused low bits differ).
func respell(t *testing.T, seg string) []string {
	t.Helper()
	want, err := base64.RawURLEncoding.DecodeString(seg)
	require.NoError(t, err)
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var out []string
	for _, c := range alphabet {
		v := seg[:len(seg)-1] + string(c)
		if v == seg {
			continue
		}
		if got, err := base64.RawURLEncoding.DecodeString(v); err == nil && string(got) == string(want) {
			out = append(out, v)
		}
	}
	return out
}

// TestParseTokenCanonicalOnly: one token has one spelling. The signature's
// last character had four spellings that all verified, and a trailing
// newline was accepted (base64 decoders skip \r and \n).
func TestParseTokenCanonicalOnly(t *testing.T) {
	t.Parallel()
	good, err := GenerateToken(tKey, tSecret, TokenParams{RoomID: "r", Roles: []Role{RoleRTC}})
	require.NoError(t, err)
	_, err = ParseToken(good, tSecret)
	require.NoError(t, err)
	parts := strings.Split(good, ".")
	require.Len(t, parts, 3)
	require.NotZero(t, len(parts[2])%4, "a 32-byte signature ends in a character with unused bits")

	variants := map[string]string{
		"trailing newline": good + "\n",
		"trailing CRLF":    good + "\r\n",
		"leading space":    " " + good,
		"trailing space":   good + " ",
		"newline inside":   parts[0] + "." + parts[1][:10] + "\n" + parts[1][10:] + "." + parts[2],
		"padded signature": good + strings.Repeat("=", 4-len(parts[2])%4),
		"tab":              good + "\t",
	}
	alts := respell(t, parts[2])
	require.Len(t, alts, 3, "the other three spellings of the signature's last character")
	for i, alt := range alts {
		variants["signature spelling "+string(rune('1'+i))] = parts[0] + "." + parts[1] + "." + alt
	}
	if len(parts[1])%4 != 0 {
		for i, alt := range respell(t, parts[1]) {
			variants["payload spelling "+string(rune('1'+i))] = parts[0] + "." + alt + "." + parts[2]
		}
	}
	for name, tok := range variants {
		c, err := ParseToken(tok, tSecret)
		assert.Nil(t, c, name)
		assert.ErrorIs(t, err, ErrInvalidToken, name)
	}
	t.Logf("%d other spellings of one token refused", len(variants))
}

// TestParseTokenSizeBound: a huge token is refused by its length, before any
// decoding or signature check.
func TestParseTokenSizeBound(t *testing.T) {
	t.Parallel()
	huge := "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat("A", 22<<20) + ".c2ln"
	c, err := ParseToken(huge, tSecret)
	assert.Nil(t, c)
	require.ErrorIs(t, err, ErrInvalidToken)
	assert.Contains(t, err.Error(), "longer than")
	assert.Less(t, len(err.Error()), 200)
	// A token with large custom claims under the bound still parses.
	big, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"apikey": tKey, "exp": time.Now().Add(time.Hour).Unix(),
		"custom": strings.Repeat("x", 4000)}).SignedString([]byte(tSecret))
	require.NoError(t, err)
	_, err = ParseToken(big, tSecret)
	require.NoError(t, err)
}

// TestParseTokenLeeway: the documented 5 s of clock leeway on exp.
func TestParseTokenLeeway(t *testing.T) {
	t.Parallel()
	sign := func(exp time.Time) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"apikey": tKey, "exp": exp.Unix()}).SignedString([]byte(tSecret))
		require.NoError(t, err)
		return s
	}
	_, err := ParseToken(sign(time.Now().Add(-2*time.Second)), tSecret)
	require.NoError(t, err, "expired 2 s ago: within the leeway")
	_, err = ParseToken(sign(time.Now().Add(-30*time.Second)), tSecret)
	require.ErrorIs(t, err, ErrInvalidToken, "expired 30 s ago")
}

// TestParseTokenVersionForms: VideoSDK's .NET example signs "version": "2"
// (a string); ParseToken reads it as 2. Claim names are matched exactly, as
// the service's JSON parser does (Go's encoding/json alone would take
// "APIKEY" for "apikey").
func TestParseTokenVersionForms(t *testing.T) {
	t.Parallel()
	exp := time.Now().Add(time.Hour).Unix()
	sign := func(c jwt.MapClaims) string {
		c["exp"] = exp
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte(tSecret))
		require.NoError(t, err)
		return s
	}
	for name, tc := range map[string]struct {
		claims  jwt.MapClaims
		version int
	}{
		"string": {jwt.MapClaims{"apikey": tKey, "version": "2", "roomId": "r"}, 2},
		"number": {jwt.MapClaims{"apikey": tKey, "version": 2}, 2},
		"float":  {jwt.MapClaims{"apikey": tKey, "version": 2.0}, 2},
		"absent": {jwt.MapClaims{"apikey": tKey}, 0},
		"null":   {jwt.MapClaims{"apikey": tKey, "version": nil}, 0},
	} {
		c, err := ParseToken(sign(tc.claims), tSecret)
		require.NoError(t, err, name)
		assert.Equal(t, tc.version, c.Version, name)
		assert.Equal(t, tKey, c.APIKey, name)
	}
	for name, claims := range map[string]jwt.MapClaims{
		"word":     {"apikey": tKey, "version": "two"},
		"fraction": {"apikey": tKey, "version": 2.5},
		"array":    {"apikey": tKey, "version": []int{2}},
		"bool":     {"apikey": tKey, "version": true},
	} {
		c, err := ParseToken(sign(claims), tSecret)
		assert.Nil(t, c, name)
		assert.ErrorIs(t, err, ErrInvalidToken, name)
	}

	c, err := ParseToken(sign(jwt.MapClaims{"APIKEY": tKey, "RoomId": "r", "ROLES": []string{"crawler"}, "Version": 2}), tSecret)
	require.NoError(t, err)
	assert.Empty(t, c.APIKey, "APIKEY is not apikey")
	assert.Empty(t, c.RoomID)
	assert.Empty(t, c.Roles)
	assert.Zero(t, c.Version)
	// EXP is not exp either: without exp the token is refused.
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"apikey": tKey, "EXP": exp}).SignedString([]byte(tSecret))
	require.NoError(t, err)
	_, err = ParseToken(s, tSecret)
	require.ErrorIs(t, err, ErrInvalidToken)
}
