package videosdktest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

// The fake's choices for batch calls (see the package doc): each record of
// a running batch is dialled in turn, one every dialGap on the fake's
// clock; its outcome is drawn from the server's seeded generator when the
// batch starts (about 60% answered, 25% busy, 15% not connected).
const (
	dialGap            = 5 * time.Second
	maxBatchFile       = 5 << 20
	storagePrefix      = "/_storage/"
	batchStatusPending = "scheduled"
)

type batchCall struct {
	id                                                   string
	name, description, phoneNumberID, routingRuleID      string
	timing, timezone, schedTime, schedDate               string
	allowedFrom, allowedUntil                            string
	days                                                 []int
	retry                                                json.RawMessage
	hookURL                                              string
	hookEvents                                           []string
	status                                               string
	fileName, ext, key, sig                              string
	file                                                 []byte
	parseErr                                             string
	parseDue, startAt, createdAt, updatedAt, scheduledAt time.Time
	records                                              []*batchRecord
	recordBy                                             map[string]*batchRecord
	deleted                                              bool
	cancelAt                                             *time.Time
}

type batchRecord struct {
	id, phone, status, callID, reason string
	metadata                          map[string]string
	attempts                          int
	duration                          *float64
	outcome                           string
	dueAt                             time.Time
	createdAt, updatedAt              time.Time
	deleted                           bool
}

// ---- upload ----

func isStoragePath(p string) bool { return strings.HasPrefix(p, storagePrefix) }

// serveStorage takes the PUT of a presigned upload URL: no token, the
// signature in the query is the credential.
func (s *Server) serveStorage(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut {
		w.Header().Set("Allow", "PUT")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBatchFile+1))
	if err != nil || len(body) > maxBatchFile {
		http.Error(w, "file unreadable or larger than 5 MB", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	key := strings.TrimPrefix(r.URL.Path, storagePrefix)
	b := s.st.plat.uploadBy[key]
	if b == nil || b.sig == "" || r.URL.Query().Get("signature") != b.sig {
		http.Error(w, "AccessDenied", http.StatusForbidden)
		return
	}
	b.file, b.sig = body, "" // a presigned URL is used once
	b.status, b.updatedAt = "uploaded", s.st.clock()
	w.WriteHeader(http.StatusOK)
}

func (s *Server) uploadBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var q struct {
		FileName string `json:"fileName"`
		FileSize *int64 `json:"fileSize"`
		BatchID  string `json:"batchId"`
	}
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	if e := need("fileName", q.FileName); e != nil {
		return nil, e
	}
	ext := strings.ToLower(path.Ext(q.FileName))
	if e := oneOfStr("file type", ext, ".csv", ".xls", ".xlsx"); e != nil {
		return nil, e
	}
	if q.FileSize == nil || *q.FileSize <= 0 || *q.FileSize > maxBatchFile {
		return nil, badRequest("%q must be 1..%d bytes.", "fileSize", maxBatchFile)
	}
	pf := &s.st.plat
	if pf.batchBy == nil {
		pf.batchBy, pf.uploadBy = map[string]*batchCall{}, map[string]*batchCall{}
	}
	now := s.st.clock()
	var b *batchCall
	if q.BatchID != "" {
		var e *apiError
		if b, e = s.lookupBatch(q.BatchID); e != nil {
			return nil, e
		}
		if !isOneOf(b.status, "uploaded", "parsed", "parse_failed", "draft") {
			return nil, badRequest("Batch %q is %s: its file cannot be replaced.", b.id, b.status)
		}
		delete(pf.uploadBy, b.key)
	} else {
		b = &batchCall{id: s.st.objectID(), createdAt: now, recordBy: map[string]*batchRecord{}}
		pf.batches = append(pf.batches, b)
		pf.batchBy[b.id] = b
	}
	b.fileName, b.ext = path.Base(q.FileName), strings.TrimPrefix(ext, ".")
	b.key = "batch-calls/" + b.id + "/" + s.st.word(8) + ext
	b.sig = s.st.word(32)
	b.status, b.updatedAt, b.file = "draft", now, nil
	pf.uploadBy[b.key] = b
	return struct {
		PresignedURL string `json:"presignedUrl"`
		BatchID      string `json:"batchId"`
	}{s.base + storagePrefix + b.key + "?signature=" + b.sig, b.id}, nil
}

func isOneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func (s *Server) parseBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var q struct {
		BatchID string `json:"batchId"`
	}
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	if e := need("batchId", q.BatchID); e != nil {
		return nil, e
	}
	b, e := s.lookupBatch(q.BatchID)
	if e != nil {
		return nil, e
	}
	if b.file == nil {
		return nil, badRequest("Batch %q has no uploaded file.", b.id)
	}
	if !isOneOf(b.status, "uploaded", "parsed", "parse_failed") {
		return nil, badRequest("Batch %q is %s.", b.id, b.status)
	}
	b.status, b.parseDue, b.updatedAt = "parsing", s.st.clock().Add(s.st.delay), s.st.clock()
	s.advanceBatches()
	return messageAnswer{"Parsing started"}, nil
}

var phoneColumns = []string{"phonenumber", "phone_number", "phone", "number", "mobile"}

// parseFile turns the uploaded CSV into records: a header row with a phone
// column (phoneNumber, phone_number, phone, number or mobile); the other
// columns become each record's metadata. The fake parses CSV only.
func (s *Server) parseFile(b *batchCall) {
	fail := func(format string, args ...any) {
		b.status, b.parseErr, b.records = "parse_failed", fmt.Sprintf(format, args...), nil
	}
	if b.ext != "csv" {
		fail("videosdktest parses CSV files only")
		return
	}
	rows, err := csv.NewReader(bytes.NewReader(b.file)).ReadAll()
	if err != nil {
		fail("invalid CSV: %v", err)
		return
	}
	if len(rows) < 2 {
		fail("the file has no records")
		return
	}
	col := -1
	for i, h := range rows[0] {
		if isOneOf(strings.ToLower(strings.TrimSpace(h)), phoneColumns...) {
			col = i
			break
		}
	}
	if col < 0 {
		fail("no phone number column (phoneNumber, phone, number or mobile)")
		return
	}
	b.records, b.recordBy = nil, map[string]*batchRecord{}
	now := s.st.clock()
	for n, row := range rows[1:] {
		phone := ""
		if col < len(row) {
			phone = strings.TrimSpace(row[col])
		}
		if phone == "" {
			fail("row %d: phone number missing", n+2)
			return
		}
		rec := &batchRecord{id: s.st.objectID(), phone: phone, status: batchStatusPending, metadata: map[string]string{}, createdAt: now, updatedAt: now}
		for i, h := range rows[0] {
			if i != col && i < len(row) {
				rec.metadata[strings.TrimSpace(h)] = row[i]
			}
		}
		b.records = append(b.records, rec)
		b.recordBy[rec.id] = rec
	}
	b.status, b.parseErr = "parsed", ""
}

// ---- create, read, update ----

type batchWebhookJSON struct {
	Endpoint string   `json:"endpoint"`
	Events   []string `json:"events"`
}

type createBatchReq struct {
	BatchName     *string           `json:"batchName"`
	PhoneNumberID *string           `json:"phoneNumberId"`
	RoutingRuleID *string           `json:"routingRuleId"`
	Description   *string           `json:"description"`
	Timing        *string           `json:"timing"`
	Timezone      *string           `json:"timezone"`
	ScheduledTime *string           `json:"scheduledTime"`
	ScheduledDate *string           `json:"scheduledDate"`
	AllowedFrom   *string           `json:"allowedFrom"`
	AllowedUntil  *string           `json:"allowedUntil"`
	DaysOfWeek    []int             `json:"daysOfWeek"`
	Retry         json.RawMessage   `json:"retry"`
	Webhook       *batchWebhookJSON `json:"webhook"`
	BatchID       string            `json:"batchId"`
	SaveAsDraft   *bool             `json:"saveAsDraft"`
}

