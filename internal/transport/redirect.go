package transport

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/videosdk-go/videosdk/internal/retry"
)

// MaxRedirects is how many redirects a GET or HEAD follows. VideoSDK's API
// does not redirect; a proxy, a gateway or a moved base URL may, once or twice.
const MaxRedirects = 3

// CheckRedirect returns the redirect policy set on every *http.Client the SDK
// uses. user is the caller's own CheckRedirect (nil: none); it runs after the
// SDK's checks and its refusal ends the call without a retry.
//
//   - A request that is not GET or HEAD is never followed: net/http would turn
//     a POST answered 301/302/303 into a GET (and report the GET's answer as
//     the POST's) and would send it again on 307/308. The 3xx answer is
//     returned instead, and the root package makes it an *APIError naming the
//     status and the redirect target.
//   - Authorization goes only to the scheme, host and port of the original
//     request. net/http keeps it for any port of the same host and for a
//     subdomain, https → http included, which would put the token on the
//     wire in clear text.
//   - At most MaxRedirects are followed.
func CheckRedirect(user func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0]
		if first.Method != http.MethodGet && first.Method != http.MethodHead {
			return http.ErrUseLastResponse
		}
		if len(via) > MaxRedirects {
			return &retry.PermanentError{Err: fmt.Errorf("stopped after %d redirects", MaxRedirects)}
		}
		if !SameOrigin(first.URL, req.URL) {
			req.Header.Del("Authorization")
		}
		if user == nil {
			return nil
		}
		err := user(req, via)
		if err == nil || err == http.ErrUseLastResponse { // net/http compares it with ==
			return err
		}
		return &retry.PermanentError{Err: err}
	}
}

// SameOrigin reports whether a and b have the same scheme, host and port
// (an absent port is the scheme's default).
func SameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}
