package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestDownloadFromFake(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, h)
	h.ok("recordings", "start", "-room", roomID)
	h.ok("recordings", "participant", "start", "-room", roomID, "-participant", "asha-1")
	require.NoError(t, srv.EndSession(roomID))
	var recs []videosdk.Recording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json")), &recs))
	require.Len(t, recs, 1)
	dir := t.TempDir()

	r := h.run("recordings", "download", recs[0].ID, "-o", dir)
	require.Equal(t, 0, r.code, r.stderr)
	name := filepath.Base(recs[0].File.FilePath)
	assert.Equal(t, "Saved "+filepath.Join(dir, name)+" ("+fmtBytes(recs[0].File.Size)+").\n", r.stdout)
	st, err := os.Stat(filepath.Join(dir, name))
	require.NoError(t, err)
	assert.Equal(t, recs[0].File.Size, st.Size())
	assert.NoFileExists(t, filepath.Join(dir, name+".part"))
	// Not a terminal: plain lines, no carriage returns.
	assert.Contains(t, r.stderr, "Downloading "+recs[0].File.FileURL+" to "+filepath.Join(dir, name))
	assert.Regexp(t, `\n  [2-9][0-9]% \(`, r.stderr)
	assert.Contains(t, r.stderr, "  100% (")
	assert.NotContains(t, r.stderr, "\r")

	// Participant recordings: -file picks one of the files.
	var prs []videosdk.ParticipantRecording
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "participant", "list", "-json")), &prs))
	out := filepath.Join(dir, "asha.webm")
	r = h.run("recordings", "participant", "download", prs[0].ID, "-o", out, "-file", "0", "-json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, fmt.Sprintf(`{"path":%q,"bytes":%d}`, out, prs[0].Files[0].Size), r.stdout)
	r = h.run("recordings", "participant", "download", prs[0].ID, "-file", "1")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-file 1: the recording has 1 file(s)")

	// A recording still running has no file.
	require.NoError(t, srv.JoinAs(roomID, "asha-1", "Asha"))
	h.ok("recordings", "start", "-room", roomID)
	require.NoError(t, json.Unmarshal([]byte(h.ok("recordings", "list", "-json", "-limit", "1")), &recs))
	r = h.run("recordings", "download", recs[0].ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "has no file yet; wait for it with: videosdk recordings wait "+recs[0].ID)
	r = h.run("recordings", "download", recs[0].ID, "-o", "-")
	assert.Equal(t, 2, r.code)
}

// fileServer answers Recordings.Get for "rec1" with a file it serves itself,
// with a signed-looking query, through serve (default: http.ServeContent,
// which honours Range).
type fileServer struct {
	*httptest.Server
	content  []byte
	size     int64 // the recording's file.size
	mu       sync.Mutex
	name     string // the file URL's last segment
	etag     string // the file's ETag (empty: none)
	ranges   []string
	ifRanges []string
	serve    func(w http.ResponseWriter, r *http.Request)
}

const urlSecret = "X-Amz-Signature=sig-secret-0a1b2c"

func newFileServer(t *testing.T, n int) *fileServer {
	fs := &fileServer{content: make([]byte, n), size: int64(n), name: "rec.mp4", etag: `"v1"`}
	for i := range fs.content {
		fs.content[i] = byte(i % 251)
	}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/recordings/rec1" {
			fs.mu.Lock()
			name := fs.name
			fs.mu.Unlock()
			fmt.Fprintf(w, `{"id":"rec1","roomId":"r","sessionId":"s","file":{"id":"f","fileUrl":%q,"size":%d,"meta":{"format":"mp4"}}}`,
				fs.URL+"/files/"+name+"?"+urlSecret, fs.size)
			return
		}
		fs.mu.Lock()
		fs.ranges = append(fs.ranges, r.Header.Get("Range"))
		fs.ifRanges = append(fs.ifRanges, r.Header.Get("If-Range"))
		serve, etag := fs.serve, fs.etag
		fs.mu.Unlock()
		if serve != nil {
			serve(w, r)
			return
		}
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(fs.content))
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *fileServer) setServe(f func(w http.ResponseWriter, r *http.Request)) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.serve = f
}

