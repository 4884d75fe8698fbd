package videosdk

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

const csvNumbers = "phoneNumber,name\n+14155550101,Ana\n+14155550102,Bo\n+14155550103,Cy\n"

// storagePut records the presigned PUT and answers status.
func storagePut(mt *httpmock.MockTransport, status int, got *http.Request, body *[]byte) {
	mt.RegisterResponder("PUT", "https://storage.example.test/uploads/b_01.csv", func(r *http.Request) (*http.Response, error) {
		*got = *r
		*body, _ = io.ReadAll(r.Body)
		return httpmock.NewStringResponse(status, "<Error>denied</Error>"), nil
	})
}

func TestBatchCallsUpload(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		size int64
	}{{"known size (streamed)", int64(len(csvNumbers))}, {"unknown size (buffered)", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestClient(t)
			checkUpload := expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/upload", golden: "batch_calls_upload", fixture: "batch_calls_upload.json"})
			checkParse := expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/parse", golden: "batch_calls_parse", fixture: "message_deleted.json"})
			var put http.Request
			var putBody []byte
			storagePut(mt, 200, &put, &putBody)
			polls := 0
			mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/b_01"), func(*http.Request) (*http.Response, error) {
				polls++
				name := "batch_calls_get_parsing.json"
				if polls == 2 {
					name = "batch_calls_get_parsed.json"
				}
				return httpmock.NewBytesResponse(200, testutil.Fixture(t, name)), nil
			})
			b, err := c.BatchCalls.Upload(context.Background(), UploadBatchParams{FileName: "lists/numbers.csv", File: strings.NewReader(csvNumbers), Size: tc.size})
			require.NoError(t, err)
			checkUpload()
			checkParse()
			assert.Equal(t, csvNumbers, string(putBody))
			assert.Equal(t, "text/csv", put.Header.Get("Content-Type"))
			assert.Empty(t, put.Header.Get("Authorization"), "the presigned PUT must not carry the API token")
			assert.Equal(t, int64(len(csvNumbers)), put.ContentLength)
			assert.Equal(t, 2, polls)
			assert.Equal(t, BatchCallParsed, b.Status)
			assert.Equal(t, 3, b.RecordsUploaded)
		})
	}
}

func TestBatchCallsUploadFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("storage refuses", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/upload", golden: "batch_calls_upload", fixture: "batch_calls_upload.json"})
		var put http.Request
		var body []byte
		storagePut(mt, 403, &put, &body)
		_, err := c.BatchCalls.Upload(ctx, UploadBatchParams{FileName: "numbers.csv", File: strings.NewReader(csvNumbers)})
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 403, apiErr.StatusCode)
		assert.NotContains(t, err.Error(), "deadbeefsig", "the presigned URL's signature must not reach the error")
		assert.Equal(t, 1, mt.GetCallCountInfo()["PUT https://storage.example.test/uploads/b_01.csv"], "a PUT is never retried")
	})
	t.Run("storage unreachable", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/upload", golden: "batch_calls_upload", fixture: "batch_calls_upload.json"})
		mt.RegisterResponder("PUT", "https://storage.example.test/uploads/b_01.csv", httpmock.NewErrorResponder(errors.New("connection reset")))
		_, err := c.BatchCalls.Upload(ctx, UploadBatchParams{FileName: "numbers.csv", File: strings.NewReader(csvNumbers)})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "connection reset")
		assert.Contains(t, err.Error(), "storage.example.test")
		assert.NotContains(t, err.Error(), "deadbeefsig")
	})
	t.Run("parse fails", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/upload", golden: "batch_calls_upload", fixture: "batch_calls_upload.json"})
		expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/parse", golden: "batch_calls_parse", fixture: "message_deleted.json"})
		var put http.Request
		var body []byte
		storagePut(mt, 200, &put, &body)
		mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/b_01"), testutil.JSONResponder(t, 200, "batch_calls_get_parse_failed.json"))
		_, err := c.BatchCalls.Upload(ctx, UploadBatchParams{FileName: "numbers.csv", File: strings.NewReader(csvNumbers)})
		var jobErr *JobError
		require.ErrorAs(t, err, &jobErr)
		assert.ErrorIs(t, err, ErrJobFailed)
		assert.Equal(t, "row 2: phone number missing", jobErr.Reason)
	})
	t.Run("invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		for name, p := range map[string]UploadBatchParams{
			"pdf":      {FileName: "numbers.pdf", File: strings.NewReader("x")},
			"no name":  {FileName: ".csv", File: strings.NewReader("x")},
			"nil file": {FileName: "n.csv"},
			"too big":  {FileName: "n.csv", File: strings.NewReader("x"), Size: 6 << 20},
			"empty":    {FileName: "n.csv", File: strings.NewReader("")},
			"over 5MB": {FileName: "n.xlsx", File: io.LimitReader(zeros{}, 5<<20+1)},
		} {
			_, err := c.BatchCalls.Upload(ctx, p)
			assert.ErrorIs(t, err, ErrInvalidParams, name)
		}
		requireNoRequest(t, mt)
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestBatchCallsCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls", golden: "batch_calls_create", fixture: "batch_calls_create.json"})
		b, err := c.BatchCalls.Create(ctx, CreateBatchCallParams{
			BatchName: "December renewals", Description: "Renewal reminders", PhoneNumberID: "pn_01", RoutingRuleID: "rr_01",
			Timing: BatchScheduled, Timezone: "America/New_York", ScheduledDate: "2026-12-08", ScheduledTime: "09:30",
			AllowedFrom: "09:00", AllowedUntil: "18:00", DaysOfWeek: []int{1, 2, 3, 4, 5},
			Retry:   &BatchRetry{Enabled: true, RetryOn: []BatchRetryOn{BatchRetryNotAnswered, BatchRetryMissed}, MaxAttempts: 2},
			Webhook: &BatchWebhook{Endpoint: "https://hooks.example.com/batch", Events: []WebhookEventType{WebhookBatchCallStarted, WebhookBatchCallCompleted}},
			BatchID: "b_01",
		})
		require.NoError(t, err)
		check()
		assert.Equal(t, "b_01", b.ID)
		assert.Equal(t, BatchCallScheduled, b.Status)
		assert.Equal(t, []int{1, 2, 3, 4, 5}, b.DaysOfWeek)
		assert.Equal(t, int64(1796605200), b.Timestamp)
	})
	t.Run("create invalid", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		ok := CreateBatchCallParams{BatchName: "n", PhoneNumberID: "p", RoutingRuleID: "r"}
		for name, mod := range map[string]func(*CreateBatchCallParams){
			"no name":           func(p *CreateBatchCallParams) { p.BatchName = "" },
			"no routing rule":   func(p *CreateBatchCallParams) { p.RoutingRuleID = "" },
			"scheduled no date": func(p *CreateBatchCallParams) { p.Timing = BatchScheduled; p.ScheduledTime = "09:00" },
			"bad time":          func(p *CreateBatchCallParams) { p.AllowedFrom = "9am" },
			"bad date": func(p *CreateBatchCallParams) {
				p.Timing, p.ScheduledTime, p.ScheduledDate = BatchScheduled, "09:00", "08/12/2026"
			},
			"day 7":       func(p *CreateBatchCallParams) { p.DaysOfWeek = []int{7} },
			"4 attempts":  func(p *CreateBatchCallParams) { p.Retry = &BatchRetry{Enabled: true, MaxAttempts: 4} },
			"bad retryOn": func(p *CreateBatchCallParams) { p.Retry = &BatchRetry{RetryOn: []BatchRetryOn{"busy"}} },
			"bad timing":  func(p *CreateBatchCallParams) { p.Timing = "later" },
			"bad webhook event": func(p *CreateBatchCallParams) {
				p.Webhook = &BatchWebhook{Endpoint: "https://x.test/", Events: []WebhookEventType{"call-answered"}}
			},
			"webhook not http(s)": func(p *CreateBatchCallParams) { p.Webhook = &BatchWebhook{Endpoint: "x"} },
		} {
			p := ok
			mod(&p)
			_, err := c.BatchCalls.Create(ctx, p)
			assert.ErrorIs(t, err, ErrInvalidParams, name)
		}
		requireNoRequest(t, mt)
	})
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/batch-calls", query: map[string]string{"status": "running", "minValue": "10", "maxValue": "100"}, fixture: "batch_calls_list.json"})
		page, err := c.BatchCalls.List(ctx, ListBatchCallsParams{Status: BatchCallRunning, MinValue: 10, MaxValue: 100})
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 1)
		assert.Equal(t, 45.5, page.Data[0].Progress)
		var ids []string
		c2, mt2 := newTestClient(t)
		mt2.RegisterResponder("GET", testutil.URL("/v2/batch-calls"), testutil.JSONResponder(t, 200, "batch_calls_list.json"))
		for b, err := range c2.BatchCalls.All(ctx, ListBatchCallsParams{}) {
			require.NoError(t, err)
			ids = append(ids, b.ID)
		}
		assert.Equal(t, []string{"b_01"}, ids)
	})
	t.Run("update", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "PUT", path: "/v2/batch-calls/b_01", golden: "batch_calls_update", fixture: "batch_calls_create.json"})
		_, err := c.BatchCalls.Update(ctx, "b_01", UpdateBatchCallParams{ScheduledTime: ptr("10:00"), SaveAsDraft: ptr(false)})
		require.NoError(t, err)
		check()
		_, err = c.BatchCalls.Update(ctx, "b_01", UpdateBatchCallParams{ScheduledTime: ptr("25:00")})
		assert.ErrorIs(t, err, ErrInvalidParams)
		_, err = c.BatchCalls.Update(ctx, "b_01", UpdateBatchCallParams{BatchName: ptr(" ")})
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
	t.Run("delete", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/batch-calls/b_01", fixture: "message_deleted.json"})
		_, err := c.BatchCalls.Delete(ctx, "b_01")
		require.NoError(t, err)
		check()
	})
	t.Run("cancel", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "POST", path: "/v2/batch-calls/b_01/cancel", golden: "batch_calls_cancel", fixture: "batch_calls_cancelled.json"})
		b, err := c.BatchCalls.Cancel(ctx, "b_01", BatchCancelGraceful)
		require.NoError(t, err)
		check()
		assert.Equal(t, BatchCallCancelled, b.Status)
		_, err = c.BatchCalls.Cancel(ctx, "b_01", "now")
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
	t.Run("stats", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/batch-calls/b_01/stats", fixture: "batch_calls_stats.json"})
		s, err := c.BatchCalls.Stats(ctx, "b_01")
		require.NoError(t, err)
		check()
		assert.Equal(t, &BatchCallStats{BatchID: "b_01", Status: BatchCallRunning, Total: 20,
			Counts: map[string]int{"answered": 11, "busy": 4, "not connected": 3, "scheduled": 2}}, s)
	})
	t.Run("wait", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		n := 0
		mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/b_01"), func(*http.Request) (*http.Response, error) {
			n++
			name := "batch_calls_list.json"
			switch n {
			case 1:
				name = "batch_calls_create.json"
			case 2:
				name = "batch_calls_completed.json"
			}
			return httpmock.NewBytesResponse(200, testutil.Fixture(t, name)), nil
		})
		b, err := c.BatchCalls.Wait(ctx, "b_01")
		require.NoError(t, err)
		assert.Equal(t, BatchCallCompleted, b.Status)
		assert.Equal(t, 2, n)
	})
	t.Run("wait cancelled", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/b_01"), testutil.JSONResponder(t, 200, "batch_calls_cancelled.json"))
		_, err := c.BatchCalls.Wait(ctx, "b_01")
		assert.ErrorIs(t, err, ErrJobFailed)
	})
}

func TestBatchRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "GET", path: "/v2/batch-calls/b_01/records", query: map[string]string{"perPage": "2", "status": "answered,not connected", "query": "+1415"}, fixture: "batch_records_list.json"})
		page, err := c.BatchCalls.Records.List(ctx, "b_01", ListBatchRecordsParams{ListOptions: ListOptions{PerPage: 2}, Status: []string{"answered", "not connected"}, Query: "+1415"})
		require.NoError(t, err)
		check()
		require.Len(t, page.Data, 2)
		assert.Equal(t, "r_01", page.Data[0].ID)
		require.NotNil(t, page.Data[0].CallDuration)
		assert.Equal(t, 42.5, *page.Data[0].CallDuration)
		assert.Nil(t, page.Data[1].CallDuration)
		_, err = c.BatchCalls.Records.List(ctx, "b_01", ListBatchRecordsParams{Status: []string{"a,b"}})
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
	t.Run("update", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "PUT", path: "/v2/batch-calls/b_01/records/r_03", golden: "batch_records_update", fixture: "batch_records_update.json"})
		r, err := c.BatchCalls.Records.Update(ctx, "b_01", "r_03", UpdateBatchRecordParams{PhoneNumber: ptr("+14155550199"), Metadata: map[string]any{"name": "Bo"}})
		require.NoError(t, err)
		check()
		assert.Equal(t, "+14155550199", r.PhoneNumber)
		_, err = c.BatchCalls.Records.Update(ctx, "b_01", "r_03", UpdateBatchRecordParams{})
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
	t.Run("delete", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		check := expectCall(t, mt, callTest{method: "DELETE", path: "/v2/batch-calls/b_01/records", golden: "batch_records_delete", fixture: "batch_records_delete.json"})
		res, err := c.BatchCalls.Records.Delete(ctx, "b_01", []string{"r_01", "r_02"})
		require.NoError(t, err)
		check()
		assert.Equal(t, 2, res.DeletedCount)
		_, err = c.BatchCalls.Records.Delete(ctx, "b_01", nil)
		assert.ErrorIs(t, err, ErrInvalidParams)
	})
	t.Run("export", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		var accept string
		mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/b_01/records/export"), func(r *http.Request) (*http.Response, error) {
			accept = r.Header.Get("Accept")
			assert.Equal(t, "answered", r.URL.Query().Get("status"))
			assert.Equal(t, "Ana", r.URL.Query().Get("search"))
			resp := httpmock.NewStringResponse(200, csvNumbers)
			resp.Header.Set("Content-Type", "text/csv")
			return resp, nil
		})
		b, err := c.BatchCalls.Records.Export(ctx, "b_01", ExportBatchRecordsParams{Status: "answered", Search: "Ana"})
		require.NoError(t, err)
		assert.Equal(t, csvNumbers, string(b))
		assert.Contains(t, accept, "text/csv")
	})
	t.Run("export html", func(t *testing.T) {
		t.Parallel()
		c, mt := newTestClient(t)
		mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/b_01/records/export"), httpmock.NewStringResponder(200, "<html>login</html>"))
		_, err := c.BatchCalls.Records.Export(ctx, "b_01", ExportBatchRecordsParams{})
		var re *ResponseError
		assert.True(t, errors.As(err, &re), "%v", err)
	})
}

