// Command tokenserver is a small HTTP back end for front ends: it creates
// rooms and mints participant tokens, so the VideoSDK secret never leaves the
// server.
//
//	VIDEOSDK_API_KEY=… VIDEOSDK_SECRET=… go run ./examples/tokenserver -addr 127.0.0.1:8080
//
// Endpoints (JSON in, JSON out):
//
//	POST /rooms                      {"customRoomId": "standup"}           → 201 {"roomId": …, "customRoomId": …}
//	POST /rooms/{roomId}/tokens      {"participantId": "u42",
//	                                  "permissions": ["allow_join"],
//	                                  "ttlSeconds": 3600}                  → 201 {"token": …, "roomId": …, "expiresAt": …}
//
// Tokens get role rtc only: they let a browser or app join that one room and
// cannot call the server API. The moderator permission allow_mod is refused
// unless the server runs with -allow-mod. This example does not authenticate
// its callers: put it behind your own login before handing out tokens.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	allowMod := flag.Bool("allow-mod", false, "allow tokens with the moderator permission allow_mod")
	origin := flag.String("cors-origin", "", "browser origin allowed to call this server, e.g. https://app.example.com")
	flag.Parse()

	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatalf("tokenserver: %v (set VIDEOSDK_API_KEY and VIDEOSDK_SECRET)", err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newHandler(client, options{allowMod: *allowMod, corsOrigin: *origin}),
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
	log.Printf("tokenserver listening on http://%s", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("tokenserver: %v", err)
	}
}

type options struct {
	allowMod   bool
	corsOrigin string
}

// Token lifetimes a caller may ask for.
const (
	minTTL     = time.Minute
	maxTTL     = 24 * time.Hour
	defaultTTL = 2 * time.Hour
	maxBody    = 4 << 10
)

type handler struct {
	client *videosdk.Client
	opts   options
}

// newHandler returns the HTTP API of the token server.
func newHandler(client *videosdk.Client, opts options) http.Handler {
	h := &handler{client: client, opts: opts}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /rooms", h.createRoom)
	mux.HandleFunc("POST /rooms/{roomId}/tokens", h.mintToken)
	return h.cors(mux)
}

// cors lets the configured browser origin call the API (and answers its
// preflight requests).
func (h *handler) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := h.opts.corsOrigin; o != "" && r.Header.Get("Origin") == o {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Vary", "Origin")
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "POST")
				w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// idPattern bounds the ids a caller may send: customRoomId, participantId,
// and a roomId (a VideoSDK roomId or a customRoomId) in the path.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

type createRoomRequest struct {
	CustomRoomID string `json:"customRoomId"`
}

type roomResponse struct {
	RoomID       string `json:"roomId"`
	CustomRoomID string `json:"customRoomId,omitempty"`
}

func (h *handler) createRoom(w http.ResponseWriter, r *http.Request) {
	var req createRoomRequest
	if !decode(w, r, &req) {
		return
	}
	if req.CustomRoomID != "" && !idPattern.MatchString(req.CustomRoomID) {
		writeError(w, http.StatusBadRequest, "customRoomId must be 1-64 letters, digits, '-' or '_'")
		return
	}
	room, err := h.client.Rooms.Create(r.Context(), videosdk.CreateRoomParams{CustomRoomID: req.CustomRoomID})
	if err != nil {
		upstreamError(w, "creating the room", err)
		return
	}
	writeJSON(w, http.StatusCreated, roomResponse{RoomID: room.RoomID, CustomRoomID: room.CustomRoomID})
}

type tokenRequest struct {
	ParticipantID string   `json:"participantId"`
	Permissions   []string `json:"permissions"`
	TTLSeconds    int      `json:"ttlSeconds"`
}

type tokenResponse struct {
	Token     string    `json:"token"`
	RoomID    string    `json:"roomId"`
	ExpiresAt time.Time `json:"expiresAt"`
}

