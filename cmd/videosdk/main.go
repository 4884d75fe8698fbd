// Command videosdk is a command-line tool for the VideoSDK API: it mints and
// inspects tokens, makes the common calls (rooms, sessions, recordings, HLS,
// livestreams, transcodings, transcriptions, agent dispatch and deployments,
// batch calls, alert incidents), downloads recordings, verifies,
// receives and forwards webhooks, and runs the fake API of package
// videosdktest as a process for tests in any language.
//
//	go install github.com/videosdk-go/videosdk/cmd/videosdk@latest
//	videosdk token --room abcd-efgh-ijkl
//	videosdk token inspect "$TOKEN" --secret "$VIDEOSDK_SECRET"
//	videosdk rooms list --json
//	videosdk webhook listen --forward http://localhost:3000/webhooks
//	videosdk fake
//
// Credentials come from VIDEOSDK_API_KEY, VIDEOSDK_SECRET (or
// VIDEOSDK_SECRET_KEY) and VIDEOSDK_API_ENDPOINT, or from the -api-key,
// -secret and -endpoint flags. Results go to stdout (a table, or JSON with
// -json), errors to stderr. The exit status is 0 on success, 1 when the API
// or the network failed, 2 on bad usage. Every command has its own -h.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/videosdk-go/videosdk"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := newCLI().run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// cli is one run of the tool: where it reads and writes, and its test seams.
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time
	// clientOpts are added to every SDK client the commands build; tests
	// shorten the waiters' pauses with them.
	clientOpts []videosdk.Option
	// terminal reports whether w is a terminal, for progress bars.
	terminal func(w io.Writer) bool
	// stallTimeout ends a download that received nothing for this long.
	stallTimeout time.Duration
}

func newCLI() *cli {
	return &cli{
		stdin:        os.Stdin,
		stdout:       os.Stdout,
		stderr:       os.Stderr,
		getenv:       os.Getenv,
		now:          time.Now,
		terminal:     isTerminal,
		stallTimeout: time.Minute,
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// command is a subcommand: a leaf that runs, or a group of subcommands.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

// root lists the top-level commands. A new resource is one file with its
// command and one line here.
func root() group {
	return group{path: "videosdk", summary: "Command-line tool for the VideoSDK API.", cmds: []command{
		{"token", "mint a token, or explain one (token inspect)", runToken},
		{"rooms", "create, get, list, validate and deactivate rooms", groupRunner(roomsGroup)},
		{"sessions", "list and get sessions, list participants, end a session", groupRunner(sessionsGroup)},
		{"recordings", "meeting, participant, track and composite recordings: list, get, start, stop, wait, download", runRecordings},
		{"hls", "start, stop, list and get HLS streams", groupRunner(hlsGroup)},
		{"livestreams", "start, stop, list and get RTMP livestreams", groupRunner(livestreamsGroup)},
		{"transcodings", "composite merges, HLS to MP4, meeting-recording merges: list, get, start, cancel", groupRunner(transcodingsGroup)},
		{"post-transcriptions", "list and get the transcriptions made after recordings", groupRunner(postTranscriptionsGroup)},
		{"realtime-transcriptions", "start, stop, list and get live transcriptions of a room", groupRunner(realtimeTranscriptionsGroup)},
		{"sip", "SIP telephony: gateways, routing rules, phone numbers, calls, SIP webhooks", groupRunner(sipGroup)},
		{"agents", "dispatch AI agents into rooms; Agent Cloud deployments", groupRunner(agentsGroup)},
		{"batch-calls", "create, list and get batch calls, and their stats", groupRunner(batchCallsGroup)},
		{"alerts", "list, acknowledge and resolve incidents", groupRunner(alertsGroup)},
		{"webhook", "verify a webhook delivery, or receive and forward deliveries", groupRunner(webhookGroup)},
		{"fake", "serve the fake VideoSDK API (videosdktest) for tests in any language", runFake},
		{"version", "print the version", runVersion},
	}}
}

func runVersion(_ context.Context, c *cli, args []string) error {
	f := c.flags("videosdk version", "", "Prints the version of the tool (the SDK version it is built with).")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	_, err := fmt.Fprintln(c.stdout, "videosdk", videosdk.Version)
	return err
}

// group dispatches to its subcommands by name, by hand.
type group struct {
	path    string // "videosdk rooms"
	summary string
	cmds    []command
}

func groupRunner(g func() group) func(context.Context, *cli, []string) error {
	return func(ctx context.Context, c *cli, args []string) error { return g().run(ctx, c, args) }
}

func (g group) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s COMMAND [flags]\n\n%s\n\nCommands:\n", g.path, g.summary)
	width := 12
	for _, cmd := range g.cmds {
		width = max(width, len(cmd.name))
	}
	for _, cmd := range g.cmds {
		fmt.Fprintf(&b, "  %-*s %s\n", width, cmd.name, cmd.summary)
	}
	fmt.Fprintf(&b, "\nRun '%s COMMAND -h' for a command's flags.\n", g.path)
	return b.String()
}

func (g group) run(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "missing command", usage: g.usage()}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		_, err := io.WriteString(c.stdout, g.usage())
		if err != nil {
			return err
		}
		return errHelp
	}
	for _, cmd := range g.cmds {
		if cmd.name == args[0] {
			return cmd.run(ctx, c, args[1:])
		}
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q for %s", args[0], g.path), usage: g.usage()}
}

// errHelp ends a run whose help text was printed: exit 0.
var errHelp = errors.New("help shown")

// usageError is bad usage: exit 2, with the usage text on stderr.
type usageError struct {
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// run runs the tool and returns the exit status.
func (c *cli) run(ctx context.Context, args []string) int {
	err := root().run(ctx, c, args)
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(c.stderr, errorLine(err))
		if ue.usage != "" {
			fmt.Fprint(c.stderr, "\n"+ue.usage)
		}
		return 2
	case errors.Is(err, videosdk.ErrInvalidParams):
		// A bad argument the SDK caught before sending anything.
		fmt.Fprintln(c.stderr, errorLine(err))
		return 2
	}
	fmt.Fprintln(c.stderr, errorLine(err))
	return 1
}

// errorLine prefixes err with the tool's name once (SDK errors carry it).
func errorLine(err error) string {
	msg := printable(err.Error())
	if strings.HasPrefix(msg, "videosdk: ") {
		return msg
	}
	return "videosdk: " + msg
}
