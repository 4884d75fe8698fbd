package videosdk

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAlertRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := RuleConfig{Query: map[string]any{"metric": "packet_loss"}, Condition: AlertCondition{Operator: OpGreater, Threshold: 5}, Extra: map[string]any{"formula": "A"}}
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/alertRules", golden: "alerts_rule_create", fixture: "alerts_rule.json"})
		r, err := c.Alerts.Rules.Create(ctx, CreateAlertRuleParams{Name: "High packet loss", Severity: SeverityCritical, RuleConfig: cfg,
			Domain: AlertDomainRTC, Enabled: ptr(true), NotificationChannelIDs: []string{"nc_01"}})
		require.NoError(t, err)
		check()
		assert.Equal(t, "ar_01", r.ID)
		assert.Equal(t, AlertRuleActive, r.Status)
		assert.Nil(t, r.LastTriggered)
		assert.Equal(t, cfg, r.RuleConfig)
	})
	t.Run("create invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		for name, p := range map[string]CreateAlertRuleParams{
			"no name":      {Severity: SeverityInfo, RuleConfig: cfg},
			"bad severity": {Name: "n", Severity: "fatal", RuleConfig: cfg},
			"no metric":    {Name: "n", Severity: SeverityInfo, RuleConfig: RuleConfig{Condition: cfg.Condition}},
			"bad operator": {Name: "n", Severity: SeverityInfo, RuleConfig: RuleConfig{Query: cfg.Query, Condition: AlertCondition{Operator: ">="}}},
			"bad domain":   {Name: "n", Severity: SeverityInfo, RuleConfig: cfg, Domain: "sip"},
		} {
			_, err := c.Alerts.Rules.Create(ctx, p)
			assert.ErrorIs(t, err, ErrInvalidParams, name)
		}
		requireNoRequest(t, mt)
	})
	t.Run("list uses id", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules", query: map[string]string{"domain": "agent", "status": "paused"}, fixture: "alerts_rules_list.json"})
		page, err := c.Alerts.Rules.List(ctx, ListAlertRulesParams{Domain: AlertDomainAgent, Status: AlertRulePaused})
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 1)
		assert.Equal(t, "ar_01", page.Data[0].ID, "id copied to ID")
		require.NotNil(t, page.Data[0].LastTriggered)
		assert.Equal(t, time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC), *page.Data[0].LastTriggered)
	})
	t.Run("get update delete", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		get := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/ar_01", fixture: "alerts_rule.json"})
		upd := expectCall(t, mt, callTest{method: "PUT", path: "/v2/alertRules/ar_01", golden: "alerts_rule_update", fixture: "alerts_rule.json"})
		del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/alertRules/ar_01", fixture: "message_deleted.json"})
		_, err := c.Alerts.Rules.Get(ctx, "ar_01")
		require.NoError(t, err)
		_, err = c.Alerts.Rules.Update(ctx, "ar_01", UpdateAlertRuleParams{Enabled: ptr(false), Severity: ptr(SeverityWarning)})
		require.NoError(t, err)
		_, err = c.Alerts.Rules.Delete(ctx, "ar_01")
		require.NoError(t, err)
		get()
		upd()
		del()
		_, err = c.Alerts.Rules.Update(ctx, "ar_01", UpdateAlertRuleParams{Severity: ptr(AlertSeverity("fatal"))})
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
}

