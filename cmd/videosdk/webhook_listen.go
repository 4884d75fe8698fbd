package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
)

const listenDesc = `Receives webhook deliveries on HOST:PORT (any path), verifies each one with the SDK's
WebhookHandler and prints its event on stdout: one line per event, or one JSON object per line
with -json. A refused delivery (bad signature, not a webhook, too large) is answered like
WebhookHandler answers it (401, 400, 413) and reported on stderr.

With -forward URL, each verified delivery is POSTed again to URL with its exact body and its
videosdk-signature header, so the program there verifies it itself; the forward's status is
printed with the event. When the forward fails (no answer, or not 2xx) the delivery is answered
500, so VideoSDK delivers it again, as it would to that program directly.

The public key comes from -key (a PEM file), or is fetched from the API with your credentials
(and fetched again when a signature fails, so a key rotation needs no restart). Point a room's
webhook (or a start call's webhookUrl) at the printed address, through a tunnel for the real
service. Ctrl-C or SIGTERM stops it.`

// forwardTimeout bounds one forward, and listenShutdown the wait for the
// deliveries in flight when the listener stops.
const (
	forwardTimeout = 30 * time.Second
	listenShutdown = 5 * time.Second
)

func webhookListen(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk webhook listen", "", listenDesc).withJSON().withCredentials()
	addr := f.String("addr", "127.0.0.1:0", "listen on `HOST:PORT`; port 0 picks a free port")
	forward := f.String("forward", "", "re-POST each verified delivery to `URL`, signature header included")
	keyFile := f.String("key", "", "VideoSDK's webhook public key as a PEM `FILE` (default: fetched from the API)")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return f.fail("-addr %q: %v", *addr, err)
	}
	if *forward != "" {
		if u, err := url.Parse(*forward); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return f.fail("-forward %s: not an absolute http:// or https:// URL", redactURL(*forward))
		}
	}
	h, err := c.listenHandler(ctx, f, *keyFile)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("webhook listen: %w", err)
	}
	ln := &listener{c: c, json: f.json, forward: *forward, id: newListenID(), client: &http.Client{
		Timeout: forwardTimeout,
		// A forward is a POST: a redirect is its answer, never followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	h.On("*", ln.event)
	srv := &http.Server{
		Handler:           ln.wrap(h),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(c.stderr, "videosdk webhook listen: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	where := "http://" + l.Addr().String() + "/"
	if *forward != "" {
		where += ", forwarding to " + redactURL(*forward)
	}
	fmt.Fprintf(c.stderr, "videosdk webhook listen: receiving deliveries on %s; Ctrl-C stops it\n", where)

	select {
	case err := <-served:
		return fmt.Errorf("webhook listen: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), listenShutdown)
	defer cancel()
	if srv.Shutdown(sctx) != nil {
		_ = srv.Close()
	}
	ln.client.CloseIdleConnections()
	fmt.Fprintln(c.stderr, "videosdk webhook listen: stopped")
	return nil
}

// listenHandler is a WebhookHandler with the key pinned from keyFile or,
// without one, the client's handler, which fetches the key (and refetches
// it when a signature fails). The key is fetched once first, so that bad
// credentials fail now rather than on every delivery.
func (c *cli) listenHandler(ctx context.Context, f *flagSet, keyFile string) (*videosdk.WebhookHandler, error) {
	if keyFile != "" {
		key, err := c.webhookKey(ctx, f, keyFile)
		if err != nil {
			return nil, err
		}
		return videosdk.NewWebhookHandler(key), nil
	}
	cl, err := f.client()
	if err != nil {
		return nil, err
	}
	if _, err := cl.WebhookPublicKey(ctx); err != nil {
		return nil, fmt.Errorf("fetching the webhook public key: %w", err)
	}
	return cl.NewWebhookHandler(), nil
}

// listener prints (and forwards) the deliveries its WebhookHandler verified.
type listener struct {
	c       *cli
	json    bool
	forward string
	id      string // sent with forwards in listenHeader: a forward back to itself is a loop
	client  *http.Client
	mu      sync.Mutex // one event printed at a time
}

// listenHeader carries the id of the listener that forwarded a delivery.
const listenHeader = "X-Videosdk-Listen"

func newListenID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// rawDelivery is the raw request the handler's function forwards.
type rawDelivery struct {
	body        []byte
	signature   string
	contentType string
	handled     bool // the event function ran: the delivery verified
}

type rawDeliveryKey struct{}

// wrap keeps each delivery's raw body for the forward, lets h verify and
// answer it, and reports what h refused.
func (l *listener) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(listenHeader) == l.id {
			http.Error(w, "forwarded to itself: -forward names this listener", http.StatusLoopDetected)
			l.refused(r, http.StatusLoopDetected, "forwarded to itself: -forward names this listener")
			return
		}
		d := &rawDelivery{signature: r.Header.Get(videosdk.WebhookSignatureHeader), contentType: r.Header.Get("Content-Type")}
		if r.Method == http.MethodPost {
			// One byte over the cap is enough for h to answer 413.
			b, err := io.ReadAll(io.LimitReader(r.Body, videosdk.MaxWebhookBodyBytes+1))
			if err != nil {
				http.Error(w, "webhook body could not be read", http.StatusBadRequest)
				l.refused(r, http.StatusBadRequest, "webhook body could not be read")
				return
			}
			d.body = b
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		rec := &answerRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), rawDeliveryKey{}, d)))
		if !d.handled && rec.status >= 300 {
			l.refused(r, rec.status, strings.TrimSpace(rec.text.String()))
		}
	})
}

