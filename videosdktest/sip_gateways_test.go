package videosdktest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestSIPGatewaysLifecycle(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()

	g, err := client.SIP.InboundGateways.Create(ctx, videosdk.CreateInboundGatewayParams{
		Name: "Support", Numbers: []string{"+14155550100"}, Record: true, EnableDTMF: true, GeoRegion: videosdk.SIPRegionUS002,
		Tags: []string{"a"},
	})
	require.NoError(t, err)
	assert.True(t, g.Record)
	assert.Equal(t, videosdk.SIPRegionUS002, g.GeoRegion)
	require.NotNil(t, g.CreatedAt)

	// A PATCH that omits the booleans and geoRegion resets them (Node SDK).
	up, err := client.SIP.InboundGateways.Update(ctx, g.ID, videosdk.UpdateGatewayParams{Name: videosdk.Ptr("Support 2")})
	require.NoError(t, err)
	assert.Equal(t, "Support 2", up.Name)
	assert.False(t, up.Record)
	assert.False(t, up.EnableDTMF)
	assert.Empty(t, up.GeoRegion)
	assert.Equal(t, []string{"a"}, up.Tags, "other fields are kept")

	// UpdatePreserving keeps them.
	_, err = client.SIP.InboundGateways.Update(ctx, g.ID, videosdk.UpdateGatewayParams{Record: videosdk.Ptr(true), GeoRegion: videosdk.Ptr(videosdk.SIPRegionIN002)})
	require.NoError(t, err)
	kept, err := client.SIP.InboundGateways.UpdatePreserving(ctx, g.ID, videosdk.UpdateGatewayParams{Name: videosdk.Ptr("Support 3")})
	require.NoError(t, err)
	assert.True(t, kept.Record)
	assert.Equal(t, videosdk.SIPRegionIN002, kept.GeoRegion)

	// Inbound and outbound gateways are separate collections.
	out, err := client.SIP.OutboundGateways.Create(ctx, videosdk.CreateOutboundGatewayParams{Name: "Out", Numbers: []string{"+14155550100"}, Address: "sip.example-carrier.com"})
	require.NoError(t, err)
	assert.Equal(t, videosdk.SIPTransportTLS, out.Transport, "TLS by default")
	_, err = client.SIP.InboundGateways.Get(ctx, out.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	list, err := client.SIP.InboundGateways.List(ctx, videosdk.ListSIPGatewaysParams{Search: "support"})
	require.NoError(t, err)
	require.Len(t, list.Data, 1)
	assert.Equal(t, g.ID, list.Data[0].ID)
	list, err = client.SIP.OutboundGateways.List(ctx, videosdk.ListSIPGatewaysParams{ID: g.ID})
	require.NoError(t, err)
	assert.Empty(t, list.Data)

	_, err = client.SIP.InboundGateways.Delete(ctx, g.ID)
	require.NoError(t, err)
	_, err = client.SIP.InboundGateways.Get(ctx, g.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

func TestSIPGatewaysRefuse(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	const in, out = "/v2/sip/inbound-gateways", "/v2/sip/outbound-gateways"
	for name, tc := range map[string]struct {
		path string
		body map[string]any
	}{
		"no name":                 {in, map[string]any{"numbers": []string{"+14155550100"}}},
		"no numbers":              {in, map[string]any{"name": "n"}},
		"not e164":                {in, map[string]any{"name": "n", "numbers": []string{"4155550100"}}},
		"half auth":               {in, map[string]any{"name": "n", "numbers": []string{"+14155550100"}, "auth": map[string]any{"username": "u"}}},
		"address on inbound":      {in, map[string]any{"name": "n", "numbers": []string{"+14155550100"}, "address": "h"}},
		"outbound without addr":   {out, map[string]any{"name": "n", "numbers": []string{"+14155550100"}}},
		"bad transport":           {out, map[string]any{"name": "n", "numbers": []string{"+14155550100"}, "address": "h", "transport": "TLS"}},
		"allowedAddresses on out": {out, map[string]any{"name": "n", "numbers": []string{"+14155550100"}, "address": "h", "allowedAddresses": []string{"1.2.3.4"}}},
	} {
		t.Run(name, func(t *testing.T) {
			fails(t, srv, 400, "POST", tc.path, tc.body)
		})
	}
	g := ok(t, srv, "POST", out, map[string]any{"name": "n", "numbers": []string{"+14155550100"}, "address": "h"})
	fails(t, srv, 409, "POST", out, map[string]any{"name": "n", "numbers": []string{"+14155550101"}, "address": "h"})
	// PUT is routed like PATCH (an earlier render of the reference said PUT).
	put := ok(t, srv, "PUT", out+"/"+g["id"].(string), map[string]any{"address": "h2"})
	assert.Equal(t, "h2", put["address"])
	fails(t, srv, 404, "PATCH", in+"/"+g["id"].(string), map[string]any{"name": "x"})
}
