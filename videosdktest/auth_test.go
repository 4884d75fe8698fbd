package videosdktest

import (
	"context"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// TestAuthDocumentedTokens: the token rules of the authentication docs
// (SPEC.md §1.2). version and roles are optional restrictions: a token
// without roles is unrestricted and may call the server API; roles without
// crawler may not (403); roomId, participantId or roles need version 2, as a
// number or the string "2" (401 otherwise).
func TestAuthDocumentedTokens(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	now := time.Now()
	base := func(extra jwt.MapClaims) jwt.MapClaims {
		c := jwt.MapClaims{"apikey": srv.APIKey, "permissions": []string{"allow_join", "allow_mod"},
			"iat": now.Unix(), "exp": now.Add(2 * time.Hour).Unix()}
		for k, v := range extra {
			if v == nil {
				delete(c, k)
				continue
			}
			c[k] = v
		}
		return c
	}
	for _, tc := range []struct {
		name   string
		claims jwt.MapClaims
		status int
	}{
		// VideoSDK's own server examples (Node, Go, Python, ...) and the
		// dashboard's tokens: apikey, permissions, iat, exp; nothing else.
		{"server example", base(nil), 200},
		{"dashboard token", base(jwt.MapClaims{"permissions": []string{"allow_join"}}), 200},
		// Role values in any case: the legacy docs write CRAWLER.
		{"CRAWLER, version 2", base(jwt.MapClaims{"version": 2, "roles": []string{"CRAWLER"}}), 200},
		{"Crawler and RTC", base(jwt.MapClaims{"version": 2, "roles": []string{"Crawler", "RTC"}}), 200},
		{"RTC only", base(jwt.MapClaims{"version": 2, "roles": []string{"RTC"}}), 403},
		// permissions is mandatory in the docs.
		{"no permissions", base(jwt.MapClaims{"permissions": nil}), 401},
		{"empty permissions", base(jwt.MapClaims{"permissions": []string{}}), 401},
		{"permissions not a list", base(jwt.MapClaims{"permissions": "allow_join"}), 401},
		{"version 2, no roles", base(jwt.MapClaims{"version": 2}), 200},
		{"crawler, version 2", base(jwt.MapClaims{"version": 2, "roles": []string{"crawler"}}), 200},
		// VideoSDK's .NET example signs the version as a string.
		{"crawler, version \"2\"", base(jwt.MapClaims{"version": "2", "roles": []string{"crawler"}}), 200},
		{"crawler and rtc", base(jwt.MapClaims{"version": 2, "roles": []string{"crawler", "rtc"}}), 200},
		{"roomId, version 2", base(jwt.MapClaims{"version": 2, "roomId": "r-1"}), 200},

		{"rtc only", base(jwt.MapClaims{"version": 2, "roles": []string{"rtc"}}), 403},
		{"empty roles", base(jwt.MapClaims{"version": 2, "roles": []string{}}), 403},
		{"crawler without version", base(jwt.MapClaims{"roles": []string{"crawler"}}), 401},
		{"crawler, version 1", base(jwt.MapClaims{"version": 1, "roles": []string{"crawler"}}), 401},
		{"crawler, version \"two\"", base(jwt.MapClaims{"version": "two", "roles": []string{"crawler"}}), 401},
		{"roomId without version", base(jwt.MapClaims{"roomId": "r-1"}), 401},
		{"participantId without version", base(jwt.MapClaims{"participantId": "p-1"}), 401},
		{"version 3", base(jwt.MapClaims{"version": 3}), 401},
		{"roles not a list", base(jwt.MapClaims{"version": 2, "roles": "crawler"}), 401},
		{"apikey not a string", base(jwt.MapClaims{"apikey": 7}), 401},

		// Claim names are matched exactly: a JSON parser like the service's
		// sees no "apikey" in {"APIKEY": …}. (Go's encoding/json alone
		// matches keys case-insensitively, which let these through.)
		{"APIKEY", base(jwt.MapClaims{"apikey": nil, "APIKEY": srv.APIKey}), 401},
		// The service sees no roles claim here, so the token is unrestricted.
		{"ROLES rtc", base(jwt.MapClaims{"version": 2, "ROLES": []string{"rtc"}}), 200},
		{"Version next to roles", base(jwt.MapClaims{"Version": 2, "roles": []string{"crawler"}}), 401},
		{"EXP instead of exp", base(jwt.MapClaims{"exp": nil, "EXP": now.Add(time.Hour).Unix()}), 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tok := token(t, srv.Secret, tc.claims)
			for _, path := range []string{"/v2/rooms", "/v2/rooms/validate/nope"} {
				method := "POST"
				if path != "/v2/rooms" {
					method = "GET"
				}
				r := rawCall(t, srv, method, path, tok, map[string]any{})
				if tc.status == 200 {
					// The validate call reaches the handler: an unknown room.
					assert.Contains(t, []int{200, 400}, r.status, "%s %s: %s", method, path, r.body)
					if r.status == 400 {
						assert.Equal(t, "Room not found.", r.obj(t)["message"], "%s %s", method, path)
					}
					continue
				}
				require.Equal(t, tc.status, r.status, "%s %s: %s", method, path, r.body)
				assertMessageOnly(t, r)
			}
		})
	}
}

// TestAuthServerExampleTokenThroughTheSDK: code that mints its token the
// way VideoSDK's server examples do (no version, no roles) and calls the API
// with it works against the fake, end to end through package videosdk.
func TestAuthServerExampleTokenThroughTheSDK(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	tok, err := videosdk.GenerateToken(srv.APIKey, srv.Secret, videosdk.TokenParams{
		Permissions: []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAllowMod},
	})
	require.NoError(t, err)
	r := rawCall(t, srv, "POST", "/v2/rooms", tok, map[string]any{})
	require.Equal(t, 200, r.status, "%s", r.body)
	roomID, _ := r.obj(t)["roomId"].(string)
	require.NotEmpty(t, roomID)
	assert.Equal(t, 200, rawCall(t, srv, "GET", "/v2/rooms/validate/"+roomID, tok, nil).status)

	// And the SDK's own management token keeps working.
	room, err := srv.Client().Rooms.Validate(context.Background(), roomID)
	require.NoError(t, err)
	assert.Equal(t, roomID, room.RoomID)
}
