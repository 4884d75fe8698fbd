// Transcodings: composite merge, HLS to MP4 and meeting-recording merge jobs
// under /v2/transcodings. A job is pending for the first third of the
// server's processing delay (WithProcessingDelay; none by default) and
// processing for the rest of it, on the server's clock, then completed with
// an MP4 file; cancel works while it is pending or processing.
// Each step sends its composite-merge-* webhook to the job's webhookUrl.

package videosdktest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

var transcodingStatuses = []string{"pending", "processing", "completed", "failed", "cancelled"}

type transcoding struct {
	oid          string
	task         string
	recordingIDs []string
	room         *room
	sess         *session
	hlsID        string
	status       string
	startedAt    time.Time
	stoppedAt    *time.Time
	duration     float64 // seconds of output media
	webhookURL   string
	dirPath      string
	key          string // composite merge: the sorted input ids, for the duplicate check
	file         *fileRec
	message      string     // why it failed (FailJob)
	sent         []sentHook // the webhooks sent for the job, for Get's delivery summary
}

// sentHook is one webhook queued for a job: seq is its place in the
// server's delivery queue (see webhookQueue.attempted).
type sentHook struct {
	seq int
	typ videosdk.WebhookEventType
}

func (t *transcoding) active() bool { return t.status == "pending" || t.status == "processing" }

// advanceTranscodings moves every job along its lifecycle to the current
// time, stamping each transition at the time it was due.
func (s *Server) advanceTranscodings() {
	now := s.st.clock()
	for _, t := range s.st.transcodings {
		processingAt := t.startedAt.Add(s.st.jobDelay / 3)
		doneAt := t.startedAt.Add(s.st.jobDelay)
		if t.status == "pending" && !now.Before(processingAt) {
			t.status = "processing"
			s.emitTranscoding(t, videosdk.WebhookCompositeMergeStarted)
		}
		if t.status == "processing" && !now.Before(doneAt) {
			t.status, t.stoppedAt = "completed", &doneAt
			path := "recordings/" + t.task + "/" + s.st.userID + "/" + t.oid + ".mp4"
			if t.dirPath != "" {
				path = strings.TrimSuffix(t.dirPath, "/") + "/" + t.oid + ".mp4"
			}
			t.file = &fileRec{oid: s.st.objectID(), typ: "video", path: path, format: "mp4", duration: t.duration,
				width: 1280, height: 720, createdAt: doneAt}
			s.addFile(t.file)
			s.emitTranscoding(t, videosdk.WebhookCompositeMergeCompleted)
		}
	}
}

// emitTranscoding sends event typ of t to the job's webhookUrl (rooms do not
// subscribe to transcoding events) and remembers it for the delivery summary.
// The payload is undocumented: the fake sends the transcoding's id, and the
// room and session when the job has them.
func (s *Server) emitTranscoding(t *transcoding, typ videosdk.WebhookEventType) {
	if t.webhookURL == "" {
		return
	}
	d := webhookData{ID: t.oid}
	if t.room != nil {
		d.MeetingID = t.room.roomID
	}
	if t.sess != nil {
		d.SessionID = t.sess.oid
	}
	seq := s.hooks.queued() // s.mu is held: nothing else queues in between
	s.emitWebhook(nil, typ, d, t.webhookURL)
	t.sent = append(t.sent, sentHook{seq: seq, typ: typ})
}

// webhookDeliveryJSON is one entry of a delivery summary's data.
type webhookDeliveryJSON struct {
	Type    string `json:"type"`
	Success bool   `json:"success"`
}

// webhookSummary is the "webhook" member of a job: the deliveries of sent
// attempted so far, a success being a 2xx answer.
func (s *Server) webhookSummary(sent []sentHook) *webhookJSON {
	w := &webhookJSON{Data: []any{}}
	for _, h := range sent {
		d, ok := s.hooks.attempted(h.seq)
		if !ok {
			continue
		}
		success := d.Err == nil && d.StatusCode >= 200 && d.StatusCode < 300
		w.TotalCount++
		if success {
			w.SuccessCount++
		}
		w.Data = append(w.Data, webhookDeliveryJSON{Type: string(h.typ), Success: success})
	}
	return w
}

