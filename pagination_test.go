package videosdk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// pagedRooms serves lastPage pages of perPage rooms; ids are "r<page>-<i>".
func pagedRooms(lastPage, perPage int) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		items := ""
		if page <= lastPage {
			for i := range perPage {
				if i > 0 {
					items += ","
				}
				items += fmt.Sprintf(`{"id":"x","roomId":"r%d-%d"}`, page, i)
			}
		}
		body := fmt.Sprintf(`{"pageInfo":{"currentPage":%d,"perPage":%d,"lastPage":%d,"total":%d},"data":[%s]}`,
			page, perPage, lastPage, lastPage*perPage, items)
		return httpmock.NewStringResponse(200, body), nil
	}
}

func TestAllWalksEveryPageLazily(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), pagedRooms(3, 2))
	seq := c.Rooms.All(context.Background(), ListRoomsParams{ListOptions: ListOptions{PerPage: 2}, Query: "q"})
	requireNoRequest(t, mt) // nothing is fetched until ranged
	var ids []string
	for r, err := range seq {
		require.NoError(t, err)
		ids = append(ids, r.RoomID)
	}
	assert.Equal(t, []string{"r1-0", "r1-1", "r2-0", "r2-1", "r3-0", "r3-1"}, ids)
	assert.Equal(t, 3, mt.GetTotalCallCount())
	// The sequence can be ranged again and starts over.
	n := 0
	for range seq {
		n++
	}
	assert.Equal(t, 6, n)
	assert.Equal(t, 6, mt.GetTotalCallCount())
}

func TestAllStartsAtGivenPage(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var pages []string
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), func(req *http.Request) (*http.Response, error) {
		pages = append(pages, req.URL.Query().Get("page"))
		return pagedRooms(3, 1)(req)
	})
	n := 0
	for _, err := range c.Rooms.All(context.Background(), ListRoomsParams{ListOptions: ListOptions{Page: 2}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, []string{"2", "3"}, pages)
}

func TestAllHonoursBreak(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), pagedRooms(50, 10))
	n := 0
	for _, err := range c.Rooms.All(context.Background(), ListRoomsParams{}) {
		require.NoError(t, err)
		n++
		if n == 12 {
			break
		}
	}
	assert.Equal(t, 12, n)
	assert.Equal(t, 2, mt.GetTotalCallCount(), "no page fetched after break")
}

func TestAllYieldsErrorOnceAndStops(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t, WithMaxRetries(0))
	calls := 0
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), func(req *http.Request) (*http.Response, error) {
		calls++
		if calls == 2 {
			return httpmock.NewStringResponse(500, `{"message":"boom"}`), nil
		}
		return pagedRooms(5, 2)(req)
	})
	var items, errs int
	for _, err := range c.Rooms.All(context.Background(), ListRoomsParams{}) {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, ErrServer)
			continue
		}
		items++
	}
	assert.Equal(t, 2, items)
	assert.Equal(t, 1, errs)
	assert.Equal(t, 2, calls)
}

// TestAllStopsWhenServerIgnoresPage: a server that answers page 1 whatever
// page is asked (currentPage 1, a huge lastPage) made All request 29,911
// pages in 2 s, yielding the same item each time. A page that repeats the
// previous one now ends the iteration with a typed error, before its items
// are yielded again.
func TestAllStopsWhenServerIgnoresPage(t *testing.T) {
	t.Parallel()
	for _, lastPage := range []int{3, 1000000} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), httpmock.NewStringResponder(200,
			fmt.Sprintf(`{"pageInfo":{"currentPage":1,"perPage":2,"lastPage":%d,"total":3},"data":[{"id":"a","roomId":"a"},{"id":"b","roomId":"b"}]}`, lastPage)))
		var ids []string
		var errs []error
		for r, err := range c.Rooms.All(context.Background(), ListRoomsParams{}) {
			if len(ids) > 20 {
				break // looping: fail below instead of requesting a million pages
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, r.RoomID)
		}
		assert.Equal(t, []string{"a", "b"}, ids, "each item once")
		require.Len(t, errs, 1)
		var re *ResponseError
		require.ErrorAs(t, errs[0], &re)
		assert.ErrorIs(t, errs[0], ErrInvalidResponse)
		assert.Contains(t, re.Reason, "page 2 repeats page 1")
		assert.Equal(t, 2, mt.GetTotalCallCount())
	}
}

