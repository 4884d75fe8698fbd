package videosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk/internal/redact"
)

// BatchCallsService runs outbound calling campaigns (SPEC-PLATFORM §17):
// upload a file of numbers, create a batch from it, and every row becomes
// a record that places one SIP call through a provisioned number and an
// outbound routing rule.
type BatchCallsService struct {
	client *Client
	// Records lists, edits, deletes and exports a batch's records.
	Records *BatchRecordsService
}

// BatchRecordsService manages the records (one call each) of a batch call.
type BatchRecordsService service

// BatchCallStatus is the state of a batch call. It is an open set.
type BatchCallStatus string

// Batch call statuses (Node SDK).
const (
	BatchCallUploaded    BatchCallStatus = "uploaded"
	BatchCallParsing     BatchCallStatus = "parsing"
	BatchCallParsed      BatchCallStatus = "parsed"
	BatchCallParseFailed BatchCallStatus = "parse_failed"
	BatchCallDraft       BatchCallStatus = "draft"
	BatchCallScheduled   BatchCallStatus = "scheduled"
	BatchCallRunning     BatchCallStatus = "running"
	BatchCallCancelling  BatchCallStatus = "cancelling"
	BatchCallCancelled   BatchCallStatus = "cancelled"
	BatchCallCompleted   BatchCallStatus = "completed"
)

// BatchTiming says when a batch runs.
type BatchTiming string

// Batch timings.
const (
	BatchImmediate BatchTiming = "immediate"
	BatchScheduled BatchTiming = "scheduled"
)

// BatchCancelMode says how Cancel stops a batch.
type BatchCancelMode string

// Cancel modes.
const (
	// BatchCancelGraceful lets calls in progress finish.
	BatchCancelGraceful BatchCancelMode = "graceful"
	// BatchCancelImmediate ends them.
	BatchCancelImmediate BatchCancelMode = "immediate"
)

// BatchRetryOn is a call outcome that a batch retries.
type BatchRetryOn string

// Retry outcomes.
const (
	BatchRetryFailed      BatchRetryOn = "failed"
	BatchRetryNotAnswered BatchRetryOn = "not-answered"
	BatchRetryRejected    BatchRetryOn = "rejected"
	BatchRetryMissed      BatchRetryOn = "missed"
	BatchRetryAbandoned   BatchRetryOn = "abandoned"
)

// BatchRetry retries records whose call ended in one of RetryOn.
type BatchRetry struct {
	Enabled bool           `json:"enabled"`
	RetryOn []BatchRetryOn `json:"retryOn,omitempty"`
	// MaxAttempts is 1..3.
	MaxAttempts int `json:"maxAttempts,omitempty"`
}

// BatchWebhook receives batchcall-started and batchcall-completed.
type BatchWebhook struct {
	Endpoint string             `json:"endpoint"`
	Events   []WebhookEventType `json:"events,omitempty"`
}

// BatchFile is the uploaded file of a batch.
type BatchFile struct {
	Filename  string `json:"filename,omitempty"`
	Extension string `json:"extension,omitempty"`
	Key       string `json:"key,omitempty"`
}