type transcodingJSON struct {
	ID           string          `json:"id"`
	RecordingIDs []string        `json:"recordingIds,omitempty"`
	RoomID       string          `json:"roomId,omitempty"`
	SessionID    string          `json:"sessionId,omitempty"`
	HLSID        string          `json:"hlsId,omitempty"`
	Status       string          `json:"status"`
	Task         string          `json:"task"`
	StartedAt    string          `json:"startedAt"`
	StoppedAt    json.RawMessage `json:"stoppedAt"`
	File         *fileJSON       `json:"file,omitempty"`
	Webhook      *webhookJSON    `json:"webhook,omitempty"`
	Message      string          `json:"message,omitempty"` // a failed job's reason (FailJob)
}

// transcodingView renders a job; withWebhook adds the delivery summary the
// get answer carries.
func (s *Server) transcodingView(t *transcoding, withWebhook bool) transcodingJSON {
	v := transcodingJSON{
		ID: t.oid, RecordingIDs: t.recordingIDs, HLSID: t.hlsID, Status: t.status, Task: t.task,
		StartedAt: iso(t.startedAt), StoppedAt: isoOrNull(t.stoppedAt), Message: t.message,
	}
	if t.room != nil {
		v.RoomID = t.room.roomID
	}
	if t.sess != nil {
		v.SessionID = t.sess.oid
	}
	if t.file != nil {
		f := s.fileView(t.file, false)
		f.UserStorage = nil
		v.File = &f
	}
	if withWebhook {
		v.Webhook = s.webhookSummary(t.sent)
	}
	return v
}

func (s *Server) addTranscoding(t *transcoding) transcodingJSON {
	t.oid, t.status, t.startedAt = s.st.objectID(), "pending", s.st.clock()
	s.st.transcodings = insertByTime(s.st.transcodings, t, func(t *transcoding) time.Time { return t.startedAt })
	s.st.transcodingBy[t.oid] = t
	return s.transcodingView(t, false)
}

func badRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, format, args...)
}

// finishedJob finds a finished recording or stream of one of kinds by id.
func (s *Server) finishedJob(field, id string, kinds ...jobKind) (*job, *apiError) {
	j := s.st.jobBy[id]
	if j == nil || j.deleted || !slices.Contains(kinds, j.kind) {
		return nil, errorf(http.StatusNotFound, "%s: recording %q not found.", field, id)
	}
	if j.running() {
		return nil, badRequest("%s: %s %q is still running.", field, j.kind, id)
	}
	return j, nil
}

// ---- composite merge ----

