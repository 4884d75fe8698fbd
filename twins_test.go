package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// twinPairs lists the flat twins: StartResult's, which gathers several wire
// names into one field, with the legacy fields only the twin has. The twins
// that embed their public type's fields are held to it in wire_test.go.
var twinPairs = []struct {
	twin, public any
	legacy       map[string]string // twin field name → json name
	substituted  map[string]any    // public field name → twin field type
}{
	{startResultWire{}, StartResult{}, map[string]string{
		"RecordingID": "recordingId", "LegacyID": "_id", "LivestreamID": "livestreamId", "MeetingID": "meetingId",
	}, nil},
}

// TestTwinFieldsMatchPublicTypes: a twin has every field of its public type
// (same name, same JSON name, same type or the declared twin type) plus only
// the declared legacy names, and no methods that would make decoding run
// twice. A field added to a public type without its twin fails here.
func TestTwinFieldsMatchPublicTypes(t *testing.T) {
	t.Parallel()
	jsonName := func(f reflect.StructField) string { return strings.Split(f.Tag.Get("json"), ",")[0] }
	for _, p := range twinPairs {
		tt, pt := reflect.TypeOf(p.twin), reflect.TypeOf(p.public)
		_, hasMethod := reflect.PointerTo(tt).MethodByName("UnmarshalJSON")
		assert.False(t, hasMethod, "%s must be method-free", tt.Name())
		seen := map[string]bool{}
		for i := range pt.NumField() {
			pf := pt.Field(i)
			if jsonName(pf) == "-" {
				continue
			}
			tf, ok := tt.FieldByName(pf.Name)
			if !assert.True(t, ok, "%s lacks %s.%s", tt.Name(), pt.Name(), pf.Name) {
				continue
			}
			seen[pf.Name] = true
			assert.Equal(t, jsonName(pf), jsonName(tf), "%s.%s json name", tt.Name(), pf.Name)
			want := pf.Type
			if sub, ok := p.substituted[pf.Name]; ok {
				want = reflect.TypeOf(sub)
			}
			assert.Equal(t, want, tf.Type, "%s.%s type", tt.Name(), pf.Name)
		}
		for i := range tt.NumField() {
			tf := tt.Field(i)
			if seen[tf.Name] {
				continue
			}
			name, ok := p.legacy[tf.Name]
			assert.True(t, ok, "%s.%s is neither a field of %s nor a declared legacy name", tt.Name(), tf.Name, pt.Name())
			assert.Equal(t, name, jsonName(tf), "%s.%s", tt.Name(), tf.Name)
		}
	}
}

// refComposite is the reference decoder of CompositeRecording: the public
// fields (File through its own UnmarshalJSON) plus the legacy names, as the
// older response types decode.
func refComposite(b []byte) (CompositeRecording, error) {
	type plain CompositeRecording
	var aux struct {
		plain
		legacyNames
	}
	err := json.Unmarshal(b, &aux)
	r := CompositeRecording(aux.plain)
	setIfEmpty(&r.RoomID, aux.MeetingID)
	return r, err
}

func refTranscoding(b []byte) (Transcoding, error) {
	type plain Transcoding
	var p plain
	err := json.Unmarshal(b, &p)
	return Transcoding(p), err
}

// twinBodies returns the bodies each decoding comparison runs on: the
// fixture, legacy-name variants, and malformed bodies.
func twinBodies(t *testing.T, fixture string, variants ...string) map[string][]byte {
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, testutil.Fixture(t, fixture)))
	b := compact.Bytes()
	out := map[string][]byte{
		"fixture":         b,
		"truncated":       b[:len(b)-1],
		"trailing data":   append(append([]byte{}, b...), []byte(` {"id":"x"}`)...),
		"trailing junk":   append(append([]byte{}, b...), 'x'),
		"unquoted string": bytes.Replace(b, []byte(`":"`), []byte(`":x"`), 1),
		"number id":       bytes.Replace(b, []byte(`"id":"`), []byte(`"id":1,"x":"`), 1),
		"array":           []byte(`[` + string(b) + `]`),
		"null":            []byte(`null`),
		"empty object":    []byte(`{}`),
	}
	for i, v := range variants {
		out["variant "+string(rune('a'+i))+": "+v] = []byte(v)
	}
	return out
}

