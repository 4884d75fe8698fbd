package videosdk

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

const (
	tKey    = "api-key-1234"
	tSecret = "secret-abcdef-0123456789"
)

// parseStrict verifies like a server would, independently of ParseToken.
func parseStrict(t *testing.T, tok string, now time.Time) *Claims {
	t.Helper()
	var c Claims
	parsed, err := jwt.ParseWithClaims(tok, &c, func(*jwt.Token) (any, error) { return []byte(tSecret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired(), jwt.WithTimeFunc(func() time.Time { return now }))
	require.NoError(t, err)
	assert.Equal(t, "HS256", parsed.Header["alg"])
	assert.Equal(t, "JWT", parsed.Header["typ"])
	return &c
}

func TestGenerateTokenClaims(t *testing.T) {
	t.Parallel()
	before := time.Now().Truncate(time.Second)
	tok, err := GenerateToken(tKey, tSecret, TokenParams{
		Permissions:   []Permission{PermissionAllowJoin, PermissionAllowMod},
		RoomID:        "tq7v-m2xk-9hdp",
		ParticipantID: "p8x2kq1z",
		Roles:         []Role{RoleRTC},
		TTL:           10 * time.Minute,
	})
	require.NoError(t, err)
	assert.False(t, strings.HasPrefix(tok, "Bearer"))
	c := parseStrict(t, tok, time.Now())
	assert.Equal(t, tKey, c.APIKey)
	assert.Equal(t, []Permission{PermissionAllowJoin, PermissionAllowMod}, c.Permissions)
	assert.Equal(t, 2, c.Version, "set automatically with roomId/participantId/roles")
	assert.Equal(t, "tq7v-m2xk-9hdp", c.RoomID)
	assert.Equal(t, "p8x2kq1z", c.ParticipantID)
	assert.Equal(t, []Role{RoleRTC}, c.Roles)
	require.NotNil(t, c.ExpiresAt)
	require.NotNil(t, c.IssuedAt)
	assert.WithinDuration(t, before.Add(10*time.Minute), c.ExpiresAt.Time, 2*time.Second)
	assert.True(t, c.IssuedAt.Time.Before(time.Now()), "iat back-dated")
}

func TestGenerateTokenDefaults(t *testing.T) {
	t.Parallel()
	tok, err := GenerateToken(tKey, tSecret, TokenParams{})
	require.NoError(t, err)
	c := parseStrict(t, tok, time.Now())
	assert.Equal(t, []Permission{PermissionAllowJoin}, c.Permissions, "no moderator grant unless asked")
	assert.Zero(t, c.Version, "no v2-only claims: version left out")
	assert.Empty(t, c.Roles)
	assert.Empty(t, c.RoomID)
	assert.WithinDuration(t, time.Now().Add(DefaultTokenTTL), c.ExpiresAt.Time, 2*time.Second)

	// The raw payload carries only the documented claim names.
	parts := strings.Split(tok, ".")
	require.Len(t, parts, 3)
	payload, err := jwt.NewParser().DecodeSegment(parts[1])
	require.NoError(t, err)
	assert.NotContains(t, string(payload), "roomId")
	assert.Contains(t, string(payload), `"apikey":"api-key-1234"`)
	assert.Contains(t, string(payload), `"permissions":["allow_join"]`)

	tok, err = GenerateToken(tKey, tSecret, TokenParams{Version: 2, Permissions: []Permission{PermissionAskJoin}})
	require.NoError(t, err)
	c = parseStrict(t, tok, time.Now())
	assert.Equal(t, 2, c.Version)
	assert.Equal(t, []Permission{PermissionAskJoin}, c.Permissions)
}

func TestGenerateTokenDoesNotAliasParams(t *testing.T) {
	t.Parallel()
	perms := []Permission{PermissionAllowJoin}
	p := TokenParams{Permissions: perms}
	_, err := GenerateToken(tKey, tSecret, p)
	require.NoError(t, err)
	assert.Equal(t, []Permission{PermissionAllowJoin}, perms)
}

func TestGenerateTokenInvalid(t *testing.T) {
	t.Parallel()
	tests := map[string]TokenParams{
		"permission": {Permissions: []Permission{"allow_everything"}},
		"role":       {Roles: []Role{"admin"}},
		"version 1":  {Version: 1, RoomID: "r"},
		"negative v": {Version: -1},
		"ttl":        {TTL: -time.Second},
	}
	for name, p := range tests {
		tok, err := GenerateToken(tKey, tSecret, p)
		assert.Empty(t, tok, name)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	_, err := GenerateToken("", tSecret, TokenParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = GenerateToken(tKey, "", TokenParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
}

func TestClientGenerateToken(t *testing.T) {
	t.Parallel()
	c, err := NewClient(tKey, tSecret)
	require.NoError(t, err)
	tok, err := c.GenerateToken(TokenParams{RoomID: "r1", Roles: []Role{RoleRTC}})
	require.NoError(t, err)
	claims, err := ParseToken(tok, tSecret)
	require.NoError(t, err)
	assert.Equal(t, tKey, claims.APIKey)
	assert.Equal(t, "r1", claims.RoomID)
	assert.Equal(t, 2, claims.Version)
}

func TestParseToken(t *testing.T) {
	t.Parallel()
	good, err := GenerateToken(tKey, tSecret, TokenParams{RoomID: "r"})
	require.NoError(t, err)
	c, err := ParseToken(good, tSecret)
	require.NoError(t, err)
	assert.Equal(t, "r", c.RoomID)

	expired := mustSign(t, jwt.SigningMethodHS256, &Claims{APIKey: tKey, RegisteredClaims: jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(-time.Hour))}}, []byte(tSecret))
	noExp := mustSign(t, jwt.SigningMethodHS256, &Claims{APIKey: tKey}, []byte(tSecret))
	hs512 := mustSign(t, jwt.SigningMethodHS512, &Claims{APIKey: tKey, RegisteredClaims: jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}}, []byte(tSecret))
	none := mustSign(t, jwt.SigningMethodNone, &Claims{APIKey: tKey, RegisteredClaims: jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}}, jwt.UnsafeAllowNoneSignatureType)

	for name, tok := range map[string]string{
		"wrong secret": good, "expired": expired, "no exp": noExp, "HS512": hs512, "alg none": none,
		"garbage": "not.a.jwt", "empty": "",
	} {
		secret := tSecret
		if name == "wrong secret" {
			secret = "another-secret"
		}
		claims, err := ParseToken(tok, secret)
		assert.Nil(t, claims, name)
		require.ErrorIs(t, err, ErrInvalidToken, name)
		if tok != "" {
			assert.NotContains(t, err.Error(), tok, name)
		}
		assert.NotContains(t, err.Error(), secret, name)
	}
	_, err = ParseToken(good, "")
	assert.ErrorIs(t, err, ErrInvalidParams)
}

func mustSign(t *testing.T, m jwt.SigningMethod, c *Claims, key any) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	require.NoError(t, err)
	return s
}

