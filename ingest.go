package videosdk

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// IngestService brings media into rooms and out of them over standard
// protocols (SPEC-PLATFORM §19): WHIP publishing, WHEP playback and socket
// ingest. Each publisher, viewer or socket joins the room as a participant.
type IngestService struct {
	// WHIP publishes an SDP offer into a room (e.g. from OBS or GStreamer).
	WHIP *WHIPService
	// WHEP plays a room's participant through an SDP offer.
	WHEP *WHEPService
	// Sockets opens a socket ingest session into a room.
	Sockets *IngestSocketsService
}

// WHIPService publishes into rooms with WHIP.
type WHIPService service

// WHEPService plays from rooms with WHEP.
type WHEPService service

// IngestSocketsService opens socket ingest sessions.
type IngestSocketsService service

// SDPSession is the answer to a WHIP or WHEP offer.
type SDPSession struct {
	// Answer is the SDP answer, as sent.
	Answer string
	// Location is the session resource the server named (Location header),
	// "" when it named none.
	Location      string
	RoomID        string
	ParticipantID string
	// StatusCode is the answer's status (201 per the WHIP standard; any 2xx
	// is accepted).
	StatusCode int
}

// IngestEndpoint is what an encoder (OBS, GStreamer, a browser) needs to
// publish with WHIP or play with WHEP by itself: it POSTs its SDP offer to
// URL with "Authorization: Bearer <Token>". Token (and StreamKey, the same
// value, for encoders that ask for a stream key) is a credential: %v of
// an IngestEndpoint shows neither.
type IngestEndpoint struct {
	URL           string
	Token         string
	StreamKey     string
	RoomID        string
	ParticipantID string
	DisplayName   string
	// ExpiresAt is when Token expires.
	ExpiresAt time.Time
}

// Format prints the endpoint without its token.
func (e IngestEndpoint) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{URL:%s Token:[redacted] StreamKey:[redacted] RoomID:%s ParticipantID:%s DisplayName:%s ExpiresAt:%s}",
		e.URL, e.RoomID, e.ParticipantID, e.DisplayName, e.ExpiresAt.Format(time.RFC3339))
}

// CreateWHIPParams describes a WHIP publisher.
type CreateWHIPParams struct {
	// RoomID is required.
	RoomID string
	// ParticipantID is the publisher's id. Create defaults it to
	// "whip-<uuid>", as the official Node SDK does; Publish leaves it to the
	// server when empty.
	ParticipantID string
	DisplayName   string
	// UseExistingPeer reuses a participant already in the room.
	UseExistingPeer bool
	// TTL is the lifetime of Create's token (default 1 h, as in the Node SDK).
	TTL time.Duration
}

// CreateWHEPParams describes a WHEP viewer.
type CreateWHEPParams struct {
	// RoomID is required; the room needs a live session.
	RoomID string
	// ParticipantID is the viewer's id (Create defaults it to "whep-<uuid>").
	ParticipantID string
	// RemotePeerID is the participant to play (the server picks one when empty).
	RemotePeerID string
	// TTL is the lifetime of Create's token (default 1 h).
	TTL time.Duration
}

func checkOffer(offer string) error {
	o := strings.TrimSpace(offer)
	if o == "" {
		return invalidParams("offer (SDP) is empty")
	}
	if !strings.HasPrefix(o, "v=0") {
		return invalidParams("offer is not SDP (it must begin with v=0)")
	}
	return nil
}

// sdpExchange posts an offer and reads the SDP answer.
func (c *Client) sdpExchange(ctx context.Context, path string, q url.Values, offer, roomID, participantID string) (*SDPSession, error) {
	resp, err := c.doRaw(ctx, rawCall{method: "POST", path: path, query: q, body: []byte(offer), contentType: "application/sdp", accept: "application/sdp"})
	if err != nil {
		return nil, err
	}
	ans := bytes.TrimSpace(resp.Body)
	if !bytes.HasPrefix(ans, []byte("v=0")) {
		return nil, newResponseError("POST", path, resp, "answer is not SDP", nil)
	}
	return &SDPSession{
		Answer: string(resp.Body), Location: resp.Header.Get("Location"),
		RoomID: roomID, ParticipantID: participantID, StatusCode: resp.StatusCode,
	}, nil
}

// ingestTokenTTL is the default lifetime of an endpoint's token (Node SDK).
const ingestTokenTTL = time.Hour

