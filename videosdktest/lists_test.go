package videosdktest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Lists read items backwards instead of sorting them: the order is still
// newest first by creation time, with later-created first among equal
// times, even when a test clock is set back.
func TestListsStayNewestFirstWithAClockSetBack(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	last := 0
	at := func(min int, custom string) { // creates a room at minute min
		clock.add(time.Duration(min-last) * time.Minute)
		last = min
		ok(t, srv, "POST", "/v2/rooms", map[string]any{"customRoomId": custom})
	}
	at(10, "a")
	at(20, "b")
	at(5, "c")  // clock set back
	at(20, "d") // same time as b, created later
	at(15, "e")
	at(1, "f")
	names := func(path string) []string {
		var out []string
		for _, r := range ok(t, srv, "GET", path, nil)["data"].([]any) {
			out = append(out, r.(map[string]any)["customRoomId"].(string))
		}
		return out
	}
	assert.Equal(t, []string{"d", "b", "e", "a", "c", "f"}, names("/v2/rooms"))
	assert.Equal(t, []string{"e", "a"}, names("/v2/rooms?page=2&perPage=2"))
	assert.Equal(t, []string{"c", "f"}, names("/v2/rooms?page=3&perPage=2"))
	assert.Empty(t, names("/v2/rooms?page=4&perPage=2"))
	assert.Empty(t, names("/v2/rooms?page=9223372036854775807&perPage=2"))
	assert.Equal(t, []string{"c"}, names("/v2/rooms?query=c"))
	assert.Empty(t, names("/v2/rooms?query=c&page=2&perPage=1"))
	info := ok(t, srv, "GET", "/v2/rooms?query=c&page=2&perPage=1", nil)["pageInfo"]
	assert.Equal(t, map[string]any{"currentPage": 2.0, "perPage": 1.0, "lastPage": 1.0, "total": 1.0}, info)
}

// BenchmarkListRooms measures one page of GET /v2/rooms at 10,000 rooms,
// inside the handler, as it runs under the server lock.
func BenchmarkListRooms(b *testing.B) {
	srv := NewServer()
	defer srv.Close()
	for range 10_000 {
		r, _ := http.NewRequest("POST", "/v2/rooms", strings.NewReader("{}"))
		if _, _, e := srv.locked(srv.createRoom, r); e != nil {
			b.Fatal(e)
		}
	}
	r, _ := http.NewRequest("GET", "/v2/rooms?perPage=20", nil)
	b.ResetTimer()
	for b.Loop() {
		if _, _, e := srv.locked(srv.listRooms, r); e != nil {
			b.Fatal(e)
		}
	}
}
