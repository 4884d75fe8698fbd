package videosdk

// Benchmarks of the SDK against its physical limit: a hand-written net/http +
// encoding/json call ("raw") to the same loopback httptest server, with a
// pre-signed token in the Authorization header, the same headers, decoding
// into the same Go type. Each pair has a raw and an sdk sub-benchmark with
// their own ns/op, B/op and allocs/op; the sdk line also carries the ratios
// (see pair for how the time ratio is kept fair on a shared machine):
//
//	ratio-time        sdk time ÷ raw time                  (target ≤ 1.05)
//	allocs-over-raw   sdk allocs/op − raw allocs/op        (target ≤ 10)
//	ratio-throughput  sdk calls/s ÷ raw calls/s, parallel  (target ≥ 0.95)
//	tokens-signed     management tokens signed during the whole run (1)
//
// Run them with (see BENCHMARKS.md):
//
//	go test -run='^$' -bench=. -benchmem -count=6 .
//
// B/op and allocs/op are process-wide and so include the in-process test
// server's own work; it is identical for raw and sdk, so the differences are
// the SDK's.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

const (
	benchRoomID   = "tq7v-m2xk-9hdp"
	benchPages    = 100
	benchPerPage  = 100
	benchAllItems = benchPages * benchPerPage
)

// benchServer is a loopback API serving realistic SPEC.md bodies.
type benchServer struct {
	srv      *httptest.Server
	get      []byte // GET /v2/rooms/{id}
	create   []byte // POST /v2/rooms
	recItems []byte // the "data" array of a recordings page: benchPerPage recordings
	// recPages[p-1] is recItems for page p: ids differ from page to page, as
	// on a real server (All ends on a page that repeats the previous one).
	recPages [][]byte
}

func newBenchServer(b *testing.B) *benchServer {
	b.Helper()
	s := &benchServer{
		get:    testutil.Fixture(b, "rooms_get.json"),
		create: testutil.Fixture(b, "rooms_create.json"),
	}
	for page := 1; page <= benchPages; page++ {
		s.recPages = append(s.recPages, benchItems(b, "recordings_list.json", "0013f0ab20", page))
	}
	s.recItems = s.recPages[0]
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	b.Cleanup(s.srv.Close)
	return s
}

// benchItems builds a compact JSON array of benchPerPage copies of the first
// list item of the fixture, each with its own id (idSuffix, the last 10 hex
// digits of the item's id, replaced by the page and a counter).
func benchItems(b *testing.B, fixture, idSuffix string, page int) []byte {
	b.Helper()
	var env struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(testutil.Fixture(b, fixture), &env); err != nil || len(env.Data) == 0 {
		b.Fatalf("fixture %s: %v", fixture, err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, env.Data[0]); err != nil {
		b.Fatal(err)
	}
	item := compact.String()
	if !strings.Contains(item, idSuffix+`"`) {
		b.Fatalf("fixture %s: no id ending in %s", fixture, idSuffix)
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i := 0; i < benchPerPage; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(strings.Replace(item, idSuffix+`"`, fmt.Sprintf(`%04x%06x"`, page, i), 1))
	}
	buf.WriteByte(']')
	return buf.Bytes()
}

func (s *benchServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") == "" {
		http.Error(w, `{"error":"token missing"}`, http.StatusUnauthorized)
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/v2/rooms/"+benchRoomID:
		writeJSON(w, s.get)
	case r.Method == "POST" && r.URL.Path == "/v2/rooms":
		_, _ = io.Copy(io.Discard, r.Body)
		writeJSON(w, s.create)
	case r.Method == "GET" && r.URL.Path == "/v2/recordings":
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		if q.Get("roomId") != benchRoomID || q.Get("perPage") != strconv.Itoa(benchPerPage) {
			http.Error(w, `{"error":"bad query"}`, http.StatusBadRequest)
			return
		}
		writeJSON(w, pageHead(page), s.recPages[min(max(page, 1), benchPages)-1], []byte("}"))
	default:
		http.Error(w, `{"error":"no route"}`, http.StatusNotFound)
	}
}

func pageHead(page int) []byte {
	return fmt.Appendf(nil, `{"pageInfo":{"currentPage":%d,"perPage":%d,"lastPage":%d,"total":%d},"data":`,
		page, benchPerPage, benchPages, benchAllItems)
}