var (
	hhmmRe = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// apply copies q's fields into b and checks the result.
func (q *createBatchReq) apply(b *batchCall) *apiError {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&b.name, q.BatchName)
	set(&b.phoneNumberID, q.PhoneNumberID)
	set(&b.routingRuleID, q.RoutingRuleID)
	set(&b.description, q.Description)
	set(&b.timing, q.Timing)
	set(&b.timezone, q.Timezone)
	set(&b.schedTime, q.ScheduledTime)
	set(&b.schedDate, q.ScheduledDate)
	set(&b.allowedFrom, q.AllowedFrom)
	set(&b.allowedUntil, q.AllowedUntil)
	if q.DaysOfWeek != nil {
		b.days = q.DaysOfWeek
	}
	if !isNull(q.Retry) {
		var rt struct {
			Enabled     bool     `json:"enabled"`
			RetryOn     []string `json:"retryOn"`
			MaxAttempts int      `json:"maxAttempts"`
		}
		if json.Unmarshal(q.Retry, &rt) != nil || (rt.MaxAttempts != 0 && (rt.MaxAttempts < 1 || rt.MaxAttempts > 3)) {
			return badRequest("%q must be {enabled, retryOn, maxAttempts 1..3}.", "retry")
		}
		for _, o := range rt.RetryOn {
			if !isOneOf(o, "failed", "not-answered", "rejected", "missed", "abandoned") {
				return badRequest("retry.retryOn %q is not a retryable outcome.", o)
			}
		}
		b.retry = q.Retry
	}
	if b.timing == "" {
		b.timing = "immediate"
	}
	if b.timezone == "" {
		b.timezone = "Asia/Calcutta"
	}
	for _, f := range [][2]string{{"batchName", b.name}, {"phoneNumberId", b.phoneNumberID}, {"routingRuleId", b.routingRuleID}} {
		if e := need(f[0], f[1]); e != nil {
			return e
		}
	}
	if e := oneOfStr("timing", b.timing, "immediate", "scheduled"); e != nil {
		return e
	}
	for _, f := range [][2]string{{"scheduledTime", b.schedTime}, {"allowedFrom", b.allowedFrom}, {"allowedUntil", b.allowedUntil}} {
		if f[1] != "" && !hhmmRe.MatchString(f[1]) {
			return badRequest("%q must be HH:MM.", f[0])
		}
	}
	if b.schedDate != "" && !dateRe.MatchString(b.schedDate) {
		return badRequest("%q must be YYYY-MM-DD.", "scheduledDate")
	}
	for _, d := range b.days {
		if d < 0 || d > 6 {
			return badRequest("%q must hold 0..6.", "daysOfWeek")
		}
	}
	if _, err := time.LoadLocation(b.timezone); err != nil {
		return badRequest("%q %q is not an IANA time zone.", "timezone", b.timezone)
	}
	if b.timing == "scheduled" {
		if b.schedDate == "" || b.schedTime == "" {
			return badRequest("A scheduled batch needs scheduledDate and scheduledTime.")
		}
		loc, _ := time.LoadLocation(b.timezone)
		at, err := time.ParseInLocation("2006-01-02 15:04", b.schedDate+" "+b.schedTime, loc)
		if err != nil {
			return badRequest("%q is not a date.", "scheduledDate")
		}
		b.scheduledAt = at.UTC()
	}
	return nil
}

