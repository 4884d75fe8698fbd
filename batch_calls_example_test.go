package videosdk_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/videosdktest"
)

func ExampleBatchCallsService_Upload() {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	srv := videosdktest.NewServer(videosdktest.WithClock(func() time.Time { return now }), videosdktest.WithSeed(1))
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	csv := "phoneNumber,name\n+14155550101,Ana\n+14155550102,Bo\n+14155550103,Cy\n"
	parsed, err := client.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "renewals.csv", File: strings.NewReader(csv)})
	if err != nil {
		log.Fatal(err)
	}
	b, err := client.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{
		BatchID: parsed.ID, BatchName: "December renewals",
		PhoneNumberID: "your-outbound-number-id", RoutingRuleID: "your-outbound-rule-id",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parsed.RecordsUploaded, "records,", b.Status)

	now = now.Add(time.Minute) // the fake dials one record every 5 s of its clock
	done, err := client.BatchCalls.Wait(ctx, b.ID)
	if err != nil {
		log.Fatal(err)
	}
	stats, err := client.BatchCalls.Stats(ctx, b.ID)
	if err != nil {
		log.Fatal(err)
	}
	sum := 0
	for _, n := range stats.Counts {
		sum += n
	}
	fmt.Println(done.Status, sum == stats.Total)
	// Output:
	// 3 records, running
	// completed true
}

func ExampleWebhookEvent_BatchCall() {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	srv := videosdktest.NewServer(videosdktest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	h := videosdk.NewWebhookHandler(srv.WebhookPublicKey()) // client.NewWebhookHandler() in production
	h.On("batchcall-*", func(ctx context.Context, ev *videosdk.WebhookEvent) error {
		b, err := ev.BatchCall()
		if err != nil {
			return err
		}
		fmt.Println(ev.Type, b.Status)
		return nil
	})
	receiver := httptest.NewServer(h)
	defer receiver.Close()

	parsed, err := client.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: "n.csv", File: strings.NewReader("phone\n+14155550101\n")})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.BatchCalls.Create(ctx, videosdk.CreateBatchCallParams{
		BatchID: parsed.ID, BatchName: "one call", PhoneNumberID: "pn", RoutingRuleID: "rr",
		Webhook: &videosdk.BatchWebhook{Endpoint: receiver.URL},
	})
	if err != nil {
		log.Fatal(err)
	}
	now = now.Add(time.Minute)
	if err := srv.FlushWebhooks(ctx); err != nil {
		log.Fatal(err)
	}
	// Output:
	// batchcall-started running
	// batchcall-completed completed
}
