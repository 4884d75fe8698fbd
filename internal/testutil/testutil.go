// Package testutil holds the SDK's test helpers: an httpmock transport per
// test, fixtures and golden request bodies under testdata/, and a check of the
// Authorization header. It does not import the root package, so the root
// package's internal tests can use it.
package testutil

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Update rewrites golden files instead of comparing: go test ./... -update
var Update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// TestAPIKey and TestSecret are the credentials test clients are built with.
const (
	TestAPIKey = "test-api-key-0001"
	TestSecret = "test-secret-do-not-leak-7f3a9c"
	// BaseURL has a path prefix so that a request built with an absolute path
	// (dropping the prefix) matches no responder.
	BaseURL = "https://api.videosdk.test/prefix"
)

// NewMockTransport returns a fresh httpmock transport whose unmatched
// requests fail the test (and return an error to the caller).
func NewMockTransport(t testing.TB) *httpmock.MockTransport {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", req.Method, req.URL.String())
		return nil, fmt.Errorf("no responder for %s %s", req.Method, req.URL.String())
	})
	return mt
}

// URL returns BaseURL + path.
func URL(path string) string { return BaseURL + path }

// Fixture returns testdata/name.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// JSONResponder answers with status and the fixture testdata/name.
func JSONResponder(t testing.TB, status int, name string) httpmock.Responder {
	body := Fixture(t, name)
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewBytesResponse(status, body)
		r.Header.Set("Content-Type", "application/json")
		return r, nil
	}
}

// Golden compares got (a JSON request body) with testdata/name.golden.json,
// ignoring formatting; with -update it rewrites the file.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.json")
	var v any
	require.NoError(t, json.Unmarshal(got, &v), "request body is not JSON: %s", got)
	pretty, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	pretty = append(pretty, '\n')
	if *Update {
		require.NoError(t, os.WriteFile(path, pretty, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -update")
	assert.JSONEq(t, string(want), string(got), "request body differs from %s", path)
}

// Request is what a responder saw, for assertions after the call.
type Request struct {
	Method string
	Path   string
	Query  map[string][]string
	Header http.Header
	Body   []byte
}

// Capture answers with status and fixture (fixture "" means a JSON string
// body "ok") and stores each request it saw in *seen.
func Capture(t testing.TB, status int, fixture string, seen *[]Request) httpmock.Responder {
	var body []byte
	if fixture == "" {
		body = []byte(`"ok"`)
	} else {
		body = Fixture(t, fixture)
	}
	return func(req *http.Request) (*http.Response, error) {
		var b []byte
		if req.Body != nil {
			b, _ = io.ReadAll(req.Body)
		}
		*seen = append(*seen, Request{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone(), Body: b})
		r := httpmock.NewBytesResponse(status, bytes.Clone(body))
		r.Header.Set("Content-Type", "application/json")
		return r, nil
	}
}

// ManagementClaims are the claims the SDK's management token carries.
type ManagementClaims struct {
	APIKey      string   `json:"apikey"`
	Permissions []string `json:"permissions"`
	Version     int      `json:"version"`
	Roles       []string `json:"roles"`
	jwt.RegisteredClaims
}

// AssertAuth checks that h carries the raw (no "Bearer ") HS256 management
// token signed with TestSecret, with the claims of a management token.
func AssertAuth(t testing.TB, h http.Header) {
	t.Helper()
	tok := h.Get("Authorization")
	require.NotEmpty(t, tok, "Authorization header missing")
	require.False(t, strings.HasPrefix(strings.ToLower(tok), "bearer "), "Authorization must be the raw JWT")
	var c ManagementClaims
	_, err := jwt.ParseWithClaims(tok, &c, func(*jwt.Token) (any, error) { return []byte(TestSecret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired())
	require.NoError(t, err)
	assert.Equal(t, TestAPIKey, c.APIKey)
	assert.Equal(t, 2, c.Version)
	assert.Equal(t, []string{"crawler"}, c.Roles)
	assert.ElementsMatch(t, []string{"allow_join", "allow_mod"}, c.Permissions)
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.True(t, strings.HasPrefix(h.Get("User-Agent"), "videosdk-go/"), "User-Agent %q", h.Get("User-Agent"))
}

// RSAKey reads a PKCS #8 PEM RSA private key: the fixed webhook test keys
// in the module's testdata/ (webhook_test_key_{a,b}.pem), made for the tests
// only, which load them because generating a 2048-bit key costs 0.1 to 1 s
// of CPU.
func RSAKey(path string) (*rsa.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		return nil, fmt.Errorf("%s: no PEM block", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: not an RSA key", path)
	}
	return rk, nil
}
