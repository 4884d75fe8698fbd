package videosdk

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// weakKeyPEM encodes an RSA public key with modulus bits and exponent e in
// both PEM forms. The modulus is any odd number of that size: parsing does
// not factor it.
func weakKeyPEM(bits, e int) (pkix, pkcs1 []byte) {
	n := new(big.Int).Lsh(big.NewInt(1), uint(bits-1))
	n.Or(n, big.NewInt(0xB5))
	k := &rsa.PublicKey{N: n, E: e}
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		panic(err) // an RSA public key always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(k)})
}

// TestWebhookKeyStrength: a weak key is refused when it is parsed, with an
// error that says why, instead of making every delivery fail later with the
// misleading "signature does not match the body".
func TestWebhookKeyStrength(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		bits, e int
		want    string // "" : accepted
	}{
		{512, 65537, "512 bits"},
		{1024, 65537, "1024 bits"},
		{2047, 65537, "2047 bits"},
		{2048, 1, "exponent 1"},
		{2048, 3, "exponent 3"},
		{2048, 65536, "exponent 65536"},
		{2048, 65537, ""},
		{3072, 65539, ""},
		{4096, 65537, ""},
	} {
		for _, in := range func() [][]byte { a, b := weakKeyPEM(tc.bits, tc.e); return [][]byte{a, b} }() {
			k, err := ParseWebhookPublicKey(in)
			if tc.want == "" {
				require.NoError(t, err, "%d bits, e=%d", tc.bits, tc.e)
				assert.Equal(t, tc.bits, k.N.BitLen())
				continue
			}
			assert.Nil(t, k)
			require.ErrorIs(t, err, ErrInvalidParams, "%d bits, e=%d", tc.bits, tc.e)
			assert.Contains(t, err.Error(), tc.want)
		}
	}
}

// TestWebhookSignatureUnpaddedStandardBase64: the standard alphabet without
// "=" padding is accepted, as the URL-safe form already was.
func TestWebhookSignatureUnpaddedStandardBase64(t *testing.T) {
	t.Parallel()
	k := testWebhookKey(t)
	body := []byte(`{"webhookType":"recording-started","data":{"meetingId":"m"}}`)
	var sig []byte
	for i := 0; ; i++ {
		// PKCS #1 v1.5 signatures are deterministic: vary the body until the
		// standard encoding uses '+' or '/' (the URL-safe decoder then fails).
		b := append(body[:len(body):len(body)], strings.Repeat(" ", i)...)
		sum := sha256.Sum256(b)
		s, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
		require.NoError(t, err)
		if strings.ContainsAny(base64.RawStdEncoding.EncodeToString(s), "+/") {
			body, sig = b, s
			break
		}
	}
	for name, enc := range map[string]*base64.Encoding{
		"std": base64.StdEncoding, "raw std": base64.RawStdEncoding, "url": base64.URLEncoding, "raw url": base64.RawURLEncoding,
	} {
		assert.NoError(t, VerifyWebhookSignature(body, enc.EncodeToString(sig), &k.PublicKey), name)
	}
	mixed := strings.NewReplacer("+", "-").Replace(base64.RawStdEncoding.EncodeToString(sig))
	if strings.Contains(base64.RawStdEncoding.EncodeToString(sig), "/") && strings.Contains(mixed, "-") {
		assert.ErrorIs(t, VerifyWebhookSignature(body, mixed, &k.PublicKey), ErrInvalidSignature, "the two alphabets mixed")
	}
}
