package videosdk

import (
	"context"
	"errors"
	"iter"
	"net/url"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

// RoomsService creates, validates, lists, gets and deactivates rooms.
type RoomsService service

// GeoFence pins a room's media servers to a region.
type GeoFence string

// Regions VideoSDK documented when this SDK was released. The API adds
// regions: CreateRoomParams.GeoFence is sent as given, and the API decides.
const (
	GeoFenceUS001  GeoFence = "us001"
	GeoFenceUS002  GeoFence = "us002"
	GeoFenceUK001  GeoFence = "uk001"
	GeoFenceEU001  GeoFence = "eu001"
	GeoFenceSG001  GeoFence = "sg001"
	GeoFenceSG002  GeoFence = "sg002"
	GeoFenceIN001  GeoFence = "in001"
	GeoFenceIN002  GeoFence = "in002"
	GeoFenceIN003  GeoFence = "in003"
	GeoFenceUAE001 GeoFence = "uae001"
	GeoFenceAUS001 GeoFence = "aus001"
	GeoFenceDev1   GeoFence = "dev1"
)

// AutoCloseType says when a room closes.
type AutoCloseType string

// Auto-close types.
const (
	// AutoCloseSessionEnds closes the session when it ends (the default).
	AutoCloseSessionEnds AutoCloseType = "session-ends"
	// AutoCloseSessionEndAndDeactivate also deactivates the room: it serves one session only.
	AutoCloseSessionEndAndDeactivate AutoCloseType = "session-end-and-deactivate"
)

// RoomWebhook subscribes an endpoint to a room's events.
type RoomWebhook struct {
	// EndPoint receives the events by POST (at most 512 characters).
	EndPoint string `json:"endPoint"`
	// Events are the event types to send, or patterns in which '*' stands
	// for any run of characters, such as "*" or "recording-*".
	Events []WebhookEventType `json:"events,omitempty"`
}

// AutoCloseConfig controls when a room closes.
type AutoCloseConfig struct {
	Type AutoCloseType `json:"type,omitempty"`
	// Duration: the docs say minutes (default 480), the Node SDK says seconds;
	// the value is sent as given.
	Duration int `json:"duration,omitempty"`
}

// AutoStartConfig starts compositions automatically when a session begins.
type AutoStartConfig struct {
	Recording *AutoStartRecording `json:"recording,omitempty"`
	HLS       *AutoStartHLS       `json:"hls,omitempty"`
	// Composite is passed through as given (newer API only, undocumented shape).
	Composite map[string]any `json:"composite,omitempty"`
}

// AutoStartRecording is autoStartConfig.recording.
type AutoStartRecording struct {
	Config        *CompositionConfig `json:"config,omitempty"`
	TemplateURL   string             `json:"templateUrl,omitempty"`
	Transcription *Transcription     `json:"transcription,omitempty"`
	// AWSDirPath is the folder in the customer's configured bucket.
	AWSDirPath string `json:"awsDirPath,omitempty"`
}

// AutoStartHLS is autoStartConfig.hls.
type AutoStartHLS struct {
	Config        *CompositionConfig `json:"config,omitempty"`
	TemplateURL   string             `json:"templateUrl,omitempty"`
	Transcription *Transcription     `json:"transcription,omitempty"`
}

// MultiComposition allows several compositions of one kind in a room.
type MultiComposition struct {
	Recording bool `json:"recording,omitempty"`
	HLS       bool `json:"hls,omitempty"`
	RTMP      bool `json:"rtmp,omitempty"`
}

// CreateRoomParams is the body of Rooms.Create. Every field is optional: the
// zero value creates a room with the defaults.
type CreateRoomParams struct {
	// CustomRoomID is the caller's own id. Creation is idempotent on it: the
	// existing room is returned when one has this id.
	CustomRoomID string `json:"customRoomId,omitempty"`
	// GeoFence pins the room to a region (replaces the discontinued "region").
	GeoFence         GeoFence          `json:"geoFence,omitempty"`
	Webhook          *RoomWebhook      `json:"webhook,omitempty"`
	AutoCloseConfig  *AutoCloseConfig  `json:"autoCloseConfig,omitempty"`
	AutoStartConfig  *AutoStartConfig  `json:"autoStartConfig,omitempty"`
	MultiComposition *MultiComposition `json:"multiComposition,omitempty"`
	// AllowedParticipantIDs, when set, are the only participant ids that may join.
	AllowedParticipantIDs []string `json:"allowedParticipantIds,omitempty"`
}

func (p *CreateRoomParams) check() error {
	// GeoFence is not checked against the constants: a region added after
	// this release must not be refused here.
	if w := p.Webhook; w != nil {
		if err := checkURL("webhook.endPoint", w.EndPoint, true); err != nil {
			return err
		}
		if len(w.EndPoint) > 512 {
			return invalidParams("webhook.endPoint is longer than 512 characters")
		}
		for _, e := range w.Events {
			if strings.TrimSpace(string(e)) == "" {
				return invalidParams("webhook.events contains an empty event name")
			}
		}
	}
	if a := p.AutoCloseConfig; a != nil {
		if err := ruleErr(compose.CheckAutoClose(string(a.Type), a.Duration)); err != nil {
			return err
		}
	}
	if a := p.AutoStartConfig; a != nil {
		if err := ruleErr(compose.CheckAutoStart(a.rules())); err != nil {
			return err
		}
	}
	for _, id := range p.AllowedParticipantIDs {
		if strings.TrimSpace(id) == "" {
			return invalidParams("allowedParticipantIds contains an empty id")
		}
	}
	return nil
}

// checkURL requires an absolute http(s) URL when v is set (or when required).
// The error names the field and shows at most the URL's scheme and host: a
// webhook or template URL may carry a token in its query or path.
func checkURL(field, v string, required bool) error {
	return ruleErr(compose.CheckURL(field, v, required))
}

// rules is a as the plain values internal/compose checks.
func (a *AutoStartConfig) rules() compose.AutoStart {
	var out compose.AutoStart
	if r := a.Recording; r != nil {
		out.Recording = &compose.AutoStartPart{Config: r.Config.rules(), TemplateURL: r.TemplateURL, Transcription: r.Transcription.rules()}
	}
	if h := a.HLS; h != nil {
		out.HLS = &compose.AutoStartPart{Config: h.Config.rules(), TemplateURL: h.TemplateURL, Transcription: h.Transcription.rules()}
	}
	return out
}

// ListRoomsParams selects rooms for Rooms.List and Rooms.All.
type ListRoomsParams struct {
	ListOptions
	// Query matches a roomId or customRoomId exactly.
	Query string `json:"query,omitempty"`
}

func (p ListRoomsParams) values() url.Values {
	return setQuery(p.ListOptions.values(nil), "query", p.Query)
}

// Room is a VideoSDK room.
type Room struct {
	// ID is the internal document id.
	ID string `json:"id"`
	// RoomID is the public room id (legacy responses call it "meetingId").
	RoomID string `json:"roomId"`
	// CustomRoomID is the caller's own id (legacy name "userMeetingId").
	CustomRoomID string `json:"customRoomId,omitempty"`
	// UserID is the owning account.
	UserID string `json:"userId,omitempty"`
	// Disabled is true once the room has been deactivated.
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Links     *Links    `json:"links,omitempty"`
	// User is the owning account (on list and get).
	User             *RoomUser         `json:"user,omitempty"`
	Webhook          *RoomWebhook      `json:"webhook,omitempty"`
	AutoCloseConfig  *AutoCloseConfig  `json:"autoCloseConfig,omitempty"`
	AutoStartConfig  *AutoStartConfig  `json:"autoStartConfig,omitempty"`
	MultiComposition *MultiComposition `json:"multiComposition,omitempty"`
	GeoFence         GeoFence          `json:"geoFence,omitempty"`
	// AllowedParticipantIDs restricts who may join.
	AllowedParticipantIDs []string `json:"allowedParticipantIds,omitempty"`
	// Status is "enabled" or "disabled" on responses of the legacy update call.
	Status string `json:"status,omitempty"`
	legacy
}

// normalize takes the legacy names meetingId and userMeetingId (wire.go).
func (r *Room) normalize() {
	l := r.legacy.take()
	setIfEmpty(&r.RoomID, l.MeetingID)
	setIfEmpty(&r.CustomRoomID, l.UserMeetingID)
}

// RoomUser is the account that owns a room.
type RoomUser struct {
	ID    string `json:"id"`
	Email string `json:"email,omitempty"`
	Name  string `json:"name,omitempty"`
	// DiscontinuedReason is set when the account was discontinued.
	DiscontinuedReason *string `json:"discontinuedReason,omitempty"`
}

var errNoRoomID = errors.New(`response has no "roomId"`)

// validResponse rejects a success body that is not a room at all.
func (r *Room) validResponse() error {
	if r.RoomID == "" && r.ID == "" {
		return errNoRoomID
	}
	return nil
}

// Create creates a room. With a CustomRoomID the call is idempotent: the
// existing room with that id is returned. The POST is never retried after it
// may have reached the server (only on 429 or a failed connection).
//
// API: POST /v2/rooms
func (s *RoomsService) Create(ctx context.Context, p CreateRoomParams) (*Room, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callFor[Room](ctx, s.client, "POST", "/v2/rooms", nil, &p)
}

// Validate checks that a room (by roomId or customRoomId) exists and returns
// it. An unknown or invalid room returns an *APIError matching ErrNotFound,
// whether the API answered 400, 402 or 404.
//
// API: GET /v2/rooms/validate/{roomId}
func (s *RoomsService) Validate(ctx context.Context, roomID string) (*Room, error) {
	path, err := pathf("/v2/rooms/validate/%s", []string{"roomID"}, roomID)
	if err != nil {
		return nil, err
	}
	var out Room
	if err := s.client.do(ctx, "GET", path, nil, nil, &out); err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == 400 {
			apiErr.notFound = true // "Room not found." / "RoomId is invalid."
		}
		return nil, err
	}
	return &out, nil
}

