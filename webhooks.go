package videosdk

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"strings"
	"time"
)

// WebhookSignatureHeader is the HTTP header carrying a webhook's signature.
const WebhookSignatureHeader = "videosdk-signature"

// ErrInvalidSignature is returned (wrapped) when a webhook's signature does
// not verify: the request did not come from VideoSDK or was altered.
var ErrInvalidSignature = errors.New("videosdk: invalid webhook signature")

// WebhookEventType names a webhook event, or in a subscription (a room's
// webhook.events, [WebhookHandler.On]) a pattern in which '*' stands for any
// run of characters: "*", "recording-*". VideoSDK adds event types without
// notice; a type the SDK does not list is delivered as it is.
type WebhookEventType string

// Webhook event types, grouped as in the API reference. Groups A–H are sent
// to a room's webhook endPoint for the events it subscribed to and to a
// start call's webhookUrl; the others to the webhook of the job or product
// named in each group.
const (
	// A. Sessions and participants.
	WebhookParticipantJoined WebhookEventType = "participant-joined"
	WebhookParticipantLeft   WebhookEventType = "participant-left"
	WebhookSessionStarted    WebhookEventType = "session-started"
	WebhookSessionEnded      WebhookEventType = "session-ended"

	// B. Meeting (composed) recordings.
	WebhookRecordingStarting WebhookEventType = "recording-starting"
	WebhookRecordingStarted  WebhookEventType = "recording-started"
	WebhookRecordingStopping WebhookEventType = "recording-stopping"
	WebhookRecordingStopped  WebhookEventType = "recording-stopped"
	WebhookRecordingFailed   WebhookEventType = "recording-failed"

	// C. Participant recordings.
	WebhookParticipantRecordingStarting WebhookEventType = "participant-recording-starting"
	WebhookParticipantRecordingStarted  WebhookEventType = "participant-recording-started"
	WebhookParticipantRecordingStopping WebhookEventType = "participant-recording-stopping"
	WebhookParticipantRecordingStopped  WebhookEventType = "participant-recording-stopped"
	WebhookParticipantRecordingFailed   WebhookEventType = "participant-recording-failed"

	// D. Participant track recordings.
	WebhookTrackRecordingStarting WebhookEventType = "participant-track-recording-starting"
	WebhookTrackRecordingStarted  WebhookEventType = "participant-track-recording-started"
	WebhookTrackRecordingStopping WebhookEventType = "participant-track-recording-stopping"
	WebhookTrackRecordingStopped  WebhookEventType = "participant-track-recording-stopped"
	WebhookTrackRecordingFailed   WebhookEventType = "participant-track-recording-failed"

	// E. Merges of participant recordings (two-channel audio).
	WebhookMergeRecordingCompleted WebhookEventType = "merge-recording-completed"
	WebhookMergeRecordingFailed    WebhookEventType = "merge-recording-failed"

	// F. Transcriptions. The API reference documents no payload for
	// transcription-completed; its data is only in RawData.
	WebhookTranscriptionStarted   WebhookEventType = "transcription-started"
	WebhookTranscriptionStopped   WebhookEventType = "transcription-stopped"
	WebhookTranscriptionFailed    WebhookEventType = "transcription-failed"
	WebhookTranscriptionCompleted WebhookEventType = "transcription-completed"

	// G. RTMP livestreams.
	WebhookLivestreamStarting WebhookEventType = "livestream-starting"
	WebhookLivestreamStarted  WebhookEventType = "livestream-started"
	WebhookLivestreamStopping WebhookEventType = "livestream-stopping"
	WebhookLivestreamStopped  WebhookEventType = "livestream-stopped"
	WebhookLivestreamFailed   WebhookEventType = "livestream-failed"

	// H. HLS.
	WebhookHLSStarting WebhookEventType = "hls-starting"
	WebhookHLSStarted  WebhookEventType = "hls-started"
	WebhookHLSPlayable WebhookEventType = "hls-playable"
	WebhookHLSStopping WebhookEventType = "hls-stopping"
	WebhookHLSStopped  WebhookEventType = "hls-stopped"
	WebhookHLSFailed   WebhookEventType = "hls-failed"

	// I. Composite merges (transcodings), sent to the transcoding's
	// webhookUrl. Their payload is undocumented; expect the transcoding id
	// in ID and look at RawData.
	WebhookCompositeMergeStarted   WebhookEventType = "composite-merge-started"
	WebhookCompositeMergeCompleted WebhookEventType = "composite-merge-completed"
	WebhookCompositeMergeFailed    WebhookEventType = "composite-merge-failed"
	WebhookCompositeMergeCancelled WebhookEventType = "composite-merge-cancelled"

	// J. Composition resources: a pre-acquired composition unit is ready
	// (ID is the resource id, Type the composition it is for).
	WebhookResourceAcquired WebhookEventType = "resource-acquired"

	// K. AI deployment sessions, sent to the webhook given when the session
	// starts. SessionID is the deployment session ("session-<uuid>"), not a
	// meeting session.
	WebhookAIDeploymentSessionStarting WebhookEventType = "ai-deployment-session-starting"
	WebhookAIDeploymentSessionStarted  WebhookEventType = "ai-deployment-session-started"
	WebhookAIDeploymentSessionStopping WebhookEventType = "ai-deployment-session-stopping"
	WebhookAIDeploymentSessionStopped  WebhookEventType = "ai-deployment-session-stopped"
	WebhookAIDeploymentSessionFailed   WebhookEventType = "ai-deployment-session-failed"

	// L. Agent sessions (payload undocumented: see RawData).
	WebhookAgentSessionStarting WebhookEventType = "agent-session-starting"
	WebhookAgentSessionStarted  WebhookEventType = "agent-session-started"
	WebhookAgentSessionStopping WebhookEventType = "agent-session-stopping"
	WebhookAgentSessionStopped  WebhookEventType = "agent-session-stopped"
	WebhookAgentSessionFailed   WebhookEventType = "agent-session-failed"

	// M. SIP calls, sent to the SIP webhooks (payload undocumented: see
	// RawData; WebhookEvent.SIPCall reads it as the call).
	WebhookCallStarted           WebhookEventType = "call-started"
	WebhookCallRinging           WebhookEventType = "call-ringing"
	WebhookCallAnswered          WebhookEventType = "call-answered"
	WebhookCallHangup            WebhookEventType = "call-hangup"
	WebhookCallMissed            WebhookEventType = "call-missed"
	WebhookCallUpdate            WebhookEventType = "call-update"
	WebhookCallTransferred       WebhookEventType = "call-transferred"
	WebhookCallTransferInitiated WebhookEventType = "call-transfer-initiated"
	WebhookCallTransferAccepted  WebhookEventType = "call-transfer-accepted"
	WebhookCallTransferring      WebhookEventType = "call-transferring"
	WebhookCallTransferRinging   WebhookEventType = "call-transfer-ringing"
	WebhookCallTransferFailed    WebhookEventType = "call-transfer-failed"
	WebhookSwitchRoomInitiated   WebhookEventType = "switch-room-initiated"
	WebhookSwitchRoomCompleted   WebhookEventType = "switch-room-completed"
	WebhookSwitchRoomFailed      WebhookEventType = "switch-room-failed"

	// N. Batch calls, sent to the batch call's webhook (payload
	// undocumented: see RawData).
	WebhookBatchCallStarted   WebhookEventType = "batchcall-started"
	WebhookBatchCallCompleted WebhookEventType = "batchcall-completed"
)

