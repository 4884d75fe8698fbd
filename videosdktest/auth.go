package videosdktest

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// tokenClaims are the claims the fake reads from a token. It uses its own
// struct rather than the SDK's, so an SDK bug cannot make both sides agree
// on a wrong token.
type tokenClaims struct {
	APIKey      string   `json:"apikey"`
	Permissions []string `json:"permissions"`
	Version     int      `json:"version"`
	Roles       []string `json:"roles"`
	jwt.RegisteredClaims
}

// clockLeeway tolerates a little skew between the client's and the
// server's clock, as a real server does.
const clockLeeway = 5 * time.Second

// authenticate checks the Authorization header like the real API: the raw
// JWT (no scheme), HS256 with the project secret, unexpired, for this API
// key, version 2 and role crawler.
func (s *Server) authenticate(r *http.Request) *apiError {
	h := r.Header.Values("Authorization")
	if len(h) == 0 || strings.TrimSpace(h[0]) == "" {
		return errorf(http.StatusUnauthorized, "token_missing", "Authorization header with a token is required.")
	}
	if len(h) > 1 {
		return errorf(http.StatusUnauthorized, "token_invalid", "Only one Authorization header is allowed.")
	}
	raw := h[0]
	if i := strings.IndexByte(raw, ' '); i >= 0 {
		// The real API takes the raw token; "Bearer <jwt>" is not a JWT.
		return errorf(http.StatusUnauthorized, "token_invalid",
			"Token is invalid: send the raw JWT in the Authorization header, without a %q prefix.", raw[:i])
	}
	var c tokenClaims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return s.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(clockLeeway),
	)
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return errorf(http.StatusUnauthorized, "token_expired", "Token is expired.")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return errorf(http.StatusUnauthorized, "token_invalid", "Token signature is invalid.")
	case err != nil:
		return errorf(http.StatusUnauthorized, "token_invalid", "Token is invalid.")
	}
	if c.APIKey != s.apiKey {
		return errorf(http.StatusUnauthorized, "apikey_invalid", "The token's apikey does not match an active project.")
	}
	if !slices.Contains(c.Roles, "crawler") {
		if slices.Contains(c.Roles, "rtc") {
			return errorf(http.StatusForbidden, "role_forbidden",
				"A token with role rtc can only join meetings; the server API needs role crawler.")
		}
		return errorf(http.StatusUnauthorized, "role_missing", "The token needs role crawler to call the server API.")
	}
	if c.Version != 2 {
		return errorf(http.StatusUnauthorized, "version_invalid", "The token needs version 2 to call the v2 API.")
	}
	return nil
}
