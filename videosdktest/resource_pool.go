package videosdktest

import (
	"fmt"
	"net/http"
	"time"

	"github.com/videosdk-go/videosdk"
)

// defaultResourceCapacity is how many units the fake's pool holds (the
// fake's choice; SetResourceCapacity changes it). Released units free
// their place.
const defaultResourceCapacity = 10

type resourceUnit struct {
	id, status, typ, mode, quality, webhookURL string
	composerIDs                                []string
	readyAt                                    time.Time
	createdAt                                  time.Time
}

type unitJSON struct {
	ID          string   `json:"id"`
	Status      string   `json:"status"`
	Type        string   `json:"type"`
	Mode        string   `json:"mode"`
	Quality     string   `json:"quality"`
	ComposerIDs []string `json:"composerIds"`
	WebhookURL  string   `json:"webhookUrl"`
}

func unitView(u *resourceUnit) unitJSON {
	ids := u.composerIDs
	if ids == nil {
		ids = []string{}
	}
	return unitJSON{ID: u.id, Status: u.status, Type: u.typ, Mode: u.mode, Quality: u.quality, ComposerIDs: ids, WebhookURL: u.webhookURL}
}

// SetResourceCapacity sets how many units the resource pool can hand out
// at once (default 10); an acquire beyond it is answered 400.
func (s *Server) SetResourceCapacity(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.plat.capacity = n
}

func (s *Server) unitsInUse() int {
	n := 0
	for _, u := range s.st.plat.units {
		if u.status != "released" {
			n++
		}
	}
	return n
}

func (s *Server) acquireUnits(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var b struct {
		Type       string `json:"type"`
		WebhookURL string `json:"webhookUrl"`
		Mode       string `json:"mode"`
		Quality    string `json:"quality"`
		Units      *int   `json:"units"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("type", b.Type); e != nil {
		return nil, e
	}
	if e := need("webhookUrl", b.WebhookURL); e != nil {
		return nil, e
	}
	if e := oneOfStr("type", b.Type, "recording", "hls", "rtmp"); e != nil {
		return nil, e
	}
	if e := oneOfStr("mode", b.Mode, "video-and-audio", "audio"); e != nil {
		return nil, e
	}
	if e := oneOfStr("quality", b.Quality, "low", "med", "high"); e != nil {
		return nil, e
	}
	n := 1
	if b.Units != nil {
		n = *b.Units
	}
	if n < 1 {
		return nil, badRequest("%q must be at least 1.", "units")
	}
	pf := &s.st.plat
	capacity := pf.capacity
	if capacity == 0 {
		capacity = defaultResourceCapacity
	}
	if used := s.unitsInUse(); used+n > capacity {
		return nil, badRequest("Not enough capacity: %d of %d units are in use.", used, capacity)
	}
	if pf.unitBy == nil {
		pf.unitBy = map[string]*resourceUnit{}
	}
	now := s.st.clock()
	out := make([]unitJSON, 0, n)
	for range n {
		u := &resourceUnit{id: s.st.objectID(), status: "pending", typ: b.Type, mode: cmp(b.Mode, "video-and-audio"),
			quality: cmp(b.Quality, "med"), webhookURL: b.WebhookURL, readyAt: now.Add(s.st.delay), createdAt: now}
		pf.units = append(pf.units, u)
		pf.unitBy[u.id] = u
		out = append(out, unitView(u))
	}
	return struct {
		Success bool       `json:"success"`
		Data    []unitJSON `json:"data"`
	}{true, out}, nil
}

// advanceUnits makes pending units idle once ready (after
// WithProcessingDelay; at the next request by default), sending
// resource-acquired to their webhookUrl.
func (s *Server) advanceUnits() {
	now := s.st.clock()
	for _, u := range s.st.plat.units {
		if u.status == "pending" && !now.Before(u.readyAt) {
			u.status = "idle"
			s.emitProduct(u.webhookURL, videosdk.WebhookResourceAcquired, struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			}{u.id, u.typ})
		}
	}
}

func (s *Server) releaseUnits(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var b struct {
		IDs []string `json:"ids"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if len(b.IDs) == 0 {
		return nil, badRequest("%q is required.", "ids")
	}
	type result struct {
		ID      string `json:"id"`
		Success bool   `json:"success"`
		Msg     string `json:"msg"`
	}
	out := make([]result, 0, len(b.IDs))
	for _, id := range b.IDs {
		u := s.st.plat.unitBy[id]
		switch {
		case u == nil:
			out = append(out, result{id, false, "resource not found"})
		case u.status != "idle":
			out = append(out, result{id, false, fmt.Sprintf("resource is %s", u.status)})
		default:
			u.status = "released"
			out = append(out, result{id, true, "resource released"})
		}
	}
	return struct {
		Success bool     `json:"success"`
		Data    []result `json:"data"`
	}{true, out}, nil
}

func (s *Server) listUnits(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	status := r.URL.Query().Get("status")
	if e := oneOfStr("status", status, "pending", "idle", "composing", "released"); e != nil {
		return nil, e
	}
	var keep func(*resourceUnit) bool
	if status != "" {
		keep = func(u *resourceUnit) bool { return u.status == status }
	}
	items, info := newestPage(s.st.plat.units, keep, page, perPage)
	out := make([]unitJSON, 0, len(items))
	for _, u := range items {
		out = append(out, unitView(u))
	}
	return listEnvelope{PageInfo: info, Data: out}, nil
}

func (s *Server) getUnit(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	u := s.st.plat.unitBy[pathID(r)]
	if u == nil {
		return nil, notFound("Resource", pathID(r))
	}
	return dataAnswer{unitView(u)}, nil
}
