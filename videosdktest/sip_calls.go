package videosdktest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

// sipCall is one SIP call leg.
type sipCall struct {
	id, typ, status      string
	roomID, sessionID    string
	to, from             string
	gatewayID, ruleID    string
	metadata             json.RawMessage
	partID, partName     string
	timelog              []timelogEntry
	start                time.Time
	end                  *time.Time
	due                  time.Time     // when the next step of the lifecycle is due
	ringing              time.Duration // how long a no-answer callee rings
	transferTo           string
	joined               bool // the leg is a participant of roomID now
	createdAt, updatedAt time.Time
}

// timelogEntry is one step of a call's status history. The element shape
// is undocumented; {status, time} is the fake's reading of the Node SDK.
type timelogEntry struct {
	Status string `json:"status"`
	Time   string `json:"time"`
}

type callJSON struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Status    string          `json:"status"`
	RoomID    string          `json:"roomId"`
	SessionID string          `json:"sessionId,omitempty"`
	To        string          `json:"to"`
	From      string          `json:"from"`
	GatewayID string          `json:"gatewayId,omitempty"`
	RuleID    string          `json:"ruleId,omitempty"`
	Metadata  json.RawMessage `json:"metadata"`
	Timelog   []timelogEntry  `json:"timelog"`
	Start     string          `json:"start"`
	End       json.RawMessage `json:"end"`
}

func callView(c *sipCall) callJSON {
	md := c.metadata
	if isNull(md) {
		md = json.RawMessage("{}")
	}
	return callJSON{
		ID: c.id, Type: c.typ, Status: c.status, RoomID: c.roomID, SessionID: c.sessionID, To: c.to, From: c.from,
		GatewayID: c.gatewayID, RuleID: c.ruleID, Metadata: md, Timelog: slices.Clone(c.timelog),
		Start: iso(c.start), End: isoOrNull(c.end),
	}
}

// callAnswer wraps a call in "data", as every call endpoint answers; the
// create and switch-room answers, whose documentation lists a message, carry
// one too.
func callAnswer(c *sipCall, msg string) any {
	return struct {
		Message string   `json:"message,omitempty"`
		Data    callJSON `json:"data"`
	}{msg, callView(c)}
}

var terminalCall = map[string]bool{
	"ended": true, "transferred": true, "missed": true, "not-answered": true, "rejected": true, "abandoned": true, "failed": true,
}

// inCall reports whether the leg is connected: answered, or transferring or
// switching rooms from an answered state.
func (c *sipCall) inCall() bool {
	return c.status == "answered" || strings.HasPrefix(c.status, "transfer") || strings.HasPrefix(c.status, "switch-room")
}

// step moves c to status at time at, stamps it, and sends ev to the SIP
// webhooks subscribed to it.
func (s *Server) step(c *sipCall, status string, at time.Time, ev videosdk.WebhookEventType) {
	c.status, c.updatedAt = status, at
	c.timelog = append(c.timelog, timelogEntry{Status: status, Time: iso(at)})
	if terminalCall[status] && c.end == nil {
		t := at
		c.end = &t
	}
	s.emitCall(c, ev)
}

// newCall stores a call that starts now.
func (s *Server) newCall(typ, to, from string) *sipCall {
	now := s.st.clock()
	c := &sipCall{id: s.st.uuid(), typ: typ, to: to, from: from, start: now, due: now, createdAt: now, updatedAt: now, ringing: DefaultRingingTimeout}
	sp := s.sip()
	sp.calls = insertByTime(sp.calls, c, func(c *sipCall) time.Time { return c.start })
	sp.callBy[c.id] = c
	return c
}

// newSIPRoom creates the room of a dynamic routing rule.
func (s *Server) newSIPRoom() *room {
	now := s.st.clock()
	rm := &room{oid: s.st.objectID(), roomID: s.st.newRoomID(), createdAt: now, updatedAt: now}
	s.st.rooms = insertByTime(s.st.rooms, rm, func(rm *room) time.Time { return rm.createdAt })
	s.st.roomByID[rm.roomID] = rm
	s.st.roomByOID[rm.oid] = rm
	return rm
}

// answer connects c: its participant joins its room (starting a session if
// none is live). A join the room refuses fails the call.
func (s *Server) answer(c *sipCall, at time.Time) {
	if err := s.join(c.roomID, c.partID, c.partName); err != nil {
		s.step(c, "failed", at, videosdk.WebhookCallUpdate)
		return
	}
	c.joined = true
	if rm := s.st.lookupRoom(c.roomID); rm != nil && rm.live != nil {
		c.sessionID = rm.live.oid
	}
	s.step(c, "answered", at, videosdk.WebhookCallAnswered)
}

