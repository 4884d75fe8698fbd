package videosdk

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SIPCallsService places outbound calls and inspects, transfers, moves and
// ends calls. An answered call joins its room as a participant, so it also
// shows in Sessions.ListParticipants.
type SIPCallsService service

// SIPCallStatus is the state of a call. Outbound calls go initiated →
// ringing → answered → ended; inbound calls incoming → verified → answered
// → ended; a transfer moves an answered call through the transfer-* states
// to transferred (or back to answered when it fails), a room switch through
// switch-room-* back to answered. It is an open set: unknown values decode
// as they are (lower-cased: the API reference also writes them in capitals).
type SIPCallStatus string

// Call states.
const (
	SIPCallInitiated           SIPCallStatus = "initiated"
	SIPCallIncoming            SIPCallStatus = "incoming"
	SIPCallVerified            SIPCallStatus = "verified"
	SIPCallRinging             SIPCallStatus = "ringing"
	SIPCallAnswered            SIPCallStatus = "answered"
	SIPCallEnded               SIPCallStatus = "ended"
	SIPCallMissed              SIPCallStatus = "missed"
	SIPCallNotAnswered         SIPCallStatus = "not-answered"
	SIPCallRejected            SIPCallStatus = "rejected"
	SIPCallAbandoned           SIPCallStatus = "abandoned"
	SIPCallFailed              SIPCallStatus = "failed"
	SIPCallTransferInitiated   SIPCallStatus = "transfer-initiated"
	SIPCallTransferAccepted    SIPCallStatus = "transfer-accepted"
	SIPCallTransferring        SIPCallStatus = "transferring"
	SIPCallTransferRinging     SIPCallStatus = "transfer-ringing"
	SIPCallTransferFailed      SIPCallStatus = "transfer-failed"
	SIPCallTransferred         SIPCallStatus = "transferred"
	SIPCallSwitchRoomInitiated SIPCallStatus = "switch-room-initiated"
	SIPCallSwitchRoomCompleted SIPCallStatus = "switch-room-completed"
	SIPCallSwitchRoomFailed    SIPCallStatus = "switch-room-failed"
)

// Terminal reports whether the call is over: ended, transferred, missed,
// not-answered, rejected, abandoned or failed.
func (s SIPCallStatus) Terminal() bool {
	switch SIPCallStatus(strings.ToLower(string(s))) {
	case SIPCallEnded, SIPCallTransferred, SIPCallMissed, SIPCallNotAnswered, SIPCallRejected, SIPCallAbandoned, SIPCallFailed:
		return true
	}
	return false
}

// SIPCall is one SIP call leg.
type SIPCall struct {
	// ID is the call id (a UUID).
	ID string `json:"id"`
	// CallID is the id under the name some list answers use; ID is set from
	// it when the answer has no "id".
	CallID string        `json:"callId,omitempty"`
	Type   SIPDirection  `json:"type,omitempty"`
	Status SIPCallStatus `json:"status,omitempty"`
	// RoomID and SessionID are the room and session the leg joined.
	RoomID    string `json:"roomId,omitempty"`
	SessionID string `json:"sessionId,omitempty"`
	To        string `json:"to,omitempty"`
	From      string `json:"from,omitempty"`
	GatewayID string `json:"gatewayId,omitempty"`
	RuleID    string `json:"ruleId,omitempty"`
	Transport string `json:"transport,omitempty"`
	Provider  string `json:"provider,omitempty"`
	Region    string `json:"region,omitempty"`
	// Metadata is what the call was created with.
	Metadata map[string]any `json:"metadata,omitempty"`
	// Transfer holds transfer details; their shape is undocumented.
	Transfer json.RawMessage `json:"transfer,omitempty"`
	// Timelog is the status history; its element shape is undocumented.
	Timelog json.RawMessage `json:"timelog,omitempty"`
	// Start is when the call began; End is nil until it is over.
	Start *time.Time `json:"start,omitempty"`
	End   *time.Time `json:"end,omitempty"`
	// AdditionalDetails is kept as sent.
	AdditionalDetails json.RawMessage `json:"additionalDetails,omitempty"`
}

func (c *SIPCall) normalize() {
	setIfEmpty(&c.ID, c.CallID)
	c.Status = SIPCallStatus(strings.ToLower(string(c.Status)))
}

func (c *SIPCall) validResponse() error {
	if c.ID == "" {
		return errNoID
	}
	return nil
}

