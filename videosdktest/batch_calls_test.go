package videosdktest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk"
)

func numbersCSV(n int) string {
	var b strings.Builder
	b.WriteString("phoneNumber,name\n")
	for i := range n {
		fmt.Fprintf(&b, "+1415555%04d,Customer %d\n", i, i)
	}
	return b.String()
}

// Done-when: a batch call of 20 records runs to completion on the fake's
// clock, with stats that add up, and sends its webhooks.
func TestBatchCallRunsToCompletion(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now), WithSeed(42))
	t.Cleanup(srv.Close)
	// The receiver routes the batch's events with the SDK's WebhookHandler.
	handler := videosdk.NewWebhookHandler(srv.WebhookPublicKey())
	var mu sync.Mutex
	var routed []videosdk.WebhookEventType
	handler.On("batchcall-*", func(_ context.Context, ev *videosdk.WebhookEvent) error {
		mu.Lock()
		defer mu.Unlock()
		routed = append(routed, ev.Type)
		return nil
	})
	hooks := httptest.NewServer(handler)
	t.Cleanup(hooks.Close)
	ctx := context.Background()
	client := srv.Client(videosdk.WithWaiterDelay(time.Millisecond, 2*time.Millisecond))

	csv := numbersCSV(20)
	parsed, err := client.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "december.csv", File: strings.NewReader(csv), Size: int64(len(csv))})
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallParsed, parsed.Status)
	assert.Equal(t, 20, parsed.RecordsUploaded)

	b, err := client.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{
		BatchID: parsed.ID, BatchName: "December renewals", PhoneNumberID: "pn_01", RoutingRuleID: "rr_01",
		Webhook: &videosdk.BatchWebhook{Endpoint: hooks.URL + "/batch"},
	})
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallRunning, b.Status)
	assert.Equal(t, parsed.ID, b.ID)

	clock.add(50 * time.Second) // ten records dialled
	mid, err := client.BatchCalls.Stats(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, 20, mid.Total)
	assert.Equal(t, 10, mid.Counts["scheduled"], "ten records still to dial")

	clock.add(50 * time.Second)
	done, err := client.BatchCalls.Wait(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallCompleted, done.Status)

	stats, err := client.BatchCalls.Stats(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, 20, stats.Total)
	sum := 0
	for label, n := range stats.Counts {
		assert.Contains(t, []string{"answered", "busy", "not connected"}, label)
		sum += n
	}
	assert.Equal(t, stats.Total, sum, "every record ended in one outcome")
	assert.Positive(t, stats.Counts["answered"])
	assert.Positive(t, stats.Counts["busy"])
	assert.Equal(t, srv.BatchOutcomes(b.ID), stats.Counts)

	answered := 0
	for rec, err := range client.BatchCalls.Records.All(ctx, b.ID, videosdk.ListBatchRecordsParams{ListOptions: videosdk.ListOptions{PerPage: 7}}) {
		require.NoError(t, err)
		assert.Equal(t, 1, rec.Attempts)
		assert.NotEmpty(t, rec.CallID)
		if rec.Status == "answered" {
			answered++
			require.NotNil(t, rec.CallDuration)
		}
	}
	assert.Equal(t, stats.Counts["answered"], answered)

	require.NoError(t, srv.FlushWebhooks(ctx))
	var types []videosdk.WebhookEventType
	for _, d := range srv.Deliveries() {
		if strings.HasSuffix(d.URL, "/batch") {
			types = append(types, d.Type)
			assert.Equal(t, http.StatusOK, d.StatusCode)
			ev, err := videosdk.ParseWebhook(d.Body, d.Signature, srv.WebhookPublicKey())
			require.NoError(t, err)
			payload, err := ev.BatchCall()
			require.NoError(t, err)
			assert.Equal(t, b.ID, payload.ID)
		}
	}
	assert.Equal(t, []videosdk.WebhookEventType{videosdk.WebhookBatchCallStarted, videosdk.WebhookBatchCallCompleted}, types)
	mu.Lock()
	assert.Equal(t, types, routed)
	mu.Unlock()

	csvOut, err := client.BatchCalls.Records.Export(ctx, b.ID, videosdk.ExportBatchRecordsParams{Status: "answered"})
	require.NoError(t, err)
	assert.Equal(t, answered+1, strings.Count(string(csvOut), "\n"), "header plus one line per answered record")
}

