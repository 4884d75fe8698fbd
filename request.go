// The request plumbing every service method goes through: path building
// and id checks, Client.do (encode, send through the retrying transport,
// classify, decode), and the error values built from an answer.

package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/videosdk-go/videosdk/internal/redact"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// pathf builds an API path from a format whose verbs are all %s, escaping
// every argument with url.PathEscape. An empty argument, ".", "..", or one
// containing "/", "\" or control characters is refused before any I/O, so an
// ID can never move a request to another endpoint.
//
// The arguments are spliced in by hand: fmt.Sprintf cost an []any, a
// boxing per argument and the formatting machinery on every call.
func pathf(format string, names []string, args ...string) (string, error) {
	for i, a := range args {
		name := "id"
		if i < len(names) {
			name = names[i]
		}
		if err := checkPathArg(name, a); err != nil {
			return "", err
		}
	}
	if strings.Count(format, "%") != len(args) || strings.Count(format, "%s") != len(args) {
		// Not the plain "%s" format this is meant for: let fmt say what is wrong.
		escaped := make([]any, len(args))
		for i, a := range args {
			escaped[i] = url.PathEscape(a)
		}
		return fmt.Sprintf(format, escaped...), nil
	}
	var b strings.Builder
	b.Grow(len(format) + 16*len(args))
	for _, a := range args {
		i := strings.Index(format, "%s")
		b.WriteString(format[:i])
		b.WriteString(url.PathEscape(a))
		format = format[i+2:]
	}
	b.WriteString(format)
	return b.String(), nil
}

func checkPathArg(name, v string) error {
	if strings.TrimSpace(v) == "" {
		return invalidParams("%s is empty", name)
	}
	if v == "." || strings.Contains(v, "..") {
		return invalidParams("%s %q contains a dot segment", name, v)
	}
	if strings.ContainsAny(v, "/\\") {
		return invalidParams("%s %q contains a path separator", name, v)
	}
	for _, r := range v {
		if r < 0x20 || r == 0x7f {
			return invalidParams("%s %q contains a control character", name, v)
		}
	}
	return nil
}

// required returns an ErrInvalidParams error when v is blank.
func required(name, v string) error {
	if strings.TrimSpace(v) == "" {
		return invalidParams("%s is required", name)
	}
	return nil
}

// callFor performs one API call whose success body is one object and
// returns it decoded into a new T (do with out = new(T)): the shape of every
// Get, Create, Start and Capture that answers with the object itself.
func callFor[T any](ctx context.Context, c *Client, method, path string, query url.Values, body any) (*T, error) {
	out := new(T)
	if err := c.do(ctx, method, path, query, body, out); err != nil {
		return nil, err
	}
	return out, nil
}

// do performs one API call: it marshals body (when non-nil), sends it through
// the retrying transport and decodes a success body into out (when non-nil).
// Action endpoints pass out == nil: their JSON-string, plain-text or empty
// answers are all success.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	if ctx == nil {
		return invalidParams("context is nil")
	}
	req := transport.Request{Method: method, Path: path}
	if len(query) > 0 {
		req.Query = query.Encode()
	}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return invalidParams("encoding request body: %v", err)
		}
		req.Body = b
	}
	resp, err := c.tr.Do(ctx, &req)
	if err != nil {
		return fmt.Errorf("videosdk: %s %s: %w", method, path, err)
	}
	if resp.Informational() {
		// net/http answers a 101 with the raw connection; other 1xx only
		// come from custom RoundTrippers. The transport closed either unread.
		return newResponseError(method, path, &resp, statusLine(resp.StatusCode)+" is not an answer to an API call (the connection was closed)", nil)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newAPIError(method, path, &resp)
	}
	if resp.TooLarge {
		return newResponseError(method, path, &resp, fmt.Sprintf("body larger than %d bytes", maxBodyBytes), nil)
	}
	if out == nil {
		return nil
	}
	if a, ok := out.(answerDecoder); ok {
		if err := a.decodeAnswer(resp.Body); err != nil {
			return newResponseError(method, path, &resp, err.Error(), err)
		}
		if d, ok := out.(serverDated); ok { // StartResult: see startresult.go
			d.serverDate(resp.Header.Get("Date"))
		}
		return nil
	}
	return decodeBody(method, path, &resp, out)
}

// newAPIError and newResponseError are where server text enters an error:
// every field that holds some (body, message, code, request id, redirect
// target, reason, wrapped decode error) goes through resp's redaction of the
// token the request carried, the API secret and JWT-shaped runs, and is
// capped. Error() then escapes control characters (see safeText).
func newAPIError(method, path string, resp *transport.Response) *APIError {
	body := resp.Redact(resp.Body)
	msg, code := parseErrorBody(body)
	e := &APIError{
		StatusCode: resp.StatusCode,
		Code:       capText(code, maxCode),
		Message:    msg,
		RequestID:  requestID(resp),
		Method:     method,
		Path:       path,
		RetryAfter: resp.RetryAfter,
		Attempts:   resp.Attempts,
		Body:       body,
	}
	if isRedirect(resp.StatusCode) {
		e.Location = capText(resp.RedactString(redact.URL(resp.Header.Get("Location"))), maxLocation)
	}
	return e
}

func newResponseError(method, path string, resp *transport.Response, reason string, err error) *ResponseError {
	// Redact a little more than is kept, so a token crossing the cut is
	// still seen whole.
	b := resp.Body
	if len(b) > maxResponseErrorBody+redactMargin {
		b = b[:maxResponseErrorBody+redactMargin]
	}
	b = resp.Redact(b)
	if len(b) > maxResponseErrorBody {
		b = b[:maxResponseErrorBody]
	}
	return &ResponseError{
		StatusCode: resp.StatusCode,
		Method:     method,
		Path:       path,
		RequestID:  requestID(resp),
		Reason:     capText(resp.RedactString(reason), maxReason),
		Body:       append([]byte(nil), b...),
		Err:        resp.RedactError(err),
	}
}

// requestID is the server's request id header, redacted and capped.
func requestID(resp *transport.Response) string {
	id := transport.RequestID(resp.Header)
	if id == "" {
		return ""
	}
	return capText(resp.RedactString(id), transport.MaxRequestID)
}

// decodeBody decodes a success body that must be a JSON object into out in
// one encoding/json pass, then runs out's normalize and validResponse when it
// has them (wire.go).
func decodeBody(method, path string, resp *transport.Response, out any) error {
	b := bytes.TrimSpace(resp.Body)
	if len(b) == 0 {
		return newResponseError(method, path, resp, "empty body where a JSON object was expected", nil)
	}
	if b[0] != '{' {
		return newResponseError(method, path, resp, "not a JSON object", nil)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return newResponseError(method, path, resp, err.Error(), err)
	}
	if n, ok := out.(normalizer); ok {
		n.normalize()
	}
	if v, ok := out.(interface{ validResponse() error }); ok {
		if err := v.validResponse(); err != nil {
			return newResponseError(method, path, resp, err.Error(), err)
		}
	}
	return nil
}