func (s *Server) createBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var q createBatchReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	pf := &s.st.plat
	if pf.batchBy == nil {
		pf.batchBy, pf.uploadBy = map[string]*batchCall{}, map[string]*batchCall{}
	}
	now := s.st.clock()
	var b *batchCall
	if q.BatchID != "" {
		var e *apiError
		if b, e = s.lookupBatch(q.BatchID); e != nil {
			return nil, e
		}
		if b.status != "parsed" {
			return nil, badRequest("Batch %q is %s, not parsed.", b.id, b.status)
		}
	} else {
		b = &batchCall{id: s.st.objectID(), createdAt: now, recordBy: map[string]*batchRecord{}}
	}
	cp := *b
	if e := q.apply(&cp); e != nil {
		return nil, e
	}
	if w := q.Webhook; w != nil {
		if e := need("webhook.endpoint", w.Endpoint); e != nil {
			return nil, e
		}
		for _, ev := range w.Events {
			if !isOneOf(ev, string(videosdk.WebhookBatchCallStarted), string(videosdk.WebhookBatchCallCompleted)) {
				return nil, badRequest("webhook.events %q is not a batch call event.", ev)
			}
		}
		cp.hookURL, cp.hookEvents = w.Endpoint, w.Events
	}
	*b = cp
	if q.BatchID == "" {
		pf.batches = append(pf.batches, b)
		pf.batchBy[b.id] = b
	}
	b.updatedAt = now
	s.schedule(b, q.SaveAsDraft != nil && *q.SaveAsDraft)
	return s.batchView(b, false), nil
}

// schedule moves a created (or updated) batch to draft, scheduled or
// running.
func (s *Server) schedule(b *batchCall, draft bool) {
	switch {
	case draft:
		b.status = "draft"
	case b.timing == "scheduled" && b.scheduledAt.After(s.st.clock()):
		b.status = "scheduled"
	default:
		at := s.st.clock()
		if b.timing == "scheduled" {
			at = b.scheduledAt
		}
		s.startBatch(b, at)
	}
}

// startBatch starts dialling b's records at at, one every dialGap, with
// outcomes drawn now from the seeded generator.
func (s *Server) startBatch(b *batchCall, at time.Time) {
	b.status, b.startAt, b.updatedAt = "running", at, at
	k := 0
	for _, rec := range b.records {
		if rec.deleted || rec.status != batchStatusPending {
			continue
		}
		k++
		rec.dueAt = at.Add(time.Duration(k) * dialGap)
		switch n := s.st.rng.IntN(100); {
		case n < 60:
			rec.outcome = "answered"
		case n < 85:
			rec.outcome = "busy"
		default:
			rec.outcome = "not connected"
		}
	}
	s.emitBatch(b, videosdk.WebhookBatchCallStarted)
}

func (s *Server) emitBatch(b *batchCall, typ videosdk.WebhookEventType) {
	if b.hookURL == "" || (len(b.hookEvents) > 0 && !isOneOf(string(typ), b.hookEvents...)) {
		return
	}
	s.emitProduct(b.hookURL, typ, s.batchView(b, false))
}

// advanceBatches moves every batch to the state due now: parses finish,
// scheduled batches start, due records are dialled, finished batches
// complete (queueing their webhooks).
func (s *Server) advanceBatches() {
	now := s.st.clock()
	for _, b := range s.st.plat.batches {
		if b.deleted {
			continue
		}
		if b.status == "parsing" && !now.Before(b.parseDue) {
			s.parseFile(b)
			b.updatedAt = b.parseDue
		}
		if b.status == "scheduled" && !now.Before(b.scheduledAt) {
			s.startBatch(b, b.scheduledAt)
		}
		if b.status != "running" && b.status != "cancelling" {
			continue
		}
		last := b.startAt
		pending := false
		for _, rec := range b.records {
			if rec.deleted || rec.status != batchStatusPending || rec.outcome == "" {
				continue
			}
			if b.cancelAt != nil && rec.dueAt.After(*b.cancelAt) {
				rec.status, rec.updatedAt = "cancelled", *b.cancelAt
				continue
			}
			if now.Before(rec.dueAt) {
				pending = true
				continue
			}
			s.dial(rec)
			if rec.dueAt.After(last) {
				last = rec.dueAt
			}
		}
		if pending {
			continue
		}
		if b.status == "cancelling" {
			b.status, b.updatedAt = "cancelled", last
			continue
		}
		b.status, b.updatedAt = "completed", last
		s.emitBatch(b, videosdk.WebhookBatchCallCompleted)
	}
}

