package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/videosdk-go/videosdk"
)

// runWait is a wait subcommand: it takes one id and -timeout, waits with
// one of the SDK's waiters and shows what it returned. waiting names what it
// waits for in the line it prints on stderr, late what the timeout error
// says; both get the id through a %s.
func runWait[T any](ctx context.Context, c *cli, f *flagSet, args []string, waiting, late string,
	wait func(context.Context, *videosdk.Client, string) (T, error), show func(T) error) error {
	timeout := f.Duration("timeout", 15*time.Minute, "give up after `DURATION`")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if *timeout <= 0 {
		return f.fail("-timeout must be positive")
	}
	id := pos[0]
	fmt.Fprintf(c.stderr, "Waiting for "+waiting+" (at most %v)...\n", id, *timeout)
	wctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	v, err := wait(wctx, cl, id)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return fmt.Errorf(late+" after %v", id, *timeout)
	}
	if err != nil {
		return err
	}
	return show(v)
}
