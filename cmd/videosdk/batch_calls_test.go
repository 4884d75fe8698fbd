package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func TestBatchCallsCommands(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	srv := videosdktest.NewServer(videosdktest.WithSeed(3), videosdktest.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	t.Cleanup(srv.Close)
	h := fakeHarness(t, srv)
	file := filepath.Join(t.TempDir(), "numbers.csv")
	require.NoError(t, os.WriteFile(file, []byte("phone,name\n+14155550101,Ana\n+14155550102,Bo\n"), 0o600))

	var b videosdk.BatchCall
	require.NoError(t, json.Unmarshal([]byte(h.ok("batch-calls", "create", file, "-name", "renewals", "-number", "pn", "-rule", "rr", "-json")), &b))
	assert.Equal(t, videosdk.BatchCallRunning, b.Status)
	assert.Equal(t, 2, b.RecordsUploaded)

	assert.Contains(t, h.ok("batch-calls", "list"), b.ID)
	assert.Contains(t, h.ok("batch-calls", "get", b.ID), "running")
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	var stats videosdk.BatchCallStats
	require.NoError(t, json.Unmarshal([]byte(h.ok("batch-calls", "stats", b.ID, "-json")), &stats))
	assert.Equal(t, 2, stats.Total)
	assert.Equal(t, videosdk.BatchCallCompleted, stats.Status)
	assert.Contains(t, h.ok("batch-calls", "stats", b.ID), "total")

	r := h.run("batch-calls", "create", "-name", "n", "-number", "p", "-rule", "r")
	assert.Equal(t, 2, r.code, "FILE or -batch is needed")
	r = h.run("batch-calls", "create", file, "-name", "n", "-number", "p")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-rule is required")
}
