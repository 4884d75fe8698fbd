package videosdk

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// testKeys are two fixed RSA test keys (testdata/webhook_test_key_{a,b}.pem,
// made for these tests and nothing else): generating a 2048-bit key costs
// 0.1 to 1 s of CPU, at random, in every run of the suite.
var testKeys = sync.OnceValue(func() [2]*rsa.PrivateKey {
	var keys [2]*rsa.PrivateKey
	for i, name := range []string{"a", "b"} {
		k, err := testutil.RSAKey("testdata/webhook_test_key_" + name + ".pem")
		if err != nil {
			panic(err)
		}
		keys[i] = k
	}
	return keys
})

func testKey(i int) *rsa.PrivateKey { return testKeys()[i] }

// testWebhookKey plays VideoSDK's key.
func testWebhookKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	return testKey(0)
}

// testOtherKey is a second key, for rotations and foreign signatures.
func testOtherKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	return testKey(1)
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
	other := testOtherKey(t)
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
	for _, body := range []string{`not json`, `{"data":{}}`, `[{"webhookType":"x"}]`, `{"webhookType":"x"`, `{"webhookType":5,"data":{}}`} {
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

func parseSigned(t *testing.T, body string) *WebhookEvent {
	t.Helper()
	k := testWebhookKey(t)
	ev, err := ParseWebhook([]byte(body), signWebhook(t, k, []byte(body)), &k.PublicKey)
	require.NoError(t, err, body)
	return ev
}

func tp(s string) *time.Time {
	t := ts(s)
	return &t
}

// Every documented field of every group decodes into its typed field.
func TestParseWebhookDocumentedFields(t *testing.T) {
	t.Parallel()
	cases := []struct {
		body string
		want WebhookData
	}{
		{`{"webhookType":"participant-left","data":{"meetingId":"jvsg-8rjn-j304","sessionId":"613731342f27f56e4fc4b6d0","participantId":"fkd74h","participantName":"John","reason":"connection-error"}}`,
			WebhookData{RoomID: "jvsg-8rjn-j304", SessionID: "613731342f27f56e4fc4b6d0", ParticipantID: "fkd74h", ParticipantName: "John", Reason: WebhookReasonConnectionError}},
		{`{"webhookType":"session-ended","data":{"sessionId":"s","meetingId":"r","start":"2022-07-05T15:55:35.047+00:00","end":"2022-07-05T16:00:35Z","reason":"Meeting Ended.","error":{"code":4001,"message":"kicked"}}}`,
			WebhookData{RoomID: "r", SessionID: "s", Start: tp("2022-07-05T15:55:35.047Z"), End: tp("2022-07-05T16:00:35Z"), Reason: WebhookReasonMeetingEnded, Error: json.RawMessage(`{"code":4001,"message":"kicked"}`)}},
		{`{"webhookType":"session-ended","data":{"sessionId":"s","meetingId":"r","error":null}}`,
			WebhookData{RoomID: "r", SessionID: "s"}},
		{`{"webhookType":"recording-starting","data":{"meetingId":"r","sessionId":"s","id":"665fcf7f","message":"queued"}}`,
			WebhookData{RoomID: "r", SessionID: "s", ID: "665fcf7f", Message: "queued"}},
		{`{"webhookType":"recording-stopped","data":{"meetingId":"r","sessionId":"s","filePath":"/encoded/videos/a.mp4","fileUrl":"https://cdn.videosdk.live/encoded/videos/a.mp4"}}`,
			WebhookData{RoomID: "r", SessionID: "s", FilePath: "/encoded/videos/a.mp4", FileURL: "https://cdn.videosdk.live/encoded/videos/a.mp4"}},
		{`{"webhookType":"participant-recording-started","data":{"meetingId":"r","sessionId":"s","participantId":"p","fileFormat":"webm"}}`,
			WebhookData{RoomID: "r", SessionID: "s", ParticipantID: "p", FileFormat: FileFormatWebM}},
		{`{"webhookType":"participant-track-recording-stopped","data":{"meetingId":"r","sessionId":"s","participantId":"p","kind":"screen_audio","fileDetails":[{"filePath":"a/1.webm","fileUrl":"https://cdn/a/1.webm"},{"filePath":"a/2.webm","fileUrl":"https://cdn/a/2.webm"}]}}`,
			WebhookData{RoomID: "r", SessionID: "s", ParticipantID: "p", Kind: TrackKindScreenAudio, FileDetails: []WebhookFile{{"a/1.webm", "https://cdn/a/1.webm"}, {"a/2.webm", "https://cdn/a/2.webm"}}}},
		{`{"webhookType":"merge-recording-failed","data":{"id":"7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70","meetingId":"r","sessionId":"s","message":"no audio"}}`,
			WebhookData{RoomID: "r", SessionID: "s", ID: "7c1e5d2a-90b4-4f61-8e1a-3b2c4d5e6f70", Message: "no audio"}},
		{`{"webhookType":"transcription-started","data":{"id":"t1","type":"realtime","meetingId":"r","sessionId":"s"}}`,
			WebhookData{RoomID: "r", SessionID: "s", ID: "t1", Type: WebhookDataRealtime}},
		{`{"webhookType":"hls-playable","data":{"meetingId":"r","sessionId":"s","playbackHlsUrl":"https://cdn/x/index.m3u8","livestreamUrl":"https://cdn/x/live.m3u8"}}`,
			WebhookData{RoomID: "r", SessionID: "s", PlaybackHLSURL: "https://cdn/x/index.m3u8", LivestreamURL: "https://cdn/x/live.m3u8"}},
		{`{"webhookType":"hls-started","data":{"meetingId":"r","sessionId":"s","downstreamUrl":"https://cdn/x/index.m3u8"}}`,
			WebhookData{RoomID: "r", SessionID: "s", PlaybackHLSURL: "https://cdn/x/index.m3u8", DownstreamURL: "https://cdn/x/index.m3u8"}},
		{`{"webhookType":"resource-acquired","data":{"id":"res-1","type":"recording"}}`,
			WebhookData{ID: "res-1", Type: WebhookDataRecording}},
		{`{"webhookType":"ai-deployment-session-started","data":{"sessionId":"session-0f3c9b1e-5a77-4e0e-9d2b-11c2a3b4c5d6"}}`,
			WebhookData{SessionID: "session-0f3c9b1e-5a77-4e0e-9d2b-11c2a3b4c5d6"}},
		{`{"webhookType":"livestream-started","data":{"roomId":"new-name","meetingId":"old-name","sessionId":"s"}}`,
			WebhookData{RoomID: "new-name", SessionID: "s"}},
	}
	for _, c := range cases {
		ev := parseSigned(t, c.body)
		assert.Equal(t, c.want, ev.Data, c.body)
		var env struct{ Data json.RawMessage }
		require.NoError(t, json.Unmarshal([]byte(c.body), &env))
		assert.Equal(t, string(env.Data), string(ev.RawData), "RawData is data as sent")
	}
}

// A verified event is never rejected for one malformed field: the field is
// left zero, the rest decodes, RawData keeps the value as sent.
func TestParseWebhookLenient(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body string
		want       WebhookData
	}{
		{"the docs' own session-ended, minute 60", `{"webhookType":"session-ended","data":{"sessionId":"613731342f27f56e4fc4b6d0","meetingId":"jvsg-8rjn-j304","start":"2022-07-05T15:55:35.047+00:00","end":"2022-07-05T15:60:35.047+00:00"}}`,
			WebhookData{RoomID: "jvsg-8rjn-j304", SessionID: "613731342f27f56e4fc4b6d0", Start: tp("2022-07-05T15:55:35.047Z")}},
		{"time not a time", `{"webhookType":"session-started","data":{"meetingId":"r","sessionId":"s","start":"yesterday"}}`,
			WebhookData{RoomID: "r", SessionID: "s"}},
		{"time as a number", `{"webhookType":"session-started","data":{"meetingId":"r","start":1751730935047,"sessionId":"s"}}`,
			WebhookData{RoomID: "r", SessionID: "s"}},
		{"number for a string", `{"webhookType":"participant-joined","data":{"meetingId":"r","participantId":42,"participantName":"Asha","sessionId":"s"}}`,
			WebhookData{RoomID: "r", SessionID: "s", ParticipantName: "Asha"}},
		{"object for a string", `{"webhookType":"recording-stopped","data":{"meetingId":"r","filePath":{"a":1},"fileUrl":"https://cdn/a.mp4"}}`,
			WebhookData{RoomID: "r", FileURL: "https://cdn/a.mp4"}},
		{"fileDetails not an array", `{"webhookType":"participant-recording-stopped","data":{"meetingId":"r","fileDetails":"a.webm","participantId":"p"}}`,
			WebhookData{RoomID: "r", ParticipantID: "p"}},
		{"one bad fileDetails field", `{"webhookType":"participant-recording-stopped","data":{"meetingId":"r","fileDetails":[{"filePath":7,"fileUrl":"https://cdn/a.webm"}]}}`,
			WebhookData{RoomID: "r", FileDetails: []WebhookFile{{FileURL: "https://cdn/a.webm"}}}},
		{"data a string", `{"webhookType":"hls-started","data":"oops"}`, WebhookData{}},
		{"data an array", `{"webhookType":"hls-started","data":[1,2]}`, WebhookData{}},
		{"meetingId a bool", `{"webhookType":"hls-started","data":{"meetingId":true,"sessionId":"s"}}`, WebhookData{SessionID: "s"}},
	}
	for _, c := range cases {
		ev := parseSigned(t, c.body)
		assert.Equal(t, c.want, ev.Data, c.name)
		var env struct{ Data json.RawMessage }
		require.NoError(t, json.Unmarshal([]byte(c.body), &env))
		assert.Equal(t, string(env.Data), string(ev.RawData), c.name)
	}
	// No data at all is still an event.
	ev := parseSigned(t, `{"webhookType":"batchcall-started"}`)
	assert.Equal(t, WebhookBatchCallStarted, ev.Type)
	assert.Nil(t, ev.RawData)
}

