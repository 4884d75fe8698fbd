package videosdk

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
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

var (
	webhookKeyOnce sync.Once
	webhookKey     *rsa.PrivateKey
)

func testWebhookKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	webhookKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		webhookKey = k
	})
	return webhookKey
}

func signWebhook(t *testing.T, k *rsa.PrivateKey, body []byte) string {
	t.Helper()
	sum := sha256.Sum256(body)
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(sig)
}

func pemOf(t *testing.T, k *rsa.PublicKey, pkcs1 bool) string {
	t.Helper()
	if pkcs1 {
		return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(k)}))
	}
	der, err := x509.MarshalPKIXPublicKey(k)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

const recordingStopped = `{"webhookType":"recording-stopped","data":{"meetingId":"tq7v-m2xk-9hdp","sessionId":"6819d4a02c1e4a0013f0aa10","filePath":"uploads/videos/x.mp4","fileUrl":"https://cdn.videosdk.live/uploads/videos/x.mp4","extra":1}}`

func TestParseWebhook(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	body := []byte(recordingStopped)
	ev, err := ParseWebhook(body, signWebhook(t, k, body), &k.PublicKey)
	require.NoError(t, err)
	assert.Equal(t, WebhookRecordingStopped, ev.Type)
	assert.Equal(t, "tq7v-m2xk-9hdp", ev.Data.RoomID, "meetingId")
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", ev.Data.SessionID)
	assert.Equal(t, "https://cdn.videosdk.live/uploads/videos/x.mp4", ev.Data.FileURL)
	assert.Equal(t, "uploads/videos/x.mp4", ev.Data.FilePath)
	assert.Contains(t, string(ev.RawData), `"extra":1`)
}

func TestParseWebhookSessionAndHLS(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	for _, body := range []string{
		`{"webhookType":"session-ended","data":{"meetingId":"r","sessionId":"s","start":"2025-05-06T09:17:20.004+00:00","end":"2025-05-06T09:48:02.777+00:00"}}`,
		`{"type":"hls-playable","data":{"meetingId":"r","sessionId":"s","playbackHlsUrl":"https://cdn/x/index.m3u8","livestreamUrl":"https://cdn/x/live.m3u8"}}`,
	} {
		ev, err := ParseWebhook([]byte(body), signWebhook(t, k, []byte(body)), &k.PublicKey)
		require.NoError(t, err, body)
		switch ev.Type {
		case WebhookSessionEnded:
			require.NotNil(t, ev.Data.End)
			assert.Equal(t, ts("2025-05-06T09:48:02.777Z"), ev.Data.End.UTC())
		case WebhookHLSPlayable:
			assert.Equal(t, "https://cdn/x/index.m3u8", ev.Data.PlaybackHLSURL)
			assert.Equal(t, "https://cdn/x/live.m3u8", ev.Data.LivestreamURL)
		default:
			t.Fatalf("type %q", ev.Type)
		}
	}
}

func TestVerifyWebhookSignatureRejects(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	body := []byte(recordingStopped)
	good := signWebhook(t, k, body)
	tampered := []byte(strings.Replace(recordingStopped, "x.mp4", "y.mp4", 1))
	cases := map[string]struct {
		body []byte
		sig  string
	}{
		"tampered body":   {tampered, good},
		"other key":       {body, signWebhook(t, other, body)},
		"missing header":  {body, ""},
		"not base64":      {body, "%%%"},
		"truncated sig":   {body, good[:20]},
		"sig of nothing":  {body, signWebhook(t, k, nil)},
		"empty body":      {nil, good},
		"whitespace only": {body, "   "},
	}
	for name, c := range cases {
		ev, err := ParseWebhook(c.body, c.sig, &k.PublicKey)
		assert.Nil(t, ev, name)
		assert.ErrorIs(t, err, ErrInvalidSignature, name)
	}
	assert.ErrorIs(t, VerifyWebhookSignature(body, good, nil), ErrInvalidParams)
}

