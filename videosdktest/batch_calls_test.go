package videosdktest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
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