func (fs *fileServer) seenIfRanges() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]string(nil), fs.ifRanges...)
}

func (fs *fileServer) seenRanges() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]string(nil), fs.ranges...)
}

// sendHalf answers the whole file's Content-Length but sends only half,
// then waits for block (nil: drops the connection at once).
func (fs *fileServer) sendHalf(block <-chan struct{}) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(fs.content)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(fs.content[:len(fs.content)/2])
		w.(http.Flusher).Flush()
		if block != nil {
			select {
			case <-block:
			case <-r.Context().Done():
			}
		}
		panic(http.ErrAbortHandler)
	}
}

func (fs *fileServer) harness(t *testing.T) *harness {
	return newHarness(t, map[string]string{"VIDEOSDK_API_KEY": "key", "VIDEOSDK_SECRET": "secret", "VIDEOSDK_API_ENDPOINT": fs.URL})
}

func TestDownloadResumesWithRange(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 100_000)
	out := filepath.Join(t.TempDir(), "rec.mp4")
	proof := fs.withURL(map[string]any{"recordingId": "rec1", "size": 100_000, "etag": `"v1"`})
	writePart(t, out, fs.content[:30_000], proof)
	r := fs.harness(t).run("recordings", "download", "rec1", "-o", out, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, fmt.Sprintf(`{"path":%q,"bytes":100000,"resumedFrom":30000}`, out), r.stdout)
	assert.Equal(t, []string{"bytes=30000-"}, fs.seenRanges())
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fs.content, got), "resumed file differs")
	assert.Contains(t, r.stderr, "resuming at 29.3 KiB")

	// A complete .part: the server answers 416 and nothing is fetched again.
	writePart(t, out, fs.content, proof)
	r = fs.harness(t).run("recordings", "download", "rec1", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "bytes=100000-", fs.seenRanges()[1])

	// A .part longer than the file is not a prefix of it: start over.
	writePart(t, out, make([]byte, 200_000), proof)
	r = fs.harness(t).run("recordings", "download", "rec1", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "", fs.seenRanges()[2])
	got, err = os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fs.content, got))
}

func TestDownloadServerIgnoresRange(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 50_000)
	fs.setServe(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(fs.content)))
		_, _ = w.Write(fs.content) // 200 with everything, Range or not
	})
	out := filepath.Join(t.TempDir(), "rec.mp4")
	writePart(t, out, bytes.Repeat([]byte{0xff}, 20_000), fs.withURL(map[string]any{"recordingId": "rec1", "size": 50_000, "etag": `"v1"`}))
	r := fs.harness(t).run("recordings", "download", "rec1", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "The server ignored the range request")
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fs.content, got), "the stale prefix must not survive")
}

func TestDownloadInterruptedThenResumed(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 80_000)
	fs.setServe(fs.sendHalf(nil))
	out := filepath.Join(t.TempDir(), "rec.mp4")
	h := fs.harness(t)
	r := h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "40000 of 80000 bytes are in "+out+".part, run the same command again to resume")
	assert.NoFileExists(t, out)
	part, err := os.ReadFile(out + ".part")
	require.NoError(t, err)
	assert.Len(t, part, 40_000)

	fs.setServe(nil)
	r = h.run("recordings", "download", "rec1", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []string{"", "bytes=40000-"}, fs.seenRanges())
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fs.content, got))
}

func TestDownloadChecksSize(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 10_000)
	fs.size = 12_000 // the recording claims more than the server has
	out := filepath.Join(t.TempDir(), "rec.mp4")
	h := fs.harness(t)
	r := h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "the server announces 10000 bytes, the recording says 12000")
	assert.NoFileExists(t, out)

	// No Content-Length: the size check catches a short and a long body.
	fs.setServe(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // chunked: no Content-Length
		_, _ = w.Write(fs.content)
	})
	r = h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "got 10000 of 12000 bytes")
	fs.size = 8_000
	require.NoError(t, os.Remove(out+".part"))
	r = h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "the server sent more than the 8000 bytes")
	assert.NoFileExists(t, out)

	// A 206 for another total than the recording's size.
	fs.size = 12_000
	fs.setServe(nil)
	writePart(t, out, fs.content[:100], fs.withURL(map[string]any{"recordingId": "rec1", "size": 12_000, "etag": `"v1"`}))
	r = h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "the server's file has 10000 bytes, the recording says 12000")
}

