package videosdktest

import (
	"encoding/json"
	"hash/fnv"
	"math"
	"net/http"
	"strconv"
	"time"
)

type timelogJSON struct {
	Start string          `json:"start"`
	End   json.RawMessage `json:"end"`
}

type deviceInfoJSON struct {
	SDKType          string               `json:"sdkType"`
	SDKVersion       string               `json:"sdkVersion"`
	Platform         string               `json:"platform"`
	BrowserUserAgent browserUserAgentJSON `json:"browserUserAgent"`
}

// browserUserAgentJSON is deviceInfo.browserUserAgent (SPEC §2.4).
type browserUserAgentJSON struct {
	Browser struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"browser"`
	OS struct {
		Name string `json:"name"`
	} `json:"os"`
	Platform struct {
		Type string `json:"type"`
	} `json:"platform"`
}

// eventsJSON is an active participant's media events (SPEC §2.4): the
// element shape is undocumented, and the fake simulates no media, so the
// lists are empty.
type eventsJSON struct {
	Mic              []any `json:"mic"`
	Webcam           []any `json:"webcam"`
	ScreenShare      []any `json:"screenShare"`
	ScreenShareAudio []any `json:"screenShareAudio"`
}

type modeChangeJSON struct {
	Mode    string `json:"mode"`
	Timelog string `json:"timelog"`
	OID     string `json:"_id"`
}

type geoLocationJSON struct {
	City    string `json:"city"`
	Region  string `json:"region"`
	Country string `json:"country"`
}

type participantJSON struct {
	OID               string           `json:"_id,omitempty"`
	ParticipantID     string           `json:"participantId"`
	Name              string           `json:"name"`
	Mode              string           `json:"mode,omitempty"`
	Timelog           []timelogJSON    `json:"timelog"`
	Events            *eventsJSON      `json:"events,omitempty"`
	InitTime          *float64         `json:"initTime,omitempty"`
	DeviceInfo        *deviceInfoJSON  `json:"deviceInfo,omitempty"`
	ChangeModeHistory []modeChangeJSON `json:"changeModeHistory,omitempty"`
	GeoLocation       *geoLocationJSON `json:"geoLocation,omitempty"`
}

type sessionJSON struct {
	ID             string            `json:"id,omitempty"`
	OID            string            `json:"_id,omitempty"`
	UserID         string            `json:"userId,omitempty"`
	APIKey         string            `json:"apiKey,omitempty"` // §2.4: the project's public key (not the secret)
	RoomID         string            `json:"roomId,omitempty"`
	MeetingID      string            `json:"meetingId,omitempty"`
	CustomRoomID   *string           `json:"customRoomId,omitempty"`
	UserMeetingID  *string           `json:"userMeetingId,omitempty"`
	Start          string            `json:"start,omitempty"`
	End            json.RawMessage   `json:"end,omitempty"`
	Status         string            `json:"status,omitempty"`
	Region         string            `json:"region,omitempty"`
	Participants   []participantJSON `json:"participants"`
	ActiveDuration *float64          `json:"activeDuration,omitempty"`
	ChatLink       string            `json:"chatLink,omitempty"`
	HLSLog         []hlsLogJSON      `json:"hlsLog,omitempty"`
	Links          *linksJSON        `json:"links,omitempty"`
}

// hlsLogJSON is one HLS stream of a session, as the session example shows
// it (SPEC §2.4 hlsLog: only start is documented).
type hlsLogJSON struct {
	Start string `json:"start"`
}

// hlsLog lists the HLS streams started in ss, oldest first.
func (s *Server) hlsLog(ss *session) []hlsLogJSON {
	var out []hlsLogJSON
	for _, j := range s.st.jobs {
		if j.kind == kindHLS && j.sess == ss {
			out = append(out, hlsLogJSON{Start: iso(j.start)})
		}
	}
	return out
}

// How much of a participant a view shows: the participants list the
// documented minimum, a session its mode and deviceInfo (SPEC §2.4), the
// active-participants list every field of §2.4's active view.
type participantDetail int

const (
	plainDetail participantDetail = iota
	sessionDetail
	activeDetail
)

func participantView(p *participant, detail participantDetail) participantJSON {
	v := participantJSON{OID: p.oid, ParticipantID: p.id, Name: p.name, Timelog: make([]timelogJSON, 0, len(p.timelog))}
	for _, t := range p.timelog {
		v.Timelog = append(v.Timelog, timelogJSON{Start: iso(t.start), End: isoOrNull(t.end)})
	}
	const mode = "SEND_AND_RECV"
	if detail >= sessionDetail {
		v.Mode = mode
		v.DeviceInfo = &deviceInfoJSON{SDKType: "js", SDKVersion: "0.1.0", Platform: "videosdktest"}
		ua := &v.DeviceInfo.BrowserUserAgent
		ua.Browser.Name, ua.Browser.Version, ua.OS.Name, ua.Platform.Type = "videosdktest", "0.1.0", "videosdktest", "desktop"
	}
	if detail == activeDetail { // the active view's documented fields (SPEC §2.4)
		v.Events = &eventsJSON{Mic: []any{}, Webcam: []any{}, ScreenShare: []any{}, ScreenShareAudio: []any{}}
		initTime := 0.0 // the fake's joins take no setup time
		v.InitTime = &initTime
		if len(p.timelog) > 0 {
			v.ChangeModeHistory = []modeChangeJSON{{Mode: mode, Timelog: iso(p.timelog[0].start), OID: p.modeOID}}
		}
		v.GeoLocation = &geoLocationJSON{City: "", Region: "", Country: ""}
	}
	return v
}

func participantViews(ps []*participant, detail participantDetail) []participantJSON {
	out := make([]participantJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, participantView(p, detail))
	}
	return out
}

func (s *Server) sessionLinks(ss *session) *linksJSON {
	return &linksJSON{GetRoom: s.base + "/v2/rooms/" + ss.room.roomID, GetSession: s.base + "/v2/sessions/" + ss.oid}
}

// sessionView is a session as listed and fetched.
func (s *Server) sessionView(ss *session) sessionJSON {
	d := math.Round(seconds(ss.start, ss.end, s.st.clock()))
	return sessionJSON{
		ID: ss.oid, UserID: s.st.userID, APIKey: s.apiKey, RoomID: ss.room.roomID, CustomRoomID: strOrNull(ss.room.customRoomID),
		Start: iso(ss.start), End: isoOrNull(ss.end), Status: ss.status(), Region: ss.room.region(),
		Participants: participantViews(ss.parts, sessionDetail), ActiveDuration: &d,
		ChatLink: s.base + "/cdn/chats/" + ss.room.roomID + "-" + ss.oid + ".csv", HLSLog: s.hlsLog(ss), Links: s.sessionLinks(ss),
	}
}

func (s *Server) lookupSession(r *http.Request) (*session, *apiError) {
	id := r.PathValue("sessionId")
	ss := s.st.sessionBy[id]
	if ss == nil {
		return nil, notFound("Session", id)
	}
	return ss, nil
}

func (s *Server) listSessions(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && status != "ongoing" && status != "ended" {
		return nil, errorf(http.StatusBadRequest, "status %q must be ongoing or ended.", status)
	}
	var from, to *time.Time
	for _, f := range []struct {
		name string
		dst  **time.Time
	}{{"startDate", &from}, {"endDate", &to}} {
		if v := q.Get(f.name); v != "" {
			ms, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, errorf(http.StatusBadRequest, "%q must be epoch milliseconds.", f.name)
			}
			t := time.UnixMilli(ms)
			*f.dst = &t
		}
	}
	roomID, custID, query, userID := q.Get("roomId"), q.Get("customRoomId"), q.Get("query"), q.Get("userId")
	var keep func(*session) bool
	if roomID != "" || custID != "" || query != "" || userID != "" || status != "" || from != nil || to != nil {
		keep = func(ss *session) bool {
			rm := ss.room
			return (roomID == "" || roomID == rm.roomID || roomID == rm.customRoomID) &&
				(custID == "" || custID == rm.customRoomID) &&
				(query == "" || query == rm.roomID || query == rm.customRoomID) &&
				(userID == "" || userID == s.st.userID) &&
				(status == "" || status == ss.status()) &&
				(from == nil || !ss.start.Before(*from)) &&
				(to == nil || !ss.start.After(*to))
		}
	}
	items, info := newestPage(s.st.sessions, keep, page, perPage)
	data := make([]sessionJSON, 0, len(items))
	for _, ss := range items {
		data = append(data, s.sessionView(ss))
	}
	return listEnvelope{PageInfo: info, Data: data}, nil
}

func (s *Server) getSession(r *http.Request) (any, *apiError) {
	ss, e := s.lookupSession(r)
	if e != nil {
		return nil, e
	}
	return s.sessionView(ss), nil
}

// listParticipants answers data as ONE session object whose participants
// array is the page.
func (s *Server) listParticipants(r *http.Request) (any, *apiError) {
	ss, e := s.lookupSession(r)
	if e != nil {
		return nil, e
	}
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	lo, hi, info := paginate(len(ss.parts), page, perPage)
	return listEnvelope{PageInfo: info, Data: sessionJSON{
		ID: ss.oid, RoomID: ss.room.roomID, CustomRoomID: strOrNull(ss.room.customRoomID),
		Participants: participantViews(ss.parts[lo:hi], plainDetail),
		Links:        &linksJSON{GetRoom: s.base + "/v2/rooms/" + ss.room.roomID, GetSession: s.base + "/v2/sessions/"},
	}}, nil
}

// listActiveParticipants answers data as an ARRAY of session objects (one)
// that use _id instead of id.
func (s *Server) listActiveParticipants(r *http.Request) (any, *apiError) {
	ss, e := s.lookupSession(r)
	if e != nil {
		return nil, e
	}
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	active := ss.activeParticipants()
	lo, hi, info := paginate(len(active), page, perPage)
	return listEnvelope{PageInfo: info, Data: []sessionJSON{{
		OID: ss.oid, Start: iso(ss.start), End: isoOrNull(ss.end), RoomID: ss.room.roomID, Status: ss.status(),
		Region: ss.room.region(), Participants: participantViews(active[lo:hi], activeDetail),
		Links: &linksJSON{GetSession: s.base + "/v2/sessions/", GetAllParticipants: s.base + "/v2/sessions/" + ss.oid + "/participants"},
	}}}, nil
}

func (s *Server) getParticipant(r *http.Request) (any, *apiError) {
	ss, e := s.lookupSession(r)
	if e != nil {
		return nil, e
	}
	pid := r.PathValue("participantId")
	p := ss.partByID[pid]
	if p == nil {
		return nil, notFound("Participant", pid)
	}
	return participantView(p, sessionDetail), nil
}

type qualityScoreJSON struct {
	Audio float64 `json:"audio"`
	Video float64 `json:"video"`
}

type statSampleJSON struct {
	Time                    string           `json:"time"`
	RecvAudioPacketLost     int              `json:"recvAudioPacketLost"`
	RecvVideoPacketLost     int              `json:"recvVideoPacketLost"`
	SendAudioPacketLost     int              `json:"sendAudioPacketLost"`
	SendVideoPacketLost     int              `json:"sendVideoPacketLost"`
	AverageAudioRtt         float64          `json:"averageAudioRtt"`
	AverageVideoRtt         float64          `json:"averageVideoRtt"`
	AverageAudioJitter      float64          `json:"averageAudioJitter"`
	AverageVideoJitter      float64          `json:"averageVideoJitter"`
	AverageSendAudioBitrate float64          `json:"averageSendAudioBitrate"`
	AverageSendVideoBitrate float64          `json:"averageSendVideoBitrate"`
	AverageRecvAudioBitrate float64          `json:"averageRecvAudioBitrate"`
	AverageRecvVideoBitrate float64          `json:"averageRecvVideoBitrate"`
	QualityScore            qualityScoreJSON `json:"qualityScore"`
}

// statSamples makes one sample per started minute of [start, end or now]
// (at most 60), with values derived from key so they are stable.
func statSamples(key string, start time.Time, end *time.Time, now time.Time) []statSampleJSON {
	n := int(seconds(start, end, now)/60) + 1
	n = min(n, 60)
	out := make([]statSampleJSON, 0, n)
	for i := range n {
		h := fnv.New64a()
		_, _ = h.Write([]byte(key + "/" + strconv.Itoa(i)))
		x := h.Sum64()
		f := func(shift uint, lo, span float64) float64 {
			return math.Round((lo+float64((x>>shift)&0xff)/255*span)*10) / 10
		}
		out = append(out, statSampleJSON{
			Time:                iso(start.Add(time.Duration(i) * time.Minute)),
			RecvAudioPacketLost: int(x & 3), RecvVideoPacketLost: int(x >> 2 & 7),
			SendAudioPacketLost: int(x >> 5 & 1), SendVideoPacketLost: int(x >> 6 & 3),
			AverageAudioRtt: f(8, 30, 30), AverageVideoRtt: f(16, 32, 30),
			AverageAudioJitter: f(24, 0.5, 3), AverageVideoJitter: f(32, 1, 5),
			AverageSendAudioBitrate: 36000 + float64(x>>40&0xfff), AverageSendVideoBitrate: 480000 + float64(x>>40&0xffff),
			AverageRecvAudioBitrate: 35000 + float64(x>>44&0xfff), AverageRecvVideoBitrate: 470000 + float64(x>>44&0xffff),
			QualityScore: qualityScoreJSON{Audio: f(48, 3.5, 1.5), Video: f(56, 3, 2)},
		})
	}
	return out
}

func (s *Server) sessionStats(r *http.Request) (any, *apiError) {
	ss, e := s.lookupSession(r)
	if e != nil {
		return nil, e
	}
	return struct {
		SessionID string           `json:"sessionId"`
		MeetingID string           `json:"meetingId"`
		Stats     []statSampleJSON `json:"stats"`
	}{ss.oid, ss.room.roomID, statSamples(ss.oid, ss.start, ss.end, s.st.clock())}, nil
}

func (s *Server) participantStats(r *http.Request) (any, *apiError) {
	ss, e := s.lookupSession(r)
	if e != nil {
		return nil, e
	}
	pid := r.PathValue("participantId")
	p := ss.partByID[pid]
	if p == nil {
		return nil, notFound("Participant", pid)
	}
	first := p.timelog[0].start
	last := p.timelog[len(p.timelog)-1].end
	stats := statSamples(ss.oid+"/"+pid, first, last, s.st.clock())
	usage := make([]map[string]any, 0, len(stats))
	for _, st := range stats {
		usage = append(usage, map[string]any{"180": 0, "360": 0, "720": 1, "1080": 0, "1440": 0, "2160": 0, "time": st.Time})
	}
	type kv = map[string]string
	return struct {
		SessionID       string           `json:"sessionId"`
		MeetingID       string           `json:"meetingId"`
		ParticipantID   string           `json:"participantId"`
		ParticipantName string           `json:"participantName"`
		DeviceInfo      kv               `json:"deviceInfo"`
		SDKInfo         kv               `json:"sdkInfo"`
		Location        kv               `json:"location"`
		Network         kv               `json:"network"`
		Stats           []statSampleJSON `json:"stats"`
		ResolutionUsage []map[string]any `json:"resolutionUsage"`
	}{
		ss.oid, ss.room.roomID, p.id, p.name,
		kv{"deviceName": "Firefox", "deviceVersion": "126.0"}, kv{"sdkName": "js", "sdkVersion": "0.1.0"},
		kv{"country": "IN", "city": "Pune", "region": "MH"}, kv{"asn": "unknown", "org": "unknown"},
		stats, usage,
	}, nil
}

// endSession: roomId (room or custom id) required; sessionId optional. The
// answer uses the legacy names meetingId / userMeetingId and has no
// status or links, like the live API.
func (s *Server) endSession(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		SessionID     string `json:"sessionId"`
		VsdkForceKill bool   `json:"vsdkForceKill"`
		IgnoreClosed  bool   `json:"ignoreClosed"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	rm := s.st.lookupRoom(b.RoomID)
	if rm == nil {
		return nil, notFound("Room", b.RoomID)
	}
	ss := rm.live
	if b.SessionID != "" {
		ss = s.st.sessionBy[b.SessionID]
		if ss == nil || ss.room != rm {
			return nil, notFound("Session", b.SessionID)
		}
	}
	switch {
	case ss == nil:
		return nil, errorf(http.StatusBadRequest, "Room %q has no ongoing session.", b.RoomID)
	case ss.end != nil && !b.IgnoreClosed:
		return nil, errorf(http.StatusBadRequest, "Session %q has already ended.", ss.oid)
	case ss.end == nil:
		s.endLiveSession(rm)
	}
	return sessionJSON{
		ID: ss.oid, MeetingID: rm.roomID, UserMeetingID: strOrNull(rm.customRoomID),
		Start: iso(ss.start), End: isoOrNull(ss.end), Participants: participantViews(ss.parts, plainDetail),
	}, nil
}

