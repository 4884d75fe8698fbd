package videosdktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fidelityAllowed lists the fields the fake may answer although the
// documented example of their answer (../testdata) does not show them. Each
// entry is a path inside the answer's resource — list envelopes stripped, so
// "file.ratio" covers a recording's get and each item of its list — with the
// source that documents the field. Nothing else may appear: a handler that
// starts promising more fails TestFidelityToTheDocumentedExamples.
var fidelityAllowed = map[string]map[string]string{
	"*": {
		// SPEC §2.5, the File table (docs): fields an example file may omit.
		"file.id":                        "§2.5 File: id or _id",
		"file._id":                       "§2.5 File: id or _id",
		"file.userStorage":               "§2.5 File: userStorage",
		"file.ratio":                     "§2.5 File: ratio (opaque map)",
		"file.createdAt":                 "§2.5 File: createdAt",
		"file.updatedAt":                 "§2.5 File: updatedAt",
		"file.userId":                    "§2.5 File: userId",
		"file.ratio.16:9":                "§2.5 File: ratio (the examples' key is the video's aspect ratio)",
		"files[].userId":                 "§2.5 File: userId",
		"files[].ratio.16:9":             "§2.5 File: ratio (the examples' key is the video's aspect ratio)",
		"file.meta.resolution":           "§2.5 File: meta.resolution",
		"file.meta.resolution.width":     "§2.5 File: meta.resolution",
		"file.meta.resolution.height":    "§2.5 File: meta.resolution",
		"files[].id":                     "§2.5 File: id or _id",
		"files[]._id":                    "§2.5 File: id or _id",
		"files[].type":                   "§2.5 File",
		"files[].size":                   "§2.5 File",
		"files[].filePath":               "§2.5 File",
		"files[].fileUrl":                "§2.5 File",
		"files[].meta":                   "§2.5 File",
		"files[].meta.resolution":        "§2.5 File: meta.resolution",
		"files[].meta.resolution.width":  "§2.5 File: meta.resolution",
		"files[].meta.resolution.height": "§2.5 File: meta.resolution",
		"files[].meta.format":            "§2.5 File",
		"files[].meta.duration":          "§2.5 File",
		"files[].ratio":                  "§2.5 File: ratio (opaque map)",
		"files[].userStorage":            "§2.5 File: userStorage",
		"files[].createdAt":              "§2.5 File: createdAt",
		"files[].updatedAt":              "§2.5 File: updatedAt",
		// §2.6 webhook delivery summary, on the resources [NODE] types with it.
		"webhook.data[].type":    "§2.6 webhook summary",
		"webhook.data[].success": "§2.6 webhook summary",
	},
	"recordings": {
		"start":                "§5.3 Recording: [NODE] adds start",
		"userId":               "§5.3 Recording: userId",
		"end":                  "§5.3 Recording: [NODE] adds end",
		"links":                "§5.3 Recording: [NODE] adds links",
		"links.get_room":       "§5.3 Recording: [NODE] adds links",
		"links.get_session":    "§5.3 Recording: [NODE] adds links",
		"webhook":              "§5.3 Recording: [NODE] adds webhook (§2.6)",
		"webhook.totalCount":   "§2.6",
		"webhook.successCount": "§2.6",
		"webhook.data":         "§2.6",
	},
	"participant_recordings": {
		"participantName": "§6.3 IndividualRecording: participantName [NODE]",
	},
	"track_recordings": {
		"participantName": "§6.3 IndividualRecording: participantName [NODE]",
	},
	"livestreams": {
		"webhook":              "§9.3 Livestream: [NODE] adds webhook (§2.6)",
		"webhook.totalCount":   "§2.6",
		"webhook.successCount": "§2.6",
		"webhook.data":         "§2.6",
		"region":               "§9.3 Livestream: [NODE] adds region",
		"links":                "§9.3 Livestream: [NODE] adds links",
		"links.get_room":       "§9.3 Livestream: [NODE] adds links",
		"links.get_session":    "§9.3 Livestream: [NODE] adds links",
	},
	"hls": {
		"webhook":              "§10.1 HlsStream: [NODE] adds webhook (§2.6)",
		"webhook.totalCount":   "§2.6",
		"webhook.successCount": "§2.6",
		"webhook.data":         "§2.6",
		"roomId":               "§10.5 example: roomId (the active fixture shows the legacy meetingId)",
		"end":                  "§10.1 HlsStream: end|null",
		"duration":             "§10.1 HlsStream: duration (issue 18: also of an active stream)",
		"livestreamUrl":        "§10.1 HlsStream",
		"downstreamUrl":        "§10.1 HlsStream (deprecated, still returned)",
		"mode":                 "§10.1 HlsStream: [NODE] adds mode",
		"quality":              "§10.1 HlsStream: [NODE] adds quality",
		"orientation":          "§10.1 HlsStream: [NODE] adds orientation",
		"links":                "§10.1 HlsStream: links",
		"links.get_room":       "§10.1 HlsStream: links",
		"links.get_session":    "§10.1 HlsStream: links",
	},
	"rooms": {
		"userId":                     "§2.3 Room: userId",
		"customRoomId":               "§2.3 Room: customRoomId",
		"webhook":                    "§2.3 Room: webhook",
		"webhook.endPoint":           "§2.3 Room: webhook",
		"webhook.events":             "§2.3 Room: webhook",
		"autoCloseConfig":            "§2.3 Room: autoCloseConfig",
		"autoCloseConfig.type":       "§2.3 Room: autoCloseConfig",
		"autoCloseConfig.duration":   "§2.3 Room: autoCloseConfig",
		"allowedParticipantIds":      "§2.3 Room: allowedParticipantIds",
		"multiComposition":           "§2.3 Room: multiComposition (echo of create options)",
		"multiComposition.recording": "§3.1 multiComposition: recording, hls, rtmp booleans",
		"geoFence":                   "§2.3 Room: geoFence",
		"links":                      "§2.3 Room: links",
		"links.get_room":             "§2.3 Room: links",
		"links.get_session":          "§2.3 Room: links",
	},
	"sessions": {
		"userId":                     "§2.4 Session: userId",
		"apiKey":                     "§2.4 Session: apiKey (the get example shows it)",
		"customRoomId":               "§2.4 Session: customRoomId",
		"status":                     "§2.4 Session: status",
		"region":                     "§2.4 Session: region",
		"activeDuration":             "§2.4 Session: activeDuration",
		"chatLink":                   "§2.4 Session: chatLink",
		"hlsLog":                     "§2.4 Session: hlsLog (the get example shows [{start}])",
		"hlsLog[].start":             "§2.4 Session: hlsLog (the get example shows [{start}])",
		"links":                      "§2.4 Session: links",
		"links.get_room":             "§2.4 Session: links",
		"links.get_session":          "§2.4 Session: links",
		"links.get_all_participants": "§2.4 Session: links",
		"participants[]._id":         "§2.4 Participant: _id",
		// SPEC §2.4 Participant (docs table): fields a session's participants
		// may carry beyond the examples' minimum.
		"participants[].participantId":                               "§2.4 Participant",
		"participants[].name":                                        "§2.4 Participant",
		"participants[].timelog":                                     "§2.4 Participant",
		"participants[].timelog[].start":                             "§2.4 Participant",
		"participants[].timelog[].end":                               "§2.4 Participant",
		"participants[].mode":                                        "§2.4 Participant: mode",
		"participants[].deviceInfo":                                  "§2.4 Participant: deviceInfo",
		"participants[].deviceInfo.sdkType":                          "§2.4 Participant: deviceInfo",
		"participants[].deviceInfo.sdkVersion":                       "§2.4 Participant: deviceInfo",
		"participants[].deviceInfo.platform":                         "§2.4 Participant: deviceInfo",
		"participants[].deviceInfo.browserUserAgent":                 "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.browser":         "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.browser.name":    "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.browser.version": "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.os":              "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.os.name":         "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.platform":        "§2.4 Participant: deviceInfo.browserUserAgent",
		"participants[].deviceInfo.browserUserAgent.platform.type":   "§2.4 Participant: deviceInfo.browserUserAgent",
		// SPEC §4.5 StatSample: every sample field (the participant-stats
		// example shows a few).
		"stats[].recvAudioPacketLost":     "§4.5 StatSample",
		"stats[].recvVideoPacketLost":     "§4.5 StatSample",
		"stats[].sendAudioPacketLost":     "§4.5 StatSample",
		"stats[].sendVideoPacketLost":     "§4.5 StatSample",
		"stats[].averageAudioJitter":      "§4.5 StatSample",
		"stats[].averageVideoJitter":      "§4.5 StatSample",
		"stats[].averageSendAudioBitrate": "§4.5 StatSample",
		"stats[].averageSendVideoBitrate": "§4.5 StatSample",
		"stats[].averageRecvAudioBitrate": "§4.5 StatSample",
		"stats[].averageRecvVideoBitrate": "§4.5 StatSample",
	},
	"transcodings": {
		"file":                 "§14.2 Transcoding: file when completed",
		"file.type":            "§14.2 Transcoding: file",
		"file.size":            "§14.2 Transcoding: file",
		"file.meta":            "§14.2 Transcoding: file",
		"file.meta.format":     "§14.2 Transcoding: file",
		"file.meta.duration":   "§14.2 Transcoding: file",
		"file.filePath":        "§14.2 Transcoding: file",
		"file.fileUrl":         "§14.2 Transcoding: file",
		"hlsId":                "§14.2 Transcoding: hlsId (hls-to-mp4)",
		"webhook":              "§14.2.5 Transcoding: webhook on get",
		"webhook.totalCount":   "§2.6",
		"webhook.successCount": "§2.6",
		"webhook.data":         "§2.6",
	},
	"composite_recordings": {
		"file.ratio.4:3": "§2.5 File: ratio (the get example shows 4:3)",
		"file.fileUrl":   "§2.5 File: fileUrl (the get example shows it)",
	},
	"merges": {
		"meetingId":              "§7.1 MergeRecording: meetingId",
		"channel1[].recordingId": "§7.1 MergeRecording: channel entries",
		"channel2[].recordingId": "§7.1 MergeRecording: channel entries",
		"channel1[].type":        "§7.3 example: channel entries carry the merged recording's type",
		"channel2[].type":        "§7.3 example: channel entries carry the merged recording's type",
		"end":                    "§7.1 MergeRecording: end|null",
		"file":                   "§7.1 MergeRecording: file",
		"file.type":              "§7.1 MergeRecording: file", "file.size": "§7.1 MergeRecording: file",
		"file.meta": "§7.1 MergeRecording: file", "file.meta.format": "§7.1 MergeRecording: file",
		"file.meta.duration": "§7.1 MergeRecording: file", "file.filePath": "§7.1 MergeRecording: file",
		"file.fileUrl": "§7.1 MergeRecording: file",
	},
	"realtime_transcriptions": {
		"end":                        "§14.4 RealtimeTranscription: end once stopped",
		"webhookUrl":                 "§14.4 RealtimeTranscription: webhookUrl (start/stop answers)",
		"transcriptionFilePaths":     "§14.4 RealtimeTranscription: once completed",
		"transcriptionFilePaths.txt": "§14.4 RealtimeTranscription: once completed",
		"summarizedFilePaths":        "§14.4 RealtimeTranscription: when a summary was made",
		"summarizedFilePaths.txt":    "§14.4 RealtimeTranscription: when a summary was made",
	},
	"post_transcriptions": {
		"summarizedFilePaths":     "§14.3 PostTranscription: when a summary was requested",
		"summarizedFilePaths.txt": "§14.3 PostTranscription: when a summary was requested",
	},
}

