package main

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"strings"

	"github.com/videosdk-go/videosdk"
)

func sipGroup() group {
	return group{path: "videosdk sip", summary: "SIP telephony: gateways, routing rules, phone numbers, calls and SIP webhooks.", cmds: []command{
		{"gateways", "list, get, create, update and delete inbound and outbound gateways", groupRunner(sipGatewaysGroup)},
		{"rules", "list, get, create, update and delete routing rules", groupRunner(sipRulesGroup)},
		{"numbers", "list, get, create, detach and release phone numbers; update their gateways", groupRunner(sipNumbersGroup)},
		{"calls", "place, list, get, end, transfer and switch the room of calls", groupRunner(sipCallsGroup)},
		{"webhooks", "list, get, create, update and delete SIP webhooks", groupRunner(sipWebhooksGroup)},
	}}
}

// ---- gateways ----

func sipGatewaysGroup() group {
	return group{path: "videosdk sip gateways", summary: "Inbound gateways accept calls from a carrier; outbound gateways dial out through one.\nEach command takes -outbound for outbound gateways (default: inbound).", cmds: []command{
		{"list", "list gateways, newest first", sipGatewaysList},
		{"get", "show a gateway", sipGatewaysGet},
		{"create", "create a gateway", sipGatewaysCreate},
		{"update", "change a gateway (-preserve keeps what the API would reset)", sipGatewaysUpdate},
		{"delete", "delete a gateway", sipGatewaysDelete},
	}}
}

// gatewayOps is the service of one direction.
type gatewayOps interface {
	All(context.Context, videosdk.ListSIPGatewaysParams) iter.Seq2[videosdk.SIPGateway, error]
	Get(context.Context, string) (*videosdk.SIPGateway, error)
	Delete(context.Context, string) (*videosdk.MessageResponse, error)
}

func gatewaysOf(cl *videosdk.Client, outbound bool) gatewayOps {
	if outbound {
		return cl.SIP.OutboundGateways
	}
	return cl.SIP.InboundGateways
}

func sipGatewaysList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip gateways list", "", "Lists gateways, newest first.").withJSON().withLimit().withCredentials()
	outbound := f.Bool("outbound", false, "list outbound gateways")
	var p videosdk.ListSIPGatewaysParams
	f.StringVar(&p.Search, "search", "", "only gateways whose name contains `TEXT`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.SIPGateway, error] {
		p.ListOptions = o
		return gatewaysOf(cl, *outbound).All(ctx, p)
	}, func(gs []videosdk.SIPGateway) error {
		t := c.table("GATEWAY ID", "NAME", "NUMBERS", "ADDRESS")
		for _, g := range gs {
			t.row(g.ID, g.Name, strings.Join(g.Numbers, ", "), g.Address)
		}
		return t.flush()
	})
}

func sipGatewaysGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip gateways get", "GATEWAY_ID", "Shows a gateway; its password is shown as [redacted].").withJSON().withCredentials()
	outbound := f.Bool("outbound", false, "the gateway is an outbound gateway")
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.SIPGateway, error) {
		return gatewaysOf(cl, *outbound).Get(ctx, id)
	}, func(g *videosdk.SIPGateway) error { return c.showGateway(f, g) })
}

func (c *cli) showGateway(f *flagSet, g *videosdk.SIPGateway) error {
	if g.Auth != nil {
		g.Auth.Password = "[redacted]"
	}
	if f.json {
		return c.printJSON(g)
	}
	pairs := [][2]string{kv("Gateway ID", g.ID), kv("Name", g.Name), kv("Numbers", strings.Join(g.Numbers, ", "))}
	if g.Address != "" {
		pairs = append(pairs, kv("Address", g.Address), kv("Transport", string(g.Transport)))
	}
	if g.Auth != nil {
		pairs = append(pairs, kv("Username", g.Auth.Username))
	}
	pairs = append(pairs, kv("Record", fmt.Sprint(g.Record)), kv("Region", string(g.GeoRegion)))
	return c.details(pairs...)
}

func sipGatewaysCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip gateways create", "", "Creates an inbound (default) or outbound gateway. The password of -username is read\n"+
		"from $VIDEOSDK_SIP_PASSWORD, never from the command line.").withJSON().withCredentials()
	outbound := f.Bool("outbound", false, "create an outbound gateway (needs -address)")
	var name, numbers, address, transport, user, region string
	f.StringVar(&name, "name", "", "the gateway's `NAME` (required)")
	f.StringVar(&numbers, "numbers", "", "comma-separated E.164 `NUMBERS` (required)")
	f.StringVar(&address, "address", "", "outbound: the carrier's SIP `HOST[:PORT]`")
	f.StringVar(&transport, "transport", "", "outbound: udp, tcp or tls (default tls)")
	f.StringVar(&user, "username", "", "digest `USER`name (password from $VIDEOSDK_SIP_PASSWORD)")
	f.StringVar(&region, "region", "", "the gateway's geo `REGION` (auto, us002, in002, ...)")
	record := f.Bool("record", false, "record calls")
	_, cl, err := f.prepare(args, 0, "name", "numbers")
	if err != nil {
		return err
	}
	auth, err := c.sipAuth(f, user)
	if err != nil {
		return err
	}
	var g *videosdk.SIPGateway
	if *outbound {
		g, err = cl.SIP.OutboundGateways.Create(ctx, videosdk.CreateOutboundGatewayParams{
			Name: name, Numbers: csv(numbers), Address: address, Transport: videosdk.SIPTransport(transport),
			Auth: auth, Record: *record, GeoRegion: videosdk.SIPRegion(region),
		})
	} else {
		if address != "" || transport != "" {
			return f.fail("-address and -transport apply to outbound gateways (-outbound)")
		}
		g, err = cl.SIP.InboundGateways.Create(ctx, videosdk.CreateInboundGatewayParams{
			Name: name, Numbers: csv(numbers), Auth: auth, Record: *record, GeoRegion: videosdk.SIPRegion(region),
		})
	}
	if err != nil {
		return err
	}
	return c.showGateway(f, g)
}

func sipGatewaysUpdate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip gateways update", "GATEWAY_ID", "Changes an inbound (default) or outbound gateway; only the flags given are sent.\n\n"+
		"Careful: without -preserve, the API turns recording, noise cancellation and DTMF OFF and clears\n"+
		"the region whenever -record, -noise-cancellation, -dtmf or -region is not given. -preserve keeps\n"+
		"their current values: it reads the gateway first, then sends the update (two requests: a change\n"+
		"someone else makes in between can be overwritten).\n\n"+
		"The password of -username is read from $VIDEOSDK_SIP_PASSWORD, never from the command line.").withJSON().withCredentials()
	outbound := f.Bool("outbound", false, "the gateway is an outbound gateway")
	preserve := f.Bool("preserve", false, "keep the current recording, noise cancellation, DTMF and region where their flags are not given")
	var p videosdk.UpdateGatewayParams
	var numbers, transport, user string
	f.optString(&p.Name, "name", "the gateway's new `NAME`")
	f.StringVar(&numbers, "numbers", "", "comma-separated E.164 `NUMBERS` replacing the gateway's")
	f.optString(&p.Address, "address", "outbound: the carrier's SIP `HOST[:PORT]`")
	f.StringVar(&transport, "transport", "", "outbound: udp, tcp or tls")
	f.StringVar(&user, "username", "", "digest `USER`name (password from $VIDEOSDK_SIP_PASSWORD)")
	f.Func("region", "the gateway's geo `REGION` (auto, us002, in002, ...)", func(s string) error {
		p.GeoRegion = videosdk.Ptr(videosdk.SIPRegion(s))
		return nil
	})
	f.optBool(&p.Record, "record", "record calls (-record=false: do not)")
	f.optBool(&p.NoiseCancellation, "noise-cancellation", "cancel noise (-noise-cancellation=false: do not)")
	f.optBool(&p.EnableDTMF, "dtmf", "enable DTMF (-dtmf=false: disable it)")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if p.Numbers = csv(numbers); f.given("numbers") && len(p.Numbers) == 0 {
		return f.fail("-numbers needs at least one E.164 number")
	}
	if !*outbound && (p.Address != nil || transport != "") {
		return f.fail("-address and -transport apply to outbound gateways (-outbound)")
	}
	p.Transport = videosdk.SIPTransport(transport)
	if p.Auth, err = c.sipAuth(f, user); err != nil {
		return err
	}
	if noChange(p) {
		return f.fail("nothing to change: give at least one of -name, -numbers, -address, -transport, -username, -region, -record, -noise-cancellation, -dtmf")
	}
	var g *videosdk.SIPGateway
	switch {
	case *outbound && *preserve:
		g, err = cl.SIP.OutboundGateways.UpdatePreserving(ctx, pos[0], p)
	case *outbound:
		g, err = cl.SIP.OutboundGateways.Update(ctx, pos[0], p)
	case *preserve:
		g, err = cl.SIP.InboundGateways.UpdatePreserving(ctx, pos[0], p)
	default:
		g, err = cl.SIP.InboundGateways.Update(ctx, pos[0], p)
	}
	if err != nil {
		return err
	}
	return c.showGateway(f, g)
}