// List returns one page of rooms.
//
// API: GET /v2/rooms
func (s *RoomsService) List(ctx context.Context, p ListRoomsParams) (*Page[Room], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[Room](ctx, s.client, "/v2/rooms", p.values())
}

// All iterates over every room, fetching pages lazily from p.Page (default 1).
//
// API: GET /v2/rooms
func (s *RoomsService) All(ctx context.Context, p ListRoomsParams) iter.Seq2[Room, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Room], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a room by roomId or customRoomId.
//
// API: GET /v2/rooms/{roomId}
func (s *RoomsService) Get(ctx context.Context, roomID string) (*Room, error) {
	path, err := pathf("/v2/rooms/%s", []string{"roomID"}, roomID)
	if err != nil {
		return nil, err
	}
	return callFor[Room](ctx, s.client, "GET", path, nil, nil)
}

// Deactivate disables a room so no new session can start in it. roomID must
// be the real roomId: the API answers a customRoomId with 402 (ErrNotFound).
//
// API: POST /v2/rooms/deactivate
func (s *RoomsService) Deactivate(ctx context.Context, roomID string) (*Room, error) {
	if err := checkPathArg("roomID", roomID); err != nil {
		return nil, err
	}
	body := struct {
		RoomID string `json:"roomId"`
	}{roomID}
	return callFor[Room](ctx, s.client, "POST", "/v2/rooms/deactivate", nil, &body)
}
