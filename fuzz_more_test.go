package videosdk

import "context"

// The fuzz targets' tables for the services beyond the seed list; fuzz_test.go
// appends them to its own.

// moreDecodeTargets are the response models of the newer services, decoded
// the way the services decode them (wire.go).
var moreDecodeTargets = []decodeTarget{
	decodeAs[CompositeRecording]("CompositeRecording", nil),
	decodeAs[Transcoding]("Transcoding", nil),
	decodeAs[PostTranscription]("PostTranscription", nil),
	decodeAs[RealtimeTranscription]("RealtimeTranscription", nil),
	decodeAs("pageEnvelope[CompositeRecording]", pageOf[CompositeRecording]()),
	decodeAs("pageEnvelope[Transcoding]", pageOf[Transcoding]()),
	decodeAs("transcriptionsEnvelope[PostTranscription]", transcriptionsOf[PostTranscription]()),
	decodeAs("transcriptionsEnvelope[RealtimeTranscription]", transcriptionsOf[RealtimeTranscription]()),
}

// transcriptionsOf checks the page getTranscriptionsPage would return.
func transcriptionsOf[T any]() func(*transcriptionsEnvelope[T]) error {
	return func(e *transcriptionsEnvelope[T]) error {
		if e.page().Data == nil {
			return errEmptyResult
		}
		return nil
	}
}

// moreEndpointFormats are the path formats of the newer services.
var moreEndpointFormats = []string{
	"/v2/recordings/composite/%s", "/v2/transcodings/%s", "/v2/transcodings/%s/cancel",
	"/ai/v1/post-transcriptions/%s", "/ai/v1/realtime-transcriptions/%s",
}

func moreIDMethods(c *Client) []idMethod {
	e := func(_ any, err error) error { return err }
	return []idMethod{
		{"CompositeRecordings.Get", "/v2/recordings/composite/%s", func(ctx context.Context, id string) error { return e(c.CompositeRecordings.Get(ctx, id)) }},
		{"CompositeRecordings.Delete", "/v2/recordings/composite/%s", func(ctx context.Context, id string) error { return c.CompositeRecordings.Delete(ctx, id) }},
		{"Transcodings.Get", "/v2/transcodings/%s", func(ctx context.Context, id string) error { return e(c.Transcodings.Get(ctx, id)) }},
		{"Transcodings.Cancel", "/v2/transcodings/%s/cancel", func(ctx context.Context, id string) error { return c.Transcodings.Cancel(ctx, id) }},
		{"PostTranscriptions.Get", "/ai/v1/post-transcriptions/%s", func(ctx context.Context, id string) error { return e(c.PostTranscriptions.Get(ctx, id)) }},
		{"RealtimeTranscriptions.Get", "/ai/v1/realtime-transcriptions/%s", func(ctx context.Context, id string) error {
			return e(c.RealtimeTranscriptions.Get(ctx, id))
		}},
		{"Recordings.GetWithTranscription", "/v2/recordings/%s", func(ctx context.Context, id string) error {
			return e(c.Recordings.GetWithTranscription(ctx, id))
		}},
	}
}
