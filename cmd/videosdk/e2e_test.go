package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

// goBuild builds the package at dir into bin/name.
func goBuild(t *testing.T, bin, name, dir string) string {
	t.Helper()
	out := filepath.Join(bin, name)
	cmd := exec.Command("go", "build", "-o", out, dir)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build %s: %s", dir, b)
	return out
}

// processEnv is this process's environment without VIDEOSDK_* variables,
// plus vars.
func processEnv(vars map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "VIDEOSDK_") {
			env = append(env, kv)
		}
	}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	return env
}

// processes turns on the tests that build binaries with go build and start
// them as processes. Linking two binaries takes seconds, a large share of
// what go test ./... would take, so the plain command leaves them out and
// .ci/run runs them explicitly:
//
//	go test -run TestDoneWhenWithProcesses ./cmd/videosdk -args -processes
var processes = flag.Bool("processes", false, "also run the tests that build and start real processes")

// The "done when", with real processes: the tool is built with go
// build; 'videosdk fake' runs as its own process; the quickstart, built and
// run with the variables the fake printed, completes against it; 'videosdk
// rooms list --json' then shows the room it made; a minted token passes
// 'token inspect --secret' and fails with a wrong secret; SIGINT stops the
// fake cleanly.
func TestDoneWhenWithProcesses(t *testing.T) {
	t.Parallel()
	if !*processes {
		t.Skip("builds and starts real processes: run with -args -processes (.ci/run does)")
	}
	bin := t.TempDir()
	videosdkBin := goBuild(t, bin, "videosdk", ".")
	quickstart := goBuild(t, bin, "quickstart", "../../examples/quickstart")

	fake := exec.Command(videosdkBin, "fake")
	fake.Env = processEnv(nil)
	stdout, err := fake.StdoutPipe()
	require.NoError(t, err)
	var fakeLog testutil.SyncBuffer
	fake.Stderr = &fakeLog
	require.NoError(t, fake.Start())
	t.Cleanup(func() { _ = fake.Process.Kill() })
	vars := map[string]string{}
	sc := bufio.NewScanner(stdout)
	for len(vars) < 4 && sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		require.True(t, ok, sc.Text())
		vars[k] = v
	}
	require.Len(t, vars, 4, "fake stderr: %s", fakeLog.String())

	qs := exec.Command(quickstart)
	qs.Env = processEnv(vars)
	out, err := qs.CombinedOutput()
	require.NoError(t, err, "quickstart: %s", out)
	assert.Contains(t, string(out), "Using the fake API of 'videosdk fake'")
	assert.Contains(t, string(out), "(fake) a participant named Asha joined the room")
	assert.True(t, strings.HasSuffix(string(out), "Stopped HLS\nDone.\n"), "%s", out)
	created := regexp.MustCompile(`Created room (\S+)`).FindStringSubmatch(string(out))
	require.Len(t, created, 2, "%s", out)

	run := func(env map[string]string, args ...string) (string, int) {
		cmd := exec.Command(videosdkBin, args...)
		cmd.Env = processEnv(env)
		b, err := cmd.Output()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return string(b), ee.ExitCode()
		}
		require.NoError(t, err)
		return string(b), 0
	}
	list, code := run(vars, "rooms", "list", "--json")
	require.Equal(t, 0, code)
	var rooms []videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(list), &rooms))
	require.Len(t, rooms, 1)
	assert.Equal(t, created[1], rooms[0].RoomID)

	tok, code := run(vars, "token", "--room", created[1])
	require.Equal(t, 0, code)
	tok = strings.TrimSpace(tok)
	_, code = run(nil, "token", "inspect", tok, "--secret", vars["VIDEOSDK_SECRET"])
	assert.Equal(t, 0, code)
	_, code = run(nil, "token", "inspect", tok, "--secret", "not-the-secret")
	assert.Equal(t, 1, code)
	_, code = run(nil, "rooms", "nope")
	assert.Equal(t, 2, code)

	require.NoError(t, fake.Process.Signal(os.Interrupt))
	done := make(chan error, 1)
	go func() { done <- fake.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "the fake exits 0 on SIGINT")
	case <-time.After(time.Minute):
		t.Fatal("the fake did not stop on SIGINT")
	}
	assert.Contains(t, fakeLog.String(), "msg=request method=POST path=/_fake/participants/join status=200")
	assert.True(t, strings.HasSuffix(fakeLog.String(), "videosdk fake: stopped\n"), fakeLog.String())
}
