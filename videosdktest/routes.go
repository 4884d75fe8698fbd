package videosdktest

import (
	"net/http"
	"strings"
	"time"
)

// handler serves one endpoint with the server lock held. It returns the
// response value (a string is sent as a JSON string literal, as the real
// API does for actions) or an error answer. The request body has been read
// and checked to be a JSON object (or empty) before the lock was taken:
// decode reads it from memory.
type handler func(r *http.Request) (any, *apiError)

type route struct {
	pattern string
	h       handler
}

// endpoints lists every endpoint the fake serves.
func (s *Server) endpoints() []route {
	return append([]route{
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
	}, append(s.sipEndpoints(), s.platformEndpoints()...)...)
}

// buildMux registers every endpoint on a new ServeMux. Each reads and
// checks the request body before it takes the server lock, so a client that
// sends its body slowly holds up nobody but itself.
func (s *Server) buildMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.endpoints() {
		h := rt.h
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			if err := bufferBody(w, r); err != nil {
				writeError(w, err)
				return
			}
			v, at, err := s.locked(h, r)
			// The server's clock, as a real server's Date header gives it:
			// FindStarted corrects the client's clock by it.
			w.Header().Set("Date", at.UTC().Format(http.TimeFormat))
			if err != nil {
				writeError(w, err)
				return
			}
			if ra, ok := v.(*rawAnswer); ok { // platform.go: SDP and CSV answers
				ra.write(w)
				return
			}
			writeJSON(w, http.StatusOK, v)
		})
	}
	return mux
}

// locked runs h with the server lock held (released even if h panics, so
// one bad request cannot wedge the server).
func (s *Server) locked(h handler, r *http.Request) (any, time.Time, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	s.settleSIP()
	v, err := h(r)
	return v, s.st.clock(), err
}

// routed returns the pattern of the endpoint r is for, or "" when there is
// none: r's path must be clean and match a route with r's method. The mux
// would redirect an unclean path (//v2/rooms, /v2/./rooms, /v2/rooms/..) to
// its cleaned form, so that a client following the redirect would act on
// another resource; the fake answers those with 404 instead, like the real
// API.
func (s *Server) routed(r *http.Request) string {
	if !cleanPath(r.URL.Path) {
		return ""
	}
	_, pattern := s.mux.Handler(r)
	return pattern
}

// cleanPath reports whether p is absolute and has no empty, "." or ".."
// segment.
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	for rest, more := p[1:], true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