// dial records the outcome of rec's call.
func (s *Server) dial(rec *batchRecord) {
	rec.attempts++
	rec.status, rec.updatedAt, rec.callID = rec.outcome, rec.dueAt, s.st.uuid()
	if rec.outcome == "answered" {
		d := float64(10 + s.st.rng.IntN(110))
		rec.duration = &d
	} else {
		rec.reason = rec.outcome
	}
}

func (s *Server) lookupBatch(id string) (*batchCall, *apiError) {
	b := s.st.plat.batchBy[id]
	if b == nil || b.deleted {
		return nil, notFound("Batch call", id)
	}
	return b, nil
}

type batchJSON struct {
	BatchID         string          `json:"batchId"`
	BatchName       string          `json:"batchName"`
	Description     string          `json:"description"`
	PhoneNumberID   string          `json:"phoneNumberId"`
	PhoneNumber     string          `json:"phoneNumber,omitempty"`
	RoutingRuleID   string          `json:"routingRuleId"`
	Timing          string          `json:"timing"`
	Timezone        string          `json:"timezone"`
	ScheduledTime   string          `json:"scheduledTime,omitempty"`
	ScheduledDate   string          `json:"scheduledDate,omitempty"`
	AllowedFrom     string          `json:"allowedFrom,omitempty"`
	AllowedUntil    string          `json:"allowedUntil,omitempty"`
	DaysOfWeek      []int           `json:"daysOfWeek,omitempty"`
	Retry           json.RawMessage `json:"retry,omitempty"`
	Status          string          `json:"status"`
	File            *batchFileJSON  `json:"file,omitempty"`
	RecordsUploaded int             `json:"recordsUploaded"`
	ParseError      string          `json:"parseError,omitempty"`
	Timestamp       int64           `json:"timestamp"`
	Progress        *float64        `json:"progress,omitempty"`
	CreatedAt       string          `json:"createdAt"`
	UpdatedAt       string          `json:"updatedAt"`
}

type batchFileJSON struct {
	Filename  string `json:"filename"`
	Extension string `json:"extension"`
	Key       string `json:"key"`
}

func (s *Server) batchView(b *batchCall, withProgress bool) batchJSON {
	v := batchJSON{BatchID: b.id, BatchName: b.name, Description: b.description, PhoneNumberID: b.phoneNumberID,
		RoutingRuleID: b.routingRuleID, Timing: b.timing, Timezone: b.timezone, ScheduledTime: b.schedTime,
		ScheduledDate: b.schedDate, AllowedFrom: b.allowedFrom, AllowedUntil: b.allowedUntil, DaysOfWeek: b.days,
		Retry: b.retry, Status: b.status, ParseError: b.parseErr, Timestamp: b.createdAt.Unix(),
		CreatedAt: iso(b.createdAt), UpdatedAt: iso(b.updatedAt)}
	if n := s.sip().numberID[b.phoneNumberID]; n != nil {
		v.PhoneNumber = n.e164 // the number phoneNumberId names (§17 BatchCall)
	}
	if b.fileName != "" {
		v.File = &batchFileJSON{Filename: b.fileName, Extension: b.ext, Key: b.key}
	}
	total, done := 0, 0
	for _, r := range b.records {
		if !r.deleted {
			total++
			if r.status != batchStatusPending {
				done++
			}
		}
	}
	v.RecordsUploaded = total
	if withProgress {
		p := 0.0
		if total > 0 {
			p = float64(done*100) / float64(total)
		}
		v.Progress = &p
	}
	return v
}

func (s *Server) listBatches(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	from, to, e := timeRange(q, "startDate", "endDate")
	if e != nil {
		return nil, e
	}
	minV, maxV := -1, -1
	for _, f := range []struct {
		name string
		dst  *int
	}{{"minValue", &minV}, {"maxValue", &maxV}} {
		if v := q.Get(f.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, badRequest("%q must be a count.", f.name)
			}
			*f.dst = n
		}
	}
	status := q.Get("status")
	keep := func(b *batchCall) bool {
		n := len(b.records)
		return !b.deleted && (status == "" || status == b.status) &&
			(from.IsZero() || !b.createdAt.Before(from)) && (to.IsZero() || !b.createdAt.After(to)) &&
			(minV < 0 || n >= minV) && (maxV < 0 || n <= maxV)
	}
	items, info := newestPage(s.st.plat.batches, keep, page, perPage)
	out := make([]batchJSON, 0, len(items))
	for _, b := range items {
		out = append(out, s.batchView(b, true))
	}
	return struct {
		PageInfo   pageInfo    `json:"pageInfo"`
		BatchCalls []batchJSON `json:"batchCalls"`
	}{info, out}, nil
}

