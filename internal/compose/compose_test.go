package compose

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func intp(v int) *int { return &v }

// wantRule asserts that err is nil when field is "", else an *Error for
// field whose problem contains problem.
func wantRule(t *testing.T, err error, field, problem string) {
	t.Helper()
	if field == "" {
		assert.NoError(t, err)
		return
	}
	var re *Error
	require.True(t, errors.As(err, &re), "want *Error, got %v", err)
	assert.Equal(t, field, re.Field)
	assert.Contains(t, re.Problem, problem)
	assert.Equal(t, re.Field+" "+re.Problem, err.Error())
}

func TestCheckConfig(t *testing.T) {
	t.Parallel()
	grid := func(priority string) *Layout { return &Layout{Type: "GRID", Priority: priority} }
	tests := []struct {
		name    string
		target  Target
		cfg     *Config
		field   string // of the *Error; "" when the config is valid
		problem string // a part of the problem's text
	}{
		{"nil", HLS, nil, "", ""},
		{"empty", HLS, &Config{}, "", ""},
		{"mode alone", Recording, &Config{Mode: "audio"}, "", ""},
		{"full HLS", HLS, &Config{Layout: &Layout{Type: "SIDEBAR", Priority: "PIN", GridSize: intp(25)},
			Theme: "DARK", Mode: "video-and-audio", Quality: "ultra", Orientation: "portrait", Recording: true}, "", ""},
		{"recording layout without priority", Recording, &Config{Layout: &Layout{Type: "GRID"}, Quality: "high"}, "", ""},
		{"layout without type", RTMP, &Config{Layout: &Layout{Priority: "SPEAKER"}}, "", ""},
		{"grid size 1", RTMP, &Config{Layout: &Layout{Priority: "PIN", GridSize: intp(1)}}, "", ""},

		{"layout type", Recording, &Config{Layout: &Layout{Type: "MOSAIC"}}, "config.layout.type", `"MOSAIC" is not one of [GRID SPOTLIGHT SIDEBAR]`},
		{"priority value", Recording, &Config{Layout: &Layout{Priority: "LOUDEST"}}, "config.layout.priority", `"LOUDEST" is not one of`},
		{"HLS layout without priority", HLS, &Config{Layout: grid("")}, "config.layout.priority", "HLS rejects a layout without a priority"},
		{"RTMP layout without priority", RTMP, &Config{Layout: grid("")}, "config.layout.priority", "RTMP rejects a layout without a priority"},
		{"grid size 0 sent", Recording, &Config{Layout: &Layout{GridSize: intp(0)}}, "config.layout.gridSize", "0 is out of range 1..25"},
		{"grid size negative", HLS, &Config{Layout: &Layout{Priority: "PIN", GridSize: intp(-1)}}, "config.layout.gridSize", "-1 is out of range"},
		{"grid size 26", HLS, &Config{Layout: &Layout{Priority: "PIN", GridSize: intp(26)}}, "config.layout.gridSize", "26 is out of range"},
		{"theme", HLS, &Config{Layout: grid("PIN"), Theme: "NEON"}, "config.theme", `"NEON" is not one of`},
		{"mode", HLS, &Config{Mode: "video-only"}, "config.mode", `"video-only" is not one of`},
		{"quality", HLS, &Config{Layout: grid("PIN"), Quality: "4k"}, "config.quality", `"4k" is not one of`},
		{"orientation", HLS, &Config{Layout: grid("PIN"), Orientation: "square"}, "config.orientation", `"square" is not one of`},
		{"bad value wins over missing layout", Recording, &Config{Quality: "4k"}, "config.quality", "is not one of"},
		{"quality without layout", Recording, &Config{Quality: "high"}, "config.layout", "required when config.quality is set"},
		{"theme without layout", HLS, &Config{Theme: "DARK"}, "config.layout", "required when config.theme is set"},
		{"orientation without layout", RTMP, &Config{Orientation: "portrait"}, "config.layout", "required when config.orientation is set"},
		{"recording toggle on a recording", Recording, &Config{Recording: true}, "config.recording", "HLS and RTMP only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantRule(t, CheckConfig("config", tt.target, tt.cfg), tt.field, tt.problem)
		})
	}
}

func TestCheckConfigUsesTheFieldPath(t *testing.T) {
	t.Parallel()
	err := CheckConfig("autoStartConfig.hls.config", HLS, &Config{Layout: &Layout{Type: "GRID"}})
	assert.EqualError(t, err, "autoStartConfig.hls.config.layout.priority is required: HLS rejects a layout without a priority (SPEAKER or PIN)")
}

