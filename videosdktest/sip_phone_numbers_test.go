package videosdktest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func TestSIPPhoneNumbersLifecycle(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, ctx := srv.Client(), context.Background()
	create := func(shared bool, numbers ...string) error {
		_, err := client.SIP.PhoneNumbers.Create(ctx, videosdk.CreateSIPPhoneNumbersParams{
			Name: "Lines", PhoneNumbers: numbers, IsShared: videosdk.Ptr(shared),
			Inbound:  videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionUS002},
			Outbound: videosdk.SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: videosdk.SIPRegionUS002, Transport: videosdk.SIPTransportUDP},
		})
		return err
	}
	require.NoError(t, create(true, "+14155550100", "+14155550101"))
	require.NoError(t, create(false, "+14155550102", "+14155550103"))
	assert.ErrorIs(t, create(true, "+14155550100"), videosdk.ErrConflict)

	a, err := client.SIP.PhoneNumbers.Get(ctx, "+14155550100")
	require.NoError(t, err)
	b, err := client.SIP.PhoneNumbers.Get(ctx, "+14155550101")
	require.NoError(t, err)
	c, err := client.SIP.PhoneNumbers.Get(ctx, "+14155550102")
	require.NoError(t, err)
	d, err := client.SIP.PhoneNumbers.Get(ctx, "+14155550103")
	require.NoError(t, err)
	assert.Equal(t, "active", a.Number.Status)
	require.NotNil(t, a.Inbound)
	require.NotNil(t, a.Outbound)
	assert.Equal(t, a.Inbound.ID, b.Inbound.ID, "shared: one pair")
	assert.NotEqual(t, c.Outbound.ID, d.Outbound.ID, "not shared: a pair each")
	assert.Equal(t, "sip.example-carrier.com", a.Outbound.Address)
	assert.Equal(t, videosdk.SIPTransportUDP, a.Outbound.Transport)
	// The gateways are ordinary gateways.
	g, err := client.SIP.OutboundGateways.Get(ctx, a.Outbound.ID)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"+14155550100", "+14155550101"}, g.Numbers)

	p, err := client.SIP.PhoneNumbers.List(ctx, videosdk.ListSIPPhoneNumbersParams{Search: "5550103"})
	require.NoError(t, err)
	require.Len(t, p.Data, 1)
	assert.Equal(t, "+14155550103", p.Data[0].Number.E164)

	det, err := client.SIP.PhoneNumbers.Detach(ctx, "+14155550100")
	require.NoError(t, err)
	assert.Equal(t, &videosdk.SIPDetachResult{Message: det.Message, PhoneNumber: "+14155550100", Inbound: a.Inbound.ID, Outbound: a.Outbound.ID}, det)
	_, err = client.SIP.PhoneNumbers.Detach(ctx, "+14155550100")
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "not attached any more")
	_, err = client.SIP.PhoneNumbers.Detach(ctx, "+14155550199")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	g, err = client.SIP.OutboundGateways.Get(ctx, a.Outbound.ID)
	require.NoError(t, err, "emptied gateways are kept")
	assert.Equal(t, []string{"+14155550101"}, g.Numbers)
	require.NoError(t, create(true, "+14155550100"), "a detached number can be attached again")

	_, err = client.SIP.PhoneNumbers.UpdateGateway(ctx, a.Outbound.ID, videosdk.UpdateSIPPhoneNumberGatewayParams{Address: videosdk.Ptr("sip.other.com")})
	require.NoError(t, err)
	g, err = client.SIP.OutboundGateways.Get(ctx, a.Outbound.ID)
	require.NoError(t, err)
	assert.Equal(t, "sip.other.com", g.Address)
	_, err = client.SIP.PhoneNumbers.UpdateGateway(ctx, a.Inbound.ID, videosdk.UpdateSIPPhoneNumberGatewayParams{Transport: videosdk.SIPTransportTCP})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "outbound-only field on an inbound gateway")
	fails(t, srv, 400, "PATCH", "/v2/sip/phone-numbers/gateways/"+a.Inbound.ID, map[string]any{"isShared": false})

	_, err = client.SIP.PhoneNumbers.Release(ctx, b.Number.ID)
	require.NoError(t, err)
	_, err = client.SIP.PhoneNumbers.Get(ctx, "+14155550101")
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	_, err = client.SIP.PhoneNumbers.Release(ctx, b.Number.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}