func TestDownloadStallAndInterrupt(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 60_000)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	fs.setServe(fs.sendHalf(release))
	out := filepath.Join(t.TempDir(), "rec.mp4")
	h := fs.harness(t)
	h.stall = 200 * time.Millisecond
	r := h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	// Normally all 30000 bytes sent arrive before the stall; on a loaded
	// machine the timer may fire earlier: the message and the part agree.
	m := regexp.MustCompile(`no data for 200ms; (\d+) of 60000 bytes are in `).FindStringSubmatch(r.stderr)
	require.Len(t, m, 2, r.stderr)
	part, err := os.ReadFile(out + ".part")
	require.NoError(t, err)
	assert.Equal(t, m[1], strconv.Itoa(len(part)))
	assert.LessOrEqual(t, len(part), 30_000)

	// Ctrl-C (the context ends) keeps what was saved.
	h.stall = time.Minute
	require.NoError(t, os.Remove(out+".part"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			if st, err := os.Stat(out + ".part"); err == nil && st.Size() == 30_000 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	r = h.runIn(ctx, "", "recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "download interrupted; 30000 of 60000 bytes are in "+out+".part")
}

// Signed file URLs carry credentials in their query: no message shows them.
func TestDownloadHidesURLCredentials(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 1000)
	fs.setServe(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "denied", http.StatusForbidden) })
	h := fs.harness(t)
	r := h.run("recordings", "download", "rec1", "-o", filepath.Join(t.TempDir(), "x"))
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "downloading "+fs.URL+"/files/rec.mp4: 403 Forbidden")
	assert.NotContains(t, r.output(), "sig-secret")

	r = h.run("recordings", "get", "rec1")
	require.Equal(t, 0, r.code)
	assert.NotContains(t, r.output(), "sig-secret")

	// A network error (the file host is gone) names no query either.
	fs.setServe(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) })
	r = h.run("recordings", "download", "rec1", "-o", filepath.Join(t.TempDir(), "x"))
	assert.Equal(t, 1, r.code)
	assert.NotContains(t, r.output(), "sig-secret")
	assert.Contains(t, r.stderr, "downloading "+fs.URL+"/files/rec.mp4: ")
}

func TestDownloadProgressBarOnTerminal(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 300_000)
	h := fs.harness(t)
	h.terminal = true
	r := h.run("recordings", "download", "rec1", "-o", filepath.Join(t.TempDir(), "x"))
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "\r  ["+strings.Repeat("#", 30)+"] 100%  293.0 KiB / 293.0 KiB\n")
	assert.NotContains(t, r.stderr, "25% (")
}

func TestParseContentRange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in           string
		start, total int64
		ok           bool
	}{
		{"bytes 100-199/200", 100, 200, true},
		{"bytes 0-0/*", 0, -1, true},
		{"bytes */500", 0, 500, true},
		{"bytes 5-9", 0, 0, false},
		{"items 0-1/2", 0, 0, false},
		{"bytes x-9/10", 0, 0, false},
		{"bytes 1-9/-3", 0, 0, false},
		{"", 0, 0, false},
	} {
		start, total, ok := parseContentRange(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		if tc.ok {
			assert.Equal(t, tc.start, start, tc.in)
			assert.Equal(t, tc.total, total, tc.in)
		}
	}
}

// withURL adds the file URL (without its query) to a partial download's
// metadata.
func (fs *fileServer) withURL(meta map[string]any) map[string]any {
	meta["url"] = fs.URL + "/files/rec.mp4"
	return meta
}

