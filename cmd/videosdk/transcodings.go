package main

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/videosdk-go/videosdk"
)

func transcodingsGroup() group {
	return group{path: "videosdk transcodings", summary: "Post-process finished recordings and streams: composite merges, HLS to MP4, meeting-recording\nmerges. Jobs run pending, processing, then completed (or failed, or cancelled).", cmds: []command{
		{"list", "list transcoding jobs, newest first", transcodingsList},
		{"get", "show a transcoding job and its file", transcodingsGet},
		{"merge", "tile participant recordings into one MP4 (composite merge)", transcodingsMerge},
		{"hls-to-mp4", "convert a finished HLS stream into an MP4 file", transcodingsHLSToMP4},
		{"meeting-recording-merge", "join meeting recordings end to end", transcodingsMeetingRecordingMerge},
		{"cancel", "cancel a pending or processing job", transcodingsCancel},
	}}
}

func transcodingsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk transcodings list", "", "Lists transcoding jobs of every task, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListTranscodingsParams
	f.StringVar(&p.RoomID, "room", "", "only jobs of room `ID`")
	f.StringVar(&p.SessionID, "session", "", "only jobs of session `ID`")
	f.StringVar(&p.HLSID, "hls", "", "only jobs of HLS stream `ID`")
	f.Func("status", "only jobs in `STATUS`: pending, processing, completed, failed or cancelled", func(s string) error {
		p.Status = videosdk.TranscodingStatus(s)
		return nil
	})
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.Transcoding, error] {
		p.ListOptions = o
		return cl.Transcodings.All(ctx, p)
	}, func(jobs []videosdk.Transcoding) error {
		t := c.table("TRANSCODING ID", "TASK", "STATUS", "ROOM ID", "SESSION ID", "STARTED", "STOPPED", "FILE")
		for i := range jobs {
			j := &jobs[i]
			t.row(j.ID, string(j.Task), string(j.Status), j.RoomID, j.SessionID, fmtTime(j.StartedAt), fmtEnd(j.StoppedAt, "-"), transcodingFile(j))
		}
		return t.flush()
	})
}

func transcodingFile(j *videosdk.Transcoding) string {
	switch {
	case j.File != nil:
	case j.Status == videosdk.TranscodingStatusFailed, j.Status == videosdk.TranscodingStatusCancelled:
		return "none"
	default:
		return "none yet"
	}
	return fmtBytes(j.File.Size)
}

func transcodingsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk transcodings get", "TRANSCODING_ID", "Shows a transcoding job, its file and its webhook deliveries.").withJSON().withCredentials()
	get := func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.Transcoding, error) {
		return cl.Transcodings.Get(ctx, id)
	}
	return runGet(ctx, f, args, get, func(j *videosdk.Transcoding) error { return c.showTranscoding(f, j) })
}

func (c *cli) showTranscoding(f *flagSet, j *videosdk.Transcoding) error {
	if f.json {
		return c.printJSON(j)
	}
	pairs := [][2]string{
		kv("Transcoding ID", j.ID), kv("Task", string(j.Task)), kv("Status", string(j.Status)),
		kv("Room ID", j.RoomID), kv("Session ID", j.SessionID),
	}
	if j.HLSID != "" {
		pairs = append(pairs, kv("HLS ID", j.HLSID))
	}
	if len(j.RecordingIDs) > 0 {
		pairs = append(pairs, kv("Recordings", strings.Join(j.RecordingIDs, ", ")))
	}
	pairs = append(pairs, kv("Started", fmtTime(j.StartedAt)), kv("Stopped", fmtEnd(j.StoppedAt, "-")))
	if w := j.Webhook; w != nil {
		pairs = append(pairs, kv("Webhooks", fmt.Sprintf("%d of %d delivered", w.SuccessCount, w.TotalCount)))
	}
	if file := j.File; file != nil {
		pairs = append(pairs,
			kv("File", fmt.Sprintf("%s, %s s, %s", file.Meta.Format, strconv.FormatFloat(file.Meta.Duration, 'f', 1, 64), fmtBytes(file.Size))),
			kv("File URL", redactURL(file.FileURL)))
	}
	return c.details(pairs...)
}

// createTranscoding is the end of the three create subcommands: read -body,
// let set fill in the flags, call create and show the new job.
func createTranscoding[P any](ctx context.Context, c *cli, f *flagSet, args []string, body *string, set func(*P),
	create func(context.Context, *videosdk.Client, P) (*videosdk.Transcoding, error)) error {
	_, cl, err := f.prepare(args, 0)
	if err != nil {
		return err
	}
	var p P
	if *body != "" {
		if err := c.readBody(*body, &p); err != nil {
			return err
		}
	}
	set(&p)
	j, err := create(ctx, cl, p)
	if err != nil {
		return err
	}
	return c.showTranscoding(f, j)
}

