package videosdk

import (
	"context"
	"iter"
	"net/url"
	"time"
)

// SIPInboundGatewaysService manages inbound gateways: what VideoSDK accepts
// SIP INVITEs from (at sip:<orgId>.sip.videosdk.live) and for which numbers.
// The Node SDK calls them inbound trunks.
type SIPInboundGatewaysService service

// SIPOutboundGatewaysService manages outbound gateways: the carrier host
// and credentials VideoSDK dials out through. The Node SDK calls them
// outbound trunks.
type SIPOutboundGatewaysService service

// SIPGateway is an inbound or outbound gateway (the Node SDK's SipTrunk).
type SIPGateway struct {
	// ID is the gatewayId.
	ID      string   `json:"id"`
	Name    string   `json:"name,omitempty"`
	Numbers []string `json:"numbers,omitempty"`
	// Address is the carrier's SIP host (outbound gateways).
	Address   string       `json:"address,omitempty"`
	Transport SIPTransport `json:"transport,omitempty"`
	// Auth are the digest credentials; an answer may echo the password.
	Auth *SIPAuth `json:"auth,omitempty"`
	// AllowedAddresses are the source IPs/CIDRs accepted (inbound).
	AllowedAddresses []string `json:"allowedAddresses,omitempty"`
	// AllowedNumbers are caller-number patterns such as "+91*".
	AllowedNumbers    []string           `json:"allowedNumbers,omitempty"`
	MediaEncryption   SIPMediaEncryption `json:"mediaEncryption,omitempty"`
	Record            bool               `json:"record"`
	NoiseCancellation bool               `json:"noiseCancellation"`
	EnableDTMF        bool               `json:"enableDtmf"`
	Tags              []string           `json:"tags,omitempty"`
	Metadata          map[string]string  `json:"metadata,omitempty"`
	GeoRegion         SIPRegion          `json:"geoRegion,omitempty"`
	CreatedAt         time.Time          `json:"createdAt,omitzero"`
	UpdatedAt         time.Time          `json:"updatedAt,omitzero"`
}

func (g *SIPGateway) validResponse() error {
	if g.ID == "" {
		return errNoID
	}
	return nil
}

// CreateInboundGatewayParams is the body of SIP.InboundGateways.Create.
type CreateInboundGatewayParams struct {
	// Name is required and unique per account.
	Name string `json:"name"`
	// Numbers are the E.164 numbers the gateway answers; at least one.
	Numbers []string `json:"numbers"`
	// Auth are credentials the carrier must present.
	Auth              *SIPAuth           `json:"auth,omitempty"`
	AllowedAddresses  []string           `json:"allowedAddresses,omitempty"`
	AllowedNumbers    []string           `json:"allowedNumbers,omitempty"`
	MediaEncryption   SIPMediaEncryption `json:"mediaEncryption,omitempty"`
	Record            bool               `json:"record,omitempty"`
	NoiseCancellation bool               `json:"noiseCancellation,omitempty"`
	EnableDTMF        bool               `json:"enableDtmf,omitempty"`
	Metadata          map[string]string  `json:"metadata,omitempty"`
	Tags              []string           `json:"tags,omitempty"`
	GeoRegion         SIPRegion          `json:"geoRegion,omitempty"`
}

func (p *CreateInboundGatewayParams) check() error {
	if err := required("name", p.Name); err != nil {
		return err
	}
	if len(p.Numbers) == 0 {
		return invalidParams("numbers needs at least one E.164 number")
	}
	if err := checkE164s("numbers", p.Numbers); err != nil {
		return err
	}
	if err := p.Auth.check("auth"); err != nil {
		return err
	}
	if err := checkMediaEncryption("mediaEncryption", p.MediaEncryption); err != nil {
		return err
	}
	return checkRegion("geoRegion", p.GeoRegion, false)
}