// hangUpLeg makes the leg's participant leave its room.
func (s *Server) hangUpLeg(c *sipCall) {
	if !c.joined {
		return
	}
	c.joined = false
	rm := s.st.lookupRoom(c.roomID)
	if rm == nil || rm.live == nil {
		return
	}
	if p := rm.live.partByID[c.partID]; p != nil && p.active() {
		s.leave(rm.live, p, leftByUser)
	}
}

// settleSIP moves every call whose next step is due to the state due now,
// stamping each step at the time it was due. It runs before every request
// (and in FlushWebhooks), with s.mu held.
func (s *Server) settleSIP() {
	if s.st.sip == nil {
		return
	}
	now := s.st.clock()
	for _, c := range s.st.sip.calls {
		for !terminalCall[c.status] && !c.due.After(now) {
			if !s.advance(c) {
				break
			}
		}
		// A leg whose participant was removed (or whose session ended) has
		// hung up.
		if c.joined && c.status == "answered" {
			if rm := s.st.lookupRoom(c.roomID); rm == nil || rm.live == nil || rm.live.partByID[c.partID] == nil || !rm.live.partByID[c.partID].active() {
				c.joined = false
				s.step(c, "ended", now, videosdk.WebhookCallHangup)
			}
		}
	}
}

// advance takes the step due at c.due; false when nothing is pending.
func (s *Server) advance(c *sipCall) bool {
	at, d := c.due, s.st.delay
	switch c.status {
	case "initiated":
		switch s.callee(c.to) {
		case CalleeBusy:
			s.step(c, "rejected", at, videosdk.WebhookCallUpdate)
		case CalleeUnreachable:
			s.step(c, "failed", at, videosdk.WebhookCallUpdate)
		case CalleeNoAnswer:
			s.step(c, "ringing", at, videosdk.WebhookCallRinging)
			c.due = at.Add(c.ringing)
		default:
			s.step(c, "ringing", at, videosdk.WebhookCallRinging)
			c.due = at.Add(d)
		}
	case "ringing":
		if s.callee(c.to) == CalleeAnswers {
			s.answer(c, at)
		} else {
			s.step(c, "not-answered", at, videosdk.WebhookCallMissed)
		}
	case "incoming":
		s.step(c, "verified", at, videosdk.WebhookCallUpdate)
		c.due = at.Add(d)
	case "verified":
		s.answer(c, at)
	case "transfer-initiated":
		s.step(c, "transfer-accepted", at, videosdk.WebhookCallTransferAccepted)
		s.step(c, "transferring", at, videosdk.WebhookCallTransferring)
		s.step(c, "transfer-ringing", at, videosdk.WebhookCallTransferRinging)
		switch s.callee(c.transferTo) {
		case CalleeAnswers:
			c.due = at.Add(d)
		case CalleeNoAnswer:
			c.due = at.Add(c.ringing)
		default: // busy, unreachable: fails at once
		}
	case "transfer-ringing":
		if s.callee(c.transferTo) == CalleeAnswers {
			s.hangUpLeg(c)
			s.step(c, "transferred", at, videosdk.WebhookCallTransferred)
		} else {
			s.step(c, "transfer-failed", at, videosdk.WebhookCallTransferFailed)
			s.step(c, "answered", at, videosdk.WebhookCallUpdate)
		}
		c.transferTo = ""
	default:
		return false
	}
	return true
}

type callBody struct {
	SipCallTo         string          `json:"sipCallTo"`
	SipCallFrom       string          `json:"sipCallFrom"`
	DestinationRoomID string          `json:"destinationRoomId"`
	Participant       *callPart       `json:"participant"`
	GatewayID         string          `json:"gatewayId"`
	RoutingRuleID     string          `json:"routingRuleId"`
	Metadata          json.RawMessage `json:"metadata"`
	RecordAudio       *bool           `json:"recordAudio"`
	Dtmf              *bool           `json:"dtmf"`
	HidePhoneNumber   *bool           `json:"hidePhoneNumber"`
	WaitUntilAnswered bool            `json:"waitUntilAnswered"`
	RingingTimeout    *float64        `json:"ringingTimeout"`
	MaxCallDuration   *float64        `json:"maxCallDuration"`
	MediaEncryption   *string         `json:"mediaEncryption"`
	IncludeHeaders    *string         `json:"includeHeaders"`
	Headers           map[string]string
}

