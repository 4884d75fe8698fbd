package videosdktest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrNoLiveSession is returned by the simulation methods when the room has
// no live session.
var ErrNoLiveSession = errors.New("videosdktest: room has no live session")

// StartSession starts a live session in a room (by roomId or customRoomId),
// as the first participant joining a meeting does, and returns the session
// id. Recording or HLS configured in the room's autoStartConfig start with it.
// It fails if the room is unknown or deactivated, or already has a live
// session.
func (s *Server) StartSession(roomID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	rm, err := s.simRoom(roomID)
	if err != nil {
		return "", err
	}
	if rm.live != nil {
		return "", fmt.Errorf("videosdktest: room %q already has live session %s", roomID, rm.live.oid)
	}
	ss, err := s.startSession(rm)
	if err != nil {
		return "", err
	}
	return ss.oid, nil
}

// EndSession ends the room's live session: participants still in it leave
// and everything running in it (recordings, livestreams, HLS, composite
// recordings, realtime transcriptions) stops and becomes a finished item. It
// returns ErrNoLiveSession when nothing is live.
func (s *Server) EndSession(roomID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	rm, err := s.simRoom(roomID)
	if err != nil {
		return err
	}
	if rm.live == nil {
		return fmt.Errorf("%w: %q", ErrNoLiveSession, roomID)
	}
	s.endLiveSession(rm)
	return nil
}

// Join adds a participant with a display name to the room's live session,
// starting a session first if none is live (as in a real meeting), and
// returns the generated participant id.
func (s *Server) Join(roomID, name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	id := s.st.word(8)
	return id, s.join(roomID, id, name)
}

// JoinAs is Join with a caller-chosen participant id. A participant who left
// may join again: its timelog gets a new entry. A room created with
// allowedParticipantIds admits only those ids.
func (s *Server) JoinAs(roomID, participantID, name string) error {
	if strings.TrimSpace(participantID) == "" {
		return errors.New("videosdktest: participant id is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	return s.join(roomID, participantID, name)
}

// Leave makes a participant leave the room's live session. Its running
// participant and track recordings stop. The session stays live until
// EndSession (or the API's end call), even when nobody is left.
func (s *Server) Leave(roomID, participantID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	rm, err := s.simRoom(roomID)
	if err != nil {
		return err
	}
	if rm.live == nil {
		return fmt.Errorf("%w: %q", ErrNoLiveSession, roomID)
	}
	p := rm.live.partByID[participantID]
	if p == nil || !p.active() {
		return fmt.Errorf("videosdktest: participant %q is not in the live session of room %q", participantID, roomID)
	}
	s.leave(rm.live, p, leftByUser)
	return nil
}

func (s *Server) simRoom(roomID string) (*room, error) {
	rm := s.st.lookupRoom(roomID)
	if rm == nil {
		return nil, fmt.Errorf("videosdktest: room %q not found", roomID)
	}
	return rm, nil
}

func (s *Server) join(roomID, participantID, name string) error {
	rm, err := s.simRoom(roomID)
	if err != nil {
		return err
	}
	if len(rm.allowed) > 0 && !slices.Contains(rm.allowed, participantID) {
		return fmt.Errorf("videosdktest: participant %q is not in the allowedParticipantIds of room %q", participantID, roomID)
	}
	ss := rm.live
	if ss == nil {
		if ss, err = s.startSession(rm); err != nil {
			return err
		}
	}
	now := s.st.clock()
	p := ss.partByID[participantID]
	switch {
	case p == nil:
		oid := s.st.objectID()
		p = &participant{oid: oid, id: participantID, name: name, modeOID: nextOID(oid)}
		ss.parts = append(ss.parts, p)
		ss.partByID[participantID] = p
	case p.active():
		return fmt.Errorf("videosdktest: participant %q is already in room %q", participantID, roomID)
	default:
		if name != "" {
			p.name = name
		}
	}
	p.timelog = append(p.timelog, interval{start: now})
	s.emitParticipantJoined(ss, p)
	return nil
}

// startSession opens a live session in rm and starts what the room's
// autoStartConfig asks for. The caller checked that rm has none live.
func (s *Server) startSession(rm *room) (*session, error) {
	if rm.disabled {
		return nil, fmt.Errorf("videosdktest: room %q is deactivated", rm.roomID)
	}
	ss := &session{oid: s.st.objectID(), room: rm, start: s.st.clock(), partByID: map[string]*participant{}}
	s.st.sessions = insertByTime(s.st.sessions, ss, func(ss *session) time.Time { return ss.start })
	s.st.sessionBy[ss.oid] = ss
	rm.live = ss
	s.st.cdn["chats/"+rm.roomID+"-"+ss.oid+".csv"] = cdnFile{contentType: "text/csv", text: "timestamp,participantId,participantName,message\n"}
	s.emitSessionStarted(ss)
	if as := rm.autoStartCfg; as != nil {
		if rec := as.Recording; rec != nil {
			s.newJob(kindRecording, ss, func(j *job) { j.fileFormat, j.transcription = "mp4", rec.Transcription.enabled() })
		}
		if as.HLS != nil {
			s.newJob(kindHLS, ss, func(j *job) { s.configureHLS(j, as.HLS) })
		}
	}
	return ss, nil
}

// endLiveSession ends rm's live session and everything running in it.
func (s *Server) endLiveSession(rm *room) {
	ss := rm.live
	for _, p := range ss.parts {
		if p.active() {
			s.leave(ss, p, leftOther)
		}
	}
	now := s.st.clock()
	for _, j := range s.st.jobs {
		if j.sess == ss && j.running() {
			s.finishJob(j, now)
		}
	}
	s.completeRealtime(ss, now)
	ss.end = &now
	rm.live = nil
	if rm.autoCloseType == "session-end-and-deactivate" {
		rm.disabled, rm.updatedAt = true, now
	}
	s.emitSessionEnded(ss)
}

// leave closes p's open timelog entry and stops its recordings; reason goes
// into the participant-left webhook.
func (s *Server) leave(ss *session, p *participant, reason leaveReason) {
	now := s.st.clock()
	p.timelog[len(p.timelog)-1].end = &now
	s.emitParticipantLeft(ss, p, reason)
	for _, j := range s.st.jobs {
		if j.sess == ss && j.participantID == p.id && j.running() {
			s.finishJob(j, now)
		}
	}
}

// nextOID is the ObjectId after oid (its last hex digit moved on): an id of
// the same shape for a participant's sub-document, drawn without the
// random source, so seeded ids stay what they were.
func nextOID(oid string) string {
	const hex = "0123456789abcdef"
	i := strings.IndexByte(hex, oid[len(oid)-1])
	return oid[:len(oid)-1] + string(hex[(i+1)%len(hex)])
}
