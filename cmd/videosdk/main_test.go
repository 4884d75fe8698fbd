package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/videosdktest"
)

type result struct {
	stdout, stderr string
	code           int
}

// output is everything the run printed.
func (r result) output() string { return r.stdout + r.stderr }

// harness runs the tool in-process with its own environment.
type harness struct {
	t   *testing.T
	env map[string]string
	// clientOpts are the tool's extra client options (short waiter pauses).
	clientOpts []videosdk.Option
	terminal   bool
	stall      time.Duration
	// now is the tool's clock (token inspect's "ago" and "in"): the real
	// time when the harness was made, since the SDK checks tokens against
	// the real clock.
	now time.Time
}

func newHarness(t *testing.T, env map[string]string) *harness {
	return &harness{t: t, env: env, now: time.Now().UTC().Truncate(time.Second)}
}

// fakeHarness runs against srv with its credentials in the environment.
func fakeHarness(t *testing.T, srv *videosdktest.Server) *harness {
	return newHarness(t, map[string]string{
		"VIDEOSDK_API_KEY":      srv.APIKey,
		"VIDEOSDK_SECRET":       srv.Secret,
		"VIDEOSDK_API_ENDPOINT": srv.URL(),
	})
}

func (h *harness) cli(stdin io.Reader, stdout, stderr io.Writer) *cli {
	stall := h.stall
	if stall == 0 {
		stall = time.Minute
	}
	return &cli{
		stdin: stdin, stdout: stdout, stderr: stderr,
		getenv:       func(k string) string { return h.env[k] },
		now:          func() time.Time { return h.now },
		clientOpts:   h.clientOpts,
		terminal:     func(io.Writer) bool { return h.terminal },
		stallTimeout: stall,
	}
}

// run runs the tool with args and stdin.
func (h *harness) runIn(ctx context.Context, stdin string, args ...string) result {
	h.t.Helper()
	var out, errb testutil.SyncBuffer
	code := h.cli(strings.NewReader(stdin), &out, &errb).run(ctx, args)
	return result{out.String(), errb.String(), code}
}

func (h *harness) run(args ...string) result {
	h.t.Helper()
	return h.runIn(context.Background(), "", args...)
}

// ok runs args, which must succeed, and returns stdout.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	require.Equal(h.t, 0, r.code, "videosdk %s\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.stdout, r.stderr)
	return r.stdout
}

// stableFake is a fake whose ids and times repeat from run to run.
func stableFake(t *testing.T, opts ...videosdktest.Option) *videosdktest.Server {
	t.Helper()
	now := time.Date(2025, 5, 6, 9, 14, 0, 0, time.UTC)
	var mu sync.Mutex
	srv := videosdktest.NewServer(append([]videosdktest.Option{
		videosdktest.WithSeed(7),
		videosdktest.WithClock(func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			now = now.Add(time.Second)
			return now
		}),
	}, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

// golden compares got with testdata/name.golden (-update rewrites it),
// after replacing srv's URL, which changes from run to run, with FAKE.
func golden(t *testing.T, name, got string, srv *videosdktest.Server) {
	t.Helper()
	if srv != nil {
		got = strings.ReplaceAll(got, srv.URL(), "FAKE")
	}
	path := filepath.Join("testdata", name+".golden")
	if *testutil.Update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/videosdk -update")
	assert.Equal(t, string(want), got, "golden %s", path)
}

func TestUsageAndExitCodes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)

	r := h.run()
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "videosdk: missing command")
	assert.Contains(t, r.stderr, "Usage: videosdk COMMAND")

	r = h.run("frobnicate")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `unknown command "frobnicate" for videosdk`)
	assert.Contains(t, r.stderr, "Commands:")

	for _, help := range []string{"help", "-h", "--help"} {
		r = h.run(help)
		assert.Equal(t, 0, r.code, help)
		assert.Contains(t, r.stdout, "Usage: videosdk COMMAND", help)
		assert.Empty(t, r.stderr)
	}

	r = h.run("rooms", "nope")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `unknown command "nope" for videosdk rooms`)

	r = h.run("rooms", "list", "-bogus")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "flag provided but not defined: -bogus")
	assert.Contains(t, r.stderr, "Usage: videosdk rooms list [flags]")
	assert.Empty(t, r.stdout)

	r = h.run("rooms", "get")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "videosdk rooms get takes ROOM_ID, got 0 argument(s)")
	r = h.run("rooms", "get", "a", "b")
	assert.Equal(t, 2, r.code)

	r = h.run("rooms", "list", "-limit", "x")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `invalid value "x" for flag -limit`)
	r = h.run("rooms", "list", "-limit", "-1")
	assert.Equal(t, 2, r.code)

	// No credentials: a usage error that says where to put them.
	r = h.run("rooms", "list")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no API key: set VIDEOSDK_API_KEY or pass -api-key")
	r = h.run("rooms", "list", "-api-key", "k")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no API secret: set VIDEOSDK_SECRET (or VIDEOSDK_SECRET_KEY)")
	r = h.run("rooms", "list", "-api-key", "k", "-secret", "s", "-endpoint", "ftp://x")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-endpoint: videosdk: invalid parameters: base URL")

	assert.Equal(t, "videosdk 0.1.0\n", h.ok("version"))
}

