package videosdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// TestDecodeBodyIsUnmarshalThenNormalize: decodeBody decodes every top-level
// response type as wire.go says: on each real fixture the result must be
// exactly json.Unmarshal into the public type followed by its normalize
// (the legacy names taken), and bodies json.Unmarshal refuses (trailing data,
// truncation, bad syntax) must be refused, as a *ResponseError.
func TestDecodeBodyIsUnmarshalThenNormalize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fixture string
		newOut  func() any
	}{
		{"rooms_get.json", func() any { return new(Room) }},
		{"rooms_deactivate.json", func() any { return new(Room) }}, // legacy meetingId/userMeetingId
		{"recordings_get.json", func() any { return new(Recording) }},
		{"sessions_get.json", func() any { return new(Session) }},
		{"sessions_end.json", func() any { return new(Session) }},
		{"sessions_stats.json", func() any { return new(SessionStats) }},
		{"sessions_participant_stats.json", func() any { return new(ParticipantStats) }},
		{"participant_recordings_get.json", func() any { return new(ParticipantRecording) }},
		{"track_recordings_get.json", func() any { return new(TrackRecording) }},
		{"hls_get.json", func() any { return new(HLSStream) }},
		{"hls_start.json", func() any { return new(HLSStream) }},
		{"livestreams_get.json", func() any { return new(Livestream) }},
		{"merges_get.json", func() any { return new(Merge) }},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			body := testutil.Fixture(t, tc.fixture)
			want, got := tc.newOut(), tc.newOut()
			require.NoError(t, json.Unmarshal(body, want))
			n, ok := want.(normalizer)
			require.True(t, ok, "%T has no normalize", want)
			n.normalize()
			require.NoError(t, decodeBody("GET", "/x", &transport.Response{StatusCode: 200, Body: body}, got))
			assert.Equal(t, want, got)
			assert.False(t, reflect.ValueOf(got).Elem().IsZero(), "decoded nothing")

			var compact bytes.Buffer
			require.NoError(t, json.Compact(&compact, body))
			trimmed := compact.Bytes()
			for name, bad := range map[string][]byte{
				"trailing data":   append(append([]byte{}, trimmed...), []byte(` {"id":"x"}`)...),
				"trailing junk":   append(append([]byte{}, trimmed...), 'x'),
				"truncated":       trimmed[:len(trimmed)-1],
				"unquoted string": bytes.Replace(trimmed, []byte(`":"`), []byte(`":x"`), 1),
			} {
				require.Error(t, json.Unmarshal(bad, tc.newOut()), "%s: json.Unmarshal accepts it", name)
				err := decodeBody("GET", "/x", &transport.Response{StatusCode: 200, Body: bad, Header: http.Header{}}, tc.newOut())
				var re *ResponseError
				assert.True(t, errors.As(err, &re), "%s: got %v, want a *ResponseError", name, err)
			}
		})
	}
}
