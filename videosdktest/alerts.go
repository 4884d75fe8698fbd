package videosdktest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

type alertRule struct {
	id, name, severity, description, domain, status string
	ruleConfig                                      json.RawMessage
	channelIDs                                      []string
	version                                         int
	lastTriggered                                   *time.Time
	createdAt, updatedAt                            time.Time
	deleted                                         bool
}

type channel struct {
	id, name, typ        string
	config               json.RawMessage
	createdAt, updatedAt time.Time
	deleted              bool
}

type incident struct {
	id, ruleID, metric, domain, status, severity, alertName, description string
	firedAt, createdAt, updatedAt                                        time.Time
	acknowledgedAt, resolvedAt                                           *time.Time
	events                                                               []incidentEvent
	deleted                                                              bool
}

// incidentEvent is one entry of an incident's timeline. SPEC-PLATFORM
// §21.4 documents events only as a raw array: the fake gives each entry the
// type its example shows and nothing more (no time a test could come to
// depend on).
type incidentEvent struct {
	Type string `json:"type"`
}

// ChannelTest is a test notification sent through POST
// /v2/alertRules/notification-channel/test: nothing is stored or delivered.
type ChannelTest struct {
	Type   string
	Name   string
	Config json.RawMessage
	At     time.Time
}

// ChannelTests returns the test notifications requested so far, in order.
func (s *Server) ChannelTests() []ChannelTest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChannelTest(nil), s.st.plat.tests...)
}

// ---- rules ----

type alertRuleReq struct {
	Name                   *string         `json:"name"`
	Severity               *string         `json:"severity"`
	RuleConfig             json.RawMessage `json:"ruleConfig"`
	Description            *string         `json:"description"`
	Summary                *string         `json:"summary"`
	Enabled                *bool           `json:"enabled"`
	Domain                 *string         `json:"domain"`
	TimeAggregation        *string         `json:"timeAggregation"`
	NotificationChannelIDs []string        `json:"notificationChannelIds"`
}

func checkAlertRuleConfig(raw json.RawMessage) *apiError {
	var rc struct {
		Query     map[string]any `json:"query"`
		Condition *struct {
			Operator  string   `json:"operator"`
			Threshold *float64 `json:"threshold"`
		} `json:"condition"`
	}
	if json.Unmarshal(raw, &rc) != nil {
		return badRequest("%q must be an object.", "ruleConfig")
	}
	if m, _ := rc.Query["metric"].(string); strings.TrimSpace(m) == "" {
		return badRequest("%q is required.", "ruleConfig.query.metric")
	}
	if rc.Condition == nil || rc.Condition.Threshold == nil {
		return badRequest("%q needs an operator and a threshold.", "ruleConfig.condition")
	}
	return oneOfStr("ruleConfig.condition.operator", cmp(rc.Condition.Operator, "?"), ">", "<", "=", "!=")
}

// apply copies q into rl and checks it.
func (s *Server) applyAlertRule(q *alertRuleReq, rl *alertRule) *apiError {
	if q.Name != nil {
		rl.name = *q.Name
	}
	if q.Severity != nil {
		rl.severity = *q.Severity
	}
	if q.Description != nil {
		rl.description = *q.Description
	}
	if q.Domain != nil {
		rl.domain = *q.Domain
	}
	if q.Enabled != nil {
		rl.status = map[bool]string{true: "active", false: "paused"}[*q.Enabled]
	}
	if !isNull(q.RuleConfig) {
		if e := checkAlertRuleConfig(q.RuleConfig); e != nil {
			return e
		}
		rl.ruleConfig = q.RuleConfig
	}
	if q.NotificationChannelIDs != nil {
		for _, id := range q.NotificationChannelIDs {
			if c := s.st.plat.channelBy[id]; c == nil || c.deleted {
				return notFound("Notification channel", id)
			}
		}
		rl.channelIDs = q.NotificationChannelIDs
	}
	if e := need("name", rl.name); e != nil {
		return e
	}
	if e := need("severity", rl.severity); e != nil {
		return e
	}
	if e := oneOfStr("severity", rl.severity, "info", "warning", "critical"); e != nil {
		return e
	}
	if rl.ruleConfig == nil {
		return badRequest("%q is required.", "ruleConfig")
	}
	return oneOfStr("domain", rl.domain, "rtc", "agent")
}