// noChange reports whether the params of an update set no field: such an
// update is refused before it is sent (a gateway's would reset it).
func noChange(p any) bool { return reflect.ValueOf(p).IsZero() }

// sipAuth is the digest credentials of -username, with the password read
// from $VIDEOSDK_SIP_PASSWORD (never from the command line); nil without
// -username.
func (c *cli) sipAuth(f *flagSet, user string) (*videosdk.SIPAuth, error) {
	if user == "" {
		return nil, nil
	}
	pw := c.getenv("VIDEOSDK_SIP_PASSWORD")
	if pw == "" {
		return nil, f.fail("-username needs the password in $VIDEOSDK_SIP_PASSWORD")
	}
	return &videosdk.SIPAuth{Username: user, Password: pw}, nil
}

func sipGatewaysDelete(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip gateways delete", "GATEWAY_ID", "Deletes a gateway.").withCredentials()
	outbound := f.Bool("outbound", false, "the gateway is an outbound gateway")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if _, err := gatewaysOf(cl, *outbound).Delete(ctx, pos[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Deleted gateway %s.\n", pos[0])
	return err
}

// ---- routing rules ----

func sipRulesGroup() group {
	return group{path: "videosdk sip rules", summary: "Routing rules send the calls of numbers to a room (static, or one per call) and an agent.", cmds: []command{
		{"list", "list routing rules, newest first", sipRulesList},
		{"get", "show a routing rule", sipRulesGet},
		{"create", "create a routing rule", sipRulesCreate},
		{"update", "change a routing rule", sipRulesUpdate},
		{"delete", "delete a routing rule", sipRulesDelete},
	}}
}

func sipRulesList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip rules list", "", "Lists routing rules, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListSIPRoutingRulesParams
	var typ string
	f.StringVar(&p.Search, "search", "", "only rules whose name or numbers contain `TEXT`")
	f.StringVar(&typ, "type", "", "only inbound or outbound rules")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.SIPRoutingRule, error] {
		p.ListOptions, p.Type = o, videosdk.SIPDirection(typ)
		return cl.SIP.RoutingRules.All(ctx, p)
	}, func(rs []videosdk.SIPRoutingRule) error {
		t := c.table("RULE ID", "NAME", "TYPE", "NUMBERS", "ROOM", "AGENT")
		for _, r := range rs {
			t.row(r.ID, r.Name, string(r.Type), strings.Join(r.Numbers, ", "), ruleRoom(r.Room), r.AgentID)
		}
		return t.flush()
	})
}

func ruleRoom(r *videosdk.SIPRuleRoom) string {
	switch {
	case r == nil:
		return ""
	case r.Type == videosdk.SIPRoomStatic:
		return r.ID
	}
	return "dynamic (" + string(r.Prefix) + ")"
}

func sipRulesGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip rules get", "RULE_ID", "Shows a routing rule.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.SIPRoutingRule, error) {
		return cl.SIP.RoutingRules.Get(ctx, id)
	}, func(r *videosdk.SIPRoutingRule) error { return c.showRule(f, r) })
}