// writePart leaves a partial download of out: its bytes and, when meta is
// not nil, the metadata file beside it.
func writePart(t *testing.T, out string, content []byte, meta map[string]any) {
	t.Helper()
	require.NoError(t, os.WriteFile(out+".part", content, 0o644))
	if meta != nil {
		b, err := json.Marshal(meta)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(out+".part.meta", b, 0o644))
	}
}

// TestDownloadStalePartIsNotSpliced: a partial file is resumed only when it
// is proven to belong to this object: the recording id and size recorded
// beside it match, and the server honours If-Range with the first answer's
// ETag. Otherwise the download starts over: never old bytes in a new file.
func TestDownloadStalePartIsNotSpliced(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 50_000)
	h := fs.harness(t)
	stale := bytes.Repeat([]byte{0xEE}, 20_000)
	for _, tc := range []struct {
		name      string
		meta      map[string]any
		etag      string
		wantRange string
	}{
		{"a .part of another file, nothing beside it", nil, `"v1"`, ""},
		{"another recording's .part", fs.withURL(map[string]any{"recordingId": "other", "size": 50_000, "etag": `"v1"`}), `"v1"`, ""},
		{"another size", fs.withURL(map[string]any{"recordingId": "rec1", "size": 40_000, "etag": `"v1"`}), `"v1"`, ""},
		{"the object changed since (ETag)", fs.withURL(map[string]any{"recordingId": "rec1", "size": 50_000, "etag": `"v0"`}), `"v1"`, "bytes=20000-"},
		{"no validator to prove it", fs.withURL(map[string]any{"recordingId": "rec1", "size": 50_000}), ``, ""},
	} {
		out := filepath.Join(t.TempDir(), "rec.mp4")
		writePart(t, out, stale, tc.meta)
		fs.mu.Lock()
		fs.etag, fs.ranges, fs.ifRanges = tc.etag, nil, nil
		fs.mu.Unlock()
		r := h.run("recordings", "download", "rec1", "-o", out)
		require.Equal(t, 0, r.code, "%s: %s", tc.name, r.stderr)
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(fs.content, got), "%s: old bytes spliced into the new file", tc.name)
		assert.Equal(t, tc.wantRange, fs.seenRanges()[0], tc.name)
		assert.NoFileExists(t, out+".part", tc.name)
		assert.NoFileExists(t, out+".part.meta", tc.name)
	}

	// The proven case: id, size and ETag match: resumed with If-Range.
	fs.mu.Lock()
	fs.etag, fs.ranges, fs.ifRanges = `"v1"`, nil, nil
	fs.mu.Unlock()
	out := filepath.Join(t.TempDir(), "rec.mp4")
	writePart(t, out, fs.content[:30_000], fs.withURL(map[string]any{"recordingId": "rec1", "size": 50_000, "etag": `"v1"`}))
	r := h.run("recordings", "download", "rec1", "-o", out, "-json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, fmt.Sprintf(`{"path":%q,"bytes":50000,"resumedFrom":30000}`, out), r.stdout)
	assert.Equal(t, []string{"bytes=30000-"}, fs.seenRanges())
	assert.Equal(t, []string{`"v1"`}, fs.seenIfRanges())
}

