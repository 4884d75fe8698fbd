package videosdktest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// Done-when: an incident raised in the fake is acknowledged and resolved
// through the SDK.
func TestIncidentRaisedAcknowledgedResolved(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	hooks := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(hooks.Close)
	ctx := context.Background()
	alerts := srv.Client().Alerts

	ch, err := alerts.Channels.Create(ctx, videosdk.ChannelParams{Type: videosdk.ChannelWebhook, Name: "ops", Config: videosdk.ChannelConfig{"endpoint": hooks.URL + "/alerts"}})
	require.NoError(t, err)
	rule, err := alerts.Rules.Create(ctx, videosdk.CreateAlertRuleParams{
		Name: "High packet loss", Severity: videosdk.SeverityCritical, NotificationChannelIDs: []string{ch.ID},
		RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "packet_loss"}, Condition: videosdk.AlertCondition{Operator: videosdk.OpGreater, Threshold: 5}},
	})
	require.NoError(t, err)
	assert.Equal(t, videosdk.AlertRuleActive, rule.Status)
	assert.Nil(t, rule.LastTriggered)

	id, err := srv.RaiseIncident(rule.ID)
	require.NoError(t, err)
	open, err := alerts.Incidents.List(ctx, videosdk.ListIncidentsParams{Status: videosdk.IncidentOpen})
	require.NoError(t, err)
	require.Len(t, open.Data, 1)
	assert.Equal(t, id, open.Data[0].ID)
	assert.Equal(t, "packet_loss", open.Data[0].Metric)
	assert.Equal(t, "network", open.Data[0].MetricCategory, "the catalog's category of the rule's metric")
	other, err := alerts.Incidents.List(ctx, videosdk.ListIncidentsParams{MetricCategory: "agent"})
	require.NoError(t, err)
	assert.Empty(t, other.Data, "the metricCategory filter")
	same, err := alerts.Incidents.List(ctx, videosdk.ListIncidentsParams{MetricCategory: "network"})
	require.NoError(t, err)
	assert.Len(t, same.Data, 1)

	inc, err := alerts.Incidents.Acknowledge(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, videosdk.IncidentAcknowledged, inc.Status)
	require.NotNil(t, inc.AcknowledgedAt)
	_, err = alerts.Incidents.Acknowledge(ctx, id)
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "only an open incident can be acknowledged")

	inc, err = alerts.Incidents.Resolve(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, videosdk.IncidentResolved, inc.Status)
	require.NotNil(t, inc.ResolvedAt)
	got, err := alerts.Incidents.Get(ctx, id)
	require.NoError(t, err)
	assert.JSONEq(t, `["fired","acknowledged","resolved"]`, eventTypes(t, got.Events))
	_, err = alerts.Incidents.Resolve(ctx, id)
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)

	rule, err = alerts.Rules.Get(ctx, rule.ID)
	require.NoError(t, err)
	assert.NotNil(t, rule.LastTriggered)

	require.NoError(t, srv.FlushWebhooks(ctx))
	var fired int
	for _, d := range srv.Deliveries() {
		if d.URL == hooks.URL+"/alerts" {
			fired++
			assert.Equal(t, videosdk.WebhookEventType("alert-fired"), d.Type)
		}
	}
	assert.Equal(t, 1, fired)

	_, err = alerts.Incidents.Delete(ctx, id)
	require.NoError(t, err)
	_, err = alerts.Incidents.Get(ctx, id)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = srv.RaiseIncident("nope")
	assert.ErrorIs(t, err, ErrUnknownRule)
}

