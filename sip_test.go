package videosdk

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func TestIsE164(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"+14155550100":      true,
		"+442071838750":     true,
		"+12":               true,
		"+1234567890123456": false, // 16 digits
		"14155550100":       false,
		"+04155550100":      false,
		"+1 415 555 0100":   false,
		"+1415555010a":      false,
		"":                  false,
		"+":                 false,
	} {
		assert.Equal(t, want, IsE164(s), s)
	}
}

func TestCheckSIPTarget(t *testing.T) {
	t.Parallel()
	for s, ok := range map[string]bool{
		"+14155550123":              true,
		"sip:alice@example.com":     true,
		"sips:bob@example.com:5061": true,
		"SIP:carol@example.com":     true,
		"sip:":                      false,
		"sip:a b@example.com":       false,
		"https://example.com":       false,
		"4155550123":                false,
		"":                          false,
	} {
		err := checkSIPTarget("to", s)
		if ok {
			assert.NoError(t, err, s)
		} else {
			assert.ErrorIs(t, err, ErrInvalidParams, s)
		}
	}
}

func TestSIPAuthFormatRedactsPassword(t *testing.T) {
	t.Parallel()
	a := SIPAuth{Username: "carrier", Password: "s3cr3t-pass"}
	g := SIPGateway{ID: "gw", Auth: &a}
	p := CreateOutboundGatewayParams{Name: "n", Auth: &a}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{a, &a, g, &g, p} {
			out := fmt.Sprintf(f, v)
			assert.NotContains(t, out, "s3cr3t-pass", f)
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", a), "carrier")
}

func TestSIPServiceWired(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t)
	require.NotNil(t, c.SIP)
	assert.NotNil(t, c.SIP.InboundGateways)
	assert.NotNil(t, c.SIP.OutboundGateways)
	assert.NotNil(t, c.SIP.RoutingRules)
	assert.NotNil(t, c.SIP.PhoneNumbers)
	assert.NotNil(t, c.SIP.Calls)
	assert.NotNil(t, c.SIP.Webhooks)
}

