package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// stableFake is a fake whose ids and times repeat from run to run.
func stableFake(t *testing.T) *videosdktest.Server {
	t.Helper()
	now := time.Date(2025, 5, 6, 9, 14, 0, 0, time.UTC)
	srv := videosdktest.NewServer(
		videosdktest.WithSeed(7),
		videosdktest.WithClock(func() time.Time { now = now.Add(2 * time.Second); return now }),
	)
	t.Cleanup(srv.Close)
	return srv
}

const wantTranscript = ` 1. Created room ny32-ro0w-yap6
 2. Minted a participant token for the room (276 bytes, role rtc, allow_join, valid 2h0m0s)
    (fake) a participant named Asha joined the room, which started a live session
 3. Validated the room: it exists and is enabled
 4. Found live session 6819d2deccbe61526d9e56cd with 1 participant(s): Asha (ju2j4n9l)
 5. Started recording 6819d2e89f989194b88ad103 (grid layout, high quality)
 6. Stopped the recording
 7. Its file is ready: mp4, 4.0 s, 250000 bytes, FAKE/cdn/uploads/videos/6819d2ee721221561a5f8edf.mp4
 8. Recordings of the room:
    - 6819d2e89f989194b88ad103: mp4, 4.0 s, 250000 bytes, FAKE/cdn/uploads/videos/6819d2ee721221561a5f8edf.mp4
 9. Started HLS stream 6819d2f258e85087d997eb30
10. Playback URL: FAKE/cdn/meetings-hls/c58ce482-2c82-4768-a370-8ac37497bf8f/index.m3u8
11. Captured a thumbnail: 1920x1080 jpg at FAKE/cdn/thumbnail/ny32-ro0w-yap6-1746522870-1.jpg
12. Stopped HLS
Done.
`

func TestRunAgainstFake(t *testing.T) {
	t.Parallel()
	srv := stableFake(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, config{client: srv.Client(), fake: srv}))
	got := strings.ReplaceAll(out.String(), srv.URL(), "FAKE")
	assert.Equal(t, wantTranscript, got)

	// The transcript reflects what happened on the server.
	assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/start"))
	assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/end"))
	assert.Equal(t, 1, srv.Requests("POST", "/v2/hls/capture"))
	assert.Equal(t, 1, srv.Requests("POST", "/v2/hls/end"))
}

func TestRunFailsOnAnyError(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"/v2/rooms", "/v2/recordings/start", "/v2/hls/capture"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(0))
			t.Cleanup(srv.Close)
			srv.InjectFault("POST", path, 1, videosdktest.Fault{Status: 500})
			var out bytes.Buffer
			err := run(context.Background(), &out, config{client: srv.Client(), fake: srv})
			require.Error(t, err)
			assert.ErrorIs(t, err, videosdk.ErrServer)
			assert.NotContains(t, out.String(), "Done")
		})
	}
}

// The real-API path, exercised with the fake standing in for the real API
// (VIDEOSDK_API_ENDPOINT): a new room has no live session, so the live steps
// are skipped with a note; with -room naming a live room every step runs.
// The fake's jobs are done by the next request: the tests of setup run one
// at a time (t.Setenv), so none waits out the default processing time.
func TestSetupAndRealAPIPath(t *testing.T) {
	srv := videosdktest.NewServer(videosdktest.WithProcessingDelay(0))
	t.Cleanup(srv.Close)
	t.Setenv("VIDEOSDK_API_KEY", srv.APIKey)
	t.Setenv("VIDEOSDK_SECRET", srv.Secret)
	t.Setenv("VIDEOSDK_API_ENDPOINT", srv.URL())
	t.Setenv("VIDEOSDK_FAKE_CONTROL_URL", "")

	var out bytes.Buffer
	cfg, closeFn, err := setup(&out, "")
	require.NoError(t, err)
	defer closeFn()
	assert.Nil(t, cfg.fake)
	assert.Contains(t, out.String(), "credentials from VIDEOSDK_API_KEY")
	require.NoError(t, run(context.Background(), &out, cfg))
	assert.Contains(t, out.String(), "No live session in room")
	assert.Contains(t, out.String(), "Done (live steps skipped).")
	assert.Equal(t, 0, srv.Requests("POST", "/v2/recordings/start"))

	// A room with a meeting in progress, named with -room.
	room, err := cfg.client.Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)
	_, err = srv.Join(room.RoomID, "Ravi")
	require.NoError(t, err)
	out.Reset()
	cfg, closeFn, err = setup(&out, room.RoomID)
	require.NoError(t, err)
	defer closeFn()
	require.NoError(t, run(context.Background(), &out, cfg))
	assert.Contains(t, out.String(), "Using room "+room.RoomID)
	assert.Contains(t, out.String(), "1 participant(s): Ravi")
	assert.Contains(t, out.String(), "Stopped HLS\nDone.\n")

	// Only one of the two variables: an error, not a silent fallback to the fake.
	t.Setenv("VIDEOSDK_SECRET", "")
	_, _, err = setup(&out, "")
	assert.ErrorIs(t, err, videosdk.ErrInvalidParams)
}

func TestSetupWithoutCredentialsUsesFake(t *testing.T) {
	t.Setenv("VIDEOSDK_API_KEY", "")
	t.Setenv("VIDEOSDK_SECRET", "")
	var out bytes.Buffer
	cfg, closeFn, err := setup(&out, "", videosdktest.WithProcessingDelay(0))
	require.NoError(t, err)
	defer closeFn()
	require.NotNil(t, cfg.fake)
	assert.Contains(t, out.String(), "videosdktest")
	require.NoError(t, run(context.Background(), &out, cfg))
	assert.True(t, strings.HasSuffix(out.String(), "Stopped HLS\nDone.\n"), out.String())

	_, _, err = setup(&out, "abcd-efgh-ijkl")
	assert.Error(t, err, "-room needs the real API")
}

// With the variables 'videosdk fake' prints, the quickstart drives the fake
// process's control routes to simulate the participant, so every step runs.
func TestSetupWithFakeProcess(t *testing.T) {
	srv := videosdktest.NewServer(videosdktest.WithControlRoutes(), videosdktest.WithProcessingDelay(0))
	t.Cleanup(srv.Close)
	t.Setenv("VIDEOSDK_API_KEY", srv.APIKey)
	t.Setenv("VIDEOSDK_SECRET", srv.Secret)
	t.Setenv("VIDEOSDK_API_ENDPOINT", srv.URL())
	t.Setenv("VIDEOSDK_FAKE_CONTROL_URL", srv.URL()+"/_fake")

	var out bytes.Buffer
	cfg, closeFn, err := setup(&out, "")
	require.NoError(t, err)
	defer closeFn()
	require.NotNil(t, cfg.fake)
	assert.Contains(t, out.String(), "'videosdk fake'")
	require.NoError(t, run(context.Background(), &out, cfg))
	assert.Contains(t, out.String(), "(fake) a participant named Asha joined")
	assert.Contains(t, out.String(), "1 participant(s): Asha")
	assert.True(t, strings.HasSuffix(out.String(), "Stopped HLS\nDone.\n"), out.String())
	assert.Equal(t, 1, srv.Requests("POST", "/v2/recordings/start"))

	_, _, err = setup(&out, "abcd-efgh-ijkl")
	assert.Error(t, err, "-room needs the real API")

	// A fake without control routes: the simulation fails with the fake's answer.
	plain := videosdktest.NewServer()
	t.Cleanup(plain.Close)
	fc := newFakeControl(plain.URL()+"/_fake/", plain.Client())
	_, err = fc.Join("abcd-efgh-ijkl", "Asha")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "404")
}