func (c *cli) showRule(f *flagSet, r *videosdk.SIPRoutingRule) error {
	if f.json {
		return c.printJSON(r)
	}
	return c.details(kv("Rule ID", r.ID), kv("Name", r.Name), kv("Type", string(r.Type)),
		kv("Numbers", strings.Join(r.Numbers, ", ")), kv("Room", ruleRoom(r.Room)), kv("Agent", r.AgentID))
}

func sipRulesCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip rules create", "", "Creates a routing rule: -room ID sends every call to that room, -dynamic makes a room per call.").withJSON().withCredentials()
	var p videosdk.CreateSIPRoutingRuleParams
	var typ, numbers, room, prefix string
	f.StringVar(&p.Name, "name", "", "the rule's `NAME` (required)")
	f.StringVar(&typ, "type", "", "inbound or outbound (required)")
	f.StringVar(&numbers, "numbers", "", "comma-separated provisioned E.164 `NUMBERS`")
	f.StringVar(&room, "room", "", "send calls to room `ID` (a static room)")
	dynamic := f.Bool("dynamic", false, "make a room per call")
	f.StringVar(&prefix, "prefix", "", "with -dynamic: how rooms are named (blank, participantNumber, sipNumber, random)")
	f.StringVar(&p.AgentID, "agent", "", "dispatch agent `ID` into the room")
	_, cl, err := f.prepare(args, 0, "name", "type")
	if err != nil {
		return err
	}
	p.Type, p.PhoneNumbers = videosdk.SIPDirection(typ), csv(numbers)
	if p.Room, err = ruleRoomOf(f, room, *dynamic, prefix); err != nil {
		return err
	}
	r, err := cl.SIP.RoutingRules.Create(ctx, p)
	if err != nil {
		return err
	}
	return c.showRule(f, r)
}

func sipRulesUpdate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip rules update", "RULE_ID", "Changes a routing rule; only the flags given are sent. A rule's type cannot change.").withJSON().withCredentials()
	var p videosdk.UpdateSIPRoutingRuleParams
	var numbers, room, prefix string
	f.optString(&p.Name, "name", "the rule's new `NAME`")
	f.StringVar(&numbers, "numbers", "", "comma-separated provisioned E.164 `NUMBERS` replacing the rule's")
	f.StringVar(&room, "room", "", "send calls to room `ID` (a static room)")
	dynamic := f.Bool("dynamic", false, "make a room per call")
	f.StringVar(&prefix, "prefix", "", "with -dynamic: how rooms are named (blank, participantNumber, sipNumber, random)")
	f.optString(&p.AgentID, "agent", "dispatch agent `ID` into the room")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if p.PhoneNumbers = csv(numbers); f.given("numbers") && len(p.PhoneNumbers) == 0 {
		return f.fail("-numbers needs at least one E.164 number")
	}
	if f.given("room") && room == "" {
		return f.fail("-room needs a room id")
	}
	if p.Room, err = ruleRoomOf(f, room, *dynamic, prefix); err != nil {
		return err
	}
	if noChange(p) {
		return f.fail("nothing to change: give at least one of -name, -numbers, -room, -dynamic, -agent")
	}
	r, err := cl.SIP.RoutingRules.Update(ctx, pos[0], p)
	if err != nil {
		return err
	}
	return c.showRule(f, r)
}

// ruleRoomOf is the room of -room, -dynamic and -prefix: a static room, a
// room per call, or nil when none of them is given.
func ruleRoomOf(f *flagSet, room string, dynamic bool, prefix string) (*videosdk.SIPRuleRoom, error) {
	switch {
	case room != "" && dynamic:
		return nil, f.fail("-room and -dynamic exclude each other")
	case room != "":
		return &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomStatic, ID: room}, nil
	case dynamic:
		return &videosdk.SIPRuleRoom{Type: videosdk.SIPRoomDynamic, Prefix: videosdk.SIPRoomPrefix(prefix)}, nil
	case prefix != "":
		return nil, f.fail("-prefix needs -dynamic")
	}
	return nil, nil
}

