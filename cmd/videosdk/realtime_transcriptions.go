package main

import (
	"context"
	"fmt"
	"iter"

	"github.com/videosdk-go/videosdk"
)

func realtimeTranscriptionsGroup() group {
	return group{path: "videosdk realtime-transcriptions", summary: "Start, stop, list and get realtime transcriptions: one runs per room with a live session,\nuntil stopped or until the session ends.", cmds: []command{
		{"start", "start transcribing a room with a live session", realtimeStart},
		{"stop", "stop a room's realtime transcription", realtimeStop},
		{"list", "list realtime transcriptions, newest first", realtimeList},
		{"get", "show a realtime transcription and its files", realtimeGet},
	}}
}

func realtimeStart(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk realtime-transcriptions start", "", "Starts transcribing a room that has a live session, and shows the transcription.").withJSON().withCredentials()
	var body, room, webhook, model, language, prompt string
	f.StringVar(&room, "room", "", "the room `ID` (required)")
	f.StringVar(&webhook, "webhook-url", "", "`URL` that receives the transcription-* events")
	f.StringVar(&model, "model", "", "the provider's model `ID`")
	f.StringVar(&language, "language", "", "`LANG` hint, BCP-47 (e.g. en-US)")
	summary := f.Bool("summary", false, "also summarise the session")
	f.StringVar(&prompt, "summary-prompt", "", "custom summary instructions `TEXT` (implies -summary)")
	f.StringVar(&body, "body", "", "read the request (StartRealtimeTranscriptionParams as JSON) from `FILE`, - for stdin; flags override it")
	_, cl, err := f.prepare(args, 0, "room")
	if err != nil {
		return err
	}
	var p videosdk.StartRealtimeTranscriptionParams
	if body != "" {
		if err := c.readBody(body, &p); err != nil {
			return err
		}
	}
	p.RoomID = room
	setIf(&p.WebhookURL, webhook)
	setIf(&p.ModelID, model)
	setIf(&p.Language, language)
	if *summary || prompt != "" {
		if p.Summary == nil {
			p.Summary = &videosdk.Summary{}
		}
		p.Summary.Enabled = true
		setIf(&p.Summary.Prompt, prompt)
	}
	t, err := cl.RealtimeTranscriptions.Start(ctx, p)
	if err != nil {
		return err
	}
	return c.showRealtime(f, t)
}

func realtimeStop(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk realtime-transcriptions stop", "",
		"Stops the realtime transcription of a room (a room runs one at a time); its files appear then.").withJSON().withCredentials()
	room := f.String("room", "", "the room `ID` (required)")
	_, cl, err := f.prepare(args, 0, "room")
	if err != nil {
		return err
	}
	if err := cl.RealtimeTranscriptions.Stop(ctx, videosdk.StopRealtimeTranscriptionParams{RoomID: *room}); err != nil {
		return err
	}
	if f.json {
		return c.printJSON(map[string]any{"roomId": *room, "stopped": true})
	}
	_, err = fmt.Fprintf(c.stdout, "Stopped the realtime transcription of room %s. Its files: videosdk realtime-transcriptions list -room %s\n", *room, *room)
	return err
}

func realtimeList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk realtime-transcriptions list", "", "Lists realtime transcriptions, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListRealtimeTranscriptionsParams
	f.StringVar(&p.RoomID, "room", "", "only transcriptions of room `ID`")
	f.StringVar(&p.SessionID, "session", "", "only transcriptions of session `ID`")
	f.Func("status", "only transcriptions in `STATUS`: running or completed", func(s string) error {
		p.Status = videosdk.TranscriptionStatus(s)
		return nil
	})
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.RealtimeTranscription, error] {
		p.ListOptions = o
		return cl.RealtimeTranscriptions.All(ctx, p)
	}, func(ts []videosdk.RealtimeTranscription) error {
		t := c.table("TRANSCRIPTION ID", "STATUS", "ROOM ID", "SESSION ID", "STARTED", "ENDED")
		for i := range ts {
			r := &ts[i]
			cfg := r.Extension.ExtensionConfig
			t.row(r.ID, string(r.Status), cfg.RoomID, cfg.SessionID, fmtTime(r.Start), fmtEnd(r.End, "-"))
		}
		return t.flush()
	})
}

func realtimeGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk realtime-transcriptions get", "TRANSCRIPTION_ID", "Shows a realtime transcription and, once it ended, its files.").withJSON().withCredentials()
	get := func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.RealtimeTranscription, error) {
		return cl.RealtimeTranscriptions.Get(ctx, id)
	}
	return runGet(ctx, f, args, get, func(t *videosdk.RealtimeTranscription) error { return c.showRealtime(f, t) })
}

func (c *cli) showRealtime(f *flagSet, t *videosdk.RealtimeTranscription) error {
	if f.json {
		return c.printJSON(t)
	}
	cfg := t.Extension.ExtensionConfig
	pairs := [][2]string{
		kv("Transcription ID", t.ID), kv("Status", string(t.Status)), kv("Room ID", cfg.RoomID),
		kv("Session ID", cfg.SessionID), kv("Provider", t.Extension.Provider),
		kv("Started", fmtTime(t.Start)), kv("Ended", fmtEnd(t.End, "-")),
	}
	if t.WebhookURL != "" {
		pairs = append(pairs, kv("Webhook URL", redactURL(t.WebhookURL)))
	}
	if err := c.details(pairs...); err != nil {
		return err
	}
	if t.End == nil {
		_, err := fmt.Fprintln(c.stdout, "\nFiles appear once it stops.")
		return err
	}
	return c.transcriptionFiles(t.TranscriptionFilePaths, t.SummarizedFilePaths)
}