// The same seed and clock dial the same outcomes.
func TestBatchCallOutcomesFollowTheSeed(t *testing.T) {
	t.Parallel()
	run := func() map[string]int {
		clock := newManualClock()
		srv := NewServer(WithClock(clock.now), WithSeed(9))
		defer srv.Close()
		ctx := context.Background()
		c := srv.Client()
		csv := numbersCSV(20)
		p, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader(csv)})
		require.NoError(t, err)
		_, err = c.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: p.ID, BatchName: "n", PhoneNumberID: "p", RoutingRuleID: "r"})
		require.NoError(t, err)
		clock.add(time.Hour)
		return srv.BatchOutcomes(p.ID)
	}
	assert.Equal(t, run(), run())
}

func TestBatchCallScheduleCancelAndEdit(t *testing.T) {
	t.Parallel()
	clock := newManualClock() // 2025-06-10 05:45 UTC
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	csv := numbersCSV(4)
	p, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader(csv)})
	require.NoError(t, err)
	b, err := c.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: p.ID, BatchName: "later", PhoneNumberID: "p", RoutingRuleID: "r",
		Timing: videosdk.BatchScheduled, Timezone: "UTC", ScheduledDate: "2025-06-10", ScheduledTime: "06:00"})
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallScheduled, b.Status)

	recs, err := c.BatchCalls.Records.List(ctx, b.ID, videosdk.ListBatchRecordsParams{})
	require.NoError(t, err)
	require.Len(t, recs.Data, 4)
	r0, err := c.BatchCalls.Records.Update(ctx, b.ID, recs.Data[0].ID, videosdk.UpdateBatchRecordParams{PhoneNumber: ptr("+15550000000")})
	require.NoError(t, err)
	assert.Equal(t, "+15550000000", r0.PhoneNumber)
	del, err := c.BatchCalls.Records.Delete(ctx, b.ID, []string{recs.Data[3].ID})
	require.NoError(t, err)
	assert.Equal(t, 1, del.DeletedCount)
	_, err = c.BatchCalls.Update(ctx, b.ID, videosdk.UpdateBatchCallParams{Description: ptr("edited")})
	require.NoError(t, err)

	clock.add(15*time.Minute + 5*time.Second) // 06:00:05: started, one record dialled
	got, err := c.BatchCalls.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallRunning, got.Status)
	_, err = c.BatchCalls.Update(ctx, b.ID, videosdk.UpdateBatchCallParams{Description: ptr("too late")})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest)

	got, err = c.BatchCalls.Cancel(ctx, b.ID, videosdk.BatchCancelGraceful)
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallCancelling, got.Status)
	clock.add(5 * time.Second) // the call in progress ends
	_, err = c.BatchCalls.Wait(ctx, b.ID)
	assert.ErrorIs(t, err, videosdk.ErrJobFailed)
	stats, err := c.BatchCalls.Stats(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, stats.Total)
	assert.Equal(t, 1, stats.Counts["cancelled"])

	_, err = c.BatchCalls.Delete(ctx, b.ID)
	require.NoError(t, err)
	_, err = c.BatchCalls.Get(ctx, b.ID)
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
}

func TestBatchCallUploadRules(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	_, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader("name\nAna\n")})
	var jobErr *videosdk.JobError
	require.ErrorAs(t, err, &jobErr)
	assert.Contains(t, jobErr.Reason, "phone")

	// A presigned URL takes one PUT, with its signature, and no token.
	_, err = c.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: "nope", BatchName: "n", PhoneNumberID: "p", RoutingRuleID: "r"})
	assert.ErrorIs(t, err, videosdk.ErrNotFound)
	res, err := http.DefaultClient.Do(mustReq(t, "PUT", srv.URL()+"/_storage/batch-calls/x/y.csv?signature=guess"))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
}

func mustReq(t *testing.T, method, url string) *http.Request {
	t.Helper()
	r, err := http.NewRequest(method, url, strings.NewReader("phone\n1\n"))
	require.NoError(t, err)
	return r
}

func ptr[T any](v T) *T { return &v }