// WebhookData.UnmarshalJSON (for stored data) decodes as ParseWebhook does and
// fails only on bytes that are not JSON.
func TestWebhookDataUnmarshalJSON(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		`{"meetingId":"r","sessionId":"s","start":"2022-07-05T15:55:35.047+00:00","end":"2022-07-05T15:60:35.047+00:00"}`,
		`{"meetingId":"r","participantId":42,"kind":"audio","fileDetails":[{"filePath":"a","fileUrl":"b"}]}`,
		`"oops"`, `null`, `{}`,
	} {
		var d WebhookData
		require.NoError(t, json.Unmarshal([]byte(data), &d), data)
		ev := parseSigned(t, `{"webhookType":"x","data":`+data+`}`)
		assert.Equal(t, ev.Data, d, data)
	}
	var d WebhookData
	assert.Error(t, d.UnmarshalJSON([]byte(`{"meetingId":`)))
}

// TestWebhookDataEveryField: a "data" object with every field set (times
// as text, as they travel) sets every exported field of WebhookData in the
// one pass, and a legacy meetingId or unparseable time leaves no wire-only
// value behind.
func TestWebhookDataEveryField(t *testing.T) {
	t.Parallel()
	data := fullValue(reflect.TypeFor[WebhookData](), "WebhookData", new(int)).(map[string]any)
	data["start"], data["end"] = "2022-07-05T15:55:35.047+00:00", "2022-07-05T16:00:35Z"
	delete(data, "meetingId")
	raw, err := json.Marshal(data)
	require.NoError(t, err)
	ev, err := decodeWebhook([]byte(`{"webhookType":"x","data":`+string(raw)+`}`), false)
	require.NoError(t, err)
	rv := reflect.ValueOf(ev.Data)
	for i := range rv.NumField() {
		if f := rv.Type().Field(i); f.IsExported() && !f.Anonymous {
			assert.False(t, rv.Field(i).IsZero(), "WebhookData.%s is not set by %s", f.Name, raw)
		}
	}
	assert.JSONEq(t, string(raw), string(ev.RawData))

	ev, err = decodeWebhook([]byte(`{"webhookType":"x","data":{"meetingId":"m","start":"2022-07-05T15:60:35Z","end":7}}`), false)
	require.NoError(t, err)
	assert.Equal(t, WebhookData{RoomID: "m"}, ev.Data, "no wire-only value left")
}

