package videosdktest

import (
	"encoding/json"
	"net/http"
	"slices"
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
	CreatedAt   string          `json:"createdAt,omitempty"`
}

// fileView renders a file; underscoreID names the id "_id" as the
// individual-recording files do.
func (s *Server) fileView(f *fileRec, underscoreID bool) fileJSON {
	v := fileJSON{
		Type: f.typ, Size: f.size, FilePath: f.path, FileURL: s.base + "/cdn/" + f.path,
		Meta: fileMetaJSON{Format: f.format, Duration: f.duration}, CreatedAt: iso(f.createdAt),
	}
	if f.width > 0 {
		v.Meta.Resolution = &resolutionJSON{f.width, f.height}
	}
	if underscoreID {
		v.OID = f.oid
	} else {
		v.ID, v.UserStorage = f.oid, json.RawMessage("null")
	}
	return v
}

type webhookJSON struct {
	TotalCount   int   `json:"totalCount"`
	SuccessCount int   `json:"successCount"`
	Data         []any `json:"data"`
}

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
}

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

type livestreamJSON struct {
	ID        string          `json:"id"`
	RoomID    string          `json:"roomId"`
	SessionID string          `json:"sessionId"`
	Outputs   []rtmpOutput    `json:"outputs"`
	Start     string          `json:"start"`
	End       json.RawMessage `json:"end"`
	Region    string          `json:"region"`
	Links     linksJSON       `json:"links"`
}

type hlsJSON struct {
	ID             string          `json:"id"`
	RoomID         string          `json:"roomId"`
	SessionID      string          `json:"sessionId"`
	Start          string          `json:"start"`
	End            json.RawMessage `json:"end"`
	Duration       *float64        `json:"duration,omitempty"`
	PlaybackHlsURL string          `json:"playbackHlsUrl"`
	LivestreamURL  string          `json:"livestreamUrl"`
	DownstreamURL  string          `json:"downstreamUrl"`
	Mode           string          `json:"mode"`
	Quality        string          `json:"quality"`
	Orientation    string          `json:"orientation"`
	Links          linksJSON       `json:"links"`
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
			Webhook: webhookJSON{Data: []any{}},
		}
		if j.kind == kindTrack {
			v.Kind, v.Mode = j.track, "track"
		}
		for _, f := range j.files {
			v.Files = append(v.Files, s.fileView(f, true))
		}
		return v
	case kindLivestream:
		return livestreamJSON{
			ID: j.oid, RoomID: j.room.roomID, SessionID: j.sess.oid, Outputs: j.outputs, Start: iso(j.start),
			End: isoOrNull(j.end), Region: j.room.region(), Links: s.jobLinks(j),
		}
	default:
		return s.hlsView(j)
	}
}

func (s *Server) hlsView(j *job) hlsJSON {
	prefix := s.base + "/cdn/meetings-hls/" + j.hlsKey
	v := hlsJSON{
		ID: j.oid, RoomID: j.room.roomID, SessionID: j.sess.oid, Start: iso(j.start), End: isoOrNull(j.end),
		PlaybackHlsURL: prefix + "/index.m3u8", LivestreamURL: prefix + "/live.m3u8", DownstreamURL: prefix + "/index.m3u8",
		Mode: j.mode, Quality: j.quality, Orientation: j.orientation, Links: s.jobLinks(j),
	}
	if j.end != nil {
		d := seconds(j.start, j.end, *j.end)
		v.Duration = &d
	}
	return v
}

// ---- lifecycle ----

// newJob starts a job of kind in ss; configure fills the kind's fields.
func (s *Server) newJob(kind jobKind, ss *session, configure func(*job)) *job {
	now := s.st.clock()
	j := &job{kind: kind, oid: s.st.objectID(), room: ss.room, sess: ss, start: now, createdAt: now, updatedAt: now}
	configure(j)
	s.st.jobs = append(s.st.jobs, j)
	s.st.jobBy[j.oid] = j
	if kind == kindHLS {
		const playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
		for _, name := range []string{"index.m3u8", "live.m3u8"} {
			s.st.cdn["meetings-hls/"+j.hlsKey+"/"+name] = cdnFile{contentType: "application/vnd.apple.mpegurl", text: playlist}
		}
	}
	return j
}

// Bytes per second of the placeholder media files, so sizes grow with
// duration like real files.
const (
	videoBytesPerSec = 62_500 // 500 kbit/s
	audioBytesPerSec = 4_000  // 32 kbit/s
	minFileBytes     = 1024
)