// WebhookReason is the "reason" of a participant-left or session-ended
// event. It is an open set: other values decode as they are.
type WebhookReason string

// Webhook reasons. participant-left carries one of the first three;
// session-ended carries free text, by default WebhookReasonMeetingEnded.
const (
	WebhookReasonUserLeft        WebhookReason = "user-left"
	WebhookReasonConnectionError WebhookReason = "connection-error"
	WebhookReasonUnknown         WebhookReason = "UNKNOWN"
	WebhookReasonMeetingEnded    WebhookReason = "Meeting Ended."
)

// WebhookDataType is the "type" of a transcription or resource-acquired
// event: which transcription, or which composition, the event is about. It
// is an open set: other values decode as they are.
type WebhookDataType string

// Webhook data types.
const (
	// WebhookDataRealtime marks a realtime transcription (transcription-* events).
	WebhookDataRealtime WebhookDataType = "realtime"
	// WebhookDataPost marks a post-call transcription (transcription-* events).
	WebhookDataPost WebhookDataType = "post"
	// WebhookDataRecording marks a composition unit acquired for a recording
	// (resource-acquired).
	WebhookDataRecording WebhookDataType = "recording"
)

// WebhookEvent is one webhook delivery: {"webhookType": "...", "data": {...}}.
type WebhookEvent struct {
	Type WebhookEventType
	// Data holds the documented fields; which are set depends on Type. A
	// field that is missing or malformed (a time that does not parse, a
	// number where a string belongs) is left zero: it never hides the event.
	Data WebhookData
	// RawData is the "data" object exactly as sent, for fields not modelled
	// and for the value of a field that did not decode.
	RawData json.RawMessage
}

