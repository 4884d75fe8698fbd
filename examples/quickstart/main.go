// Command quickstart walks the main job of the VideoSDK API end to end and
// prints what it does:
//
//	go run ./examples/quickstart
//
// With no VIDEOSDK_API_KEY / VIDEOSDK_SECRET in the environment it runs against
// videosdktest, an in-process fake of the API, and simulates a participant
// joining, so every step runs on a fresh machine with no account. With the
// variables printed by 'videosdk fake' it runs against that fake process and
// simulates the participant through its control routes. With both
// set it uses the real API (VIDEOSDK_API_ENDPOINT overrides the host). A room
// the program has just created has no live meeting, so against the real API
// the recording and HLS steps are skipped with a note, unless -room names a
// room where a meeting is running:
//
//	go run ./examples/quickstart -room abcd-efgh-ijkl
//
// The exit status is non-zero when any step fails.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func main() {
	roomID := flag.String("room", "", "use this existing room (with a live meeting) instead of creating one; real API only")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	cfg, closeFake, err := setup(os.Stdout, *roomID)
	if err == nil {
		err = run(ctx, os.Stdout, cfg)
		closeFake()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// config is what run needs: a client and, when it talks to a fake, the
// fake's simulation (what a meeting's participants would do).
type config struct {
	client *videosdk.Client
	fake   meeting // nil against the real API
	roomID string  // existing room to use; "" creates one
	// hlsWait bounds how long run waits for a started HLS stream to become
	// active (the real API needs a few seconds; the fake none).
	hlsWait time.Duration
	// fileWait bounds how long run waits for the stopped recording's file
	// (the real API needs a while; the fake has it at once); 0 is a minute.
	fileWait time.Duration
}

// meeting simulates a meeting's participants: a *videosdktest.Server in this
// process, or a 'videosdk fake' process through its control routes.
type meeting interface {
	StartSession(roomID string) (string, error)
	Join(roomID, name string) (string, error)
}

// setup picks the API: the real one when credentials are in the environment,
// otherwise a fake started here (closeFake stops it). Credentials that come
// with VIDEOSDK_FAKE_CONTROL_URL (printed by 'videosdk fake') name a fake
// running as a process, whose control routes simulate the participant.
// fakeOpts configure that in-process fake (tests shorten its processing).
func setup(w io.Writer, roomID string, fakeOpts ...videosdktest.Option) (cfg config, closeFake func(), err error) {
	if os.Getenv("VIDEOSDK_API_KEY") == "" && os.Getenv("VIDEOSDK_SECRET") == "" {
		if roomID != "" {
			return config{}, nil, errors.New("-room needs the real API: set VIDEOSDK_API_KEY and VIDEOSDK_SECRET")
		}
		srv := videosdktest.NewServer(fakeOpts...)
		fmt.Fprintln(w, "No VIDEOSDK_API_KEY / VIDEOSDK_SECRET set: using videosdktest, the SDK's in-process fake API.")
		return config{client: srv.Client(), fake: srv}, srv.Close, nil
	}
	control := os.Getenv("VIDEOSDK_FAKE_CONTROL_URL")
	var opts []videosdk.Option
	if control != "" {
		// The fake finishes a job in half a second: poll it as often as
		// videosdktest's own Server.Client does, not at the real API's pace.
		opts = append(opts, videosdk.WithWaiterDelay(5*time.Millisecond, 50*time.Millisecond))
	}
	client, err := videosdk.NewClientFromEnv(opts...)
	if err != nil {
		return config{}, nil, err
	}
	if control != "" {
		if roomID != "" {
			return config{}, nil, errors.New("-room needs the real API, but VIDEOSDK_FAKE_CONTROL_URL names a fake")
		}
		fmt.Fprintln(w, "Using the fake API of 'videosdk fake' (VIDEOSDK_FAKE_CONTROL_URL is set).")
		return config{client: client, fake: newFakeControl(control, client)}, func() {}, nil
	}
	fmt.Fprintln(w, "Using the VideoSDK API with the credentials from VIDEOSDK_API_KEY / VIDEOSDK_SECRET.")
	return config{client: client, roomID: roomID, hlsWait: 30 * time.Second, fileWait: 90 * time.Second}, func() {}, nil
}

// transcript numbers the steps it prints.
type transcript struct {
	w io.Writer
	n int
}

func (t *transcript) step(format string, args ...any) {
	t.n++
	fmt.Fprintf(t.w, "%2d. %s\n", t.n, fmt.Sprintf(format, args...))
}

func (t *transcript) note(format string, args ...any) {
	fmt.Fprintf(t.w, "    %s\n", fmt.Sprintf(format, args...))
}

// run walks the main job: room, participant token, validation, the live
// session and its participants, a recording (start, stop, wait for its
// file), the recordings list, HLS with its playback URL and a thumbnail.
func run(ctx context.Context, w io.Writer, cfg config) error {
	c := cfg.client
	t := &transcript{w: w}

	// 1. A room: created here, or the one named with -room.
	var room *videosdk.Room
	var err error
	if cfg.roomID == "" {
		if room, err = c.Rooms.Create(ctx, videosdk.CreateRoomParams{}); err != nil {
			return fmt.Errorf("creating a room: %w", err)
		}
		t.step("Created room %s", room.RoomID)
	} else {
		t.step("Using room %s", cfg.roomID)
	}
	roomID := cfg.roomID
	if room != nil {
		roomID = room.RoomID
	}

	// 2. A token for a front end: may join this room only, cannot call the server API.
	const ttl = 2 * time.Hour
	tok, err := c.GenerateToken(videosdk.TokenParams{
		RoomID:      roomID,
		Permissions: []videosdk.Permission{videosdk.PermissionAllowJoin},
		Roles:       []videosdk.Role{videosdk.RoleRTC},
		TTL:         ttl,
	})
	if err != nil {
		return fmt.Errorf("minting a participant token: %w", err)
	}
	t.step("Minted a participant token for the room (%d bytes, role rtc, allow_join, valid %v)", len(tok), ttl)

	if cfg.fake != nil {
		// What a front end would do with that token: join, which starts the session.
		if _, err := cfg.fake.StartSession(roomID); err != nil {
			return fmt.Errorf("simulating a session: %w", err)
		}
		if _, err := cfg.fake.Join(roomID, "Asha"); err != nil {
			return fmt.Errorf("simulating a participant: %w", err)
		}
		t.note("(fake) a participant named Asha joined the room, which started a live session")
	}

	// 3. Validate the room.
	v, err := c.Rooms.Validate(ctx, roomID)
	if err != nil {
		return fmt.Errorf("validating room %s: %w", roomID, err)
	}
	state := "enabled"
	if v.Disabled {
		state = "deactivated"
	}
	t.step("Validated the room: it exists and is %s", state)

	// 4. The live session and who is in it.
	live, err := c.Sessions.List(ctx, videosdk.ListSessionsParams{
		RoomID: roomID, Status: videosdk.SessionOngoing, ListOptions: videosdk.ListOptions{PerPage: 1},
	})
	if err != nil {
		return fmt.Errorf("looking for the live session: %w", err)
	}
	if len(live.Data) == 0 {
		t.step("No live session in room %s", roomID)
		t.note("Note: recording and HLS need a meeting in progress, which this program cannot start.")
		t.note("Join the room from a VideoSDK client app, then run again with -room %s", roomID)
		t.note("to run the remaining steps. Skipping them now.")
		fmt.Fprintln(w, "Done (live steps skipped).")
		return nil
	}
	session := live.Data[0]
	var names []string
	for p, err := range c.Sessions.AllActiveParticipants(ctx, session.ID, videosdk.ListOptions{}) {
		if err != nil {
			return fmt.Errorf("listing participants: %w", err)
		}
		names = append(names, fmt.Sprintf("%s (%s)", p.Name, p.ParticipantID))
	}
	t.step("Found live session %s with %d participant(s): %s", session.ID, len(names), strings.Join(names, ", "))

	// 5-7. Record the meeting: start, stop that very recording, wait for its file.
	started, err := c.Recordings.Start(ctx, videosdk.StartRecordingParams{
		RoomID: roomID,
		Config: &videosdk.CompositionConfig{Layout: &videosdk.Layout{Type: videosdk.LayoutGrid}, Quality: videosdk.QualityHigh},
	})
	if err != nil {
		return fmt.Errorf("starting a recording: %w", err)
	}
	// The API answers a start with a sentence, not the recording's id:
	// FindStarted finds the recording this call started among the room's.
	fctx, cancel := context.WithTimeout(ctx, time.Minute)
	rec, err := c.Recordings.FindStarted(fctx, started)
	cancel()
	var id string
	switch {
	case err == nil:
		id = rec.ID
		t.step("Started recording %s (grid layout, high quality)", id)
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		t.step("Started a recording (grid layout, high quality): %q; it is not listed yet", started.Message)
	default:
		return fmt.Errorf("finding the recording: %w", err)
	}
	if err := c.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: roomID, ID: id}); err != nil {
		return fmt.Errorf("stopping the recording: %w", err)
	}
	t.step("Stopped the recording")
	if err := waitForFile(ctx, t, c, id, cfg.fileWait); err != nil {
		return err
	}

	// 8. Every recording of the room, page by page.
	t.step("Recordings of the room:")
	n := 0
	for rec, err := range c.Recordings.All(ctx, videosdk.ListRecordingsParams{RoomID: roomID}) {
		if err != nil {
			return fmt.Errorf("listing recordings: %w", err)
		}
		n++
		if rec.File == nil {
			t.note("- %s (still processing)", rec.ID)
			continue
		}
		t.note("- %s: %s, %.1f s, %d bytes, %s", rec.ID, rec.File.Meta.Format, rec.File.Meta.Duration, rec.File.Size, rec.File.FileURL)
	}
	if n == 0 {
		t.note("(none listed yet: the API lists a recording once it has been processed)")
	}

	// 9-12. Stream the meeting over HLS.
	stream, err := c.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: roomID})
	if err != nil {
		return fmt.Errorf("starting HLS: %w", err)
	}
	t.step("Started HLS stream %s", stream.ID)
	hls, err := waitForHLS(ctx, c, roomID, cfg.hlsWait)
	if err != nil {
		return fmt.Errorf("reading the active HLS stream: %w", err)
	}
	t.step("Playback URL: %s", hls.PlaybackHLSURL)
	shot, err := c.HLS.Capture(ctx, videosdk.CaptureHLSParams{RoomID: roomID})
	if err != nil {
		return fmt.Errorf("capturing a thumbnail: %w", err)
	}
	t.step("Captured a thumbnail: %dx%d %s at %s", shot.Meta.Width, shot.Meta.Height, shot.Meta.Format, shot.FilePath)
	if err := c.HLS.Stop(ctx, videosdk.StopHLSParams{RoomID: roomID}); err != nil {
		return fmt.Errorf("stopping HLS: %w", err)
	}
	t.step("Stopped HLS")
	fmt.Fprintln(w, "Done.")
	return nil
}

