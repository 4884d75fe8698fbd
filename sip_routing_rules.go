package videosdk

import (
	"context"
	"iter"
	"net/url"
	"strings"
	"time"
)

// SIPRoutingRulesService manages routing rules: which room (static, or one
// per call) and which AI agent a call to or from a provisioned number goes
// to. It uses the current, phone-number-centred API (/v2/sip/routing-rule,
// the official Node SDK's shape); the older gateway-centred form
// (/v2/sip/routing-rules with gatewayId and dispatch) is not sent.
type SIPRoutingRulesService service

// SIPRoomType says whether a rule sends every call to one room or makes a
// room per call.
type SIPRoomType string

// Room types.
const (
	SIPRoomStatic  SIPRoomType = "static"
	SIPRoomDynamic SIPRoomType = "dynamic"
)

// SIPRoomPrefix is the strategy a dynamic rule names its rooms by (not a
// literal prefix).
type SIPRoomPrefix string

// Room naming strategies.
const (
	SIPRoomPrefixBlank             SIPRoomPrefix = "blank"
	SIPRoomPrefixParticipantNumber SIPRoomPrefix = "participantNumber"
	SIPRoomPrefixSIPNumber         SIPRoomPrefix = "sipNumber"
	SIPRoomPrefixRandom            SIPRoomPrefix = "random"
)

// SIPRuleRoom is a rule's destination room.
type SIPRuleRoom struct {
	Type SIPRoomType `json:"type"`
	// Prefix names the rooms of a dynamic rule (default "blank").
	Prefix SIPRoomPrefix `json:"prefix,omitempty"`
	// ID is the room of a static rule; required for static rules.
	ID string `json:"id,omitempty"`
	// Pin protects the room.
	Pin string `json:"pin,omitempty"`
}

func (r *SIPRuleRoom) check() error {
	if r == nil {
		return nil
	}
	switch r.Type {
	case SIPRoomStatic:
		if err := required("room.id", r.ID); err != nil {
			return invalidParams("room.id is required for a static room")
		}
		if r.Prefix != "" {
			return invalidParams("room.prefix applies to dynamic rooms only")
		}
	case SIPRoomDynamic:
		if r.ID != "" {
			return invalidParams("room.id applies to static rooms only")
		}
		switch r.Prefix {
		case "", SIPRoomPrefixBlank, SIPRoomPrefixParticipantNumber, SIPRoomPrefixSIPNumber, SIPRoomPrefixRandom:
		default:
			return invalidParams("room.prefix %q is not blank, participantNumber, sipNumber or random", r.Prefix)
		}
	case "":
		return invalidParams("room.type is required (static or dynamic)")
	default:
		return invalidParams("room.type %q is not static or dynamic", r.Type)
	}
	return nil
}

// SIPRoutingRule is a routing rule.
type SIPRoutingRule struct {
	ID   string       `json:"id"`
	Name string       `json:"name,omitempty"`
	Type SIPDirection `json:"type,omitempty"`
	// Numbers are the provisioned numbers the rule applies to ("numbers" in
	// answers, "phoneNumbers" in requests).
	Numbers []string     `json:"numbers,omitempty"`
	Room    *SIPRuleRoom `json:"room,omitempty"`
	// AgentID is the AI agent dispatched into the room: a deployment id
	// (cloud agents) or a self-hosted agent's id.
	AgentID             string            `json:"agentId,omitempty"`
	AgentMetadata       map[string]any    `json:"agentMetadata,omitempty"`
	IncludeHeaders      SIPIncludeHeaders `json:"includeHeaders,omitempty"`
	Headers             map[string]string `json:"headers,omitempty"`
	HeadersToAttributes map[string]string `json:"headersToAttributes,omitempty"`
	AllowedNumbers      []string          `json:"allowedNumbers,omitempty"`
	AllowedIPAddresses  []string          `json:"allowedIpAddresses,omitempty"`
	Tags                []string          `json:"tags,omitempty"`
	Recording           bool              `json:"recording"`
	DTMF                bool              `json:"dtmf"`
	NoiseCancellation   bool              `json:"noiseCancellation"`
	HidePhoneNumber     bool              `json:"hidePhoneNumber"`
	CreatedAt           time.Time         `json:"createdAt,omitzero"`
	UpdatedAt           time.Time         `json:"updatedAt,omitzero"`
}

