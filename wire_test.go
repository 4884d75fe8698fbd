package videosdk

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

// The tests of the one decode mechanism (wire.go): plain structs decoded by
// encoding/json in one pass, then normalize.

// decodedType is a response type and the ways the SDK decodes it: alone
// (decodeBody) and in the lists it appears in.
type decodedType struct {
	typ    reflect.Type
	decode []decodeWay
}

// decodeWay decodes a body as one SDK call path does and returns what the
// caller gets.
type decodeWay struct {
	name   string
	root   reflect.Type // what the SDK hands to encoding/json
	decode func(b []byte) (any, error)
}

// object decodes a body as decodeBody does for a *T.
func object[T any]() decodeWay {
	return decodeWay{"object", reflect.TypeFor[T](), func(b []byte) (any, error) {
		v := new(T)
		return v, sdkDecode(b, v)
	}}
}

// page decodes a body as getPage does.
func page[T any]() decodeWay {
	return decodeWay{"page", reflect.TypeFor[pageEnvelope[T]](), func(b []byte) (any, error) {
		var env pageEnvelope[T]
		if err := sdkDecode(b, &env); err != nil {
			return nil, err
		}
		return env.page(), nil
	}}
}

// transcriptionsPage decodes a body as getTranscriptionsPage does.
func transcriptionsPage[T any]() decodeWay {
	return decodeWay{"transcriptions page", reflect.TypeFor[transcriptionsEnvelope[T]](), func(b []byte) (any, error) {
		var env transcriptionsEnvelope[T]
		if err := sdkDecode(b, &env); err != nil {
			return nil, err
		}
		return env.page(), nil
	}}
}

func decoded[T any](ways ...decodeWay) decodedType {
	return decodedType{reflect.TypeFor[T](), ways}
}

// decodedTypes are the response types of the REST services (the platform
// services decode through platform.go's helpers, the same mechanism) with
// every way the SDK decodes each.
var decodedTypes = []decodedType{
	decoded[Room](object[Room](), page[Room]()),
	decoded[Session](object[Session](), page[Session]()),
	decoded[SessionStats](object[SessionStats]()),
	decoded[ParticipantStats](object[ParticipantStats]()),
	decoded[Recording](object[Recording](), page[Recording]()),
	decoded[ParticipantRecording](object[ParticipantRecording](), page[ParticipantRecording]()),
	decoded[TrackRecording](object[TrackRecording](), page[TrackRecording]()),
	decoded[Merge](object[Merge](), page[Merge](), decodeWay{"created", reflect.TypeFor[mergeCreated](), func(b []byte) (any, error) {
		var v mergeCreated
		return v.Recording, sdkDecode(b, &v)
	}}),
	decoded[Livestream](object[Livestream](), page[Livestream]()),
	decoded[HLSStream](object[HLSStream](), page[HLSStream](), decodeWay{"active", reflect.TypeFor[activeHLS](), func(b []byte) (any, error) {
		var v activeHLS
		return v.Data, sdkDecode(b, &v)
	}}),
	decoded[HLSCapture](object[HLSCapture]()),
	decoded[CompositeRecording](object[CompositeRecording](), page[CompositeRecording]()),
	decoded[Transcoding](object[transcodingFields](), page[transcodingFields]()),
	decoded[PostTranscription](object[PostTranscription](), transcriptionsPage[PostTranscription]()),
	decoded[RealtimeTranscription](object[RealtimeTranscription](), transcriptionsPage[RealtimeTranscription]()),
	decoded[StartResult](decodeWay{"answer", reflect.TypeFor[StartResult](), func(b []byte) (any, error) {
		var v StartResult
		return &v, v.decodeAnswer(b)
	}}),
	decoded[WebhookData](decodeWay{"delivery", reflect.TypeFor[webhookDataFields](), func(b []byte) (any, error) {
		ev, err := decodeWebhook(append(append([]byte(`{"webhookType":"x","data":`), b...), '}'), false)
		if err != nil {
			return nil, err
		}
		return &ev.Data, nil
	}}),
}

// smallValueDecoders are the types reachable from a response that keep an
// UnmarshalJSON (wire.go): each is one small value of several JSON shapes or
// with open keys, which encoding/json cannot decode into a typed field
// without a method. The extra scan covers that value only.
var smallValueDecoders = map[reflect.Type]string{
	reflect.TypeOf(TrackKinds(nil)):       "a kind as a string or a list of kinds",
	reflect.TypeOf(MeetingRecordingRef{}): "an id as a string or an {id, presignedUrl} object",
	reflect.TypeOf(ResolutionUsage{}):     "open keys: a height label per usage, and time",
	reflect.TypeOf(TranscriptionFiles{}):  "open keys: a URL per output format",
	reflect.TypeOf(lenientTime{}):         "a webhook time, dropped when it does not parse",
}

