package videosdk

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// startAnswers are the forms a start answer takes, with what they decode to.
var startAnswers = []struct {
	name, body string
	want       StartResult
}{
	{"object", `{"recordingId":"6819e7aa2c1e4a0013f0ad10","roomId":"tq7v-m2xk-9hdp","sessionId":"6819d4a02c1e4a0013f0aa10"}`,
		StartResult{ID: "6819e7aa2c1e4a0013f0ad10", RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10"}},
	{"id", `{"id":"i1","roomId":"r"}`, StartResult{ID: "i1", RoomID: "r"}},
	{"_id", `{"_id":"u1"}`, StartResult{ID: "u1"}},
	{"livestreamId", `{"livestreamId":"l1","sessionId":"s"}`, StartResult{ID: "l1", SessionID: "s"}},
	{"recordingId wins", `{"id":"b","_id":"c","livestreamId":"d","recordingId":"a"}`, StartResult{ID: "a"}},
	{"id before _id", `{"_id":"c","id":"b"}`, StartResult{ID: "b"}},
	{"empty recordingId", `{"recordingId":"","id":"b"}`, StartResult{ID: "b"}},
	{"legacy meetingId", `{"recordingId":"a","meetingId":"m"}`, StartResult{ID: "a", RoomID: "m"}},
	{"roomId wins", `{"meetingId":"m","roomId":"r"}`, StartResult{RoomID: "r"}},
	{"object message", `{"message":"Recording started successfully","recordingId":"a","extra":{"k":[1]}}`,
		StartResult{ID: "a", Message: "Recording started successfully"}},
	{"json string", `"Recording started successfully"`, StartResult{Message: "Recording started successfully"}},
	{"json string escapes", `" composite recording \"started\" "`, StartResult{Message: `composite recording "started"`}},
	{"plain text", "Recording started successfully\n", StartResult{Message: "Recording started successfully"}},
	{"empty", ``, StartResult{}},
	{"blank", " \n\t", StartResult{}},
	{"null", `null`, StartResult{}},
	{"empty object", `{}`, StartResult{}},
}

var badStartAnswers = map[string]string{
	"array":          `[{"recordingId":"a"}]`,
	"html":           `<html><body>502 Bad Gateway</body></html>`,
	"truncated":      `{"recordingId":"6819e7aa`,
	"trailing":       `{"recordingId":"a"} {"recordingId":"b"}`,
	"number id":      `{"recordingId":6819}`,
	"unterminated":   `"Recording started`,
	"object message": `{"message":{"text":"x"}}`,
}

func TestStartResultDecodesEveryAnswerForm(t *testing.T) {
	t.Parallel()
	for _, tc := range startAnswers {
		var got StartResult
		require.NoError(t, got.decodeAnswer([]byte(tc.body)), tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}
	for name, body := range badStartAnswers {
		var got StartResult
		assert.Error(t, got.decodeAnswer([]byte(body)), name)
	}
}

// TestStartResultLongTextIsCut: a huge text answer (an error page served with
// 200) does not end up whole in Message.
func TestStartResultLongTextIsCut(t *testing.T) {
	t.Parallel()
	var got StartResult
	require.NoError(t, got.decodeAnswer([]byte(strings.Repeat("x", 10000))))
	assert.Less(t, len(got.Message), 600)
}

// TestStartResultUnmarshalJSON: users decoding a stored answer get the same
// result as the SDK, and a marshalled StartResult decodes back to itself.
func TestStartResultUnmarshalJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range startAnswers {
		if !json.Valid([]byte(tc.body)) {
			continue // json.Unmarshal refuses plain text before any method runs
		}
		var got StartResult
		require.NoError(t, json.Unmarshal([]byte(tc.body), &got), tc.name)
		assert.Equal(t, tc.want, got, tc.name)

		b, err := json.Marshal(tc.want)
		require.NoError(t, err)
		var back StartResult
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, tc.want, back, "round trip of %s", tc.name)
	}
}

// TestStartThroughClient: the SDK's start helper sends one POST, fills the
// room from the request when the answer has none, and turns an unusable
// success body into a *ResponseError without sending the POST again.
func TestStartThroughClient(t *testing.T) {
	t.Parallel()
	for _, tc := range startAnswers {
		c, mt := newTestClient(t, withClock(fixedStartClock))
		mt.RegisterResponder("POST", testutil.URL("/v2/x/start"), jsonResponder(200, tc.body))
		got, err := c.start(context.Background(), "/v2/x/start", map[string]string{"roomId": "req-room"}, "req-room")
		require.NoError(t, err, tc.name)
		want := tc.want
		setIfEmpty(&want.RoomID, "req-room")
		want.StartedAt = startClockTime
		assert.Equal(t, &want, got, tc.name)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	}
	for name, body := range badStartAnswers {
		c, mt := newTestClient(t)
		mt.RegisterResponder("POST", testutil.URL("/v2/x/start"), jsonResponder(200, body))
		got, err := c.start(context.Background(), "/v2/x/start", map[string]string{"roomId": "r"}, "r")
		assert.Nil(t, got, name)
		var re *ResponseError
		require.ErrorAs(t, err, &re, name)
		assert.Equal(t, "/v2/x/start", re.Path)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "%s: the POST is not repeated", name)
	}
	c, mt := newTestClient(t, withClock(fixedStartClock))
	mt.RegisterResponder("POST", testutil.URL("/v2/x/start"), status(204, ""))
	got, err := c.start(context.Background(), "/v2/x/start", nil, "r")
	require.NoError(t, err)
	assert.Equal(t, &StartResult{RoomID: "r", StartedAt: startClockTime}, got)
}