// CreateOutboundGatewayParams is the body of SIP.OutboundGateways.Create.
type CreateOutboundGatewayParams struct {
	// Name is required.
	Name string `json:"name"`
	// Numbers are the E.164 numbers calls may come from; at least one.
	Numbers []string `json:"numbers"`
	// Address is the carrier's SIP host, e.g. "sip.example-carrier.com:5061"; required.
	Address string `json:"address"`
	// Transport defaults to TLS on the server.
	Transport         SIPTransport       `json:"transport,omitempty"`
	Auth              *SIPAuth           `json:"auth,omitempty"`
	MediaEncryption   SIPMediaEncryption `json:"mediaEncryption,omitempty"`
	Record            bool               `json:"record,omitempty"`
	NoiseCancellation bool               `json:"noiseCancellation,omitempty"`
	EnableDTMF        bool               `json:"enableDtmf,omitempty"`
	Metadata          map[string]string  `json:"metadata,omitempty"`
	Tags              []string           `json:"tags,omitempty"`
	GeoRegion         SIPRegion          `json:"geoRegion,omitempty"`
}

func (p *CreateOutboundGatewayParams) check() error {
	if err := required("name", p.Name); err != nil {
		return err
	}
	if len(p.Numbers) == 0 {
		return invalidParams("numbers needs at least one E.164 number")
	}
	if err := checkE164s("numbers", p.Numbers); err != nil {
		return err
	}
	if err := required("address", p.Address); err != nil {
		return err
	}
	if err := checkTransport("transport", p.Transport); err != nil {
		return err
	}
	if err := p.Auth.check("auth"); err != nil {
		return err
	}
	if err := checkMediaEncryption("mediaEncryption", p.MediaEncryption); err != nil {
		return err
	}
	return checkRegion("geoRegion", p.GeoRegion, false)
}

// UpdateGatewayParams is the body of SIP.InboundGateways.Update and
// SIP.OutboundGateways.Update: only the fields set are sent (a nil pointer
// or a nil slice is left out).
//
// Careful: the API resets Record, NoiseCancellation and EnableDTMF to false
// and clears GeoRegion when the PATCH omits them (the official Node SDK
// documents this). Set them, or use UpdatePreserving, which sends their
// current values for you.
type UpdateGatewayParams struct {
	Name    *string  `json:"name,omitempty"`
	Numbers []string `json:"numbers,omitempty"`
	// Address and Transport apply to outbound gateways only.
	Address   *string      `json:"address,omitempty"`
	Transport SIPTransport `json:"transport,omitempty"`
	Auth      *SIPAuth     `json:"auth,omitempty"`
	// AllowedAddresses applies to inbound gateways only.
	AllowedAddresses  []string           `json:"allowedAddresses,omitempty"`
	AllowedNumbers    []string           `json:"allowedNumbers,omitempty"`
	MediaEncryption   SIPMediaEncryption `json:"mediaEncryption,omitempty"`
	Record            *bool              `json:"record,omitempty"`
	NoiseCancellation *bool              `json:"noiseCancellation,omitempty"`
	EnableDTMF        *bool              `json:"enableDtmf,omitempty"`
	Metadata          map[string]string  `json:"metadata,omitempty"`
	Tags              []string           `json:"tags,omitempty"`
	GeoRegion         *SIPRegion         `json:"geoRegion,omitempty"`
}

func (p *UpdateGatewayParams) check(outbound bool) error {
	if p.Name != nil {
		if err := required("name", *p.Name); err != nil {
			return err
		}
	}
	if err := checkE164s("numbers", p.Numbers); err != nil {
		return err
	}
	if !outbound {
		if p.Address != nil || p.Transport != "" {
			return invalidParams("address and transport apply to outbound gateways only")
		}
	} else if len(p.AllowedAddresses) > 0 {
		return invalidParams("allowedAddresses applies to inbound gateways only")
	}
	if p.Address != nil {
		if err := required("address", *p.Address); err != nil {
			return err
		}
	}
	if err := checkTransport("transport", p.Transport); err != nil {
		return err
	}
	if err := p.Auth.check("auth"); err != nil {
		return err
	}
	if err := checkMediaEncryption("mediaEncryption", p.MediaEncryption); err != nil {
		return err
	}
	if p.GeoRegion != nil {
		return checkRegion("geoRegion", *p.GeoRegion, true)
	}
	return nil
}

// preserve fills the fields the API resets when omitted from g, the
// gateway's current state.
func (p UpdateGatewayParams) preserve(g *SIPGateway) UpdateGatewayParams {
	if p.Record == nil {
		p.Record = Ptr(g.Record)
	}
	if p.NoiseCancellation == nil {
		p.NoiseCancellation = Ptr(g.NoiseCancellation)
	}
	if p.EnableDTMF == nil {
		p.EnableDTMF = Ptr(g.EnableDTMF)
	}
	if p.GeoRegion == nil && g.GeoRegion != "" {
		p.GeoRegion = Ptr(g.GeoRegion)
	}
	return p
}