// fidelityCase is one documented example and the request whose answer it
// documents, against the state fidelityState built.
type fidelityCase struct {
	fixture      string // ../testdata/<fixture>.json
	method, path string
	body         any
}

// resourceOf names the fidelityAllowed group of a fixture.
func resourceOf(fixture string) string {
	if g, isPlatform := fidelityGroup[fixture]; isPlatform {
		return g
	}
	for _, p := range []string{"participant_recordings", "track_recordings", "composite_recordings", "realtime_transcriptions", "post_transcriptions",
		"recordings", "livestreams", "hls", "rooms", "sessions", "transcodings", "merges"} {
		if strings.HasPrefix(fixture, p) {
			return p
		}
	}
	return ""
}

// resourcePath strips a list envelope (data[], recordings[],
// transcriptions[], the participants list's data object, the active-HLS
// wrapper's data, the merge create's recording) from a path.
func resourcePath(path string) string {
	for _, p := range append([]string{"data[].", "recordings[].", "transcriptions[].", "data.", "recording."}, platformEnvelopes...) {
		if strings.HasPrefix(path, p) {
			return strings.TrimPrefix(path, p)
		}
	}
	return path
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	}
	return fmt.Sprintf("%T", v)
}

// union merges the elements of an array of the example into one sample:
// every member any element has, with its first non-null value.
func union(items []any) any {
	var obj map[string]any
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			return it
		}
		if obj == nil {
			obj = map[string]any{}
		}
		for k, v := range m {
			if cur, seen := obj[k]; !seen || cur == nil {
				obj[k] = v
			} else if a, isArr := cur.([]any); isArr {
				if b, ok := v.([]any); ok {
					obj[k] = append(append([]any{}, a...), b...)
				}
			}
		}
	}
	if obj == nil {
		return nil
	}
	return obj
}

