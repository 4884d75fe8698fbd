package videosdktest

import (
	"net/http"
	"strings"
)

// sdpAnswer is the canned SDP answer of the fake's WHIP and WHEP
// endpoints: no media flows.
const sdpAnswer = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=videosdktest\r\nt=0 0\r\n"

type ingestSocket struct {
	ref, roomID, participantID string
}

// whipPublish takes an SDP offer and joins the publisher to the room's
// live session (started when none is live), as participantId or
// "whip-<uuid>".
func (s *Server) whipPublish(r *http.Request) (any, *apiError) {
	return s.sdpJoin(r, "whip", false)
}

// whepPlay takes an SDP offer and joins the viewer to the room's live
// session, which must exist.
func (s *Server) whepPlay(r *http.Request) (any, *apiError) {
	return s.sdpJoin(r, "whep", true)
}

func (s *Server) sdpJoin(r *http.Request, kind string, needLive bool) (any, *apiError) {
	if !isSDP(r) {
		return nil, errorf(http.StatusUnsupportedMediaType, "Content-Type must be application/sdp.")
	}
	offer := readAll(r)
	if !strings.HasPrefix(strings.TrimSpace(offer), "v=0") {
		return nil, badRequest("The body must be an SDP offer.")
	}
	q := r.URL.Query()
	roomID := q.Get("roomId")
	if e := need("roomId", roomID); e != nil {
		return nil, e
	}
	rm := s.st.lookupRoom(roomID)
	if rm == nil {
		return nil, notFound("Room", roomID)
	}
	if needLive && rm.live == nil {
		return nil, badRequest("Room %q has no active session.", roomID)
	}
	if peer := q.Get("remotePeerId"); needLive && peer != "" {
		if p := rm.live.partByID[peer]; p == nil || !p.active() {
			return nil, notFound("Participant", peer)
		}
	}
	pid := q.Get("participantId")
	if pid == "" {
		pid = kind + "-" + s.st.uuid()
	}
	name := q.Get("displayName")
	if name == "" {
		name = strings.ToUpper(kind) + " " + pid
	}
	if rm.live == nil || rm.live.partByID[pid] == nil || !rm.live.partByID[pid].active() || q.Get("useExistingPeer") != "true" {
		if err := s.join(rm.roomID, pid, name); err != nil {
			return nil, errorf(http.StatusConflict, "%v", err)
		}
	}
	return &rawAnswer{status: http.StatusCreated, contentType: "application/sdp",
		location: "/v2/" + kind + "/sessions/" + rm.live.oid + "?participantId=" + pid, body: []byte(sdpAnswer)}, nil
}

func readAll(r *http.Request) string {
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

// endSDPSession makes the publisher or viewer leave the session.
func (s *Server) endSDPSession(r *http.Request) (any, *apiError) {
	ss := s.st.sessionBy[r.PathValue("sessionId")]
	if ss == nil || ss.end != nil {
		return nil, notFound("Session", r.PathValue("sessionId"))
	}
	pid := r.URL.Query().Get("participantId")
	if e := need("participantId", pid); e != nil {
		return nil, e
	}
	p := ss.partByID[pid]
	if p == nil || !p.active() {
		return nil, notFound("Participant", pid)
	}
	s.leave(ss, p, leftByUser)
	return messageAnswer{"Session ended"}, nil
}

// createIngestSocket answers a wsUrl with a ref and joins the socket
// participant to the room at once (the real service may wait for the
// socket to connect; the fake has no socket server).
func (s *Server) createIngestSocket(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID      string `json:"roomId"`
		Participant *struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"participant"`
		Agent *struct {
			ID string `json:"id"`
		} `json:"agent"`
		Region string `json:"region"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	if b.Agent != nil {
		if e := need("agent.id", b.Agent.ID); e != nil {
			return nil, e
		}
	}
	rm := s.st.lookupRoom(b.RoomID)
	if rm == nil {
		return nil, notFound("Room", b.RoomID)
	}
	pid, name := "", "Socket Participant"
	if p := b.Participant; p != nil {
		pid = p.ID
		if p.Name != "" {
			name = p.Name
		}
	}
	if pid == "" {
		pid = "socket-" + s.st.word(10)
	}
	if err := s.join(rm.roomID, pid, name); err != nil {
		return nil, errorf(http.StatusConflict, "%v", err)
	}
	sock := &ingestSocket{ref: s.st.word(24), roomID: rm.roomID, participantID: pid}
	s.st.plat.sockets = append(s.st.plat.sockets, sock)
	ws := "ws" + strings.TrimPrefix(s.base, "http") + "/_ingest/socket?ref=" + sock.ref
	return dataAnswer{struct {
		WSURL     string `json:"wsUrl"`
		RoomID    string `json:"roomId"`
		ExpiresIn int    `json:"expiresIn"`
	}{ws, rm.roomID, 90}}, nil
}
