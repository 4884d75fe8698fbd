package videosdk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"reflect"
	"strconv"
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

// pageEnvelope decodes the list envelope {"pageInfo":…, "data":[…]} with
// items of the listed type T. The merge list puts its items under
// "recordings"; both keys are accepted everywhere. The Node SDK's alternative
// {"pagination":{page,perPage,totalPages,total}} is accepted too. A slice is
// nil when its key is absent or null, and non-nil (maybe empty) when it
// holds an array.
type pageEnvelope[T any] struct {
	PageInfo   *PageInfo      `json:"pageInfo"`
	Data       []T            `json:"data"`
	Recordings []T            `json:"recordings"`
	Pagination *altPagination `json:"pagination"`
}

// altPagination is the Node SDK's pagination block.
type altPagination struct {
	Page       int `json:"page"`
	PerPage    int `json:"perPage"`
	TotalPages int `json:"totalPages"`
	Total      int `json:"total"`
}

var errNoItems = errors.New(`list response has neither "data" nor "recordings"`)

func (e *pageEnvelope[T]) validResponse() error {
	if e.Data == nil && e.Recordings == nil {
		return errNoItems
	}
	return nil
}

// normalize normalizes every item (wire.go).
func (e *pageEnvelope[T]) normalize() {
	normalizeAll(e.Data)
	normalizeAll(e.Recordings)
}

func newPage[T any](items []T, info *PageInfo, alt *altPagination) *Page[T] {
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

// getPage fetches one page of a plain list endpoint: its items decode in the
// one pass that reads the page, then are normalized (wire.go).
func getPage[T any](ctx context.Context, c *Client, path string, q url.Values) (*Page[T], error) {
	var env pageEnvelope[T]
	if err := c.do(ctx, "GET", path, q, nil, &env); err != nil {
		return nil, err
	}
	return env.page(), nil
}

// page returns the decoded envelope as a page.
func (e *pageEnvelope[T]) page() *Page[T] {
	items := e.Data
	if items == nil {
		items = e.Recordings
	}
	return newPage(items, e.PageInfo, e.Pagination)
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
		var prev pageEnds[T]
		for page := first; ; page++ {
			p, err := fetch(ctx, page)
			if err != nil {
				yield(zero, err)
				return
			}
			ends := endsOf(p.Data)
			if page == first {
				lastPage = p.PageInfo.LastPage
			} else if ends.repeats(prev) {
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

// pageEnds are a page's length and copies of its first and last items: two
// different pages of one list do not begin and end with the same items.
// Copies of two items keep only what those items reference alive.
type pageEnds[T any] struct {
	n           int
	first, last T
}

// endsOf returns the ends of a page (n == 0 for an empty one).
func endsOf[T any](items []T) pageEnds[T] {
	if len(items) == 0 {
		return pageEnds[T]{}
	}
	return pageEnds[T]{len(items), items[0], items[len(items)-1]}
}

// repeats reports whether e, a non-empty page, has the ends of prev.
func (e pageEnds[T]) repeats(prev pageEnds[T]) bool {
	return e.n > 0 && e.n == prev.n &&
		reflect.DeepEqual(e.first, prev.first) && reflect.DeepEqual(e.last, prev.last)
}
