package videosdktest

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// clockLeeway tolerates a little skew between the client's and the
// server's clock, as a real server does.
const clockLeeway = 5 * time.Second

// authenticate checks the Authorization header with the documented token
// rules (SPEC.md §1.2): the raw JWT (no scheme), HS256 with the project
// secret, unexpired, for this API key, with a non-empty permissions list
// (mandatory in the docs). version and roles are optional
// restrictions: a token without roles is unrestricted; roles without crawler
// (in any case: the legacy docs write CRAWLER) cannot call the server API
// (403); roomId, participantId or roles require
// version 2 (a number, or the string "2" as VideoSDK's .NET example signs
// it). Claims are read by their exact names into a map, never into a Go
// struct (encoding/json would match "APIKEY" to apikey, which the service's
// JSON parser does not), and by the fake's own code rather than the SDK's,
// so an SDK bug cannot make both sides agree on a wrong token.
func (s *Server) authenticate(r *http.Request) *apiError {
	h := r.Header.Values("Authorization")
	if len(h) == 0 || strings.TrimSpace(h[0]) == "" {
		return errorf(http.StatusUnauthorized, "Authorization header with a token is required.")
	}
	if len(h) > 1 {
		return errorf(http.StatusUnauthorized, "Only one Authorization header is allowed.")
	}
	raw := h[0]
	if isSDP(r) { // ingest.go: WHIP and WHEP clients (OBS) send "Bearer <token>"
		raw = strings.TrimPrefix(raw, "Bearer ")
	}
	if i := strings.IndexByte(raw, ' '); i >= 0 {
		// The real API takes the raw token; "Bearer <jwt>" is not a JWT.
		return errorf(http.StatusUnauthorized,
			"Token is invalid: send the raw JWT in the Authorization header, without a %q prefix.", raw[:i])
	}
	c := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, c, func(*jwt.Token) (any, error) { return s.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(clockLeeway),
	)
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return errorf(http.StatusUnauthorized, "Token is expired.")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return errorf(http.StatusUnauthorized, "Token signature is invalid.")
	case err != nil:
		return errorf(http.StatusUnauthorized, "Token is invalid.")
	}
	if key, _ := c["apikey"].(string); key != s.apiKey {
		return errorf(http.StatusUnauthorized, "The token's apikey does not match an active project.")
	}
	// permissions is mandatory in the docs' claim table: a non-empty list.
	// Its values (allow_join, ask_join, allow_mod) are not checked: no
	// source says which the server API needs.
	if perms, ok := stringList(c["permissions"]); !ok || len(perms) == 0 {
		return errorf(http.StatusUnauthorized, "The token's permissions must be a non-empty list, e.g. [\"allow_join\"].")
	}
	rolesClaim, hasRoles := c["roles"]
	if hasRoles {
		roles, ok := stringList(rolesClaim)
		if !ok {
			return errorf(http.StatusUnauthorized, "The token's roles must be a list of strings.")
		}
		// Role values are matched without regard to case: the legacy docs
		// spell them CRAWLER and RTC.
		if !slices.ContainsFunc(roles, func(r string) bool { return strings.EqualFold(r, "crawler") }) {
			return errorf(http.StatusForbidden,
				"A token whose roles do not include crawler can only join meetings; the server API needs role crawler (or no roles).")
		}
	}
	version, hasVersion := c["version"]
	_, hasRoom := c["roomId"]
	_, hasParticipant := c["participantId"]
	if (hasVersion || hasRoles || hasRoom || hasParticipant) && !isVersion2(version) {
		return errorf(http.StatusUnauthorized,
			"A token with roles, roomId or participantId needs version 2 (and version, when given, must be 2).")
	}
	return nil
}

// stringList reads a JSON array of strings decoded into v.
func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// isVersion2: the number 2 or the string "2".
func isVersion2(v any) bool {
	switch v := v.(type) {
	case float64:
		return v == 2
	case string:
		return v == "2"
	}
	return false
}
