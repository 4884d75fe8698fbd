package main

import (
	"context"
	"encoding/json"
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

// defaultMaxUnknownBytes bounds a download whose size neither the recording
// nor the server states (-max-bytes overrides it): 64 GiB, above any
// recording VideoSDK produces, below a disk filled by a server that never
// stops.
const defaultMaxUnknownBytes = 64 << 30

func (a recordingActions) download(ctx context.Context, c *cli, args []string) error {
	f := c.flags(a.path+" download", "ID",
		"Downloads a "+a.fam.noun+"'s file. It is written to FILE.part (with FILE.part.meta beside it) and\n"+
			"renamed when complete; run the same command again after an interruption to resume (HTTP\n"+
			"range request, only when the recording id, its size and the server's ETag or Last-Modified\n"+
			"prove the partial file is of this very file; otherwise it starts over).\n"+
			"The size is checked against the recording's file size; a file of unknown size is read up to\n"+
			"-max-bytes. A name from the server that begins with a dot is refused, and an existing file is\n"+
			"replaced only with -force or when -o names it. Progress goes to stderr.").withJSON().withCredentials()
	out := f.String("o", "", "write to `FILE` (default the file's name, in the current directory; a directory puts it there)")
	idx := f.Int("file", 0, "download file number `N` (see get) of a recording with several files")
	force := f.Bool("force", false, "replace an existing file of the same name")
	maxBytes := f.Int64("max-bytes", defaultMaxUnknownBytes, "the most `BYTES` read when the file's size is unknown")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	if *out == "-" {
		return f.fail("-o - is not supported: a download goes to a file, so that it can resume")
	}
	if *maxBytes <= 0 {
		return f.fail("-max-bytes %d: must be positive", *maxBytes)
	}
	r, err := a.fam.get(ctx, cl, pos[0])
	if err != nil {
		return err
	}
	if len(r.Files) == 0 || r.Files[0].FileURL == "" {
		return fmt.Errorf("%s %s has no file yet; wait for it with: %s wait %s", a.fam.noun, printable(r.ID), a.path, printable(r.ID))
	}
	if *idx < 0 || *idx >= len(r.Files) {
		return f.fail("-file %d: the recording has %d file(s), numbered from 0", *idx, len(r.Files))
	}
	file := r.Files[*idx]
	dest, named, err := destination(*out, file.FileURL, r.ID)
	if err != nil {
		return err
	}
	if !named && !*force {
		if _, err := os.Lstat(dest); err == nil {
			return fmt.Errorf("%s exists: add -force to replace it, or name another file with -o", dest)
		}
	}
	res, err := c.download(ctx, file.FileURL, dest, downloadCheck{id: r.ID, size: file.Size, maxUnknown: *maxBytes})
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
// named reports whether out names the file itself (the user's consent to
// replace it). A name from the server that begins with a dot (a dotfile
// such as .bashrc, or "..") is refused.
func destination(out, fileURL, id string) (dest string, named bool, err error) {
	if out != "" {
		if st, err := os.Stat(out); err != nil || !st.IsDir() {
			return out, true, nil
		}
	}
	u, err := url.Parse(fileURL)
	if err != nil {
		return "", false, fmt.Errorf("the recording's file URL cannot be parsed")
	}
	name := path.Base(u.Path)
	if name == "." || name == "/" || name == "" || strings.ContainsAny(name, `\:`) {
		name = id
	}
	if strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) {
		return "", false, fmt.Errorf("the file's name %q begins with a dot or names a directory: choose a file name with -o", printable(name))
	}
	if out == "" {
		return name, false, nil
	}
	return filepath.Join(out, name), false, nil
}

type downloadResult struct {
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
	// ResumedFrom is how many bytes an earlier run had already saved.
	ResumedFrom int64 `json:"resumedFrom,omitempty"`
}

// downloadCheck is what a download is checked against: the recording's id
// and file size (0 when unknown), and the cap on a file of unknown size.
type downloadCheck struct {
	id         string
	size       int64
	maxUnknown int64
}

// partMeta is written beside FILE.part (as FILE.part.meta): what proves a
// later run that the partial file is of the same object. A resume needs the
// same recording id, size and URL path, and a validator (the first answer's
// strong ETag, else its Last-Modified) sent as If-Range, so a server whose
// object changed answers the whole file instead of a range.
type partMeta struct {
	RecordingID  string `json:"recordingId"`
	Size         int64  `json:"size"`
	URL          string `json:"url"` // scheme, host and path (no query: signed URLs change)
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

// ifRange is the validator a resume sends, "" when there is none.
func (m *partMeta) ifRange() string {
	if m.ETag != "" && !strings.HasPrefix(m.ETag, "W/") {
		return m.ETag
	}
	return m.LastModified
}

func readPartMeta(name string) *partMeta {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var m partMeta
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return &m
}

func writePartMeta(name string, m *partMeta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// refusal is an answer the download will not keep (sizes that disagree, a
// body over the cap): the partial file is removed, not left to resume.
type refusal struct{ error }

var errStalled = errors.New("no data received")

// download streams rawURL to dest through dest+".part", resuming a partial
// file (see partMeta) with a Range request, and checks the size against
// chk.size (the recording's file size; 0 when unknown, then chk.maxUnknown
// bounds it) and the server's Content-Length. A refused download leaves no
// .part behind; an interrupted one keeps what arrived, to resume.
func (c *cli) download(ctx context.Context, rawURL, dest string, chk downloadCheck) (*downloadResult, error) {
	shown := redactURL(rawURL) // signed URLs carry credentials in the query
	if u, err := url.Parse(rawURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("file URL %s is not an http(s) URL", shown)
	}
	part, metaName := dest+".part", dest+".part.meta"
	fh, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	keep := false
	defer func() {
		if !keep {
			_ = os.Remove(part)
			_ = os.Remove(metaName)
		}
	}()
	have, err := fh.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	meta := &partMeta{RecordingID: chk.id, Size: chk.size, URL: shown}
	ifRange := ""
	if have > 0 {
		old := readPartMeta(metaName)
		if old != nil && old.RecordingID == chk.id && old.Size == chk.size && old.URL == shown &&
			old.ifRange() != "" && (chk.size == 0 || have <= chk.size) {
			ifRange, meta = old.ifRange(), old
		} else {
			// Not proven to be of this object: start over.
			if have, err = restart(fh); err != nil {
				return nil, err
			}
		}
	}
	res := &downloadResult{Path: dest, ResumedFrom: have}
	hc := newDownloadClient()
	defer hc.CloseIdleConnections()
	for attempt := 0; ; attempt++ {
		done, again, err := c.fetchInto(ctx, hc, fh, rawURL, shown, have, ifRange, chk, meta, metaName)
		if err != nil {
			var ref refusal
			if errors.As(err, &ref) {
				return nil, ref.error
			}
			// Interrupted: keep what arrived to resume, unless nothing did.
			if st, serr := fh.Stat(); serr == nil && st.Size() > 0 {
				keep = true
			}
			return nil, err
		}
		if again && attempt == 0 {
			if have, err = restart(fh); err != nil {
				return nil, err
			}
			ifRange = ""
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
	_ = os.Remove(metaName)
	keep = true // the .part is the file now
	return res, nil
}

func restart(fh *os.File) (int64, error) {
	if err := fh.Truncate(0); err != nil {
		return 0, err
	}
	return fh.Seek(0, io.SeekStart)
}

// fetchInto sends one GET (with a Range and, to prove the partial file is
// of this object, If-Range when have > 0) and appends the body to fh. It
// records the answer's validators in meta (written to metaName) before the
// body, so an interrupted transfer can resume. It returns the file's final
// size, or again=true when the partial file must be dropped and the
// download started over. Sizes that disagree, and a body over the cap, are
// a refusal.
func (c *cli) fetchInto(ctx context.Context, hc *http.Client, fh *os.File, rawURL, shown string, have int64, ifRange string,
	chk downloadCheck, meta *partMeta, metaName string) (size int64, again bool, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	want := chk.size
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
		if ifRange != "" {
			req.Header.Set("If-Range", ifRange)
		}
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
			return 0, false, refusal{fmt.Errorf("downloading %s: the server's file has %d bytes, the recording says %d", shown, total, want)}
		}
		if want == 0 && total >= 0 {
			want = total
		}
	case http.StatusOK:
		if have > 0 {
			fmt.Fprintf(c.stderr, "The server ignored the range request (or the file changed): downloading %s from the start.\n", printable(shown))
			if have, err = restart(fh); err != nil {
				return 0, false, err
			}
		}
		if resp.ContentLength >= 0 {
			if want > 0 && resp.ContentLength != want {
				return 0, false, refusal{fmt.Errorf("downloading %s: the server announces %d bytes, the recording says %d", shown, resp.ContentLength, want)}
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
	limit := want // 0: unknown, bounded by chk.maxUnknown
	if want == 0 {
		limit = chk.maxUnknown
	} else if chk.size == 0 && want > chk.maxUnknown {
		return 0, false, refusal{fmt.Errorf("downloading %s: the server announces %d bytes, more than -max-bytes %d", shown, want, chk.maxUnknown)}
	}
	if resp.StatusCode == http.StatusOK || meta.ifRange() == "" {
		meta.ETag, meta.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	}
	if err := writePartMeta(metaName, meta); err != nil {
		return 0, false, err
	}

	fmt.Fprintf(c.stderr, "Downloading %s to %s%s\n", printable(shown), printable(strings.TrimSuffix(fh.Name(), ".part")), sizeNote(have, want))
	stall := time.AfterFunc(c.stallTimeout, func() { cancel(errStalled) })
	defer stall.Stop()
	body := io.LimitReader(resp.Body, limit-have+1) // one byte more reveals an oversized answer
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
	case want == 0 && size > limit:
		return 0, false, refusal{fmt.Errorf("downloading %s: the server sent more than -max-bytes %d for a file of unknown size", shown, limit)}
	case want > 0 && size > want:
		return 0, false, refusal{fmt.Errorf("downloading %s: the server sent more than the %d bytes of the recording's file", shown, want)}
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
		// The share actually downloaded: one read may cross a quarter
		// well past it, or several quarters at once.
		p.quarter = q
		fmt.Fprintf(p.w, "  %d%% (%s of %s)\n", p.done*100/p.total, fmtBytes(p.done), fmtBytes(p.total))
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
