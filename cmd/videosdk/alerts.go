package main

import (
	"context"
	"iter"

	"github.com/videosdk-go/videosdk"
)

func alertsGroup() group {
	return group{path: "videosdk alerts", summary: "Alerting: incidents opened by alert rules.", cmds: []command{
		{"incidents", "list incidents, acknowledge or resolve one", groupRunner(incidentsGroup)},
	}}
}

func incidentsGroup() group {
	return group{path: "videosdk alerts incidents", summary: "List incidents and acknowledge or resolve them.", cmds: []command{
		{"list", "list incidents, newest first", incidentsList},
		{"ack", "acknowledge an open incident", incidentAction("ack", "Acknowledges an open incident.", func(cl *videosdk.Client) func(context.Context, string) (*videosdk.Incident, error) {
			return cl.Alerts.Incidents.Acknowledge
		})},
		{"resolve", "resolve an incident", incidentAction("resolve", "Resolves an incident.", func(cl *videosdk.Client) func(context.Context, string) (*videosdk.Incident, error) {
			return cl.Alerts.Incidents.Resolve
		})},
	}}
}

func (c *cli) incidentTable(ins []videosdk.Incident) error {
	t := c.table("INCIDENT ID", "ALERT", "SEVERITY", "STATUS", "FIRED")
	for _, in := range ins {
		fired := "-"
		if !in.FiredAt.IsZero() {
			fired = fmtTime(in.FiredAt)
		}
		t.row(in.ID, in.AlertName, string(in.Severity), string(in.Status), fired)
	}
	return t.flush()
}

func incidentsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk alerts incidents list", "", "Lists incidents, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListIncidentsParams
	f.Func("status", "only `open`, acknowledged or resolved incidents", func(s string) error { p.Status = videosdk.IncidentStatus(s); return nil })
	f.Func("severity", "only `info`, warning or critical incidents", func(s string) error { p.Severity = videosdk.AlertSeverity(s); return nil })
	f.Func("domain", "`rtc` (the server's default) or agent", func(s string) error { p.Domain = videosdk.AlertDomain(s); return nil })
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.Incident, error] {
		p.ListOptions = o
		return cl.Alerts.Incidents.All(ctx, p)
	}, c.incidentTable)
}

func incidentAction(name, desc string, pick func(*videosdk.Client) func(context.Context, string) (*videosdk.Incident, error)) func(context.Context, *cli, []string) error {
	return func(ctx context.Context, c *cli, args []string) error {
		f := c.flags("videosdk alerts incidents "+name, "INCIDENT_ID", desc).withJSON().withCredentials()
		return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.Incident, error) {
			return pick(cl)(ctx, id)
		}, func(in *videosdk.Incident) error {
			if f.json {
				return c.printJSON(in)
			}
			return c.incidentTable([]videosdk.Incident{*in})
		})
	}
}
