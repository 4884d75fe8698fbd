package videosdk

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// sweepCase is one call with an argument that must be refused before any
// request is sent.
type sweepCase struct {
	name string
	call func(ctx context.Context, c *Client) error
}

// badPathArgs are IDs that must never reach a URL: empty, blank, dot
// segments, separators and control characters.
var badPathArgs = []string{"", "   ", ".", "..", "a/b", `a\b`, "../rooms", "a/../b", "..%2F", "x\n", "x\x00", "\x7f"}

// blanks are values a required body field must not have.
var blanks = []string{"", "  ", "\t"}

func errOf[T any](_ T, err error) error { return err }

// firstErr ranges over seq and returns the first error; an item before it
// means a request was made and answered.
func firstErr[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
		return errors.New("an item was yielded")
	}
	return errors.New("nothing yielded")
}

// idCases calls f with every bad path argument.
func idCases(name string, f func(ctx context.Context, c *Client, id string) error) []sweepCase {
	var out []sweepCase
	for _, id := range badPathArgs {
		out = append(out, sweepCase{name + "(" + id + ")", func(ctx context.Context, c *Client) error { return f(ctx, c, id) }})
	}
	return out
}

// blankCases calls f with every blank value of a required body field.
func blankCases(name string, f func(ctx context.Context, c *Client, v string) error) []sweepCase {
	var out []sweepCase
	for _, v := range blanks {
		out = append(out, sweepCase{name + "(" + v + ")", func(ctx context.Context, c *Client) error { return f(ctx, c, v) }})
	}
	return out
}

func one(name string, f func(ctx context.Context, c *Client) error) []sweepCase {
	return []sweepCase{{name, f}}
}

// listCases: bad ListOptions for a List method and its All iterator.
func listCases[T any](name string, list func(ctx context.Context, c *Client, o ListOptions) (*Page[T], error),
	all func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[T, error]) []sweepCase {
	var out []sweepCase
	for _, o := range []ListOptions{{Page: -1}, {PerPage: -1}, {PerPage: maxPerPage + 1}} {
		out = append(out,
			sweepCase{name + ".List(bad options)", func(ctx context.Context, c *Client) error { return errOf(list(ctx, c, o)) }},
			sweepCase{name + ".All(bad options)", func(ctx context.Context, c *Client) error { return firstErr(all(ctx, c, o)) }})
	}
	return out
}

var badConfigs = []*CompositionConfig{
	{Layout: &Layout{Type: "HEXAGON"}},
	{Layout: &Layout{Priority: "LOUDEST"}},
	{Layout: &Layout{Type: LayoutGrid, GridSize: -1}},
	{Layout: &Layout{Type: LayoutGrid, GridSize: MaxGridSize + 1}},
	{Theme: "NEON"},
	{Mode: "video-only"},
	{Quality: "4k"},
	{Orientation: "diagonal"},
}