// TestMemberValue: RawData is the value encoding/json decodes "data" from:
// the last member whose key, unescaped, folds to "data", wherever strings
// and nesting hide look-alikes.
func TestMemberValue(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"data":{"a":1}}`: `{"a":1}`,
		` { "x" : "data" , "data" : [1, {"data":2}] } `: `[1, {"data":2}]`,
		`{"data":1,"data":2}`:                           `2`,
		`{"DATA":"x"}`:                                  `"x"`,
		`{"d\u0061ta":true}`:                            `true`,
		`{"a":"}\"data\":","data":null}`:                `null`,
		`{"a":{"data":1},"b":["data",{"c":"]"}]}`:       ``,
		`{"data":"a\"b\\","z":1}`:                       `"a\"b\\"`,
		`{"webhookType":"x","data":-1.5e3}`:             `-1.5e3`,
		`{}`:                                            ``,
	} {
		var check map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &check), body)
		assert.Equal(t, want, string(memberValue([]byte(strings.TrimSpace(body)), "data")), body)
		// What encoding/json itself decodes for the field.
		var v struct {
			Data json.RawMessage `json:"data"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		assert.Equal(t, string(v.Data), string(memberValue([]byte(strings.TrimSpace(body)), "data")), body)
	}
}

// FuzzDecodeWebhookLenient: whatever valid JSON "data" holds, a body with a
// webhookType decodes, with RawData exactly as sent: no field can make a
// verified event fail.
func FuzzDecodeWebhookLenient(f *testing.F) {
	for _, s := range []string{
		`{"meetingId":"r","start":"2022-07-05T15:60:35.047+00:00"}`, `{"fileDetails":[{"filePath":1},"x",null]}`,
		`{"participantId":42,"kind":["audio"],"error":{"a":[1]}}`, `"text"`, `[1,{"a":2}]`, `null`, `1e999`, `{"start":{}}`,
		`{"meetingId":"\ud800","type":true,"reason":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		body := append(append([]byte(`{"webhookType":"x","data":`), data...), '}')
		ev, err := decodeWebhook(body, false)
		if err != nil {
			t.Fatalf("data %s refused: %v", data, err)
		}
		if trimmed := bytes.TrimSpace(data); !bytes.Equal(trimmed, []byte("null")) && !bytes.Equal(ev.RawData, trimmed) {
			t.Fatalf("RawData %s, want %s", ev.RawData, trimmed)
		}
	})
}

// BenchmarkDecodeWebhook measures decoding a verified recording-stopped
// body (verification, an RSA operation, is measured separately by
// BenchmarkVerifyWebhookSignature).
func BenchmarkDecodeWebhook(b *testing.B) {
	body := []byte(recordingStopped)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeWebhook(body, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyWebhookSignature(b *testing.B) {
	k := testKey(0)
	body := []byte(recordingStopped)
	sum := sha256.Sum256(body)
	raw, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	require.NoError(b, err)
	sig := base64.StdEncoding.EncodeToString(raw)
	b.ReportAllocs()
	for b.Loop() {
		if err := VerifyWebhookSignature(body, sig, &k.PublicKey); err != nil {
			b.Fatal(err)
		}
	}
}

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
