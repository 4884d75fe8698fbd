package videosdk

import (
	"fmt"
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
	// TTL is the token lifetime; 0 means DefaultTokenTTL (2h).
	TTL time.Duration
}

// Claims are the claims of a VideoSDK token.
type Claims struct {
	APIKey        string       `json:"apikey"`
	Permissions   []Permission `json:"permissions,omitempty"`
	Version       int          `json:"version,omitempty"`
	RoomID        string       `json:"roomId,omitempty"`
	ParticipantID string       `json:"participantId,omitempty"`
	Roles         []Role       `json:"roles,omitempty"`
	jwt.RegisteredClaims
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
	return signClaims(claims, secret)
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

// ParseToken verifies a VideoSDK token (HS256 signature with secret, and an
// unexpired exp claim) and returns its claims. Errors wrap ErrInvalidToken and
// never contain the token or the secret.
func ParseToken(token, secret string) (*Claims, error) {
	if secret == "" {
		return nil, invalidParams("secret is empty")
	}
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(issuedAtSkew),
	)
	if err != nil {
		return nil, &tokenError{err: err}
	}
	return &c, nil
}

type tokenError struct{ err error }

func (e *tokenError) Error() string {
	// jwt's messages describe the failure class ("token is expired",
	// "signature is invalid"), not the token's content.
	return "videosdk: invalid token: " + e.err.Error()
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
