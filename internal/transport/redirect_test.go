package transport

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/videosdk-go/videosdk/internal/redact"
	"github.com/videosdk-go/videosdk/internal/retry"
)

func redirectReq(t testing.TB, method, rawURL string) *http.Request {
	r, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", "tok")
	return r
}

func TestSameOrigin(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"https://api.videosdk.live/v2/x", "https://api.videosdk.live/v2/y?z", true},
		{"https://api.videosdk.live/v2/x", "https://API.videosdk.live:443/v2/y", true},
		{"http://h/x", "http://h:80/y", true},
		{"https://h/x", "http://h/x", false},
		{"https://h/x", "https://h:8443/x", false},
		{"https://h/x", "https://sub.h/x", false},
		{"https://h/x", "https://h.evil/x", false},
		{"http://127.0.0.1:1/x", "http://localhost:1/x", false},
	} {
		a, _ := url.Parse(tc.a)
		b, _ := url.Parse(tc.b)
		if got := SameOrigin(a, b); got != tc.want {
			t.Errorf("SameOrigin(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}

// FuzzRedirect: for any original request and redirect target, the policy
// never follows a method other than GET/HEAD, carries Authorization only to
// the same scheme, host and port, stops after MaxRedirects, and the target
// as it may be shown (redact.URL) never holds its user info, query or
// fragment.
func FuzzRedirect(f *testing.F) {
	for _, s := range []struct {
		method, from, to string
		hops             uint8
	}{
		{"GET", "https://api.videosdk.live/v2/rooms", "https://api.videosdk.live/v2/rooms/x", 0},
		{"GET", "https://api.videosdk.live/v2/rooms", "http://api.videosdk.live/v2/rooms", 0},
		{"GET", "https://api.videosdk.live/v2/rooms", "https://api.videosdk.live:8443/v2/rooms", 1},
		{"HEAD", "http://127.0.0.1:8080/v2", "http://localhost:8080/v2", 2},
		{"POST", "https://api.videosdk.live/v2/rooms", "https://api.videosdk.live/v2/rooms", 0},
		{"DELETE", "https://h/v2/recordings/x", "https://h/v2/recordings/y", 0},
		{"GET", "https://h/", "https://u:secret-pw@h/p?token=secret-q#secret-f", 3},
	} {
		f.Add(s.method, s.from, s.to, s.hops)
	}
	f.Fuzz(func(t *testing.T, method, from, to string, hops uint8) {
		first, err := http.NewRequest(method, from, nil)
		if err != nil || first.URL.Host == "" {
			return
		}
		target, err := http.NewRequest(http.MethodGet, to, nil)
		if err != nil || target.URL.Host == "" {
			return
		}
		target.Header.Set("Authorization", "tok")
		via := []*http.Request{first}
		for range int(hops % 8) {
			via = append(via, first)
		}
		var userCalls int
		err = CheckRedirect(func(*http.Request, []*http.Request) error { userCalls++; return nil })(target, via)
		switch {
		case first.Method != http.MethodGet && first.Method != http.MethodHead:
			if err != http.ErrUseLastResponse || userCalls != 0 {
				t.Fatalf("%s followed: %v", first.Method, err)
			}
		case len(via) > MaxRedirects:
			var pe *retry.PermanentError
			if !errors.As(err, &pe) || userCalls != 0 {
				t.Fatalf("hop %d followed: %v", len(via), err)
			}
		default:
			if err != nil || userCalls != 1 {
				t.Fatalf("refused %v (user check called %d times)", err, userCalls)
			}
			same := SameOrigin(first.URL, target.URL)
			if has := target.Header.Get("Authorization") != ""; has != same {
				t.Fatalf("%s → %s: token kept %v, same origin %v", from, to, has, same)
			}
		}
		shown := redact.URL(to)
		u := target.URL
		for _, part := range []string{u.User.String(), u.RawQuery, u.Fragment} {
			if len(part) >= 4 && strings.Contains(shown, part) && !strings.Contains(u.Host+u.Path, part) {
				t.Fatalf("URL(%q) = %q shows %q", to, shown, part)
			}
		}
	})
}

func TestCheckRedirectKeepsUserRefusal(t *testing.T) {
	t.Parallel()
	first := redirectReq(t, "GET", "https://h/v2/a")
	next := redirectReq(t, "GET", "https://h/v2/b")
	no := errors.New("no")
	err := CheckRedirect(func(*http.Request, []*http.Request) error { return no })(next, []*http.Request{first})
	var pe *retry.PermanentError
	if !errors.Is(err, no) || !errors.As(err, &pe) {
		t.Fatalf("got %v", err)
	}
	err = CheckRedirect(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })(next, []*http.Request{first})
	if err != http.ErrUseLastResponse {
		t.Fatalf("ErrUseLastResponse must come back as itself (net/http compares with ==): %v", err)
	}
}
