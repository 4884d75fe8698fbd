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

// WebhookEventType names a webhook event. VideoSDK may send types the SDK
// does not list; they are delivered as they are.
type WebhookEventType string

// Webhook event types.
const (
	WebhookParticipantJoined WebhookEventType = "participant-joined"
	WebhookParticipantLeft   WebhookEventType = "participant-left"
	WebhookSessionStarted    WebhookEventType = "session-started"
	WebhookSessionEnded      WebhookEventType = "session-ended"

	WebhookRecordingStarting WebhookEventType = "recording-starting"
	WebhookRecordingStarted  WebhookEventType = "recording-started"
	WebhookRecordingStopping WebhookEventType = "recording-stopping"
	WebhookRecordingStopped  WebhookEventType = "recording-stopped"
	WebhookRecordingFailed   WebhookEventType = "recording-failed"

	WebhookParticipantRecordingStarting WebhookEventType = "participant-recording-starting"
	WebhookParticipantRecordingStarted  WebhookEventType = "participant-recording-started"
	WebhookParticipantRecordingStopping WebhookEventType = "participant-recording-stopping"
	WebhookParticipantRecordingStopped  WebhookEventType = "participant-recording-stopped"
	WebhookParticipantRecordingFailed   WebhookEventType = "participant-recording-failed"

	WebhookTrackRecordingStarting WebhookEventType = "participant-track-recording-starting"
	WebhookTrackRecordingStarted  WebhookEventType = "participant-track-recording-started"
	WebhookTrackRecordingStopping WebhookEventType = "participant-track-recording-stopping"
	WebhookTrackRecordingStopped  WebhookEventType = "participant-track-recording-stopped"
	WebhookTrackRecordingFailed   WebhookEventType = "participant-track-recording-failed"

	WebhookMergeRecordingCompleted WebhookEventType = "merge-recording-completed"
	WebhookMergeRecordingFailed    WebhookEventType = "merge-recording-failed"

	WebhookTranscriptionStarted   WebhookEventType = "transcription-started"
	WebhookTranscriptionStopped   WebhookEventType = "transcription-stopped"
	WebhookTranscriptionFailed    WebhookEventType = "transcription-failed"
	WebhookTranscriptionCompleted WebhookEventType = "transcription-completed"

	WebhookLivestreamStarting WebhookEventType = "livestream-starting"
	WebhookLivestreamStarted  WebhookEventType = "livestream-started"
	WebhookLivestreamStopping WebhookEventType = "livestream-stopping"
	WebhookLivestreamStopped  WebhookEventType = "livestream-stopped"
	WebhookLivestreamFailed   WebhookEventType = "livestream-failed"

	WebhookHLSStarting WebhookEventType = "hls-starting"
	WebhookHLSStarted  WebhookEventType = "hls-started"
	WebhookHLSPlayable WebhookEventType = "hls-playable"
	WebhookHLSStopping WebhookEventType = "hls-stopping"
	WebhookHLSStopped  WebhookEventType = "hls-stopped"
	WebhookHLSFailed   WebhookEventType = "hls-failed"
)

// WebhookEvent is one webhook delivery: {"webhookType": "...", "data": {...}}.
type WebhookEvent struct {
	Type WebhookEventType
	// Data holds the fields common to the events; which are set depends on Type.
	Data WebhookData
	// RawData is the "data" object exactly as sent, for fields not modelled.
	RawData json.RawMessage
}

// WebhookData are the documented fields of a webhook's "data" object.
type WebhookData struct {
	// RoomID is the room ("meetingId" on the wire).
	RoomID          string `json:"roomId"`
	SessionID       string `json:"sessionId,omitempty"`
	ParticipantID   string `json:"participantId,omitempty"`
	ParticipantName string `json:"participantName,omitempty"`
	// ID is the merge or transcription id, on those events.
	ID string `json:"id,omitempty"`
	// Kind is the track kind on track-recording events.
	Kind       string `json:"kind,omitempty"`
	FileFormat string `json:"fileFormat,omitempty"`
	// FilePath and FileURL locate the file on recording-stopped.
	FilePath string `json:"filePath,omitempty"`
	FileURL  string `json:"fileUrl,omitempty"`
	// FileDetails lists the files of participant and track recordings (shape undocumented).
	FileDetails []json.RawMessage `json:"fileDetails,omitempty"`
	// PlaybackHLSURL and LivestreamURL are set on hls-started and hls-playable.
	PlaybackHLSURL string `json:"playbackHlsUrl,omitempty"`
	LivestreamURL  string `json:"livestreamUrl,omitempty"`
	// Start and End are set on session events.
	Start *time.Time `json:"start,omitempty"`
	End   *time.Time `json:"end,omitempty"`
}

// UnmarshalJSON accepts meetingId for roomId.
func (d *WebhookData) UnmarshalJSON(b []byte) error {
	type plain WebhookData
	aux := struct {
		*plain
		legacyNames
	}{plain: (*plain)(d)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	setIfEmpty(&d.RoomID, aux.MeetingID)
	return nil
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
// a webhook wraps ErrInvalidParams. Use it in
// your webhook handler with the raw body and the videosdk-signature header:
//
//	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
//	ev, err := videosdk.ParseWebhook(body, r.Header.Get(videosdk.WebhookSignatureHeader), key)
func ParseWebhook(body []byte, signature string, key *rsa.PublicKey) (*WebhookEvent, error) {
	if err := VerifyWebhookSignature(body, signature, key); err != nil {
		return nil, err
	}
	var wire struct {
		WebhookType WebhookEventType `json:"webhookType"`
		Type        WebhookEventType `json:"type"`
		Data        json.RawMessage  `json:"data"`
	}
	if err := json.Unmarshal(body, &wire); err != nil {
		return nil, invalidParams("webhook body is not a JSON object: %v", err)
	}
	ev := &WebhookEvent{Type: wire.WebhookType, RawData: wire.Data}
	if ev.Type == "" {
		ev.Type = wire.Type
	}
	if ev.Type == "" {
		return nil, invalidParams(`webhook body has no "webhookType"`)
	}
	if len(wire.Data) > 0 && !bytes.Equal(wire.Data, []byte("null")) {
		if err := json.Unmarshal(wire.Data, &ev.Data); err != nil {
			return nil, invalidParams("webhook data: %v", err)
		}
	}
	return ev, nil
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
