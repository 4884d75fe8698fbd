package videosdk

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSIPPhoneNumbersCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/phone-numbers", golden: "sip_phone_numbers_create", fixture: "sip_phone_numbers_create.json"})
	m, err := c.SIP.PhoneNumbers.Create(context.Background(), CreateSIPPhoneNumbersParams{
		Name: "Support", PhoneNumbers: []string{"+14155550100", "+14155550101"}, IsShared: Ptr(false),
		MediaEncryption: SIPMediaEncryptionEnable,
		Inbound:         SIPPhoneNumberInboundSpec{SIPRegion: SIPRegionUS002},
		Outbound: SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: SIPRegionUS002,
			Auth: &SIPAuth{Username: "u", Password: "p"}, Transport: SIPTransportUDP},
	})
	require.NoError(t, err)
	check()
	assert.Equal(t, "Phone numbers created successfully", m.Message)
}

func TestSIPPhoneNumbersList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/phone-numbers", fixture: "sip_phone_numbers_list.json", query: map[string]string{"search": "+1415", "perPage": "20"}})
	p, err := c.SIP.PhoneNumbers.List(context.Background(), ListSIPPhoneNumbersParams{ListOptions: ListOptions{PerPage: 20}, Search: "+1415"})
	require.NoError(t, err)
	check()
	require.Len(t, p.Data, 1)
	assert.Equal(t, "pn_01", p.Data[0].Number.ID)
	assert.Nil(t, p.Data[0].Inbound)
}

func TestSIPPhoneNumbersAll(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/phone-numbers", fixture: "sip_phone_numbers_list.json", query: map[string]string{"page": "1"}})
	var got []string
	for n, err := range c.SIP.PhoneNumbers.All(context.Background(), ListSIPPhoneNumbersParams{}) {
		require.NoError(t, err)
		got = append(got, n.Number.E164)
	}
	check()
	assert.Equal(t, []string{"+14155550100"}, got)
}

func TestSIPPhoneNumbersGetEscapesPlus(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/phone-numbers/%2B14155550100", fixture: "sip_phone_number.json"})
	n, err := c.SIP.PhoneNumbers.Get(context.Background(), "+14155550100")
	require.NoError(t, err)
	check()
	created := ts("2026-01-10T09:00:00Z")
	assert.Equal(t, &SIPPhoneNumber{
		Number: SIPPhoneNumberInfo{ID: "pn_01", E164: "+14155550100", CountryCode: "US", Provider: "twilio", Origin: "byoc",
			Status: "active", Name: "Support", CreatedAt: created},
		Inbound: &SIPGateway{ID: "gw_in_01", Name: "Support", Numbers: []string{"+14155550100"}},
	}, n)
}

func TestSIPPhoneNumbersDetach(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/phone-numbers/detach", golden: "sip_phone_numbers_detach", fixture: "sip_phone_numbers_detach.json"})
	r, err := c.SIP.PhoneNumbers.Detach(context.Background(), "+14155550100")
	require.NoError(t, err)
	check()
	assert.Equal(t, &SIPDetachResult{Message: "Phone number detached", PhoneNumber: "+14155550100", Inbound: "gw_in_01"}, r)
}

func TestSIPPhoneNumbersUpdateGateway(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/phone-numbers/gateways/gw_out_01", golden: "sip_phone_numbers_update_gateway", fixture: "sip_phone_numbers_create.json"})
	_, err := c.SIP.PhoneNumbers.UpdateGateway(context.Background(), "gw_out_01", UpdateSIPPhoneNumberGatewayParams{
		Address: Ptr("sip.other-carrier.com"), Transport: SIPTransportTLS, Auth: &SIPAuth{Username: "u2", Password: "p2"},
	})
	require.NoError(t, err)
	check()
}

func TestSIPPhoneNumbersRelease(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/phone-numbers/pn_01/release", fixture: "sip_phone_numbers_create.json"})
	_, err := c.SIP.PhoneNumbers.Release(context.Background(), "pn_01")
	require.NoError(t, err)
	check()
}

// Every argument the docs constrain is checked before any request.
func TestSIPPhoneNumbersValidationBeforeRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	good := CreateSIPPhoneNumbersParams{Name: "n", PhoneNumbers: []string{"+14155550100"},
		Inbound:  SIPPhoneNumberInboundSpec{SIPRegion: SIPRegionUS002},
		Outbound: SIPPhoneNumberOutboundSpec{Address: "sip.carrier.com", SIPRegion: SIPRegionUS002}}
	with := func(f func(p *CreateSIPPhoneNumbersParams)) CreateSIPPhoneNumbersParams { p := good; f(&p); return p }
	for name, p := range map[string]CreateSIPPhoneNumbersParams{
		"no name":          with(func(p *CreateSIPPhoneNumbersParams) { p.Name = "" }),
		"no numbers":       with(func(p *CreateSIPPhoneNumbersParams) { p.PhoneNumbers = nil }),
		"not E.164":        with(func(p *CreateSIPPhoneNumbersParams) { p.PhoneNumbers = []string{"+1", "+14155550101"} }),
		"encryption":       with(func(p *CreateSIPPhoneNumbersParams) { p.MediaEncryption = "on" }),
		"no inbound":       with(func(p *CreateSIPPhoneNumbersParams) { p.Inbound.SIPRegion = "" }),
		"no address":       with(func(p *CreateSIPPhoneNumbersParams) { p.Outbound.Address = "" }),
		"no outbound zone": with(func(p *CreateSIPPhoneNumbersParams) { p.Outbound.SIPRegion = "" }),
		"half auth":        with(func(p *CreateSIPPhoneNumbersParams) { p.Outbound.Auth = &SIPAuth{Username: "u"} }),
		"transport":        with(func(p *CreateSIPPhoneNumbersParams) { p.Outbound.Transport = "sctp" }),
	} {
		_, err := c.SIP.PhoneNumbers.Create(ctx, p)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	for name, p := range map[string]UpdateSIPPhoneNumberGatewayParams{
		"blank name":    {Name: Ptr(" ")},
		"blank address": {Address: Ptr("")},
		"encryption":    {MediaEncryption: "on"},
		"region":        {SIPRegion: "us 002"},
		"transport":     {Transport: "sctp"},
		"half auth":     {Auth: &SIPAuth{Password: "p"}},
	} {
		_, err := c.SIP.PhoneNumbers.UpdateGateway(ctx, "gw", p)
		assert.ErrorIs(t, err, ErrInvalidParams, name)
	}
	for name, call := range map[string]func() error{
		"gateway id": func() error {
			_, err := c.SIP.PhoneNumbers.UpdateGateway(ctx, "a/b", UpdateSIPPhoneNumberGatewayParams{})
			return err
		},
		"list perPage": func() error {
			_, err := c.SIP.PhoneNumbers.List(ctx, ListSIPPhoneNumbersParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
		"get not E.164": func() error { _, err := c.SIP.PhoneNumbers.Get(ctx, "4155550100"); return err },
		"detach":        func() error { _, err := c.SIP.PhoneNumbers.Detach(ctx, "+1 415 555 0100"); return err },
		"release id":    func() error { _, err := c.SIP.PhoneNumbers.Release(ctx, ""); return err },
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}
