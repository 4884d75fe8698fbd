package videosdktest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// sipNumber is a provisioned phone number and the gateways it is attached to.
type sipNumber struct {
	id, e164, name, status string
	inbound, outbound      *sipGateway
	createdAt, updatedAt   time.Time
}

type numberInfoJSON struct {
	PhoneNumberID string `json:"phoneNumberId"`
	E164          string `json:"e164"`
	CountryCode   string `json:"countryCode,omitempty"`
	Provider      string `json:"provider"`
	Origin        string `json:"origin"`
	Status        string `json:"status"`
	Name          string `json:"name,omitempty"`
	CreatedAt     string `json:"createdAt"`
	UpdatedAt     string `json:"updatedAt"`
}

func numberView(n *sipNumber) any {
	return struct {
		PhoneNumber numberInfoJSON `json:"phoneNumber"`
		Inbound     any            `json:"inbound"`
		Outbound    any            `json:"outbound"`
	}{
		numberInfoJSON{PhoneNumberID: n.id, E164: n.e164, CountryCode: countryOf(n.e164),
			Provider: numberProvider, Origin: numberOrigin, Status: n.status, Name: n.name, CreatedAt: iso(n.createdAt), UpdatedAt: iso(n.updatedAt)},
		gatewayView(n.inbound), gatewayView(n.outbound),
	}
}

// numberProvider and numberOrigin are what the fake answers for every
// number (SPEC-PLATFORM §15.4, the fake's choice): a number is provisioned
// here from the caller's own carrier trunk ("byoc", as the documented
// example shows), and the fake names the example's provider.
const (
	numberProvider = "twilio"
	numberOrigin   = "byoc"
)

// callingCodes maps E.164 country calling codes to the ISO 3166 country the
// fake answers as countryCode; a shared code (+1, +7) answers the country
// of its largest member, as the documented example (+1415… → "US") does.
var callingCodes = map[string]string{
	"1": "US", "7": "RU", "20": "EG", "27": "ZA", "30": "GR", "31": "NL", "32": "BE", "33": "FR", "34": "ES",
	"39": "IT", "41": "CH", "43": "AT", "44": "GB", "45": "DK", "46": "SE", "47": "NO", "48": "PL", "49": "DE",
	"52": "MX", "55": "BR", "61": "AU", "62": "ID", "63": "PH", "64": "NZ", "65": "SG", "81": "JP", "82": "KR",
	"86": "CN", "90": "TR", "91": "IN", "234": "NG", "353": "IE", "351": "PT", "852": "HK", "971": "AE", "972": "IL",
}

// countryOf is the country of an E.164 number by its calling code ("" when
// the fake's table lacks it: the member is then left out).
func countryOf(e164 string) string {
	digits := strings.TrimPrefix(e164, "+")
	for n := 1; n <= 3 && n <= len(digits); n++ {
		if c, ok := callingCodes[digits[:n]]; ok {
			return c
		}
	}
	return ""
}

type numbersBody struct {
	Name            string   `json:"name"`
	PhoneNumbers    []string `json:"phoneNumbers"`
	IsShared        *bool    `json:"isShared"`
	MediaEncryption *string  `json:"mediaEncryption"`
	Inbound         *struct {
		SIPRegion string `json:"sipRegion"`
	} `json:"inbound"`
	Outbound *struct {
		Address   string   `json:"address"`
		SIPRegion string   `json:"sipRegion"`
		Auth      *sipAuth `json:"auth"`
		Transport *string  `json:"transport"`
	} `json:"outbound"`
}

func (b *numbersBody) check() *apiError {
	if e := need("name", b.Name); e != nil {
		return e
	}
	if e := checkE164s("phoneNumbers", b.PhoneNumbers, true); e != nil {
		return e
	}
	if b.MediaEncryption != nil {
		if e := checkEnum("mediaEncryption", *b.MediaEncryption, "enable", "disable"); e != nil {
			return e
		}
	}
	if b.Inbound == nil {
		return need("inbound.sipRegion", "")
	}
	if e := need("inbound.sipRegion", b.Inbound.SIPRegion); e != nil {
		return e
	}
	if b.Outbound == nil {
		return need("outbound.address", "")
	}
	if e := need("outbound.address", b.Outbound.Address); e != nil {
		return e
	}
	if e := need("outbound.sipRegion", b.Outbound.SIPRegion); e != nil {
		return e
	}
	if b.Outbound.Transport != nil {
		if e := checkEnum("outbound.transport", *b.Outbound.Transport, "udp", "tcp", "tls"); e != nil {
			return e
		}
	}
	return checkAuth("outbound.auth", b.Outbound.Auth)
}