func (h *handler) mintToken(w http.ResponseWriter, r *http.Request) {
	roomID := r.PathValue("roomId")
	if !idPattern.MatchString(roomID) {
		writeError(w, http.StatusBadRequest, "roomId is not a valid room id")
		return
	}
	var req tokenRequest
	if !decode(w, r, &req) {
		return
	}
	if req.ParticipantID != "" && !idPattern.MatchString(req.ParticipantID) {
		writeError(w, http.StatusBadRequest, "participantId must be 1-64 letters, digits, '-' or '_'")
		return
	}
	perms, msg, status := h.permissions(req.Permissions)
	if msg != "" {
		writeError(w, status, msg)
		return
	}
	ttl := defaultTTL
	if req.TTLSeconds != 0 {
		ttl = time.Duration(req.TTLSeconds) * time.Second
		if ttl < minTTL || ttl > maxTTL {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("ttlSeconds must be between %d and %d", int(minTTL.Seconds()), int(maxTTL.Seconds())))
			return
		}
	}
	// Only hand out tokens for rooms that exist (roomId or customRoomId).
	room, err := h.client.Rooms.Validate(r.Context(), roomID)
	if err != nil {
		if errors.Is(err, videosdk.ErrNotFound) {
			writeError(w, http.StatusNotFound, "room not found")
			return
		}
		upstreamError(w, "validating the room", err)
		return
	}
	if room.Disabled {
		writeError(w, http.StatusGone, "room is deactivated")
		return
	}
	tok, err := h.client.GenerateToken(videosdk.TokenParams{
		RoomID:        room.RoomID,
		ParticipantID: req.ParticipantID,
		Permissions:   perms,
		Roles:         []videosdk.Role{videosdk.RoleRTC},
		TTL:           ttl,
	})
	if err != nil {
		log.Printf("tokenserver: minting a token: %v", err)
		writeError(w, http.StatusInternalServerError, "could not mint a token")
		return
	}
	writeJSON(w, http.StatusCreated, tokenResponse{Token: tok, RoomID: room.RoomID, ExpiresAt: time.Now().Add(ttl).UTC().Truncate(time.Second)})
}

// permissions checks the requested grants: known, no duplicates, and
// allow_mod only when the server allows it. Empty means allow_join.
func (h *handler) permissions(in []string) (perms []videosdk.Permission, msg string, status int) {
	if len(in) == 0 {
		return []videosdk.Permission{videosdk.PermissionAllowJoin}, "", 0
	}
	known := []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAskJoin, videosdk.PermissionAllowMod}
	for _, p := range in {
		perm := videosdk.Permission(p)
		switch {
		case !slices.Contains(known, perm):
			return nil, fmt.Sprintf("unknown permission %q (want allow_join, ask_join or allow_mod)", p), http.StatusBadRequest
		case slices.Contains(perms, perm):
			return nil, fmt.Sprintf("permission %q given twice", p), http.StatusBadRequest
		case perm == videosdk.PermissionAllowMod && !h.opts.allowMod:
			return nil, "this server does not grant allow_mod", http.StatusForbidden
		}
		perms = append(perms, perm)
	}
	if slices.Contains(perms, videosdk.PermissionAllowJoin) && slices.Contains(perms, videosdk.PermissionAskJoin) {
		return nil, "allow_join and ask_join exclude each other", http.StatusBadRequest
	}
	return perms, "", 0
}

// decode reads a small JSON object body; unknown fields are refused so typos
// do not pass silently. An empty body is {}.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return false
	}
	if r.ContentLength > maxBody {
		// Refused on its declared length, unread: the server then drains a
		// small body and keeps the connection, where a read past the limit
		// (below, for bodies of unknown length) costs it the connection.
		writeError(w, http.StatusRequestEntityTooLarge, "body too large")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "body too large")
			return false
		}
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "invalid JSON body: more than one value")
		return false
	}
	return true
}

// upstreamError logs the VideoSDK error (it never contains the secret or a
// token) and answers without passing internals on to the browser.
func upstreamError(w http.ResponseWriter, what string, err error) {
	log.Printf("tokenserver: %s: %v", what, err)
	status := http.StatusBadGateway
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		status = http.StatusGatewayTimeout
	}
	writeError(w, status, what+" failed")
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