// BatchCall is a batch call. ID is the wire's batchId.
type BatchCall struct {
	ID              string          `json:"batchId"`
	Name            string          `json:"batchName,omitempty"`
	Description     string          `json:"description,omitempty"`
	PhoneNumberID   string          `json:"phoneNumberId,omitempty"`
	PhoneNumber     string          `json:"phoneNumber,omitempty"`
	RoutingRuleID   string          `json:"routingRuleId,omitempty"`
	Timing          BatchTiming     `json:"timing,omitempty"`
	Timezone        string          `json:"timezone,omitempty"`
	ScheduledTime   string          `json:"scheduledTime,omitempty"`
	ScheduledDate   string          `json:"scheduledDate,omitempty"`
	AllowedFrom     string          `json:"allowedFrom,omitempty"`
	AllowedUntil    string          `json:"allowedUntil,omitempty"`
	DaysOfWeek      []int           `json:"daysOfWeek,omitempty"`
	Retry           *BatchRetry     `json:"retry,omitempty"`
	Status          BatchCallStatus `json:"status,omitempty"`
	File            *BatchFile      `json:"file,omitempty"`
	CDNURL          string          `json:"cdnUrl,omitempty"`
	RecordsUploaded int             `json:"recordsUploaded,omitempty"`
	ParseError      string          `json:"parseError,omitempty"`
	// Timestamp is in Unix seconds.
	Timestamp int64 `json:"timestamp,omitempty"`
	// Progress is a percentage (list answers only).
	Progress  float64   `json:"progress,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

func (b *BatchCall) validResponse() error {
	if b.ID == "" {
		return errMissingID("batch call")
	}
	return nil
}

// BatchRecord is one number of a batch and the call placed to it. ID is
// the wire's recordId. Status is a display label, e.g. "scheduled",
// "answered", "not connected" (an open set).
type BatchRecord struct {
	ID          string          `json:"recordId"`
	BatchID     string          `json:"batchId,omitempty"`
	PhoneNumber string          `json:"phoneNumber,omitempty"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
	Status      string          `json:"status,omitempty"`
	CallID      string          `json:"callId,omitempty"`
	Reason      string          `json:"reason,omitempty"`
	Attempts    int             `json:"attempts,omitempty"`
	RecordingID string          `json:"recordingId,omitempty"`
	Recording   json.RawMessage `json:"recording,omitempty"`
	// CallDuration is in seconds; nil when no call was connected.
	CallDuration *float64  `json:"callDuration,omitempty"`
	CreatedAt    time.Time `json:"createdAt,omitzero"`
	UpdatedAt    time.Time `json:"updatedAt,omitzero"`
}

func (r *BatchRecord) validResponse() error {
	if r.ID == "" {
		return errMissingID("batch record")
	}
	return nil
}

// BatchCallStats counts a batch's records by status label.
type BatchCallStats struct {
	BatchID string
	Status  BatchCallStatus
	// Total is the number of records (0 when the answer has none).
	Total int
	// Counts maps each display label ("answered", "not connected", …) to
	// its number of records.
	Counts map[string]int
}

func (s *BatchCallStats) decodeAnswer(b []byte) error {
	var top map[string]json.RawMessage
	if err := (&unwrapped[map[string]json.RawMessage]{key: "data", out: &top}).decodeAnswer(b); err != nil {
		return err
	}
	*s = BatchCallStats{Counts: map[string]int{}}
	for k, v := range top {
		switch k {
		case "batchId":
			if err := json.Unmarshal(v, &s.BatchID); err != nil {
				return fmt.Errorf("batchId: %w", err)
			}
		case "status":
			if err := json.Unmarshal(v, &s.Status); err != nil {
				return fmt.Errorf("status: %w", err)
			}
		case "total":
			if err := json.Unmarshal(v, &s.Total); err != nil {
				return fmt.Errorf("total: %w", err)
			}
		default:
			var n int
			if json.Unmarshal(v, &n) == nil {
				s.Counts[k] = n
			}
		}
	}
	return nil
}

// Batch upload rules, checked before anything is sent (Node SDK).
const (
	maxBatchFileBytes = 5 << 20
	batchParsePolls   = 60 // 2 s apart in the Node SDK: 120 s
)

