package videosdk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
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

// pagedItems serves two pages of one item each, the item made by item(page),
// and records the page numbers asked for.
func pagedItems(pages *[]string, item func(page int) string) httpmock.Responder {
	var mu sync.Mutex
	return func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		*pages = append(*pages, req.URL.Query().Get("page"))
		mu.Unlock()
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		return httpmock.NewStringResponse(200, fmt.Sprintf(`{"pageInfo":{"currentPage":%d,"perPage":1,"lastPage":2,"total":2},"data":[%s]}`, page, item(page))), nil
	}
}

// The All iterators walk every page, passing the caller's filters on each
// request, and yield items decoded as List decodes them.
func TestAlertsAllIterators(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	var rulePages, chanPages, incPages []string
	var ruleQuery, incQuery []string
	mt.RegisterResponder("GET", testutil.URL("/v2/alertRules"), func(req *http.Request) (*http.Response, error) {
		ruleQuery = append(ruleQuery, req.URL.Query().Get("domain"))
		return pagedItems(&rulePages, func(p int) string {
			return fmt.Sprintf(`{"id":"ar_%d","name":"r","severity":"info","status":"active","ruleConfig":{"query":{"metric":"m"},"condition":{"operator":">","threshold":1}}}`, p)
		})(req)
	})
	mt.RegisterResponder("GET", testutil.URL("/v2/alertRules/notification-channel"), pagedItems(&chanPages, func(p int) string {
		return fmt.Sprintf(`{"channelId":"nc_%d","type":"email","config":{"to":["a@b.c"]}}`, p)
	}))
	mt.RegisterResponder("GET", testutil.URL("/v2/incidents"), func(req *http.Request) (*http.Response, error) {
		incQuery = append(incQuery, req.URL.Query().Get("status"))
		return pagedItems(&incPages, func(p int) string { return fmt.Sprintf(`{"incidentId":"in_%d","status":"open"}`, p) })(req)
	})

	var ids []string
	for r, err := range c.Alerts.Rules.All(ctx, ListAlertRulesParams{Domain: AlertDomainAgent}) {
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	for ch, err := range c.Alerts.Channels.All(ctx, ListOptions{}) {
		require.NoError(t, err)
		ids = append(ids, ch.ID)
	}
	for in, err := range c.Alerts.Incidents.All(ctx, ListIncidentsParams{Status: IncidentOpen}) {
		require.NoError(t, err)
		ids = append(ids, in.ID)
	}
	assert.Equal(t, []string{"ar_1", "ar_2", "nc_1", "nc_2", "in_1", "in_2"}, ids)
	assert.Equal(t, []string{"1", "2"}, rulePages)
	assert.Equal(t, []string{"1", "2"}, chanPages)
	assert.Equal(t, []string{"1", "2"}, incPages)
	assert.Equal(t, []string{"agent", "agent"}, ruleQuery, "the filter is sent with every page")
	assert.Equal(t, []string{"open", "open"}, incQuery)

	// A bad filter ends the iteration with the validation error, no request.
	c2, mt2 := newTestClient(t)
	for _, err := range c2.Alerts.Incidents.All(ctx, ListIncidentsParams{Domain: "sip"}) {
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	requireNoRequest(t, mt2)
}

// Every argument the docs constrain is checked before any request.
func TestAlertsValidationBeforeRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	bad := RuleConfig{Query: map[string]any{"metric": " "}, Condition: AlertCondition{Operator: OpGreater}}
	noOp := RuleConfig{Query: map[string]any{"metric": "m"}}
	for name, call := range map[string]func() error{
		"rules list status": func() error { _, err := c.Alerts.Rules.List(ctx, ListAlertRulesParams{Status: "stopped"}); return err },
		"rules list domain": func() error { _, err := c.Alerts.Rules.List(ctx, ListAlertRulesParams{Domain: "sip"}); return err },
		"rules list perPage": func() error {
			_, err := c.Alerts.Rules.List(ctx, ListAlertRulesParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
		"rules get id":    func() error { _, err := c.Alerts.Rules.Get(ctx, ""); return err },
		"rules delete id": func() error { _, err := c.Alerts.Rules.Delete(ctx, "a/b"); return err },
		"update id":       func() error { _, err := c.Alerts.Rules.Update(ctx, "", UpdateAlertRuleParams{}); return err },
		"update empty name": func() error {
			_, err := c.Alerts.Rules.Update(ctx, "ar", UpdateAlertRuleParams{Name: ptr(" ")})
			return err
		},
		"update no severity": func() error {
			_, err := c.Alerts.Rules.Update(ctx, "ar", UpdateAlertRuleParams{Severity: ptr(AlertSeverity(""))})
			return err
		},
		"update domain": func() error {
			_, err := c.Alerts.Rules.Update(ctx, "ar", UpdateAlertRuleParams{Domain: ptr(AlertDomain("sip"))})
			return err
		},
		"update blank metric": func() error {
			_, err := c.Alerts.Rules.Update(ctx, "ar", UpdateAlertRuleParams{RuleConfig: &bad})
			return err
		},
		"update no operator": func() error {
			_, err := c.Alerts.Rules.Update(ctx, "ar", UpdateAlertRuleParams{RuleConfig: &noOp})
			return err
		},
		"create no operator": func() error {
			_, err := c.Alerts.Rules.Create(ctx, CreateAlertRuleParams{Name: "n", Severity: SeverityInfo, RuleConfig: noOp})
			return err
		},
		"channels list":     func() error { _, err := c.Alerts.Channels.List(ctx, ListOptions{Page: -1}); return err },
		"channel get id":    func() error { _, err := c.Alerts.Channels.Get(ctx, " "); return err },
		"channel delete id": func() error { _, err := c.Alerts.Channels.Delete(ctx, ""); return err },
		"channel update id": func() error { _, err := c.Alerts.Channels.Update(ctx, "", UpdateChannelParams{}); return err },
		"channel update type": func() error {
			_, err := c.Alerts.Channels.Update(ctx, "nc", UpdateChannelParams{Type: ptr(ChannelType("sms"))})
			return err
		},
		"channel empty type": func() error {
			_, err := c.Alerts.Channels.Update(ctx, "nc", UpdateChannelParams{Type: ptr(ChannelType(""))})
			return err
		},
		"catalog domain": func() error { _, err := c.Alerts.Metrics.Catalog(ctx, "sip"); return err },
		"models metric":  func() error { _, err := c.Alerts.Metrics.Models(ctx, ""); return err },
		"count metric":   func() error { _, err := c.Alerts.Metrics.ParticipantCount(ctx, " "); return err },
		"incidents perPage": func() error {
			_, err := c.Alerts.Incidents.List(ctx, ListIncidentsParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
		"incidents severity": func() error {
			_, err := c.Alerts.Incidents.List(ctx, ListIncidentsParams{Severity: "fatal"})
			return err
		},
		"incidents domain":    func() error { _, err := c.Alerts.Incidents.List(ctx, ListIncidentsParams{Domain: "sip"}); return err },
		"incident get id":     func() error { _, err := c.Alerts.Incidents.Get(ctx, ""); return err },
		"incident ack id":     func() error { _, err := c.Alerts.Incidents.Acknowledge(ctx, "a/b"); return err },
		"incident resolve id": func() error { _, err := c.Alerts.Incidents.Resolve(ctx, ".."); return err },
		"incident delete id":  func() error { _, err := c.Alerts.Incidents.Delete(ctx, ""); return err },
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}

// Answers: an object without its id, or a participant count that is not a
// count, is a typed ErrInvalidResponse; the count may come wrapped in data;
// a rule config keeps unknown keys and refuses a mistyped known one.
func TestAlertsAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/alertRules/ar"), httpmock.NewStringResponder(200, `{"alertRule":{"name":"x"}}`))
	mt.RegisterResponder("GET", testutil.URL("/v2/alertRules/notification-channel/nc"), httpmock.NewStringResponder(200, `{"channel":{"name":"x"}}`))
	mt.RegisterResponder("GET", testutil.URL("/v2/incidents/in"), httpmock.NewStringResponder(200, `{"status":"open"}`))
	mt.RegisterResponder("GET", testutil.URL("/v2/alertRules/metrics/participantCount"), func(req *http.Request) (*http.Response, error) {
		switch req.URL.Query().Get("metric") {
		case "wrapped":
			return httpmock.NewStringResponse(200, `{"data":{"participantCount":7,"region":"in"}}`), nil
		case "string":
			return httpmock.NewStringResponse(200, `{"participantCount":"seven"}`), nil
		}
		return httpmock.NewStringResponse(200, `<html>gateway</html>`), nil
	})
	_, err := c.Alerts.Rules.Get(ctx, "ar")
	assert.ErrorIs(t, err, ErrInvalidResponse)
	_, err = c.Alerts.Channels.Get(ctx, "nc")
	assert.ErrorIs(t, err, ErrInvalidResponse)
	_, err = c.Alerts.Incidents.Get(ctx, "in")
	assert.ErrorIs(t, err, ErrInvalidResponse)

	n, err := c.Alerts.Metrics.ParticipantCount(ctx, "wrapped")
	require.NoError(t, err)
	assert.Equal(t, 7, n.ParticipantCount)
	assert.JSONEq(t, `{"data":{"participantCount":7,"region":"in"}}`, string(n.Raw), "Raw is the whole answer")
	_, err = c.Alerts.Metrics.ParticipantCount(ctx, "string")
	var re *ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 200, re.StatusCode)
	assert.ErrorIs(t, err, ErrInvalidResponse)
	_, err = c.Alerts.Metrics.ParticipantCount(ctx, "html")
	assert.ErrorIs(t, err, ErrInvalidResponse)

	var rc RuleConfig
	require.NoError(t, json.Unmarshal([]byte(`{"query":{"metric":"m"},"condition":{"operator":"<","threshold":2},"formula":"A+B","labels":{"team":"rtc"}}`), &rc))
	assert.Equal(t, map[string]any{"formula": "A+B"}, rc.Extra, "only unknown keys go to Extra")
	assert.Equal(t, OpLess, rc.Condition.Operator)
	assert.Error(t, json.Unmarshal([]byte(`{"condition":{"threshold":"high"}}`), &rc))
	assert.Error(t, json.Unmarshal([]byte(`["query"]`), &rc))
	// Extra never overrides a typed field.
	b, err := json.Marshal(RuleConfig{Query: map[string]any{"metric": "m"}, Extra: map[string]any{"query": "x", "formula": "A"}})
	require.NoError(t, err)
	var sent map[string]any
	require.NoError(t, json.Unmarshal(b, &sent))
	assert.Equal(t, map[string]any{"metric": "m"}, sent["query"])
	assert.Equal(t, "A", sent["formula"])
}
