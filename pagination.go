package videosdk

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"time"
)

// ListOptions selects a page of a list. Zero values mean the server's
// defaults (page 1, 20 items).
type ListOptions struct {
	// Page is the 1-based page number.
	Page int `json:"page,omitempty"`
	// PerPage is the page size.
	PerPage int `json:"perPage,omitempty"`
}

// maxPerPage guards against typos such as 1e6 that would make the server
// build a huge response.
const maxPerPage = 1000

func (o ListOptions) check() error {
	if o.Page < 0 {
		return invalidParams("page %d is negative", o.Page)
	}
	if o.PerPage < 0 || o.PerPage > maxPerPage {
		return invalidParams("perPage %d out of range 0..%d", o.PerPage, maxPerPage)
	}
	return nil
}

// values adds page and perPage to v (allocating v when nil) and returns it.
func (o ListOptions) values(v url.Values) url.Values {
	if o.Page > 0 {
		v = setQuery(v, "page", strconv.Itoa(o.Page))
	}
	if o.PerPage > 0 {
		v = setQuery(v, "perPage", strconv.Itoa(o.PerPage))
	}
	return v
}

// setQuery sets k=val in v, allocating v on first use, and skips empty values.
func setQuery(v url.Values, k, val string) url.Values {
	if val == "" {
		return v
	}
	if v == nil {
		v = url.Values{}
	}
	v.Set(k, val)
	return v
}

// PageInfo is the pagination block of a list response.
type PageInfo struct {
	CurrentPage int `json:"currentPage"`
	PerPage     int `json:"perPage"`
	LastPage    int `json:"lastPage"`
	Total       int `json:"total"`
}

// Page is one page of a list.
type Page[T any] struct {
	Data     []T
	PageInfo PageInfo
}

// HasNext reports whether a later page exists: this page was non-empty and is
// not the last one.
func (p *Page[T]) HasNext() bool {
	return p != nil && len(p.Data) > 0 && p.PageInfo.CurrentPage < p.PageInfo.LastPage
}

// pageEnvelope decodes the list envelope {"pageInfo":…, "data":[…]} with items
// of type W, the wire twin of the listed type (wire.go). The merge list puts
// its items under "recordings"; both keys are accepted everywhere. The Node
// SDK's alternative {"pagination":{page,perPage,totalPages,total}} is accepted
// too. A slice is nil when its key is absent or null, and non-nil (maybe
// empty) when it holds an array.
type pageEnvelope[W any] struct {
	PageInfo   *PageInfo `json:"pageInfo"`
	Data       []W       `json:"data"`
	Recordings []W       `json:"recordings"`
	Pagination *struct {
		Page       int `json:"page"`
		PerPage    int `json:"perPage"`
		TotalPages int `json:"totalPages"`
		Total      int `json:"total"`
	} `json:"pagination"`
}

var errNoItems = errors.New(`list response has neither "data" nor "recordings"`)

func (e *pageEnvelope[W]) validResponse() error {
	if e.Data == nil && e.Recordings == nil {
		return errNoItems
	}
	return nil
}

// toPage converts a decoded envelope into a page, item by item.
func toPage[T, W any](e *pageEnvelope[W], twin twinOf[T, W]) *Page[T] {
	ws := e.Data
	if ws == nil {
		ws = e.Recordings
	}
	return newPage(twin.all(ws), e.PageInfo, e.Pagination)
}

func newPage[T any](items []T, info *PageInfo, alt *struct {
	Page       int `json:"page"`
	PerPage    int `json:"perPage"`
	TotalPages int `json:"totalPages"`
	Total      int `json:"total"`
}) *Page[T] {
	p := &Page[T]{Data: items}
	switch {
	case info != nil:
		p.PageInfo = *info
	case alt != nil:
		p.PageInfo = PageInfo{CurrentPage: alt.Page, PerPage: alt.PerPage, LastPage: alt.TotalPages, Total: alt.Total}
	default:
		// No pagination block: the list is complete.
		p.PageInfo = PageInfo{CurrentPage: 1, PerPage: len(items), LastPage: 1, Total: len(items)}
	}
	if p.Data == nil {
		p.Data = []T{}
	}
	return p
}

// getPage fetches one page of a plain list endpoint: the items decode into
// the wire twin W in the one pass that reads the page and are converted by
// twin (wire.go).
func getPage[T, W any](ctx context.Context, c *Client, path string, q url.Values, twin twinOf[T, W]) (*Page[T], error) {
	var env pageEnvelope[W]
	if err := c.do(ctx, "GET", path, q, nil, &env); err != nil {
		return nil, err
	}
	return toPage(&env, twin), nil
}