func sipRulesDelete(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip rules delete", "RULE_ID", "Deletes a routing rule.").withCredentials()
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if _, err := cl.SIP.RoutingRules.Delete(ctx, pos[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Deleted routing rule %s.\n", pos[0])
	return err
}

// ---- phone numbers ----

func sipNumbersGroup() group {
	return group{path: "videosdk sip numbers", summary: "Phone numbers are provisioned with an inbound and an outbound gateway. The API has no delete:\ndetach a number from its gateways, or release it.", cmds: []command{
		{"list", "list phone numbers", sipNumbersList},
		{"get", "show a phone number and its gateways", sipNumbersGet},
		{"create", "provision phone numbers with their gateways", sipNumbersCreate},
		{"detach", "detach a number from its gateways", sipNumbersDetach},
		{"update-gateway", "change a gateway of phone numbers", sipNumbersUpdateGateway},
		{"release", "release a number (by its phone number id) at the provider", sipNumbersRelease},
	}}
}

func sipNumbersList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip numbers list", "", "Lists phone numbers.").withJSON().withLimit().withCredentials()
	var p videosdk.ListSIPPhoneNumbersParams
	f.StringVar(&p.Search, "search", "", "only numbers whose name or number contains `TEXT`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.SIPPhoneNumber, error] {
		p.ListOptions = o
		return cl.SIP.PhoneNumbers.All(ctx, p)
	}, func(ns []videosdk.SIPPhoneNumber) error {
		t := c.table("NUMBER", "PHONE NUMBER ID", "NAME", "STATUS", "INBOUND", "OUTBOUND")
		for _, n := range ns {
			t.row(n.Number.E164, n.Number.ID, n.Number.Name, n.Number.Status, gatewayID(n.Inbound), gatewayID(n.Outbound))
		}
		return t.flush()
	})
}

func gatewayID(g *videosdk.SIPGateway) string {
	if g == nil {
		return "-"
	}
	return g.ID
}

func sipNumbersGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip numbers get", "E164", "Shows a phone number, such as +14155550100, and its gateways.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, n string) (*videosdk.SIPPhoneNumber, error) {
		return cl.SIP.PhoneNumbers.Get(ctx, n)
	}, func(n *videosdk.SIPPhoneNumber) error {
		for _, g := range []*videosdk.SIPGateway{n.Inbound, n.Outbound} {
			if g != nil && g.Auth != nil {
				g.Auth.Password = "[redacted]"
			}
		}
		if f.json {
			return c.printJSON(n)
		}
		return c.details(kv("Number", n.Number.E164), kv("Phone number ID", n.Number.ID), kv("Name", n.Number.Name),
			kv("Status", n.Number.Status), kv("Inbound gateway", gatewayID(n.Inbound)), kv("Outbound gateway", gatewayID(n.Outbound)))
	})
}

func sipNumbersCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip numbers create", "", "Provisions numbers with one inbound and one outbound gateway (-separate: a pair per number).\n"+
		"The password of -username is read from $VIDEOSDK_SIP_PASSWORD.").withCredentials()
	var p videosdk.CreateSIPPhoneNumbersParams
	var numbers, region, user, transport string
	f.StringVar(&p.Name, "name", "", "the numbers' `NAME` (required)")
	f.StringVar(&numbers, "numbers", "", "comma-separated E.164 `NUMBERS` (required)")
	f.StringVar(&p.Outbound.Address, "address", "", "the carrier's SIP `HOST[:PORT]` for outbound calls (required)")
	f.StringVar(&region, "region", "auto", "the SIP `REGION` of both gateways (auto, us002, in002, ...)")
	f.StringVar(&transport, "transport", "", "outbound transport: udp, tcp or tls (default tls)")
	f.StringVar(&user, "username", "", "outbound digest `USER`name (password from $VIDEOSDK_SIP_PASSWORD)")
	separate := f.Bool("separate", false, "a gateway pair per number")
	_, cl, err := f.prepare(args, 0, "name", "numbers", "address")
	if err != nil {
		return err
	}
	p.PhoneNumbers = csv(numbers)
	p.Inbound.SIPRegion, p.Outbound.SIPRegion = videosdk.SIPRegion(region), videosdk.SIPRegion(region)
	p.Outbound.Transport = videosdk.SIPTransport(transport)
	if *separate {
		p.IsShared = videosdk.Ptr(false)
	}
	if p.Outbound.Auth, err = c.sipAuth(f, user); err != nil {
		return err
	}
	if _, err := cl.SIP.PhoneNumbers.Create(ctx, p); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Provisioned %s.\n", strings.Join(p.PhoneNumbers, ", "))
	return err
}