func eventTypes(t *testing.T, raw json.RawMessage) string {
	var evs []struct {
		Type string `json:"type"`
	}
	require.NoError(t, json.Unmarshal(raw, &evs))
	out := []string{}
	for _, e := range evs {
		out = append(out, e.Type)
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func TestIncidentRaisedThroughControlRoute(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithControlRoutes())
	t.Cleanup(srv.Close)
	ctx := context.Background()
	alerts := srv.Client().Alerts
	rule, err := alerts.Rules.Create(ctx, videosdk.CreateAlertRuleParams{Name: "r", Severity: videosdk.SeverityInfo, Domain: videosdk.AlertDomainAgent,
		RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "llm_latency"}, Condition: videosdk.AlertCondition{Operator: OpLT, Threshold: 1}}})
	require.NoError(t, err)
	res := call(t, srv, "POST", ControlPrefix+"incidents/raise", map[string]string{"alertRuleId": rule.ID})
	require.Equal(t, http.StatusOK, res.status, "%s", res.body)
	var out struct {
		IncidentID string `json:"incidentId"`
	}
	require.NoError(t, json.Unmarshal(res.body, &out))
	require.NotEmpty(t, out.IncidentID)
	// Agent incidents are listed with domain=agent only.
	rtc, err := alerts.Incidents.List(ctx, videosdk.ListIncidentsParams{})
	require.NoError(t, err)
	assert.Empty(t, rtc.Data)
	agent, err := alerts.Incidents.List(ctx, videosdk.ListIncidentsParams{Domain: videosdk.AlertDomainAgent})
	require.NoError(t, err)
	require.Len(t, agent.Data, 1)
	assert.Equal(t, out.IncidentID, agent.Data[0].ID)
}

const OpLT = videosdk.OpLess

func TestAlertRulesAndChannelsAreValidated(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	alerts := srv.Client().Alerts
	// The SDK checks first; the fake refuses the same on the wire.
	for _, body := range []string{
		`{"name":"r","severity":"fatal","ruleConfig":{"query":{"metric":"m"},"condition":{"operator":">","threshold":1}}}`,
		`{"name":"r","severity":"info","ruleConfig":{"query":{},"condition":{"operator":">","threshold":1}}}`,
		`{"name":"r","severity":"info","ruleConfig":{"query":{"metric":"m"},"condition":{"operator":">>","threshold":1}}}`,
		`{"severity":"info","ruleConfig":{"query":{"metric":"m"},"condition":{"operator":">","threshold":1}}}`,
		`{"name":"r","severity":"info","notificationChannelIds":["nope"],"ruleConfig":{"query":{"metric":"m"},"condition":{"operator":">","threshold":1}}}`,
	} {
		r := call(t, srv, "POST", "/v2/alertRules", json.RawMessage(body))
		assert.Contains(t, []int{400, 404}, r.status, body)
	}
	for _, body := range []string{
		`{"type":"sms","config":{"to":"x"}}`,
		`{"type":"slack","config":{"channelId":"C1"}}`,
		`{"type":"webhook","config":{"endpoint":"ftp://x"}}`,
		`{"type":"email","config":{}}`,
	} {
		r := call(t, srv, "POST", "/v2/alertRules/notification-channel", json.RawMessage(body))
		assert.Equal(t, 400, r.status, body)
	}
	rule, err := alerts.Rules.Create(ctx, videosdk.CreateAlertRuleParams{Name: "r", Severity: videosdk.SeverityInfo,
		RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "m"}, Condition: videosdk.AlertCondition{Operator: videosdk.OpGreater, Threshold: 1}}})
	require.NoError(t, err)
	rule, err = alerts.Rules.Update(ctx, rule.ID, videosdk.UpdateAlertRuleParams{Enabled: new(bool)})
	require.NoError(t, err)
	assert.Equal(t, videosdk.AlertRulePaused, rule.Status)
	assert.Equal(t, 2, rule.Version)

	slack := videosdk.ChannelParams{Type: videosdk.ChannelSlack, Config: videosdk.ChannelConfig{"botToken": "xoxb-1", "channelId": "C1"}}
	raw, err := alerts.Channels.Test(ctx, slack)
	require.NoError(t, err)
	assert.JSONEq(t, `{"success":true,"message":"Test notification sent"}`, string(raw), "§21.2's documented answer")
	tests := srv.ChannelTests()
	require.Len(t, tests, 1)
	assert.Equal(t, "slack", tests[0].Type)
	list, err := alerts.Channels.List(ctx, videosdk.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, list.Data, "a test stores nothing")
	n, err := alerts.Metrics.ParticipantCount(ctx, "participants")
	require.NoError(t, err)
	assert.Equal(t, 0, n.ParticipantCount)
}

