package videosdk

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConnectors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/connectors", golden: "connectors_create", fixture: "connectors_create.json"})
		cn, err := c.Connectors.Create(ctx, CreateConnectorParams{Provider: ConnectorTwilio, Name: "support line", DefaultRoomID: "abcd-efgh-ijkl"})
		require.NoError(t, err)
		check()
		assert.Equal(t, "cn_01", cn.ID)
		assert.Equal(t, ConnectorTwilio, cn.Provider)
		assert.Contains(t, cn.WebhookURL, "key=sk_live_abcdef123456")
		for _, verb := range []string{"%v", "%+v", "%#v"} {
			assert.NotContains(t, fmt.Sprintf(verb, cn), "sk_live_abcdef123456", verb)
			assert.NotContains(t, fmt.Sprintf(verb, *cn), "sk_live_abcdef123456", verb)
		}
	})
	t.Run("create invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		_, err := c.Connectors.Create(ctx, CreateConnectorParams{})
		assert.ErrorIs(t, err, ErrInvalidParams)
		_, err = c.Connectors.Create(ctx, CreateConnectorParams{Provider: "vonage"})
		assert.ErrorIs(t, err, ErrInvalidParams)
		requireNoRequest(t, mt)
	})
	t.Run("list and all", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/connectors", fixture: "connectors_list.json"})
		page, err := c.Connectors.List(ctx)
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 2)
		assert.Equal(t, ConnectorTelnyx, page.Data[1].Provider)
		assert.False(t, page.HasNext())
		c2, mt2 := newTestClient(t)
		check2 := expectCall(t, mt2, callTest{method: "GET", path: "/v2/connectors", fixture: "connectors_list.json"})
		var ids []string
		for cn, err := range c2.Connectors.All(ctx) {
			require.NoError(t, err)
			ids = append(ids, cn.ID)
		}
		check2()
		assert.Equal(t, []string{"cn_01", "cn_02"}, ids)
	})
	t.Run("get, rotate, delete", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		get := expectCall(t, mt, callTest{method: "GET", path: "/v2/connectors/cn_01", fixture: "connectors_create.json"})
		rotate := expectCall(t, mt, callTest{method: "POST", path: "/v2/connectors/cn_01/rotate-key", fixture: "connectors_create.json"})
		del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/connectors/cn_01", fixture: "message_deleted.json"})
		_, err := c.Connectors.Get(ctx, "cn_01")
		require.NoError(t, err)
		_, err = c.Connectors.RotateKey(ctx, "cn_01")
		require.NoError(t, err)
		_, err = c.Connectors.Delete(ctx, "cn_01")
		require.NoError(t, err)
		get()
		rotate()
		del()
		_, err = c.Connectors.Get(ctx, "../rooms")
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
}
