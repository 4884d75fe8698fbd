// Post transcriptions: a recording, HLS stream or livestream started with
// transcription enabled leaves one behind when it ends (stopped, or with its
// session). GET /ai/v1/post-transcriptions[/{id}], and the transcription
// GET /v2/recordings adds with withTranscription=true. Creating one sends
// transcription-started (type "post") to the room's webhook, completing it
// transcription-stopped.

package videosdktest

import (
	"net/http"
	"time"

	"github.com/videosdk-go/videosdk"
)

// transcriptionOpts is the "transcription" object of recording, HLS, RTMP
// and autoStartConfig starts.
type transcriptionOpts struct {
	Enabled bool         `json:"enabled"`
	Summary *summaryOpts `json:"summary"`
}

type summaryOpts struct {
	Enabled bool   `json:"enabled"`
	Prompt  string `json:"prompt"`
}

// enabled returns t when it asks for a transcription, else nil.
func (t *transcriptionOpts) enabled() *transcriptionOpts {
	if t == nil || !t.Enabled {
		return nil
	}
	return t
}

func (t *transcriptionOpts) wantsSummary() bool {
	return t != nil && t.Summary != nil && t.Summary.Enabled
}

type postTranscription struct {
	id      string
	src     *job
	summary bool
	status  string // running, completed, failed (FailJob)
	start   time.Time
	end     *time.Time
}

// transcriptFormats are the formats a finished transcript is served in.
var transcriptFormats = []struct{ ext, contentType, text string }{
	{"json", "application/json", `{"segments":[{"start":0,"end":1.2,"speaker":"Speaker 1","text":"(videosdktest transcript)"}]}` + "\n"},
	{"srt", "application/x-subrip", "1\n00:00:00,000 --> 00:00:01,200\n(videosdktest transcript)\n"},
	{"txt", "text/plain; charset=utf-8", "(videosdktest transcript)\n"},
	{"tsv", "text/tab-separated-values", "start\tend\ttext\n0\t1200\t(videosdktest transcript)\n"},
	{"vtt", "text/vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n(videosdktest transcript)\n"},
}

const summaryText = "(videosdktest summary)\n"

// transcribe starts the post transcription of a job that ends now, when the
// job was started with transcription enabled.
func (s *Server) transcribe(j *job, now time.Time) {
	if j.transcription == nil {
		return
	}
	p := &postTranscription{id: s.st.uuid(), src: j, summary: j.transcription.wantsSummary(), status: "running", start: now}
	s.st.posts = insertByTime(s.st.posts, p, func(p *postTranscription) time.Time { return p.start })
	s.st.postBy[p.id] = p
	s.emitPost(p, videosdk.WebhookTranscriptionStarted)
}

// emitPost sends event typ of p to its room's webhook, when subscribed.
// Whether the real service sends transcription-stopped for a post
// transcription is not documented; the fake assumes it does, on completion.
func (s *Server) emitPost(p *postTranscription, typ videosdk.WebhookEventType) {
	s.emitWebhook(p.src.room, typ, webhookData{
		ID: p.id, Type: string(videosdk.WebhookDataPost), MeetingID: p.src.room.roomID, SessionID: p.src.sess.oid,
	})
}

// settlePosts completes the post transcriptions whose run time has passed,
// stamping the time they finished, and makes their files servable.
func (s *Server) settlePosts() {
	s.settleJobs() // a recording's transcription starts when its file exists
	now := s.st.clock()
	for _, p := range s.st.posts {
		done := p.start.Add(s.st.jobDelay) // WithProcessingDelay
		if p.status != "running" || now.Before(done) {
			continue
		}
		p.status, p.end = "completed", &done
		for _, f := range transcriptFormats {
			s.st.cdn[transcriptPath(p.id, "", f.ext)] = cdnFile{contentType: f.contentType, text: f.text}
		}
		if p.summary {
			s.st.cdn[transcriptPath(p.id, "-summary", "txt")] = cdnFile{contentType: "text/plain; charset=utf-8", text: summaryText}
		}
		s.emitPost(p, videosdk.WebhookTranscriptionStopped)
	}
}

func transcriptPath(id, suffix, ext string) string {
	return "transcriptions/" + id + "/" + id + suffix + "." + ext
}

type postTranscriptionJSON struct {
	ID                     string            `json:"id"`
	Status                 string            `json:"status"`
	RoomID                 string            `json:"roomId"`
	SessionID              string            `json:"sessionId"`
	RecordingID            string            `json:"recordingId"`
	FilePath               string            `json:"filePath,omitempty"`
	TranscriptionFilePaths map[string]string `json:"transcriptionFilePaths,omitempty"`
	SummarizedFilePaths    map[string]string `json:"summarizedFilePaths,omitempty"`
	Start                  string            `json:"start"`
	End                    string            `json:"end,omitempty"`
}