// Rules are listed newest first, filtered by domain (rtc unless asked) and
// status; an update that fails leaves the rule as it was; a deleted rule is
// gone from Get, List and RaiseIncident.
func TestAlertRulesListUpdateDelete(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	rules := srv.Client().Alerts.Rules
	mk := func(name string, domain videosdk.AlertDomain) *videosdk.AlertRule {
		t.Helper()
		r, err := rules.Create(ctx, videosdk.CreateAlertRuleParams{Name: name, Severity: videosdk.SeverityWarning, Domain: domain,
			RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "m"}, Condition: videosdk.AlertCondition{Operator: videosdk.OpGreater, Threshold: 1}}})
		require.NoError(t, err)
		return r
	}
	a, b, ag := mk("a", ""), mk("b", videosdk.AlertDomainRTC), mk("ag", videosdk.AlertDomainAgent)

	page, err := rules.List(ctx, videosdk.ListAlertRulesParams{})
	require.NoError(t, err)
	require.Len(t, page.Data, 2, "agent rules are listed only with domain=agent")
	assert.Equal(t, []string{b.ID, a.ID}, []string{page.Data[0].ID, page.Data[1].ID}, "newest first")
	page, err = rules.List(ctx, videosdk.ListAlertRulesParams{Domain: videosdk.AlertDomainAgent})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, ag.ID, page.Data[0].ID)

	_, err = rules.Update(ctx, a.ID, videosdk.UpdateAlertRuleParams{Enabled: new(bool)})
	require.NoError(t, err)
	paused, err := rules.List(ctx, videosdk.ListAlertRulesParams{Status: videosdk.AlertRulePaused})
	require.NoError(t, err)
	require.Len(t, paused.Data, 1)
	assert.Equal(t, a.ID, paused.Data[0].ID)
	fails(t, srv, 400, "GET", "/v2/alertRules?page=0", nil)

	// A refused update changes nothing, not even the version.
	fails(t, srv, 400, "PUT", "/v2/alertRules/"+b.ID, map[string]any{"severity": "fatal"})
	fails(t, srv, 404, "PUT", "/v2/alertRules/"+b.ID, map[string]any{"notificationChannelIds": []string{"nope"}})
	fails(t, srv, 400, "PUT", "/v2/alertRules/"+b.ID, map[string]any{"ruleConfig": map[string]any{"query": map[string]any{}}})
	got, err := rules.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.SeverityWarning, got.Severity)
	assert.Equal(t, 1, got.Version)
	name := "renamed"
	got, err = rules.Update(ctx, b.ID, videosdk.UpdateAlertRuleParams{Name: &name})
	require.NoError(t, err)
	assert.Equal(t, "renamed", got.Name)
	assert.Equal(t, 2, got.Version)

	msg, err := rules.Delete(ctx, b.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, msg.Message)
	_, err = rules.Get(ctx, b.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = rules.Delete(ctx, b.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	fails(t, srv, 404, "PUT", "/v2/alertRules/"+b.ID, map[string]any{"name": "x"})
	_, err = srv.RaiseIncident(b.ID)
	assert.ErrorIs(t, err, ErrUnknownRule)
	page, err = rules.List(ctx, videosdk.ListAlertRulesParams{})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, a.ID, page.Data[0].ID)
}

