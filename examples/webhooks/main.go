// Command webhooks is a small back end that records meetings and learns from
// VideoSDK's webhooks when each recording's file is ready.
//
//	VIDEOSDK_API_KEY=… VIDEOSDK_SECRET=… go run ./examples/webhooks \
//		-addr 127.0.0.1:8080 -public-url https://backend.example.com
//
// Endpoints:
//
//	POST /rooms/{roomId}/recording/start   → 202 {"roomId": …, "recordingId": …}   starts a recording of the room's live session
//	POST /rooms/{roomId}/recording/stop    → 202 {"roomId": …}   stops it (?id=… stops only that recording)
//	GET  /recordings/{id}/file             → 200 {"recordingId": …, "fileUrl": …}   waits (at most 30 s) for a stopped recording's file
//	POST /webhooks/videosdk                ← VideoSDK's deliveries
//
// Each recording is started with webhookUrl {public-url}/webhooks/videosdk,
// so VideoSDK reports its state changes there. The webhook endpoint verifies
// every delivery's signature (fetching VideoSDK's public key on first use)
// and logs the file URL of each recording-stopped event; a real application
// would store it or start a download. The API answers a start with a
// sentence, not an id: the start endpoint finds the recording it started
// with FindStarted, and GET …/file waits for its file with WaitForFile, for
// a caller that cannot receive webhooks. -public-url must be the address
// VideoSDK can reach this server at. This example does not authenticate the
// callers of the /rooms endpoints: put it behind your own login.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	publicURL := flag.String("public-url", "", "base URL VideoSDK reaches this server at, e.g. https://backend.example.com")
	flag.Parse()
	if u, err := url.Parse(*publicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		log.Fatal("webhooks: -public-url must be an absolute http(s) URL")
	}
	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatalf("webhooks: %v (set VIDEOSDK_API_KEY and VIDEOSDK_SECRET)", err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newHandler(client, strings.TrimRight(*publicURL, "/")+webhookPath, log.Default()),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      40 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("webhooks listening on http://%s, webhooks at %s%s", *addr, *publicURL, webhookPath)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("webhooks: %v", err)
	}
}

// webhookPath is where VideoSDK delivers the recordings' events.
const webhookPath = "/webhooks/videosdk"

type app struct {
	client  *videosdk.Client
	hookURL string
	log     *log.Logger
}

// newHandler returns the server's routes; recordings report to hookURL.
func newHandler(client *videosdk.Client, hookURL string, logger *log.Logger) http.Handler {
	a := &app{client: client, hookURL: hookURL, log: logger}
	hooks := client.NewWebhookHandler()
	hooks.On(videosdk.WebhookRecordingStopped, a.recordingStopped)
	hooks.On(videosdk.WebhookRecordingFailed, a.recordingFailed)

	mux := http.NewServeMux()
	mux.HandleFunc("POST /rooms/{roomId}/recording/start", a.start)
	mux.HandleFunc("POST /rooms/{roomId}/recording/stop", a.stop)
	mux.HandleFunc("GET /recordings/{id}/file", a.file)
	mux.Handle(webhookPath, hooks) // answers 405 itself for anything but POST
	return mux
}

// recordingStopped runs for each verified recording-stopped delivery.
// Returning an error would answer 500, and VideoSDK would deliver it again.
func (a *app) recordingStopped(_ context.Context, ev *videosdk.WebhookEvent) error {
	a.log.Printf("recording of room %s (session %s) ready: %s", ev.Data.RoomID, ev.Data.SessionID, ev.Data.FileURL)
	return nil
}

func (a *app) recordingFailed(_ context.Context, ev *videosdk.WebhookEvent) error {
	a.log.Printf("recording of room %s (session %s) failed: %s", ev.Data.RoomID, ev.Data.SessionID, ev.Data.Message)
	return nil
}

// start starts a recording and answers its id: the caller stops exactly
// that recording with it (several may run in a room with
// multiComposition), and the webhooks name the room and session. The API
// answers a start with a sentence, so FindStarted finds the recording among
// the room's newest (for at most 10 s; without it the answer has no id).
func (a *app) start(w http.ResponseWriter, r *http.Request) {
	roomID := r.PathValue("roomId")
	res, err := a.client.Recordings.Start(r.Context(), videosdk.StartRecordingParams{RoomID: roomID, WebhookURL: a.hookURL})
	body := map[string]string{"roomId": roomID}
	if err == nil {
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		rec, ferr := a.client.Recordings.FindStarted(ctx, res)
		cancel()
		if ferr == nil {
			body["recordingId"] = rec.ID
		} else {
			a.log.Printf("webhooks: started a recording in room %q, not found yet: %v", roomID, ferr)
		}
	}
	a.answer(w, body, "starting the recording", err)
}

// file waits (at most 30 s) for a stopped recording's file and answers its
// URL: the polling alternative to the recording-stopped webhook. A
// recording still processing then answers 202 without a fileUrl.
func (a *app) file(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	rec, err := a.client.Recordings.WaitForFile(ctx, id)
	body := map[string]string{"recordingId": id}
	if errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil {
		a.answer(w, body, "", nil) // 202: still processing
		return
	}
	status := http.StatusOK
	if err == nil {
		body["fileUrl"] = rec.File.FileURL
	} else if errors.Is(err, videosdk.ErrJobFailed) {
		status = http.StatusConflict
		body["error"] = "the recording failed"
		a.log.Printf("webhooks: recording %q: %v", id, err)
	} else {
		a.answer(w, body, "waiting for the recording's file", err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (a *app) stop(w http.ResponseWriter, r *http.Request) {
	roomID := r.PathValue("roomId")
	err := a.client.Recordings.Stop(r.Context(), videosdk.StopRecordingParams{RoomID: roomID, ID: r.URL.Query().Get("id")})
	a.answer(w, map[string]string{"roomId": roomID}, "stopping the recording", err)
}

// answer maps the SDK's error classes to statuses for the caller and logs
// the details (they never contain the secret or a token).
func (a *app) answer(w http.ResponseWriter, body map[string]string, what string, err error) {
	status := http.StatusAccepted // the file comes later, by webhook
	switch {
	case err == nil:
	case errors.Is(err, videosdk.ErrInvalidParams):
		status = http.StatusBadRequest
	case errors.Is(err, videosdk.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, videosdk.ErrBadRequest), errors.Is(err, videosdk.ErrConflict):
		status = http.StatusConflict // no live session, or already recording / not recording
	default:
		status = http.StatusBadGateway
	}
	if err != nil {
		a.log.Printf("webhooks: %s for room %q: %v", what, body["roomId"], err)
		body = map[string]string{"roomId": body["roomId"], "error": what + " failed"}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