func TestFlagsAfterArguments(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	id := strings.TrimSpace(strings.Split(h.ok("rooms", "create"), "\n")[0][len("Room ID:"):])
	// Go's flag package stops at the first argument; the tool does not.
	assert.Contains(t, h.ok("rooms", "get", id, "-json"), `"roomId": "`+id+`"`)
	assert.Contains(t, h.ok("rooms", "get", "--json", id), `"roomId": "`+id+`"`)
	r := h.run("rooms", "get", "--", "-json")
	assert.Equal(t, 1, r.code, "after -- it is an argument: the room -json does not exist")
}

// commandPaths walks the tool's command tree through its own usage texts.
func commandPaths(t *testing.T, h *harness, path []string) [][]string {
	t.Helper()
	r := h.run(append(append([]string{}, path...), "-h")...)
	require.Equal(t, 0, r.code, "%v -h: %s", path, r.stderr)
	_, cmds, found := strings.Cut(r.stdout, "\nCommands:\n")
	if !found {
		return [][]string{path}
	}
	var out [][]string
	if len(path) > 0 {
		out = append(out, path) // the group itself has -h too
	}
	for _, line := range strings.Split(cmds, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		name := strings.Fields(line)[0]
		out = append(out, commandPaths(t, h, append(append([]string{}, path...), name))...)
	}
	return out
}

// Every command, subcommand and group answers -h with its usage on stdout
// and exit 0; none shows the secret, even when it is in the environment.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	const secret = "env-secret-must-not-show-4f1d"
	h := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": "key", "VIDEOSDK_SECRET": secret, "VIDEOSDK_SECRET_KEY": secret})
	paths := commandPaths(t, h, nil)
	paths = append(paths, []string{"recordings", "participant"}, []string{"recordings", "track"},
		[]string{"recordings", "participant", "start"}, []string{"recordings", "track", "download"}, []string{"token", "inspect"})
	var names []string
	for _, p := range paths {
		names = append(names, strings.Join(p, " "))
		r := h.run(append(p, "-h")...)
		assert.Equal(t, 0, r.code, "%v", p)
		assert.Empty(t, r.stderr, "%v", p)
		assert.Regexp(t, "^Usage: "+regexp.QuoteMeta(strings.Join(append([]string{"videosdk"}, p...), " ")), r.stdout, "%v", p)
		assert.NotContains(t, r.stdout, secret, "%v", p)
	}
	for _, want := range []string{"token", "rooms create", "rooms get", "rooms list", "rooms validate", "rooms deactivate",
		"sessions list", "sessions get", "sessions participants", "sessions end", "recordings list", "recordings get",
		"recordings start", "recordings stop", "recordings wait", "recordings download", "hls start", "hls stop", "hls list",
		"hls get", "livestreams start", "livestreams stop", "livestreams list", "livestreams get", "webhook verify", "fake", "version"} {
		assert.Contains(t, names, want)
	}
}