// Channels: get, list, update (checked against the merged type and config),
// delete; a rule cannot name a deleted channel, and a raised incident skips
// non-webhook channels.
func TestNotificationChannelsLifecycle(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	chans := srv.Client().Alerts.Channels
	mail, err := chans.Create(ctx, videosdk.ChannelParams{Type: videosdk.ChannelEmail, Name: "mail", Config: videosdk.ChannelConfig{"to": []string{"ops@example.com"}}})
	require.NoError(t, err)
	hook, err := chans.Create(ctx, videosdk.ChannelParams{Type: videosdk.ChannelWebhook, Name: "hook", Config: videosdk.ChannelConfig{"endpoint": "https://example.com/a"}})
	require.NoError(t, err)

	got, err := chans.Get(ctx, mail.ID)
	require.NoError(t, err)
	assert.Equal(t, "mail", got.Name)
	assert.Equal(t, videosdk.ChannelEmail, got.Type)
	list, err := chans.List(ctx, videosdk.ListOptions{})
	require.NoError(t, err)
	require.Len(t, list.Data, 2)
	assert.Equal(t, hook.ID, list.Data[0].ID, "newest first")
	fails(t, srv, 400, "GET", "/v2/alertRules/notification-channel?perPage=x", nil)

	// Changing the type alone keeps a config the new type refuses.
	slack := videosdk.ChannelSlack
	_, err = chans.Update(ctx, mail.ID, videosdk.UpdateChannelParams{Type: &slack})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)
	got, err = chans.Get(ctx, mail.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.ChannelEmail, got.Type, "a refused update changes nothing")
	name := "slack ops"
	got, err = chans.Update(ctx, mail.ID, videosdk.UpdateChannelParams{Name: &name, Type: &slack, Config: videosdk.ChannelConfig{"botToken": "xoxb-2", "channelId": "C2"}})
	require.NoError(t, err)
	assert.Equal(t, videosdk.ChannelSlack, got.Type)
	assert.Equal(t, "slack ops", got.Name)
	assert.Equal(t, "C2", got.Config["channelId"])

	_, err = chans.Delete(ctx, hook.ID)
	require.NoError(t, err)
	_, err = chans.Get(ctx, hook.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = chans.Update(ctx, hook.ID, videosdk.UpdateChannelParams{Name: &name})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = chans.Delete(ctx, hook.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = srv.Client().Alerts.Rules.Create(ctx, videosdk.CreateAlertRuleParams{Name: "r", Severity: videosdk.SeverityInfo, NotificationChannelIDs: []string{hook.ID},
		RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "m"}, Condition: videosdk.AlertCondition{Operator: videosdk.OpEqual, Threshold: 1}}})
	assert.ErrorIs(t, err, videosdk.ErrNotFound, "a deleted channel cannot be named")

	rule, err := srv.Client().Alerts.Rules.Create(ctx, videosdk.CreateAlertRuleParams{Name: "r", Severity: videosdk.SeverityInfo, NotificationChannelIDs: []string{mail.ID},
		RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "m"}, Condition: videosdk.AlertCondition{Operator: videosdk.OpEqual, Threshold: 1}}})
	require.NoError(t, err)
	_, err = srv.RaiseIncident(rule.ID)
	require.NoError(t, err)
	require.NoError(t, srv.FlushWebhooks(ctx))
	assert.Empty(t, srv.Deliveries(), "only webhook channels are delivered to")
}

// The metrics routes need their documented query parameter and answer the
// documented shapes; participantCount counts who is in a live session.
func TestAlertMetrics(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	metrics := srv.Client().Alerts.Metrics
	for _, path := range []string{"/v2/alertRules/metrics/models", "/v2/alertRules/metrics", "/v2/alertRules/metrics/participantCount"} {
		fails(t, srv, 400, "GET", path, nil)
	}
	fails(t, srv, 400, "GET", "/v2/alertRules/metrics/catalog?domain=video", nil)
	for name, get := range map[string]func() (json.RawMessage, error){
		"catalog": func() (json.RawMessage, error) { return metrics.Catalog(ctx, videosdk.AlertDomainAgent) },
		"models":  func() (json.RawMessage, error) { return metrics.Models(ctx, "llm_latency") },
		"query": func() (json.RawMessage, error) {
			return metrics.Query(ctx, videosdk.MetricQueryParams{Metric: "packet_loss", Window: "1h"})
		},
	} {
		raw, err := get()
		require.NoError(t, err, name)
		assert.JSONEq(t, `{"data":[]}`, string(raw), name)
	}
	for _, domain := range []videosdk.AlertDomain{"", videosdk.AlertDomainRTC} {
		raw, err := metrics.Catalog(ctx, domain)
		require.NoError(t, err)
		assert.JSONEq(t, `{"data":[{"category":"network","metrics":["packet_loss","jitter"]}]}`, string(raw), "the documented category")
	}

	liveRoom(t, srv)
	n, err := metrics.ParticipantCount(ctx, "participants")
	require.NoError(t, err)
	assert.Equal(t, 1, n.ParticipantCount)
}

