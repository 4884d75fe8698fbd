package main

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"

	"github.com/videosdk-go/videosdk"
)

func agentsGroup() group {
	return group{path: "videosdk agents", summary: "Dispatch AI agents into rooms and manage Agent Cloud deployments.", cmds: []command{
		{"dispatch", "send an agent into a room", agentsDispatch},
		{"deployments", "list, get and delete deployments; their latest version, logs; activate a version", groupRunner(deploymentsGroup)},
	}}
}

func deploymentsGroup() group {
	return group{path: "videosdk agents deployments", summary: "Manage Agent Cloud deployments.", cmds: []command{
		{"list", "list deployments", deploymentsList},
		{"get", "show a deployment", deploymentsGet},
		{"latest", "show a deployment's latest version", deploymentsLatest},
		{"logs", "print a deployment's console logs", deploymentsLogs},
		{"activate", "activate (or with -stop, stop) a version", deploymentsActivate},
		{"delete", "delete a deployment", deploymentsDelete},
	}}
}

func agentsDispatch(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents dispatch", "", "Sends an agent into a room: it joins the room as a participant.").withJSON().withCredentials()
	var p videosdk.DispatchAgentParams
	f.StringVar(&p.AgentID, "agent", "", "the agent `ID` (required)")
	f.StringVar(&p.RoomID, "room", "", "the room `ID` (required)")
	f.StringVar(&p.VersionID, "version", "", "a dashboard-managed version `ID` (default the latest deployed)")
	general := f.Bool("general", false, "dispatch a managed (low-code) agent; needs -version")
	f.Func("metadata", "`JSON` object passed to the agent", func(s string) error { return json.Unmarshal([]byte(s), &p.Metadata) })
	_, cl, err := f.prepare(args, 0, "agent", "room")
	if err != nil {
		return err
	}
	dispatch := cl.Agents.Dispatch
	if *general {
		dispatch = cl.Agents.GeneralDispatch
	}
	res, err := dispatch(ctx, p)
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(res)
	}
	return c.details(kv("Job ID", res.JobID), kv("Status", res.Status), kv("Room ID", res.RoomID), kv("Agent ID", res.AgentID))
}

func deploymentTable(c *cli) func([]videosdk.AgentDeployment) error {
	return func(ds []videosdk.AgentDeployment) error {
		t := c.table("DEPLOYMENT ID", "NAME", "AGENT ID", "STATUS")
		for _, d := range ds {
			t.row(d.ID, d.Name, d.AgentID, d.Status)
		}
		return t.flush()
	}
}

func deploymentsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents deployments list", "", "Lists Agent Cloud deployments.").withJSON().withLimit().withCredentials()
	var p videosdk.ListDeploymentsParams
	f.StringVar(&p.AgentID, "agent", "", "only deployments of agent `ID`")
	f.StringVar(&p.Status, "status", "", "only deployments in `STATUS`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.AgentDeployment, error] {
		p.ListOptions = o
		return cl.Agents.Deployments.All(ctx, p)
	}, deploymentTable(c))
}

func deploymentsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents deployments get", "DEPLOYMENT_ID", "Shows a deployment.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.AgentDeployment, error) {
		return cl.Agents.Deployments.Get(ctx, id)
	}, func(d *videosdk.AgentDeployment) error {
		if f.json {
			return c.printJSON(d)
		}
		return deploymentTable(c)([]videosdk.AgentDeployment{*d})
	})
}

func deploymentsLatest(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents deployments latest", "DEPLOYMENT_ID", "Shows a deployment's latest version.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.AgentVersion, error) {
		return cl.Agents.Deployments.LatestVersion(ctx, id)
	}, func(v *videosdk.AgentVersion) error {
		if f.json {
			return c.printJSON(v)
		}
		return c.details(kv("Version ID", v.ID), kv("Status", v.Status), kv("Active", strconv.FormatBool(v.Active)),
			kv("Region", v.Region), kv("Replicas", strconv.Itoa(v.MinReplica)+"-"+strconv.Itoa(v.MaxReplica)), kv("Tag", v.VersionTag))
	})
}

func deploymentsLogs(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents deployments logs", "DEPLOYMENT_ID", "Prints one page of a deployment's console logs, oldest first.").withJSON().withCredentials()
	var p videosdk.AgentLogsParams
	f.StringVar(&p.RoomID, "room", "", "only lines about room `ID`")
	f.StringVar(&p.VersionID, "version", "", "only lines of version `ID`")
	f.IntVar(&p.PerPage, "n", 100, "at most `N` lines")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	p.Oldest = true
	page, err := cl.Agents.Deployments.Logs(ctx, pos[0], p)
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(page.Data)
	}
	t := c.table("TIME", "LINE")
	for _, l := range page.Data {
		t.row(l.Timestamp, l.Log)
	}
	return t.flush()
}

func deploymentsActivate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents deployments activate", "VERSION_ID", "Rolls a deployment onto a version, or stops it with -stop.").withJSON().withCredentials()
	stop := f.Bool("stop", false, "stop the version instead")
	force := f.Bool("force", false, "skip the server's safety checks")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	m, err := cl.Agents.Deployments.ActivateVersion(ctx, pos[0], !*stop, *force)
	return c.message(f, m, err)
}

func deploymentsDelete(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk agents deployments delete", "DEPLOYMENT_ID", "Deletes a deployment.").withJSON().withCredentials()
	force := f.Bool("force", false, "delete it even while a version runs")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	m, err := cl.Agents.Deployments.Delete(ctx, pos[0], *force)
	return c.message(f, m, err)
}

// message prints the sentence of a platform action.
func (c *cli) message(f *flagSet, m *videosdk.MessageResponse, err error) error {
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(m)
	}
	return c.details(kv("Result", m.Message))
}