// TestDecodeIsOnePass: nothing the SDK hands to encoding/json reaches a
// decoding method other than time.Time's, json.RawMessage's and the small
// values' (smallValueDecoders), so every response decodes in one pass: a
// response type with its own UnmarshalJSON fails here. The UnmarshalJSON
// methods of StartResult, Transcoding and WebhookData are for users decoding
// a value themselves; the SDK decodes through their method-free views.
func TestDecodeIsOnePass(t *testing.T) {
	t.Parallel()
	for _, dt := range decodedTypes {
		for _, w := range dt.decode {
			root := w.root
			if root == reflect.TypeFor[StartResult]() {
				type plain StartResult
				root = reflect.TypeFor[plain]()
			}
			for _, h := range decodeHooks(root, smallValueDecoders) {
				t.Errorf("%s %s: the SDK decodes %s, which reaches a decoding method: %s", dt.typ.Name(), w.name, root, h)
			}
		}
	}
	// Not vacuous: a type with a method is found.
	assert.NotEmpty(t, decodeHooks(reflect.TypeFor[pageEnvelope[CompositeWatermark]](), nil))
}

// wireOnlyTypes are the unexported structs that hold wire-only members.
var wireOnlyTypes = map[reflect.Type]bool{
	reflect.TypeFor[legacy]():              true,
	reflect.TypeFor[transcodingWireOnly](): true,
	reflect.TypeFor[startWireOnly]():       true,
	reflect.TypeFor[webhookWireOnly]():     true,
}

// wireOnlyHolders returns the struct types reachable from t, through what
// encoding/json decodes, that embed a wire-only struct, and every struct on
// the way to them.
func wireOnlyHolders(t reflect.Type) (holders, onTheWay map[reflect.Type]bool) {
	holders, onTheWay = map[reflect.Type]bool{}, map[reflect.Type]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, path []reflect.Type)
	walk = func(t reflect.Type, path []reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous && wireOnlyTypes[f.Type] {
				holders[t] = true
				for _, p := range path {
					onTheWay[p] = true
				}
			}
		}
		for _, ft := range jsonFields(t) {
			walk(ft, append(path[:len(path):len(path)], t))
		}
	}
	walk(t, nil)
	return holders, onTheWay
}

// methodFreeViews are the types without decoding methods that the SDK
// decodes into for a public type whose UnmarshalJSON is kept for users
// (decodeWebhook's webhookDataFields, the transcoding calls'
// transcodingFields), by the public type they convert to.
var methodFreeViews = map[reflect.Type]reflect.Type{
	reflect.TypeFor[webhookDataFields](): reflect.TypeFor[WebhookData](),
	reflect.TypeFor[transcodingFields](): reflect.TypeFor[Transcoding](),
}

// wireOnlyNames are the Go names of the wire-only members.
func wireOnlyNames() []string {
	var out []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			switch {
			case f.Anonymous:
				walk(f.Type)
			case f.Tag.Get("json") != "-":
				out = append(out, f.Name)
			}
		}
	}
	for wt := range wireOnlyTypes {
		walk(wt)
	}
	sort.Strings(out)
	return out
}

// TestWireOnlyMembersAreNormalizedAndHidden: every struct that embeds
// wire-only members, and every struct that holds one, has a normalize
// method (else the members would never reach the public fields), and no
// wire-only name can be selected on it from outside the package (reflect's
// FieldByName, like the compiler, refuses an ambiguous name).
func TestWireOnlyMembersAreNormalizedAndHidden(t *testing.T) {
	t.Parallel()
	normalizerType := reflect.TypeFor[normalizer]()
	names := wireOnlyNames()
	require.Subset(t, names, []string{"LegacyID", "MeetingID", "UserMeetingID", "RecordingRefs", "ErrorValue", "RecordingID", "LivestreamID", "StartText", "EndText"})
	holdersFound := 0
	for _, dt := range decodedTypes {
		for _, w := range dt.decode {
			holders, onTheWay := wireOnlyHolders(w.root)
			for h := range holders {
				holdersFound++
				if public, ok := methodFreeViews[h]; ok {
					h = public // its decoder converts it and calls normalize
				}
				assert.True(t, reflect.PointerTo(h).Implements(normalizerType), "%s embeds wire-only members but has no normalize", h)
				for _, name := range names {
					if f, ok := h.FieldByName(name); ok && f.Type != reflect.TypeFor[struct{}]() {
						t.Errorf("%s.%s: a wire-only member can be selected", h, name)
					}
				}
			}
			for p := range onTheWay {
				assert.True(t, reflect.PointerTo(p).Implements(normalizerType), "%s holds wire-only members (%s %s) but has no normalize", p, dt.typ.Name(), w.name)
			}
		}
	}
	assert.NotZero(t, holdersFound)
	// Not vacuous: a struct with the members and no shadow exposes them.
	type exposed struct{ legacyNames }
	_, ok := reflect.TypeFor[exposed]().FieldByName("MeetingID")
	assert.True(t, ok)
}

// wireOnlyValues returns the paths of the wire-only members set in v.
func wireOnlyValues(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			wireOnlyValues(v.Elem(), path, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			wireOnlyValues(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Anonymous && wireOnlyTypes[f.Type] {
				if !v.Field(i).IsZero() {
					*out = append(*out, path+"."+f.Type.Name())
				}
				continue
			}
			wireOnlyValues(v.Field(i), path+"."+f.Name, out)
		}
	}
}