// The create route refuses what the docs refuse: missing required fields,
// an unknown timing, times and dates in the wrong format, days outside
// 0..6, an unknown time zone, a retry policy out of range, a scheduled
// batch without its date, and webhook events that are not batch events.
func TestBatchCallCreateIsValidated(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	base := func(extra map[string]any) map[string]any {
		m := map[string]any{"batchName": "b", "phoneNumberId": "p", "routingRuleId": "r"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for name, body := range map[string]map[string]any{
		"no batchName":       {"phoneNumberId": "p", "routingRuleId": "r"},
		"no routingRuleId":   {"batchName": "b", "phoneNumberId": "p"},
		"timing":             base(map[string]any{"timing": "later"}),
		"scheduledTime":      base(map[string]any{"scheduledTime": "25:00"}),
		"allowedFrom":        base(map[string]any{"allowedFrom": "9am"}),
		"scheduledDate":      base(map[string]any{"scheduledDate": "10/06/2025"}),
		"daysOfWeek":         base(map[string]any{"daysOfWeek": []int{1, 7}}),
		"timezone":           base(map[string]any{"timezone": "Mars/Olympus"}),
		"retry attempts":     base(map[string]any{"retry": map[string]any{"enabled": true, "maxAttempts": 4}}),
		"retry outcome":      base(map[string]any{"retry": map[string]any{"enabled": true, "retryOn": []string{"answered"}}}),
		"retry shape":        base(map[string]any{"retry": "yes"}),
		"scheduled, no date": base(map[string]any{"timing": "scheduled", "scheduledTime": "06:00"}),
		"impossible date":    base(map[string]any{"timing": "scheduled", "scheduledDate": "2025-02-30", "scheduledTime": "06:00"}),
		"webhook endpoint":   base(map[string]any{"webhook": map[string]any{"events": []string{}}}),
		"webhook events":     base(map[string]any{"webhook": map[string]any{"endpoint": "https://x", "events": []string{"call-answered"}}}),
	} {
		t.Run(name, func(t *testing.T) { fails(t, srv, 400, "POST", "/v2/batch-calls", body) })
	}
	lst := ok(t, srv, "GET", "/v2/batch-calls", nil)
	assert.Empty(t, lst["batchCalls"], "a refused create stores nothing")

	// The documented defaults: immediate timing, the Asia/Calcutta zone.
	b := ok(t, srv, "POST", "/v2/batch-calls", base(map[string]any{"saveAsDraft": true,
		"retry": map[string]any{"enabled": true, "retryOn": []string{"failed", "missed"}, "maxAttempts": 3}}))
	assert.Equal(t, "draft", b["status"])
	assert.Equal(t, "immediate", b["timing"])
	assert.Equal(t, "Asia/Calcutta", b["timezone"])
	assert.NotContains(t, b, "progress", "only the list carries progress")
}

// Upload and parse refuse bad files and out-of-order calls; the presigned
// URL takes PUT only, once; a batch's file can be replaced before it runs.
func TestBatchCallUploadAndParseRefusals(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	fails(t, srv, 400, "POST", "/v2/batch-calls/upload", map[string]any{"fileSize": 10})
	fails(t, srv, 400, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "n.pdf", "fileSize": 10})
	fails(t, srv, 400, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "n.csv"})
	fails(t, srv, 400, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "n.csv", "fileSize": 5*1024*1024 + 1})
	fails(t, srv, 404, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "n.csv", "fileSize": 10, "batchId": "nope"})
	fails(t, srv, 400, "POST", "/v2/batch-calls/parse", map[string]any{})
	fails(t, srv, 404, "POST", "/v2/batch-calls/parse", map[string]any{"batchId": "nope"})

	up := ok(t, srv, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "dir/n.CSV", "fileSize": 10})
	id := up["batchId"].(string)
	assert.Equal(t, []string{"batchId", "presignedUrl"}, sortedKeys(up))
	fails(t, srv, 400, "POST", "/v2/batch-calls/parse", map[string]any{"batchId": id}) // nothing uploaded yet
	put := func(method, u string) int {
		t.Helper()
		res, err := http.DefaultClient.Do(mustReq(t, method, u))
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	assert.Equal(t, http.StatusMethodNotAllowed, put("POST", up["presignedUrl"].(string)))
	assert.Equal(t, http.StatusOK, put("PUT", up["presignedUrl"].(string)))
	assert.Equal(t, http.StatusForbidden, put("PUT", up["presignedUrl"].(string)), "a presigned URL is used once")
	got := ok(t, srv, "GET", "/v2/batch-calls/"+id, nil)
	assert.Equal(t, "uploaded", got["status"])
	assert.Equal(t, map[string]any{"filename": "n.CSV", "extension": "csv", "key": got["file"].(map[string]any)["key"]}, got["file"])

	// Replacing the file: a new presigned URL; the old one is void.
	again := ok(t, srv, "POST", "/v2/batch-calls/upload", map[string]any{"fileName": "m.xlsx", "fileSize": 10, "batchId": id})
	assert.Equal(t, id, again["batchId"])
	assert.NotEqual(t, up["presignedUrl"], again["presignedUrl"])
	assert.Equal(t, http.StatusOK, put("PUT", again["presignedUrl"].(string)))
	ok(t, srv, "POST", "/v2/batch-calls/parse", map[string]any{"batchId": id})
	got = ok(t, srv, "GET", "/v2/batch-calls/"+id, nil)
	assert.Equal(t, "parse_failed", got["status"], "the fake parses CSV only")
	assert.Contains(t, got["parseError"], "CSV")
}

