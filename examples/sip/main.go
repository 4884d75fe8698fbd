// Command sip is a small telephony back end: it places outbound calls into
// VideoSDK rooms and follows each call through VideoSDK's SIP webhooks.
//
//	VIDEOSDK_API_KEY=… VIDEOSDK_SECRET=… go run ./examples/sip \
//		-addr 127.0.0.1:8080 -public-url https://backend.example.com -from +14155550100
//
// Endpoints:
//
//	POST /calls                     {"to": "+1…", "roomId": "…"}  → 202 {"callId": …}   places a call from -from into the room
//	POST /calls/{callId}/transfer   {"to": "+1…" or "sip:…"}        → 202 {"callId": …}   transfers an answered call
//	POST /calls/{callId}/end                                          → 202 {"callId": …}   hangs up
//	GET  /calls/{callId}                                              → 200 {"callId", "status", "events"}: what the webhooks said
//	POST /webhooks/sip              ← VideoSDK's SIP deliveries
//
// At start-up it subscribes {public-url}/webhooks/sip to every SIP call
// event (SIP.Webhooks.Create). The webhook endpoint verifies each delivery's
// signature, reads the call it carries and records the call's progress:
// answered, missed, rejected (a busy callee), transferred, hung up. A real
// application would update its CRM or start an agent here. -from must be a
// number provisioned with an outbound gateway (SIP.PhoneNumbers.Create). This
// example does not authenticate the callers of the /calls endpoints: put it
// behind your own login.
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
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	publicURL := flag.String("public-url", "", "base URL VideoSDK reaches this server at, e.g. https://backend.example.com")
	from := flag.String("from", "", "the provisioned E.164 number calls come from")
	flag.Parse()
	if u, err := url.Parse(*publicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		log.Fatal("sip: -public-url must be an absolute http(s) URL")
	}
	if !videosdk.IsE164(*from) {
		log.Fatal("sip: -from must be an E.164 number such as +14155550100")
	}
	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatalf("sip: %v (set VIDEOSDK_API_KEY and VIDEOSDK_SECRET)", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	hookURL := strings.TrimRight(*publicURL, "/") + webhookPath
	if err := subscribe(ctx, client, hookURL); err != nil {
		log.Fatalf("sip: subscribing %s to call events: %v", hookURL, err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newHandler(client, *from, log.Default()),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      40 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("sip listening on http://%s, webhooks at %s", *addr, hookURL)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("sip: %v", err)
	}
}

// webhookPath is where VideoSDK delivers the SIP call events.
const webhookPath = "/webhooks/sip"

// subscribe makes sure hookURL receives every SIP call event: an existing
// subscription of the URL is reused, so restarts do not pile them up.
func subscribe(ctx context.Context, client *videosdk.Client, hookURL string) error {
	for wh, err := range client.SIP.Webhooks.All(ctx, videosdk.ListSIPWebhooksParams{Search: hookURL}) {
		if err != nil {
			return err
		}
		if wh.URL == hookURL {
			_, err := client.SIP.Webhooks.Update(ctx, wh.ID, videosdk.SIPWebhookParams{URL: hookURL, Events: videosdk.SIPWebhookEvents()})
			return err
		}
	}
	_, err := client.SIP.Webhooks.Create(ctx, videosdk.SIPWebhookParams{URL: hookURL, Events: videosdk.SIPWebhookEvents()})
	return err
}

// callState is what the back end knows about a call from its webhooks.
type callState struct {
	CallID string                      `json:"callId"`
	Status videosdk.SIPCallStatus      `json:"status"`
	Events []videosdk.WebhookEventType `json:"events"`
	// Outcome is the back end's reading: "in-call", "busy", "no-answer",
	// "failed", "transferred", "ended" or "" while it rings.
	Outcome string `json:"outcome"`
}

type app struct {
	client *videosdk.Client
	from   string
	log    *log.Logger

	mu    sync.Mutex
	calls map[string]*callState
}

// newHandler returns the server's routes; calls are placed from the number from.
func newHandler(client *videosdk.Client, from string, logger *log.Logger) http.Handler {
	a := &app{client: client, from: from, log: logger, calls: map[string]*callState{}}
	hooks := client.NewWebhookHandler()
	hooks.On("call-*", a.callEvent)
	hooks.On("switch-room-*", a.callEvent)

	mux := http.NewServeMux()
	mux.HandleFunc("POST /calls", a.place)
	mux.HandleFunc("POST /calls/{callId}/transfer", a.transfer)
	mux.HandleFunc("POST /calls/{callId}/end", a.end)
	mux.HandleFunc("GET /calls/{callId}", a.get)
	mux.Handle(webhookPath, hooks) // answers 405 itself for anything but POST
	return mux
}

// callEvent runs for each verified SIP delivery. Returning an error would
// answer 500, and VideoSDK would deliver it again.
func (a *app) callEvent(_ context.Context, ev *videosdk.WebhookEvent) error {
	call, err := ev.SIPCall()
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	st := a.state(call.ID)
	st.Status = call.Status
	st.Events = append(st.Events, ev.Type)
	switch {
	case ev.Type == videosdk.WebhookCallAnswered:
		st.Outcome = "in-call"
		a.log.Printf("call %s to %s answered in room %s", call.ID, call.To, call.RoomID)
	case ev.Type == videosdk.WebhookCallMissed:
		st.Outcome = "no-answer"
		a.log.Printf("call %s to %s was not answered", call.ID, call.To)
	case call.Status == videosdk.SIPCallRejected:
		st.Outcome = "busy"
		a.log.Printf("call %s to %s was rejected (busy)", call.ID, call.To)
	case call.Status == videosdk.SIPCallFailed:
		st.Outcome = "failed"
		a.log.Printf("call %s to %s failed", call.ID, call.To)
	case ev.Type == videosdk.WebhookCallTransferFailed:
		a.log.Printf("transfer of call %s failed; the caller stays in room %s", call.ID, call.RoomID)
	case ev.Type == videosdk.WebhookCallTransferred:
		st.Outcome = "transferred"
		a.log.Printf("call %s transferred", call.ID)
	case ev.Type == videosdk.WebhookCallHangup:
		st.Outcome = "ended"
		a.log.Printf("call %s ended", call.ID)
	}
	return nil
}

// state returns the record of call id, creating it. Call with a.mu held.
func (a *app) state(id string) *callState {
	st := a.calls[id]
	if st == nil {
		st = &callState{CallID: id}
		a.calls[id] = st
	}
	return st
}

func (a *app) place(w http.ResponseWriter, r *http.Request) {
	var body struct {
		To     string `json:"to"`
		RoomID string `json:"roomId"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&body); err != nil {
		a.answer(w, nil, "reading the request", videosdk.ErrInvalidParams)
		return
	}
	call, err := a.client.SIP.Calls.Create(r.Context(), videosdk.CreateSIPCallParams{To: body.To, From: a.from, RoomID: body.RoomID})
	if err == nil {
		a.mu.Lock()
		a.state(call.ID)
		a.mu.Unlock()
	}
	a.answer(w, call, "placing the call", err)
}

func (a *app) transfer(w http.ResponseWriter, r *http.Request) {
	var body struct {
		To string `json:"to"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&body); err != nil {
		a.answer(w, nil, "reading the request", videosdk.ErrInvalidParams)
		return
	}
	call, err := a.client.SIP.Calls.Transfer(r.Context(), videosdk.TransferSIPCallParams{CallID: r.PathValue("callId"), TransferTo: body.To})
	a.answer(w, call, "transferring the call", err)
}

func (a *app) end(w http.ResponseWriter, r *http.Request) {
	call, err := a.client.SIP.Calls.End(r.Context(), r.PathValue("callId"))
	a.answer(w, call, "ending the call", err)
}

func (a *app) get(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	st, ok := a.calls[r.PathValue("callId")]
	var out callState
	if ok {
		out = *st
		out.Events = append([]videosdk.WebhookEventType(nil), st.Events...)
	}
	a.mu.Unlock()
	if !ok {
		http.Error(w, "unknown call", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// answer maps the SDK's error classes to statuses for the caller and logs
// the details (they never contain the secret or a token).
func (a *app) answer(w http.ResponseWriter, call *videosdk.SIPCall, what string, err error) {
	status := http.StatusAccepted // the outcome comes later, by webhook
	body := map[string]string{}
	switch {
	case err == nil:
		body["callId"] = call.ID
	case errors.Is(err, videosdk.ErrInvalidParams):
		status = http.StatusBadRequest
	case errors.Is(err, videosdk.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, videosdk.ErrBadRequest), errors.Is(err, videosdk.ErrConflict):
		status = http.StatusConflict // the call is not in a state that allows it
	default:
		status = http.StatusBadGateway
	}
	if err != nil {
		a.log.Printf("sip: %s: %v", what, err)
		body["error"] = what + " failed"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
