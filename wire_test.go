package videosdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wireRows registers every response type that has a wire twin (wire.go).
// Adding a type is one row: twin(xTwin) for a type decoded at the top
// level and in pageEnvelope lists, transcriptionTwin(xTwin) for one
// listed in transcriptionsEnvelope, nestedTwin(xTwin) for one only found
// inside others, twin(twinOf[X, xWire]{}) for one whose decodeWire converts by
// itself; .field(name, type) when a field's twin is not the twin of its type,
// .extra(name) for a wire name only the twin reads.
// (Transcoding's UnmarshalJSON is its decodeWire, so its row compares the
// page conversion and shape only; twins_test.go holds it to a reference.)
var wireRows = []wireRow{
	twin(roomTwin),
	twin(sessionTwin),
	twin(sessionStatsTwin),
	twin(twinOf[ParticipantStats, participantStatsWire]{}),
	nestedTwin(fileTwin),
	twin(recordingTwin),
	twin(participantRecordingTwin),
	twin(trackRecordingTwin),
	twin(mergeTwin),
	twin(livestreamTwin),
	twin(hlsStreamTwin),
	twin(compositeRecordingTwin),
	twin(transcodingTwin).field("recordingIds", []MeetingRecordingRef(nil)).extra("error"),
	transcriptionTwin(postTranscriptionTwin),
	transcriptionTwin(realtimeTranscriptionTwin),
}

// wirePolymorphic are the types reachable from a twin that keep their own
// UnmarshalJSON: each is one value of either of two JSON shapes, which
// encoding/json cannot decode into a typed field without a method. The extra
// scan covers that small value only.
var wirePolymorphic = map[reflect.Type]string{
	reflect.TypeOf(TrackKinds(nil)):       "a kind as a string or a list of kinds",
	reflect.TypeOf(MeetingRecordingRef{}): "an id as a string or an {id, presignedUrl} object",
}

// wireExtraPairs are twins of types that are not structs with a fromWire
// function of their own.
var wireExtraPairs = map[reflect.Type]reflect.Type{
	reflect.TypeOf(ResolutionUsage{}):          reflect.TypeOf(map[string]json.RawMessage(nil)),
	reflect.TypeOf((*TranscriptionFiles)(nil)): reflect.TypeOf(map[string]*string(nil)),
}

// wireWrappers are the unexported answers that hold a twin, each decoded
// both ways: into the same shape with the public type, and as the SDK does.
var wireWrappers = []wireRow{
	{
		name: "activeHLS", decodeRoots: []reflect.Type{reflect.TypeOf(activeHLS{})},
		cases: []wireCase{{"object", func(b []byte) (any, error) {
			var v struct {
				Code int        `json:"code"`
				Data *HLSStream `json:"data"`
			}
			err := json.Unmarshal(b, &v)
			return []any{v.Code, v.Data}, err
		}, func(b []byte) (any, error) {
			var v activeHLS
			err := json.Unmarshal(b, &v)
			return []any{v.Code, hlsStreamTwin.one(v.Data)}, err
		}}},
	},
	{
		name: "mergeCreated", decodeRoots: []reflect.Type{reflect.TypeOf(mergeCreated{})},
		cases: []wireCase{{"object", func(b []byte) (any, error) {
			var v struct {
				Message   string `json:"message"`
				Recording *Merge `json:"recording"`
			}
			err := json.Unmarshal(b, &v)
			return []any{v.Message, v.Recording}, err
		}, func(b []byte) (any, error) {
			var v mergeCreated
			err := json.Unmarshal(b, &v)
			return []any{v.Message, mergeTwin.one(v.Recording)}, err
		}}},
	},
	{
		name:        "participantsEnvelope",
		decodeRoots: []reflect.Type{reflect.TypeOf(sessionParticipants{}), reflect.TypeOf(PageInfo{})},
		cases:       []wireCase{participantsCase(false), participantsCase(true)},
	},
	{name: "HLSCapture", decodeRoots: []reflect.Type{reflect.TypeOf(HLSCapture{})}},
}

