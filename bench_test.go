package videosdk

// Benchmarks of the SDK against a careful hand-written client ("raw"): plain
// net/http + encoding/json to the same loopback httptest server, with a token
// signed once up front, the same headers and the same transport tuning, and
// decoding into plain structs declared in this file (rawRoom, rawRecording, …:
// the same fields and tags as the SDK's types, no methods, the legacy names as
// extra plain fields copied after decoding, so both sides accept the same
// bodies). TestBenchRawTwins holds those structs to the SDK's types.
//
// Each comparison runs every side as its own sub-benchmark (ns/op, B/op,
// allocs/op), then an "interleaved" sub-benchmark that calls the sides in
// turn, in rotating order, in one process, split into benchRounds rounds, and
// reports for each ratio the median over the rounds and the lowest and
// highest round (see compare). Sides:
//
//	raw           the hand-written client
//	raw-timeout   the same, with the SDK's default 30 s per-attempt context.WithTimeout
//	sdk           NewClient with its defaults (retries, 30 s per-attempt timeout, caps)
//	sdk-timeout0  the same with WithRequestTimeout(0)
//
// The end-to-end comparisons run against a server that sends Content-Length
// (BenchmarkRoomsGet, …), one that does not (…NoLength: chunked) and one that
// serves gzip (…Gzip: net/http unzips it transparently, so the client sees
// no length, the common case in production). Run them with (see
// BENCHMARKS.md for the exact set and flags behind its figures):
//
//	go test -run='^$' -bench=. -benchmem -count=5 .
//
// B/op and allocs/op are process-wide and so include the in-process test
// server's own work; it is identical for every side, so differences are the
// client's.

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

const (
	benchRoomID   = "tq7v-m2xk-9hdp"
	benchPages    = 100
	benchPerPage  = 100
	benchAllItems = benchPages * benchPerPage
	// benchRounds is how many rounds an interleaved comparison is split into;
	// its ratios are the median, lowest and highest round.
	benchRounds = 9
	// benchTimeout is the SDK's default per-attempt timeout, which the
	// raw-timeout side applies too.
	benchTimeout = 30 * time.Second
)

// ---------------------------------------------------------------------------
// Raw twins: what a hand-written client declares. Same fields and tags as the
// SDK's types, no methods; nested types without decoding methods are the SDK's
// own (Links, Participant, …), File has its own raw twin. The legacy names are
// plain fields, copied by the fix functions after decoding.

type rawLegacy struct {
	LegacyID      string `json:"_id,omitempty"`
	MeetingID     string `json:"meetingId,omitempty"`
	UserMeetingID string `json:"userMeetingId,omitempty"`
}

type rawRoom struct {
	ID                    string            `json:"id"`
	RoomID                string            `json:"roomId"`
	CustomRoomID          string            `json:"customRoomId,omitempty"`
	UserID                string            `json:"userId,omitempty"`
	Disabled              bool              `json:"disabled"`
	CreatedAt             time.Time         `json:"createdAt"`
	UpdatedAt             time.Time         `json:"updatedAt"`
	Links                 *Links            `json:"links,omitempty"`
	User                  *RoomUser         `json:"user,omitempty"`
	Webhook               *RoomWebhook      `json:"webhook,omitempty"`
	AutoCloseConfig       *AutoCloseConfig  `json:"autoCloseConfig,omitempty"`
	AutoStartConfig       *AutoStartConfig  `json:"autoStartConfig,omitempty"`
	MultiComposition      *MultiComposition `json:"multiComposition,omitempty"`
	GeoFence              GeoFence          `json:"geoFence,omitempty"`
	AllowedParticipantIDs []string          `json:"allowedParticipantIds,omitempty"`
	Status                string            `json:"status,omitempty"`
	rawLegacy
}

func fixRoom(r *rawRoom) {
	if r.RoomID == "" {
		r.RoomID = r.MeetingID
	}
	if r.CustomRoomID == "" {
		r.CustomRoomID = r.UserMeetingID
	}
}

type rawSession struct {
	ID             string            `json:"id"`
	RoomID         string            `json:"roomId"`
	CustomRoomID   string            `json:"customRoomId,omitempty"`
	UserID         string            `json:"userId,omitempty"`
	APIKey         string            `json:"apiKey,omitempty"`
	Start          time.Time         `json:"start"`
	End            *time.Time        `json:"end"`
	Status         SessionStatus     `json:"status,omitempty"`
	Participants   []Participant     `json:"participants"`
	ActiveDuration float64           `json:"activeDuration,omitempty"`
	ChatLink       string            `json:"chatLink,omitempty"`
	Region         string            `json:"region,omitempty"`
	HLSLog         []json.RawMessage `json:"hlsLog,omitempty"`
	Links          *Links            `json:"links,omitempty"`
	rawLegacy
}

func fixSession(s *rawSession) {
	if s.ID == "" {
		s.ID = s.LegacyID
	}
	if s.RoomID == "" {
		s.RoomID = s.MeetingID
	}
	if s.CustomRoomID == "" {
		s.CustomRoomID = s.UserMeetingID
	}
}

type rawFile struct {
	ID          string             `json:"id"`
	FilePath    string             `json:"filePath,omitempty"`
	FileURL     string             `json:"fileUrl,omitempty"`
	Size        int64              `json:"size,omitempty"`
	Type        string             `json:"type,omitempty"`
	Meta        FileMeta           `json:"meta"`
	Ratio       map[string]float64 `json:"ratio,omitempty"`
	UserStorage map[string]any     `json:"userStorage,omitempty"`
	UserID      string             `json:"userId,omitempty"`
	CreatedAt   *time.Time         `json:"createdAt,omitempty"`
	UpdatedAt   *time.Time         `json:"updatedAt,omitempty"`
	rawLegacy
}

func fixFile(f *rawFile) {
	if f != nil && f.ID == "" {
		f.ID = f.LegacyID
	}
}

type rawRecording struct {
	ID             string          `json:"id"`
	UserID         string          `json:"userId,omitempty"`
	RoomID         string          `json:"roomId"`
	SessionID      string          `json:"sessionId"`
	FileID         string          `json:"fileId,omitempty"`
	File           *rawFile        `json:"file,omitempty"`
	Start          *time.Time      `json:"start,omitempty"`
	End            *time.Time      `json:"end,omitempty"`
	CreatedAt      time.Time       `json:"createdAt"`
	UpdatedAt      time.Time       `json:"updatedAt"`
	Webhook        *WebhookSummary `json:"webhook,omitempty"`
	Links          *Links          `json:"links,omitempty"`
	Transcription  json.RawMessage `json:"transcription,omitempty"`
	Transcriptions json.RawMessage `json:"transcriptions,omitempty"`
	rawLegacy
}

