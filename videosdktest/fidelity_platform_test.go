package videosdktest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fidelityNotReplayed lists the documented examples of ../testdata that no
// request to the fake can reproduce, each with why. Every other fixture
// must be replayed: TestFidelityToTheDocumentedExamples fails on a new
// fixture that is in neither place, and on an entry here that a case
// replays after all.
var fidelityNotReplayed = map[string]string{}

// platformFidelityState builds, on its own server and clock, the state the
// platform examples (SPEC-PLATFORM §15–§21) document, and returns the
// request of every platform example against it. The examples of an
// object or a {message} answer are replayed against each route that
// answers one (create, get, update; deletes and actions).
func platformFidelityState(t *testing.T, srv *Server, clock *manualClock) []fidelityCase {
	t.Helper()
	room := newRoom(t, srv)
	_, err := srv.StartSession(room)
	require.NoError(t, err)

	// SIP (§15): a provisioned number (gateway pair), gateways of both
	// directions, a routing rule, a webhook, and calls.
	ok(t, srv, "POST", "/v2/sip/phone-numbers", map[string]any{"name": "Support", "phoneNumbers": []string{"+14155550100"},
		"inbound": map[string]any{"sipRegion": "us002"}, "outbound": map[string]any{"address": "sip.example-carrier.com:5061", "sipRegion": "us002"}})
	numberID := ok(t, srv, "GET", "/v2/sip/phone-numbers/%2B14155550100", nil)["phoneNumber"].(map[string]any)["phoneNumberId"].(string)
	inbound := map[string]any{"name": "Support line", "numbers": []string{"+14155550110"}, "auth": map[string]any{"username": "carrier", "password": "s3cr3t-pass"},
		"allowedAddresses": []string{"203.0.113.0/24"}, "allowedNumbers": []string{"+91*"}, "mediaEncryption": "disable", "record": true,
		"enableDtmf": true, "tags": []string{"support"}, "metadata": map[string]string{"team": "care"}, "geoRegion": "us002"}
	inID := ok(t, srv, "POST", "/v2/sip/inbound-gateways", inbound)["id"].(string)
	outbound := map[string]any{"name": "Carrier out", "numbers": []string{"+14155550120"}, "address": "sip.example-carrier.com:5061",
		"transport": "tls", "mediaEncryption": "enable", "noiseCancellation": true, "tags": []string{}, "geoRegion": "in002"}
	outID := ok(t, srv, "POST", "/v2/sip/outbound-gateways", outbound)["id"].(string)
	rule := map[string]any{"name": "Sales", "type": "inbound", "phoneNumbers": []string{"+14155550100"},
		"room": map[string]any{"type": "dynamic", "prefix": "participantNumber"}, "agentId": "dep_abc", "agentMetadata": map[string]any{"lang": "en"},
		"includeHeaders": "SIP_X_HEADERS", "headersToAttributes": map[string]string{"X-Customer": "customer"}, "recording": true,
		"noiseCancellation": true, "tags": []string{"sales"}}
	ruleID := ok(t, srv, "POST", "/v2/sip/routing-rule", rule)["id"].(string)
	outRule := ok(t, srv, "POST", "/v2/sip/routing-rule", map[string]any{"name": "Outbound", "type": "outbound",
		"phoneNumbers": []string{"+14155550100"}, "room": map[string]any{"type": "static", "id": room}})["id"].(string)
	hook := map[string]any{"url": "https://example.com/sip", "events": []string{"call-started", "call-hangup"}}
	hookID := ok(t, srv, "POST", "/v2/sip/webhooks", hook)["id"].(string)
	callBody := map[string]any{"sipCallTo": "+14155550123", "sipCallFrom": "+14155550100", "destinationRoomId": room,
		"participant": map[string]any{"id": "caller-1"}, "metadata": map[string]any{"order": "A-17"}}
	callID := ok(t, srv, "POST", "/v2/sip/call", callBody)["data"].(map[string]any)["id"].(string)
	clock.add(2 * defaultProcessingDelay) // ringing, then answered (settled by the next request)
	ok(t, srv, "GET", "/v2/sip/call/"+callID, nil)
	ok(t, srv, "POST", "/v2/sip/call/end", map[string]any{"callId": callID})
	_, err = srv.SimulateInboundCall("+14155550100", "+14155550188")
	require.NoError(t, err)
	liveCall := ok(t, srv, "POST", "/v2/sip/call", callBody)["data"].(map[string]any)["id"].(string)
	clock.add(2 * defaultProcessingDelay)
	ok(t, srv, "GET", "/v2/sip/call/"+liveCall, nil) // answered, for end below

	// Agents (§16).
	secret := ok(t, srv, "POST", "/ai/v1/cloud/secrets", map[string]any{"name": "support-env", "keys": map[string]string{"OPENAI_KEY": "k"}, "type": "NORMAL"})
	secretID := secret["data"].(map[string]any)["id"].(string)
	dep := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "support-bot", "envSecret": secretID})
	depID, agentID := dep["id"].(string), dep["agentId"].(string)
	version := map[string]any{"agentId": agentID, "deploymentId": depID, "image": map[string]any{"imageUrl": "ghcr.io/acme/agent:1.2",
		"imageCR": "ghcr.io", "imageType": "public"}, "region": "us002", "minReplica": 1, "maxReplica": 3, "versionTag": "v1.2"}
	versionID := ok(t, srv, "POST", "/ai/v1/cloud/versions", version)["id"].(string)
	ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "sales-bot"})
	spare := ok(t, srv, "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "retired-bot"})["id"].(string)
	dispatch := map[string]any{"meetingId": room, "roomId": room, "agentId": agentID, "metadata": map[string]any{}}
	ok(t, srv, "POST", "/v2/agent/dispatch", dispatch) // a log line

	// Batch calls (§17): uploaded and parsed, scheduled, cancelled,
	// completed, failed to parse, parsing.
	upload := func(csv string) string {
		t.Helper()
		u := ok(t, srv, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "numbers.csv", "fileSize": len(csv)})
		req, err := http.NewRequest(http.MethodPut, u["presignedUrl"].(string), strings.NewReader(csv))
		require.NoError(t, err)
		res, err := httpClientFor(srv).Do(req) // presigned: no token
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		return u["batchId"].(string)
	}
	parse := func(id string) { ok(t, srv, "POST", "/v2/batch-calls/parse", map[string]any{"batchId": id}) }
	scheduled, cancelled, completed, failed := upload(numbersCSV(3)), upload(numbersCSV(2)), upload(numbersCSV(2)), upload("phone,name\n,Ana\n")
	parsed := upload(numbersCSV(3)) // stays parsed
	for _, id := range []string{scheduled, cancelled, completed, failed, parsed} {
		parse(id)
	}
	clock.add(defaultProcessingDelay)
	create := func(id, timing string) map[string]any {
		t.Helper()
		b := map[string]any{"batchId": id, "batchName": "December renewals", "description": "Renewal reminders", "phoneNumberId": numberID,
			"routingRuleId": outRule, "timing": timing, "retry": map[string]any{"enabled": true, "retryOn": []string{"not-answered", "missed"}, "maxAttempts": 2}}
		if timing == "scheduled" {
			for k, v := range map[string]any{"timezone": "America/New_York", "scheduledTime": "09:30", "scheduledDate": "2026-12-08",
				"allowedFrom": "09:00", "allowedUntil": "18:00", "daysOfWeek": []int{1, 2, 3, 4, 5}} {
				b[k] = v
			}
		}
		return b
	}
	ok(t, srv, "POST", "/v2/batch-calls", create(cancelled, "scheduled"))
	ok(t, srv, "POST", "/v2/batch-calls", create(completed, "immediate"))
	clock.add(time.Hour) // the immediate batch dials all its records

	// Connectors (§18), ingest (§19.3), resource pool (§20).
	connector := map[string]any{"provider": "twilio", "name": "support line", "defaultRoomId": room, "region": "us002"}
	connID := ok(t, srv, "POST", "/v2/connectors", connector)["data"].(map[string]any)["id"].(string)
	spareConn := ok(t, srv, "POST", "/v2/connectors", map[string]any{"provider": "telnyx"})["data"].(map[string]any)["id"].(string)
	acquire := map[string]any{"type": "recording", "webhookUrl": "https://example.com/", "mode": "video-and-audio", "quality": "med", "units": 2}
	units := ok(t, srv, "POST", "/v2/resource/acquire", acquire)["data"].([]any)
	unitID := units[0].(map[string]any)["id"].(string)
	clock.add(defaultProcessingDelay) // idle

	// Alerting (§21).
	channel := map[string]any{"type": "slack", "name": "ops slack", "config": map[string]any{"botToken": "xoxb-secret-token", "channelId": "C0123"}}
	channelID := ok(t, srv, "POST", "/v2/alertRules/notification-channel", channel)["channel"].(map[string]any)["channelId"].(string)
	alertRule := map[string]any{"name": "High packet loss", "severity": "critical", "domain": "rtc", "notificationChannelIds": []string{channelID},
		"ruleConfig": map[string]any{"query": map[string]any{"metric": "packet_loss"}, "condition": map[string]any{"operator": ">", "threshold": 5}, "formula": "A"}}
	ruleAlertID := ok(t, srv, "POST", "/v2/alertRules", alertRule)["alertRule"].(map[string]any)["alertRuleId"].(string)
	incAck, err := srv.RaiseIncident(ruleAlertID)
	require.NoError(t, err)
	incResolve, err := srv.RaiseIncident(ruleAlertID)
	require.NoError(t, err)
	ok(t, srv, "PUT", "/v2/incidents/"+incResolve+"/acknowledge", nil)
	incDelete, err := srv.RaiseIncident(ruleAlertID)
	require.NoError(t, err)
	spareRule := ok(t, srv, "POST", "/v2/alertRules", alertRule)["alertRule"].(map[string]any)["alertRuleId"].(string)
	spareChannel := ok(t, srv, "POST", "/v2/alertRules/notification-channel", channel)["channel"].(map[string]any)["channelId"].(string)
	ok(t, srv, "POST", "/v2/alertRules/notification-channel", map[string]any{"type": "webhook", "name": "ops hook",
		"config": map[string]any{"endpoint": "https://hooks.example.com/alerts"}}) // the list example's kind

	// Last, the states a clock step would move on: a batch running, 18 of
	// its 20 records dialled (the seed draws every outcome), and a batch
	// parsing.
	running := upload(numbersCSV(20))
	parse(running)
	clock.add(defaultProcessingDelay)
	ok(t, srv, "POST", "/v2/batch-calls", create(running, "immediate"))
	clock.add(90 * time.Second) // one record every 5 s
	parsing := upload(numbersCSV(1))
	parse(parsing)

	q := url.QueryEscape
	return []fidelityCase{
		{"sip_phone_numbers_create", "POST", "/v2/sip/phone-numbers", map[string]any{"name": "Sales", "phoneNumbers": []string{"+14155550130"},
			"inbound": map[string]any{"sipRegion": "us002"}, "outbound": map[string]any{"address": "sip.example-carrier.com", "sipRegion": "us002"}}},
		{"sip_phone_numbers_list", "GET", "/v2/sip/phone-numbers", nil},
		{"sip_phone_number", "GET", "/v2/sip/phone-numbers/" + q("+14155550100"), nil},
		{"sip_phone_numbers_detach", "POST", "/v2/sip/phone-numbers/detach", map[string]any{"phoneNumber": "+14155550130"}},
		{"sip_phone_numbers_create", "PATCH", "/v2/sip/phone-numbers/gateways/" + inID, map[string]any{"name": "Support"}},
		{"sip_inbound_gateway", "POST", "/v2/sip/inbound-gateways", withNumbers(inbound, "+14155550111")},
		{"sip_inbound_gateway", "GET", "/v2/sip/inbound-gateways/" + inID, nil},
		{"sip_inbound_gateway", "PATCH", "/v2/sip/inbound-gateways/" + inID, inbound},
		{"sip_gateways_list", "GET", "/v2/sip/inbound-gateways", nil},
		{"sip_gateways_list", "GET", "/v2/sip/outbound-gateways", nil},
		{"sip_outbound_gateway", "GET", "/v2/sip/outbound-gateways/" + outID, nil},
		{"sip_outbound_gateway", "PATCH", "/v2/sip/outbound-gateways/" + outID, outbound},
		{"sip_message_deleted", "DELETE", "/v2/sip/inbound-gateways/" + inID, nil},
		{"sip_message_deleted", "DELETE", "/v2/sip/outbound-gateways/" + outID, nil},
		{"sip_routing_rule", "POST", "/v2/sip/routing-rule", rule},
		{"sip_routing_rule", "GET", "/v2/sip/routing-rule/" + ruleID, nil},
		{"sip_routing_rule", "PATCH", "/v2/sip/routing-rule/" + ruleID, map[string]any{"name": "Sales"}},
		{"sip_routing_rules_list", "GET", "/v2/sip/routing-rule?page=2&perPage=1", nil},
		{"sip_message_deleted", "DELETE", "/v2/sip/routing-rule/" + ruleID, nil},
		{"sip_webhook", "POST", "/v2/sip/webhooks", hook},
		{"sip_webhook", "GET", "/v2/sip/webhooks/" + hookID, nil},
		{"sip_webhook", "PATCH", "/v2/sip/webhooks/" + hookID, hook},
		{"sip_webhooks_list", "GET", "/v2/sip/webhooks", nil},
		{"sip_message_deleted", "DELETE", "/v2/sip/webhooks/" + hookID, nil},
		{"sip_call", "POST", "/v2/sip/call", callBody},
		{"sip_calls_list", "GET", "/v2/sip/call", nil},
		{"sip_call_ended", "GET", "/v2/sip/call/" + callID, nil},
		{"sip_call_ended", "POST", "/v2/sip/call/end", map[string]any{"callId": liveCall}},
		{"sip_message_deleted", "POST", "/v2/sip/phone-numbers/" + numberID + "/release", nil},

		{"agents_dispatch", "POST", "/v2/agent/dispatch", dispatch},
		{"agents_dispatch", "POST", "/v2/agent/connect", dispatch},
		{"agents_dispatch", "POST", "/v2/agent/general/dispatch", map[string]any{"meetingId": room, "agentId": agentID, "versionId": versionID}},
		{"agents_secret", "POST", "/ai/v1/cloud/secrets", map[string]any{"name": "support-env", "keys": map[string]string{"K": "v"}, "type": "NORMAL"}},
		{"agents_deployment", "POST", "/ai/v1/cloud/deployments", map[string]any{"name": "support-bot", "envSecret": secretID}},
		{"agents_deployments_list", "GET", "/ai/v1/cloud/deployments", nil},
		{"agents_deployments_empty", "GET", "/ai/v1/cloud/deployments?perPage=1&name=" + q("^nobody$"), nil},
		{"agents_version", "POST", "/ai/v1/cloud/versions", version},
		{"agents_version", "GET", "/ai/v1/cloud/deployments/" + depID + "/latest", nil},
		{"agents_logs", "GET", "/ai/v1/cloud/deployments/" + depID + "/console-logs", nil},
		{"message_deleted", "PUT", "/ai/v1/cloud/versions/" + versionID + "/activate", map[string]any{"activate": true}},
		{"message_deleted", "POST", "/ai/v1/cloud/deployments/" + spare + "/delete", map[string]any{}},

		{"batch_calls_upload", "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "numbers.csv", "fileSize": 20}},
		{"batch_calls_get_parsing", "GET", "/v2/batch-calls/" + parsing, nil},
		{"batch_calls_get_parsed", "GET", "/v2/batch-calls/" + parsed, nil},
		{"batch_calls_get_parse_failed", "GET", "/v2/batch-calls/" + failed, nil},
		{"batch_calls_create", "POST", "/v2/batch-calls", create(scheduled, "scheduled")},
		{"batch_calls_create", "PUT", "/v2/batch-calls/" + scheduled, map[string]any{"description": "Renewal reminders"}},
		{"batch_records_list", "GET", "/v2/batch-calls/" + completed + "/records?perPage=2", nil},
		{"batch_records_update", "PUT", "/v2/batch-calls/" + scheduled + "/records/" + recordAt(t, srv, scheduled, 0),
			map[string]any{"phoneNumber": "+14155550199", "metadata": map[string]string{"name": "Bo"}}},
		{"batch_records_delete", "DELETE", "/v2/batch-calls/" + scheduled + "/records", map[string]any{"recordIds": []string{recordAt(t, srv, scheduled, 1)}}},
		{"batch_calls_list", "GET", "/v2/batch-calls", nil},
		{"batch_calls_stats", "GET", "/v2/batch-calls/" + running + "/stats", nil},
		{"batch_calls_completed", "GET", "/v2/batch-calls/" + completed, nil},
		{"batch_calls_cancelled", "POST", "/v2/batch-calls/" + cancelled + "/cancel", map[string]any{"mode": "immediate"}},
		{"message_deleted", "POST", "/v2/batch-calls/parse", map[string]any{"batchId": failed}},
		{"message_deleted", "DELETE", "/v2/batch-calls/" + completed, nil},

		{"connectors_create", "POST", "/v2/connectors", connector},
		{"connectors_create", "GET", "/v2/connectors/" + connID, nil},
		{"connectors_create", "POST", "/v2/connectors/" + connID + "/rotate-key", nil},
		{"connectors_list", "GET", "/v2/connectors", nil},
		{"message_deleted", "DELETE", "/v2/connectors/" + spareConn, nil},
		{"ingest_socket", "POST", "/v2/ingest/sessions", map[string]any{"roomId": room}},
		{"resource_acquire", "POST", "/v2/resource/acquire", acquire},
		{"resource_list", "GET", "/v2/resource", nil},
		{"resource_get_flat", "GET", "/v2/resource/" + unitID, nil},
		{"resource_release", "POST", "/v2/resource/release", map[string]any{"ids": []string{units[1].(map[string]any)["id"].(string), "ffffffffffffffffffffffff"}}},

		{"alerts_rule", "POST", "/v2/alertRules", alertRule},
		{"alerts_rule", "GET", "/v2/alertRules/" + ruleAlertID, nil},
		{"alerts_rule", "PUT", "/v2/alertRules/" + ruleAlertID, map[string]any{"name": "High packet loss"}},
		{"alerts_rules_list", "GET", "/v2/alertRules", nil},
		{"message_deleted", "DELETE", "/v2/alertRules/" + spareRule, nil},
		{"alerts_channel", "POST", "/v2/alertRules/notification-channel", channel},
		{"alerts_channel", "GET", "/v2/alertRules/notification-channel/" + channelID, nil},
		{"alerts_channel", "PUT", "/v2/alertRules/notification-channel/" + channelID, map[string]any{"name": "ops slack"}},
		{"alerts_channel_test", "POST", "/v2/alertRules/notification-channel/test", channel},
		{"alerts_channels_list", "GET", "/v2/alertRules/notification-channel", nil},
		{"message_deleted", "DELETE", "/v2/alertRules/notification-channel/" + spareChannel, nil},
		{"alerts_catalog", "GET", "/v2/alertRules/metrics/catalog", nil},
		{"alerts_participant_count", "GET", "/v2/alertRules/metrics/participantCount?metric=participants", nil},
		{"incidents_list", "GET", "/v2/incidents", nil},
		{"incidents_ack", "PUT", "/v2/incidents/" + incAck + "/acknowledge", nil},
		{"incidents_ack", "GET", "/v2/incidents/" + incAck, nil},
		{"incidents_resolve", "PUT", "/v2/incidents/" + incResolve + "/resolve", nil},
		{"message_deleted", "DELETE", "/v2/incidents/" + incDelete, nil},
	}
}

