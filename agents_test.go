package videosdk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
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

// Arguments are checked before any request.
func TestAgentsValidationBeforeRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	start := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for name, call := range map[string]func() error{
		"secret name": func() error {
			_, err := c.Agents.Secrets.Create(ctx, CreateAgentSecretParams{Keys: map[string]string{"K": "v"}})
			return err
		},
		"secret key name": func() error {
			_, err := c.Agents.Secrets.Create(ctx, CreateAgentSecretParams{Name: "n", Keys: map[string]string{" ": "v"}})
			return err
		},
		"deployment name": func() error {
			_, err := c.Agents.Deployments.Create(ctx, CreateDeploymentParams{Name: " "})
			return err
		},
		"list perPage": func() error {
			_, err := c.Agents.Deployments.List(ctx, ListDeploymentsParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
		"get id":  func() error { _, err := c.Agents.Deployments.Get(ctx, "a/b"); return err },
		"logs id": func() error { _, err := c.Agents.Deployments.Logs(ctx, "", AgentLogsParams{}); return err },
		"logs page": func() error {
			_, err := c.Agents.Deployments.Logs(ctx, "d", AgentLogsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"logs end < start": func() error {
			_, err := c.Agents.Deployments.Logs(ctx, "d", AgentLogsParams{Start: start, End: start.Add(-time.Second)})
			return err
		},
		"activate id": func() error { _, err := c.Agents.Deployments.ActivateVersion(ctx, "", true, false); return err },
		"latest id":   func() error { _, err := c.Agents.Deployments.LatestVersion(ctx, ".."); return err },
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	for _, err := range c.Agents.Deployments.All(ctx, ListDeploymentsParams{ListOptions: ListOptions{PerPage: -1}}) {
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	requireNoRequest(t, mt)
}

// Answers without the id of what they describe are typed errors; All walks
// every page of deployments with the caller's filters.
func TestAgentsAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	mt.RegisterResponder("POST", testutil.URL("/ai/v1/cloud/secrets"), httpmock.NewStringResponder(200, `{"data":{"name":"env"}}`))
	mt.RegisterResponder("POST", testutil.URL("/ai/v1/cloud/deployments"), httpmock.NewStringResponder(200, `{"data":{"name":"bot"}}`))
	mt.RegisterResponder("POST", testutil.URL("/ai/v1/cloud/versions"), httpmock.NewStringResponder(200, `{"status":"deploying"}`))
	_, err := c.Agents.Secrets.Create(ctx, CreateAgentSecretParams{Name: "env", Keys: map[string]string{"K": "v"}})
	assert.ErrorIs(t, err, ErrInvalidResponse)
	_, err = c.Agents.Deployments.Create(ctx, CreateDeploymentParams{Name: "bot"})
	assert.ErrorIs(t, err, ErrInvalidResponse)
	_, err = c.Agents.Deployments.CreateVersion(ctx, CreateVersionParams{AgentID: "a", DeploymentID: "d", Image: AgentImage{URL: "acme/a:1"}})
	assert.ErrorIs(t, err, ErrInvalidResponse)

	var names []string
	mt.RegisterResponder("GET", testutil.URL("/ai/v1/cloud/deployments"), func(req *http.Request) (*http.Response, error) {
		names = append(names, req.URL.Query().Get("name"))
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		return httpmock.NewStringResponse(200, fmt.Sprintf(`{"pageInfo":{"currentPage":%d,"perPage":1,"lastPage":2,"total":2},"deployments":[{"id":"dep_%d","name":"bot"}]}`, page, page)), nil
	})
	var ids []string
	for d, err := range c.Agents.Deployments.All(ctx, ListDeploymentsParams{Name: "^bot"}) {
		require.NoError(t, err)
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []string{"dep_1", "dep_2"}, ids)
	assert.Equal(t, []string{"^bot", "^bot"}, names)
}