// SIPCallParticipant is the participant a call becomes in its room.
type SIPCallParticipant struct {
	// ID is the participant id (generated when empty).
	ID string `json:"id,omitempty"`
	// Name is the display name.
	Name string `json:"name,omitempty"`
}

// CreateSIPCallParams is the body of SIP.Calls.Create.
type CreateSIPCallParams struct {
	// To is the destination: an E.164 number or a sip: URI; required.
	To string `json:"sipCallTo"`
	// From is the caller number (E.164); required unless GatewayID names
	// the outbound gateway to derive it from.
	From string `json:"sipCallFrom,omitempty"`
	// RoomID is the room the callee joins; when empty the routing rule
	// decides.
	RoomID      string              `json:"destinationRoomId,omitempty"`
	Participant *SIPCallParticipant `json:"participant,omitempty"`
	GatewayID   string              `json:"gatewayId,omitempty"`
	// RoutingRuleID is the outbound rule to use; with a provisioned From,
	// its recording, DTMF, hidePhoneNumber, headers, includeHeaders and
	// mediaEncryption override the values given here.
	RoutingRuleID   string         `json:"routingRuleId,omitempty"`
	Metadata        map[string]any `json:"metadata,omitempty"`
	RecordAudio     bool           `json:"recordAudio,omitempty"`
	DTMF            bool           `json:"dtmf,omitempty"`
	HidePhoneNumber bool           `json:"hidePhoneNumber,omitempty"`
	// WaitUntilAnswered makes the server hold its answer until the call is
	// answered (give ctx a long enough deadline).
	WaitUntilAnswered bool `json:"waitUntilAnswered,omitempty"`
	// RingingTimeout and MaxCallDuration are in seconds.
	RingingTimeout  int                `json:"ringingTimeout,omitempty"`
	MaxCallDuration int                `json:"maxCallDuration,omitempty"`
	MediaEncryption SIPMediaEncryption `json:"mediaEncryption,omitempty"`
	IncludeHeaders  SIPIncludeHeaders  `json:"includeHeaders,omitempty"`
	// Headers are extra SIP headers.
	Headers map[string]string `json:"headers,omitempty"`
}

func (p *CreateSIPCallParams) check() error {
	if err := checkSIPTarget("to", p.To); err != nil {
		return err
	}
	if p.From == "" {
		if p.GatewayID == "" {
			return invalidParams("from is required unless gatewayId is given")
		}
	} else if err := checkE164("from", p.From); err != nil {
		return err
	}
	if p.RingingTimeout < 0 || p.MaxCallDuration < 0 {
		return invalidParams("ringingTimeout and maxCallDuration must not be negative")
	}
	if err := checkMediaEncryption("mediaEncryption", p.MediaEncryption); err != nil {
		return err
	}
	return checkIncludeHeaders("includeHeaders", p.IncludeHeaders)
}

// ListSIPCallsParams selects calls for List and All.
type ListSIPCallsParams struct {
	ListOptions
	RoomID    string
	SessionID string
	// ID keeps only the call with this id.
	ID        string
	GatewayID string
	RuleID    string
	Type      SIPDirection
	// Search matches to, from or roomId.
	Search string
	// StartDate and EndDate bound the calls' start (sent as epoch
	// milliseconds); zero means unbounded.
	StartDate time.Time
	EndDate   time.Time
}

func (p ListSIPCallsParams) check() error {
	if err := p.ListOptions.check(); err != nil {
		return err
	}
	if !p.StartDate.IsZero() && !p.EndDate.IsZero() && p.EndDate.Before(p.StartDate) {
		return invalidParams("endDate is before startDate")
	}
	return checkDirection("type", p.Type, false)
}

func (p ListSIPCallsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "roomId", p.RoomID)
	v = setQuery(v, "sessionId", p.SessionID)
	v = setQuery(v, "id", p.ID)
	v = setQuery(v, "gatewayId", p.GatewayID)
	v = setQuery(v, "ruleId", p.RuleID)
	v = setQuery(v, "type", string(p.Type))
	v = setQuery(v, "search", p.Search)
	if !p.StartDate.IsZero() {
		v = setQuery(v, "startDate", strconv.FormatInt(p.StartDate.UnixMilli(), 10))
	}
	if !p.EndDate.IsZero() {
		v = setQuery(v, "endDate", strconv.FormatInt(p.EndDate.UnixMilli(), 10))
	}
	return v
}