// wireRow is one registered type (or wrapper) and the ways to decode a body
// both ways.
type wireRow struct {
	name         string
	public, twin reflect.Type
	topLevel     bool // decodeBody decodes it: it must implement wireDecoder
	// fieldTwins are the twin's field types that are not the twin of the
	// public field's type, by JSON name.
	fieldTwins map[string]reflect.Type
	// extraNames are JSON names only the twin has, besides the legacy names.
	extraNames []string
	// decodeRoots are the types the SDK hands to encoding/json for this row;
	// nothing reachable from them may have a decoding method.
	decodeRoots []reflect.Type
	cases       []wireCase
}

// extra declares JSON names only the twin has besides the legacy names.
func (r wireRow) extra(names ...string) wireRow {
	r.extraNames = append(append([]string{}, r.extraNames...), names...)
	return r
}

// field declares that the twin's field name has type of v.
func (r wireRow) field(name string, v any) wireRow {
	m := map[string]reflect.Type{name: reflect.TypeOf(v)}
	for k, t := range r.fieldTwins {
		m[k] = t
	}
	r.fieldTwins = m
	return r
}

// wireCase decodes a body the public way (encoding/json into the public
// type, so its UnmarshalJSON) and the SDK's way (the twin); both results and
// the error/no-error outcomes must be identical.
type wireCase struct {
	name         string
	public, wire func(b []byte) (any, error)
}

// twin registers a top-level response type: decodeBody reaches its twin
// through decodeWire, and, when tw.from is set, lists of it decode through
// pageEnvelope[W].
func twin[T, W any](tw twinOf[T, W]) wireRow {
	row := topTwin(tw)
	if tw.from != nil {
		row.decodeRoots = append(row.decodeRoots, reflect.TypeOf(pageEnvelope[W]{}))
		row.cases = append(row.cases, wireCase{"page", func(b []byte) (any, error) {
			var env pageEnvelope[T] // items through T's own decoding
			if err := sdkDecode(b, &env); err != nil {
				return nil, err
			}
			return toPage(&env, identityTwin[T]()), nil
		}, func(b []byte) (any, error) {
			var env pageEnvelope[W] // what getPage decodes
			if err := sdkDecode(b, &env); err != nil {
				return nil, err
			}
			return toPage(&env, tw), nil
		}})
	}
	return row
}

// transcriptionTwin registers a top-level type listed in
// transcriptionsEnvelope.
func transcriptionTwin[T, W any](tw twinOf[T, W]) wireRow {
	row := topTwin(tw)
	row.decodeRoots = append(row.decodeRoots, reflect.TypeOf(transcriptionsEnvelope[W]{}))
	row.cases = append(row.cases, wireCase{"transcriptions page", func(b []byte) (any, error) {
		var env transcriptionsEnvelope[T]
		if err := sdkDecode(b, &env); err != nil {
			return nil, err
		}
		return transcriptionsPage(&env, identityTwin[T]()), nil
	}, func(b []byte) (any, error) {
		var env transcriptionsEnvelope[W] // what getTranscriptionsPage decodes
		if err := sdkDecode(b, &env); err != nil {
			return nil, err
		}
		return transcriptionsPage(&env, tw), nil
	}})
	return row
}

// topTwin registers a type decodeBody decodes: objects both ways.
func topTwin[T, W any](tw twinOf[T, W]) wireRow {
	row := nestedTwin(tw)
	row.topLevel = true
	row.cases = []wireCase{{"object", decodePublic[T], func(b []byte) (any, error) {
		v := new(T)
		err := unmarshal(b, v) // what decodeBody calls: dispatches to decodeWire
		return v, err
	}}}
	if _, ok := any(new(T)).(json.Unmarshaler); ok {
		row.cases = append(row.cases, wireCase{"UnmarshalJSON", func(b []byte) (any, error) {
			v := new(T)
			err := any(v).(json.Unmarshaler).UnmarshalJSON(b)
			return v, err
		}, row.cases[0].wire})
	}
	return row
}

