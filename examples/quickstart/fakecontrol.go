package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

// fakeControl drives a fake API run with 'videosdk fake' through its HTTP
// control routes (VIDEOSDK_FAKE_CONTROL_URL), as the Go methods of
// videosdktest.Server do in-process. The routes take the API's own token.
type fakeControl struct {
	base   string
	client *videosdk.Client
	http   *http.Client
}

func newFakeControl(base string, client *videosdk.Client) *fakeControl {
	return &fakeControl{base: strings.TrimRight(base, "/"), client: client, http: &http.Client{Timeout: 10 * time.Second}}
}

// StartSession starts a live session in the room.
func (f *fakeControl) StartSession(roomID string) (string, error) {
	var out struct {
		SessionID string `json:"sessionId"`
	}
	err := f.post("sessions/start", map[string]string{"roomId": roomID}, &out)
	return out.SessionID, err
}

// Join adds a participant to the room's live session.
func (f *fakeControl) Join(roomID, name string) (string, error) {
	var out struct {
		ParticipantID string `json:"participantId"`
	}
	err := f.post("participants/join", map[string]string{"roomId": roomID, "name": name}, &out)
	return out.ParticipantID, err
}

func (f *fakeControl) post(route string, body, out any) error {
	tok, err := f.client.GenerateToken(videosdk.TokenParams{
		Roles:       []videosdk.Role{videosdk.RoleCrawler},
		Permissions: []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAllowMod},
		TTL:         time.Minute,
	})
	if err != nil {
		return err
	}
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, f.base+"/"+route, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.http.Do(req)
	if err != nil {
		return fmt.Errorf("fake control %s: %w", route, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return fmt.Errorf("fake control %s: %w", route, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fake control %s: %s: %s", route, resp.Status, bytes.TrimSpace(answer))
	}
	return json.Unmarshal(answer, out)
}
