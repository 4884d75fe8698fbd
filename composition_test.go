package videosdk_test

// The request rules of internal/compose, seen from both sides: every config
// the SDK refuses is refused before any request is sent, and the very same
// body sent raw to the videosdktest fake is answered 400; every config the
// SDK sends is accepted by the fake.

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/compose"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// rawPost sends body to the fake with a valid management token and returns
// the status and the decoded JSON error body.
func rawPost(t *testing.T, srv *videosdktest.Server, path string, body []byte) (int, map[string]any) {
	t.Helper()
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"apikey": srv.APIKey, "permissions": []string{"allow_join", "allow_mod"}, "version": 2,
		"roles": []string{"crawler"}, "exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte(srv.Secret))
	require.NoError(t, err)
	method := http.MethodPost
	var rd *bytes.Reader
	if body == nil {
		method, rd = http.MethodGet, bytes.NewReader(nil)
	} else {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", tok)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	return res.StatusCode, m
}

// ruleCase is one request: the SDK call, and the path and body the fake gets.
type ruleCase struct {
	name string
	path string
	body any // marshalled as the SDK marshals it; nil for a GET (path carries the query)
	call func(ctx context.Context, c *videosdk.Client) error
}

func composeCases(roomID string) (bad, good []ruleCase) {
	grid := func(p videosdk.LayoutPriority) *videosdk.Layout {
		return &videosdk.Layout{Type: videosdk.LayoutGrid, Priority: p}
	}
	hls := func(name string, p videosdk.StartHLSParams) ruleCase {
		p.RoomID = roomID
		return ruleCase{name, "/v2/hls/start", p, func(ctx context.Context, c *videosdk.Client) error {
			_, err := c.HLS.Start(ctx, p)
			return err
		}}
	}
	rtmp := func(name string, cfg *videosdk.CompositionConfig) ruleCase {
		p := videosdk.StartLivestreamParams{RoomID: roomID, Config: cfg,
			Outputs: []videosdk.RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "sk-1"}}}
		return ruleCase{name, "/v2/livestreams/start", p, func(ctx context.Context, c *videosdk.Client) error {
			_, err := c.Livestreams.Start(ctx, p)
			return err
		}}
	}
	rec := func(name string, cfg *videosdk.CompositionConfig) ruleCase {
		p := videosdk.StartRecordingParams{RoomID: roomID, Config: cfg}
		return ruleCase{name, "/v2/recordings/start", p, func(ctx context.Context, c *videosdk.Client) error {
			_, err := c.Recordings.Start(ctx, p)
			return err
		}}
	}
	room := func(name string, p videosdk.CreateRoomParams) ruleCase {
		return ruleCase{name, "/v2/rooms", p, func(ctx context.Context, c *videosdk.Client) error {
			_, err := c.Rooms.Create(ctx, p)
			return err
		}}
	}
	autoHLS := func(cfg *videosdk.CompositionConfig) videosdk.CreateRoomParams {
		return videosdk.CreateRoomParams{AutoStartConfig: &videosdk.AutoStartConfig{HLS: &videosdk.AutoStartHLS{Config: cfg}}}
	}
	autoRec := func(cfg *videosdk.CompositionConfig) videosdk.CreateRoomParams {
		return videosdk.CreateRoomParams{AutoStartConfig: &videosdk.AutoStartConfig{Recording: &videosdk.AutoStartRecording{Config: cfg}}}
	}
	bad = []ruleCase{
		hls("HLS layout without priority", videosdk.StartHLSParams{Config: &videosdk.CompositionConfig{Layout: grid("")}}),
		hls("HLS quality without layout", videosdk.StartHLSParams{Config: &videosdk.CompositionConfig{Quality: videosdk.QualityHigh}}),
		hls("HLS grid size 26", videosdk.StartHLSParams{Config: &videosdk.CompositionConfig{Layout: &videosdk.Layout{Priority: videosdk.PriorityPin, GridSize: 26}}}),
		hls("HLS unknown theme", videosdk.StartHLSParams{Config: &videosdk.CompositionConfig{Layout: grid(videosdk.PriorityPin), Theme: "NEON"}}),
		hls("HLS summary without transcription", videosdk.StartHLSParams{Summary: &videosdk.Summary{Enabled: true}}),
		hls("HLS relative template", videosdk.StartHLSParams{TemplateURL: "layouts/grid"}),
		rtmp("RTMP layout without priority", &videosdk.CompositionConfig{Layout: grid("")}),
		rtmp("RTMP orientation without layout", &videosdk.CompositionConfig{Orientation: videosdk.OrientationPortrait}),
		rtmp("RTMP negative grid size", &videosdk.CompositionConfig{Layout: &videosdk.Layout{Priority: videosdk.PriorityPin, GridSize: -1}}),
		rec("recording quality without layout", &videosdk.CompositionConfig{Quality: videosdk.QualityHigh}),
		rec("recording with config.recording", &videosdk.CompositionConfig{Recording: &videosdk.RecordingToggle{Enabled: true}}),
		rec("recording unknown layout", &videosdk.CompositionConfig{Layout: &videosdk.Layout{Type: "MOSAIC"}}),
		room("auto-start HLS layout without priority", autoHLS(&videosdk.CompositionConfig{Layout: grid("")})),
		room("auto-start HLS unknown quality", autoHLS(&videosdk.CompositionConfig{Layout: grid(videosdk.PrioritySpeaker), Quality: "4k"})),
		room("auto-start HLS quality without layout", autoHLS(&videosdk.CompositionConfig{Quality: videosdk.QualityMed})),
		room("auto-start recording unknown mode", autoRec(&videosdk.CompositionConfig{Mode: "video-only"})),
		room("auto-start recording summary without transcription", videosdk.CreateRoomParams{AutoStartConfig: &videosdk.AutoStartConfig{
			Recording: &videosdk.AutoStartRecording{Transcription: &videosdk.Transcription{Summary: &videosdk.Summary{Enabled: true}}}}}),
		room("auto-close negative duration", videosdk.CreateRoomParams{AutoCloseConfig: &videosdk.AutoCloseConfig{Duration: -1}}),
		room("auto-close unknown type", videosdk.CreateRoomParams{AutoCloseConfig: &videosdk.AutoCloseConfig{Type: "never"}}),
		{"merge list unknown status", "/v2/recordings/participant/merge?status=done", nil, func(ctx context.Context, c *videosdk.Client) error {
			_, err := c.Merges.List(ctx, videosdk.ListMergesParams{Status: "done"})
			return err
		}},
		{"capture too wide", "/v2/hls/capture", videosdk.CaptureHLSParams{RoomID: roomID, Width: 1_000_000_000, Height: 1_000_000_000},
			func(ctx context.Context, c *videosdk.Client) error {
				_, err := c.HLS.Capture(ctx, videosdk.CaptureHLSParams{RoomID: roomID, Width: 1_000_000_000, Height: 1_000_000_000})
				return err
			}},
	}
	good = []ruleCase{
		hls("HLS full config", videosdk.StartHLSParams{Config: &videosdk.CompositionConfig{
			Layout: &videosdk.Layout{Type: videosdk.LayoutSidebar, Priority: videosdk.PriorityPin, GridSize: 25}, Theme: videosdk.ThemeDark,
			Mode: videosdk.ModeVideoAndAudio, Quality: videosdk.QualityUltra, Orientation: videosdk.OrientationPortrait,
			Recording: &videosdk.RecordingToggle{Enabled: true}}}),
		hls("HLS mode only", videosdk.StartHLSParams{Config: &videosdk.CompositionConfig{Mode: videosdk.ModeAudio}}),
		rtmp("RTMP layout with priority", &videosdk.CompositionConfig{Layout: grid(videosdk.PrioritySpeaker), Theme: videosdk.ThemeLight}),
		rec("recording layout without priority", &videosdk.CompositionConfig{Layout: grid(""), Quality: videosdk.QualityLow}),
		room("auto-start both", videosdk.CreateRoomParams{
			AutoStartConfig: &videosdk.AutoStartConfig{
				Recording: &videosdk.AutoStartRecording{Config: &videosdk.CompositionConfig{Layout: grid("")}},
				HLS:       &videosdk.AutoStartHLS{Config: &videosdk.CompositionConfig{Layout: grid(videosdk.PriorityPin), Quality: videosdk.QualityMed}},
			},
			AutoCloseConfig: &videosdk.AutoCloseConfig{Type: videosdk.AutoCloseSessionEnds, Duration: 30},
		}),
	}
	return bad, good
}