func TestWebhookEventBatchCall(t *testing.T) {
	t.Parallel()
	ev, err := decodeWebhook([]byte(`{"webhookType":"batchcall-completed","data":{"batchId":"b_01","batchName":"December renewals","status":"completed"}}`), false)
	require.NoError(t, err)
	b, err := ev.BatchCall()
	require.NoError(t, err)
	assert.Equal(t, "b_01", b.ID)
	assert.Equal(t, BatchCallCompleted, b.Status)
	for _, body := range []string{
		`{"webhookType":"batchcall-started","data":{"status":"running"}}`,
		`{"webhookType":"batchcall-started","data":[1]}`,
		`{"webhookType":"batchcall-started"}`,
	} {
		ev, err := decodeWebhook([]byte(body), false)
		require.NoError(t, err)
		_, err = ev.BatchCall()
		assert.ErrorIs(t, err, ErrInvalidResponse, body)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

// Every argument the docs constrain is checked before any request.
func TestBatchCallsValidationBeforeRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	for name, call := range map[string]func() error{
		"list perPage": func() error {
			_, err := c.BatchCalls.List(ctx, ListBatchCallsParams{ListOptions: ListOptions{PerPage: -1}})
			return err
		},
		"list negative min": func() error { _, err := c.BatchCalls.List(ctx, ListBatchCallsParams{MinValue: -1}); return err },
		"list max under min": func() error {
			_, err := c.BatchCalls.List(ctx, ListBatchCallsParams{MinValue: 5, MaxValue: 2})
			return err
		},
		"get id":    func() error { _, err := c.BatchCalls.Get(ctx, ""); return err },
		"stats id":  func() error { _, err := c.BatchCalls.Stats(ctx, "a/b"); return err },
		"delete id": func() error { _, err := c.BatchCalls.Delete(ctx, " "); return err },
		"parse id":  func() error { _, err := c.BatchCalls.Parse(ctx, ""); return err },
		"upload batch id": func() error {
			_, err := c.BatchCalls.Upload(ctx, UploadBatchParams{FileName: "n.csv", File: strings.NewReader(csvNumbers), BatchID: "a/b"})
			return err
		},
		"update id": func() error { _, err := c.BatchCalls.Update(ctx, "", UpdateBatchCallParams{}); return err },
		"update routing rule": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{RoutingRuleID: ptr("")})
			return err
		},
		"update empty timing": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{Timing: ptr(BatchTiming(""))})
			return err
		},
		"update bad timing": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{Timing: ptr(BatchTiming("later"))})
			return err
		},
		"update timezone": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{Timezone: ptr("Nowhere")})
			return err
		},
		"update date": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{ScheduledDate: ptr("2026-13-01")})
			return err
		},
		"update days": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{DaysOfWeek: []int{7}})
			return err
		},
		"update retry": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{Retry: &BatchRetry{MaxAttempts: 4}})
			return err
		},
		"update retry outcome": func() error {
			_, err := c.BatchCalls.Update(ctx, "b", UpdateBatchCallParams{Retry: &BatchRetry{RetryOn: []BatchRetryOn{"answered"}}})
			return err
		},
		"cancel id":       func() error { _, err := c.BatchCalls.Cancel(ctx, "", BatchCancelGraceful); return err },
		"cancel no mode":  func() error { _, err := c.BatchCalls.Cancel(ctx, "b", ""); return err },
		"cancel bad mode": func() error { _, err := c.BatchCalls.Cancel(ctx, "b", "abrupt"); return err },
		"records id":      func() error { _, err := c.BatchCalls.Records.List(ctx, "", ListBatchRecordsParams{}); return err },
		"records perPage": func() error {
			_, err := c.BatchCalls.Records.List(ctx, "b", ListBatchRecordsParams{ListOptions: ListOptions{Page: -1}})
			return err
		},
		"records comma": func() error {
			_, err := c.BatchCalls.Records.List(ctx, "b", ListBatchRecordsParams{Status: []string{"a,b"}})
			return err
		},
		"records blank status": func() error {
			_, err := c.BatchCalls.Records.List(ctx, "b", ListBatchRecordsParams{Status: []string{" "}})
			return err
		},
		"record update ids": func() error {
			_, err := c.BatchCalls.Records.Update(ctx, "b", "", UpdateBatchRecordParams{PhoneNumber: ptr("+1")})
			return err
		},
		"record update empty": func() error {
			_, err := c.BatchCalls.Records.Update(ctx, "b", "r", UpdateBatchRecordParams{})
			return err
		},
		"record update phone": func() error {
			_, err := c.BatchCalls.Records.Update(ctx, "b", "r", UpdateBatchRecordParams{PhoneNumber: ptr(" ")})
			return err
		},
		"records delete id":    func() error { _, err := c.BatchCalls.Records.Delete(ctx, "", []string{"r"}); return err },
		"records delete entry": func() error { _, err := c.BatchCalls.Records.Delete(ctx, "b", []string{"r", ""}); return err },
		"export id":            func() error { _, err := c.BatchCalls.Records.Export(ctx, "..", ExportBatchRecordsParams{}); return err },
	} {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	for _, err := range c.BatchCalls.Records.All(ctx, "", ListBatchRecordsParams{}) {
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	requireNoRequest(t, mt)

	// A file that cannot be read is the caller's error, wrapped, not sent.
	_, err := c.BatchCalls.Upload(ctx, UploadBatchParams{FileName: "n.csv", File: failingReader{}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk gone")
	requireNoRequest(t, mt)
}

// A zone name the local tz database lacks but that looks like one
// (Area/City) is passed on for the server to judge.
func TestBatchCallsUnknownAreaCityZoneIsSent(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("PUT", testutil.URL("/v2/batch-calls/b_01"), httpmock.NewStringResponder(200, `{"batchId":"b_01","status":"draft","timezone":"Mars/Olympus"}`))
	b, err := c.BatchCalls.Update(context.Background(), "b_01", UpdateBatchCallParams{Timezone: ptr("Mars/Olympus")})
	require.NoError(t, err)
	assert.Equal(t, "b_01", b.ID)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// Bad answers become typed errors: an object without its id, stats whose
// known fields are mistyped, an upload ticket without its URL, a presigned
// URL that is not http(s). Stats may come wrapped under data, and a count
// that is not a number is left out rather than failing the whole answer.
func TestBatchCallsBadAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, mt := newTestClient(t)
	mt.RegisterResponder("PUT", testutil.URL("/v2/batch-calls/b_01/records/r_01"), httpmock.NewStringResponder(200, `{"data":{"phoneNumber":"+1"}}`))
	_, err := c.BatchCalls.Records.Update(ctx, "b_01", "r_01", UpdateBatchRecordParams{PhoneNumber: ptr("+1")})
	assert.ErrorIs(t, err, ErrInvalidResponse)

	stats := map[string]string{
		"wrapped": `{"data":{"batchId":"w","status":"completed","total":3,"answered":2,"busy":1,"note":"x"}}`,
		"total":   `{"batchId":"t","total":"three"}`,
		"status":  `{"batchId":"s","status":7}`,
		"batchId": `{"batchId":1}`,
		"html":    `<html>502</html>`,
	}
	for id, body := range stats {
		mt.RegisterResponder("GET", testutil.URL("/v2/batch-calls/"+id+"/stats"), httpmock.NewStringResponder(200, body))
	}
	s, err := c.BatchCalls.Stats(ctx, "wrapped")
	require.NoError(t, err)
	assert.Equal(t, BatchCallStats{BatchID: "w", Status: BatchCallCompleted, Total: 3, Counts: map[string]int{"answered": 2, "busy": 1}}, *s)
	for _, id := range []string{"total", "status", "batchId", "html"} {
		_, err := c.BatchCalls.Stats(ctx, id)
		var re *ResponseError
		assert.ErrorAs(t, err, &re, id)
		assert.ErrorIs(t, err, ErrInvalidResponse, id)
	}

	for name, ticket := range map[string]string{
		"no url":      `{"batchId":"b_01"}`,
		"no batch id": `{"presignedUrl":"https://storage.example.test/u"}`,
		"ftp url":     `{"presignedUrl":"ftp://storage.example.test/u?sig=s3cr3t","batchId":"b_01"}`,
	} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("POST", testutil.URL("/v2/batch-calls/upload"), httpmock.NewStringResponder(200, ticket))
		_, err := c.BatchCalls.Upload(ctx, UploadBatchParams{FileName: "n.csv", File: strings.NewReader(csvNumbers)})
		assert.ErrorIs(t, err, ErrInvalidResponse, name)
		assert.NotContains(t, err.Error(), "s3cr3t", name)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "%s: nothing is PUT or parsed", name)
	}
}
