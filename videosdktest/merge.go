package videosdktest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

type mergeJSON struct {
	ID        string          `json:"id"`
	Channel1  []mergeEntry    `json:"channel1"`
	Channel2  []mergeEntry    `json:"channel2"`
	Start     string          `json:"start"`
	End       json.RawMessage `json:"end"`
	Status    string          `json:"status"`
	MeetingID string          `json:"meetingId"`
	SessionID string          `json:"sessionId"`
	File      *fileJSON       `json:"file,omitempty"`
	Message   string          `json:"message,omitempty"` // a failed merge's reason (FailJob)
}

// mergeView renders a merge with the legacy meetingId for the room. A
// running merge has no end and no file yet.
func (s *Server) mergeView(m *merge) mergeJSON {
	v := mergeJSON{
		ID: m.id, Channel1: m.ch1, Channel2: m.ch2, Start: iso(m.start), End: isoOrNull(m.end), Status: m.status,
		MeetingID: m.sess.room.roomID, SessionID: m.sess.oid, Message: m.message,
	}
	if m.file != nil {
		f := s.fileView(m.file, false)
		v.File = &f
	}
	return v
}

type mergeEntryBody struct {
	ParticipantID string `json:"participantId"`
	RecordingID   string `json:"recordingId"`
	Type          string `json:"type"`
}

func (s *Server) createMerge(r *http.Request) (any, *apiError) {
	var b struct {
		SessionID  string           `json:"sessionId"`
		Channel1   []mergeEntryBody `json:"channel1"`
		Channel2   []mergeEntryBody `json:"channel2"`
		Type       string           `json:"type"`
		WebhookURL string           `json:"webhookUrl"`
		DirPath    string           `json:"dirPath"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("sessionId", b.SessionID); e != nil {
		return nil, e
	}
	if e := oneOf("type", b.Type, "participant", "track"); e != nil {
		return nil, e
	}
	ss := s.st.sessionBy[b.SessionID]
	if ss == nil {
		return nil, notFound("Session", b.SessionID)
	}
	m := &merge{sess: ss, status: "running", webhookURL: b.WebhookURL, dirPath: b.DirPath}
	for _, ch := range []struct {
		name    string
		entries []mergeEntryBody
		dst     *[]mergeEntry
	}{{"channel1", b.Channel1, &m.ch1}, {"channel2", b.Channel2, &m.ch2}} {
		if len(ch.entries) == 0 {
			return nil, errorf(http.StatusBadRequest, "%q must contain at least one participant.", ch.name)
		}
		for k, en := range ch.entries {
			field := ch.name + "[" + strconv.Itoa(k) + "]"
			j, e := s.mergeSource(ss, field, en, cmp(en.Type, b.Type))
			if e != nil {
				return nil, e
			}
			m.durationSecs = max(m.durationSecs, seconds(j.start, j.end, *j.end))
			typ := "participant" // the kind of recording merged, as the get example shows it
			if j.kind == kindTrack {
				typ = "track"
			}
			*ch.dst = append(*ch.dst, mergeEntry{RecordingID: j.oid, ParticipantID: en.ParticipantID, Type: typ})
		}
	}
	m.id, m.start = s.st.uuid(), s.st.clock()
	s.st.merges = insertByTime(s.st.merges, m, func(m *merge) time.Time { return m.start })
	s.st.mergeBy[m.id] = m
	answer := struct {
		Message   string    `json:"message"`
		Recording mergeJSON `json:"recording"`
	}{"Merge job accepted", s.mergeView(m)}
	// The merge finishes right after this answer (so the answer still says
	// "running"): its merge-recording-completed webhook goes out now.
	s.settleMerges()
	return answer, nil
}

// mergeSource resolves one channel entry to a finished participant (or
// track) recording of the session: the one named, or the participant's newest.
func (s *Server) mergeSource(ss *session, field string, en mergeEntryBody, typ string) (*job, *apiError) {
	if e := need(field+".participantId", en.ParticipantID); e != nil {
		return nil, e
	}
	if e := oneOf(field+".type", en.Type, "participant", "track"); e != nil {
		return nil, e
	}
	kind := kindParticipant
	if typ == "track" {
		kind = kindTrack
	}
	usable := func(j *job) bool {
		return j != nil && (j.kind == kindParticipant || j.kind == kindTrack) && !j.deleted && j.sess == ss &&
			!j.running() && j.participantID == en.ParticipantID
	}
	if en.RecordingID != "" {
		if j := s.st.jobBy[en.RecordingID]; usable(j) {
			return j, nil
		}
		return nil, errorf(http.StatusBadRequest,
			"%s.recordingId %q is not a finished recording of participant %q in session %q.", field, en.RecordingID, en.ParticipantID, ss.oid)
	}
	for i := len(s.st.jobs) - 1; i >= 0; i-- {
		if j := s.st.jobs[i]; j.kind == kind && usable(j) && (kind != kindTrack || j.track == "audio") {
			return j, nil
		}
	}
	return nil, errorf(http.StatusBadRequest,
		"%s: participant %q has no finished %s recording in session %q.", field, en.ParticipantID, map[jobKind]string{kindParticipant: "participant", kindTrack: "audio track"}[kind], ss.oid)
}

// settleMerges completes the running merges whose processing delay
// (WithProcessingDelay; none by default) has passed, stamped when they were
// due: by default the fake's merge jobs finish by the time anyone looks again.
func (s *Server) settleMerges() {
	now := s.st.clock()
	for _, m := range s.st.merges {
		due := m.start.Add(s.st.jobDelay)
		if m.status != "running" || now.Before(due) {
			continue
		}
		m.status, m.end = "completed", &due
		path := "merged/" + m.id + ".mp3"
		if m.dirPath != "" {
			path = m.dirPath + "/" + m.id + ".mp3"
		}
		m.file = &fileRec{oid: s.st.objectID(), typ: "audio", path: path, format: "mp3", duration: m.durationSecs, createdAt: due}
		s.addFile(m.file)
		s.emitMergeCompleted(m)
	}
}

func (s *Server) listMerges(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 10)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	status, roomID, sessionID, id := q.Get("status"), q.Get("roomId"), q.Get("sessionId"), q.Get("id")
	if e := oneOf("status", status, compose.MergeStatuses...); e != nil {
		return nil, e
	}
	s.settleMerges()
	var keep func(*merge) bool
	if status != "" || roomID != "" || sessionID != "" || id != "" {
		keep = func(m *merge) bool {
			rm := m.sess.room
			return (status == "" || status == m.status) &&
				(roomID == "" || roomID == rm.roomID || roomID == rm.customRoomID) &&
				(sessionID == "" || sessionID == m.sess.oid) &&
				(id == "" || id == m.id)
		}
	}
	items, info := newestPage(s.st.merges, keep, page, perPage)
	data := make([]mergeJSON, 0, len(items))
	for _, m := range items {
		data = append(data, s.mergeView(m))
	}
	// The merge list puts its items under "recordings", not "data".
	return struct {
		PageInfo   pageInfo    `json:"pageInfo"`
		Recordings []mergeJSON `json:"recordings"`
	}{info, data}, nil
}

func (s *Server) getMerge(r *http.Request) (any, *apiError) {
	s.settleMerges()
	id := r.PathValue("mergeId")
	m := s.st.mergeBy[id]
	if m == nil {
		return nil, notFound("Merge", id)
	}
	return s.mergeView(m), nil
}
