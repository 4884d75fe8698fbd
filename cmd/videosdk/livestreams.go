package main

import (
	"bufio"
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/videosdk-go/videosdk"
)

func livestreamsGroup() group {
	return group{path: "videosdk livestreams", summary: "Start, stop, list and get RTMP livestreams of a room. Stream keys are shown as [redacted]\nunless -show-keys is given.", cmds: []command{
		{"start", "stream a room with a live session to an RTMP server", livestreamsStart},
		{"stop", "stop a room's livestream", livestreamsStop},
		{"list", "list livestreams, newest first", livestreamsList},
		{"get", "show a livestream", livestreamsGet},
	}}
}

func livestreamsStart(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk livestreams start", "",
		"Streams a room that has a live session to an RTMP server and prints the stream's id (found\n"+
			"among the room's newest: the API does not answer it). The stream key is a secret: prefer\n"+
			"-stream-key - (read from stdin) or $VIDEOSDK_STREAM_KEY to typing it on the command line.").withJSON().withCredentials()
	var body, room, rtmpURL, key string
	f.StringVar(&room, "room", "", "the room `ID` (required)")
	f.StringVar(&rtmpURL, "rtmp-url", "", "the ingest `URL`, rtmp:// or rtmps://")
	f.StringVar(&key, "stream-key", "", "the destination's stream `KEY`; - reads it from stdin (default $VIDEOSDK_STREAM_KEY)")
	f.StringVar(&body, "body", "", "read the request (StartLivestreamParams as JSON: outputs, config, ...) from `FILE`; flags override it")
	_, cl, err := f.prepare(args, 0, "room")
	if err != nil {
		return err
	}
	var p videosdk.StartLivestreamParams
	if body == "-" && key == "-" {
		return f.fail("-body - and -stream-key - cannot both read stdin")
	}
	if body != "" {
		if err := c.readBody(body, &p); err != nil {
			return err
		}
	}
	p.RoomID = room
	if key == "-" {
		line, err := bufio.NewReader(c.stdin).ReadString('\n')
		if err != nil && line == "" {
			return f.fail("-stream-key -: nothing on stdin")
		}
		key = strings.TrimSpace(line)
	}
	if key == "" {
		key = c.getenv("VIDEOSDK_STREAM_KEY")
	}
	if rtmpURL != "" {
		if key == "" {
			return f.fail("-rtmp-url needs a stream key: -stream-key or $VIDEOSDK_STREAM_KEY")
		}
		p.Outputs = append(p.Outputs, videosdk.RTMPOutput{URL: rtmpURL, StreamKey: key})
	}
	if len(p.Outputs) == 0 {
		return f.fail("-rtmp-url (or outputs in -body) is required")
	}
	res, err := cl.Livestreams.Start(ctx, p)
	if err != nil {
		return err
	}
	// The API answers a sentence, not the stream's id: find it.
	fctx, cancel := context.WithTimeout(ctx, findTimeout)
	ls, ferr := cl.Livestreams.FindStarted(fctx, res)
	cancel()
	if ferr != nil && ctx.Err() != nil {
		return ferr
	}
	if ferr == nil {
		out := *res
		out.ID = ls.ID
		setIfEmptyStr(&out.SessionID, ls.SessionID)
		res = &out
	} else {
		fmt.Fprintf(c.stderr, "Started, but the livestream was not found: %v\n", ferr)
	}
	if f.json {
		return c.printJSON(struct {
			*videosdk.StartResult
			Started bool `json:"started"`
		}{res, true})
	}
	if res.ID == "" {
		_, err = fmt.Fprintf(c.stdout, "Started the livestream of room %s to %d output(s).\n", printable(res.RoomID), len(p.Outputs))
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Started livestream %s of room %s to %d output(s).\nStop it: videosdk livestreams stop -room %s -id %s\n",
		printable(res.ID), printable(res.RoomID), len(p.Outputs), printable(res.RoomID), printable(res.ID))
	return err
}

func livestreamsStop(ctx context.Context, c *cli, args []string) error {
	return stopCommand(ctx, c, args, "videosdk livestreams stop", "livestream", func(ctx context.Context, cl *videosdk.Client, room, id string) error {
		return cl.Livestreams.Stop(ctx, videosdk.StopLivestreamParams{RoomID: room, ID: id})
	})
}

func livestreamsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk livestreams list", "", "Lists livestreams, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListLivestreamsParams
	f.StringVar(&p.RoomID, "room", "", "only livestreams of room `ID`")
	f.StringVar(&p.SessionID, "session", "", "only livestreams of session `ID`")
	showKeys := f.Bool("show-keys", false, "show the stream keys")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.Livestream, error] {
		p.ListOptions = o
		return mapSeq(cl.Livestreams.All(ctx, p), func(l *videosdk.Livestream) videosdk.Livestream {
			redactKeys(l, *showKeys)
			return *l
		})
	}, func(streams []videosdk.Livestream) error {
		t := c.table("LIVESTREAM ID", "ROOM ID", "SESSION ID", "STARTED", "ENDED", "OUTPUTS")
		for i := range streams {
			l := &streams[i]
			t.row(l.ID, l.RoomID, l.SessionID, fmtTime(l.Start), fmtEnd(l.End, "live"), outputURLs(l))
		}
		return t.flush()
	})
}

func livestreamsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk livestreams get", "LIVESTREAM_ID", "Shows a livestream.").withJSON().withCredentials()
	showKeys := f.Bool("show-keys", false, "show the stream keys")
	get := func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.Livestream, error) {
		return cl.Livestreams.Get(ctx, id)
	}
	return runGet(ctx, f, args, get, func(l *videosdk.Livestream) error {
		redactKeys(l, *showKeys)
		if f.json {
			return c.printJSON(l)
		}
		pairs := [][2]string{
			kv("Livestream ID", l.ID), kv("Room ID", l.RoomID), kv("Session ID", l.SessionID),
			kv("Started", fmtTime(l.Start)), kv("Ended", fmtEnd(l.End, "live")),
		}
		for i, o := range l.Outputs {
			pairs = append(pairs, kv(fmt.Sprintf("Output %d", i), o.URL+" (stream key "+o.StreamKey+")"))
		}
		return c.details(pairs...)
	})
}

// redactKeys hides the stream keys (secrets) unless asked to show them.
func redactKeys(l *videosdk.Livestream, show bool) {
	if show {
		return
	}
	for i := range l.Outputs {
		if l.Outputs[i].StreamKey != "" {
			l.Outputs[i].StreamKey = "[redacted]"
		}
	}
}

func outputURLs(l *videosdk.Livestream) string {
	urls := make([]string, len(l.Outputs))
	for i, o := range l.Outputs {
		urls[i] = redactURL(o.URL)
	}
	return strings.Join(urls, ", ")
}
