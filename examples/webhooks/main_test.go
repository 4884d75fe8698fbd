package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/videosdktest"
)

// setup runs the example in front of a fake VideoSDK API that delivers its
// webhooks to it, and returns the fake, the example's URL and its log. The
// fake's jobs are done by the next request (WithProcessingDelay(0)): the
// example's handling is under test, not the fake's processing time.
func setup(t *testing.T) (*videosdktest.Server, *videosdk.Client, string, *testutil.SyncBuffer) {
	t.Helper()
	fake := videosdktest.NewServer(videosdktest.WithProcessingDelay(0))
	t.Cleanup(fake.Close)
	client := fake.Client(videosdk.WithMaxRetries(0))
	logs := &testutil.SyncBuffer{}
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	h = newHandler(client, ts.URL+webhookPath, log.New(logs, "", 0))
	return fake, client, ts.URL, logs
}

func post(t *testing.T, url string) int {
	t.Helper()
	status, _ := postBody(t, url)
	return status
}

// postBody posts to the example and returns its status and JSON answer.
func postBody(t *testing.T, url string) (int, map[string]string) {
	t.Helper()
	res, err := http.Post(url, "application/json", nil)
	require.NoError(t, err)
	defer res.Body.Close()
	var body map[string]string
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	return res.StatusCode, body
}

func flush(t *testing.T, fake *videosdktest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, fake.FlushWebhooks(ctx))
}

// The whole flow: a meeting runs, the example starts and stops a recording,
// VideoSDK (the fake) reports to the example's webhook endpoint, and the
// example logs the file URL the API lists for that recording.
func TestRecordingFileURLArrivesByWebhook(t *testing.T) {
	t.Parallel()
	fake, client, app, logs := setup(t)
	ctx := context.Background()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	_, err = fake.Join(room.RoomID, "Asha")
	require.NoError(t, err)

	status, started := postBody(t, app+"/rooms/"+room.RoomID+"/recording/start")
	assert.Equal(t, http.StatusAccepted, status)
	require.NotEmpty(t, started["recordingId"])
	assert.Equal(t, http.StatusAccepted, post(t, app+"/rooms/"+room.RoomID+"/recording/stop?id="+started["recordingId"]))
	flush(t, fake)

	page, err := client.Recordings.List(ctx, videosdk.ListRecordingsParams{RoomID: room.RoomID})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, started["recordingId"], page.Data[0].ID)
	want := "recording of room " + room.RoomID + " (session " + page.Data[0].SessionID + ") ready: " + page.Data[0].File.FileURL
	assert.Equal(t, 1, strings.Count(logs.String(), want), logs.String())

	// The polling alternative: WaitForFile on the id the start answered.
	res, err := http.Get(app + "/recordings/" + started["recordingId"] + "/file")
	require.NoError(t, err)
	var file map[string]string
	require.NoError(t, json.NewDecoder(res.Body).Decode(&file))
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, map[string]string{"recordingId": started["recordingId"], "fileUrl": page.Data[0].File.FileURL}, file)

	var types []videosdk.WebhookEventType
	for _, d := range fake.Deliveries() {
		assert.Equal(t, app+webhookPath, d.URL)
		assert.Equal(t, http.StatusOK, d.StatusCode, "the example accepted %s", d.Type)
		types = append(types, d.Type)
	}
	assert.Equal(t, []videosdk.WebhookEventType{
		videosdk.WebhookRecordingStarting, videosdk.WebhookRecordingStarted,
		videosdk.WebhookRecordingStopping, videosdk.WebhookRecordingStopped,
	}, types)
}

func TestRecordingErrors(t *testing.T) {
	t.Parallel()
	fake, client, app, logs := setup(t)
	room, err := client.Rooms.Create(context.Background(), videosdk.CreateRoomParams{})
	require.NoError(t, err)

	assert.Equal(t, http.StatusConflict, post(t, app+"/rooms/"+room.RoomID+"/recording/start"), "no live session")
	assert.Equal(t, http.StatusNotFound, post(t, app+"/rooms/abcd-efgh-ijkl/recording/start"))
	_, err = fake.Join(room.RoomID, "Asha")
	require.NoError(t, err)
	assert.Equal(t, http.StatusConflict, post(t, app+"/rooms/"+room.RoomID+"/recording/stop"), "nothing recording")
	assert.NotContains(t, logs.String(), fake.Secret)
}

// Deliveries that do not come from VideoSDK are refused and never logged as
// recordings.
func TestForgedWebhookRefused(t *testing.T) {
	t.Parallel()
	fake, _, app, logs := setup(t)
	body := `{"webhookType":"recording-stopped","data":{"meetingId":"r","fileUrl":"https://evil.example/x.mp4"}}`
	req, err := http.NewRequest(http.MethodPost, app+webhookPath, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(videosdk.WebhookSignatureHeader, fake.SignWebhook([]byte(`{"webhookType":"other"}`)))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)

	req, err = http.NewRequest(http.MethodPost, app+webhookPath, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(videosdk.WebhookSignatureHeader, fake.SignWebhook([]byte(body)))
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	assert.Equal(t, http.StatusOK, res.StatusCode, "a genuine signature is accepted")
	assert.Equal(t, 1, strings.Count(logs.String(), "evil.example"), "only the signed delivery was logged")

	res, err = http.Get(app + webhookPath)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
}
