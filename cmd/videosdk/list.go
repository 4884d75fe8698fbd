// Shared shapes of subcommands: a list, a get, and the iterator helpers
// they use.

package main

import (
	"context"
	"iter"

	"github.com/videosdk-go/videosdk"
)

// runList is a list subcommand: it lists up to -limit items with all and
// prints them as JSON, or with table.
func runList[T any](ctx context.Context, f *flagSet, args []string,
	all func(context.Context, *videosdk.Client, videosdk.ListOptions) iter.Seq2[T, error], table func([]T) error) error {
	_, cl, err := f.prepare(args, 0)
	if err != nil {
		return err
	}
	items, err := collect(all(ctx, cl, perPage(f.limit)), f.limit)
	if err != nil {
		return err
	}
	if f.json {
		return f.c.printJSON(items)
	}
	return table(items)
}

// runGet is a subcommand that takes one id: it calls get and shows the result.
func runGet[T any](ctx context.Context, f *flagSet, args []string,
	get func(context.Context, *videosdk.Client, string) (T, error), show func(T) error) error {
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	v, err := get(ctx, cl, pos[0])
	if err != nil {
		return err
	}
	return show(v)
}

// mapSeq converts an SDK iterator's items.
func mapSeq[T, U any](seq iter.Seq2[T, error], conv func(*T) U) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		for v, err := range seq {
			if err != nil {
				var zero U
				yield(zero, err)
				return
			}
			if !yield(conv(&v), nil) {
				return
			}
		}
	}
}

// collect ranges over an SDK iterator and keeps at most limit items
// (0: all of them). It stops fetching pages once it has enough.
func collect[T any](seq iter.Seq2[T, error], limit int) ([]T, error) {
	out := []T{}
	if limit == 0 {
		limit = -1
	}
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// perPage is the page size for a list of at most limit items.
func perPage(limit int) videosdk.ListOptions {
	if limit > 0 && limit < 100 {
		return videosdk.ListOptions{PerPage: limit}
	}
	return videosdk.ListOptions{PerPage: 100}
}
