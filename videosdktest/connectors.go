package videosdktest

import (
	"net/http"
	"time"
)

type connector struct {
	id, provider, name, key      string
	defaultRoomID, defaultRuleID string
	region                       string
	createdAt                    time.Time
	deleted                      bool
}

type connectorJSON struct {
	ID            string `json:"id"`
	Provider      string `json:"provider"`
	Name          string `json:"name,omitempty"`
	WebhookURL    string `json:"webhookUrl"`
	DefaultRoomID string `json:"defaultRoomId,omitempty"`
	DefaultRuleID string `json:"defaultRuleId,omitempty"`
	Region        string `json:"region,omitempty"`
	CreatedAt     string `json:"createdAt"`
}

// connectorView renders c; its webhookUrl has the form the docs' example
// guesses (…/v2/connectors/hook/{id}?key=…). The fake does not serve it.
func (s *Server) connectorView(c *connector) connectorJSON {
	return connectorJSON{ID: c.id, Provider: c.provider, Name: c.name,
		WebhookURL:    s.base + "/v2/connectors/hook/" + c.id + "?key=" + c.key,
		DefaultRoomID: c.defaultRoomID, DefaultRuleID: c.defaultRuleID, Region: c.region, CreatedAt: iso(c.createdAt)}
}

func (s *Server) createConnector(r *http.Request) (any, *apiError) {
	var b struct {
		Provider      string `json:"provider"`
		Name          string `json:"name"`
		DefaultRoomID string `json:"defaultRoomId"`
		DefaultRuleID string `json:"defaultRuleId"`
		Region        string `json:"region"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("provider", b.Provider); e != nil {
		return nil, e
	}
	if e := oneOfStr("provider", b.Provider, "twilio", "plivo", "telnyx"); e != nil {
		return nil, e
	}
	if b.DefaultRoomID != "" && s.st.lookupRoom(b.DefaultRoomID) == nil {
		return nil, notFound("Room", b.DefaultRoomID)
	}
	pf := &s.st.plat
	if pf.connectorBy == nil {
		pf.connectorBy = map[string]*connector{}
	}
	c := &connector{id: s.st.objectID(), provider: b.Provider, name: b.Name, key: s.st.word(32),
		defaultRoomID: b.DefaultRoomID, defaultRuleID: b.DefaultRuleID, region: b.Region, createdAt: s.st.clock()}
	pf.connectors = append(pf.connectors, c)
	pf.connectorBy[c.id] = c
	return dataAnswer{s.connectorView(c)}, nil
}

func (s *Server) lookupConnector(r *http.Request) (*connector, *apiError) {
	c := s.st.plat.connectorBy[pathID(r)]
	if c == nil || c.deleted {
		return nil, notFound("Connector", pathID(r))
	}
	return c, nil
}

func (s *Server) listConnectors(*http.Request) (any, *apiError) {
	out := []connectorJSON{}
	for i := len(s.st.plat.connectors) - 1; i >= 0; i-- {
		if c := s.st.plat.connectors[i]; !c.deleted {
			out = append(out, s.connectorView(c))
		}
	}
	return dataAnswer{out}, nil
}

func (s *Server) getConnector(r *http.Request) (any, *apiError) {
	c, e := s.lookupConnector(r)
	if e != nil {
		return nil, e
	}
	return dataAnswer{s.connectorView(c)}, nil
}

func (s *Server) rotateConnector(r *http.Request) (any, *apiError) {
	c, e := s.lookupConnector(r)
	if e != nil {
		return nil, e
	}
	c.key = s.st.word(32)
	return dataAnswer{s.connectorView(c)}, nil
}

func (s *Server) deleteConnector(r *http.Request) (any, *apiError) {
	c, e := s.lookupConnector(r)
	if e != nil {
		return nil, e
	}
	c.deleted = true
	return messageAnswer{"Connector deleted"}, nil
}