// sweepCases covers every method of SURFACE.md that takes an argument.
func sweepCases() []sweepCase {
	var cs []sweepCase
	add := func(more ...[]sweepCase) {
		for _, m := range more {
			cs = append(cs, m...)
		}
	}
	configCases := func(name string, f func(ctx context.Context, c *Client, cfg *CompositionConfig) error) []sweepCase {
		var out []sweepCase
		for _, cfg := range badConfigs {
			out = append(out, sweepCase{name + "(bad config)", func(ctx context.Context, c *Client) error { return f(ctx, c, cfg) }})
		}
		return out
	}

	// Rooms
	add(
		idCases("Rooms.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Rooms.Get(ctx, id)) }),
		idCases("Rooms.Validate", func(ctx context.Context, c *Client, id string) error { return errOf(c.Rooms.Validate(ctx, id)) }),
		idCases("Rooms.Deactivate", func(ctx context.Context, c *Client, id string) error { return errOf(c.Rooms.Deactivate(ctx, id)) }),
		listCases("Rooms",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[Room], error) {
				return c.Rooms.List(ctx, ListRoomsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[Room, error] {
				return c.Rooms.All(ctx, ListRoomsParams{ListOptions: o})
			}),
	)
	for _, p := range []CreateRoomParams{
		{Webhook: &RoomWebhook{EndPoint: ""}},
		{Webhook: &RoomWebhook{EndPoint: "not a url"}},
		{Webhook: &RoomWebhook{EndPoint: "ftp://hooks.example.com"}},
		{Webhook: &RoomWebhook{EndPoint: "https://hooks.example.com", Events: []WebhookEventType{" "}}},
		{AutoCloseConfig: &AutoCloseConfig{Type: "never"}},
		{AutoCloseConfig: &AutoCloseConfig{Duration: -1}},
		{AutoStartConfig: &AutoStartConfig{Recording: &AutoStartRecording{Config: &CompositionConfig{Quality: "4k"}}}},
		{AutoStartConfig: &AutoStartConfig{Recording: &AutoStartRecording{TemplateURL: "layouts/grid"}}},
		{AutoStartConfig: &AutoStartConfig{HLS: &AutoStartHLS{Config: &CompositionConfig{Theme: "NEON"}}}},
		{AutoStartConfig: &AutoStartConfig{HLS: &AutoStartHLS{Transcription: &Transcription{Summary: &Summary{Enabled: true}}}}},
		{AllowedParticipantIDs: []string{"p1", ""}},
	} {
		add(one("Rooms.Create(invalid)", func(ctx context.Context, c *Client) error { return errOf(c.Rooms.Create(ctx, p)) }))
	}

	// Sessions
	add(
		idCases("Sessions.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Sessions.Get(ctx, id)) }),
		idCases("Sessions.Stats", func(ctx context.Context, c *Client, id string) error { return errOf(c.Sessions.Stats(ctx, id)) }),
		idCases("Sessions.ListParticipants", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Sessions.ListParticipants(ctx, id, ListOptions{}))
		}),
		idCases("Sessions.AllParticipants", func(ctx context.Context, c *Client, id string) error {
			return firstErr(c.Sessions.AllParticipants(ctx, id, ListOptions{}))
		}),
		idCases("Sessions.ListActiveParticipants", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Sessions.ListActiveParticipants(ctx, id, ListOptions{}))
		}),
		idCases("Sessions.AllActiveParticipants", func(ctx context.Context, c *Client, id string) error {
			return firstErr(c.Sessions.AllActiveParticipants(ctx, id, ListOptions{}))
		}),
		idCases("Sessions.ParticipantStats(session)", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Sessions.ParticipantStats(ctx, id, "p1"))
		}),
		idCases("Sessions.ParticipantStats(participant)", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Sessions.ParticipantStats(ctx, "s1", id))
		}),
		one("Sessions.ListParticipants(bad options)", func(ctx context.Context, c *Client) error {
			return errOf(c.Sessions.ListParticipants(ctx, "s1", ListOptions{PerPage: -1}))
		}),
		one("Sessions.ListActiveParticipants(bad options)", func(ctx context.Context, c *Client) error {
			return errOf(c.Sessions.ListActiveParticipants(ctx, "s1", ListOptions{Page: -1}))
		}),
		listCases("Sessions",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[Session], error) {
				return c.Sessions.List(ctx, ListSessionsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[Session, error] {
				return c.Sessions.All(ctx, ListSessionsParams{ListOptions: o})
			}),
		one("Sessions.List(unknown status)", func(ctx context.Context, c *Client) error {
			return errOf(c.Sessions.List(ctx, ListSessionsParams{Status: "paused"}))
		}),
		one("Sessions.All(unknown status)", func(ctx context.Context, c *Client) error {
			return firstErr(c.Sessions.All(ctx, ListSessionsParams{Status: "paused"}))
		}),
		one("Sessions.List(negative date)", func(ctx context.Context, c *Client) error {
			return errOf(c.Sessions.List(ctx, ListSessionsParams{StartDate: -1}))
		}),
		one("Sessions.List(end before start)", func(ctx context.Context, c *Client) error {
			return errOf(c.Sessions.List(ctx, ListSessionsParams{StartDate: 20, EndDate: 10}))
		}),
		blankCases("Sessions.End(roomId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.Sessions.End(ctx, EndSessionParams{RoomID: v}))
		}),
		blankCases("Sessions.RemoveParticipant(participantId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.Sessions.RemoveParticipant(ctx, RemoveParticipantParams{ParticipantID: v, RoomID: "r1"}))
		}),
		one("Sessions.RemoveParticipant(no room or session)", func(ctx context.Context, c *Client) error {
			return errOf(c.Sessions.RemoveParticipant(ctx, RemoveParticipantParams{ParticipantID: "p1"}))
		}),
	)

	// Recordings
	add(
		idCases("Recordings.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Recordings.Get(ctx, id)) }),
		idCases("Recordings.Delete", func(ctx context.Context, c *Client, id string) error { return c.Recordings.Delete(ctx, id) }),
		blankCases("Recordings.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			_, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: v})
			return err
		}),
		blankCases("Recordings.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.Recordings.Stop(ctx, StopRecordingParams{RoomID: v})
		}),
		configCases("Recordings.Start", func(ctx context.Context, c *Client, cfg *CompositionConfig) error {
			_, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: "r1", Config: cfg})
			return err
		}),
		one("Recordings.Start(unknown fileFormat)", func(ctx context.Context, c *Client) error {
			_, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: "r1", FileFormat: "avi"})
			return err
		}),
		one("Recordings.Start(unknown onFailure action)", func(ctx context.Context, c *Client) error {
			_, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: "r1", OnFailure: &OnFailure{Action: "explode"}})
			return err
		}),
		one("Recordings.Start(onFailure waitTime)", func(ctx context.Context, c *Client) error {
			_, err := c.Recordings.Start(ctx, StartRecordingParams{RoomID: "r1", OnFailure: &OnFailure{Action: OnFailureCloseRoom, WaitTime: MaxOnFailureWait + 1}})
			return err
		}),
		listCases("Recordings",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[Recording], error) {
				return c.Recordings.List(ctx, ListRecordingsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[Recording, error] {
				return c.Recordings.All(ctx, ListRecordingsParams{ListOptions: o})
			}),
	)
	for _, seg := range reservedRecordingSegments {
		add(one("Recordings.Get(reserved "+seg+")", func(ctx context.Context, c *Client) error { return errOf(c.Recordings.Get(ctx, seg)) }),
			one("Recordings.Delete(reserved "+seg+")", func(ctx context.Context, c *Client) error { return c.Recordings.Delete(ctx, seg) }))
	}

	// ParticipantRecordings
	add(
		idCases("ParticipantRecordings.Get", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.ParticipantRecordings.Get(ctx, id))
		}),
		idCases("ParticipantRecordings.Delete", func(ctx context.Context, c *Client, id string) error {
			return c.ParticipantRecordings.Delete(ctx, id)
		}),
		blankCases("ParticipantRecordings.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			_, err := c.ParticipantRecordings.Start(ctx, StartParticipantRecordingParams{RoomID: v, ParticipantID: "p1"})
			return err
		}),
		blankCases("ParticipantRecordings.Start(participantId)", func(ctx context.Context, c *Client, v string) error {
			_, err := c.ParticipantRecordings.Start(ctx, StartParticipantRecordingParams{RoomID: "r1", ParticipantID: v})
			return err
		}),
		one("ParticipantRecordings.Start(unknown fileFormat)", func(ctx context.Context, c *Client) error {
			_, err := c.ParticipantRecordings.Start(ctx, StartParticipantRecordingParams{RoomID: "r1", ParticipantID: "p1", FileFormat: "avi"})
			return err
		}),
		blankCases("ParticipantRecordings.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.ParticipantRecordings.Stop(ctx, StopParticipantRecordingParams{RoomID: v, ParticipantID: "p1"})
		}),
		blankCases("ParticipantRecordings.Stop(participantId)", func(ctx context.Context, c *Client, v string) error {
			return c.ParticipantRecordings.Stop(ctx, StopParticipantRecordingParams{RoomID: "r1", ParticipantID: v})
		}),
		listCases("ParticipantRecordings",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[ParticipantRecording], error) {
				return c.ParticipantRecordings.List(ctx, ListParticipantRecordingsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[ParticipantRecording, error] {
				return c.ParticipantRecordings.All(ctx, ListParticipantRecordingsParams{ListOptions: o})
			}),
	)
	for _, seg := range reservedParticipantSegments {
		add(one("ParticipantRecordings.Get(reserved "+seg+")", func(ctx context.Context, c *Client) error {
			return errOf(c.ParticipantRecordings.Get(ctx, seg))
		}))
	}

	// TrackRecordings
	add(
		idCases("TrackRecordings.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.TrackRecordings.Get(ctx, id)) }),
		idCases("TrackRecordings.Delete", func(ctx context.Context, c *Client, id string) error { return c.TrackRecordings.Delete(ctx, id) }),
		blankCases("TrackRecordings.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			_, err := c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: v, ParticipantID: "p1", Kind: TrackKindAudio})
			return err
		}),
		blankCases("TrackRecordings.Start(participantId)", func(ctx context.Context, c *Client, v string) error {
			_, err := c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: "r1", ParticipantID: v, Kind: TrackKindAudio})
			return err
		}),
		one("TrackRecordings.Start(no kind)", func(ctx context.Context, c *Client) error {
			_, err := c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: "r1", ParticipantID: "p1"})
			return err
		}),
		one("TrackRecordings.Start(unknown kind)", func(ctx context.Context, c *Client) error {
			_, err := c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: "r1", ParticipantID: "p1", Kind: "hologram"})
			return err
		}),
		one("TrackRecordings.Start(unknown fileFormat)", func(ctx context.Context, c *Client) error {
			_, err := c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: "r1", ParticipantID: "p1", Kind: TrackKindVideo, FileFormat: "avi"})
			return err
		}),
		blankCases("TrackRecordings.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.TrackRecordings.Stop(ctx, StopTrackRecordingParams{RoomID: v, ParticipantID: "p1", Kind: TrackKindAudio})
		}),
		blankCases("TrackRecordings.Stop(participantId)", func(ctx context.Context, c *Client, v string) error {
			return c.TrackRecordings.Stop(ctx, StopTrackRecordingParams{RoomID: "r1", ParticipantID: v, Kind: TrackKindAudio})
		}),
		one("TrackRecordings.Stop(unknown kind)", func(ctx context.Context, c *Client) error {
			return c.TrackRecordings.Stop(ctx, StopTrackRecordingParams{RoomID: "r1", ParticipantID: "p1", Kind: "hologram"})
		}),
		listCases("TrackRecordings",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[TrackRecording], error) {
				return c.TrackRecordings.List(ctx, ListTrackRecordingsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[TrackRecording, error] {
				return c.TrackRecordings.All(ctx, ListTrackRecordingsParams{ListOptions: o})
			}),
	)
	for _, seg := range reservedTrackSegments {
		add(one("TrackRecordings.Get(reserved "+seg+")", func(ctx context.Context, c *Client) error {
			return errOf(c.TrackRecordings.Get(ctx, seg))
		}))
	}

	// Merges
	ch := []MergeChannelEntry{{ParticipantID: "p1"}}
	add(
		idCases("Merges.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Merges.Get(ctx, id)) }),
		blankCases("Merges.Create(sessionId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.Merges.Create(ctx, CreateMergeParams{SessionID: v, Channel1: ch, Channel2: ch}))
		}),
		one("Merges.Create(no channel1)", func(ctx context.Context, c *Client) error {
			return errOf(c.Merges.Create(ctx, CreateMergeParams{SessionID: "s1", Channel2: ch}))
		}),
		one("Merges.Create(no channel2)", func(ctx context.Context, c *Client) error {
			return errOf(c.Merges.Create(ctx, CreateMergeParams{SessionID: "s1", Channel1: ch}))
		}),
		one("Merges.Create(blank channel participant)", func(ctx context.Context, c *Client) error {
			return errOf(c.Merges.Create(ctx, CreateMergeParams{SessionID: "s1", Channel1: []MergeChannelEntry{{ParticipantID: " "}}, Channel2: ch}))
		}),
		one("Merges.Create(unknown channel type)", func(ctx context.Context, c *Client) error {
			return errOf(c.Merges.Create(ctx, CreateMergeParams{SessionID: "s1", Channel1: []MergeChannelEntry{{ParticipantID: "p", Type: "video"}}, Channel2: ch}))
		}),
		one("Merges.Create(unknown type)", func(ctx context.Context, c *Client) error {
			return errOf(c.Merges.Create(ctx, CreateMergeParams{SessionID: "s1", Channel1: ch, Channel2: ch, Type: "video"}))
		}),
		listCases("Merges",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[Merge], error) {
				return c.Merges.List(ctx, ListMergesParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[Merge, error] {
				return c.Merges.All(ctx, ListMergesParams{ListOptions: o})
			}),
		one("Merges.List(unknown status)", func(ctx context.Context, c *Client) error {
			return errOf(c.Merges.List(ctx, ListMergesParams{Status: "paused"}))
		}),
	)

	// Livestreams
	out := []RTMPOutput{{URL: "rtmp://live.example.com/app", StreamKey: "k"}}
	add(
		idCases("Livestreams.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Livestreams.Get(ctx, id)) }),
		blankCases("Livestreams.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: v, Outputs: out})
			return err
		}),
		one("Livestreams.Start(no outputs)", func(ctx context.Context, c *Client) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r1"})
			return err
		}),
		one("Livestreams.Start(blank url)", func(ctx context.Context, c *Client) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r1", Outputs: []RTMPOutput{{URL: " ", StreamKey: "k"}}})
			return err
		}),
		one("Livestreams.Start(https url)", func(ctx context.Context, c *Client) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r1", Outputs: []RTMPOutput{{URL: "https://x.example.com", StreamKey: "k"}}})
			return err
		}),
		one("Livestreams.Start(blank stream key)", func(ctx context.Context, c *Client) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r1", Outputs: []RTMPOutput{{URL: "rtmp://x.example.com/app"}}})
			return err
		}),
		configCases("Livestreams.Start", func(ctx context.Context, c *Client, cfg *CompositionConfig) error {
			_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r1", Outputs: out, Config: cfg})
			return err
		}),
		blankCases("Livestreams.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.Livestreams.Stop(ctx, StopLivestreamParams{RoomID: v})
		}),
		listCases("Livestreams",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[Livestream], error) {
				return c.Livestreams.List(ctx, ListLivestreamsParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[Livestream, error] {
				return c.Livestreams.All(ctx, ListLivestreamsParams{ListOptions: o})
			}),
	)
	for _, seg := range reservedStreamSegments {
		add(one("Livestreams.Get(reserved "+seg+")", func(ctx context.Context, c *Client) error { return errOf(c.Livestreams.Get(ctx, seg)) }),
			one("HLS.Get(reserved "+seg+")", func(ctx context.Context, c *Client) error { return errOf(c.HLS.Get(ctx, seg)) }),
			one("HLS.Delete(reserved "+seg+")", func(ctx context.Context, c *Client) error { return c.HLS.Delete(ctx, seg) }))
	}

	// HLS
	neg, zero := -1.0, 0.0
	add(
		idCases("HLS.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.HLS.Get(ctx, id)) }),
		idCases("HLS.GetActive", func(ctx context.Context, c *Client, id string) error { return errOf(c.HLS.GetActive(ctx, id)) }),
		idCases("HLS.Delete", func(ctx context.Context, c *Client, id string) error { return c.HLS.Delete(ctx, id) }),
		blankCases("HLS.Start(roomId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.HLS.Start(ctx, StartHLSParams{RoomID: v}))
		}),
		configCases("HLS.Start", func(ctx context.Context, c *Client, cfg *CompositionConfig) error {
			return errOf(c.HLS.Start(ctx, StartHLSParams{RoomID: "r1", Config: cfg}))
		}),
		one("HLS.Start(summary without transcription)", func(ctx context.Context, c *Client) error {
			return errOf(c.HLS.Start(ctx, StartHLSParams{RoomID: "r1", Summary: &Summary{Enabled: true}}))
		}),
		blankCases("HLS.Stop(roomId)", func(ctx context.Context, c *Client, v string) error {
			return c.HLS.Stop(ctx, StopHLSParams{RoomID: v})
		}),
		blankCases("HLS.Capture(roomId)", func(ctx context.Context, c *Client, v string) error {
			return errOf(c.HLS.Capture(ctx, CaptureHLSParams{RoomID: v}))
		}),
		one("HLS.Capture(negative time)", func(ctx context.Context, c *Client) error {
			return errOf(c.HLS.Capture(ctx, CaptureHLSParams{RoomID: "r1", Time: &neg}))
		}),
		one("HLS.Capture(negative width)", func(ctx context.Context, c *Client) error {
			return errOf(c.HLS.Capture(ctx, CaptureHLSParams{RoomID: "r1", Width: -1}))
		}),
		one("HLS.Capture(unknown format)", func(ctx context.Context, c *Client) error {
			return errOf(c.HLS.Capture(ctx, CaptureHLSParams{RoomID: "r1", Format: "gif"}))
		}),
		one("HLS.Capture(webp with time)", func(ctx context.Context, c *Client) error {
			return errOf(c.HLS.Capture(ctx, CaptureHLSParams{RoomID: "r1", Format: ImageFormatWebP, Time: &zero}))
		}),
		listCases("HLS",
			func(ctx context.Context, c *Client, o ListOptions) (*Page[HLSStream], error) {
				return c.HLS.List(ctx, ListHLSParams{ListOptions: o})
			},
			func(ctx context.Context, c *Client, o ListOptions) iter.Seq2[HLSStream, error] {
				return c.HLS.All(ctx, ListHLSParams{ListOptions: o})
			}),
	)

	// Tokens (no request at all, but the same error contract).
	add(
		one("GenerateToken(unknown permission)", func(_ context.Context, c *Client) error {
			return errOf(c.GenerateToken(TokenParams{Permissions: []Permission{"root"}}))
		}),
		one("GenerateToken(unknown role)", func(_ context.Context, c *Client) error {
			return errOf(c.GenerateToken(TokenParams{Roles: []Role{"admin"}}))
		}),
		one("GenerateToken(negative TTL)", func(_ context.Context, c *Client) error {
			return errOf(c.GenerateToken(TokenParams{TTL: -1}))
		}),
		one("GenerateToken(version 1 with room)", func(_ context.Context, c *Client) error {
			return errOf(c.GenerateToken(TokenParams{RoomID: "r1", Version: 1}))
		}),
		one("GenerateToken(TTL 3600 as a bare number)", func(_ context.Context, c *Client) error {
			return errOf(c.GenerateToken(TokenParams{TTL: 3600}))
		}),
		one("GenerateToken(TTL 999ms)", func(_ context.Context, _ *Client) error {
			return errOf(GenerateToken("k", "s", TokenParams{TTL: 999 * time.Millisecond}))
		}),
		one("ParseToken(empty secret)", func(_ context.Context, _ *Client) error { return errOf(ParseToken("a.b.c", "")) }),
	)

	// Webhooks (no request either).
	add(
		one("ParseWebhook(nil key)", func(_ context.Context, _ *Client) error {
			return errOf(ParseWebhook([]byte(`{"webhookType":"x"}`), "AAAA", nil))
		}),
		one("VerifyWebhookSignature(nil key)", func(_ context.Context, _ *Client) error {
			return VerifyWebhookSignature([]byte(`{}`), "AAAA", nil)
		}),
		one("ParseWebhookPublicKey(not PEM)", func(_ context.Context, _ *Client) error {
			return errOf(ParseWebhookPublicKey([]byte("ssh-rsa AAAA")))
		}),
		one("ParseWebhookPublicKey(1024-bit key)", func(_ context.Context, _ *Client) error {
			k, _ := weakKeyPEM(1024, 65537)
			return errOf(ParseWebhookPublicKey(k))
		}),
		one("ParseWebhookPublicKey(exponent 3)", func(_ context.Context, _ *Client) error {
			_, k := weakKeyPEM(2048, 3)
			return errOf(ParseWebhookPublicKey(k))
		}),
	)
	add(moreSweepCases())
	add(platformSweepCases())
	return cs
}

