package videosdktest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// sipGateway is an inbound or outbound gateway.
type sipGateway struct {
	outbound             bool
	id                   string
	name                 string
	numbers              []string
	address              string
	transport            string
	auth                 *sipAuth
	allowedAddresses     []string
	allowedNumbers       []string
	mediaEncryption      string
	record, noise, dtmf  bool
	tags                 []string
	metadata             map[string]string
	geoRegion            string
	createdAt, updatedAt time.Time
}

// gatewayJSON is a gateway as the API answers it (the Node SDK's SipTrunk).
type gatewayJSON struct {
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	Numbers           []string          `json:"numbers"`
	Address           string            `json:"address,omitempty"`
	Transport         string            `json:"transport,omitempty"`
	Auth              *sipAuth          `json:"auth,omitempty"`
	AllowedAddresses  []string          `json:"allowedAddresses,omitempty"`
	AllowedNumbers    []string          `json:"allowedNumbers,omitempty"`
	MediaEncryption   string            `json:"mediaEncryption,omitempty"`
	Record            bool              `json:"record"`
	NoiseCancellation bool              `json:"noiseCancellation"`
	EnableDtmf        bool              `json:"enableDtmf"`
	Tags              []string          `json:"tags"`
	Metadata          map[string]string `json:"metadata,omitempty"`
	GeoRegion         string            `json:"geoRegion,omitempty"`
	CreatedAt         string            `json:"createdAt"`
	UpdatedAt         string            `json:"updatedAt"`
}