// shapeProblems lists where got departs from want: a JSON type that differs
// (null goes with anything: the docs show end null and end set), or a member
// want does not have at that place and the allowlist does not name.
func shapeProblems(fixture string, got, want any, path string) []string {
	if got == nil || want == nil {
		return nil
	}
	if jsonKind(got) != jsonKind(want) {
		return []string{fmt.Sprintf("%s: %s where the example has %s", pathOr(path), jsonKind(got), jsonKind(want))}
	}
	var out []string
	switch g := got.(type) {
	case map[string]any:
		w := want.(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(g)) {
			p := k
			if path != "" {
				p = path + "." + k
			}
			wv, inExample := w[k]
			if !inExample {
				if !allowed(fixture, p) {
					out = append(out, fmt.Sprintf("%s: not in the example nor in the allowlist", p))
				}
				out = append(out, shapeProblems(fixture, g[k], allowedSample(g[k]), p)...)
				continue
			}
			if wv == nil && g[k] != nil {
				// The example shows null: the members inside need the allowlist.
				out = append(out, shapeProblems(fixture, g[k], emptyLike(g[k]), p)...)
				continue
			}
			out = append(out, shapeProblems(fixture, g[k], wv, p)...)
		}
	case []any:
		sample := union(want.([]any))
		for _, it := range g {
			if sample == nil {
				out = append(out, shapeProblems(fixture, it, emptyLike(it), path+"[]")...)
				continue
			}
			out = append(out, shapeProblems(fixture, it, sample, path+"[]")...)
		}
	}
	return out
}