// waitForFile waits (at most wait) for the stopped recording's file with
// Recordings.WaitForFile and prints it. A recording that was not found, or
// one still processing when wait has passed, is noted, not an error: the
// file arrives later (the webhooks example shows how to learn when).
func waitForFile(ctx context.Context, t *transcript, c *videosdk.Client, id string, wait time.Duration) error {
	if id == "" {
		t.step("The recording was not found yet: find its file in the list below once processed")
		return nil
	}
	if wait <= 0 {
		wait = time.Minute
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	rec, err := c.Recordings.WaitForFile(wctx, id)
	switch {
	case err == nil:
		f := rec.File
		t.step("Its file is ready: %s, %.1f s, %d bytes, %s", f.Meta.Format, f.Meta.Duration, f.Size, f.FileURL)
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		t.step("Its file is still processing after %v; it appears in the list below once ready", wait)
	default:
		return fmt.Errorf("waiting for the recording's file: %w", err)
	}
	return nil
}

// waitForHLS polls the room's active HLS stream until it answers or wait
// has passed: a stream just started may need a few seconds to go live.
func waitForHLS(ctx context.Context, c *videosdk.Client, roomID string, wait time.Duration) (*videosdk.HLSStream, error) {
	deadline := time.Now().Add(wait)
	for {
		hls, err := c.HLS.GetActive(ctx, roomID)
		if err == nil || !errors.Is(err, videosdk.ErrNotFound) || time.Now().After(deadline) {
			return hls, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}
