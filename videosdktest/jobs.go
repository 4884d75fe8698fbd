// Shared machinery of the job-like resources (meeting, participant, track and
// composite recordings, livestreams, HLS): file views, start/stop lifecycle,
// and the list/get/delete handlers every kind shares.

package videosdktest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// ---- views ----

type resolutionJSON struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

type fileMetaJSON struct {
	Resolution *resolutionJSON `json:"resolution,omitempty"`
	Format     string          `json:"format"`
	Duration   float64         `json:"duration"`
}

type fileJSON struct {
	ID          string          `json:"id,omitempty"`
	OID         string          `json:"_id,omitempty"`
	Type        string          `json:"type"`
	Size        int64           `json:"size"`
	FilePath    string          `json:"filePath"`
	FileURL     string          `json:"fileUrl"`
	Meta        fileMetaJSON    `json:"meta"`
	UserStorage json.RawMessage `json:"userStorage,omitempty"`
	UserID      string          `json:"userId,omitempty"`
	// Ratio is documented as an opaque map of label → number; the
	// examples show the video's aspect ratio ("16:9": 1.7778 for 1280×720,
	// "4:3": 1.3333 for 800×600). An audio file's is empty.
	Ratio     map[string]float64 `json:"ratio"`
	CreatedAt string             `json:"createdAt,omitempty"`
	UpdatedAt string             `json:"updatedAt,omitempty"`
}

// fileView renders a file; underscoreID names the id "_id" as the
// individual-recording files do.
func (s *Server) fileView(f *fileRec, underscoreID bool) fileJSON {
	v := fileJSON{
		Type: f.typ, Size: f.size, FilePath: f.path, FileURL: s.base + "/cdn/" + f.path,
		Meta: fileMetaJSON{Format: f.format, Duration: f.duration}, Ratio: map[string]float64{},
		CreatedAt: iso(f.createdAt), UpdatedAt: iso(f.createdAt),
	}
	if f.width > 0 && f.height > 0 {
		v.Meta.Resolution = &resolutionJSON{f.width, f.height}
		g := gcd(f.width, f.height)
		v.Ratio[fmt.Sprintf("%d:%d", f.width/g, f.height/g)] = math.Round(float64(f.width)/float64(f.height)*1e4) / 1e4
	}
	v.UserID = s.st.userID // the account the file belongs to (§2.5 File: userId)
	if underscoreID {
		v.OID = f.oid
	} else {
		v.ID, v.UserStorage = f.oid, json.RawMessage("null")
	}
	return v
}

// gcd is the greatest common divisor of a and b, for an aspect ratio.
func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

type webhookJSON struct {
	TotalCount   int   `json:"totalCount"`
	SuccessCount int   `json:"successCount"`
	Data         []any `json:"data"`
}

func (s *Server) jobLinks(j *job) linksJSON {
	return linksJSON{GetRoom: s.base + "/v2/rooms/" + j.room.roomID, GetSession: s.base + "/v2/sessions/" + j.sess.oid}
}

func (s *Server) jobView(j *job) any {
	switch j.kind {
	case kindRecording:
		v := recordingJSON{
			ID: j.oid, UserID: s.st.userID, RoomID: j.room.roomID, SessionID: j.sess.oid, Start: iso(j.start),
			End: isoOrNull(j.end), CreatedAt: iso(j.createdAt), UpdatedAt: iso(j.updatedAt), Links: s.jobLinks(j),
		}
		if len(j.sent) > 0 { // [NODE] lists webhook on a recording
			v.Webhook = s.webhookSummary(j.sent)
		}
		if len(j.files) > 0 {
			f := s.fileView(j.files[0], false)
			v.FileID, v.File = f.ID, &f
		}
		return v
	case kindParticipant, kindTrack:
		v := individualJSON{
			ID: j.oid, RoomID: j.room.roomID, SessionID: j.sess.oid, ParticipantID: j.participantID,
			ParticipantName: j.participantName, Kind: "audio_video", FileFormat: j.fileFormat, Mode: "participant",
			Region: j.room.region(), Start: iso(j.start), End: isoOrNull(j.end), Files: []fileJSON{},
			Webhook: *s.webhookSummary(j.sent),
		}
		if j.kind == kindTrack {
			v.Kind, v.Mode = j.track, "track"
		}
		for _, f := range j.files {
			v.Files = append(v.Files, s.fileView(f, true))
		}
		return v
	case kindComposite:
		return s.compositeView(j)
	case kindLivestream:
		v := livestreamJSON{
			ID: j.oid, RoomID: j.room.roomID, SessionID: j.sess.oid, Outputs: j.outputs, Start: iso(j.start),
			End: isoOrNull(j.end), Region: j.room.region(), Links: s.jobLinks(j),
		}
		if len(j.sent) > 0 { // [NODE] lists webhook on a livestream
			v.Webhook = s.webhookSummary(j.sent)
		}
		return v
	default:
		return s.hlsView(j)
	}
}

// ---- lifecycle ----