// startCalls are every Start that returns a StartResult, with its path.
// startClockTime is the client clock of the Start tests, fixed (near the
// real time: the clock also signs the token the mock checks): StartedAt
// records it.
var startClockTime = time.Now().Truncate(time.Second)

func fixedStartClock() time.Time { return startClockTime }

// recorded is what the SDK records in a StartResult besides the answer: the
// participant and track the call asked for.
func startCalls() []struct {
	name, path string
	call       func(*Client) (*StartResult, error)
	recorded   StartResult
} {
	ctx := context.Background()
	const room, part = "tq7v-m2xk-9hdp", "p8x2kq1z"
	return []struct {
		name, path string
		call       func(*Client) (*StartResult, error)
		recorded   StartResult
	}{
		{"Recordings", "/v2/recordings/start", func(c *Client) (*StartResult, error) {
			return c.Recordings.Start(ctx, StartRecordingParams{RoomID: room})
		}, StartResult{}},
		{"ParticipantRecordings", "/v2/recordings/participant/start", func(c *Client) (*StartResult, error) {
			return c.ParticipantRecordings.Start(ctx, StartParticipantRecordingParams{RoomID: room, ParticipantID: part})
		}, StartResult{ParticipantID: part}},
		{"TrackRecordings", "/v2/recordings/participant/track/start", func(c *Client) (*StartResult, error) {
			return c.TrackRecordings.Start(ctx, StartTrackRecordingParams{RoomID: room, ParticipantID: part, Kind: TrackKindVideo})
		}, StartResult{ParticipantID: part, Kind: TrackKindVideo}},
		{"Livestreams", "/v2/livestreams/start", func(c *Client) (*StartResult, error) {
			return c.Livestreams.Start(ctx, StartLivestreamParams{RoomID: room, Outputs: []RTMPOutput{{URL: "rtmp://live.example.net/app", StreamKey: "k"}}})
		}, StartResult{}},
		{"CompositeRecordings", "/v2/recordings/composite/start", func(c *Client) (*StartResult, error) {
			return c.CompositeRecordings.Start(ctx, StartCompositeRecordingParams{RoomID: room})
		}, StartResult{}},
	}
}

// TestEveryStartReturnsItsResult: each Start decodes every answer form into
// its StartResult (the job id of an object answer, the room of the request
// when the answer names none, the text of a sentence), and an unusable
// success body is a *ResponseError after exactly one POST.
func TestEveryStartReturnsItsResult(t *testing.T) {
	t.Parallel()
	for _, sc := range startCalls() {
		for _, tc := range startAnswers {
			c, mt := newTestClient(t, withClock(fixedStartClock))
			mt.RegisterResponder("POST", testutil.URL(sc.path), jsonResponder(200, tc.body))
			got, err := sc.call(c)
			require.NoError(t, err, "%s: %s", sc.name, tc.name)
			want := tc.want
			setIfEmpty(&want.RoomID, "tq7v-m2xk-9hdp")
			want.ParticipantID, want.Kind, want.StartedAt = sc.recorded.ParticipantID, sc.recorded.Kind, startClockTime
			assert.Equal(t, &want, got, "%s: %s", sc.name, tc.name)
		}
		for name, body := range badStartAnswers {
			c, mt := newTestClient(t)
			mt.RegisterResponder("POST", testutil.URL(sc.path), jsonResponder(200, body))
			got, err := sc.call(c)
			assert.Nil(t, got)
			assert.ErrorIs(t, err, ErrInvalidResponse, "%s: %s", sc.name, name)
			assert.Equal(t, 1, mt.GetTotalCallCount(), "%s: %s: the POST is not repeated", sc.name, name)
		}
	}
}

// TestStartResultObjectFormIsCapped: an object answer's message and ids are
// capped like the string form's message (512 bytes plus "…"): a 1 MiB
// message is not kept whole.
func TestStartResultObjectFormIsCapped(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("m", 1<<20)
	var fromString, fromObject StartResult
	require.NoError(t, fromString.decodeAnswer([]byte(`"`+big+`"`)))
	body := `{"recordingId":"` + big + `","roomId":"` + big + `","sessionId":"` + big + `","message":"  ` + big + `  "}`
	require.NoError(t, fromObject.decodeAnswer([]byte(body)))
	assert.Equal(t, fromString.Message, fromObject.Message)
	for name, v := range map[string]string{"ID": fromObject.ID, "RoomID": fromObject.RoomID, "SessionID": fromObject.SessionID, "Message": fromObject.Message} {
		assert.LessOrEqual(t, len(v), 512+len("…"), name)
	}
	var viaJSON StartResult
	require.NoError(t, json.Unmarshal([]byte(body), &viaJSON))
	assert.Equal(t, fromObject, viaJSON)
}