func TestAlertChannels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	slack := ChannelParams{Type: ChannelSlack, Name: "ops slack", Config: ChannelConfig{"botToken": "xoxb-secret-token", "channelId": "C0123"}}
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/alertRules/notification-channel", golden: "alerts_channel_create", fixture: "alerts_channel.json"})
		ch, err := c.Alerts.Channels.Create(ctx, slack)
		require.NoError(t, err)
		check()
		assert.Equal(t, "nc_01", ch.ID)
		assert.Equal(t, "xoxb-secret-token", ch.Config["botToken"])
		for _, verb := range []string{"%v", "%+v"} {
			assert.NotContains(t, fmt.Sprintf(verb, ch), "xoxb-secret-token", verb)
			assert.NotContains(t, fmt.Sprintf(verb, slack), "xoxb-secret-token", verb)
		}
	})
	t.Run("test", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/alertRules/notification-channel/test", golden: "alerts_channel_create", fixture: "alerts_channel_test.json"})
		raw, err := c.Alerts.Channels.Test(ctx, slack)
		require.NoError(t, err)
		check()
		assert.JSONEq(t, `{"success":true,"message":"Test notification sent"}`, string(raw))
	})
	t.Run("invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		for name, p := range map[string]ChannelParams{
			"no type":         {Config: ChannelConfig{"a": 1}},
			"bad type":        {Type: "sms", Config: ChannelConfig{"a": 1}},
			"no config":       {Type: ChannelEmail},
			"webhook no URL":  {Type: ChannelWebhook, Config: ChannelConfig{"url": "x"}},
			"webhook bad URL": {Type: ChannelWebhook, Config: ChannelConfig{"endpoint": "hooks"}},
		} {
			_, err := c.Alerts.Channels.Create(ctx, p)
			assert.ErrorIs(t, err, ErrInvalidParams, name)
			_, err = c.Alerts.Channels.Test(ctx, p)
			assert.ErrorIs(t, err, ErrInvalidParams, name)
		}
		requireNoRequest(t, mt)
	})
	t.Run("list get update delete", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		list := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/notification-channel", query: map[string]string{"page": "1"}, fixture: "alerts_channels_list.json"})
		get := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/notification-channel/nc_01", fixture: "alerts_channel.json"})
		upd := expectCall(t, mt, callTest{method: "PUT", path: "/v2/alertRules/notification-channel/nc_01", golden: "alerts_channel_update", fixture: "alerts_channel.json"})
		del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/alertRules/notification-channel/nc_01", fixture: "message_deleted.json"})
		page, err := c.Alerts.Channels.List(ctx, ListOptions{Page: 1})
		require.NoError(t, err)
		assert.Equal(t, ChannelWebhook, page.Data[0].Type)
		_, err = c.Alerts.Channels.Get(ctx, "nc_01")
		require.NoError(t, err)
		_, err = c.Alerts.Channels.Update(ctx, "nc_01", UpdateChannelParams{Name: ptr("ops")})
		require.NoError(t, err)
		_, err = c.Alerts.Channels.Delete(ctx, "nc_01")
		require.NoError(t, err)
		list()
		get()
		upd()
		del()
	})
}

func TestAlertMetrics(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	cat := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/metrics/catalog", query: map[string]string{"domain": "agent"}, fixture: "alerts_catalog.json"})
	models := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/metrics/models", query: map[string]string{"metric": "llm_latency"}, fixture: "alerts_catalog.json"})
	query := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/metrics", query: map[string]string{"metric": "packet_loss", "window": "1h"}, fixture: "alerts_catalog.json"})
	pc := expectCall(t, mt, callTest{method: "GET", path: "/v2/alertRules/metrics/participantCount", query: map[string]string{"metric": "packet_loss"}, fixture: "alerts_participant_count.json"})
	raw, err := c.Alerts.Metrics.Catalog(ctx, AlertDomainAgent)
	require.NoError(t, err)
	assert.Contains(t, string(raw), "jitter")
	_, err = c.Alerts.Metrics.Models(ctx, "llm_latency")
	require.NoError(t, err)
	_, err = c.Alerts.Metrics.Query(ctx, MetricQueryParams{Metric: "packet_loss", Window: "1h"})
	require.NoError(t, err)
	n, err := c.Alerts.Metrics.ParticipantCount(ctx, "packet_loss")
	require.NoError(t, err)
	assert.Equal(t, 42, n.ParticipantCount)
	cat()
	models()
	query()
	pc()
	_, err = c.Alerts.Metrics.Query(ctx, MetricQueryParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
}

func TestIncidents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	list := expectCall(t, mt, callTest{method: "GET", path: "/v2/incidents", query: map[string]string{"status": "open", "severity": "critical", "query": "packet"}, fixture: "incidents_list.json"})
	get := expectCall(t, mt, callTest{method: "GET", path: "/v2/incidents/in_01", fixture: "incidents_ack.json"})
	ack := expectCall(t, mt, callTest{method: "PUT", path: "/v2/incidents/in_01/acknowledge", fixture: "incidents_ack.json"})
	res := expectCall(t, mt, callTest{method: "PUT", path: "/v2/incidents/in_01/resolve", fixture: "incidents_resolve.json"})
	del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/incidents/in_01", fixture: "message_deleted.json"})
	page, err := c.Alerts.Incidents.List(ctx, ListIncidentsParams{Status: IncidentOpen, Severity: SeverityCritical, Query: "packet"})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Nil(t, page.Data[0].AcknowledgedAt)
	inc, err := c.Alerts.Incidents.Get(ctx, "in_01")
	require.NoError(t, err)
	assert.JSONEq(t, `[{"type":"fired"},{"type":"acknowledged"}]`, string(inc.Events))
	inc, err = c.Alerts.Incidents.Acknowledge(ctx, "in_01")
	require.NoError(t, err)
	assert.Equal(t, IncidentAcknowledged, inc.Status)
	require.NotNil(t, inc.AcknowledgedAt)
	inc, err = c.Alerts.Incidents.Resolve(ctx, "in_01")
	require.NoError(t, err)
	assert.Equal(t, IncidentResolved, inc.Status)
	_, err = c.Alerts.Incidents.Delete(ctx, "in_01")
	require.NoError(t, err)
	list()
	get()
	ack()
	res()
	del()
	_, err = c.Alerts.Incidents.List(ctx, ListIncidentsParams{Status: "closed"})
	assert.ErrorIs(t, err, ErrInvalidParams)
}
