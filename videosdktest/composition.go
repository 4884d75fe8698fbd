// The composition config (layout, theme, mode, quality, orientation) that
// recordings, RTMP and HLS starts and a room's autoStartConfig share, checked
// with the rules the SDK checks before sending (internal/compose).

package videosdktest

import (
	"net/http"

	"github.com/videosdk-go/videosdk/internal/compose"
)

type compositionConfig struct {
	Layout *struct {
		Type     string `json:"type"`
		Priority string `json:"priority"`
		GridSize *int   `json:"gridSize"` // a pointer: an explicit 0 is refused
	} `json:"layout"`
	Theme       string `json:"theme"`
	Mode        string `json:"mode"`
	Quality     string `json:"quality"`
	Orientation string `json:"orientation"`
	Recording   *struct {
		Enabled bool `json:"enabled"`
	} `json:"recording"`
}

// rules is c as the plain values internal/compose checks (nil for nil).
func (c *compositionConfig) rules() *compose.Config {
	if c == nil {
		return nil
	}
	out := &compose.Config{Theme: c.Theme, Mode: c.Mode, Quality: c.Quality, Orientation: c.Orientation, Recording: c.Recording != nil}
	if l := c.Layout; l != nil {
		out.Layout = &compose.Layout{Type: l.Type, Priority: l.Priority, GridSize: l.GridSize}
	}
	return out
}

// rules is t as the plain values internal/compose checks (nil for nil).
func (t *transcriptionOpts) rules() *compose.Transcription {
	if t == nil {
		return nil
	}
	return &compose.Transcription{Enabled: t.Enabled, SummaryEnabled: t.wantsSummary()}
}

// composition is the part of a start body (and of an autoStartConfig part)
// that describes the composition.
type composition struct {
	Config        *compositionConfig `json:"config"`
	TemplateURL   string             `json:"templateUrl"`
	Transcription *transcriptionOpts `json:"transcription"`
}

// check applies the rules of internal/compose for target t.
func (c *composition) check(t compose.Target) *apiError {
	if e := ruleErr(compose.CheckConfig("config", t, c.Config.rules())); e != nil {
		return e
	}
	if e := ruleErr(compose.CheckTranscription("transcription", c.Transcription.rules())); e != nil {
		return e
	}
	return ruleErr(compose.CheckURL("templateUrl", c.TemplateURL, false))
}

// rules is c as internal/compose checks an autoStartConfig part (nil for nil).
func (c *composition) rules() *compose.AutoStartPart {
	if c == nil {
		return nil
	}
	return &compose.AutoStartPart{Config: c.Config.rules(), TemplateURL: c.TemplateURL, Transcription: c.Transcription.rules()}
}

// autoStartRecording is autoStartConfig.recording.
type autoStartRecording struct {
	composition
	AWSDirPath string `json:"awsDirPath"`
}

// autoStartConfig is a room's autoStartConfig, decoded strictly when the
// room is created, so that a malformed one is refused there rather than
// silently starting nothing.
type autoStartConfig struct {
	Recording *autoStartRecording `json:"recording"`
	HLS       *startHLSBody       `json:"hls"` // started like an HLS start call's body
	// Composite is passed through (newer API only, undocumented shape).
	Composite map[string]any `json:"composite"`
}

func (a *autoStartConfig) check() *apiError {
	var as compose.AutoStart
	if a.Recording != nil {
		as.Recording = a.Recording.rules()
	}
	if a.HLS != nil {
		as.HLS = a.HLS.rules()
	}
	return ruleErr(compose.CheckAutoStart(as))
}

// ruleErr answers a broken rule of internal/compose with 400 (nil stays nil).
func ruleErr(err error) *apiError {
	if err == nil {
		return nil
	}
	return errorf(http.StatusBadRequest, "%s.", err)
}

// oneOf accepts v when it is empty (unset) or one of allowed.
func oneOf(field, v string, allowed ...string) *apiError {
	return ruleErr(compose.OneOf(field, v, allowed))
}