func TestManagementTokenClaims(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	src := &tokenSource{creds: &credentials{apiKey: tKey, secret: []byte(tSecret)}, now: func() time.Time { return now }}
	tok, minted, err := src.Token()
	require.NoError(t, err)
	assert.True(t, minted)
	c := parseStrict(t, tok, now)
	assert.Equal(t, tKey, c.APIKey)
	assert.Equal(t, 2, c.Version)
	assert.Equal(t, []Role{RoleCrawler}, c.Roles)
	assert.Equal(t, []Permission{PermissionAllowJoin, PermissionAllowMod}, c.Permissions)
	assert.True(t, now.Add(24*time.Hour).Equal(c.ExpiresAt.Time), "exp %v", c.ExpiresAt)
	assert.True(t, now.Add(-issuedAtSkew).Equal(c.IssuedAt.Time), "iat %v", c.IssuedAt)

	again, minted, err := src.Token()
	require.NoError(t, err)
	assert.False(t, minted)
	assert.Equal(t, tok, again)

	src.Invalidate("some other token")
	again, _, _ = src.Token()
	assert.Equal(t, tok, again, "invalidating a stale token keeps the current one")
	src.Invalidate(tok)
	now = now.Add(time.Second)
	again, minted, _ = src.Token()
	assert.True(t, minted)
	assert.NotEqual(t, tok, again)
}

