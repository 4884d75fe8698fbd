package videosdk

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// urlSecrets are planted in the URLs below; no error may quote them.
var urlSecrets = []string{"pa55word", "admin:", "tok-q-secret", "frag-secret", "sk-stream-key-42"}

// TestURLErrorsQuoteNoCredentials: a refused URL is described by its field,
// what is wrong and at most its scheme and host, never its user info, query
// values, fragment or path (where an RTMP stream key lives).
func TestURLErrorsQuoteNoCredentials(t *testing.T) {
	t.Parallel()
	base := map[string]string{
		"bad scheme":         "htps://admin:pa55word@api.example.com/v2?token=tok-q-secret",
		"no scheme":          "admin:pa55word@api.example.com",
		"no host":            "https://admin:pa55word@/v2?token=tok-q-secret",
		"unparseable":        "https://admin:pa55word@api.example.com:bad/v2?token=tok-q-secret",
		"bad escape":         "https://admin:pa55word@api.example.com/%zz?token=tok-q-secret",
		"user info":          "https://admin:pa55word@api.example.com",
		"query":              "https://api.example.com/v2?token=tok-q-secret",
		"fragment":           "https://api.example.com/v2#frag-secret",
		"control character":  "https://api.example.com/\x00?token=tok-q-secret",
		"other version":      "https://admin:pa55word@api.example.com/v1?token=tok-q-secret",
		"space in host":      "https://admin:pa55word@api example.com",
		"scheme typo + info": "http//admin:pa55word@api.example.com",
	}
	for name, raw := range base {
		_, err := NewClient("k", "s", WithBaseURL(raw))
		require.ErrorIs(t, err, ErrInvalidParams, name)
		assert.Contains(t, err.Error(), "base URL", name)
		for _, s := range urlSecrets {
			assert.NotContains(t, err.Error(), s, "%s: %v", name, err)
		}
	}

	c, mt := newTestClient(t)
	ctx := context.Background()
	rtmp := map[string]string{
		"scheme typo":     "rmtp://live.example.com/app/sk-stream-key-42",
		"no colon":        "rtmp//live.example.com/app/sk-stream-key-42",
		"http":            "https://live.example.com/app/sk-stream-key-42?token=tok-q-secret",
		"no host":         "rtmp:///app/sk-stream-key-42",
		"unparseable":     "rtmp://admin:pa55word@live.example.com:x/app/sk-stream-key-42",
		"user info typo ": "rtmps:/admin:pa55word@live.example.com/sk-stream-key-42",
	}
	for name, u := range rtmp {
		_, err := c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: "r", Outputs: []RTMPOutput{{URL: u, StreamKey: "k"}}})
		require.ErrorIs(t, err, ErrInvalidParams, name)
		assert.Contains(t, err.Error(), "outputs[0].url", name)
		for _, s := range urlSecrets {
			assert.NotContains(t, err.Error(), s, "%s: %v", name, err)
		}
	}

	hooks := []string{
		"htps://hooks.example.com/cb?token=tok-q-secret",
		"hooks.example.com/cb?token=tok-q-secret",
		"ftp://admin:pa55word@hooks.example.com/cb",
		"https://admin:pa55word@hooks.example.com:x/cb?token=tok-q-secret",
	}
	for _, u := range hooks {
		_, err := c.Rooms.Create(ctx, CreateRoomParams{Webhook: &RoomWebhook{EndPoint: u}})
		require.ErrorIs(t, err, ErrInvalidParams, u)
		assert.Contains(t, err.Error(), "webhook.endPoint", u)
		_, err2 := c.Recordings.Start(ctx, StartRecordingParams{RoomID: "r", WebhookURL: u, TemplateURL: "https://ok.example.com"})
		require.ErrorIs(t, err2, ErrInvalidParams, u)
		assert.Contains(t, err2.Error(), "webhookUrl", u)
		for _, err := range []error{err, err2} {
			for _, s := range urlSecrets {
				assert.NotContains(t, err.Error(), s, "%s: %v", u, err)
			}
		}
	}
	// A watermark image URL (transcodings).
	_, err := c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{"a"},
		Watermark: &TranscodingWatermark{Type: WatermarkImage, Image: "https://admin:pa55word@/logo.png?token=tok-q-secret"}})
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), "watermark.image")
	for _, s := range urlSecrets {
		assert.NotContains(t, err.Error(), s, err.Error())
	}
	requireNoRequest(t, mt)
}

// TestBaseURLOtherAPIVersion: a base URL whose path ends in another API
// version is refused at construction (the SDK adds /v2 itself, so /v1 would
// call /v1/v2/rooms); a trailing /v2 is still removed.
func TestBaseURLOtherAPIVersion(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"https://api.videosdk.live/v1", "https://api.videosdk.live/v1/", "https://api.videosdk.live/v3",
		"https://gw.example.com/videosdk/v10", "https://api.videosdk.live/ai/v1", "https://api.videosdk.live/v0",
	} {
		_, err := NewClient("k", "s", WithBaseURL(raw))
		require.ErrorIs(t, err, ErrInvalidParams, raw)
		v := raw[strings.LastIndex(strings.TrimRight(raw, "/"), "/"):]
		assert.Contains(t, err.Error(), "ends in "+strings.TrimRight(v, "/"), raw)
		assert.Contains(t, err.Error(), "/v2", raw)
	}
	for _, raw := range []string{"https://api.videosdk.live/v2", "https://api.videosdk.live/v2/", "https://gw.example.com/v1x", "https://gw.example.com/videosdk", "https://gw.example.com/dev"} {
		_, err := NewClient("k", "s", WithBaseURL(raw))
		require.NoError(t, err, raw)
	}
	c, err := NewClient("k", "s", WithBaseURL("https://gw.example.com/videosdk/v2/"))
	require.NoError(t, err)
	assert.Equal(t, "videosdk.Client{baseURL: https://gw.example.com/videosdk}", fmt.Sprint(c))
}
