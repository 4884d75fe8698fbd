package videosdk_test

// README.md's Go snippets, each quoted verbatim below (or, for the Quick
// start program, in examples/readme/main.go; for the SIP sections, in the
// sip_example_test.go files) inside code that runs it against videosdktest. TestReadmeSnippets holds README.md to these quotes:
// a snippet edited in one place and not the other fails it.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// TestReadmeSnippets: every ```go block of README.md is quoted verbatim (at
// any indentation) in this file or in a runnable example (*example_test.go,
// here or in videosdktest), or is the whole of examples/readme/main.go.
func TestReadmeSnippets(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	// Where a snippet may be quoted: this file, and the runnable examples
	// (the SIP sections quote theirs from sip_example_test.go files).
	examples, err := filepath.Glob("*example_test.go")
	require.NoError(t, err)
	more, err := filepath.Glob("videosdktest/*example_test.go")
	require.NoError(t, err)
	var quoted []string
	for _, name := range append([]string{"readme_test.go"}, append(examples, more...)...) {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		quoted = append(quoted, string(b))
	}
	program, err := os.ReadFile("examples/readme/main.go")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)\n```go\n(.*?)\n```\n").FindAllSubmatch(readme, -1)
	require.NotEmpty(t, blocks)
	for _, b := range blocks {
		snippet := string(b[1])
		if strings.HasPrefix(snippet, "package main\n") {
			assert.True(t, strings.HasSuffix(string(program), "\n"+snippet+"\n"),
				"README's program is not examples/readme/main.go (after its doc comment):\n%s", snippet)
			continue
		}
		found := false
		for _, text := range quoted {
			found = found || quotes(text, snippet)
		}
		assert.True(t, found, "README snippet not quoted in readme_test.go or a *example_test.go:\n%s", snippet)
	}
	t.Logf("%d Go snippets in README.md, each run by the suite", len(blocks))
}

// quotes reports whether text holds snippet's lines in a row, each with the
// same leading indentation added.
func quotes(text, snippet string) bool {
	want := strings.Split(snippet, "\n")
	have := strings.Split(text, "\n")
	for i := 0; i+len(want) <= len(have); i++ {
		indent, ok := strings.CutSuffix(have[i], want[0])
		if !ok || strings.Trim(indent, "\t") != "" {
			continue
		}
		j := 1
		for ; j < len(want); j++ {
			if have[i+j] != indent+want[j] && !(want[j] == "" && have[i+j] == "") {
				break
			}
		}
		if j == len(want) {
			return true
		}
	}
	return false
}

// readmeFake is a fake with a client, for the snippets that use one.
func readmeFake(t *testing.T) (*videosdktest.Server, *videosdk.Client, context.Context) {
	t.Helper()
	srv := videosdktest.NewServer()
	t.Cleanup(srv.Close)
	return srv, srv.Client(), context.Background()
}

// README "Errors".
func TestReadmeErrors(t *testing.T) {
	t.Parallel()
	_, client, ctx := readmeFake(t)
	id := "abcd-efgh-ijkl" // no such room

	room, err := client.Rooms.Get(ctx, id)
	switch {
	case errors.Is(err, videosdk.ErrNotFound): // 404, or 402 which VideoSDK uses for some unknown resources
	case errors.Is(err, videosdk.ErrInvalidParams): // caught before any request: empty ID, "..", unknown enum
	case err != nil:
		var apiErr *videosdk.APIError
		if errors.As(err, &apiErr) {
			log.Println(apiErr.StatusCode, apiErr.Message, apiErr.RequestID)
		}
	}

	assert.Nil(t, room)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

// README "Pagination".
func TestReadmeSessionsAll(t *testing.T) {
	t.Parallel()
	srv, client, ctx := readmeFake(t)
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	_, err = srv.Join(room.RoomID, "Asha")
	require.NoError(t, err)
	id := room.RoomID
	var buf strings.Builder
	err = func() error {
		fmt := struct{ Println func(...any) (int, error) }{func(a ...any) (int, error) { return fmt.Fprintln(&buf, a...) }}
		for s, err := range client.Sessions.All(ctx, videosdk.ListSessionsParams{RoomID: id, Status: videosdk.SessionOngoing}) {
			if err != nil {
				return err
			}
			fmt.Println(s.ID, s.Start)
		}
		return nil
	}()
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(buf.String(), "\n"), buf.String())
}