// TestSIPRefusesBadInputBeforeSending runs every SIP method with bad input:
// each must fail with ErrInvalidParams and send nothing.
func TestSIPRefusesBadInputBeforeSending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	auth := &SIPAuth{Username: "u"}
	for name, call := range map[string]func(c *Client) error{
		"inbound create no name": func(c *Client) error {
			_, err := c.SIP.InboundGateways.Create(ctx, CreateInboundGatewayParams{Numbers: []string{"+14155550100"}})
			return err
		},
		"inbound create no numbers": func(c *Client) error {
			_, err := c.SIP.InboundGateways.Create(ctx, CreateInboundGatewayParams{Name: "n"})
			return err
		},
		"inbound create bad number": func(c *Client) error {
			_, err := c.SIP.InboundGateways.Create(ctx, CreateInboundGatewayParams{Name: "n", Numbers: []string{"4155550100"}})
			return err
		},
		"inbound create half auth": func(c *Client) error {
			_, err := c.SIP.InboundGateways.Create(ctx, CreateInboundGatewayParams{Name: "n", Numbers: []string{"+14155550100"}, Auth: auth})
			return err
		},
		"inbound create bad encryption": func(c *Client) error {
			_, err := c.SIP.InboundGateways.Create(ctx, CreateInboundGatewayParams{Name: "n", Numbers: []string{"+14155550100"}, MediaEncryption: "on"})
			return err
		},
		"inbound update address": func(c *Client) error {
			_, err := c.SIP.InboundGateways.Update(ctx, "gw", UpdateGatewayParams{Address: Ptr("h")})
			return err
		},
		"inbound get empty id": func(c *Client) error { _, err := c.SIP.InboundGateways.Get(ctx, ""); return err },
		"inbound get dotdot":   func(c *Client) error { _, err := c.SIP.InboundGateways.Get(ctx, ".."); return err },
		"inbound delete slash": func(c *Client) error { _, err := c.SIP.InboundGateways.Delete(ctx, "a/b"); return err },
		"inbound list negative page": func(c *Client) error {
			_, err := c.SIP.InboundGateways.List(ctx, ListSIPGatewaysParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"inbound preserving bad": func(c *Client) error {
			_, err := c.SIP.InboundGateways.UpdatePreserving(ctx, "gw", UpdateGatewayParams{Numbers: []string{"x"}})
			return err
		},
		"outbound create no address": func(c *Client) error {
			_, err := c.SIP.OutboundGateways.Create(ctx, CreateOutboundGatewayParams{Name: "n", Numbers: []string{"+14155550100"}})
			return err
		},
		"outbound create bad transport": func(c *Client) error {
			_, err := c.SIP.OutboundGateways.Create(ctx, CreateOutboundGatewayParams{Name: "n", Numbers: []string{"+14155550100"}, Address: "h", Transport: "TLS"})
			return err
		},
		"outbound update allowedAddresses": func(c *Client) error {
			_, err := c.SIP.OutboundGateways.Update(ctx, "gw", UpdateGatewayParams{AllowedAddresses: []string{"1.2.3.4"}})
			return err
		},
		"outbound update blank region": func(c *Client) error {
			_, err := c.SIP.OutboundGateways.Update(ctx, "gw", UpdateGatewayParams{GeoRegion: Ptr(SIPRegion(" "))})
			return err
		},
		"rule no type": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "r"})
			return err
		},
		"rule bad type": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "r", Type: "both"})
			return err
		},
		"rule static without id": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "r", Type: SIPInbound, Room: &SIPRuleRoom{Type: SIPRoomStatic}})
			return err
		},
		"rule dynamic bad prefix": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "r", Type: SIPInbound, Room: &SIPRuleRoom{Type: SIPRoomDynamic, Prefix: "pre-"}})
			return err
		},
		"rule inbound headers": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "r", Type: SIPInbound, Headers: map[string]string{"X-A": "1"}})
			return err
		},
		"rule outbound headersToAttributes": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "r", Type: SIPOutbound, HeadersToAttributes: map[string]string{"X-A": "a"}})
			return err
		},
		"rule update blank name": func(c *Client) error {
			_, err := c.SIP.RoutingRules.Update(ctx, "rr", UpdateSIPRoutingRuleParams{Name: Ptr("")})
			return err
		},
		"rule list bad room type": func(c *Client) error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{RoomTypes: []SIPRoomType{"x"}})
			return err
		},
		"rule list comma id": func(c *Client) error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{RuleIDs: []string{"a,b"}})
			return err
		},
		"numbers create no region": func(c *Client) error {
			_, err := c.SIP.PhoneNumbers.Create(ctx, CreateSIPPhoneNumbersParams{Name: "n", PhoneNumbers: []string{"+14155550100"},
				Outbound: SIPPhoneNumberOutboundSpec{Address: "h", SIPRegion: SIPRegionAuto}})
			return err
		},
		"numbers create no address": func(c *Client) error {
			_, err := c.SIP.PhoneNumbers.Create(ctx, CreateSIPPhoneNumbersParams{Name: "n", PhoneNumbers: []string{"+14155550100"},
				Inbound: SIPPhoneNumberInboundSpec{SIPRegion: SIPRegionAuto}, Outbound: SIPPhoneNumberOutboundSpec{SIPRegion: SIPRegionAuto}})
			return err
		},
		"numbers get not e164": func(c *Client) error { _, err := c.SIP.PhoneNumbers.Get(ctx, "pn_01"); return err },
		"numbers detach not e164": func(c *Client) error {
			_, err := c.SIP.PhoneNumbers.Detach(ctx, "14155550100")
			return err
		},
		"numbers update gateway empty address": func(c *Client) error {
			_, err := c.SIP.PhoneNumbers.UpdateGateway(ctx, "gw", UpdateSIPPhoneNumberGatewayParams{Address: Ptr("")})
			return err
		},
		"numbers release empty": func(c *Client) error { _, err := c.SIP.PhoneNumbers.Release(ctx, ""); return err },
		"call no to": func(c *Client) error {
			_, err := c.SIP.Calls.Create(ctx, CreateSIPCallParams{From: "+14155550100"})
			return err
		},
		"call bad to": func(c *Client) error {
			_, err := c.SIP.Calls.Create(ctx, CreateSIPCallParams{To: "0800 123", From: "+14155550100"})
			return err
		},
		"call no from no gateway": func(c *Client) error {
			_, err := c.SIP.Calls.Create(ctx, CreateSIPCallParams{To: "+14155550123"})
			return err
		},
		"call negative timeout": func(c *Client) error {
			_, err := c.SIP.Calls.Create(ctx, CreateSIPCallParams{To: "+14155550123", From: "+14155550100", RingingTimeout: -1})
			return err
		},
		"call list dates reversed": func(c *Client) error {
			_, err := c.SIP.Calls.List(ctx, ListSIPCallsParams{StartDate: ts("2026-01-02T00:00:00Z"), EndDate: ts("2026-01-01T00:00:00Z")})
			return err
		},
		"transfer no target": func(c *Client) error {
			_, err := c.SIP.Calls.Transfer(ctx, TransferSIPCallParams{CallID: "c"})
			return err
		},
		"transfer no call": func(c *Client) error {
			_, err := c.SIP.Calls.Transfer(ctx, TransferSIPCallParams{TransferTo: "+14155550199"})
			return err
		},
		"end no call": func(c *Client) error { _, err := c.SIP.Calls.End(ctx, " "); return err },
		"get no call": func(c *Client) error { _, err := c.SIP.Calls.Get(ctx, ""); return err },
		"switch no room": func(c *Client) error {
			_, err := c.SIP.Calls.SwitchRoom(ctx, SwitchSIPCallRoomParams{CallID: "c"})
			return err
		},
		"webhook relative url": func(c *Client) error {
			_, err := c.SIP.Webhooks.Create(ctx, SIPWebhookParams{URL: "/sip", Events: []WebhookEventType{WebhookCallStarted}})
			return err
		},
		"webhook no events": func(c *Client) error {
			_, err := c.SIP.Webhooks.Create(ctx, SIPWebhookParams{URL: "https://example.com"})
			return err
		},
		"webhook update pattern event": func(c *Client) error {
			_, err := c.SIP.Webhooks.Update(ctx, "wh", SIPWebhookParams{URL: "https://example.com", Events: []WebhookEventType{"call-*"}})
			return err
		},
		"webhook delete empty": func(c *Client) error { _, err := c.SIP.Webhooks.Delete(ctx, ""); return err },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			err := call(c)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalidParams), "%v", err)
			requireNoRequest(t, mt)
		})
	}
}