// Every alerting write route refuses a body that is not a JSON object, and
// every route with an id answers 404 for an id it does not hold, each with
// a message-only error.
func TestAlertRoutesRefuseBadBodiesAndUnknownIDs(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithControlRoutes())
	t.Cleanup(srv.Close)
	rule := ok(t, srv, "POST", "/v2/alertRules", map[string]any{"name": "r", "severity": "info",
		"ruleConfig": map[string]any{"query": map[string]any{"metric": "m"}, "condition": map[string]any{"operator": ">", "threshold": 1}}})
	ch := ok(t, srv, "POST", "/v2/alertRules/notification-channel", map[string]any{"type": "webhook", "config": map[string]any{"endpoint": "https://x"}})
	ruleID := rule["alertRule"].(map[string]any)["alertRuleId"].(string)
	chID := ch["channel"].(map[string]any)["channelId"].(string)
	for _, r := range [][2]string{
		{"POST", "/v2/alertRules"}, {"PUT", "/v2/alertRules/" + ruleID},
		{"POST", "/v2/alertRules/notification-channel"}, {"POST", "/v2/alertRules/notification-channel/test"},
		{"PUT", "/v2/alertRules/notification-channel/" + chID}, {"POST", ControlPrefix + "incidents/raise"},
	} {
		for _, body := range []string{"{", "[]", `{"name":5,"type":5,"alertRuleId":5}`} {
			failsRaw(t, srv, 400, r[0], r[1], body)
		}
	}
	for _, body := range []map[string]any{
		{"ruleConfig": "metric>1"},
		{"ruleConfig": map[string]any{"query": map[string]any{"metric": "m"}, "condition": map[string]any{"operator": ">"}}},
		{"ruleConfig": map[string]any{"query": map[string]any{"metric": "m"}}},
		{"domain": "sip"},
	} {
		fails(t, srv, 400, "PUT", "/v2/alertRules/"+ruleID, body)
	}
	fails(t, srv, 400, "POST", "/v2/alertRules", map[string]any{"name": "r", "severity": "info"}) // no ruleConfig
	fails(t, srv, 400, "POST", "/v2/alertRules/notification-channel", map[string]any{"config": map[string]any{"endpoint": "https://x"}})
	fails(t, srv, 400, "POST", "/v2/alertRules/notification-channel/test", map[string]any{"type": "slack", "config": map[string]any{"botToken": "x"}})
	fails(t, srv, 400, "POST", ControlPrefix+"incidents/raise", map[string]any{})
	fails(t, srv, 404, "POST", ControlPrefix+"incidents/raise", map[string]any{"alertRuleId": "nope"})
	for _, q := range []string{"status=closed", "page=0"} {
		fails(t, srv, 400, "GET", "/v2/incidents?"+q, nil)
	}
	for _, r := range [][2]string{
		{"GET", "/v2/alertRules/nope"}, {"DELETE", "/v2/alertRules/nope"},
		{"GET", "/v2/alertRules/notification-channel/nope"}, {"DELETE", "/v2/alertRules/notification-channel/nope"},
		{"GET", "/v2/incidents/nope"}, {"PUT", "/v2/incidents/nope/acknowledge"}, {"PUT", "/v2/incidents/nope/resolve"}, {"DELETE", "/v2/incidents/nope"},
	} {
		fails(t, srv, 404, r[0], r[1], nil)
	}
	fails(t, srv, 404, "PUT", "/v2/alertRules/notification-channel/nope", map[string]any{"name": "x"})
}