type callPart struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (s *Server) createCall(r *http.Request) (any, *apiError) {
	var b callBody
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := checkSIPTarget("sipCallTo", b.SipCallTo); e != nil {
		return nil, e
	}
	if b.SipCallFrom == "" && b.GatewayID == "" {
		return nil, sipBadRequest("%q is required unless %q is given.", "sipCallFrom", "gatewayId")
	}
	if b.SipCallFrom != "" {
		if e := checkE164("sipCallFrom", b.SipCallFrom); e != nil {
			return nil, e
		}
	}
	for f, v := range map[string]*float64{"ringingTimeout": b.RingingTimeout, "maxCallDuration": b.MaxCallDuration} {
		if v != nil && *v < 0 {
			return nil, sipBadRequest("%q must not be negative.", f)
		}
	}
	if b.MediaEncryption != nil {
		if e := checkEnum("mediaEncryption", *b.MediaEncryption, "enable", "disable"); e != nil {
			return nil, e
		}
	}
	if b.IncludeHeaders != nil {
		if e := checkEnum("includeHeaders", *b.IncludeHeaders, "ALL", "SIP_X_HEADERS", "NONE"); e != nil {
			return nil, e
		}
	}
	if !isNull(b.Metadata) && b.Metadata[0] != '{' {
		return nil, sipBadRequest("%q must be an object.", "metadata")
	}
	var g *sipGateway
	if b.GatewayID != "" {
		var e *apiError
		if g, e = s.lookupGateway(true, b.GatewayID); e != nil {
			return nil, e
		}
	} else if g = s.outboundGatewayFor(b.SipCallFrom); g == nil {
		return nil, sipBadRequest("No outbound gateway can call from %s.", b.SipCallFrom)
	}
	from := b.SipCallFrom
	if from == "" {
		if len(g.numbers) == 0 {
			return nil, sipBadRequest("Gateway %s has no number to call from; give %q.", g.id, "sipCallFrom")
		}
		from = g.numbers[0]
	}
	var rule *sipRule
	if b.RoutingRuleID != "" {
		var e *apiError
		if rule, e = s.lookupRule(b.RoutingRuleID); e != nil {
			return nil, e
		}
		if rule.typ != "outbound" {
			return nil, sipBadRequest("Routing rule %s is not an outbound rule.", rule.id)
		}
	}
	var rm *room
	switch {
	case b.DestinationRoomID != "":
		if rm = s.st.lookupRoom(b.DestinationRoomID); rm == nil {
			return nil, notFound("Room", b.DestinationRoomID)
		}
	case rule != nil && rule.room != nil && rule.room.Type == "static":
		if rm = s.st.lookupRoom(rule.room.ID); rm == nil {
			return nil, notFound("Room", rule.room.ID)
		}
	case rule != nil && rule.room != nil:
		rm = s.newSIPRoom()
	default:
		return nil, sipBadRequest("%q is required when no routing rule gives a room.", "destinationRoomId")
	}
	if rm.disabled {
		return nil, sipBadRequest("Room %s is deactivated.", rm.roomID)
	}
	c := s.newCall("outbound", b.SipCallTo, from)
	c.roomID, c.gatewayID, c.metadata = rm.roomID, g.id, b.Metadata
	if rule != nil {
		c.ruleID = rule.id
	}
	if b.RingingTimeout != nil && *b.RingingTimeout > 0 {
		c.ringing = time.Duration(*b.RingingTimeout * float64(time.Second))
	}
	hide := b.HidePhoneNumber != nil && *b.HidePhoneNumber
	if rule != nil {
		hide = rule.hideNumber
	}
	c.partID, c.partName = s.st.word(8), c.to
	if hide {
		c.partName = ""
	}
	if p := b.Participant; p != nil {
		if p.ID != "" {
			c.partID = p.ID
		}
		if p.Name != "" {
			c.partName = p.Name
		}
	}
	s.step(c, "initiated", c.start, videosdk.WebhookCallStarted)
	if b.WaitUntilAnswered {
		// The fake does not hold the answer: it settles the call at once,
		// ignoring the processing delay, up to the ringing timeout.
		for !terminalCall[c.status] && c.status != "answered" {
			c.due = c.start
			if !s.advance(c) {
				break
			}
			if c.status == "ringing" && s.callee(c.to) == CalleeNoAnswer {
				c.due = c.start.Add(c.ringing)
				s.advance(c)
			}
		}
	}
	return callAnswer(c, "Call initiated"), nil
}

