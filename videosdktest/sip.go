// SIP telephony (SPEC-PLATFORM §15): the SIP state, its routes, the
// simulation of the far end of calls (callee behaviour, inbound calls) and
// the control routes for it. The resources live in sip_gateways.go,
// sip_routing_rules.go, sip_phone_numbers.go, sip_calls.go and
// sip_webhooks.go.

package videosdktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk/internal/eventmatch"
)

// sipState is the fake's SIP database; every access holds Server.mu.
type sipState struct {
	gateways  []*sipGateway
	gatewayBy map[string]*sipGateway
	rules     []*sipRule
	ruleBy    map[string]*sipRule
	numbers   []*sipNumber
	numberBy  map[string]*sipNumber // e164 → number (released ones are removed)
	numberID  map[string]*sipNumber // phoneNumberId → number
	calls     []*sipCall
	callBy    map[string]*sipCall
	webhooks  []*sipWebhook
	webhookBy map[string]*sipWebhook
	callees   map[string]CalleeBehavior
}

// sip returns the SIP state, creating it on first use.
func (s *Server) sip() *sipState {
	if s.st.sip == nil {
		s.st.sip = &sipState{
			gatewayBy: map[string]*sipGateway{}, ruleBy: map[string]*sipRule{},
			numberBy: map[string]*sipNumber{}, numberID: map[string]*sipNumber{},
			callBy: map[string]*sipCall{}, webhookBy: map[string]*sipWebhook{},
			callees: map[string]CalleeBehavior{},
		}
	}
	return s.st.sip
}

// sipEndpoints lists the SIP routes (appended to endpoints in routes.go).
func (s *Server) sipEndpoints() []route {
	return []route{
		{"POST /v2/sip/inbound-gateways", s.createGateway(false)},
		{"GET /v2/sip/inbound-gateways", s.listGateways(false)},
		{"GET /v2/sip/inbound-gateways/{gatewayId}", s.getGateway(false)},
		{"PATCH /v2/sip/inbound-gateways/{gatewayId}", s.updateGateway(false)},
		{"DELETE /v2/sip/inbound-gateways/{gatewayId}", s.deleteGateway(false)},

		{"POST /v2/sip/outbound-gateways", s.createGateway(true)},
		{"GET /v2/sip/outbound-gateways", s.listGateways(true)},
		{"GET /v2/sip/outbound-gateways/{gatewayId}", s.getGateway(true)},
		{"PATCH /v2/sip/outbound-gateways/{gatewayId}", s.updateGateway(true)},
		{"PUT /v2/sip/outbound-gateways/{gatewayId}", s.updateGateway(true)},
		{"DELETE /v2/sip/outbound-gateways/{gatewayId}", s.deleteGateway(true)},

		{"POST /v2/sip/routing-rule", s.createRule},
		{"GET /v2/sip/routing-rule", s.listRules},
		{"GET /v2/sip/routing-rule/{ruleId}", s.getRule},
		{"PATCH /v2/sip/routing-rule/{ruleId}", s.updateRule},
		{"DELETE /v2/sip/routing-rule/{ruleId}", s.deleteRule},
		{"POST /v2/sip/routing-rules", s.createRule},
		{"GET /v2/sip/routing-rules", s.listRules},
		{"GET /v2/sip/routing-rules/{ruleId}", s.getRule},
		{"PATCH /v2/sip/routing-rules/{ruleId}", s.updateRule},
		{"DELETE /v2/sip/routing-rules/{ruleId}", s.deleteRule},

		{"POST /v2/sip/phone-numbers", s.createNumbers},
		{"GET /v2/sip/phone-numbers", s.listNumbers},
		{"GET /v2/sip/phone-numbers/{e164}", s.getNumber},
		{"POST /v2/sip/phone-numbers/detach", s.detachNumber},
		{"PATCH /v2/sip/phone-numbers/gateways/{gatewayId}", s.updateNumberGateway},
		{"POST /v2/sip/phone-numbers/{phoneNumberId}/release", s.releaseNumber},

		{"POST /v2/sip/call", s.createCall},
		{"GET /v2/sip/call", s.listCalls},
		{"GET /v2/sip/call/{callId}", s.getCall},
		{"POST /v2/sip/call/transfer", s.transferCall},
		{"POST /v2/sip/call/end", s.endCall},
		{"POST /v2/sip/call/switch-room", s.switchCallRoom},

		{"POST /v2/sip/webhooks", s.createSIPWebhook},
		{"GET /v2/sip/webhooks", s.listSIPWebhooks},
		{"GET /v2/sip/webhooks/{webhookId}", s.getSIPWebhook},
		{"PATCH /v2/sip/webhooks/{webhookId}", s.updateSIPWebhook},
		{"DELETE /v2/sip/webhooks/{webhookId}", s.deleteSIPWebhook},
	}
}

