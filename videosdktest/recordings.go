// Meeting (composed) recordings: POST /v2/recordings/start (stop, list, get
// and delete are the shared handlers of jobs.go).

package videosdktest

import (
	"encoding/json"
	"net/http"

	"github.com/videosdk-go/videosdk/internal/compose"
)

type recordingJSON struct {
	ID        string          `json:"id"`
	UserID    string          `json:"userId"`
	RoomID    string          `json:"roomId"`
	SessionID string          `json:"sessionId"`
	FileID    string          `json:"fileId,omitempty"`
	File      *fileJSON       `json:"file,omitempty"`
	Start     string          `json:"start"`
	End       json.RawMessage `json:"end"`
	CreatedAt string          `json:"createdAt"`
	UpdatedAt string          `json:"updatedAt"`
	Links     linksJSON       `json:"links"`
	Webhook   *webhookJSON    `json:"webhook,omitempty"`
	// Transcription is added with withTranscription=true.
	Transcription *postTranscriptionJSON `json:"transcription,omitempty"`
}

// ---- meeting recordings ----

func (s *Server) startRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID string `json:"roomId"`
		composition
		FileFormat string `json:"fileFormat"`
		WebhookURL string `json:"webhookUrl"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	if e := b.check(compose.Recording); e != nil {
		return nil, e
	}
	if e := oneOf("fileFormat", b.FileFormat, "mp4", "webm"); e != nil {
		return nil, e
	}
	if e := s.notRunning(kindRecording, ss, b.RoomID); e != nil {
		return nil, e
	}
	j := s.newJob(kindRecording, ss, func(j *job) {
		j.fileFormat = cmp(b.FileFormat, "mp4")
		j.webhookURL = b.WebhookURL
		j.transcription = b.Transcription.enabled()
	})
	return startAnswer(j, "Recording start accepted"), nil
}

// cmp returns v, or def when v is empty.
