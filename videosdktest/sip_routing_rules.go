package videosdktest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// sipRule is a routing rule, stored in the Node SDK's shape whichever body
// created it.
type sipRule struct {
	id, name, typ        string
	numbers              []string
	room                 *ruleRoom
	agentID              string
	agentMetadata        json.RawMessage
	gatewayID            string // from the API reference's body
	includeHeaders       string
	headers, headersToAt map[string]string
	allowedNumbers       []string
	allowedIPs           []string
	tags                 []string
	recording, dtmf      bool
	noise, hideNumber    bool
	apiKey               string
	createdAt, updatedAt time.Time
}

type ruleRoom struct {
	Type   string `json:"type"`
	Prefix string `json:"prefix,omitempty"`
	ID     string `json:"id,omitempty"`
	Pin    string `json:"pin,omitempty"`
}

type ruleJSON struct {
	ID                  string            `json:"id"`
	Name                string            `json:"name"`
	Type                string            `json:"type"`
	Numbers             []string          `json:"numbers"`
	GatewayID           string            `json:"gatewayId,omitempty"`
	Room                *ruleRoom         `json:"room,omitempty"`
	AgentID             string            `json:"agentId,omitempty"`
	AgentMetadata       json.RawMessage   `json:"agentMetadata,omitempty"`
	IncludeHeaders      string            `json:"includeHeaders,omitempty"`
	Headers             map[string]string `json:"headers,omitempty"`
	HeadersToAttributes map[string]string `json:"headersToAttributes,omitempty"`
	AllowedNumbers      []string          `json:"allowedNumbers,omitempty"`
	AllowedIPAddresses  []string          `json:"allowedIpAddresses,omitempty"`
	Tags                []string          `json:"tags"`
	Recording           bool              `json:"recording"`
	Dtmf                bool              `json:"dtmf"`
	NoiseCancellation   bool              `json:"noiseCancellation"`
	HidePhoneNumber     bool              `json:"hidePhoneNumber"`
	CreatedAt           string            `json:"createdAt"`
	UpdatedAt           string            `json:"updatedAt"`
}

func ruleView(r *sipRule) any {
	return ruleJSON{
		ID: r.id, Name: r.name, Type: r.typ, Numbers: nonNil(r.numbers), GatewayID: r.gatewayID, Room: r.room,
		AgentID: r.agentID, AgentMetadata: r.agentMetadata, IncludeHeaders: r.includeHeaders, Headers: r.headers,
		HeadersToAttributes: r.headersToAt, AllowedNumbers: r.allowedNumbers, AllowedIPAddresses: r.allowedIPs,
		Tags: nonNil(r.tags), Recording: r.recording, Dtmf: r.dtmf, NoiseCancellation: r.noise, HidePhoneNumber: r.hideNumber,
		CreatedAt: iso(r.createdAt), UpdatedAt: iso(r.updatedAt),
	}
}

// ruleBody is a create or update body in either shape: the Node SDK's
// (type, phoneNumbers, room, agentId, agentMetadata) or the API reference's
// (gatewayId, numbers, dispatch{room, agent{type,id,metadata}}).
type ruleBody struct {
	Name                *string           `json:"name"`
	Type                *string           `json:"type"`
	PhoneNumbers        []string          `json:"phoneNumbers"`
	Numbers             []string          `json:"numbers"`
	GatewayID           *string           `json:"gatewayId"`
	Room                *ruleRoom         `json:"room"`
	AgentID             *string           `json:"agentId"`
	AgentMetadata       json.RawMessage   `json:"agentMetadata"`
	Dispatch            *ruleDispatch     `json:"dispatch"`
	IncludeHeaders      *string           `json:"includeHeaders"`
	Headers             map[string]string `json:"headers"`
	HeadersToAttributes map[string]string `json:"headersToAttributes"`
	AllowedNumbers      []string          `json:"allowedNumbers"`
	AllowedIPAddresses  []string          `json:"allowedIpAddresses"`
	Tags                []string          `json:"tags"`
	Recording           *bool             `json:"recording"`
	Dtmf                *bool             `json:"dtmf"`
	NoiseCancellation   *bool             `json:"noiseCancellation"`
	HidePhoneNumber     *bool             `json:"hidePhoneNumber"`
	APIKey              *string           `json:"apiKey"`
}