// nestedTwin registers a type found only inside other responses.
func nestedTwin[T, W any](tw twinOf[T, W]) wireRow {
	row := wireRow{
		name:        reflect.TypeFor[T]().Name(),
		public:      reflect.TypeFor[T](),
		twin:        reflect.TypeFor[W](),
		decodeRoots: []reflect.Type{reflect.TypeFor[W]()},
	}
	if tw.from != nil {
		row.cases = []wireCase{{"object", decodePublic[T], func(b []byte) (any, error) {
			w := new(W)
			if err := json.Unmarshal(b, w); err != nil {
				return nil, err
			}
			return tw.one(w), nil
		}}}
	}
	return row
}

// identityTwin converts a T that encoding/json decoded by itself (through
// T's own UnmarshalJSON, the reference) the way a twin is converted, so a
// reference page is built by the same toPage as the SDK's.
func identityTwin[T any]() twinOf[T, T] {
	return twinOf[T, T]{from: func(dst *T, w *T, files []File) []File { *dst = *w; return files }}
}

func decodePublic[T any](b []byte) (any, error) {
	v := new(T)
	err := json.Unmarshal(b, v)
	return v, err
}

// participantsCase compares the participants decoding with the one it
// replaced (participantsBefore), for either endpoint.
func participantsCase(arrayData bool) wireCase {
	return wireCase{fmt.Sprintf("arrayData=%v", arrayData), func(b []byte) (any, error) {
		var env participantsBefore
		if err := sdkDecode(b, &env); err != nil {
			return nil, err
		}
		return newPage(env.Data.participants, env.PageInfo, nil), nil
	}, func(b []byte) (any, error) {
		env := participantsEnvelope{arrayData: arrayData}
		if err := sdkDecode(b, &env); err != nil {
			return nil, err
		}
		return newPage(env.participants, env.pageInfo, nil), nil
	}}
}

// participantsBefore is the participants decoding that participantsEnvelope
// replaced (RawMessage-style re-decoding of "data"), kept as the reference.
type participantsBefore struct {
	PageInfo *PageInfo            `json:"pageInfo"`
	Data     sessionOrArrayBefore `json:"data"`
}

type sessionOrArrayBefore struct {
	set          bool
	participants []Participant
}

func (s *sessionOrArrayBefore) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	var holder struct {
		Participants []Participant `json:"participants"`
	}
	switch {
	case len(b) > 0 && b[0] == '[':
		var arr []json.RawMessage
		if err := json.Unmarshal(b, &arr); err != nil {
			return err
		}
		s.set = true
		for _, item := range arr {
			holder.Participants = nil
			if err := json.Unmarshal(item, &holder); err != nil {
				return err
			}
			s.participants = append(s.participants, holder.Participants...)
		}
		return nil
	case len(b) > 0 && b[0] == '{':
		if err := json.Unmarshal(b, &holder); err != nil {
			return err
		}
		s.set = true
		s.participants = holder.Participants
		return nil
	case bytes.Equal(b, []byte("null")):
		return nil
	}
	return errors.New(`"data" is neither an object nor an array`)
}

func (e *participantsBefore) validResponse() error {
	if !e.Data.set {
		return errNoItems
	}
	return nil
}

func allWireRows() []wireRow { return append(append([]wireRow{}, wireRows...), wireWrappers...) }

