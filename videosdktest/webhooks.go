// Webhooks: the fake's signing key, GET /v2/public/rsa-public-key, and the
// queue and worker that deliver signed webhooks to loopback receivers.

package videosdktest

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
	"github.com/videosdk-go/videosdk/internal/eventmatch"
)

// ---- the signing key ----

// webhookKey is the RSA key every Server of the process signs webhooks with.
// Generating a 2048-bit key takes 0.1–1 s, and a test suite creates many
// servers, so it is generated once, on first use, and shared.
var webhookKey = sync.OnceValues(func() (*rsa.PrivateKey, error) {
	return rsa.GenerateKey(rand.Reader, 2048)
})

func signingKey() *rsa.PrivateKey {
	k, err := webhookKey()
	if err != nil {
		panic("videosdktest: generating the webhook signing key: " + err.Error())
	}
	return k
}

// webhookKeyPEM is the public key as GET /v2/public/rsa-public-key serves it.
var webhookKeyPEM = sync.OnceValue(func() string {
	der, err := x509.MarshalPKIXPublicKey(&signingKey().PublicKey)
	if err != nil {
		panic("videosdktest: encoding the webhook public key: " + err.Error())
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
})

// WebhookPublicKey returns the public key the server's webhook signatures
// verify with; GET /v2/public/rsa-public-key serves it too, so a
// videosdk.Client pointed at the server fetches it with WebhookPublicKey.
// Every Server of a process shares one key, generated on first use (RSA
// 2048 bits: the first call may take up to a second).
func (s *Server) WebhookPublicKey() *rsa.PublicKey { return &signingKey().PublicKey }

// SignWebhook returns the videosdk-signature header value for body, as the
// server signs its own deliveries (RSA-SHA256 over the exact bytes, base64),
// so handlers can be unit-tested with bodies of your own.
func (s *Server) SignWebhook(body []byte) string { return signWebhook(body) }

func signWebhook(body []byte) string {
	sum := sha256.Sum256(body)
	sig, err := rsa.SignPKCS1v15(rand.Reader, signingKey(), crypto.SHA256, sum[:])
	if err != nil {
		panic("videosdktest: signing a webhook: " + err.Error())
	}
	return base64.StdEncoding.EncodeToString(sig)
}

// publicKey answers GET /v2/public/rsa-public-key. Like the real endpoint it
// needs no token.
func (s *Server) publicKey(*http.Request) (any, *apiError) {
	return struct {
		PublicKey string `json:"publicKey"`
	}{webhookKeyPEM()}, nil
}

const publicKeyPath = "/v2/public/rsa-public-key"

// ---- deliveries ----

// Delivery is one webhook the server sent, or decided not to send.
type Delivery struct {
	// URL is the receiver: a room's webhook endPoint or a start call's webhookUrl.
	URL  string
	Type videosdk.WebhookEventType
	// Body is the request body exactly as sent: {"webhookType": …, "data": {…}}.
	Body []byte
	// Signature is the videosdk-signature header sent with Body.
	Signature string
	// StatusCode is the receiver's answer; 0 when it was not delivered.
	StatusCode int
	// Err says why it was not delivered (ErrNotLoopback, a connection
	// error, the server closing); nil when the receiver answered, whatever
	// the status.
	Err error
}

// ErrNotLoopback is the Delivery.Err of a webhook whose URL is not on a
// loopback host: the fake never contacts other hosts.
var ErrNotLoopback = errors.New("videosdktest: webhook target is not a loopback host; not contacted")

// errClosed is the Delivery.Err of webhooks still queued when the server closed.
var errClosed = errors.New("videosdktest: server closed before the webhook was delivered")

// webhookTimeout bounds one delivery: a receiver that does not answer in
// time is recorded with an error.
const webhookTimeout = 10 * time.Second

// webhookQueue holds the deliveries and runs the worker that makes them, one
// at a time and in order, outside the server lock.
type webhookQueue struct {
	client *http.Client
	ctx    context.Context // canceled by close: aborts the delivery in flight
	cancel context.CancelFunc
	exited chan struct{} // closed when the worker returns
	wake   chan struct{} // nudges the worker; buffered 1

	mu       sync.Mutex
	pending  []Delivery    // queued, not yet attempted
	inFlight int           // taken from pending, not yet in done (0 or 1)
	done     []Delivery    // attempted, in order
	progress chan struct{} // closed and replaced each time done grows
	running  bool          // the worker was started
	closed   bool
}

func newWebhookQueue() *webhookQueue {
	ctx, cancel := context.WithCancel(context.Background())
	return &webhookQueue{
		client: &http.Client{
			Transport: &http.Transport{
				Proxy:       nil,
				DialContext: dialLoopback,
				// Receivers are loopback test servers (httptest.NewTLSServer
				// has a self-signed certificate); nothing else is contacted.
				TLSClientConfig:     &tls.Config{InsecureSkipVerify: true},
				MaxIdleConnsPerHost: 4,
			},
			// Like the real service, a redirect is an answer, not followed.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			Timeout:       webhookTimeout,
		},
		ctx: ctx, cancel: cancel,
		exited:   make(chan struct{}),
		wake:     make(chan struct{}, 1),
		progress: make(chan struct{}),
	}
}

// enqueue queues d, starting the worker on first use. The server calls it
// with s.mu held, so deliveries are queued in the order of the state changes
// they report.
func (q *webhookQueue) enqueue(d Delivery) {
	q.mu.Lock()
	if q.closed {
		d.Err = errClosed
		q.finishLocked(d)
		q.mu.Unlock()
		return
	}
	q.pending = append(q.pending, d)
	if !q.running {
		q.running = true
		go q.work()
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// finishLocked records an attempted delivery and wakes FlushWebhooks.
func (q *webhookQueue) finishLocked(d Delivery) {
	q.done = append(q.done, d)
	close(q.progress)
	q.progress = make(chan struct{})
}

// work delivers queued webhooks in order until the queue is closed.
func (q *webhookQueue) work() {
	defer close(q.exited)
	for {
		q.mu.Lock()
		if q.ctx.Err() != nil {
			q.mu.Unlock()
			return
		}
		if len(q.pending) == 0 {
			q.mu.Unlock()
			select {
			case <-q.wake:
				continue
			case <-q.ctx.Done():
				return
			}
		}
		d := q.pending[0]
		q.pending[0] = Delivery{}
		q.pending = q.pending[1:]
		q.inFlight++
		q.mu.Unlock()

		q.deliver(&d)

		q.mu.Lock()
		q.inFlight--
		q.finishLocked(d)
		q.mu.Unlock()
	}
}

// deliver signs d and POSTs it to its URL when that is a loopback URL.
func (q *webhookQueue) deliver(d *Delivery) {
	d.Signature = signWebhook(d.Body)
	if err := checkLoopback(d.URL); err != nil {
		d.Err = err
		return
	}
	req, err := http.NewRequestWithContext(q.ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		d.Err = err
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "videosdktest-webhooks")
	req.Header.Set(videosdk.WebhookSignatureHeader, d.Signature)
	resp, err := q.client.Do(req)
	if err != nil {
		if q.ctx.Err() != nil {
			err = errClosed
		}
		d.Err = err
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	d.StatusCode = resp.StatusCode
}

// close stops the worker, aborting the delivery in flight, and records what
// was still queued as not delivered.
func (q *webhookQueue) close() {
	q.mu.Lock()
	q.closed = true
	running := q.running
	q.mu.Unlock()
	q.cancel()
	if running {
		<-q.exited
	}
	q.mu.Lock()
	for _, d := range q.pending {
		d.Err = errClosed
		q.finishLocked(d)
	}
	q.pending = nil
	q.mu.Unlock()
	q.client.CloseIdleConnections()
}

// checkLoopback accepts only http(s) URLs whose host is localhost or a
// loopback address (127.0.0.0/8, ::1). It looks nothing up.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("videosdktest: webhook URL is not an absolute http(s) URL")
	}
	if !isLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%w (host %q)", ErrNotLoopback, u.Hostname())
	}
	return nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// dialLoopback dials only loopback addresses, and "localhost" as 127.0.0.1
// then ::1 without asking a resolver: a second guard behind checkLoopback.
func dialLoopback(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	targets := []string{host}
	if strings.EqualFold(host, "localhost") {
		targets = []string{"127.0.0.1", "::1"}
	} else if !isLoopbackHost(host) {
		return nil, ErrNotLoopback
	}
	var d net.Dialer
	for _, t := range targets {
		var c net.Conn
		if c, err = d.DialContext(ctx, network, net.JoinHostPort(t, port)); err == nil {
			return c, nil
		}
	}
	return nil, err
}

// FlushWebhooks waits until every webhook queued so far has been attempted
// (delivered, refused by the receiver, or recorded as not delivered), or
// until ctx ends. Webhooks are queued by the call that causes them, before
// it returns, so after a flush Deliveries lists them all. Jobs that advance
// on the server's clock (recordings' files, merges, transcodings, post
// transcriptions) are first moved to the state due now, as any read of them
// does, so the events that are due are included; on a default fake (no
// WithClock, no WithProcessingDelay) it first waits, in real time, until the
// work in progress is done (at most its 500 ms processing time).
func (s *Server) FlushWebhooks(ctx context.Context) error {
	for {
		s.mu.Lock()
		s.st.tick()
		s.settleDue()
		next := s.nextDue()
		s.mu.Unlock()
		if !s.flushWaits || next.IsZero() {
			break
		}
		// A default fake: wait out the processing of the work in progress
		// (at most defaultProcessingDelay on the real clock).
		t := time.NewTimer(time.Until(next))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-s.done:
			t.Stop()
			return nil
		}
	}
	q := s.hooks
	q.mu.Lock()
	target := q.queuedLocked()
	for len(q.done) < target {
		ch := q.progress
		q.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		q.mu.Lock()
	}
	q.mu.Unlock()
	return nil
}

// nextDue is when the earliest background work in progress is due: a
// stopped recording's files, a running merge or post transcription, the
// next step of a transcoding; zero when there is none. Call it with s.mu
// held, after settleDue.
func (s *Server) nextDue() time.Time {
	var next time.Time
	at := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	for _, j := range s.st.jobs {
		if j.filesDue != nil {
			at(*j.filesDue)
		}
	}
	for _, m := range s.st.merges {
		if m.status == "running" {
			at(m.start.Add(s.st.jobDelay))
		}
	}
	for _, t := range s.st.transcodings {
		switch t.status {
		case "pending":
			at(t.startedAt.Add(s.st.jobDelay / 3))
		case "processing":
			at(t.startedAt.Add(s.st.jobDelay))
		}
	}
	for _, p := range s.st.posts {
		if p.status == "running" {
			at(p.start.Add(s.st.jobDelay))
		}
	}
	return next
}

// settleDue moves the jobs that advance on the server's clock (merges,
// transcodings, post transcriptions, and the files of recordings stopped
// under WithProcessingDelay) to the state due now, queueing their webhooks,
// as any read of them does. Call it with s.mu held.
func (s *Server) settleDue() {
	s.settleMerges()
	s.advanceTranscodings()
	s.settlePosts()
	s.settleSIP()
	s.advancePlatform() // platform.go: deployments, batch calls, resource units
}

// queuedLocked is how many deliveries were ever queued: the next one queued
// is attempted as done[queuedLocked()]. Call it with q.mu held.
func (q *webhookQueue) queuedLocked() int { return len(q.done) + q.inFlight + len(q.pending) }

// queued is queuedLocked, taking the lock.
func (q *webhookQueue) queued() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.queuedLocked()
}