func (s *Server) removeParticipant(r *http.Request) (any, *apiError) {
	var b struct {
		ParticipantID string `json:"participantId"`
		RoomID        string `json:"roomId"`
		SessionID     string `json:"sessionId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("participantId", b.ParticipantID); e != nil {
		return nil, e
	}
	if b.RoomID == "" && b.SessionID == "" {
		return nil, errorf(http.StatusBadRequest, "One of \"roomId\" or \"sessionId\" is required.")
	}
	var ss *session
	if b.SessionID != "" {
		ss = s.st.sessionBy[b.SessionID]
		if ss == nil {
			return nil, notFound("Session", b.SessionID)
		}
		if b.RoomID != "" && s.st.lookupRoom(b.RoomID) != ss.room {
			return nil, errorf(http.StatusBadRequest, "Session %q is not a session of room %q.", b.SessionID, b.RoomID)
		}
	} else {
		rm := s.st.lookupRoom(b.RoomID)
		if rm == nil {
			return nil, notFound("Room", b.RoomID)
		}
		if ss = rm.live; ss == nil {
			return nil, errorf(http.StatusBadRequest, "Room %q has no ongoing session.", b.RoomID)
		}
	}
	if ss.end != nil {
		return nil, errorf(http.StatusBadRequest, "Session %q has already ended.", ss.oid)
	}
	p := ss.partByID[b.ParticipantID]
	if p == nil || !p.active() {
		return nil, notFound("Participant", b.ParticipantID)
	}
	s.leave(ss, p, leftOther)
	return s.sessionView(ss), nil
}