// legacyJSONNames are the JSON names of legacyNames.
func legacyJSONNames() []string {
	var names []string
	for name := range jsonFields(reflect.TypeOf(legacyNames{})) {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// TestWireTwinFields holds every twin to its public type: each JSON field of
// the public type is in the twin with the same name and type (or, for a type
// that has a twin, that twin), the twin adds only legacy names, has no
// methods, and nothing the SDK hands to encoding/json reaches a decoding
// method (other than time.Time's and json.RawMessage's).
func TestWireTwinFields(t *testing.T) {
	t.Parallel()
	nested := map[reflect.Type]reflect.Type{}
	for k, v := range wireExtraPairs {
		nested[k] = v
	}
	for _, r := range wireRows {
		nested[r.public] = r.twin
	}
	for _, r := range allWireRows() {
		if r.twin != nil {
			for _, d := range jsonShapeDiffs(r.public, r.twin, nested, r.fieldTwins, append(legacyJSONNames(), r.extraNames...)) {
				t.Error(d)
			}
			if n := methodCount(r.twin); n != 0 {
				t.Errorf("%s has %d methods; a wire twin has none", r.twin, n)
			}
		}
		if r.topLevel {
			_, ok := reflect.New(r.public).Interface().(wireDecoder)
			assert.True(t, ok, "%s is decoded at the top level but has no decodeWire: decodeBody would not use its twin", r.public)
		}
		require.NotEmpty(t, r.decodeRoots, r.name)
		for _, root := range r.decodeRoots {
			for _, h := range decodeHooks(root, wirePolymorphic) {
				t.Errorf("%s: the SDK decodes %s, which reaches a decoding method: %s", r.name, root, h)
			}
		}
	}
}

// TestWireDecodesLikePublic decodes every fixture in testdata/, legacy
// variants of each (legacy names instead of, beside, and with the wrong type
// next to the current ones), type-confused and malformed variants, and a set
// of edge bodies, with every registered type both ways: results and
// error/no-error outcomes must be identical.
func TestWireDecodesLikePublic(t *testing.T) {
	t.Parallel()
	corpus := wireCorpus(t)
	for _, r := range allWireRows() {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			if len(r.cases) == 0 {
				return
			}
			for _, c := range r.cases {
				decoded, failed := 0, 0
				for _, body := range corpus {
					pv, werr, ok := compareWire(t, c, body.data)
					if !ok {
						t.Errorf("%s %s: body %s: %s", r.name, c.name, body.name, pv)
						continue
					}
					if werr != nil {
						failed++
					} else {
						decoded++
					}
				}
				// Not vacuous: some bodies decode, some are refused.
				assert.NotZero(t, decoded, "%s %s: no body decoded", r.name, c.name)
				assert.NotZero(t, failed, "%s %s: no body refused", r.name, c.name)
			}
		})
	}
}

// compareWire decodes b both ways; ok is false (and msg says why) when the
// outcomes or results differ.
func compareWire(t testing.TB, c wireCase, b []byte) (msg string, werr error, ok bool) {
	pv, perr := c.public(b)
	wv, werr := c.wire(b)
	switch {
	case (perr == nil) != (werr == nil):
		return fmt.Sprintf("public error %v, wire error %v", perr, werr), werr, false
	case perr == nil && !reflect.DeepEqual(pv, wv):
		return fmt.Sprintf("results differ:\npublic %+v\nwire   %+v", deref(pv), deref(wv)), werr, false
	}
	return "", werr, true
}

func deref(v any) any {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return rv.Elem().Interface()
	}
	return v
}

// FuzzWireDecodesLikePublic: any body decodes identically both ways for
// every registered type.
func FuzzWireDecodesLikePublic(f *testing.F) {
	for _, b := range wireCorpus(f) {
		if !strings.Contains(b.name, "#") { // the fixtures and edge bodies, not every variant
			f.Add(b.data)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, r := range allWireRows() {
			for _, c := range r.cases {
				if msg, _, ok := compareWire(t, c, b); !ok {
					t.Fatalf("%s %s: %s", r.name, c.name, msg)
				}
			}
		}
	})
}

type namedBody struct {
	name string
	data []byte
}

