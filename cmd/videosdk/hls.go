package main

import (
	"context"
	"fmt"
	"iter"

	"github.com/videosdk-go/videosdk"
)

func hlsGroup() group {
	return group{path: "videosdk hls", summary: "Start, stop, list and get HLS streams of a room.", cmds: []command{
		{"start", "start an HLS stream in a room with a live session", hlsStart},
		{"stop", "stop a room's HLS stream", hlsStop},
		{"list", "list HLS streams, newest first", hlsList},
		{"get", "show an HLS stream", hlsGet},
	}}
}

func hlsStart(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk hls start", "", "Starts an HLS stream of a room that has a live session and shows its playback URLs.").withJSON().withCredentials()
	var body, room, quality, orientation, webhook string
	f.StringVar(&room, "room", "", "the room `ID` (required)")
	f.StringVar(&quality, "quality", "", "`QUALITY`: low, med or high (in a GRID layout, SPEAKER first, unless -body gives a layout)")
	f.StringVar(&orientation, "orientation", "", "`ORIENTATION`: landscape or portrait (layout as for -quality)")
	f.StringVar(&webhook, "webhook-url", "", "`URL` that receives this stream's events")
	record := f.Bool("record", false, "also record the stream")
	f.StringVar(&body, "body", "", "read the request (StartHLSParams as JSON: config, transcription, ...) from `FILE`, - for stdin; flags override it")
	_, cl, err := f.prepare(args, 0, "room")
	if err != nil {
		return err
	}
	var p videosdk.StartHLSParams
	if body != "" {
		if err := c.readBody(body, &p); err != nil {
			return err
		}
	}
	p.RoomID = room
	if quality != "" || orientation != "" {
		if p.Config == nil {
			p.Config = &videosdk.CompositionConfig{}
		}
		setIf(&p.Config.Quality, videosdk.Quality(quality))
		setIf(&p.Config.Orientation, videosdk.Orientation(orientation))
		if p.Config.Layout == nil { // the API applies them to a layout, and HLS needs its priority
			p.Config.Layout = &videosdk.Layout{Type: videosdk.LayoutGrid, Priority: videosdk.PrioritySpeaker}
		}
	}
	setIf(&p.WebhookURL, webhook)
	if *record {
		p.Recording = &videosdk.RecordingToggle{Enabled: true}
	}
	h, err := cl.HLS.Start(ctx, p)
	if err != nil {
		return err
	}
	return c.showHLS(f, h)
}

func hlsStop(ctx context.Context, c *cli, args []string) error {
	return stopCommand(ctx, c, args, "videosdk hls stop", "HLS stream", func(ctx context.Context, cl *videosdk.Client, room, id string) error {
		return cl.HLS.Stop(ctx, videosdk.StopHLSParams{RoomID: room, ID: id})
	})
}

// stopCommand stops what runs in a room (the one with -id when several do).
func stopCommand(ctx context.Context, c *cli, args []string, path, what string,
	stop func(ctx context.Context, cl *videosdk.Client, room, id string) error) error {
	f := c.flags(path, "", "Stops the "+what+" of a room.").withJSON().withCredentials()
	room := f.String("room", "", "the room `ID` (required)")
	id := f.String("id", "", "stop the one with `ID` when several run in the room")
	_, cl, err := f.prepare(args, 0, "room")
	if err != nil {
		return err
	}
	if err := stop(ctx, cl, *room, *id); err != nil {
		return err
	}
	if f.json {
		return c.printJSON(map[string]any{"roomId": *room, "stopped": true})
	}
	_, err = fmt.Fprintf(c.stdout, "Stopped the %s of room %s.\n", what, *room)
	return err
}

func hlsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk hls list", "", "Lists HLS streams, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListHLSParams
	f.StringVar(&p.RoomID, "room", "", "only streams of room `ID`")
	f.StringVar(&p.SessionID, "session", "", "only streams of session `ID`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.HLSStream, error] {
		p.ListOptions = o
		return cl.HLS.All(ctx, p)
	}, func(streams []videosdk.HLSStream) error {
		t := c.table("HLS ID", "ROOM ID", "SESSION ID", "STARTED", "ENDED", "PLAYBACK URL")
		for _, h := range streams {
			t.row(h.ID, h.RoomID, h.SessionID, fmtTime(h.Start), fmtEnd(h.End, "live"), h.PlaybackHLSURL)
		}
		return t.flush()
	})
}

func hlsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk hls get", "HLS_ID", "Shows an HLS stream.").withJSON().withCredentials()
	get := func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.HLSStream, error) {
		return cl.HLS.Get(ctx, id)
	}
	return runGet(ctx, f, args, get, func(h *videosdk.HLSStream) error { return c.showHLS(f, h) })
}

func (c *cli) showHLS(f *flagSet, h *videosdk.HLSStream) error {
	if f.json {
		return c.printJSON(h)
	}
	return c.details(
		kv("HLS ID", h.ID),
		kv("Room ID", h.RoomID),
		kv("Session ID", h.SessionID),
		kv("Started", fmtTime(h.Start)),
		kv("Ended", fmtEnd(h.End, "live")),
		kv("Quality", string(h.Quality)),
		kv("Playback URL", h.PlaybackHLSURL),
		kv("Livestream URL", h.LivestreamURL),
	)
}