// postView renders a post transcription. filePath is the source's media URL
// (the recording file, or the HLS playlist). The file maps appear once it is
// completed.
func (s *Server) postView(p *postTranscription) postTranscriptionJSON {
	j := p.src
	v := postTranscriptionJSON{
		ID: p.id, Status: p.status, RoomID: j.room.roomID, SessionID: j.sess.oid, RecordingID: j.oid, Start: iso(p.start),
	}
	switch {
	case len(j.files) > 0:
		v.FilePath = s.base + "/cdn/" + j.files[0].path
	case j.kind == kindHLS:
		v.FilePath = s.base + "/cdn/meetings-hls/" + j.hlsKey + "/index.m3u8"
	}
	if p.end != nil {
		v.End = iso(*p.end)
	}
	if p.status == "completed" {
		v.TranscriptionFilePaths = map[string]string{}
		for _, f := range transcriptFormats {
			v.TranscriptionFilePaths[f.ext] = s.base + "/cdn/" + transcriptPath(p.id, "", f.ext)
		}
		if p.summary {
			v.SummarizedFilePaths = map[string]string{"txt": s.base + "/cdn/" + transcriptPath(p.id, "-summary", "txt")}
		}
	}
	return v
}

// transcriptionsEnvelope is the list envelope of both transcription
// families: items under "transcriptions".
type transcriptionsEnvelope struct {
	PageInfo       pageInfo `json:"pageInfo"`
	Transcriptions any      `json:"transcriptions"`
}

func (s *Server) listPostTranscriptions(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	s.settlePosts()
	q := r.URL.Query()
	roomID, sessionID := q.Get("roomId"), q.Get("sessionId")
	var keep func(*postTranscription) bool
	if roomID != "" || sessionID != "" {
		keep = func(p *postTranscription) bool {
			rm := p.src.room
			return (roomID == "" || roomID == rm.roomID || roomID == rm.customRoomID) && (sessionID == "" || sessionID == p.src.sess.oid)
		}
	}
	items, info := newestPage(s.st.posts, keep, page, perPage)
	data := make([]postTranscriptionJSON, 0, len(items))
	for _, p := range items {
		data = append(data, s.postView(p))
	}
	return transcriptionsEnvelope{PageInfo: info, Transcriptions: data}, nil
}

func (s *Server) getPostTranscription(r *http.Request) (any, *apiError) {
	s.settlePosts()
	id := r.PathValue("id")
	p := s.st.postBy[id]
	if p == nil {
		return nil, notFound("Post transcription", id)
	}
	return s.postView(p), nil
}

// ---- recordings with their transcription ----

// withTranscription reads the withTranscription flag of the recording calls.
func withTranscription(r *http.Request) (bool, *apiError) {
	switch r.URL.Query().Get("withTranscription") {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errorf(http.StatusBadRequest, "withTranscription must be true or false.")
}

// addTranscription puts the newest post transcription of recording v under
// "transcription" (the shape of GET /ai/v1/post-transcriptions/{id}).
func (s *Server) addTranscription(v recordingJSON) recordingJSON {
	for i := len(s.st.posts) - 1; i >= 0; i-- {
		if p := s.st.posts[i]; p.src.oid == v.ID {
			pv := s.postView(p)
			v.Transcription = &pv
			break
		}
	}
	return v
}

// getRecording is GET /v2/recordings/{id}; with withTranscription=true the
// answer carries the recording's transcription, if it has one.
func (s *Server) getRecording(r *http.Request) (any, *apiError) {
	with, e := withTranscription(r)
	if e != nil {
		return nil, e
	}
	v, e := s.getter(kindRecording)(r)
	if e != nil || !with {
		return v, e
	}
	s.settlePosts()
	return s.addTranscription(v.(recordingJSON)), nil
}

// listRecordings is GET /v2/recordings, with transcriptions on request.
func (s *Server) listRecordings(r *http.Request) (any, *apiError) {
	v, e := s.lister(kindRecording)(r)
	if e != nil {
		return nil, e
	}
	if with, _ := withTranscription(r); !with {
		return v, nil
	}
	s.settlePosts()
	env := v.(listEnvelope)
	data := env.Data.([]any)
	for i, item := range data {
		data[i] = s.addTranscription(item.(recordingJSON))
	}
	return env, nil
}
