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

func TestAgentsCommands(t *testing.T) {
	t.Parallel()
	srv := videosdktest.NewServer()
	t.Cleanup(srv.Close)
	h := fakeHarness(t, srv)
	var room videosdk.Room
	require.NoError(t, json.Unmarshal([]byte(h.ok("rooms", "create", "-json")), &room))

	var res videosdk.DispatchResult
	require.NoError(t, json.Unmarshal([]byte(h.ok("agents", "dispatch", "-agent", "support", "-room", room.RoomID, "-metadata", `{"lang":"en"}`, "-json")), &res))
	assert.True(t, res.Success)
	assert.Equal(t, []string{"agent-" + res.JobID}, srv.AgentParticipants(room.RoomID))
	out := h.ok("agents", "dispatch", "-agent", "support", "-room", room.RoomID)
	assert.Contains(t, out, "dispatched")

	r := h.run("agents", "dispatch", "-room", room.RoomID)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-agent is required")
	r = h.run("agents", "dispatch", "-agent", "a", "-room", room.RoomID, "-general")
	assert.Equal(t, 2, r.code, "general dispatch without -version is refused before sending")

	ctx := context.Background()
	cl := srv.Client()
	d, err := cl.Agents.Deployments.Create(ctx, videosdk.CreateDeploymentParams{Name: "bot"})
	require.NoError(t, err)
	v, err := cl.Agents.Deployments.CreateVersion(ctx, videosdk.CreateVersionParams{AgentID: d.AgentID, DeploymentID: d.ID, Image: videosdk.AgentImage{URL: "acme/bot:1"}})
	require.NoError(t, err)

	assert.Contains(t, h.ok("agents", "deployments", "list"), d.ID)
	assert.Contains(t, h.ok("agents", "deployments", "get", d.ID), "bot")
	assert.Contains(t, h.ok("agents", "deployments", "latest", d.ID), v.ID)
	assert.Contains(t, h.ok("agents", "deployments", "logs", d.ID), "deploying")
	assert.Contains(t, h.ok("agents", "deployments", "activate", v.ID, "-stop"), "deactivated")
	h.ok("agents", "deployments", "delete", d.ID)
	r = h.run("agents", "deployments", "get", d.ID)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "not found")
}
