package videosdktest

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

// Done-when: an agent dispatched on the fake joins the room, as seen
// through the sessions API.
func TestAgentDispatchJoinsRoom(t *testing.T) {
	t.Parallel()
	srv := NewServer(WithSeed(7))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	client := srv.Client()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)
	_, err = srv.Join(room.RoomID, "Asha")
	require.NoError(t, err)

	res, err := client.Agents.Dispatch(ctx, videosdk.DispatchAgentParams{AgentID: "support-agent", RoomID: room.RoomID})
	require.NoError(t, err)
	assert.True(t, res.Success)
	assert.Equal(t, room.RoomID, res.RoomID)
	require.NotEmpty(t, res.JobID)

	sessions, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: room.RoomID, Status: videosdk.SessionOngoing})
	require.NoError(t, err)
	require.Len(t, sessions.Data, 1)
	active, err := client.Sessions.ListActiveParticipants(ctx, sessions.Data[0].ID, videosdk.ListOptions{})
	require.NoError(t, err)
	var ids []string
	for _, p := range active.Data {
		ids = append(ids, p.ParticipantID)
	}
	assert.Contains(t, ids, "agent-"+res.JobID)
	assert.Equal(t, []string{"agent-" + res.JobID}, srv.AgentParticipants(room.RoomID))
}

func TestAgentDispatchRules(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	client := srv.Client()
	room, err := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
	require.NoError(t, err)

	// No live session: the agent's joining starts one.
	res, err := client.Agents.Connect(ctx, videosdk.DispatchAgentParams{AgentID: "a", RoomID: room.RoomID})
	require.NoError(t, err)
	page, err := client.Sessions.List(ctx, videosdk.ListSessionsParams{RoomID: room.RoomID, Status: videosdk.SessionOngoing})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)

	// joinMeeting false: dispatched, not joined.
	res2, err := client.Agents.Dispatch(ctx, videosdk.DispatchAgentParams{AgentID: "b", RoomID: room.RoomID, RoomOptions: &videosdk.AgentRoomOptions{JoinMeeting: new(bool)}})
	require.NoError(t, err)
	assert.Equal(t, []string{"agent-" + res.JobID}, srv.AgentParticipants(room.RoomID))
	assert.NotEqual(t, res.JobID, res2.JobID)

	_, err = client.Agents.Dispatch(ctx, videosdk.DispatchAgentParams{AgentID: "a", RoomID: "nope-nope-nope"})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = client.Agents.GeneralDispatch(ctx, videosdk.DispatchAgentParams{AgentID: "a", RoomID: room.RoomID, VersionID: "v1"})
	require.NoError(t, err)
}