func TestCheckAutoStart(t *testing.T) {
	t.Parallel()
	ok := &Config{Layout: &Layout{Type: "GRID", Priority: "SPEAKER"}, Quality: "med"}
	tests := []struct {
		name  string
		a     AutoStart
		field string
	}{
		{"empty", AutoStart{}, ""},
		{"both parts", AutoStart{Recording: &AutoStartPart{Config: ok, TemplateURL: "https://l.example.com/x",
			Transcription: &Transcription{Enabled: true, SummaryEnabled: true}}, HLS: &AutoStartPart{Config: ok}}, ""},
		{"recording without priority is fine", AutoStart{Recording: &AutoStartPart{Config: &Config{Layout: &Layout{Type: "GRID"}}}}, ""},
		{"HLS layout without priority", AutoStart{HLS: &AutoStartPart{Config: &Config{Layout: &Layout{Type: "GRID"}}}}, "autoStartConfig.hls.config.layout.priority"},
		{"unknown quality", AutoStart{HLS: &AutoStartPart{Config: &Config{Layout: ok.Layout, Quality: "best"}}}, "autoStartConfig.hls.config.quality"},
		{"recording toggle in recording", AutoStart{Recording: &AutoStartPart{Config: &Config{Recording: true}}}, "autoStartConfig.recording.config.recording"},
		{"summary without transcription", AutoStart{Recording: &AutoStartPart{Transcription: &Transcription{SummaryEnabled: true}}}, "autoStartConfig.recording.transcription.summary"},
		{"relative template URL", AutoStart{HLS: &AutoStartPart{TemplateURL: "layouts/grid"}}, "autoStartConfig.hls.templateUrl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantRule(t, CheckAutoStart(tt.a), tt.field, "")
		})
	}
}

func TestCheckAutoClose(t *testing.T) {
	t.Parallel()
	assert.NoError(t, CheckAutoClose("", 0))
	assert.NoError(t, CheckAutoClose("session-ends", 480))
	assert.NoError(t, CheckAutoClose("session-end-and-deactivate", 1))
	assert.EqualError(t, CheckAutoClose("never", 0), `autoCloseConfig.type "never" is not one of [session-ends session-end-and-deactivate]`)
	assert.EqualError(t, CheckAutoClose("", -1), "autoCloseConfig.duration -1 is negative")
}

func TestCheckTranscriptionAndSummary(t *testing.T) {
	t.Parallel()
	assert.NoError(t, CheckTranscription("transcription", nil))
	assert.NoError(t, CheckTranscription("transcription", &Transcription{Enabled: true, SummaryEnabled: true}))
	assert.EqualError(t, CheckTranscription("transcription", &Transcription{SummaryEnabled: true}),
		"transcription.summary needs transcription.enabled: a summary is made from the transcription")
	assert.NoError(t, CheckHLSSummary(false, nil))
	assert.NoError(t, CheckHLSSummary(true, &Transcription{Enabled: true}))
	assert.Error(t, CheckHLSSummary(true, nil))
	assert.Error(t, CheckHLSSummary(true, &Transcription{}))
}

func TestCheckURL(t *testing.T) {
	t.Parallel()
	for v, ok := range map[string]bool{
		"": true, "https://hooks.example.com/x": true, "http://127.0.0.1:8080": true,
		"hooks.example.com": false, "ftp://hooks.example.com": false, "https://": false, "://x": false,
	} {
		assert.Equal(t, ok, CheckURL("webhookUrl", v, false) == nil, v)
	}
	assert.EqualError(t, CheckURL("webhook.endPoint", "", true), "webhook.endPoint is required")
}

func TestCheckCaptureSize(t *testing.T) {
	t.Parallel()
	for _, d := range [][2]int{{0, 0}, {1, 1}, {320, 240}, {MaxCaptureSide, 2160}, {2160, MaxCaptureSide}} {
		assert.NoError(t, CheckCaptureSize(d[0], d[1]), d)
	}
	for _, d := range [][2]int{{-1, 0}, {0, -1}, {MaxCaptureSide + 1, 100}, {100, MaxCaptureSide + 1},
		{1_000_000_000, 1_000_000_000}, {3_037_000_500, 3_037_000_500}} {
		assert.Error(t, CheckCaptureSize(d[0], d[1]), d)
	}
}

func TestOneOf(t *testing.T) {
	t.Parallel()
	assert.NoError(t, OneOf("status", "", MergeStatuses))
	for _, v := range MergeStatuses {
		assert.NoError(t, OneOf("status", v, MergeStatuses))
	}
	assert.EqualError(t, OneOf("status", "done", MergeStatuses), `status "done" is not one of [running completed failed]`)
}
