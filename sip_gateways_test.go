package videosdk

import (
	"context"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestSIPInboundGatewaysCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/inbound-gateways", golden: "sip_inbound_gateways_create", fixture: "sip_inbound_gateway.json"})
	g, err := c.SIP.InboundGateways.Create(context.Background(), CreateInboundGatewayParams{
		Name: "Support line", Numbers: []string{"+14155550100"},
		Auth:             &SIPAuth{Username: "carrier", Password: "s3cr3t-pass"},
		AllowedAddresses: []string{"203.0.113.0/24"}, AllowedNumbers: []string{"+91*"},
		MediaEncryption: SIPMediaEncryptionDisable, Record: true, EnableDTMF: true,
		Metadata: map[string]string{"team": "care"}, Tags: []string{"support"}, GeoRegion: SIPRegionUS002,
	})
	require.NoError(t, err)
	check()
	created := ts("2026-01-10T09:00:00Z")
	assert.Equal(t, &SIPGateway{
		ID: "gw_in_01", Name: "Support line", Numbers: []string{"+14155550100"},
		Auth:             &SIPAuth{Username: "carrier", Password: "s3cr3t-pass"},
		AllowedAddresses: []string{"203.0.113.0/24"}, AllowedNumbers: []string{"+91*"},
		MediaEncryption: SIPMediaEncryptionDisable, Record: true, EnableDTMF: true,
		Tags: []string{"support"}, Metadata: map[string]string{"team": "care"}, GeoRegion: SIPRegionUS002,
		CreatedAt: created, UpdatedAt: created,
	}, g)
}

func TestSIPInboundGatewaysList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/inbound-gateways", fixture: "sip_gateways_list.json",
		query: map[string]string{"page": "1", "perPage": "2", "search": "line", "id": "gw_in_01"}})
	p, err := c.SIP.InboundGateways.List(context.Background(), ListSIPGatewaysParams{ListOptions: ListOptions{Page: 1, PerPage: 2}, Search: "line", ID: "gw_in_01"})
	require.NoError(t, err)
	check()
	require.Len(t, p.Data, 2)
	assert.Equal(t, "gw_in_02", p.Data[1].ID)
	assert.Equal(t, 2, p.PageInfo.Total)
}

func TestSIPInboundGatewaysAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/inbound-gateways", fixture: "sip_gateways_list.json", query: map[string]string{"page": "1"}})
	var ids []string
	for g, err := range c.SIP.InboundGateways.All(context.Background(), ListSIPGatewaysParams{}) {
		require.NoError(t, err)
		ids = append(ids, g.ID)
	}
	check()
	assert.Equal(t, []string{"gw_in_01", "gw_in_02"}, ids)
}

func TestSIPInboundGatewaysGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/inbound-gateways/gw_in_01", fixture: "sip_inbound_gateway.json"})
	g, err := c.SIP.InboundGateways.Get(context.Background(), "gw_in_01")
	require.NoError(t, err)
	check()
	assert.Equal(t, "Support line", g.Name)
	assert.True(t, g.Record)
}

func TestSIPInboundGatewaysUpdateSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/inbound-gateways/gw_in_01", golden: "sip_gateways_update", fixture: "sip_inbound_gateway.json"})
	_, err := c.SIP.InboundGateways.Update(context.Background(), "gw_in_01", UpdateGatewayParams{Name: Ptr("Support line"), Record: Ptr(false)})
	require.NoError(t, err)
	check()
}

func TestSIPInboundGatewaysUpdatePreserving(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	get := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/inbound-gateways/gw_in_01", fixture: "sip_inbound_gateway.json"})
	patch := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/inbound-gateways/gw_in_01", golden: "sip_gateways_update_preserving", fixture: "sip_inbound_gateway.json"})
	// The gateway records and has DTMF on, in us002: a rename keeps them.
	_, err := c.SIP.InboundGateways.UpdatePreserving(context.Background(), "gw_in_01", UpdateGatewayParams{Name: Ptr("Renamed"), NoiseCancellation: Ptr(true)})
	require.NoError(t, err)
	get()
	patch()
}

func TestSIPInboundGatewaysDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/sip/inbound-gateways/gw_in_01", fixture: "sip_message_deleted.json"})
	m, err := c.SIP.InboundGateways.Delete(context.Background(), "gw_in_01")
	require.NoError(t, err)
	check()
	assert.Equal(t, "Gateway deleted successfully", m.Message)
}

func TestSIPOutboundGatewaysCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/outbound-gateways", golden: "sip_outbound_gateways_create", fixture: "sip_outbound_gateway.json"})
	g, err := c.SIP.OutboundGateways.Create(context.Background(), CreateOutboundGatewayParams{
		Name: "Carrier out", Numbers: []string{"+14155550100"}, Address: "sip.example-carrier.com:5061",
		Transport: SIPTransportTLS, MediaEncryption: SIPMediaEncryptionEnable, NoiseCancellation: true, GeoRegion: SIPRegionIN002,
	})
	require.NoError(t, err)
	check()
	// The answer came wrapped in "data" (SPEC-PLATFORM §0.1).
	assert.Equal(t, &SIPGateway{
		ID: "gw_out_01", Name: "Carrier out", Numbers: []string{"+14155550100"}, Address: "sip.example-carrier.com:5061",
		Transport: SIPTransportTLS, MediaEncryption: SIPMediaEncryptionEnable, NoiseCancellation: true, Tags: []string{}, GeoRegion: SIPRegionIN002,
	}, g)
}

func TestSIPOutboundGatewaysListGetUpdateDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	list := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/outbound-gateways", fixture: "sip_gateways_list.json"})
	_, err := c.SIP.OutboundGateways.List(ctx, ListSIPGatewaysParams{})
	require.NoError(t, err)
	list()

	c, mt = newTestClient(t)
	get := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/outbound-gateways/gw_out_01", fixture: "sip_outbound_gateway.json"})
	g, err := c.SIP.OutboundGateways.Get(ctx, "gw_out_01")
	require.NoError(t, err)
	get()
	assert.Equal(t, "gw_out_01", g.ID)

	c, mt = newTestClient(t)
	upd := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/outbound-gateways/gw_out_01", golden: "sip_outbound_gateways_update", fixture: "sip_outbound_gateway.json"})
	_, err = c.SIP.OutboundGateways.Update(ctx, "gw_out_01", UpdateGatewayParams{
		Address: Ptr("sip2.example-carrier.com"), Transport: SIPTransportTCP,
		Auth: &SIPAuth{Username: "u", Password: "p"}, GeoRegion: Ptr(SIPRegionAuto),
	})
	require.NoError(t, err)
	upd()

	c, mt = newTestClient(t)
	get2 := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/outbound-gateways/gw_out_01", fixture: "sip_outbound_gateway.json"})
	patch := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/outbound-gateways/gw_out_01", golden: "sip_outbound_gateways_update_preserving", fixture: "sip_outbound_gateway.json"})
	_, err = c.SIP.OutboundGateways.UpdatePreserving(ctx, "gw_out_01", UpdateGatewayParams{Tags: []string{"primary"}})
	require.NoError(t, err)
	get2()
	patch()

	c, mt = newTestClient(t)
	del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/sip/outbound-gateways/gw_out_01", fixture: "sip_message_deleted.json"})
	_, err = c.SIP.OutboundGateways.Delete(ctx, "gw_out_01")
	require.NoError(t, err)
	del()
}

func TestSIPGatewayAnswerWithoutIDIsInvalid(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/sip/inbound-gateways/gw"), httpmock.NewStringResponder(200, `{"name":"x"}`))
	_, err := c.SIP.InboundGateways.Get(context.Background(), "gw")
	require.ErrorIs(t, err, ErrInvalidResponse)
	mt.RegisterResponder("GET", testutil.URL("/v2/sip/outbound-gateways/gw"), httpmock.NewStringResponder(200, `<html>oops</html>`))
	_, err = c.SIP.OutboundGateways.Get(context.Background(), "gw")
	require.ErrorIs(t, err, ErrInvalidResponse)
}