// finishJob stops a running job at now and produces its files.
func (s *Server) finishJob(j *job, now time.Time) {
	j.end, j.updatedAt = &now, now
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
	f.size = max(minFileBytes, int64(f.duration*float64(rate)))
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
		return nil, errorf(http.StatusBadRequest, "no_live_session",
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
	return errorf(http.StatusConflict, "already_running", "%s already running in room %q.", what, roomID)
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
			return errorf(http.StatusBadRequest, "not_running", "%s %q is not running.", kind, id)
		}
		s.finishJob(j, s.st.clock())
		return nil
	}
	var jobs []*job
	if rm.live != nil {
		jobs = s.running(kind, rm.live, nil)
	}
	if len(jobs) == 0 {
		return errorf(http.StatusBadRequest, "not_running", "No %s is running in room %q.", kind, roomID)
	}
	now := s.st.clock()
	for _, j := range jobs {
		s.finishJob(j, now)
	}
	return nil
}

// ---- composition config validation ----

type compositionConfig struct {
	Layout *struct {
		Type     string `json:"type"`
		Priority string `json:"priority"`
		GridSize int    `json:"gridSize"`
	} `json:"layout"`
	Theme       string `json:"theme"`
	Mode        string `json:"mode"`
	Quality     string `json:"quality"`
	Orientation string `json:"orientation"`
	Recording   *struct {
		Enabled bool `json:"enabled"`
	} `json:"recording"`
}

func oneOf(field, v string, allowed ...string) *apiError {
	if v != "" && !slices.Contains(allowed, v) {
		return errorf(http.StatusBadRequest, "validation_error", "%s %q is not one of %q.", field, v, allowed)
	}
	return nil
}

