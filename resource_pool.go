package videosdk

import (
	"context"
	"iter"
)

// ResourcePoolService reserves composition units (recorders, HLS and RTMP
// composers) ahead of a big event (SPEC-PLATFORM §20, Enterprise). A start
// call can then run on a unit through its resourceId.
type ResourcePoolService service

// ResourceType is the composition a unit serves. Fetched units may report
// other values (e.g. "filecomposer"): it is an open set.
type ResourceType string

// Resource types accepted by Acquire.
const (
	ResourceRecording ResourceType = "recording"
	ResourceHLS       ResourceType = "hls"
	ResourceRTMP      ResourceType = "rtmp"
)

// ResourceStatus is a unit's state.
type ResourceStatus string

// Resource statuses: pending → idle (ready; resource-acquired is sent) →
// composing (a job runs on it) → idle → released.
const (
	ResourcePending   ResourceStatus = "pending"
	ResourceIdle      ResourceStatus = "idle"
	ResourceComposing ResourceStatus = "composing"
	ResourceReleased  ResourceStatus = "released"
)

// ResourceUnit is one reserved composition unit.
type ResourceUnit struct {
	ID      string         `json:"id"`
	Status  ResourceStatus `json:"status"`
	Type    ResourceType   `json:"type"`
	Mode    Mode           `json:"mode,omitempty"`
	Quality Quality        `json:"quality,omitempty"`
	// ComposerIDs are the recordings and streams run on the unit.
	ComposerIDs []string `json:"composerIds"`
	WebhookURL  string   `json:"webhookUrl,omitempty"`
}

func (u *ResourceUnit) validResponse() error {
	if u.ID == "" {
		return errMissingID("resource")
	}
	return nil
}

// ListResourcesParams filters ResourcePool.List.
type ListResourcesParams struct {
	ListOptions
	Status ResourceStatus
}

// List returns one page of units.
//
// API: GET /v2/resource
func (s *ResourcePoolService) List(ctx context.Context, p ListResourcesParams) (*Page[ResourceUnit], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	v := setQuery(p.ListOptions.values(nil), "status", string(p.Status))
	return listUnwrapped[ResourceUnit](ctx, s.client, "/v2/resource", v, "")
}

// All iterates over every unit, fetching pages lazily.
//
// API: GET /v2/resource
func (s *ResourcePoolService) All(ctx context.Context, p ListResourcesParams) iter.Seq2[ResourceUnit, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[ResourceUnit], error) {
		q := p
		q.Page = page
		return s.List(ctx, q)
	})
}

// Get returns one unit.
//
// API: GET /v2/resource/{resourceId}
func (s *ResourcePoolService) Get(ctx context.Context, resourceID string) (*ResourceUnit, error) {
	path, err := pathf("/v2/resource/%s", []string{"resourceId"}, resourceID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[ResourceUnit](ctx, s.client, "GET", path, nil, nil, "data")
}

// AcquireResourceParams is the body of ResourcePool.Acquire.
type AcquireResourceParams struct {
	// Type and WebhookURL are required; resource-acquired goes to WebhookURL
	// when a unit is ready.
	Type       ResourceType `json:"type"`
	WebhookURL string       `json:"webhookUrl"`
	// Mode defaults to video-and-audio, Quality to med.
	Mode    Mode    `json:"mode,omitempty"`
	Quality Quality `json:"quality,omitempty"`
	// Units defaults to 1.
	Units int `json:"units,omitempty"`
}

// maxResourceUnits guards against typos; the API documents no maximum.
const maxResourceUnits = 100

// Acquire reserves units; they are pending until ready.
//
// API: POST /v2/resource/acquire
func (s *ResourcePoolService) Acquire(ctx context.Context, p AcquireResourceParams) ([]ResourceUnit, error) {
	if err := required("type", string(p.Type)); err != nil {
		return nil, err
	}
	if err := oneOf("type", p.Type, ResourceRecording, ResourceHLS, ResourceRTMP); err != nil {
		return nil, err
	}
	if err := checkURL("webhookUrl", p.WebhookURL, true); err != nil {
		return nil, err
	}
	if err := oneOf("mode", p.Mode, ModeVideoAndAudio, ModeAudio); err != nil {
		return nil, err
	}
	if err := oneOf("quality", p.Quality, QualityLow, QualityMed, QualityHigh); err != nil {
		return nil, err
	}
	if p.Units < 0 || p.Units > maxResourceUnits {
		return nil, invalidParams("units %d out of range 1..%d", p.Units, maxResourceUnits)
	}
	out := new(Page[ResourceUnit])
	if err := s.client.do(ctx, "POST", "/v2/resource/acquire", nil, p, &unwrappedPage[ResourceUnit]{out: out}); err != nil {
		return nil, err
	}
	return out.Data, nil
}

// ReleaseResult is the outcome for one unit of Release: only idle units
// are released; the others report Success false with the reason in Msg.
type ReleaseResult struct {
	ID      string `json:"id"`
	Success bool   `json:"success"`
	Msg     string `json:"msg,omitempty"`
}

// Release gives units back, reporting per unit.
//
// API: POST /v2/resource/release
func (s *ResourcePoolService) Release(ctx context.Context, resourceIDs ...string) ([]ReleaseResult, error) {
	if len(resourceIDs) == 0 {
		return nil, invalidParams("no resource ids")
	}
	for _, id := range resourceIDs {
		if err := required("resource id", id); err != nil {
			return nil, err
		}
	}
	body := struct {
		IDs []string `json:"ids"`
	}{resourceIDs}
	out := new(Page[ReleaseResult])
	if err := s.client.do(ctx, "POST", "/v2/resource/release", nil, body, &unwrappedPage[ReleaseResult]{out: out}); err != nil {
		return nil, err
	}
	return out.Data, nil
}