// newJob starts a job of kind in ss; configure fills the kind's fields.
func (s *Server) newJob(kind jobKind, ss *session, configure func(*job)) *job {
	now := s.st.clock()
	j := &job{kind: kind, oid: s.st.objectID(), room: ss.room, sess: ss, start: now, createdAt: now, updatedAt: now}
	configure(j)
	s.st.jobs = insertByTime(s.st.jobs, j, func(j *job) time.Time { return j.createdAt })
	s.st.jobBy[j.oid] = j
	if kind == kindHLS {
		const playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
		for _, name := range []string{"index.m3u8", "live.m3u8"} {
			s.st.cdn["meetings-hls/"+j.hlsKey+"/"+name] = cdnFile{contentType: "application/vnd.apple.mpegurl", text: playlist}
		}
	}
	s.emitJobStarted(j)
	return j
}

// Bytes per second of the placeholder media files, so sizes grow with
// duration like real files, up to maxFileBytes: a clock moved far ahead must
// not make the CDN route stream without end.
const (
	videoBytesPerSec = 62_500 // 500 kbit/s
	audioBytesPerSec = 4_000  // 32 kbit/s
	minFileBytes     = 1024
	maxFileBytes     = 1 << 30
)

// finishJob stops a running job at now. Its files, its post transcription
// and its stopping and stopped webhooks come at once, or, on a server with
// WithProcessingDelay, when settleJobs finds them due.
func (s *Server) finishJob(j *job, now time.Time) {
	j.end, j.updatedAt = &now, now
	if s.st.jobDelay > 0 && j.kind != kindLivestream && j.kind != kindHLS {
		due := now.Add(s.st.jobDelay)
		j.filesDue = &due
		return
	}
	s.produceFiles(j, now)
}

// produceFiles makes the files of a stopped job, stamped at now.
func (s *Server) produceFiles(j *job, now time.Time) {
	defer s.transcribe(j, now) // after the -stopped events: it transcribes the finished job
	defer s.emitJobStopped(j)  // once the files exist
	dur := seconds(j.start, j.end, now)
	var f *fileRec
	switch j.kind {
	case kindRecording:
		oid := s.st.objectID()
		f = &fileRec{oid: oid, typ: "video", path: "uploads/videos/" + oid + "." + j.fileFormat, width: 1280, height: 720}
	case kindParticipant:
		f = &fileRec{oid: s.st.objectID(), typ: "video", width: 1280, height: 720,
			path: "individual-recordings/" + j.sess.oid + "/" + j.participantID + "/participant_recording_" + j.oid + "." + j.fileFormat}
	case kindTrack:
		f = &fileRec{oid: s.st.objectID(), typ: "video", width: 1280, height: 720,
			path: j.sess.oid + "/" + j.participantID + "/" + j.track + "/track_" + j.oid + "." + j.fileFormat}
		if j.track == "audio" || j.track == "screen_audio" || j.fileFormat == "mp3" {
			f.typ, f.width, f.height = "audio", 0, 0
		}
	case kindComposite:
		f = &fileRec{oid: s.st.objectID(), typ: "video", width: 800, height: 600,
			path: "individual-recordings/" + j.sess.oid + "/composite_recording_" + strconv.FormatInt(j.start.UnixMilli(), 10) + "." + j.fileFormat}
	default:
		return // livestreams and HLS leave no files in their items
	}
	f.format, f.duration, f.createdAt = j.fileFormat, dur, now
	s.addFile(f)
	j.files = append(j.files, f)
}

// addFile sizes f by its duration and makes its URL servable.
func (s *Server) addFile(f *fileRec) {
	rate := int64(videoBytesPerSec)
	ct := "video/" + f.format
	if f.typ == "audio" {
		rate, ct = audioBytesPerSec, "audio/"+f.format
		if f.format == "mp3" {
			ct = "audio/mpeg"
		}
	}
	f.size = int64(max(minFileBytes, min(f.duration*float64(rate), maxFileBytes))) // clamped before the conversion
	s.st.cdn[f.path] = cdnFile{contentType: ct, size: f.size}
}

// liveSession finds the room of a start call and its live session.
func (s *Server) liveSession(roomID string) (*session, *apiError) {
	if e := need("roomId", roomID); e != nil {
		return nil, e
	}
	rm := s.st.lookupRoom(roomID)
	if rm == nil {
		return nil, notFound("Room", roomID)
	}
	if rm.live == nil {
		return nil, errorf(http.StatusBadRequest,
			"Room %q has no ongoing session; a participant must join before this can start.", roomID)
	}
	return rm.live, nil
}

// notRunning refuses to start a room-level composition (meeting recording,
// RTMP, HLS) while one of its kind runs, unless the room's multiComposition
// allows several: the start-side twin of stopRoomJob.
func (s *Server) notRunning(kind jobKind, ss *session, roomID string) *apiError {
	var multi bool
	var what string
	switch kind {
	case kindRecording:
		multi, what = ss.room.multiFlags.Recording, "A recording is"
	case kindLivestream:
		multi, what = ss.room.multiFlags.RTMP, "A livestream is"
	case kindHLS:
		multi, what = ss.room.multiFlags.HLS, "HLS is"
	}
	if multi || len(s.running(kind, ss, nil)) == 0 {
		return nil
	}
	return errorf(http.StatusConflict, "%s already running in room %q.", what, roomID)
}

