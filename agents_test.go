package videosdk

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAgentsDispatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name, path string
		call       func(*Client, DispatchAgentParams) (*DispatchResult, error)
	}{
		{"dispatch", "/v2/agent/dispatch", func(c *Client, p DispatchAgentParams) (*DispatchResult, error) { return c.Agents.Dispatch(ctx, p) }},
		{"connect", "/v2/agent/connect", func(c *Client, p DispatchAgentParams) (*DispatchResult, error) { return c.Agents.Connect(ctx, p) }},
		{"general", "/v2/agent/general/dispatch", func(c *Client, p DispatchAgentParams) (*DispatchResult, error) {
			return c.Agents.GeneralDispatch(ctx, p)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			check := expectCall(t, mt, callTest{method: "POST", path: tc.path, golden: "agents_dispatch", fixture: "agents_dispatch.json"})
			res, err := tc.call(c, DispatchAgentParams{
				AgentID: "9f1c2a", RoomID: "abcd-efgh-ijkl", VersionID: "ver_01",
				Metadata:    map[string]any{"variables": []any{map[string]any{"name": "fname", "value": "john"}}},
				RoomOptions: &AgentRoomOptions{AutoEndSession: ptr(true), SessionTimeoutSeconds: 600},
			})
			require.NoError(t, err)
			check()
			assert.Equal(t, &DispatchResult{Success: true, JobID: "job_01", Status: "dispatched", WorkerID: "wk_7", RoomID: "abcd-efgh-ijkl", AgentID: "9f1c2a", Message: "Agent dispatched"}, res)
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestAgentsDispatchInvalid(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	for _, p := range []DispatchAgentParams{
		{RoomID: "r"},
		{AgentID: "a"},
		{AgentID: "a", RoomID: "r", RoomOptions: &AgentRoomOptions{SessionTimeoutSeconds: -1}},
	} {
		_, err := c.Agents.Dispatch(ctx, p)
		assert.ErrorIs(t, err, ErrInvalidParams, "%+v", p)
	}
	_, err := c.Agents.GeneralDispatch(ctx, DispatchAgentParams{AgentID: "a", RoomID: "r"})
	assert.ErrorIs(t, err, ErrInvalidParams, "general dispatch without versionId")
	requireNoRequest(t, mt)
}

func TestAgentDeployments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/cloud/deployments", golden: "agents_deployment_create", fixture: "agents_deployment.json"})
		d, err := c.Agents.Deployments.Create(ctx, CreateDeploymentParams{Name: "support-bot", EnvSecret: "sec_01"})
		require.NoError(t, err)
		check()
		assert.Equal(t, &AgentDeployment{ID: "dep_01", AgentID: "ag_01", Name: "support-bot", Status: "active", EnvSecret: "sec_01"}, d)
	})
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/cloud/deployments", query: map[string]string{"perPage": "20", "name": "bot$", "status": "active"}, fixture: "agents_deployments_list.json"})
		page, err := c.Agents.Deployments.List(ctx, ListDeploymentsParams{ListOptions: ListOptions{PerPage: 20}, Name: "bot$", Status: "active"})
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 2)
		assert.Equal(t, "dep_02", page.Data[0].ID)
		assert.Equal(t, 2, page.PageInfo.Total)
	})
	t.Run("get", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/cloud/deployments", query: map[string]string{"perPage": "1", "deploymentId": "dep_01"}, fixture: "agents_deployments_list.json"})
		d, err := c.Agents.Deployments.Get(ctx, "dep_01")
		require.NoError(t, err)
		check()
		assert.Equal(t, "support-bot", d.Name)
	})
	t.Run("get missing", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/cloud/deployments", query: map[string]string{"perPage": "1", "deploymentId": "dep_09"}, fixture: "agents_deployments_empty.json"})
		_, err := c.Agents.Deployments.Get(ctx, "dep_09")
		check()
		assert.ErrorIs(t, err, ErrNotFound)
	})
	t.Run("latest", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/cloud/deployments/dep_01/latest", fixture: "agents_version.json"})
		v, err := c.Agents.Deployments.LatestVersion(ctx, "dep_01")
		require.NoError(t, err)
		check()
		assert.Equal(t, "ver_01", v.ID)
		assert.True(t, v.Active)
		assert.Equal(t, 3, v.MaxReplica)
		assert.JSONEq(t, `{"imageUrl":"ghcr.io/acme/agent:1.2","imageCR":"ghcr.io","imageType":"public"}`, string(v.Image))
	})
	t.Run("logs", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/ai/v1/cloud/deployments/dep_01/console-logs", query: map[string]string{
			"page": "1", "perPage": "50", "roomId": "abcd-efgh-ijkl", "start": "2026-12-06T00:00:00Z", "end": "2026-12-07T00:00:00Z", "sort": "1",
		}, fixture: "agents_logs.json"})
		page, err := c.Agents.Deployments.Logs(ctx, "dep_01", AgentLogsParams{ListOptions: ListOptions{Page: 1, PerPage: 50}, RoomID: "abcd-efgh-ijkl",
			Start: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), Oldest: true})
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 2)
		assert.Equal(t, "worker started", page.Data[0].Log)
		assert.True(t, page.HasNext())
	})
	t.Run("delete", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/cloud/deployments/dep_01/delete", golden: "agents_deployment_delete", fixture: "message_deleted.json"})
		m, err := c.Agents.Deployments.Delete(ctx, "dep_01", true)
		require.NoError(t, err)
		check()
		assert.Equal(t, "Deleted", m.Message)
	})
	t.Run("create version", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/cloud/versions", golden: "agents_version_create", fixture: "agents_version.json"})
		v, err := c.Agents.Deployments.CreateVersion(ctx, CreateVersionParams{
			AgentID: "ag_01", DeploymentID: "dep_01", Image: AgentImage{URL: "ghcr.io/acme/agent:1.2", PullSecret: "sec_pull"},
			MinReplica: ptr(1), MaxReplica: ptr(3), VersionTag: "v1.2",
			Webhook: &AgentVersionWebhook{EndPoint: "https://hooks.example.com/agents", Events: []WebhookEventType{WebhookAgentSessionStarted}},
		})
		require.NoError(t, err)
		check()
		assert.Equal(t, "dep_01", v.DeploymentID)
	})
	t.Run("activate", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "PUT", path: "/ai/v1/cloud/versions/ver_01/activate", golden: "agents_version_activate", fixture: "message_deleted.json"})
		_, err := c.Agents.Deployments.ActivateVersion(ctx, "ver_01", false, false)
		require.NoError(t, err)
		check()
	})
}

