package main

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

// webhookKey is a test key pair standing in for VideoSDK's.
type webhookKey struct {
	priv *rsa.PrivateKey
	pem  []byte
}

// newWebhookKey loads the module's fixed test key a or b
// (testdata/webhook_test_key_{a,b}.pem, made for the tests): generating a
// key costs 0.1 to 1 s of CPU.
func newWebhookKey(t *testing.T, name string) *webhookKey {
	t.Helper()
	priv, err := testutil.RSAKey("../../testdata/webhook_test_key_" + name + ".pem")
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	require.NoError(t, err)
	return &webhookKey{priv: priv, pem: pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})}
}

func (k *webhookKey) sign(t *testing.T, body string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(body))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k.priv, crypto.SHA256, sum[:])
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(sig)
}

const delivery = `{"webhookType":"recording-started","data":{"meetingId":"abcd-efgh-ijkl","sessionId":"s1"}}`

func TestWebhookVerify(t *testing.T) {
	t.Parallel()
	key := newWebhookKey(t, "a")
	keyFile := filepath.Join(t.TempDir(), "videosdk.pem")
	require.NoError(t, os.WriteFile(keyFile, key.pem, 0o644))
	sig := key.sign(t, delivery)
	h := newHarness(t, nil)
	ctx := context.Background()

	r := h.runIn(ctx, delivery, "webhook", "verify", "-signature", sig, "-key", keyFile)
	require.Equal(t, 0, r.code, r.stderr)
	golden(t, "webhook_verify", r.stdout, nil)
	r = h.runIn(ctx, delivery, "webhook", "verify", "-signature", sig, "-key", keyFile, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, `{"valid":true,"type":"recording-started","data":{"meetingId":"abcd-efgh-ijkl","sessionId":"s1"}}`, r.stdout)

	// One changed byte, or another key: exit 1.
	r = h.runIn(ctx, strings.Replace(delivery, "s1", "s2", 1), "webhook", "verify", "-signature", sig, "-key", keyFile)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "invalid webhook signature")
	assert.Empty(t, r.stdout)
	r = h.runIn(ctx, delivery, "webhook", "verify", "-signature", newWebhookKey(t, "b").sign(t, delivery), "-key", keyFile)
	assert.Equal(t, 1, r.code)

	// Signed, but not a webhook.
	r = h.runIn(ctx, `{"hello":1}`, "webhook", "verify", "-signature", key.sign(t, `{"hello":1}`), "-key", keyFile)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "the signature is valid, but")

	// Usage errors.
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{delivery, []string{"-key", keyFile}, "-signature is required"},
		{"", []string{"-signature", sig, "-key", keyFile}, "no body on stdin"},
		{delivery, []string{"-signature", sig, "-key", filepath.Join(t.TempDir(), "nope.pem")}, "-key:"},
		{delivery, []string{"-signature", sig, "-key", os.Args[0]}, "webhook public key is not PEM"},
		{delivery, []string{"-signature", sig}, "no API key"},
	} {
		r = h.runIn(ctx, tc.stdin, append([]string{"webhook", "verify"}, tc.args...)...)
		assert.Equal(t, 2, r.code, tc.want)
		assert.Contains(t, r.stderr, tc.want)
	}
}

// Without -key the key is fetched from the API with the credentials.
func TestWebhookVerifyFetchesKey(t *testing.T) {
	t.Parallel()
	key := newWebhookKey(t, "a")
	var calls atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/public/rsa-public-key" || r.Header.Get("Authorization") == "" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]string{"publicKey": string(key.pem)})
	}))
	t.Cleanup(api.Close)
	h := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": "key", "VIDEOSDK_SECRET": "secret", "VIDEOSDK_API_ENDPOINT": api.URL})
	r := h.runIn(context.Background(), delivery, "webhook", "verify", "-signature", key.sign(t, delivery))
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Event: recording-started")
	assert.Equal(t, int32(1), calls.Load())
}
