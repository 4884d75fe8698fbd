package videosdk

import (
	"context"
	"iter"
	"net/url"
	"slices"
	"strings"
	"time"
)

// SIPWebhooksService manages the URLs that receive SIP call events
// (call-started, call-answered, call-hangup, …; see SIPWebhookEvents).
// Deliveries are signed like every VideoSDK webhook: receive them with
// WebhookHandler and read the call with WebhookEvent.SIPCall.
type SIPWebhooksService service

// SIPWebhook is a SIP webhook subscription.
type SIPWebhook struct {
	ID string `json:"id"`
	// WebhookID is the id under the name some list answers use; ID is set
	// from it when the answer has no "id".
	WebhookID string             `json:"webhookId,omitempty"`
	URL       string             `json:"url"`
	Events    []WebhookEventType `json:"events"`
	CreatedAt time.Time          `json:"createdAt,omitzero"`
	UpdatedAt time.Time          `json:"updatedAt,omitzero"`
}

func (w *SIPWebhook) normalize() { setIfEmpty(&w.ID, w.WebhookID) }

func (w *SIPWebhook) validResponse() error {
	if w.ID == "" {
		return errNoID
	}
	return nil
}

// sipWebhookEvents are the documented SIP call events.
var sipWebhookEvents = []WebhookEventType{
	WebhookCallStarted, WebhookCallRinging, WebhookCallAnswered, WebhookCallMissed, WebhookCallHangup,
	WebhookCallUpdate, WebhookCallTransferInitiated, WebhookCallTransferAccepted, WebhookCallTransferring,
	WebhookCallTransferRinging, WebhookCallTransferFailed, WebhookCallTransferred,
	WebhookSwitchRoomInitiated, WebhookSwitchRoomCompleted, WebhookSwitchRoomFailed,
}

// SIPWebhookEvents returns the documented SIP call events, the values a
// SIP webhook subscribes to (a new slice on every call).
func SIPWebhookEvents() []WebhookEventType { return slices.Clone(sipWebhookEvents) }

// SIPWebhookParams is the body of SIP.Webhooks.Create and Update: both
// fields are required, in an update too (it replaces the subscription).
type SIPWebhookParams struct {
	// URL receives the deliveries: an absolute http or https URL.
	URL string `json:"url"`
	// Events are the call events to send (see SIPWebhookEvents); at least one.
	Events []WebhookEventType `json:"events"`
}

func (p *SIPWebhookParams) check() error {
	if err := checkHTTPURL("url", p.URL); err != nil {
		return err
	}
	if len(p.Events) == 0 {
		return invalidParams("events needs at least one event (see SIPWebhookEvents)")
	}
	for _, e := range p.Events {
		if strings.TrimSpace(string(e)) == "" || strings.ContainsAny(string(e), " \t\r\n,*") {
			return invalidParams("events: %q is not an event name", e)
		}
	}
	return nil
}

// ListSIPWebhooksParams selects webhooks for List and All.
type ListSIPWebhooksParams struct {
	ListOptions
	// Search matches the URL.
	Search string
}

func (p ListSIPWebhooksParams) values() url.Values {
	return setQuery(p.ListOptions.values(nil), "search", p.Search)
}

const sipWebhooksPath = "/v2/sip/webhooks"

// Create subscribes a URL to SIP call events.
//
// API: POST /v2/sip/webhooks
func (s *SIPWebhooksService) Create(ctx context.Context, p SIPWebhookParams) (*SIPWebhook, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPWebhook](ctx, s.client, "POST", sipWebhooksPath, nil, p, "data")
}

// List returns one page of SIP webhooks.
//
// API: GET /v2/sip/webhooks
func (s *SIPWebhooksService) List(ctx context.Context, p ListSIPWebhooksParams) (*Page[SIPWebhook], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[SIPWebhook](ctx, s.client, sipWebhooksPath, p.values(), "")
}

// All iterates over every SIP webhook, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/sip/webhooks
func (s *SIPWebhooksService) All(ctx context.Context, p ListSIPWebhooksParams) iter.Seq2[SIPWebhook, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[SIPWebhook], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a SIP webhook by id.
//
// API: GET /v2/sip/webhooks/{webhookId}
func (s *SIPWebhooksService) Get(ctx context.Context, webhookID string) (*SIPWebhook, error) {
	path, err := sipIDPath(sipWebhooksPath, "webhookID", webhookID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[SIPWebhook](ctx, s.client, "GET", path, nil, nil, "data")
}

// Update replaces a SIP webhook's URL and events (both required) and
// returns it.
//
// API: PATCH /v2/sip/webhooks/{webhookId}
func (s *SIPWebhooksService) Update(ctx context.Context, webhookID string, p SIPWebhookParams) (*SIPWebhook, error) {
	path, err := sipIDPath(sipWebhooksPath, "webhookID", webhookID)
	if err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPWebhook](ctx, s.client, "PATCH", path, nil, p, "data")
}

// Delete deletes a SIP webhook.
//
// API: DELETE /v2/sip/webhooks/{webhookId}
func (s *SIPWebhooksService) Delete(ctx context.Context, webhookID string) (*MessageResponse, error) {
	path, err := sipIDPath(sipWebhooksPath, "webhookID", webhookID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}

// IsSIPEvent reports whether the event is one of the documented SIP call
// events (call-*, switch-room-*).
func (e *WebhookEvent) IsSIPEvent() bool { return slices.Contains(sipWebhookEvents, e.Type) }

// SIPCall decodes the call a SIP webhook delivery is about (its "data": the
// call's fields, the SDK's reading of an undocumented payload). It fails
// with a *ResponseError (ErrInvalidResponse) when the data is not a call
// object with an id.
func (e *WebhookEvent) SIPCall() (*SIPCall, error) {
	c := new(SIPCall)
	if err := (&unwrapped[SIPCall]{out: c}).decodeAnswer(e.RawData); err != nil {
		return nil, &ResponseError{StatusCode: 200, Method: "POST", Path: "webhook " + string(e.Type), Reason: "SIP call webhook: " + err.Error(), Err: err}
	}
	return c, nil
}