func TestComposeRulesRefusedBySDKAndFake(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client(videosdk.WithMaxRetries(0))
	ctx := context.Background()
	room, _, _ := liveRoom(t, srv, c, "Asha")
	_, err := c.HLS.Start(ctx, videosdk.StartHLSParams{RoomID: room.RoomID}) // so that only the size can fail a capture
	require.NoError(t, err)

	bad, _ := composeCases(room.RoomID)
	for _, tc := range bad {
		before := srv.Requests("", "/v2/*") + srv.Requests("", "/v2/*/*") + srv.Requests("", "/v2/*/*/*")
		err := tc.call(ctx, c)
		assert.ErrorIs(t, err, videosdk.ErrInvalidParams, tc.name)
		after := srv.Requests("", "/v2/*") + srv.Requests("", "/v2/*/*") + srv.Requests("", "/v2/*/*/*")
		assert.Equal(t, before, after, "%s: the SDK sent a request", tc.name)

		var body []byte
		if tc.body != nil {
			body, err = json.Marshal(tc.body)
			require.NoError(t, err)
		}
		status, m := rawPost(t, srv, tc.path, body)
		assert.Equal(t, http.StatusBadRequest, status, "%s: the fake accepted %s", tc.name, body)
		assert.NotEmpty(t, m["message"], tc.name)
		assert.Len(t, m, 1, "%s: an error body is {\"message\"} only: %v", tc.name, m)
	}
}