// TestTwinsDecodeLikeTheReference: for fixtures, legacy variants and
// malformed bodies, the SDK's one-pass path (twin, then conversion), the
// public UnmarshalJSON users call, and the reference decoder agree: the
// same value, or all three refuse the body.
func TestTwinsDecodeLikeTheReference(t *testing.T) {
	t.Parallel()
	const file = `"file":{"_id":"f1","id":"%s","meta":{"format":"WebM"},"size":3}`
	compositeVariants := []string{
		`{"id":"c1","meetingId":"m","roomId":"r"}`,
		`{"id":"c1","meetingId":"m"}`,
		`{"id":"c1","roomId":"r","meetingId":""}`,
		`{"id":"c1",` + strings.Replace(file, "%s", "", 1) + `}`,
		`{"id":"c1",` + strings.Replace(file, "%s", "f2", 1) + `}`,
		`{"id":"c1","file":null,"end":null,"participants":null}`,
		`{"id":"c1","participants":[{"participantId":"p","kind":"audio"},{"participantId":"q","kind":["video","screen_audio"]}]}`,
		`{"id":"c1","participants":[{"participantId":"p","kind":7}]}`,
		`{"id":"c1","file":{"_id":5}}`,
		`{"id":"c1","meetingId":5}`,
		`{"id":"c1","start":"yesterday"}`,
	}
	for name, body := range twinBodies(t, "composite_recordings_get.json", compositeVariants...) {
		want, wantErr := refComposite(body)
		var w compositeRecordingWire
		twinErr := json.Unmarshal(body, &w)
		var pub CompositeRecording
		pubErr := json.Unmarshal(body, &pub)
		require.Equal(t, wantErr != nil, twinErr != nil, "composite %s: reference err %v, twin err %v", name, wantErr, twinErr)
		require.Equal(t, wantErr != nil, pubErr != nil, "composite %s: reference err %v, UnmarshalJSON err %v", name, wantErr, pubErr)
		if wantErr == nil {
			assert.Equal(t, want, *compositeRecordingTwin.one(&w), "composite %s: twin", name)
			assert.Equal(t, want, pub, "composite %s: UnmarshalJSON", name)
		}
	}

	transcodingVariants := []string{
		`{"id":"t1","status":"failed","task":"composite-merge","stoppedAt":"2025-06-10T05:46:21.500Z"}`,
		`{"id":"t1",` + strings.Replace(file, "%s", "", 1) + `}`,
		`{"id":"t1","recordingIds":null,"file":null}`,
		`{"id":"t1","recordingIds":[]}`,
		`{"id":"t1","recordingIds":[5]}`,
		`{"id":"t1","webhook":{"totalCount":"2"}}`,
		`{"id":"t1","status":"paused","task":"new-task"}`,
	}
	for name, body := range twinBodies(t, "transcodings_get.json", transcodingVariants...) {
		want, wantErr := refTranscoding(body)
		var w transcodingWire
		twinErr := json.Unmarshal(body, &w)
		var pub Transcoding
		pubErr := json.Unmarshal(body, &pub)
		require.Equal(t, wantErr != nil, twinErr != nil, "transcoding %s: reference err %v, twin err %v", name, wantErr, twinErr)
		require.Equal(t, wantErr != nil, pubErr != nil, "transcoding %s: reference err %v, UnmarshalJSON err %v", name, wantErr, pubErr)
		if wantErr == nil {
			assert.Equal(t, want, *transcodingTwin.one(&w), "transcoding %s: twin", name)
			assert.Equal(t, want, pub, "transcoding %s: UnmarshalJSON", name)
		}
	}
}

// TestTwinsThroughTheClient: what the services return equals the reference
// decoding of the same body, for single objects and for list pages.
func TestTwinsThroughTheClient(t *testing.T) {
	t.Parallel()
	body := testutil.Fixture(t, "composite_recordings_get.json")
	var got CompositeRecording
	require.NoError(t, decodeBody("GET", "/x", &transport.Response{StatusCode: 200, Body: body}, &got))
	want, err := refComposite(body)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.NotEmpty(t, want.File.ID)

	for _, fixture := range []string{"composite_recordings_list.json", "composite_recordings_list_page2.json"} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/recordings/composite"), jsonResponder(200, string(testutil.Fixture(t, fixture))))
		got, err := c.CompositeRecordings.List(context.Background(), ListCompositeRecordingsParams{})
		require.NoError(t, err)
		var ref pageEnvelope[CompositeRecording] // items through the public UnmarshalJSON
		require.NoError(t, json.Unmarshal(testutil.Fixture(t, fixture), &ref))
		assert.Equal(t, toPage(&ref, identityTwin[CompositeRecording]()), got, fixture)
	}
	for _, fixture := range []string{"transcodings_list.json", "transcodings_list_page2.json"} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/transcodings"), jsonResponder(200, string(testutil.Fixture(t, fixture))))
		got, err := c.Transcodings.List(context.Background(), ListTranscodingsParams{})
		require.NoError(t, err)
		var ref pageEnvelope[Transcoding]
		require.NoError(t, json.Unmarshal(testutil.Fixture(t, fixture), &ref))
		assert.Equal(t, toPage(&ref, identityTwin[Transcoding]()), got, fixture)
	}
}