func (s *Server) mergeTranscoding(r *http.Request) (any, *apiError) {
	var b struct {
		RecordingIDs []string        `json:"recordingIds"`
		WebhookURL   string          `json:"webhookUrl"`
		Task         string          `json:"task"`
		Watermark    json.RawMessage `json:"watermark"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if len(b.RecordingIDs) == 0 {
		return nil, badRequest("\"recordingIds\" must contain at least one recording id.")
	}
	if e := oneOf("task", b.Task, "composite-merge"); e != nil {
		return nil, e
	}
	if b.WebhookURL != "" {
		if e := checkHTTPURL("webhookUrl", b.WebhookURL); e != nil {
			return nil, e
		}
	}
	if !isNull(b.Watermark) {
		if e := checkTranscodingWatermark(b.Watermark); e != nil {
			return nil, e
		}
	}
	t := &transcoding{task: "composite-merge", webhookURL: b.WebhookURL}
	seen := map[string]bool{}
	for i, id := range b.RecordingIDs {
		field := "recordingIds[" + strconv.Itoa(i) + "]"
		if e := need(field, id); e != nil {
			return nil, e
		}
		if seen[id] {
			return nil, badRequest("recordingIds lists %q twice.", id)
		}
		seen[id] = true
		j, e := s.finishedJob(field, id, kindParticipant, kindTrack)
		if e != nil {
			return nil, e
		}
		if t.sess != nil && j.sess != t.sess {
			return nil, badRequest("%s: recording %q is from another session; a composite merge tiles recordings of one session.", field, id)
		}
		t.sess, t.room = j.sess, j.room
		t.duration = max(t.duration, seconds(j.start, j.end, *j.end))
		t.recordingIDs = append(t.recordingIDs, id)
	}
	sorted := slices.Clone(t.recordingIDs)
	sort.Strings(sorted)
	t.key = strings.Join(sorted, ",")
	s.advanceTranscodings()
	for _, other := range s.st.transcodings {
		if other.key == t.key && other.active() {
			return nil, errorf(http.StatusConflict,
				"A composite merge of the same recordings (%s) is still %s.", other.oid, other.status)
		}
	}
	return s.addTranscoding(t), nil
}

var watermarkPositions = []string{"top-left", "top-right", "bottom-left", "bottom-right", "center"}

// checkTranscodingWatermark validates the image | timestamp | lat_long
// variants like the API reference describes them (and as the SDK checks).
func checkTranscodingWatermark(raw json.RawMessage) *apiError {
	var w struct {
		Type        string          `json:"type"`
		Image       *string         `json:"image"`
		ImageConfig json.RawMessage `json:"imageConfig"`
		StartTime   json.RawMessage `json:"startTime"`
		Lat         *float64        `json:"lat"`
		Long        *float64        `json:"long"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return badRequest("watermark is not valid: %v", err)
	}
	if e := need("watermark.type", w.Type); e != nil {
		return e
	}
	if e := oneOf("watermark.type", w.Type, "image", "timestamp", "lat_long"); e != nil {
		return e
	}
	if w.Type != "image" && (w.Image != nil || !isNull(w.ImageConfig)) {
		return badRequest("watermark.image and watermark.imageConfig apply to image watermarks only.")
	}
	if w.Type != "timestamp" && !isNull(w.StartTime) {
		return badRequest("watermark.startTime applies to timestamp watermarks only.")
	}
	if w.Type != "lat_long" && (w.Lat != nil || w.Long != nil) {
		return badRequest("watermark.lat and watermark.long apply to lat_long watermarks only.")
	}
	switch w.Type {
	case "image":
		if w.Image == nil {
			return badRequest("\"watermark.image\" is required for an image watermark.")
		}
		if e := checkWatermarkImage(*w.Image); e != nil {
			return e
		}
		if isNull(w.ImageConfig) {
			return nil
		}
		var c struct {
			Position string   `json:"position"`
			Margin   *float64 `json:"margin"`
			Width    *float64 `json:"width"`
			Opacity  *float64 `json:"opacity"`
		}
		if err := json.Unmarshal(w.ImageConfig, &c); err != nil {
			return badRequest("watermark.imageConfig is not valid: %v", err)
		}
		if e := oneOf("watermark.imageConfig.position", c.Position, watermarkPositions...); e != nil {
			return e
		}
		if c.Margin != nil && *c.Margin < 0 {
			return badRequest("watermark.imageConfig.margin must be >= 0.")
		}
		if c.Width != nil && *c.Width < 0 {
			return badRequest("watermark.imageConfig.width must be positive.")
		}
		if c.Opacity != nil && (*c.Opacity < 0 || *c.Opacity > 1) {
			return badRequest("watermark.imageConfig.opacity must be between 0 and 1.")
		}
	case "timestamp":
		if isNull(w.StartTime) {
			return badRequest("\"watermark.startTime\" is required for a timestamp watermark.")
		}
		var str string
		var num float64
		switch {
		case json.Unmarshal(w.StartTime, &str) == nil:
			if strings.TrimSpace(str) == "" {
				return badRequest("watermark.startTime is empty.")
			}
		case json.Unmarshal(w.StartTime, &num) == nil:
			if num < 0 {
				return badRequest("watermark.startTime must not be negative.")
			}
		default:
			return badRequest("watermark.startTime must be epoch seconds or milliseconds, or an ISO 8601 time.")
		}
	case "lat_long":
		if w.Lat == nil || w.Long == nil {
			return badRequest("\"watermark.lat\" and \"watermark.long\" are required for a lat_long watermark.")
		}
		if *w.Lat < -90 || *w.Lat > 90 || math.IsNaN(*w.Lat) {
			return badRequest("watermark.lat %v is out of range -90..90.", *w.Lat)
		}
		if *w.Long < -180 || *w.Long > 180 || math.IsNaN(*w.Long) {
			return badRequest("watermark.long %v is out of range -180..180.", *w.Long)
		}
	}
	return nil
}