// attempted returns the seq-th delivery ever queued once it was attempted.
func (q *webhookQueue) attempted(seq int) (Delivery, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if seq < 0 || seq >= len(q.done) {
		return Delivery{}, false
	}
	return q.done[seq], true
}

// Deliveries returns every webhook attempted so far, in the order sent. Call
// FlushWebhooks first to include everything queued.
func (s *Server) Deliveries() []Delivery {
	q := s.hooks
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]Delivery, len(q.done))
	for i, d := range q.done {
		d.Body = bytes.Clone(d.Body)
		out[i] = d
	}
	return out
}

// ---- what is sent ----

// webhookData is the "data" object of a delivery: the documented fields,
// each set on the events the API reference lists it for.
type webhookData struct {
	MeetingID       string          `json:"meetingId,omitempty"`
	SessionID       string          `json:"sessionId,omitempty"`
	ParticipantID   string          `json:"participantId,omitempty"`
	ParticipantName string          `json:"participantName,omitempty"`
	ID              string          `json:"id,omitempty"`
	Type            string          `json:"type,omitempty"`
	Kind            string          `json:"kind,omitempty"`
	FileFormat      string          `json:"fileFormat,omitempty"`
	FilePath        string          `json:"filePath,omitempty"`
	FileURL         string          `json:"fileUrl,omitempty"`
	FileDetails     []webhookFile   `json:"fileDetails,omitempty"`
	PlaybackHlsURL  string          `json:"playbackHlsUrl,omitempty"`
	LivestreamURL   string          `json:"livestreamUrl,omitempty"`
	Start           string          `json:"start,omitempty"`
	End             string          `json:"end,omitempty"`
	Reason          string          `json:"reason,omitempty"`
	Error           json.RawMessage `json:"error,omitempty"`
	Message         string          `json:"message,omitempty"`
}

