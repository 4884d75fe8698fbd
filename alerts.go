package videosdk

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"sort"
	"strings"
	"time"
)

// AlertsService manages alerting (SPEC-PLATFORM §21): alert rules over
// quality metrics, the channels that notify, metric helpers and the
// incidents a rule opens when its condition holds.
type AlertsService struct {
	Rules     *AlertRulesService
	Channels  *AlertChannelsService
	Metrics   *AlertMetricsService
	Incidents *IncidentsService
}

// AlertRulesService manages alert rules.
type AlertRulesService service

// AlertChannelsService manages notification channels.
type AlertChannelsService service

// AlertMetricsService reads the metrics rules can watch. Its answers are
// undocumented and returned as sent.
type AlertMetricsService service

// IncidentsService lists incidents and acknowledges or resolves them.
type IncidentsService service

// AlertSeverity is a rule's or incident's severity.
type AlertSeverity string

// Severities.
const (
	SeverityInfo     AlertSeverity = "info"
	SeverityWarning  AlertSeverity = "warning"
	SeverityCritical AlertSeverity = "critical"
)

// AlertDomain is what a rule watches. Lists default to rtc on the server:
// pass AlertDomainAgent to see agent rules and incidents.
type AlertDomain string

// Domains.
const (
	AlertDomainRTC   AlertDomain = "rtc"
	AlertDomainAgent AlertDomain = "agent"
)

// AlertRuleStatus is active or paused (set through Enabled).
type AlertRuleStatus string

// Rule statuses.
const (
	AlertRuleActive AlertRuleStatus = "active"
	AlertRulePaused AlertRuleStatus = "paused"
)

// ChannelType is a notification channel's kind.
type ChannelType string

// Channel types.
const (
	ChannelWebhook   ChannelType = "webhook"
	ChannelSlack     ChannelType = "slack"
	ChannelEmail     ChannelType = "email"
	ChannelPagerDuty ChannelType = "pagerduty"
	ChannelOnCall    ChannelType = "on_call"
)

// IncidentStatus is an incident's state: open → acknowledged → resolved,
// or open → resolved.
type IncidentStatus string

// Incident statuses.
const (
	IncidentOpen         IncidentStatus = "open"
	IncidentAcknowledged IncidentStatus = "acknowledged"
	IncidentResolved     IncidentStatus = "resolved"
)

// AlertOperator compares a metric with a threshold.
type AlertOperator string

// Operators.
const (
	OpGreater  AlertOperator = ">"
	OpLess     AlertOperator = "<"
	OpEqual    AlertOperator = "="
	OpNotEqual AlertOperator = "!="
)

// AlertCondition fires a rule when the metric compares true.
type AlertCondition struct {
	Operator  AlertOperator `json:"operator"`
	Threshold float64       `json:"threshold"`
}

// AbsentDataAlert fires when the metric reports nothing.
type AbsentDataAlert struct {
	Enabled    bool `json:"enabled"`
	ForSeconds int  `json:"forSeconds,omitempty"`
}

// RuleConfig is a rule's query and condition. Query must hold "metric";
// Evaluation's shape is undocumented. Extra holds any other keys, sent and
// decoded as they are.
type RuleConfig struct {
	Query           map[string]any   `json:"query"`
	Condition       AlertCondition   `json:"condition"`
	Labels          map[string]any   `json:"labels,omitempty"`
	Evaluation      map[string]any   `json:"evaluation,omitempty"`
	AbsentDataAlert *AbsentDataAlert `json:"absentDataAlert,omitempty"`
	Extra           map[string]any   `json:"-"`
}

type ruleConfigFields RuleConfig

var ruleConfigKeys = map[string]bool{"query": true, "condition": true, "labels": true, "evaluation": true, "absentDataAlert": true}

