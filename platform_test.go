package videosdk

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

type platformThing struct {
	ID     string `json:"id"`
	CallID string `json:"callId"`
	Name   string `json:"name"`
}

func (p *platformThing) normalize() { setIfEmpty(&p.ID, p.CallID) }

func (p *platformThing) validResponse() error {
	if p.ID == "" {
		return errors.New("no id")
	}
	return nil
}

func TestCallUnwrapped(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body    string
		want    string
		wantErr bool
	}{
		"wrapped":            {body: `{"data":{"id":"a","name":"n"}}`, want: "a"},
		"bare":               {body: `{"id":"b","name":"n"}`, want: "b"},
		"callId copied":      {body: `{"data":{"callId":"c"}}`, want: "c"},
		"data not an object": {body: `{"data":"x","id":"d"}`, want: "d"},
		"empty object":       {body: `{}`, wantErr: true},
		"array":              {body: `[1]`, wantErr: true},
		"html":               {body: `<html>`, wantErr: true},
		"truncated":          {body: `{"data":{"id":"a"`, wantErr: true},
		"empty":              {body: ``, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL("/v2/thing"), httpmock.NewStringResponder(200, tc.body))
			got, err := callUnwrapped[platformThing](context.Background(), c, "GET", "/v2/thing", nil, nil, "data")
			if tc.wantErr {
				var re *ResponseError
				require.ErrorAs(t, err, &re)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got.ID)
		})
	}
}

func TestListUnwrapped(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		key, body string
		ids       []string
		last      int
		wantErr   bool
	}{
		"data":                       {body: `{"pageInfo":{"currentPage":1,"lastPage":3},"data":[{"id":"a"},{"callId":"b"}]}`, ids: []string{"a", "b"}, last: 3},
		"own key":                    {key: "deployments", body: `{"pageInfo":{"currentPage":1,"lastPage":1},"deployments":[{"id":"a"}]}`, ids: []string{"a"}, last: 1},
		"own key nested":             {key: "records", body: `{"data":{"pageInfo":{"currentPage":2,"lastPage":2},"records":[{"id":"a"}]}}`, ids: []string{"a"}, last: 2},
		"own key absent, data array": {key: "batchCalls", body: `{"data":[{"id":"z"}]}`, ids: []string{"z"}, last: 1},
		"bare array":                 {body: `[{"id":"a"}]`, ids: []string{"a"}, last: 1},
		"no items":                   {body: `{"pageInfo":{}}`, wantErr: true},
		"items not list":             {body: `{"data":{"id":"a"}}`, wantErr: true},
		"garbage":                    {body: `{"data":[`, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder("GET", testutil.URL("/v2/things"), httpmock.NewStringResponder(200, tc.body))
			p, err := listUnwrapped[platformThing](context.Background(), c, "/v2/things", nil, tc.key)
			if tc.wantErr {
				var re *ResponseError
				require.ErrorAs(t, err, &re)
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, it := range p.Data {
				ids = append(ids, it.ID)
			}
			require.Equal(t, tc.ids, ids)
			require.Equal(t, tc.last, p.PageInfo.LastPage)
		})
	}
}