var batchFileTypes = map[string]string{
	".csv":  "text/csv",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// UploadBatchParams is the file of Upload.
type UploadBatchParams struct {
	// FileName names the file; its extension (.csv, .xls, .xlsx) sets the
	// content type.
	FileName string
	// File is read once and streamed to storage. At most 5 MB.
	File io.Reader
	// Size is File's length in bytes. When 0, File is read into memory
	// (at most 5 MB) to learn it.
	Size int64
	// BatchID replaces the file of an existing batch.
	BatchID string
}

type uploadTicket struct {
	PresignedURL string `json:"presignedUrl"`
	BatchID      string `json:"batchId"`
}

func (t *uploadTicket) validResponse() error {
	if t.PresignedURL == "" || t.BatchID == "" {
		return fmt.Errorf("upload answer lacks presignedUrl or batchId")
	}
	return nil
}

// Upload sends a recipients file and has the API parse it, as the official
// Node SDK does: it asks for an upload URL (POST /v2/batch-calls/upload),
// streams the file there with one PUT (without the API token), starts the
// parse (Parse) and polls Get until the batch is parsed, which it returns.
// A parse_failed batch ends it with a *JobError (kind "batch-call-parse")
// carrying parseError. The PUT is never retried: a reader cannot be
// replayed. Give ctx a deadline; the Node SDK waits 120 s.
//
// API: POST /v2/batch-calls/upload
func (s *BatchCallsService) Upload(ctx context.Context, p UploadBatchParams) (*BatchCall, error) {
	if ctx == nil {
		return nil, invalidParams("context is nil")
	}
	ext := strings.ToLower(path.Ext(p.FileName))
	contentType, ok := batchFileTypes[ext]
	if !ok || strings.TrimSpace(strings.TrimSuffix(p.FileName, path.Ext(p.FileName))) == "" {
		return nil, invalidParams("fileName %q must name a .csv, .xls or .xlsx file", p.FileName)
	}
	if p.File == nil {
		return nil, invalidParams("file is nil")
	}
	if p.Size < 0 || p.Size > maxBatchFileBytes {
		return nil, invalidParams("file size %d out of range 1..%d bytes", p.Size, maxBatchFileBytes)
	}
	if p.BatchID != "" {
		if err := checkPathArg("batchId", p.BatchID); err != nil {
			return nil, err
		}
	}
	body, size := p.File, p.Size
	if size == 0 {
		b, err := io.ReadAll(io.LimitReader(p.File, maxBatchFileBytes+1))
		if err != nil {
			return nil, fmt.Errorf("videosdk: reading the batch file: %w", err)
		}
		if len(b) == 0 || len(b) > maxBatchFileBytes {
			return nil, invalidParams("file size out of range 1..%d bytes", maxBatchFileBytes)
		}
		body, size = bytes.NewReader(b), int64(len(b))
	}
	req := struct {
		FileName string `json:"fileName"`
		FileSize int64  `json:"fileSize"`
		BatchID  string `json:"batchId,omitempty"`
	}{path.Base(p.FileName), size, p.BatchID}
	ticket, err := callFor[uploadTicket](ctx, s.client, "POST", "/v2/batch-calls/upload", nil, req)
	if err != nil {
		return nil, err
	}
	if err := s.client.putPresigned(ctx, ticket.PresignedURL, contentType, body, size); err != nil {
		return nil, err
	}
	if _, err := s.Parse(ctx, ticket.BatchID); err != nil {
		return nil, err
	}
	polls := 0
	return waitFor(ctx, s.client, "batch-call-parse", ticket.BatchID, s.Get, func(b *BatchCall) jobState {
		polls++
		switch b.Status {
		case BatchCallParsed, BatchCallDraft, BatchCallScheduled, BatchCallRunning, BatchCallCompleted:
			return jobState{done: true}
		case BatchCallParseFailed:
			return jobState{failed: true, status: string(b.Status), reason: b.ParseError}
		}
		if polls >= batchParsePolls {
			return jobState{failed: true, status: string(b.Status), reason: "not parsed after " + strconv.Itoa(polls) + " polls"}
		}
		return jobState{status: string(b.Status)}
	})
}

// putPresigned streams body to a storage URL the API handed out. It carries
// no Authorization (the URL is the credential), is sent once, never
// follows a redirect, and its errors show only the URL's scheme and host.
func (c *Client) putPresigned(ctx context.Context, rawURL, contentType string, body io.Reader, size int64) error {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return &ResponseError{StatusCode: 200, Method: "POST", Path: "/v2/batch-calls/upload", Reason: "presignedUrl is not an http(s) URL"}
	}
	origin := urlOrigin(u)
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, rawURL, io.LimitReader(body, size))
	if err != nil {
		return fmt.Errorf("videosdk: PUT %s: %s", origin, urlParseProblem(err))
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", contentType)
	hc := *c.cfg.httpClient
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("videosdk: PUT %s: %w", origin, ctx.Err())
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = origin // the signed URL is a credential
		}
		return fmt.Errorf("videosdk: PUT %s: upload failed: %s", origin, redact.String(err.Error()))
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &APIError{StatusCode: resp.StatusCode, Method: "PUT", Path: origin + " (presigned upload)",
			Message: capText(redact.String(string(snippet)), maxPlatformMessage)}
	}
	return nil
}

// Parse starts parsing an uploaded file (the batch moves to parsing, then
// parsed or parse_failed). Upload calls it; call it yourself only to parse
// again.
//
// API: POST /v2/batch-calls/parse
func (s *BatchCallsService) Parse(ctx context.Context, batchID string) (*MessageResponse, error) {
	if err := checkPathArg("batchId", batchID); err != nil {
		return nil, err
	}
	body := struct {
		BatchID string `json:"batchId"`
	}{batchID}
	return callMessage(ctx, s.client, "POST", "/v2/batch-calls/parse", nil, body)
}