// TestAllKeepsToFirstLastPage: a lastPage that grows from page to page does
// not make All request past what the first page announced.
func TestAllKeepsToFirstLastPage(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), func(req *http.Request) (*http.Response, error) {
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		page = max(page, 1)
		return httpmock.NewStringResponse(200, fmt.Sprintf(
			`{"pageInfo":{"currentPage":%d,"perPage":1,"lastPage":%d,"total":99},"data":[{"id":"x","roomId":"r%d"}]}`, page, page+1, page)), nil
	})
	var ids []string
	for r, err := range c.Rooms.All(context.Background(), ListRoomsParams{}) {
		require.NoError(t, err)
		ids = append(ids, r.RoomID)
		if len(ids) > 20 {
			break // looping: fail below
		}
	}
	assert.Equal(t, []string{"r1", "r2"}, ids, "page 1 announced lastPage 2")
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

// TestAllDistinctPagesAreNotRepeats: one-item pages whose items differ are
// not taken for repeats.
func TestAllDistinctPagesAreNotRepeats(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), pagedRooms(4, 1))
	n := 0
	for _, err := range c.Rooms.All(context.Background(), ListRoomsParams{}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 4, n)
}

func TestAllStopsOnEmptyPage(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), httpmock.NewStringResponder(200,
		`{"pageInfo":{"currentPage":1,"perPage":20,"lastPage":9,"total":0},"data":[]}`))
	for range c.Rooms.All(context.Background(), ListRoomsParams{}) {
		t.Fatal("no items expected")
	}
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestPageEnvelopeVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		n    int
		info PageInfo
		next bool
	}{
		{"data", `{"pageInfo":{"currentPage":1,"perPage":1,"lastPage":2,"total":2},"data":[{"id":"a","roomId":"a"}]}`, 1, PageInfo{1, 1, 2, 2}, true},
		{"recordings key", `{"pageInfo":{"currentPage":2,"perPage":1,"lastPage":2,"total":2},"recordings":[{"id":"a","roomId":"a"}]}`, 1, PageInfo{2, 1, 2, 2}, false},
		{"pagination object", `{"pagination":{"page":1,"perPage":1,"totalPages":4,"total":4},"data":[{"id":"a","roomId":"a"}]}`, 1, PageInfo{1, 1, 4, 4}, true},
		{"no page info", `{"data":[{"id":"a","roomId":"a"},{"id":"b","roomId":"b"}]}`, 2, PageInfo{1, 2, 1, 2}, false},
		{"empty data", `{"pageInfo":{"currentPage":1,"perPage":20,"lastPage":1,"total":0},"data":[]}`, 0, PageInfo{1, 20, 1, 0}, false},
	}
	for _, tt := range tests {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), httpmock.NewStringResponder(200, tt.body))
		p, err := c.Rooms.List(context.Background(), ListRoomsParams{})
		require.NoError(t, err, tt.name)
		assert.Len(t, p.Data, tt.n, tt.name)
		assert.NotNil(t, p.Data, tt.name)
		assert.Equal(t, tt.info, p.PageInfo, tt.name)
		assert.Equal(t, tt.next, p.HasNext(), tt.name)
	}
}