// wireEdgeBodies are hand-written bodies for the corners of the twins.
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
		if strings.HasSuffix(n, ".golden.json") {
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

// TestWireLegacyNamesReachThePublicFields spells out, for each type that
// accepts legacy names, what the both-ways test compares: the legacy value
// fills an empty current field and never overrides a set one, through the
// SDK's own call path (decodeBody, lists, wrappers).
func TestWireLegacyNamesReachThePublicFields(t *testing.T) {
	t.Parallel()
	var room Room
	require.NoError(t, sdkDecode([]byte(`{"id":"d","meetingId":"m","userMeetingId":"u"}`), &room))
	assert.Equal(t, "m", room.RoomID)
	assert.Equal(t, "u", room.CustomRoomID)
	require.NoError(t, sdkDecode([]byte(`{"id":"d","roomId":"r","meetingId":"m"}`), &room))
	assert.Equal(t, "r", room.RoomID, "the current name wins")

	var sess Session
	require.NoError(t, sdkDecode([]byte(`{"_id":"s","meetingId":"m","userMeetingId":"u"}`), &sess))
	assert.Equal(t, Session{ID: "s", RoomID: "m", CustomRoomID: "u"}, sess)

	var rec Recording
	require.NoError(t, sdkDecode([]byte(`{"id":"r","meetingId":"m","file":{"_id":"f"}}`), &rec))
	assert.Equal(t, "m", rec.RoomID)
	require.NotNil(t, rec.File)
	assert.Equal(t, "f", rec.File.ID)

	p, err := sdkDecodePage([]byte(`{"recordings":[{"id":"a","meetingId":"m","file":{"_id":"f"}}]}`), mergeTwin)
	require.NoError(t, err)
	require.Len(t, p.Data, 1)
	assert.Equal(t, "m", p.Data[0].RoomID)
	assert.Equal(t, "f", p.Data[0].File.ID)

	tp, err := sdkDecodePage([]byte(`{"data":[{"id":"t","files":[{"_id":"f1"},{"id":"f2","_id":"x"}]}]}`), trackRecordingTwin)
	require.NoError(t, err)
	assert.Equal(t, []File{{ID: "f1"}, {ID: "f2"}}, tp.Data[0].Files)

	var active activeHLS
	require.NoError(t, sdkDecode([]byte(`{"code":200,"data":{"id":"h","meetingId":"m"}}`), &active))
	assert.Equal(t, "m", hlsStreamTwin.one(active.Data).RoomID)
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
		var env transcriptionsEnvelope[postTranscriptionWire]
		require.NoError(t, sdkDecode([]byte(body), &env), body)
		var got []string
		for _, tr := range transcriptionsPage(&env, postTranscriptionTwin).Data {
			got = append(got, tr.ID)
		}
		assert.ElementsMatch(t, want, got, body)
	}
	var env transcriptionsEnvelope[postTranscriptionWire]
	assert.ErrorIs(t, sdkDecode([]byte(`{"pageInfo":{"currentPage":1}}`), &env), ErrInvalidResponse)
}