// Deployments move through their states on the fake's clock: a new
// version deploys for 10 s, then serves; activating another stops it.
func TestAgentDeploymentLifecycle(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	deps := srv.Client().Agents.Deployments

	sec, err := srv.Client().Agents.Secrets.Create(ctx, videosdk.CreateAgentSecretParams{Name: "env", Keys: map[string]string{"K": "v"}})
	require.NoError(t, err)
	d, err := deps.Create(ctx, videosdk.CreateDeploymentParams{Name: "support-bot", EnvSecret: sec.ID})
	require.NoError(t, err)
	assert.Equal(t, "created", d.Status)
	require.NotEmpty(t, d.AgentID, "the server generates agentId")

	_, err = deps.LatestVersion(ctx, d.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)

	v1, err := deps.CreateVersion(ctx, videosdk.CreateVersionParams{AgentID: d.AgentID, DeploymentID: d.ID, Image: videosdk.AgentImage{URL: "acme/agent:1"}})
	require.NoError(t, err)
	assert.Equal(t, "deploying", v1.Status)
	got, err := deps.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "deploying", got.Status)

	clock.add(10 * time.Second)
	got, err = deps.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "active", got.Status)
	latest, err := deps.LatestVersion(ctx, d.ID)
	require.NoError(t, err)
	assert.True(t, latest.Active)
	assert.Equal(t, "active", latest.Status)

	v2, err := deps.CreateVersion(ctx, videosdk.CreateVersionParams{AgentID: d.AgentID, DeploymentID: d.ID, Image: videosdk.AgentImage{URL: "acme/agent:2"}})
	require.NoError(t, err)
	clock.add(time.Minute)
	_, err = deps.ActivateVersion(ctx, v1.ID, true, false) // roll back
	require.NoError(t, err)
	clock.add(time.Minute)
	latest, err = deps.LatestVersion(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, v2.ID, latest.ID)
	assert.False(t, latest.Active, "activating v1 stopped v2")

	logs, err := deps.Logs(ctx, d.ID, videosdk.AgentLogsParams{Oldest: true})
	require.NoError(t, err)
	var lines []string
	for _, l := range logs.Data {
		lines = append(lines, l.Log)
	}
	assert.Equal(t, []string{
		"version " + v1.ID + " deploying", "version " + v1.ID + " active",
		"version " + v1.ID + " stopped", "version " + v2.ID + " deploying", "version " + v2.ID + " active",
		"version " + v2.ID + " stopped", "version " + v1.ID + " deploying", "version " + v1.ID + " active",
	}, lines)

	_, err = deps.Delete(ctx, d.ID, false)
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "an active deployment needs force")
	_, err = deps.Delete(ctx, d.ID, true)
	require.NoError(t, err)
	_, err = deps.Get(ctx, d.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

// The dispatch routes need a room and an agent (and, for the general
// dispatch, a version); meetingId and roomId are both accepted; a
// deactivated room is refused; a deployment of the agent logs the join.
func TestAgentDispatchRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	room := newRoom(t, srv)
	fails(t, srv, 400, "POST", "/v2/agent/dispatch", map[string]any{"agentId": "a"})
	fails(t, srv, 400, "POST", "/v2/agent/dispatch", map[string]any{"meetingId": room})
	fails(t, srv, 400, "POST", "/v2/agent/general/dispatch", map[string]any{"meetingId": room, "agentId": "a"})

	d := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "bot", "agentId": "a"})
	assert.Equal(t, "a", d["agentId"], "a given agentId is kept")
	res := ok(t, srv, "POST", "/v2/agent/dispatch", map[string]any{"meetingId": room, "agentId": "a"})
	assert.Equal(t, "Agent dispatched", res["message"])
	data := res["data"].(map[string]any)
	assert.Equal(t, room, data["roomId"])
	assert.Equal(t, true, data["success"])
	logs := ok(t, srv, "GET", "/ai/v1/cloud/deployments/"+d["id"].(string)+"/console-logs?roomId="+room, nil)["logs"].([]any)
	require.Len(t, logs, 1)
	assert.Contains(t, logs[0].(map[string]any)["log"], "agent joined room "+room)

	ok(t, srv, "POST", "/v2/rooms/deactivate", map[string]any{"roomId": room})
	fails(t, srv, 400, "POST", "/v2/agent/dispatch", map[string]any{"roomId": room, "agentId": "a"})
}

