package videosdk

import (
	"github.com/videosdk-go/videosdk/internal/compose"
)

// LayoutType is the built-in layout of a composition.
type LayoutType string

// Layout types.
const (
	LayoutGrid      LayoutType = "GRID"
	LayoutSpotlight LayoutType = "SPOTLIGHT"
	LayoutSidebar   LayoutType = "SIDEBAR"
)

// LayoutPriority chooses who is shown first in a layout.
type LayoutPriority string

// Layout priorities.
const (
	PrioritySpeaker LayoutPriority = "SPEAKER"
	PriorityPin     LayoutPriority = "PIN"
)

// Theme is the composition's colour theme.
type Theme string

// Themes.
const (
	ThemeDark    Theme = "DARK"
	ThemeLight   Theme = "LIGHT"
	ThemeDefault Theme = "DEFAULT"
)

// Mode selects what a composition records or streams.
type Mode string

// Modes.
const (
	ModeVideoAndAudio Mode = "video-and-audio"
	ModeAudio         Mode = "audio"
)

// Quality is the output resolution class.
type Quality string

// Qualities: low is SD, med HD, high Full HD; ultra is accepted by the newer API.
const (
	QualityLow   Quality = "low"
	QualityMed   Quality = "med"
	QualityHigh  Quality = "high"
	QualityUltra Quality = "ultra"
)

// Orientation of the output.
type Orientation string

// Orientations.
const (
	OrientationLandscape Orientation = "landscape"
	OrientationPortrait  Orientation = "portrait"
)

// MaxGridSize is the largest gridSize the API accepts (HLS; recordings and
// RTMP were documented with 4 but the current API takes up to 25).
const MaxGridSize = compose.MaxGridSize

// Layout is config.layout of a composition. HLS and RTMP reject a layout
// without a Priority; every target needs a Layout when the config sets
// Quality, Theme or Orientation. The SDK refuses such a config before
// sending it (ErrInvalidParams) instead of filling in a layout or priority
// the caller did not choose, as the Node SDK does.
type Layout struct {
	Type     LayoutType     `json:"type,omitempty"`
	Priority LayoutPriority `json:"priority,omitempty"`
	// GridSize is the largest number of tiles shown (1..25); 0 leaves the default.
	GridSize int `json:"gridSize,omitempty"`
}

// RecordingToggle is config.recording of HLS and RTMP: also record the stream.
type RecordingToggle struct {
	Enabled bool `json:"enabled"`
}

// CompositionConfig is the "config" object of recordings, HLS, RTMP and a
// room's autoStartConfig.
type CompositionConfig struct {
	Layout      *Layout     `json:"layout,omitempty"`
	Theme       Theme       `json:"theme,omitempty"`
	Mode        Mode        `json:"mode,omitempty"`
	Quality     Quality     `json:"quality,omitempty"`
	Orientation Orientation `json:"orientation,omitempty"`
	// Recording (HLS and RTMP only) also records the stream.
	Recording *RecordingToggle `json:"recording,omitempty"`
}

// Transcription asks for post-call transcription and, optionally, an AI summary.
type Transcription struct {
	Enabled bool     `json:"enabled"`
	Summary *Summary `json:"summary,omitempty"`
}

// Summary asks for an AI summary of the transcription.
type Summary struct {
	Enabled bool `json:"enabled"`
	// Prompt gives custom summary instructions.
	Prompt string `json:"prompt,omitempty"`
}

// check applies the composition rules of internal/compose (shared with the
// videosdktest fake) to a config sent for target t; field is its wire path.
func (c *CompositionConfig) check(field string, t compose.Target) error {
	return ruleErr(compose.CheckConfig(field, t, c.rules()))
}

// rules is c as the plain values internal/compose checks (nil for nil).
func (c *CompositionConfig) rules() *compose.Config {
	if c == nil {
		return nil
	}
	out := &compose.Config{
		Theme: string(c.Theme), Mode: string(c.Mode), Quality: string(c.Quality), Orientation: string(c.Orientation),
		Recording: c.Recording != nil,
	}
	if l := c.Layout; l != nil {
		out.Layout = &compose.Layout{Type: string(l.Type), Priority: string(l.Priority)}
		if l.GridSize != 0 { // omitempty: 0 is not sent
			out.Layout.GridSize = &l.GridSize
		}
	}
	return out
}

func (t *Transcription) check(field string) error {
	return ruleErr(compose.CheckTranscription(field, t.rules()))
}

// rules is t as the plain values internal/compose checks (nil for nil).
func (t *Transcription) rules() *compose.Transcription {
	if t == nil {
		return nil
	}
	return &compose.Transcription{Enabled: t.Enabled, SummaryEnabled: t.Summary != nil && t.Summary.Enabled}
}

// ruleErr turns a broken rule of internal/compose into an ErrInvalidParams
// error (nil stays nil).
func ruleErr(err error) error {
	if err == nil {
		return nil
	}
	return invalidParams("%s", err.Error())
}

// oneOf accepts the zero value (unset) or one of allowed.
func oneOf[T ~string](field string, v T, allowed ...T) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return invalidParams("%s %q is not one of %v", field, string(v), allowed)
}
