// RTMP livestreams: POST /v2/livestreams/start.

package videosdktest

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/videosdk-go/videosdk/internal/compose"
)

type livestreamJSON struct {
	ID        string          `json:"id"`
	RoomID    string          `json:"roomId"`
	SessionID string          `json:"sessionId"`
	Outputs   []rtmpOutput    `json:"outputs"`
	Start     string          `json:"start"`
	End       json.RawMessage `json:"end"`
	Region    string          `json:"region"`
	Links     linksJSON       `json:"links"`
	Webhook   *webhookJSON    `json:"webhook,omitempty"`
}

// ---- livestreams ----

func (s *Server) startLivestream(r *http.Request) (any, *apiError) {
	var b struct {
		RoomID  string       `json:"roomId"`
		Outputs []rtmpOutput `json:"outputs"`
		composition
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	if len(b.Outputs) == 0 {
		return nil, errorf(http.StatusBadRequest, "\"outputs\" must contain at least one destination.")
	}
	for i, o := range b.Outputs {
		if e := need("outputs["+strconv.Itoa(i)+"].url", o.URL); e != nil {
			return nil, e
		}
		if e := need("outputs["+strconv.Itoa(i)+"].streamKey", o.StreamKey); e != nil {
			return nil, e
		}
	}
	if e := b.check(compose.RTMP); e != nil {
		return nil, e
	}
	ss, e := s.liveSession(b.RoomID)
	if e != nil {
		return nil, e
	}
	if e := s.notRunning(kindLivestream, ss, b.RoomID); e != nil {
		return nil, e
	}
	j := s.newJob(kindLivestream, ss, func(j *job) { j.outputs, j.transcription = b.Outputs, b.Transcription.enabled() })
	return startAnswer(j, "RTMP output start accepted"), nil
}