// README "Recording lifecycle".
func TestReadmeRecordingLifecycle(t *testing.T) {
	t.Parallel()
	// In a bubble, on an in-memory network: the fake's processing time and
	// the waiter's pauses pass in virtual time.
	synctest.Test(t, func(t *testing.T) {
		srv, client, ctx := e2eVirtual(t)
		room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
		require.NoError(t, err)
		_, err = srv.Join(room.RoomID, "Asha")
		require.NoError(t, err)
		roomID := room.RoomID
		err = func() error {
			ctx, cancel := context.WithTimeout(ctx, 10*time.Minute) // finding and waiting end with the context
			defer cancel()
			res, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: roomID})
			if err != nil {
				return err
			}
			// The API answers a sentence (res.Message), not an id: find the recording this call started.
			started, err := client.Recordings.FindStarted(ctx, res)
			if err != nil {
				return err
			}
			// … the meeting goes on …
			err = client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: roomID, ID: started.ID})
			if err != nil {
				return err
			}
			rec, err := client.Recordings.WaitForFile(ctx, started.ID)
			if errors.Is(err, videosdk.ErrJobFailed) { // the recording-failed webhook is in its summary
				return fmt.Errorf("recording %s failed: %w", started.ID, err)
			}
			if err != nil { // context.DeadlineExceeded: still processing after 10 minutes
				return err
			}
			fmt.Println(rec.File.FileURL)
			return nil
		}()
		require.NoError(t, err)
	})
}

// readmeStore stands for the application's storage in the webhook snippets.
type readmeStore struct {
	mu    sync.Mutex
	files []string
}

func (s *readmeStore) SaveRecording(_ context.Context, roomID, sessionID, fileURL string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files = append(s.files, roomID+" "+sessionID+" "+fileURL)
	return nil
}

// readmeMux stands for net/http's package-level Handle in the snippet, so
// the test registers on its own mux.
type readmeMux struct{ Handle func(string, http.Handler) }

// README "Webhooks".
func TestReadmeWebhookHandler(t *testing.T) {
	t.Parallel()
	srv, client, _ := readmeFake(t)
	store := &readmeStore{}
	trackPresence := func(context.Context, *videosdk.WebhookEvent) error { return nil }
	mux := http.NewServeMux()
	func() {
		http := readmeMux{Handle: mux.Handle}

		hooks := client.NewWebhookHandler()
		hooks.On(videosdk.WebhookRecordingStopped, func(ctx context.Context, ev *videosdk.WebhookEvent) error {
			return store.SaveRecording(ctx, ev.Data.RoomID, ev.Data.SessionID, ev.Data.FileURL)
		})
		hooks.On("participant-*", trackPresence) // a pattern; "*" catches the rest
		http.Handle("/webhooks/videosdk", hooks)
	}()

	body := []byte(`{"webhookType":"recording-stopped","data":{"roomId":"r1","sessionId":"s1","fileUrl":"https://cdn.example/f.mp4"}}`)
	req := httptest.NewRequest("POST", "/webhooks/videosdk", strings.NewReader(string(body)))
	req.Header.Set("videosdk-signature", srv.SignWebhook(body))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, []string{"r1 s1 https://cdn.example/f.mp4"}, store.files)
}