// CreateBatchCallParams is the body of BatchCalls.Create.
type CreateBatchCallParams struct {
	// BatchName, PhoneNumberID (an outbound number) and RoutingRuleID (an
	// outbound rule attached to it) are required.
	BatchName     string `json:"batchName"`
	PhoneNumberID string `json:"phoneNumberId"`
	RoutingRuleID string `json:"routingRuleId"`
	Description   string `json:"description,omitempty"`
	// Timing defaults to immediate; scheduled needs ScheduledDate and ScheduledTime.
	Timing BatchTiming `json:"timing,omitempty"`
	// Timezone is an IANA name (server default Asia/Calcutta).
	Timezone string `json:"timezone,omitempty"`
	// ScheduledTime is HH:MM, ScheduledDate YYYY-MM-DD.
	ScheduledTime string `json:"scheduledTime,omitempty"`
	ScheduledDate string `json:"scheduledDate,omitempty"`
	// AllowedFrom and AllowedUntil (HH:MM) bound the calling window.
	AllowedFrom  string `json:"allowedFrom,omitempty"`
	AllowedUntil string `json:"allowedUntil,omitempty"`
	// DaysOfWeek are 0 (Sunday) .. 6.
	DaysOfWeek []int         `json:"daysOfWeek,omitempty"`
	Retry      *BatchRetry   `json:"retry,omitempty"`
	Webhook    *BatchWebhook `json:"webhook,omitempty"`
	// BatchID finalises an uploaded, parsed batch.
	BatchID     string `json:"batchId,omitempty"`
	SaveAsDraft bool   `json:"saveAsDraft,omitempty"`
}

var (
	hhmm = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	ymd  = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)
)

// checkSchedule checks the fields Create and Update share.
func checkSchedule(timing BatchTiming, tz, date, clock, from, until string, days []int, retry *BatchRetry) error {
	if err := oneOf("timing", timing, BatchImmediate, BatchScheduled); err != nil {
		return err
	}
	if tz != "" {
		if _, err := time.LoadLocation(tz); err != nil && !strings.Contains(tz, "/") {
			return invalidParams("timezone %q is not an IANA zone name", tz)
		}
	}
	for _, f := range []struct{ name, v string }{{"scheduledTime", clock}, {"allowedFrom", from}, {"allowedUntil", until}} {
		if f.v != "" && !hhmm.MatchString(f.v) {
			return invalidParams("%s %q is not HH:MM", f.name, f.v)
		}
	}
	if date != "" && !ymd.MatchString(date) {
		return invalidParams("scheduledDate %q is not YYYY-MM-DD", date)
	}
	if timing == BatchScheduled && (date == "" || clock == "") {
		return invalidParams("a scheduled batch needs scheduledDate and scheduledTime")
	}
	for _, d := range days {
		if d < 0 || d > 6 {
			return invalidParams("daysOfWeek %d out of range 0..6", d)
		}
	}
	if r := retry; r != nil {
		if r.MaxAttempts != 0 && (r.MaxAttempts < 1 || r.MaxAttempts > 3) {
			return invalidParams("retry.maxAttempts %d out of range 1..3", r.MaxAttempts)
		}
		for _, o := range r.RetryOn {
			if err := oneOf("retry.retryOn", o, BatchRetryFailed, BatchRetryNotAnswered, BatchRetryRejected, BatchRetryMissed, BatchRetryAbandoned); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *CreateBatchCallParams) check() error {
	for _, f := range []struct{ name, v string }{{"batchName", p.BatchName}, {"phoneNumberId", p.PhoneNumberID}, {"routingRuleId", p.RoutingRuleID}} {
		if err := required(f.name, f.v); err != nil {
			return err
		}
	}
	if w := p.Webhook; w != nil {
		if err := checkURL("webhook.endpoint", w.Endpoint, true); err != nil {
			return err
		}
		for _, e := range w.Events {
			if err := oneOf("webhook.events", e, WebhookBatchCallStarted, WebhookBatchCallCompleted); err != nil {
				return err
			}
		}
	}
	return checkSchedule(p.Timing, p.Timezone, p.ScheduledDate, p.ScheduledTime, p.AllowedFrom, p.AllowedUntil, p.DaysOfWeek, p.Retry)
}

// Create creates (and, unless saved as a draft or scheduled, starts) a
// batch call.
//
// API: POST /v2/batch-calls
func (s *BatchCallsService) Create(ctx context.Context, p CreateBatchCallParams) (*BatchCall, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return callUnwrapped[BatchCall](ctx, s.client, "POST", "/v2/batch-calls", nil, p, "data")
}

// ListBatchCallsParams filters BatchCalls.List.
type ListBatchCallsParams struct {
	ListOptions
	Status BatchCallStatus
	// StartDate and EndDate bound the creation time (sent as ISO 8601).
	StartDate, EndDate time.Time
	// MinValue and MaxValue bound the number of records (0: no bound).
	MinValue, MaxValue int
}

func (p ListBatchCallsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "status", string(p.Status))
	if !p.StartDate.IsZero() {
		v = setQuery(v, "startDate", p.StartDate.UTC().Format(time.RFC3339Nano))
	}
	if !p.EndDate.IsZero() {
		v = setQuery(v, "endDate", p.EndDate.UTC().Format(time.RFC3339Nano))
	}
	if p.MinValue > 0 {
		v = setQuery(v, "minValue", strconv.Itoa(p.MinValue))
	}
	if p.MaxValue > 0 {
		v = setQuery(v, "maxValue", strconv.Itoa(p.MaxValue))
	}
	return v
}

// List returns one page of batch calls (item key "batchCalls").
//
// API: GET /v2/batch-calls
func (s *BatchCallsService) List(ctx context.Context, p ListBatchCallsParams) (*Page[BatchCall], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	if p.MinValue < 0 || p.MaxValue < 0 || (p.MaxValue > 0 && p.MaxValue < p.MinValue) {
		return nil, invalidParams("minValue %d / maxValue %d: not a range", p.MinValue, p.MaxValue)
	}
	return listUnwrapped[BatchCall](ctx, s.client, "/v2/batch-calls", p.values(), "batchCalls")
}

// All iterates over every batch call, fetching pages lazily.
//
// API: GET /v2/batch-calls
func (s *BatchCallsService) All(ctx context.Context, p ListBatchCallsParams) iter.Seq2[BatchCall, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[BatchCall], error) {
		q := p
		q.Page = page
		return s.List(ctx, q)
	})
}

