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
	return runWaitFor(ctx, c, *timeout, pos[0], waiting, late,
		func(ctx context.Context, id string) (T, error) { return wait(ctx, cl, id) }, show)
}

// runWaitFor waits for id with wait, at most timeout, and shows what it
// returned (runWait, and start -wait).
func runWaitFor[T any](ctx context.Context, c *cli, timeout time.Duration, id, waiting, late string,
	wait func(context.Context, string) (T, error), show func(T) error) error {
	fmt.Fprintf(c.stderr, "Waiting for "+waiting+" (at most %v)...\n", id, timeout)
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	v, err := wait(wctx, id)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return fmt.Errorf(late+" after %v", id, timeout)
	}
	if err != nil {
		return err
	}
	return show(v)
}