func (r *SIPRoutingRule) validResponse() error {
	if r.ID == "" {
		return errNoID
	}
	return nil
}

// CreateSIPRoutingRuleParams is the body of SIP.RoutingRules.Create.
type CreateSIPRoutingRuleParams struct {
	// Name is required.
	Name string `json:"name"`
	// Type is required and cannot be changed later.
	Type SIPDirection `json:"type"`
	// PhoneNumbers are provisioned E.164 numbers (see SIP.PhoneNumbers).
	PhoneNumbers  []string       `json:"phoneNumbers,omitempty"`
	Room          *SIPRuleRoom   `json:"room,omitempty"`
	AgentID       string         `json:"agentId,omitempty"`
	AgentMetadata map[string]any `json:"agentMetadata,omitempty"`
	// IncludeHeaders says which SIP headers are forwarded.
	IncludeHeaders SIPIncludeHeaders `json:"includeHeaders,omitempty"`
	// Headers are extra SIP headers to send (outbound rules only).
	Headers map[string]string `json:"headers,omitempty"`
	// HeadersToAttributes maps SIP headers to participant attributes
	// (inbound rules only).
	HeadersToAttributes map[string]string `json:"headersToAttributes,omitempty"`
	AllowedNumbers      []string          `json:"allowedNumbers,omitempty"`
	AllowedIPAddresses  []string          `json:"allowedIpAddresses,omitempty"`
	Tags                []string          `json:"tags,omitempty"`
	Recording           bool              `json:"recording,omitempty"`
	DTMF                bool              `json:"dtmf,omitempty"`
	NoiseCancellation   bool              `json:"noiseCancellation,omitempty"`
	// HidePhoneNumber keeps the caller's number out of the room.
	HidePhoneNumber bool `json:"hidePhoneNumber,omitempty"`
	// APIKey is an API key to associate with the rule.
	APIKey string `json:"apiKey,omitempty"`
}

func checkRuleHeaders(d SIPDirection, headers, toAttrs map[string]string) error {
	if len(headers) > 0 && d == SIPInbound {
		return invalidParams("headers apply to outbound rules only")
	}
	if len(toAttrs) > 0 && d == SIPOutbound {
		return invalidParams("headersToAttributes applies to inbound rules only")
	}
	return nil
}

func (p *CreateSIPRoutingRuleParams) check() error {
	if err := required("name", p.Name); err != nil {
		return err
	}
	if err := checkDirection("type", p.Type, true); err != nil {
		return err
	}
	if err := checkE164s("phoneNumbers", p.PhoneNumbers); err != nil {
		return err
	}
	if err := p.Room.check(); err != nil {
		return err
	}
	if err := checkIncludeHeaders("includeHeaders", p.IncludeHeaders); err != nil {
		return err
	}
	return checkRuleHeaders(p.Type, p.Headers, p.HeadersToAttributes)
}

// UpdateSIPRoutingRuleParams is the body of SIP.RoutingRules.Update: only
// the fields set are sent (a nil pointer, slice or map is left out). A
// rule's Type cannot be changed.
type UpdateSIPRoutingRuleParams struct {
	Name                *string           `json:"name,omitempty"`
	PhoneNumbers        []string          `json:"phoneNumbers,omitempty"`
	Room                *SIPRuleRoom      `json:"room,omitempty"`
	AgentID             *string           `json:"agentId,omitempty"`
	AgentMetadata       map[string]any    `json:"agentMetadata,omitempty"`
	IncludeHeaders      SIPIncludeHeaders `json:"includeHeaders,omitempty"`
	Headers             map[string]string `json:"headers,omitempty"`
	HeadersToAttributes map[string]string `json:"headersToAttributes,omitempty"`
	AllowedNumbers      []string          `json:"allowedNumbers,omitempty"`
	AllowedIPAddresses  []string          `json:"allowedIpAddresses,omitempty"`
	Tags                []string          `json:"tags,omitempty"`
	Recording           *bool             `json:"recording,omitempty"`
	DTMF                *bool             `json:"dtmf,omitempty"`
	NoiseCancellation   *bool             `json:"noiseCancellation,omitempty"`
	HidePhoneNumber     *bool             `json:"hidePhoneNumber,omitempty"`
	APIKey              *string           `json:"apiKey,omitempty"`
}