// TransferSIPCallParams is the body of SIP.Calls.Transfer.
type TransferSIPCallParams struct {
	// CallID is required.
	CallID string `json:"callId"`
	// TransferTo is the new destination, an E.164 number or a sip: URI; required.
	TransferTo  string              `json:"transferTo"`
	Participant *SIPCallParticipant `json:"participant,omitempty"`
	// PlayDialtone plays a dial tone to the caller while transferring.
	PlayDialtone bool `json:"playDialtone,omitempty"`
}

// SwitchSIPCallRoomParams is the body of SIP.Calls.SwitchRoom.
type SwitchSIPCallRoomParams struct {
	// CallID and RoomID are required.
	CallID string `json:"callId"`
	RoomID string `json:"roomId"`
	// Token is a VideoSDK token the leg joins the new room with (optional).
	Token string `json:"token,omitempty"`
	// ParticipantID is the leg's participant id in the new room (optional).
	ParticipantID string `json:"participantId,omitempty"`
}

// Format prints the params with Token redacted (it is a credential), for
// every verb; JSON encoding sends it as it is.
func (p SwitchSIPCallRoomParams) Format(f fmt.State, _ rune) {
	tok := ""
	if p.Token != "" {
		tok = "[redacted]"
	}
	fmt.Fprintf(f, "{CallID:%s RoomID:%s Token:%s ParticipantID:%s}", p.CallID, p.RoomID, tok, p.ParticipantID)
}

const callsPath = "/v2/sip/call"

// Create places an outbound call; it answers at once with the call
// "initiated" (unless WaitUntilAnswered). The call's progress arrives
// through the SIP webhooks, or read it with Get. A call is never sent twice:
// like every POST, Create is not retried once the request may have reached
// the server.
//
// API: POST /v2/sip/call
func (s *SIPCallsService) Create(ctx context.Context, p CreateSIPCallParams) (*SIPCall, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPCall](ctx, s.client, "POST", callsPath, nil, p, "data")
}

// List returns one page of calls.
//
// API: GET /v2/sip/call
func (s *SIPCallsService) List(ctx context.Context, p ListSIPCallsParams) (*Page[SIPCall], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[SIPCall](ctx, s.client, callsPath, p.values(), "")
}

// All iterates over every call, fetching pages lazily from p.Page (default 1).
//
// API: GET /v2/sip/call
func (s *SIPCallsService) All(ctx context.Context, p ListSIPCallsParams) iter.Seq2[SIPCall, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[SIPCall], error) {
		p.Page = page
		return s.List(ctx, p)
	})
}

// Get returns a call by id.
//
// API: GET /v2/sip/call/{callId}
func (s *SIPCallsService) Get(ctx context.Context, callID string) (*SIPCall, error) {
	path, err := sipIDPath(callsPath, "callID", callID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[SIPCall](ctx, s.client, "GET", path, nil, nil, "data")
}

// Transfer transfers an answered call (a cold transfer, SIP REFER; the
// carrier must allow it) and returns the call. When the transfer succeeds
// the leg leaves its room and the caller is connected to TransferTo; when it
// fails the call stays answered in its room (call-transfer-failed).
//
// API: POST /v2/sip/call/transfer
func (s *SIPCallsService) Transfer(ctx context.Context, p TransferSIPCallParams) (*SIPCall, error) {
	if err := checkPathArg("callId", p.CallID); err != nil {
		return nil, err
	}
	if err := checkSIPTarget("transferTo", p.TransferTo); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPCall](ctx, s.client, "POST", callsPath+"/transfer", nil, p, "data")
}

// End hangs up a call and returns it ("ended"). The room's session goes on
// for the other participants.
//
// API: POST /v2/sip/call/end
func (s *SIPCallsService) End(ctx context.Context, callID string) (*SIPCall, error) {
	if err := checkPathArg("callId", callID); err != nil {
		return nil, err
	}
	body := struct {
		CallID string `json:"callId"`
	}{callID}
	return callUnwrapped[SIPCall](ctx, s.client, "POST", callsPath+"/end", nil, body, "data")
}

// SwitchRoom moves an active call (inbound or outbound) to another room and
// returns it. The target room must be active.
//
// API: POST /v2/sip/call/switch-room
func (s *SIPCallsService) SwitchRoom(ctx context.Context, p SwitchSIPCallRoomParams) (*SIPCall, error) {
	if err := checkPathArg("callId", p.CallID); err != nil {
		return nil, err
	}
	if err := checkPathArg("roomId", p.RoomID); err != nil {
		return nil, err
	}
	return callUnwrapped[SIPCall](ctx, s.client, "POST", callsPath+"/switch-room", nil, p, "data")
}
