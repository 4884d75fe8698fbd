package videosdk

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSIPRoutingRulesCreate(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sip/routing-rule", golden: "sip_routing_rules_create", fixture: "sip_routing_rule.json"})
	r, err := c.SIP.RoutingRules.Create(context.Background(), CreateSIPRoutingRuleParams{
		Name: "Sales", Type: SIPInbound, PhoneNumbers: []string{"+14155550100"},
		Room:    &SIPRuleRoom{Type: SIPRoomDynamic, Prefix: SIPRoomPrefixParticipantNumber},
		AgentID: "dep_abc", AgentMetadata: map[string]any{"lang": "en"},
		IncludeHeaders: SIPIncludeXHeaders, HeadersToAttributes: map[string]string{"X-Customer": "customer"},
		Recording: true, NoiseCancellation: true, Tags: []string{"sales"},
	})
	require.NoError(t, err)
	check()
	created, updated := ts("2026-01-10T09:00:00Z"), ts("2026-01-10T09:05:00Z")
	assert.Equal(t, &SIPRoutingRule{
		ID: "rr_01", Name: "Sales", Type: SIPInbound, Numbers: []string{"+14155550100"},
		Room:    &SIPRuleRoom{Type: SIPRoomDynamic, Prefix: SIPRoomPrefixParticipantNumber},
		AgentID: "dep_abc", AgentMetadata: map[string]any{"lang": "en"},
		IncludeHeaders: SIPIncludeXHeaders, HeadersToAttributes: map[string]string{"X-Customer": "customer"},
		Recording: true, NoiseCancellation: true, Tags: []string{"sales"}, CreatedAt: created, UpdatedAt: updated,
	}, r)
}

func TestSIPRoutingRulesList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/routing-rule", fixture: "sip_routing_rules_list.json", query: map[string]string{
		"page": "2", "perPage": "1", "search": "+1415", "type": "outbound", "ruleIds": "rr_01,rr_02", "roomType": "static,dynamic",
	}})
	p, err := c.SIP.RoutingRules.List(context.Background(), ListSIPRoutingRulesParams{
		ListOptions: ListOptions{Page: 2, PerPage: 1}, Search: "+1415", Type: SIPOutbound,
		RuleIDs: []string{"rr_01", "rr_02"}, RoomTypes: []SIPRoomType{SIPRoomStatic, SIPRoomDynamic},
	})
	require.NoError(t, err)
	check()
	require.Len(t, p.Data, 1)
	assert.Equal(t, &SIPRuleRoom{Type: SIPRoomStatic, ID: "abcd-efgh-ijkl"}, p.Data[0].Room)
	assert.Equal(t, 2, p.PageInfo.LastPage)
}

func TestSIPRoutingRulesAllStartsAtPage(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/routing-rule", fixture: "sip_routing_rules_list.json", query: map[string]string{"page": "2"}})
	n := 0
	for _, err := range c.SIP.RoutingRules.All(context.Background(), ListSIPRoutingRulesParams{ListOptions: ListOptions{Page: 2}}) {
		require.NoError(t, err)
		n++
	}
	check()
	assert.Equal(t, 1, n)
}

func TestSIPRoutingRulesGetUpdateDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	get := expectCall(t, mt, callTest{method: "GET", path: "/v2/sip/routing-rule/rr_01", fixture: "sip_routing_rule.json"})
	r, err := c.SIP.RoutingRules.Get(ctx, "rr_01")
	require.NoError(t, err)
	get()
	assert.Equal(t, "dep_abc", r.AgentID)

	c, mt = newTestClient(t)
	upd := expectCall(t, mt, callTest{method: "PATCH", path: "/v2/sip/routing-rule/rr_01", golden: "sip_routing_rules_update", fixture: "sip_routing_rule.json"})
	_, err = c.SIP.RoutingRules.Update(ctx, "rr_01", UpdateSIPRoutingRuleParams{
		Room: &SIPRuleRoom{Type: SIPRoomStatic, ID: "abcd-efgh-ijkl", Pin: "1234"}, HidePhoneNumber: Ptr(true), Recording: Ptr(false),
	})
	require.NoError(t, err)
	upd()

	c, mt = newTestClient(t)
	del := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/sip/routing-rule/rr_01", fixture: "sip_message_deleted.json"})
	_, err = c.SIP.RoutingRules.Delete(ctx, "rr_01")
	require.NoError(t, err)
	del()
}

// Every argument the docs constrain is checked before any request,
// including the room object's combinations.
func TestSIPRoutingRulesValidationBeforeRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	rooms := map[string]*SIPRuleRoom{
		"static without id":      {Type: SIPRoomStatic},
		"static with prefix":     {Type: SIPRoomStatic, ID: "r", Prefix: SIPRoomPrefixRandom},
		"dynamic with id":        {Type: SIPRoomDynamic, ID: "r"},
		"dynamic unknown prefix": {Type: SIPRoomDynamic, Prefix: "callerName"},
		"no type":                {ID: "r"},
		"unknown type":           {Type: "shared"},
	}
	for name, room := range rooms {
		_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "n", Type: SIPInbound, Room: room})
		assert.ErrorIs(t, err, ErrInvalidParams, "create: "+name)
		_, err = c.SIP.RoutingRules.Update(ctx, "r", UpdateSIPRoutingRuleParams{Room: room})
		assert.ErrorIs(t, err, ErrInvalidParams, "update: "+name)
	}
	for name, call := range map[string]func() error{
		"create includeHeaders": func() error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "n", Type: SIPInbound, IncludeHeaders: "SOME"})
			return err
		},
		"create numbers": func() error {
			_, err := c.SIP.RoutingRules.Create(ctx, CreateSIPRoutingRuleParams{Name: "n", Type: SIPInbound, PhoneNumbers: []string{"415"}})
			return err
		},
		"update id": func() error { _, err := c.SIP.RoutingRules.Update(ctx, "", UpdateSIPRoutingRuleParams{}); return err },
		"update blank name": func() error {
			_, err := c.SIP.RoutingRules.Update(ctx, "r", UpdateSIPRoutingRuleParams{Name: Ptr("")})
			return err
		},
		"update numbers": func() error {
			_, err := c.SIP.RoutingRules.Update(ctx, "r", UpdateSIPRoutingRuleParams{PhoneNumbers: []string{"415"}})
			return err
		},
		"update includeHeaders": func() error {
			_, err := c.SIP.RoutingRules.Update(ctx, "r", UpdateSIPRoutingRuleParams{IncludeHeaders: "SOME"})
			return err
		},
		"list type": func() error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{Type: "both"})
			return err
		},
		"list rule id": func() error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{RuleIDs: []string{"a,b"}})
			return err
		},
		"list room type": func() error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{RoomTypes: []SIPRoomType{"shared"}})
			return err
		},
		"list perPage": func() error {
			_, err := c.SIP.RoutingRules.List(ctx, ListSIPRoutingRulesParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	requireNoRequest(t, mt)
}