func writeJSON(w http.ResponseWriter, parts ...[]byte) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	h := w.Header()
	h["Content-Type"] = []string{"application/json; charset=utf-8"}
	h["Content-Length"] = []string{strconv.Itoa(n)}
	w.WriteHeader(http.StatusOK)
	for _, p := range parts {
		_, _ = w.Write(p)
	}
}

// benchClient is the SDK as a user builds it: default transport, base URL.
func benchClient(b *testing.B, s *benchServer) *Client {
	b.Helper()
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(s.srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.cfg.httpClient.CloseIdleConnections)
	return c
}

// rawClient is the physical limit: plain net/http + encoding/json with a
// token signed once up front and the same transport tuning as the SDK's
// default (MaxIdleConnsPerHost 32).
type rawClient struct {
	hc    *http.Client
	base  string
	token string
	ua    string
}

func newRawClient(b *testing.B, s *benchServer) *rawClient {
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
	return &rawClient{hc: &http.Client{Transport: tr}, base: s.srv.URL, token: tok, ua: "videosdk-go/" + Version}
}

// call sends one request and decodes a 200 JSON body into out.
func (r *rawClient) call(ctx context.Context, method, u string, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", r.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", r.ua)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s", method, u, resp.Status)
	}
	return json.Unmarshal(b, out)
}

func (r *rawClient) getRoom(ctx context.Context, id string) (*Room, error) {
	var room Room
	if err := r.call(ctx, "GET", r.base+"/v2/rooms/"+url.PathEscape(id), nil, &room); err != nil {
		return nil, err
	}
	return &room, nil
}

func (r *rawClient) createRoom(ctx context.Context, p CreateRoomParams) (*Room, error) {
	body, err := json.Marshal(&p)
	if err != nil {
		return nil, err
	}
	var room Room
	if err := r.call(ctx, "POST", r.base+"/v2/rooms", body, &room); err != nil {
		return nil, err
	}
	return &room, nil
}

// allRecordings is the hand-written page loop: fetch, range, next page.
func (r *rawClient) allRecordings(ctx context.Context, roomID string, perPage int, yield func(Recording) bool) error {
	for page := 1; ; page++ {
		var env struct {
			PageInfo PageInfo    `json:"pageInfo"`
			Data     []Recording `json:"data"`
		}
		u := r.base + "/v2/recordings?page=" + strconv.Itoa(page) + "&perPage=" + strconv.Itoa(perPage) +
			"&roomId=" + url.QueryEscape(roomID)
		if err := r.call(ctx, "GET", u, nil, &env); err != nil {
			return err
		}
		for _, item := range env.Data {
			if !yield(item) {
				return nil
			}
		}
		if len(env.Data) == 0 || env.PageInfo.CurrentPage >= env.PageInfo.LastPage {
			return nil
		}
	}
}

var benchListParams = ListRecordingsParams{RoomID: benchRoomID, ListOptions: ListOptions{PerPage: benchPerPage}}

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

// result is one sub-benchmark's final figures.
type result struct{ ns, allocs float64 }

// measure runs f (which loops b.N times) and returns its ns/op and allocs/op.
func measure(b *testing.B, f func(b *testing.B)) result {
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ResetTimer()
	f(b)
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	return result{
		ns:     float64(b.Elapsed().Nanoseconds()) / float64(b.N),
		allocs: float64(m1.Mallocs-m0.Mallocs) / float64(b.N),
	}
}

// op is one call of a pair; it must succeed.
type op func() error

