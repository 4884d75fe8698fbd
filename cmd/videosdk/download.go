package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

func (a recordingActions) download(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" download", "ID",
		"Downloads a "+a.fam.noun+"'s file. It is written to FILE.part and renamed when complete;\n"+
			"run the same command again after an interruption to resume (HTTP range request).\n"+
			"The size is checked against the recording's file size. Progress goes to stderr.").withJSON().withCredentials()
	out := f.String("o", "", "write to `FILE` (default the file's name, in the current directory; a directory puts it there)")
	idx := f.Int("file", 0, "download file number `N` (see get) of a recording with several files")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if *out == "-" {
		return f.fail("-o - is not supported: a download goes to a file, so that it can resume")
	}
	r, err := a.fam.get(ctx, cl, pos[0])
	if err != nil {
		return err
	}
	if len(r.Files) == 0 || r.Files[0].FileURL == "" {
		return fmt.Errorf("%s %s has no file yet; wait for it with: %s wait %s", a.fam.noun, r.ID, a.path, r.ID)
	}
	if *idx < 0 || *idx >= len(r.Files) {
		return f.fail("-file %d: the recording has %d file(s), numbered from 0", *idx, len(r.Files))
	}
	file := r.Files[*idx]
	dest, err := destination(*out, file.FileURL, r.ID)
	if err != nil {
		return err
	}
	res, err := c.download(ctx, file.FileURL, dest, file.Size)
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(res)
	}
	_, err = fmt.Fprintf(c.stdout, "Saved %s (%s).\n", printable(res.Path), fmtBytes(res.Bytes))
	return err
}

// destination picks the output path: out, a file named like the URL's last
// segment inside the directory out, or that name in the current directory.
func destination(out, fileURL, id string) (string, error) {
	u, err := url.Parse(fileURL)
	if err != nil {
		return "", fmt.Errorf("the recording's file URL cannot be parsed")
	}
	name := path.Base(u.Path)
	if name == "." || name == "/" || name == "" || strings.ContainsAny(name, `\:`) {
		name = id
	}
	if out == "" {
		return name, nil
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return filepath.Join(out, name), nil
	}
	return out, nil
}

type downloadResult struct {
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
	// ResumedFrom is how many bytes an earlier run had already saved.
	ResumedFrom int64 `json:"resumedFrom,omitempty"`
}

var errStalled = errors.New("no data received")

// download streams rawURL to dest through dest+".part", resuming a partial
// file with a Range request, and checks the size against want (the
// recording's file size; 0 when unknown) and the server's Content-Length.
func (c *cli) download(ctx context.Context, rawURL, dest string, want int64) (*downloadResult, error) {
	shown := redactURL(rawURL) // signed URLs carry credentials in the query
	if u, err := url.Parse(rawURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("file URL %s is not an http(s) URL", shown)
	}
	part := dest + ".part"
	fh, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	have, err := fh.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if want > 0 && have > want {
		// Not a prefix of this file: start over.
		if have, err = restart(fh); err != nil {
			return nil, err
		}
	}
	res := &downloadResult{Path: dest, ResumedFrom: have}
	hc := newDownloadClient()
	defer hc.CloseIdleConnections()
	for attempt := 0; ; attempt++ {
		done, again, err := c.fetchInto(ctx, hc, fh, rawURL, shown, have, want)
		if err != nil {
			return nil, err
		}
		if again && attempt == 0 {
			if have, err = restart(fh); err != nil {
				return nil, err
			}
			res.ResumedFrom = 0
			continue
		}
		if again {
			return nil, fmt.Errorf("downloading %s: the server does not answer range requests consistently", shown)
		}
		res.Bytes = done
		break
	}
	if err := fh.Sync(); err != nil {
		return nil, err
	}
	if err := fh.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(part, dest); err != nil {
		return nil, err
	}
	return res, nil
}

func restart(fh *os.File) (int64, error) {
	if err := fh.Truncate(0); err != nil {
		return 0, err
	}
	return fh.Seek(0, io.SeekStart)
}