// TestDecodedValuesHoldNoWireOnlyValue decodes every fixture in testdata/,
// legacy variants of each (legacy names instead of, beside, and with the
// wrong type next to the current ones), type-confused and malformed
// variants, full bodies and edge bodies, every way the SDK decodes each
// response type: no decoded value holds a wire-only value (normalize took
// them all), and encoding one back writes no legacy name.
func TestDecodedValuesHoldNoWireOnlyValue(t *testing.T) {
	t.Parallel()
	corpus := wireCorpus(t)
	for _, dt := range decodedTypes {
		t.Run(dt.typ.Name(), func(t *testing.T) {
			t.Parallel()
			for _, w := range dt.decode {
				decodedN, refused := 0, 0
				for _, body := range corpus {
					if !forType(body.name, dt.typ.Name()) {
						continue
					}
					v, err := w.decode(body.data)
					if err != nil {
						refused++
						continue
					}
					decodedN++
					var left []string
					wireOnlyValues(reflect.ValueOf(v), dt.typ.Name(), &left)
					if len(left) > 0 {
						t.Errorf("%s %s: body %s: wire-only values left in %v", dt.typ.Name(), w.name, body.name, left)
					}
				}
				// Not vacuous: some bodies decode, some are refused.
				assert.NotZero(t, decodedN, "%s %s: no body decoded", dt.typ.Name(), w.name)
				assert.NotZero(t, refused, "%s %s: no body refused", dt.typ.Name(), w.name)
			}
		})
	}
}

// TestEncodedValuesHaveNoLegacyNames: a decoded value that took legacy
// names encodes back under the current names only.
func TestEncodedValuesHaveNoLegacyNames(t *testing.T) {
	t.Parallel()
	var r Recording
	require.NoError(t, sdkDecode([]byte(`{"id":"r","meetingId":"m","file":{"_id":"f"}}`), &r))
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"roomId":"m"`)
	assert.Contains(t, string(b), `"file":{"id":"f"`)
	assert.NotContains(t, string(b), "meetingId")
	assert.NotContains(t, string(b), "_id")
	var back Recording
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)

	// The fields read from a looser wire form encode under their names and
	// decode back to the same value.
	var tr Transcoding
	require.NoError(t, sdkDecode([]byte(`{"id":"t","recordingIds":["a",{"id":"b","presignedUrl":"u"}],"error":"x"}`), &tr))
	b, err = json.Marshal(tr)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"t","recordingIds":["a","b"],"status":"","task":"","startedAt":"0001-01-01T00:00:00Z","stoppedAt":null,"message":"x"}`, string(b))
	var trBack Transcoding
	require.NoError(t, sdkDecode(b, &trBack))
	assert.Equal(t, tr, trBack)

	ev, err := decodeWebhook([]byte(`{"webhookType":"x","data":{"meetingId":"m","start":"2022-07-05T15:55:35.047+00:00","end":"bad"}}`), false)
	require.NoError(t, err)
	b, err = json.Marshal(ev.Data)
	require.NoError(t, err)
	assert.JSONEq(t, `{"roomId":"m","start":"2022-07-05T15:55:35.047Z"}`, string(b))
	var dBack WebhookData
	require.NoError(t, json.Unmarshal(b, &dBack))
	assert.Equal(t, ev.Data, dBack)
}

type namedBody struct {
	name string
	data []byte
}

// wireEdgeBodies are hand-written bodies for the corners of the decoding:
// legacy names, nulls, wrong types, envelopes, open keys and wire forms.
var wireEdgeBodies = []string{
	``, `{}`, `null`, `[]`, `"x"`, `7`, `{"id":"x"}`, `{"id":5}`,
	`{"id":"x","_id":"y","meetingId":"m","userMeetingId":"u"}`,
	`{"_id":"i","meetingId":"m","userMeetingId":"u"}`,
	`{"roomId":"","meetingId":"m"}`, `{"roomId":"a","roomId":"b"}`, `{"roomId":"a","meetingId":null}`,
	`{"ID":"upper","MEETINGID":"folded","RoomId":"folded"}`,
	`{"file":{}}`, `{"file":null}`, `{"file":"x"}`, `{"file":{"_id":"f","meetingId":7}}`, `{"file":{"_id":7}}`,
	`{"files":[]}`, `{"files":null}`, `{"files":{}}`, `{"files":[null,{"_id":"f"},{"id":"g","_id":"h"}]}`,
	`{"resolutionUsage":[null,{"180":1,"time":"2025-05-06T09:20:00.000Z"},{"x":"y","360":true}]}`,
	`{"resolutionUsage":[{"time":"bad"}]}`, `{"resolutionUsage":[{"time":7}]}`, `{"resolutionUsage":[{"time":null}]}`,
	`{"resolutionUsage":{}}`, `{"resolutionUsage":[1]}`, `{"resolutionUsage":[{"180":1e999}]}`,
	`{"data":null}`, `{"data":[]}`, `{"data":[null]}`, `{"data":{}}`, `{"data":"x"}`, `{"data":7}`, `{"data":[[1]]}`,
	`{"data":[{"participants":null},{"participants":[{"participantId":"p"}]}]}`,
	`{"data":{"participants":[{"participantId":"p","name":1}]}}`,
	`{"pageInfo":{"currentPage":"1"},"data":[]}`, `{"pageInfo":null,"data":[{"id":"a"}]}`,
	`{"data":[],"recordings":[{"id":"a"}]}`, `{"data":null,"recordings":[{"id":"a","meetingId":"m","file":{"_id":"f"}}]}`,
	`{"pagination":{"page":1,"perPage":2,"totalPages":3,"total":4},"data":[{}]}`,
	`{"code":200,"data":{"id":"h","meetingId":"m"}}`, `{"code":"200","data":{"id":"h"}}`,
	`{"message":"ok","recording":{"id":"m","meetingId":"r","file":{"_id":"f"}}}`, `{"recording":null}`,
	`{"data":[{"id":"a","file":{"_id":"f","userStorage":{"bucket":"b"},"ratio":{"16:9":1.7}}}]}`,
	`{"id":"t","transcriptionFilePaths":{"json":null,"srt":"s","x":"u"},"summarizedFilePaths":{}}`,
	`{"id":"t","transcriptionFilePaths":null}`, `{"id":"t","transcriptionFilePaths":"x"}`,
	`{"id":"t","summarizedFilePaths":{"txt":5}}`,
	`{"transcriptions":[{"id":"t","summarizedFilePaths":{"srt":"s"}}]}`, `{"transcriptions":null,"data":[{"id":"d"}]}`,
	`{"id":"x","recordingIds":["a",{"id":"b","presignedUrl":"u"}]}`, `{"id":"x","recordingIds":[5]}`,
	`{"id":"x","recordingIds":null}`,
	`{"id":"c","participants":[{"participantId":"p","kind":"audio"},{"participantId":"q","kind":["video","screen_audio"]}]}`,
	`{"id":"c","participants":[{"participantId":"p","kind":7}]}`,
}