// wireFullBodies are, for every registered type, a body with every field
// encoding/json decodes set, each to its own value (fullValue), alone and
// in each envelope the SDK decodes it from (a page under "data" and under
// "recordings", a transcriptions page, the {code, data} and {message,
// recording} wrappers). Decoded both ways they catch a conversion that
// drops a field or fills one from another (TestWireFullBodiesSetEveryField
// checks that they do set every field).
func wireFullBodies(t testing.TB) []namedBody {
	var out []namedBody
	for _, r := range wireRows {
		obj := fullValue(r.public, r.public.Name(), new(int))
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
			out = append(out, namedBody{"full " + r.name + v.name, b})
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

// TestWireFullBodiesSetEveryField: decoded the public way, each full body
// sets every field of its type (the JSON ones and those derived from them,
// such as Recording.PostTranscriptions), so TestWireDecodesLikePublic,
// which decodes it both ways, compares every field a conversion copies.
func TestWireFullBodiesSetEveryField(t *testing.T) {
	t.Parallel()
	for _, r := range wireRows {
		obj, err := json.Marshal(fullValue(r.public, r.public.Name(), new(int)))
		require.NoError(t, err)
		v := reflect.New(r.public)
		require.NoError(t, json.Unmarshal(obj, v.Interface()), "%s: %s", r.name, obj)
		for i := 0; i < r.public.NumField(); i++ {
			f := r.public.Field(i)
			if !f.IsExported() {
				continue
			}
			assert.False(t, v.Elem().Field(i).IsZero(), "%s.%s is not set by its full body %s", r.name, f.Name, obj)
		}
	}
}

// TestWireFilesOneAllocation: converting a page allocates its Files at once
// (fileSlab): every File of the page lies in one array, in item order, the
// count twinOf.files gives is exact, removing the files from the page saves
// exactly one allocation, and an item's Files cannot grow into the next
// item's. Not parallel: testing.AllocsPerRun refuses to run in a parallel
// test.
func TestWireFilesOneAllocation(t *testing.T) {
	one := func(f *File) []*File {
		if f == nil {
			return nil
		}
		return []*File{f}
	}
	all := func(fs []File) []*File {
		var out []*File
		for i := range fs {
			out = append(out, &fs[i])
		}
		return out
	}
	checkFileSlab(t, recordingTwin, func(r *Recording) []*File { return one(r.File) }, func(w *recordingWire) { w.File = nil })
	checkFileSlab(t, mergeTwin, func(m *Merge) []*File { return one(m.File) }, func(w *mergeWire) { w.File = nil })
	checkFileSlab(t, compositeRecordingTwin, func(r *CompositeRecording) []*File { return one(r.File) }, func(w *compositeRecordingWire) { w.File = nil })
	checkFileSlab(t, transcodingTwin, func(r *Transcoding) []*File { return one(r.File) }, func(w *transcodingWire) { w.File = nil })
	checkFileSlab(t, participantRecordingTwin, func(r *ParticipantRecording) []*File { return all(r.Files) }, func(w *participantRecordingWire) { w.Files = nil })
	checkFileSlab(t, trackRecordingTwin, func(r *TrackRecording) []*File { return all(r.Files) }, func(w *trackRecordingWire) { w.Files = nil })
}

func checkFileSlab[T, W any](t *testing.T, tw twinOf[T, W], filesOf func(*T) []*File, strip func(*W)) {
	name := reflect.TypeFor[T]().Name()
	require.NotNil(t, tw.files, name)
	// A page of full items, some with two files where a list is allowed, one without.
	item := fullValue(reflect.TypeFor[T](), name, new(int)).(map[string]any)
	if fs, ok := item["files"].([]any); ok {
		item["files"] = append(fs, fs[0])
	}
	bare := map[string]any{"id": "bare"}
	body, err := json.Marshal(map[string]any{"data": []any{item, item, bare, item}})
	require.NoError(t, err)
	var env pageEnvelope[W]
	require.NoError(t, json.Unmarshal(body, &env), name)

	counted := 0
	for i := range env.Data {
		counted += tw.files(&env.Data[i])
	}
	items := tw.all(env.Data)
	var files []*File
	for i := range items {
		files = append(files, filesOf(&items[i])...)
	}
	require.NotEmpty(t, files, name)
	assert.Equal(t, counted, len(files), "%s: twinOf.files counts %d, the conversion took %d", name, counted, len(files))
	size := reflect.TypeFor[File]().Size()
	for i := 1; i < len(files); i++ {
		assert.Equal(t, reflect.ValueOf(files[i-1]).Pointer()+size, reflect.ValueOf(files[i]).Pointer(),
			"%s: file %d is not next to file %d in one array", name, i, i-1)
	}
	if fs := filesOf(&items[0]); len(fs) > 1 {
		// Growing the first item's Files must not overwrite the second's.
		next := *filesOf(&items[1])[0]
		first := reflect.ValueOf(&items[0]).Elem().FieldByName("Files")
		grown := reflect.Append(first, reflect.ValueOf(File{ID: "appended"}))
		first.Set(grown)
		assert.Equal(t, next, *filesOf(&items[1])[0], "%s: appending to one item's Files changed the next item's", name)
	}

	withFiles := testing.AllocsPerRun(20, func() { tw.all(env.Data) })
	stripped := append([]W(nil), env.Data...)
	for i := range stripped {
		strip(&stripped[i])
	}
	without := testing.AllocsPerRun(20, func() { tw.all(stripped) })
	assert.Equal(t, 1.0, withFiles-without, "%s: the page's files take %v allocations, want 1", name, withFiles-without)
}
