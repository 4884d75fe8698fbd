// Realtime transcriptions under /ai/v1/realtime-transcriptions: one runs
// per room while its session is live, and completes — with its transcript
// (and summary) files — when stopped or when the session ends. Starting and
// completing send transcription-started and -stopped (type "realtime") to
// the start's webhookUrl and to the room's webhook.

package videosdktest

import (
	"net/http"
	"time"

	"github.com/videosdk-go/videosdk"
)

type realtimeTranscription struct {
	id         string
	room       *room
	sess       *session
	webhookURL string
	summary    bool
	start      time.Time
	end        *time.Time
}

func (t *realtimeTranscription) status() string {
	if t.end == nil {
		return "running"
	}
	return "completed"
}

type extensionJSON struct {
	Enabled         bool   `json:"enabled"`
	Provider        string `json:"provider"`
	ExtensionConfig struct {
		RoomID    string `json:"roomId"`
		SessionID string `json:"sessionId"`
	} `json:"extensionConfig"`
}

type realtimeJSON struct {
	ID                     string            `json:"id"`
	Status                 string            `json:"status"`
	Extension              extensionJSON     `json:"extension"`
	WebhookURL             string            `json:"webhookUrl,omitempty"`
	TranscriptionFilePaths map[string]string `json:"transcriptionFilePaths,omitempty"`
	SummarizedFilePaths    map[string]string `json:"summarizedFilePaths,omitempty"`
	Start                  string            `json:"start"`
	End                    string            `json:"end,omitempty"`
}

// realtimeView renders a realtime transcription; the start and stop answers
// (answer) echo the webhookUrl, list and get do not. Only list and get show
// the file paths of a completed one: the documented stop answer is the
// transcription "completed" with its end, without them.
func (s *Server) realtimeView(t *realtimeTranscription, answer bool) realtimeJSON {
	v := realtimeJSON{ID: t.id, Status: t.status(), Start: iso(t.start)}
	v.Extension.Enabled, v.Extension.Provider = true, "videosdk"
	v.Extension.ExtensionConfig.RoomID, v.Extension.ExtensionConfig.SessionID = t.room.roomID, t.sess.oid
	if answer {
		v.WebhookURL = t.webhookURL
	}
	if t.end != nil {
		v.End = iso(*t.end)
	}
	if t.end != nil && !answer {
		v.TranscriptionFilePaths = map[string]string{"txt": s.base + "/cdn/" + transcriptPath(t.id, "", "txt")}
		if t.summary {
			v.SummarizedFilePaths = map[string]string{"txt": s.base + "/cdn/" + transcriptPath(t.id, "-summary", "txt")}
		}
	}
	return v
}

// runningRealtime returns the room's running realtime transcription, if any.
func (s *Server) runningRealtime(rm *room) *realtimeTranscription {
	for _, t := range s.st.realtimes {
		if t.room == rm && t.end == nil {
			return t
		}
	}
	return nil
}

// emitRealtime sends event typ of t to its webhookUrl and to its room's
// webhook, when subscribed.
func (s *Server) emitRealtime(t *realtimeTranscription, typ videosdk.WebhookEventType) {
	s.emitWebhook(t.room, typ, webhookData{
		ID: t.id, Type: string(videosdk.WebhookDataRealtime), MeetingID: t.room.roomID, SessionID: t.sess.oid,
	}, t.webhookURL)
}

// finishRealtime completes t at now and makes its files servable.
func (s *Server) finishRealtime(t *realtimeTranscription, now time.Time) {
	defer s.emitRealtime(t, videosdk.WebhookTranscriptionStopped) // once the files exist
	t.end = &now
	s.st.cdn[transcriptPath(t.id, "", "txt")] = cdnFile{contentType: "text/plain; charset=utf-8", text: "(videosdktest transcript)\n"}
	if t.summary {
		s.st.cdn[transcriptPath(t.id, "-summary", "txt")] = cdnFile{contentType: "text/plain; charset=utf-8", text: summaryText}
	}
}

// completeRealtime completes the realtime transcriptions of a session that
// ends now.
func (s *Server) completeRealtime(ss *session, now time.Time) {
	for _, t := range s.st.realtimes {
		if t.sess == ss && t.end == nil {
			s.finishRealtime(t, now)
		}
	}
}

func (s *Server) startRealtime(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID     string       `json:"roomId"`
		WebhookURL string       `json:"webhookUrl"`
		ModelID    string       `json:"modelId"`
		Language   string       `json:"language"`
		Summary    *summaryOpts `json:"summary"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	if b.WebhookURL != "" {
		if e := checkHTTPURL("webhookUrl", b.WebhookURL); e != nil {
			return nil, e
		}
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	if s.runningRealtime(ss.room) != nil {
		return nil, errorf(http.StatusConflict, "A realtime transcription is already running in room %q.", b.RoomID)
	}
	t := &realtimeTranscription{
		id: s.st.uuid(), room: ss.room, sess: ss, webhookURL: b.WebhookURL,
		summary: b.Summary != nil && b.Summary.Enabled, start: s.st.clock(),
	}
	s.st.realtimes = insertByTime(s.st.realtimes, t, func(t *realtimeTranscription) time.Time { return t.start })
	s.st.realtimeBy[t.id] = t
	s.emitRealtime(t, videosdk.WebhookTranscriptionStarted)
	return s.realtimeView(t, true), nil
}

// stopRealtime stops the room's running transcription (no id is sent).
func (s *Server) stopRealtime(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID string `json:"roomId"`
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
	t := s.runningRealtime(rm)
	if t == nil {
		return nil, errorf(http.StatusBadRequest, "No realtime transcription is running in room %q.", b.RoomID)
	}
	s.finishRealtime(t, s.st.clock())
	return s.realtimeView(t, true), nil
}

func (s *Server) listRealtime(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	roomID, sessionID, status := q.Get("roomId"), q.Get("sessionId"), q.Get("status")
	var keep func(*realtimeTranscription) bool
	if roomID != "" || sessionID != "" || status != "" {
		keep = func(t *realtimeTranscription) bool {
			return (roomID == "" || roomID == t.room.roomID || roomID == t.room.customRoomID) &&
				(sessionID == "" || sessionID == t.sess.oid) &&
				(status == "" || status == t.status())
		}
	}
	items, info := newestPage(s.st.realtimes, keep, page, perPage)
	data := make([]realtimeJSON, 0, len(items))
	for _, t := range items {
		data = append(data, s.realtimeView(t, false))
	}
	return transcriptionsEnvelope{PageInfo: info, Transcriptions: data}, nil
}

func (s *Server) getRealtime(r *http.Request) (any, *apiError) {
	id := r.PathValue("id")
	t := s.st.realtimeBy[id]
	if t == nil {
		return nil, notFound("Realtime transcription", id)
	}
	return s.realtimeView(t, false), nil
}
