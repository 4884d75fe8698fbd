// Package serverless shows how to use videosdk from a serverless HTTP
// function (Google Cloud Functions, AWS Lambda function URLs, Cloud Run):
// build the Client once per cold start and reuse it for every invocation the
// instance serves, so its connection pool and cached management token are
// shared instead of rebuilt per request.
//
// [RoomStatus] is a plain http.HandlerFunc answering one operation:
//
//	GET ?roomId=abcd-efgh-ijkl
//	→ {"roomId":"abcd-efgh-ijkl","live":true,"sessionId":"…","participants":2,
//	   "playbackHlsUrl":"https://…/index.m3u8"}
//
// Configuration comes from the environment (VIDEOSDK_API_KEY, VIDEOSDK_SECRET,
// optionally VIDEOSDK_API_ENDPOINT), as the platforms provide it. Deploying:
//
//   - Cloud Functions (Go runtime): use RoomStatus as the entry point
//     (gcloud functions deploy room-status --entry-point RoomStatus …).
//   - Lambda function URL: wrap it with an adapter from net/http to Lambda
//     events, e.g. httpadapter from github.com/awslabs/aws-lambda-go-api-proxy.
//   - Cloud Run or any container: http.ListenAndServe(":"+os.Getenv("PORT"),
//     http.HandlerFunc(RoomStatus)).
package serverless

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
)

// newClient builds the Client from the environment. It is a variable only
// so the tests can count how often it runs.
var newClient = func() (*videosdk.Client, error) { return videosdk.NewClientFromEnv() }

// client is built on first use, once per cold start: the instance's later
// invocations reuse it. A configuration error is remembered too — it cannot
// heal without a redeploy — and reported on every call.
var client = sync.OnceValues(func() (*videosdk.Client, error) { return newClient() })

// RoomStatus reports whether a room has a live session, how many people are
// in it, and the HLS playback URL when the meeting is being streamed.
func RoomStatus(w http.ResponseWriter, r *http.Request) {
	handler(client)(w, r)
}

// callTimeout keeps one invocation well inside the platforms' limits.
const callTimeout = 10 * time.Second

var roomIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

type status struct {
	RoomID         string `json:"roomId"`
	Live           bool   `json:"live"`
	SessionID      string `json:"sessionId,omitempty"`
	Participants   int    `json:"participants"`
	PlaybackHLSURL string `json:"playbackHlsUrl,omitempty"`
}

// handler is RoomStatus with the client source passed in.
func handler(getClient func() (*videosdk.Client, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			writeError(w, http.StatusMethodNotAllowed, "use GET")
			return
		}
		roomID := r.URL.Query().Get("roomId")
		if !roomIDPattern.MatchString(roomID) {
			writeError(w, http.StatusBadRequest, "roomId query parameter is missing or invalid")
			return
		}
		c, err := getClient()
		if err != nil {
			// The error names the missing variable, never the secret.
			log.Printf("serverless: configuration: %v", err)
			writeError(w, http.StatusInternalServerError, "function is not configured")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), callTimeout)
		defer cancel()

		st, err := roomStatus(ctx, c, roomID)
		switch {
		case errors.Is(err, videosdk.ErrNotFound):
			writeError(w, http.StatusNotFound, "room not found")
		case err != nil:
			log.Printf("serverless: room %s: %v", roomID, err)
			code := http.StatusBadGateway
			if errors.Is(err, context.DeadlineExceeded) {
				code = http.StatusGatewayTimeout
			}
			writeError(w, code, "VideoSDK request failed")
		default:
			writeJSON(w, http.StatusOK, st)
		}
	}
}

func roomStatus(ctx context.Context, c *videosdk.Client, roomID string) (*status, error) {
	room, err := c.Rooms.Validate(ctx, roomID)
	if err != nil {
		return nil, err
	}
	st := &status{RoomID: room.RoomID}
	live, err := c.Sessions.List(ctx, videosdk.ListSessionsParams{
		RoomID: room.RoomID, Status: videosdk.SessionOngoing, ListOptions: videosdk.ListOptions{PerPage: 1},
	})
	if err != nil {
		return nil, err
	}
	if len(live.Data) == 0 {
		return st, nil
	}
	st.Live, st.SessionID = true, live.Data[0].ID
	active, err := c.Sessions.ListActiveParticipants(ctx, st.SessionID, videosdk.ListOptions{PerPage: 1})
	if err != nil {
		return nil, err
	}
	st.Participants = active.PageInfo.Total
	hls, err := c.HLS.GetActive(ctx, room.RoomID)
	switch {
	case err == nil:
		st.PlaybackHLSURL = hls.PlaybackHLSURL
	case !errors.Is(err, videosdk.ErrNotFound): // 404: not streaming, which is fine
		return nil, err
	}
	return st, nil
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
