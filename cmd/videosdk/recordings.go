package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

// recordingFamily is one kind of recording the recordings command drives.
// A family is one small file (recordings_meeting.go, …) and one entry in
// recordingFamilies.
type recordingFamily struct {
	name string // the word that selects it: "participant"
	noun string // "participant recording"
	// required are the flags start and stop need.
	required []string
	get      func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error)
	// list, start and stop register their flags on f and return the call.
	list  func(f *flagSet) func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[*recording, error]
	start func(f *flagSet) func(ctx context.Context, cl *videosdk.Client) error
	stop  func(f *flagSet) func(ctx context.Context, cl *videosdk.Client) error
	// startResult replaces start for a family whose Start answers with the
	// new recording's id (recordings_composite.go).
	startResult func(f *flagSet) func(ctx context.Context, cl *videosdk.Client) (*videosdk.StartResult, error)
}

// recordingFamilies: the first is the default when no family is named.
func recordingFamilies() []recordingFamily {
	return []recordingFamily{meetingRecordings(), participantRecordings(), trackRecordings(), compositeRecordings()}
}

// recording is what the commands show of a recording of any family.
type recording struct {
	ID            string
	RoomID        string
	SessionID     string
	ParticipantID string
	Track         string
	Start         *time.Time
	End           *time.Time
	Files         []videosdk.File
	// ready: the recording's files exist (what wait waits for).
	ready bool
	raw   any // the SDK's value, printed by -json
}

// MarshalJSON prints the SDK's value: -json shows what the API answered.
func (r *recording) MarshalJSON() ([]byte, error) { return json.Marshal(r.raw) }

func runRecordings(ctx context.Context, c *cli, args []string) error {
	fams := recordingFamilies()
	fam := fams[0]
	path := "videosdk recordings"
	if len(args) > 0 {
		for _, f := range fams {
			if args[0] == f.name {
				fam, path, args = f, path+" "+f.name, args[1:]
				break
			}
		}
	}
	var names []string
	for _, f := range fams {
		names = append(names, f.name)
	}
	summary := fmt.Sprintf("Drives %ss. Name a family first for the others: %s recordings [%s] COMMAND.",
		fam.noun, "videosdk", strings.Join(names, "|"))
	a := recordingActions{fam: fam, path: path}
	return group{path: path, summary: summary, cmds: []command{
		{"list", "list " + fam.noun + "s, newest first", a.list},
		{"get", "show a " + fam.noun + " and its files", a.get},
		{"start", "start a " + fam.noun, a.start},
		{"stop", "stop a " + fam.noun, a.stop},
		{"wait", "wait until a " + fam.noun + "'s file exists", a.wait},
		{"download", "download a " + fam.noun + "'s file, resumably", a.download},
	}}.run(ctx, c, args)
}

// recordingActions are the recordings subcommands for one family.
type recordingActions struct {
	fam  recordingFamily
	path string
}

func (a recordingActions) list(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" list", "", "Lists "+a.fam.noun+"s, newest first.").withJSON().withLimit().withCredentials()
	individual, track := a.fam.name != "meeting", a.fam.name == "track"
	return runList(ctx, f, args, a.fam.list(f), func(recs []*recording) error {
		headers := []string{"ID", "ROOM ID", "SESSION ID"}
		if individual {
			headers = append(headers, "PARTICIPANT")
		}
		if track {
			headers = append(headers, "TRACK")
		}
		t := c.table(append(headers, "STARTED", "ENDED", "FILES")...)
		for _, r := range recs {
			row := []string{r.ID, r.RoomID, r.SessionID}
			if individual {
				row = append(row, r.ParticipantID)
			}
			if track {
				row = append(row, r.Track)
			}
			t.row(append(row, fmtTimePtr(r.Start), fmtEnd(r.End, "recording"), filesSummary(r))...)
		}
		return t.flush()
	})
}

func fmtTimePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return fmtTime(*t)
}

func filesSummary(r *recording) string {
	if len(r.Files) == 0 {
		return "none yet"
	}
	var total int64
	for _, f := range r.Files {
		total += f.Size
	}
	return fmt.Sprintf("%d (%s)", len(r.Files), fmtBytes(total))
}

func (a recordingActions) get(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" get", "ID", "Shows a "+a.fam.noun+" and its files.").withJSON().withCredentials()
	return runGet(ctx, f, args, a.fam.get, func(r *recording) error { return c.showRecording(f, r) })
}