// fetchInto sends one GET (with a Range when have > 0) and appends the body
// to fh. It returns the file's final size, or again=true when the partial
// file must be dropped and the download started over.
func (c *cli) fetchInto(ctx context.Context, hc *http.Client, fh *os.File, rawURL, shown string, have, want int64) (size int64, again bool, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return 0, false, fmt.Errorf("file URL %s: %v", shown, redactErr(err, rawURL))
	}
	// Identity: a transparently decompressed body would not match the
	// byte ranges and sizes this relies on.
	req.Header.Set("Accept-Encoding", "identity")
	req.Header.Set("User-Agent", "videosdk-cli/"+videosdk.Version)
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, false, c.downloadErr(ctx, shown, redactErr(err, rawURL), have, want, fh.Name())
	}
	defer resp.Body.Close()

	switch resp.StatusCode {
	case http.StatusPartialContent:
		start, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			return 0, true, nil
		}
		if want > 0 && total >= 0 && total != want {
			return 0, false, fmt.Errorf("downloading %s: the server's file has %d bytes, the recording says %d", shown, total, want)
		}
		if want == 0 && total >= 0 {
			want = total
		}
	case http.StatusOK:
		if have > 0 {
			fmt.Fprintf(c.stderr, "The server ignored the range request: downloading %s from the start.\n", printable(shown))
			if have, err = restart(fh); err != nil {
				return 0, false, err
			}
		}
		if resp.ContentLength >= 0 {
			if want > 0 && resp.ContentLength != want {
				return 0, false, fmt.Errorf("downloading %s: the server announces %d bytes, the recording says %d", shown, resp.ContentLength, want)
			}
			want = resp.ContentLength
		}
	case http.StatusRequestedRangeNotSatisfiable:
		// Nothing after have: complete if have is the whole file.
		_, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
		if have > 0 && (want == have || (want == 0 && ok && total == have)) {
			return have, false, nil
		}
		return 0, true, nil
	default:
		return 0, false, fmt.Errorf("downloading %s: %s", shown, resp.Status)
	}

	fmt.Fprintf(c.stderr, "Downloading %s to %s%s\n", printable(shown), printable(strings.TrimSuffix(fh.Name(), ".part")), sizeNote(have, want))
	stall := time.AfterFunc(c.stallTimeout, func() { cancel(errStalled) })
	defer stall.Stop()
	body := io.Reader(resp.Body)
	if want > 0 {
		body = io.LimitReader(body, want-have+1) // one byte more reveals an oversized answer
	}
	prog := c.newProgress(have, want)
	n, err := io.Copy(fh, &watchedReader{r: body, stall: stall, d: c.stallTimeout, prog: prog})
	prog.finish()
	size = have + n
	if err != nil {
		return 0, false, c.downloadErr(ctx, shown, err, size, want, fh.Name())
	}
	if resp.ContentLength >= 0 && n < resp.ContentLength {
		return 0, false, fmt.Errorf("downloading %s: the connection ended after %d of %d bytes; run the same command again to resume", shown, size, have+resp.ContentLength)
	}
	switch {
	case want > 0 && size > want:
		if _, err := restart(fh); err != nil {
			return 0, false, err
		}
		return 0, false, fmt.Errorf("downloading %s: the server sent more than the %d bytes of the recording's file", shown, want)
	case want > 0 && size < want:
		return 0, false, fmt.Errorf("downloading %s: got %d of %d bytes; run the same command again to resume", shown, size, want)
	}
	return size, false, nil
}

func sizeNote(have, want int64) string {
	switch {
	case want > 0 && have > 0:
		return fmt.Sprintf(" (%s, resuming at %s)", fmtBytes(want), fmtBytes(have))
	case want > 0:
		return " (" + fmtBytes(want) + ")"
	}
	return ""
}