type alertRuleJSON struct {
	AlertRuleID            string          `json:"alertRuleId"`
	Name                   string          `json:"name"`
	Severity               string          `json:"severity"`
	Description            string          `json:"description"`
	Domain                 string          `json:"domain"`
	RuleConfig             json.RawMessage `json:"ruleConfig"`
	NotificationChannelIDs []string        `json:"notificationChannelIds"`
	Status                 string          `json:"status"`
	Version                int             `json:"version"`
	LastTriggered          json.RawMessage `json:"lastTriggered"`
	CreatedAt              string          `json:"createdAt"`
	UpdatedAt              string          `json:"updatedAt"`
}

func alertRuleView(rl *alertRule) alertRuleJSON {
	ids := rl.channelIDs
	if ids == nil {
		ids = []string{}
	}
	return alertRuleJSON{AlertRuleID: rl.id, Name: rl.name, Severity: rl.severity, Description: rl.description, Domain: rl.domain,
		RuleConfig: rl.ruleConfig, NotificationChannelIDs: ids, Status: rl.status, Version: rl.version,
		LastTriggered: isoOrNull(rl.lastTriggered), CreatedAt: iso(rl.createdAt), UpdatedAt: iso(rl.updatedAt)}
}

type alertRuleAnswer struct {
	AlertRule alertRuleJSON `json:"alertRule"`
}

func (s *Server) createAlertRule(r *http.Request) (any, *apiError) {
	var q alertRuleReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	now := s.st.clock()
	rl := &alertRule{id: s.st.objectID(), domain: "rtc", status: "active", version: 1, createdAt: now, updatedAt: now}
	if e := s.applyAlertRule(&q, rl); e != nil {
		return nil, e
	}
	pf := &s.st.plat
	if pf.ruleBy == nil {
		pf.ruleBy = map[string]*alertRule{}
	}
	pf.rules = append(pf.rules, rl)
	pf.ruleBy[rl.id] = rl
	return alertRuleAnswer{alertRuleView(rl)}, nil
}

func (s *Server) lookupAlertRule(id string) (*alertRule, *apiError) {
	rl := s.st.plat.ruleBy[id]
	if rl == nil || rl.deleted {
		return nil, notFound("Alert rule", id)
	}
	return rl, nil
}

func (s *Server) listAlertRules(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	domain := cmp(q.Get("domain"), "rtc") // the server lists rtc rules unless asked
	keep := func(rl *alertRule) bool {
		return !rl.deleted && rl.domain == domain && (q.Get("status") == "" || q.Get("status") == rl.status)
	}
	items, info := newestPage(s.st.plat.rules, keep, page, perPage)
	out := make([]alertRuleJSON, 0, len(items))
	for _, rl := range items {
		out = append(out, alertRuleView(rl))
	}
	return listEnvelope{PageInfo: info, Data: out}, nil
}

func (s *Server) getAlertRule(r *http.Request) (any, *apiError) {
	rl, e := s.lookupAlertRule(pathID(r))
	if e != nil {
		return nil, e
	}
	return alertRuleAnswer{alertRuleView(rl)}, nil
}

func (s *Server) updateAlertRule(r *http.Request) (any, *apiError) {
	rl, e := s.lookupAlertRule(pathID(r))
	if e != nil {
		return nil, e
	}
	var q alertRuleReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	cp := *rl
	if e := s.applyAlertRule(&q, &cp); e != nil {
		return nil, e
	}
	*rl = cp
	rl.version++
	rl.updatedAt = s.st.clock()
	return alertRuleAnswer{alertRuleView(rl)}, nil
}

func (s *Server) deleteAlertRule(r *http.Request) (any, *apiError) {
	rl, e := s.lookupAlertRule(pathID(r))
	if e != nil {
		return nil, e
	}
	rl.deleted = true
	return messageAnswer{"Alert rule deleted"}, nil
}

// ---- channels ----

type channelReq struct {
	Type   *string         `json:"type"`
	Name   *string         `json:"name"`
	Config json.RawMessage `json:"config"`
}

