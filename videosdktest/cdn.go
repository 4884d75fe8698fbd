package videosdktest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
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
	size := f.size
	if f.text != "" {
		size = int64(len(f.text))
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if f.text != "" {
		_, _ = io.WriteString(w, f.text)
		return
	}
	_, _ = io.CopyN(w, zeros{}, size)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