func sipNumbersDetach(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip numbers detach", "E164", "Detaches a number from its gateways (the gateways are kept).").withJSON().withCredentials()
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	r, err := cl.SIP.PhoneNumbers.Detach(ctx, pos[0])
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(r)
	}
	return c.details(kv("Number", r.PhoneNumber), kv("Inbound gateway", r.Inbound), kv("Outbound gateway", r.Outbound))
}

func sipNumbersUpdateGateway(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip numbers update-gateway", "GATEWAY_ID", "Changes a gateway made for phone numbers (its id is in 'videosdk sip numbers get'); only the\n"+
		"flags given are sent. -address, -transport and -username apply to outbound gateways only (the API\n"+
		"refuses them for an inbound one). The password of -username is read from $VIDEOSDK_SIP_PASSWORD.").withJSON().withCredentials()
	var p videosdk.UpdateSIPPhoneNumberGatewayParams
	var encryption, region, transport, user string
	f.optString(&p.Name, "name", "the gateway's new `NAME`")
	f.StringVar(&encryption, "media-encryption", "", "enable or disable media encryption (SRTP)")
	f.StringVar(&region, "region", "", "the gateway's SIP `REGION` (auto, us002, in002, ...)")
	f.optString(&p.Address, "address", "outbound: the carrier's SIP `HOST[:PORT]`")
	f.StringVar(&transport, "transport", "", "outbound: udp, tcp or tls")
	f.StringVar(&user, "username", "", "outbound: digest `USER`name (password from $VIDEOSDK_SIP_PASSWORD)")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	for _, n := range []string{"media-encryption", "region", "transport"} {
		if f.given(n) && f.Lookup(n).Value.String() == "" {
			return f.fail("-%s needs a value", n)
		}
	}
	p.MediaEncryption, p.SIPRegion, p.Transport = videosdk.SIPMediaEncryption(encryption), videosdk.SIPRegion(region), videosdk.SIPTransport(transport)
	if p.Auth, err = c.sipAuth(f, user); err != nil {
		return err
	}
	if noChange(p) {
		return f.fail("nothing to change: give at least one of -name, -media-encryption, -region, -address, -transport, -username")
	}
	m, err := cl.SIP.PhoneNumbers.UpdateGateway(ctx, pos[0], p)
	return c.message(f, m, err)
}

