package videosdk

import (
	"context"
	"errors"
	"iter"
	"net/url"
	"strings"
	"time"
)

// SIPPhoneNumbersService provisions phone numbers: creating numbers creates
// (or attaches) one inbound and one outbound gateway for them.
type SIPPhoneNumbersService service

// SIPPhoneNumber is a provisioned number with the gateways it is attached
// to (nil when detached).
type SIPPhoneNumber struct {
	Number   SIPPhoneNumberInfo `json:"phoneNumber"`
	Inbound  *SIPGateway        `json:"inbound"`
	Outbound *SIPGateway        `json:"outbound"`
}

// SIPPhoneNumberInfo describes a provisioned number.
type SIPPhoneNumberInfo struct {
	// ID is the phoneNumberId, which Release takes.
	ID string `json:"phoneNumberId"`
	// E164 is the number, which Get and Detach take.
	E164        string `json:"e164"`
	CountryCode string `json:"countryCode,omitempty"`
	Provider    string `json:"provider,omitempty"`
	Origin      string `json:"origin,omitempty"`
	// Status is an open set; its values are undocumented.
	Status    string    `json:"status,omitempty"`
	Name      string    `json:"name,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

func (n *SIPPhoneNumber) validResponse() error {
	if n.Number.E164 == "" && n.Number.ID == "" {
		return errNoPhoneNumber
	}
	return nil
}

var errNoPhoneNumber = errors.New(`response has no "phoneNumber"`)

// CreateSIPPhoneNumbersParams is the body of SIP.PhoneNumbers.Create.
type CreateSIPPhoneNumbersParams struct {
	// Name is required.
	Name string `json:"name"`
	// PhoneNumbers are the E.164 numbers to provision; at least one.
	PhoneNumbers []string `json:"phoneNumbers"`
	// IsShared, true by default on the server, gives all numbers one
	// gateway pair; false gives each number its own pair.
	IsShared        *bool                      `json:"isShared,omitempty"`
	MediaEncryption SIPMediaEncryption         `json:"mediaEncryption,omitempty"`
	Inbound         SIPPhoneNumberInboundSpec  `json:"inbound"`
	Outbound        SIPPhoneNumberOutboundSpec `json:"outbound"`
}

// SIPPhoneNumberInboundSpec configures the inbound gateway of new numbers.
type SIPPhoneNumberInboundSpec struct {
	// SIPRegion is required.
	SIPRegion SIPRegion `json:"sipRegion"`
}

// SIPPhoneNumberOutboundSpec configures the outbound gateway of new numbers.
type SIPPhoneNumberOutboundSpec struct {
	// Address is the carrier's SIP host; required.
	Address string `json:"address"`
	// SIPRegion is required.
	SIPRegion SIPRegion    `json:"sipRegion"`
	Auth      *SIPAuth     `json:"auth,omitempty"`
	Transport SIPTransport `json:"transport,omitempty"`
}

func (p *CreateSIPPhoneNumbersParams) check() error {
	if err := required("name", p.Name); err != nil {
		return err
	}
	if len(p.PhoneNumbers) == 0 {
		return invalidParams("phoneNumbers needs at least one E.164 number")
	}
	if err := checkE164s("phoneNumbers", p.PhoneNumbers); err != nil {
		return err
	}
	if err := checkMediaEncryption("mediaEncryption", p.MediaEncryption); err != nil {
		return err
	}
	if err := checkRegion("inbound.sipRegion", p.Inbound.SIPRegion, true); err != nil {
		return err
	}
	if err := required("outbound.address", p.Outbound.Address); err != nil {
		return err
	}
	if err := checkRegion("outbound.sipRegion", p.Outbound.SIPRegion, true); err != nil {
		return err
	}
	if err := p.Outbound.Auth.check("outbound.auth"); err != nil {
		return err
	}
	return checkTransport("outbound.transport", p.Outbound.Transport)
}

// ListSIPPhoneNumbersParams selects numbers for List and All.
type ListSIPPhoneNumbersParams struct {
	ListOptions
	// Search matches the name or the number.
	Search string
}

func (p ListSIPPhoneNumbersParams) values() url.Values {
	return setQuery(p.ListOptions.values(nil), "search", p.Search)
}

// SIPDetachResult is the answer of Detach: the gateways the number was
// detached from ("" when it was not attached on that side). The emptied
// gateways are not deleted.
type SIPDetachResult struct {
	Message     string `json:"message,omitempty"`
	PhoneNumber string `json:"phoneNumber,omitempty"`
	// Inbound and Outbound are gateway ids.
	Inbound  string `json:"inbound,omitempty"`
	Outbound string `json:"outbound,omitempty"`
}

// UpdateSIPPhoneNumberGatewayParams is the body of
// SIP.PhoneNumbers.UpdateGateway: only the fields set are sent. Address,
// Transport and Auth apply to outbound gateways only (the API answers 400
// when they are sent for an inbound one).
type UpdateSIPPhoneNumberGatewayParams struct {
	Name            *string            `json:"name,omitempty"`
	MediaEncryption SIPMediaEncryption `json:"mediaEncryption,omitempty"`
	SIPRegion       SIPRegion          `json:"sipRegion,omitempty"`
	Address         *string            `json:"address,omitempty"`
	Transport       SIPTransport       `json:"transport,omitempty"`
	Auth            *SIPAuth           `json:"auth,omitempty"`
}

func (p *UpdateSIPPhoneNumberGatewayParams) check() error {
	if p.Name != nil {
		if err := required("name", *p.Name); err != nil {
			return err
		}
	}
	if p.Address != nil {
		if err := required("address", *p.Address); err != nil {
			return err
		}
	}
	if err := checkMediaEncryption("mediaEncryption", p.MediaEncryption); err != nil {
		return err
	}
	if err := checkRegion("sipRegion", p.SIPRegion, false); err != nil {
		return err
	}
	if err := checkTransport("transport", p.Transport); err != nil {
		return err
	}
	return p.Auth.check("auth")
}

const phoneNumbersPath = "/v2/sip/phone-numbers"

// Create provisions numbers and creates (or attaches) their inbound and
// outbound gateways. The API answers with a sentence; read the numbers back
// with Get or List.
//
// API: POST /v2/sip/phone-numbers
func (s *SIPPhoneNumbersService) Create(ctx context.Context, p CreateSIPPhoneNumbersParams) (*MessageResponse, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "POST", phoneNumbersPath, nil, p)
}

// List returns one page of numbers with their gateways.
//
// API: GET /v2/sip/phone-numbers
func (s *SIPPhoneNumbersService) List(ctx context.Context, p ListSIPPhoneNumbersParams) (*Page[SIPPhoneNumber], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[SIPPhoneNumber](ctx, s.client, phoneNumbersPath, p.values(), "")
}

// All iterates over every number, fetching pages lazily from p.Page
// (default 1).
//
// API: GET /v2/sip/phone-numbers
func (s *SIPPhoneNumbersService) All(ctx context.Context, p ListSIPPhoneNumbersParams) iter.Seq2[SIPPhoneNumber, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[SIPPhoneNumber], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a number, addressed by its E.164 form (e.g. "+14155550100"),
// with its gateways.
//
// API: GET /v2/sip/phone-numbers/{e164}
func (s *SIPPhoneNumbersService) Get(ctx context.Context, e164 string) (*SIPPhoneNumber, error) {
	if err := checkE164("phone number", e164); err != nil {
		return nil, err
	}
	path, err := sipIDPath(phoneNumbersPath, "phone number", e164)
	if err != nil {
		return nil, err
	}
	// url.PathEscape keeps "+"; the API wants it as %2B.
	path = strings.ReplaceAll(path, "+", "%2B")
	return callUnwrapped[SIPPhoneNumber](ctx, s.client, "GET", path, nil, nil, "data")
}

// Detach detaches a number (E.164) from its gateways; the number stays
// provisioned and the gateways are kept.
//
// API: POST /v2/sip/phone-numbers/detach
func (s *SIPPhoneNumbersService) Detach(ctx context.Context, e164 string) (*SIPDetachResult, error) {
	if err := checkE164("phoneNumber", e164); err != nil {
		return nil, err
	}
	body := struct {
		PhoneNumber string `json:"phoneNumber"`
	}{e164}
	return callUnwrapped[SIPDetachResult](ctx, s.client, "POST", phoneNumbersPath+"/detach", nil, body, "")
}

// UpdateGateway changes a gateway created for phone numbers, inbound or
// outbound.
//
// API: PATCH /v2/sip/phone-numbers/gateways/{gatewayId}
func (s *SIPPhoneNumbersService) UpdateGateway(ctx context.Context, gatewayID string, p UpdateSIPPhoneNumberGatewayParams) (*MessageResponse, error) {
	path, err := sipIDPath(phoneNumbersPath+"/gateways", "gatewayID", gatewayID)
	if err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "PATCH", path, nil, p)
}

// Release releases a number, addressed by its phoneNumberId (not its E.164
// form), at the provider; this has billing side effects and cannot be
// undone.
//
// API: POST /v2/sip/phone-numbers/{phoneNumberId}/release
func (s *SIPPhoneNumbersService) Release(ctx context.Context, phoneNumberID string) (*MessageResponse, error) {
	path, err := pathf(phoneNumbersPath+"/%s/release", []string{"phoneNumberID"}, phoneNumberID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "POST", path, nil, nil)
}