func TestComposeRulesAcceptedBySDKAndFake(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client(videosdk.WithMaxRetries(0))
	ctx := context.Background()
	_, good := composeCases("")
	for _, sdk := range []bool{true, false} { // through the SDK, then raw
		for i := range good {
			room, _, _ := liveRoom(t, srv, c, "Asha") // a fresh live room for each start
			_, cases := composeCases(room.RoomID)
			tc := cases[i]
			if sdk {
				assert.NoError(t, tc.call(ctx, c), tc.name)
				continue
			}
			body, err := json.Marshal(tc.body)
			require.NoError(t, err)
			status, m := rawPost(t, srv, tc.path, body)
			assert.Equal(t, http.StatusOK, status, "%s: %v", tc.name, m)
		}
	}
}

// The enum values the SDK's constants name are the values the shared rules
// accept, in the same order.
func TestComposeEnumsMatchSDKConstants(t *testing.T) {
	t.Parallel()
	strs := func(vs ...any) []string {
		var out []string
		for _, v := range vs {
			b, err := json.Marshal(v)
			require.NoError(t, err)
			var s string
			require.NoError(t, json.Unmarshal(b, &s))
			out = append(out, s)
		}
		return out
	}
	assert.Equal(t, compose.LayoutTypes, strs(videosdk.LayoutGrid, videosdk.LayoutSpotlight, videosdk.LayoutSidebar))
	assert.Equal(t, compose.LayoutPriorities, strs(videosdk.PrioritySpeaker, videosdk.PriorityPin))
	assert.Equal(t, compose.Themes, strs(videosdk.ThemeDark, videosdk.ThemeLight, videosdk.ThemeDefault))
	assert.Equal(t, compose.Modes, strs(videosdk.ModeVideoAndAudio, videosdk.ModeAudio))
	assert.Equal(t, compose.Qualities, strs(videosdk.QualityLow, videosdk.QualityMed, videosdk.QualityHigh, videosdk.QualityUltra))
	assert.Equal(t, compose.Orientations, strs(videosdk.OrientationLandscape, videosdk.OrientationPortrait))
	assert.Equal(t, compose.AutoCloseTypes, strs(videosdk.AutoCloseSessionEnds, videosdk.AutoCloseSessionEndAndDeactivate))
	assert.Equal(t, compose.MergeStatuses, strs(videosdk.MergeStatusRunning, videosdk.MergeStatusCompleted, videosdk.MergeStatusFailed))
	assert.Equal(t, compose.MaxGridSize, videosdk.MaxGridSize)
}