func batchPath(format, batchID string) (string, error) {
	return pathf(format, []string{"batchId"}, batchID)
}

// Get returns a batch call.
//
// API: GET /v2/batch-calls/{batchId}
func (s *BatchCallsService) Get(ctx context.Context, batchID string) (*BatchCall, error) {
	p, err := batchPath("/v2/batch-calls/%s", batchID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[BatchCall](ctx, s.client, "GET", p, nil, nil, "data")
}

// UpdateBatchCallParams changes a draft, scheduled or parsed batch; only
// the fields set are sent.
type UpdateBatchCallParams struct {
	BatchName     *string      `json:"batchName,omitempty"`
	Description   *string      `json:"description,omitempty"`
	PhoneNumberID *string      `json:"phoneNumberId,omitempty"`
	RoutingRuleID *string      `json:"routingRuleId,omitempty"`
	Timing        *BatchTiming `json:"timing,omitempty"`
	Timezone      *string      `json:"timezone,omitempty"`
	ScheduledTime *string      `json:"scheduledTime,omitempty"`
	ScheduledDate *string      `json:"scheduledDate,omitempty"`
	AllowedFrom   *string      `json:"allowedFrom,omitempty"`
	AllowedUntil  *string      `json:"allowedUntil,omitempty"`
	DaysOfWeek    []int        `json:"daysOfWeek,omitempty"`
	Retry         *BatchRetry  `json:"retry,omitempty"`
	SaveAsDraft   *bool        `json:"saveAsDraft,omitempty"`
}

func derefOr[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// Update changes a batch call that has not started.
//
// API: PUT /v2/batch-calls/{batchId}
func (s *BatchCallsService) Update(ctx context.Context, batchID string, p UpdateBatchCallParams) (*BatchCall, error) {
	path, err := batchPath("/v2/batch-calls/%s", batchID)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"batchName", p.BatchName}, {"phoneNumberId", p.PhoneNumberID}, {"routingRuleId", p.RoutingRuleID}} {
		if f.v != nil {
			if err := required(f.name, *f.v); err != nil {
				return nil, err
			}
		}
	}
	if p.Timing != nil && *p.Timing == "" {
		return nil, invalidParams("timing is empty")
	}
	// A scheduled timing without date and time may rely on the stored ones.
	timing := derefOr(p.Timing)
	if timing == BatchScheduled {
		timing = ""
	}
	if err := checkSchedule(timing, derefOr(p.Timezone), derefOr(p.ScheduledDate), derefOr(p.ScheduledTime), derefOr(p.AllowedFrom), derefOr(p.AllowedUntil), p.DaysOfWeek, p.Retry); err != nil {
		return nil, err
	}
	if p.Timing != nil {
		if err := oneOf("timing", *p.Timing, BatchImmediate, BatchScheduled); err != nil {
			return nil, err
		}
	}
	return callUnwrapped[BatchCall](ctx, s.client, "PUT", path, nil, p, "data")
}

