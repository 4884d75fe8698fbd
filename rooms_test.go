package videosdk

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"net/http"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestRoomsCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/rooms", golden: "rooms_create", fixture: "rooms_create.json"})
	room, err := c.Rooms.Create(context.Background(), CreateRoomParams{
		CustomRoomID:          "team-standup-42",
		GeoFence:              GeoFenceUS002,
		Webhook:               &RoomWebhook{EndPoint: "https://hooks.example.com/videosdk", Events: []WebhookEventType{WebhookSessionStarted, "recording-*"}},
		AutoCloseConfig:       &AutoCloseConfig{Type: AutoCloseSessionEndAndDeactivate, Duration: 60},
		MultiComposition:      &MultiComposition{Recording: true},
		AllowedParticipantIDs: []string{"p8x2kq1z", "h3n7w0cd"},
		AutoStartConfig: &AutoStartConfig{
			Recording: &AutoStartRecording{
				Config:        &CompositionConfig{Layout: &Layout{Type: LayoutGrid, Priority: PrioritySpeaker, GridSize: 4}, Theme: ThemeDark, Mode: ModeVideoAndAudio, Quality: QualityHigh, Orientation: OrientationLandscape},
				TemplateURL:   "https://layouts.example.com/grid",
				Transcription: &Transcription{Enabled: true, Summary: &Summary{Enabled: true, Prompt: "Action items"}},
				AWSDirPath:    "standups/",
			},
			HLS: &AutoStartHLS{Config: &CompositionConfig{Layout: &Layout{Type: LayoutSidebar, Priority: PriorityPin}, Recording: &RecordingToggle{Enabled: true}, Orientation: OrientationPortrait}},
		},
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, "tq7v-m2xk-9hdp", room.RoomID)
	assert.Equal(t, "team-standup-42", room.CustomRoomID)
	assert.Equal(t, "6819d3fb2c1e4a0013f0aa01", room.ID)
	assert.Equal(t, "65a0f1e2d3c4b5a697887766", room.UserID)
	assert.False(t, room.Disabled)
	assert.Equal(t, time.Date(2025, 5, 6, 9, 14, 3, 512e6, time.UTC), room.CreatedAt)
	assert.Equal(t, GeoFenceUS002, room.GeoFence)
	require.NotNil(t, room.Webhook)
	assert.Equal(t, []WebhookEventType{WebhookSessionStarted, "recording-*"}, room.Webhook.Events)
	require.NotNil(t, room.AutoCloseConfig)
	assert.Equal(t, AutoCloseSessionEndAndDeactivate, room.AutoCloseConfig.Type)
	assert.Equal(t, []string{"p8x2kq1z", "h3n7w0cd"}, room.AllowedParticipantIDs)
	require.NotNil(t, room.Links)
	assert.Equal(t, "https://api.videosdk.live/v2/rooms/tq7v-m2xk-9hdp", room.Links.GetRoom)
}

func TestRoomsCreateEmpty(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/rooms", golden: "rooms_create_empty", fixture: "rooms_validate.json"})
	_, err := c.Rooms.Create(context.Background(), CreateRoomParams{})
	require.NoError(t, err)
	check()
}

func TestRoomsValidate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/rooms/validate/team%20standup", fixture: "rooms_validate.json"})
	room, err := c.Rooms.Validate(context.Background(), "team standup")
	require.NoError(t, err)
	check()
	assert.Equal(t, "tq7v-m2xk-9hdp", room.RoomID)
}

func TestRoomsValidateUnknownIsNotFound(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 402, 404} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", "=~/v2/rooms/validate/", func(*http.Request) (*http.Response, error) {
			return httpmock.NewStringResponse(status, `{"message":"Room not found."}`), nil
		})
		_, err := c.Rooms.Validate(context.Background(), "nope-nope-nope")
		require.Error(t, err)
		assert.True(t, errors.Is(err, ErrNotFound), "status %d", status)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, status, apiErr.StatusCode)
		assert.Equal(t, "Room not found.", apiErr.Message)
	}
}

func TestRoomsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/rooms/tq7v-m2xk-9hdp", fixture: "rooms_get.json"})
	room, err := c.Rooms.Get(context.Background(), "tq7v-m2xk-9hdp")
	require.NoError(t, err)
	check()
	assert.Equal(t, "tq7v-m2xk-9hdp", room.RoomID)
	assert.Empty(t, room.CustomRoomID)
	require.NotNil(t, room.User)
	assert.Equal(t, "ops@example.com", room.User.Email)
	assert.Equal(t, "Example Org", room.User.Name)
	assert.Equal(t, "65a0f1e2d3c4b5a697887766", room.User.ID)
	assert.Nil(t, room.User.DiscontinuedReason)
}

func TestRoomsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/rooms", query: map[string]string{"page": "2", "perPage": "5", "query": "team-standup-42"}, fixture: "rooms_list.json"})
	page, err := c.Rooms.List(context.Background(), ListRoomsParams{ListOptions: ListOptions{Page: 2, PerPage: 5}, Query: "team-standup-42"})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 20, LastPage: 3, Total: 47}, page.PageInfo)
	require.Len(t, page.Data, 2)
	assert.True(t, page.Data[1].Disabled)
	assert.True(t, page.HasNext())
}

func TestRoomsDeactivate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/rooms/deactivate", golden: "rooms_deactivate", fixture: "rooms_deactivate.json"})
	room, err := c.Rooms.Deactivate(context.Background(), "tq7v-m2xk-9hdp")
	require.NoError(t, err)
	check()
	assert.Equal(t, "tq7v-m2xk-9hdp", room.RoomID, "legacy meetingId")
	assert.Equal(t, "team-standup-42", room.CustomRoomID, "legacy userMeetingId")
	assert.True(t, room.Disabled)
	require.NotNil(t, room.User)
}

func TestRoomsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"get empty":        func() error { _, err := c.Rooms.Get(ctx, ""); return err },
		"get slash":        func() error { _, err := c.Rooms.Get(ctx, "a/b"); return err },
		"get dotdot":       func() error { _, err := c.Rooms.Get(ctx, ".."); return err },
		"validate dot":     func() error { _, err := c.Rooms.Validate(ctx, "."); return err },
		"deactivate blank": func() error { _, err := c.Rooms.Deactivate(ctx, "  "); return err },
		"webhook no url": func() error {
			_, err := c.Rooms.Create(ctx, CreateRoomParams{Webhook: &RoomWebhook{Events: []WebhookEventType{"*"}}})
			return err
		},
		"autoclose type": func() error {
			_, err := c.Rooms.Create(ctx, CreateRoomParams{AutoCloseConfig: &AutoCloseConfig{Type: "never"}})
			return err
		},
		"layout": func() error {
			_, err := c.Rooms.Create(ctx, CreateRoomParams{AutoStartConfig: &AutoStartConfig{HLS: &AutoStartHLS{Config: &CompositionConfig{Layout: &Layout{Type: "MOSAIC"}}}}})
			return err
		},
		"perPage": func() error {
			_, err := c.Rooms.List(ctx, ListRoomsParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}

// TestGeoFenceUnknownRegionIsSent: a region the SDK does not list (VideoSDK
// adds regions) is sent as given; the API decides.
func TestGeoFenceUnknownRegionIsSent(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var got map[string]any
	mt.RegisterResponder("POST", testutil.URL("/v2/rooms"), func(r *http.Request) (*http.Response, error) {
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			return nil, err
		}
		return httpmock.NewStringResponse(200, `{"roomId":"r-1","id":"d","geoFence":"jp001"}`), nil
	})
	room, err := c.Rooms.Create(context.Background(), CreateRoomParams{GeoFence: "jp001"})
	require.NoError(t, err)
	assert.Equal(t, "jp001", got["geoFence"])
	assert.Equal(t, GeoFence("jp001"), room.GeoFence)
}
