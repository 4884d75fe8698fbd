package videosdk

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Permission is a grant in a VideoSDK token.
type Permission string

// Permissions understood by VideoSDK.
const (
	// PermissionAllowJoin lets the holder join a meeting directly.
	PermissionAllowJoin Permission = "allow_join"
	// PermissionAskJoin makes the holder ask to be admitted.
	PermissionAskJoin Permission = "ask_join"
	// PermissionAllowMod lets the holder moderate others (mute, remove, control recording).
	PermissionAllowMod Permission = "allow_mod"
)

// Role restricts what a token may be used for.
type Role string

// Roles understood by VideoSDK.
const (
	// RoleCrawler tokens may call the server API only; they cannot join meetings.
	RoleCrawler Role = "crawler"
	// RoleRTC tokens may join meetings only; they cannot call the server API.
	RoleRTC Role = "rtc"
)

// DefaultTokenTTL is the lifetime of a token minted with TokenParams.TTL == 0.
const DefaultTokenTTL = 2 * time.Hour

// managementTokenTTL and refreshBefore follow the official Node SDK: the
// Client's own token lives 24h and is re-signed 60s before it expires.
const (
	managementTokenTTL = 24 * time.Hour
	refreshBefore      = 60 * time.Second
	// issuedAtSkew back-dates iat so a server whose clock runs slightly behind
	// ours does not see a token from the future.
	issuedAtSkew = 5 * time.Second
)

// TokenParams describes a token to mint, typically a participant token handed
// to a front end.
type TokenParams struct {
	// Permissions granted. Empty means [PermissionAllowJoin]; the moderator grant
	// PermissionAllowMod is only included when asked for.
	Permissions []Permission
	// Version of the token format. 2 is set automatically when RoomID,
	// ParticipantID or Roles are used; any other non-zero value is then an error.
	Version int
	// RoomID restricts the token to one room.
	RoomID string
	// ParticipantID restricts the token to one participant id.
	ParticipantID string
	// Roles restricts the token's use; RoleRTC is the right choice for a token
	// given to a browser or app (it cannot call the server API).
	Roles []Role
	// TTL is the token lifetime; 0 means DefaultTokenTTL (2h). It is a
	// time.Duration: a value under one second (such as a bare 3600) is refused.
	TTL time.Duration
}

// Claims are the claims of a VideoSDK token. They are read by their exact
// names, as VideoSDK's service reads them (see UnmarshalJSON).
type Claims struct {
	APIKey        string       `json:"apikey"`
	Permissions   []Permission `json:"permissions,omitempty"`
	Version       int          `json:"version,omitempty"`
	RoomID        string       `json:"roomId,omitempty"`
	ParticipantID string       `json:"participantId,omitempty"`
	Roles         []Role       `json:"roles,omitempty"`
	jwt.RegisteredClaims
}

// UnmarshalJSON reads the claims by their exact names, as VideoSDK's service
// does: encoding/json alone would also take "APIKEY" or "Exp" for apikey and
// exp. version may be a number or a string holding a whole number ("2", as
// VideoSDK's .NET example signs it).
func (c *Claims) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*c = Claims{}
	for _, f := range [...]struct {
		name string
		dst  any
	}{
		{"apikey", &c.APIKey}, {"permissions", &c.Permissions}, {"roomId", &c.RoomID},
		{"participantId", &c.ParticipantID}, {"roles", &c.Roles},
		{"iss", &c.Issuer}, {"sub", &c.Subject}, {"aud", &c.Audience}, {"exp", &c.ExpiresAt},
		{"nbf", &c.NotBefore}, {"iat", &c.IssuedAt}, {"jti", &c.ID},
	} {
		if raw, ok := m[f.name]; ok {
			if err := json.Unmarshal(raw, f.dst); err != nil {
				return fmt.Errorf("claim %q: %w", f.name, err)
			}
		}
	}
	if raw, ok := m["version"]; ok {
		v, err := tokenVersion(raw)
		if err != nil {
			return err
		}
		c.Version = v
	}
	return nil
}

// tokenVersion reads the version claim: null, a whole number, or a string
// holding one.
func tokenVersion(raw json.RawMessage) (int, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, fmt.Errorf("claim \"version\": %w", err)
	}
	switch v := v.(type) {
	case nil:
		return 0, nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) <= math.MaxInt32 {
			return int(v), nil
		}
	case string:
		if n, err := strconv.Atoi(v); err == nil {
			return n, nil
		}
	}
	return 0, errors.New(`claim "version" is not a whole number`)
}