// WebhookData are the documented fields of a webhook's "data" object; each
// is set only on the events listed beside it.
type WebhookData struct {
	// RoomID is the room ("meetingId" on the wire): groups A–H.
	RoomID string `json:"roomId"`
	// SessionID is the meeting session (groups A–H) or, on
	// ai-deployment-session events, the deployment session.
	SessionID string `json:"sessionId,omitempty"`
	// ParticipantID is set on participant, participant recording and track
	// recording events; ParticipantName on participant-joined/-left.
	ParticipantID   string `json:"participantId,omitempty"`
	ParticipantName string `json:"participantName,omitempty"`
	// Reason says why a participant left (participant-left) or why the
	// session ended (session-ended).
	Reason WebhookReason `json:"reason,omitempty"`
	// Error is the error that closed the session (session-ended); nil when
	// there was none. Its shape is undocumented, so it is kept raw.
	Error json.RawMessage `json:"error,omitempty"`
	// Start and End are set on session events. VideoSDK writes them with a
	// +00:00 offset; one that does not parse is left nil (see RawData).
	// Decoding reads them leniently through webhookTimes (wire.go);
	// MarshalJSON writes them under "start" and "end".
	Start *time.Time `json:"-"`
	End   *time.Time `json:"-"`
	// ID is the id of what the event is about: the composer on recording
	// events, the merge (merge-recording-*), the transcription
	// (transcription-*), the transcoding (composite-merge-*) or the resource
	// (resource-acquired).
	ID string `json:"id,omitempty"`
	// Message is a failure or status text (recording events,
	// merge-recording-failed).
	Message string `json:"message,omitempty"`
	// Type is the transcription type (transcription-*) or the composition
	// kind (resource-acquired).
	Type WebhookDataType `json:"type,omitempty"`
	// Kind is the track on track recording events.
	Kind TrackKind `json:"kind,omitempty"`
	// FileFormat is set on participant-recording-starting/-started/-stopping.
	FileFormat FileFormat `json:"fileFormat,omitempty"`
	// FilePath and FileURL locate the file on recording-stopped.
	FilePath string `json:"filePath,omitempty"`
	FileURL  string `json:"fileUrl,omitempty"`
	// FileDetails lists the files of participant-recording-stopped and
	// participant-track-recording-stopped, one per file produced.
	FileDetails []WebhookFile `json:"fileDetails,omitempty"`
	// PlaybackHLSURL (hls-started, hls-playable) plays the stream with
	// seek-back; LivestreamURL (hls-playable) plays its live edge. Older
	// deliveries sent DownstreamURL instead: PlaybackHLSURL is then set from it.
	PlaybackHLSURL string `json:"playbackHlsUrl,omitempty"`
	LivestreamURL  string `json:"livestreamUrl,omitempty"`
	DownstreamURL  string `json:"downstreamUrl,omitempty"`
	webhookWireOnly
}