func fixRecording(r *rawRecording) {
	if r.RoomID == "" {
		r.RoomID = r.MeetingID
	}
	fixFile(r.File)
}

type rawParticipantRecording struct {
	ID              string          `json:"id"`
	RoomID          string          `json:"roomId"`
	SessionID       string          `json:"sessionId"`
	ParticipantID   string          `json:"participantId"`
	ParticipantName string          `json:"participantName,omitempty"`
	Kind            TrackKind       `json:"kind,omitempty"`
	FileFormat      FileFormat      `json:"fileFormat,omitempty"`
	Mode            RecordingMode   `json:"mode,omitempty"`
	Region          string          `json:"region,omitempty"`
	Start           time.Time       `json:"start"`
	End             *time.Time      `json:"end"`
	Files           []rawFile       `json:"files"`
	Webhook         *WebhookSummary `json:"webhook,omitempty"`
}

type rawTrackRecording struct {
	ID              string          `json:"id"`
	RoomID          string          `json:"roomId"`
	SessionID       string          `json:"sessionId"`
	ParticipantID   string          `json:"participantId"`
	ParticipantName string          `json:"participantName,omitempty"`
	Kind            TrackKind       `json:"kind"`
	FileFormat      FileFormat      `json:"fileFormat,omitempty"`
	Mode            RecordingMode   `json:"mode,omitempty"`
	Region          string          `json:"region,omitempty"`
	Start           time.Time       `json:"start"`
	End             *time.Time      `json:"end"`
	Files           []rawFile       `json:"files"`
	Webhook         *WebhookSummary `json:"webhook,omitempty"`
}

func fixFiles(files []rawFile) {
	for i := range files {
		fixFile(&files[i])
	}
}

type rawMerge struct {
	ID        string              `json:"id"`
	RoomID    string              `json:"roomId"`
	SessionID string              `json:"sessionId"`
	Channel1  []MergeChannelEntry `json:"channel1"`
	Channel2  []MergeChannelEntry `json:"channel2"`
	Status    MergeStatus         `json:"status"`
	Start     time.Time           `json:"start"`
	End       *time.Time          `json:"end"`
	File      *rawFile            `json:"file,omitempty"`
	Message   string              `json:"message,omitempty"`
	rawLegacy
}

func fixMerge(m *rawMerge) {
	if m.RoomID == "" {
		m.RoomID = m.MeetingID
	}
	fixFile(m.File)
}

type rawLivestream struct {
	ID         string          `json:"id"`
	RoomID     string          `json:"roomId"`
	SessionID  string          `json:"sessionId"`
	Outputs    []RTMPOutput    `json:"outputs"`
	Start      time.Time       `json:"start"`
	End        *time.Time      `json:"end"`
	ComposerID string          `json:"composerId,omitempty"`
	Region     string          `json:"region,omitempty"`
	Webhook    *WebhookSummary `json:"webhook,omitempty"`
	Links      *Links          `json:"links,omitempty"`
	rawLegacy
}

type rawHLSStream struct {
	ID             string            `json:"id"`
	RoomID         string            `json:"roomId"`
	SessionID      string            `json:"sessionId"`
	Start          time.Time         `json:"start"`
	End            *time.Time        `json:"end"`
	Duration       float64           `json:"duration,omitempty"`
	Links          *Links            `json:"links,omitempty"`
	PlaybackHLSURL string            `json:"playbackHlsUrl,omitempty"`
	LivestreamURL  string            `json:"livestreamUrl,omitempty"`
	DownstreamURL  string            `json:"downstreamUrl,omitempty"`
	ComposerID     string            `json:"composerId,omitempty"`
	Mode           Mode              `json:"mode,omitempty"`
	Quality        Quality           `json:"quality,omitempty"`
	Orientation    Orientation       `json:"orientation,omitempty"`
	CaptureLog     []json.RawMessage `json:"captureLog,omitempty"`
	Encryption     json.RawMessage   `json:"encryption,omitempty"`
	Webhook        *WebhookSummary   `json:"webhook,omitempty"`
	Code           int               `json:"code,omitempty"`
	rawLegacy
}

// rawPage is the list envelope as a hand-written client declares it (merges
// put their items under "recordings").
type rawPage[T any] struct {
	PageInfo   PageInfo `json:"pageInfo"`
	Data       []T      `json:"data"`
	Recordings []T      `json:"recordings"`
}

// rawItems returns the page's items: "data", else "recordings".
func rawItems[T any](p *rawPage[T]) []T {
	if p.Data != nil {
		return p.Data
	}
	return p.Recordings
}

// rawDecodePage decodes a list body as the hand-written client does: into a
// rawPage, then the legacy-name copy on each item.
func rawDecodePage[T any](body []byte, fix func(*T)) (*rawPage[T], error) {
	var p rawPage[T]
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, err
	}
	items := rawItems(&p)
	for i := range items {
		fix(&items[i])
	}
	return &p, nil
}

// TestBenchRawTwins: the raw twins the benchmarks decode into have no JSON
// field the SDK's types lack (but the legacy names the SDK accepts), the same
// type and tag for every field they share, no methods, and reach no decoding
// method other than time.Time's and json.RawMessage's, so the raw side never
// does more work than the SDK. A field of the SDK's type that the raw twin
// lacks is logged, not an error: it can only make the SDK look slower.
func TestBenchRawTwins(t *testing.T) {
	t.Parallel()
	nested := map[reflect.Type]reflect.Type{reflect.TypeOf(File{}): reflect.TypeOf(rawFile{})}
	legacy := []string{"_id", "meetingId", "userMeetingId"}
	for _, tc := range []struct {
		public, raw any
	}{
		{Room{}, rawRoom{}},
		{Session{}, rawSession{}},
		{File{}, rawFile{}},
		{Recording{}, rawRecording{}},
		{ParticipantRecording{}, rawParticipantRecording{}},
		{TrackRecording{}, rawTrackRecording{}},
		{Merge{}, rawMerge{}},
		{Livestream{}, rawLivestream{}},
		{HLSStream{}, rawHLSStream{}},
	} {
		pt, rt := reflect.TypeOf(tc.public), reflect.TypeOf(tc.raw)
		for _, d := range jsonShapeDiffs(pt, rt, nested, nil, legacy) {
			if strings.Contains(d, `" missing in `+rt.Name()) {
				// The raw twin decodes less than the SDK: the comparison
				// can only be harder on the SDK, so a field added to a
				// response type needs no second edit here.
				t.Log(d)
				continue
			}
			t.Error(d)
		}
		if n := methodCount(rt); n != 0 {
			t.Errorf("%s has %d methods; a raw twin has none", rt, n)
		}
		for _, h := range decodeHooks(rt, nil) {
			t.Errorf("%s reaches a decoding method: %s", rt, h)
		}
	}
}