func sipNumbersRelease(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip numbers release", "PHONE_NUMBER_ID", "Releases a number at the provider (billing side effects; cannot be undone).").withCredentials()
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if _, err := cl.SIP.PhoneNumbers.Release(ctx, pos[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Released phone number %s.\n", pos[0])
	return err
}

// ---- calls ----

func sipCallsGroup() group {
	return group{path: "videosdk sip calls", summary: "Place outbound calls into rooms; list, inspect, transfer, move to another room and end calls.", cmds: []command{
		{"create", "place an outbound call into a room", sipCallsCreate},
		{"list", "list calls, newest first", sipCallsList},
		{"get", "show a call", sipCallsGet},
		{"end", "hang up a call", sipCallsEnd},
		{"transfer", "transfer an answered call to a number or SIP URI", sipCallsTransfer},
		{"switch-room", "move an answered call to another room", sipCallsSwitchRoom},
	}}
}

func (c *cli) showCall(f *flagSet, call *videosdk.SIPCall) error {
	if f.json {
		return c.printJSON(call)
	}
	pairs := [][2]string{kv("Call ID", call.ID), kv("Type", string(call.Type)), kv("Status", string(call.Status)),
		kv("From", call.From), kv("To", call.To), kv("Room ID", call.RoomID)}
	if call.SessionID != "" {
		pairs = append(pairs, kv("Session ID", call.SessionID))
	}
	if call.Start != nil {
		pairs = append(pairs, kv("Started", fmtTime(*call.Start)))
	}
	pairs = append(pairs, kv("Ended", fmtEnd(call.End, "in progress")))
	return c.details(pairs...)
}

func sipCallsCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip calls create", "", "Places an outbound call; the callee joins -room when answered. It is never sent twice.").withJSON().withCredentials()
	var p videosdk.CreateSIPCallParams
	var participant string
	f.StringVar(&p.To, "to", "", "the callee: an E.164 `NUMBER` or a sip: URI (required)")
	f.StringVar(&p.From, "from", "", "the caller `NUMBER`, a provisioned E.164 number (or give -gateway)")
	f.StringVar(&p.RoomID, "room", "", "the room `ID` the callee joins (else the routing rule's)")
	f.StringVar(&p.GatewayID, "gateway", "", "place the call through outbound gateway `ID`")
	f.StringVar(&p.RoutingRuleID, "rule", "", "use outbound routing rule `ID`")
	f.StringVar(&participant, "participant", "", "the callee's participant `ID` in the room")
	f.BoolVar(&p.WaitUntilAnswered, "wait", false, "answer only once the call is answered")
	_, cl, err := f.prepare(args, 0, "to")
	if err != nil {
		return err
	}
	if participant != "" {
		p.Participant = &videosdk.SIPCallParticipant{ID: participant}
	}
	call, err := cl.SIP.Calls.Create(ctx, p)
	if err != nil {
		return err
	}
	return c.showCall(f, call)
}

func sipCallsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip calls list", "", "Lists calls, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListSIPCallsParams
	var typ string
	f.StringVar(&p.RoomID, "room", "", "only calls in room `ID`")
	f.StringVar(&typ, "type", "", "only inbound or outbound calls")
	f.StringVar(&p.Search, "search", "", "only calls whose to, from or room contains `TEXT`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.SIPCall, error] {
		p.ListOptions, p.Type = o, videosdk.SIPDirection(typ)
		return cl.SIP.Calls.All(ctx, p)
	}, func(calls []videosdk.SIPCall) error {
		t := c.table("CALL ID", "TYPE", "STATUS", "FROM", "TO", "ROOM ID")
		for _, call := range calls {
			t.row(call.ID, string(call.Type), string(call.Status), call.From, call.To, call.RoomID)
		}
		return t.flush()
	})
}

func sipCallsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip calls get", "CALL_ID", "Shows a call.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.SIPCall, error) {
		return cl.SIP.Calls.Get(ctx, id)
	}, func(call *videosdk.SIPCall) error { return c.showCall(f, call) })
}

func sipCallsEnd(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip calls end", "CALL_ID", "Hangs up a call; the room's session goes on.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.SIPCall, error) {
		return cl.SIP.Calls.End(ctx, id)
	}, func(call *videosdk.SIPCall) error { return c.showCall(f, call) })
}

func sipCallsTransfer(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip calls transfer", "CALL_ID", "Transfers an answered call (SIP REFER) to -to.").withJSON().withCredentials()
	var p videosdk.TransferSIPCallParams
	f.StringVar(&p.TransferTo, "to", "", "the new destination: an E.164 `NUMBER` or a sip: URI (required)")
	f.BoolVar(&p.PlayDialtone, "dialtone", false, "play a dial tone to the caller while transferring")
	pos, cl, err := f.prepare(args, 1, "to")
	if err != nil {
		return err
	}
	p.CallID = pos[0]
	call, err := cl.SIP.Calls.Transfer(ctx, p)
	if err != nil {
		return err
	}
	return c.showCall(f, call)
}

func sipCallsSwitchRoom(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip calls switch-room", "CALL_ID", "Moves an answered call, inbound or outbound, to the active room -room. The answer can come\n"+
		"before the switch is done: 'videosdk sip calls get CALL_ID' shows the call's room once it is (a\n"+
		"failed switch leaves the call answered in its old room).").withJSON().withCredentials()
	var p videosdk.SwitchSIPCallRoomParams
	f.StringVar(&p.RoomID, "room", "", "the room `ID` the call moves to (required)")
	f.StringVar(&p.ParticipantID, "participant", "", "the caller's participant `ID` in the new room (default: its current one)")
	pos, cl, err := f.prepare(args, 1, "room")
	if err != nil {
		return err
	}
	p.CallID = pos[0]
	call, err := cl.SIP.Calls.SwitchRoom(ctx, p)
	if err != nil {
		return err
	}
	return c.showCall(f, call)
}