// wireCorpus returns the fixtures in testdata/ (no goldens), the full bodies
// (wireFullBodies), variants of each (names containing "#") and
// wireEdgeBodies.
func wireCorpus(t testing.TB) []namedBody {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	var out []namedBody
	for _, n := range names {
		if strings.HasSuffix(n, ".golden.json") || platformFixture.MatchString(filepath.Base(n)) {
			continue
		}
		b, err := os.ReadFile(n)
		require.NoError(t, err)
		base := filepath.Base(n)
		out = append(out, namedBody{base, b})
		for _, v := range wireVariants(t, b) {
			out = append(out, namedBody{base + "#" + v.name, v.data})
		}
	}
	require.NotEmpty(t, out, "no fixtures")
	for _, fb := range wireFullBodies(t) {
		out = append(out, fb)
		for _, v := range wireVariants(t, fb.data) {
			out = append(out, namedBody{fb.name + "#" + v.name, v.data})
		}
	}
	for i, s := range wireEdgeBodies {
		out = append(out, namedBody{fmt.Sprintf("edge %d %s", i, s), []byte(s)})
	}
	return out
}

// forType reports whether a corpus body is checked against the type named
// typ: every fixture and edge body is, while a "full" body built from every
// field of one type (and its variants) is checked against that type only:
// another type's decoders skip or refuse its fields, and running all of
// them would multiply the sweep's time without adding a case.
func forType(body, typ string) bool {
	rest, full := strings.CutPrefix(body, "full ")
	if !full {
		return true
	}
	name, _, _ := strings.Cut(rest, "#")
	name, _, _ = strings.Cut(name, " ")
	return name == typ
}

// platformFixture names the fixtures of the platform services (SIP, agents,
// batch calls, connectors, ingest, resource pool, alerting): their types
// decode through platform.go's unwrap and have no legacy names, so the
// corpus of the RTC types' wire-only checks leaves them out (each one costs
// every RTC type's decoders a pass over all its variants).
var platformFixture = regexp.MustCompile(`^(sip|batch|alerts|agents|resource|incidents|connectors|message|ingest)_`)

// wireVariants derives bodies from one fixture.
func wireVariants(t testing.TB, b []byte) []namedBody {
	var out []namedBody
	add := func(name string, data []byte) { out = append(out, namedBody{name, data}) }
	// Legacy names instead of the current ones, one at a time and together.
	renames := [][2]string{{`"roomId"`, `"meetingId"`}, {`"customRoomId"`, `"userMeetingId"`}, {`"id"`, `"_id"`}}
	all := b
	for _, r := range renames {
		add("rename "+r[0], bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1])))
		all = bytes.ReplaceAll(all, []byte(r[0]), []byte(r[1]))
	}
	add("rename all", all)
	// Legacy names beside the current ones, in every object.
	add("legacy beside", insertMembers(b, `"_id":"legacy-id","meetingId":"legacy-room","userMeetingId":"legacy-custom"`))
	add("legacy null", insertMembers(b, `"_id":null,"meetingId":null,"userMeetingId":null`))
	for _, name := range legacyJSONNames() {
		add("legacy "+name+" wrong type", insertMembers(b, `"`+name+`":7`))
	}
	// Type confusion: the first occurrence of every key, as a number and as null.
	var tree any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if dec.Decode(&tree) == nil {
		for _, key := range objectKeys(tree) {
			for _, v := range []any{json.Number("7"), nil} {
				if mutated := replaceFirst(t, tree, key, v); mutated != nil {
					add(fmt.Sprintf("%s=%v", key, v), mutated)
				}
			}
		}
	}
	// Malformed.
	var compact bytes.Buffer
	if json.Compact(&compact, b) == nil {
		c := compact.Bytes()
		add("truncated half", c[:len(c)/2])
		add("truncated end", c[:len(c)-1])
		add("trailing data", append(append([]byte{}, c...), ` {"id":"x"}`...))
		add("trailing junk", append(append([]byte{}, c...), 'x'))
		add("unquoted string", bytes.Replace(c, []byte(`":"`), []byte(`":x"`), 1))
	}
	return out
}