func (p *UpdateSIPRoutingRuleParams) check() error {
	if p.Name != nil {
		if err := required("name", *p.Name); err != nil {
			return err
		}
	}
	if err := checkE164s("phoneNumbers", p.PhoneNumbers); err != nil {
		return err
	}
	if err := p.Room.check(); err != nil {
		return err
	}
	return checkIncludeHeaders("includeHeaders", p.IncludeHeaders)
}

// ListSIPRoutingRulesParams selects rules for List and All.
type ListSIPRoutingRulesParams struct {
	ListOptions
	// Search matches the name or a number.
	Search string
	Type   SIPDirection
	// RuleIDs keeps only these rules.
	RuleIDs []string
	// RoomTypes keeps only rules with these room types.
	RoomTypes []SIPRoomType
}

func (p ListSIPRoutingRulesParams) check() error {
	if err := p.ListOptions.check(); err != nil {
		return err
	}
	if err := checkDirection("type", p.Type, false); err != nil {
		return err
	}
	for _, id := range p.RuleIDs {
		if strings.TrimSpace(id) == "" || strings.Contains(id, ",") {
			return invalidParams("ruleIds: %q is not a rule id", id)
		}
	}
	for _, t := range p.RoomTypes {
		if t != SIPRoomStatic && t != SIPRoomDynamic {
			return invalidParams("roomType %q is not static or dynamic", t)
		}
	}
	return nil
}

func (p ListSIPRoutingRulesParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "search", p.Search)
	v = setQuery(v, "type", string(p.Type))
	v = setQuery(v, "ruleIds", strings.Join(p.RuleIDs, ","))
	types := make([]string, len(p.RoomTypes))
	for i, t := range p.RoomTypes {
		types[i] = string(t)
	}
	return setQuery(v, "roomType", strings.Join(types, ","))
}

const routingRulesPath = "/v2/sip/routing-rule"

// Create creates a routing rule.
//
// API: POST /v2/sip/routing-rule
func (s *SIPRoutingRulesService) Create(ctx context.Context, p CreateSIPRoutingRuleParams) (*SIPRoutingRule, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPRoutingRule](ctx, s.client, "POST", routingRulesPath, nil, p, "data")
}

// List returns one page of routing rules.
//
// API: GET /v2/sip/routing-rule
func (s *SIPRoutingRulesService) List(ctx context.Context, p ListSIPRoutingRulesParams) (*Page[SIPRoutingRule], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[SIPRoutingRule](ctx, s.client, routingRulesPath, p.values(), "")
}

// All iterates over every routing rule, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/sip/routing-rule
func (s *SIPRoutingRulesService) All(ctx context.Context, p ListSIPRoutingRulesParams) iter.Seq2[SIPRoutingRule, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[SIPRoutingRule], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a routing rule by id.
//
// API: GET /v2/sip/routing-rule/{ruleId}
func (s *SIPRoutingRulesService) Get(ctx context.Context, ruleID string) (*SIPRoutingRule, error) {
	path, err := sipIDPath(routingRulesPath, "ruleID", ruleID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[SIPRoutingRule](ctx, s.client, "GET", path, nil, nil, "data")
}

// Update changes a routing rule (any field but its type) and returns it.
// Only the fields set in p are sent.
//
// API: PATCH /v2/sip/routing-rule/{ruleId}
func (s *SIPRoutingRulesService) Update(ctx context.Context, ruleID string, p UpdateSIPRoutingRuleParams) (*SIPRoutingRule, error) {
	path, err := sipIDPath(routingRulesPath, "ruleID", ruleID)
	if err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPRoutingRule](ctx, s.client, "PATCH", path, nil, p, "data")
}

// Delete deletes a routing rule.
//
// API: DELETE /v2/sip/routing-rule/{ruleId}
func (s *SIPRoutingRulesService) Delete(ctx context.Context, ruleID string) (*MessageResponse, error) {
	path, err := sipIDPath(routingRulesPath, "ruleID", ruleID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}