// README "Testing your code".
func TestReadmeHTTPTest(t *testing.T) {
	t.Parallel()
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"roomId":"abcd-efgh-ijkl"}`))
	})

	srv := httptest.NewServer(handler)
	defer srv.Close()
	client, _ := videosdk.NewClient("key", "secret",
		videosdk.WithBaseURL(srv.URL),
		videosdk.WithHTTPClient(srv.Client()),
		videosdk.WithMaxRetries(0))

	room, err := client.Rooms.Get(context.Background(), "abcd-efgh-ijkl")
	require.NoError(t, err)
	assert.Equal(t, "abcd-efgh-ijkl", room.RoomID)
}

// myapp stands for the application under test in the README's test
// examples.
var myapp = struct {
	StartRecording  func(ctx context.Context, client *videosdk.Client, roomID string) error
	WebhookHandler  func(client *videosdk.Client) http.Handler
	storedRecording atomic.Int32
}{
	StartRecording: func(ctx context.Context, client *videosdk.Client, roomID string) error {
		_, err := client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: roomID})
		return err
	},
}

func init() {
	myapp.WebhookHandler = func(client *videosdk.Client) http.Handler {
		hooks := client.NewWebhookHandler()
		hooks.On(videosdk.WebhookRecordingStopped, func(context.Context, *videosdk.WebhookEvent) error {
			myapp.storedRecording.Add(1)
			return nil
		})
		return hooks
	}
}

// README "Testing your code with videosdktest".
func TestRecordsWhenTheHostJoins(t *testing.T) {
	srv := videosdktest.NewServer()
	defer srv.Close()
	client := srv.Client() // a *videosdk.Client already pointed at the fake
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	_, err = srv.Join(room.RoomID, "Asha") // a participant joins: the session is now live
	require.NoError(t, err)

	require.NoError(t, myapp.StartRecording(ctx, client, room.RoomID)) // your code
	assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/start"))
}

// README "Testing your code with videosdktest": the environment (t.Setenv:
// not parallel).
func TestReadmeFakeThroughTheEnvironment(t *testing.T) {
	srv := videosdktest.NewServer()
	defer srv.Close()

	t.Setenv("VIDEOSDK_API_KEY", srv.APIKey)
	t.Setenv("VIDEOSDK_SECRET", srv.Secret)
	t.Setenv("VIDEOSDK_API_ENDPOINT", srv.URL())

	client, err := videosdk.NewClientFromEnv()
	require.NoError(t, err)
	_, err = client.Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)
}

// README "Fault injection".
func TestReadmeFaults(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	defer srv.Close()
	client, ctx := srv.Client(videosdk.WithMaxRetries(0)), context.Background()

	srv.InjectFault("GET", "/v2/rooms", 2, videosdktest.Fault{Status: 503})            // two 503s, then normal
	srv.InjectFault("POST", "/v2/recordings/start", 1, videosdktest.Fault{Drop: true}) // connection dropped
	srv.InjectFault("", "/v2/hls/*", 1, videosdktest.Fault{Status: 429, RetryAfter: 2 * time.Second})
	srv.InjectFault("GET", "/v2/sessions", 1, videosdktest.Fault{Delay: 3 * time.Second}) // latency
	srv.InjectFault("GET", "/v2/rooms/*", 1, videosdktest.Fault{Body: "<html>bad gateway</html>", Status: 502})

	_, err := client.Rooms.List(ctx, videosdk.ListRoomsParams{})
	require.ErrorIs(t, err, videosdk.ErrServer)
	_, err = client.Rooms.Get(ctx, "abcd-efgh-ijkl")
	require.ErrorIs(t, err, videosdk.ErrServer)
	var apiErr *videosdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.StatusCode)
}

// readmeRecordedIDs stands for "the finished recordings of a meeting" in
// the README's clock snippet: a participant recording (what a composite
// merge tiles). It records a meeting on srv and moves clock past the
// processing delay.
func readmeRecordedIDs(ctx context.Context, srv *videosdktest.Server, clock *atomic.Int64) []string {
	client := srv.Client()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	if err != nil {
		panic(err)
	}
	pid, err := srv.Join(room.RoomID, "Asha")
	if err != nil {
		panic(err)
	}
	res, err := client.ParticipantRecordings.Start(ctx, videosdk.StartParticipantRecordingParams{RoomID: room.RoomID, ParticipantID: pid})
	if err != nil {
		panic(err)
	}
	rec, err := client.ParticipantRecordings.FindStarted(ctx, res) // the answer is a sentence
	if err != nil {
		panic(err)
	}
	if err := srv.EndSession(room.RoomID); err != nil {
		panic(err)
	}
	clock.Add(int64(3 * time.Second))
	return []string{rec.ID}
}

// README "Processing delays".
func TestReadmeClock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	recordMeeting := readmeRecordedIDs

	var clock atomic.Int64 // Unix nanoseconds; the server reads it from its own goroutines
	clock.Store(time.Date(2025, 6, 10, 9, 0, 0, 0, time.UTC).UnixNano())
	srv := videosdktest.NewServer(
		videosdktest.WithClock(func() time.Time { return time.Unix(0, clock.Load()) }),
		videosdktest.WithProcessingDelay(3*time.Second))
	client := srv.Client()
	ids := recordMeeting(ctx, srv, &clock) // your setup: a meeting's finished recordings (clock moved past their processing)

	tr, _ := client.Transcodings.Merge(ctx, videosdk.MergeTranscodingParams{RecordingIDs: ids}) // pending
	clock.Add(int64(3 * time.Second))
	tr, _ = client.Transcodings.Get(ctx, tr.ID) // completed, tr.File set

	defer srv.Close()
	require.NotNil(t, tr)
	assert.Equal(t, videosdk.TranscodingStatusCompleted, tr.Status)
	assert.NotNil(t, tr.File)
}

// README "Testing webhook receivers".
func TestStoresFinishedRecordings(t *testing.T) {
	t.Parallel() // each test has its own fake
	// WithProcessingDelay(0): the recording's file is ready at once, so the flush need not wait.
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(0))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	receiver := httptest.NewServer(myapp.WebhookHandler(client)) // built with client.NewWebhookHandler()
	defer receiver.Close()
	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{Webhook: &videosdk.RoomWebhook{
		EndPoint: receiver.URL, Events: []videosdk.WebhookEventType{"recording-*"}}})
	srv.Join(room.RoomID, "Asha")
	client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID})
	srv.EndSession(room.RoomID) // stops the recording: recording-stopping, recording-stopped

	require.NoError(t, srv.FlushWebhooks(ctx)) // deliveries are asynchronous, like the real service's
	for _, d := range srv.Deliveries() {
		assert.Equal(t, http.StatusOK, d.StatusCode, d.Type) // what your handler answered
	}
	// … assert what your handler stored
}

// TestREADMEPlatformSnippets holds the README's platform snippets to the
// runnable examples: each must appear in one of them (indentation and
// blank lines aside).
func TestREADMEPlatformSnippets(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var examples strings.Builder
	for _, name := range []string{"agents_example_test.go", "batch_calls_example_test.go", "alerts_example_test.go",
		"ingest_example_test.go", "connectors_example_test.go", "resource_pool_example_test.go"} {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		examples.WriteString(normalizeCode(string(b)))
	}
	const section = "## AI agents, batch calls and the rest of the platform\n"
	i := strings.Index(string(readme), section)
	require.GreaterOrEqual(t, i, 0, "README.md has no %q", section)
	body := string(readme[i+len(section):])
	if j := strings.Index(body, "\n## "); j >= 0 {
		body = body[:j]
	}
	n := 0
	for _, block := range strings.Split(body, "```go\n")[1:] {
		code := block[:strings.Index(block, "```")]
		assert.Contains(t, examples.String(), normalizeCode(code), "README snippet is not in a runnable example:\n%s", code)
		n++
	}
	assert.Equal(t, 5, n, "snippets checked")
}