// endpoint builds an IngestEndpoint for path and q with a fresh management
// token.
func (c *Client) endpoint(path string, q url.Values, ttl time.Duration, roomID, participantID, name string) (*IngestEndpoint, error) {
	if ttl == 0 {
		ttl = ingestTokenTTL
	}
	if ttl < time.Minute {
		return nil, invalidParams("ttl %v is shorter than a minute", ttl)
	}
	now := c.cfg.now()
	tok, err := c.GenerateToken(TokenParams{Permissions: []Permission{PermissionAllowJoin, PermissionAllowMod}, Roles: []Role{RoleCrawler}, TTL: ttl})
	if err != nil {
		return nil, err
	}
	u := *c.cfg.baseURL
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawQuery = q.Encode()
	return &IngestEndpoint{URL: u.String(), Token: tok, StreamKey: tok, RoomID: roomID, ParticipantID: participantID, DisplayName: name, ExpiresAt: now.Add(ttl)}, nil
}

// newPeerID is "<kind>-<uuid v4>".
func newPeerID(kind string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%s-%x-%x-%x-%x-%x", kind, b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func (p *CreateWHIPParams) query(defaultID bool) (url.Values, error) {
	if err := required("roomId", p.RoomID); err != nil {
		return nil, err
	}
	if p.ParticipantID == "" && defaultID {
		p.ParticipantID = newPeerID("whip")
	}
	q := url.Values{"roomId": {p.RoomID}}
	q = setQuery(q, "participantId", p.ParticipantID)
	q = setQuery(q, "displayName", p.DisplayName)
	if p.UseExistingPeer {
		q.Set("useExistingPeer", "true")
	}
	return q, nil
}

func (p *CreateWHEPParams) query(defaultID bool) (url.Values, error) {
	if err := required("roomId", p.RoomID); err != nil {
		return nil, err
	}
	if p.ParticipantID == "" && defaultID {
		p.ParticipantID = newPeerID("whep")
	}
	q := url.Values{"roomId": {p.RoomID}}
	q = setQuery(q, "participantId", p.ParticipantID)
	q = setQuery(q, "remotePeerId", p.RemotePeerID)
	return q, nil
}

// Create returns the WHIP URL and token an encoder publishes with (OBS:
// Service "WHIP", Server = URL, Bearer Token = Token). It performs no I/O,
// as in the official Node SDK: the token is a management token signed
// locally. The publisher joins the room when the encoder connects. ctx is
// unused.
//
// API: POST /v2/whip
func (s *WHIPService) Create(_ context.Context, p CreateWHIPParams) (*IngestEndpoint, error) {
	q, err := p.query(true)
	if err != nil {
		return nil, err
	}
	return s.client.endpoint("/v2/whip", q, p.TTL, p.RoomID, p.ParticipantID, p.DisplayName)
}

// Publish sends an SDP offer itself and returns the answer: the publisher
// joins the room as a participant. Like every POST it is never retried
// once it may have reached the server.
//
// API: POST /v2/whip
func (s *WHIPService) Publish(ctx context.Context, p CreateWHIPParams, offer string) (*SDPSession, error) {
	q, err := p.query(false)
	if err != nil {
		return nil, err
	}
	if err := checkOffer(offer); err != nil {
		return nil, err
	}
	return s.client.sdpExchange(ctx, "/v2/whip", q, offer, p.RoomID, p.ParticipantID)
}

// DeleteIngestParams ends a WHIP or WHEP session.
type DeleteIngestParams struct {
	// SessionID is the room's live session; when empty it is looked up
	// from RoomID (GET /v2/sessions?roomId=…&status=ongoing), as the Node
	// SDK does, and a room without one is an ErrNotFound.
	SessionID string
	RoomID    string
	// ParticipantID is the publisher (WHIP) or subscriber (WHEP).
	ParticipantID string
	// DisplayName (WHIP) and RemotePeerID (WHEP) are sent when set.
	DisplayName  string
	RemotePeerID string
}

func (c *Client) ingestDelete(ctx context.Context, format string, p DeleteIngestParams, extra, extraValue string) (*MessageResponse, error) {
	if p.SessionID == "" {
		if err := required("sessionId or roomId", p.RoomID); err != nil {
			return nil, err
		}
	}
	if err := required("participantId", p.ParticipantID); err != nil {
		return nil, err
	}
	sessionID := p.SessionID
	if sessionID == "" {
		page, err := c.Sessions.List(ctx, ListSessionsParams{RoomID: p.RoomID, Status: SessionOngoing, ListOptions: ListOptions{PerPage: 1}})
		if err != nil {
			return nil, err
		}
		if len(page.Data) == 0 {
			return nil, notFoundError("GET", "/v2/sessions", "live session of room "+strconv.Quote(p.RoomID))
		}
		sessionID = page.Data[0].ID
	}
	path, err := pathf(format, []string{"sessionId"}, sessionID)
	if err != nil {
		return nil, err
	}
	q := url.Values{"participantId": {p.ParticipantID}}
	q = setQuery(q, extra, extraValue)
	return callMessage(ctx, c, "DELETE", path, q, nil)
}

