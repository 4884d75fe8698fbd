package videosdk

import (
	"context"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/videosdk-go/videosdk/internal/redact"
)

// ConnectorsService manages connectors (SPEC-PLATFORM §18): a per-provider
// webhook ingress that bridges Twilio, Plivo or Telnyx calls into a room
// without a SIP trunk.
type ConnectorsService service

// ConnectorProvider is a telephony provider a connector bridges.
type ConnectorProvider string

// Connector providers.
const (
	ConnectorTwilio ConnectorProvider = "twilio"
	ConnectorPlivo  ConnectorProvider = "plivo"
	ConnectorTelnyx ConnectorProvider = "telnyx"
)

// Connector is a provider connector. WebhookURL carries the connector's
// key: %v of a Connector shows only its scheme, host and path.
type Connector struct {
	ID       string            `json:"id"`
	Provider ConnectorProvider `json:"provider"`
	Name     string            `json:"name,omitempty"`
	// WebhookURL is where the provider's voice webhook must point. It is
	// a credential: RotateKey replaces it.
	WebhookURL    string    `json:"webhookUrl,omitempty"`
	DefaultRoomID string    `json:"defaultRoomId,omitempty"`
	DefaultRuleID string    `json:"defaultRuleId,omitempty"`
	Region        string    `json:"region,omitempty"`
	CreatedAt     time.Time `json:"createdAt,omitzero"`
}

func (c *Connector) validResponse() error {
	if c.ID == "" {
		return errMissingID("connector")
	}
	return nil
}

// Format prints the connector with its webhook URL's query removed.
func (c Connector) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(io.Writer(f), "{ID:%s Provider:%s Name:%s WebhookURL:%s DefaultRoomID:%s DefaultRuleID:%s Region:%s}",
		c.ID, c.Provider, c.Name, redact.URL(c.WebhookURL), c.DefaultRoomID, c.DefaultRuleID, c.Region)
}

// CreateConnectorParams is the body of Connectors.Create.
type CreateConnectorParams struct {
	Provider ConnectorProvider `json:"provider"`
	Name     string            `json:"name,omitempty"`
	// DefaultRoomID is the room a call joins when no rule resolves one.
	DefaultRoomID string `json:"defaultRoomId,omitempty"`
	DefaultRuleID string `json:"defaultRuleId,omitempty"`
	Region        string `json:"region,omitempty"`
}

// Create creates a connector; point the provider's voice webhook at its
// WebhookURL.
//
// API: POST /v2/connectors
func (s *ConnectorsService) Create(ctx context.Context, p CreateConnectorParams) (*Connector, error) {
	if err := required("provider", string(p.Provider)); err != nil {
		return nil, err
	}
	if err := oneOf("provider", p.Provider, ConnectorTwilio, ConnectorPlivo, ConnectorTelnyx); err != nil {
		return nil, err
	}
	return callUnwrapped[Connector](ctx, s.client, "POST", "/v2/connectors", nil, p, "data")
}

// List returns the connectors. The API does not paginate them: the page
// holds them all.
//
// API: GET /v2/connectors
func (s *ConnectorsService) List(ctx context.Context) (*Page[Connector], error) {
	return listUnwrapped[Connector](ctx, s.client, "/v2/connectors", nil, "")
}

// All iterates over the connectors.
//
// API: GET /v2/connectors
func (s *ConnectorsService) All(ctx context.Context) iter.Seq2[Connector, error] {
	return autoPage(ctx, 1, func(ctx context.Context, page int) (*Page[Connector], error) {
		if page > 1 {
			return &Page[Connector]{Data: []Connector{}}, nil
		}
		return s.List(ctx)
	})
}

func connectorPath(format, id string) (string, error) {
	return pathf(format, []string{"connectorId"}, id)
}

// Get returns a connector.
//
// API: GET /v2/connectors/{connectorId}
func (s *ConnectorsService) Get(ctx context.Context, connectorID string) (*Connector, error) {
	path, err := connectorPath("/v2/connectors/%s", connectorID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[Connector](ctx, s.client, "GET", path, nil, nil, "data")
}

// RotateKey gives the connector a new WebhookURL; the old one stops
// working at once.
//
// API: POST /v2/connectors/{connectorId}/rotate-key
func (s *ConnectorsService) RotateKey(ctx context.Context, connectorID string) (*Connector, error) {
	path, err := connectorPath("/v2/connectors/%s/rotate-key", connectorID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[Connector](ctx, s.client, "POST", path, nil, nil, "data")
}

// Delete deletes a connector.
//
// API: DELETE /v2/connectors/{connectorId}
func (s *ConnectorsService) Delete(ctx context.Context, connectorID string) (*MessageResponse, error) {
	path, err := connectorPath("/v2/connectors/%s", connectorID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}