// ---- validation shared by the SIP resources ----

var e164Re = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

func sipBadRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, format, args...)
}

func checkE164(field, v string) *apiError {
	if !e164Re.MatchString(v) {
		return sipBadRequest("%q must be an E.164 number such as +14155550100.", field)
	}
	return nil
}

func checkE164s(field string, vs []string, needOne bool) *apiError {
	if needOne && len(vs) == 0 {
		return sipBadRequest("%q needs at least one number.", field)
	}
	for _, v := range vs {
		if e := checkE164(field, v); e != nil {
			return e
		}
	}
	return nil
}

// checkSIPTarget accepts an E.164 number or a sip:/sips: URI.
func checkSIPTarget(field, v string) *apiError {
	if e := need(field, v); e != nil {
		return e
	}
	if e164Re.MatchString(v) {
		return nil
	}
	l := strings.ToLower(v)
	if (strings.HasPrefix(l, "sip:") && len(v) > 4) || (strings.HasPrefix(l, "sips:") && len(v) > 5) {
		if !strings.ContainsAny(v, " \t\r\n") {
			return nil
		}
	}
	return sipBadRequest("%q must be an E.164 number or a SIP URI.", field)
}

func checkEnum(field, v string, allowed ...string) *apiError {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return sipBadRequest("%q must be one of %s.", field, strings.Join(allowed, ", "))
}

type sipAuth struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func checkAuth(field string, a *sipAuth) *apiError {
	if a != nil && (strings.TrimSpace(a.Username) == "" || a.Password == "") {
		return sipBadRequest("%q needs both username and password.", field)
	}
	return nil
}

// matchNumber reports whether number matches one of patterns ("+91*"
// style, '*' for any run of characters); an empty list allows every number.
func matchNumber(patterns []string, number string) bool {
	return len(patterns) == 0 || eventmatch.Any(patterns, number)
}

// keys returns the top-level member names of a JSON object body.
func keys(r *http.Request) (map[string]json.RawMessage, *apiError) {
	var m map[string]json.RawMessage
	if e := decode(r, &m); e != nil {
		return nil, e
	}
	return m, nil
}