// ListSIPGatewaysParams selects gateways for List and All.
type ListSIPGatewaysParams struct {
	ListOptions
	// ID filters by gateway id.
	ID string
	// Search matches the name, case-insensitively.
	Search string
}

func (p ListSIPGatewaysParams) check() error { return p.ListOptions.check() }

func (p ListSIPGatewaysParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "id", p.ID)
	return setQuery(v, "search", p.Search)
}

const (
	inboundGatewaysPath  = "/v2/sip/inbound-gateways"
	outboundGatewaysPath = "/v2/sip/outbound-gateways"
)

// gatewayCalls implements the five gateway endpoints for one direction.
type gatewayCalls struct {
	c        *Client
	base     string
	outbound bool
}

func (g gatewayCalls) list(ctx context.Context, p ListSIPGatewaysParams) (*Page[SIPGateway], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[SIPGateway](ctx, g.c, g.base, p.values(), "")
}

func (g gatewayCalls) all(ctx context.Context, p ListSIPGatewaysParams) iter.Seq2[SIPGateway, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[SIPGateway], error) {
		p.Page = page
		return g.list(ctx, p)
	})
}

func (g gatewayCalls) get(ctx context.Context, id string) (*SIPGateway, error) {
	path, err := sipIDPath(g.base, "gatewayID", id)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[SIPGateway](ctx, g.c, "GET", path, nil, nil, "data")
}

func (g gatewayCalls) update(ctx context.Context, id string, p UpdateGatewayParams) (*SIPGateway, error) {
	path, err := sipIDPath(g.base, "gatewayID", id)
	if err != nil {
		return nil, err
	}
	if err := p.check(g.outbound); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPGateway](ctx, g.c, "PATCH", path, nil, p, "data")
}

func (g gatewayCalls) updatePreserving(ctx context.Context, id string, p UpdateGatewayParams) (*SIPGateway, error) {
	if _, err := sipIDPath(g.base, "gatewayID", id); err != nil {
		return nil, err
	}
	if err := p.check(g.outbound); err != nil {
		return nil, err
	}
	cur, err := g.get(ctx, id)
	if err != nil {
		return nil, err
	}
	return g.update(ctx, id, p.preserve(cur))
}

func (g gatewayCalls) delete(ctx context.Context, id string) (*MessageResponse, error) {
	path, err := sipIDPath(g.base, "gatewayID", id)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, g.c, "DELETE", path, nil, nil)
}

func (s *SIPInboundGatewaysService) calls() gatewayCalls {
	return gatewayCalls{c: s.client, base: inboundGatewaysPath}
}

func (s *SIPOutboundGatewaysService) calls() gatewayCalls {
	return gatewayCalls{c: s.client, base: outboundGatewaysPath, outbound: true}
}

// Create creates an inbound gateway for the given numbers.
//
// API: POST /v2/sip/inbound-gateways
func (s *SIPInboundGatewaysService) Create(ctx context.Context, p CreateInboundGatewayParams) (*SIPGateway, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPGateway](ctx, s.client, "POST", inboundGatewaysPath, nil, p, "data")
}

// List returns one page of inbound gateways.
//
// API: GET /v2/sip/inbound-gateways
func (s *SIPInboundGatewaysService) List(ctx context.Context, p ListSIPGatewaysParams) (*Page[SIPGateway], error) {
	return s.calls().list(ctx, p)
}

// All iterates over every inbound gateway, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /v2/sip/inbound-gateways
func (s *SIPInboundGatewaysService) All(ctx context.Context, p ListSIPGatewaysParams) iter.Seq2[SIPGateway, error] {
	return s.calls().all(ctx, p)
}

// Get returns an inbound gateway by id.
//
// API: GET /v2/sip/inbound-gateways/{gatewayId}
func (s *SIPInboundGatewaysService) Get(ctx context.Context, gatewayID string) (*SIPGateway, error) {
	return s.calls().get(ctx, gatewayID)
}