func TestManagementTokenConcurrentRefreshSignsOnce(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	src := &tokenSource{creds: &credentials{apiKey: tKey, secret: []byte(tSecret)}, now: clock}
	run := func() map[string]int {
		seen := map[string]int{}
		var smu sync.Mutex
		var wg sync.WaitGroup
		for range 200 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tok, _, err := src.Token()
				assert.NoError(t, err)
				smu.Lock()
				seen[tok]++
				smu.Unlock()
			}()
		}
		wg.Wait()
		return seen
	}
	assert.Len(t, run(), 1)
	assert.Equal(t, int64(1), src.signed.Load())
	mu.Lock()
	now = now.Add(24 * time.Hour) // past the refresh point
	mu.Unlock()
	assert.Len(t, run(), 1)
	assert.Equal(t, int64(2), src.signed.Load())
}

func TestLooksLikeJWT(t *testing.T) {
	t.Parallel()
	assert.True(t, looksLikeJWT("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig"))
	assert.False(t, looksLikeJWT("b1f0e3a2-6c1d-4e8f-9a7b-0123456789ab"))
	assert.False(t, looksLikeJWT("eyJ.short"))
}

// TestGenerateTokenRefusesOversizedClaims: GenerateToken never mints a token
// ParseToken refuses for its length. Around the 8 KiB limit every token it
// signs parses, every refusal is ErrInvalidParams, and a 1 MB roomId is
// refused.
func TestGenerateTokenRefusesOversizedClaims(t *testing.T) {
	t.Parallel()
	const key, secret = "a-project-api-key", "a-project-secret-of-some-length"
	_, err := GenerateToken(key, secret, TokenParams{RoomID: strings.Repeat("r", 1<<20)})
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "8192")
	signed, refused, longest := 0, 0, 0
	for n := 5500; n < 6500; n++ {
		tok, err := GenerateToken(key, secret, TokenParams{RoomID: strings.Repeat("r", n)})
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidParams, "roomId of %d bytes", n)
			refused++
			continue
		}
		signed++
		longest = max(longest, len(tok))
		_, err = ParseToken(tok, secret)
		require.NoError(t, err, "roomId of %d bytes: a %d-byte token", n, len(tok))
	}
	assert.NotZero(t, signed)
	assert.NotZero(t, refused)
	assert.Greater(t, longest, 8192-4, "refused only what would be over the limit (base64 grows by 4)")
}

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

const goroutines = 500

// fakeClock is a clock seam that only moves when the test moves it.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock(t time.Time) *fakeClock {
	c := &fakeClock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// tokenServer answers every request with a room after checking the token's
// signature and claims; tokens in revoked get a 401. It counts distinct tokens.
type tokenServer struct {
	*httptest.Server
	clock    *fakeClock
	mu       sync.Mutex
	seen     map[string]int
	revoked  map[string]bool
	requests atomic.Int64
	invalid  atomic.Int64
}