// insertMembers adds members (a comma-separated member list) at the start of
// every object in b, outside strings.
func insertMembers(b []byte, members string) []byte {
	var out []byte
	inString, escaped := false, false
	for i, c := range b {
		out = append(out, c)
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && c == '{':
			out = append(out, members...)
			if rest := bytes.TrimLeft(b[i+1:], " \t\r\n"); len(rest) > 0 && rest[0] != '}' {
				out = append(out, ',')
			}
		}
	}
	return out
}

// objectKeys lists the distinct keys of every object in tree.
func objectKeys(tree any) []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				seen[k] = true
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(tree)
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// replaceFirst returns tree marshalled with the value of the first
// occurrence of key (depth first, keys in order) replaced by v, or nil.
func replaceFirst(t testing.TB, tree any, key string, v any) []byte {
	var done bool
	var out []byte
	var walk func(x any)
	walk = func(x any) {
		if done {
			return
		}
		switch x := x.(type) {
		case map[string]any:
			if old, ok := x[key]; ok {
				x[key] = v
				b, err := json.Marshal(tree)
				require.NoError(t, err)
				x[key] = old
				done, out = true, b
				return
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(tree)
	return out
}

// legacyJSONNames are the JSON names of legacyNames.
func legacyJSONNames() []string {
	var names []string
	for name := range jsonFields(reflect.TypeOf(legacyNames{})) {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// TestWireLegacyNamesReachThePublicFields: a legacy value fills an empty
// current field and never overrides a set one, through the SDK's own call
// paths (decodeBody, lists, wrappers, start answers).
func TestWireLegacyNamesReachThePublicFields(t *testing.T) {
	t.Parallel()
	var room Room
	require.NoError(t, sdkDecode([]byte(`{"id":"d","meetingId":"m","userMeetingId":"u"}`), &room))
	assert.Equal(t, Room{ID: "d", RoomID: "m", CustomRoomID: "u"}, room)
	room = Room{}
	require.NoError(t, sdkDecode([]byte(`{"id":"d","roomId":"r","meetingId":"m"}`), &room))
	assert.Equal(t, Room{ID: "d", RoomID: "r"}, room, "the current name wins")

	var sess Session
	require.NoError(t, sdkDecode([]byte(`{"_id":"s","meetingId":"m","userMeetingId":"u"}`), &sess))
	assert.Equal(t, Session{ID: "s", RoomID: "m", CustomRoomID: "u"}, sess)

	var rec Recording
	require.NoError(t, sdkDecode([]byte(`{"id":"r","meetingId":"m","file":{"_id":"f"}}`), &rec))
	assert.Equal(t, Recording{ID: "r", RoomID: "m", File: &File{ID: "f"}}, rec)

	p, err := sdkDecodePage[Merge]([]byte(`{"recordings":[{"id":"a","meetingId":"m","file":{"_id":"f"}}]}`))
	require.NoError(t, err)
	require.Len(t, p.Data, 1)
	assert.Equal(t, "m", p.Data[0].RoomID)
	assert.Equal(t, "f", p.Data[0].File.ID)

	tp, err := sdkDecodePage[TrackRecording]([]byte(`{"data":[{"id":"t","files":[{"_id":"f1"},{"id":"f2","_id":"x"}]}]}`))
	require.NoError(t, err)
	assert.Equal(t, []File{{ID: "f1"}, {ID: "f2"}}, tp.Data[0].Files)

	var active activeHLS
	require.NoError(t, sdkDecode([]byte(`{"code":200,"data":{"id":"h","meetingId":"m"}}`), &active))
	assert.Equal(t, "m", active.Data.RoomID)

	var created mergeCreated
	require.NoError(t, sdkDecode([]byte(`{"message":"ok","recording":{"id":"g","meetingId":"m","file":{"_id":"f"}}}`), &created))
	assert.Equal(t, &Merge{ID: "g", RoomID: "m", File: &File{ID: "f"}}, created.Recording)

	var cr CompositeRecording
	require.NoError(t, sdkDecode([]byte(`{"id":"c1","meetingId":"m","file":{"_id":"f1","meta":{"format":"WebM"}}}`), &cr))
	assert.Equal(t, CompositeRecording{ID: "c1", RoomID: "m", File: &File{ID: "f1", Meta: FileMeta{Format: "WebM"}}}, cr)
	cr = CompositeRecording{}
	require.NoError(t, sdkDecode([]byte(`{"id":"c1","roomId":"r","meetingId":"m","file":{"_id":"f1","id":"f2"}}`), &cr))
	assert.Equal(t, CompositeRecording{ID: "c1", RoomID: "r", File: &File{ID: "f2"}}, cr)
}

// TestTranscodingWireForms: recordingIds entries may be ids or objects, and
// a text "error" becomes Message when there is none.
func TestTranscodingWireForms(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]Transcoding{
		`{"id":"t","recordingIds":["a",{"id":"b","presignedUrl":"u"}]}`: {ID: "t", RecordingIDs: []string{"a", "b"}},
		`{"id":"t","recordingIds":[]}`:                                  {ID: "t", RecordingIDs: []string{}},
		`{"id":"t","recordingIds":null}`:                                {ID: "t"},
		`{"id":"t","error":"disk full"}`:                                {ID: "t", Message: "disk full"},
		`{"id":"t","error":"disk full","message":"m"}`:                  {ID: "t", Message: "m"},
		`{"id":"t","error":{"code":1}}`:                                 {ID: "t"},
		`{"id":"t","file":{"_id":"f"}}`:                                 {ID: "t", File: &File{ID: "f"}},
	} {
		var got Transcoding
		require.NoError(t, sdkDecode([]byte(body), &got), body)
		assert.Equal(t, want, got, body)
	}
	var got Transcoding
	assert.ErrorIs(t, sdkDecode([]byte(`{"id":"t","recordingIds":[5]}`), &got), ErrInvalidResponse)
}

// TestTranscriptionsEnvelopeKeys: the transcription lists take their items
// from "transcriptions", else from "data"; with neither the body is refused.
func TestTranscriptionsEnvelopeKeys(t *testing.T) {
	t.Parallel()
	for body, want := range map[string][]string{
		`{"transcriptions":[{"id":"a"}],"data":[{"id":"b"}]}`: {"a"},
		`{"transcriptions":null,"data":[{"id":"b"}]}`:         {"b"},
		`{"data":[{"id":"b"},{"id":"c"}]}`:                    {"b", "c"},
		`{"transcriptions":[]}`:                               {},
	} {
		var env transcriptionsEnvelope[PostTranscription]
		require.NoError(t, sdkDecode([]byte(body), &env), body)
		var got []string
		for _, tr := range env.page().Data {
			got = append(got, tr.ID)
		}
		assert.ElementsMatch(t, want, got, body)
	}
	var env transcriptionsEnvelope[PostTranscription]
	assert.ErrorIs(t, sdkDecode([]byte(`{"pageInfo":{"currentPage":1}}`), &env), ErrInvalidResponse)
}

// wireFullBodies are, for every response type, a body with every field
// encoding/json decodes set (the wire-only members too), each to its own
// value (fullValue), alone and in each envelope the SDK decodes it from (a
// page under "data" and under "recordings", a transcriptions page, the
// {code, data} and {message, recording} wrappers).
func wireFullBodies(t testing.TB) []namedBody {
	var out []namedBody
	for _, dt := range decodedTypes {
		obj := fullValue(dt.typ, dt.typ.Name(), new(int))
		pageInfo := map[string]any{"currentPage": 2, "perPage": 3, "lastPage": 4, "total": 5}
		for _, v := range []struct {
			name string
			body any
		}{
			{"", obj},
			{" data page", map[string]any{"pageInfo": pageInfo, "data": []any{obj, obj}}},
			{" recordings page", map[string]any{"pageInfo": pageInfo, "recordings": []any{obj}}},
			{" transcriptions page", map[string]any{"pageInfo": pageInfo, "transcriptions": []any{obj}}},
			{" code wrapper", map[string]any{"code": 200, "data": obj}},
			{" message wrapper", map[string]any{"message": "created", "recording": obj}},
		} {
			b, err := json.Marshal(v.body)
			require.NoError(t, err)
			out = append(out, namedBody{"full " + dt.typ.Name() + v.name, b})
		}
	}
	return out
}

// fullValue returns a JSON value (as encoding/json marshals it) for type t
// with every field set to a value of its own: strings name their path, each
// number and time is drawn from *n. Types that decode through a method get a
// value their method accepts.
func fullValue(t reflect.Type, path string, n *int) any {
	*n++
	switch t {
	case reflect.TypeOf(time.Time{}):
		return time.Date(2025, 5, 6, 9, 0, 0, 0, time.UTC).Add(time.Duration(*n) * time.Second).Format(time.RFC3339Nano)
	case reflect.TypeOf(json.RawMessage(nil)):
		// Shaped like a PostTranscription, so Recording.PostTranscriptions is set too.
		return map[string]any{"id": fmt.Sprintf("%s-%d", path, *n), "status": "completed"}
	case reflect.TypeOf(ResolutionUsage{}):
		return map[string]any{"time": fullValue(reflect.TypeOf(time.Time{}), path, n), "360": *n}
	case reflect.TypeOf(TranscriptionFiles{}):
		m := map[string]any{}
		for _, k := range []string{"json", "srt", "txt", "tsv", "vtt", "other"} {
			m[k] = fmt.Sprintf("%s.%s-%d", path, k, *n)
		}
		return m
	case reflect.TypeOf(TrackKinds(nil)):
		return []any{"audio", "video"}
	case reflect.TypeOf(MeetingRecordingRef{}):
		return fmt.Sprintf("%s-%d", path, *n)
	case reflect.TypeOf(webhookDataFields{}), reflect.TypeOf(WebhookData{}):
		// Times travel as text, which must parse.
		m := map[string]any{}
		for name, ft := range jsonFields(t) {
			m[name] = fullValue(ft, path+"."+name, n)
		}
		for _, name := range []string{"start", "end"} {
			m[name] = fullValue(reflect.TypeOf(time.Time{}), path, n)
		}
		return m
	}
	switch t.Kind() {
	case reflect.Pointer:
		return fullValue(t.Elem(), path, n)
	case reflect.String:
		return fmt.Sprintf("%s-%d", path, *n)
	case reflect.Bool:
		return true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return *n
	case reflect.Float32, reflect.Float64:
		return float64(*n) + 0.5
	case reflect.Slice, reflect.Array:
		return []any{fullValue(t.Elem(), path+"[]", n)}
	case reflect.Map:
		return map[string]any{fmt.Sprintf("k%d", *n): fullValue(t.Elem(), path+"{}", n)}
	case reflect.Interface:
		return fmt.Sprintf("%s-%d", path, *n)
	case reflect.Struct:
		fields := jsonFields(t)
		names := make([]string, 0, len(fields))
		for name := range fields {
			names = append(names, name)
		}
		sort.Strings(names)
		m := map[string]any{}
		for _, name := range names {
			m[name] = fullValue(fields[name], path+"."+name, n)
		}
		return m
	}
	panic("fullValue: no value for " + t.String())
}

// TestWireFullBodiesSetEveryField: decoded the SDK's way, each full body
// sets every exported field of its type (the JSON ones and those normalize
// derives, such as Recording.PostTranscriptions and
// Transcoding.RecordingIDs): a field whose tag is wrong, or that normalize
// overwrites or forgets, fails here. notFromTheBody are the fields the SDK
// records outside decoding.
func TestWireFullBodiesSetEveryField(t *testing.T) {
	t.Parallel()
	notFromTheBody := map[string]bool{
		"StartResult.ParticipantID": true, "StartResult.Kind": true, "StartResult.StartedAt": true, // set by Client.start
	}
	for _, dt := range decodedTypes {
		obj, err := json.Marshal(fullValue(dt.typ, dt.typ.Name(), new(int)))
		require.NoError(t, err)
		v, err := dt.decode[0].decode(obj)
		require.NoError(t, err, "%s: %s", dt.typ.Name(), obj)
		rv := reflect.ValueOf(v).Elem()
		for i := 0; i < dt.typ.NumField(); i++ {
			f := dt.typ.Field(i)
			if !f.IsExported() || f.Anonymous || notFromTheBody[dt.typ.Name()+"."+f.Name] {
				continue
			}
			assert.False(t, rv.Field(i).IsZero(), "%s.%s is not set by its full body %s", dt.typ.Name(), f.Name, obj)
		}
		// The current names win over the legacy ones the full body also sets.
		if id := rv.FieldByName("RoomID"); id.IsValid() {
			assert.Contains(t, id.String(), ".roomId-", "%s.RoomID", dt.typ.Name())
		}
	}
}

// TestDecodeThroughTheClient: what the services return for the fixtures is
// what the decoding tested above gives for the same body.
func TestDecodeThroughTheClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, fixture := range []string{"composite_recordings_list.json", "composite_recordings_list_page2.json"} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/recordings/composite"), jsonResponder(200, string(testutil.Fixture(t, fixture))))
		got, err := c.CompositeRecordings.List(ctx, ListCompositeRecordingsParams{})
		require.NoError(t, err)
		want, err := sdkDecodePage[CompositeRecording](testutil.Fixture(t, fixture))
		require.NoError(t, err)
		assert.Equal(t, want, got, fixture)
		require.NotEmpty(t, got.Data, fixture)
	}
	for _, fixture := range []string{"transcodings_list.json", "transcodings_list_page2.json"} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/transcodings"), jsonResponder(200, string(testutil.Fixture(t, fixture))))
		got, err := c.Transcodings.List(ctx, ListTranscodingsParams{})
		require.NoError(t, err)
		want, err := sdkDecodePage[Transcoding](testutil.Fixture(t, fixture))
		require.NoError(t, err)
		assert.Equal(t, want, got, fixture)
		require.NotEmpty(t, got.Data, fixture)
	}
	body := testutil.Fixture(t, "composite_recordings_get.json")
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/recordings/composite/c1"), jsonResponder(200, string(body)))
	got, err := c.CompositeRecordings.Get(ctx, "c1")
	require.NoError(t, err)
	var want CompositeRecording
	require.NoError(t, sdkDecode(body, &want))
	assert.Equal(t, &want, got)
	require.NotNil(t, got.File)
	assert.NotEmpty(t, got.File.ID)
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

// Reflection helpers shared by the tests of the decode mechanism
// (wire_test.go) and the test that holds the benchmark's raw twins
// (bench_test.go) to the public types they mirror.

// jsonFields returns the fields encoding/json decodes for struct type t, by
// JSON name, resolved with encoding/json's rules: an embedded struct without a
// tag name has its fields promoted; when several fields claim a name the
// shallowest wins, and among several at that depth the only tagged one wins;
// otherwise the name is dropped, as encoding/json drops it.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for name, f := range jsonFieldInfo(t) {
		out[name] = f.typ
	}
	return out
}