// ---------------------------------------------------------------------------
// Bodies and the loopback server.

// benchServer is a loopback API serving realistic SPEC.md bodies, framed
// as its mode says.
type benchServer struct {
	srv      *httptest.Server
	mode     benchMode
	gz       map[*byte][]byte // gzipped: each body compressed once, by its first byte's address
	get      []byte           // GET /v2/rooms/{id}
	create   []byte           // POST /v2/rooms
	rooms    []byte           // GET /v2/rooms: one page of benchPerPage rooms
	sessions []byte           // GET /v2/sessions: one page of benchPerPage sessions × 3 participants
	// recPages[p-1] is the "data" array of recordings page p: benchPerPage
	// recordings, with ids that differ from page to page as on a real server
	// (All ends with an error on a page that repeats the previous one).
	recPages [][]byte
}

// benchMode is how the bench server frames its bodies.
type benchMode int

const (
	// withLength sends Content-Length, as a server that buffers its answers does.
	withLength benchMode = iota
	// noLength sends no Content-Length (chunked): a streaming server, or a
	// proxy in front of one.
	noLength
	// gzipped sends each body gzip-compressed (compressed once, up front),
	// with no Content-Length, as an API behind a compressing proxy does;
	// net/http asks for gzip by default and unzips transparently, so the
	// client sees a body of unknown length.
	gzipped
)

func newBenchServer(b *testing.B) *benchServer { return newBenchServerMode(b, withLength) }

func newBenchServerMode(b *testing.B, mode benchMode) *benchServer {
	b.Helper()
	s := &benchServer{
		mode:     mode,
		get:      testutil.Fixture(b, "rooms_get.json"),
		create:   testutil.Fixture(b, "rooms_create.json"),
		rooms:    benchPage(b, 1, "data", benchItems(b, "rooms_list.json", 0, 1, nil)),
		sessions: benchPage(b, 1, "data", benchItems(b, "sessions_list.json", 0, 1, threeParticipants)),
	}
	for page := 1; page <= benchPages; page++ {
		s.recPages = append(s.recPages, benchItems(b, "recordings_list.json", 0, page, nil))
	}
	if mode == gzipped {
		s.gz = map[*byte][]byte{}
		bodies := [][]byte{s.get, s.create, s.rooms, s.sessions}
		for page := 1; page <= benchPages; page++ {
			// Served whole: recPages[p-1] becomes the page's body.
			s.recPages[page-1] = recordingsPage(page, s.recPages[page-1])
			bodies = append(bodies, s.recPages[page-1])
		}
		for _, body := range bodies {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			_, _ = zw.Write(body)
			if err := zw.Close(); err != nil {
				b.Fatal(err)
			}
			s.gz[&body[0]] = buf.Bytes()
		}
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	b.Cleanup(s.srv.Close)
	return s
}

// benchItems builds a compact JSON array of benchPerPage copies of list item
// index of the fixture, each with its own "id" (made of page and a counter)
// and edited by edit (if set).
func benchItems(b testing.TB, fixture string, index, page int, edit func(testing.TB, map[string]json.RawMessage)) []byte {
	b.Helper()
	var env struct {
		Data       []map[string]json.RawMessage `json:"data"`
		Recordings []map[string]json.RawMessage `json:"recordings"`
	}
	if err := json.Unmarshal(testutil.Fixture(b, fixture), &env); err != nil {
		b.Fatalf("fixture %s: %v", fixture, err)
	}
	items := env.Data
	if items == nil {
		items = env.Recordings
	}
	if len(items) <= index {
		b.Fatalf("fixture %s has no item %d", fixture, index)
	}
	item := items[index]
	if _, ok := item["id"]; !ok {
		b.Fatalf("fixture %s: item %d has no id", fixture, index)
	}
	if edit != nil {
		edit(b, item)
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i := 0; i < benchPerPage; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		item["id"] = json.RawMessage(fmt.Sprintf(`"6819e0112c1e4a%04x%06x"`, page, i))
		one, err := json.Marshal(item)
		if err != nil {
			b.Fatal(err)
		}
		buf.Write(one)
	}
	buf.WriteByte(']')
	return buf.Bytes()
}

// threeParticipants makes a session item hold three participants (copies of
// its first with their own ids).
func threeParticipants(b testing.TB, item map[string]json.RawMessage) {
	var ps []map[string]json.RawMessage
	if err := json.Unmarshal(item["participants"], &ps); err != nil || len(ps) == 0 {
		b.Fatalf("session item has no participants: %v", err)
	}
	three := make([]map[string]json.RawMessage, 3)
	for i := range three {
		p := map[string]json.RawMessage{}
		for k, v := range ps[0] {
			p[k] = v
		}
		p["participantId"] = json.RawMessage(fmt.Sprintf(`"p8x2kq%02d"`, i))
		three[i] = p
	}
	raw, err := json.Marshal(three)
	if err != nil {
		b.Fatal(err)
	}
	item["participants"] = raw
}

// benchPage wraps items (a JSON array) in a list envelope under key.
func benchPage(b testing.TB, page int, key string, items []byte) []byte {
	b.Helper()
	out := fmt.Appendf(nil, `{"pageInfo":{"currentPage":%d,"perPage":%d,"lastPage":%d,"total":%d},%q:`,
		page, benchPerPage, benchPages, benchAllItems, key)
	return append(append(out, items...), '}')
}

func pageHead(page int) []byte {
	return fmt.Appendf(nil, `{"pageInfo":{"currentPage":%d,"perPage":%d,"lastPage":%d,"total":%d},"data":`,
		page, benchPerPage, benchPages, benchAllItems)
}

// recordingsPage is the body of recordings page page whose items are items.
func recordingsPage(page int, items []byte) []byte {
	return append(append(pageHead(page), items...), '}')
}

func (s *benchServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") == "" {
		http.Error(w, `{"error":"token missing"}`, http.StatusUnauthorized)
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/v2/rooms/"+benchRoomID:
		s.write(w, s.get)
	case r.Method == "POST" && r.URL.Path == "/v2/rooms":
		_, _ = io.Copy(io.Discard, r.Body)
		s.write(w, s.create)
	case r.Method == "GET" && r.URL.Path == "/v2/rooms":
		s.write(w, s.rooms)
	case r.Method == "GET" && r.URL.Path == "/v2/sessions":
		s.write(w, s.sessions)
	case r.Method == "GET" && r.URL.Path == "/v2/recordings":
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		if q.Get("roomId") != benchRoomID || q.Get("perPage") != strconv.Itoa(benchPerPage) {
			http.Error(w, `{"error":"bad query"}`, http.StatusBadRequest)
			return
		}
		page = min(max(page, 1), benchPages)
		if s.mode == gzipped {
			s.write(w, s.recPages[page-1])
			return
		}
		s.write(w, pageHead(page), s.recPages[page-1], []byte("}"))
	default:
		http.Error(w, `{"error":"no route"}`, http.StatusNotFound)
	}
}