type webhookFile struct {
	FilePath string `json:"filePath"`
	FileURL  string `json:"fileUrl"`
}

// webhookTime formats a timestamp as webhook payloads do: a +00:00 offset,
// not Z.
func webhookTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000") + "+00:00" }

// emitWebhook queues event typ with data for rm's webhook endPoint when the
// room subscribed to typ (rm may be nil: events rooms cannot subscribe to)
// and for each non-empty URL in urls (a start call's webhookUrl). Call it
// with s.mu held, at the moment the real service would send the event; the
// worker delivers it later, outside the lock.
func (s *Server) emitWebhook(rm *room, typ videosdk.WebhookEventType, data webhookData, urls ...string) {
	var targets []string
	if ep := rm.subscribed(typ); ep != "" {
		targets = append(targets, ep)
	}
	for _, u := range urls {
		if u != "" {
			targets = append(targets, u)
		}
	}
	if len(targets) == 0 {
		return
	}
	body, err := json.Marshal(struct {
		WebhookType videosdk.WebhookEventType `json:"webhookType"`
		Data        webhookData               `json:"data"`
	}{typ, data})
	if err != nil {
		return // plain strings and a raw null: cannot fail
	}
	for _, t := range targets {
		s.hooks.enqueue(Delivery{URL: t, Type: typ, Body: body})
	}
}