// withNumbers is a copy of a gateway body with other numbers.
func withNumbers(body map[string]any, numbers ...string) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	out["numbers"] = numbers
	return out
}

// recordAt is the id of the i-th record of a batch.
func recordAt(t *testing.T, srv *Server, batchID string, i int) string {
	t.Helper()
	recs := ok(t, srv, "GET", "/v2/batch-calls/"+batchID+"/records", nil)["records"].([]any)
	require.Greater(t, len(recs), i)
	return recs[i].(map[string]any)["recordId"].(string)
}

// fidelityEnvelope names the examples that show an object under a wrapper
// key while the fake answers it bare, or the other way round: SPEC-PLATFORM
// §0.1 documents both forms for these answers (the SDK unwraps the key when
// present), so the comparison looks inside the wrapper of whichever side
// has it.
var fidelityEnvelope = map[string]string{
	// §22.4: gateways are bare (the fake's form); the example is the
	// {data: …} form N's tolerant read accepts.
	"sip_outbound_gateway": "data",
	// §20: D24 shows a flat unit (the example), N reads res.data (the fake).
	"resource_get_flat": "data",
	// §16.2 and §22.4: a Version is answered bare (the fake); the example
	// is the {data: …} form the SDK's unwrap (§0.1) also accepts.
	"agents_version": "data",
}

