package videosdk

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

const (
	sdpOffer  = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
	sdpAnswer = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
)

func TestIngestSDP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name, path string
		query      map[string]string
		call       func(*Client) (*SDPSession, error)
	}{
		{"whip", "/v2/whip", map[string]string{"roomId": "abcd-efgh-ijkl", "participantId": "obs-1", "displayName": "OBS", "useExistingPeer": "true"}, func(c *Client) (*SDPSession, error) {
			return c.Ingest.WHIP.Publish(ctx, CreateWHIPParams{RoomID: "abcd-efgh-ijkl", ParticipantID: "obs-1", DisplayName: "OBS", UseExistingPeer: true}, sdpOffer)
		}},
		{"whep", "/v2/whep", map[string]string{"roomId": "abcd-efgh-ijkl", "participantId": "viewer-1", "remotePeerId": "host"}, func(c *Client) (*SDPSession, error) {
			return c.Ingest.WHEP.Play(ctx, CreateWHEPParams{RoomID: "abcd-efgh-ijkl", ParticipantID: "viewer-1", RemotePeerID: "host"}, sdpOffer)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			var got *http.Request
			var body []byte
			mt.RegisterResponder("POST", testutil.URL(tc.path), func(r *http.Request) (*http.Response, error) {
				got = r
				body, _ = io.ReadAll(r.Body)
				resp := httpmock.NewStringResponse(201, sdpAnswer)
				resp.Header.Set("Content-Type", "application/sdp")
				resp.Header.Set("Location", "/v2/whip/sessions/s1")
				return resp, nil
			})
			s, err := tc.call(c)
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, "application/sdp", got.Header.Get("Content-Type"))
			assert.Equal(t, "application/sdp", got.Header.Get("Accept"))
			assert.NotEmpty(t, got.Header.Get("Authorization"))
			q := map[string]string{}
			for k, v := range got.URL.Query() {
				q[k] = v[0]
			}
			assert.Equal(t, tc.query, q)
			assert.Equal(t, sdpOffer, string(body))
			assert.Equal(t, sdpAnswer, s.Answer)
			assert.Equal(t, "/v2/whip/sessions/s1", s.Location)
			assert.Equal(t, 201, s.StatusCode)
		})
	}
}

func TestIngestSDPBadAnswerAndInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	_, err := c.Ingest.WHIP.Publish(ctx, CreateWHIPParams{RoomID: "r"}, "")
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = c.Ingest.WHIP.Publish(ctx, CreateWHIPParams{RoomID: "r"}, "{}")
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = c.Ingest.WHEP.Play(ctx, CreateWHEPParams{}, sdpOffer)
	assert.ErrorIs(t, err, ErrInvalidParams)
	requireNoRequest(t, mt)
	mt.RegisterResponder("POST", testutil.URL("/v2/whip"), httpmock.NewStringResponder(200, "<html>proxy</html>"))
	_, err = c.Ingest.WHIP.Publish(ctx, CreateWHIPParams{RoomID: "r"}, sdpOffer)
	assert.ErrorIs(t, err, ErrInvalidResponse)
	mt.RegisterResponder("POST", testutil.URL("/v2/whep"), httpmock.NewStringResponder(400, `{"message":"no active session"}`))
	_, err = c.Ingest.WHEP.Play(ctx, CreateWHEPParams{RoomID: "r"}, sdpOffer)
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+testutil.URL("/v2/whep")+"?roomId=r"]+mt.GetCallCountInfo()["POST "+testutil.URL("/v2/whep")], "a POST is not retried")
}

