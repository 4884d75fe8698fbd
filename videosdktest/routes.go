package videosdktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// handler serves one endpoint with the server lock held. It returns the
// response value (a string is sent as a JSON string literal, as the real
// API does for actions) or an error answer.
type handler func(r *http.Request) (any, *apiError)

type route struct {
	pattern string
	h       handler
}

// endpoints lists every endpoint the fake serves.
func (s *Server) endpoints() []route {
	return []route{
		{"POST /v2/rooms", s.createRoom},
		{"GET /v2/rooms", s.listRooms},
		{"GET /v2/rooms/validate/{roomId}", s.validateRoom},
		{"GET /v2/rooms/{roomId}", s.getRoom},
		{"POST /v2/rooms/deactivate", s.deactivateRoom},

		{"GET /v2/sessions", s.listSessions},
		{"GET /v2/sessions/{sessionId}", s.getSession},
		{"GET /v2/sessions/{sessionId}/participants", s.listParticipants},
		{"GET /v2/sessions/{sessionId}/participants/active", s.listActiveParticipants},
		{"GET /v2/sessions/{sessionId}/participants/{participantId}", s.getParticipant},
		{"GET /v2/sessions/{sessionId}/stats", s.sessionStats},
		{"GET /v2/sessions/{sessionId}/participant/{participantId}/stats", s.participantStats},
		{"POST /v2/sessions/end", s.endSession},
		{"POST /v2/sessions/participants/remove", s.removeParticipant},

		{"POST /v2/recordings/start", s.startRecording},
		{"POST /v2/recordings/end", s.stopper(kindRecording, "Recording stop accepted")},
		{"GET /v2/recordings", s.listRecordings},
		{"GET /v2/recordings/{id}", s.getRecording},
		{"DELETE /v2/recordings/{id}", s.deleter(kindRecording)},

		{"POST /v2/recordings/participant/start", s.startParticipantRecording},
		{"POST /v2/recordings/participant/stop", s.stopParticipantRecording},
		{"GET /v2/recordings/participant", s.lister(kindParticipant)},
		{"GET /v2/recordings/participant/{id}", s.getter(kindParticipant)},
		{"DELETE /v2/recordings/participant/{id}", s.deleter(kindParticipant)},

		{"POST /v2/recordings/participant/track/start", s.startTrackRecording},
		{"POST /v2/recordings/participant/track/stop", s.stopTrackRecording},
		{"GET /v2/recordings/participant/track", s.lister(kindTrack)},
		{"GET /v2/recordings/participant/track/{id}", s.getter(kindTrack)},
		{"DELETE /v2/recordings/participant/track/{id}", s.deleter(kindTrack)},

		{"POST /v2/recordings/participant/merge", s.createMerge},
		{"GET /v2/recordings/participant/merge", s.listMerges},
		{"GET /v2/recordings/participant/merge/{mergeId}", s.getMerge},

		{"POST /v2/livestreams/start", s.startLivestream},
		{"POST /v2/livestreams/end", s.stopper(kindLivestream, "RTMP output stop accepted")},
		{"GET /v2/livestreams", s.lister(kindLivestream)},
		{"GET /v2/livestreams/{id}", s.getter(kindLivestream)},

		{"POST /v2/hls/start", s.startHLS},
		{"POST /v2/hls/end", s.stopper(kindHLS, "HLS stop accepted")},
		{"POST /v2/hls/capture", s.captureHLS},
		{"GET /v2/hls", s.lister(kindHLS)},
		{"GET /v2/hls/{id}", s.getter(kindHLS)},
		{"GET /v2/hls/{roomId}/active", s.activeHLS},
		{"DELETE /v2/hls/{id}", s.deleter(kindHLS)},

		{"POST /v2/recordings/composite/start", s.startComposite},
		{"POST /v2/recordings/composite/stop", s.stopComposite},
		{"GET /v2/recordings/composite", s.lister(kindComposite)},
		{"GET /v2/recordings/composite/{id}", s.getter(kindComposite)},
		{"DELETE /v2/recordings/composite/{id}", s.deleter(kindComposite)},

		{"POST /v2/transcodings/merge", s.mergeTranscoding},
		{"POST /v2/transcodings/hls-to-mp4", s.hlsToMP4},
		{"POST /v2/transcodings/meeting-recording-merge", s.meetingRecordingMerge},
		{"GET /v2/transcodings", s.listTranscodings},
		{"GET /v2/transcodings/{id}", s.getTranscoding},
		{"POST /v2/transcodings/{id}/cancel", s.cancelTranscoding},

		{"GET /ai/v1/post-transcriptions", s.listPostTranscriptions},
		{"GET /ai/v1/post-transcriptions/{id}", s.getPostTranscription},

		{"POST /ai/v1/realtime-transcriptions/start", s.startRealtime},
		{"POST /ai/v1/realtime-transcriptions/end", s.stopRealtime},
		{"GET /ai/v1/realtime-transcriptions", s.listRealtime},
		{"GET /ai/v1/realtime-transcriptions/{id}", s.getRealtime},

		{"GET " + publicKeyPath, s.publicKey},
	}
}

// buildMux registers every endpoint on a new ServeMux.
func (s *Server) buildMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.endpoints() {
		h := rt.h
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			v, err := s.locked(h, r)
			if err != nil {
				writeError(w, err)
				return
			}
			writeJSON(w, http.StatusOK, v)
		})
	}
	return mux
}

// locked runs h with the server lock held (released even if h panics, so
// one bad request cannot wedge the server).
func (s *Server) locked(h handler, r *http.Request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	return h(r)
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		// Unknown path, or a known path with the wrong method: the real API
		// (Express) answers both with 404.
		writeError(w, errorf(http.StatusNotFound, "route_not_found", "Cannot %s %s", r.Method, r.URL.Path))
		return
	}
	s.mux.ServeHTTP(w, r) // sets the path values Handler does not

}

// ---- request helpers ----

const maxRequestBody = 1 << 20

// decode reads a JSON object body into v. An empty body counts as {}.
func decode(r *http.Request, v any) *apiError {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return errorf(http.StatusBadRequest, "body_unreadable", "Request body could not be read.")
	}
	if len(b) > maxRequestBody {
		return errorf(http.StatusRequestEntityTooLarge, "body_too_large", "Request body is larger than %d bytes.", maxRequestBody)
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		b = []byte("{}")
	}
	if b[0] != '{' {
		return errorf(http.StatusBadRequest, "validation_error", "Request body must be a JSON object.")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errorf(http.StatusBadRequest, "validation_error", "Request body is not valid: %v", err)
	}
	return nil
}

// need reports a missing required field.
func need(field, v string) *apiError {
	if strings.TrimSpace(v) == "" {
		return errorf(http.StatusBadRequest, "validation_error", "%q is required.", field)
	}
	return nil
}

// pageParams reads page and perPage (1-based; defaults 1 and def).
func pageParams(r *http.Request, def int) (page, perPage int, e *apiError) {
	q := r.URL.Query()
	page, perPage = 1, def
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &page}, {"perPage", &perPage}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, errorf(http.StatusBadRequest, "validation_error", "%q must be a positive integer.", p.name)
		}
		*p.dst = n
	}
	return page, perPage, nil
}

// listEnvelope is {"pageInfo":…, "data":[…]}.
type listEnvelope struct {
	PageInfo pageInfo `json:"pageInfo"`
	Data     any      `json:"data"`
}

func notFound(what, id string) *apiError {
	return errorf(http.StatusNotFound, "not_found", "%s %q not found.", what, id)
}
