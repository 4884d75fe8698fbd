package main

import (
	"context"
	"fmt"
	"iter"
	"sort"

	"github.com/videosdk-go/videosdk"
)

func postTranscriptionsGroup() group {
	return group{path: "videosdk post-transcriptions", summary: "List and get post transcriptions: the transcripts (and summaries) made after a recording, HLS\nstream or livestream started with transcription enabled ends.", cmds: []command{
		{"list", "list post transcriptions, newest first", postTranscriptionsList},
		{"get", "show a post transcription and its files", postTranscriptionsGet},
	}}
}

func postTranscriptionsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk post-transcriptions list", "", "Lists post transcriptions, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListPostTranscriptionsParams
	f.StringVar(&p.RoomID, "room", "", "only transcriptions of room `ID`")
	f.StringVar(&p.SessionID, "session", "", "only transcriptions of session `ID`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.PostTranscription, error] {
		p.ListOptions = o
		return cl.PostTranscriptions.All(ctx, p)
	}, func(ts []videosdk.PostTranscription) error {
		t := c.table("TRANSCRIPTION ID", "STATUS", "ROOM ID", "SESSION ID", "RECORDING ID", "STARTED", "ENDED")
		for i := range ts {
			p := &ts[i]
			t.row(p.ID, string(p.Status), p.RoomID, p.SessionID, p.RecordingID, fmtTime(p.Start), fmtEnd(p.End, "-"))
		}
		return t.flush()
	})
}

func postTranscriptionsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk post-transcriptions get", "TRANSCRIPTION_ID", "Shows a post transcription and the URLs of its transcript and summary files.").withJSON().withCredentials()
	get := func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.PostTranscription, error) {
		return cl.PostTranscriptions.Get(ctx, id)
	}
	return runGet(ctx, f, args, get, func(p *videosdk.PostTranscription) error {
		if f.json {
			return c.printJSON(p)
		}
		if err := c.details(
			kv("Transcription ID", p.ID), kv("Status", string(p.Status)), kv("Room ID", p.RoomID),
			kv("Session ID", p.SessionID), kv("Recording ID", p.RecordingID), kv("Source file", redactURL(p.FilePath)),
			kv("Started", fmtTime(p.Start)), kv("Ended", fmtEnd(p.End, "-")),
		); err != nil {
			return err
		}
		return c.transcriptionFiles(p.TranscriptionFilePaths, p.SummarizedFilePaths)
	})
}

// transcriptionFiles lists a transcription's transcript and summary files,
// by format.
func (c *cli) transcriptionFiles(transcript, summary *videosdk.TranscriptionFiles) error {
	if transcript == nil && summary == nil {
		_, err := fmt.Fprintln(c.stdout, "\nNo files yet.")
		return err
	}
	fmt.Fprintln(c.stdout)
	t := c.table("FILE", "FORMAT", "URL")
	for _, set := range []struct {
		name  string
		files *videosdk.TranscriptionFiles
	}{{"transcript", transcript}, {"summary", summary}} {
		for _, ff := range formats(set.files) {
			t.row(set.name, ff[0], redactURL(ff[1]))
		}
	}
	return t.flush()
}

// formats lists the format → URL pairs of files: the documented formats in
// order, then any other, sorted.
func formats(files *videosdk.TranscriptionFiles) [][2]string {
	if files == nil {
		return nil
	}
	var out [][2]string
	for _, f := range [][2]string{{"json", files.JSON}, {"srt", files.SRT}, {"txt", files.TXT}, {"tsv", files.TSV}, {"vtt", files.VTT}} {
		if f[1] != "" {
			out = append(out, f)
		}
	}
	other := make([]string, 0, len(files.Other))
	for k := range files.Other {
		other = append(other, k)
	}
	sort.Strings(other)
	for _, k := range other {
		out = append(out, [2]string{k, files.Other[k]})
	}
	return out
}