func transcodingsMerge(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk transcodings merge", "",
		"Starts a composite merge: participant recordings of one session tiled into one MP4 in a grid.\n"+
			"A watermark (image, timestamp or lat_long) goes in -body as MergeTranscodingParams JSON.").withJSON().withCredentials()
	var recordings, webhook, body string
	f.StringVar(&recordings, "recordings", "", "the participant recording `IDS`, comma-separated (required here or in -body)")
	f.StringVar(&webhook, "webhook-url", "", "`URL` that receives the job's composite-merge-* events")
	f.StringVar(&body, "body", "", "read the request (MergeTranscodingParams as JSON: recordingIds, watermark, ...) from `FILE`, - for stdin; flags override it")
	return createTranscoding(ctx, c, f, args, &body, func(p *videosdk.MergeTranscodingParams) {
		if ids := csv(recordings); len(ids) > 0 {
			p.RecordingIDs = ids
		}
		setIf(&p.WebhookURL, webhook)
	}, func(ctx context.Context, cl *videosdk.Client, p videosdk.MergeTranscodingParams) (*videosdk.Transcoding, error) {
		return cl.Transcodings.Merge(ctx, p)
	})
}

func transcodingsHLSToMP4(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk transcodings hls-to-mp4", "",
		"Converts a finished HLS stream into an MP4 file: name the stream with -hls, or its room or session.\n"+
			"Your own storage goes in -body as HLSToMP4Params JSON (storage.type, bucket, ...).").withJSON().withCredentials()
	var room, session, hls, webhook, body string
	f.StringVar(&hls, "hls", "", "the HLS stream `ID`")
	f.StringVar(&room, "room", "", "the newest finished HLS stream of room `ID`")
	f.StringVar(&session, "session", "", "the newest finished HLS stream of session `ID`")
	f.StringVar(&webhook, "webhook-url", "", "`URL` that receives the job's events")
	f.StringVar(&body, "body", "", "read the request (HLSToMP4Params as JSON) from `FILE`, - for stdin; flags override it")
	return createTranscoding(ctx, c, f, args, &body, func(p *videosdk.HLSToMP4Params) {
		setIf(&p.HLSID, hls)
		setIf(&p.RoomID, room)
		setIf(&p.SessionID, session)
		setIf(&p.WebhookURL, webhook)
	}, func(ctx context.Context, cl *videosdk.Client, p videosdk.HLSToMP4Params) (*videosdk.Transcoding, error) {
		return cl.Transcodings.HLSToMP4(ctx, p)
	})
}

func transcodingsMeetingRecordingMerge(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk transcodings meeting-recording-merge", "",
		"Joins meeting recordings end to end, in chronological order, into one file. Sources given by\n"+
			"presigned URL go in -body as MeetingRecordingMergeParams JSON.").withJSON().withCredentials()
	var recordings, webhook, output, body string
	f.StringVar(&recordings, "recordings", "", "the meeting recording `IDS`, comma-separated (required here or in -body)")
	f.StringVar(&webhook, "webhook-url", "", "`URL` that receives the job's events")
	f.StringVar(&output, "output-url", "", "presigned `URL` to upload the result to (instead of your configured storage)")
	f.StringVar(&body, "body", "", "read the request (MeetingRecordingMergeParams as JSON) from `FILE`, - for stdin; flags override it")
	return createTranscoding(ctx, c, f, args, &body, func(p *videosdk.MeetingRecordingMergeParams) {
		if ids := csv(recordings); len(ids) > 0 {
			p.RecordingIDs = p.RecordingIDs[:0]
			for _, id := range ids {
				p.RecordingIDs = append(p.RecordingIDs, videosdk.MeetingRecordingRef{ID: id})
			}
		}
		setIf(&p.WebhookURL, webhook)
		setIf(&p.PresignedOutputURL, output)
	}, func(ctx context.Context, cl *videosdk.Client, p videosdk.MeetingRecordingMergeParams) (*videosdk.Transcoding, error) {
		return cl.Transcodings.MeetingRecordingMerge(ctx, p)
	})
}

func transcodingsCancel(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk transcodings cancel", "TRANSCODING_ID",
		"Cancels a pending or processing job (any other state is a conflict, exit 1).").withJSON().withCredentials()
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if err := cl.Transcodings.Cancel(ctx, pos[0]); err != nil {
		return err
	}
	if f.json {
		return c.printJSON(map[string]any{"id": pos[0], "cancelled": true})
	}
	_, err = fmt.Fprintf(c.stdout, "Cancelled transcoding %s.\n", pos[0])
	return err
}
