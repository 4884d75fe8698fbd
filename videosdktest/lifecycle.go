// Job lifecycle: the documented start answers, the
// processing delay of background work (WithProcessingDelay), and failing a
// job on purpose (FailJob).

package videosdktest

import (
	"fmt"
	"time"

	"github.com/videosdk-go/videosdk"
)

// defaultProcessingDelay is how long background work takes on a fake
// created without WithProcessingDelay. It is the fake's choice (the API
// documents no duration): long enough that the documented flows that act on
// a job in progress work on a default fake (create a transcoding, then
// cancel it: 200 "cancelled"), short enough that a waiter of Server.Client
// returns well under a second later.
const defaultProcessingDelay = 500 * time.Millisecond

// WithProcessingDelay sets how long the fake's background work takes on its
// clock (see WithClock); by default it takes 500 ms (the fake's choice: the
// API documents no duration), so a test sees the states in between as in
// production:
//
//   - a stopped recording (meeting, participant, track or composite) gets
//     its files d after the stop; until then it has its end time but no file,
//     and its -stopping and -stopped webhooks and its post transcription
//     wait for the files;
//   - a merge is "running" for d after it was created;
//   - a post transcription is "running" for d after its recording ended;
//   - a transcoding is "pending" for the first third of d and "processing"
//     for the rest, so it can be cancelled meanwhile.
//
// Each step is stamped with the time it was due, whenever a request next
// looks. A waiter (videosdk's Recordings.WaitForFile, Merges.Wait, …) of a
// client from Server.Client polls every few milliseconds, so on a default
// fake it returns about 500 ms after the job began; a client with the SDK's
// default pauses (1 s to 15 s) takes a second or two. On a default fake (no
// WithClock, no WithProcessingDelay) FlushWebhooks also waits until the work
// in progress is done, so the events it causes are delivered. With a longer
// delay, a WithClock clock that moves on every call keeps tests fast.
// WithProcessingDelay(0) makes the work done by the next request, as if
// instant (the fake's behaviour before; no real job is that fast). The
// platform services' timings (SIP calls, batch calls, resources) take d
// too when it is given, and are done by the next request otherwise. d must
// not be negative (a negative d counts as 0).
func WithProcessingDelay(d time.Duration) Option {
	return func(o *options) { o.delay, o.delaySet = max(d, 0), true }
}

// startAnswer is the answer of a meeting, participant or track recording
// or livestream start: the JSON string the API reference documents (SPEC
// §5.1, §6.1, §8.1, §9.1) and the official Node SDK types
// (Promise<string>), and nothing else — no id a test could come to rely on.
// Code finds the started job with FindStarted.
func startAnswer(_ *job, message string) any {
	return message
}

// settleJobs gives the stopped jobs whose processing delay has passed their
// files, stamped at the time they were due.
func (s *Server) settleJobs() {
	now := s.st.clock()
	for _, j := range s.st.jobs {
		if j.filesDue == nil || now.Before(*j.filesDue) {
			continue
		}
		due := *j.filesDue
		j.filesDue = nil
		if !j.deleted {
			s.produceFiles(j, due)
		}
	}
}

// FailJob makes a job that is still in progress fail, as real jobs
// sometimes do, so a test can exercise its failure path:
//
//   - a meeting, participant or track recording that runs, or that stopped
//     and has no file yet, ends without files, and its recording-failed,
//     participant-recording-failed or participant-track-recording-failed
//     webhook goes out, signed, to its room (when subscribed) and its
//     webhookUrl; recording-failed carries the reason as message (the
//     documented field). The API reports a failed recording only through
//     webhooks, so a GET shows it ended without a file, and its "webhook"
//     summary lists the failure once the delivery was attempted (which
//     videosdk's WaitForFile reads as ErrJobFailed);
//   - a running merge becomes "failed" with its end time and reason as its
//     message, and its merge-recording-failed webhook goes out (with the
//     reason as message);
//   - a pending or processing transcoding becomes "failed" with its
//     stoppedAt time and the reason under message (the API documents no
//     reason field; the fake uses the merge's name for it), and its
//     composite-merge-failed webhook goes to its webhookUrl;
//   - a running post transcription becomes "failed" with its end time, and
//     transcription-failed (type "post") goes to its room.
//
// Background work takes 500 ms by default (see WithProcessingDelay), so
// fail a job before that has passed. FailJob returns an error when no such
// job has the id, or when that job has already ended (a recording: has its
// files, or failed).
func (s *Server) FailJob(id, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	s.settleDue()
	now := s.st.clock()
	if j := s.st.jobBy[id]; j != nil && !j.deleted {
		failed, ok := recordingFailed[j.kind]
		if !ok {
			return fmt.Errorf("videosdktest: %s %q cannot be failed", j.kind, id)
		}
		if j.failed || len(j.files) > 0 {
			return fmt.Errorf("videosdktest: %s %q has already ended", j.kind, id)
		}
		if j.end == nil {
			j.end = &now
		}
		j.updatedAt, j.filesDue, j.failed = now, nil, true
		d := jobData(j)
		if j.kind == kindRecording {
			d.Message = reason
		}
		s.emitJobHook(j, failed, d)
		return nil
	}
	if m := s.st.mergeBy[id]; m != nil {
		if m.status != "running" {
			return fmt.Errorf("videosdktest: merge %q has already ended (%s)", id, m.status)
		}
		m.status, m.end, m.message = "failed", &now, reason
		s.emitMergeFailed(m)
		return nil
	}
	if t := s.st.transcodingBy[id]; t != nil {
		if !t.active() {
			return fmt.Errorf("videosdktest: transcoding %q has already ended (%s)", id, t.status)
		}
		t.status, t.stoppedAt, t.message = "failed", &now, reason
		s.emitTranscoding(t, videosdk.WebhookCompositeMergeFailed)
		return nil
	}
	if p := s.st.postBy[id]; p != nil {
		if p.status != "running" {
			return fmt.Errorf("videosdktest: post transcription %q has already ended (%s)", id, p.status)
		}
		p.status, p.end = "failed", &now
		s.emitPost(p, videosdk.WebhookTranscriptionFailed)
		return nil
	}
	return fmt.Errorf("videosdktest: no recording, merge, transcoding or post transcription has id %q", id)
}

// recordingFailed are the failure events of the jobs FailJob can fail.
var recordingFailed = map[jobKind]videosdk.WebhookEventType{
	kindRecording:   videosdk.WebhookRecordingFailed,
	kindParticipant: videosdk.WebhookParticipantRecordingFailed,
	kindTrack:       videosdk.WebhookTrackRecordingFailed,
}

// emitMergeFailed sends merge-recording-failed with the failure's message.
func (s *Server) emitMergeFailed(m *merge) {
	s.emitWebhook(m.sess.room, videosdk.WebhookMergeRecordingFailed, webhookData{
		ID: m.id, MeetingID: m.sess.room.roomID, SessionID: m.sess.oid, Message: m.message,
	}, m.webhookURL)
}
