package videosdk_test

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"

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