func newTokenServer(t *testing.T, clock *fakeClock) *tokenServer {
	s := &tokenServer{clock: clock, seen: map[string]int{}, revoked: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		tok := r.Header.Get("Authorization")
		var c testutil.ManagementClaims
		// Leeway: a request can still be in flight, with the token it was
		// given, when the test moves the clock a day ahead.
		_, err := jwt.ParseWithClaims(tok, &c, func(*jwt.Token) (any, error) { return []byte(testutil.TestSecret), nil },
			jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired(), jwt.WithTimeFunc(clock.Now), jwt.WithLeeway(24*time.Hour))
		s.mu.Lock()
		s.seen[tok]++
		revoked := s.revoked[tok]
		s.mu.Unlock()
		if err != nil || c.APIKey != testutil.TestAPIKey {
			s.invalid.Add(1)
			revoked = true
		}
		w.Header().Set("Content-Type", "application/json")
		if revoked {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"message":"Token is invalid or expired"}`))
			return
		}
		_, _ = w.Write([]byte(roomJSON))
	}))
	t.Cleanup(s.Server.Close)
	return s
}

func (s *tokenServer) tokens() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.seen))
	for k, v := range s.seen {
		out[k] = v
	}
	return out
}

func newSharedClient(t *testing.T, url string, clock *fakeClock) *Client {
	tr := &http.Transport{MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(url),
		WithHTTPClient(&http.Client{Transport: tr}), withClock(clock.Now), withSleep((&testutil.Waits{}).Sleep))
	require.NoError(t, err)
	return c
}

// TestConcurrentTokenExpiry: 500 goroutines share one Client while the
// management token expires twice under them. Every call succeeds and each
// expiry re-signs the token exactly once.
func TestConcurrentTokenExpiry(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 6, 12, 0, 0, 0, time.UTC)
	clock := newFakeClock(start)
	srv := newTokenServer(t, clock)
	c := newSharedClient(t, srv.URL, clock)

	// Three phases of one call per goroutine. Between phases the clock moves
	// past the refresh point, then all 500 goroutines are released at once, so
	// every expiry is crossed by 500 concurrent calls racing to re-sign. The
	// phases are barriers, not timing: the outcome does not depend on speed.
	const callsEach = 3
	var failed atomic.Int64
	var wg sync.WaitGroup
	ctx := context.Background()
	step := managementTokenTTL - refreshBefore + time.Second
	for phase := range callsEach {
		if phase > 0 {
			clock.Advance(step)
		}
		release := make(chan struct{})
		for i := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-release
				if _, err := c.Rooms.Get(ctx, fmt.Sprintf("r-%d-%d", i, phase)); err != nil {
					failed.Add(1)
					t.Errorf("call failed: %v", err)
				}
			}()
		}
		close(release)
		wg.Wait()
		assert.EqualValues(t, phase+1, c.tokens.signed.Load(), "tokens signed after phase %d", phase)
	}
	wg.Wait()

	assert.Zero(t, failed.Load(), "failed calls")
	assert.Zero(t, srv.invalid.Load(), "invalid tokens at the server")
	assert.EqualValues(t, goroutines*callsEach, srv.requests.Load(), "requests (no retries were needed)")
	assert.EqualValues(t, 3, c.tokens.signed.Load(), "tokens signed: one, then one per expiry")
	seen := srv.tokens()
	assert.Len(t, seen, 3, "distinct tokens at the server")
	// Each token was signed at one of the three clock positions.
	iats := map[time.Time]bool{}
	for tok := range seen {
		var cl testutil.ManagementClaims
		_, _, err := jwt.NewParser().ParseUnverified(tok, &cl)
		require.NoError(t, err)
		iats[cl.IssuedAt.Add(issuedAtSkew).UTC()] = true
	}
	assert.Equal(t, map[time.Time]bool{start: true, start.Add(step): true, start.Add(2 * step): true}, iats)
	t.Logf("concurrency: %d goroutines, %d calls, %d tokens signed, %d distinct tokens at the server",
		goroutines, srv.requests.Load(), c.tokens.signed.Load(), len(seen))
}

// TestConcurrentRevokedToken: the cached token is refused with 401 while 500
// goroutines use it. Each call re-signs at most once and succeeds, and only
// one new token is signed for all of them.
func TestConcurrentRevokedToken(t *testing.T) {
	t.Parallel()
	clock := newFakeClock(time.Date(2026, 5, 6, 12, 0, 0, 0, time.UTC))
	srv := newTokenServer(t, clock)
	c := newSharedClient(t, srv.URL, clock)
	ctx := context.Background()
	_, err := c.Rooms.Get(ctx, "warm")
	require.NoError(t, err)
	old := c.tokens.cur.Load().token
	srv.mu.Lock()
	srv.revoked[old] = true
	srv.mu.Unlock()
	clock.Advance(time.Second) // the replacement is a different token

	var wg sync.WaitGroup
	var failed atomic.Int64
	for i := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Rooms.Create(ctx, CreateRoomParams{CustomRoomID: fmt.Sprintf("room-%d", i)}); err != nil {
				failed.Add(1)
				t.Errorf("call failed: %v", err)
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, failed.Load())
	assert.EqualValues(t, 2, c.tokens.signed.Load(), "one token re-signed for all 500 refusals")
	seen := srv.tokens()
	assert.Len(t, seen, 2)
	// Each call ended with one request on the new token, after at most one
	// 401 on the old one.
	delete(seen, old)
	for _, n := range seen {
		assert.Equal(t, goroutines, n, "requests with the new token")
	}
	assert.LessOrEqual(t, srv.requests.Load(), int64(1+2*goroutines))
}
