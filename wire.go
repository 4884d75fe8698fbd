package videosdk

// Single-pass decoding (STYLE.md §11): how the SDK decodes a response type
// that accepts legacy names, or holds one that does.
//
// encoding/json hands a value with an UnmarshalJSON method its bytes only
// after scanning them to find their end; a method that decodes them with
// json.Unmarshal validates and scans them again. So a list of such values, or
// one nested in another (File inside Recording), is read two or three times.
// The public UnmarshalJSON methods stay, for users who decode stored JSON,
// but the SDK never decodes through them. Each such response type T instead
// has a wire twin beside it, and the SDK decodes into the twin in one pass:
//
//	type recordingFields Recording  // T's fields and tags, none of its methods
//
//	type recordingWire struct {     // the twin: no methods at all
//		recordingFields
//		File *fileWire `json:"file,omitempty"` // shadows recordingFields.File
//		legacyNames                             // only if T's UnmarshalJSON embeds it
//	}
//
//	// recordingFromWire converts a decoded twin in place: it fills the
//	// public fields from nested twins and legacy names and returns the
//	// twin's own fields as a *Recording (no copy, no allocation).
//	func recordingFromWire(w *recordingWire) *Recording
//
//	// decodeWire is the hook decodeBody calls for a top-level body.
//	func (r *Recording) decodeWire(b []byte) error { return decodeInto(b, r, recordingFromWire) }
//
// A field whose type has a twin (File) is shadowed by a field of the twin
// type with the same JSON name at the top level of the twin: encoding/json
// decodes the shallower field and ignores the embedded one. An object with
// open keys that needs a method (ResolutionUsage, TranscriptionFiles) is
// shadowed by a map and converted by the code its UnmarshalJSON uses. List
// pages decode pageEnvelope[W] (transcriptionsEnvelope[W]) and convert item by
// item: getPage(ctx, c, path, q, recordingFromWire). Wrappers name the twin
// directly (activeHLS.Data is a *hlsStreamWire). A type with neither legacy
// names nor a field whose type has a twin (Participant, HLSCapture,
// StatSample, …) needs no twin: it decodes in one pass as it is. A small
// value that is one of two JSON shapes (TrackKinds: a string or a list)
// keeps its method; encoding/json has no other way to decode it, and the
// extra scan covers that value only.
//
// Adding a response type: its twin, its fromWire function, decodeWire if it
// is decoded at the top level, and one row in wireRows (wire_test.go). The
// tests there hold the twin's fields to T's, check that nothing the SDK
// decodes reaches a decoding method, and decode every fixture, legacy variant
// and malformed body both ways (the public UnmarshalJSON or encoding/json, and
// the twin), requiring identical results and identical error/no-error
// outcomes.

import "encoding/json"

// wireDecoder is implemented by the response types decodeBody decodes through
// a wire twin.
type wireDecoder interface {
	decodeWire(b []byte) error
}

// fromWireAll converts decoded twins into a new slice; nil stays nil, empty
// stays empty.
func fromWireAll[T, W any](ws []W, fromWire func(*W) *T) []T {
	if ws == nil {
		return nil
	}
	out := make([]T, len(ws))
	for i := range ws {
		out[i] = *fromWire(&ws[i])
	}
	return out
}

// decodeInto decodes b into the twin W of T in one pass and stores the
// converted value in *out.
func decodeInto[T, W any](b []byte, out *T, fromWire func(*W) *T) error {
	w := new(W)
	if err := json.Unmarshal(b, w); err != nil {
		return err
	}
	*out = *fromWire(w)
	return nil
}
