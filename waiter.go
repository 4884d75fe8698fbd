package videosdk

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk/internal/redact"
	"github.com/videosdk-go/videosdk/internal/retry"
	"github.com/videosdk-go/videosdk/internal/transport"
)

// ErrJobFailed is matched (errors.Is) by the error a waiter returns when the
// job it waits for ended without its output: failed, or cancelled. errors.As
// gives the *JobError with the job's kind, id, status and reason.
var ErrJobFailed = errors.New("videosdk: job failed")

// JobError is a job that ended in a failed (or cancelled) state, as a waiter
// saw it: Merges.Wait, Transcodings.Wait, PostTranscriptions.Wait or a
// WaitForFile. It matches ErrJobFailed.
type JobError struct {
	// Kind is the kind of job: "merge", "transcoding", "post-transcription",
	// "recording", "participant-recording", "track-recording" or
	// "composite-recording".
	Kind string
	// ID is the job's id, as passed to the waiter.
	ID string
	// Status is the job's state as the API reported it, e.g. "failed" or
	// "cancelled"; for a recording, the failure event its webhook summary
	// lists (e.g. "recording-failed").
	Status string
	// Reason is the API's failure text, when it gives one (for example a
	// merge's message); empty otherwise. It is server text: the SDK removes
	// anything token-shaped and caps it at 512 bytes, and Error quotes it.
	Reason string
}

// Error reads like: videosdk: transcoding 665fcf7f2abe9a2807e42700 ended "cancelled".
// The server-supplied status and reason are quoted (control characters
// escaped).
func (e *JobError) Error() string {
	var b strings.Builder
	b.WriteString("videosdk: ")
	b.WriteString(e.Kind)
	b.WriteByte(' ')
	b.WriteString(e.ID)
	b.WriteString(" ended ")
	b.WriteString(strconv.Quote(e.Status))
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(strconv.Quote(e.Reason))
	}
	return b.String()
}

// Is reports whether target is ErrJobFailed.
func (e *JobError) Is(target error) bool { return target == ErrJobFailed }

// newJobError builds a JobError, cleaning the server-supplied parts like an
// APIError's message: tokens (and the secret, when given) redacted, at most
// 512 bytes.
func newJobError(kind, id, status, reason string, secrets ...string) *JobError {
	clean := func(s string) string { return capText(redact.String(s, secrets...), maxReason) }
	return &JobError{Kind: kind, ID: id, Status: clean(status), Reason: clean(reason)}
}

// Waiter polling. The n-th pause (0-based) between two polls is drawn from
// [d/2, d] with d = min(first·2ⁿ, max); WithWaiterDelay changes first and max.
const (
	defaultWaitFirst = time.Second
	defaultWaitMax   = 15 * time.Second
	// minWaitDelay is the shortest first pause WithWaiterDelay accepts: a
	// waiter is never a hot loop.
	minWaitDelay = time.Millisecond
	// waitNotFoundPolls: before a job was seen, a 404 (ErrNotFound) on a
	// poll before the waitNotFoundPolls-th means "not visible yet" (a
	// resource the API is still creating, or one a Stop just finished). At
	// the default delays the sixth poll comes 15 to 30 s after the first.
	waitNotFoundPolls = 6
	// waitTransientPolls is how many polls in a row may fail with a
	// transient error (5xx, 429, a network error; each already retried by
	// the transport) before the waiter gives up with that error.
	waitTransientPolls = 3
)

// WithWaiterDelay sets how often the waiters (Merges.Wait, Transcodings.Wait,
// PostTranscriptions.Wait, the WaitForFile methods) poll: the n-th pause
// between two polls is drawn from [d/2, d] with d = min(first·2ⁿ, max). The
// default is first 1 s, max 15 s. first must be at least 1 ms and max at
// least first. Tests against videosdktest with a processing delay use short
// values, e.g. WithWaiterDelay(time.Millisecond, 10*time.Millisecond).
func WithWaiterDelay(first, max time.Duration) Option {
	return func(c *config) error {
		if err := checkDelays("waiter", first, max, minWaitDelay); err != nil {
			return err
		}
		c.waitFirst, c.waitMax = first, max
		return nil
	}
}

// waitDelay is the pause after poll n (0-based).
func (c *Client) waitDelay(n int) time.Duration {
	first, ceiling := c.cfg.waitFirst, c.cfg.waitMax
	if first == 0 {
		first, ceiling = defaultWaitFirst, defaultWaitMax
	}
	r := c.cfg.rand
	if r == nil {
		r = rand.Float64
	}
	return retry.Jittered(n, first, ceiling, r)
}

// jobState is what a waiter's resource says about its job.
type jobState struct {
	done   bool   // finished with its output: the waiter returns it
	failed bool   // ended without output: the waiter returns a *JobError
	status string // the state, for JobError.Status and the "still …" of a timeout
	reason string // the API's failure text, if any
}

