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

// More of what the gateway routes refuse, on create and on update; a
// refused update changes nothing.
func TestSIPGatewaysRefuseMore(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	const in, out = "/v2/sip/inbound-gateways", "/v2/sip/outbound-gateways"
	num := []string{"+14155550100"}
	for name, tc := range map[string]struct {
		path string
		body map[string]any
	}{
		"blank name":               {in, map[string]any{"name": " ", "numbers": num}},
		"transport on inbound":     {in, map[string]any{"name": "n", "numbers": num, "transport": "udp"}},
		"bad encryption":           {in, map[string]any{"name": "n", "numbers": num, "mediaEncryption": "on"}},
		"blank geoRegion":          {in, map[string]any{"name": "n", "numbers": num, "geoRegion": ""}},
		"allowedNumbers on create": {out, map[string]any{"name": "n", "numbers": num, "address": "h", "allowedNumbers": []string{"+1*"}}},
		"blank address":            {out, map[string]any{"name": "n", "numbers": num, "address": " "}},
		"mistyped field":           {in, map[string]any{"name": "n", "numbers": "+14155550100"}},
		"no body":                  {in, nil},
		"outbound half auth":       {out, map[string]any{"name": "n", "numbers": num, "address": "h", "auth": map[string]any{"username": "u", "password": ""}}},
		"outbound bad numbers":     {out, map[string]any{"name": "n", "numbers": []string{"+1 415"}, "address": "h"}},
		"mistyped bool":            {in, map[string]any{"name": "n", "numbers": num, "noiseCancellation": "yes"}},
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", tc.path, tc.body) })
	}
	assert.Empty(t, ok(t, srv, "GET", in, nil)["data"])

	g := ok(t, srv, "POST", in, map[string]any{"name": "n", "numbers": num, "record": true, "geoRegion": "us002",
		"allowedNumbers": []string{"+91*"}, "tags": []string{"a"}, "metadata": map[string]string{"k": "v"}})
	p := in + "/" + g["id"].(string)
	for name, body := range map[string]map[string]any{
		"blank name":    {"name": ""},
		"numbers":       {"numbers": []string{"415"}},
		"address":       {"address": "h"},
		"encryption":    {"mediaEncryption": "on"},
		"mistyped tags": {"tags": "a"},
	} {
		t.Run("update "+name, func(t *testing.T) { fails(t, srv, 400, "PATCH", p, body) })
	}
	got := ok(t, srv, "GET", p, nil)
	assert.Equal(t, true, got["record"], "refused updates change nothing")
	assert.Equal(t, "us002", got["geoRegion"])
	assert.Equal(t, map[string]any{"k": "v"}, got["metadata"])
	// An outbound gateway may be given allowedNumbers on update.
	o := ok(t, srv, "POST", out, map[string]any{"name": "o", "numbers": num, "address": "h"})
	assert.Equal(t, "tls", o["transport"], "outbound gateways default to TLS")
	up := ok(t, srv, "PATCH", out+"/"+o["id"].(string), map[string]any{"allowedNumbers": []string{"+1*"}})
	assert.Equal(t, []any{"+1*"}, up["allowedNumbers"])
	fails(t, srv, 404, "DELETE", out+"/"+g["id"].(string), nil)
}

// Deleting a gateway detaches the numbers provisioned on it; the number
// stays, and can be provisioned again.
func TestSIPGatewayDeleteDetachesNumbers(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	provisionNumber(t, srv, "+14155550100")
	n := ok(t, srv, "GET", "/v2/sip/phone-numbers/+14155550100", nil)
	inID := n["inbound"].(map[string]any)["id"].(string)
	outID := n["outbound"].(map[string]any)["id"].(string)
	ok(t, srv, "DELETE", "/v2/sip/inbound-gateways/"+inID, nil)
	n = ok(t, srv, "GET", "/v2/sip/phone-numbers/+14155550100", nil)
	assert.Nil(t, n["inbound"])
	assert.NotNil(t, n["outbound"])
	ok(t, srv, "DELETE", "/v2/sip/outbound-gateways/"+outID, nil)
	n = ok(t, srv, "GET", "/v2/sip/phone-numbers/+14155550100", nil)
	assert.Nil(t, n["outbound"])
	fails(t, srv, 404, "GET", "/v2/sip/outbound-gateways/"+outID, nil)
	fails(t, srv, 400, "POST", "/v2/sip/phone-numbers/detach", map[string]any{"phoneNumber": "+14155550100"})
	provisionNumber(t, srv, "+14155550100")
}
