package videosdk

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// SIPService groups VideoSDK's SIP telephony APIs (SPEC-PLATFORM §15), as
// the official Node SDK's vsdk.sip does: phone numbers (E.164) are
// provisioned with an inbound gateway (SIP INVITEs from the carrier) and an
// outbound gateway (the carrier host used to dial out); routing rules bind
// numbers to a room (static, or one per call) and optionally an AI agent; a
// call is one SIP leg that joins a room as a participant once answered; SIP
// webhooks deliver the call events ([WebhookCallStarted] …).
//
// The legacy /v2/sip-trunk family and POST /v2/sip/outbound-call are not
// implemented: they are superseded by these endpoints and absent from the
// official SDKs.
type SIPService struct {
	// InboundGateways manages the gateways that accept calls from carriers.
	InboundGateways *SIPInboundGatewaysService
	// OutboundGateways manages the gateways that place calls through carriers.
	OutboundGateways *SIPOutboundGatewaysService
	// RoutingRules binds numbers to rooms and agents.
	RoutingRules *SIPRoutingRulesService
	// PhoneNumbers provisions numbers together with their gateway pair.
	PhoneNumbers *SIPPhoneNumbersService
	// Calls places, inspects, transfers, moves and ends calls.
	Calls *SIPCallsService
	// Webhooks manages the URLs that receive call events.
	Webhooks *SIPWebhooksService
}

func newSIPService(common *service) *SIPService {
	return &SIPService{
		InboundGateways:  (*SIPInboundGatewaysService)(common),
		OutboundGateways: (*SIPOutboundGatewaysService)(common),
		RoutingRules:     (*SIPRoutingRulesService)(common),
		PhoneNumbers:     (*SIPPhoneNumbersService)(common),
		Calls:            (*SIPCallsService)(common),
		Webhooks:         (*SIPWebhooksService)(common),
	}
}

// SIPTransport is the SIP signalling transport of a gateway.
type SIPTransport string

// SIP transports. The API's default is TLS.
const (
	SIPTransportUDP SIPTransport = "udp"
	SIPTransportTCP SIPTransport = "tcp"
	SIPTransportTLS SIPTransport = "tls"
)

// SIPMediaEncryption turns SRTP media encryption on or off.
type SIPMediaEncryption string

// Media encryption settings.
const (
	SIPMediaEncryptionEnable  SIPMediaEncryption = "enable"
	SIPMediaEncryptionDisable SIPMediaEncryption = "disable"
)

// SIPRegion is a SIP region: geoRegion on gateways, sipRegion on the phone
// number APIs. It is an open set; any non-blank value is sent as it is.
type SIPRegion string

// Documented SIP regions.
const (
	SIPRegionAuto  SIPRegion = "auto"
	SIPRegionUS002 SIPRegion = "us002"
	SIPRegionIN002 SIPRegion = "in002"
)

// SIPIncludeHeaders says which SIP headers are forwarded.
type SIPIncludeHeaders string

// Header forwarding settings.
const (
	SIPIncludeAllHeaders SIPIncludeHeaders = "ALL"
	SIPIncludeXHeaders   SIPIncludeHeaders = "SIP_X_HEADERS"
	SIPIncludeNoHeaders  SIPIncludeHeaders = "NONE"
)

// SIPDirection is the direction of a routing rule or a call.
type SIPDirection string

// Directions.
const (
	SIPInbound  SIPDirection = "inbound"
	SIPOutbound SIPDirection = "outbound"
)

// SIPAuth holds the digest credentials of a gateway. Both parts are
// required when it is given. It formats with the password redacted, so
// printing a params value or a gateway (whose answer may echo the password)
// does not leak it; JSON encoding sends it as it is.
type SIPAuth struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Format prints the credentials with the password redacted, for every verb.
func (a SIPAuth) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{Username:%s Password:[redacted]}", a.Username)
}

func (a *SIPAuth) check(field string) error {
	if a == nil {
		return nil
	}
	if strings.TrimSpace(a.Username) == "" || a.Password == "" {
		return invalidParams("%s needs both username and password", field)
	}
	return nil
}

// e164Re is an E.164 number: "+", a country code not starting with 0, at
// most 15 digits in all.
var e164Re = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// IsE164 reports whether s is a phone number in E.164 form, such as
// "+14155550100": a "+", then 2 to 15 digits, the first not 0.
func IsE164(s string) bool { return e164Re.MatchString(s) }

func checkE164(field, s string) error {
	if !IsE164(s) {
		return invalidParams("%s %q is not an E.164 number (such as +14155550100)", field, s)
	}
	return nil
}

func checkE164s(field string, numbers []string) error {
	for i, n := range numbers {
		if err := checkE164(fmt.Sprintf("%s[%d]", field, i), n); err != nil {
			return err
		}
	}
	return nil
}

// checkSIPTarget accepts an E.164 number or a sip:/sips: URI (a call's
// destination, a transfer target).
func checkSIPTarget(field, s string) error {
	if err := required(field, s); err != nil {
		return err
	}
	if IsE164(s) {
		return nil
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "sip:") || strings.HasPrefix(lower, "sips:") {
		if u, err := url.Parse(s); err == nil && u.Opaque != "" && !strings.ContainsAny(s, " \t\r\n") {
			return nil
		}
	}
	return invalidParams("%s %q is neither an E.164 number nor a sip: URI", field, s)
}

func checkTransport(field string, t SIPTransport) error {
	switch t {
	case "", SIPTransportUDP, SIPTransportTCP, SIPTransportTLS:
		return nil
	}
	return invalidParams("%s %q is not udp, tcp or tls", field, t)
}

func checkMediaEncryption(field string, m SIPMediaEncryption) error {
	switch m {
	case "", SIPMediaEncryptionEnable, SIPMediaEncryptionDisable:
		return nil
	}
	return invalidParams("%s %q is not enable or disable", field, m)
}

func checkIncludeHeaders(field string, h SIPIncludeHeaders) error {
	switch h {
	case "", SIPIncludeAllHeaders, SIPIncludeXHeaders, SIPIncludeNoHeaders:
		return nil
	}
	return invalidParams("%s %q is not ALL, SIP_X_HEADERS or NONE", field, h)
}

func checkDirection(field string, d SIPDirection, needed bool) error {
	switch d {
	case SIPInbound, SIPOutbound:
		return nil
	case "":
		if !needed {
			return nil
		}
		return invalidParams("%s is required (inbound or outbound)", field)
	}
	return invalidParams("%s %q is not inbound or outbound", field, d)
}

// checkRegion refuses a region that is set but blank or has spaces.
func checkRegion(field string, r SIPRegion, needed bool) error {
	if r == "" {
		if needed {
			return invalidParams("%s is required", field)
		}
		return nil
	}
	if strings.TrimSpace(string(r)) == "" || strings.ContainsAny(string(r), " \t\r\n/") {
		return invalidParams("%s %q is not a region", field, r)
	}
	return nil
}

// checkHTTPURL requires an absolute http(s) URL.
func checkHTTPURL(field, s string) error {
	if err := required(field, s); err != nil {
		return err
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalidParams("%s must be an absolute http or https URL", field)
	}
	return nil
}

// sipIDPath builds base + "/" + escaped id.
func sipIDPath(base, name, id string) (string, error) {
	return pathf(base+"/%s", []string{name}, id)
}