// checkWatermarkImage accepts a public http(s) URL, or a PNG or JPG image in
// base64 with or without a data: URL prefix.
func checkWatermarkImage(v string) *apiError {
	if strings.TrimSpace(v) == "" {
		return badRequest("\"watermark.image\" is required for an image watermark.")
	}
	if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
		return checkHTTPURL("watermark.image", v)
	}
	data := v
	if rest, ok := strings.CutPrefix(v, "data:"); ok {
		mime, payload, ok := strings.Cut(rest, ";base64,")
		if !ok || (mime != "image/png" && mime != "image/jpeg" && mime != "image/jpg") {
			return badRequest("watermark.image must be a data:image/png or data:image/jpeg base64 URL.")
		}
		data = payload
	}
	img, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return badRequest("watermark.image must be an http(s) URL or base64 image data.")
	}
	if !bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) && !bytes.HasPrefix(img, []byte{0xFF, 0xD8, 0xFF}) {
		return badRequest("watermark.image must be a PNG or JPG image.")
	}
	return nil
}

// ---- HLS to MP4 ----

func (s *Server) hlsToMP4(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID     string `json:"roomId"`
		SessionID  string `json:"sessionId"`
		HLSID      string `json:"hlsId"`
		WebhookURL string `json:"webhookUrl"`
		Storage    *struct {
			Type      string `json:"type"`
			Bucket    string `json:"bucket"`
			Container string `json:"container"`
			DirPath   string `json:"dirPath"`
		} `json:"storage"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if strings.TrimSpace(b.RoomID+b.SessionID+b.HLSID) == "" {
		return nil, badRequest("One of \"roomId\", \"sessionId\" or \"hlsId\" is required.")
	}
	if b.WebhookURL != "" {
		if e := checkHTTPURL("webhookUrl", b.WebhookURL); e != nil {
			return nil, e
		}
	}
	if b.Storage != nil {
		if e := need("storage.type", b.Storage.Type); e != nil {
			return nil, e
		}
		if e := oneOf("storage.type", b.Storage.Type, "s3", "blob", "gcp"); e != nil {
			return nil, e
		}
	}
	var src *job
	if b.HLSID != "" {
		j, e := s.finishedJob("hlsId", b.HLSID, kindHLS)
		if e != nil {
			return nil, e
		}
		src = j
	} else {
		for i := len(s.st.jobs) - 1; i >= 0 && src == nil; i-- {
			j := s.st.jobs[i]
			switch {
			case j.kind != kindHLS, j.deleted, j.running(),
				b.SessionID != "" && j.sess.oid != b.SessionID,
				b.RoomID != "" && b.RoomID != j.room.roomID && b.RoomID != j.room.customRoomID:
				continue
			}
			src = j
		}
		if src == nil {
			return nil, errorf(http.StatusNotFound, "No finished HLS stream found for this room or session.")
		}
	}
	t := &transcoding{task: "hls-to-mp4", room: src.room, sess: src.sess, hlsID: src.oid, webhookURL: b.WebhookURL,
		duration: seconds(src.start, src.end, *src.end)}
	if b.Storage != nil {
		t.dirPath = b.Storage.DirPath
	}
	return s.addTranscoding(t), nil
}

// ---- meeting-recording merge ----

func (s *Server) meetingRecordingMerge(r *http.Request) (any, *apiError) {
	var b struct {
		RecordingIDs       []json.RawMessage `json:"recordingIds"`
		WebhookURL         string            `json:"webhookUrl"`
		PresignedOutputURL string            `json:"presignedOutputUrl"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if len(b.RecordingIDs) == 0 {
		return nil, badRequest("\"recordingIds\" must contain at least one recording.")
	}
	for _, f := range []struct{ name, v string }{{"webhookUrl", b.WebhookURL}, {"presignedOutputUrl", b.PresignedOutputURL}} {
		if f.v != "" {
			if e := checkHTTPURL(f.name, f.v); e != nil {
				return nil, e
			}
		}
	}
	t := &transcoding{task: "meeting-recording-merge", webhookURL: b.WebhookURL}
	for i, raw := range b.RecordingIDs {
		field := "recordingIds[" + strconv.Itoa(i) + "]"
		var ref struct {
			ID           string `json:"id"`
			PresignedURL string `json:"presignedUrl"`
		}
		if json.Unmarshal(raw, &ref.ID) != nil && json.Unmarshal(raw, &ref) != nil {
			return nil, badRequest("%s must be a recording id or {\"id\", \"presignedUrl\"}.", field)
		}
		if e := need(field+".id", ref.ID); e != nil {
			return nil, e
		}
		if ref.PresignedURL != "" {
			// The source is read from the URL; the id only names it.
			if e := checkHTTPURL(field+".presignedUrl", ref.PresignedURL); e != nil {
				return nil, e
			}
		} else {
			j, e := s.finishedJob(field, ref.ID, kindRecording)
			if e != nil {
				return nil, e
			}
			if t.sess == nil {
				t.room, t.sess = j.room, j.sess
			}
			t.duration += seconds(j.start, j.end, *j.end)
		}
		t.recordingIDs = append(t.recordingIDs, ref.ID)
	}
	return s.addTranscoding(t), nil
}

