package main

import (
	"context"
	"encoding/json"
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
	// find is the family's FindStarted: the recording a start started.
	find func(ctx context.Context, cl *videosdk.Client, res *videosdk.StartResult) (*recording, error)
	// wait is the family's WaitForFile.
	wait func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error)
	// list, start and stop register their flags on f and return the call.
	list  func(f *flagSet) func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[*recording, error]
	start func(f *flagSet) func(ctx context.Context, cl *videosdk.Client) (*videosdk.StartResult, error)
	stop  func(f *flagSet) func(ctx context.Context, cl *videosdk.Client) error
	// startRequired are the flags start needs, when not required.
	startRequired []string
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
	raw           any // the SDK's value, printed by -json
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
		t.row(strconv.Itoa(i), string(file.Meta.Format), strconv.FormatFloat(file.Meta.Duration, 'f', 1, 64)+" s",
			fmtBytes(file.Size), redactURL(file.FileURL))
	}
	return t.flush()
}

// findTimeout bounds how long start looks for the recording it started
// (FindStarted) when the API's answer does not name it.
const findTimeout = time.Minute

// start starts a recording, finds it (the API answers a start with a
// sentence, not an id: FindStarted lists the room's recordings for it) and
// prints its id with the commands that stop it and wait for its file; with
// -wait it then waits for the file (WaitForFile) and shows the recording.
func (a recordingActions) start(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" start", "", "Starts a "+a.fam.noun+" in a room with a live session and prints its id. The API does\n"+
		"not answer the id: the tool finds the recording it started among the room's newest (SDK's\n"+
		"FindStarted). With -wait it then waits until the recording has stopped and its file exists.").withJSON().withCredentials()
	call := a.fam.start(f)
	wait := f.Bool("wait", false, "then wait until its file exists, and show it")
	timeout := f.Duration("timeout", 15*time.Minute, "with -wait: give up after `DURATION`")
	required := a.fam.startRequired
	if required == nil {
		required = a.fam.required
	}
	_, cl, err := f.prepare(args, 0, required...)
	if err != nil {
		return err
	}
	if *wait && *timeout <= 0 {
		return f.fail("-timeout must be positive")
	}
	res, err := call(ctx, cl)
	if err != nil {
		return err
	}
	fctx, cancel := context.WithTimeout(ctx, findTimeout)
	found, err := a.fam.find(fctx, cl, res)
	cancel()
	if err != nil && ctx.Err() != nil {
		return err
	}
	if err != nil {
		// Started, but not found: say so, with what the API answered.
		fmt.Fprintf(c.stderr, "Started, but the %s was not found: %v\n", a.fam.noun, err)
		if f.json {
			return c.printJSON(struct {
				*videosdk.StartResult
				Started bool `json:"started"`
			}{res, true})
		}
		_, err = fmt.Fprintf(c.stdout, "Started the %s in room %s (%q): find it with %s list -room %s\n",
			a.fam.noun, printable(res.RoomID), res.Message, a.path, printable(res.RoomID))
		return err
	}
	if *wait {
		return runWaitFor(ctx, c, *timeout, found.ID, "the file of "+a.fam.noun+" %s", a.fam.noun+" %s: no file",
			func(ctx context.Context, id string) (*recording, error) { return a.fam.wait(ctx, cl, id) },
			func(r *recording) error { return c.showRecording(f, r) })
	}
	if f.json {
		// What the API answered, with the id of the recording it started.
		out := *res
		out.ID = found.ID
		setIfEmptyStr(&out.SessionID, found.SessionID)
		return c.printJSON(struct {
			*videosdk.StartResult
			Started bool `json:"started"`
		}{&out, true})
	}
	stop := a.path + " stop -room " + printable(res.RoomID)
	switch a.fam.name {
	case "meeting", "composite":
		stop += " -id " + printable(found.ID)
	case "participant":
		stop += " -participant " + f.Lookup("participant").Value.String()
	case "track":
		stop += " -participant " + f.Lookup("participant").Value.String() + " -track " + f.Lookup("track").Value.String()
	}
	_, err = fmt.Fprintf(c.stdout, "Started %s %s in room %s.\nStop it:            %s\nWait for its file:  %s wait %s\n",
		a.fam.noun, printable(found.ID), printable(res.RoomID), stop, a.path, printable(found.ID))
	return err
}

// setIfEmptyStr sets *dst to v when *dst is empty.
func setIfEmptyStr(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func (a recordingActions) stop(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" stop", "", "Stops a "+a.fam.noun+" in a room with a live session.").withJSON().withCredentials()
	call := a.fam.stop(f)
	_, cl, err := f.prepare(args, 0, a.fam.required...)
	if err != nil {
		return err
	}
	if err := call(ctx, cl); err != nil {
		return err
	}
	room := f.Lookup("room").Value.String()
	if f.json {
		return c.printJSON(map[string]any{"roomId": room, "stopped": true})
	}
	wait := a.path + " wait ID"
	if idf := f.Lookup("id"); idf != nil && idf.Value.String() != "" {
		wait = a.path + " wait " + printable(idf.Value.String())
	}
	_, err = fmt.Fprintf(c.stdout, "Stopped the %s in room %s. Its file appears once processed: %s, or %s list -room %s\n",
		a.fam.noun, printable(room), wait, a.path, printable(room))
	return err
}

func (a recordingActions) wait(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" wait", "ID",
		"Waits until the "+a.fam.noun+"'s file exists (the recording has stopped and was processed),\n"+
			"then shows it. It polls with a growing pause (1 s to 15 s) through the SDK's WaitForFile: a\n"+
			"recording the API does not know yet gets five more polls, a failed one ends the wait.").withJSON().withCredentials()
	return runWait(ctx, c, f, args, "the file of "+a.fam.noun+" %s", a.fam.noun+" %s: no file", a.fam.wait,
		func(r *recording) error { return c.showRecording(f, r) })
}