// TestArgumentSweep: every bad argument of every method is refused with
// ErrInvalidParams and no request reaches the transport (the test client
// fails the test on any request).
func TestArgumentSweep(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	cases := sweepCases()
	methods := map[string]bool{}
	for _, tc := range cases {
		name := tc.name
		if i := indexByte(name, '('); i >= 0 {
			name = name[:i]
		}
		methods[name] = true
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v", tc.name, p)
				}
			}()
			err := tc.call(ctx, c)
			if !assert.ErrorIs(t, err, ErrInvalidParams, "%q", tc.name) {
				return
			}
			assert.ErrorIs(t, err, ErrInvalidParams)
			var ae *APIError
			assert.False(t, errors.As(err, &ae), "%q", tc.name)
		}()
	}
	requireNoRequest(t, mt)
	t.Logf("argument sweep: %d cases over %d methods, 0 requests sent", len(cases), len(methods))
}

func indexByte(s string, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

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
		{Type: WatermarkImage, Image: "https://cdn.example.com/l.png", ImageConfig: &WatermarkImageConfig{Opacity: Ptr(2.0)}},
		{Type: WatermarkImage, Image: "https://cdn.example.com/l.png", ImageConfig: &WatermarkImageConfig{Position: "middle"}},
		{Type: WatermarkTimestamp},
		{Type: WatermarkTimestamp, StartTime: []int{1}},
		{Type: WatermarkLatLong, Lat: Ptr(91.0), Long: Ptr(0.0)},
		{Type: WatermarkLatLong, Lat: Ptr(0.0), Long: Ptr(181.0)},
		{Type: WatermarkLatLong, Lat: Ptr(0.0)},
		{Type: WatermarkLatLong, Lat: Ptr(0.0), Long: Ptr(0.0), Image: "https://cdn.example.com/l.png"},
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

// platformSweepCases are the id arguments of the platform services (SIP,
// agents, batch calls, connectors, resource pool, alerting): each one that
// names a resource in the path is refused before any request when it could
// change the path (empty, blank, dot segments, separators, controls).
// Update methods are left out: a zero params value is refused on its own,
// which would hide an unchecked id.
func platformSweepCases() []sweepCase {
	var cs []sweepCase
	for _, m := range [][]sweepCase{
		idCases("SIP.Calls.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.SIP.Calls.Get(ctx, id)) }),
		idCases("SIP.Calls.End", func(ctx context.Context, c *Client, id string) error { return errOf(c.SIP.Calls.End(ctx, id)) }),
		idCases("SIP.InboundGateways.Get", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.SIP.InboundGateways.Get(ctx, id))
		}),
		idCases("SIP.InboundGateways.Delete", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.SIP.InboundGateways.Delete(ctx, id))
		}),
		idCases("SIP.OutboundGateways.Get", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.SIP.OutboundGateways.Get(ctx, id))
		}),
		idCases("SIP.OutboundGateways.Delete", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.SIP.OutboundGateways.Delete(ctx, id))
		}),
		idCases("SIP.PhoneNumbers.Release", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.SIP.PhoneNumbers.Release(ctx, id))
		}),
		idCases("SIP.RoutingRules.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.SIP.RoutingRules.Get(ctx, id)) }),
		idCases("SIP.RoutingRules.Delete", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.SIP.RoutingRules.Delete(ctx, id))
		}),
		idCases("SIP.Webhooks.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.SIP.Webhooks.Get(ctx, id)) }),
		idCases("SIP.Webhooks.Delete", func(ctx context.Context, c *Client, id string) error { return errOf(c.SIP.Webhooks.Delete(ctx, id)) }),
		idCases("Agents.Deployments.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Agents.Deployments.Get(ctx, id)) }),
		idCases("Agents.Deployments.LatestVersion", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Agents.Deployments.LatestVersion(ctx, id))
		}),
		idCases("Agents.Deployments.Delete", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Agents.Deployments.Delete(ctx, id, false))
		}),
		idCases("BatchCalls.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.BatchCalls.Get(ctx, id)) }),
		idCases("BatchCalls.Delete", func(ctx context.Context, c *Client, id string) error { return errOf(c.BatchCalls.Delete(ctx, id)) }),
		idCases("BatchCalls.Stats", func(ctx context.Context, c *Client, id string) error { return errOf(c.BatchCalls.Stats(ctx, id)) }),
		idCases("Connectors.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Connectors.Get(ctx, id)) }),
		idCases("Connectors.RotateKey", func(ctx context.Context, c *Client, id string) error { return errOf(c.Connectors.RotateKey(ctx, id)) }),
		idCases("Connectors.Delete", func(ctx context.Context, c *Client, id string) error { return errOf(c.Connectors.Delete(ctx, id)) }),
		idCases("ResourcePool.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.ResourcePool.Get(ctx, id)) }),
		idCases("Alerts.Rules.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Alerts.Rules.Get(ctx, id)) }),
		idCases("Alerts.Rules.Delete", func(ctx context.Context, c *Client, id string) error { return errOf(c.Alerts.Rules.Delete(ctx, id)) }),
		idCases("Alerts.Channels.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Alerts.Channels.Get(ctx, id)) }),
		idCases("Alerts.Channels.Delete", func(ctx context.Context, c *Client, id string) error { return errOf(c.Alerts.Channels.Delete(ctx, id)) }),
		idCases("Alerts.Incidents.Get", func(ctx context.Context, c *Client, id string) error { return errOf(c.Alerts.Incidents.Get(ctx, id)) }),
		idCases("Alerts.Incidents.Acknowledge", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Alerts.Incidents.Acknowledge(ctx, id))
		}),
		idCases("Alerts.Incidents.Resolve", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Alerts.Incidents.Resolve(ctx, id))
		}),
		idCases("Alerts.Incidents.Delete", func(ctx context.Context, c *Client, id string) error {
			return errOf(c.Alerts.Incidents.Delete(ctx, id))
		}),
	} {
		cs = append(cs, m...)
	}
	return cs
}