// The fake parses CSV only: other file types, malformed CSV, a header with
// no records and a record with no phone number fail the parse with a reason.
func TestBatchCallParseFailures(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := virtualServer(t)
		c := srv.Client(videosdk.WithHTTPClient(httpClientFor(srv)))
		ctx := context.Background()
		for name, tc := range map[string]struct{ file, body, reason string }{
			"xls":      {"n.xls", "phone\n1\n", "CSV"},
			"quotes":   {"n.csv", "phone\n\"1\n", "invalid CSV"},
			"empty":    {"n.csv", "phone\n", "no records"},
			"no phone": {"n.csv", "phone,name\n,Ana\n", "row 2"},
		} {
			_, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: tc.file, File: strings.NewReader(tc.body)})
			var jobErr *videosdk.JobError
			require.ErrorAs(t, err, &jobErr, name)
			assert.Contains(t, jobErr.Reason, tc.reason, name)
		}
		// Metadata: every column but the phone column, found by any documented name.
		p, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader("name, Mobile ,city\nAna,+15550001,Lisbon\nBo,+15550002,\n")})
		require.NoError(t, err)
		recs, err := c.BatchCalls.Records.List(ctx, p.ID, videosdk.ListBatchRecordsParams{})
		require.NoError(t, err)
		require.Len(t, recs.Data, 2)
		assert.Equal(t, "+15550001", recs.Data[0].PhoneNumber)
		assert.JSONEq(t, `{"name":"Ana","city":"Lisbon"}`, string(recs.Data[0].Metadata))
		assert.JSONEq(t, `{"name":"Bo","city":""}`, string(recs.Data[1].Metadata))
	})
}

// The list filters by status, creation time and record count, and carries
// each batch's progress; bad filter values are refused.
func TestBatchCallListFilters(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	small, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "s.csv", File: strings.NewReader(numbersCSV(2))})
	require.NoError(t, err)
	clock.add(time.Hour)
	mid := clock.now()
	big, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "b.csv", File: strings.NewReader(numbersCSV(5))})
	require.NoError(t, err)
	_, err = c.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: big.ID, BatchName: "big", PhoneNumberID: "p", RoutingRuleID: "r"})
	require.NoError(t, err)
	clock.add(5 * time.Second) // one of five dialled

	ids := func(p videosdk.ListBatchCallsParams) []string {
		t.Helper()
		page, err := c.BatchCalls.List(ctx, p)
		require.NoError(t, err)
		out := []string{}
		for _, b := range page.Data {
			out = append(out, b.ID)
		}
		return out
	}
	assert.Equal(t, []string{big.ID, small.ID}, ids(videosdk.ListBatchCallsParams{}))
	assert.Equal(t, []string{big.ID}, ids(videosdk.ListBatchCallsParams{Status: videosdk.BatchCallRunning}))
	assert.Equal(t, []string{big.ID}, ids(videosdk.ListBatchCallsParams{StartDate: mid}))
	assert.Equal(t, []string{small.ID}, ids(videosdk.ListBatchCallsParams{EndDate: mid.Add(-time.Minute)}))
	assert.Equal(t, []string{big.ID}, ids(videosdk.ListBatchCallsParams{MinValue: 3}))
	assert.Equal(t, []string{small.ID}, ids(videosdk.ListBatchCallsParams{MaxValue: 3}))

	list := ok(t, srv, "GET", "/v2/batch-calls?status=running", nil)["batchCalls"].([]any)
	require.Len(t, list, 1)
	assert.InDelta(t, 20.0, list[0].(map[string]any)["progress"], 0.001, "one of five records dialled")
	for _, q := range []string{"startDate=yesterday", "endDate=2025", "minValue=-1", "maxValue=x", "page=0"} {
		fails(t, srv, 400, "GET", "/v2/batch-calls?"+q, nil)
	}
}

