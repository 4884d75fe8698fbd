package videosdk_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// gotEvent is one event a receiver's function was called with, and the raw
// body it came in.
type gotEvent struct {
	path string
	ev   *videosdk.WebhookEvent
	body []byte
}

// Webhooks end to end: a receiver built with client.NewWebhookHandler gets,
// from the fake, exactly the events its room subscribed to plus those of a
// recording started with its own webhookUrl, each once, each verified over
// the exact body, each carrying the room and session ids.
func TestWebhooksEndToEnd(t *testing.T) {
	t.Parallel()
	fake := videosdktest.NewServer(videosdktest.WithProcessingDelay(0)) // jobs done at once: the deliveries are under test
	defer fake.Close()
	client := fake.Client()
	ctx := context.Background()

	var mu sync.Mutex
	var got []gotEvent
	mux := http.NewServeMux()
	for _, path := range []string{"/hooks/room", "/hooks/recording"} {
		h := client.NewWebhookHandler()
		h.On("*", func(ctx context.Context, ev *videosdk.WebhookEvent) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, gotEvent{path: path, ev: ev, body: ctx.Value(rawBodyKey{}).([]byte)})
			return nil
		})
		mux.Handle(path, keepRawBody(h))
	}
	receiver := httptest.NewServer(mux)
	defer receiver.Close()

	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{Webhook: &videosdk.RoomWebhook{
		EndPoint: receiver.URL + "/hooks/room",
		Events:   []videosdk.WebhookEventType{videosdk.WebhookParticipantJoined, "session-*", videosdk.WebhookRecordingStopped},
	}})
	require.NoError(t, err)
	sessionID, err := fake.StartSession(room.RoomID)
	require.NoError(t, err)
	_, err = fake.Join(room.RoomID, "Asha")
	require.NoError(t, err)
	_, err = client.Recordings.Start(ctx, videosdk.StartRecordingParams{RoomID: room.RoomID, WebhookURL: receiver.URL + "/hooks/recording"})
	require.NoError(t, err)
	require.NoError(t, client.Recordings.Stop(ctx, videosdk.StopRecordingParams{RoomID: room.RoomID}))
	_, err = client.Sessions.End(ctx, videosdk.EndSessionParams{RoomID: room.RoomID})
	require.NoError(t, err)
	flushCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	require.NoError(t, fake.FlushWebhooks(flushCtx))

	mu.Lock()
	defer mu.Unlock()
	count := map[string]int{}
	for _, g := range got {
		count[g.path+" "+string(g.ev.Type)]++
		assert.Equal(t, room.RoomID, g.ev.Data.RoomID, g.ev.Type)
		assert.Equal(t, sessionID, g.ev.Data.SessionID, g.ev.Type)
	}
	assert.Equal(t, map[string]int{
		"/hooks/room session-started":         1,
		"/hooks/room participant-joined":      1,
		"/hooks/room recording-stopped":       1,
		"/hooks/room session-ended":           1,
		"/hooks/recording recording-starting": 1,
		"/hooks/recording recording-started":  1,
		"/hooks/recording recording-stopping": 1,
		"/hooks/recording recording-stopped":  1,
	}, count, "every expected event once, no unsubscribed one (participant-left, recording-starting… at the room)")

	// The stopped event points at the file the API lists.
	page, err := client.Recordings.List(ctx, videosdk.ListRecordingsParams{RoomID: room.RoomID})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	for _, g := range got {
		if g.ev.Type == videosdk.WebhookRecordingStopped {
			assert.Equal(t, page.Data[0].File.FileURL, g.ev.Data.FileURL)
		}
		if g.ev.Type == videosdk.WebhookSessionEnded {
			require.NotNil(t, g.ev.Data.End)
			assert.False(t, g.ev.Data.End.Before(*g.ev.Data.Start))
		}
	}

	// Every delivery verifies over the exact bytes the receiver got.
	ds := fake.Deliveries()
	require.Len(t, ds, len(got))
	key := fake.WebhookPublicKey()
	for i, d := range ds {
		assert.Equal(t, http.StatusOK, d.StatusCode)
		require.NoError(t, videosdk.VerifyWebhookSignature(d.Body, d.Signature, key))
		assert.Equal(t, d.Body, got[i].body)
		ev, err := videosdk.ParseWebhook(got[i].body, d.Signature, key)
		require.NoError(t, err)
		assert.Equal(t, d.Type, ev.Type)
	}
}

type rawBodyKey struct{}

// keepRawBody hands the exact request body to the webhook function through
// the context, so the test can compare it with what the fake sent.
func keepRawBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), rawBodyKey{}, b)))
	})
}