// autoPage walks the pages of a list lazily: nothing is fetched until the
// sequence is ranged over; it honours break, yields an error once and stops,
// and stops on an empty page or when the last page has been read.
//
// Two guards against a server (or proxy) that ignores ?page=: it never
// requests past the lastPage the first page announced, and a page that
// repeats the previous one (same length, same first and last items) ends the
// iteration with a *ResponseError before its items are yielded again.
func autoPage[T any](ctx context.Context, start int, fetch func(context.Context, int) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if start < 0 {
			// As List does: a bad page is refused before any request.
			yield(zero, invalidParams("page %d is negative", start))
			return
		}
		first := max(start, 1)
		lastPage := 0 // as announced by the first page
		var prev pageEnds
		for page := first; ; page++ {
			p, err := fetch(ctx, page)
			if err != nil {
				yield(zero, err)
				return
			}
			var ends pageEnds
			if len(p.Data) > 0 {
				ends = endsOf(p.Data)
			}
			if page == first {
				lastPage = p.PageInfo.LastPage
			} else if ends.n > 0 && ends == prev {
				yield(zero, &ResponseError{StatusCode: 200, Method: "GET", Reason: fmt.Sprintf(
					"page %d repeats page %d: the server ignores the page parameter", page, page-1)})
				return
			}
			for _, item := range p.Data {
				if !yield(item, nil) {
					return
				}
			}
			// max(): a server that keeps answering currentPage 1 must not
			// make the loop endless; min(): nor one whose lastPage grows.
			if len(p.Data) == 0 || max(page, p.PageInfo.CurrentPage) >= min(lastPage, p.PageInfo.LastPage) {
				return
			}
			prev = ends
		}
	}
}

// pageEnds identifies a page cheaply: its length and fingerprints of its
// first and last items. Two different pages of one list do not begin and end
// with the same items. Fingerprints, not copies: a copied item would keep
// alive what its pointers reach, and the Files of a page share one array
// (takeFiles), so a copy of one item would hold the whole previous page's
// Files and their strings while the next page is decoded.
type pageEnds struct {
	n           int
	first, last uint64
}

// endsOf returns the ends of a non-empty page.
func endsOf[T any](items []T) pageEnds {
	return pageEnds{len(items), fingerprint(&items[0]), fingerprint(&items[len(items)-1])}
}

// fingerprintSeed keys every fingerprint of the process.
var fingerprintSeed = maphash.MakeSeed()

// fingerprint hashes the value *p deeply: what reflect.DeepEqual compares
// (through pointers, slices, maps and interfaces; a time.Time by its instant
// and zone offset), so equal values hash equally and different ones collide
// with probability 2⁻⁶⁴.
func fingerprint[T any](p *T) uint64 {
	var h maphash.Hash
	h.SetSeed(fingerprintSeed)
	hashValue(&h, reflect.ValueOf(p).Elem(), 0)
	return h.Sum64()
}

var timeType = reflect.TypeFor[time.Time]()

func hashUint(h *maphash.Hash, u uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], u)
	h.Write(b[:])
}

// hashValue writes v into h. Values nested deeper than 32 levels (no API
// type is) are not hashed.
func hashValue(h *maphash.Hash, v reflect.Value, depth int) {
	if depth > 32 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		hashUint(h, uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		hashUint(h, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		hashUint(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		hashUint(h, math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteByte(1)
		hashValue(h, v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeType && v.CanAddr() && v.CanInterface() {
			// Through its address: boxing a pointer allocates nothing.
			t := v.Addr().Interface().(*time.Time)
			_, offset := t.Zone()
			hashUint(h, uint64(t.Unix()))
			hashUint(h, uint64(t.Nanosecond()))
			hashUint(h, uint64(offset))
			return
		}
		for i := range v.NumField() {
			hashValue(h, v.Field(i), depth+1)
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteByte(1)
		hashUint(h, uint64(v.Len()))
		for i := range v.Len() {
			hashValue(h, v.Index(i), depth+1)
		}
	case reflect.Map:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteByte(1)
		hashUint(h, uint64(v.Len()))
		if v.Len() == 0 {
			return
		}
		// Order-free: the sum of each entry's own hash.
		var sum uint64
		var e maphash.Hash
		e.SetSeed(fingerprintSeed)
		var it reflect.MapIter // a value: MapRange would allocate one
		for it.Reset(v); it.Next(); {
			e.Reset()
			hashValue(&e, it.Key(), depth+1)
			hashValue(&e, it.Value(), depth+1)
			sum += e.Sum64()
		}
		hashUint(h, sum)
	}
}
