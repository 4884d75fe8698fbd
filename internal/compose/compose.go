// Package compose holds the request rules that both the SDK (before it sends
// anything) and the videosdktest fake (when it answers) enforce, so that the
// two cannot drift: a test that passes against the fake sends nothing the real
// API refuses, and a call the SDK refuses is refused by the fake too.
//
// The rules cover the composition config of recordings, HLS and RTMP (SPEC
// §2.1), a room's autoStartConfig and autoCloseConfig (§3.1), the list filters
// with a fixed set of values, and the size of an HLS thumbnail (§10.6). They
// are pure functions over plain values: the SDK converts its typed params, the
// fake its decoded JSON body. An error is an *Error naming the wire field; the
// SDK wraps it in ErrInvalidParams, the fake answers it with 400.
package compose

import (
	"fmt"
	"net/url"
	"slices"
)

// Wire values of the composition config (SPEC §2.1) and of the other fields
// with a fixed set of values.
var (
	LayoutTypes      = []string{"GRID", "SPOTLIGHT", "SIDEBAR"}
	LayoutPriorities = []string{"SPEAKER", "PIN"}
	Themes           = []string{"DARK", "LIGHT", "DEFAULT"}
	Modes            = []string{"video-and-audio", "audio"}
	Qualities        = []string{"low", "med", "high", "ultra"}
	Orientations     = []string{"landscape", "portrait"}
	AutoCloseTypes   = []string{"session-ends", "session-end-and-deactivate"}
	MergeStatuses    = []string{"running", "completed", "failed"}
)

// Grid sizes a layout accepts (SPEC §2.1: the docs say at most 4 for
// recordings and RTMP and 25 for HLS; the newer API takes up to 25 for all).
const (
	MinGridSize = 1
	MaxGridSize = 25
)

// MaxCaptureSide is the largest width or height of an HLS thumbnail, in
// pixels: the long side of the largest output the API documents (quality
// "ultra", 3840×2160, or 2160×3840 in portrait). The docs give no limit of
// their own; a larger thumbnail would be an upscaled frame.
const MaxCaptureSide = 3840

// Target is the kind of composition a config is sent for: the rules differ.
type Target int

// Targets.
const (
	// Recording is a meeting recording (and autoStartConfig.recording).
	Recording Target = iota
	// HLS is an HLS stream (and autoStartConfig.hls).
	HLS
	// RTMP is an RTMP livestream.
	RTMP
)

func (t Target) String() string {
	switch t {
	case HLS:
		return "HLS"
	case RTMP:
		return "RTMP"
	}
	return "a recording"
}

// Error is a broken rule: Field is the wire path of the offending field
// (e.g. "config.layout.priority"), Problem says what is wrong with it.
type Error struct {
	Field   string
	Problem string
}

func (e *Error) Error() string { return e.Field + " " + e.Problem }