// jsonField is a field encoding/json decodes: its type and its whole json
// tag (name and options).
type jsonField struct {
	typ reflect.Type
	tag string
}

// jsonFieldInfo is jsonFields with each field's json tag.
func jsonFieldInfo(t reflect.Type) map[string]jsonField {
	type candidate struct {
		typ    reflect.Type
		tag    string
		depth  int
		tagged bool
	}
	byName := map[string][]candidate{}
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !f.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
				if name == "" && ft.Kind() == reflect.Struct {
					walk(ft, depth+1)
					continue
				}
			} else if !f.IsExported() {
				continue
			}
			tagged := name != ""
			if !tagged {
				name = f.Name
			}
			byName[name] = append(byName[name], candidate{f.Type, tag, depth, tagged})
		}
	}
	walk(t, 0)
	out := map[string]jsonField{}
	for name, cs := range byName {
		minDepth := cs[0].depth
		for _, c := range cs {
			minDepth = min(minDepth, c.depth)
		}
		var top, tagged []candidate
		for _, c := range cs {
			if c.depth == minDepth {
				top = append(top, c)
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
		}
		switch {
		case len(top) == 1:
			out[name] = jsonField{top[0].typ, top[0].tag}
		case len(tagged) == 1:
			out[name] = jsonField{tagged[0].typ, tagged[0].tag}
		}
	}
	return out
}