// allowedSample lets a member the allowlist names be walked: its own
// members then need allowlist entries too.
func allowedSample(v any) any { return emptyLike(v) }

// emptyLike is a value of v's JSON type with no members: every member of v
// must then be allowed by name.
func emptyLike(v any) any {
	switch v.(type) {
	case map[string]any:
		return map[string]any{}
	case []any:
		return []any{}
	}
	return v
}

func allowed(fixture, path string) bool {
	p := resourcePath(path)
	_, common := fidelityAllowed["*"][p]
	_, own := fidelityAllowed[resourceOf(fixture)][p]
	if common || own {
		return true
	}
	group := platformAllowed[resourceOf(fixture)]
	if _, ok := group[p]; ok {
		return true
	}
	for entry := range group {
		if below, isWild := strings.CutSuffix(entry, ".*"); isWild && strings.HasPrefix(p, below+".") {
			return true
		}
	}
	return false
}

func pathOr(p string) string {
	if p == "" {
		return "the answer"
	}
	return p
}

// TestFidelityToTheDocumentedExamples replays every documented example in
// ../testdata against the fake, with the state it needs, and compares the
// fake's answer with it: the same JSON type everywhere, and no member that
// the example does not show unless fidelityAllowed names it with its source,
// and every member the example shows unless fidelityNotProduced says why
// not. It fails when a handler starts promising something the API does
// not, or stops answering something the API documents.
func TestFidelityToTheDocumentedExamples(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	cases := fidelityState(t, srv, clock)
	// The platform products run on their own clock: their state steps it,
	// which would move the RTC state's running jobs on.
	platClock := newManualClock()
	// Its seed is fixed: a batch's call outcomes are drawn from it, and the
	// stats example shows every outcome.
	plat := NewServer(WithClock(platClock.now), WithProcessingDelay(defaultProcessingDelay), WithSeed(7))
	t.Cleanup(plat.Close)
	platCases := platformFidelityState(t, plat, platClock)

	fixtures, err := filepath.Glob(filepath.Join("..", "testdata", "*.json"))
	require.NoError(t, err)
	covered := map[string]bool{}
	for _, c := range append(append([]fidelityCase{}, cases...), platCases...) {
		covered[c.fixture] = true
	}
	present := map[string]bool{}
	for _, f := range fixtures {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if strings.HasSuffix(name, ".golden") {
			continue // request bodies the SDK sends, not answers
		}
		present[name] = true
		if why, excluded := fidelityNotReplayed[name]; excluded {
			assert.False(t, covered[name], "%s.json is replayed: drop it from fidelityNotReplayed (%s)", name, why)
			continue
		}
		assert.True(t, covered[name], "documented example %s.json is not replayed (replay it, or say why not in fidelityNotReplayed)", name)
	}
	for name := range fidelityNotReplayed {
		assert.True(t, present[name], "fidelityNotReplayed names %s.json, which ../testdata does not have", name)
	}
	used := map[string]bool{}
	replayFidelity(t, srv, cases, used)
	replayFidelity(t, plat, platCases, used)
	for fixture, entries := range fidelityNotProduced {
		for p := range entries {
			assert.True(t, used[fixture+" "+p], "fidelityNotProduced[%q][%q]: the answer has it now; drop the entry", fixture, p)
		}
	}
}

