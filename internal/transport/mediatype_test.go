package transport

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

// headerRT records the request's headers and body and answers 200.
type headerRT struct {
	got  *http.Header
	body *[]byte
}

func (rt headerRT) RoundTrip(r *http.Request) (*http.Response, error) {
	*rt.got = r.Header.Clone()
	if r.Body != nil {
		*rt.body, _ = io.ReadAll(r.Body)
	}
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{}, Body: io.NopCloser(http.NoBody)}, nil
}

// TestRequestMediaTypes: a request names its own Content-Type and Accept
// (an SDP offer, a CSV export); without them both are application/json, and
// a request without a body sends no Content-Type.
func TestRequestMediaTypes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name                 string
		req                  Request
		wantType, wantAccept string
	}{
		{"json", Request{Method: "POST", Path: "/v2/x", Body: []byte(`{}`)}, "application/json", "application/json"},
		{"sdp", Request{Method: "POST", Path: "/v2/whip", Body: []byte("v=0\r\n"), ContentType: "application/sdp", Accept: "application/sdp"}, "application/sdp", "application/sdp"},
		{"csv export", Request{Method: "GET", Path: "/v2/x/export", Accept: "text/csv, text/plain;q=0.9"}, "", "text/csv, text/plain;q=0.9"},
		{"no body", Request{Method: "GET", Path: "/v2/x", ContentType: "application/sdp"}, "", "application/json"},
	} {
		var h http.Header
		var body []byte
		tr := New(Config{
			HTTPClient: &http.Client{Transport: headerRT{got: &h, body: &body}},
			BaseURL:    "http://127.0.0.1:1", MaxBodyBytes: 1 << 20, MaxRetryWait: time.Second, Auth: &fakeAuth{},
		})
		req := tc.req
		if _, err := tr.Do(context.Background(), &req); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := h.Get("Content-Type"); got != tc.wantType {
			t.Errorf("%s: Content-Type %q, want %q", tc.name, got, tc.wantType)
		}
		if got := h.Get("Accept"); got != tc.wantAccept {
			t.Errorf("%s: Accept %q, want %q", tc.name, got, tc.wantAccept)
		}
		if string(body) != string(tc.req.Body) {
			t.Errorf("%s: body %q, want %q", tc.name, body, tc.req.Body)
		}
	}
}
