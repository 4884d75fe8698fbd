package main

import (
	"context"
	"iter"
	"strings"

	"github.com/videosdk-go/videosdk"
)

// compositeRecordings mix chosen participants' tracks into one file;
// several may run in one room, so stop needs the recording's id.
func compositeRecordings() recordingFamily {
	return recordingFamily{
		name:          "composite",
		noun:          "composite recording",
		required:      []string{"room", "id"}, // stop's
		startRequired: []string{"room"},
		get: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.CompositeRecordings.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromComposite(r), nil
		},
		find: func(ctx context.Context, cl *videosdk.Client, res *videosdk.StartResult) (*recording, error) {
			r, err := cl.CompositeRecordings.FindStarted(ctx, res)
			if err != nil {
				return nil, err
			}
			return fromComposite(r), nil
		},
		wait: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.CompositeRecordings.WaitForFile(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromComposite(r), nil
		},
		list: func(f *flagSet) func(context.Context, *videosdk.Client, videosdk.ListOptions) iter.Seq2[*recording, error] {
			var p videosdk.ListCompositeRecordingsParams
			f.StringVar(&p.RoomID, "room", "", "only recordings of room `ID`")
			f.StringVar(&p.SessionID, "session", "", "only recordings of session `ID`")
			return func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[*recording, error] {
				p.ListOptions = o
				return mapSeq(cl.CompositeRecordings.All(ctx, p), fromComposite)
			}
		},
		start: func(f *flagSet) func(context.Context, *videosdk.Client) (*videosdk.StartResult, error) {
			var body, room, participants, format, webhook string
			f.StringVar(&room, "room", "", "the room `ID` (required)")
			f.StringVar(&participants, "participants", "", "mix the participants with these `IDS`, comma-separated (default: the server picks at most 3)")
			f.StringVar(&format, "format", "", "file `FORMAT`: webm or mp4")
			f.StringVar(&webhook, "webhook-url", "", "`URL` that receives this recording's events")
			f.StringVar(&body, "body", "", "read the request (StartCompositeRecordingParams as JSON: participants with kinds, watermarks, ...) from `FILE`, - for stdin; flags override it")
			return func(ctx context.Context, cl *videosdk.Client) (*videosdk.StartResult, error) {
				var p videosdk.StartCompositeRecordingParams
				if body != "" {
					if err := f.c.readBody(body, &p); err != nil {
						return nil, err
					}
				}
				p.RoomID = room
				if ids := csv(participants); len(ids) > 0 {
					p.Participants = p.Participants[:0]
					for _, id := range ids {
						p.Participants = append(p.Participants, videosdk.CompositeParticipant{ParticipantID: id})
					}
				}
				setIf(&p.FileFormat, videosdk.FileFormat(format))
				setIf(&p.WebhookURL, webhook)
				return cl.CompositeRecordings.Start(ctx, p)
			}
		},
		stop: func(f *flagSet) func(context.Context, *videosdk.Client) error {
			var p videosdk.StopCompositeRecordingParams
			f.StringVar(&p.RoomID, "room", "", "the room `ID` (required)")
			f.StringVar(&p.RecordingID, "id", "", "the recording `ID` that start printed (required)")
			return func(ctx context.Context, cl *videosdk.Client) error { return cl.CompositeRecordings.Stop(ctx, p) }
		},
	}
}

func fromComposite(r *videosdk.CompositeRecording) *recording {
	ids := make([]string, len(r.Participants))
	for i, p := range r.Participants {
		ids[i] = p.ParticipantID
	}
	v := &recording{ID: r.ID, RoomID: r.RoomID, SessionID: r.SessionID, ParticipantID: strings.Join(ids, ","),
		Start: &r.Start, End: r.End, raw: r}
	if r.File != nil {
		v.Files = []videosdk.File{*r.File}
	}
	return v
}
