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
	assert.Equal(t, "US", a.Number.CountryCode, "from the +1 calling code")
	assert.Equal(t, "twilio", a.Number.Provider, "the fake's choice")
	assert.Equal(t, "byoc", a.Number.Origin, "the fake's choice")
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

// The create route refuses what the docs refuse; nothing is provisioned by
// a refused request.
func TestSIPPhoneNumbersCreateRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	body := func(change func(m map[string]any)) map[string]any {
		m := map[string]any{
			"name": "Lines", "phoneNumbers": []string{"+14155550100"},
			"inbound":  map[string]any{"sipRegion": "us002"},
			"outbound": map[string]any{"address": "sip.carrier.com", "sipRegion": "us002"},
		}
		change(m)
		return m
	}
	out := func(m map[string]any) map[string]any { return m["outbound"].(map[string]any) }
	for name, b := range map[string]map[string]any{
		"no name":         body(func(m map[string]any) { delete(m, "name") }),
		"no numbers":      body(func(m map[string]any) { m["phoneNumbers"] = []string{} }),
		"not E.164":       body(func(m map[string]any) { m["phoneNumbers"] = []string{"4155550100"} }),
		"twice":           body(func(m map[string]any) { m["phoneNumbers"] = []string{"+14155550100", "+14155550100"} }),
		"encryption":      body(func(m map[string]any) { m["mediaEncryption"] = "maybe" }),
		"no inbound":      body(func(m map[string]any) { delete(m, "inbound") }),
		"inbound region":  body(func(m map[string]any) { m["inbound"] = map[string]any{} }),
		"no outbound":     body(func(m map[string]any) { delete(m, "outbound") }),
		"no address":      body(func(m map[string]any) { delete(out(m), "address") }),
		"outbound region": body(func(m map[string]any) { delete(out(m), "sipRegion") }),
		"transport":       body(func(m map[string]any) { out(m)["transport"] = "sctp" }),
		"half an auth":    body(func(m map[string]any) { out(m)["auth"] = map[string]any{"username": "u"} }),
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", "/v2/sip/phone-numbers", b) })
	}
	assert.Empty(t, ok(t, srv, "GET", "/v2/sip/phone-numbers", nil)["data"])
	assert.Empty(t, ok(t, srv, "GET", "/v2/sip/outbound-gateways", nil)["data"], "no gateway is made either")

	// The accepted options reach both gateways of the pair.
	ok(t, srv, "POST", "/v2/sip/phone-numbers", body(func(m map[string]any) {
		m["mediaEncryption"] = "enable"
		out(m)["transport"] = "tls"
		out(m)["auth"] = map[string]any{"username": "u", "password": "p"}
	}))
	n := ok(t, srv, "GET", "/v2/sip/phone-numbers/%2B14155550100", nil)
	assert.Equal(t, "+14155550100", n["phoneNumber"].(map[string]any)["e164"], "the number may be escaped in the path")
	assert.Equal(t, "enable", n["inbound"].(map[string]any)["mediaEncryption"])
	assert.Equal(t, "enable", n["outbound"].(map[string]any)["mediaEncryption"])
	assert.Equal(t, "tls", n["outbound"].(map[string]any)["transport"])
	fails(t, srv, 400, "POST", "/v2/sip/phone-numbers/detach", map[string]any{})
}

// PATCH …/phone-numbers/gateways/{id} changes what it is given and refuses
// empty or unknown values, number lists and, on an inbound gateway,
// outbound-only fields; a refused patch changes nothing.
func TestSIPPhoneNumberGatewayUpdate(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ok(t, srv, "POST", "/v2/sip/phone-numbers", map[string]any{
		"name": "Lines", "phoneNumbers": []string{"+14155550100"},
		"inbound":  map[string]any{"sipRegion": "us002"},
		"outbound": map[string]any{"address": "sip.carrier.com", "sipRegion": "us002"},
	})
	n := ok(t, srv, "GET", "/v2/sip/phone-numbers/+14155550100", nil)
	inID := n["inbound"].(map[string]any)["id"].(string)
	outID := n["outbound"].(map[string]any)["id"].(string)
	path := "/v2/sip/phone-numbers/gateways/"
	fails(t, srv, 404, "PATCH", path+"nope", map[string]any{"name": "x"})
	for name, b := range map[string]map[string]any{
		"empty name":    {"name": ""},
		"empty address": {"address": " "},
		"empty region":  {"sipRegion": ""},
		"encryption":    {"mediaEncryption": "maybe"},
		"transport":     {"transport": "sctp"},
		"half an auth":  {"auth": map[string]any{"password": "p"}},
		"numbers":       {"numbers": []string{"+14155550101"}},
		"phoneNumbers":  {"phoneNumbers": []string{"+14155550101"}},
		"wrong type":    {"name": 5},
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "PATCH", path+outID, b) })
	}
	for _, f := range []string{"address", "transport", "auth"} {
		fails(t, srv, 400, "PATCH", path+inID, map[string]any{f: "x"})
	}
	before := ok(t, srv, "GET", "/v2/sip/outbound-gateways/"+outID, nil)
	assert.Equal(t, "Lines", before["name"], "refused patches change nothing")

	ok(t, srv, "PATCH", path+outID, map[string]any{"name": "Renamed", "mediaEncryption": "disable", "sipRegion": "in001",
		"transport": "tcp", "auth": map[string]any{"username": "u", "password": "p"}})
	g := ok(t, srv, "GET", "/v2/sip/outbound-gateways/"+outID, nil)
	assert.Equal(t, "Renamed", g["name"])
	assert.Equal(t, "disable", g["mediaEncryption"])
	assert.Equal(t, "tcp", g["transport"])
	assert.Equal(t, "in001", g["geoRegion"], "sipRegion is the gateway's geoRegion")
	assert.Equal(t, "sip.carrier.com", g["address"], "what is not sent is kept")
	ok(t, srv, "PATCH", path+inID, map[string]any{"sipRegion": "in001", "mediaEncryption": "enable"})
	g = ok(t, srv, "GET", "/v2/sip/inbound-gateways/"+inID, nil)
	assert.Equal(t, "enable", g["mediaEncryption"])
	assert.Equal(t, "in001", g["geoRegion"])
}

// countryOf reads the country from the longest calling code the table
// knows and leaves an unknown one out.
func TestSIPPhoneNumberCountryFromCallingCode(t *testing.T) {
	t.Parallel()
	for e164, want := range map[string]string{"+14155550100": "US", "+919876543210": "IN", "+442071838750": "GB",
		"+35312345678": "IE", "+2348012345678": "NG", "+99912345": ""} {
		assert.Equal(t, want, countryOf(e164), e164)
	}
}