// createNumbers provisions numbers with one gateway pair for all of them
// (isShared, the default) or one pair per number. A number already
// provisioned and attached is a 409; a detached one is re-attached.
func (s *Server) createNumbers(r *http.Request) (any, *apiError) {
	var b numbersBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := b.check(); e != nil {
		return nil, e
	}
	sp := s.sip()
	for i, n := range b.PhoneNumbers {
		if slices.Contains(b.PhoneNumbers[:i], n) {
			return nil, sipBadRequest("%q lists %s twice.", "phoneNumbers", n)
		}
		if ex := sp.numberBy[n]; ex != nil && (ex.inbound != nil || ex.outbound != nil) {
			return nil, errorf(http.StatusConflict, "Phone number %s is already provisioned.", n)
		}
	}
	shared := b.IsShared == nil || *b.IsShared
	now := s.st.clock()
	var in, out *sipGateway
	for _, e164 := range b.PhoneNumbers {
		if in == nil || !shared {
			in, out = s.newGateway(false, b.Name), s.newGateway(true, b.Name)
			in.geoRegion, out.geoRegion = b.Inbound.SIPRegion, b.Outbound.SIPRegion
			out.address, out.auth = b.Outbound.Address, b.Outbound.Auth
			if b.Outbound.Transport != nil {
				out.transport = *b.Outbound.Transport
			}
			if b.MediaEncryption != nil {
				in.mediaEncryption, out.mediaEncryption = *b.MediaEncryption, *b.MediaEncryption
			}
		}
		in.numbers, out.numbers = append(in.numbers, e164), append(out.numbers, e164)
		n := sp.numberBy[e164]
		if n == nil {
			n = &sipNumber{id: s.st.objectID(), e164: e164, status: "active", createdAt: now}
			sp.numbers = insertByTime(sp.numbers, n, func(n *sipNumber) time.Time { return n.createdAt })
			sp.numberBy[e164], sp.numberID[n.id] = n, n
		}
		n.name, n.inbound, n.outbound, n.updatedAt = b.Name, in, out, now
	}
	return message("Phone numbers created successfully."), nil
}

func (s *Server) listNumbers(r *http.Request) (any, *apiError) {
	search := r.URL.Query().Get("search")
	return sipPage(r, s.sip().numbers, func(n *sipNumber) bool {
		return n.status != "released" && (search == "" || containsFold(n.name, search) || strings.Contains(n.e164, search))
	}, func(n *sipNumber) any { return numberView(n) })
}

func (s *Server) lookupNumber(e164 string) (*sipNumber, *apiError) {
	if n := s.sip().numberBy[e164]; n != nil && n.status != "released" {
		return n, nil
	}
	return nil, notFound("Phone number", e164)
}

func (s *Server) getNumber(r *http.Request) (any, *apiError) {
	e164, err := url.PathUnescape(r.PathValue("e164"))
	if err != nil {
		return nil, sipBadRequest("The phone number in the path is not valid.")
	}
	n, e := s.lookupNumber(e164)
	if e != nil {
		return nil, e
	}
	return numberView(n), nil
}

// detachFrom removes e164 from g's numbers; the gateway is kept.
func detachFrom(g *sipGateway, e164 string) *string {
	if g == nil {
		return nil
	}
	g.numbers = slices.DeleteFunc(g.numbers, func(x string) bool { return x == e164 })
	id := g.id
	return &id
}