// write answers 200 with the concatenation of parts, framed as s.mode says.
func (s *benchServer) write(w http.ResponseWriter, parts ...[]byte) {
	h := w.Header()
	h["Content-Type"] = []string{"application/json; charset=utf-8"}
	switch s.mode {
	case withLength:
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		h["Content-Length"] = []string{strconv.Itoa(n)}
		w.WriteHeader(http.StatusOK)
	case noLength:
		w.WriteHeader(http.StatusOK)
		// Headers out now: net/http would otherwise add a Content-Length
		// to a small body written whole before the handler returns.
		w.(http.Flusher).Flush()
	case gzipped:
		if r := s.gz[&parts[0][0]]; len(parts) == 1 && r != nil {
			h["Content-Encoding"] = []string{"gzip"}
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			_, _ = w.Write(r)
			return
		}
		panic("bench server: no gzip body")
	}
	for _, p := range parts {
		_, _ = w.Write(p)
	}
}

// ---------------------------------------------------------------------------
// The two clients.

// benchClient is the SDK as a user builds it: default transport, base URL.
func benchClient(b *testing.B, s *benchServer, opts ...Option) *Client {
	b.Helper()
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, append([]Option{WithBaseURL(s.srv.URL)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.cfg.httpClient.CloseIdleConnections)
	return c
}

// rawClient is the hand-written client: net/http + encoding/json, a token
// signed once up front, the same headers and the same transport tuning as
// the SDK's default (MaxIdleConnsPerHost 32).
type rawClient struct {
	hc    *http.Client
	base  string
	token string
	ua    string
	// timeout, when set, bounds each call with context.WithTimeout as the
	// SDK's per-attempt timeout does (skipped when the caller's deadline is
	// sooner).
	timeout time.Duration
}

func newRawClient(b *testing.B, s *benchServer, timeout time.Duration) *rawClient {
	b.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32
	now := time.Now()
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, &Claims{
		APIKey:      testutil.TestAPIKey,
		Permissions: []Permission{PermissionAllowJoin, PermissionAllowMod},
		Version:     2,
		Roles:       []Role{RoleCrawler},
		RegisteredClaims: jwt.RegisteredClaims{
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(24 * time.Hour)),
		},
	}).SignedString([]byte(testutil.TestSecret))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(tr.CloseIdleConnections)
	return &rawClient{hc: &http.Client{Transport: tr}, base: s.srv.URL, token: tok, ua: "videosdk-go/" + Version, timeout: timeout}
}

// call sends one request and decodes a 200 JSON body into out.
func (r *rawClient) call(ctx context.Context, method, u string, body []byte, out any) error {
	b, err := r.send(ctx, method, u, body)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// get sends a GET and returns its 200 body.
func (r *rawClient) get(ctx context.Context, u string) ([]byte, error) {
	return r.send(ctx, "GET", u, nil)
}

// send sends one request and returns its 200 body.
func (r *rawClient) send(ctx context.Context, method, u string, body []byte) ([]byte, error) {
	if r.timeout > 0 {
		if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > r.timeout {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, r.timeout)
			defer cancel()
		}
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", r.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", r.ua)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: %s", method, u, resp.Status)
	}
	return b, nil
}

func (r *rawClient) getRoom(ctx context.Context, id string) (*rawRoom, error) {
	var room rawRoom
	if err := r.call(ctx, "GET", r.base+"/v2/rooms/"+url.PathEscape(id), nil, &room); err != nil {
		return nil, err
	}
	fixRoom(&room)
	return &room, nil
}

func (r *rawClient) createRoom(ctx context.Context, p CreateRoomParams) (*rawRoom, error) {
	body, err := json.Marshal(&p)
	if err != nil {
		return nil, err
	}
	var room rawRoom
	if err := r.call(ctx, "POST", r.base+"/v2/rooms", body, &room); err != nil {
		return nil, err
	}
	fixRoom(&room)
	return &room, nil
}

func (r *rawClient) listRooms(ctx context.Context) (*rawPage[rawRoom], error) {
	body, err := r.get(ctx, r.base+"/v2/rooms?perPage="+strconv.Itoa(benchPerPage))
	if err != nil {
		return nil, err
	}
	return rawDecodePage(body, fixRoom)
}

func (r *rawClient) listSessions(ctx context.Context) (*rawPage[rawSession], error) {
	body, err := r.get(ctx, r.base+"/v2/sessions?perPage="+strconv.Itoa(benchPerPage))
	if err != nil {
		return nil, err
	}
	return rawDecodePage(body, fixSession)
}

func (r *rawClient) listRecordings(ctx context.Context, roomID string, page, perPage int) (*rawPage[rawRecording], error) {
	u := r.base + "/v2/recordings?page=" + strconv.Itoa(page) + "&perPage=" + strconv.Itoa(perPage) +
		"&roomId=" + url.QueryEscape(roomID)
	body, err := r.get(ctx, u)
	if err != nil {
		return nil, err
	}
	return rawDecodePage(body, fixRecording)
}

// allRecordings is the hand-written page loop: fetch, range, next page.
func (r *rawClient) allRecordings(ctx context.Context, roomID string, perPage int, yield func(*rawRecording) bool) error {
	for page := 1; ; page++ {
		p, err := r.listRecordings(ctx, roomID, page, perPage)
		if err != nil {
			return err
		}
		for i := range p.Data {
			if !yield(&p.Data[i]) {
				return nil
			}
		}
		if len(p.Data) == 0 || p.PageInfo.CurrentPage >= p.PageInfo.LastPage {
			return nil
		}
	}
}

var (
	benchListParams  = ListRecordingsParams{RoomID: benchRoomID, ListOptions: ListOptions{PerPage: benchPerPage}}
	benchRoomsParams = ListRoomsParams{ListOptions: ListOptions{PerPage: benchPerPage}}
	benchSessParams  = ListSessionsParams{ListOptions: ListOptions{PerPage: benchPerPage}}
)

// benchCreateParams is a realistic create body (the one rooms_test uses).
func benchCreateParams() CreateRoomParams {
	return CreateRoomParams{
		CustomRoomID:          "team-standup-42",
		GeoFence:              GeoFenceUS002,
		Webhook:               &RoomWebhook{EndPoint: "https://hooks.example.com/videosdk", Events: []WebhookEventType{WebhookSessionStarted, "recording-*"}},
		AutoCloseConfig:       &AutoCloseConfig{Type: AutoCloseSessionEndAndDeactivate, Duration: 60},
		MultiComposition:      &MultiComposition{Recording: true},
		AllowedParticipantIDs: []string{"p8x2kq1z", "h3n7w0cd"},
	}
}

