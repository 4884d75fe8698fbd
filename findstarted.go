package videosdk

import (
	"context"
	"errors"
	"time"
)

// FindStartedSkew is how much earlier than the Start call a job may have
// begun, by the server's clock, and still be taken by FindStarted for the one
// that call started. FindStarted first moves StartResult.StartedAt (the
// client's clock) by how far the server's clock was off, read from the Date
// header of the Start answer when the server sent one (whole seconds); the
// allowance covers that rounding, the request's latency and a server whose
// job times come from another clock than its Date header. A job of the same
// room (and participant and track) started by another call within this
// window before, or at any time after, the Start call cannot be told from it;
// see RecordingsService.FindStarted.
const FindStartedSkew = time.Minute

// findStartedPerPage and findStartedPages bound one poll's listing: at most
// this many items from this many pages (newest first, so the job sought is
// on the first page unless very many were started after it).
const (
	findStartedPerPage = 50
	findStartedPages   = 4
)

// findStarted is the one implementation of the FindStarted methods. With
// res.ID it gets the job by id (waiting out the brief "not visible yet" of
// the waiter rules). Without it, it lists the room's jobs (list applies the
// filters its endpoint allows) and keeps those match accepts that began at
// or after res.StartedAt minus FindStartedSkew, taking the newest; until one
// appears it polls again with the waiters' pauses, until ctx ends. Transient
// errors (5xx, 429, network) are polled again up to the waiter limit; any
// other error ends the search.
func findStarted[T any](ctx context.Context, c *Client, kind string, res *StartResult,
	get func(context.Context, string) (*T, error),
	list func(ctx context.Context, page int) (*Page[T], error),
	began func(*T) (time.Time, bool)) (*T, error) {
	if ctx == nil {
		return nil, invalidParams("context is nil")
	}
	if res == nil {
		return nil, invalidParams("start result is nil")
	}
	if res.ID != "" {
		return waitFor(ctx, c, kind, res.ID, get, func(*T) jobState { return jobState{done: true} })
	}
	if res.RoomID == "" {
		return nil, invalidParams("start result has neither an id nor a roomId")
	}
	if res.StartedAt.IsZero() {
		return nil, invalidParams("start result has no id and no StartedAt: it was not made by a Start call")
	}
	since := res.StartedAt.Add(res.offset - FindStartedSkew)
	var (
		transient int
		polls     int
	)
	for {
		v, err := newestStarted(ctx, list, began, since)
		polls++
		var hint time.Duration
		switch {
		case err == nil && v != nil:
			return v, nil
		case err == nil:
		case ctx.Err() != nil:
			return nil, waitEnded(ctx, kind, "started in room "+res.RoomID, "not listed yet", polls)
		case transientPollError(err) && transient < waitTransientPolls-1:
			transient++
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				hint = apiErr.RetryAfter
			}
		default:
			return nil, err
		}
		if err == nil {
			transient = 0
		}
		pause := max(c.waitDelay(polls-1), hint)
		c.logWait(ctx, kind, "started in room "+res.RoomID, "not listed yet", polls, pause, err)
		if err := c.cfg.sleep(ctx, pause); err != nil {
			return nil, waitEnded(ctx, kind, "started in room "+res.RoomID, "not listed yet", polls)
		}
	}
}

// newestStarted lists up to findStartedPages pages and returns the newest
// job that match accepts and that began at or after since; nil when there is
// none yet. It stops early at a page whose items are in newest-first order
// and end before since: later pages hold only older jobs.
func newestStarted[T any](ctx context.Context, list func(context.Context, int) (*Page[T], error),
	began func(*T) (time.Time, bool), since time.Time) (*T, error) {
	var (
		best   *T
		bestAt time.Time
	)
	for page := 1; page <= findStartedPages; page++ {
		p, err := list(ctx, page)
		if err != nil {
			return nil, err
		}
		descending, oldest := true, time.Time{}
		for i := range p.Data {
			item := &p.Data[i]
			at, ok := began(item)
			if i > 0 && at.After(oldest) {
				descending = false
			}
			oldest = at
			if ok && !at.Before(since) && (best == nil || at.After(bestAt)) {
				best, bestAt = item, at
			}
		}
		if !p.HasNext() || (descending && oldest.Before(since)) {
			break
		}
	}
	return best, nil
}

// FindStarted returns the meeting recording a Start call started. When the
// answer carried an id (res.ID), it is the recording with that id. The API
// documents a bare sentence as the answer, though: then FindStarted lists
// the room's recordings (of res.SessionID when known) and takes the newest
// one whose start (else createdAt) is at or after res.StartedAt minus
// FindStartedSkew, polling with the waiters' pauses (see WaitForFile) until
// one is listed or ctx ends, so give ctx a deadline. Then pass its ID to
// WaitForFile, Stop or Get.
//
// The one ambiguity: two recordings of the same room started within
// FindStartedSkew of each other (or one started after this call, by another
// call or autoStartConfig) cannot be told apart without an id, and the newer
// is returned for both. res must come from Start (or carry an ID).
//
// API: GET /v2/recordings
func (s *RecordingsService) FindStarted(ctx context.Context, res *StartResult) (*Recording, error) {
	return findStarted(ctx, s.client, "recording", res, s.Get,
		func(ctx context.Context, page int) (*Page[Recording], error) {
			return s.List(ctx, ListRecordingsParams{RoomID: res.RoomID, SessionID: res.SessionID,
				ListOptions: ListOptions{Page: page, PerPage: findStartedPerPage}})
		},
		func(r *Recording) (time.Time, bool) {
			if r.Start != nil {
				return *r.Start, true
			}
			return r.CreatedAt, !r.CreatedAt.IsZero()
		})
}