// unwrapOne replaces the side of got and want that is an object with key
// holding an object or array, when the other side is not, by that value.
func unwrapOne(got, want any, key string) (any, any) {
	inner := func(v any) (any, bool) {
		m, isObj := v.(map[string]any)
		if !isObj {
			return nil, false
		}
		switch w := m[key].(type) {
		case map[string]any, []any:
			return w, true
		}
		return nil, false
	}
	g, gw := inner(got)
	w, ww := inner(want)
	switch {
	case gw && !ww:
		return g, want
	case ww && !gw:
		return got, w
	}
	return got, want
}

// fidelityGroup names the fidelityAllowed group of each platform example:
// the examples of one object share the members SPEC-PLATFORM documents.
var fidelityGroup = map[string]string{
	"sip_inbound_gateway": "sip_gateways", "sip_outbound_gateway": "sip_gateways", "sip_gateways_list": "sip_gateways",
	"sip_phone_number": "sip_phone_numbers", "sip_phone_numbers_list": "sip_phone_numbers",
	"sip_routing_rule": "sip_routing_rules", "sip_routing_rules_list": "sip_routing_rules",
	"sip_webhook": "sip_webhooks", "sip_webhooks_list": "sip_webhooks",
	"sip_call": "sip_calls", "sip_call_ended": "sip_calls", "sip_calls_list": "sip_calls",
	"agents_deployment": "agents_deployments", "agents_deployments_list": "agents_deployments", "agents_deployments_empty": "agents_deployments",
	"alerts_rule": "alerts_rules", "alerts_rules_list": "alerts_rules",
	"alerts_channel": "alerts_channels", "alerts_channels_list": "alerts_channels",
	"incidents_list": "incidents", "incidents_ack": "incidents", "incidents_resolve": "incidents",
	"batch_calls_create": "batch_calls", "batch_calls_get_parsed": "batch_calls", "batch_calls_get_parsing": "batch_calls",
	"batch_calls_get_parse_failed": "batch_calls", "batch_calls_cancelled": "batch_calls", "batch_calls_completed": "batch_calls",
	"batch_calls_list":   "batch_calls",
	"batch_records_list": "batch_records", "batch_records_update": "batch_records",
	"connectors_create": "connectors", "connectors_list": "connectors",
	"resource_list": "resource_units", "resource_get_flat": "resource_units", "resource_acquire": "resource_units",
}