// TestSIPBadAnswers: every SIP method that decodes an object or a list
// turns an answer that is not one (HTML from a proxy, truncated JSON, an
// object without an id) into a *ResponseError, never a panic or a zero value.
func TestSIPBadAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	calls := map[string]struct {
		method, path string
		call         func(c *Client) error
	}{
		"inbound create": {"POST", "/v2/sip/inbound-gateways", func(c *Client) error {
			_, err := c.SIP.InboundGateways.Create(ctx, CreateInboundGatewayParams{Name: "n", Numbers: []string{"+14155550100"}})
			return err
		}},
		"outbound list": {"GET", "/v2/sip/outbound-gateways", func(c *Client) error {
			_, err := c.SIP.OutboundGateways.List(ctx, ListSIPGatewaysParams{})
			return err
		}},
		"rule get": {"GET", "/v2/sip/routing-rule/rr", func(c *Client) error { _, err := c.SIP.RoutingRules.Get(ctx, "rr"); return err }},
		"rule list": {"GET", "/v2/sip/routing-rule", func(c *Client) error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{})
			return err
		}},
		"number get": {"GET", "/v2/sip/phone-numbers/%2B14155550100", func(c *Client) error {
			_, err := c.SIP.PhoneNumbers.Get(ctx, "+14155550100")
			return err
		}},
		"numbers list": {"GET", "/v2/sip/phone-numbers", func(c *Client) error {
			_, err := c.SIP.PhoneNumbers.List(ctx, ListSIPPhoneNumbersParams{})
			return err
		}},
		"call create": {"POST", "/v2/sip/call", func(c *Client) error {
			_, err := c.SIP.Calls.Create(ctx, CreateSIPCallParams{To: "+14155550123", From: "+14155550100"})
			return err
		}},
		"call end": {"POST", "/v2/sip/call/end", func(c *Client) error { _, err := c.SIP.Calls.End(ctx, "c1"); return err }},
		"call transfer": {"POST", "/v2/sip/call/transfer", func(c *Client) error {
			_, err := c.SIP.Calls.Transfer(ctx, TransferSIPCallParams{CallID: "c1", TransferTo: "+14155550199"})
			return err
		}},
		"calls list": {"GET", "/v2/sip/call", func(c *Client) error { _, err := c.SIP.Calls.List(ctx, ListSIPCallsParams{}); return err }},
		"webhook update": {"PATCH", "/v2/sip/webhooks/wh", func(c *Client) error {
			_, err := c.SIP.Webhooks.Update(ctx, "wh", SIPWebhookParams{URL: "https://example.com", Events: SIPWebhookEvents()})
			return err
		}},
	}
	for name, tc := range calls {
		for _, body := range []string{`<html><body>Bad gateway</body></html>`, `{"data":{"id":"x"`, `{}`} {
			t.Run(name+" "+body[:2], func(t *testing.T) {
				t.Parallel()
				c, mt := newTestClient(t)
				mt.RegisterResponder(tc.method, testutil.URL(tc.path), httpmock.NewStringResponder(200, body))
				err := tc.call(c)
				var re *ResponseError
				require.True(t, errors.As(err, &re), "%v", err)
				assert.ErrorIs(t, err, ErrInvalidResponse)
				assert.Equal(t, 1, mt.GetTotalCallCount(), "not retried")
			})
		}
	}
}