// subscribed returns the room's webhook endPoint when its webhook.events
// (names or patterns) include typ, else "". A room without events gets none.
func (r *room) subscribed(typ videosdk.WebhookEventType) string {
	if r == nil || isNull(r.webhook) {
		return ""
	}
	var wh struct {
		EndPoint string   `json:"endPoint"`
		Events   []string `json:"events"`
	}
	if json.Unmarshal(r.webhook, &wh) != nil || !eventmatch.Any(wh.Events, string(typ)) {
		return ""
	}
	return wh.EndPoint
}

// ---- the events of the lifecycle ----

func (s *Server) emitSessionStarted(ss *session) {
	s.emitWebhook(ss.room, videosdk.WebhookSessionStarted, webhookData{
		MeetingID: ss.room.roomID, SessionID: ss.oid, Start: webhookTime(ss.start),
	})
}

func (s *Server) emitSessionEnded(ss *session) {
	d := webhookData{
		MeetingID: ss.room.roomID, SessionID: ss.oid, Start: webhookTime(ss.start),
		Reason: string(videosdk.WebhookReasonMeetingEnded), Error: json.RawMessage("null"),
	}
	if ss.end != nil {
		d.End = webhookTime(*ss.end)
	}
	s.emitWebhook(ss.room, videosdk.WebhookSessionEnded, d)
}

func (s *Server) emitParticipantJoined(ss *session, p *participant) {
	s.emitWebhook(ss.room, videosdk.WebhookParticipantJoined, webhookData{
		MeetingID: ss.room.roomID, SessionID: ss.oid, ParticipantID: p.id, ParticipantName: p.name,
	})
}

// leaveReason is the reason a participant-left webhook gives.
type leaveReason = videosdk.WebhookReason

const (
	leftByUser = videosdk.WebhookReasonUserLeft // Server.Leave
	leftOther  = videosdk.WebhookReasonUnknown  // removed through the API, or the session ended
)

func (s *Server) emitParticipantLeft(ss *session, p *participant, reason leaveReason) {
	s.emitWebhook(ss.room, videosdk.WebhookParticipantLeft, webhookData{
		MeetingID: ss.room.roomID, SessionID: ss.oid, ParticipantID: p.id, ParticipantName: p.name, Reason: string(reason),
	})
}