// downloadErr explains why a transfer stopped; the partial file stays.
func (c *cli) downloadErr(ctx context.Context, shown string, err error, have, want int64, part string) error {
	of := strconv.FormatInt(have, 10)
	if want > 0 {
		of += " of " + strconv.FormatInt(want, 10)
	}
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errStalled):
		return fmt.Errorf("downloading %s: no data for %v; %s bytes are in %s, run the same command again to resume", shown, c.stallTimeout, of, part)
	case ctx.Err() != nil:
		return fmt.Errorf("download interrupted; %s bytes are in %s, run the same command again to resume", of, part)
	}
	return fmt.Errorf("downloading %s: %v; %s bytes are in %s, run the same command again to resume", shown, err, of, part)
}

// redactErr removes the URL the HTTP client puts in its errors.
func redactErr(err error, rawURL string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return errors.New(strings.ReplaceAll(err.Error(), rawURL, redactURL(rawURL)))
}

// parseContentRange reads "bytes START-END/TOTAL" or "bytes */TOTAL";
// total is -1 when the server gives "*".
func parseContentRange(h string) (start, total int64, ok bool) {
	rest, found := strings.CutPrefix(h, "bytes ")
	if !found {
		return 0, 0, false
	}
	rng, tot, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	total = -1
	if tot != "*" {
		t, err := strconv.ParseInt(tot, 10, 64)
		if err != nil || t < 0 {
			return 0, 0, false
		}
		total = t
	}
	if rng == "*" {
		return 0, total, true
	}
	s, _, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(s, 10, 64)
	if err != nil || start < 0 {
		return 0, 0, false
	}
	return start, total, true
}

// newDownloadClient waits at most 30 s for response headers; the body may
// take as long as it needs while data keeps arriving (see stallTimeout).
// It sends no credentials: file URLs are public or carry their own signature.
func newDownloadClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 30 * time.Second
	return &http.Client{Transport: tr}
}

// watchedReader pushes back the stall timer and reports progress on each read.
type watchedReader struct {
	r     io.Reader
	stall *time.Timer
	d     time.Duration
	prog  *progress
}

func (w *watchedReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.stall.Reset(w.d)
		w.prog.add(int64(n))
	}
	return n, err
}

// progress draws a bar on a terminal, and plain lines at each quarter
// otherwise (a log file gets no carriage returns).
type progress struct {
	w        io.Writer
	tty      bool
	done     int64
	total    int64 // 0: unknown
	quarter  int64
	lastDraw time.Time
	now      func() time.Time
}

func (c *cli) newProgress(have, total int64) *progress {
	return &progress{w: c.stderr, tty: c.terminal(c.stderr), done: have, total: total, quarter: quarterOf(have, total), now: c.now}
}

func quarterOf(done, total int64) int64 {
	if total <= 0 {
		return 0
	}
	return min(done*4/total, 4)
}

func (p *progress) add(n int64) {
	p.done += n
	if p.tty {
		if now := p.now(); now.Sub(p.lastDraw) >= 100*time.Millisecond {
			p.lastDraw = now
			p.draw()
		}
		return
	}
	if q := quarterOf(p.done, p.total); q > p.quarter && q < 4 {
		p.quarter = q
		fmt.Fprintf(p.w, "  %d%% (%s of %s)\n", q*25, fmtBytes(p.done), fmtBytes(p.total))
	}
}

func (p *progress) draw() {
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\r  %s", fmtBytes(p.done))
		return
	}
	const width = 30
	fill := int(min(p.done, p.total) * width / p.total)
	fmt.Fprintf(p.w, "\r  [%s%s] %3d%%  %s / %s", strings.Repeat("#", fill), strings.Repeat(".", width-fill),
		min(p.done, p.total)*100/p.total, fmtBytes(p.done), fmtBytes(p.total))
}

func (p *progress) finish() {
	if p.tty {
		p.draw()
		fmt.Fprintln(p.w)
		return
	}
	if p.total > 0 && p.done >= p.total {
		fmt.Fprintf(p.w, "  100%% (%s)\n", fmtBytes(p.done))
	}
}