// FindStarted returns the participant recording a Start call started: by
// res.ID when the answer carried one, else the newest recording of the room
// for res.ParticipantID (listed with that filter) that started at or after
// res.StartedAt minus FindStartedSkew, polling with the waiters' pauses until
// one is listed or ctx ends. Two recordings of the same participant started
// within FindStartedSkew of each other cannot be told apart: the newer is
// returned for both. See RecordingsService.FindStarted.
//
// API: GET /v2/recordings/participant
func (s *ParticipantRecordingsService) FindStarted(ctx context.Context, res *StartResult) (*ParticipantRecording, error) {
	if res != nil && res.ID == "" && res.ParticipantID == "" {
		return nil, invalidParams("start result has neither an id nor a participantId")
	}
	return findStarted(ctx, s.client, "participant-recording", res, s.Get,
		func(ctx context.Context, page int) (*Page[ParticipantRecording], error) {
			return s.List(ctx, ListParticipantRecordingsParams{RoomID: res.RoomID, SessionID: res.SessionID,
				ParticipantID: res.ParticipantID, ListOptions: ListOptions{Page: page, PerPage: findStartedPerPage}})
		},
		func(r *ParticipantRecording) (time.Time, bool) {
			return r.Start, r.ParticipantID == res.ParticipantID && !r.Start.IsZero()
		})
}

// FindStarted returns the track recording a Start call started: by res.ID
// when the answer carried one, else the newest recording of the room for
// res.ParticipantID (listed with that filter) of track res.Kind (filtered
// here: the list has no kind filter) that started at or after res.StartedAt
// minus FindStartedSkew, polling with the waiters' pauses until one is
// listed or ctx ends. Two recordings of the same track started within
// FindStartedSkew of each other cannot be told apart: the newer is returned
// for both. See RecordingsService.FindStarted.
//
// API: GET /v2/recordings/participant/track
func (s *TrackRecordingsService) FindStarted(ctx context.Context, res *StartResult) (*TrackRecording, error) {
	if res != nil && res.ID == "" && (res.ParticipantID == "" || res.Kind == "") {
		return nil, invalidParams("start result has neither an id nor a participantId and kind")
	}
	return findStarted(ctx, s.client, "track-recording", res, s.Get,
		func(ctx context.Context, page int) (*Page[TrackRecording], error) {
			return s.List(ctx, ListTrackRecordingsParams{RoomID: res.RoomID, SessionID: res.SessionID,
				ParticipantID: res.ParticipantID, ListOptions: ListOptions{Page: page, PerPage: findStartedPerPage}})
		},
		func(r *TrackRecording) (time.Time, bool) {
			return r.Start, r.ParticipantID == res.ParticipantID && r.Kind == res.Kind && !r.Start.IsZero()
		})
}

// FindStarted returns the RTMP livestream a Start call started: by res.ID
// when the answer carried one, else the newest livestream of the room that
// started at or after res.StartedAt minus FindStartedSkew, polling with the
// waiters' pauses until one is listed or ctx ends. Two livestreams of the
// same room started within FindStartedSkew of each other cannot be told
// apart: the newer is returned for both. See RecordingsService.FindStarted.
//
// API: GET /v2/livestreams
func (s *LivestreamsService) FindStarted(ctx context.Context, res *StartResult) (*Livestream, error) {
	return findStarted(ctx, s.client, "livestream", res, s.Get,
		func(ctx context.Context, page int) (*Page[Livestream], error) {
			return s.List(ctx, ListLivestreamsParams{RoomID: res.RoomID, SessionID: res.SessionID,
				ListOptions: ListOptions{Page: page, PerPage: findStartedPerPage}})
		},
		func(l *Livestream) (time.Time, bool) { return l.Start, !l.Start.IsZero() })
}

// FindStarted returns the composite recording a Start call started: by
// res.ID (the answer's recordingId, which the API is expected to send for
// composite recordings), else the newest composite recording of the room
// that started at or after res.StartedAt minus FindStartedSkew, polling with
// the waiters' pauses until one is listed or ctx ends. Several composite
// recordings may run in one room: without an id, two started within
// FindStartedSkew of each other cannot be told apart and the newer is
// returned for both. See RecordingsService.FindStarted.
//
// API: GET /v2/recordings/composite
func (s *CompositeRecordingsService) FindStarted(ctx context.Context, res *StartResult) (*CompositeRecording, error) {
	return findStarted(ctx, s.client, "composite-recording", res, s.Get,
		func(ctx context.Context, page int) (*Page[CompositeRecording], error) {
			return s.List(ctx, ListCompositeRecordingsParams{RoomID: res.RoomID, SessionID: res.SessionID,
				ListOptions: ListOptions{Page: page, PerPage: findStartedPerPage}})
		},
		func(r *CompositeRecording) (time.Time, bool) { return r.Start, !r.Start.IsZero() })
}
