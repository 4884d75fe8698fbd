package videosdktest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

var geoFences = []string{"us001", "us002", "uk001", "eu001", "sg001", "sg002", "in001", "in002", "in003", "uae001", "aus001", "dev1"}

type linksJSON struct {
	GetRoom            string `json:"get_room,omitempty"`
	GetSession         string `json:"get_session,omitempty"`
	GetAllParticipants string `json:"get_all_participants,omitempty"`
}

type userJSON struct {
	Email              string  `json:"email"`
	Name               string  `json:"name"`
	DiscontinuedReason *string `json:"discontinuedReason"`
	ID                 string  `json:"id"`
}

type roomJSON struct {
	ID                    string          `json:"id"`
	RoomID                string          `json:"roomId"`
	CustomRoomID          *string         `json:"customRoomId"`
	UserID                string          `json:"userId,omitempty"`
	Disabled              bool            `json:"disabled"`
	CreatedAt             string          `json:"createdAt"`
	UpdatedAt             string          `json:"updatedAt"`
	GeoFence              string          `json:"geoFence,omitempty"`
	Webhook               json.RawMessage `json:"webhook,omitempty"`
	AutoCloseConfig       json.RawMessage `json:"autoCloseConfig,omitempty"`
	AutoStartConfig       json.RawMessage `json:"autoStartConfig,omitempty"`
	MultiComposition      json.RawMessage `json:"multiComposition,omitempty"`
	AllowedParticipantIDs []string        `json:"allowedParticipantIds,omitempty"`
	User                  *userJSON       `json:"user,omitempty"`
	Links                 linksJSON       `json:"links"`
}

// legacyRoomJSON is the deactivate answer, which still uses the old names.
type legacyRoomJSON struct {
	MeetingID     string          `json:"meetingId"`
	UserMeetingID *string         `json:"userMeetingId"`
	Disabled      bool            `json:"disabled"`
	UserID        string          `json:"userId"`
	Webhook       json.RawMessage `json:"webhook"`
	User          *userJSON       `json:"user"`
	CreatedAt     string          `json:"createdAt"`
	UpdatedAt     string          `json:"updatedAt"`
	ID            string          `json:"id"`
}

func strOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *Server) user() *userJSON {
	return &userJSON{Email: "developer@videosdktest.invalid", Name: "videosdktest", ID: s.st.userID}
}

func (s *Server) roomLinks(r *room) linksJSON {
	return linksJSON{GetRoom: s.base + "/v2/rooms/" + r.roomID, GetSession: s.base + "/v2/sessions/"}
}

// roomView renders a room; withUser adds the owner (list and get answers).
func (s *Server) roomView(r *room, withUser bool) roomJSON {
	v := roomJSON{
		ID: r.oid, RoomID: r.roomID, CustomRoomID: strOrNull(r.customRoomID), UserID: s.st.userID,
		Disabled: r.disabled, CreatedAt: iso(r.createdAt), UpdatedAt: iso(r.updatedAt),
		GeoFence: r.geoFence, Webhook: r.webhook, AutoCloseConfig: r.autoClose, AutoStartConfig: r.autoStart,
		MultiComposition: r.multi, AllowedParticipantIDs: r.allowed, Links: s.roomLinks(r),
	}
	if withUser {
		v.User = s.user()
	}
	return v
}

type createRoomBody struct {
	CustomRoomID          string          `json:"customRoomId"`
	GeoFence              string          `json:"geoFence"`
	Region                string          `json:"region"`
	Webhook               json.RawMessage `json:"webhook"`
	AutoCloseConfig       json.RawMessage `json:"autoCloseConfig"`
	AutoStartConfig       json.RawMessage `json:"autoStartConfig"`
	MultiComposition      json.RawMessage `json:"multiComposition"`
	AllowedParticipantIDs []string        `json:"allowedParticipantIds"`
}

func isNull(b json.RawMessage) bool { return len(b) == 0 || string(b) == "null" }

