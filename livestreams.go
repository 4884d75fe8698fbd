package videosdk

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"time"

	"github.com/videosdk-go/videosdk/internal/compose"
)

// LivestreamsService streams a room's composition out over RTMP (e.g. to
// YouTube or Twitch) and lists and gets those streams.
type LivestreamsService service

// RTMPOutput is one RTMP destination of a livestream.
type RTMPOutput struct {
	// URL is the ingest URL, rtmp:// or rtmps://.
	URL string `json:"url"`
	// StreamKey is the destination's stream key.
	StreamKey string `json:"streamKey"`
}

// StartLivestreamParams is the body of Livestreams.Start.
type StartLivestreamParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// Outputs are the destinations; required, each with URL and StreamKey.
	Outputs []RTMPOutput `json:"outputs"`
	// Config chooses layout and theme; Config.Recording also records the
	// stream. The docs list no mode, quality or orientation for RTMP, but
	// the newer API accepts them. The API rejects a layout without a
	// priority, and a quality, theme or orientation without a layout, so
	// Start refuses both with ErrInvalidParams before sending: set Layout,
	// with Layout.Priority (PrioritySpeaker is the usual choice).
	Config *CompositionConfig `json:"config,omitempty"`
	// TemplateURL is a custom layout page replacing the built-in layouts.
	TemplateURL string `json:"templateUrl,omitempty"`
	// Transcription needs Config.Recording.Enabled according to the docs.
	Transcription *Transcription `json:"transcription,omitempty"`
	// ResourceID is a pre-acquired composition unit (enterprise).
	ResourceID string `json:"resourceId,omitempty"`
}

func (p *StartLivestreamParams) check() error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	if len(p.Outputs) == 0 {
		return invalidParams("outputs is required and must not be empty")
	}
	for i, o := range p.Outputs {
		field := "outputs[" + strconv.Itoa(i) + "]"
		if err := required(field+".url", o.URL); err != nil {
			return err
		}
		u, err := url.Parse(o.URL)
		if err != nil || (u.Scheme != "rtmp" && u.Scheme != "rtmps") || u.Host == "" {
			// Never quote the URL: its path often holds the stream key.
			return invalidParams("%s.url is not an rtmp:// or rtmps:// URL%s", field, compose.URLHint(u, err))
		}
		if err := required(field+".streamKey", o.StreamKey); err != nil {
			return err
		}
	}
	if err := p.Config.check("config", compose.RTMP); err != nil {
		return err
	}
	if err := checkURL("templateUrl", p.TemplateURL, false); err != nil {
		return err
	}
	return p.Transcription.check("transcription")
}

// StopLivestreamParams is the body of Livestreams.Stop.
type StopLivestreamParams struct {
	// RoomID is required.
	RoomID string `json:"roomId"`
	// ID picks one livestream when several run in the room (multiComposition).
	ID string `json:"id,omitempty"`
}

// ListLivestreamsParams selects livestreams for Livestreams.List and
// Livestreams.All.
type ListLivestreamsParams struct {
	ListOptions
	// RoomID filters by room (the docs mark it required).
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
	// Query matches a roomId or customRoomId exactly.
	Query string `json:"query,omitempty"`
}

func (p ListLivestreamsParams) values() url.Values {
	return streamQuery(p.ListOptions, p.RoomID, p.SessionID, p.Query)
}

// streamQuery builds the query of the livestream and HLS lists.
func streamQuery(o ListOptions, roomID, sessionID, query string) url.Values {
	v := o.values(nil)
	v = setQuery(v, "roomId", roomID)
	v = setQuery(v, "sessionId", sessionID)
	return setQuery(v, "query", query)
}

// Livestream is an RTMP-out stream of a room.
type Livestream struct {
	ID        string       `json:"id"`
	RoomID    string       `json:"roomId"`
	SessionID string       `json:"sessionId"`
	Outputs   []RTMPOutput `json:"outputs"`
	Start     time.Time    `json:"start"`
	// End is nil while the stream runs.
	End *time.Time `json:"end"`
	// ComposerID identifies the composition unit that streamed.
	ComposerID string `json:"composerId,omitempty"`
	// Region is the media region, e.g. "us002".
	Region  string          `json:"region,omitempty"`
	Webhook *WebhookSummary `json:"webhook,omitempty"`
	Links   *Links          `json:"links,omitempty"`
	legacy
}

// normalize takes the legacy name meetingId for roomId (wire.go).
func (l *Livestream) normalize() { setIfEmpty(&l.RoomID, l.legacy.take().MeetingID) }

func (l *Livestream) validResponse() error {
	if l.ID == "" {
		return errNoID
	}
	return nil
}

// Start starts streaming the room to p.Outputs and returns the API's
// answer. When the answer carries the stream's id (id, livestreamId, …),
// StartResult.ID names it: pass it to Stop (StopLivestreamParams.ID, needed
// when several streams run under multiComposition) and Get. When the API
// answers only a sentence ("RTMP output start accepted"), ID is empty and
// Message holds the sentence: find the stream with FindStarted. The POST is never
// retried after it may have reached the server.
//
// API: POST /v2/livestreams/start
func (s *LivestreamsService) Start(ctx context.Context, p StartLivestreamParams) (*StartResult, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return s.client.start(ctx, "/v2/livestreams/start", &p, p.RoomID)
}

// Stop stops the room's livestream, or only the one whose id p.ID names
// (StartResult.ID). The endpoint index
// of the API reference lists /v2/livestreams/stop, but the endpoint pages,
// the official SDKs and the live API use /v2/livestreams/end, which is called
// here.
//
// API: POST /v2/livestreams/end
func (s *LivestreamsService) Stop(ctx context.Context, p StopLivestreamParams) error {
	if err := required("roomId", p.RoomID); err != nil {
		return err
	}
	return s.client.do(ctx, "POST", "/v2/livestreams/end", nil, &p, nil)
}

// List returns one page of livestreams.
//
// API: GET /v2/livestreams
func (s *LivestreamsService) List(ctx context.Context, p ListLivestreamsParams) (*Page[Livestream], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return getPage[Livestream](ctx, s.client, "/v2/livestreams", p.values())
}

// All iterates over every livestream, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/livestreams
func (s *LivestreamsService) All(ctx context.Context, p ListLivestreamsParams) iter.Seq2[Livestream, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Livestream], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a livestream by id.
//
// API: GET /v2/livestreams/{livestreamId}
func (s *LivestreamsService) Get(ctx context.Context, id string) (*Livestream, error) {
	path, err := idPath("/v2/livestreams/%s", "id", id, reservedStreamSegments)
	if err != nil {
		return nil, err
	}
	return callFor[Livestream](ctx, s.client, "GET", path, nil, nil)
}

// reservedStreamSegments name other endpoints under /v2/livestreams/ and /v2/hls/.
var reservedStreamSegments = []string{"start", "end", "stop", "capture"}
