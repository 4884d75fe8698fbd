// The composition config (layout, theme, mode, quality, orientation) that
// recordings, RTMP and HLS starts share, checked like the real API checks it.

package videosdktest

import (
	"net/http"
	"slices"
)

// ---- composition config validation ----

type compositionConfig struct {
	Layout *struct {
		Type     string `json:"type"`
		Priority string `json:"priority"`
		GridSize int    `json:"gridSize"`
	} `json:"layout"`
	Theme       string `json:"theme"`
	Mode        string `json:"mode"`
	Quality     string `json:"quality"`
	Orientation string `json:"orientation"`
	Recording   *struct {
		Enabled bool `json:"enabled"`
	} `json:"recording"`
}

func oneOf(field, v string, allowed ...string) *apiError {
	if v != "" && !slices.Contains(allowed, v) {
		return errorf(http.StatusBadRequest, "validation_error", "%s %q is not one of %q.", field, v, allowed)
	}
	return nil
}

func (c *compositionConfig) check() *apiError {
	if c == nil {
		return nil
	}
	if l := c.Layout; l != nil {
		if e := oneOf("config.layout.type", l.Type, "GRID", "SPOTLIGHT", "SIDEBAR"); e != nil {
			return e
		}
		if e := oneOf("config.layout.priority", l.Priority, "SPEAKER", "PIN"); e != nil {
			return e
		}
		if l.GridSize < 0 || l.GridSize > 25 {
			return errorf(http.StatusBadRequest, "validation_error", "config.layout.gridSize %d is out of range 0..25.", l.GridSize)
		}
	}
	for _, e := range []*apiError{
		oneOf("config.theme", c.Theme, "DARK", "LIGHT", "DEFAULT"),
		oneOf("config.mode", c.Mode, "video-and-audio", "audio"),
		oneOf("config.quality", c.Quality, "low", "med", "high", "ultra"),
		oneOf("config.orientation", c.Orientation, "landscape", "portrait"),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}
