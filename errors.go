package videosdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk/internal/redact"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// Sentinel errors. An *APIError matches the sentinel of its status class with
// errors.Is; an argument rejected before any request wraps ErrInvalidParams.
var (
	// ErrBadRequest matches 400 and 422 answers: the server refused the input.
	ErrBadRequest = errors.New("videosdk: bad request")
	// ErrUnauthorized matches 401: the token was missing, malformed or expired,
	// or the account is inactive.
	ErrUnauthorized = errors.New("videosdk: unauthorized")
	// ErrForbidden matches 403: authenticated but not permitted.
	ErrForbidden = errors.New("videosdk: forbidden")
	// ErrNotFound matches 404 and 402; VideoSDK answers 402 for some unknown
	// resources (see APIError.StatusCode for the real status).
	ErrNotFound = errors.New("videosdk: not found")
	// ErrConflict matches 409: the resource is in a conflicting state.
	ErrConflict = errors.New("videosdk: conflict")
	// ErrRateLimited matches 429. APIError.RetryAfter carries the server's hint.
	ErrRateLimited = errors.New("videosdk: rate limited")
	// ErrServer matches every 5xx answer.
	ErrServer = errors.New("videosdk: server error")
	// ErrInvalidParams is wrapped by every error for an argument rejected before
	// any request was sent (empty ID, unknown enum value, forbidden path segment).
	ErrInvalidParams = errors.New("videosdk: invalid parameters")
	// ErrInvalidResponse is matched by a *ResponseError: the server answered
	// success with a body the SDK could not use (not JSON, truncated, wrong shape).
	ErrInvalidResponse = errors.New("videosdk: invalid response")
	// ErrInvalidToken is wrapped by ParseToken's errors.
	ErrInvalidToken = errors.New("videosdk: invalid token")
)

// APIError is a non-2xx answer from the VideoSDK API.
//
// It never holds the request, its headers or the token.
type APIError struct {
	// StatusCode is the HTTP status, e.g. 404 (or 402 for some not-found cases).
	StatusCode int
	// Code is the machine-readable code from the body (`code` or `errorCode`), if any.
	Code string
	// Message is the human-readable message from the body, or its raw text.
	Message string
	// RequestID is the server's x-request-id (or request-id) header, if any.
	RequestID string
	// Method and Path identify the call, e.g. "GET" and "/v2/rooms/abc".
	Method string
	Path   string
	// RetryAfter is the server's Retry-After hint. It is set on a 429 (or 503)
	// whose hint was longer than the SDK waits on its own.
	RetryAfter time.Duration
	// Attempts is how many requests were sent for this call (1 without retries).
	Attempts int
	// Body is the start (at most 1 MiB) of the raw response body.
	Body []byte
	// Location is the target of a redirect the SDK did not follow (a 3xx
	// answer to a POST, see the README's "Redirects and proxies"), reduced
	// to scheme, host and path: never its user info, query or fragment.
	Location string

	// notFound makes a 400 match ErrNotFound where VideoSDK uses 400 for an
	// unknown resource (room validation).
	notFound bool
}

