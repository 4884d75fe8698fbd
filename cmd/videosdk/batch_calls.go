package main

import (
	"context"
	"iter"
	"os"
	"sort"
	"strconv"

	"github.com/videosdk-go/videosdk"
)

func batchCallsGroup() group {
	return group{path: "videosdk batch-calls", summary: "Run outbound calling campaigns from a file of numbers.", cmds: []command{
		{"create", "upload a CSV file (or take -batch) and start, schedule or save a batch call", batchCallsCreate},
		{"list", "list batch calls, newest first", batchCallsList},
		{"get", "show a batch call", batchCallsGet},
		{"stats", "count a batch call's records by status", batchCallsStats},
	}}
}

func batchCallsCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk batch-calls create", "[FILE.csv]", "Uploads FILE (when given), waits for the API to parse it, and creates the batch call.").withJSON().withCredentials()
	var p videosdk.CreateBatchCallParams
	f.StringVar(&p.BatchName, "name", "", "the batch `NAME` (required)")
	f.StringVar(&p.PhoneNumberID, "number", "", "the outbound phone number `ID` (required)")
	f.StringVar(&p.RoutingRuleID, "rule", "", "the outbound routing rule `ID` (required)")
	f.StringVar(&p.BatchID, "batch", "", "an uploaded, parsed batch `ID` (instead of FILE)")
	f.BoolVar(&p.SaveAsDraft, "draft", false, "save as a draft instead of starting")
	pos, err := f.parse(args, -1)
	if err != nil {
		return err
	}
	if err := f.require("name", "number", "rule"); err != nil {
		return err
	}
	if len(pos) > 1 || (len(pos) == 1) == (p.BatchID != "") {
		return f.fail("give either FILE or -batch")
	}
	cl, err := f.client()
	if err != nil {
		return err
	}
	if len(pos) == 1 {
		fh, err := os.Open(pos[0])
		if err != nil {
			return usagef("%v", err)
		}
		defer fh.Close()
		st, err := fh.Stat()
		if err != nil {
			return err
		}
		parsed, err := cl.BatchCalls.Upload(ctx, videosdk.UploadBatchParams{FileName: pos[0], File: fh, Size: st.Size()})
		if err != nil {
			return err
		}
		p.BatchID = parsed.ID
	}
	b, err := cl.BatchCalls.Create(ctx, p)
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(b)
	}
	return c.showBatch(b)
}

func (c *cli) showBatch(b *videosdk.BatchCall) error {
	return c.details(kv("Batch ID", b.ID), kv("Name", b.Name), kv("Status", string(b.Status)),
		kv("Records", strconv.Itoa(b.RecordsUploaded)), kv("Timing", string(b.Timing)), kv("Parse error", b.ParseError))
}

func batchCallsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk batch-calls list", "", "Lists batch calls, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListBatchCallsParams
	f.Func("status", "only batch calls in `STATUS` (running, completed, …)", func(s string) error { p.Status = videosdk.BatchCallStatus(s); return nil })
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.BatchCall, error] {
		p.ListOptions = o
		return cl.BatchCalls.All(ctx, p)
	}, func(bs []videosdk.BatchCall) error {
		t := c.table("BATCH ID", "NAME", "STATUS", "RECORDS", "PROGRESS")
		for _, b := range bs {
			t.row(b.ID, b.Name, string(b.Status), strconv.Itoa(b.RecordsUploaded), strconv.FormatFloat(b.Progress, 'f', 0, 64)+"%")
		}
		return t.flush()
	})
}

func batchCallsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk batch-calls get", "BATCH_ID", "Shows a batch call.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.BatchCall, error) {
		return cl.BatchCalls.Get(ctx, id)
	}, func(b *videosdk.BatchCall) error {
		if f.json {
			return c.printJSON(b)
		}
		return c.showBatch(b)
	})
}

func batchCallsStats(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk batch-calls stats", "BATCH_ID", "Counts a batch call's records by status.").withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.BatchCallStats, error) {
		return cl.BatchCalls.Stats(ctx, id)
	}, func(s *videosdk.BatchCallStats) error {
		if f.json {
			return c.printJSON(s)
		}
		labels := make([]string, 0, len(s.Counts))
		for l := range s.Counts {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		t := c.table("STATUS", "RECORDS")
		for _, l := range labels {
			t.row(l, strconv.Itoa(s.Counts[l]))
		}
		t.row("total", strconv.Itoa(s.Total))
		return t.flush()
	})
}
