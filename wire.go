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
// has a flat wire twin beside it, and the SDK decodes into the twin in one
// pass, then converts it field by field:
//
//	type recordingWire struct {     // the twin: T's fields restated, no methods
//		ID     string    `json:"id"` // every field of T, same name, same tag
//		…
//		File   *fileWire `json:"file,omitempty"` // a field whose type has a twin: that twin
//		…
//		legacyNames                  // only if T's UnmarshalJSON embeds it
//	}
//
//	// recordingFromWire sets every field of *dst from the twin, applies
//	// the legacy names, takes the Files it needs from the front of files
//	// and returns the rest.
//	func recordingFromWire(dst *Recording, w *recordingWire, files []File) []File
//
//	var recordingTwin = twinOf[Recording, recordingWire]{from: recordingFromWire, files: …}
//
//	// decodeWire is the hook decodeBody calls for a top-level body.
//	func (r *Recording) decodeWire(b []byte) error { return decodeInto(b, r, recordingTwin) }
//
// Why flat, not T's fields embedded one level down (the first version of
// this file): encoding/json reaches an embedded struct's fields through one
// more reflect step per decoded value, which cost about 4% of a recordings
// page's decode (BenchmarkDecodeTwinEmbedding, BENCHMARKS.md); the legacy names stay embedded, as they are absent from
// current bodies and so cost nothing.
//
// An object with open keys that needs a method (ResolutionUsage,
// TranscriptionFiles) is a map in the twin and converted by the code its
// UnmarshalJSON uses. List pages decode pageEnvelope[W]
// (transcriptionsEnvelope[W]) and convert item by item into the page's
// slice: getPage(ctx, c, path, q, recordingTwin). Wrappers name the twin
// directly (activeHLS.Data is a *hlsStreamWire). A type with neither legacy
// names nor a field whose type has a twin (Participant, HLSCapture,
// StatSample, …) needs no twin: it decodes in one pass as it is. A small
// value that is one of two JSON shapes (TrackKinds: a string or a list)
// keeps its method; encoding/json has no other way to decode it, and the
// extra scan covers that value only.
//
// The Files of a page (Recording.File, ParticipantRecording.Files, …) come
// from one allocation per page (takeFiles), not one per file.
//
// Adding a response type: its twin, its fromWire function and twinOf value,
// decodeWire if it is decoded at the top level, and one row in wireRows
// (wire_test.go). The tests there hold the twin's fields to T's (names, tags,
// types), check that nothing the SDK decodes reaches a decoding method,
// decode every fixture, legacy variant, malformed body and a body with every
// field set both ways (the public UnmarshalJSON or encoding/json, and the
// twin), requiring identical results and identical error/no-error outcomes,
// and check that a page's Files take exactly one allocation.

import "encoding/json"

// wireDecoder is implemented by the response types decodeBody decodes through
// a wire twin.
type wireDecoder interface {
	decodeWire(b []byte) error
}

// twinOf is how a response type T is decoded through its wire twin W.
type twinOf[T, W any] struct {
	// from sets every field of *dst from a decoded twin. The Files T holds
	// are taken from the front of files (see takeFiles); from returns the
	// rest. (A slice passed and returned, not a pointer to one: a pointer
	// handed to a function value escapes, which cost an allocation per call.)
	from func(dst *T, w *W, files []File) []File
	// files is how many Files from takes for w; nil when T holds none.
	files func(w *W) int
}

// all converts decoded twins into a new slice, with one allocation for all
// the Files they hold; nil stays nil, empty stays empty.
func (t twinOf[T, W]) all(ws []W) []T {
	if ws == nil {
		return nil
	}
	var files []File
	if t.files != nil {
		n := 0
		for i := range ws {
			n += t.files(&ws[i])
		}
		files = make([]File, n)
	}
	out := make([]T, len(ws))
	for i := range ws {
		files = t.from(&out[i], &ws[i], files)
	}
	return out
}

// one converts a decoded twin into a new T; nil stays nil.
func (t twinOf[T, W]) one(w *W) *T {
	if w == nil {
		return nil
	}
	out := new(T)
	t.from(out, w, nil)
	return out
}

// decodeInto decodes b into the twin W of T in one pass and sets *out from it.
func decodeInto[T, W any](b []byte, out *T, t twinOf[T, W]) error {
	w := new(W)
	if err := json.Unmarshal(b, w); err != nil {
		return err
	}
	t.from(out, w, nil)
	return nil
}

// takeFiles returns n Files from the front of files and the rest: a page
// counts its Files first (twinOf.files) and allocates them at once; when
// files runs short (a single object, which is not counted) takeFiles
// allocates the n asked for. taken is non-nil (empty for n == 0) and has
// capacity n, so appending to it never reaches another item's Files.
func takeFiles(files []File, n int) (taken, rest []File) {
	if n == 0 {
		return []File{}, files
	}
	if n > len(files) {
		return make([]File, n), files
	}
	return files[:n:n], files[n:]
}

// fileOf converts a decoded *fileWire field: nil stays nil.
func fileOf(w *fileWire, files []File) (*File, []File) {
	if w == nil {
		return nil, files
	}
	taken, files := takeFiles(files, 1)
	fileFromWire(&taken[0], w, nil)
	return &taken[0], files
}

// filesOf converts a decoded []fileWire field: nil stays nil, empty stays
// empty.
func filesOf(ws []fileWire, files []File) ([]File, []File) {
	if ws == nil {
		return nil, files
	}
	out, files := takeFiles(files, len(ws))
	for i := range ws {
		fileFromWire(&out[i], &ws[i], nil)
	}
	return out, files
}

// oneFile is the Files count of a *fileWire field.
func oneFile(w *fileWire) int {
	if w == nil {
		return 0
	}
	return 1
}
