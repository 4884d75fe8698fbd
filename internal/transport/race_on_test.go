//go:build race

package transport

// raceEnabled: the race detector makes sync.Pool drop a random share of the
// values put back (by design, to surface code that relies on reuse), so a
// pooled read allocates a fresh scratch buffer now and then.
const raceEnabled = true