// WebhookFile is one file of a participant or track recording, as listed
// in a webhook's fileDetails.
type WebhookFile struct {
	FilePath string `json:"filePath,omitempty"`
	FileURL  string `json:"fileUrl,omitempty"`
}

// webhookWireOnly is what WebhookData embeds: the legacy meetingId and the
// times as text, shadowed (wire.go).
type webhookWireOnly struct {
	legacy
	webhookTimes
	webhookTimesShadow
}

// webhookTimes are "start" and "end", decoded leniently: a time that does
// not parse cannot fail the decode.
type webhookTimes struct {
	StartText lenientTime `json:"start,omitzero"`
	EndText   lenientTime `json:"end,omitzero"`
}

// lenientTime is a webhook timestamp ("…+00:00" or "…Z"); a value that is
// not a valid RFC 3339 time (the docs' own session-ended example has minute
// 60), or not a string, leaves it unset instead of failing the decode. A
// small value with its own UnmarshalJSON (wire.go): time.Time's, on the
// bytes, with the error dropped.
type lenientTime struct {
	t  time.Time
	ok bool
}

func (l *lenientTime) UnmarshalJSON(b []byte) error {
	*l = lenientTime{}
	if len(b) > 0 && b[0] == '"' && l.t.UnmarshalJSON(b) == nil {
		l.ok = true
	}
	return nil
}

// utc returns the time in UTC, or nil when unset.
func (l *lenientTime) utc() *time.Time {
	if !l.ok {
		return nil
	}
	t := l.t.UTC()
	return &t
}

// webhookTimesShadow makes webhookTimes' promoted names ambiguous outside
// the package.
type webhookTimesShadow struct {
	StartText struct{} `json:"-"`
	EndText   struct{} `json:"-"`
}

// normalize takes meetingId for roomId, parses the times (dropping one that
// does not parse), drops a null error and sets PlaybackHLSURL from the older
// DownstreamURL (wire.go).
func (d *WebhookData) normalize() {
	w := &d.webhookWireOnly
	setIfEmpty(&d.RoomID, w.take().MeetingID)
	d.Start, d.End = w.webhookTimes.StartText.utc(), w.webhookTimes.EndText.utc()
	w.webhookTimes = webhookTimes{}
	if bytes.Equal(d.Error, []byte("null")) {
		d.Error = nil
	}
	setIfEmpty(&d.PlaybackHLSURL, d.DownstreamURL)
}

// MarshalJSON writes d as VideoSDK sends it, Start and End under "start"
// and "end" (decoding reads them through webhookTimes).
func (d WebhookData) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		webhookDataFields
		Start *time.Time `json:"start,omitempty"`
		End   *time.Time `json:"end,omitempty"`
	}{webhookDataFields(d), d.Start, d.End})
}

// webhookDataFields is WebhookData without its methods: what encoding/json
// decodes into, in the one pass over a delivery.
type webhookDataFields WebhookData

// UnmarshalJSON decodes a webhook's "data" object leniently, as ParseWebhook
// does: it accepts meetingId for roomId, leaves a malformed field zero
// instead of failing, and fails only when b is not JSON at all.
func (d *WebhookData) UnmarshalJSON(b []byte) error {
	*d = WebhookData{}
	if err := json.Unmarshal(b, (*webhookDataFields)(d)); err != nil && !isTypeError(err) {
		return err
	}
	d.normalize()
	return nil
}

// isTypeError reports whether err is a value of the wrong JSON type, which
// encoding/json reports after decoding everything else.
func isTypeError(err error) bool {
	var typeErr *json.UnmarshalTypeError
	return errors.As(err, &typeErr)
}