// Update changes an inbound gateway and returns it. Only the fields set in
// p are sent, but the API resets Record, NoiseCancellation and EnableDTMF to
// false and clears GeoRegion when they are omitted: set them, or call
// UpdatePreserving.
//
// API: PATCH /v2/sip/inbound-gateways/{gatewayId}
func (s *SIPInboundGatewaysService) Update(ctx context.Context, gatewayID string, p UpdateGatewayParams) (*SIPGateway, error) {
	return s.calls().update(ctx, gatewayID, p)
}

// UpdatePreserving is Update made safe for partial changes: it reads the
// gateway, fills the fields the API would reset (Record, NoiseCancellation,
// EnableDTMF, GeoRegion) that p leaves nil with their current values, and
// sends the update. The read and the write are two requests: a change made
// by someone else in between can be overwritten.
//
// API: GET /v2/sip/inbound-gateways/{gatewayId}
// API: PATCH /v2/sip/inbound-gateways/{gatewayId}
func (s *SIPInboundGatewaysService) UpdatePreserving(ctx context.Context, gatewayID string, p UpdateGatewayParams) (*SIPGateway, error) {
	return s.calls().updatePreserving(ctx, gatewayID, p)
}

// Delete deletes an inbound gateway.
//
// API: DELETE /v2/sip/inbound-gateways/{gatewayId}
func (s *SIPInboundGatewaysService) Delete(ctx context.Context, gatewayID string) (*MessageResponse, error) {
	return s.calls().delete(ctx, gatewayID)
}

// Create creates an outbound gateway through the carrier at p.Address.
//
// API: POST /v2/sip/outbound-gateways
func (s *SIPOutboundGatewaysService) Create(ctx context.Context, p CreateOutboundGatewayParams) (*SIPGateway, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPGateway](ctx, s.client, "POST", outboundGatewaysPath, nil, p, "data")
}

// List returns one page of outbound gateways.
//
// API: GET /v2/sip/outbound-gateways
func (s *SIPOutboundGatewaysService) List(ctx context.Context, p ListSIPGatewaysParams) (*Page[SIPGateway], error) {
	return s.calls().list(ctx, p)
}

// All iterates over every outbound gateway, fetching pages lazily from
// p.Page (default 1).
//
// API: GET /v2/sip/outbound-gateways
func (s *SIPOutboundGatewaysService) All(ctx context.Context, p ListSIPGatewaysParams) iter.Seq2[SIPGateway, error] {
	return s.calls().all(ctx, p)
}

// Get returns an outbound gateway by id.
//
// API: GET /v2/sip/outbound-gateways/{gatewayId}
func (s *SIPOutboundGatewaysService) Get(ctx context.Context, gatewayID string) (*SIPGateway, error) {
	return s.calls().get(ctx, gatewayID)
}

// Update changes an outbound gateway and returns it. Only the fields set in
// p are sent, but the API resets Record, NoiseCancellation and EnableDTMF to
// false and clears GeoRegion when they are omitted: set them, or call
// UpdatePreserving.
//
// API: PATCH /v2/sip/outbound-gateways/{gatewayId}
func (s *SIPOutboundGatewaysService) Update(ctx context.Context, gatewayID string, p UpdateGatewayParams) (*SIPGateway, error) {
	return s.calls().update(ctx, gatewayID, p)
}

// UpdatePreserving is Update made safe for partial changes: it reads the
// gateway, fills the fields the API would reset (Record, NoiseCancellation,
// EnableDTMF, GeoRegion) that p leaves nil with their current values, and
// sends the update. The read and the write are two requests: a change made
// by someone else in between can be overwritten.
//
// API: GET /v2/sip/outbound-gateways/{gatewayId}
// API: PATCH /v2/sip/outbound-gateways/{gatewayId}
func (s *SIPOutboundGatewaysService) UpdatePreserving(ctx context.Context, gatewayID string, p UpdateGatewayParams) (*SIPGateway, error) {
	return s.calls().updatePreserving(ctx, gatewayID, p)
}

// Delete deletes an outbound gateway.
//
// API: DELETE /v2/sip/outbound-gateways/{gatewayId}
func (s *SIPOutboundGatewaysService) Delete(ctx context.Context, gatewayID string) (*MessageResponse, error) {
	return s.calls().delete(ctx, gatewayID)
}