func (s *Server) createRoom(r *http.Request) (any, *apiError) {
	var b createRoomBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if b.CustomRoomID != "" {
		if existing := s.st.roomByCust[b.CustomRoomID]; existing != nil {
			return s.roomView(existing, false), nil // idempotent on customRoomId
		}
		if strings.ContainsAny(b.CustomRoomID, "/\\") || strings.TrimSpace(b.CustomRoomID) == "" {
			return nil, errorf(http.StatusBadRequest, "customRoomId %q is not a valid id.", b.CustomRoomID)
		}
	}
	if b.Region != "" {
		return nil, errorf(http.StatusBadRequest, "\"region\" is discontinued; use \"geoFence\".")
	}
	if b.GeoFence != "" && !slices.Contains(geoFences, b.GeoFence) {
		return nil, errorf(http.StatusBadRequest, "geoFence %q is not a known region.", b.GeoFence)
	}
	rm := &room{customRoomID: b.CustomRoomID, geoFence: b.GeoFence, allowed: b.AllowedParticipantIDs}
	if !isNull(b.Webhook) {
		var wh struct {
			EndPoint string   `json:"endPoint"`
			Events   []string `json:"events"`
		}
		if err := json.Unmarshal(b.Webhook, &wh); err != nil {
			return nil, errorf(http.StatusBadRequest, "webhook is not valid: %v", err)
		}
		if e := need("webhook.endPoint", wh.EndPoint); e != nil {
			return nil, e
		}
		if len(wh.EndPoint) > 512 {
			return nil, errorf(http.StatusBadRequest, "webhook.endPoint is longer than 512 characters.")
		}
		rm.webhook = b.Webhook
	}
	if !isNull(b.AutoCloseConfig) {
		var ac struct {
			Type     string `json:"type"`
			Duration int    `json:"duration"`
		}
		if err := json.Unmarshal(b.AutoCloseConfig, &ac); err != nil {
			return nil, errorf(http.StatusBadRequest, "autoCloseConfig is not valid: %v", err)
		}
		if e := ruleErr(compose.CheckAutoClose(ac.Type, ac.Duration)); e != nil {
			return nil, e
		}
		rm.autoClose, rm.autoCloseType = b.AutoCloseConfig, ac.Type
	}
	if !isNull(b.AutoStartConfig) {
		var as autoStartConfig
		if err := json.Unmarshal(b.AutoStartConfig, &as); err != nil {
			return nil, errorf(http.StatusBadRequest, "autoStartConfig is not valid: %v", err)
		}
		if e := as.check(); e != nil {
			return nil, e
		}
		rm.autoStart, rm.autoStartCfg = b.AutoStartConfig, &as
	}
	if !isNull(b.MultiComposition) {
		if err := json.Unmarshal(b.MultiComposition, &rm.multiFlags); err != nil {
			return nil, errorf(http.StatusBadRequest, "multiComposition is not valid: %v", err)
		}
		rm.multi = b.MultiComposition
	}
	for _, id := range rm.allowed {
		if strings.TrimSpace(id) == "" {
			return nil, errorf(http.StatusBadRequest, "allowedParticipantIds contains an empty id.")
		}
	}
	now := s.st.clock()
	rm.oid, rm.roomID, rm.createdAt, rm.updatedAt = s.st.objectID(), s.st.newRoomID(), now, now
	s.st.rooms = insertByTime(s.st.rooms, rm, func(rm *room) time.Time { return rm.createdAt })
	s.st.roomByID[rm.roomID] = rm
	s.st.roomByOID[rm.oid] = rm
	if rm.customRoomID != "" {
		s.st.roomByCust[rm.customRoomID] = rm
	}
	return s.roomView(rm, false), nil
}

func (s *Server) listRooms(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	var keep func(*room) bool
	if q := r.URL.Query().Get("query"); q != "" {
		keep = func(rm *room) bool { return rm.roomID == q || rm.customRoomID == q }
	}
	items, info := newestPage(s.st.rooms, keep, page, perPage)
	data := make([]roomJSON, 0, len(items))
	for _, rm := range items {
		data = append(data, s.roomView(rm, true))
	}
	return listEnvelope{PageInfo: info, Data: data}, nil
}

func (s *Server) validateRoom(r *http.Request) (any, *apiError) {
	id := r.PathValue("roomId")
	rm := s.st.lookupRoom(id)
	if rm == nil || rm.oid == id && rm.roomID != id {
		return nil, errorf(http.StatusBadRequest, "Room not found.")
	}
	return s.roomView(rm, false), nil
}

func (s *Server) getRoom(r *http.Request) (any, *apiError) {
	id := r.PathValue("roomId")
	rm := s.st.lookupRoom(id)
	if rm == nil {
		return nil, notFound("Room", id)
	}
	return s.roomView(rm, true), nil
}

func (s *Server) deactivateRoom(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID string `json:"roomId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	rm := s.st.roomByID[b.RoomID]
	if rm == nil {
		if s.st.roomByCust[b.RoomID] != nil {
			return nil, errorf(http.StatusPaymentRequired,
				"Room not found: deactivate needs the roomId, not a customRoomId.")
		}
		return nil, notFound("Room", b.RoomID)
	}
	if rm.live != nil {
		s.endLiveSession(rm)
	}
	if !rm.disabled {
		rm.disabled, rm.updatedAt = true, s.st.clock()
	}
	wh := rm.webhook
	if wh == nil {
		wh = json.RawMessage("null")
	}
	return legacyRoomJSON{
		MeetingID: rm.roomID, UserMeetingID: strOrNull(rm.customRoomID), Disabled: rm.disabled, UserID: s.st.userID,
		Webhook: wh, User: s.user(), CreatedAt: iso(rm.createdAt), UpdatedAt: iso(rm.updatedAt), ID: rm.oid,
	}, nil
}