func checkChannel(typ string, config json.RawMessage) *apiError {
	if e := need("type", typ); e != nil {
		return e
	}
	if e := oneOfStr("type", typ, "webhook", "slack", "email", "pagerduty", "on_call"); e != nil {
		return e
	}
	var cfg map[string]any
	if isNull(config) || json.Unmarshal(config, &cfg) != nil || len(cfg) == 0 {
		return badRequest("%q is required.", "config")
	}
	switch typ {
	case "webhook":
		if ep, _ := cfg["endpoint"].(string); !strings.HasPrefix(ep, "http://") && !strings.HasPrefix(ep, "https://") {
			return badRequest("%q must be an http(s) URL.", "config.endpoint")
		}
	case "slack":
		if t, _ := cfg["botToken"].(string); t == "" {
			return badRequest("%q is required.", "config.botToken")
		}
		if c, _ := cfg["channelId"].(string); c == "" {
			return badRequest("%q is required.", "config.channelId")
		}
	case "email":
		if to, _ := cfg["to"].([]any); len(to) == 0 {
			return badRequest("%q is required.", "config.to")
		}
	}
	return nil
}

type channelJSON struct {
	ChannelID string          `json:"channelId"`
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	Config    json.RawMessage `json:"config"`
	CreatedAt string          `json:"createdAt"`
	UpdatedAt string          `json:"updatedAt"`
}

func channelView(c *channel) channelJSON {
	return channelJSON{c.id, c.name, c.typ, c.config, iso(c.createdAt), iso(c.updatedAt)}
}

type channelAnswer struct {
	Channel channelJSON `json:"channel"`
}

func (s *Server) createChannel(r *http.Request) (any, *apiError) {
	var q channelReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	typ := ""
	if q.Type != nil {
		typ = *q.Type
	}
	if e := checkChannel(typ, q.Config); e != nil {
		return nil, e
	}
	now := s.st.clock()
	c := &channel{id: s.st.objectID(), typ: typ, config: q.Config, createdAt: now, updatedAt: now}
	if q.Name != nil {
		c.name = *q.Name
	}
	pf := &s.st.plat
	if pf.channelBy == nil {
		pf.channelBy = map[string]*channel{}
	}
	pf.channels = append(pf.channels, c)
	pf.channelBy[c.id] = c
	return channelAnswer{channelView(c)}, nil
}

func (s *Server) testChannel(r *http.Request) (any, *apiError) {
	var q channelReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	typ, name := "", ""
	if q.Type != nil {
		typ = *q.Type
	}
	if q.Name != nil {
		name = *q.Name
	}
	if e := checkChannel(typ, q.Config); e != nil {
		return nil, e
	}
	s.st.plat.tests = append(s.st.plat.tests, ChannelTest{Type: typ, Name: name, Config: q.Config, At: s.st.clock()})
	return channelTestAnswer{Success: true, Message: "Test notification sent"}, nil
}

// channelTestAnswer is the documented answer of a channel test (§21.2).
type channelTestAnswer struct {
	Success bool   `json:"success"`
	Message string `json:"message"`
}

func (s *Server) lookupChannel(id string) (*channel, *apiError) {
	c := s.st.plat.channelBy[id]
	if c == nil || c.deleted {
		return nil, notFound("Notification channel", id)
	}
	return c, nil
}

func (s *Server) listChannels(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	items, info := newestPage(s.st.plat.channels, func(c *channel) bool { return !c.deleted }, page, perPage)
	out := make([]channelJSON, 0, len(items))
	for _, c := range items {
		out = append(out, channelView(c))
	}
	return listEnvelope{PageInfo: info, Data: out}, nil
}

func (s *Server) getChannel(r *http.Request) (any, *apiError) {
	c, e := s.lookupChannel(pathID(r))
	if e != nil {
		return nil, e
	}
	return channelAnswer{channelView(c)}, nil
}

func (s *Server) updateChannel(r *http.Request) (any, *apiError) {
	c, e := s.lookupChannel(pathID(r))
	if e != nil {
		return nil, e
	}
	var q channelReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	typ, cfg := c.typ, c.config
	if q.Type != nil {
		typ = *q.Type
	}
	if !isNull(q.Config) {
		cfg = q.Config
	}
	if e := checkChannel(typ, cfg); e != nil {
		return nil, e
	}
	c.typ, c.config, c.updatedAt = typ, cfg, s.st.clock()
	if q.Name != nil {
		c.name = *q.Name
	}
	return channelAnswer{channelView(c)}, nil
}

func (s *Server) deleteChannel(r *http.Request) (any, *apiError) {
	c, e := s.lookupChannel(pathID(r))
	if e != nil {
		return nil, e
	}
	c.deleted = true
	return messageAnswer{"Notification channel deleted"}, nil
}

// ---- metrics: canned answers (their shapes are undocumented) ----

// metricGroup is one category of the metrics catalog.
type metricGroup struct {
	Category string   `json:"category"`
	Metrics  []string `json:"metrics"`
}