// The secret (from the environment or -secret) appears in no output of any
// command, successful or not.
func TestSecretNeverPrinted(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	h := fakeHarness(t, srv)
	roomID, sessionID := liveRoom(t, srv, h)
	wrong := "wrong-secret-do-not-print-77ab"
	for _, args := range [][]string{
		{"rooms", "list"}, {"rooms", "list", "-json"}, {"rooms", "get", roomID, "-json"}, {"rooms", "create", "-geo-fence", "x"},
		{"sessions", "get", sessionID, "-json"}, {"sessions", "end"}, {"recordings", "list", "-json"},
		{"recordings", "start", "-room", roomID, "-json"}, {"recordings", "download", "nope"},
		{"hls", "list", "-json"}, {"livestreams", "list", "-json"}, {"token", "-json"}, {"token", "-server", "-json"},
		{"token", "-perm", "bogus"}, {"webhook", "verify", "-signature", "x"},
		{"rooms", "list", "-secret", wrong}, {"rooms", "list", "-secret", wrong, "-json"},
		{"rooms", "list", "-secret", wrong, "-endpoint", "ftp://x"}, {"token", "-secret", wrong, "-ttl", "x"},
		{"token", "inspect", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "-secret", wrong, "-json"},
		{"token", "inspect", srv.Secret}, {"rooms", "list", "-bogus"},
	} {
		r := h.run(args...)
		assert.NotContains(t, r.output(), srv.Secret, "%v", args)
		assert.NotContains(t, r.output(), wrong, "%v", args)
	}
	r := h.run("rooms", "list", "-secret", wrong)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "401")
}

// The commands of the newer services are in the tree, each with -h, and
// none prints the secret, whether it succeeds or fails.
func TestNewerServicesCommands(t *testing.T) {
	t.Parallel()
	const secret = "env-secret-must-not-show-9c2e"
	h := newHarness(t, map[string]string{"VIDEOSDK_API_KEY": "key", "VIDEOSDK_SECRET": secret})
	var names []string
	for _, p := range append(commandPaths(t, h, nil), commandPaths(t, h, []string{"recordings", "composite"})...) {
		names = append(names, strings.Join(p, " "))
		assert.NotContains(t, h.run(append(p, "-h")...).stdout, secret, "%v", p)
	}
	for _, want := range []string{"transcodings list", "transcodings get", "transcodings merge", "transcodings hls-to-mp4",
		"transcodings meeting-recording-merge", "transcodings cancel", "transcodings wait", "post-transcriptions list",
		"post-transcriptions get", "post-transcriptions wait", "recordings composite wait",
		"realtime-transcriptions start", "realtime-transcriptions stop", "realtime-transcriptions list", "realtime-transcriptions get",
		"recordings composite list", "recordings composite get", "recordings composite start", "recordings composite stop",
		"recordings composite download", "webhook listen"} {
		assert.Contains(t, names, want)
	}

	srv := stableFake(t)
	f := fakeHarness(t, srv)
	roomID, _ := liveRoom(t, srv, f)
	wrong := "wrong-secret-do-not-print-31f0"
	for _, args := range [][]string{
		{"transcodings", "list", "-json"}, {"transcodings", "get", "6819d2dbccbe61526d9e5600"}, {"transcodings", "merge", "-recordings", "x"},
		{"transcodings", "cancel", "6819d2dbccbe61526d9e5600"}, {"post-transcriptions", "list"}, {"realtime-transcriptions", "start", "-room", roomID},
		{"realtime-transcriptions", "list", "-json"}, {"recordings", "composite", "start", "-room", roomID, "-json"},
		{"recordings", "composite", "list", "-secret", wrong}, {"transcodings", "list", "-secret", wrong},
	} {
		r := f.run(args...)
		assert.NotContains(t, r.output(), srv.Secret, "%v", args)
		assert.NotContains(t, r.output(), wrong, "%v", args)
	}
}