func TestCallMessage(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"message":"Gateway deleted","extra":1}`: "Gateway deleted",
		`"deleted"`: "deleted",
		`deleted`:   "deleted",
		``:          "",
	} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("DELETE", testutil.URL("/v2/thing/1"), httpmock.NewStringResponder(200, body))
		got, err := callMessage(context.Background(), c, "DELETE", "/v2/thing/1", nil, nil)
		require.NoError(t, err, body)
		require.Equal(t, want, got.Message, body)
	}
}

// A platform answer that is not the documented shape is a *ResponseError
// (ErrInvalidResponse), never a zero value or a panic.
func TestPlatformBadAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name, method, path, body string
		call                     func(*Client) error
	}{
		{"connector without id", "GET", "/v2/connectors/c1", `{"data":{}}`, func(c *Client) error { _, err := c.Connectors.Get(ctx, "c1"); return err }},
		{"dispatch as HTML", "POST", "/v2/agent/dispatch", `<html>gateway</html>`, func(c *Client) error {
			_, err := c.Agents.Dispatch(ctx, DispatchAgentParams{AgentID: "a", RoomID: "r"})
			return err
		}},
		{"batch without batchId", "GET", "/v2/batch-calls/b1", `{"status":"running"}`, func(c *Client) error { _, err := c.BatchCalls.Get(ctx, "b1"); return err }},
		{"rule as array", "GET", "/v2/alertRules/r1", `[]`, func(c *Client) error { _, err := c.Alerts.Rules.Get(ctx, "r1"); return err }},
		{"incidents without items", "GET", "/v2/incidents", `{"pageInfo":{"currentPage":1}}`, func(c *Client) error {
			_, err := c.Alerts.Incidents.List(ctx, ListIncidentsParams{})
			return err
		}},
		{"stats as a string", "GET", "/v2/batch-calls/b1/stats", `"ok"`, func(c *Client) error { _, err := c.BatchCalls.Stats(ctx, "b1"); return err }},
		{"catalog not JSON", "GET", "/v2/alertRules/metrics/catalog", `metrics`, func(c *Client) error { _, err := c.Alerts.Metrics.Catalog(ctx, ""); return err }},
		{"socket without ws URL", "POST", "/v2/ingest/sessions", `{"data":{"wsUrl":"https://x.test/"}}`, func(c *Client) error {
			_, err := c.Ingest.Sockets.Create(ctx, CreateIngestSocketParams{RoomID: "r"})
			return err
		}},
		{"acquire without units", "POST", "/v2/resource/acquire", `{"success":true}`, func(c *Client) error {
			_, err := c.ResourcePool.Acquire(ctx, AcquireResourceParams{Type: ResourceHLS, WebhookURL: "https://x.test/"})
			return err
		}},
		{"truncated deployment", "POST", "/ai/v1/cloud/deployments", `{"data":{"id":"d1"`, func(c *Client) error {
			_, err := c.Agents.Deployments.Create(ctx, CreateDeploymentParams{Name: "n"})
			return err
		}},
		{"deployments under the wrong key", "GET", "/ai/v1/cloud/deployments", `{"pageInfo":{},"items":[]}`, func(c *Client) error {
			_, err := c.Agents.Deployments.List(ctx, ListDeploymentsParams{})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			mt.RegisterResponder(tc.method, testutil.URL(tc.path), httpmock.NewStringResponder(200, tc.body))
			err := tc.call(c)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidResponse)
			var re *ResponseError
			assert.ErrorAs(t, err, &re)
		})
	}
}

// A platform POST that may have reached the server is not sent again.
func TestPlatformPostsAreNotRetried(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		path string
		call func(*Client) error
	}{
		{"/v2/agent/dispatch", func(c *Client) error {
			_, err := c.Agents.Dispatch(ctx, DispatchAgentParams{AgentID: "a", RoomID: "r"})
			return err
		}},
		{"/v2/batch-calls/b1/cancel", func(c *Client) error { _, err := c.BatchCalls.Cancel(ctx, "b1", BatchCancelImmediate); return err }},
		{"/v2/resource/acquire", func(c *Client) error {
			_, err := c.ResourcePool.Acquire(ctx, AcquireResourceParams{Type: ResourceHLS, WebhookURL: "https://x.test/"})
			return err
		}},
		{"/v2/connectors/c1/rotate-key", func(c *Client) error { _, err := c.Connectors.RotateKey(ctx, "c1"); return err }},
	} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("POST", testutil.URL(tc.path), httpmock.NewStringResponder(http.StatusServiceUnavailable, `{"message":"busy"}`))
		err := tc.call(c)
		assert.ErrorIs(t, err, ErrServer, tc.path)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "%s sent more than once", tc.path)
	}
}