// Secrets need a name and keys; a deployment needs a name and an existing
// secret; the list filters by agent, id, status and name.
func TestAgentSecretsAndDeploymentList(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	fails(t, srv, 400, "POST", "/ai/v1/cloud/secrets", map[string]any{"keys": map[string]string{"K": "v"}})
	fails(t, srv, 400, "POST", "/ai/v1/cloud/secrets", map[string]any{"name": "env"})
	sec := ok(t, srv, "POST", "/ai/v1/cloud/secrets", map[string]any{"name": "env", "keys": map[string]string{"K": "v"}})["data"].(map[string]any)
	assert.Equal(t, "NORMAL", sec["type"], "the documented default type")
	assert.NotContains(t, sec, "keys", "a secret's values are never answered")

	fails(t, srv, 400, "POST", "/ai/v1/cloud/deployments", map[string]any{})
	fails(t, srv, 404, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "x", "envSecret": "nope"})
	a := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "support-bot", "envSecret": sec["id"]})
	b := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "sales-bot"})
	assert.Regexp(t, uuidRe, a["agentId"])
	ok(t, srv, "POST", "/ai/v1/cloud/versions", map[string]any{"agentId": b["agentId"], "deploymentId": b["id"], "image": map[string]any{"imageUrl": "acme/sales:1"}})

	ids := func(q string) []any {
		t.Helper()
		out := []any{}
		for _, d := range ok(t, srv, "GET", "/ai/v1/cloud/deployments?"+q, nil)["deployments"].([]any) {
			out = append(out, d.(map[string]any)["id"])
		}
		return out
	}
	assert.Equal(t, []any{b["id"], a["id"]}, ids(""), "newest first")
	assert.Equal(t, []any{a["id"]}, ids("agentId="+a["agentId"].(string)))
	assert.Equal(t, []any{b["id"]}, ids("deploymentId="+b["id"].(string)))
	assert.Equal(t, []any{b["id"]}, ids("status=deploying"))
	assert.Equal(t, []any{a["id"]}, ids("status=created"))
	assert.Equal(t, []any{a["id"]}, ids("name=support"))
	// name is a regular expression (SPEC-PLATFORM §16.2), not a substring.
	assert.Equal(t, []any{a["id"]}, ids("name="+url.QueryEscape("^sup.*bot$")))
	fails(t, srv, 400, "GET", "/ai/v1/cloud/deployments?name="+url.QueryEscape("(bot"), nil)
	fails(t, srv, 400, "GET", "/ai/v1/cloud/deployments?perPage=0", nil)
	fails(t, srv, 404, "GET", "/ai/v1/cloud/deployments/nope/latest", nil)
}

// A version needs its agent, deployment and image, a documented profile and
// replicas with 0 <= min <= max <= 50; the agent must own the deployment.
func TestAgentVersionRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	d := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "bot"})
	img := map[string]any{"imageUrl": "acme/agent:1"}
	v := func(extra map[string]any) map[string]any {
		m := map[string]any{"agentId": d["agentId"], "deploymentId": d["id"], "image": img}
		for k, x := range extra {
			m[k] = x
		}
		return m
	}
	for name, body := range map[string]map[string]any{
		"no agentId":      {"deploymentId": d["id"], "image": img},
		"no deploymentId": {"agentId": d["agentId"], "image": img},
		"no image":        v(map[string]any{"image": nil}),
		"blank image":     v(map[string]any{"image": map[string]any{"imageUrl": " "}}),
		"profile":         v(map[string]any{"profile": "gpu-huge"}),
		"negative min":    v(map[string]any{"minReplica": -1}),
		"max over 50":     v(map[string]any{"maxReplica": 51}),
		"max under min":   v(map[string]any{"minReplica": 3, "maxReplica": 2}),
		"other agent":     v(map[string]any{"agentId": "someone-else"}),
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", "/ai/v1/cloud/versions", body) })
	}
	fails(t, srv, 404, "POST", "/ai/v1/cloud/versions", v(map[string]any{"deploymentId": "nope"}))

	got := ok(t, srv, "POST", "/ai/v1/cloud/versions", v(map[string]any{"minReplica": 2, "versionTag": "v1"}))
	assert.EqualValues(t, 2, got["minReplica"])
	assert.EqualValues(t, 2, got["maxReplica"], "max follows a larger min")
	assert.Equal(t, "us002", got["region"], "the documented default region")
	assert.Equal(t, "v1", got["versionTag"])
}

