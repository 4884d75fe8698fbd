// Job lifecycle: the documented start answers, the
// processing delay of background work (WithProcessingDelay), and failing a
// job on purpose (FailJob).

package videosdktest

import (
	"fmt"
	"time"

	"github.com/videosdk-go/videosdk"
)

// WithProcessingDelay makes the fake's background work take d on its clock
// (see WithClock) instead of being done by the next request, so a test can
// see and poll the states in between:
//
//   - a stopped recording (meeting, participant, track or composite) gets
//     its files d after the stop; until then it has its end time but no file,
//     and its -stopping and -stopped webhooks and its post transcription
//     wait for the files;
//   - a merge is "running" for d after it was created;
//   - a post transcription is "running" for d after its recording ended;
//   - a transcoding is "pending" for the first third of d and "processing"
//     for the rest.
//
// Each step is stamped with the time it was due, whenever a request next
// looks. By default (d = 0) everything is finished by the next request, so
// a waiter such as videosdk's Recordings.WaitForFile returns on its first
// poll and tests take no time. With a delay and the default real-time clock,
// a waiter takes about d; a WithClock clock that moves on every call, and a
// client with videosdk.WithWaiterDelay(time.Millisecond, …), keep such tests
// fast. d must not be negative (a negative d counts as 0).
func WithProcessingDelay(d time.Duration) Option {
	return func(o *options) { o.delay = max(d, 0) }
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
// Jobs are done by the next request unless the server was created with
// WithProcessingDelay, so fail one before its delay has passed. FailJob
// returns an error when no merge, transcoding or post transcription has the
// id, or when that job has already ended.
func (s *Server) FailJob(id, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick()
	s.settleDue()
	now := s.st.clock()
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
	return fmt.Errorf("videosdktest: no merge, transcoding or post transcription has id %q", id)
}

// emitMergeFailed sends merge-recording-failed with the failure's message.
func (s *Server) emitMergeFailed(m *merge) {
	s.emitWebhook(m.sess.room, videosdk.WebhookMergeRecordingFailed, webhookData{
		ID: m.id, MeetingID: m.sess.room.roomID, SessionID: m.sess.oid, Message: m.message,
	}, m.webhookURL)
}