// waitFor is the one poll loop of every waiter: it gets the resource until
// state says it is done (returned) or failed (a *JobError), pausing between
// polls with jittered exponential backoff through the Client's sleep seam.
//
//   - ctx ending ends the wait with an error wrapping ctx.Err() (so
//     errors.Is(err, context.DeadlineExceeded) holds at a deadline).
//   - ErrNotFound before the resource was ever seen is "not visible yet"
//     and polled again, up to the waitNotFoundPolls-th poll.
//   - A transient error (5xx, 429, a network error), after the transport's
//     own retries, is polled again up to waitTransientPolls times in a row;
//     a 429 or 503 hint longer than the pause stretches it.
//   - Any other error ends the wait and is returned as it is.
func waitFor[T any](ctx context.Context, c *Client, kind, id string,
	get func(context.Context, string) (*T, error), state func(*T) jobState) (*T, error) {
	if ctx == nil {
		return nil, invalidParams("context is nil")
	}
	var (
		seen      bool
		transient int
		last      = "not found yet"
		polls     int
	)
	for {
		v, err := get(ctx, id)
		polls++
		var hint time.Duration
		switch {
		case err == nil:
			seen, transient = true, 0
			st := state(v)
			if st.done {
				return v, nil
			}
			if st.failed {
				return nil, newJobError(kind, id, st.status, st.reason, c.secretText())
			}
			last = "still " + strconv.Quote(capText(redact.String(strings.TrimSpace(st.status), c.secretText()), maxMessage))
		case ctx.Err() != nil:
			return nil, waitEnded(ctx, kind, id, last, polls)
		case errors.Is(err, ErrNotFound) && !seen && polls < waitNotFoundPolls:
		case transientPollError(err) && transient < waitTransientPolls-1:
			transient++
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				hint = apiErr.RetryAfter
			}
		default:
			return nil, err
		}
		pause := max(c.waitDelay(polls-1), hint)
		c.logWait(ctx, kind, id, last, polls, pause, err)
		if err := c.cfg.sleep(ctx, pause); err != nil {
			return nil, waitEnded(ctx, kind, id, last, polls)
		}
	}
}

// secretText is the Client's API secret, for the redactor: server text a
// waiter keeps (a job's state, its failure reason) may echo it back. The
// token a request carried is JWT-shaped and redacted as such.
func (c *Client) secretText() string {
	if c.cfg.creds == nil {
		return ""
	}
	return string(c.cfg.creds.secret)
}

// waitEnded is the error of a wait whose context ended: it wraps ctx.Err()
// and says what the job was doing.
func waitEnded(ctx context.Context, kind, id, last string, polls int) error {
	err := ctx.Err()
	if err == nil { // a sleep seam gave up without the context
		err = context.Canceled
	}
	return &waitError{kind: kind, id: id, last: last, polls: polls, err: err}
}

// waitError is a wait its context ended. It unwraps to the context's error.
type waitError struct {
	kind, id, last string
	polls          int
	err            error
}

func (e *waitError) Error() string {
	return "videosdk: waiting for " + e.kind + " " + e.id + ": " + e.err.Error() +
		" (" + e.last + " after " + strconv.Itoa(e.polls) + " polls)"
}

func (e *waitError) Unwrap() error { return e.err }

// transientPollError reports an error another poll may not meet: a 5xx or
// 429 answer, or a network failure (not a permanent one such as a bad
// certificate).
func transientPollError(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return errors.Is(apiErr, ErrServer) || errors.Is(apiErr, ErrRateLimited)
	}
	var te *transport.Error
	return errors.As(err, &te) && !retry.Permanent(te.Err)
}

// logWait logs one debug line per poll that did not end the wait.
func (c *Client) logWait(ctx context.Context, kind, id, last string, polls int, pause time.Duration, err error) {
	l := c.cfg.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("kind", kind), slog.String("id", id), slog.Int("poll", polls),
		slog.String("state", last), slog.Duration("next", pause),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "videosdk: waiting", attrs...)
}

// recordingState is the state of a recording: done once ready (its output
// exists), failed when its webhook summary lists the failure event, else
// still recording (no end yet) or stopped and being processed.
func recordingState(ready bool, end *time.Time, hooks *WebhookSummary, failed WebhookEventType) jobState {
	switch {
	case ready:
		return jobState{done: true}
	case hooks.lists(failed):
		return jobState{failed: true, status: string(failed)}
	case end == nil:
		return jobState{status: "recording"}
	}
	return jobState{status: "stopped, no file yet"}
}

// hasFile reports whether a recording's one output file is present.
func hasFile(f *File) bool { return f != nil && (f.FileURL != "" || f.FilePath != "") }

// lists reports whether a webhook of type t was sent (successfully or not).
func (w *WebhookSummary) lists(t WebhookEventType) bool {
	if w == nil {
		return false
	}
	for _, d := range w.Data {
		if d.Type == t {
			return true
		}
	}
	return false
}
