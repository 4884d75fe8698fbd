package videosdktest

import (
	"context"
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