// GenerateToken signs a VideoSDK token (HS256) with the project secret. It needs
// no Client and performs no I/O.
func GenerateToken(apiKey, secret string, p TokenParams) (string, error) {
	if err := checkCredentials(apiKey, secret); err != nil {
		return "", err
	}
	return generateToken(apiKey, []byte(secret), p, time.Now())
}

// GenerateToken signs a token with the Client's API key and secret, e.g. a
// participant token for a front end:
//
//	tok, err := client.GenerateToken(videosdk.TokenParams{
//		RoomID: room.RoomID,
//		Roles:  []videosdk.Role{videosdk.RoleRTC},
//	})
func (c *Client) GenerateToken(p TokenParams) (string, error) {
	return generateToken(c.cfg.creds.apiKey, c.cfg.creds.secret, p, c.cfg.now())
}

func generateToken(apiKey string, secret []byte, p TokenParams, now time.Time) (string, error) {
	claims, err := p.claims(apiKey, now)
	if err != nil {
		return "", err
	}
	if err := checkTokenSize(claims); err != nil {
		return "", err
	}
	return signClaims(claims, secret)
}

// hs256TokenOverhead is the length of a signed HS256 token without its
// claims segment: the encoded header {"alg":"HS256","typ":"JWT"} (36), two
// dots and the encoded 32-byte signature (43).
const hs256TokenOverhead = 36 + 1 + 1 + 43

// checkTokenSize refuses, before signing, claims whose token would be longer
// than ParseToken's 8 KiB limit: a token the SDK (and any sane server)
// would not accept. The ids are the only claims of unbounded length.
func checkTokenSize(c *Claims) error {
	if len(c.RoomID)+len(c.ParticipantID) > maxTokenBytes {
		return invalidParams("token claims too long: roomId is %d bytes, participantId %d; a token is at most %d bytes",
			len(c.RoomID), len(c.ParticipantID), maxTokenBytes)
	}
	body, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("videosdk: encoding token claims: %w", err)
	}
	if n := hs256TokenOverhead + base64.RawURLEncoding.EncodedLen(len(body)); n > maxTokenBytes {
		return invalidParams("token claims too long: the token would be %d bytes (roomId %d, participantId %d); a token is at most %d bytes",
			n, len(c.RoomID), len(c.ParticipantID), maxTokenBytes)
	}
	return nil
}

func (p TokenParams) claims(apiKey string, now time.Time) (*Claims, error) {
	perms := p.Permissions
	if len(perms) == 0 {
		perms = []Permission{PermissionAllowJoin}
	}
	for _, perm := range perms {
		switch perm {
		case PermissionAllowJoin, PermissionAskJoin, PermissionAllowMod:
		default:
			return nil, invalidParams("unknown permission %q (want allow_join, ask_join or allow_mod)", string(perm))
		}
	}
	for _, r := range p.Roles {
		switch r {
		case RoleCrawler, RoleRTC:
		default:
			return nil, invalidParams("unknown role %q (want crawler or rtc)", string(r))
		}
	}
	version := p.Version
	if p.RoomID != "" || p.ParticipantID != "" || len(p.Roles) > 0 {
		if version != 0 && version != 2 {
			return nil, invalidParams("token version %d cannot carry roomId, participantId or roles (version 2 is required)", version)
		}
		version = 2
	}
	if version < 0 {
		return nil, invalidParams("token version %d is negative", version)
	}
	ttl := p.TTL
	if ttl == 0 {
		ttl = DefaultTokenTTL
	}
	if ttl < 0 {
		return nil, invalidParams("token TTL %v is negative", ttl)
	}
	if ttl < time.Second {
		// TTL: 3600 is 3.6 µs, not an hour: the token would be born expired.
		return nil, invalidParams("token TTL %v is under one second: it looks like a bare number of seconds; TTL is a time.Duration (write %d * time.Second)", ttl, int64(ttl))
	}
	return &Claims{
		APIKey:        apiKey,
		Permissions:   append([]Permission(nil), perms...),
		Version:       version,
		RoomID:        p.RoomID,
		ParticipantID: p.ParticipantID,
		Roles:         append([]Role(nil), p.Roles...),
		RegisteredClaims: jwt.RegisteredClaims{
			IssuedAt:  jwt.NewNumericDate(now.Add(-issuedAtSkew)),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}, nil
}

func signClaims(c *Claims, secret []byte) (string, error) {
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
	if err != nil {
		// jwt's errors never include the key; keep it that way.
		return "", fmt.Errorf("videosdk: signing token: %w", err)
	}
	return s, nil
}

// maxTokenBytes bounds what ParseToken reads: VideoSDK tokens are a few
// hundred bytes; a longer one is refused by its length before anything is
// decoded (a forged 22 MB token took 110 ms to refuse).
const maxTokenBytes = 8 << 10

// parseLeeway is the clock skew ParseToken tolerates on exp, nbf and iat.
const parseLeeway = 5 * time.Second

// ParseToken verifies a VideoSDK token (HS256 signature with secret, and an
// exp claim) and returns its claims. It allows 5 seconds of clock skew: a
// token that expired up to 5 s ago (or whose nbf/iat is up to 5 s ahead)
// still verifies. Only the canonical spelling of a token is accepted:
// unpadded base64url segments whose unused trailing bits are zero, nothing
// around it (no whitespace or line break), at most 8 KiB, so one token has
// one string, which can be compared and cached. Claim names are matched
// exactly (see Claims.UnmarshalJSON). Errors wrap ErrInvalidToken and never
// contain the token or the secret.
func ParseToken(token, secret string) (*Claims, error) {
	if secret == "" {
		return nil, invalidParams("secret is empty")
	}
	if len(token) > maxTokenBytes {
		return nil, &tokenError{err: fmt.Errorf("token is longer than %d bytes", maxTokenBytes)}
	}
	for i := 0; i < len(token); i++ {
		if c := token[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return nil, &tokenError{err: errors.New("token has a character outside base64url and '.' (whitespace, a line break or padding)")}
		}
	}
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(parseLeeway),
		jwt.WithStrictDecoding(), // the unused bits of a segment's last character must be zero
	)
	if err != nil {
		return nil, &tokenError{err: err}
	}
	return &c, nil
}

