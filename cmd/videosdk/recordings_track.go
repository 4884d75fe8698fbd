package main

import (
	"context"
	"iter"

	"github.com/videosdk-go/videosdk"
)

// trackRecordings record one media track of a participant; a new file is
// added each time the track restarts.
func trackRecordings() recordingFamily {
	return recordingFamily{
		name:     "track",
		noun:     "track recording",
		required: []string{"room", "participant", "track"},
		get: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.TrackRecordings.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromTrack(r), nil
		},
		find: func(ctx context.Context, cl *videosdk.Client, res *videosdk.StartResult) (*recording, error) {
			r, err := cl.TrackRecordings.FindStarted(ctx, res)
			if err != nil {
				return nil, err
			}
			return fromTrack(r), nil
		},
		wait: func(ctx context.Context, cl *videosdk.Client, id string) (*recording, error) {
			r, err := cl.TrackRecordings.WaitForFile(ctx, id)
			if err != nil {
				return nil, err
			}
			return fromTrack(r), nil
		},
		list: func(f *flagSet) func(context.Context, *videosdk.Client, videosdk.ListOptions) iter.Seq2[*recording, error] {
			var p videosdk.ListTrackRecordingsParams
			individualFilters(f, &p.RoomID, &p.SessionID, &p.ParticipantID)
			return func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[*recording, error] {
				p.ListOptions = o
				return mapSeq(cl.TrackRecordings.All(ctx, p), fromTrack)
			}
		},
		start: func(f *flagSet) func(context.Context, *videosdk.Client) (*videosdk.StartResult, error) {
			var body, room, participant, track, format, webhook string
			f.StringVar(&room, "room", "", "the room `ID` (required)")
			f.StringVar(&participant, "participant", "", "the participant `ID` (required)")
			f.StringVar(&track, "track", "", "the `KIND` of track (required): audio, video, screen_audio or screen_video")
			f.StringVar(&format, "format", "", "file `FORMAT`: webm (default), mp4, m3u8 or mp3")
			f.StringVar(&webhook, "webhook-url", "", "`URL` that receives this recording's events")
			f.StringVar(&body, "body", "", "read the request (StartTrackRecordingParams as JSON) from `FILE`, - for stdin; flags override it")
			return func(ctx context.Context, cl *videosdk.Client) (*videosdk.StartResult, error) {
				var p videosdk.StartTrackRecordingParams
				if body != "" {
					if err := f.c.readBody(body, &p); err != nil {
						return nil, err
					}
				}
				p.RoomID, p.ParticipantID, p.Kind = room, participant, videosdk.TrackKind(track)
				setIf(&p.FileFormat, videosdk.FileFormat(format))
				setIf(&p.WebhookURL, webhook)
				return cl.TrackRecordings.Start(ctx, p)
			}
		},
		stop: func(f *flagSet) func(context.Context, *videosdk.Client) error {
			var p videosdk.StopTrackRecordingParams
			var track string
			f.StringVar(&p.RoomID, "room", "", "the room `ID` (required)")
			f.StringVar(&p.ParticipantID, "participant", "", "the participant `ID` (required)")
			f.StringVar(&track, "track", "", "the `KIND` of track that was started (required)")
			return func(ctx context.Context, cl *videosdk.Client) error {
				p.Kind = videosdk.TrackKind(track)
				return cl.TrackRecordings.Stop(ctx, p)
			}
		},
	}
}

func fromTrack(r *videosdk.TrackRecording) *recording {
	return &recording{ID: r.ID, RoomID: r.RoomID, SessionID: r.SessionID, ParticipantID: r.ParticipantID,
		Track: string(r.Kind), Start: &r.Start, End: r.End, Files: r.Files, raw: r}
}
