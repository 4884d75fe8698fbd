// Reading a request: the body (buffered, size-capped, a JSON object),
// decoding it into an endpoint's fields, paging parameters, and the list
// envelope and not-found answers every endpoint shares.

package videosdktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ---- request helpers ----

const maxRequestBody = 1 << 20

// bufferBody reads r's body (at most maxRequestBody bytes, within
// bodyReadTimeout), checks that it is a JSON object or empty, and puts it
// back in memory for decode. It runs before the server lock is taken.
func bufferBody(w http.ResponseWriter, r *http.Request) *apiError {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(bodyReadTimeout))
	b, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return errorf(http.StatusBadRequest, "Request body could not be read.")
	}
	if len(b) > maxRequestBody {
		return errorf(http.StatusRequestEntityTooLarge, "Request body is larger than %d bytes.", maxRequestBody)
	}
	// The whole body is in: lift the deadline, or the server would cancel
	// the request's context when it passes (e.g. during a Fault.Delay).
	_ = rc.SetReadDeadline(time.Time{})
	if !isSDP(r) { // platform.go: WHIP and WHEP offers are SDP text
		if _, e := jsonObject(b); e != nil {
			return e
		}
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return nil
}

// jsonObject returns body trimmed, "{}" when empty, or an error when it is
// not a JSON object.
func jsonObject(body []byte) ([]byte, *apiError) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return []byte("{}"), nil
	}
	if b[0] != '{' {
		return nil, errorf(http.StatusBadRequest, "Request body must be a JSON object.")
	}
	if !json.Valid(b) {
		return nil, errorf(http.StatusBadRequest, "Request body is not valid JSON.")
	}
	return b, nil
}

// decode reads a JSON object body into v. An empty body counts as {}. The
// body is already in memory (see bufferBody), so decode never waits for the
// client.
func decode(r *http.Request, v any) *apiError {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil || len(raw) > maxRequestBody {
		return errorf(http.StatusBadRequest, "Request body could not be read.")
	}
	b, e := jsonObject(raw)
	if e != nil {
		return e
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errorf(http.StatusBadRequest, "Request body is not valid: %v", err)
	}
	return nil
}

// need reports a missing required field.
func need(field, v string) *apiError {
	if strings.TrimSpace(v) == "" {
		return errorf(http.StatusBadRequest, "%q is required.", field)
	}
	return nil
}

// pageParams reads page and perPage (1-based; defaults 1 and def).
func pageParams(r *http.Request, def int) (page, perPage int, e *apiError) {
	q := r.URL.Query()
	page, perPage = 1, def
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &page}, {"perPage", &perPage}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, errorf(http.StatusBadRequest, "%q must be a positive integer.", p.name)
		}
		*p.dst = n
	}
	return page, perPage, nil
}

// listEnvelope is {"pageInfo":…, "data":[…]}.
type listEnvelope struct {
	PageInfo pageInfo `json:"pageInfo"`
	Data     any      `json:"data"`
}

func notFound(what, id string) *apiError {
	return errorf(http.StatusNotFound, "%s %q not found.", what, id)
}

// timeRange reads two optional ISO 8601 query parameters bounding a list
// (zero when absent), refusing a value that is not a time.
func timeRange(q url.Values, startName, endName string) (from, to time.Time, e *apiError) {
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{startName, &from}, {endName, &to}} {
		if v := q.Get(f.name); v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return time.Time{}, time.Time{}, badRequest("%q must be an ISO 8601 time.", f.name)
			}
			*f.dst = t
		}
	}
	return from, to, nil
}
