package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/videosdk-go/videosdk/internal/transport"
)

// This file holds the plumbing of the platform calls whose body or answer
// is not JSON (WHIP/WHEP SDP offers and answers, the CSV export of a batch
// call) or whose answer has no documented shape (the alerting metrics).
// They go through the same retrying transport as every other call, so the
// no-doubled-side-effect and no-redirect rules hold for them too.

// rawCall is one API call with a non-JSON body or answer.
type rawCall struct {
	method, path string
	query        url.Values
	body         []byte // nil: no body
	contentType  string // "": application/json
	accept       string // "": application/json
}

// doRaw sends rc and returns the 2xx answer; any other answer is an
// *APIError (a 1xx or an oversized body a *ResponseError), exactly as do
// maps them.
func (c *Client) doRaw(ctx context.Context, rc rawCall) (*transport.Response, error) {
	if ctx == nil {
		return nil, invalidParams("context is nil")
	}
	req := transport.Request{Method: rc.method, Path: rc.path, Body: rc.body, ContentType: rc.contentType, Accept: rc.accept}
	if len(rc.query) > 0 {
		req.Query = rc.query.Encode()
	}
	resp, err := c.tr.Do(ctx, &req)
	if err != nil {
		return nil, fmt.Errorf("videosdk: %s %s: %w", rc.method, rc.path, err)
	}
	if resp.Informational() {
		return nil, newResponseError(rc.method, rc.path, &resp, statusLine(resp.StatusCode)+" is not an answer to an API call (the connection was closed)", nil)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newAPIError(rc.method, rc.path, &resp)
	}
	if resp.TooLarge {
		return nil, newResponseError(rc.method, rc.path, &resp, fmt.Sprintf("body larger than %d bytes", maxBodyBytes), nil)
	}
	return &resp, nil
}

// rawJSON is an answer kept as sent: any JSON value (object or array) is
// accepted and copied; anything else is an unusable answer.
type rawJSON struct{ out *json.RawMessage }

var errNotJSON = errors.New("not a JSON value")

func (r *rawJSON) decodeAnswer(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || (b[0] != '{' && b[0] != '[') || !json.Valid(b) {
		return errNotJSON
	}
	*r.out = append(json.RawMessage(nil), b...)
	return nil
}

// callRaw performs one call whose answer is JSON of an undocumented shape.
func callRaw(ctx context.Context, c *Client, method, path string, query url.Values, body any) (json.RawMessage, error) {
	var out json.RawMessage
	if err := c.do(ctx, method, path, query, body, &rawJSON{out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// notFoundError is the error of a lookup the API answers with a filtered
// list (Agents.Deployments.Get): an empty list is a 404 to the caller.
func notFoundError(method, path, what string) *APIError {
	return &APIError{StatusCode: 404, Method: method, Path: path, Message: what + " not found"}
}