// jobEvents are the state-change events of each job kind.
var jobEvents = map[jobKind]struct{ starting, started, stopping, stopped videosdk.WebhookEventType }{
	kindRecording: {videosdk.WebhookRecordingStarting, videosdk.WebhookRecordingStarted,
		videosdk.WebhookRecordingStopping, videosdk.WebhookRecordingStopped},
	kindParticipant: {videosdk.WebhookParticipantRecordingStarting, videosdk.WebhookParticipantRecordingStarted,
		videosdk.WebhookParticipantRecordingStopping, videosdk.WebhookParticipantRecordingStopped},
	kindTrack: {videosdk.WebhookTrackRecordingStarting, videosdk.WebhookTrackRecordingStarted,
		videosdk.WebhookTrackRecordingStopping, videosdk.WebhookTrackRecordingStopped},
	kindLivestream: {videosdk.WebhookLivestreamStarting, videosdk.WebhookLivestreamStarted,
		videosdk.WebhookLivestreamStopping, videosdk.WebhookLivestreamStopped},
	kindHLS: {videosdk.WebhookHLSStarting, videosdk.WebhookHLSStarted,
		videosdk.WebhookHLSStopping, videosdk.WebhookHLSStopped},
}

// jobData is the data every event of j carries.
func jobData(j *job) webhookData {
	d := webhookData{MeetingID: j.room.roomID, SessionID: j.sess.oid}
	switch j.kind {
	case kindParticipant:
		d.ParticipantID = j.participantID
	case kindTrack:
		d.ParticipantID, d.Kind = j.participantID, j.track
	case kindRecording:
		// The current user-webhooks page adds id (the composer's) to the
		// meeting recording events; the fake's composer is the recording.
		d.ID = j.oid
	}
	return d
}

// emitJobHook queues event typ of j (to its room, when subscribed, and to
// its start call's webhookUrl) and remembers each delivery for the job's
// webhook summary, as the API lists them under "webhook".
func (s *Server) emitJobHook(j *job, typ videosdk.WebhookEventType, d webhookData) {
	seq := s.hooks.queued() // s.mu is held: nothing else queues in between
	s.emitWebhook(j.room, typ, d, j.webhookURL)
	for q := seq; q < s.hooks.queued(); q++ {
		j.sent = append(j.sent, sentHook{seq: q, typ: typ})
	}
}

// emitJobStarted sends the starting and started events of a job that just
// started (and hls-playable for HLS, whose playlist the fake serves at once).
func (s *Server) emitJobStarted(j *job) {
	ev, known := jobEvents[j.kind]
	if !known { // composite recordings: no events are documented, none are sent
		return
	}
	d := jobData(j)
	if j.kind == kindParticipant {
		d.FileFormat = j.fileFormat
	}
	s.emitJobHook(j, ev.starting, d)
	if j.kind == kindHLS {
		d.PlaybackHlsURL = s.base + "/cdn/meetings-hls/" + j.hlsKey + "/index.m3u8"
	}
	s.emitJobHook(j, ev.started, d)
	if j.kind == kindHLS {
		d.LivestreamURL = s.base + "/cdn/meetings-hls/" + j.hlsKey + "/live.m3u8"
		s.emitJobHook(j, videosdk.WebhookHLSPlayable, d)
	}
}

// emitJobStopped sends the stopping and stopped events of a job that just
// finished, the stopped one with its files.
func (s *Server) emitJobStopped(j *job) {
	ev, known := jobEvents[j.kind]
	if !known { // composite recordings: no events are documented, none are sent
		return
	}
	d := jobData(j)
	if j.kind == kindParticipant {
		d.FileFormat = j.fileFormat
	}
	s.emitJobHook(j, ev.stopping, d)
	d.FileFormat = ""
	switch j.kind {
	case kindRecording:
		if len(j.files) > 0 {
			f := s.fileView(j.files[0], false)
			d.FilePath, d.FileURL = f.FilePath, f.FileURL
		}
	case kindParticipant, kindTrack:
		for _, f := range j.files {
			v := s.fileView(f, true)
			d.FileDetails = append(d.FileDetails, webhookFile{FilePath: v.FilePath, FileURL: v.FileURL})
		}
	}
	s.emitJobHook(j, ev.stopped, d)
}

func (s *Server) emitMergeCompleted(m *merge) {
	s.emitWebhook(m.sess.room, videosdk.WebhookMergeRecordingCompleted, webhookData{
		ID: m.id, MeetingID: m.sess.room.roomID, SessionID: m.sess.oid,
	}, m.webhookURL)
}