// replayFidelity sends each case's request to srv and compares the answer
// with the case's example. It marks in used ("fixture path") each
// fidelityNotProduced entry an answer needed.
func replayFidelity(t *testing.T, srv *Server, cases []fidelityCase, used map[string]bool) {
	t.Helper()
	for _, c := range cases {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", c.fixture+".json"))
		require.NoError(t, err, c.fixture)
		var want any
		require.NoError(t, json.Unmarshal(raw, &want), c.fixture)
		r := call(t, srv, c.method, c.path, c.body)
		require.Equal(t, 200, r.status, "%s: %s %s: %s", c.fixture, c.method, c.path, r.body)
		var got any
		require.NoError(t, json.Unmarshal(r.body, &got), "%s: %s", c.fixture, r.body)
		if fidelityStates[c.fixture] {
			assert.True(t, strings.EqualFold(statusOf(want), statusOf(got)), "%s (%s %s): status %q where the example shows %q",
				c.fixture, c.method, c.path, statusOf(got), statusOf(want))
		}
		if key, wrapped := fidelityEnvelope[c.fixture]; wrapped {
			got, want = unwrapOne(got, want, key)
		}
		for _, p := range shapeProblems(c.fixture, got, want, "") {
			t.Errorf("%s (%s %s): %s", c.fixture, c.method, c.path, p)
		}
		for _, p := range missingMembers(c.fixture, got, want, "") {
			t.Errorf("%s (%s %s): %s", c.fixture, c.method, c.path, p)
		}
		for _, p := range missingPaths(got, want, "") {
			used[c.fixture+" "+p] = true
		}
	}
}

// The comparison catches what it is for: a member the example lacks, a
// changed JSON type, an answer of another type.
func TestFidelityComparisonCatchesDrift(t *testing.T) {
	t.Parallel()
	want := map[string]any{"id": "x", "end": nil, "file": map[string]any{"type": "video"}, "files": []any{map[string]any{"type": "video"}}}
	assert.Empty(t, shapeProblems("recordings_get", map[string]any{"id": "y", "end": "2025", "file": map[string]any{"ratio": map[string]any{}}}, want, ""),
		"documented or allowed members")
	assert.NotEmpty(t, shapeProblems("recordings_get", map[string]any{"id": "y", "code": "already_running"}, want, ""), "an invented member")
	assert.NotEmpty(t, shapeProblems("recordings_get", map[string]any{"id": 7}, want, ""), "a changed type")
	assert.NotEmpty(t, shapeProblems("recordings_get", map[string]any{"files": []any{map[string]any{"type": "video", "x": 1}}}, want, ""), "inside arrays")
	assert.NotEmpty(t, shapeProblems("recordings_start", map[string]any{"recordingId": "r"}, "Recording start accepted", ""), "an object for a string")

	// Platform groups: a caller's map echoed is allowed below its member
	// only, and an envelope is looked inside on the side that has it.
	gw := map[string]any{"id": "g"}
	assert.Empty(t, shapeProblems("sip_inbound_gateway", map[string]any{"id": "g", "metadata": map[string]any{"team": "care"}}, gw, ""))
	assert.NotEmpty(t, shapeProblems("sip_inbound_gateway", map[string]any{"id": "g", "trunkId": "g"}, gw, ""), "an undocumented member")
	assert.NotEmpty(t, shapeProblems("sip_inbound_gateway", map[string]any{"auth": map[string]any{"token": "x"}}, gw, ""), "no wildcard below auth")
	bare, inner := unwrapOne(map[string]any{"id": "v"}, map[string]any{"data": map[string]any{"id": "v"}}, "data")
	assert.Equal(t, map[string]any{"id": "v"}, inner)
	assert.Empty(t, shapeProblems("agents_version", bare, inner, ""))
	inner, _ = unwrapOne(map[string]any{"data": map[string]any{"id": "u"}}, map[string]any{"id": "u"}, "data")
	assert.Equal(t, map[string]any{"id": "u"}, inner)

	// The other direction: a documented member the answer lacks, at the
	// top, nested, inside array elements (against the example's first), or
	// an empty array where the example has elements. A member the example
	// shows as null is optional, and fidelityNotProduced excuses by path.
	doc := map[string]any{"id": "x", "end": nil, "file": map[string]any{"type": "video"},
		"files": []any{map[string]any{"type": "video"}, map[string]any{"type": "audio", "extra": 1}}}
	assert.Empty(t, missingMembers("recordings_get", map[string]any{"id": "y", "file": map[string]any{"type": "audio"},
		"files": []any{map[string]any{"type": "video"}}}, doc, ""), "every documented member, end (null) left out")
	file, files := map[string]any{"type": "v"}, []any{map[string]any{"type": "v"}}
	assert.Equal(t, []string{"id: documented by the example, missing from the answer"},
		missingMembers("x", map[string]any{"file": file, "files": files}, doc, ""), "a dropped member")
	assert.Equal(t, []string{"file.type: documented by the example, missing from the answer"},
		missingMembers("x", map[string]any{"id": "y", "file": map[string]any{}, "files": files}, doc, ""), "nested")
	assert.Equal(t, []string{"files[].type: documented by the example, missing from the answer"},
		missingMembers("x", map[string]any{"id": "y", "file": file, "files": []any{map[string]any{}, map[string]any{}}}, doc, ""), "in array elements, once")
	assert.Equal(t, []string{"files[]: empty where the example has elements"},
		missingMembers("x", map[string]any{"id": "y", "file": file, "files": []any{}}, doc, ""), "an empty list")
	assert.Empty(t, missingMembers("recordings_get", map[string]any{"id": "y", "file": map[string]any{"type": "v"}},
		map[string]any{"id": "x", "__v": 0.0, "file": map[string]any{"type": "v"}}, ""), "excused by fidelityNotProduced")
	channels := []any{map[string]any{"config": map[string]any{"botToken": "t"}}, map[string]any{"config": map[string]any{"endpoint": "u"}}}
	assert.Empty(t, missingMembers("x", channels, []any{map[string]any{"config": map[string]any{"endpoint": "e"}}}, ""),
		"a list's elements together, at every depth")
	assert.Equal(t, []string{"[].config.to: documented by the example, missing from the answer"},
		missingMembers("x", channels, []any{map[string]any{"config": map[string]any{"to": []any{"a@b"}}}}, ""))
}