// ParseWebhookPublicKey reads VideoSDK's RSA public key from PEM ("PUBLIC
// KEY" or "RSA PUBLIC KEY"), as returned by Client.WebhookPublicKey. A weak
// key is refused here, with the reason, rather than failing every delivery
// later: the modulus must have at least 2048 bits and the public exponent
// must be odd and at least 65537.
func ParseWebhookPublicKey(pemKey []byte) (*rsa.PublicKey, error) {
	k, err := parseRSAPublicKey(pemKey)
	if err != nil {
		return nil, err
	}
	if bits := k.N.BitLen(); bits < minWebhookKeyBits {
		return nil, invalidParams("webhook public key is %d bits; at least %d are required", bits, minWebhookKeyBits)
	}
	if k.E < 65537 || k.E%2 == 0 {
		return nil, invalidParams("webhook public key has exponent %d; an odd public exponent of at least 65537 is required", k.E)
	}
	return k, nil
}

// minWebhookKeyBits is the smallest RSA modulus ParseWebhookPublicKey accepts.
const minWebhookKeyBits = 2048

func parseRSAPublicKey(pemKey []byte) (*rsa.PublicKey, error) {
	// The key travels inside JSON; tolerate literal "\n" sequences.
	pemKey = bytes.ReplaceAll(bytes.TrimSpace(pemKey), []byte(`\n`), []byte("\n"))
	block, _ := pem.Decode(pemKey)
	if block == nil {
		return nil, invalidParams("webhook public key is not PEM")
	}
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, invalidParams("webhook public key: %v", err)
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, invalidParams("webhook public key is not an RSA key")
		}
		return rk, nil
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, invalidParams("webhook public key: %v", err)
		}
		return k, nil
	}
	return nil, invalidParams("webhook public key has PEM type %q, want PUBLIC KEY", block.Type)
}

// VerifyWebhookSignature checks signature (the base64 value of the
// videosdk-signature header: standard or URL-safe alphabet, padded or not)
// against the raw request body with VideoSDK's public key (RSA-SHA256,
// PKCS #1 v1.5). Pass the body exactly as received, before any JSON parsing.
// VideoSDK's own sample verifies the compact JSON re-serialisation of the
// body, so that form is accepted too.
func VerifyWebhookSignature(body []byte, signature string, key *rsa.PublicKey) error {
	if key == nil {
		return invalidParams("webhook public key is nil")
	}
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return &signatureError{reason: "missing " + WebhookSignatureHeader + " header"}
	}
	// One alphabet or the other, with or without "=" padding.
	enc := base64.RawStdEncoding
	if strings.ContainsAny(signature, "-_") {
		enc = base64.RawURLEncoding
	}
	sig, err := enc.DecodeString(strings.TrimRight(signature, "="))
	if err != nil {
		return &signatureError{reason: "signature is not base64"}
	}
	sum := sha256.Sum256(body)
	if rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig) == nil {
		return nil
	}
	var compact bytes.Buffer
	if json.Compact(&compact, body) == nil && !bytes.Equal(compact.Bytes(), body) {
		sum = sha256.Sum256(compact.Bytes())
		if rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig) == nil {
			return nil
		}
	}
	return &signatureError{reason: "signature does not match the body"}
}

type signatureError struct{ reason string }

func (e *signatureError) Error() string { return "videosdk: invalid webhook signature: " + e.reason }
func (e *signatureError) Unwrap() error { return ErrInvalidSignature }

// ParseWebhook verifies a delivery's signature and then decodes it. A bad
// signature wraps ErrInvalidSignature (answer 401); a signed body that is not
// a webhook (not a JSON object, or without "webhookType") wraps
// ErrInvalidParams (answer 400). A malformed field inside "data" does not
// fail it (see WebhookEvent.Data). [WebhookHandler] does all of this for
// you; to do it by hand, pass the raw body and the videosdk-signature header:
//
//	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
//	ev, err := videosdk.ParseWebhook(body, r.Header.Get(videosdk.WebhookSignatureHeader), key)
func ParseWebhook(body []byte, signature string, key *rsa.PublicKey) (*WebhookEvent, error) {
	if err := VerifyWebhookSignature(body, signature, key); err != nil {
		return nil, err
	}
	return decodeWebhook(body, false)
}