type ruleDispatch struct {
	Room  *ruleRoom `json:"room"`
	Agent *struct {
		Type     string          `json:"type"`
		ID       string          `json:"id"`
		Metadata json.RawMessage `json:"metadata"`
	} `json:"agent"`
}

// normalise folds the API reference's shape into the Node SDK's.
func (b *ruleBody) normalise() {
	if b.PhoneNumbers == nil {
		b.PhoneNumbers = b.Numbers
	}
	if d := b.Dispatch; d != nil {
		if b.Room == nil {
			b.Room = d.Room
		}
		if a := d.Agent; a != nil {
			if b.AgentID == nil && a.ID != "" {
				b.AgentID = &a.ID
			}
			if b.AgentMetadata == nil {
				b.AgentMetadata = a.Metadata
			}
		}
	}
}

func (b *ruleBody) check(typ string) *apiError {
	if b.Name != nil {
		if e := need("name", *b.Name); e != nil {
			return e
		}
	}
	if e := checkE164s("phoneNumbers", b.PhoneNumbers, false); e != nil {
		return e
	}
	if rm := b.Room; rm != nil {
		switch rm.Type {
		case "static":
			if e := need("room.id", rm.ID); e != nil {
				return e
			}
		case "dynamic":
			if e := checkEnum("room.prefix", rm.Prefix, "blank", "participantNumber", "sipNumber", "random"); e != nil {
				return e
			}
		default:
			return sipBadRequest("%q must be static or dynamic.", "room.type")
		}
	}
	if b.IncludeHeaders != nil {
		if e := checkEnum("includeHeaders", *b.IncludeHeaders, "ALL", "SIP_X_HEADERS", "NONE"); e != nil {
			return e
		}
	}
	if len(b.Headers) > 0 && typ == "inbound" {
		return sipBadRequest("%q applies to outbound rules only.", "headers")
	}
	if len(b.HeadersToAttributes) > 0 && typ == "outbound" {
		return sipBadRequest("%q applies to inbound rules only.", "headersToAttributes")
	}
	return nil
}

func (b *ruleBody) apply(r *sipRule) {
	if b.Name != nil {
		r.name = *b.Name
	}
	if b.PhoneNumbers != nil {
		r.numbers = slices.Clone(b.PhoneNumbers)
	}
	if b.GatewayID != nil {
		r.gatewayID = *b.GatewayID
	}
	if b.Room != nil {
		rm := *b.Room
		if rm.Type == "dynamic" && rm.Prefix == "" {
			rm.Prefix = "blank"
		}
		r.room = &rm
	}
	if b.AgentID != nil {
		r.agentID = *b.AgentID
	}
	if b.AgentMetadata != nil && !isNull(b.AgentMetadata) {
		r.agentMetadata = b.AgentMetadata
	}
	if b.IncludeHeaders != nil {
		r.includeHeaders = *b.IncludeHeaders
	}
	if b.Headers != nil {
		r.headers = b.Headers
	}
	if b.HeadersToAttributes != nil {
		r.headersToAt = b.HeadersToAttributes
	}
	if b.AllowedNumbers != nil {
		r.allowedNumbers = b.AllowedNumbers
	}
	if b.AllowedIPAddresses != nil {
		r.allowedIPs = b.AllowedIPAddresses
	}
	if b.Tags != nil {
		r.tags = b.Tags
	}
	set := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	set(&r.recording, b.Recording)
	set(&r.dtmf, b.Dtmf)
	set(&r.noise, b.NoiseCancellation)
	set(&r.hideNumber, b.HidePhoneNumber)
	if b.APIKey != nil {
		r.apiKey = *b.APIKey
	}
}