// MarshalJSON sends the typed fields and Extra.
func (r RuleConfig) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(ruleConfigFields(r))
	if err != nil || len(r.Extra) == 0 {
		return b, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range r.Extra {
		if !ruleConfigKeys[k] {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON keeps unknown keys in Extra.
func (r *RuleConfig) UnmarshalJSON(b []byte) error {
	var f ruleConfigFields
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	var all map[string]any
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for k, v := range all {
		if !ruleConfigKeys[k] {
			if f.Extra == nil {
				f.Extra = map[string]any{}
			}
			f.Extra[k] = v
		}
	}
	*r = RuleConfig(f)
	return nil
}

func (r *RuleConfig) check() error {
	m, ok := r.Query["metric"].(string)
	if !ok || strings.TrimSpace(m) == "" {
		return invalidParams("ruleConfig.query.metric is required")
	}
	if err := required("ruleConfig.condition.operator", string(r.Condition.Operator)); err != nil {
		return err
	}
	return oneOf("ruleConfig.condition.operator", r.Condition.Operator, OpGreater, OpLess, OpEqual, OpNotEqual)
}

// AlertRule is an alert rule. ID is the wire's alertRuleId.
type AlertRule struct {
	ID                     string          `json:"alertRuleId"`
	UserID                 string          `json:"userId,omitempty"`
	Name                   string          `json:"name"`
	Severity               AlertSeverity   `json:"severity"`
	Description            string          `json:"description,omitempty"`
	Summary                string          `json:"summary,omitempty"`
	Domain                 AlertDomain     `json:"domain,omitempty"`
	RuleConfig             RuleConfig      `json:"ruleConfig"`
	NotificationChannelIDs []string        `json:"notificationChannelIds"`
	NotificationChannels   json.RawMessage `json:"notificationChannels,omitempty"`
	Status                 AlertRuleStatus `json:"status"`
	Version                int             `json:"version,omitempty"`
	LastTriggered          *time.Time      `json:"lastTriggered"`
	CreatedAt              time.Time       `json:"createdAt,omitzero"`
	UpdatedAt              time.Time       `json:"updatedAt,omitzero"`
	// AltID is the "id" some answers carry beside alertRuleId.
	AltID string `json:"id,omitempty"`
}

func (r *AlertRule) normalize() { setIfEmpty(&r.ID, r.AltID) }

func (r *AlertRule) validResponse() error {
	if r.ID == "" {
		return errMissingID("alert rule")
	}
	return nil
}

// CreateAlertRuleParams is the body of Alerts.Rules.Create.
type CreateAlertRuleParams struct {
	Name       string        `json:"name"`
	Severity   AlertSeverity `json:"severity"`
	RuleConfig RuleConfig    `json:"ruleConfig"`
	// Description is stored; Summary goes into the alert and is not stored.
	Description string `json:"description,omitempty"`
	Summary     string `json:"summary,omitempty"`
	// Enabled false creates a paused rule.
	Enabled *bool       `json:"enabled,omitempty"`
	Domain  AlertDomain `json:"domain,omitempty"`
	// TimeAggregation is used to build the query and not stored.
	TimeAggregation        string   `json:"timeAggregation,omitempty"`
	NotificationChannelIDs []string `json:"notificationChannelIds,omitempty"`
}

func checkSeverity(s AlertSeverity) error {
	return oneOf("severity", s, SeverityInfo, SeverityWarning, SeverityCritical)
}

func checkDomain(d AlertDomain) error { return oneOf("domain", d, AlertDomainRTC, AlertDomainAgent) }

// Create creates an alert rule.
//
// API: POST /v2/alertRules
func (s *AlertRulesService) Create(ctx context.Context, p CreateAlertRuleParams) (*AlertRule, error) {
	if err := required("name", p.Name); err != nil {
		return nil, err
	}
	if err := required("severity", string(p.Severity)); err != nil {
		return nil, err
	}
	if err := checkSeverity(p.Severity); err != nil {
		return nil, err
	}
	if err := checkDomain(p.Domain); err != nil {
		return nil, err
	}
	if err := p.RuleConfig.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[AlertRule](ctx, s.client, "POST", "/v2/alertRules", nil, p, "alertRule")
}

// ListAlertRulesParams filters Alerts.Rules.List.
type ListAlertRulesParams struct {
	ListOptions
	Region         string
	Status         AlertRuleStatus
	MetricCategory string
	Domain         AlertDomain
}

// List returns one page of alert rules.
//
// API: GET /v2/alertRules
func (s *AlertRulesService) List(ctx context.Context, p ListAlertRulesParams) (*Page[AlertRule], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	if err := oneOf("status", p.Status, AlertRuleActive, AlertRulePaused); err != nil {
		return nil, err
	}
	if err := checkDomain(p.Domain); err != nil {
		return nil, err
	}
	v := p.ListOptions.values(nil)
	v = setQuery(v, "region", p.Region)
	v = setQuery(v, "status", string(p.Status))
	v = setQuery(v, "metricCategory", p.MetricCategory)
	v = setQuery(v, "domain", string(p.Domain))
	return listUnwrapped[AlertRule](ctx, s.client, "/v2/alertRules", v, "")
}

// All iterates over every alert rule, fetching pages lazily.
//
// API: GET /v2/alertRules
func (s *AlertRulesService) All(ctx context.Context, p ListAlertRulesParams) iter.Seq2[AlertRule, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[AlertRule], error) {
		q := p
		q.Page = page
		return s.List(ctx, q)
	})
}

func rulePath(id string) (string, error) {
	return pathf("/v2/alertRules/%s", []string{"alertRuleId"}, id)
}

// Get returns an alert rule.
//
// API: GET /v2/alertRules/{alertRuleId}
func (s *AlertRulesService) Get(ctx context.Context, alertRuleID string) (*AlertRule, error) {
	path, err := rulePath(alertRuleID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[AlertRule](ctx, s.client, "GET", path, nil, nil, "alertRule")
}

// UpdateAlertRuleParams changes a rule; only what is set is sent.
type UpdateAlertRuleParams struct {
	Name                   *string        `json:"name,omitempty"`
	Severity               *AlertSeverity `json:"severity,omitempty"`
	RuleConfig             *RuleConfig    `json:"ruleConfig,omitempty"`
	Description            *string        `json:"description,omitempty"`
	Summary                *string        `json:"summary,omitempty"`
	Enabled                *bool          `json:"enabled,omitempty"`
	Domain                 *AlertDomain   `json:"domain,omitempty"`
	TimeAggregation        *string        `json:"timeAggregation,omitempty"`
	NotificationChannelIDs []string       `json:"notificationChannelIds,omitempty"`
}

// Update changes an alert rule (the server bumps its version).
//
// API: PUT /v2/alertRules/{alertRuleId}
func (s *AlertRulesService) Update(ctx context.Context, alertRuleID string, p UpdateAlertRuleParams) (*AlertRule, error) {
	path, err := rulePath(alertRuleID)
	if err != nil {
		return nil, err
	}
	if p.Name != nil {
		if err := required("name", *p.Name); err != nil {
			return nil, err
		}
	}
	if p.Severity != nil {
		if err := required("severity", string(*p.Severity)); err != nil {
			return nil, err
		}
		if err := checkSeverity(*p.Severity); err != nil {
			return nil, err
		}
	}
	if p.Domain != nil {
		if err := checkDomain(*p.Domain); err != nil {
			return nil, err
		}
	}
	if p.RuleConfig != nil {
		if err := p.RuleConfig.check(); err != nil {
			return nil, err
		}
	}
	return callUnwrapped[AlertRule](ctx, s.client, "PUT", path, nil, p, "alertRule")
}

// Delete deletes an alert rule.
//
// API: DELETE /v2/alertRules/{alertRuleId}
func (s *AlertRulesService) Delete(ctx context.Context, alertRuleID string) (*MessageResponse, error) {
	path, err := rulePath(alertRuleID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}

// ---- notification channels ----

// NotificationChannel is where alerts go. ID is the wire's channelId.
// Config holds secrets (bot tokens, routing keys): %v shows only its keys.
type NotificationChannel struct {
	ID        string        `json:"channelId"`
	UserID    string        `json:"userId,omitempty"`
	Name      string        `json:"name,omitempty"`
	Type      ChannelType   `json:"type"`
	Config    ChannelConfig `json:"config,omitempty"`
	CreatedAt time.Time     `json:"createdAt,omitzero"`
	UpdatedAt time.Time     `json:"updatedAt,omitzero"`
	AltID     string        `json:"id,omitempty"`
}

func (c *NotificationChannel) normalize() { setIfEmpty(&c.ID, c.AltID) }

func (c *NotificationChannel) validResponse() error {
	if c.ID == "" {
		return errMissingID("notification channel")
	}
	return nil
}

// ChannelConfig is a channel's per-type settings: webhook {"endpoint"},
// slack {"botToken", "channelId"}, email {"to": […]}; other types are
// undocumented. Its values may be secrets: formatting it (%v) prints only
// the keys.
type ChannelConfig map[string]any

// Format prints the config's keys, never its values.
func (c ChannelConfig) Format(f fmt.State, _ rune) {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	_, _ = f.Write([]byte("map[" + strings.Join(keys, " ") + "] (values redacted)"))
}

// ChannelParams is the body of Channels.Create and Channels.Test.
type ChannelParams struct {
	Type   ChannelType   `json:"type"`
	Config ChannelConfig `json:"config"`
	Name   string        `json:"name,omitempty"`
}

func (p *ChannelParams) check() error {
	if err := required("type", string(p.Type)); err != nil {
		return err
	}
	if err := oneOf("type", p.Type, ChannelWebhook, ChannelSlack, ChannelEmail, ChannelPagerDuty, ChannelOnCall); err != nil {
		return err
	}
	if len(p.Config) == 0 {
		return invalidParams("config is required")
	}
	if p.Type == ChannelWebhook {
		ep, _ := p.Config["endpoint"].(string)
		if err := checkURL("config.endpoint", ep, true); err != nil {
			return err
		}
	}
	return nil
}

// Create creates a notification channel.
//
// API: POST /v2/alertRules/notification-channel
func (s *AlertChannelsService) Create(ctx context.Context, p ChannelParams) (*NotificationChannel, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[NotificationChannel](ctx, s.client, "POST", "/v2/alertRules/notification-channel", nil, p, "channel")
}

// Test sends a test notification through a channel configuration without
// storing it; the answer is returned as sent.
//
// API: POST /v2/alertRules/notification-channel/test
func (s *AlertChannelsService) Test(ctx context.Context, p ChannelParams) (json.RawMessage, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callRaw(ctx, s.client, "POST", "/v2/alertRules/notification-channel/test", nil, p)
}

// List returns one page of notification channels.
//
// API: GET /v2/alertRules/notification-channel
func (s *AlertChannelsService) List(ctx context.Context, p ListOptions) (*Page[NotificationChannel], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[NotificationChannel](ctx, s.client, "/v2/alertRules/notification-channel", p.values(nil), "")
}

// All iterates over every notification channel, fetching pages lazily.
//
// API: GET /v2/alertRules/notification-channel
func (s *AlertChannelsService) All(ctx context.Context, p ListOptions) iter.Seq2[NotificationChannel, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[NotificationChannel], error) {
		q := p
		q.Page = page
		return s.List(ctx, q)
	})
}

func channelPath(id string) (string, error) {
	return pathf("/v2/alertRules/notification-channel/%s", []string{"channelId"}, id)
}

// Get returns a notification channel.
//
// API: GET /v2/alertRules/notification-channel/{channelId}
func (s *AlertChannelsService) Get(ctx context.Context, channelID string) (*NotificationChannel, error) {
	path, err := channelPath(channelID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[NotificationChannel](ctx, s.client, "GET", path, nil, nil, "channel")
}

// UpdateChannelParams changes a channel; only what is set is sent.
type UpdateChannelParams struct {
	Name   *string       `json:"name,omitempty"`
	Type   *ChannelType  `json:"type,omitempty"`
	Config ChannelConfig `json:"config,omitempty"`
}

// Update changes a notification channel.
//
// API: PUT /v2/alertRules/notification-channel/{channelId}
func (s *AlertChannelsService) Update(ctx context.Context, channelID string, p UpdateChannelParams) (*NotificationChannel, error) {
	path, err := channelPath(channelID)
	if err != nil {
		return nil, err
	}
	if p.Type != nil {
		if err := oneOf("type", *p.Type, ChannelWebhook, ChannelSlack, ChannelEmail, ChannelPagerDuty, ChannelOnCall); err != nil {
			return nil, err
		}
		if *p.Type == "" {
			return nil, invalidParams("type is empty")
		}
	}
	return callUnwrapped[NotificationChannel](ctx, s.client, "PUT", path, nil, p, "channel")
}

// Delete deletes a notification channel.
//
// API: DELETE /v2/alertRules/notification-channel/{channelId}
func (s *AlertChannelsService) Delete(ctx context.Context, channelID string) (*MessageResponse, error) {
	path, err := channelPath(channelID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}

// ---- metrics ----

// Catalog lists the metrics rules can watch, grouped by category (domain
// "" for the server's default).
//
// API: GET /v2/alertRules/metrics/catalog
func (s *AlertMetricsService) Catalog(ctx context.Context, domain AlertDomain) (json.RawMessage, error) {
	if err := checkDomain(domain); err != nil {
		return nil, err
	}
	return callRaw(ctx, s.client, "GET", "/v2/alertRules/metrics/catalog", setQuery(nil, "domain", string(domain)), nil)
}

// Models lists the model options of an agent-domain metric.
//
// API: GET /v2/alertRules/metrics/models
func (s *AlertMetricsService) Models(ctx context.Context, metric string) (json.RawMessage, error) {
	if err := required("metric", metric); err != nil {
		return nil, err
	}
	return callRaw(ctx, s.client, "GET", "/v2/alertRules/metrics/models", url.Values{"metric": {metric}}, nil)
}

// MetricQueryParams is a time-series query.
type MetricQueryParams struct {
	Metric string
	// Window is the query window as the API takes it (e.g. "1h"); optional.
	Window string
}

// Query runs a time-series query.
//
// API: GET /v2/alertRules/metrics
func (s *AlertMetricsService) Query(ctx context.Context, p MetricQueryParams) (json.RawMessage, error) {
	if err := required("metric", p.Metric); err != nil {
		return nil, err
	}
	return callRaw(ctx, s.client, "GET", "/v2/alertRules/metrics", setQuery(url.Values{"metric": {p.Metric}}, "window", p.Window), nil)
}

// ParticipantCount is the answer of Metrics.ParticipantCount.
type ParticipantCount struct {
	ParticipantCount int `json:"participantCount"`
	// Raw is the whole answer, for fields not listed.
	Raw json.RawMessage `json:"-"`
}

// ParticipantCount returns the participant count behind a metric.
//
// API: GET /v2/alertRules/metrics/participantCount
func (s *AlertMetricsService) ParticipantCount(ctx context.Context, metric string) (*ParticipantCount, error) {
	if err := required("metric", metric); err != nil {
		return nil, err
	}
	raw, err := callRaw(ctx, s.client, "GET", "/v2/alertRules/metrics/participantCount", url.Values{"metric": {metric}}, nil)
	if err != nil {
		return nil, err
	}
	out := &ParticipantCount{Raw: raw}
	inner := raw
	if d, err := pickKey(raw, "data"); err == nil && len(d) > 0 && d[0] == '{' {
		inner = d
	}
	if err := json.Unmarshal(inner, out); err != nil {
		return nil, &ResponseError{StatusCode: 200, Method: "GET", Path: "/v2/alertRules/metrics/participantCount", Reason: err.Error(), Err: err}
	}
	return out, nil
}

// ---- incidents ----

// Incident is what a rule opens when its condition holds. ID is the
// wire's incidentId.
type Incident struct {
	ID             string          `json:"incidentId"`
	AlertRuleID    string          `json:"alertRuleId,omitempty"`
	Metric         string          `json:"metric,omitempty"`
	MetricCategory string          `json:"metricCategory,omitempty"`
	Domain         AlertDomain     `json:"domain,omitempty"`
	Status         IncidentStatus  `json:"status"`
	Severity       AlertSeverity   `json:"severity,omitempty"`
	AlertName      string          `json:"alertName,omitempty"`
	Summary        string          `json:"summary,omitempty"`
	Description    string          `json:"description,omitempty"`
	FiredAt        time.Time       `json:"firedAt,omitzero"`
	AcknowledgedAt *time.Time      `json:"acknowledgedAt"`
	ResolvedAt     *time.Time      `json:"resolvedAt"`
	Events         json.RawMessage `json:"events,omitempty"`
	CreatedAt      time.Time       `json:"createdAt,omitzero"`
	UpdatedAt      time.Time       `json:"updatedAt,omitzero"`
}

func (i *Incident) validResponse() error {
	if i.ID == "" {
		return errMissingID("incident")
	}
	return nil
}

// ListIncidentsParams filters Alerts.Incidents.List.
type ListIncidentsParams struct {
	ListOptions
	Status         IncidentStatus
	Severity       AlertSeverity
	MetricCategory string
	Domain         AlertDomain
	// Query is free text.
	Query string
}

// List returns one page of incidents.
//
// API: GET /v2/incidents
func (s *IncidentsService) List(ctx context.Context, p ListIncidentsParams) (*Page[Incident], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	if err := oneOf("status", p.Status, IncidentOpen, IncidentAcknowledged, IncidentResolved); err != nil {
		return nil, err
	}
	if err := checkSeverity(p.Severity); err != nil {
		return nil, err
	}
	if err := checkDomain(p.Domain); err != nil {
		return nil, err
	}
	v := p.ListOptions.values(nil)
	v = setQuery(v, "status", string(p.Status))
	v = setQuery(v, "severity", string(p.Severity))
	v = setQuery(v, "metricCategory", p.MetricCategory)
	v = setQuery(v, "domain", string(p.Domain))
	v = setQuery(v, "query", p.Query)
	return listUnwrapped[Incident](ctx, s.client, "/v2/incidents", v, "")
}

// All iterates over every incident, fetching pages lazily.
//
// API: GET /v2/incidents
func (s *IncidentsService) All(ctx context.Context, p ListIncidentsParams) iter.Seq2[Incident, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[Incident], error) {
		q := p
		q.Page = page
		return s.List(ctx, q)
	})
}

func incidentPath(format, id string) (string, error) {
	return pathf(format, []string{"incidentId"}, id)
}

// Get returns an incident with its timeline (Events).
//
// API: GET /v2/incidents/{incidentId}
func (s *IncidentsService) Get(ctx context.Context, incidentID string) (*Incident, error) {
	path, err := incidentPath("/v2/incidents/%s", incidentID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[Incident](ctx, s.client, "GET", path, nil, nil, "data")
}

// Acknowledge marks an open incident acknowledged.
//
// API: PUT /v2/incidents/{incidentId}/acknowledge
func (s *IncidentsService) Acknowledge(ctx context.Context, incidentID string) (*Incident, error) {
	path, err := incidentPath("/v2/incidents/%s/acknowledge", incidentID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[Incident](ctx, s.client, "PUT", path, nil, nil, "data")
}

// Resolve marks an incident resolved.
//
// API: PUT /v2/incidents/{incidentId}/resolve
func (s *IncidentsService) Resolve(ctx context.Context, incidentID string) (*Incident, error) {
	path, err := incidentPath("/v2/incidents/%s/resolve", incidentID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[Incident](ctx, s.client, "PUT", path, nil, nil, "data")
}

// Delete deletes an incident.
//
// API: DELETE /v2/incidents/{incidentId}
func (s *IncidentsService) Delete(ctx context.Context, incidentID string) (*MessageResponse, error) {
	path, err := incidentPath("/v2/incidents/%s", incidentID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}