// ---------------------------------------------------------------------------
// The harness.

// side is one way of doing the same work; call must succeed and check its
// result, so that a broken side cannot look fast.
type side struct {
	name string
	call func() error
}

// ratio is one comparison the interleaved sub-benchmark reports: the time of
// side num divided by the time of side den, round by round.
type ratio struct{ num, den string }

// sideStats are one side's figures from its own sub-benchmark.
type sideStats struct{ ns, allocs, bytes float64 }

// measure runs f (which loops b.N times) and returns its per-op figures.
func measure(b *testing.B, f func(b *testing.B)) sideStats {
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ResetTimer()
	f(b)
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	n := float64(b.N)
	return sideStats{
		ns:     float64(b.Elapsed().Nanoseconds()) / n,
		allocs: float64(m1.Mallocs-m0.Mallocs) / n,
		bytes:  float64(m1.TotalAlloc-m0.TotalAlloc) / n,
	}
}

// loop runs f b.N times, sequentially or spread over b.RunParallel.
func loop(f func() error, parallel bool) func(b *testing.B) {
	if parallel {
		return func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := f(); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
	}
	return func(b *testing.B) {
		for b.Loop() {
			if err := f(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// compare runs each side as a sub-benchmark of its own, then the
// "interleaved" sub-benchmark, which is where the ratios come from: on a
// shared machine two sub-benchmarks run seconds apart see different load, so
// their ns/op cannot be divided. The interleaved one calls every side in turn
// (in rotating order) within one loop, split into benchRounds rounds, and for
// each ratio reports the median round ("num/den") and the lowest and highest
// round ("num/den-min", "num/den-max"); for parallel comparisons each round
// runs a batch of calls per side over GOMAXPROCS goroutines and the ratio is
// of throughput ("tput:num/den"). It also reports allocs:num-den (allocs/op
// difference) and B:num/den (B/op ratio) from the sides' own sub-benchmarks of
// the same run. Its own ns/op is one call of every side.
func compare(b *testing.B, parallel bool, sides []side, ratios []ratio) {
	stats := map[string]sideStats{}
	for _, s := range sides {
		b.Run(s.name, func(b *testing.B) { stats[s.name] = measure(b, loop(s.call, parallel)) })
	}
	b.Run("interleaved", func(b *testing.B) {
		index := map[string]int{}
		for i, s := range sides {
			index[s.name] = i
		}
		start := time.Now()
		times, calls := interleave(b, sides, parallel)
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(calls), "ns/op")
		for _, r := range ratios {
			per := make([]float64, benchRounds)
			for k, t := range times {
				if parallel {
					per[k] = t[index[r.den]] / t[index[r.num]]
				} else {
					per[k] = t[index[r.num]] / t[index[r.den]]
				}
			}
			sort.Float64s(per)
			name := r.num + "/" + r.den
			if parallel {
				name = "tput:" + name
			}
			b.ReportMetric(per[len(per)/2], name)
			b.ReportMetric(per[0], name+"-min")
			b.ReportMetric(per[len(per)-1], name+"-max")
			num, okN := stats[r.num]
			den, okD := stats[r.den]
			if okN && okD {
				b.ReportMetric(num.allocs-den.allocs, "allocs:"+r.num+"-"+r.den)
				b.ReportMetric(num.bytes/den.bytes, "B:"+r.num+"/"+r.den)
			}
		}
	})
}

// interleave returns, per round, the seconds each side spent, and how many
// round-robins (one call of every side) it made: at least b.N and at least
// one per round.
func interleave(b *testing.B, sides []side, parallel bool) (times [][]float64, calls int) {
	times = make([][]float64, benchRounds)
	for r := range times {
		times[r] = make([]float64, len(sides))
	}
	if parallel {
		chunk := max(b.N/benchRounds, 4*runtime.GOMAXPROCS(0))
		for r := 0; r < benchRounds; r++ {
			for k := range sides {
				s := (k + r) % len(sides)
				start := time.Now()
				runParallel(b, sides[s].call, chunk)
				times[r][s] = time.Since(start).Seconds()
			}
		}
		return times, chunk * benchRounds
	}
	n := max(b.N, benchRounds)
	for i := 0; i < n; i++ {
		r := i * benchRounds / n
		for k := range sides {
			s := (k + i) % len(sides)
			start := time.Now()
			if err := sides[s].call(); err != nil {
				b.Fatal(err)
			}
			times[r][s] += time.Since(start).Seconds()
		}
	}
	return times, n
}

// runParallel makes n calls of f from GOMAXPROCS goroutines, as RunParallel does.
func runParallel(b *testing.B, f func() error, n int) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < runtime.GOMAXPROCS(0); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := f(); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// tokensSigned fails the benchmark unless c signed exactly one management
// token (once per lifetime, never per call).
func tokensSigned(b *testing.B, cs ...*Client) {
	b.Cleanup(func() {
		for _, c := range cs {
			if n := c.tokens.signed.Load(); n > 1 {
				b.Errorf("client signed %d management tokens, want 1", n)
			}
		}
	})
}

// wantID checks a decoded room id so a broken call cannot look fast.
func wantID(got string, err error) error {
	if err != nil {
		return err
	}
	if got != benchRoomID {
		return fmt.Errorf("room %q decoded, want %q", got, benchRoomID)
	}
	return nil
}

func rawRoomID(r *rawRoom, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return r.RoomID, nil
}

func sdkRoomID(r *Room, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return r.RoomID, nil
}

// wantLen checks a decoded page.
func wantLen(n int, err error) error {
	if err == nil && n != benchPerPage {
		err = fmt.Errorf("%d items, want %d", n, benchPerPage)
	}
	return err
}

// rawPageLen and sdkPageLen check a page a call returned.
func rawPageLen[T any](p *rawPage[T], err error) error {
	if err != nil {
		return err
	}
	return wantLen(len(rawItems(p)), nil)
}

func sdkPageLen[T any](p *Page[T], err error) error {
	if err != nil {
		return err
	}
	return wantLen(len(p.Data), nil)
}

// fourSides are the four sides of an end-to-end call: raw, raw with the
// per-attempt timeout, the SDK, the SDK with WithRequestTimeout(0).
func fourSides(b *testing.B, s *benchServer, raw func(*rawClient) error, sdk func(*Client) error) []side {
	r, rt := newRawClient(b, s, 0), newRawClient(b, s, benchTimeout)
	c, c0 := benchClient(b, s), benchClient(b, s, WithRequestTimeout(0))
	tokensSigned(b, c, c0)
	return []side{
		{"raw", func() error { return raw(r) }},
		{"raw-timeout", func() error { return raw(rt) }},
		{"sdk", func() error { return sdk(c) }},
		{"sdk-timeout0", func() error { return sdk(c0) }},
	}
}

// endToEndRatios are the comparisons the targets are stated in.
var endToEndRatios = []ratio{{"sdk", "raw"}, {"sdk", "raw-timeout"}, {"sdk-timeout0", "raw"}}

// ---------------------------------------------------------------------------
// End-to-end benchmarks.

func BenchmarkRoomsGet(b *testing.B)         { benchRoomsGet(b, newBenchServer(b)) }
func BenchmarkRoomsGetNoLength(b *testing.B) { benchRoomsGet(b, newBenchServerMode(b, noLength)) }
func BenchmarkRoomsGetGzip(b *testing.B)     { benchRoomsGet(b, newBenchServerMode(b, gzipped)) }

func benchRoomsGet(b *testing.B, s *benchServer) {
	ctx := context.Background()
	compare(b, false, fourSides(b, s,
		func(r *rawClient) error { return wantID(rawRoomID(r.getRoom(ctx, benchRoomID))) },
		func(c *Client) error { return wantID(sdkRoomID(c.Rooms.Get(ctx, benchRoomID))) },
	), endToEndRatios)
}

func BenchmarkRoomsCreate(b *testing.B)         { benchRoomsCreate(b, newBenchServer(b)) }
func BenchmarkRoomsCreateNoLength(b *testing.B) { benchRoomsCreate(b, newBenchServerMode(b, noLength)) }
func BenchmarkRoomsCreateGzip(b *testing.B)     { benchRoomsCreate(b, newBenchServerMode(b, gzipped)) }

func benchRoomsCreate(b *testing.B, s *benchServer) {
	ctx := context.Background()
	p := benchCreateParams()
	compare(b, false, fourSides(b, s,
		func(r *rawClient) error { return wantID(rawRoomID(r.createRoom(ctx, p))) },
		func(c *Client) error { return wantID(sdkRoomID(c.Rooms.Create(ctx, p))) },
	), endToEndRatios)
}

func BenchmarkRoomsGetParallel(b *testing.B) {
	s := newBenchServer(b)
	ctx := context.Background()
	compare(b, true, fourSides(b, s,
		func(r *rawClient) error { return wantID(rawRoomID(r.getRoom(ctx, benchRoomID))) },
		func(c *Client) error { return wantID(sdkRoomID(c.Rooms.Get(ctx, benchRoomID))) },
	), endToEndRatios)
}

// BenchmarkRoomsList fetches one page of 100 rooms.
func BenchmarkRoomsList(b *testing.B)         { benchRoomsList(b, newBenchServer(b)) }
func BenchmarkRoomsListNoLength(b *testing.B) { benchRoomsList(b, newBenchServerMode(b, noLength)) }

func benchRoomsList(b *testing.B, s *benchServer) {
	ctx := context.Background()
	compare(b, false, fourSides(b, s,
		func(r *rawClient) error { return rawPageLen(r.listRooms(ctx)) },
		func(c *Client) error { return sdkPageLen(c.Rooms.List(ctx, benchRoomsParams)) },
	), endToEndRatios)
}

// BenchmarkSessionsList fetches one page of 100 sessions with 3 participants each.
func BenchmarkSessionsList(b *testing.B) { benchSessionsList(b, newBenchServer(b)) }
func BenchmarkSessionsListNoLength(b *testing.B) {
	benchSessionsList(b, newBenchServerMode(b, noLength))
}

func benchSessionsList(b *testing.B, s *benchServer) {
	ctx := context.Background()
	compare(b, false, fourSides(b, s,
		func(r *rawClient) error { return rawPageLen(r.listSessions(ctx)) },
		func(c *Client) error { return sdkPageLen(c.Sessions.List(ctx, benchSessParams)) },
	), endToEndRatios)
}

// BenchmarkRecordingsList fetches one page of 100 recordings; the NoLength
// and Gzip variants get it without Content-Length, plain or gzip-compressed.
func BenchmarkRecordingsList(b *testing.B) { benchRecordingsList(b, newBenchServer(b)) }
func BenchmarkRecordingsListNoLength(b *testing.B) {
	benchRecordingsList(b, newBenchServerMode(b, noLength))
}
func BenchmarkRecordingsListGzip(b *testing.B) {
	benchRecordingsList(b, newBenchServerMode(b, gzipped))
}

func benchRecordingsList(b *testing.B, s *benchServer) {
	ctx := context.Background()
	compare(b, false, fourSides(b, s,
		func(r *rawClient) error { return rawPageLen(r.listRecordings(ctx, benchRoomID, 1, benchPerPage)) },
		func(c *Client) error { return sdkPageLen(c.Recordings.List(ctx, benchListParams)) },
	), endToEndRatios)
}

// BenchmarkRecordingsAll pages through 100 pages × 100 recordings.
func BenchmarkRecordingsAll(b *testing.B) {
	s := newBenchServer(b)
	ctx := context.Background()
	count := func(n int, err error) error {
		if err == nil && n != benchAllItems {
			err = fmt.Errorf("%d items, want %d", n, benchAllItems)
		}
		return err
	}
	r, rt := newRawClient(b, s, 0), newRawClient(b, s, benchTimeout)
	c := benchClient(b, s)
	tokensSigned(b, c)
	rawAll := func(r *rawClient) func() error {
		return func() error {
			n := 0
			err := r.allRecordings(ctx, benchRoomID, benchPerPage, func(*rawRecording) bool { n++; return true })
			return count(n, err)
		}
	}
	compare(b, false, []side{
		{"raw", rawAll(r)},
		{"raw-timeout", rawAll(rt)},
		{"sdk", func() error {
			n := 0
			for _, err := range c.Recordings.All(ctx, benchListParams) {
				if err != nil {
					return err
				}
				n++
			}
			return count(n, nil)
		}},
	}, []ratio{{"sdk", "raw"}, {"sdk", "raw-timeout"}})
}

// liveHeap forces a collection and returns the bytes of live heap objects.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkRecordingsAllHeap reports the peak live heap while ranging over
// 10,000 recordings (100 pages), sampled in the middle of every page, above
// the heap before the loop: it must stay about one page, not grow with the
// item count. page-body-B is one page's JSON size for comparison.
func BenchmarkRecordingsAllHeap(b *testing.B) {
	s := newBenchServer(b)
	c, raw := benchClient(b, s), newRawClient(b, s, 0)
	ctx := context.Background()
	pageBytes := float64(len(pageHead(1)) + len(s.recPages[0]) + 1)
	run := func(b *testing.B, all func(yield func(int) bool) error) {
		b.ReportAllocs()
		_ = all(func(int) bool { return false }) // warm up the connection
		var peak uint64
		for b.Loop() {
			base := liveHeap()
			n := 0
			err := all(func(int) bool {
				if n%benchPerPage == benchPerPage/2 {
					if h := liveHeap(); h > base {
						peak = max(peak, h-base)
					}
				}
				n++
				return true
			})
			if err != nil || n != benchAllItems {
				b.Fatal(n, err)
			}
		}
		b.ReportMetric(float64(peak), "peak-live-B")
		b.ReportMetric(pageBytes, "page-body-B")
	}
	b.Run("raw", func(b *testing.B) {
		run(b, func(yield func(int) bool) error {
			return raw.allRecordings(ctx, benchRoomID, benchPerPage, func(*rawRecording) bool { return yield(0) })
		})
	})
	b.Run("sdk", func(b *testing.B) {
		run(b, func(yield func(int) bool) error {
			for _, err := range c.Recordings.All(ctx, benchListParams) {
				if err != nil {
					return err
				}
				if !yield(0) {
					return nil
				}
			}
			return nil
		})
	})
}

var benchTokenParams = TokenParams{
	RoomID:        benchRoomID,
	ParticipantID: "p8x2kq1z",
	Roles:         []Role{RoleRTC},
	Permissions:   []Permission{PermissionAllowJoin},
}

// BenchmarkGenerateToken compares GenerateToken with signing the same claims
// with golang-jwt directly (secret already a []byte); "client" is
// Client.GenerateToken.
func BenchmarkGenerateToken(b *testing.B) {
	secret := []byte(testutil.TestSecret)
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret)
	if err != nil {
		b.Fatal(err)
	}
	compare(b, false, []side{
		{"raw", func() error {
			now := time.Now()
			_, err := jwt.NewWithClaims(jwt.SigningMethodHS256, &Claims{
				APIKey:        testutil.TestAPIKey,
				Permissions:   []Permission{PermissionAllowJoin},
				Version:       2,
				RoomID:        benchRoomID,
				ParticipantID: "p8x2kq1z",
				Roles:         []Role{RoleRTC},
				RegisteredClaims: jwt.RegisteredClaims{
					IssuedAt:  jwt.NewNumericDate(now),
					ExpiresAt: jwt.NewNumericDate(now.Add(DefaultTokenTTL)),
				},
			}).SignedString(secret)
			return err
		}},
		{"sdk", func() error {
			_, err := GenerateToken(testutil.TestAPIKey, testutil.TestSecret, benchTokenParams)
			return err
		}},
		{"client", func() error {
			_, err := c.GenerateToken(benchTokenParams)
			return err
		}},
	}, []ratio{{"sdk", "raw"}, {"client", "raw"}})
}

// BenchmarkNewClient is the cold start of a serverless function: no I/O, no
// signing (the token is signed on the first call).
func BenchmarkNewClient(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret)
		if err != nil {
			b.Fatal(err)
		}
		if c.tokens.signed.Load() != 0 {
			b.Fatal("NewClient signed a token")
		}
	}
}