// running lists the running jobs of kind in ss that match.
func (s *Server) running(kind jobKind, ss *session, match func(*job) bool) []*job {
	var out []*job
	for _, j := range s.st.jobs {
		if j.kind == kind && j.sess == ss && j.running() && (match == nil || match(j)) {
			out = append(out, j)
		}
	}
	return out
}

// stopRoomJob finds the running job of kind in the room (the one with id if
// given) and finishes it.
func (s *Server) stopRoomJob(kind jobKind, roomID, id string) *apiError {
	if e := need("roomId", roomID); e != nil {
		return e
	}
	rm := s.st.lookupRoom(roomID)
	if rm == nil {
		return notFound("Room", roomID)
	}
	if id != "" {
		j := s.st.jobBy[id]
		if j == nil || j.kind != kind || j.room != rm {
			return notFound(kind.String(), id)
		}
		if !j.running() {
			return errorf(http.StatusBadRequest, "%s %q is not running.", kind, id)
		}
		s.finishJob(j, s.st.clock())
		return nil
	}
	var jobs []*job
	if rm.live != nil {
		jobs = s.running(kind, rm.live, nil)
	}
	if len(jobs) == 0 {
		return errorf(http.StatusBadRequest, "No %s is running in room %q.", kind, roomID)
	}
	now := s.st.clock()
	for _, j := range jobs {
		s.finishJob(j, now)
	}
	return nil
}

func cmp(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// ---- list, get, delete for every job kind ----

var removedMessage = map[jobKind]string{
	kindRecording:   "Recording removed",
	kindParticipant: "Participant recording removed",
	kindTrack:       "Track recording removed",
	kindHLS:         "HLS recording removed",
	kindComposite:   "Composite recording removed",
}

// stopper answers the stop calls of the room-level compositions (meeting
// recording, RTMP, HLS): body {roomId, id?}, answer a JSON sentence.
func (s *Server) stopper(kind jobKind, ok string) handler {
	return func(r *http.Request) (any, *apiError) {
		var b struct {
			RoomID string `json:"roomId"`
			ID     string `json:"id"`
		}
		if e := decode(r, &b); e != nil {
			return nil, e
		}
		if e := s.stopRoomJob(kind, b.RoomID, b.ID); e != nil {
			return nil, e
		}
		return ok, nil
	}
}

func (s *Server) lister(kind jobKind) handler {
	return func(r *http.Request) (any, *apiError) {
		s.settleJobs()
		page, perPage, e := pageParams(r, 20)
		if e != nil {
			return nil, e
		}
		q := r.URL.Query()
		if v := q.Get("withTranscription"); v != "" && v != "true" && v != "false" {
			return nil, errorf(http.StatusBadRequest, "withTranscription must be true or false.")
		}
		roomID, sessionID, pid, query := q.Get("roomId"), q.Get("sessionId"), q.Get("participantId"), q.Get("query")
		items, info := newestPage(s.st.jobs, func(j *job) bool {
			return j.kind == kind && !j.deleted &&
				(roomID == "" || roomID == j.room.roomID || roomID == j.room.customRoomID) &&
				(query == "" || query == j.room.roomID || query == j.room.customRoomID) &&
				(sessionID == "" || sessionID == j.sess.oid) &&
				(pid == "" || pid == j.participantID)
		}, page, perPage)
		data := make([]any, 0, len(items))
		for _, j := range items {
			data = append(data, s.jobView(j))
		}
		return listEnvelope{PageInfo: info, Data: data}, nil
	}
}

func (s *Server) lookupJob(kind jobKind, id string) (*job, *apiError) {
	j := s.st.jobBy[id]
	if j == nil || j.kind != kind || j.deleted {
		return nil, notFound(kind.String(), id)
	}
	return j, nil
}

func (s *Server) getter(kind jobKind) handler {
	return func(r *http.Request) (any, *apiError) {
		s.settleJobs()
		j, e := s.lookupJob(kind, r.PathValue("id"))
		if e != nil {
			return nil, e
		}
		return s.jobView(j), nil
	}
}

func (s *Server) deleter(kind jobKind) handler {
	return func(r *http.Request) (any, *apiError) {
		j, e := s.lookupJob(kind, r.PathValue("id"))
		if e != nil {
			return nil, e
		}
		if j.running() {
			return nil, errorf(http.StatusConflict, "%s %q is still running; stop it first.", kind, j.oid)
		}
		j.deleted = true
		for _, f := range j.files {
			delete(s.st.cdn, f.path)
		}
		if kind == kindHLS {
			delete(s.st.cdn, "meetings-hls/"+j.hlsKey+"/index.m3u8")
			delete(s.st.cdn, "meetings-hls/"+j.hlsKey+"/live.m3u8")
		}
		return removedMessage[kind], nil
	}
}
