package main

import (
	"context"
	"iter"

	"github.com/videosdk-go/videosdk"
)

// participantRecordings record one participant's audio and video into one file.
func participantRecordings() recordingFamily {
	return recordingFamily{
		name:     "participant",
		noun:     "participant recording",
		required: []string{"room", "participant"},
		get: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.ParticipantRecordings.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromParticipant(r), nil
		},
		find: func(ctx context.Context, cl *videosdk.Client, res *videosdk.StartResult) (*recording, error) {
			r, err := cl.ParticipantRecordings.FindStarted(ctx, res)
			if err != nil {
				return nil, err
			}
			return fromParticipant(r), nil
		},
		wait: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.ParticipantRecordings.WaitForFile(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromParticipant(r), nil
		},
		list: func(f *flagSet) func(context.Context, *videosdk.Client, videosdk.ListOptions) iter.Seq2[*recording, error] {
			var p videosdk.ListParticipantRecordingsParams
			individualFilters(f, &p.RoomID, &p.SessionID, &p.ParticipantID)
			return func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[*recording, error] {
				p.ListOptions = o
				return mapSeq(cl.ParticipantRecordings.All(ctx, p), fromParticipant)
			}
		},
		start: func(f *flagSet) func(context.Context, *videosdk.Client) (*videosdk.StartResult, error) {
			var body, room, participant, format, webhook string
			f.StringVar(&room, "room", "", "the room `ID` (required)")
			f.StringVar(&participant, "participant", "", "the participant `ID` (required)")
			f.StringVar(&format, "format", "", "file `FORMAT`: webm (default), mp4 or m3u8")
			f.StringVar(&webhook, "webhook-url", "", "`URL` that receives this recording's events")
			f.StringVar(&body, "body", "", "read the request (StartParticipantRecordingParams as JSON) from `FILE`, - for stdin; flags override it")
			return func(ctx context.Context, cl *videosdk.Client) (*videosdk.StartResult, error) {
				var p videosdk.StartParticipantRecordingParams
				if body != "" {
					if err := f.c.readBody(body, &p); err != nil {
						return nil, err
					}
				}
				p.RoomID, p.ParticipantID = room, participant
				setIf(&p.FileFormat, videosdk.FileFormat(format))
				setIf(&p.WebhookURL, webhook)
				return cl.ParticipantRecordings.Start(ctx, p)
			}
		},
		stop: func(f *flagSet) func(context.Context, *videosdk.Client) error {
			var p videosdk.StopParticipantRecordingParams
			f.StringVar(&p.RoomID, "room", "", "the room `ID` (required)")
			f.StringVar(&p.ParticipantID, "participant", "", "the participant `ID` (required)")
			return func(ctx context.Context, cl *videosdk.Client) error { return cl.ParticipantRecordings.Stop(ctx, p) }
		},
	}
}

// individualFilters adds the list filters of participant and track recordings.
func individualFilters(f *flagSet, room, session, participant *string) {
	f.StringVar(room, "room", "", "only recordings of room `ID`")
	f.StringVar(session, "session", "", "only recordings of session `ID`")
	f.StringVar(participant, "participant", "", "only recordings of participant `ID`")
}

func fromParticipant(r *videosdk.ParticipantRecording) *recording {
	return &recording{ID: r.ID, RoomID: r.RoomID, SessionID: r.SessionID, ParticipantID: r.ParticipantID,
		Start: &r.Start, End: r.End, Files: r.Files, raw: r}
}