// ---- SIP webhooks ----

func sipWebhooksGroup() group {
	return group{path: "videosdk sip webhooks", summary: "SIP webhooks receive call events (call-started, call-answered, call-hangup, ...).", cmds: []command{
		{"list", "list SIP webhooks", sipWebhooksList},
		{"get", "show a SIP webhook", sipWebhooksGet},
		{"create", "subscribe a URL to call events", sipWebhooksCreate},
		{"update", "replace a SIP webhook's URL and events", sipWebhooksUpdate},
		{"delete", "delete a SIP webhook", sipWebhooksDelete},
	}}
}

func sipWebhooksList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip webhooks list", "", "Lists SIP webhooks.").withJSON().withLimit().withCredentials()
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.SIPWebhook, error] {
		return cl.SIP.Webhooks.All(ctx, videosdk.ListSIPWebhooksParams{ListOptions: o})
	}, func(ws []videosdk.SIPWebhook) error {
		t := c.table("WEBHOOK ID", "URL", "EVENTS")
		for _, w := range ws {
			t.row(w.ID, redactURL(w.URL), joinEvents(w.Events))
		}
		return t.flush()
	})
}

func joinEvents(evs []videosdk.WebhookEventType) string {
	s := make([]string, len(evs))
	for i, e := range evs {
		s[i] = string(e)
	}
	return strings.Join(s, ", ")
}

func sipWebhooksCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip webhooks create", "", "Subscribes -url to call events (default: every documented SIP event).").withJSON().withCredentials()
	var url, events string
	f.StringVar(&url, "url", "", "the receiving `URL` (required)")
	f.StringVar(&events, "events", "", "comma-separated `EVENTS` (default all)")
	_, cl, err := f.prepare(args, 0, "url")
	if err != nil {
		return err
	}
	p := videosdk.SIPWebhookParams{URL: url, Events: videosdk.SIPWebhookEvents()}
	if events != "" {
		p.Events = webhookEvents(events)
	}
	w, err := cl.SIP.Webhooks.Create(ctx, p)
	if err != nil {
		return err
	}
	return c.showSIPWebhook(f, w)
}

func sipWebhooksGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip webhooks get", "WEBHOOK_ID", "Shows a SIP webhook.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.SIPWebhook, error) {
		return cl.SIP.Webhooks.Get(ctx, id)
	}, func(w *videosdk.SIPWebhook) error { return c.showSIPWebhook(f, w) })
}

func sipWebhooksUpdate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip webhooks update", "WEBHOOK_ID", "Replaces a SIP webhook's URL and events: the API takes both, so both are required.").withJSON().withCredentials()
	var url, events string
	f.StringVar(&url, "url", "", "the receiving `URL` (required)")
	f.StringVar(&events, "events", "", "comma-separated `EVENTS` (required; they replace the webhook's)")
	pos, cl, err := f.prepare(args, 1, "url", "events")
	if err != nil {
		return err
	}
	p := videosdk.SIPWebhookParams{URL: url, Events: webhookEvents(events)}
	w, err := cl.SIP.Webhooks.Update(ctx, pos[0], p)
	if err != nil {
		return err
	}
	return c.showSIPWebhook(f, w)
}

// webhookEvents is the events of a comma-separated -events value.
func webhookEvents(s string) []videosdk.WebhookEventType {
	var evs []videosdk.WebhookEventType
	for _, e := range csv(s) {
		evs = append(evs, videosdk.WebhookEventType(e))
	}
	return evs
}

func (c *cli) showSIPWebhook(f *flagSet, w *videosdk.SIPWebhook) error {
	if f.json {
		return c.printJSON(w)
	}
	return c.details(kv("Webhook ID", w.ID), kv("URL", redactURL(w.URL)), kv("Events", joinEvents(w.Events)))
}

func sipWebhooksDelete(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sip webhooks delete", "WEBHOOK_ID", "Deletes a SIP webhook.").withCredentials()
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if _, err := cl.SIP.Webhooks.Delete(ctx, pos[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Deleted SIP webhook %s.\n", pos[0])
	return err
}
