package videosdk

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

const goroutines = 500

// fakeClock is a clock seam that only moves when the test moves it.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock(t time.Time) *fakeClock {
	c := &fakeClock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// tokenServer answers every request with a room after checking the token's
// signature and claims; tokens in revoked get a 401. It counts distinct tokens.
type tokenServer struct {
	*httptest.Server
	clock    *fakeClock
	mu       sync.Mutex
	seen     map[string]int
	revoked  map[string]bool
	requests atomic.Int64
	invalid  atomic.Int64
}

func newTokenServer(t *testing.T, clock *fakeClock) *tokenServer {
	s := &tokenServer{clock: clock, seen: map[string]int{}, revoked: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		tok := r.Header.Get("Authorization")
		var c testutil.ManagementClaims
		// Leeway: a request can still be in flight, with the token it was
		// given, when the test moves the clock a day ahead.
		_, err := jwt.ParseWithClaims(tok, &c, func(*jwt.Token) (any, error) { return []byte(testutil.TestSecret), nil },
			jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired(), jwt.WithTimeFunc(clock.Now), jwt.WithLeeway(24*time.Hour))
		s.mu.Lock()
		s.seen[tok]++
		revoked := s.revoked[tok]
		s.mu.Unlock()
		if err != nil || c.APIKey != testutil.TestAPIKey {
			s.invalid.Add(1)
			revoked = true
		}
		w.Header().Set("Content-Type", "application/json")
		if revoked {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"message":"Token is invalid or expired"}`))
			return
		}
		_, _ = w.Write([]byte(roomJSON))
	}))
	t.Cleanup(s.Server.Close)
	return s
}

func (s *tokenServer) tokens() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.seen))
	for k, v := range s.seen {
		out[k] = v
	}
	return out
}

func newSharedClient(t *testing.T, url string, clock *fakeClock) *Client {
	tr := &http.Transport{MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := NewClient(testutil.TestAPIKey, testutil.TestSecret, WithBaseURL(url),
		WithHTTPClient(&http.Client{Transport: tr}), withClock(clock.Now), withSleep((&waitRecorder{}).sleep))
	require.NoError(t, err)
	return c
}

// TestConcurrentTokenExpiry: 500 goroutines share one Client while the
// management token expires twice under them. Every call succeeds and each
// expiry re-signs the token exactly once.
func TestConcurrentTokenExpiry(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 6, 12, 0, 0, 0, time.UTC)
	clock := newFakeClock(start)
	srv := newTokenServer(t, clock)
	c := newSharedClient(t, srv.URL, clock)

	// Three phases of one call per goroutine. Between phases the clock moves
	// past the refresh point, then all 500 goroutines are released at once, so
	// every expiry is crossed by 500 concurrent calls racing to re-sign. The
	// phases are barriers, not timing: the outcome does not depend on speed.
	const callsEach = 3
	var failed atomic.Int64
	var wg sync.WaitGroup
	ctx := context.Background()
	step := managementTokenTTL - refreshBefore + time.Second
	for phase := range callsEach {
		if phase > 0 {
			clock.Advance(step)
		}
		release := make(chan struct{})
		for i := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-release
				if _, err := c.Rooms.Get(ctx, fmt.Sprintf("r-%d-%d", i, phase)); err != nil {
					failed.Add(1)
					t.Errorf("call failed: %v", err)
				}
			}()
		}
		close(release)
		wg.Wait()
		assert.EqualValues(t, phase+1, c.tokens.signed.Load(), "tokens signed after phase %d", phase)
	}
	wg.Wait()

	assert.Zero(t, failed.Load(), "failed calls")
	assert.Zero(t, srv.invalid.Load(), "invalid tokens at the server")
	assert.EqualValues(t, goroutines*callsEach, srv.requests.Load(), "requests (no retries were needed)")
	assert.EqualValues(t, 3, c.tokens.signed.Load(), "tokens signed: one, then one per expiry")
	seen := srv.tokens()
	assert.Len(t, seen, 3, "distinct tokens at the server")
	// Each token was signed at one of the three clock positions.
	iats := map[time.Time]bool{}
	for tok := range seen {
		var cl testutil.ManagementClaims
		_, _, err := jwt.NewParser().ParseUnverified(tok, &cl)
		require.NoError(t, err)
		iats[cl.IssuedAt.Add(issuedAtSkew).UTC()] = true
	}
	assert.Equal(t, map[time.Time]bool{start: true, start.Add(step): true, start.Add(2 * step): true}, iats)
	t.Logf("concurrency: %d goroutines, %d calls, %d tokens signed, %d distinct tokens at the server",
		goroutines, srv.requests.Load(), c.tokens.signed.Load(), len(seen))
}

// TestConcurrentRevokedToken: the cached token is refused with 401 while 500
// goroutines use it. Each call re-signs at most once and succeeds, and only
// one new token is signed for all of them.
func TestConcurrentRevokedToken(t *testing.T) {
	t.Parallel()
	clock := newFakeClock(time.Date(2026, 5, 6, 12, 0, 0, 0, time.UTC))
	srv := newTokenServer(t, clock)
	c := newSharedClient(t, srv.URL, clock)
	ctx := context.Background()
	_, err := c.Rooms.Get(ctx, "warm")
	require.NoError(t, err)
	old := c.tokens.cur.Load().token
	srv.mu.Lock()
	srv.revoked[old] = true
	srv.mu.Unlock()
	clock.Advance(time.Second) // the replacement is a different token

	var wg sync.WaitGroup
	var failed atomic.Int64
	for i := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Rooms.Create(ctx, CreateRoomParams{CustomRoomID: fmt.Sprintf("room-%d", i)}); err != nil {
				failed.Add(1)
				t.Errorf("call failed: %v", err)
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, failed.Load())
	assert.EqualValues(t, 2, c.tokens.signed.Load(), "one token re-signed for all 500 refusals")
	seen := srv.tokens()
	assert.Len(t, seen, 2)
	// Each call ended with one request on the new token, after at most one
	// 401 on the old one.
	delete(seen, old)
	for _, n := range seen {
		assert.Equal(t, goroutines, n, "requests with the new token")
	}
	assert.LessOrEqual(t, srv.requests.Load(), int64(1+2*goroutines))
}
