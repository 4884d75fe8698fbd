package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
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

// optString defines a string flag for an update's optional field: *p is
// set only when the flag is given (even to ""), and left nil otherwise.
func (f *flagSet) optString(p **string, name, usage string) {
	f.Func(name, usage, func(s string) error { *p = &s; return nil })
}

// optBool defines a boolean flag for an update's optional field: -name sets
// *p to true, -name=false to false; without the flag *p stays nil.
func (f *flagSet) optBool(p **bool, name, usage string) {
	f.BoolFunc(name, usage, func(s string) error {
		v, err := strconv.ParseBool(s)
		if err != nil {
			return err
		}
		*p = &v
		return nil
	})
}

// given reports whether any of the named flags was given on the command
// line (after parse).
func (f *flagSet) given(names ...string) bool {
	found := false
	f.Visit(func(fl *flag.Flag) {
		for _, n := range names {
			found = found || fl.Name == n
		}
	})
	return found
}