// BenchmarkPathf builds a two-ID path, as every call with an ID does.
func BenchmarkPathf(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pathf("/v2/sessions/%s/participant/%s/stats", []string{"sessionID", "participantID"}, "6819d4a02c1e4a0013f0aa10", "p8x2kq1z"); err != nil {
			b.Fatal(err)
		}
	}
}

// ---------------------------------------------------------------------------
// Decode-only benchmarks: the SDK's decoding of a success body (decodeBody,
// and for lists the page it returns) against json.Unmarshal of the same
// bytes into the raw twins plus the legacy-name copy. No I/O, so no loopback
// noise.

// sdkDecode decodes body as the SDK decodes a success body into out.
func sdkDecode(body []byte, out any) error {
	return decodeBody("GET", "/bench", &transport.Response{StatusCode: http.StatusOK, Body: body}, out)
}

// sdkDecodePage decodes a list body as getPage does.
func sdkDecodePage[T any](body []byte) (*Page[T], error) {
	var env pageEnvelope[T]
	if err := sdkDecode(body, &env); err != nil {
		return nil, err
	}
	return env.page(), nil
}

// decodePair compares raw and sdk decoding of one body.
func decodePair(b *testing.B, raw, sdk func() error) {
	for _, f := range []func() error{raw, sdk} {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	compare(b, false, []side{{"raw", raw}, {"sdk", sdk}}, []ratio{{"sdk", "raw"}})
}

func wantEq(what, got, want string) error {
	if got != want {
		return fmt.Errorf("%s %q decoded, want %q", what, got, want)
	}
	return nil
}

func BenchmarkDecodeRoom(b *testing.B) {
	body := testutil.Fixture(b, "rooms_get.json")
	decodePair(b, func() error {
		var r rawRoom
		if err := json.Unmarshal(body, &r); err != nil {
			return err
		}
		fixRoom(&r)
		return wantEq("roomId", r.RoomID, benchRoomID)
	}, func() error {
		var r Room
		if err := sdkDecode(body, &r); err != nil {
			return err
		}
		return wantEq("roomId", r.RoomID, benchRoomID)
	})
}

// BenchmarkDecodeSessionsPage: 100 sessions × 3 participants.
func BenchmarkDecodeSessionsPage(b *testing.B) {
	body := benchPage(b, 1, "data", benchItems(b, "sessions_list.json", 0, 1, threeParticipants))
	decodePair(b, func() error {
		return rawPageLen(rawDecodePage(body, fixSession))
	}, func() error {
		return sdkPageLen(sdkDecodePage[Session](body))
	})
}

func BenchmarkDecodeRecordingsPage(b *testing.B) {
	body := benchPage(b, 1, "data", benchItems(b, "recordings_list.json", 0, 1, nil))
	decodePair(b, func() error {
		return rawPageLen(rawDecodePage(body, fixRecording))
	}, func() error {
		return sdkPageLen(sdkDecodePage[Recording](body))
	})
}

// BenchmarkDecodeParticipantRecordingsPage: 100 items, one file each (named
// by the legacy "_id").
func BenchmarkDecodeParticipantRecordingsPage(b *testing.B) {
	body := benchPage(b, 1, "data", benchItems(b, "participant_recordings_list.json", 0, 1, nil))
	decodePair(b, func() error {
		return rawPageLen(rawDecodePage(body, func(r *rawParticipantRecording) { fixFiles(r.Files) }))
	}, func() error {
		return sdkPageLen(sdkDecodePage[ParticipantRecording](body))
	})
}

// BenchmarkDecodeTrackRecordingsPage: 100 items, two files each.
func BenchmarkDecodeTrackRecordingsPage(b *testing.B) {
	body := benchPage(b, 1, "data", benchItems(b, "track_recordings_list.json", 1, 1, nil))
	decodePair(b, func() error {
		return rawPageLen(rawDecodePage(body, func(r *rawTrackRecording) { fixFiles(r.Files) }))
	}, func() error {
		return sdkPageLen(sdkDecodePage[TrackRecording](body))
	})
}

// BenchmarkDecodeMergesPage: 100 merge jobs under "recordings", named by the
// legacy "meetingId", each with its file.
func BenchmarkDecodeMergesPage(b *testing.B) {
	body := benchPage(b, 1, "recordings", benchItems(b, "merges_list.json", 0, 1, nil))
	decodePair(b, func() error {
		return rawPageLen(rawDecodePage(body, fixMerge))
	}, func() error {
		return sdkPageLen(sdkDecodePage[Merge](body))
	})
}

func BenchmarkDecodeLivestream(b *testing.B) {
	body := testutil.Fixture(b, "livestreams_get.json")
	decodePair(b, func() error {
		var l rawLivestream
		if err := json.Unmarshal(body, &l); err != nil {
			return err
		}
		if l.RoomID == "" {
			l.RoomID = l.MeetingID
		}
		return wantEq("roomId", l.RoomID, benchRoomID)
	}, func() error {
		var l Livestream
		if err := sdkDecode(body, &l); err != nil {
			return err
		}
		return wantEq("roomId", l.RoomID, benchRoomID)
	})
}

// BenchmarkDecodeHLSActive: the {code, data} wrapper of HLS.GetActive, whose
// stream names the room "meetingId".
func BenchmarkDecodeHLSActive(b *testing.B) {
	body := testutil.Fixture(b, "hls_active.json")
	decodePair(b, func() error {
		var a struct {
			Code int           `json:"code"`
			Data *rawHLSStream `json:"data"`
		}
		if err := json.Unmarshal(body, &a); err != nil {
			return err
		}
		if a.Data == nil {
			return fmt.Errorf("no data")
		}
		if a.Data.RoomID == "" {
			a.Data.RoomID = a.Data.MeetingID
		}
		return wantEq("roomId", a.Data.RoomID, benchRoomID)
	}, func() error {
		var a activeHLS
		if err := sdkDecode(body, &a); err != nil {
			return err
		}
		return wantEq("roomId", a.Data.RoomID, benchRoomID)
	})
}

// ---------------------------------------------------------------------------
// Webhooks.

// rawWebhook is a webhook delivery as a hand-written receiver declares it:
// WebhookData's fields (times as *time.Time), the legacy meetingId beside
// them.
type rawWebhook struct {
	WebhookType WebhookEventType `json:"webhookType"`
	Data        struct {
		RoomID          string          `json:"roomId"`
		MeetingID       string          `json:"meetingId"`
		SessionID       string          `json:"sessionId"`
		ParticipantID   string          `json:"participantId"`
		ParticipantName string          `json:"participantName"`
		Reason          WebhookReason   `json:"reason"`
		Error           json.RawMessage `json:"error"`
		Start           *time.Time      `json:"start"`
		End             *time.Time      `json:"end"`
		ID              string          `json:"id"`
		Message         string          `json:"message"`
		Type            WebhookDataType `json:"type"`
		Kind            TrackKind       `json:"kind"`
		FileFormat      FileFormat      `json:"fileFormat"`
		FilePath        string          `json:"filePath"`
		FileURL         string          `json:"fileUrl"`
		FileDetails     []WebhookFile   `json:"fileDetails"`
		PlaybackHLSURL  string          `json:"playbackHlsUrl"`
		LivestreamURL   string          `json:"livestreamUrl"`
		DownstreamURL   string          `json:"downstreamUrl"`
	} `json:"data"`
}

// benchWebhookBody is a session-ended delivery: times, a reason and the
// legacy meetingId.
const benchWebhookBody = `{"webhookType":"session-ended","data":{"meetingId":"tq7v-m2xk-9hdp","sessionId":"6819d4a02c1e4a0013f0aa10","start":"2025-05-06T09:14:08.117+00:00","end":"2025-05-06T09:59:41.802+00:00","reason":"meeting-ended","error":null}}`

// connRecorder is an httptest.ResponseRecorder whose read deadline can be
// set, as the ResponseWriter of a net/http server connection's can (through
// http.ResponseController): WebhookHandler bounds its body read with it. A
// bare recorder gives no access to a connection, which sends the handler
// down its fallback (the read in a goroutine), a path production servers
// do not take. The deadline itself is not applied (no connection).
type connRecorder struct{ *httptest.ResponseRecorder }

func (connRecorder) SetReadDeadline(time.Time) error { return nil }

// BenchmarkWebhookHandler: a WebhookHandler receiving one signed delivery,
// against a receiver written by hand with net/http, crypto/rsa and
// encoding/json (read the body, verify the signature, decode the event,
// route on its type). Both are called directly, with the same request and a
// connRecorder.
func BenchmarkWebhookHandler(b *testing.B) {
	k := testKey(0)
	body := []byte(benchWebhookBody)
	sum := sha256.Sum256(body)
	raw, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	if err != nil {
		b.Fatal(err)
	}
	sig := base64.StdEncoding.EncodeToString(raw)
	want := "tq7v-m2xk-9hdp"

	var got string
	h := NewWebhookHandler(&k.PublicKey)
	h.On(WebhookSessionEnded, func(_ context.Context, ev *WebhookEvent) error {
		got = ev.Data.RoomID
		return nil
	})
	byHand := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBodyBytes))
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		sig, err := base64.StdEncoding.DecodeString(r.Header.Get(WebhookSignatureHeader))
		if err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		sum := sha256.Sum256(b)
		if rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, sum[:], sig) != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var ev rawWebhook
		if err := json.Unmarshal(b, &ev); err != nil {
			http.Error(w, "bad event", http.StatusBadRequest)
			return
		}
		if ev.Data.RoomID == "" {
			ev.Data.RoomID = ev.Data.MeetingID
		}
		switch ev.WebhookType {
		case WebhookSessionEnded:
			got = ev.Data.RoomID
		}
		w.WriteHeader(http.StatusOK)
	})
	serve := func(h http.Handler) func() error {
		rd := bytes.NewReader(body)
		req := httptest.NewRequest("POST", "/webhooks/videosdk", rd)
		req.Header.Set(WebhookSignatureHeader, sig)
		req.Header.Set("Content-Type", "application/json")
		return func() error {
			rd.Reset(body)
			req.Body = io.NopCloser(rd)
			req.ContentLength = int64(len(body))
			got = ""
			w := connRecorder{httptest.NewRecorder()}
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK || got != want {
				return fmt.Errorf("status %d, room %q", w.Code, got)
			}
			return nil
		}
	}
	compare(b, false, []side{{"by-hand", serve(byHand)}, {"handler", serve(h)}}, []ratio{{"handler", "by-hand"}})
}
