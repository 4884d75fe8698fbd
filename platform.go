package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
)

// This file holds the plumbing shared by the platform services (SIP, AI
// agents, batch calls, connectors, ingest, resource pool, alerting;
// SPEC-PLATFORM.md). Their answers do not share one envelope (§0.1): an
// object may come wrapped under a documented key ("data", "alertRule",
// "channel", …) or bare, and a list keeps its items under "data" or under a
// product's own key ("deployments", "batchCalls", "records", …). The helpers
// here unwrap tolerantly and decode the chosen value with encoding/json, in
// one pass, into the plain public type.

// MessageResponse is the answer of the platform's delete and action calls
// that return only a sentence, e.g. {"message": "Gateway deleted"}. Never
// parse Message: its wording is not part of the API.
type MessageResponse struct {
	Message string `json:"message,omitempty"`
	// Raw is the whole answer as sent (an object, a JSON string, plain text
	// or empty), for fields the documentation does not list.
	Raw json.RawMessage `json:"-"`
}

// decodeAnswer implements answerDecoder: an object gives its "message", a
// JSON string or plain text becomes Message.
func (m *MessageResponse) decodeAnswer(b []byte) error {
	obj, text, err := splitAnswer(b)
	if err != nil {
		return err
	}
	if obj == nil {
		*m = MessageResponse{Message: capText(text, maxPlatformMessage)}
		if len(bytes.TrimSpace(b)) > 0 && json.Valid(b) {
			m.Raw = append(json.RawMessage(nil), bytes.TrimSpace(b)...)
		}
		return nil
	}
	var w struct {
		Message string `json:"message"`
	}
	if err := json.Unmarshal(obj, &w); err != nil {
		return err
	}
	*m = MessageResponse{Message: capText(w.Message, maxPlatformMessage), Raw: append(json.RawMessage(nil), obj...)}
	return nil
}

// maxMessage caps a platform answer's message, as StartResult's is capped.
const maxPlatformMessage = 512

// normalizer is implemented by platform types that fix themselves up after
// decoding (for example copying callId to ID, as the Node SDK does).
type normalizer interface{ normalize() }

// validator is implemented by platform types that can tell an answer that is
// not one of them (an empty object where a gateway was expected).
type validator interface{ validResponse() error }

// unwrapped decodes a platform object answer into *T: when the body is an
// object whose key (if key != "") holds an object, that value is decoded,
// otherwise the whole body (SPEC-PLATFORM §0.1). It implements answerDecoder
// so that decode failures become a *ResponseError in Client.do.
type unwrapped[T any] struct {
	key string
	out *T
}

var errNotObject = errors.New("not a JSON object")

func (u *unwrapped[T]) decodeAnswer(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return errors.New("empty body where a JSON object was expected")
	}
	if b[0] != '{' {
		return errNotObject
	}
	if u.key != "" {
		inner, err := pickKey(b, u.key)
		if err != nil {
			return err
		}
		if len(inner) > 0 && inner[0] == '{' {
			b = inner
		}
	}
	if err := json.Unmarshal(b, u.out); err != nil {
		return err
	}
	if n, ok := any(u.out).(normalizer); ok {
		n.normalize()
	}
	if v, ok := any(u.out).(validator); ok {
		return v.validResponse()
	}
	return nil
}

// pickKey returns the raw value of key in the JSON object b (nil when
// absent). It decodes only the top level: each value stays raw.
func pickKey(b []byte, key string) (json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(top[key]), nil
}

// callUnwrapped performs one platform call whose answer is one object,
// possibly wrapped under key, and returns it decoded into a new T.
func callUnwrapped[T any](ctx context.Context, c *Client, method, path string, query url.Values, body any, key string) (*T, error) {
	out := new(T)
	if err := c.do(ctx, method, path, query, body, &unwrapped[T]{key: key, out: out}); err != nil {
		return nil, err
	}
	return out, nil
}

// callMessage performs one platform call whose answer is a sentence
// ({"message": …}, a JSON string, plain text or empty).
func callMessage(ctx context.Context, c *Client, method, path string, query url.Values, body any) (*MessageResponse, error) {
	out := new(MessageResponse)
	if err := c.do(ctx, method, path, query, body, out); err != nil {
		return nil, err
	}
	return out, nil
}

// unwrappedPage decodes a platform list answer: {"pageInfo": …, itemKey:
// […]} (itemKey defaults to "data"), where the list may also sit one level
// down under "data" ({"data": {"pageInfo": …, itemKey: […]}}), and a bare
// array is a complete list.
type unwrappedPage[T any] struct {
	itemKey string
	out     *Page[T]
}

var errNoPlatformItems = errors.New("list response holds no item array")

func (u *unwrappedPage[T]) decodeAnswer(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return errors.New("empty body where a list was expected")
	}
	key := u.itemKey
	if key == "" {
		key = "data"
	}
	switch b[0] {
	case '[':
		var items []T
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
		normalizeAll(items)
		*u.out = *newPage(items, nil, nil)
		return nil
	case '{':
	default:
		return errNotObject
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return err
	}
	items, ok := top[key]
	if !ok && key != "data" {
		// {"data": {"pageInfo": …, key: […]}}
		if inner := bytes.TrimSpace(top["data"]); len(inner) > 0 && inner[0] == '{' {
			if err := json.Unmarshal(inner, &top); err != nil {
				return err
			}
			items, ok = top[key]
		}
	}
	items = bytes.TrimSpace(items)
	if !ok || len(items) == 0 || items[0] != '[' {
		if key != "data" {
			if d := bytes.TrimSpace(top["data"]); len(d) > 0 && d[0] == '[' {
				items, ok = d, true
			}
		}
		if !ok || len(items) == 0 || items[0] != '[' {
			return fmt.Errorf("%w (looked for %q)", errNoPlatformItems, key)
		}
	}
	var list []T
	if err := json.Unmarshal(items, &list); err != nil {
		return err
	}
	normalizeAll(list)
	var info *PageInfo
	if raw := top["pageInfo"]; len(raw) > 0 && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		info = new(PageInfo)
		if err := json.Unmarshal(raw, info); err != nil {
			return err
		}
	}
	*u.out = *newPage(list, info, nil)
	return nil
}

func normalizeAll[T any](items []T) {
	for i := range items {
		if n, ok := any(&items[i]).(normalizer); ok {
			n.normalize()
		}
	}
}

// listUnwrapped performs one GET of a platform list whose items sit under
// itemKey ("" for "data").
func listUnwrapped[T any](ctx context.Context, c *Client, path string, q url.Values, itemKey string) (*Page[T], error) {
	out := new(Page[T])
	if err := c.do(ctx, "GET", path, q, nil, &unwrappedPage[T]{itemKey: itemKey, out: out}); err != nil {
		return nil, err
	}
	return out, nil
}
