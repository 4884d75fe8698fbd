package videosdktest

import (
	"io"
	"net/http"
	"strings"
	"time"
)

const cdnPrefix = "/cdn/"

func isCDNPath(p string) bool { return strings.HasPrefix(p, cdnPrefix) }

// serveCDN serves placeholder content for the file, thumbnail, chat and
// playlist URLs the fake hands out, so code that downloads them can be
// tested. Like a CDN it needs no token.
func (s *Server) serveCDN(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	f, ok := s.st.cdn[strings.TrimPrefix(r.URL.Path, cdnPrefix)]
	s.mu.Unlock()
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var content io.ReadSeeker = io.NewSectionReader(zeros{}, 0, f.size)
	if f.text != "" {
		content = strings.NewReader(f.text)
	}
	// ServeContent answers HEAD and Range requests (206 with Content-Range,
	// 416 when unsatisfiable) as a CDN does, so downloads can resume.
	w.Header().Set("Content-Type", f.contentType)
	http.ServeContent(w, r, "", time.Time{}, content)
}

// zeros is an endless source of zero bytes.
type zeros struct{}

func (zeros) ReadAt(p []byte, _ int64) (int, error) {
	clear(p)
	return len(p), nil
}