func (s *Server) getBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	return s.batchView(b, false), nil
}

func (s *Server) updateBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	if !isOneOf(b.status, "draft", "scheduled", "parsed") {
		return nil, badRequest("Batch %q is %s: only draft, scheduled and parsed batches can be updated.", b.id, b.status)
	}
	var q createBatchReq
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	if q.BatchID != "" || q.Webhook != nil {
		return nil, badRequest("batchId and webhook cannot be updated.")
	}
	cp := *b
	if e := q.apply(&cp); e != nil {
		return nil, e
	}
	*b = cp
	b.updatedAt = s.st.clock()
	if b.status != "parsed" && (b.status != "draft" || (q.SaveAsDraft != nil && !*q.SaveAsDraft)) {
		s.schedule(b, false)
	}
	return s.batchView(b, false), nil
}

func (s *Server) deleteBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	b.deleted = true
	for _, rec := range b.records {
		rec.deleted = true
	}
	return messageAnswer{"Batch call deleted"}, nil
}

func (s *Server) cancelBatch(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	var q struct {
		Mode string `json:"mode"`
	}
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	if e := need("mode", q.Mode); e != nil {
		return nil, e
	}
	if e := oneOfStr("mode", q.Mode, "graceful", "immediate"); e != nil {
		return nil, e
	}
	if b.status != "running" && b.status != "scheduled" {
		return nil, badRequest("Batch %q is %s: only running and scheduled batches can be cancelled.", b.id, b.status)
	}
	now := s.st.clock()
	cut := now
	if q.Mode == "graceful" && b.status == "running" {
		// The call in progress (the next one due) finishes.
		for _, rec := range b.records {
			if !rec.deleted && rec.status == batchStatusPending && rec.outcome != "" {
				cut = rec.dueAt
				break
			}
		}
		b.status = "cancelling"
	}
	b.cancelAt = &cut
	if b.status != "cancelling" {
		for _, rec := range b.records {
			if !rec.deleted && rec.status == batchStatusPending {
				rec.status, rec.updatedAt = "cancelled", now
			}
		}
		b.status = "cancelled"
	}
	b.updatedAt = now
	s.advanceBatches()
	return s.batchView(b, false), nil
}

func (s *Server) batchStats(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	out := map[string]any{"batchId": b.id, "status": b.status}
	total := 0
	for _, rec := range b.records {
		if rec.deleted {
			continue
		}
		total++
		n, _ := out[rec.status].(int)
		out[rec.status] = n + 1
	}
	out["total"] = total
	return out, nil
}

// ---- records ----

type recordJSON struct {
	BatchID      string            `json:"batchId"`
	RecordID     string            `json:"recordId"`
	PhoneNumber  string            `json:"phoneNumber"`
	Metadata     map[string]string `json:"metadata"`
	Status       string            `json:"status"`
	CallID       string            `json:"callId,omitempty"`
	Reason       string            `json:"reason,omitempty"`
	Attempts     int               `json:"attempts"`
	CallDuration *float64          `json:"callDuration"`
	CreatedAt    string            `json:"createdAt"`
	UpdatedAt    string            `json:"updatedAt"`
}

func recordView(b *batchCall, r *batchRecord) recordJSON {
	return recordJSON{BatchID: b.id, RecordID: r.id, PhoneNumber: r.phone, Metadata: r.metadata, Status: r.status,
		CallID: r.callID, Reason: r.reason, Attempts: r.attempts, CallDuration: r.duration,
		CreatedAt: iso(r.createdAt), UpdatedAt: iso(r.updatedAt)}
}

