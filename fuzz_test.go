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
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// Fuzz targets. Plain `go test` replays the seeds below and the corpora under
// testdata/fuzz/<FuzzName>/; `go test -run='^$' -fuzz=FuzzName -fuzztime=60s .`
// explores further (see RELIABILITY.md for the runs made and their figures).

// maxMessageLen is the longest APIError.Message: 512 bytes and an ellipsis.
const maxMessageLen = maxMessage + len("…")

// FuzzParseErrorBody: any error body yields a bounded message and code, valid
// UTF-8 when the body was, and an APIError whose Error() does not panic.
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []string{
		"", " ", `{"message":"Room not found."}`, `{"error":"bad","code":400}`, `{"error":{"message":"nested","code":"E1"}}`,
		`{"msg":"m","errorCode":"E2"}`, `{"statusMessage":"s"}`, `{"message":null,"error":{"message":7}}`, `{"message":{"x":1}}`,
		`"quoted message"`, `"unterminated`, `{"message":"trunc`, htmlPage, "plain text error", `[1,2,3]`, `null`, `true`, `12`,
		`{"message":"` + strings.Repeat("é", 400) + `"}`, strings.Repeat("ü", 600), "\xff\xfe\xfd", `{"code":1e999}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		msg, code := parseErrorBody(body)
		if len(msg) > maxMessageLen || len(code) > maxMessageLen {
			t.Fatalf("message %d bytes, code %d bytes: not bounded", len(msg), len(code))
		}
		if utf8.Valid(body) && (!utf8.ValidString(msg) || !utf8.ValidString(code)) {
			t.Fatalf("valid UTF-8 body gave invalid UTF-8: %q %q", msg, code)
		}
		if strings.TrimSpace(msg) != msg {
			t.Fatalf("message %q not trimmed", msg)
		}
		e := newAPIError("GET", "/v2/rooms/x", &transport.Response{StatusCode: 500, Body: body})
		if !strings.HasPrefix(e.Error(), "videosdk: GET /v2/rooms/x: 500 ") || !errors.Is(e, ErrServer) {
			t.Fatalf("APIError %q", e.Error())
		}
	})
}

// decodeTarget decodes a success body into one response model the way the
// service does, and checks what a caller would then use.
type decodeTarget struct {
	name   string
	decode func(body []byte) error
}

// decodeAs runs decodeBody into a fresh T and then use (for envelopes: the page).
func decodeAs[T any](name string, use func(*T) error) decodeTarget {
	return decodeTarget{name, func(body []byte) error {
		var out T
		if err := decodeBody("GET", "/v2/x", &transport.Response{StatusCode: 200, Body: body}, &out); err != nil {
			return err
		}
		if use != nil {
			return use(&out)
		}
		return nil
	}}
}

var errEmptyResult = errors.New("decoded without error into an unusable result")

// pageOf checks the page getPage would return.
func pageOf[T any]() func(*pageEnvelope[T]) error {
	return func(e *pageEnvelope[T]) error {
		p := e.page()
		if p == nil || p.Data == nil {
			return errEmptyResult
		}
		_ = p.HasNext()
		return nil
	}
}

// participantsTarget decodes a participants list as Sessions.ListParticipants
// (arrayData false) or ListActiveParticipants (true) does.
func participantsTarget(arrayData bool) decodeTarget {
	name := "participantsEnvelope(/participants)"
	if arrayData {
		name = "participantsEnvelope(/participants/active)"
	}
	return decodeTarget{name, func(body []byte) error {
		e := participantsEnvelope{arrayData: arrayData}
		if err := e.decodeAnswer(body); err != nil {
			// As Client.do turns an answerDecoder's error into one.
			return newResponseError("GET", "/v2/x", &transport.Response{StatusCode: 200, Body: body}, err.Error(), err)
		}
		if newPage(e.participants, e.pageInfo, nil).Data == nil {
			return errEmptyResult
		}
		return nil
	}}
}

// decodeTargets are every response model the services decode, including the
// envelopes with quirks: list pages (data or recordings), participants data as
// object or array, the HLS active wrapper and the merge creation answer.
var decodeTargets = append([]decodeTarget{
	decodeAs[Room]("Room", nil),
	decodeAs[Session]("Session", nil),
	decodeAs[SessionStats]("SessionStats", nil),
	decodeAs[ParticipantStats]("ParticipantStats", nil),
	decodeAs[Recording]("Recording", nil),
	decodeAs[ParticipantRecording]("ParticipantRecording", nil),
	decodeAs[TrackRecording]("TrackRecording", nil),
	decodeAs[Merge]("Merge", nil),
	decodeAs[Livestream]("Livestream", nil),
	decodeAs[HLSStream]("HLSStream", nil),
	decodeAs[HLSCapture]("HLSCapture", nil),
	decodeAs("activeHLS", func(a *activeHLS) error {
		if a.Data == nil {
			return errEmptyResult
		}
		return nil
	}),
	decodeAs("mergeCreated", func(m *mergeCreated) error {
		if m.Recording == nil {
			return errEmptyResult
		}
		return nil
	}),
	participantsTarget(false),
	participantsTarget(true),
	decodeAs("pageEnvelope[Room]", pageOf[Room]()),
	decodeAs("pageEnvelope[Session]", pageOf[Session]()),
	decodeAs("pageEnvelope[Recording]", pageOf[Recording]()),
	decodeAs("pageEnvelope[ParticipantRecording]", pageOf[ParticipantRecording]()),
	decodeAs("pageEnvelope[TrackRecording]", pageOf[TrackRecording]()),
	decodeAs("pageEnvelope[Merge]", pageOf[Merge]()),
	decodeAs("pageEnvelope[Livestream]", pageOf[Livestream]()),
	decodeAs("pageEnvelope[HLSStream]", pageOf[HLSStream]()),
}, moreDecodeTargets...)

// fixtureSeeds returns every response fixture under testdata/.
func fixtureSeeds(f *testing.F) [][]byte {
	f.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, n := range names {
		if strings.HasSuffix(n, ".golden.json") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzDecodeResponses: any success body either decodes into every model it
// fits or fails with a *ResponseError matching ErrInvalidResponse; nothing
// panics and nothing decodes silently into an unusable result.
func FuzzDecodeResponses(f *testing.F) {
	for _, b := range fixtureSeeds(f) {
		f.Add(b)
	}
	for _, s := range []string{
		"", "{}", "[]", "null", `"ok"`, "OK", htmlPage, `{"roomId":"r"`, `{"data":[]}`, `{"recordings":[]}`, `{"data":null}`,
		`{"data":{"participants":[{"participantId":"p"}]}}`, `{"data":[{"participants":[{"participantId":"p"}]},{"participants":null}]}`,
		`{"data":"x"}`, `{"data":7}`, `{"code":200,"data":{"id":"h"}}`, `{"code":200,"data":null}`,
		`{"message":"ok","recording":{"id":"m"}}`, `{"pagination":{"page":1,"perPage":2,"totalPages":3,"total":4},"data":[{}]}`,
		`{"pageInfo":{"currentPage":"1"},"data":[]}`, `{"id":"x","createdAt":"not a time"}`, `{"id":"x","start":"2025-05-06T09:14:03.512Z","end":null}`,
		`{"id":"x","_id":"y","meetingId":"m","userMeetingId":"u"}`, `{"data":[{"id":1}]}`, `{"id":"x","resolutions":{"180":"a"}}`,
		`{"id":"x","stats":{"resolutions":[{"180":1,"time":"t"},{"x":true}]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, target := range decodeTargets {
			err := target.decode(body)
			if err == nil {
				continue
			}
			if errors.Is(err, errEmptyResult) {
				t.Fatalf("%s: %v: %q", target.name, err, body)
			}
			var re *ResponseError
			if !errors.As(err, &re) || !errors.Is(err, ErrInvalidResponse) || len(re.Body) > 1024 || re.Reason == "" {
				t.Fatalf("%s: error %T %v is not a ResponseError", target.name, err, err)
			}
			if !utf8.ValidString(re.Error()) && utf8.Valid(body) {
				t.Fatalf("%s: error text not UTF-8", target.name)
			}
		}
	})
}

// TestEmptyObjectIsNotAResource: "{}" is a ResponseError for every model, so
// a 200 that is not the expected resource never decodes into a zero value.
func TestEmptyObjectIsNotAResource(t *testing.T) {
	t.Parallel()
	for _, target := range decodeTargets {
		for _, body := range []string{"{}", `{"unrelated":true}`} {
			err := target.decode([]byte(body))
			if !errors.Is(err, ErrInvalidResponse) {
				t.Errorf("%s: %s decoded as %v, want a ResponseError", target.name, body, err)
			}
		}
	}
}

// endpointFormats are every path format the services pass to pathf/idPath.
var endpointFormats = append([]string{
	"/v2/rooms/%s", "/v2/rooms/validate/%s",
	"/v2/sessions/%s", "/v2/sessions/%s/participants", "/v2/sessions/%s/participants/active", "/v2/sessions/%s/stats",
	"/v2/recordings/%s", "/v2/recordings/participant/%s", "/v2/recordings/participant/track/%s",
	"/v2/recordings/participant/merge/%s", "/v2/livestreams/%s", "/v2/hls/%s", "/v2/hls/%s/active",
}, moreEndpointFormats...)

// checkBuiltPath asserts that p is format with each %s replaced by one
// segment that unescapes to the matching arg.
func checkBuiltPath(t *testing.T, format, p string, args ...string) {
	t.Helper()
	want := strings.Split(format, "/")
	got := strings.Split(p, "/")
	if len(got) != len(want) {
		t.Fatalf("pathf(%q, %q) = %q: %d segments, want %d", format, args, p, len(got), len(want))
	}
	k := 0
	for i, w := range want {
		if w != "%s" {
			if got[i] != w {
				t.Fatalf("pathf(%q, %q) = %q: segment %d is %q, want %q", format, args, p, i, got[i], w)
			}
			continue
		}
		seg, err := url.PathUnescape(got[i])
		if err != nil || seg != args[k] {
			t.Fatalf("pathf(%q, %q) = %q: segment %d unescapes to %q (%v)", format, args, p, i, seg, err)
		}
		k++
	}
	if path.Clean(p) != p {
		t.Fatalf("pathf(%q, %q) = %q: not clean", format, args, p)
	}
	// As sent: the URL keeps the path, with no query or fragment smuggled in.
	u, err := url.Parse(testutil.BaseURL + p)
	if err != nil || u.RawQuery != "" || u.Fragment != "" || u.EscapedPath() != "/prefix"+p {
		t.Fatalf("pathf(%q, %q) = %q: parses as %v (%v)", format, args, p, u, err)
	}
}

// validPathArg is the rule pathf enforces, restated independently.
func validPathArg(a string) bool {
	if strings.TrimSpace(a) == "" || a == "." || strings.Contains(a, "..") || strings.ContainsAny(a, "/\\") {
		return false
	}
	for _, r := range a {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// FuzzPathf: a built path never leaves its endpoint: same prefix, same number
// of segments, each argument one segment; a refused argument wraps
// ErrInvalidParams.
func FuzzPathf(f *testing.F) {
	for _, s := range []string{"abc", "", " ", ".", "..", "a/b", `a\b`, "%2F", "%2e%2e", "..%2F", "a?b=c", "a#b", "a b", "\x00", "\t",
		"é", "\u202e", "a;b", "@", "~user", "a%", "%zz", "...", ". .", "%", "+", "\x7f", "https://evil.example/x", "//evil"} {
		f.Add(s, "p-1")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, format := range endpointFormats {
			p, err := pathf(format, []string{"id"}, a)
			if (err == nil) != validPathArg(a) {
				t.Fatalf("pathf(%q, %q): err %v, but the argument is valid=%v", format, a, err, validPathArg(a))
			}
			if err != nil {
				if !errors.Is(err, ErrInvalidParams) || p != "" {
					t.Fatalf("pathf(%q, %q) = %q, %v", format, a, p, err)
				}
				continue
			}
			checkBuiltPath(t, format, p, a)
		}
		const two = "/v2/sessions/%s/participant/%s/stats"
		p, err := pathf(two, []string{"sessionID", "participantID"}, a, b)
		if (err == nil) != (validPathArg(a) && validPathArg(b)) {
			t.Fatalf("pathf(%q, %q, %q): err %v", two, a, b, err)
		}
		if err == nil {
			checkBuiltPath(t, two, p, a, b)
		}
	})
}

// recordingRT answers every request with a 404 and remembers its URL.
type recordingRT struct {
	mu   sync.Mutex
	urls []*url.URL
}

func (r *recordingRT) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.urls = append(r.urls, req.URL)
	r.mu.Unlock()
	return &http.Response{StatusCode: 404, Status: "404 Not Found", Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"message":"nope"}`)), Request: req}, nil
}

// FuzzIDMethods drives every method that takes an ID with the fuzzed ID: it
// is refused with ErrInvalidParams before any request, or exactly one request
// goes to the method's endpoint with the ID as one path segment.
func FuzzIDMethods(f *testing.F) {
	for _, s := range []string{"abc", "", "..", "a/b", "%2F", "participant", "merge", "track", "start", "capture", "a?x=1", "é"} {
		f.Add(s)
	}
	rt := &recordingRT{}
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(testutil.BaseURL),
		WithHTTPClient(&http.Client{Transport: rt}), withSleep((&testutil.Waits{}).Sleep), WithMaxRetries(0))
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, id string) {
		for _, m := range idMethods(c) {
			rt.mu.Lock()
			rt.urls = nil
			rt.mu.Unlock()
			err := m.call(ctx, id)
			rt.mu.Lock()
			urls := rt.urls
			rt.mu.Unlock()
			if errors.Is(err, ErrInvalidParams) {
				if len(urls) != 0 {
					t.Fatalf("%s(%q): refused but sent %v", m.name, id, urls)
				}
				continue
			}
			if len(urls) != 1 || !errors.Is(err, ErrNotFound) {
				t.Fatalf("%s(%q): %d requests, err %v", m.name, id, len(urls), err)
			}
			checkBuiltPath(t, "/prefix"+m.format, urls[0].EscapedPath(), id)
		}
	})
}

type idMethod struct {
	name, format string
	call         func(ctx context.Context, id string) error
}

func idMethods(c *Client) []idMethod {
	e := func(_ any, err error) error { return err }
	return append([]idMethod{
		{"Rooms.Get", "/v2/rooms/%s", func(ctx context.Context, id string) error { return e(c.Rooms.Get(ctx, id)) }},
		{"Rooms.Validate", "/v2/rooms/validate/%s", func(ctx context.Context, id string) error { return e(c.Rooms.Validate(ctx, id)) }},
		{"Sessions.Get", "/v2/sessions/%s", func(ctx context.Context, id string) error { return e(c.Sessions.Get(ctx, id)) }},
		{"Sessions.ListParticipants", "/v2/sessions/%s/participants", func(ctx context.Context, id string) error {
			return e(c.Sessions.ListParticipants(ctx, id, ListOptions{}))
		}},
		{"Sessions.ListActiveParticipants", "/v2/sessions/%s/participants/active", func(ctx context.Context, id string) error {
			return e(c.Sessions.ListActiveParticipants(ctx, id, ListOptions{}))
		}},
		{"Sessions.Stats", "/v2/sessions/%s/stats", func(ctx context.Context, id string) error { return e(c.Sessions.Stats(ctx, id)) }},
		{"Recordings.Get", "/v2/recordings/%s", func(ctx context.Context, id string) error { return e(c.Recordings.Get(ctx, id)) }},
		{"Recordings.Delete", "/v2/recordings/%s", func(ctx context.Context, id string) error { return c.Recordings.Delete(ctx, id) }},
		{"ParticipantRecordings.Get", "/v2/recordings/participant/%s", func(ctx context.Context, id string) error {
			return e(c.ParticipantRecordings.Get(ctx, id))
		}},
		{"ParticipantRecordings.Delete", "/v2/recordings/participant/%s", func(ctx context.Context, id string) error {
			return c.ParticipantRecordings.Delete(ctx, id)
		}},
		{"TrackRecordings.Get", "/v2/recordings/participant/track/%s", func(ctx context.Context, id string) error {
			return e(c.TrackRecordings.Get(ctx, id))
		}},
		{"TrackRecordings.Delete", "/v2/recordings/participant/track/%s", func(ctx context.Context, id string) error {
			return c.TrackRecordings.Delete(ctx, id)
		}},
		{"Merges.Get", "/v2/recordings/participant/merge/%s", func(ctx context.Context, id string) error { return e(c.Merges.Get(ctx, id)) }},
		{"Livestreams.Get", "/v2/livestreams/%s", func(ctx context.Context, id string) error { return e(c.Livestreams.Get(ctx, id)) }},
		{"HLS.Get", "/v2/hls/%s", func(ctx context.Context, id string) error { return e(c.HLS.Get(ctx, id)) }},
		{"HLS.GetActive", "/v2/hls/%s/active", func(ctx context.Context, id string) error { return e(c.HLS.GetActive(ctx, id)) }},
		{"HLS.Delete", "/v2/hls/%s", func(ctx context.Context, id string) error { return c.HLS.Delete(ctx, id) }},
	}, moreIDMethods(c)...)
}

// FuzzParseToken: any token and secret: no panic; success only with claims,
// an expiry and the canonical spelling; refusals wrap ErrInvalidToken (or
// ErrInvalidParams for an empty secret) and never quote the token or the secret.
func FuzzParseToken(f *testing.F) {
	now := time.Now()
	good, _ := generateToken("key", []byte("fuzz-secret-0001"), TokenParams{RoomID: "r", Roles: []Role{RoleRTC}}, now)
	expired, _ := generateToken("key", []byte("fuzz-secret-0001"), TokenParams{TTL: time.Minute}, now.Add(-time.Hour))
	noExp, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"apikey": "key"}).SignedString([]byte("fuzz-secret-0001"))
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"apikey": "key", "exp": now.Add(time.Hour).Unix()}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	badTypes, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"apikey": 7, "version": "2", "roles": "rtc", "exp": now.Add(time.Hour).Unix()}).SignedString([]byte("fuzz-secret-0001"))
	versionString, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"apikey": "key", "version": "2", "exp": now.Add(time.Hour).Unix()}).SignedString([]byte("fuzz-secret-0001"))
	for _, tok := range []string{good, expired, noExp, none, badTypes, versionString, "", "a.b.c", "eyJ.eyJ.", good + "x", good[:len(good)-3],
		good + "\n", " " + good, good + "="} {
		f.Add(tok, "fuzz-secret-0001")
	}
	f.Add(good, "")
	f.Add(good, "other-secret")
	f.Fuzz(func(t *testing.T, token, secret string) {
		c, err := ParseToken(token, secret)
		if err == nil {
			if c == nil || c.ExpiresAt == nil || !c.ExpiresAt.After(time.Now().Add(-time.Minute)) {
				t.Fatalf("accepted token without a valid expiry: %+v", c)
			}
			// Only the canonical spelling is accepted: re-encoding each
			// decoded segment gives the token back.
			segs := strings.Split(token, ".")
			for i, seg := range segs {
				raw, err := base64.RawURLEncoding.DecodeString(seg)
				if err != nil || base64.RawURLEncoding.EncodeToString(raw) != seg {
					t.Fatalf("accepted a non-canonical segment %d: %q", i, seg)
				}
			}
			return
		}
		if c != nil {
			t.Fatalf("claims returned with error %v", err)
		}
		if secret == "" {
			if !errors.Is(err, ErrInvalidParams) {
				t.Fatalf("empty secret: %v", err)
			}
			return
		}
		if !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("refusal does not wrap ErrInvalidToken: %v", err)
		}
		msg := err.Error()
		// Short strings occur in any message by chance; a real token or
		// secret is long.
		if len(token) >= 32 && strings.Count(token, ".") == 2 && strings.Contains(msg, token) {
			t.Fatalf("error quotes the token: %s", msg)
		}
		if sig := token[strings.LastIndexByte(token, '.')+1:]; len(sig) >= 32 && strings.Contains(msg, sig) {
			t.Fatalf("error quotes the signature: %s", msg)
		}
		if len(secret) >= 16 && strings.Contains(msg, secret) {
			t.Fatalf("error quotes the secret: %s", msg)
		}
	})
}

// fuzzWebhookKey is the key the fuzz targets sign with (a fixed test key:
// generating one is slow).
func fuzzWebhookKey() *rsa.PrivateKey { return testKey(0) }

func fuzzSign(t *testing.T, body []byte) string {
	sum := sha256.Sum256(body)
	sig, err := rsa.SignPKCS1v15(rand.Reader, fuzzWebhookKey(), crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(sig)
}

// FuzzParseWebhook: a body signed with the key is never refused as
// unsigned (it decodes, or is ErrInvalidParams when it is not a webhook); an
// unsigned body with any signature header is ErrInvalidSignature; the compact
// form's signature is accepted for a body with extra whitespace; no panic.
func FuzzParseWebhook(f *testing.F) {
	for _, s := range []string{
		`{"webhookType":"recording-stopped","data":{"meetingId":"m","sessionId":"s","filePath":"p","fileUrl":"u"}}`,
		`{"webhookType":"session-started","data":{"roomId":"r","start":"2025-05-06T09:14:03.512Z","end":null}}`,
		`{"type":"hls-playable","data":{"playbackHlsUrl":"https://x"}}`, `{"webhookType":"x","data":null}`, `{"webhookType":"x"}`,
		`{"data":{}}`, `{"webhookType":"x","data":{"start":"yesterday"}}`, `{"webhookType":"x","data":[]}`, `[]`, ``, `null`,
		"{ \"webhookType\" : \"participant-joined\",\n \"data\" : { \"participantId\" : \"p\" } }", `{"webhookType":7}`,
	} {
		f.Add([]byte(s), "", uint8(0))
		f.Add([]byte(s), "", uint8(1))
		f.Add([]byte(s), "", uint8(2))
	}
	f.Add([]byte(`{}`), "AAAA", uint8(0))
	f.Add([]byte(`{}`), "not base64!", uint8(0))
	f.Add([]byte(`{}`), "-_-_", uint8(0))
	f.Fuzz(func(t *testing.T, body []byte, sig string, mode uint8) {
		key := &fuzzWebhookKey().PublicKey
		switch mode % 3 {
		case 0: // the fuzzer's own signature: it cannot forge one
			ev, err := ParseWebhook(body, sig, key)
			if !errors.Is(err, ErrInvalidSignature) || ev != nil {
				t.Fatalf("unsigned body accepted or refused for another reason: %v", err)
			}
		case 1, 2:
			signed := body
			if mode%3 == 2 {
				var compact bytes.Buffer
				if json.Compact(&compact, body) != nil {
					return
				}
				signed = compact.Bytes() // VideoSDK's sample signs the compact form
			}
			ev, err := ParseWebhook(body, fuzzSign(t, signed), key)
			switch {
			case err == nil:
				if ev == nil || ev.Type == "" {
					t.Fatalf("accepted without a type: %+v", ev)
				}
			case errors.Is(err, ErrInvalidSignature):
				t.Fatalf("signed body refused: %v", err)
			case !errors.Is(err, ErrInvalidParams) || ev != nil:
				t.Fatalf("signed body: %v", err)
			}
		}
	})
}

// FuzzParseWebhookPublicKey: any key text is a key of at least 2048 bits with
// an odd exponent of at least 65537, or ErrInvalidParams.
func FuzzParseWebhookPublicKey(f *testing.F) {
	pub := &fuzzWebhookKey().PublicKey
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		f.Fatal(err)
	}
	pkix := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(pub)})
	for _, s := range [][]byte{pkix, pkcs1, bytes.ReplaceAll(pkix, []byte("\n"), []byte(`\n`)), pkix[:len(pkix)/2],
		[]byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), []byte("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"), nil} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		k, err := ParseWebhookPublicKey(in)
		if err != nil {
			if k != nil || !errors.Is(err, ErrInvalidParams) {
				t.Fatalf("%v, %v", k, err)
			}
			return
		}
		if k == nil || k.N == nil {
			t.Fatalf("no key and no error")
		}
		if k.N.BitLen() < 2048 || k.E < 65537 || k.E%2 == 0 {
			t.Fatalf("weak key accepted: %d bits, exponent %d", k.N.BitLen(), k.E)
		}
	})
}

// errorTextBound is the longest Error() of an *APIError or *ResponseError for
// the short method and path used below: every server-supplied part is capped.
const errorTextBound = 1400

// jwtShaped matches what redaction calls a JWT: "eyJ", base64url, two dots.
var jwtShaped = regexp.MustCompile(`eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*`)

// FuzzErrorText: whatever a server sends as error body, request id, redirect
// target and undecodable success body, the Error() text of the resulting
// *APIError and *ResponseError is one line without control or invisible
// formatting characters, bounded, and without JWT-shaped text; the fields
// that hold server text are capped.
func FuzzErrorText(f *testing.F) {
	tok := "eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.c2lnbmF0dXJlLXBhcnQ"
	for _, s := range []struct {
		body, id, loc string
		status        int
	}{
		{`{"message":"Room not found.","code":"E1"}`, "r-1", "", 404},
		{"line\nbreak\x1b[2J\u202e", "id\r\nforged: yes", "", 500},
		{`{"message":"` + strings.ReplaceAll(tok, ".", `\u002e`) + `"}`, tok, "https://u:p@h/" + tok + "?t=" + tok, 302},
		{strings.Repeat("x", 5000), strings.Repeat("r", 5000), "/" + strings.Repeat("p", 5000), 307},
		{`{"roomId":"r","createdAt":"` + tok + `"}`, "", "", 200},
		{"\xff\xfe", "\x00", "\x7f", 101},
	} {
		f.Add([]byte(s.body), s.id, s.loc, s.status)
	}
	f.Fuzz(func(t *testing.T, body []byte, id, loc string, status int) {
		h := http.Header{"X-Request-Id": {id}, "Location": {loc}}
		resp := &transport.Response{StatusCode: 100 + int(uint(status)%500), Header: h, Body: body}
		var texts []string
		ae := newAPIError("GET", "/v2/rooms/x", resp)
		texts = append(texts, ae.Error())
		if len(ae.RequestID) > maxRequestID+len("…") || len(ae.Code) > maxCode+len("…") || len(ae.Location) > maxLocation+len("…") {
			t.Fatalf("uncapped field: id %d, code %d, location %d bytes", len(ae.RequestID), len(ae.Code), len(ae.Location))
		}
		var room Room
		if err := decodeBody("GET", "/v2/rooms/x", resp, &room); err != nil {
			texts = append(texts, err.Error())
			var re *ResponseError
			if errors.As(err, &re) && (len(re.Reason) > maxReason+len("…") || len(re.RequestID) > maxRequestID+len("…")) {
				t.Fatalf("uncapped field: reason %d, id %d bytes", len(re.Reason), len(re.RequestID))
			}
		}
		for _, s := range texts {
			if len(s) > errorTextBound {
				t.Fatalf("Error() is %d bytes", len(s))
			}
			if hasControl(s) {
				t.Fatalf("control character in %q", s)
			}
			if m := jwtShaped.FindString(s); len(m) >= 20 {
				t.Fatalf("JWT-shaped text %q in %q", m, s)
			}
		}
	})
}

// The fuzz targets' tables for the services beyond the seed list; fuzz_test.go
// appends them to its own.

// moreDecodeTargets are the response models of the newer services, decoded
// the way the services decode them (wire.go).
var moreDecodeTargets = []decodeTarget{
	decodeAs[CompositeRecording]("CompositeRecording", nil),
	decodeAs[Transcoding]("Transcoding", nil),
	decodeAs[PostTranscription]("PostTranscription", nil),
	decodeAs[RealtimeTranscription]("RealtimeTranscription", nil),
	decodeAs("pageEnvelope[CompositeRecording]", pageOf[CompositeRecording]()),
	decodeAs("pageEnvelope[Transcoding]", pageOf[Transcoding]()),
	decodeAs("transcriptionsEnvelope[PostTranscription]", transcriptionsOf[PostTranscription]()),
	decodeAs("transcriptionsEnvelope[RealtimeTranscription]", transcriptionsOf[RealtimeTranscription]()),
}

// transcriptionsOf checks the page getTranscriptionsPage would return.
func transcriptionsOf[T any]() func(*transcriptionsEnvelope[T]) error {
	return func(e *transcriptionsEnvelope[T]) error {
		if e.page().Data == nil {
			return errEmptyResult
		}
		return nil
	}
}

// moreEndpointFormats are the path formats of the newer services.
var moreEndpointFormats = []string{
	"/v2/recordings/composite/%s", "/v2/transcodings/%s", "/v2/transcodings/%s/cancel",
	"/ai/v1/post-transcriptions/%s", "/ai/v1/realtime-transcriptions/%s",
}

func moreIDMethods(c *Client) []idMethod {
	e := func(_ any, err error) error { return err }
	return []idMethod{
		{"CompositeRecordings.Get", "/v2/recordings/composite/%s", func(ctx context.Context, id string) error { return e(c.CompositeRecordings.Get(ctx, id)) }},
		{"CompositeRecordings.Delete", "/v2/recordings/composite/%s", func(ctx context.Context, id string) error { return c.CompositeRecordings.Delete(ctx, id) }},
		{"Transcodings.Get", "/v2/transcodings/%s", func(ctx context.Context, id string) error { return e(c.Transcodings.Get(ctx, id)) }},
		{"Transcodings.Cancel", "/v2/transcodings/%s/cancel", func(ctx context.Context, id string) error { return c.Transcodings.Cancel(ctx, id) }},
		{"PostTranscriptions.Get", "/ai/v1/post-transcriptions/%s", func(ctx context.Context, id string) error { return e(c.PostTranscriptions.Get(ctx, id)) }},
		{"RealtimeTranscriptions.Get", "/ai/v1/realtime-transcriptions/%s", func(ctx context.Context, id string) error {
			return e(c.RealtimeTranscriptions.Get(ctx, id))
		}},
		{"Recordings.GetWithTranscription", "/v2/recordings/%s", func(ctx context.Context, id string) error {
			return e(c.Recordings.GetWithTranscription(ctx, id))
		}},
	}
}