// fidelityState builds a meeting with every kind of job, finished and
// running, and returns the request of every documented example against it.
func fidelityState(t *testing.T, srv *Server, clock *manualClock) []fidelityCase {
	t.Helper()
	room := ok(t, srv, "POST", "/v2/rooms", map[string]any{"customRoomId": "team-standup-42",
		"webhook": map[string]any{"endPoint": "http://127.0.0.1:1/hook", "events": []string{"recording-*", "participant-recording-*", "participant-track-recording-*", "livestream-*", "hls-*"}}})
	roomID := room["roomId"].(string)
	sessionID, err := srv.StartSession(roomID)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(roomID, "asha", "Asha"))
	require.NoError(t, srv.JoinAs(roomID, "ravi", "Ravi"))

	// Finished jobs.
	recID := started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID, "transcription": map[string]any{"enabled": true, "summary": map[string]any{"enabled": true}}})
	action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": roomID})
	partID := started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": "asha"})
	started(t, srv, "/v2/recordings/participant/start", map[string]any{"roomId": roomID, "participantId": "ravi"})
	action(t, srv, "POST", "/v2/recordings/participant/stop", map[string]any{"roomId": roomID, "participantId": "asha"})
	action(t, srv, "POST", "/v2/recordings/participant/stop", map[string]any{"roomId": roomID, "participantId": "ravi"})
	trackID := started(t, srv, "/v2/recordings/participant/track/start", map[string]any{"roomId": roomID, "participantId": "ravi", "kind": "audio"})
	action(t, srv, "POST", "/v2/recordings/participant/track/stop", map[string]any{"roomId": roomID, "participantId": "ravi", "kind": "audio"})
	outputs := []any{map[string]any{"url": "rtmp://live.example.net/app", "streamKey": "sk-demo-0001"}}
	lsID := started(t, srv, "/v2/livestreams/start", map[string]any{"roomId": roomID, "outputs": outputs})
	action(t, srv, "POST", "/v2/livestreams/end", map[string]any{"roomId": roomID})
	compID := ok(t, srv, "POST", "/v2/recordings/composite/start", map[string]any{"roomId": roomID,
		"participants": []any{map[string]any{"participantId": "asha", "kind": "video"}, map[string]any{"participantId": "ravi", "kind": "audio"}}})["recordingId"].(string)
	action(t, srv, "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": roomID, "recordingId": compID})
	hls := ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": roomID})
	hlsID := hls["id"].(string)
	action(t, srv, "POST", "/v2/hls/end", map[string]any{"roomId": roomID})
	clock.add(2 * defaultProcessingDelay) // files processed, the post transcription done
	flush(t, srv)

	merge := ok(t, srv, "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID,
		"channel1": []any{map[string]any{"participantId": "asha"}}, "channel2": []any{map[string]any{"participantId": "ravi"}}})
	mergeID := merge["recording"].(map[string]any)["id"].(string)
	trID := ok(t, srv, "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": []string{partID, trackID}, "webhookUrl": "http://127.0.0.1:1/hook"})["id"].(string)
	clock.add(defaultProcessingDelay)
	flush(t, srv)
	rt := ok(t, srv, "POST", "/ai/v1/realtime-transcriptions/start", map[string]any{"roomId": roomID, "webhookUrl": "https://www.example.com/",
		"summary": map[string]any{"enabled": true}})
	ok(t, srv, "POST", "/ai/v1/realtime-transcriptions/end", map[string]any{"roomId": roomID})
	posts := ok(t, srv, "GET", "/ai/v1/post-transcriptions?roomId="+roomID, nil)["transcriptions"].([]any)
	require.NotEmpty(t, posts)
	postID := posts[0].(map[string]any)["id"].(string)
	// Two transcribed recordings whose files are processed one step later:
	// their post transcriptions are running, the older one on page 2.
	for range 2 {
		r, _, _ := liveRoom(t, srv)
		started(t, srv, "/v2/recordings/start", map[string]any{"roomId": r, "transcription": map[string]any{"enabled": true}})
		action(t, srv, "POST", "/v2/recordings/end", map[string]any{"roomId": r})
	}
	clock.add(defaultProcessingDelay)

	// A second room, live, for the starts and the views of running jobs.
	live := ok(t, srv, "POST", "/v2/rooms", map[string]any{"customRoomId": "daily-sync"})["roomId"].(string)
	liveSession, err := srv.StartSession(live)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(live, "p8x2kq1z", "Asha"))
	require.NoError(t, srv.JoinAs(live, "h3n7w0cd", "Ravi"))
	ok(t, srv, "POST", "/v2/hls/start", map[string]any{"roomId": live})
	ok(t, srv, "POST", "/v2/recordings/composite/start", map[string]any{"roomId": live, // runs, for the stop below and page 2
		"participants": []any{map[string]any{"participantId": "p8x2kq1z", "kind": []string{"audio", "video", "screen_audio", "screen_video"}}}})
	liveComp := ok(t, srv, "GET", "/v2/recordings/composite?roomId="+live, nil)["data"].([]any)[0].(map[string]any)["id"].(string)
	// A recording left running, second newest of all (the live room's
	// start case is the newest), for the recordings' page 2 example.
	second, _, _ := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": second})
	ended := ok(t, srv, "POST", "/v2/rooms", map[string]any{"customRoomId": "retro-7"})["roomId"].(string) // a room for end session
	_, err = srv.StartSession(ended)
	require.NoError(t, err)
	require.NoError(t, srv.JoinAs(ended, "gone", "Gone"))
	deact := newRoom(t, srv)

	q := url.QueryEscape
	return []fidelityCase{
		{"rooms_create", "POST", "/v2/rooms", map[string]any{"customRoomId": "team-standup-43", "geoFence": "us002",
			"webhook":               map[string]any{"endPoint": "https://hooks.example.com/videosdk", "events": []string{"session-started", "recording-*"}},
			"autoCloseConfig":       map[string]any{"type": "session-end-and-deactivate", "duration": 60},
			"allowedParticipantIds": []string{"p8x2kq1z", "h3n7w0cd"}, "multiComposition": map[string]any{"recording": true}}},
		{"rooms_validate", "GET", "/v2/rooms/validate/" + roomID, nil},
		{"rooms_list", "GET", "/v2/rooms", nil},
		{"rooms_get", "GET", "/v2/rooms/" + roomID, nil},
		{"rooms_deactivate", "POST", "/v2/rooms/deactivate", map[string]any{"roomId": deact}},
		{"sessions_list", "GET", "/v2/sessions?roomId=" + q(roomID), nil},
		{"sessions_ongoing", "GET", "/v2/sessions?roomId=" + q(live) + "&status=ongoing&perPage=1", nil},
		{"sessions_none", "GET", "/v2/sessions?roomId=" + q(deact) + "&status=ongoing&perPage=1", nil},
		{"sessions_get", "GET", "/v2/sessions/" + sessionID, nil},
		{"sessions_participants", "GET", "/v2/sessions/" + sessionID + "/participants", nil},
		{"sessions_participants_active", "GET", "/v2/sessions/" + liveSession + "/participants/active", nil},
		{"sessions_stats", "GET", "/v2/sessions/" + sessionID + "/stats", nil},
		{"sessions_participant_stats", "GET", "/v2/sessions/" + sessionID + "/participant/asha/stats", nil},
		{"sessions_remove_participant", "POST", "/v2/sessions/participants/remove", map[string]any{"roomId": live, "participantId": "h3n7w0cd"}},
		{"sessions_end", "POST", "/v2/sessions/end", map[string]any{"roomId": ended}},
		{"recordings_start", "POST", "/v2/recordings/start", map[string]any{"roomId": live}},
		{"recordings_list", "GET", "/v2/recordings?roomId=" + q(roomID), nil},
		{"recordings_list_page2", "GET", "/v2/recordings?page=2&perPage=1", nil},
		{"recordings_get", "GET", "/v2/recordings/" + recID, nil},
		{"recordings_get_with_transcription", "GET", "/v2/recordings/" + recID + "?withTranscription=true", nil},
		{"participant_recordings_start", "POST", "/v2/recordings/participant/start", map[string]any{"roomId": live, "participantId": "p8x2kq1z"}},
		{"participant_recordings_list", "GET", "/v2/recordings/participant?roomId=" + q(roomID), nil},
		{"participant_recordings_get", "GET", "/v2/recordings/participant/" + partID, nil},
		{"track_recordings_start", "POST", "/v2/recordings/participant/track/start", map[string]any{"roomId": live, "participantId": "p8x2kq1z", "kind": "audio"}},
		{"track_recordings_list", "GET", "/v2/recordings/participant/track?roomId=" + q(roomID), nil},
		{"track_recordings_get", "GET", "/v2/recordings/participant/track/" + trackID, nil},
		{"merges_create", "POST", "/v2/recordings/participant/merge", map[string]any{"sessionId": sessionID,
			"channel1": []any{map[string]any{"participantId": "asha"}}, "channel2": []any{map[string]any{"participantId": "ravi"}}}},
		{"merges_list", "GET", "/v2/recordings/participant/merge?sessionId=" + sessionID, nil},
		{"merges_list_page2", "GET", "/v2/recordings/participant/merge?sessionId=" + sessionID + "&page=2&perPage=1", nil},
		{"merges_get", "GET", "/v2/recordings/participant/merge/" + mergeID, nil},
		{"livestreams_start", "POST", "/v2/livestreams/start", map[string]any{"roomId": live, "outputs": outputs}},
		{"livestreams_list", "GET", "/v2/livestreams?roomId=" + q(roomID), nil},
		{"livestreams_get", "GET", "/v2/livestreams/" + lsID, nil},
		{"hls_start", "POST", "/v2/hls/start", map[string]any{"roomId": ended2(t, srv)}},
		{"hls_list", "GET", "/v2/hls?roomId=" + q(roomID), nil},
		{"hls_get", "GET", "/v2/hls/" + hlsID, nil},
		{"hls_active", "GET", "/v2/hls/" + live + "/active", nil},
		{"hls_capture", "POST", "/v2/hls/capture", map[string]any{"roomId": live}},
		{"composite_recordings_start", "POST", "/v2/recordings/composite/start", map[string]any{"roomId": live}},
		{"composite_recordings_stop", "POST", "/v2/recordings/composite/stop", map[string]any{"roomId": live, "recordingId": liveComp}},
		{"composite_recordings_list", "GET", "/v2/recordings/composite?roomId=" + q(roomID), nil},
		{"composite_recordings_list_page2", "GET", "/v2/recordings/composite?page=2&perPage=1", nil},
		{"composite_recordings_get", "GET", "/v2/recordings/composite/" + compID, nil},
		{"transcodings_merge", "POST", "/v2/transcodings/merge", map[string]any{"recordingIds": []string{partID}}},
		{"transcodings_hls_to_mp4", "POST", "/v2/transcodings/hls-to-mp4", map[string]any{"hlsId": hlsID}},
		{"transcodings_meeting_recording_merge", "POST", "/v2/transcodings/meeting-recording-merge", map[string]any{"recordingIds": []string{recID}}},
		{"transcodings_list", "GET", "/v2/transcodings?roomId=" + q(roomID), nil},
		{"transcodings_list_page2", "GET", "/v2/transcodings?page=2&perPage=1", nil},
		{"transcodings_get", "GET", "/v2/transcodings/" + trID, nil},
		{"transcodings_cancel", "POST", "/v2/transcodings/" + cancellable(t, srv, recID) + "/cancel", nil},
		{"post_transcriptions_list", "GET", "/ai/v1/post-transcriptions?roomId=" + q(roomID), nil},
		{"post_transcriptions_list_page2", "GET", "/ai/v1/post-transcriptions?page=2&perPage=1", nil},
		{"post_transcriptions_get", "GET", "/ai/v1/post-transcriptions/" + postID, nil},
		{"realtime_transcriptions_start", "POST", "/ai/v1/realtime-transcriptions/start", map[string]any{"roomId": live, "webhookUrl": "https://www.example.com/"}},
		{"realtime_transcriptions_list", "GET", "/ai/v1/realtime-transcriptions?roomId=" + q(roomID), nil},
		{"realtime_transcriptions_list_page2", "GET", "/ai/v1/realtime-transcriptions?page=2&perPage=1", nil},
		{"realtime_transcriptions_get", "GET", "/ai/v1/realtime-transcriptions/" + rt["id"].(string), nil},
	}
}

// ended2 is a live room without HLS, for the HLS start example.
func ended2(t *testing.T, srv *Server) string {
	t.Helper()
	roomID, _, _ := liveRoom(t, srv)
	return roomID
}

// cancellable creates a transcoding still pending, for the cancel example.
func cancellable(t *testing.T, srv *Server, recID string) string {
	t.Helper()
	return ok(t, srv, "POST", "/v2/transcodings/meeting-recording-merge", map[string]any{"recordingIds": []string{recID}})["id"].(string)
}