// Activation needs the activate flag and a known version; deactivating
// stops the version and is logged; a stopped deployment can be deleted
// without force; the logs route checks its window and sort.
func TestAgentVersionActivationAndLogs(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	d := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "bot"})
	dp := "/ai/v1/cloud/deployments/" + d["id"].(string)
	v := ok(t, srv, "POST", "/ai/v1/cloud/versions", map[string]any{"agentId": d["agentId"], "deploymentId": d["id"], "image": map[string]any{"imageUrl": "acme/agent:1"}})
	vp := "/ai/v1/cloud/versions/" + v["id"].(string) + "/activate"
	fails(t, srv, 404, "PUT", "/ai/v1/cloud/versions/nope/activate", map[string]any{"activate": true})
	fails(t, srv, 400, "PUT", vp, map[string]any{})
	clock.add(10 * time.Second)
	assert.Equal(t, "active", ok(t, srv, "GET", dp+"/latest", nil)["status"])
	clock.add(time.Minute)

	assert.Equal(t, "Version deactivated", ok(t, srv, "PUT", vp, map[string]any{"activate": false})["message"])
	latest := ok(t, srv, "GET", dp+"/latest", nil)
	assert.Equal(t, "inactive", latest["status"])
	assert.Equal(t, false, latest["active"])
	assert.Equal(t, "stopped", ok(t, srv, "GET", "/ai/v1/cloud/deployments?deploymentId="+d["id"].(string), nil)["deployments"].([]any)[0].(map[string]any)["status"])
	ok(t, srv, "PUT", vp, map[string]any{"activate": false}) // already stopped: nothing more is logged

	logs := ok(t, srv, "GET", dp+"/console-logs", nil)["logs"].([]any)
	require.Len(t, logs, 3)
	assert.Equal(t, "version "+v["id"].(string)+" stopped", logs[0].(map[string]any)["log"], "newest first by default")
	assert.Regexp(t, isoRe, logs[0].(map[string]any)["timestamp"])
	oldest := ok(t, srv, "GET", dp+"/console-logs?sort=1&perPage=1&page=2", nil)["logs"].([]any)
	require.Len(t, oldest, 1)
	assert.Equal(t, "version "+v["id"].(string)+" active", oldest[0].(map[string]any)["log"])
	start := clock.now().Add(-time.Second).UTC().Format(time.RFC3339Nano)
	assert.Len(t, ok(t, srv, "GET", dp+"/console-logs?start="+start, nil)["logs"], 1, "only the stop is in the window")
	end := clock.now().Add(-time.Minute - 5*time.Second).UTC().Format(time.RFC3339Nano)
	assert.Len(t, ok(t, srv, "GET", dp+"/console-logs?end="+end, nil)["logs"], 1, "only the deploy is in the window")
	for _, q := range []string{"sort=2", "start=today", "end=2025", "page=x"} {
		fails(t, srv, 400, "GET", dp+"/console-logs?"+q, nil)
	}

	assert.Equal(t, "Deployment deleted", ok(t, srv, "POST", dp+"/delete", map[string]any{})["message"], "a stopped deployment needs no force")
	fails(t, srv, 404, "POST", dp+"/delete", map[string]any{})
	fails(t, srv, 404, "GET", dp+"/console-logs", nil)
	fails(t, srv, 404, "PUT", vp, map[string]any{"activate": true})
}

// Every agent write route refuses a body that is not a JSON object, each
// with a message-only error.
func TestAgentRoutesRefuseBadBodies(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	d := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "bot"})
	v := ok(t, srv, "POST", "/ai/v1/cloud/versions", map[string]any{"agentId": d["agentId"], "deploymentId": d["id"], "image": map[string]any{"imageUrl": "acme/a:1"}})
	for _, r := range [][2]string{
		{"POST", "/v2/agent/dispatch"}, {"POST", "/v2/agent/connect"}, {"POST", "/v2/agent/general/dispatch"},
		{"POST", "/ai/v1/cloud/secrets"}, {"POST", "/ai/v1/cloud/deployments"}, {"POST", "/ai/v1/cloud/deployments/" + d["id"].(string) + "/delete"},
		{"POST", "/ai/v1/cloud/versions"}, {"PUT", "/ai/v1/cloud/versions/" + v["id"].(string) + "/activate"},
	} {
		for _, body := range []string{"{", "[]", `{"agentId":1,"name":1,"force":"yes","activate":"yes"}`} {
			failsRaw(t, srv, 400, r[0], r[1], body)
		}
	}
	// A version whose deployment was deleted cannot be activated.
	ok(t, srv, "POST", "/ai/v1/cloud/deployments/"+d["id"].(string)+"/delete", map[string]any{"force": true})
	fails(t, srv, 404, "PUT", "/ai/v1/cloud/versions/"+v["id"].(string)+"/activate", map[string]any{"activate": true})
	fails(t, srv, 404, "POST", "/ai/v1/cloud/versions", map[string]any{"agentId": d["agentId"], "deploymentId": d["id"], "image": map[string]any{"imageUrl": "acme/a:2"}})
}