// rtcCatalog is the catalog the fake answers for the rtc domain: the one
// category the documented example shows (the fake's choice to stop there:
// the real catalog is undocumented beyond it).
var rtcCatalog = []metricGroup{{Category: "network", Metrics: []string{"packet_loss", "jitter"}}}

// metricCategoryOf is the catalog category of an rtc metric, "" for a
// metric the catalog does not list.
func metricCategoryOf(domain, metric string) string {
	if domain != "rtc" {
		return ""
	}
	for _, g := range rtcCatalog {
		if slices.Contains(g.Metrics, metric) {
			return g.Category
		}
	}
	return ""
}

func (s *Server) metricsCatalog(r *http.Request) (any, *apiError) {
	domain := r.URL.Query().Get("domain")
	if e := oneOfStr("domain", domain, "rtc", "agent"); e != nil {
		return nil, e
	}
	if domain == "agent" {
		return dataAnswer{[]metricGroup{}}, nil // agent metrics are undocumented
	}
	return dataAnswer{rtcCatalog}, nil
}

func (s *Server) metricsModels(r *http.Request) (any, *apiError) {
	if e := need("metric", r.URL.Query().Get("metric")); e != nil {
		return nil, e
	}
	return dataAnswer{[]any{}}, nil
}

func (s *Server) metricsQuery(r *http.Request) (any, *apiError) {
	if e := need("metric", r.URL.Query().Get("metric")); e != nil {
		return nil, e
	}
	return dataAnswer{[]any{}}, nil
}

// metricsParticipantCount counts the participants in live sessions.
func (s *Server) metricsParticipantCount(r *http.Request) (any, *apiError) {
	if e := need("metric", r.URL.Query().Get("metric")); e != nil {
		return nil, e
	}
	n := 0
	for _, rm := range s.st.rooms {
		if rm.live != nil {
			n += len(rm.live.activeParticipants())
		}
	}
	return struct {
		ParticipantCount int `json:"participantCount"`
	}{n}, nil
}

// ---- incidents ----

type incidentJSON struct {
	IncidentID     string          `json:"incidentId"`
	AlertRuleID    string          `json:"alertRuleId"`
	Metric         string          `json:"metric"`
	MetricCategory string          `json:"metricCategory,omitempty"`
	Domain         string          `json:"domain"`
	Status         string          `json:"status"`
	Severity       string          `json:"severity"`
	AlertName      string          `json:"alertName"`
	Description    string          `json:"description"`
	FiredAt        string          `json:"firedAt"`
	AcknowledgedAt json.RawMessage `json:"acknowledgedAt"`
	ResolvedAt     json.RawMessage `json:"resolvedAt"`
	Events         []incidentEvent `json:"events"`
	CreatedAt      string          `json:"createdAt"`
	UpdatedAt      string          `json:"updatedAt"`
}

func incidentView(in *incident) incidentJSON {
	return incidentJSON{IncidentID: in.id, AlertRuleID: in.ruleID, Metric: in.metric,
		MetricCategory: metricCategoryOf(in.domain, in.metric), Domain: in.domain, Status: in.status,
		Severity: in.severity, AlertName: in.alertName, Description: in.description, FiredAt: iso(in.firedAt),
		AcknowledgedAt: isoOrNull(in.acknowledgedAt), ResolvedAt: isoOrNull(in.resolvedAt), Events: in.events,
		CreatedAt: iso(in.createdAt), UpdatedAt: iso(in.updatedAt)}
}

// ErrUnknownRule is returned by RaiseIncident for an alert rule id the
// fake does not hold.
var ErrUnknownRule = errors.New("videosdktest: unknown alert rule")