// Outbound gateway arguments are checked before any request, on create,
// update and update-preserving (which would otherwise read the gateway
// first).
func TestSIPOutboundGatewaysValidationBeforeRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	ok := CreateOutboundGatewayParams{Name: "n", Numbers: []string{"+14155550100"}, Address: "sip.carrier.com"}
	with := func(f func(p *CreateOutboundGatewayParams)) CreateOutboundGatewayParams { p := ok; f(&p); return p }
	for name, p := range map[string]CreateOutboundGatewayParams{
		"no name":    with(func(p *CreateOutboundGatewayParams) { p.Name = "" }),
		"no numbers": with(func(p *CreateOutboundGatewayParams) { p.Numbers = nil }),
		"not E.164":  with(func(p *CreateOutboundGatewayParams) { p.Numbers = []string{"4155550100"} }),
		"no address": with(func(p *CreateOutboundGatewayParams) { p.Address = " " }),
		"transport":  with(func(p *CreateOutboundGatewayParams) { p.Transport = "sctp" }),
		"half auth":  with(func(p *CreateOutboundGatewayParams) { p.Auth = &SIPAuth{Username: "u"} }),
		"encryption": with(func(p *CreateOutboundGatewayParams) { p.MediaEncryption = "on" }),
		"bad region": with(func(p *CreateOutboundGatewayParams) { p.GeoRegion = "us 002" }),
	} {
		_, err := c.SIP.OutboundGateways.Create(ctx, p)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	for name, p := range map[string]UpdateGatewayParams{
		"blank name":       {Name: Ptr(" ")},
		"not E.164":        {Numbers: []string{"+1 415"}},
		"allowedAddresses": {AllowedAddresses: []string{"203.0.113.1"}},
		"blank address":    {Address: Ptr("")},
		"transport":        {Transport: "sctp"},
		"half auth":        {Auth: &SIPAuth{Password: "p"}},
		"encryption":       {MediaEncryption: "on"},
		"empty region":     {GeoRegion: Ptr(SIPRegion(""))},
	} {
		_, err := c.SIP.OutboundGateways.Update(ctx, "gw", p)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
		_, err = c.SIP.OutboundGateways.UpdatePreserving(ctx, "gw", p)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	_, err := c.SIP.InboundGateways.UpdatePreserving(ctx, "gw", UpdateGatewayParams{Transport: SIPTransportTCP})
	assert.ErrorIs(t, err, ErrInvalidParams, "transport on an inbound gateway")
	_, err = c.SIP.OutboundGateways.UpdatePreserving(ctx, "a/b", UpdateGatewayParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	for _, err := range c.SIP.OutboundGateways.All(ctx, ListSIPGatewaysParams{ListOptions: ListOptions{PerPage: -1}}) {
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	requireNoRequest(t, mt)
}

// All iterates over outbound gateways as it does over inbound ones.
func TestSIPOutboundGatewaysAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/outbound-gateways", fixture: "sip_gateways_list.json", query: map[string]string{"page": "1"}})
	var ids []string
	for g, err := range c.SIP.OutboundGateways.All(context.Background(), ListSIPGatewaysParams{}) {
		require.NoError(t, err)
		ids = append(ids, g.ID)
	}
	check()
	assert.Equal(t, []string{"gw_in_01", "gw_in_02"}, ids)
}

// UpdatePreserving stops at a failed read: nothing is patched.
func TestSIPGatewayUpdatePreservingStopsOnFailedRead(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/sip/outbound-gateways/gw"), httpmock.NewStringResponder(404, `{"message":"Gateway not found"}`))
	_, err := c.SIP.OutboundGateways.UpdatePreserving(context.Background(), "gw", UpdateGatewayParams{Name: Ptr("x")})
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 0, mt.GetCallCountInfo()["PATCH "+testutil.URL("/v2/sip/outbound-gateways/gw")])
	assert.Equal(t, 1, mt.GetTotalCallCount())
}