func (s *Server) createRule(r *http.Request) (any, *apiError) {
	var b ruleBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	b.normalise()
	if b.Name == nil {
		return nil, need("name", "")
	}
	typ := ""
	if b.Type != nil {
		typ = *b.Type
	}
	if b.GatewayID != nil {
		g := s.sip().gatewayBy[*b.GatewayID]
		if g == nil {
			return nil, notFound("Gateway", *b.GatewayID)
		}
		if typ == "" {
			typ = map[bool]string{false: "inbound", true: "outbound"}[g.outbound]
		}
	}
	if typ != "inbound" && typ != "outbound" {
		return nil, sipBadRequest("%q is required: inbound or outbound.", "type")
	}
	if e := b.check(typ); e != nil {
		return nil, e
	}
	now := s.st.clock()
	rule := &sipRule{id: s.st.objectID(), typ: typ, createdAt: now, updatedAt: now}
	b.apply(rule)
	sp := s.sip()
	sp.rules = insertByTime(sp.rules, rule, func(r *sipRule) time.Time { return r.createdAt })
	sp.ruleBy[rule.id] = rule
	return ruleView(rule), nil
}

func (s *Server) lookupRule(id string) (*sipRule, *apiError) {
	if r := s.sip().ruleBy[id]; r != nil {
		return r, nil
	}
	return nil, notFound("Routing rule", id)
}

func (s *Server) listRules(r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	search, typ := q.Get("search"), q.Get("type")
	if e := checkEnum("type", typ, "inbound", "outbound"); e != nil {
		return nil, e
	}
	var ids, roomTypes []string
	if v := q.Get("ruleIds"); v != "" {
		ids = strings.Split(v, ",")
	}
	if v := q.Get("roomType"); v != "" {
		roomTypes = strings.Split(v, ",")
		for _, t := range roomTypes {
			if e := checkEnum("roomType", t, "static", "dynamic"); e != nil {
				return nil, e
			}
		}
	}
	return sipPage(r, s.sip().rules, func(x *sipRule) bool {
		if typ != "" && x.typ != typ {
			return false
		}
		if ids != nil && !slices.Contains(ids, x.id) {
			return false
		}
		if roomTypes != nil && (x.room == nil || !slices.Contains(roomTypes, x.room.Type)) {
			return false
		}
		if search != "" && !containsFold(x.name, search) && !slices.ContainsFunc(x.numbers, func(n string) bool { return strings.Contains(n, search) }) {
			return false
		}
		return true
	}, func(x *sipRule) any { return ruleView(x) })
}

func (s *Server) getRule(r *http.Request) (any, *apiError) {
	rule, e := s.lookupRule(r.PathValue("ruleId"))
	if e != nil {
		return nil, e
	}
	return ruleView(rule), nil
}

func (s *Server) updateRule(r *http.Request) (any, *apiError) {
	rule, e := s.lookupRule(r.PathValue("ruleId"))
	if e != nil {
		return nil, e
	}
	var b ruleBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	b.normalise()
	if b.Type != nil && *b.Type != rule.typ {
		return nil, sipBadRequest("%q cannot be changed.", "type")
	}
	if e := b.check(rule.typ); e != nil {
		return nil, e
	}
	b.apply(rule)
	rule.updatedAt = s.st.clock()
	return ruleView(rule), nil
}

func (s *Server) deleteRule(r *http.Request) (any, *apiError) {
	rule, e := s.lookupRule(r.PathValue("ruleId"))
	if e != nil {
		return nil, e
	}
	sp := s.sip()
	delete(sp.ruleBy, rule.id)
	sp.rules = slices.DeleteFunc(sp.rules, func(x *sipRule) bool { return x == rule })
	return message("Routing rule deleted successfully."), nil
}

// inboundRule finds the inbound rule for a call to number arriving through
// gateway g (nil when the number has no gateway of its own).
func (s *Server) inboundRule(number string, g *sipGateway) *sipRule {
	for _, r := range s.sip().rules {
		if r.typ != "inbound" || !slices.Contains(r.numbers, number) {
			continue
		}
		if r.gatewayID != "" && (g == nil || r.gatewayID != g.id) {
			continue
		}
		return r
	}
	return nil
}