func (s *Server) lookupCall(id string) (*sipCall, *apiError) {
	if c := s.sip().callBy[id]; c != nil {
		return c, nil
	}
	return nil, notFound("Call", id)
}

func (s *Server) listCalls(r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	var from, to *time.Time
	for _, p := range []struct {
		name string
		dst  **time.Time
	}{{"startDate", &from}, {"endDate", &to}} {
		if v := q.Get(p.name); v != "" {
			ms, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, sipBadRequest("%q must be epoch milliseconds.", p.name)
			}
			t := time.UnixMilli(ms)
			*p.dst = &t
		}
	}
	typ := q.Get("type")
	if e := checkEnum("type", typ, "inbound", "outbound"); e != nil {
		return nil, e
	}
	eq := func(param, v string) bool { return q.Get(param) == "" || q.Get(param) == v }
	search := q.Get("search")
	return sipPage(r, s.sip().calls, func(c *sipCall) bool {
		return eq("roomId", c.roomID) && eq("sessionId", c.sessionID) && eq("id", c.id) && eq("gatewayId", c.gatewayID) &&
			eq("ruleId", c.ruleID) && eq("type", c.typ) &&
			(search == "" || strings.Contains(c.to, search) || strings.Contains(c.from, search) || strings.Contains(c.roomID, search)) &&
			(from == nil || !c.start.Before(*from)) && (to == nil || !c.start.After(*to))
	}, func(c *sipCall) any { return callView(c) })
}

func (s *Server) getCall(r *http.Request) (any, *apiError) {
	c, e := s.lookupCall(r.PathValue("callId"))
	if e != nil {
		return nil, e
	}
	return callAnswer(c, ""), nil
}

// answeredCall finds the call of a transfer, end or switch-room body: it
// must be connected (400 before it is answered, 409 once it is over).
func (s *Server) answeredCall(id string, exact bool) (*sipCall, *apiError) {
	if e := need("callId", id); e != nil {
		return nil, e
	}
	c, e := s.lookupCall(id)
	if e != nil {
		return nil, e
	}
	switch {
	case terminalCall[c.status]:
		return nil, errorf(http.StatusConflict, "Call %s is already over (%s).", c.id, c.status)
	case exact && c.status != "answered", !c.inCall():
		return nil, sipBadRequest("Call %s is not answered (%s).", c.id, c.status)
	}
	return c, nil
}