// Cancel needs a documented mode and a running or scheduled batch; an
// immediate cancel ends every pending record at once. Records: a dialled
// record cannot be edited, deleting needs ids, the search covers metadata,
// and the export is CSV of the filtered records.
func TestBatchCallCancelAndRecordRules(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	srv := NewServer(WithClock(clock.now))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := srv.Client()
	p, err := c.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader(numbersCSV(4))})
	require.NoError(t, err)
	path := "/v2/batch-calls/" + p.ID
	fails(t, srv, 400, "POST", path+"/cancel", map[string]any{"mode": "immediate"}) // parsed, not running
	fails(t, srv, 404, "POST", "/v2/batch-calls/nope/cancel", map[string]any{"mode": "immediate"})
	_, err = c.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: p.ID, BatchName: "n", PhoneNumberID: "p", RoutingRuleID: "r"})
	require.NoError(t, err)
	_, err = c.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: p.ID, BatchName: "n", PhoneNumberID: "p", RoutingRuleID: "r"})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "a running batch cannot be created again")
	fails(t, srv, 400, "POST", path+"/cancel", map[string]any{})
	fails(t, srv, 400, "POST", path+"/cancel", map[string]any{"mode": "abrupt"})
	fails(t, srv, 400, "PUT", path, map[string]any{"description": "running"})

	clock.add(5 * time.Second) // the first record dialled
	recs, err := c.BatchCalls.Records.List(ctx, p.ID, videosdk.ListBatchRecordsParams{})
	require.NoError(t, err)
	require.Len(t, recs.Data, 4)
	_, err = c.BatchCalls.Records.Update(ctx, p.ID, recs.Data[0].ID, videosdk.UpdateBatchRecordParams{PhoneNumber: ptr("+15550000000")})
	assert.ErrorIs(t, err, videosdk.ErrBadRequest, "a dialled record cannot be edited")
	fails(t, srv, 404, "PUT", path+"/records/nope", map[string]any{"phoneNumber": "+1"})
	fails(t, srv, 400, "PUT", path+"/records/"+recs.Data[1].ID, map[string]any{"phoneNumber": ""})
	r1, err := c.BatchCalls.Records.Update(ctx, p.ID, recs.Data[1].ID, videosdk.UpdateBatchRecordParams{Metadata: map[string]any{"name": "Zed"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Zed"}`, string(r1.Metadata))
	found, err := c.BatchCalls.Records.List(ctx, p.ID, videosdk.ListBatchRecordsParams{Query: "Zed"})
	require.NoError(t, err)
	require.Len(t, found.Data, 1)
	assert.Equal(t, recs.Data[1].ID, found.Data[0].ID)
	fails(t, srv, 400, "DELETE", path+"/records", map[string]any{"recordIds": []string{}})
	del := ok(t, srv, "DELETE", path+"/records", map[string]any{"recordIds": []string{recs.Data[3].ID, "nope"}})
	assert.EqualValues(t, 1, del["deletedCount"], "unknown ids are not counted")

	got, err := c.BatchCalls.Cancel(ctx, p.ID, videosdk.BatchCancelImmediate)
	require.NoError(t, err)
	assert.Equal(t, videosdk.BatchCallCancelled, got.Status)
	stats, err := c.BatchCalls.Stats(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, stats.Total)
	assert.Equal(t, 2, stats.Counts["cancelled"], "both pending records end at once")
	fails(t, srv, 400, "POST", path+"/cancel", map[string]any{"mode": "immediate"})

	res := call(t, srv, "GET", path+"/records/export?status=cancelled", nil)
	require.Equal(t, 200, res.status)
	assert.Equal(t, "text/csv; charset=utf-8", res.header.Get("Content-Type"))
	lines := strings.Split(strings.TrimSpace(string(res.body)), "\n")
	require.Len(t, lines, 3)
	assert.Equal(t, "recordId,phoneNumber,status,callId,attempts,callDuration", lines[0])
	for _, l := range lines[1:] {
		assert.Contains(t, l, ",cancelled,")
	}
}

// Every batch-call write route refuses a body that is not a JSON object,
// and every route with a batch id answers 404 for one it does not hold
// (or that was deleted), each with a message-only error.
func TestBatchCallRoutesRefuseBadBodiesAndUnknownIDs(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	b := ok(t, srv, "POST", "/v2/batch-calls", map[string]any{"batchName": "b", "phoneNumberId": "p", "routingRuleId": "r", "saveAsDraft": true})
	id := b["batchId"].(string)
	for _, r := range [][2]string{
		{"POST", "/v2/batch-calls/upload"}, {"POST", "/v2/batch-calls/parse"}, {"POST", "/v2/batch-calls"},
		{"PUT", "/v2/batch-calls/" + id}, {"POST", "/v2/batch-calls/" + id + "/cancel"}, {"DELETE", "/v2/batch-calls/" + id + "/records"},
	} {
		for _, body := range []string{"{", "[]", `{"fileName":1,"batchId":1,"batchName":1,"mode":1,"recordIds":"r"}`} {
			failsRaw(t, srv, 400, r[0], r[1], body)
		}
	}
	fails(t, srv, 400, "PUT", "/v2/batch-calls/"+id, map[string]any{"webhook": map[string]any{"endpoint": "https://x"}})
	fails(t, srv, 400, "PUT", "/v2/batch-calls/"+id, map[string]any{"batchId": id})
	fails(t, srv, 400, "PUT", "/v2/batch-calls/"+id, map[string]any{"timing": "later"})
	fails(t, srv, 400, "GET", "/v2/batch-calls/"+id+"/records?perPage=0", nil)
	// A draft that is updated with saveAsDraft false is scheduled (or run).
	up := ok(t, srv, "PUT", "/v2/batch-calls/"+id, map[string]any{"description": "d", "saveAsDraft": false})
	assert.Equal(t, "running", up["status"], "an immediate batch starts when it leaves draft")

	ok(t, srv, "DELETE", "/v2/batch-calls/"+id, nil)
	for _, bid := range []string{"nope", id} {
		for _, r := range [][2]string{
			{"GET", "/v2/batch-calls/" + bid}, {"DELETE", "/v2/batch-calls/" + bid}, {"GET", "/v2/batch-calls/" + bid + "/stats"},
			{"GET", "/v2/batch-calls/" + bid + "/records"}, {"GET", "/v2/batch-calls/" + bid + "/records/export"},
		} {
			fails(t, srv, 404, r[0], r[1], nil)
		}
		fails(t, srv, 404, "PUT", "/v2/batch-calls/"+bid, map[string]any{"description": "x"})
		fails(t, srv, 404, "PUT", "/v2/batch-calls/"+bid+"/records/r", map[string]any{"phoneNumber": "+1"})
		fails(t, srv, 404, "DELETE", "/v2/batch-calls/"+bid+"/records", map[string]any{"recordIds": []string{"r"}})
		fails(t, srv, 404, "POST", "/v2/batch-calls/parse", map[string]any{"batchId": bid})
	}
	assert.Empty(t, ok(t, srv, "GET", "/v2/batch-calls", nil)["batchCalls"], "a deleted batch is not listed")
}

// A batch answers the number its phoneNumberId names (§17 BatchCall
// phoneNumber), and no number for an id the fake does not hold.
func TestBatchCallAnswersItsPhoneNumber(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	client := srv.Client(videosdk.WithWaiterDelay(time.Millisecond, 2*time.Millisecond))
	_, err := client.SIP.PhoneNumbers.Create(ctx, videosdk.CreateSIPPhoneNumbersParams{Name: "Sales", PhoneNumbers: []string{"+14155550100"},
		Inbound:  videosdk.SIPPhoneNumberInboundSpec{SIPRegion: videosdk.SIPRegionUS002},
		Outbound: videosdk.SIPPhoneNumberOutboundSpec{Address: "sip.example-carrier.com", SIPRegion: videosdk.SIPRegionUS002}})
	require.NoError(t, err)
	n, err := client.SIP.PhoneNumbers.Get(ctx, "+14155550100")
	require.NoError(t, err)
	for id, want := range map[string]string{n.Number.ID: "+14155550100", "pn_unknown": ""} {
		csv := numbersCSV(1)
		parsed, err := client.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader(csv), Size: int64(len(csv))})
		require.NoError(t, err)
		b, err := client.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{BatchID: parsed.ID, BatchName: "n", PhoneNumberID: id, RoutingRuleID: "r"})
		require.NoError(t, err)
		assert.Equal(t, want, b.PhoneNumber, id)
		got, err := client.BatchCalls.Get(ctx, b.ID)
		require.NoError(t, err)
		assert.Equal(t, want, got.PhoneNumber, id)
	}
}
