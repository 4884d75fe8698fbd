package videosdktest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

// sipWebhook is a SIP webhook subscription.
type sipWebhook struct {
	id, url              string
	events               []string
	createdAt, updatedAt time.Time
}

func sipWebhookView(w *sipWebhook) any {
	return struct {
		ID        string   `json:"id"`
		URL       string   `json:"url"`
		Events    []string `json:"events"`
		CreatedAt string   `json:"createdAt"`
		UpdatedAt string   `json:"updatedAt"`
	}{w.id, w.url, w.events, iso(w.createdAt), iso(w.updatedAt)}
}

// sipEvents are the documented SIP call events; others are refused.
var sipEvents = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range videosdk.SIPWebhookEvents() {
		m[string(e)] = true
	}
	return m
}()

type sipWebhookBody struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

func (b *sipWebhookBody) check() *apiError {
	if e := need("url", b.URL); e != nil {
		return e
	}
	if u, err := url.Parse(b.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return sipBadRequest("%q must be an absolute http or https URL.", "url")
	}
	if len(b.Events) == 0 {
		return sipBadRequest("%q needs at least one event.", "events")
	}
	for _, e := range b.Events {
		if !sipEvents[e] {
			return sipBadRequest("%q: unknown event %q.", "events", e)
		}
	}
	return nil
}

func (s *Server) createSIPWebhook(r *http.Request) (any, *apiError) {
	var b sipWebhookBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := b.check(); e != nil {
		return nil, e
	}
	now := s.st.clock()
	w := &sipWebhook{id: s.st.objectID(), url: b.URL, events: slices.Clone(b.Events), createdAt: now, updatedAt: now}
	sp := s.sip()
	sp.webhooks = insertByTime(sp.webhooks, w, func(w *sipWebhook) time.Time { return w.createdAt })
	sp.webhookBy[w.id] = w
	return sipWebhookView(w), nil
}

func (s *Server) lookupSIPWebhook(id string) (*sipWebhook, *apiError) {
	if w := s.sip().webhookBy[id]; w != nil {
		return w, nil
	}
	return nil, notFound("Webhook", id)
}

func (s *Server) listSIPWebhooks(r *http.Request) (any, *apiError) {
	search := r.URL.Query().Get("search")
	return sipPage(r, s.sip().webhooks, func(w *sipWebhook) bool {
		return search == "" || strings.Contains(strings.ToLower(w.url), strings.ToLower(search))
	}, func(w *sipWebhook) any { return sipWebhookView(w) })
}

func (s *Server) getSIPWebhook(r *http.Request) (any, *apiError) {
	w, e := s.lookupSIPWebhook(r.PathValue("webhookId"))
	if e != nil {
		return nil, e
	}
	return sipWebhookView(w), nil
}

func (s *Server) updateSIPWebhook(r *http.Request) (any, *apiError) {
	w, e := s.lookupSIPWebhook(r.PathValue("webhookId"))
	if e != nil {
		return nil, e
	}
	var b sipWebhookBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := b.check(); e != nil {
		return nil, e
	}
	w.url, w.events, w.updatedAt = b.URL, slices.Clone(b.Events), s.st.clock()
	return sipWebhookView(w), nil
}

func (s *Server) deleteSIPWebhook(r *http.Request) (any, *apiError) {
	w, e := s.lookupSIPWebhook(r.PathValue("webhookId"))
	if e != nil {
		return nil, e
	}
	sp := s.sip()
	delete(sp.webhookBy, w.id)
	sp.webhooks = slices.DeleteFunc(sp.webhooks, func(x *sipWebhook) bool { return x == w })
	return message("Webhook deleted successfully."), nil
}

// emitCall queues event ev about call c for every SIP webhook subscribed to
// it: {"webhookType": ev, "data": <the call as GET /v2/sip/call/{id} shows
// it>}, signed like every delivery. The payload is undocumented; this shape
// is the fake's choice (SPEC-PLATFORM §15.6).
func (s *Server) emitCall(c *sipCall, ev videosdk.WebhookEventType) {
	if s.st.sip == nil {
		return
	}
	var body []byte
	for _, w := range s.st.sip.webhooks {
		if !slices.Contains(w.events, string(ev)) {
			continue
		}
		if body == nil {
			b, err := json.Marshal(struct {
				WebhookType videosdk.WebhookEventType `json:"webhookType"`
				Data        callJSON                  `json:"data"`
			}{ev, callView(c)})
			if err != nil {
				return
			}
			body = b
		}
		s.hooks.enqueue(Delivery{URL: w.url, Type: ev, Body: body})
	}
}