// jsonShapeDiffs lists how struct type twin departs from struct type public,
// field by field: every JSON name of public must exist in twin with the same
// json tag (name and options, such as ",string") and the same type, except
// that a type listed in nested must appear as its twin there (through
// pointers, slices, arrays and maps) and a name listed in fieldTwins must
// have exactly that type; twin may have extra names only from allowedExtra.
func jsonShapeDiffs(public, twin reflect.Type, nested map[reflect.Type]reflect.Type, fieldTwins map[string]reflect.Type, allowedExtra []string) []string {
	pfi, tfi := jsonFieldInfo(public), jsonFieldInfo(twin)
	var diffs []string
	for name, p := range pfi {
		t, ok := tfi[name]
		pt, tt := p.typ, t.typ
		want, substituted := fieldTwins[name]
		switch {
		case !ok:
			diffs = append(diffs, public.Name()+`: "`+name+`" missing in `+twin.Name())
		case substituted && tt != want:
			diffs = append(diffs, public.Name()+`: "`+name+`" is `+tt.String()+` in `+twin.Name()+`, want `+want.String())
		case !substituted && !twinOfType(pt, tt, nested):
			diffs = append(diffs, public.Name()+`: "`+name+`" is `+pt.String()+` but `+tt.String()+` in `+twin.Name())
		case p.tag != t.tag:
			diffs = append(diffs, public.Name()+`: "`+name+`" is tagged json:"`+p.tag+`" but json:"`+t.tag+`" in `+twin.Name())
		}
	}
	for name := range tfi {
		if _, ok := pfi[name]; !ok && !contains(allowedExtra, name) {
			diffs = append(diffs, twin.Name()+`: extra field "`+name+`" that `+public.Name()+` does not have`)
		}
	}
	sort.Strings(diffs)
	return diffs
}