// platformEnvelopes are the wrappers and list item keys of SPEC-PLATFORM
// §0.1 that resourcePath strips besides the RTC ones.
var platformEnvelopes = []string{"deployments[].", "batchCalls[].", "records[].", "alertRule.", "channel."}

// documented is one allowlist entry per member under each prefix ("" for
// the object itself), all from source.
func documented(source string, prefixes []string, members ...string) map[string]string {
	out := map[string]string{}
	for _, p := range prefixes {
		for _, m := range members {
			out[p+m] = source
		}
	}
	return out
}

// merged is the union of allowlist groups.
func merged(groups ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, g := range groups {
		for k, v := range g {
			out[k] = v
		}
	}
	return out
}

// gatewayMembers are the members of SPEC-PLATFORM §15.1's Gateway object
// (N SipTrunk); "metadata.*" is the caller's own map, echoed.
var gatewayMembers = []string{"id", "name", "numbers", "allowedAddresses", "allowedNumbers", "mediaEncryption", "transport",
	"record", "noiseCancellation", "enableDtmf", "tags", "metadata", "metadata.*", "geoRegion", "auth", "auth.username",
	"auth.password", "address", "createdAt", "updatedAt"}

// platformAllowed is fidelityAllowed for the platform examples: each
// member the fake answers beyond an example, with the SPEC-PLATFORM
// section that documents it. An entry ending in ".*" allows every member
// below it (a map the caller sent, echoed back).
var platformAllowed = map[string]map[string]string{
	"sip_gateways": documented("§15.1 Gateway object", []string{""}, gatewayMembers...),
	"sip_phone_numbers": merged(
		documented("§15.4 PhoneNumberInfo", []string{"phoneNumber."}, "name", "countryCode", "provider", "origin", "createdAt", "updatedAt"),
		documented("§15.4 PhoneNumberWithGateways: inbound/outbound are §15.1 Gateways", []string{"inbound.", "outbound."}, gatewayMembers...)),
	"sip_routing_rules": documented("§15.3 RoutingRule: the create fields, numbers, id, createdAt, updatedAt", []string{""},
		"recording", "dtmf", "noiseCancellation", "hidePhoneNumber", "tags", "includeHeaders", "headers", "headers.*",
		"headersToAttributes", "headersToAttributes.*", "allowedNumbers", "allowedIpAddresses", "agentId", "agentMetadata",
		"agentMetadata.*", "room.prefix", "room.id", "room.pin", "createdAt", "updatedAt"),
	// §15.6: list items "may use webhookId" (the example); the object's
	// key, which the fake answers everywhere, is id.
	"sip_webhooks": documented("§15.6 SipWebhook: id, url, events, createdAt?, updatedAt?", []string{""}, "id", "createdAt", "updatedAt"),
	"sip_calls": documented("§15.5 SipCall", []string{""}, "roomId", "sessionId", "to", "from", "gatewayId", "ruleId",
		"metadata", "metadata.*", "start", "end",
		// §15.5: timelog is a status history; its element is the
		// {status, time} of the §15.5 example response.
		"timelog", "timelog[].status", "timelog[].time"),
	"agents_deployments": documented("§16.2 Deployment: id, agentId?, name?, template?, status?, envSecret?", []string{""},
		"envSecret"),
	"alerts_rules": documented("§21.1 AlertRule", []string{""}, "alertRuleId", "description", "domain", "version",
		"createdAt", "updatedAt", "ruleConfig.formula"),
	"alerts_channels": merged(
		documented("§21.2 NotificationChannel", []string{""}, "createdAt", "updatedAt"),
		documented("§21.2 config per type: webhook endpoint; slack botToken/channelId; email to[]", []string{"config."},
			"endpoint", "botToken", "channelId", "to")),
	"incidents": documented("§21.4 Incident", []string{""}, "metric", "metricCategory", "domain", "alertName", "description", "createdAt", "updatedAt", "events", "events[].type"),
	"batch_calls": merged(
		documented("§17 BatchCall", []string{""}, "batchName", "description", "phoneNumberId", "phoneNumber", "routingRuleId",
			"timing", "timezone", "scheduledTime", "scheduledDate", "allowedFrom", "allowedUntil", "daysOfWeek", "retry", "status",
			"file", "file.filename", "file.extension", "file.key", "recordsUploaded", "parseError", "timestamp", "createdAt", "updatedAt"),
		documented("§17 CreateBatch retry: {enabled, retryOn, maxAttempts}", []string{"retry."}, "enabled", "retryOn", "maxAttempts")),
	"batch_records": documented("§17 BatchRecord", []string{""}, "callId", "reason", "callDuration", "createdAt", "updatedAt",
		"metadata", "metadata.*"),
	"connectors": documented("§18 Connector: id, provider, name?, webhookUrl, defaultRoomId?, defaultRuleId?, region?, createdAt?",
		[]string{""}, "name", "defaultRoomId", "defaultRuleId", "region", "createdAt"),
	"resource_units": documented("§20 ResourceUnit: id, status, type, mode, quality, composerIds, webhookUrl", []string{""},
		"mode", "quality", "webhookUrl"),
}

// fidelityStates are the examples that document an object in one state of
// its lifecycle: the replay must reach that state too (status compared
// case-insensitively, §15.5), so that the shape compared is the one of that
// state.
var fidelityStates = map[string]bool{
	"sip_call": true, "sip_call_ended": true,
	"batch_calls_get_parsing": true, "batch_calls_get_parsed": true, "batch_calls_get_parse_failed": true,
	"batch_calls_create": true, "batch_calls_cancelled": true, "batch_calls_completed": true, "batch_calls_stats": true,
	"incidents_ack": true, "incidents_resolve": true, "resource_get_flat": true,
}

// statusOf is the status of an answer's object, inside a data wrapper or not.
func statusOf(v any) string {
	m, _ := v.(map[string]any)
	if d, wrapped := m["data"].(map[string]any); wrapped {
		m = d
	}
	s, _ := m["status"].(string)
	return s
}