// sipPage answers one page of a SIP list.
func sipPage[T any](r *http.Request, items []T, keep func(T) bool, view func(T) any) (any, *apiError) {
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	got, info := newestPage(items, keep, page, perPage)
	out := make([]any, len(got))
	for i, it := range got {
		out[i] = view(it)
	}
	return listEnvelope{PageInfo: info, Data: out}, nil
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// ---- the far end of calls ----

// CalleeBehavior is what the far end of a call does when the fake rings it:
// the callee of an outbound call, or the target of a transfer. Real carriers
// report these outcomes; which number does what is the test's choice, made
// with SetCallee.
type CalleeBehavior string

// Callee behaviours.
const (
	// CalleeAnswers answers (the default for every number).
	CalleeAnswers CalleeBehavior = "answer"
	// CalleeBusy rejects the call at once: an outbound call ends
	// "rejected", a transfer fails.
	CalleeBusy CalleeBehavior = "busy"
	// CalleeUnreachable cannot be reached: an outbound call ends "failed",
	// a transfer fails.
	CalleeUnreachable CalleeBehavior = "unreachable"
	// CalleeNoAnswer rings until the ringing timeout: an outbound call ends
	// "not-answered" (call-missed), a transfer fails.
	CalleeNoAnswer CalleeBehavior = "no-answer"
)

// DefaultRingingTimeout is how long the fake rings a CalleeNoAnswer number
// before giving up when the call gives no ringingTimeout (the API documents
// no default; this is the fake's choice).
const DefaultRingingTimeout = 30 * time.Second

// SetCallee sets what number (an E.164 number or a SIP URI, compared
// exactly) does when an outbound call or a transfer rings it from now on.
// CalleeAnswers restores the default.
func (s *Server) SetCallee(number string, b CalleeBehavior) error {
	switch b {
	case CalleeAnswers, CalleeBusy, CalleeUnreachable, CalleeNoAnswer:
	default:
		return fmt.Errorf("videosdktest: unknown callee behaviour %q", b)
	}
	if strings.TrimSpace(number) == "" {
		return fmt.Errorf("videosdktest: callee number is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b == CalleeAnswers {
		delete(s.sip().callees, number)
	} else {
		s.sip().callees[number] = b
	}
	return nil
}

func (s *Server) callee(number string) CalleeBehavior {
	if b, ok := s.sip().callees[number]; ok {
		return b
	}
	return CalleeAnswers
}

// ---- control routes ----

// sipControl serves the SIP control routes; ok is false for other paths.
//
//	POST /_fake/sip/inbound-calls {"to","from"}        → {"callId","status","roomId"}  (SimulateInboundCall)
//	POST /_fake/sip/callees       {"number","behavior"} → {"number","behavior"}         (SetCallee)
//	POST /_fake/sip/calls/hangup  {"callId"}            → {"callId","status"}           (HangUp)
func (s *Server) sipControl(r *http.Request) (v any, e *apiError, ok bool) {
	switch r.Method + " " + strings.TrimPrefix(r.URL.Path, ControlPrefix) {
	case "POST sip/inbound-calls":
		var b struct {
			To   string `json:"to"`
			From string `json:"from"`
		}
		if e := decode(r, &b); e != nil {
			return nil, e, true
		}
		id, err := s.SimulateInboundCall(b.To, b.From)
		if err != nil {
			return nil, errorf(http.StatusBadRequest, "%s", strings.TrimPrefix(err.Error(), "videosdktest: ")), true
		}
		return s.controlCall(id), nil, true
	case "POST sip/callees":
		var b struct {
			Number   string         `json:"number"`
			Behavior CalleeBehavior `json:"behavior"`
		}
		if e := decode(r, &b); e != nil {
			return nil, e, true
		}
		if err := s.SetCallee(b.Number, b.Behavior); err != nil {
			return nil, errorf(http.StatusBadRequest, "%s", strings.TrimPrefix(err.Error(), "videosdktest: ")), true
		}
		return b, nil, true
	case "POST sip/calls/hangup":
		var b struct {
			CallID string `json:"callId"`
		}
		if e := decode(r, &b); e != nil {
			return nil, e, true
		}
		if err := s.HangUp(b.CallID); err != nil {
			return nil, errorf(http.StatusConflict, "%s", strings.TrimPrefix(err.Error(), "videosdktest: ")), true
		}
		return s.controlCall(b.CallID), nil, true
	}
	return nil, nil, false
}

type controlCallJSON struct {
	CallID string `json:"callId"`
	Status string `json:"status"`
	RoomID string `json:"roomId,omitempty"`
}

func (s *Server) controlCall(id string) controlCallJSON {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.sip().callBy[id]
	if c == nil {
		return controlCallJSON{CallID: id}
	}
	return controlCallJSON{CallID: id, Status: c.status, RoomID: c.roomID}
}