// Create builds the URL and token an encoder uses, without I/O; the token
// is a management token that never shows in %v.
func TestIngestCreateIsLocal(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	e, err := c.Ingest.WHIP.Create(ctx, CreateWHIPParams{RoomID: "abcd-efgh-ijkl", DisplayName: "OBS"})
	require.NoError(t, err)
	requireNoRequest(t, mt)
	u, err := url.Parse(e.URL)
	require.NoError(t, err)
	assert.Equal(t, testutil.BaseURL+"/v2/whip", u.Scheme+"://"+u.Host+u.Path)
	assert.Equal(t, "abcd-efgh-ijkl", u.Query().Get("roomId"))
	assert.Regexp(t, `^whip-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, e.ParticipantID)
	assert.Equal(t, e.ParticipantID, u.Query().Get("participantId"))
	assert.Equal(t, e.Token, e.StreamKey)
	claims, err := ParseToken(e.Token, testutil.TestSecret)
	require.NoError(t, err)
	assert.Equal(t, []Role{RoleCrawler}, claims.Roles)
	assert.Equal(t, 2, claims.Version)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, e), e.Token, verb)
		assert.NotContains(t, fmt.Sprintf(verb, *e), e.Token, verb)
	}
	w, err := c.Ingest.WHEP.Create(ctx, CreateWHEPParams{RoomID: "abcd-efgh-ijkl", RemotePeerID: "host"})
	require.NoError(t, err)
	assert.Contains(t, w.URL, "/v2/whep?")
	assert.Contains(t, w.URL, "remotePeerId=host")
	assert.Regexp(t, `^whep-`, w.ParticipantID)
	_, err = c.Ingest.WHIP.Create(ctx, CreateWHIPParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = c.Ingest.WHEP.Create(ctx, CreateWHEPParams{RoomID: "r", TTL: time.Second})
	assert.ErrorIs(t, err, ErrInvalidParams)
}

func TestIngestDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("whip by room", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		sessions := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions", query: map[string]string{"roomId": "abcd-efgh-ijkl", "status": "ongoing", "perPage": "1"}, fixture: "sessions_ongoing.json"})
		del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/whip/sessions/66a0f1e2d3c4b5a697880001", query: map[string]string{"participantId": "obs-1", "displayName": "OBS"}, fixture: "message_deleted.json"})
		_, err := c.Ingest.WHIP.Delete(ctx, DeleteIngestParams{RoomID: "abcd-efgh-ijkl", ParticipantID: "obs-1", DisplayName: "OBS"})
		require.NoError(t, err)
		sessions()
		del()
	})
	t.Run("whep by session", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/whep/sessions/s1", query: map[string]string{"participantId": "viewer-1", "remotePeerId": "host"}, fixture: "message_deleted.json"})
		_, err := c.Ingest.WHEP.Delete(ctx, DeleteIngestParams{SessionID: "s1", ParticipantID: "viewer-1", RemotePeerID: "host"})
		require.NoError(t, err)
		del()
	})
	t.Run("no live session", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions", query: map[string]string{"roomId": "r", "status": "ongoing", "perPage": "1"}, fixture: "sessions_none.json"})
		_, err := c.Ingest.WHIP.Delete(ctx, DeleteIngestParams{RoomID: "r", ParticipantID: "p"})
		assert.ErrorIs(t, err, ErrNotFound)
	})
	t.Run("invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		_, err := c.Ingest.WHIP.Delete(ctx, DeleteIngestParams{ParticipantID: "p"})
		assert.ErrorIs(t, err, ErrInvalidParams)
		_, err = c.Ingest.WHEP.Delete(ctx, DeleteIngestParams{SessionID: "s"})
		assert.ErrorIs(t, err, ErrInvalidParams)
		requireNoRequest(t, mt)
	})
}

func TestIngestSocketsCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/ingest/sessions", golden: "ingest_socket_create", fixture: "ingest_socket.json"})
	s, err := c.Ingest.Sockets.Create(context.Background(), CreateIngestSocketParams{
		RoomID: "abcd-efgh-ijkl", Participant: &IngestParticipant{ID: "caller-1", Name: "Caller"},
		Agent: &IngestAgent{ID: "ag_01", Type: "voice"}, Region: "us002",
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, "ref_9x8y7z", s.Ref)
	assert.Equal(t, 90, s.ExpiresIn)
	_, err = c.Ingest.Sockets.Create(context.Background(), CreateIngestSocketParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
}