func TestPageEnvelopeInvalid(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{"pageInfo":{"currentPage":1}}`, `{"data":{"id":"x"}}`, `{"data":[1,2]}`, `[{"id":"a"}]`, `"none"`} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/rooms"), httpmock.NewStringResponder(200, body))
		p, err := c.Rooms.List(context.Background(), ListRoomsParams{})
		assert.Nil(t, p, body)
		assert.True(t, errors.Is(err, ErrInvalidResponse), "%s: %v", body, err)
	}
}

func TestHasNextNil(t *testing.T) {
	t.Parallel()
	var p *Page[Room]
	assert.False(t, p.HasNext())
	assert.False(t, (&Page[Room]{PageInfo: PageInfo{CurrentPage: 1, LastPage: 2}}).HasNext(), "empty page")
}

// TestPageEndsRepeats: the page-repeat guard sees a repeated page (equal
// ends decoded into separate memory) and only that: a page whose first or
// last item differs in any field, however deep, or whose length differs, is
// not a repeat.
func TestPageEndsRepeats(t *testing.T) {
	t.Parallel()
	n := 0
	item, err := json.Marshal(fullValue(reflect.TypeFor[Recording](), "Recording", &n))
	require.NoError(t, err)
	decode := func(items int) []Recording {
		body := `{"data":[` + strings.TrimSuffix(strings.Repeat(string(item)+",", items), ",") + `]}`
		p, err := sdkDecodePage[Recording]([]byte(body))
		require.NoError(t, err)
		return p.Data
	}
	prev := endsOf(decode(3))
	same := endsOf(decode(3))
	assert.True(t, same.repeats(prev), "equal pages, separate memory")
	assert.False(t, endsOf(decode(2)).repeats(prev), "another length")
	empty := endsOf([]Recording(nil))
	assert.False(t, empty.repeats(endsOf([]Recording(nil))), "empty pages end the walk by themselves")

	for name, change := range map[string]func(r *Recording){
		"id":              func(r *Recording) { r.ID += "x" },
		"file id":         func(r *Recording) { r.File.ID += "x" },
		"file resolution": func(r *Recording) { r.File.Meta.Resolution.Width++ },
		"file ratio":      func(r *Recording) { r.File.Ratio = map[string]float64{"other": 1} },
		"nil file":        func(r *Recording) { r.File = nil },
		"time":            func(r *Recording) { r.CreatedAt = r.CreatedAt.Add(time.Nanosecond) },
		"raw json":        func(r *Recording) { r.Transcription = append(r.Transcription, ' ') },
		"webhook data":    func(r *Recording) { r.Webhook.Data[0].Success = !r.Webhook.Data[0].Success },
	} {
		for _, last := range []bool{false, true} {
			items := decode(3)
			i := 0
			if last {
				i = len(items) - 1
			}
			change(&items[i])
			assert.False(t, endsOf(items).repeats(prev), "%s changed (last %v)", name, last)
		}
	}
}

// TestAllDoesNotHoldThePreviousPage: while All yields page 2, nothing keeps
// page 1 alive beyond the two items the repeat guard copies (its first and
// last): a middle item's File is collected. Not parallel: it counts on the
// garbage collector.
func TestAllDoesNotHoldThePreviousPage(t *testing.T) {
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/recordings"), func(req *http.Request) (*http.Response, error) {
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		page = max(page, 1)
		items := ""
		for i := range 3 {
			if i > 0 {
				items += ","
			}
			items += fmt.Sprintf(`{"id":"rec-%d-%d","roomId":"r","sessionId":"s","file":{"id":"f-%d-%d","fileUrl":"https://cdn.example/f"}}`, page, i, page, i)
		}
		return httpmock.NewStringResponse(200, fmt.Sprintf(
			`{"pageInfo":{"currentPage":%d,"perPage":3,"lastPage":2,"total":6},"data":[%s]}`, page, items)), nil
	})
	var freed atomic.Bool
	collected := func() bool {
		for range 100 {
			runtime.GC()
			if freed.Load() {
				return true
			}
			time.Sleep(5 * time.Millisecond)
		}
		return false
	}
	seen := 0
	for r, err := range c.Recordings.All(context.Background(), ListRecordingsParams{}) {
		require.NoError(t, err)
		seen++
		switch seen {
		case 2:
			require.NotNil(t, r.File)
			runtime.SetFinalizer(r.File, func(*File) { freed.Store(true) })
		case 4:
			assert.Equal(t, "rec-2-0", r.ID)
			assert.True(t, collected(), "page 1's Files are still reachable while page 2 is yielded")
		}
	}
	assert.Equal(t, 6, seen)
}