// ---- list, get, cancel ----

func (s *Server) listTranscodings(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	roomID, sessionID, hlsID, status := q.Get("roomId"), q.Get("sessionId"), q.Get("hlsId"), q.Get("status")
	if e := oneOf("status", status, transcodingStatuses...); e != nil {
		return nil, e
	}
	s.advanceTranscodings()
	var keep func(*transcoding) bool
	if roomID != "" || sessionID != "" || hlsID != "" || status != "" {
		keep = func(t *transcoding) bool {
			return (roomID == "" || t.room != nil && (roomID == t.room.roomID || roomID == t.room.customRoomID)) &&
				(sessionID == "" || t.sess != nil && sessionID == t.sess.oid) &&
				(hlsID == "" || hlsID == t.hlsID) &&
				(status == "" || status == t.status)
		}
	}
	items, info := newestPage(s.st.transcodings, keep, page, perPage)
	data := make([]transcodingJSON, 0, len(items))
	for _, t := range items {
		data = append(data, s.transcodingView(t, false))
	}
	return listEnvelope{PageInfo: info, Data: data}, nil
}

func (s *Server) lookupTranscoding(r *http.Request) (*transcoding, *apiError) {
	s.advanceTranscodings()
	id := r.PathValue("id")
	t := s.st.transcodingBy[id]
	if t == nil {
		return nil, notFound("Transcoding", id)
	}
	return t, nil
}

func (s *Server) getTranscoding(r *http.Request) (any, *apiError) {
	t, e := s.lookupTranscoding(r)
	if e != nil {
		return nil, e
	}
	return s.transcodingView(t, true), nil
}

// cancelTranscoding cancels a pending or processing job; 409 otherwise.
func (s *Server) cancelTranscoding(r *http.Request) (any, *apiError) {
	t, e := s.lookupTranscoding(r)
	if e != nil {
		return nil, e
	}
	if !t.active() {
		return nil, errorf(http.StatusConflict, "Transcoding %q is %s; only pending or processing jobs can be cancelled.", t.oid, t.status)
	}
	now := s.st.clock()
	t.status, t.stoppedAt = "cancelled", &now
	s.emitTranscoding(t, videosdk.WebhookCompositeMergeCancelled)
	return s.transcodingView(t, false), nil
}