func (c *compositionConfig) check() *apiError {
	if c == nil {
		return nil
	}
	if l := c.Layout; l != nil {
		if e := oneOf("config.layout.type", l.Type, "GRID", "SPOTLIGHT", "SIDEBAR"); e != nil {
			return e
		}
		if e := oneOf("config.layout.priority", l.Priority, "SPEAKER", "PIN"); e != nil {
			return e
		}
		if l.GridSize < 0 || l.GridSize > 25 {
			return errorf(http.StatusBadRequest, "validation_error", "config.layout.gridSize %d is out of range 0..25.", l.GridSize)
		}
	}
	for _, e := range []*apiError{
		oneOf("config.theme", c.Theme, "DARK", "LIGHT", "DEFAULT"),
		oneOf("config.mode", c.Mode, "video-and-audio", "audio"),
		oneOf("config.quality", c.Quality, "low", "med", "high", "ultra"),
		oneOf("config.orientation", c.Orientation, "landscape", "portrait"),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// ---- meeting recordings ----

func (s *Server) startRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID     string             `json:"roomId"`
		Config     *compositionConfig `json:"config"`
		FileFormat string             `json:"fileFormat"`
		WebhookURL string             `json:"webhookUrl"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	if e := b.Config.check(); e != nil {
		return nil, e
	}
	if e := oneOf("fileFormat", b.FileFormat, "mp4", "webm"); e != nil {
		return nil, e
	}
	if e := s.notRunning(kindRecording, ss, b.RoomID); e != nil {
		return nil, e
	}
	s.newJob(kindRecording, ss, func(j *job) {
		j.fileFormat = cmp(b.FileFormat, "mp4")
		j.webhookURL = b.WebhookURL
	})
	return "Recording start accepted", nil
}

// cmp returns v, or def when v is empty.
func cmp(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// ---- participant and track recordings ----

// activeParticipant finds a participant who is in the live session.
func activeParticipant(ss *session, id string) (*participant, *apiError) {
	if e := need("participantId", id); e != nil {
		return nil, e
	}
	p := ss.partByID[id]
	if p == nil || !p.active() {
		return nil, errorf(http.StatusNotFound, "not_found", "Participant %q is not in the ongoing session.", id)
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
		return nil, errorf(http.StatusConflict, "already_running", "Participant %q is already being recorded.", p.id)
	}
	s.newJob(kindParticipant, ss, func(j *job) {
		j.participantID, j.participantName = p.id, p.name
		j.fileFormat, j.webhookURL = cmp(b.FileFormat, "webm"), b.WebhookURL
	})
	return "Participant recording start accepted", nil
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
		return nil, errorf(http.StatusBadRequest, "not_running", "No matching %s is running in room %q.", kind, roomID)
	}
	now := s.st.clock()
	for _, j := range jobs {
		s.finishJob(j, now)
	}
	return ok, nil
}

var trackKinds = []string{"audio", "video", "screen_audio", "screen_video"}

func (s *Server) startTrackRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		ParticipantID string `json:"participantId"`
		Kind          string `json:"kind"`
		FileFormat    string `json:"fileFormat"`
		WebhookURL    string `json:"webhookUrl"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("kind", b.Kind); e != nil {
		return nil, e
	}
	if e := oneOf("kind", b.Kind, trackKinds...); e != nil {
		return nil, e
	}
	if e := oneOf("fileFormat", b.FileFormat, "webm", "mp4", "m3u8", "mp3"); e != nil {
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
	if len(s.running(kindTrack, ss, func(j *job) bool { return j.participantID == p.id && j.track == b.Kind })) > 0 {
		return nil, errorf(http.StatusConflict, "already_running", "The %s track of participant %q is already being recorded.", b.Kind, p.id)
	}
	s.newJob(kindTrack, ss, func(j *job) {
		j.participantID, j.participantName, j.track = p.id, p.name, b.Kind
		j.fileFormat, j.webhookURL = cmp(b.FileFormat, "webm"), b.WebhookURL
	})
	return "Track recording start accepted", nil
}

func (s *Server) stopTrackRecording(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID        string `json:"roomId"`
		ParticipantID string `json:"participantId"`
		Kind          string `json:"kind"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	for _, f := range []struct{ name, v string }{{"roomId", b.RoomID}, {"participantId", b.ParticipantID}, {"kind", b.Kind}} {
		if e := need(f.name, f.v); e != nil {
			return nil, e
		}
	}
	if e := oneOf("kind", b.Kind, trackKinds...); e != nil {
		return nil, e
	}
	return s.stopParticipantJob(kindTrack, b.RoomID, func(j *job) bool { return j.participantID == b.ParticipantID && j.track == b.Kind },
		"Track recording stop accepted")
}

// ---- livestreams ----

func (s *Server) startLivestream(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID  string             `json:"roomId"`
		Outputs []rtmpOutput       `json:"outputs"`
		Config  *compositionConfig `json:"config"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	if len(b.Outputs) == 0 {
		return nil, errorf(http.StatusBadRequest, "validation_error", "\"outputs\" must contain at least one destination.")
	}
	for i, o := range b.Outputs {
		if e := need("outputs["+strconv.Itoa(i)+"].url", o.URL); e != nil {
			return nil, e
		}
		if e := need("outputs["+strconv.Itoa(i)+"].streamKey", o.StreamKey); e != nil {
			return nil, e
		}
	}
	if e := b.Config.check(); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	if e := s.notRunning(kindLivestream, ss, b.RoomID); e != nil {
		return nil, e
	}
	s.newJob(kindLivestream, ss, func(j *job) { j.outputs = b.Outputs })
	return "RTMP output start accepted", nil
}

// ---- HLS ----

type startHLSBody struct {
	RoomID string             `json:"roomId"`
	Config *compositionConfig `json:"config"`
}

func (s *Server) configureHLS(j *job, b *startHLSBody) {
	j.hlsKey = s.st.uuid()
	j.mode, j.quality, j.orientation = "video-and-audio", "high", "landscape"
	if c := b.Config; c != nil {
		j.mode, j.quality, j.orientation = cmp(c.Mode, j.mode), cmp(c.Quality, j.quality), cmp(c.Orientation, j.orientation)
	}
}

func (s *Server) startHLS(r *http.Request) (any, *apiError) {
	var b startHLSBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := b.Config.check(); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	if e := s.notRunning(kindHLS, ss, b.RoomID); e != nil {
		return nil, e
	}
	j := s.newJob(kindHLS, ss, func(j *job) { s.configureHLS(j, &b) })
	return s.hlsView(j), nil
}

// runningHLS returns the room's newest running HLS stream, if any.
func (s *Server) runningHLS(rm *room) *job {
	if rm.live == nil {
		return nil
	}
	jobs := s.running(kindHLS, rm.live, nil)
	if len(jobs) == 0 {
		return nil
	}
	return jobs[len(jobs)-1]
}

// activeHLS answers the {code, data} wrapper, or 404 when no HLS runs.
func (s *Server) activeHLS(r *http.Request) (any, *apiError) {
	id := r.PathValue("roomId")
	rm := s.st.lookupRoom(id)
	if rm == nil {
		return nil, notFound("Room", id)
	}
	j := s.runningHLS(rm)
	if j == nil {
		return nil, errorf(http.StatusNotFound, "not_found", "No active HLS found for room %q.", id)
	}
	return struct {
		Code int     `json:"code"`
		Data hlsJSON `json:"data"`
	}{200, s.hlsView(j)}, nil
}

func (s *Server) captureHLS(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID string   `json:"roomId"`
		Time   *float64 `json:"time"`
		Width  int      `json:"width"`
		Height int      `json:"height"`
		Format string   `json:"format"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	if e := oneOf("format", b.Format, "jpg", "png", "webp"); e != nil {
		return nil, e
	}
	if b.Width < 0 || b.Height < 0 {
		return nil, errorf(http.StatusBadRequest, "validation_error", "width and height must be positive.")
	}
	rm := s.st.lookupRoom(b.RoomID)
	if rm == nil {
		return nil, notFound("Room", b.RoomID)
	}
	j := s.runningHLS(rm)
	if j == nil {
		return nil, errorf(http.StatusBadRequest, "hls_not_running", "HLS is not running in room %q.", b.RoomID)
	}
	now := s.st.clock()
	if b.Time != nil {
		if b.Format == "webp" {
			return nil, errorf(http.StatusBadRequest, "validation_error", "webp is only available for real-time capture (omit \"time\").")
		}
		if *b.Time < 0 || *b.Time > seconds(j.start, nil, now) {
			return nil, errorf(http.StatusBadRequest, "validation_error", "time %v is outside the stream (0..%v s).", *b.Time, seconds(j.start, nil, now))
		}
	}
	size := captureSizes[j.quality]
	w, h := size[0], size[1]
	if j.orientation == "portrait" {
		w, h = h, w
	}
	if b.Width > 0 {
		w = b.Width
	}
	if b.Height > 0 {
		h = b.Height
	}
	format := cmp(b.Format, "jpg")
	j.captures++
	name := rm.roomID + "-" + strconv.FormatInt(now.Unix(), 10) + "-" + strconv.Itoa(j.captures)
	bytes := int64(w*h/10 + minFileBytes)
	ct := map[string]string{"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[format]
	s.st.cdn["thumbnail/"+name+"."+format] = cdnFile{contentType: ct, size: bytes}
	return captureJSON{
		Message: "Thumbnail captured", RoomID: rm.roomID, Meta: captureMetaJSON{iso(now), w, h, format},
		FilePath: s.base + "/cdn/thumbnail/" + name + "." + format, FileSize: bytes, FileName: name,
	}, nil
}

// captureSizes are the default thumbnail sizes per HLS quality (landscape).
var captureSizes = map[string][2]int{"low": {854, 480}, "med": {1280, 720}, "high": {1920, 1080}, "ultra": {3840, 2160}}

type captureMetaJSON struct {
	CreatedAt string `json:"createdAt"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Format    string `json:"format"`
}

type captureJSON struct {
	Message  string          `json:"message"`
	RoomID   string          `json:"roomId"`
	Meta     captureMetaJSON `json:"meta"`
	FilePath string          `json:"filePath"`
	FileSize int64           `json:"fileSize"`
	FileName string          `json:"fileName"`
}

// ---- list, get, delete for every job kind ----

var removedMessage = map[jobKind]string{
	kindRecording:   "Recording removed",
	kindParticipant: "Participant recording removed",
	kindTrack:       "Track recording removed",
	kindHLS:         "HLS recording removed",
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
		page, perPage, e := pageParams(r, 20)
		if e != nil {
			return nil, e
		}
		q := r.URL.Query()
		if v := q.Get("withTranscription"); v != "" && v != "true" && v != "false" {
			return nil, errorf(http.StatusBadRequest, "validation_error", "withTranscription must be true or false.")
		}
		roomID, sessionID, pid, query := q.Get("roomId"), q.Get("sessionId"), q.Get("participantId"), q.Get("query")
		var items []*job
		for _, j := range newestFirst(s.st.jobs, func(j *job) time.Time { return j.createdAt }) {
			switch {
			case j.kind != kind, j.deleted,
				roomID != "" && roomID != j.room.roomID && roomID != j.room.customRoomID,
				query != "" && query != j.room.roomID && query != j.room.customRoomID,
				sessionID != "" && sessionID != j.sess.oid,
				pid != "" && pid != j.participantID:
				continue
			}
			items = append(items, j)
		}
		lo, hi, info := paginate(len(items), page, perPage)
		data := make([]any, 0, hi-lo)
		for _, j := range items[lo:hi] {
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
			return nil, errorf(http.StatusConflict, "still_running", "%s %q is still running; stop it first.", kind, j.oid)
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