// RaiseIncident fires an alert rule as the real evaluator does when its
// condition holds: it opens an incident (status open), sets the rule's
// lastTriggered and sends "alert-fired" (data: the incident) to each of the
// rule's webhook channels. It returns the incident id. The same is
// available to other processes as POST /_fake/incidents/raise
// {"alertRuleId": …}.
func (s *Server) RaiseIncident(alertRuleID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	rl, e := s.lookupAlertRule(alertRuleID)
	if e != nil {
		return "", fmt.Errorf("%w: %q", ErrUnknownRule, alertRuleID)
	}
	now := s.st.clock()
	var rc struct {
		Query map[string]any `json:"query"`
	}
	_ = json.Unmarshal(rl.ruleConfig, &rc)
	metric, _ := rc.Query["metric"].(string)
	in := &incident{id: s.st.objectID(), ruleID: rl.id, metric: metric, domain: rl.domain, status: "open", severity: rl.severity,
		alertName: rl.name, description: rl.description, firedAt: now, createdAt: now, updatedAt: now,
		events: []incidentEvent{{Type: "fired"}}}
	pf := &s.st.plat
	if pf.incidentBy == nil {
		pf.incidentBy = map[string]*incident{}
	}
	pf.incidents = append(pf.incidents, in)
	pf.incidentBy[in.id] = in
	rl.lastTriggered = &now
	for _, id := range rl.channelIDs {
		c := pf.channelBy[id]
		if c == nil || c.deleted || c.typ != "webhook" {
			continue
		}
		var cfg struct {
			Endpoint string `json:"endpoint"`
		}
		if json.Unmarshal(c.config, &cfg) == nil {
			s.emitProduct(cfg.Endpoint, alertFired, incidentView(in))
		}
	}
	return in.id, nil
}

// alertFired is the event the fake sends to webhook channels when an
// incident opens (its name and payload are undocumented: a guess).
const alertFired videosdk.WebhookEventType = "alert-fired"

func (s *Server) controlRaiseIncident(r *http.Request) (any, *apiError) {
	var b struct {
		AlertRuleID string `json:"alertRuleId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("alertRuleId", b.AlertRuleID); e != nil {
		return nil, e
	}
	id, err := s.RaiseIncident(b.AlertRuleID)
	if err != nil {
		return nil, notFound("Alert rule", b.AlertRuleID)
	}
	return struct {
		IncidentID string `json:"incidentId"`
	}{id}, nil
}

func (s *Server) lookupIncident(id string) (*incident, *apiError) {
	in := s.st.plat.incidentBy[id]
	if in == nil || in.deleted {
		return nil, notFound("Incident", id)
	}
	return in, nil
}

func (s *Server) listIncidents(r *http.Request) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	if e := oneOfStr("status", q.Get("status"), "open", "acknowledged", "resolved"); e != nil {
		return nil, e
	}
	domain := cmp(q.Get("domain"), "rtc")
	text := strings.ToLower(q.Get("query"))
	keep := func(in *incident) bool {
		return !in.deleted && in.domain == domain &&
			(q.Get("status") == "" || q.Get("status") == in.status) &&
			(q.Get("severity") == "" || q.Get("severity") == in.severity) &&
			(q.Get("metricCategory") == "" || q.Get("metricCategory") == metricCategoryOf(in.domain, in.metric)) &&
			(text == "" || strings.Contains(strings.ToLower(in.alertName+" "+in.metric+" "+in.description), text))
	}
	items, info := newestPage(s.st.plat.incidents, keep, page, perPage)
	out := make([]incidentJSON, 0, len(items))
	for _, in := range items {
		out = append(out, incidentView(in))
	}
	return listEnvelope{PageInfo: info, Data: out}, nil
}

func (s *Server) getIncident(r *http.Request) (any, *apiError) {
	in, e := s.lookupIncident(pathID(r))
	if e != nil {
		return nil, e
	}
	return incidentView(in), nil
}

func (s *Server) acknowledgeIncident(r *http.Request) (any, *apiError) {
	in, e := s.lookupIncident(pathID(r))
	if e != nil {
		return nil, e
	}
	if in.status != "open" {
		return nil, badRequest("Incident %q is %s: only open incidents can be acknowledged.", in.id, in.status)
	}
	now := s.st.clock()
	in.status, in.acknowledgedAt, in.updatedAt = "acknowledged", &now, now
	in.events = append(in.events, incidentEvent{Type: "acknowledged"})
	return incidentView(in), nil
}

func (s *Server) resolveIncident(r *http.Request) (any, *apiError) {
	in, e := s.lookupIncident(pathID(r))
	if e != nil {
		return nil, e
	}
	if in.status == "resolved" {
		return nil, badRequest("Incident %q is already resolved.", in.id)
	}
	now := s.st.clock()
	in.status, in.resolvedAt, in.updatedAt = "resolved", &now, now
	in.events = append(in.events, incidentEvent{Type: "resolved"})
	return incidentView(in), nil
}

func (s *Server) deleteIncident(r *http.Request) (any, *apiError) {
	in, e := s.lookupIncident(pathID(r))
	if e != nil {
		return nil, e
	}
	in.deleted = true
	return messageAnswer{"Incident deleted"}, nil
}