func gatewayView(g *sipGateway) any {
	if g == nil {
		return nil
	}
	v := gatewayJSON{
		ID: g.id, Name: g.name, Numbers: nonNil(g.numbers), Address: g.address, Transport: g.transport, Auth: g.auth,
		AllowedAddresses: g.allowedAddresses, AllowedNumbers: g.allowedNumbers, MediaEncryption: g.mediaEncryption,
		Record: g.record, NoiseCancellation: g.noise, EnableDtmf: g.dtmf, Tags: nonNil(g.tags), Metadata: g.metadata,
		GeoRegion: g.geoRegion, CreatedAt: iso(g.createdAt), UpdatedAt: iso(g.updatedAt),
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// gatewayBody is a create or update body; pointers tell what was sent.
type gatewayBody struct {
	Name              *string           `json:"name"`
	Numbers           []string          `json:"numbers"`
	Address           *string           `json:"address"`
	Transport         *string           `json:"transport"`
	Auth              *sipAuth          `json:"auth"`
	AllowedAddresses  []string          `json:"allowedAddresses"`
	AllowedNumbers    []string          `json:"allowedNumbers"`
	MediaEncryption   *string           `json:"mediaEncryption"`
	Record            *bool             `json:"record"`
	NoiseCancellation *bool             `json:"noiseCancellation"`
	EnableDtmf        *bool             `json:"enableDtmf"`
	Tags              []string          `json:"tags"`
	Metadata          map[string]string `json:"metadata"`
	GeoRegion         *string           `json:"geoRegion"`
}

func (b *gatewayBody) check(outbound, create bool, present map[string]json.RawMessage) *apiError {
	if create {
		if b.Name == nil {
			return need("name", "")
		}
		if e := checkE164s("numbers", b.Numbers, true); e != nil {
			return e
		}
		if outbound && (b.Address == nil || strings.TrimSpace(*b.Address) == "") {
			return need("address", "")
		}
	} else if e := checkE164s("numbers", b.Numbers, false); e != nil {
		return e
	}
	if b.Name != nil {
		if e := need("name", *b.Name); e != nil {
			return e
		}
	}
	if b.Address != nil {
		if e := need("address", *b.Address); e != nil {
			return e
		}
	}
	if !outbound {
		for _, f := range []string{"address", "transport"} {
			if _, ok := present[f]; ok {
				return sipBadRequest("%q is not allowed for an inbound gateway.", f)
			}
		}
	} else if _, ok := present["allowedAddresses"]; ok {
		return sipBadRequest("%q is not allowed for an outbound gateway.", "allowedAddresses")
	} else if _, ok := present["allowedNumbers"]; ok && create {
		return sipBadRequest("%q is not allowed when creating an outbound gateway.", "allowedNumbers")
	}
	if b.Transport != nil {
		if e := checkEnum("transport", *b.Transport, "udp", "tcp", "tls"); e != nil {
			return e
		}
	}
	if b.MediaEncryption != nil {
		if e := checkEnum("mediaEncryption", *b.MediaEncryption, "enable", "disable"); e != nil {
			return e
		}
	}
	if b.GeoRegion != nil {
		if e := need("geoRegion", *b.GeoRegion); e != nil {
			return e
		}
	}
	return checkAuth("auth", b.Auth)
}

// apply sets g from b. Like the API (the Node SDK documents it), an update
// that omits record, noiseCancellation or enableDtmf resets them to false
// and one that omits geoRegion clears it; other fields keep their value.
func (b *gatewayBody) apply(g *sipGateway) {
	if b.Name != nil {
		g.name = *b.Name
	}
	if b.Numbers != nil {
		g.numbers = slices.Clone(b.Numbers)
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
	if b.AllowedAddresses != nil {
		g.allowedAddresses = b.AllowedAddresses
	}
	if b.AllowedNumbers != nil {
		g.allowedNumbers = b.AllowedNumbers
	}
	if b.MediaEncryption != nil {
		g.mediaEncryption = *b.MediaEncryption
	}
	if b.Tags != nil {
		g.tags = b.Tags
	}
	if b.Metadata != nil {
		g.metadata = b.Metadata
	}
	g.record = b.Record != nil && *b.Record
	g.noise = b.NoiseCancellation != nil && *b.NoiseCancellation
	g.dtmf = b.EnableDtmf != nil && *b.EnableDtmf
	g.geoRegion = ""
	if b.GeoRegion != nil {
		g.geoRegion = *b.GeoRegion
	}
}

func (s *Server) newGateway(outbound bool, name string) *sipGateway {
	now := s.st.clock()
	g := &sipGateway{outbound: outbound, id: s.st.objectID(), name: name, createdAt: now, updatedAt: now}
	if outbound {
		g.transport = "tls"
	}
	sp := s.sip()
	sp.gateways = insertByTime(sp.gateways, g, func(g *sipGateway) time.Time { return g.createdAt })
	sp.gatewayBy[g.id] = g
	return g
}

func (s *Server) createGateway(outbound bool) handler {
	return func(r *http.Request) (any, *apiError) {
		present, e := keys(r)
		if e != nil {
			return nil, e
		}
		var b gatewayBody
		if e := remarshal(present, &b); e != nil {
			return nil, e
		}
		if e := b.check(outbound, true, present); e != nil {
			return nil, e
		}
		for _, g := range s.sip().gateways {
			if g.outbound == outbound && g.name == *b.Name {
				return nil, errorf(http.StatusConflict, "A gateway named %q already exists.", *b.Name)
			}
		}
		g := s.newGateway(outbound, *b.Name)
		b.apply(g)
		return gatewayView(g), nil
	}
}

// remarshal decodes the members of a body already split into keys.
func remarshal(m map[string]json.RawMessage, v any) *apiError {
	b, _ := json.Marshal(m)
	if err := json.Unmarshal(b, v); err != nil {
		return sipBadRequest("Request body is not valid: %v", err)
	}
	return nil
}

func (s *Server) lookupGateway(outbound bool, id string) (*sipGateway, *apiError) {
	g := s.sip().gatewayBy[id]
	if g == nil || g.outbound != outbound {
		return nil, notFound("Gateway", id)
	}
	return g, nil
}

func (s *Server) listGateways(outbound bool) handler {
	return func(r *http.Request) (any, *apiError) {
		q := r.URL.Query()
		id, search := q.Get("id"), q.Get("search")
		return sipPage(r, s.sip().gateways, func(g *sipGateway) bool {
			return g.outbound == outbound && (id == "" || g.id == id) && (search == "" || containsFold(g.name, search))
		}, func(g *sipGateway) any { return gatewayView(g) })
	}
}

func (s *Server) getGateway(outbound bool) handler {
	return func(r *http.Request) (any, *apiError) {
		g, e := s.lookupGateway(outbound, r.PathValue("gatewayId"))
		if e != nil {
			return nil, e
		}
		return gatewayView(g), nil
	}
}

func (s *Server) updateGateway(outbound bool) handler {
	return func(r *http.Request) (any, *apiError) {
		g, e := s.lookupGateway(outbound, r.PathValue("gatewayId"))
		if e != nil {
			return nil, e
		}
		present, e := keys(r)
		if e != nil {
			return nil, e
		}
		var b gatewayBody
		if e := remarshal(present, &b); e != nil {
			return nil, e
		}
		if e := b.check(outbound, false, present); e != nil {
			return nil, e
		}
		b.apply(g)
		g.updatedAt = s.st.clock()
		return gatewayView(g), nil
	}
}

func (s *Server) deleteGateway(outbound bool) handler {
	return func(r *http.Request) (any, *apiError) {
		g, e := s.lookupGateway(outbound, r.PathValue("gatewayId"))
		if e != nil {
			return nil, e
		}
		sp := s.sip()
		delete(sp.gatewayBy, g.id)
		sp.gateways = slices.DeleteFunc(sp.gateways, func(x *sipGateway) bool { return x == g })
		for _, n := range sp.numbers {
			if n.inbound == g {
				n.inbound = nil
			}
			if n.outbound == g {
				n.outbound = nil
			}
		}
		return message("Gateway deleted successfully."), nil
	}
}

// message is the {"message": …} answer of deletes and actions.
func message(text string) any {
	return struct {
		Message string `json:"message"`
	}{text}
}