func (c *cli) showRecording(f *flagSet, r *recording) error {
	if f.json {
		return c.printJSON(r)
	}
	pairs := [][2]string{kv("ID", r.ID), kv("Room ID", r.RoomID), kv("Session ID", r.SessionID)}
	if r.ParticipantID != "" {
		pairs = append(pairs, kv("Participant ID", r.ParticipantID))
	}
	if r.Track != "" {
		pairs = append(pairs, kv("Track", r.Track))
	}
	pairs = append(pairs, kv("Started", fmtTimePtr(r.Start)), kv("Ended", fmtEnd(r.End, "still recording")))
	if err := c.details(pairs...); err != nil {
		return err
	}
	if len(r.Files) == 0 {
		_, err := fmt.Fprintln(c.stdout, "\nNo file yet.")
		return err
	}
	fmt.Fprintln(c.stdout)
	t := c.table("FILE", "FORMAT", "DURATION", "SIZE", "URL")
	for i, file := range r.Files {
		t.row(strconv.Itoa(i), file.Meta.Format, strconv.FormatFloat(file.Meta.Duration, 'f', 1, 64)+" s",
			fmtBytes(file.Size), redactURL(file.FileURL))
	}
	return t.flush()
}

// startStop runs a family's start or stop; past is "started" or "stopped".
func (a recordingActions) startStop(ctx context.Context, c *cli, args []string, verb, past string,
	register func(*flagSet) func(context.Context, *videosdk.Client) error) error {
	desc := fmt.Sprintf("%ss a %s in a room with a live session.", title(verb), a.fam.noun)
	f := c.flags(a.path+" "+verb, "", desc).withJSON().withCredentials()
	call := register(f)
	_, cl, err := f.prepare(args, 0, a.fam.required...)
	if err != nil {
		return err
	}
	if err := call(ctx, cl); err != nil {
		return err
	}
	room := f.Lookup("room").Value.String()
	if f.json {
		return c.printJSON(map[string]any{"roomId": room, past: true})
	}
	msg := fmt.Sprintf("%s the %s in room %s.", title(past), a.fam.noun, room)
	if verb == "stop" {
		msg += fmt.Sprintf(" Its file appears once processed: %s list -room %s", a.path, room)
	}
	_, err = fmt.Fprintln(c.stdout, msg)
	return err
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (a recordingActions) start(ctx context.Context, c *cli, args []string) error {
	if a.fam.startResult != nil {
		return a.startWithResult(ctx, c, args)
	}
	return a.startStop(ctx, c, args, "start", "started", a.fam.start)
}

func (a recordingActions) stop(ctx context.Context, c *cli, args []string) error {
	return a.startStop(ctx, c, args, "stop", "stopped", a.fam.stop)
}

// Polling of wait: first interval, growth, cap, and how many "not found"
// answers a just-stopped recording gets before it is an error.
const (
	waitFirst    = time.Second
	waitMax      = 15 * time.Second
	waitNotFound = 5
)

func (a recordingActions) wait(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" wait", "ID",
		"Waits until the "+a.fam.noun+"'s file exists (the recording has stopped and was processed),\n"+
			"polling with a growing interval (1 s to 15 s), then shows it.").withJSON().withCredentials()
	timeout := f.Duration("timeout", 15*time.Minute, "give up after `DURATION`")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if *timeout <= 0 {
		return f.fail("-timeout must be positive")
	}
	r, err := c.waitForFile(ctx, a.fam, cl, pos[0], *timeout)
	if err != nil {
		return err
	}
	return c.showRecording(f, r)
}

// waitForFile polls get until the recording is ready, the timeout passes or
// ctx ends. It is bounded: the interval grows to waitMax and a recording
// the API does not know is given waitNotFound tries.
func (c *cli) waitForFile(ctx context.Context, fam recordingFamily, cl *videosdk.Client, id string, timeout time.Duration) (*recording, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	delay, notFound := waitFirst, 0
	for {
		r, err := fam.get(ctx, cl, id)
		switch {
		case err == nil && r.ready:
			return r, nil
		case err == nil:
			fmt.Fprintf(c.stderr, "%s %s: no file yet, checking again in %v\n", fam.noun, id, delay)
		case videosdk.IsNotFound(err) && notFound < waitNotFound-1:
			notFound++
			fmt.Fprintf(c.stderr, "%s %s: not found yet, checking again in %v\n", fam.noun, id, delay)
		case ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
			return nil, fmt.Errorf("%s %s: no file after %v", fam.noun, id, timeout)
		default:
			return nil, err
		}
		if err := c.sleep(ctx, delay); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return nil, fmt.Errorf("%s %s: no file after %v", fam.noun, id, timeout)
			}
			return nil, err
		}
		delay = min(delay*3/2, waitMax)
	}
}
