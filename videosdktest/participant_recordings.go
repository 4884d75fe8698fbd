// Participant recordings: /v2/recordings/participant/start and /stop.

package videosdktest

import (
	"encoding/json"
	"net/http"
)

type individualJSON struct {
	ID              string          `json:"id"`
	RoomID          string          `json:"roomId"`
	SessionID       string          `json:"sessionId"`
	ParticipantID   string          `json:"participantId"`
	ParticipantName string          `json:"participantName,omitempty"`
	Kind            string          `json:"kind"`
	FileFormat      string          `json:"fileFormat"`
	Mode            string          `json:"mode"`
	Region          string          `json:"region"`
	Start           string          `json:"start"`
	End             json.RawMessage `json:"end"`
	Files           []fileJSON      `json:"files"`
	Webhook         webhookJSON     `json:"webhook"`
}

// ---- participant and track recordings ----

// activeParticipant finds a participant who is in the live session.
func activeParticipant(ss *session, id string) (*participant, *apiError) {
	if e := need("participantId", id); e != nil {
		return nil, e
	}
	p := ss.partByID[id]
	if p == nil || !p.active() {
		return nil, errorf(http.StatusNotFound, "Participant %q is not in the ongoing session.", id)
	}
	return p, nil
}

func (s *Server) startParticipantRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		ParticipantID string `json:"participantId"`
		FileFormat    string `json:"fileFormat"`
		WebhookURL    string `json:"webhookUrl"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	p, e := activeParticipant(ss, b.ParticipantID)
	if e != nil {
		return nil, e
	}
	if e := oneOf("fileFormat", b.FileFormat, "webm", "mp4", "m3u8"); e != nil {
		return nil, e
	}
	if len(s.running(kindParticipant, ss, func(j *job) bool { return j.participantID == p.id })) > 0 {
		return nil, errorf(http.StatusConflict, "Participant %q is already being recorded.", p.id)
	}
	j := s.newJob(kindParticipant, ss, func(j *job) {
		j.participantID, j.participantName = p.id, p.name
		j.fileFormat, j.webhookURL = cmp(b.FileFormat, "webm"), b.WebhookURL
	})
	return startAnswer(j, "Participant recording start accepted"), nil
}

func (s *Server) stopParticipantRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		ParticipantID string `json:"participantId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("participantId", b.ParticipantID); e != nil {
		return nil, e
	}
	return s.stopParticipantJob(kindParticipant, b.RoomID, func(j *job) bool { return j.participantID == b.ParticipantID },
		"Participant recording stop accepted")
}

func (s *Server) stopParticipantJob(kind jobKind, roomID string, match func(*job) bool, ok string) (any, *apiError) {
	if e := need("roomId", roomID); e != nil {
		return nil, e
	}
	rm := s.st.lookupRoom(roomID)
	if rm == nil {
		return nil, notFound("Room", roomID)
	}
	var jobs []*job
	if rm.live != nil {
		jobs = s.running(kind, rm.live, match)
	}
	if len(jobs) == 0 {
		return nil, errorf(http.StatusBadRequest, "No matching %s is running in room %q.", kind, roomID)
	}
	now := s.st.clock()
	for _, j := range jobs {
		s.finishJob(j, now)
	}
	return ok, nil
}