func TestVerifyWebhookSignatureCompactForm(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	// VideoSDK's sample signs JSON.stringify(body): accept a pretty-printed
	// delivery whose compact form carries the signature.
	var v any
	require.NoError(t, json.Unmarshal([]byte(recordingStopped), &v))
	pretty, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	compact := []byte(recordingStopped)
	sig := signWebhook(t, k, compact)
	assert.NoError(t, VerifyWebhookSignature([]byte(recordingStopped), sig, &k.PublicKey))
	// MarshalIndent sorts keys, so the compact form of pretty differs from the
	// signed bytes: it must not verify.
	assert.ErrorIs(t, VerifyWebhookSignature(pretty, sig, &k.PublicKey), ErrInvalidSignature)
	spaced := []byte(strings.ReplaceAll(recordingStopped, `":`, `": `))
	assert.NoError(t, VerifyWebhookSignature(spaced, sig, &k.PublicKey))
	// URL-safe base64 without padding is accepted too.
	raw, _ := base64.StdEncoding.DecodeString(sig)
	assert.NoError(t, VerifyWebhookSignature(compact, base64.RawURLEncoding.EncodeToString(raw), &k.PublicKey))
}

func TestParseWebhookSignedGarbage(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	for _, body := range []string{`not json`, `{"data":{}}`, `{"webhookType":"x","data":{"start":"yesterday"}}`} {
		ev, err := ParseWebhook([]byte(body), signWebhook(t, k, []byte(body)), &k.PublicKey)
		assert.Nil(t, ev, body)
		assert.ErrorIs(t, err, ErrInvalidParams, body)
	}
	ev, err := ParseWebhook([]byte(`{"webhookType":"brand-new-event"}`), signWebhook(t, k, []byte(`{"webhookType":"brand-new-event"}`)), &k.PublicKey)
	require.NoError(t, err, "unknown event types are delivered")
	assert.Equal(t, WebhookEventType("brand-new-event"), ev.Type)
}

func TestParseWebhookPublicKey(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	for _, pkcs1 := range []bool{false, true} {
		got, err := ParseWebhookPublicKey([]byte(pemOf(t, &k.PublicKey, pkcs1)))
		require.NoError(t, err)
		assert.True(t, got.Equal(&k.PublicKey))
	}
	escaped := strings.ReplaceAll(pemOf(t, &k.PublicKey, false), "\n", `\n`)
	got, err := ParseWebhookPublicKey([]byte(escaped))
	require.NoError(t, err)
	assert.True(t, got.Equal(&k.PublicKey))
	for _, bad := range []string{"", "not pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"} {
		_, err := ParseWebhookPublicKey([]byte(bad))
		assert.ErrorIs(t, err, ErrInvalidParams, bad)
	}
}

func TestWebhookPublicKey(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	c, mt := newTestClient(t)
	body, err := json.Marshal(map[string]string{"publicKey": pemOf(t, &k.PublicKey, false)})
	require.NoError(t, err)
	var seen []testutil.Request
	mt.RegisterResponder("GET", testutil.URL("/v2/public/rsa-public-key"), func(r *http.Request) (*http.Response, error) {
		seen = append(seen, testutil.Request{Header: r.Header.Clone()})
		return httpmock.NewBytesResponse(200, body), nil
	})
	got, err := c.WebhookPublicKey(context.Background())
	require.NoError(t, err)
	assert.True(t, got.Equal(&k.PublicKey))
	require.Len(t, seen, 1)
	testutil.AssertAuth(t, seen[0].Header)

	c2, mt2 := newTestClient(t)
	mt2.RegisterResponder("GET", testutil.URL("/v2/public/rsa-public-key"), httpmock.NewStringResponder(200, `{"publicKey":"garbage"}`))
	_, err = c2.WebhookPublicKey(context.Background())
	assert.ErrorIs(t, err, ErrInvalidResponse)
}