// decodeWebhook decodes a verified body in one encoding/json pass, straight
// into the event's Data; RawData is then cut from the body by memberValue,
// which only skips over the (already validated) top level. RawData is a copy
// unless ownBody (the body is the caller's own buffer, read for this
// delivery only). The event and the envelope are one allocation.
func decodeWebhook(body []byte, ownBody bool) (*WebhookEvent, error) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '{' {
		return nil, invalidParams("webhook body is not a JSON object")
	}
	d := new(struct {
		ev   WebhookEvent
		wire struct {
			WebhookType WebhookEventType   `json:"webhookType"`
			Type        WebhookEventType   `json:"type"`
			Data        *webhookDataFields `json:"data"`
		}
	})
	ev, wire := &d.ev, &d.wire
	wire.Data = (*webhookDataFields)(&ev.Data)
	if err := json.Unmarshal(b, wire); err != nil && !isTypeError(err) {
		return nil, invalidParams("webhook body is not valid JSON")
	}
	ev.Type = wire.WebhookType
	if ev.Type == "" {
		ev.Type = wire.Type
	}
	if ev.Type == "" {
		return nil, invalidParams(`webhook body has no "webhookType"`)
	}
	switch p := wire.Data; {
	case p == nil: // "data": null, last
		ev.Data = WebhookData{}
	case p != (*webhookDataFields)(&ev.Data): // a null, then an object
		ev.Data = WebhookData(*p)
	}
	if raw := memberValue(b, "data"); len(raw) > 0 && !bytes.Equal(raw, []byte("null")) {
		if !ownBody {
			raw = append([]byte(nil), raw...)
		}
		ev.RawData = raw
	}
	ev.Data.normalize()
	return ev, nil
}

// memberValue returns the raw value of the member of the JSON object b that
// encoding/json decodes into a field tagged name: the last one whose key,
// unescaped, equals name under bytes.EqualFold; nil when there is none. b
// must be valid JSON (encoding/json has checked it): memberValue only skips.
func memberValue(b []byte, name string) []byte {
	var found []byte
	i := skipSpace(b, 0) + 1 // past '{'
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == '}' {
			return found
		}
		keyStart := i
		i = skipString(b, i)
		key := b[keyStart+1 : i-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			var s string
			if json.Unmarshal(b[keyStart:i], &s) != nil {
				return nil
			}
			key = []byte(s)
		}
		i = skipSpace(b, i) + 1 // past ':'
		i = skipSpace(b, i)
		valueStart := i
		i = skipValue(b, i)
		if bytes.EqualFold(key, []byte(name)) {
			found = b[valueStart:i]
		}
		i = skipSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i++
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string that starts at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// skipValue returns the index after the value that starts at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}

// WebhookPublicKey fetches VideoSDK's RSA public key for verifying webhooks.
// It rarely changes: fetch it once at start-up (or pin it) and reuse it.
//
// API: GET /v2/public/rsa-public-key
func (c *Client) WebhookPublicKey(ctx context.Context) (*rsa.PublicKey, error) {
	var out struct {
		PublicKey string `json:"publicKey"`
	}
	if err := c.do(ctx, "GET", "/v2/public/rsa-public-key", nil, nil, &out); err != nil {
		return nil, err
	}
	k, err := ParseWebhookPublicKey([]byte(out.PublicKey))
	if err != nil {
		return nil, &ResponseError{StatusCode: 200, Method: "GET", Path: "/v2/public/rsa-public-key", Reason: err.Error(), Err: err}
	}
	return k, nil
}