// Delete ends a WHIP publish; the publisher leaves the room.
//
// API: DELETE /v2/whip/sessions/{sessionId}
func (s *WHIPService) Delete(ctx context.Context, p DeleteIngestParams) (*MessageResponse, error) {
	return s.client.ingestDelete(ctx, "/v2/whip/sessions/%s", p, "displayName", p.DisplayName)
}

// Create returns the WHEP URL and token a player pulls a participant
// with. It performs no I/O (see WHIPService.Create); ctx is unused.
//
// API: POST /v2/whep
func (s *WHEPService) Create(_ context.Context, p CreateWHEPParams) (*IngestEndpoint, error) {
	q, err := p.query(true)
	if err != nil {
		return nil, err
	}
	return s.client.endpoint("/v2/whep", q, p.TTL, p.RoomID, p.ParticipantID, "")
}

// Play sends an SDP offer itself and returns the answer: the viewer joins
// the room's live session as a participant.
//
// API: POST /v2/whep
func (s *WHEPService) Play(ctx context.Context, p CreateWHEPParams, offer string) (*SDPSession, error) {
	q, err := p.query(false)
	if err != nil {
		return nil, err
	}
	if err := checkOffer(offer); err != nil {
		return nil, err
	}
	return s.client.sdpExchange(ctx, "/v2/whep", q, offer, p.RoomID, p.ParticipantID)
}

// Delete ends a WHEP playback; the viewer leaves the room.
//
// API: DELETE /v2/whep/sessions/{sessionId}
func (s *WHEPService) Delete(ctx context.Context, p DeleteIngestParams) (*MessageResponse, error) {
	return s.client.ingestDelete(ctx, "/v2/whep/sessions/%s", p, "remotePeerId", p.RemotePeerID)
}

// IngestParticipant is who a socket ingest joins the room as.
type IngestParticipant struct {
	ID string `json:"id,omitempty"`
	// Name defaults to "Socket Participant" on the server.
	Name     string         `json:"name,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// IngestAgent attaches an agent to a socket ingest.
type IngestAgent struct {
	ID       string         `json:"id"`
	Type     string         `json:"type,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// CreateIngestSocketParams is the body of Ingest.Sockets.Create.
type CreateIngestSocketParams struct {
	RoomID      string             `json:"roomId"`
	Participant *IngestParticipant `json:"participant,omitempty"`
	Agent       *IngestAgent       `json:"agent,omitempty"`
	Region      string             `json:"region,omitempty"`
}

// IngestSocket is a socket ingest session: connect to WSURL within
// ExpiresIn seconds (it is single-use). Closing the socket ends it.
type IngestSocket struct {
	// WSURL carries the session handle; treat it as a credential.
	WSURL  string `json:"wsUrl"`
	RoomID string `json:"roomId,omitempty"`
	// ExpiresIn is in seconds (about 90).
	ExpiresIn int `json:"expiresIn,omitempty"`
	// Ref is the handle, parsed from WSURL's ref query parameter.
	Ref string `json:"-"`
}

func (s *IngestSocket) normalize() {
	if u, err := url.Parse(s.WSURL); err == nil {
		s.Ref = u.Query().Get("ref")
	}
}

func (s *IngestSocket) validResponse() error {
	u, err := url.Parse(s.WSURL)
	if err != nil || (u.Scheme != "wss" && u.Scheme != "ws") || u.Host == "" {
		return errNoWSURL
	}
	return nil
}

var errNoWSURL = errorString("socket ingest answer has no ws(s) wsUrl")

type errorString string

func (e errorString) Error() string { return string(e) }

// Create opens a socket ingest session into a room.
//
// API: POST /v2/ingest/sessions
func (s *IngestSocketsService) Create(ctx context.Context, p CreateIngestSocketParams) (*IngestSocket, error) {
	if err := required("roomId", p.RoomID); err != nil {
		return nil, err
	}
	if p.Agent != nil {
		if err := required("agent.id", p.Agent.ID); err != nil {
			return nil, err
		}
	}
	out, err := callUnwrapped[IngestSocket](ctx, s.client, "POST", "/v2/ingest/sessions", nil, p, "data")
	if err != nil {
		return nil, err
	}
	setIfEmpty(&out.RoomID, p.RoomID)
	return out, nil
}