// TestNewObjectEndpointsRejectBadBodies: a 200 that is not the resource is a
// *ResponseError for every object-returning method of the newer services.
func TestNewObjectEndpointsRejectBadBodies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	calls := []objectCall{
		{"CompositeRecordings.Get", "GET", "/v2/recordings/composite/c1", func(c *Client) (any, error) { return c.CompositeRecordings.Get(ctx, "c1") }},
		{"CompositeRecordings.List", "GET", "/v2/recordings/composite", func(c *Client) (any, error) {
			return c.CompositeRecordings.List(ctx, ListCompositeRecordingsParams{})
		}},
		{"Transcodings.Merge", "POST", "/v2/transcodings/merge", func(c *Client) (any, error) {
			return c.Transcodings.Merge(ctx, MergeTranscodingParams{RecordingIDs: []string{"r"}})
		}},
		{"Transcodings.HLSToMP4", "POST", "/v2/transcodings/hls-to-mp4", func(c *Client) (any, error) {
			return c.Transcodings.HLSToMP4(ctx, HLSToMP4Params{HLSID: "h"})
		}},
		{"Transcodings.MeetingRecordingMerge", "POST", "/v2/transcodings/meeting-recording-merge", func(c *Client) (any, error) {
			return c.Transcodings.MeetingRecordingMerge(ctx, MeetingRecordingMergeParams{RecordingIDs: []MeetingRecordingRef{{ID: "r"}}})
		}},
		{"Transcodings.Get", "GET", "/v2/transcodings/t1", func(c *Client) (any, error) { return c.Transcodings.Get(ctx, "t1") }},
		{"Transcodings.List", "GET", "/v2/transcodings", func(c *Client) (any, error) { return c.Transcodings.List(ctx, ListTranscodingsParams{}) }},
		{"PostTranscriptions.Get", "GET", "/ai/v1/post-transcriptions/p1", func(c *Client) (any, error) { return c.PostTranscriptions.Get(ctx, "p1") }},
		{"PostTranscriptions.List", "GET", "/ai/v1/post-transcriptions", func(c *Client) (any, error) {
			return c.PostTranscriptions.List(ctx, ListPostTranscriptionsParams{})
		}},
		{"RealtimeTranscriptions.Start", "POST", "/ai/v1/realtime-transcriptions/start", func(c *Client) (any, error) {
			return c.RealtimeTranscriptions.Start(ctx, StartRealtimeTranscriptionParams{RoomID: "r"})
		}},
		{"RealtimeTranscriptions.Get", "GET", "/ai/v1/realtime-transcriptions/x1", func(c *Client) (any, error) { return c.RealtimeTranscriptions.Get(ctx, "x1") }},
		{"RealtimeTranscriptions.List", "GET", "/ai/v1/realtime-transcriptions", func(c *Client) (any, error) {
			return c.RealtimeTranscriptions.List(ctx, ListRealtimeTranscriptionsParams{})
		}},
		{"Recordings.GetWithTranscription", "GET", "/v2/recordings/r1", func(c *Client) (any, error) { return c.Recordings.GetWithTranscription(ctx, "r1") }},
	}
	bodies := map[string]string{
		"empty object": `{}`,
		"json string":  `"accepted"`,
		"html":         `<html><body>502 Bad Gateway</body></html>`,
		"truncated":    `{"id":"6819e5c0`,
		"empty":        ``,
		"array":        `[{"id":"x"}]`,
	}
	for _, oc := range calls {
		for kind, body := range bodies {
			c, mt := newTestClient(t)
			mt.RegisterResponder(oc.method, `=~^`+testutil.URL(oc.path)+`(\?.*)?$`, func(*http.Request) (*http.Response, error) {
				return jsonResponder(200, body)(nil)
			})
			got, err := oc.call(c)
			require.ErrorIs(t, err, ErrInvalidResponse, "%s/%s", oc.name, kind)
			var re *ResponseError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, oc.method, re.Method)
			assert.True(t, reflect.ValueOf(got).IsNil(), "%s/%s returned a value", oc.name, kind)
			assert.Equal(t, 1, mt.GetTotalCallCount(), "%s/%s", oc.name, kind)
		}
	}
}
