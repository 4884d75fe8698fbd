package videosdk

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestResourcePool(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("acquire", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/resource/acquire", golden: "resource_acquire", fixture: "resource_acquire.json"})
		units, err := c.ResourcePool.Acquire(ctx, AcquireResourceParams{Type: ResourceRecording, WebhookURL: "https://example.com/", Quality: QualityMed, Units: 2})
		require.NoError(t, err)
		check()
		require.Len(t, units, 2)
		assert.Equal(t, ResourcePending, units[0].Status)
		assert.Equal(t, []string{}, units[0].ComposerIDs)
	})
	t.Run("acquire invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		for name, p := range map[string]AcquireResourceParams{
			"no type":     {WebhookURL: "https://example.com/"},
			"bad type":    {Type: "filecomposer", WebhookURL: "https://example.com/"},
			"no webhook":  {Type: ResourceHLS},
			"bad quality": {Type: ResourceHLS, WebhookURL: "https://example.com/", Quality: "ultra"},
			"minus units": {Type: ResourceHLS, WebhookURL: "https://example.com/", Units: -1},
			"bad mode":    {Type: ResourceHLS, WebhookURL: "https://example.com/", Mode: "video"},
			"too many":    {Type: ResourceRTMP, WebhookURL: "https://example.com/", Units: 1000},
		} {
			_, err := c.ResourcePool.Acquire(ctx, p)
			assert.ErrorIs(t, err, ErrInvalidParams, name)
		}
		_, err := c.ResourcePool.Release(ctx)
		assert.ErrorIs(t, err, ErrInvalidParams)
		requireNoRequest(t, mt)
	})
	t.Run("get flat", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/resource/abcdef9879288c1f48339f64", fixture: "resource_get_flat.json"})
		u, err := c.ResourcePool.Get(ctx, "abcdef9879288c1f48339f64")
		require.NoError(t, err)
		check()
		assert.Equal(t, ResourceType("filecomposer"), u.Type)
		assert.Equal(t, []string{"rec_1"}, u.ComposerIDs)
	})
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/resource", query: map[string]string{"status": "idle", "perPage": "20"}, fixture: "resource_list.json"})
		page, err := c.ResourcePool.List(ctx, ListResourcesParams{ListOptions: ListOptions{PerPage: 20}, Status: ResourceIdle})
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 1)
	})
	t.Run("release", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/resource/release", golden: "resource_release", fixture: "resource_release.json"})
		res, err := c.ResourcePool.Release(ctx, "abcdef9879288c1f48339f64", "abcdef9879288c1f48339f65")
		require.NoError(t, err)
		check()
		assert.Equal(t, []ReleaseResult{{ID: "abcdef9879288c1f48339f64", Success: true, Msg: "released"}, {ID: "abcdef9879288c1f48339f65", Success: false, Msg: "resource is composing"}}, res)
	})
}

// Arguments are checked before any request; a unit without an id is a
// typed error; All walks every page with the status filter.
func TestResourcePoolValidationAnswersAndAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	for name, call := range map[string]func() error{
		"list perPage": func() error {
			_, err := c.ResourcePool.List(ctx, ListResourcesParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
		"get id":        func() error { _, err := c.ResourcePool.Get(ctx, ""); return err },
		"release none":  func() error { _, err := c.ResourcePool.Release(ctx); return err },
		"release blank": func() error { _, err := c.ResourcePool.Release(ctx, "r1", " "); return err },
		"acquire units": func() error {
			_, err := c.ResourcePool.Acquire(ctx, AcquireResourceParams{Type: ResourceHLS, WebhookURL: "https://h.example.com", Units: 101})
			return err
		},
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)

	mt.RegisterResponder("GET", testutil.URL("/v2/resource/r1"), httpmock.NewStringResponder(200, `{"data":{"status":"idle"}}`))
	_, err := c.ResourcePool.Get(ctx, "r1")
	assert.ErrorIs(t, err, ErrInvalidResponse)

	var statuses []string
	mt.RegisterResponder("GET", testutil.URL("/v2/resource"), func(req *http.Request) (*http.Response, error) {
		statuses = append(statuses, req.URL.Query().Get("status"))
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		return httpmock.NewStringResponse(200, fmt.Sprintf(`{"pageInfo":{"currentPage":%d,"perPage":1,"lastPage":2,"total":2},"data":[{"id":"u%d","status":"idle"}]}`, page, page)), nil
	})
	var ids []string
	for u, err := range c.ResourcePool.All(ctx, ListResourcesParams{Status: ResourceIdle}) {
		require.NoError(t, err)
		ids = append(ids, u.ID)
	}
	assert.Equal(t, []string{"u1", "u2"}, ids)
	assert.Equal(t, []string{"idle", "idle"}, statuses)
}
