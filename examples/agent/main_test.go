package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// setup runs the example in front of a fake VideoSDK API that delivers its
// webhooks to it.
func setup(t *testing.T) (*videosdktest.Server, string, *syncBuffer) {
	t.Helper()
	fake := videosdktest.NewServer()
	t.Cleanup(fake.Close)
	logs := &syncBuffer{}
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	h = newHandler(fake.Client(videosdk.WithMaxRetries(0)), "support-agent", ts.URL+webhookPath, log.New(logs, "", 0))
	return fake, ts.URL, logs
}

func createRoom(t *testing.T, base string) string {
	t.Helper()
	res, err := http.Post(base+"/rooms", "application/json", nil)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusCreated, res.StatusCode)
	var out struct {
		RoomID string `json:"roomId"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	return out.RoomID
}

// A session starting in one of the back end's rooms gets the agent, which
// joins it as a participant.
func TestAgentJoinsWhenSessionStarts(t *testing.T) {
	t.Parallel()
	fake, base, logs := setup(t)
	ctx := context.Background()
	roomID := createRoom(t, base)

	_, err := fake.Join(roomID, "Asha") // the first participant starts the session
	require.NoError(t, err)
	require.NoError(t, fake.FlushWebhooks(ctx))

	agents := fake.AgentParticipants(roomID)
	require.Len(t, agents, 1)
	client := fake.Client()
	sessions, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: roomID, Status: videosdk.SessionOngoing})
	require.NoError(t, err)
	require.Len(t, sessions.Data, 1)
	active, err := client.Sessions.ListActiveParticipants(ctx, sessions.Data[0].ID, videosdk.ListOptions{})
	require.NoError(t, err)
	var ids []string
	for _, p := range active.Data {
		ids = append(ids, p.ParticipantID)
	}
	assert.Contains(t, ids, agents[0])
	assert.Contains(t, logs.String(), "dispatched into room "+roomID)

	var delivered []videosdktest.Delivery
	for _, d := range fake.Deliveries() {
		if d.Type == videosdk.WebhookSessionStarted {
			delivered = append(delivered, d)
		}
	}
	require.Len(t, delivered, 1)
	assert.Equal(t, http.StatusOK, delivered[0].StatusCode)

	// VideoSDK may deliver an event twice: the session keeps one agent.
	req, err := http.NewRequest("POST", base+webhookPath, bytes.NewReader(delivered[0].Body))
	require.NoError(t, err)
	req.Header.Set(videosdk.WebhookSignatureHeader, delivered[0].Signature)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Len(t, fake.AgentParticipants(roomID), 1)
}

// A failed dispatch answers 500 so that VideoSDK delivers again, and the
// redelivery dispatches.
func TestFailedDispatchIsRetriedByRedelivery(t *testing.T) {
	t.Parallel()
	fake, base, _ := setup(t)
	ctx := context.Background()
	roomID := createRoom(t, base)
	fake.InjectFault("POST", "/v2/agent/dispatch", 1, videosdktest.Fault{Status: http.StatusServiceUnavailable})
	_, err := fake.Join(roomID, "Asha")
	require.NoError(t, err)
	require.NoError(t, fake.FlushWebhooks(ctx))
	var first videosdktest.Delivery
	for _, d := range fake.Deliveries() {
		if d.Type == videosdk.WebhookSessionStarted {
			first = d
		}
	}
	assert.Equal(t, http.StatusInternalServerError, first.StatusCode)
	assert.Empty(t, fake.AgentParticipants(roomID))

	req, err := http.NewRequest("POST", base+webhookPath, strings.NewReader(string(first.Body)))
	require.NoError(t, err)
	req.Header.Set(videosdk.WebhookSignatureHeader, first.Signature)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Len(t, fake.AgentParticipants(roomID), 1)
}

// A signature that does not verify is refused before anything is dispatched.
func TestUnsignedDeliveryIsRefused(t *testing.T) {
	t.Parallel()
	fake, base, _ := setup(t)
	roomID := createRoom(t, base)
	body := `{"webhookType":"session-started","data":{"meetingId":"` + roomID + `","sessionId":"s1"}}`
	res, err := http.Post(base+webhookPath, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	assert.Empty(t, fake.AgentParticipants(roomID))
}

// When VideoSDK refuses to create the room, /rooms answers 502 with a
// generic error (the upstream text stays in the log) and stores nothing.
func TestRoomCreationFailureIs502(t *testing.T) {
	t.Parallel()
	fake, base, logs := setup(t)
	fake.InjectFault("POST", "/v2/rooms", 1, videosdktest.Fault{Status: http.StatusServiceUnavailable, Body: `{"message":"upstream overloaded"}`})
	res, err := http.Post(base+"/rooms", "application/json", nil)
	require.NoError(t, err)
	defer res.Body.Close()
	assert.Equal(t, http.StatusBadGateway, res.StatusCode)
	assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	var out map[string]string
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	assert.Equal(t, map[string]string{"error": "creating the room failed"}, out)
	assert.Contains(t, logs.String(), "creating a room")
	assert.Equal(t, 1, fake.Requests("POST", "/v2/rooms"), "a refused create is not retried here (WithMaxRetries(0))")

	// The next request succeeds.
	assert.NotEmpty(t, createRoom(t, base))
}

// A session-started event without a room id is acknowledged and ignored;
// one for a session already given its agent dispatches no second one.
func TestSessionStartedWithoutRoomOrTwice(t *testing.T) {
	t.Parallel()
	fake, _, _ := setup(t)
	client := fake.Client()
	a := &app{client: client, agentID: "support-agent", log: log.New(&syncBuffer{}, "", 0), dispatched: map[string]bool{}}
	ctx := context.Background()
	require.NoError(t, a.sessionStarted(ctx, &videosdk.WebhookEvent{Type: videosdk.WebhookSessionStarted}))
	assert.Equal(t, 0, fake.Requests("POST", "/v2/agent/dispatch"))

	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	ev := &videosdk.WebhookEvent{Type: videosdk.WebhookSessionStarted}
	ev.Data.RoomID = room.RoomID // no session id: the room is the key
	require.NoError(t, a.sessionStarted(ctx, ev))
	require.NoError(t, a.sessionStarted(ctx, ev))
	assert.Equal(t, 1, fake.Requests("POST", "/v2/agent/dispatch"))
	assert.Len(t, fake.AgentParticipants(room.RoomID), 1)
}
