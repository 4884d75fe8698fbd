package videosdk_test

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"os"

	"github.com/videosdk-go/videosdk"
)

// A webhook receiver: fetch VideoSDK's public key once, then verify every
// delivery's signature on the raw body before trusting it.
func ExampleParseWebhook() {
	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	key, err := client.WebhookPublicKey(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/videosdk/webhook", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "read error", http.StatusBadRequest)
			return
		}
		ev, err := videosdk.ParseWebhook(body, r.Header.Get(videosdk.WebhookSignatureHeader), key)
		switch {
		case errors.Is(err, videosdk.ErrInvalidSignature):
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		case err != nil:
			http.Error(w, "bad webhook", http.StatusBadRequest)
			return
		}
		if ev.Type == videosdk.WebhookRecordingStopped {
			log.Printf("recording of room %s ready: %s", ev.Data.RoomID, ev.Data.FileURL)
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// A webhook endpoint: the handler fetches VideoSDK's public key on first use
// (and again after a key rotation), verifies every delivery over its raw
// body and calls the function registered for the event.
func ExampleClient_NewWebhookHandler() {
	client, err := videosdk.NewClientFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	hooks := client.NewWebhookHandler()
	hooks.On(videosdk.WebhookRecordingStopped, func(ctx context.Context, ev *videosdk.WebhookEvent) error {
		log.Printf("recording of room %s ready: %s", ev.Data.RoomID, ev.Data.FileURL)
		return nil // an error answers 500: VideoSDK delivers the event again
	})
	hooks.On("participant-*", func(ctx context.Context, ev *videosdk.WebhookEvent) error {
		log.Printf("%s: %s in room %s", ev.Type, ev.Data.ParticipantName, ev.Data.RoomID)
		return nil
	})
	http.Handle("/videosdk/webhooks", hooks)
}

// A webhook endpoint with a pinned key, e.g. one read from configuration.
func ExampleNewWebhookHandler() {
	key, err := videosdk.ParseWebhookPublicKey([]byte(os.Getenv("VIDEOSDK_WEBHOOK_PUBLIC_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	hooks := videosdk.NewWebhookHandler(key)
	hooks.On("*", func(ctx context.Context, ev *videosdk.WebhookEvent) error {
		log.Printf("%s for session %s", ev.Type, ev.Data.SessionID)
		return nil
	})
	http.Handle("/videosdk/webhooks", hooks)
}
