package testutil

import (
	"bytes"
	"context"
	"sync"
	"time"
)

// Waits is a sleep function for the SDK's test seams (WithSleepForTest,
// withSleep) that records each wait and returns at once with the context's
// error: a test checks how long the SDK would wait without waiting it out.
// It is safe for concurrent use.
type Waits struct {
	mu sync.Mutex
	d  []time.Duration
}

// Sleep records d and returns ctx.Err().
func (w *Waits) Sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

// All returns the waits recorded so far, in order (nil when none).
func (w *Waits) All() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

// Reset forgets the waits recorded so far.
func (w *Waits) Reset() {
	w.mu.Lock()
	w.d = nil
	w.mu.Unlock()
}

// SyncBuffer is a bytes.Buffer safe for concurrent writers (a logger written
// from a server's goroutines) and a reader.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