// Delete soft-deletes a batch call and its records.
//
// API: DELETE /v2/batch-calls/{batchId}
func (s *BatchCallsService) Delete(ctx context.Context, batchID string) (*MessageResponse, error) {
	path, err := batchPath("/v2/batch-calls/%s", batchID)
	if err != nil {
		return nil, err
	}
	return callMessage(ctx, s.client, "DELETE", path, nil, nil)
}

// Cancel stops a running or scheduled batch: graceful lets calls in
// progress finish (the batch is cancelling until then), immediate ends them.
//
// API: POST /v2/batch-calls/{batchId}/cancel
func (s *BatchCallsService) Cancel(ctx context.Context, batchID string, mode BatchCancelMode) (*BatchCall, error) {
	path, err := batchPath("/v2/batch-calls/%s/cancel", batchID)
	if err != nil {
		return nil, err
	}
	if err := required("mode", string(mode)); err != nil {
		return nil, err
	}
	if err := oneOf("mode", mode, BatchCancelGraceful, BatchCancelImmediate); err != nil {
		return nil, err
	}
	body := struct {
		Mode BatchCancelMode `json:"mode"`
	}{mode}
	return callUnwrapped[BatchCall](ctx, s.client, "POST", path, nil, body, "data")
}

// Stats counts a batch's records by status label.
//
// API: GET /v2/batch-calls/{batchId}/stats
func (s *BatchCallsService) Stats(ctx context.Context, batchID string) (*BatchCallStats, error) {
	path, err := batchPath("/v2/batch-calls/%s/stats", batchID)
	if err != nil {
		return nil, err
	}
	out := new(BatchCallStats)
	if err := s.client.do(ctx, "GET", path, nil, nil, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Wait polls a batch call until it completes and returns it; a cancelled
// or parse_failed batch ends the wait with a *JobError (kind "batch-call").
// It follows the rules of every waiter (see Waiters in the package doc);
// give ctx a deadline.
//
// API: GET /v2/batch-calls/{batchId}
func (s *BatchCallsService) Wait(ctx context.Context, batchID string) (*BatchCall, error) {
	return waitFor(ctx, s.client, "batch-call", batchID, s.Get, func(b *BatchCall) jobState {
		switch b.Status {
		case BatchCallCompleted:
			return jobState{done: true}
		case BatchCallCancelled, BatchCallParseFailed:
			return jobState{failed: true, status: string(b.Status), reason: b.ParseError}
		}
		return jobState{status: string(b.Status)}
	})
}

// ListBatchRecordsParams filters BatchCalls.Records.List.
type ListBatchRecordsParams struct {
	ListOptions
	// Status keeps records with these display labels (sent comma-separated).
	Status []string
	// Query searches the records (phone number, metadata).
	Query string
}

// List returns one page of a batch's records (item key "records").
//
// API: GET /v2/batch-calls/{batchId}/records
func (s *BatchRecordsService) List(ctx context.Context, batchID string, p ListBatchRecordsParams) (*Page[BatchRecord], error) {
	path, err := batchPath("/v2/batch-calls/%s/records", batchID)
	if err != nil {
		return nil, err
	}
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	for _, st := range p.Status {
		if strings.TrimSpace(st) == "" || strings.Contains(st, ",") {
			return nil, invalidParams("status %q is empty or holds a comma", st)
		}
	}
	v := p.ListOptions.values(nil)
	v = setQuery(v, "status", strings.Join(p.Status, ","))
	v = setQuery(v, "query", p.Query)
	return listUnwrapped[BatchRecord](ctx, s.client, path, v, "records")
}

// All iterates over every record of a batch, fetching pages lazily.
//
// API: GET /v2/batch-calls/{batchId}/records
func (s *BatchRecordsService) All(ctx context.Context, batchID string, p ListBatchRecordsParams) iter.Seq2[BatchRecord, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[BatchRecord], error) {
		q := p
		q.Page = page
		return s.List(ctx, batchID, q)
	})
}

