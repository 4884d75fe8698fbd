package videosdktest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// fidelityNotProduced lists the members a documented example shows that
// the fake's answer to its replayed request does not carry, by example and
// path (as shapeProblems writes it: "[]" for the elements of an array, whose
// first element in the example is the shape required), each with why. A
// handler that stops answering any other documented member fails
// TestFidelityToTheDocumentedExamples, and so does an entry no answer needs
// any more. Prefer making the replay reach the state the example shows to
// adding an entry here. A reason starting "GAP:" is a documented member
// the fake should answer and does not yet; "replay state:" a state the
// replay does not reach; any other says why the fake rightly leaves the
// member out (an alternative key, bookkeeping, a fixture that is the SDK's
// decoding case rather than the documented answer).
var fidelityNotProduced = map[string]map[string]string{
	"composite_recordings_list": {
		"data[].roomId": "SPEC §14.1: roomId is [NODE]'s type only; the D26 example of the real answer shows meetingId alone, which the fake answers (the SDK reads either)",
	},
	"composite_recordings_list_page2": {
		"data[].participants[]": "the D26 example of the real answer shows participants [] and SPEC §14.1 calls the element shape undocumented: the fake does not echo the start's selectors (this fixture's entries are the SDK's decoding case), so no user test relies on an echo production may not give",
	},
	"composite_recordings_get": {
		"participants[]": "the D26 example of the real answer shows participants [] and SPEC §14.1 calls the element shape undocumented: the fake does not echo the start's selectors (this fixture's entries are the SDK's decoding case), so no user test relies on an echo production may not give",
		"file.__v":       "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
		"file._id":       "§2.5 File: id or _id; the fake answers id",
	},
	"agents_dispatch": {
		"data.workerId": "SPEC-PLATFORM §16.1's example answer has no workerId (this fixture adds it for the SDK's decoding); the fake invents no worker ids",
	},
	"agents_logs": {
		"logs[].metadata": "§16: metadata? is optional and its shape undocumented",
	},
	"alerts_participant_count": {
		"window": "§21.3: the request takes no window and the answer's is undocumented beyond this example's \"1h\"; the fake invents no value",
	},
	"alerts_rules_list": {
		"data[].id": "§21.1: id? is optional; the fake answers alertRuleId",
	},
	"hls_active": {
		"data.meetingId": "the active fixture shows the legacy meetingId; the fake answers roomId (§10.5)",
	},
	"hls_get": {
		"composerId": "§10.1: [NODE] adds composerId, whose format is undocumented (the example's is illustrative); the fake invents no ids",
	},
	"hls_start": {
		"captureLog": "GAP: §10.1 [NODE] captureLog; the fake keeps no log of POST /v2/hls/capture (and a stream just started has none)",
		"composerId": "§10.1: [NODE] adds composerId, whose format is undocumented (the example's is illustrative); the fake invents no ids",
		"encryption": "GAP: §10.1 [NODE] encryption object; the fake neither takes nor answers it",
		"webhook":    "replay state: the start answers before any delivery is attempted; the stream answers its summary (§2.6) once its hls-* events are sent",
	},
	"livestreams_get": {
		"composerId": "§9.3: [NODE] adds composerId, whose format is undocumented (the example's is illustrative); the fake invents no ids",
	},
	"merges_list_page2": {
		"recordings[].roomId": "§7.1 MergeRecording names the room meetingId only (the fake's); this fixture's roomId is the SDK's either-name decoding case",
	},
	"post_transcriptions_get": {
		"transcriptionFilePaths.docx": "§14.3 lists json, srt, txt, tsv and vtt, which the fake makes; docx is this fixture's open-set decoding case",
	},
	"realtime_transcriptions_get": {
		"webhookUrl": "SPEC §14.4: webhookUrl is on the start and stop answers only (the list example lacks it); this get example has it: a conflict for the lead to settle",
	},
	"recordings_get": {
		"__v":      "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
		"file.__v": "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
	},
	"recordings_get_with_transcription": {
		"file._id": "§2.5 File: id or _id; the fake answers id",
	},
	"recordings_list": {
		"data[].__v":      "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
		"data[].file.__v": "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
	},
	"resource_get_flat": {
		"composerIds[]": "GAP: units never join a composer (start calls do not take a resourceId yet, as the package doc says)",
	},
	"rooms_create": {
		"__v": "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
	},
	"sessions_get": {
		"__v": "Mongo's document version key (__v): storage bookkeeping, in no SDK type",
	},
	"sessions_participants_active": {
		"data[].participants[].events.mic[]": "GAP: §2.4 active view mic events; the fake cannot toggle a participant's media, so its event lists stay empty",
	},
	"sip_calls_list": {
		"data[].callId": "§15.5: the example mixes callId and id; the fake answers id (the SDK's normalize copies either)",
	},
	"sip_webhooks_list": {
		"data[].webhookId": "§15.6: list items may use webhookId; the fake answers id everywhere",
	},
}

// missingMembers lists the members of want (the example) that got (the
// fake's answer) lacks at the same place, recursively, except those
// fidelityNotProduced excuses for the fixture. A member the example
// shows as null is optional; a member got answers as null is present (its
// state differs: shapeProblems compares types where both are set). For an
// array the example's first element is the shape the answer's elements
// must have between them (a list may mix states: a running recording has
// no file yet, the finished one beside it has); an empty answer where the
// example has elements lacks them all.
func missingMembers(fixture string, got, want any, path string) []string {
	var out []string
	for _, p := range missingPaths(got, want, path) {
		if notProduced(fixture, p) {
			continue
		}
		if strings.HasSuffix(p, "[]") {
			out = append(out, fmt.Sprintf("%s: empty where the example has elements", p))
		} else {
			out = append(out, fmt.Sprintf("%s: documented by the example, missing from the answer", p))
		}
	}
	return out
}

// missingPaths is missingMembers without the excuses: the path of each
// documented member got lacks, "[]"-terminated for an empty array.
func missingPaths(got, want any, path string) []string {
	if got == nil || want == nil || jsonKind(got) != jsonKind(want) {
		return nil // a type change is shapeProblems' to report
	}
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(w)) {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if w[k] == nil {
				continue // documented as null: optional
			}
			gv, present := g[k]
			if !present {
				out = append(out, p)
				continue
			}
			out = append(out, missingPaths(gv, w[k], p)...)
		}
	case []any:
		if len(w) == 0 {
			return nil
		}
		g := got.([]any)
		if len(g) == 0 {
			return []string{path + "[]"}
		}
		out = append(out, missingPaths(deepUnion(g), w[0], path+"[]")...)
	}
	return out
}

// deepUnion merges the elements of an answer's array into one sample with
// every member any element has, objects merged at every depth (a list of
// channels of several types has each type's config members) and arrays
// concatenated.
func deepUnion(items []any) any {
	var acc any
	for _, it := range items {
		acc = mergeValues(acc, it)
	}
	return acc
}

func mergeValues(a, b any) any {
	switch av := a.(type) {
	case nil:
		return b
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return a
		}
		out := maps.Clone(av)
		for k, v := range bv {
			out[k] = mergeValues(out[k], v)
		}
		return out
	case []any:
		if bv, ok := b.([]any); ok {
			return append(append([]any{}, av...), bv...)
		}
	}
	return a
}

func notProduced(fixture, path string) bool {
	_, listed := fidelityNotProduced[fixture][path]
	return listed
}
