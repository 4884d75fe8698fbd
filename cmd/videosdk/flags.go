package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"

	"github.com/videosdk-go/videosdk"
)

// flagSet is one subcommand's flags (standard library flag; -name and
// --name both work) plus the shared ones it asked for.
type flagSet struct {
	*flag.FlagSet
	c    *cli
	path string // "videosdk rooms get"
	args string // positional arguments in the usage line, e.g. "ROOM_ID"
	desc string

	json  bool
	limit int
	creds struct{ apiKey, secret, endpoint string }
}

func (c *cli) flags(path, args, desc string) *flagSet {
	f := &flagSet{FlagSet: flag.NewFlagSet(path, flag.ContinueOnError), c: c, path: path, args: args, desc: desc}
	f.SetOutput(io.Discard) // parse reports errors itself, with the usage
	return f
}

// withJSON adds -json.
func (f *flagSet) withJSON() *flagSet {
	f.BoolVar(&f.json, "json", false, "print the result as JSON")
	return f
}

// withLimit adds -limit for lists.
func (f *flagSet) withLimit() *flagSet {
	f.IntVar(&f.limit, "limit", 50, "list at most `N` items (0 lists all, fetching page after page)")
	return f
}

// withCredentials adds the flags that override the environment's
// credentials and endpoint.
func (f *flagSet) withCredentials() *flagSet {
	f.withKeys()
	f.StringVar(&f.creds.endpoint, "endpoint", "", "`URL` is the API's base URL (default $VIDEOSDK_API_ENDPOINT, else https://api.videosdk.live)")
	return f
}

// withKeys adds -api-key and -secret. Their defaults are empty on purpose:
// -h must never show a secret taken from the environment.
func (f *flagSet) withKeys() *flagSet {
	f.StringVar(&f.creds.apiKey, "api-key", "", "`KEY` is the project's API key (default $VIDEOSDK_API_KEY)")
	f.StringVar(&f.creds.secret, "secret", "", "`SECRET` is the project's API secret (default $VIDEOSDK_SECRET or $VIDEOSDK_SECRET_KEY)")
	return f
}

func (f *flagSet) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s [flags]", f.path)
	if f.args != "" {
		b.WriteString(" " + f.args)
	}
	b.WriteString("\n\n" + f.desc + "\n")
	has := false
	f.VisitAll(func(*flag.Flag) { has = true })
	if has {
		b.WriteString("\nFlags:\n")
		out := f.Output()
		f.SetOutput(&b)
		f.PrintDefaults()
		f.SetOutput(out)
	}
	return b.String()
}

// parse parses args, flags and positional arguments in any order ("--"
// ends the flags), and checks that exactly n positional arguments were
// given (n < 0: any number). -h prints the usage on stdout.
func (f *flagSet) parse(args []string, n int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				if _, werr := io.WriteString(f.c.stdout, f.usage()); werr != nil {
					return nil, werr
				}
				return nil, errHelp
			}
			return nil, &usageError{msg: err.Error(), usage: f.usage()}
		}
		rest := f.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if n >= 0 && len(pos) != n {
		what := "no arguments"
		if f.args != "" {
			what = f.args
		}
		return nil, &usageError{msg: fmt.Sprintf("%s takes %s, got %d argument(s)", f.path, what, len(pos)), usage: f.usage()}
	}
	if f.limit < 0 {
		return nil, &usageError{msg: "-limit must not be negative", usage: f.usage()}
	}
	return pos, nil
}

// prepare parses args for n positional arguments, checks the required
// flags and builds the client: the start of every API subcommand.
func (f *flagSet) prepare(args []string, n int, required ...string) ([]string, *videosdk.Client, error) {
	pos, err := f.parse(args, n)
	if err != nil {
		return nil, nil, err
	}
	if err := f.require(required...); err != nil {
		return nil, nil, err
	}
	cl, err := f.client()
	if err != nil {
		return nil, nil, err
	}
	return pos, cl, nil
}

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

// fail is a usage error with this command's usage.
func (f *flagSet) fail(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), usage: f.usage()}
}

// require fails unless every named flag was given a value.
func (f *flagSet) require(names ...string) error {
	for _, n := range names {
		if fl := f.Lookup(n); fl != nil && fl.Value.String() == "" {
			return f.fail("-%s is required", n)
		}
	}
	return nil
}

// credentials resolves the API key and secret: flags first, then the
// environment. A missing one is a usage error that names where to set it.
func (f *flagSet) credentials() (apiKey, secret string, err error) {
	apiKey = firstSet(f.creds.apiKey, f.c.getenv("VIDEOSDK_API_KEY"))
	secret = firstSet(f.creds.secret, f.c.getenv("VIDEOSDK_SECRET"), f.c.getenv("VIDEOSDK_SECRET_KEY"))
	switch {
	case apiKey == "":
		return "", "", usagef("no API key: set VIDEOSDK_API_KEY or pass -api-key")
	case secret == "":
		return "", "", usagef("no API secret: set VIDEOSDK_SECRET (or VIDEOSDK_SECRET_KEY) or pass -secret")
	}
	return apiKey, secret, nil
}

func firstSet(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// client builds an SDK client from the flags and the environment.
func (f *flagSet) client() (*videosdk.Client, error) {
	key, secret, err := f.credentials()
	if err != nil {
		return nil, err
	}
	opts := []videosdk.Option{videosdk.WithUserAgent("videosdk-cli/" + videosdk.Version)}
	endpoint, from := f.creds.endpoint, "-endpoint"
	if endpoint == "" {
		endpoint, from = strings.TrimSpace(f.c.getenv("VIDEOSDK_API_ENDPOINT")), "VIDEOSDK_API_ENDPOINT"
	}
	if endpoint != "" {
		opts = append(opts, videosdk.WithBaseURL(endpoint))
	}
	cl, err := videosdk.NewClient(key, secret, opts...)
	if err != nil {
		if endpoint != "" && errors.Is(err, videosdk.ErrInvalidParams) && strings.Contains(err.Error(), "base URL") {
			return nil, fmt.Errorf("%s: %w", from, err)
		}
		return nil, err
	}
	return cl, nil
}

// csv splits a comma-separated flag value, dropping empty items.
func csv(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readBody decodes a JSON params file ("-" reads stdin) into v, refusing
// unknown fields so that a misspelt name is not silently ignored.
func (c *cli) readBody(name string, v any) error {
	var r io.Reader
	if name == "-" {
		r = c.stdin
	} else {
		fh, err := os.Open(name)
		if err != nil {
			return usagef("-body: %v", err)
		}
		defer fh.Close()
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil {
		return usagef("-body: %v", err)
	}
	if len(b) > 1<<20 {
		return usagef("-body: larger than 1 MiB")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return usagef("-body %s: %v", name, err)
	}
	return nil
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