// Error reads like: videosdk: GET /v2/rooms/abc: 404 Not Found: Room not found (request id r-1).
// Every part a server supplied is passed through safeText: one line, no
// control characters, capped.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("videosdk: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(statusLine(e.StatusCode))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(safeText(e.Message, maxMessage))
	}
	if e.Code != "" {
		b.WriteString(" [")
		b.WriteString(safeText(e.Code, maxCode))
		b.WriteByte(']')
	}
	if isRedirect(e.StatusCode) {
		b.WriteString(" (redirect")
		if e.Location != "" {
			b.WriteString(" to ")
			b.WriteString(safeText(e.Location, maxLocation))
		}
		b.WriteString(" not followed)")
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(safeText(e.RequestID, maxRequestID))
		b.WriteByte(')')
	}
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after ")
		b.WriteString(e.RetryAfter.String())
		b.WriteByte(')')
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// isRedirect reports the statuses net/http would follow (and the SDK's
// policy may decline to): 301, 302, 303, 307, 308.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// statusLine is "404 Not Found": the code and the standard text, never the
// reason phrase a server sent.
func statusLine(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

// Is maps the status to the package's sentinels, so
// errors.Is(err, videosdk.ErrNotFound) works on a wrapped *APIError.
func (e *APIError) Is(target error) bool {
	return target != nil && target == sentinelFor(e.StatusCode, e.notFound)
}

func sentinelFor(status int, notFound bool) error {
	switch {
	case notFound && status == http.StatusBadRequest:
		return ErrNotFound
	case status == http.StatusBadRequest, status == http.StatusUnprocessableEntity:
		return ErrBadRequest
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusPaymentRequired, status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

// ResponseError is a success status whose body could not be used: not JSON,
// truncated, larger than the SDK accepts, or missing the expected fields. An
// informational 1xx status (e.g. 101 Switching Protocols from a proxy), which
// is never the answer to an API call, is one too; its connection is closed.
// It matches ErrInvalidResponse.
type ResponseError struct {
	StatusCode int
	Method     string
	Path       string
	RequestID  string
	// Reason says what was wrong with the body.
	Reason string
	// Body is the start (at most 1 KiB) of the body, for diagnostics.
	Body []byte
	// Err is the decoding error, if any.
	Err error
}

// Error describes the call and what was wrong with the body; the reason and
// request id pass through safeText.
func (e *ResponseError) Error() string {
	call := e.Method
	if e.Path != "" {
		call += " " + e.Path
	}
	s := fmt.Sprintf("videosdk: %s: %d: invalid response body: %s", call, e.StatusCode, safeText(e.Reason, maxReason))
	if e.RequestID != "" {
		s += " (request id " + safeText(e.RequestID, maxRequestID) + ")"
	}
	return s
}

// Unwrap returns the decoding error.
func (e *ResponseError) Unwrap() error { return e.Err }

// Is reports whether target is ErrInvalidResponse.
func (e *ResponseError) Is(target error) bool { return target == ErrInvalidResponse }

// invalidParams wraps ErrInvalidParams with a message naming the argument.
func invalidParams(format string, args ...any) error {
	return &paramError{msg: fmt.Sprintf(format, args...)}
}

type paramError struct{ msg string }

func (e *paramError) Error() string        { return "videosdk: invalid parameters: " + e.msg }
func (e *paramError) Unwrap() error        { return ErrInvalidParams }
func (e *paramError) Is(target error) bool { return target == ErrInvalidParams }

// parseErrorBody extracts message and code leniently from an error body: a JSON
// object with the message under message|error|msg|statusMessage and a code
// under code|errorCode, a JSON string, or plain text.
func parseErrorBody(body []byte) (message, code string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "", ""
	}
	switch trimmed[0] {
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(trimmed, &m) == nil {
			for _, k := range [...]string{"message", "error", "msg", "statusMessage"} {
				if s := scalarText(m[k]); s != "" {
					message = s
					break
				}
			}
			if message == "" {
				// {"error":{"message":"..."}} is common enough behind proxies.
				var nested struct {
					Message string `json:"message"`
					Code    any    `json:"code"`
				}
				if raw, ok := m["error"]; ok && json.Unmarshal(raw, &nested) == nil {
					message = nested.Message
					if code == "" {
						code = scalarText(mustJSON(nested.Code))
					}
				}
			}
			for _, k := range [...]string{"code", "errorCode"} {
				if s := scalarText(m[k]); s != "" {
					code = s
					break
				}
			}
			return message, code
		}
	case '"':
		var s string
		if json.Unmarshal(trimmed, &s) == nil {
			return truncateText(s), ""
		}
	}
	return truncateText(string(trimmed)), ""
}

// scalarText renders a JSON string, number or bool as text; anything else as "".
func scalarText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return truncateText(s)
		}
	case '{', '[', 'n':
		return ""
	default:
		return truncateText(string(raw))
	}
	return ""
}

func mustJSON(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

// Caps of the server-supplied fields of the error types, in bytes (a cut
// field ends with "…"). Error() applies the same caps to the escaped text.
const (
	maxMessage           = 512
	maxCode              = 128
	maxRequestID         = transport.MaxRequestID
	maxLocation          = 256
	maxReason            = 512
	maxResponseErrorBody = 1024    // ResponseError.Body
	redactMargin         = 8 << 10 // redacted beyond the cut, see newResponseError
)

// safeText is the one sanitiser for server text in an Error() string (used
// by every error type that shows some): JWT-shaped runs redacted, control
// characters and invisible formatting characters escaped (\n, \x1B,
// \u202E), invalid UTF-8 as \xNN, at most max bytes plus "…". The token and
// secret themselves were already removed where the text entered the SDK.
func safeText(s string, max int) string { return redact.Text(s, max) }

// truncateText keeps messages readable when the server sends an HTML page.
func truncateText(s string) string {
	return capText(strings.TrimSpace(s), maxMessage)
}

// capText cuts s to at most max bytes on a rune boundary, adding "…".
func capText(s string, max int) string {
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
