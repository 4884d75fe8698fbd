package videosdk

import (
	"context"
	"iter"
)

// moreSweepCases are the argument-sweep cases of the services beyond the seed
// list (composite recordings, transcodings, post and realtime transcriptions,
// Recordings.GetWithTranscription); TestArgumentSweep runs them with the rest.
func moreSweepCases() []sweepCase {
	var cs []sweepCase
	add := func(more ...[]sweepCase) {
		for _, m := range more {
			cs = append(cs, m...)
		}
	}
	const room = "abcd-efgh-ijkl"

	add(
		idCases("Recordings.GetWithTranscription", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Recordings.GetWithTranscription(ctx, id))
		}),
		one("Recordings.GetWithTranscription(composite)", func(ctx context.Context, c *Client) error {
			return errOf(c.Recordings.GetWithTranscription(ctx, "composite"))
		}),
	)

	// CompositeRecordings
	add(
		idCases("CompositeRecordings.Get", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.CompositeRecordings.Get(ctx, id))
		}),
		idCases("CompositeRecordings.Delete", func(ctx context.Context, c *Client, id string) error { return c.CompositeRecordings.Delete(ctx, id) }),
		one("CompositeRecordings.Get(start)", func(ctx context.Context, c *Client) error { return errOf(c.CompositeRecordings.Get(ctx, "start")) }),
		one("CompositeRecordings.Delete(stop)", func(ctx context.Context, c *Client) error { return c.CompositeRecordings.Delete(ctx, "stop") }),
		blankCases("CompositeRecordings.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.CompositeRecordings.Start(ctx, StartCompositeRecordingParams{RoomID: v}))
		}),
		blankCases("CompositeRecordings.Start(participantId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.CompositeRecordings.Start(ctx, StartCompositeRecordingParams{RoomID: room, Participants: []CompositeParticipant{{ParticipantID: v}}}))
		}),
		blankCases("CompositeRecordings.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.CompositeRecordings.Stop(ctx, StopCompositeRecordingParams{RoomID: v, RecordingID: "r"})
		}),
		blankCases("CompositeRecordings.Stop(recordingId)", func(ctx context.Context, c *Client, v string) error {
			return c.CompositeRecordings.Stop(ctx, StopCompositeRecordingParams{RoomID: room, RecordingID: v})
		}),
		listCases("CompositeRecordings",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[CompositeRecording], error) {
				return c.CompositeRecordings.List(ctx, ListCompositeRecordingsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[CompositeRecording, error] {
				return c.CompositeRecordings.All(ctx, ListCompositeRecordingsParams{ListOptions: o})
			}),
	)
	for _, p := range []StartCompositeRecordingParams{
		{RoomID: room, Participants: []CompositeParticipant{{ParticipantID: "p", Kind: TrackKinds{"webcam"}}}},
		{RoomID: room, Watermarks: []CompositeWatermark{{Type: "image"}}},
		{RoomID: room, Watermarks: make([]CompositeWatermark, MaxCompositeWatermarks+1)},
		{RoomID: room, FileFormat: FileFormatM3U8},
		{RoomID: room, PreSignedURL: "bucket/key"},
	} {
		add(one("CompositeRecordings.Start(invalid)", func(ctx context.Context, c *Client) error { return errOf(c.CompositeRecordings.Start(ctx, p)) }))
	}

	// Transcodings
	add(
		idCases("Transcodings.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Transcodings.Get(ctx, id)) }),
		idCases("Transcodings.Cancel", func(ctx context.Context, c *Client, id string) error { return c.Transcodings.Cancel(ctx, id) }),
		one("Transcodings.Get(merge)", func(ctx context.Context, c *Client) error { return errOf(c.Transcodings.Get(ctx, "merge")) }),
		one("Transcodings.Cancel(hls-to-mp4)", func(ctx context.Context, c *Client) error { return c.Transcodings.Cancel(ctx, "hls-to-mp4") }),
		blankCases("Transcodings.Merge(recordingIds)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{v}}))
		}),
		blankCases("Transcodings.HLSToMP4(ids)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{RoomID: v, SessionID: v, HLSID: v}))
		}),
		blankCases("Transcodings.MeetingRecordingMerge(id)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{RecordingIDs: []MeetingRecordingRef{{ID: v}}}))
		}),
		listCases("Transcodings",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[Transcoding], error) {
				return c.Transcodings.List(ctx, ListTranscodingsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[Transcoding, error] {
				return c.Transcodings.All(ctx, ListTranscodingsParams{ListOptions: o})
			}),
		one("Transcodings.List(status)", func(ctx context.Context, c *Client) error {
			return errOf(c.Transcodings.List(ctx, ListTranscodingsParams{Status: "done"}))
		}),
	)
	ids := []string{"r1", "r2"}
	for _, w := range []*TranscodingWatermark{
		{},
		{Type: "text"},
		{Type: WatermarkImage},
		{Type: WatermarkImage, Image: "logo.png"},
		{Type: WatermarkImage, Image: "https://cdn.example.com/l.png", ImageConfig: &WatermarkImageConfig{Opacity: Float64(2)}},
		{Type: WatermarkImage, Image: "https://cdn.example.com/l.png", ImageConfig: &WatermarkImageConfig{Position: "middle"}},
		{Type: WatermarkTimestamp},
		{Type: WatermarkTimestamp, StartTime: []int{1}},
		{Type: WatermarkLatLong, Lat: Float64(91), Long: Float64(0)},
		{Type: WatermarkLatLong, Lat: Float64(0), Long: Float64(181)},
		{Type: WatermarkLatLong, Lat: Float64(0)},
		{Type: WatermarkLatLong, Lat: Float64(0), Long: Float64(0), Image: "https://cdn.example.com/l.png"},
	} {
		add(one("Transcodings.Merge(watermark)", func(ctx context.Context, c *Client) error {
			return errOf(c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: ids, Watermark: w}))
		}))
	}
	add(
		one("Transcodings.Merge(no ids)", func(ctx context.Context, c *Client) error {
			return errOf(c.Transcodings.Merge(ctx, MergeTranscodingParams{}))
		}),
		one("Transcodings.Merge(duplicate)", func(ctx context.Context, c *Client) error {
			return errOf(c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{"r1", "r1"}}))
		}),
		one("Transcodings.HLSToMP4(storage type)", func(ctx context.Context, c *Client) error {
			return errOf(c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{HLSID: "h", Storage: &TranscodingStorage{Type: "ftp"}}))
		}),
		one("Transcodings.MeetingRecordingMerge(no ids)", func(ctx context.Context, c *Client) error {
			return errOf(c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{}))
		}),
	)

	// PostTranscriptions
	add(
		idCases("PostTranscriptions.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.PostTranscriptions.Get(ctx, id)) }),
		listCases("PostTranscriptions",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[PostTranscription], error) {
				return c.PostTranscriptions.List(ctx, ListPostTranscriptionsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[PostTranscription, error] {
				return c.PostTranscriptions.All(ctx, ListPostTranscriptionsParams{ListOptions: o})
			}),
	)

	// RealtimeTranscriptions
	add(
		idCases("RealtimeTranscriptions.Get", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.RealtimeTranscriptions.Get(ctx, id))
		}),
		one("RealtimeTranscriptions.Get(start)", func(ctx context.Context, c *Client) error { return errOf(c.RealtimeTranscriptions.Get(ctx, "start")) }),
		blankCases("RealtimeTranscriptions.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.RealtimeTranscriptions.Start(ctx, StartRealtimeTranscriptionParams{RoomID: v}))
		}),
		one("RealtimeTranscriptions.Start(webhookUrl)", func(ctx context.Context, c *Client) error {
			return errOf(c.RealtimeTranscriptions.Start(ctx, StartRealtimeTranscriptionParams{RoomID: room, WebhookURL: "hooks"}))
		}),
		blankCases("RealtimeTranscriptions.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.RealtimeTranscriptions.Stop(ctx, StopRealtimeTranscriptionParams{RoomID: v})
		}),
		listCases("RealtimeTranscriptions",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[RealtimeTranscription], error) {
				return c.RealtimeTranscriptions.List(ctx, ListRealtimeTranscriptionsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[RealtimeTranscription, error] {
				return c.RealtimeTranscriptions.All(ctx, ListRealtimeTranscriptionsParams{ListOptions: o})
			}),
	)
	return cs
}
