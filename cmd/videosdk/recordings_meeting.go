package main

import (
	"context"
	"iter"

	"github.com/videosdk-go/videosdk"
)

// meetingRecordings is the composed recording of a whole meeting.
func meetingRecordings() recordingFamily {
	return recordingFamily{
		name:     "meeting",
		noun:     "meeting recording",
		required: []string{"room"},
		get: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.Recordings.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromMeeting(r), nil
		},
		find: func(ctx context.Context, cl *videosdk.Client, res *videosdk.StartResult) (*recording, error) {
			r, err := cl.Recordings.FindStarted(ctx, res)
			if err != nil {
				return nil, err
			}
			return fromMeeting(r), nil
		},
		wait: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.Recordings.WaitForFile(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromMeeting(r), nil
		},
		list: func(f *flagSet) func(context.Context, *videosdk.Client, videosdk.ListOptions) iter.Seq2[*recording, error] {
			var p videosdk.ListRecordingsParams
			f.StringVar(&p.RoomID, "room", "", "only recordings of room `ID`")
			f.StringVar(&p.SessionID, "session", "", "only recordings of session `ID`")
			return func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[*recording, error] {
				p.ListOptions = o
				return mapSeq(cl.Recordings.All(ctx, p), fromMeeting)
			}
		},
		start: func(f *flagSet) func(context.Context, *videosdk.Client) (*videosdk.StartResult, error) {
			var body, room, format, webhook string
			f.StringVar(&room, "room", "", "the room `ID` (required)")
			f.StringVar(&format, "format", "", "file `FORMAT`: mp4 (default) or webm")
			f.StringVar(&webhook, "webhook-url", "", "`URL` that receives this recording's events")
			f.StringVar(&body, "body", "", "read the request (StartRecordingParams as JSON: config, transcription, ...) from `FILE`, - for stdin; flags override it")
			return func(ctx context.Context, cl *videosdk.Client) (*videosdk.StartResult, error) {
				var p videosdk.StartRecordingParams
				if body != "" {
					if err := f.c.readBody(body, &p); err != nil {
						return nil, err
					}
				}
				p.RoomID = room
				setIf(&p.FileFormat, videosdk.FileFormat(format))
				setIf(&p.WebhookURL, webhook)
				return cl.Recordings.Start(ctx, p)
			}
		},
		stop: func(f *flagSet) func(context.Context, *videosdk.Client) error {
			var p videosdk.StopRecordingParams
			f.StringVar(&p.RoomID, "room", "", "the room `ID` (required)")
			f.StringVar(&p.ID, "id", "", "stop recording `ID` when several run in the room")
			return func(ctx context.Context, cl *videosdk.Client) error { return cl.Recordings.Stop(ctx, p) }
		},
	}
}

func fromMeeting(r *videosdk.Recording) *recording {
	v := &recording{ID: r.ID, RoomID: r.RoomID, SessionID: r.SessionID, Start: r.Start, End: r.End, raw: r}
	if r.File != nil {
		v.Files = []videosdk.File{*r.File}
	}
	return v
}

// setIf sets *dst to v when v is not empty.
func setIf[T ~string](dst *T, v T) {
	if v != "" {
		*dst = v
	}
}
