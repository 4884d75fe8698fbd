package videosdk

// How the SDK decodes a response (STYLE.md §11): one mechanism for every
// type.
//
// A response type is a plain public struct. encoding/json decodes the body
// into it in one pass (Client.do for an object, getPage for a list page, the
// platform helpers in platform.go for their answers), and then, if the type
// has one, its normalize method runs (the normalizer interface of
// platform.go): it moves what the wire sent under an old or alternative
// name into the public field, and normalizes the values the type holds
// (Recording.normalize calls File.normalize). Nothing else: no per-type
// decoding method, no second struct to convert from.
//
// Wire-only members — the legacy names "_id", "meetingId" and
// "userMeetingId" (legacyNames), or a form of a field the public type does
// not hold (Transcoding's object entries in recordingIds) — are fields of
// an unexported struct the public type embeds. encoding/json fills them in
// the same pass as the type's own fields; normalize moves them into the
// public field when that one is empty, and clears them, so a decoded value
// never holds one, equals the value a user would write, and encodes back
// without them. Each such struct also embeds wireShadow, whose zero-size
// fields have the same Go names: the promoted names are then ambiguous, so
// code outside the package cannot select them (rec.MeetingID does not
// compile), and encoding/json ignores the shadow ("-").
//
// Three types also keep an UnmarshalJSON, for a user who decodes a stored
// value with json.Unmarshal: StartResult (its answer may be a bare sentence),
// Transcoding and WebhookData (fields read from a looser wire form, which
// their MarshalJSON writes back under the documented names). Each is the
// same mechanism — json.Unmarshal into a method-free view of the type
// (type transcodingFields Transcoding), then normalize — and the SDK's own
// calls decode into that view directly, never through the method.
//
// Adding a field to a response type is one edit: the field, with its tag.
//
//	type Recording struct {
//		…
//		NewField string `json:"newField,omitempty"` // the one edit
//		legacy
//	}
//
// A small value that is one of several JSON shapes or has open keys
// (TrackKinds: a string or a list; TranscriptionFiles, ResolutionUsage: open
// keys; MeetingRecordingRef: an id or an object; the Extra of the watermarks
// and of an alert RuleConfig) keeps an UnmarshalJSON method: encoding/json has no other way to decode
// it, and the extra scan covers that value only. Those methods decode the
// value alone and never a whole response.
//
// wire_test.go checks the mechanism: nothing the SDK decodes reaches a
// decoding method but those small values' (TestDecodeIsOnePass); every
// struct holding wire-only members has normalize and hides them
// (TestWireOnlyMembersAreNormalizedAndHidden); no decoded value of any
// fixture, legacy variant, malformed or full body keeps a wire-only value
// (TestDecodedValuesHoldNoWireOnlyValue); a body with every field set sets
// every public field (TestWireFullBodiesSetEveryField).

// legacyNames are the old wire names some responses still use; a type that
// accepts them embeds legacy, and its normalize takes them (legacy.take).
// omitempty: a normalized value holds none, so none is encoded back.
type legacyNames struct {
	LegacyID      string `json:"_id,omitempty"`
	MeetingID     string `json:"meetingId,omitempty"`
	UserMeetingID string `json:"userMeetingId,omitempty"`
}

// wireShadow makes the promoted names of the wire-only members ambiguous
// outside the package (see above). Its fields take no space and are never
// encoded or decoded.
type wireShadow struct {
	LegacyID      struct{} `json:"-"`
	MeetingID     struct{} `json:"-"`
	UserMeetingID struct{} `json:"-"`
	RecordingRefs struct{} `json:"-"`
	ErrorValue    struct{} `json:"-"`
}

// legacy is what a response type embeds to accept the legacy names.
type legacy struct {
	wireShadow
	legacyNames
}

// take returns the legacy names decoded into l and clears them.
func (l *legacy) take() legacyNames {
	n := l.legacyNames
	l.legacyNames = legacyNames{}
	return n
}

// setIfEmpty sets *dst to v when *dst is empty.
func setIfEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}