func (s *Server) detachNumber(r *http.Request) (any, *apiError) {
	var b struct {
		PhoneNumber string `json:"phoneNumber"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("phoneNumber", b.PhoneNumber); e != nil {
		return nil, e
	}
	n, e := s.lookupNumber(b.PhoneNumber)
	if e != nil {
		return nil, e
	}
	if n.inbound == nil && n.outbound == nil {
		return nil, sipBadRequest("Phone number %s is not attached to a gateway.", n.e164)
	}
	in, out := detachFrom(n.inbound, n.e164), detachFrom(n.outbound, n.e164)
	n.inbound, n.outbound, n.updatedAt = nil, nil, s.st.clock()
	return struct {
		Message     string  `json:"message"`
		PhoneNumber string  `json:"phoneNumber"`
		Inbound     *string `json:"inbound"`
		Outbound    *string `json:"outbound"`
	}{"Phone number detached successfully.", n.e164, in, out}, nil
}

func (s *Server) updateNumberGateway(r *http.Request) (any, *apiError) {
	g := s.sip().gatewayBy[r.PathValue("gatewayId")]
	if g == nil {
		return nil, notFound("Gateway", r.PathValue("gatewayId"))
	}
	present, e := keys(r)
	if e != nil {
		return nil, e
	}
	for _, f := range []string{"phoneNumbers", "numbers", "isShared"} {
		if _, ok := present[f]; ok {
			return nil, sipBadRequest("%q cannot be changed here.", f)
		}
	}
	if !g.outbound {
		for _, f := range []string{"address", "transport", "auth"} {
			if _, ok := present[f]; ok {
				return nil, sipBadRequest("%q is not allowed for an inbound gateway.", f)
			}
		}
	}
	var b struct {
		Name            *string  `json:"name"`
		MediaEncryption *string  `json:"mediaEncryption"`
		SIPRegion       *string  `json:"sipRegion"`
		Address         *string  `json:"address"`
		Transport       *string  `json:"transport"`
		Auth            *sipAuth `json:"auth"`
	}
	if e := remarshal(present, &b); e != nil {
		return nil, e
	}
	for f, v := range map[string]*string{"name": b.Name, "address": b.Address, "sipRegion": b.SIPRegion} {
		if v != nil {
			if e := need(f, *v); e != nil {
				return nil, e
			}
		}
	}
	if b.MediaEncryption != nil {
		if e := checkEnum("mediaEncryption", *b.MediaEncryption, "enable", "disable"); e != nil {
			return nil, e
		}
	}
	if b.Transport != nil {
		if e := checkEnum("transport", *b.Transport, "udp", "tcp", "tls"); e != nil {
			return nil, e
		}
	}
	if e := checkAuth("auth", b.Auth); e != nil {
		return nil, e
	}
	if b.Name != nil {
		g.name = *b.Name
	}
	if b.MediaEncryption != nil {
		g.mediaEncryption = *b.MediaEncryption
	}
	if b.SIPRegion != nil {
		g.geoRegion = *b.SIPRegion
	}
	if b.Address != nil {
		g.address = *b.Address
	}
	if b.Transport != nil {
		g.transport = *b.Transport
	}
	if b.Auth != nil {
		g.auth = b.Auth
	}
	g.updatedAt = s.st.clock()
	return message("Gateway updated successfully."), nil
}

func (s *Server) releaseNumber(r *http.Request) (any, *apiError) {
	id := r.PathValue("phoneNumberId")
	n := s.sip().numberID[id]
	if n == nil || n.status == "released" {
		return nil, notFound("Phone number", id)
	}
	detachFrom(n.inbound, n.e164)
	detachFrom(n.outbound, n.e164)
	n.inbound, n.outbound, n.status, n.updatedAt = nil, nil, "released", s.st.clock()
	delete(s.sip().numberBy, n.e164)
	return message("Phone number released successfully."), nil
}

// inboundGatewayFor returns the inbound gateway a call to e164 arrives
// through: the provisioned number's, else a gateway that lists it.
func (s *Server) inboundGatewayFor(e164 string) *sipGateway {
	if n := s.sip().numberBy[e164]; n != nil && n.inbound != nil {
		return n.inbound
	}
	for _, g := range s.sip().gateways {
		if !g.outbound && slices.Contains(g.numbers, e164) {
			return g
		}
	}
	return nil
}

// outboundGatewayFor returns the outbound gateway that can call from e164.
func (s *Server) outboundGatewayFor(e164 string) *sipGateway {
	if n := s.sip().numberBy[e164]; n != nil && n.outbound != nil {
		return n.outbound
	}
	for _, g := range s.sip().gateways {
		if g.outbound && slices.Contains(g.numbers, e164) {
			return g
		}
	}
	return nil
}