// refused reports a delivery the handler did not accept: its status and the
// handler's fixed reason, never the body or the signature.
func (l *listener) refused(r *http.Request, status int, reason string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.c.stderr, "videosdk webhook listen: refused %s %s from %s: %d %s\n",
		printable(r.Method), printable(r.URL.Path), printable(r.RemoteAddr), status, printable(reason))
}

// answerRecorder keeps the status and the start of the text the handler
// answered.
type answerRecorder struct {
	http.ResponseWriter
	status int
	text   bytes.Buffer
}

func (a *answerRecorder) WriteHeader(code int) {
	if a.status == 0 {
		a.status = code
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *answerRecorder) Write(b []byte) (int, error) {
	if a.status == 0 {
		a.status = http.StatusOK
	}
	if n := 200 - a.text.Len(); n > 0 {
		a.text.Write(b[:min(n, len(b))])
	}
	return a.ResponseWriter.Write(b)
}

// errForward makes the handler answer 500: VideoSDK delivers again.
var errForward = errors.New("forward failed")

// event is the handler's function for every verified delivery.
func (l *listener) event(ctx context.Context, ev *videosdk.WebhookEvent) error {
	d, _ := ctx.Value(rawDeliveryKey{}).(*rawDelivery)
	if d == nil {
		return errors.New("webhook listen: delivery not recorded") // wrap was bypassed: cannot happen
	}
	d.handled = true
	received := l.c.now()
	var fwd *forwardResult
	if l.forward != "" {
		fwd = l.forwardDelivery(ctx, d)
	}
	l.print(received, ev, fwd)
	if fwd != nil && !fwd.ok() {
		return errForward
	}
	return nil
}

// forwardResult is what the forward target answered, or why it did not.
type forwardResult struct {
	URL    string `json:"url"`
	Status int    `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
}

func (r *forwardResult) ok() bool { return r.Error == "" && r.Status >= 200 && r.Status < 300 }

// forwardDelivery POSTs d's exact body and signature to the forward URL.
func (l *listener) forwardDelivery(ctx context.Context, d *rawDelivery) *forwardResult {
	res := &forwardResult{URL: redactURL(l.forward)}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.forward, bytes.NewReader(d.body))
	if err != nil {
		res.Error = "the request could not be made"
		return res
	}
	ct := d.contentType
	if ct == "" {
		ct = "application/json"
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set(videosdk.WebhookSignatureHeader, d.signature)
	req.Header.Set("User-Agent", "videosdk-cli/"+videosdk.Version+" (webhook listen)")
	req.Header.Set(listenHeader, l.id)
	resp, err := l.client.Do(req)
	if err != nil {
		var ue *url.Error // its text names the URL, which may carry credentials
		if errors.As(err, &ue) {
			err = ue.Err
		}
		res.Error = err.Error()
		return res
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	res.Status = resp.StatusCode
	return res
}

// print writes one event: a line, or a JSON object on one line.
func (l *listener) print(received time.Time, ev *videosdk.WebhookEvent, fwd *forwardResult) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.json {
		data := ev.RawData
		if len(data) == 0 {
			data = json.RawMessage("null")
		}
		b, err := json.Marshal(struct {
			Received string                    `json:"received"`
			Type     videosdk.WebhookEventType `json:"type"`
			Data     json.RawMessage           `json:"data"`
			Forward  *forwardResult            `json:"forward,omitempty"`
		}{received.UTC().Format(time.RFC3339Nano), ev.Type, data, fwd})
		if err != nil { // RawData is verified JSON; never fails
			fmt.Fprintf(l.c.stderr, "videosdk webhook listen: %s: %v\n", printable(string(ev.Type)), err)
			return
		}
		_, _ = l.c.stdout.Write(append(b, '\n'))
		return
	}
	line := fmtTime(received) + "  " + printable(string(ev.Type))
	if s := eventSummary(&ev.Data); s != "" {
		line += "  " + s
	}
	if fwd != nil {
		if fwd.Error != "" {
			line += "  → forward failed: " + printable(fwd.Error)
		} else {
			line += "  → " + strconv.Itoa(fwd.Status) + " " + http.StatusText(fwd.Status)
		}
		if !fwd.ok() {
			line += " (answered 500: VideoSDK delivers it again)"
		}
	}
	fmt.Fprintln(l.c.stdout, line)
}

// eventSummary shows the documented fields an event carries, as key=value.
func eventSummary(d *videosdk.WebhookData) string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+printable(v))
		}
	}
	add("room", d.RoomID)
	add("session", d.SessionID)
	add("participant", d.ParticipantID)
	add("name", d.ParticipantName)
	add("id", d.ID)
	add("type", string(d.Type))
	add("kind", string(d.Kind))
	add("format", string(d.FileFormat))
	add("reason", string(d.Reason))
	add("message", d.Message)
	if d.FileURL != "" {
		add("file", redactURL(d.FileURL))
	}
	if n := len(d.FileDetails); n > 0 {
		add("files", strconv.Itoa(n))
	}
	if d.PlaybackHLSURL != "" {
		add("playback", redactURL(d.PlaybackHLSURL))
	}
	return strings.Join(parts, " ")
}