// TestDownloadRefusesHiddenNamesAndOverwrites: a name from the server that
// begins with a dot is refused; an existing file is replaced only with
// -force or when -o names it; a refused download leaves no .part behind.
func TestDownloadRefusesHiddenNamesAndOverwrites(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 10_000)
	h := fs.harness(t)
	dir := t.TempDir()
	for _, name := range []string{".bashrc", "..", ".hidden.mp4"} {
		fs.mu.Lock()
		fs.name = name
		fs.mu.Unlock()
		r := h.run("recordings", "download", "rec1", "-o", dir)
		assert.Equal(t, 1, r.code, name)
		assert.Contains(t, r.stderr, "begins with a dot", name)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Empty(t, entries, "%s: nothing written", name)
	}

	fs.mu.Lock()
	fs.name = "rec.mp4"
	fs.mu.Unlock()
	existing := filepath.Join(dir, "rec.mp4")
	require.NoError(t, os.WriteFile(existing, []byte("mine"), 0o644))
	r := h.run("recordings", "download", "rec1", "-o", dir)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "exists")
	assert.Contains(t, r.stderr, "-force")
	got, err := os.ReadFile(existing)
	require.NoError(t, err)
	assert.Equal(t, "mine", string(got))
	assert.NoFileExists(t, existing+".part")

	r = h.run("recordings", "download", "rec1", "-o", dir, "-force")
	require.Equal(t, 0, r.code, r.stderr)
	got, err = os.ReadFile(existing)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fs.content, got))

	require.NoError(t, os.WriteFile(existing, []byte("mine"), 0o644))
	r = h.run("recordings", "download", "rec1", "-o", existing) // -o names it: consent
	require.Equal(t, 0, r.code, r.stderr)

	// A size-check refusal leaves no .part (nor its metadata).
	fs.size = 12_000
	out := filepath.Join(t.TempDir(), "x.mp4")
	r = h.run("recordings", "download", "rec1", "-o", out)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "the recording says 12000")
	assert.NoFileExists(t, out+".part")
	assert.NoFileExists(t, out+".part.meta")
}

// TestDownloadUnknownSizeIsBounded: with no size from the recording, a body
// is read up to -max-bytes (a documented default), and one over it is
// refused (before reading when its Content-Length says so), leaving no
// .part.
func TestDownloadUnknownSizeIsBounded(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 10_000)
	fs.size = 0
	h := fs.harness(t)
	out := filepath.Join(t.TempDir(), "x.mp4")

	r := h.run("recordings", "download", "rec1", "-o", out, "-max-bytes", "5000") // Content-Length 10000
	assert.Equal(t, 1, r.code, r.stderr)
	assert.Contains(t, r.stderr, "more than -max-bytes 5000")
	assert.NoFileExists(t, out+".part")

	fs.setServe(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // chunked: no Content-Length
		_, _ = w.Write(fs.content)
	})
	r = h.run("recordings", "download", "rec1", "-o", out, "-max-bytes", "5000")
	assert.Equal(t, 1, r.code, r.stderr)
	assert.Contains(t, r.stderr, "more than -max-bytes 5000")
	assert.NoFileExists(t, out+".part")
	assert.NoFileExists(t, out)

	r = h.run("recordings", "download", "rec1", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fs.content, got))
	r = h.run("recordings", "download", "-h")
	assert.Contains(t, r.output(), "-max-bytes")
}

// TestDownloadProgressLinesSayTheTruth: without a terminal, a line is
// printed when the download crosses a quarter, with the share actually
// downloaded (a read that jumps from 0 to 47% says 47%, not 25%), and a
// crossing is never skipped silently: a jump over 50% still prints a line.
func TestDownloadProgressLinesSayTheTruth(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := &progress{w: &buf, total: 100_000, now: time.Now}
	p.add(47_000)
	p.add(33_000) // 80%: crosses 50% and 75%
	p.add(20_000)
	p.finish()
	assert.Equal(t, "  47% (45.9 KiB of 97.7 KiB)\n  80% (78.1 KiB of 97.7 KiB)\n  100% (97.7 KiB)\n", buf.String())
}

// TestDownloadPrintsNamesPrintable: a file name from the CDN's URL that
// carries terminal controls is shown escaped in the progress and "Saved"
// lines (the file itself is named as the URL says).
func TestDownloadPrintsNamesPrintable(t *testing.T) {
	t.Parallel()
	fs := newFileServer(t, 1000)
	fs.name = "rec%1B%5D0%3Bx%07%1B%5B2J%C2%9B.mp4"
	dir := t.TempDir()
	r := fs.harness(t).run("recordings", "download", "rec1", "-o", dir)
	require.Equal(t, 0, r.code, r.stderr)
	assertPrintable(t, r.stdout)
	assertPrintable(t, r.stderr)
	assert.Contains(t, r.stdout, `rec\x1B]0;x\x07\x1B[2J\u009B.mp4`)
	assert.FileExists(t, filepath.Join(dir, "rec\x1b]0;x\a\x1b[2J\u009b.mp4"))
}