func TestAgentVersionValidation(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	base := func() CreateVersionParams {
		return CreateVersionParams{AgentID: "a", DeploymentID: "d", Image: AgentImage{URL: "acme/agent"}}
	}
	for name, mod := range map[string]func(*CreateVersionParams){
		"no agent":        func(p *CreateVersionParams) { p.AgentID = "" },
		"no image":        func(p *CreateVersionParams) { p.Image.URL = "" },
		"max over 50":     func(p *CreateVersionParams) { p.MaxReplica = ptr(51) },
		"max below min":   func(p *CreateVersionParams) { p.MinReplica, p.MaxReplica = ptr(4), ptr(2) },
		"bad profile":     func(p *CreateVersionParams) { p.Profile = "gpu-huge" },
		"bad webhook URL": func(p *CreateVersionParams) { p.Webhook = &AgentVersionWebhook{EndPoint: "ftp://x"} },
	} {
		p := base()
		mod(&p)
		_, err := c.Agents.Deployments.CreateVersion(ctx, p)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
	assert.Equal(t, "docker.io", imageRegistry("acme/agent:1"))
	assert.Equal(t, "docker.io", imageRegistry("agent"))
	assert.Equal(t, "localhost:5000", imageRegistry("localhost:5000/agent"))
}

func TestAgentSecretsCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/ai/v1/cloud/secrets", golden: "agents_secret_create", fixture: "agents_secret.json"})
	p := CreateAgentSecretParams{Name: "support-env", Keys: map[string]string{"OPENAI_API_KEY": "sk-very-secret-value"}}
	sec, err := c.Agents.Secrets.Create(context.Background(), p)
	require.NoError(t, err)
	check()
	assert.Equal(t, "sec_01", sec.ID)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, p), "sk-very-secret-value", verb)
	}
	_, err = c.Agents.Secrets.Create(context.Background(), CreateAgentSecretParams{Name: "x"})
	assert.True(t, errors.Is(err, ErrInvalidParams))
}