// recordFilter keeps records with one of statuses (comma list) whose phone
// number or metadata contains text.
func recordFilter(statuses, text string) func(*batchRecord) bool {
	var want []string
	if statuses != "" {
		want = strings.Split(statuses, ",")
	}
	return func(r *batchRecord) bool {
		if r.deleted || (want != nil && !isOneOf(r.status, want...)) {
			return false
		}
		if text == "" || strings.Contains(r.phone, text) {
			return true
		}
		for _, v := range r.metadata {
			if strings.Contains(v, text) {
				return true
			}
		}
		return false
	}
}

func (s *Server) listRecords(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	keep := recordFilter(r.URL.Query().Get("status"), r.URL.Query().Get("query"))
	var kept []*batchRecord
	for _, rec := range b.records {
		if keep(rec) {
			kept = append(kept, rec)
		}
	}
	from, to, info := paginate(len(kept), page, perPage)
	out := make([]recordJSON, 0, to-from)
	for _, rec := range kept[from:to] {
		out = append(out, recordView(b, rec))
	}
	return struct {
		PageInfo pageInfo     `json:"pageInfo"`
		Records  []recordJSON `json:"records"`
	}{info, out}, nil
}

func (s *Server) updateRecord(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	rec := b.recordBy[r.PathValue("recordId")]
	if rec == nil || rec.deleted {
		return nil, notFound("Record", r.PathValue("recordId"))
	}
	if rec.status != batchStatusPending || rec.outcome != "" && !rec.dueAt.After(s.st.clock()) {
		return nil, badRequest("Record %q was already called.", rec.id)
	}
	var q struct {
		PhoneNumber *string           `json:"phoneNumber"`
		Metadata    map[string]string `json:"metadata"`
	}
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	if q.PhoneNumber != nil {
		if e := need("phoneNumber", *q.PhoneNumber); e != nil {
			return nil, e
		}
		rec.phone = *q.PhoneNumber
	}
	if q.Metadata != nil {
		rec.metadata = q.Metadata
	}
	rec.updatedAt = s.st.clock()
	return recordView(b, rec), nil
}

func (s *Server) deleteRecords(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	var q struct {
		RecordIDs []string `json:"recordIds"`
	}
	if e := decode(r, &q); e != nil {
		return nil, e
	}
	if len(q.RecordIDs) == 0 {
		return nil, badRequest("%q is required.", "recordIds")
	}
	n := 0
	for _, id := range q.RecordIDs {
		if rec := b.recordBy[id]; rec != nil && !rec.deleted {
			rec.deleted = true
			n++
		}
	}
	return struct {
		Message      string `json:"message"`
		DeletedCount int    `json:"deletedCount"`
	}{"Records deleted", n}, nil
}

func (s *Server) exportRecords(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	b, e := s.lookupBatch(pathID(r))
	if e != nil {
		return nil, e
	}
	keep := recordFilter(r.URL.Query().Get("status"), r.URL.Query().Get("search"))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"recordId", "phoneNumber", "status", "callId", "attempts", "callDuration"})
	for _, rec := range b.records {
		if !keep(rec) {
			continue
		}
		d := ""
		if rec.duration != nil {
			d = strconv.FormatFloat(*rec.duration, 'f', -1, 64)
		}
		_ = w.Write([]string{rec.id, rec.phone, rec.status, rec.callID, strconv.Itoa(rec.attempts), d})
	}
	w.Flush()
	return &rawAnswer{status: http.StatusOK, contentType: "text/csv; charset=utf-8", body: buf.Bytes()}, nil
}

// BatchOutcomes returns, for a batch call, how many of its records ended
// in each status so far (a test's view; the API's is GET …/stats).
func (s *Server) BatchOutcomes(batchID string) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	s.advancePlatform()
	out := map[string]int{}
	if b := s.st.plat.batchBy[batchID]; b != nil {
		for _, rec := range b.records {
			if !rec.deleted {
				out[rec.status]++
			}
		}
	}
	return out
}
