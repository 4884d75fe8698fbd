package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func TestAlertsIncidentsCommands(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	t.Cleanup(srv.Close)
	h := fakeHarness(t, srv)
	rule, err := srv.Client().Alerts.Rules.Create(context.Background(), videosdk.CreateAlertRuleParams{Name: "Packet loss", Severity: videosdk.SeverityWarning,
		RuleConfig: videosdk.RuleConfig{Query: map[string]any{"metric": "packet_loss"}, Condition: videosdk.AlertCondition{Operator: videosdk.OpGreater, Threshold: 3}}})
	require.NoError(t, err)
	id, err := srv.RaiseIncident(rule.ID)
	require.NoError(t, err)

	out := h.ok("alerts", "incidents", "list", "-status", "open")
	assert.Contains(t, out, id)
	assert.Contains(t, out, "Packet loss")
	var in videosdk.Incident
	require.NoError(t, json.Unmarshal([]byte(h.ok("alerts", "incidents", "ack", id, "-json")), &in))
	assert.Equal(t, videosdk.IncidentAcknowledged, in.Status)
	assert.Contains(t, h.ok("alerts", "incidents", "resolve", id), "resolved")
	r := h.run("alerts", "incidents", "ack", id)
	assert.Equal(t, 1, r.code, "a resolved incident cannot be acknowledged")
	r = h.run("alerts", "incidents", "list", "-status", "closed")
	assert.Equal(t, 2, r.code)
}
