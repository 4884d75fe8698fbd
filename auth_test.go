package videosdk

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