type tokenError struct{ err error }

func (e *tokenError) Error() string {
	// jwt's messages describe the failure class ("token is expired",
	// "signature is invalid"); a claim that fails to decode can be quoted
	// by the decoder, hence safeText.
	return "videosdk: invalid token: " + safeText(e.err.Error(), maxReason)
}
func (e *tokenError) Unwrap() []error { return []error{ErrInvalidToken, e.err} }

// tokenSource signs and caches the Client's management token. Reads are a
// single atomic load; only a refresh takes the mutex, so 1000 goroutines
// crossing an expiry sign exactly one new token.
type tokenSource struct {
	creds *credentials // shared, redacting pointer: printing a tokenSource shows no secret
	now   func() time.Time

	cur atomic.Pointer[cachedToken]
	mu  sync.Mutex
	// signed counts tokens signed; tests and benchmarks read it.
	signed atomic.Int64
}

type cachedToken struct {
	token     string
	refreshAt time.Time
}

// Token returns the cached management token, signing a new one when none is
// cached or the cached one is within refreshBefore of its expiry.
func (s *tokenSource) Token() (string, bool, error) {
	now := s.now()
	if t := s.cur.Load(); t != nil && now.Before(t.refreshAt) {
		return t.token, false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.cur.Load(); t != nil && now.Before(t.refreshAt) {
		return t.token, false, nil
	}
	claims := &Claims{
		APIKey:      s.creds.apiKey,
		Permissions: []Permission{PermissionAllowJoin, PermissionAllowMod},
		Version:     2,
		Roles:       []Role{RoleCrawler},
		RegisteredClaims: jwt.RegisteredClaims{
			IssuedAt:  jwt.NewNumericDate(now.Add(-issuedAtSkew)),
			ExpiresAt: jwt.NewNumericDate(now.Add(managementTokenTTL)),
		},
	}
	tok, err := signClaims(claims, s.creds.secret)
	if err != nil {
		return "", false, err
	}
	s.signed.Add(1)
	s.cur.Store(&cachedToken{token: tok, refreshAt: now.Add(managementTokenTTL - refreshBefore)})
	return tok, true, nil
}

// Invalidate forgets token if it is still the cached one.
func (s *tokenSource) Invalidate(token string) {
	if t := s.cur.Load(); t != nil && t.token == token {
		s.cur.CompareAndSwap(t, nil)
	}
}

func checkCredentials(apiKey, secret string) error {
	switch {
	case apiKey == "" && secret == "":
		return invalidParams("API key and secret are empty")
	case apiKey == "":
		return invalidParams("API key is empty")
	case secret == "":
		return invalidParams("secret is empty")
	case looksLikeJWT(apiKey):
		return invalidParams("the API key looks like a JWT; pass the project's API key and secret, not a token")
	}
	return nil
}

// looksLikeJWT spots a token pasted where the API key belongs: three
// base64url segments, the first starting with "eyJ" ({" encoded).
func looksLikeJWT(s string) bool {
	if len(s) < 20 || s[:3] != "eyJ" {
		return false
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			dots++
		}
	}
	return dots == 2
}
