// HLS: start, the active-stream wrapper and thumbnail capture.

package videosdktest

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/videosdk-go/videosdk/internal/compose"
)

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
	Webhook        *webhookJSON    `json:"webhook,omitempty"`
}

func (s *Server) hlsView(j *job) hlsJSON {
	prefix := s.base + "/cdn/meetings-hls/" + j.hlsKey
	v := hlsJSON{
		ID: j.oid, RoomID: j.room.roomID, SessionID: j.sess.oid, Start: iso(j.start), End: isoOrNull(j.end),
		PlaybackHlsURL: prefix + "/index.m3u8", LivestreamURL: prefix + "/live.m3u8", DownstreamURL: prefix + "/index.m3u8",
		Mode: j.mode, Quality: j.quality, Orientation: j.orientation, Links: s.jobLinks(j),
	}
	// duration: of the whole stream once ended, so far while it runs (the
	// issue-18 list of documented fields has it for an active stream too).
	d := seconds(j.start, j.end, s.st.clock())
	v.Duration = &d
	if len(j.sent) > 0 { // [NODE] lists webhook on an HLS stream
		v.Webhook = s.webhookSummary(j.sent)
	}
	return v
}

// ---- HLS ----

type startHLSBody struct {
	RoomID string `json:"roomId"`
	composition
	Summary    *summaryOpts `json:"summary"` // the HLS docs' top-level placement
	WebhookURL string       `json:"webhookUrl"`
}

// check applies the rules of internal/compose to an HLS start: the
// composition, and a top-level summary only with transcription.
func (b *startHLSBody) check() *apiError {
	if e := b.composition.check(compose.HLS); e != nil {
		return e
	}
	return ruleErr(compose.CheckHLSSummary(b.Summary != nil && b.Summary.Enabled, b.Transcription.rules()))
}

func (s *Server) configureHLS(j *job, b *startHLSBody) {
	j.hlsKey, j.webhookURL = s.st.uuid(), b.WebhookURL
	if t := b.Transcription.enabled(); t != nil {
		j.transcription = &transcriptionOpts{Enabled: true, Summary: t.Summary}
		if b.Summary != nil && b.Summary.Enabled {
			j.transcription.Summary = b.Summary
		}
	}
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
	if e := b.check(); e != nil {
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
		return nil, errorf(http.StatusNotFound, "No active HLS found for room %q.", id)
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
	if e := ruleErr(compose.CheckCaptureSize(b.Width, b.Height)); e != nil {
		return nil, e
	}
	rm := s.st.lookupRoom(b.RoomID)
	if rm == nil {
		return nil, notFound("Room", b.RoomID)
	}
	j := s.runningHLS(rm)
	if j == nil {
		return nil, errorf(http.StatusBadRequest, "HLS is not running in room %q.", b.RoomID)
	}
	now := s.st.clock()
	if b.Time != nil {
		if b.Format == "webp" {
			return nil, errorf(http.StatusBadRequest, "webp is only available for real-time capture (omit \"time\").")
		}
		if *b.Time < 0 || *b.Time > seconds(j.start, nil, now) {
			return nil, errorf(http.StatusBadRequest, "time %v is outside the stream (0..%v s).", *b.Time, seconds(j.start, nil, now))
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
	bytes := int64(w)*int64(h)/10 + minFileBytes // at most 3840² / 10 + 1 KiB
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