func errorf(field, format string, args ...any) error {
	return &Error{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// OneOf accepts v when it is empty (unset) or one of allowed.
func OneOf(field, v string, allowed []string) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	return errorf(field, "%q is not one of %v", v, allowed)
}

// Layout is config.layout.
type Layout struct {
	Type     string
	Priority string
	// GridSize is nil when the body does not carry one.
	GridSize *int
}

// Config is the composition "config" object.
type Config struct {
	// Layout is nil when the body has no layout.
	Layout                            *Layout
	Theme, Mode, Quality, Orientation string
	// Recording reports that config.recording is present.
	Recording bool
}

// CheckConfig checks a composition config sent for t; field is its wire path
// ("config", "autoStartConfig.hls.config"). A nil config is valid.
//
// Beyond the enum values and the grid size range it enforces what the API
// refuses and the official Node SDK papers over by filling in defaults: HLS
// and RTMP reject a layout without a priority, and quality, theme or
// orientation without a layout. The Go SDK sends exactly what the caller
// wrote, so it refuses both before sending, saying what to add, rather than
// inserting a layout or priority the caller never chose.
func CheckConfig(field string, t Target, c *Config) error {
	if c == nil {
		return nil
	}
	if l := c.Layout; l != nil {
		if err := OneOf(field+".layout.type", l.Type, LayoutTypes); err != nil {
			return err
		}
		if err := OneOf(field+".layout.priority", l.Priority, LayoutPriorities); err != nil {
			return err
		}
		if l.Priority == "" && (t == HLS || t == RTMP) {
			return errorf(field+".layout.priority", "is required: %s rejects a layout without a priority (SPEAKER or PIN)", t)
		}
		if g := l.GridSize; g != nil && (*g < MinGridSize || *g > MaxGridSize) {
			return errorf(field+".layout.gridSize", "%d is out of range %d..%d", *g, MinGridSize, MaxGridSize)
		}
	}
	for _, e := range []error{
		OneOf(field+".theme", c.Theme, Themes),
		OneOf(field+".mode", c.Mode, Modes),
		OneOf(field+".quality", c.Quality, Qualities),
		OneOf(field+".orientation", c.Orientation, Orientations),
	} {
		if e != nil {
			return e
		}
	}
	for _, f := range []struct{ name, v string }{{"quality", c.Quality}, {"theme", c.Theme}, {"orientation", c.Orientation}} {
		if f.v != "" && c.Layout == nil {
			return errorf(field+".layout", "is required when %s.%s is set: the API applies quality, theme and orientation to a layout (e.g. type GRID)", field, f.name)
		}
	}
	if c.Recording && t == Recording {
		return errorf(field+".recording", "applies to HLS and RTMP only, not to a recording")
	}
	return nil
}

// Transcription is the "transcription" object.
type Transcription struct {
	Enabled bool
	// SummaryEnabled is transcription.summary.enabled.
	SummaryEnabled bool
}

// CheckTranscription checks a transcription object; field is its wire path.
// A nil one is valid.
func CheckTranscription(field string, t *Transcription) error {
	if t != nil && t.SummaryEnabled && !t.Enabled {
		return errorf(field+".summary", "needs %s.enabled: a summary is made from the transcription", field)
	}
	return nil
}

// CheckHLSSummary checks the top-level "summary" of an HLS start, where the
// HLS docs place it: like transcription.summary, it needs transcription
// enabled.
func CheckHLSSummary(summaryEnabled bool, t *Transcription) error {
	if summaryEnabled && (t == nil || !t.Enabled) {
		return errorf("summary", "needs transcription.enabled: a summary is made from the transcription")
	}
	return nil
}

// CheckURL requires an absolute http(s) URL in v when it is set, or always
// when required.
func CheckURL(field, v string, required bool) error {
	if v == "" {
		if required {
			return errorf(field, "is required")
		}
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// Never quote v: a webhook or template URL may carry a token in its
		// query or path.
		return errorf(field, "is not an absolute http(s) URL%s", URLHint(u, err))
	}
	return nil
}

// URLHint describes a refused URL for an error message without its secret
// parts (user info, path, query, fragment): " (got scheme://host)" when it
// has a host, " (not a valid URL)" when it does not parse, else nothing.
func URLHint(u *url.URL, err error) string {
	switch {
	case err != nil:
		return " (not a valid URL)"
	case u.Host != "":
		return " (got " + u.Scheme + "://" + u.Host + ")"
	}
	return ""
}

// AutoStartPart is autoStartConfig.recording or autoStartConfig.hls.
type AutoStartPart struct {
	Config        *Config
	TemplateURL   string
	Transcription *Transcription
}

// AutoStart is a room's autoStartConfig; a nil part is absent.
type AutoStart struct {
	Recording, HLS *AutoStartPart
}

// CheckAutoStart checks a room's autoStartConfig: each part is checked like
// the start call it stands for (Recordings.Start, HLS.Start).
func CheckAutoStart(a AutoStart) error {
	for _, p := range []struct {
		name string
		t    Target
		part *AutoStartPart
	}{{"autoStartConfig.recording", Recording, a.Recording}, {"autoStartConfig.hls", HLS, a.HLS}} {
		if p.part == nil {
			continue
		}
		if err := CheckConfig(p.name+".config", p.t, p.part.Config); err != nil {
			return err
		}
		if err := CheckTranscription(p.name+".transcription", p.part.Transcription); err != nil {
			return err
		}
		if err := CheckURL(p.name+".templateUrl", p.part.TemplateURL, false); err != nil {
			return err
		}
	}
	return nil
}

// CheckAutoClose checks a room's autoCloseConfig: a known type (or none) and
// a duration that is not negative.
func CheckAutoClose(typ string, duration int) error {
	if err := OneOf("autoCloseConfig.type", typ, AutoCloseTypes); err != nil {
		return err
	}
	if duration < 0 {
		return errorf("autoCloseConfig.duration", "%d is negative", duration)
	}
	return nil
}

// CheckCaptureSize checks the width and height of an HLS thumbnail: 0 leaves
// the default of the stream's quality, anything else must be 1..MaxCaptureSide.
func CheckCaptureSize(width, height int) error {
	for _, d := range []struct {
		name string
		v    int
	}{{"width", width}, {"height", height}} {
		if d.v < 0 || d.v > MaxCaptureSide {
			return errorf(d.name, "%d is out of range 1..%d pixels", d.v, MaxCaptureSide)
		}
	}
	return nil
}
