// Command agent is a small back end that puts an AI agent into every
// meeting: when VideoSDK reports that a session started in one of its
// rooms (the session-started webhook), it dispatches the agent into that
// room, where the agent joins as a participant.
//
//	VIDEOSDK_API_KEY=… VIDEOSDK_SECRET=… go run ./examples/agent \
//		-addr 127.0.0.1:8080 -public-url https://backend.example.com -agent-id YOUR_AGENT_ID
//
// Endpoints:
//
//	POST /rooms               → 201 {"roomId": …}   creates a room whose sessions get the agent
//	POST /webhooks/videosdk   ← VideoSDK's deliveries
//
// Rooms are created with webhook {public-url}/webhooks/videosdk for
// session-started. The webhook endpoint verifies every delivery's signature
// (fetching VideoSDK's public key on first use). VideoSDK delivers again when
// the endpoint answers 500, so a failed dispatch is retried by VideoSDK, and
// a session already given an agent is not given a second one. This example
// does not authenticate the callers of /rooms: put it behind your own login.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	publicURL := flag.String("public-url", "", "base URL VideoSDK reaches this server at, e.g. https://backend.example.com")
	agentID := flag.String("agent-id", "", "the agent to dispatch into each session")
	flag.Parse()
	if u, err := url.Parse(*publicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		log.Fatal("agent: -public-url must be an absolute http(s) URL")
	}
	if strings.TrimSpace(*agentID) == "" {
		log.Fatal("agent: -agent-id is required")
	}
	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatalf("agent: %v (set VIDEOSDK_API_KEY and VIDEOSDK_SECRET)", err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newHandler(client, *agentID, strings.TrimRight(*publicURL, "/")+webhookPath, log.Default()),
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
	log.Printf("agent back end listening on http://%s, webhooks at %s%s", *addr, *publicURL, webhookPath)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("agent: %v", err)
	}
}

// webhookPath is where VideoSDK delivers the rooms' events.
const webhookPath = "/webhooks/videosdk"

type app struct {
	client  *videosdk.Client
	agentID string
	hookURL string
	log     *log.Logger

	mu         sync.Mutex
	dispatched map[string]bool // session ids given an agent (or being given one)
}

// newHandler returns the server's routes: rooms report to hookURL and each
// of their sessions gets agentID.
func newHandler(client *videosdk.Client, agentID, hookURL string, logger *log.Logger) http.Handler {
	a := &app{client: client, agentID: agentID, hookURL: hookURL, log: logger, dispatched: map[string]bool{}}
	hooks := client.NewWebhookHandler()
	hooks.On(videosdk.WebhookSessionStarted, a.sessionStarted)

	mux := http.NewServeMux()
	mux.HandleFunc("POST /rooms", a.createRoom)
	mux.Handle(webhookPath, hooks)
	return mux
}

// sessionStarted dispatches the agent into the room whose session started.
// An error answers 500, and VideoSDK delivers the event again.
func (a *app) sessionStarted(ctx context.Context, ev *videosdk.WebhookEvent) error {
	roomID, sessionID := ev.Data.RoomID, ev.Data.SessionID
	if roomID == "" {
		return nil // not one of ours to act on; 2xx so it is not sent again
	}
	key := sessionID
	if key == "" {
		key = roomID
	}
	a.mu.Lock()
	if a.dispatched[key] {
		a.mu.Unlock()
		return nil // a redelivery: the session has its agent
	}
	a.dispatched[key] = true
	a.mu.Unlock()

	res, err := a.client.Agents.Dispatch(ctx, videosdk.DispatchAgentParams{
		AgentID:  a.agentID,
		RoomID:   roomID,
		Metadata: map[string]any{"sessionId": sessionID},
	})
	if err != nil {
		a.mu.Lock()
		delete(a.dispatched, key) // let the redelivery try again
		a.mu.Unlock()
		a.log.Printf("agent: dispatch into room %s failed: %v", roomID, err)
		return fmt.Errorf("dispatching the agent: %w", err)
	}
	a.log.Printf("agent %s dispatched into room %s (session %s, job %s)", a.agentID, roomID, sessionID, res.JobID)
	return nil
}

// createRoom creates a room whose session-started events come here.
func (a *app) createRoom(w http.ResponseWriter, r *http.Request) {
	room, err := a.client.Rooms.Create(r.Context(), videosdk.CreateRoomParams{
		Webhook: &videosdk.RoomWebhook{EndPoint: a.hookURL, Events: []videosdk.WebhookEventType{videosdk.WebhookSessionStarted}},
	})
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		a.log.Printf("agent: creating a room: %v", err)
		w.WriteHeader(http.StatusBadGateway)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "creating the room failed"})
		return
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"roomId": room.RoomID})
}
