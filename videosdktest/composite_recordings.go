// Composite recordings: POST /v2/recordings/composite/start and /stop (list,
// get and delete are the shared handlers of jobs.go). They run like meeting
// recordings — only during a live session, finished with a file when stopped
// or when the session ends — except that several may run in one room, so
// stop names the recording.

package videosdktest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

type compositeJSON struct {
	ID           string          `json:"id"`
	MeetingID    string          `json:"meetingId"`
	SessionID    string          `json:"sessionId"`
	Participants json.RawMessage `json:"participants"`
	FileFormat   string          `json:"fileFormat"`
	Start        string          `json:"start"`
	End          json.RawMessage `json:"end"`
	FileID       string          `json:"fileId,omitempty"`
	File         *fileJSON       `json:"file,omitempty"`
}

// compositeView renders a composite recording as the API does: the room
// under its legacy name meetingId, participants [] (the only form the docs
// show: the fake does not echo the start's selectors, which no source says
// the API returns), and a file format written "WebM".
func (s *Server) compositeView(j *job) compositeJSON {
	v := compositeJSON{
		ID: j.oid, MeetingID: j.room.roomID, SessionID: j.sess.oid, Participants: json.RawMessage("[]"),
		FileFormat: j.fileFormat, Start: iso(j.start), End: isoOrNull(j.end),
	}
	if len(j.files) > 0 {
		f := s.fileView(j.files[0], false)
		if f.Meta.Format == "webm" {
			f.Meta.Format = "WebM"
		}
		v.FileID, v.File = f.ID, &f
	}
	return v
}

// compositeSelector is one entry of participants; kind is a string or an
// array of strings.
type compositeSelector struct {
	ParticipantID string          `json:"participantId"`
	Kind          json.RawMessage `json:"kind,omitempty"`
}

func checkSelector(field string, sel compositeSelector) *apiError {
	if e := need(field+".participantId", sel.ParticipantID); e != nil {
		return e
	}
	if isNull(sel.Kind) {
		return nil
	}
	var kinds []string
	var one string
	if json.Unmarshal(sel.Kind, &one) == nil {
		kinds = []string{one}
	} else if json.Unmarshal(sel.Kind, &kinds) != nil {
		return errorf(http.StatusBadRequest, "%s.kind must be a track kind or an array of them.", field)
	}
	for _, k := range kinds {
		if k == "" {
			return errorf(http.StatusBadRequest, "%s.kind contains an empty kind.", field)
		}
		if e := oneOf(field+".kind", k, trackKinds...); e != nil {
			return e
		}
	}
	return nil
}

// maxCompositeWatermarks is the most watermarks a composite recording takes.
const maxCompositeWatermarks = 3

func (s *Server) startComposite(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string              `json:"roomId"`
		Participants  []compositeSelector `json:"participants"`
		Watermarks    []map[string]any    `json:"watermarks"`
		WebhookURL    string              `json:"webhookUrl"`
		BucketDirPath string              `json:"bucketDirPath"`
		PreSignedURL  string              `json:"preSignedURL"`
		FileFormat    string              `json:"fileFormat"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	for i, sel := range b.Participants {
		if e := checkSelector("participants["+strconv.Itoa(i)+"]", sel); e != nil {
			return nil, e
		}
	}
	if len(b.Watermarks) > maxCompositeWatermarks {
		return nil, errorf(http.StatusBadRequest, "At most %d watermarks are allowed, got %d.", maxCompositeWatermarks, len(b.Watermarks))
	}
	for i, w := range b.Watermarks {
		field := "watermarks[" + strconv.Itoa(i) + "]"
		typ, _ := w["type"].(string)
		if e := need(field+".type", typ); e != nil {
			return nil, e
		}
		if e := oneOf(field+".type", typ, "custom", "pubsub"); e != nil {
			return nil, e
		}
		if u, ok := w["imageUrl"].(string); ok && u != "" {
			if e := checkHTTPURL(field+".imageUrl", u); e != nil {
				return nil, e
			}
		}
	}
	for _, f := range []struct{ name, v string }{{"webhookUrl", b.WebhookURL}, {"preSignedURL", b.PreSignedURL}} {
		if f.v != "" {
			if e := checkHTTPURL(f.name, f.v); e != nil {
				return nil, e
			}
		}
	}
	if e := oneOf("fileFormat", b.FileFormat, "webm", "mp4"); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	j := s.newJob(kindComposite, ss, func(j *job) {
		j.fileFormat = cmp(b.FileFormat, "webm")
		j.webhookURL = b.WebhookURL
	})
	return struct {
		RecordingID string `json:"recordingId"`
		RoomID      string `json:"roomId"`
		SessionID   string `json:"sessionId"`
	}{j.oid, ss.room.roomID, ss.oid}, nil
}

// stopComposite needs both roomId and recordingId: several composite
// recordings may run in one room.
func (s *Server) stopComposite(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID      string `json:"roomId"`
		RecordingID string `json:"recordingId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	if e := need("recordingId", b.RecordingID); e != nil {
		return nil, e
	}
	if e := s.stopRoomJob(kindComposite, b.RoomID, b.RecordingID); e != nil {
		return nil, e
	}
	return "composite recording ended successfully.", nil
}

// checkHTTPURL refuses a URL that is not absolute http(s), as the SDK does.
func checkHTTPURL(field, v string) *apiError {
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errorf(http.StatusBadRequest, "%s %q is not an absolute http(s) URL.", field, v)
	}
	return nil
}