// twinOfType reports whether tt is the type a twin struct must use for a
// public field of type pt.
func twinOfType(pt, tt reflect.Type, nested map[reflect.Type]reflect.Type) bool {
	if want, ok := nested[pt]; ok {
		return tt == want
	}
	if pt.Kind() != tt.Kind() {
		return false
	}
	if pt.Name() != "" || tt.Name() != "" {
		return pt == tt // a named type (json.RawMessage, Links, …) is used as it is
	}
	switch pt.Kind() {
	case reflect.Pointer, reflect.Slice:
		return twinOfType(pt.Elem(), tt.Elem(), nested)
	case reflect.Array:
		return pt.Len() == tt.Len() && twinOfType(pt.Elem(), tt.Elem(), nested)
	case reflect.Map:
		return pt.Key() == tt.Key() && twinOfType(pt.Elem(), tt.Elem(), nested)
	}
	return pt == tt
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var (
	jsonUnmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
	// decodeHookAllowed are the types with a decoding method that a plain
	// struct declared by hand has too: they cost the SDK and a hand-written
	// client the same.
	decodeHookAllowed = map[reflect.Type]bool{
		reflect.TypeOf(time.Time{}):          true,
		reflect.TypeOf(json.RawMessage(nil)): true,
	}
)

// decodeHooks returns the types reachable from t, through what encoding/json
// decodes, that have an UnmarshalJSON or UnmarshalText method other than
// those in decodeHookAllowed or also. encoding/json scans such a value once
// more to find its end before calling the method, and a method that calls
// json.Unmarshal scans it again: a second pass.
func decodeHooks(t reflect.Type, also map[reflect.Type]string) []string {
	seen := map[reflect.Type]bool{}
	var found []string
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		if t.Kind() == reflect.Pointer {
			walk(t.Elem(), path+"*") // encoding/json looks for methods on the pointed-to value
			return
		}
		if seen[t] {
			return
		}
		seen[t] = true
		if _, ok := also[t]; ok || decodeHookAllowed[t] {
			return
		}
		pt := reflect.PointerTo(t)
		if t.Implements(jsonUnmarshalerType) || pt.Implements(jsonUnmarshalerType) ||
			t.Implements(textUnmarshalerType) || pt.Implements(textUnmarshalerType) {
			found = append(found, path+" ("+t.String()+")")
			return
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			walk(t.Elem(), path+"[]")
		case reflect.Map:
			walk(t.Key(), path+"{key}")
			walk(t.Elem(), path+"{}")
		case reflect.Struct:
			for name, ft := range jsonFields(t) {
				walk(ft, path+"."+name)
			}
		}
	}
	walk(t, t.String())
	sort.Strings(found)
	return found
}

// methodCount is the number of methods of t and *t.
func methodCount(t reflect.Type) int {
	return t.NumMethod() + reflect.PointerTo(t).NumMethod()
}