func (s *Server) transferCall(r *http.Request) (any, *apiError) {
	var b struct {
		CallID       string    `json:"callId"`
		TransferTo   string    `json:"transferTo"`
		Participant  *callPart `json:"participant"`
		PlayDialtone bool      `json:"playDialtone"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := checkSIPTarget("transferTo", b.TransferTo); e != nil {
		return nil, e
	}
	c, e := s.answeredCall(b.CallID, true)
	if e != nil {
		return nil, e
	}
	c.transferTo, c.due = b.TransferTo, s.st.clock()
	s.step(c, "transfer-initiated", c.due, videosdk.WebhookCallTransferInitiated)
	return callAnswer(c, ""), nil
}

func (s *Server) endCall(r *http.Request) (any, *apiError) {
	var b struct {
		CallID string `json:"callId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	c, e := s.answeredCall(b.CallID, false)
	if e != nil {
		return nil, e
	}
	s.hangUpLeg(c)
	s.step(c, "ended", s.st.clock(), videosdk.WebhookCallHangup)
	return callAnswer(c, ""), nil
}

func (s *Server) switchCallRoom(r *http.Request) (any, *apiError) {
	var b struct {
		CallID        string `json:"callId"`
		RoomID        string `json:"roomId"`
		Token         string `json:"token"`
		ParticipantID string `json:"participantId"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("roomId", b.RoomID); e != nil {
		return nil, e
	}
	c, e := s.answeredCall(b.CallID, true)
	if e != nil {
		return nil, e
	}
	rm := s.st.lookupRoom(b.RoomID)
	if rm == nil {
		return nil, notFound("Room", b.RoomID)
	}
	if rm.disabled {
		return nil, sipBadRequest("Room %s is deactivated.", rm.roomID)
	}
	now := s.st.clock()
	s.step(c, "switch-room-initiated", now, videosdk.WebhookSwitchRoomInitiated)
	partID := c.partID
	if b.ParticipantID != "" {
		partID = b.ParticipantID
	}
	if rm.roomID == c.roomID || (len(rm.allowed) > 0 && !slices.Contains(rm.allowed, partID)) ||
		(rm.live != nil && rm.live.partByID[partID] != nil && rm.live.partByID[partID].active()) {
		s.step(c, "switch-room-failed", now, videosdk.WebhookSwitchRoomFailed)
		s.step(c, "answered", now, videosdk.WebhookCallUpdate)
		return callAnswer(c, "Room switch failed"), nil
	}
	s.hangUpLeg(c)
	c.roomID, c.partID, c.sessionID = rm.roomID, partID, ""
	if err := s.join(c.roomID, c.partID, c.partName); err != nil {
		s.step(c, "switch-room-failed", now, videosdk.WebhookSwitchRoomFailed)
		s.step(c, "ended", now, videosdk.WebhookCallHangup)
		return callAnswer(c, "Room switch failed"), nil
	}
	c.joined = true
	c.sessionID = rm.live.oid
	s.step(c, "switch-room-completed", now, videosdk.WebhookSwitchRoomCompleted)
	s.step(c, "answered", now, videosdk.WebhookCallUpdate)
	return callAnswer(c, "Room switched"), nil
}

// ---- simulating the far end ----

// SimulateInboundCall simulates a call from the number from (E.164 or a
// SIP URI) to the provisioned number to, and returns the call id. The call
// arrives through the inbound gateway of to (its phone number's, or a
// gateway that lists it) and the inbound routing rule for to decides where
// it goes: the rule's static room, or a new room for a dynamic rule (or a
// rule without a room). It is "incoming" at once (call-started), then
// verified and answered on the server's clock like an outbound call (by the
// next request, or after WithProcessingDelay), when its participant (named
// after from unless the rule hides numbers) joins the room.
//
// A call the gateway's or the rule's allowedNumbers do not admit, or to a
// number without an inbound rule, is "rejected" (call-update); one whose
// static room does not exist "failed". SimulateInboundCall returns an error
// only when to is not an E.164 number with an inbound gateway, or from is
// neither a number nor a SIP URI: the carrier would not have delivered such
// a call.
func (s *Server) SimulateInboundCall(to, from string) (string, error) {
	if checkE164("to", to) != nil {
		return "", fmt.Errorf("videosdktest: %q is not an E.164 number", to)
	}
	if checkSIPTarget("from", from) != nil {
		return "", fmt.Errorf("videosdktest: %q is neither an E.164 number nor a SIP URI", from)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	s.settleSIP()
	g := s.inboundGatewayFor(to)
	if g == nil {
		return "", fmt.Errorf("videosdktest: no inbound gateway answers %s", to)
	}
	c := s.newCall("inbound", to, from)
	c.gatewayID = g.id
	s.step(c, "incoming", c.start, videosdk.WebhookCallStarted)
	rule := s.inboundRule(to, g)
	if rule != nil {
		c.ruleID = rule.id
	}
	if !matchNumber(g.allowedNumbers, from) || rule == nil || !matchNumber(rule.allowedNumbers, from) {
		s.step(c, "rejected", c.start, videosdk.WebhookCallUpdate)
		return c.id, nil
	}
	var rm *room
	if rule.room != nil && rule.room.Type == "static" {
		rm = s.st.lookupRoom(rule.room.ID)
	} else {
		rm = s.newSIPRoom()
	}
	if rm == nil || rm.disabled {
		s.step(c, "failed", c.start, videosdk.WebhookCallUpdate)
		return c.id, nil
	}
	c.roomID, c.partID, c.partName = rm.roomID, s.st.word(8), from
	if rule.hideNumber {
		c.partName = ""
	}
	return c.id, nil
}

// HangUp simulates the far end hanging up call id: an answered call ends
// (call-hangup), an inbound call not answered yet is abandoned, and an
// outbound call still ringing is rejected by its callee. It returns an
// error when no call has the id or the call is already over.
func (s *Server) HangUp(callID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	s.settleSIP()
	c := s.sip().callBy[callID]
	if c == nil {
		return errors.New("videosdktest: no call has id " + strconv.Quote(callID))
	}
	now := s.st.clock()
	switch {
	case terminalCall[c.status]:
		return fmt.Errorf("videosdktest: call %s is already over (%s)", callID, c.status)
	case c.inCall():
		s.hangUpLeg(c)
		s.step(c, "ended", now, videosdk.WebhookCallHangup)
	case c.typ == "inbound":
		s.step(c, "abandoned", now, videosdk.WebhookCallHangup)
	default:
		s.step(c, "rejected", now, videosdk.WebhookCallUpdate)
	}
	return nil
}