// loop runs f b.N times, sequentially or spread over b.RunParallel.
func loop(f op, parallel bool) func(b *testing.B) {
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
		for i := 0; i < b.N; i++ {
			if err := f(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// pair runs raw then sdk as sub-benchmarks, each reporting its own ns/op,
// B/op and allocs/op. The sdk sub-benchmark then reports the ratios:
// allocs-over-raw from the two runs (allocation counts do not depend on load)
// and the time ratio from an extra, untimed run of b.N calls of each side
// interleaved (call by call, or in 20 alternating rounds when parallel), so
// that load from other users of a shared machine hits both sides alike.
func pair(b *testing.B, raw, sdk op, parallel bool, after func(b *testing.B)) {
	var r result
	b.Run("raw", func(b *testing.B) { r = measure(b, loop(raw, parallel)) })
	b.Run("sdk", func(b *testing.B) {
		s := measure(b, loop(sdk, parallel))
		if after != nil {
			after(b)
		}
		if r.ns == 0 {
			return // raw was filtered out by -bench
		}
		b.ReportMetric(s.allocs-r.allocs, "allocs-over-raw")
		rawT, sdkT := interleave(b, raw, sdk, parallel)
		if parallel {
			b.ReportMetric(rawT/sdkT, "ratio-throughput")
		} else {
			b.ReportMetric(sdkT/rawT, "ratio-time")
		}
	})
}

// interleave runs b.N calls of raw and of sdk alternately and returns the
// total time each side took.
func interleave(b *testing.B, raw, sdk op, parallel bool) (rawT, sdkT float64) {
	b.Helper()
	timed := func(f op, n int) float64 {
		start := time.Now()
		if parallel {
			runParallel(b, f, n)
		} else {
			for i := 0; i < n; i++ {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
		}
		return float64(time.Since(start))
	}
	rounds, chunk := b.N, 1
	if parallel {
		rounds = min(b.N, 20)
		chunk = b.N / rounds
	}
	for i := 0; i < rounds; i++ {
		if i%2 == 0 { // alternate who goes first
			rawT += timed(raw, chunk)
			sdkT += timed(sdk, chunk)
		} else {
			sdkT += timed(sdk, chunk)
			rawT += timed(raw, chunk)
		}
	}
	return rawT, sdkT
}

// runParallel makes n calls of f from GOMAXPROCS goroutines, as RunParallel does.
func runParallel(b *testing.B, f op, n int) {
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

func reportSigned(c *Client) func(b *testing.B) {
	return func(b *testing.B) { b.ReportMetric(float64(c.tokens.signed.Load()), "tokens-signed") }
}

// wantRoom checks a decoded room so a broken call cannot look fast.
func wantRoom(room *Room, err error) error {
	if err != nil {
		return err
	}
	if room.RoomID != benchRoomID {
		return fmt.Errorf("room %q decoded, want %q", room.RoomID, benchRoomID)
	}
	return nil
}

func BenchmarkRoomsGet(b *testing.B) {
	s := newBenchServer(b)
	c, raw := benchClient(b, s), newRawClient(b, s)
	ctx := context.Background()
	pair(b,
		func() error { return wantRoom(raw.getRoom(ctx, benchRoomID)) },
		func() error { return wantRoom(c.Rooms.Get(ctx, benchRoomID)) },
		false, reportSigned(c))
}

func BenchmarkRoomsCreate(b *testing.B) {
	s := newBenchServer(b)
	c, raw := benchClient(b, s), newRawClient(b, s)
	ctx := context.Background()
	p := benchCreateParams()
	pair(b,
		func() error { return wantRoom(raw.createRoom(ctx, p)) },
		func() error { return wantRoom(c.Rooms.Create(ctx, p)) },
		false, reportSigned(c))
}

func BenchmarkRoomsGetParallel(b *testing.B) {
	s := newBenchServer(b)
	c, raw := benchClient(b, s), newRawClient(b, s)
	ctx := context.Background()
	pair(b,
		func() error { return wantRoom(raw.getRoom(ctx, benchRoomID)) },
		func() error { return wantRoom(c.Rooms.Get(ctx, benchRoomID)) },
		true, reportSigned(c))
}

// BenchmarkRecordingsAll pages through 100 pages × 100 recordings.
func BenchmarkRecordingsAll(b *testing.B) {
	s := newBenchServer(b)
	c, raw := benchClient(b, s), newRawClient(b, s)
	ctx := context.Background()
	count := func(n int, err error) error {
		if err == nil && n != benchAllItems {
			err = fmt.Errorf("%d items, want %d", n, benchAllItems)
		}
		return err
	}
	pair(b, func() error {
		n := 0
		err := raw.allRecordings(ctx, benchRoomID, benchPerPage, func(Recording) bool { n++; return true })
		return count(n, err)
	}, func() error {
		n := 0
		for _, err := range c.Recordings.All(ctx, benchListParams) {
			if err != nil {
				return err
			}
			n++
		}
		return count(n, nil)
	}, false, reportSigned(c))
}

// liveHeap forces a collection and returns the bytes of live heap objects.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkRecordingsAllHeap reports the peak live heap while ranging over
// 10,000 recordings (100 pages), sampled in the middle of every page, above the heap
// before the loop: it must stay about one page, not grow with the item count.
// page-body-B is one page's JSON size for comparison.
func BenchmarkRecordingsAllHeap(b *testing.B) {
	s := newBenchServer(b)
	c, raw := benchClient(b, s), newRawClient(b, s)
	ctx := context.Background()
	pageBytes := float64(len(pageHead(1)) + len(s.recItems) + 1)
	run := func(b *testing.B, all func(yield func(int) bool) error) {
		b.ReportAllocs()
		all(func(int) bool { return false }) // warm up the connection
		var peak uint64
		for i := 0; i < b.N; i++ {
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
			return raw.allRecordings(ctx, benchRoomID, benchPerPage, func(Recording) bool { return yield(0) })
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
// with golang-jwt directly (secret already a []byte).
func BenchmarkGenerateToken(b *testing.B) {
	secret := []byte(testutil.TestSecret)
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret)
	if err != nil {
		b.Fatal(err)
	}
	raw := func() error {
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
	}
	pair(b, raw, func() error {
		_, err := GenerateToken(testutil.TestAPIKey, testutil.TestSecret, benchTokenParams)
		return err
	}, false, nil)
	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := c.GenerateToken(benchTokenParams); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNewClient is the cold start of a serverless function: no I/O, no
// signing (the token is signed on the first call).
func BenchmarkNewClient(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret)
		if err != nil {
			b.Fatal(err)
		}
		if c.tokens.signed.Load() != 0 {
			b.Fatal("NewClient signed a token")
		}
	}
}

// BenchmarkDecodeRoom measures what Room's legacy-name UnmarshalJSON costs:
// raw decodes the same struct without the method, sdk decodes a Room with
// json.Unmarshal (as list items and the raw twins are decoded), and direct
// calls the method itself, as decodeBody does for a top-level body.
func BenchmarkDecodeRoom(b *testing.B) {
	type plainRoom Room // same fields, no UnmarshalJSON
	body := testutil.Fixture(b, "rooms_get.json")
	pair(b, func() error {
		var r plainRoom
		return json.Unmarshal(body, &r)
	}, func() error {
		var r Room
		return json.Unmarshal(body, &r)
	}, false, nil)
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var r Room
			if err := r.UnmarshalJSON(body); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPathf builds a two-ID path, as every call with an ID does.
func BenchmarkPathf(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := pathf("/v2/sessions/%s/participant/%s/stats", []string{"sessionID", "participantID"}, "6819d4a02c1e4a0013f0aa10", "p8x2kq1z"); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFile and benchRecording are File and Recording without their
// legacy-name UnmarshalJSON methods (benchRecording copies Recording's
// fields with File swapped), to price those methods on a list page.
type benchFile File

type benchRecording struct {
	ID            string          `json:"id"`
	UserID        string          `json:"userId,omitempty"`
	RoomID        string          `json:"roomId"`
	SessionID     string          `json:"sessionId"`
	FileID        string          `json:"fileId,omitempty"`
	File          *benchFile      `json:"file,omitempty"`
	Start         *time.Time      `json:"start,omitempty"`
	End           *time.Time      `json:"end,omitempty"`
	CreatedAt     time.Time       `json:"createdAt"`
	UpdatedAt     time.Time       `json:"updatedAt"`
	Webhook       *WebhookSummary `json:"webhook,omitempty"`
	Links         *Links          `json:"links,omitempty"`
	Transcription json.RawMessage `json:"transcription,omitempty"`
}

// BenchmarkDecodeRecordingsPage decodes one page of 100 recordings: raw into
// types without the legacy-name methods, sdk into []Recording as
// Recordings.All (and the raw twin) must.
func BenchmarkDecodeRecordingsPage(b *testing.B) {
	s := &benchServer{recItems: benchItems(b, "recordings_list.json", "0013f0ab20", 1)}
	page := append(append(pageHead(1), s.recItems...), '}')
	pair(b, func() error {
		var env struct {
			PageInfo PageInfo         `json:"pageInfo"`
			Data     []benchRecording `json:"data"`
		}
		return json.Unmarshal(page, &env)
	}, func() error {
		var env pageEnvelope[Recording]
		return json.Unmarshal(page, &env)
	}, false, nil)
}