// UpdateBatchRecordParams edits a pending record; only what is set is sent.
type UpdateBatchRecordParams struct {
	PhoneNumber *string        `json:"phoneNumber,omitempty"`
	Metadata    map[string]any `json:"metadata,omitempty"`
}

// Update edits a record that has not been called yet.
//
// API: PUT /v2/batch-calls/{batchId}/records/{recordId}
func (s *BatchRecordsService) Update(ctx context.Context, batchID, recordID string, p UpdateBatchRecordParams) (*BatchRecord, error) {
	path, err := pathf("/v2/batch-calls/%s/records/%s", []string{"batchId", "recordId"}, batchID, recordID)
	if err != nil {
		return nil, err
	}
	if p.PhoneNumber == nil && p.Metadata == nil {
		return nil, invalidParams("nothing to update: set phoneNumber or metadata")
	}
	if p.PhoneNumber != nil {
		if err := required("phoneNumber", *p.PhoneNumber); err != nil {
			return nil, err
		}
	}
	return callUnwrapped[BatchRecord](ctx, s.client, "PUT", path, nil, p, "data")
}

// DeleteRecordsResult is the answer of Records.Delete.
type DeleteRecordsResult struct {
	Message      string `json:"message,omitempty"`
	DeletedCount int    `json:"deletedCount"`
}

// Delete deletes records of a batch (a DELETE with a JSON body).
//
// API: DELETE /v2/batch-calls/{batchId}/records
func (s *BatchRecordsService) Delete(ctx context.Context, batchID string, recordIDs []string) (*DeleteRecordsResult, error) {
	path, err := batchPath("/v2/batch-calls/%s/records", batchID)
	if err != nil {
		return nil, err
	}
	if len(recordIDs) == 0 {
		return nil, invalidParams("recordIds is empty")
	}
	for _, id := range recordIDs {
		if err := required("recordIds entry", id); err != nil {
			return nil, err
		}
	}
	body := struct {
		RecordIDs []string `json:"recordIds"`
	}{recordIDs}
	return callUnwrapped[DeleteRecordsResult](ctx, s.client, "DELETE", path, nil, body, "data")
}

// ExportBatchRecordsParams filters Records.Export.
type ExportBatchRecordsParams struct {
	// Status keeps records with this display label.
	Status string
	// Search filters records (this endpoint's parameter is "search").
	Search string
}

// Export returns a batch's records as CSV text (at most 32 MiB).
//
// API: GET /v2/batch-calls/{batchId}/records/export
func (s *BatchRecordsService) Export(ctx context.Context, batchID string, p ExportBatchRecordsParams) ([]byte, error) {
	path, err := batchPath("/v2/batch-calls/%s/records/export", batchID)
	if err != nil {
		return nil, err
	}
	v := setQuery(nil, "status", p.Status)
	v = setQuery(v, "search", p.Search)
	resp, err := s.client.doRaw(ctx, rawCall{method: "GET", path: path, query: v, accept: "text/csv, text/plain;q=0.9, */*;q=0.1"})
	if err != nil {
		return nil, err
	}
	if b := bytes.TrimSpace(resp.Body); len(b) > 0 && (b[0] == '<' || b[0] == '{') {
		return nil, newResponseError("GET", path, resp, "answer is not CSV", nil)
	}
	return resp.Body, nil
}

// BatchCall decodes the batch call a batchcall-started or
// batchcall-completed delivery is about (its "data", read as the batch call
// object: the payload is undocumented, and that is what videosdktest sends).
// It fails with a *ResponseError (ErrInvalidResponse) when the data is not
// an object with a batchId.
func (e *WebhookEvent) BatchCall() (*BatchCall, error) {
	b := new(BatchCall)
	if err := (&unwrapped[BatchCall]{out: b}).decodeAnswer(e.RawData); err != nil {
		return nil, &ResponseError{StatusCode: 200, Method: "POST", Path: "webhook " + string(e.Type), Reason: "batch call webhook: " + err.Error(), Err: err}
	}
	return b, nil
}
