package videosdktest

import (
	"io"
	"net/http"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cdnGet fetches url with an optional Range header.
func cdnGet(t *testing.T, srv *Server, method, url, rng string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	res, err := httpClientFor(srv).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, b
}

// The CDN answers Range requests like a real one, so a download can resume.
func TestCDNRange(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testCDNRange)
}

func testCDNRange(t *testing.T) {
	srv := virtualServer(t)
	roomID, _, _ := liveRoom(t, srv)
	started(t, srv, "/v2/recordings/start", map[string]any{"roomId": roomID})
	require.NoError(t, srv.EndSession(roomID))
	flush(t, srv) // the file is processed
	file := ok(t, srv, "GET", "/v2/recordings?roomId="+roomID, nil)["data"].([]any)[0].(map[string]any)["file"].(map[string]any)
	url := file["fileUrl"].(string)
	size := int64(file["size"].(float64))
	require.Greater(t, size, int64(100))

	res, b := cdnGet(t, srv, "GET", url, "")
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "bytes", res.Header.Get("Accept-Ranges"))
	assert.Len(t, b, int(size))

	res, b = cdnGet(t, srv, "GET", url, "bytes=100-")
	assert.Equal(t, http.StatusPartialContent, res.StatusCode)
	assert.Equal(t, "bytes 100-"+strconv.FormatInt(size-1, 10)+"/"+strconv.FormatInt(size, 10), res.Header.Get("Content-Range"))
	assert.Equal(t, strconv.FormatInt(size-100, 10), res.Header.Get("Content-Length"))
	assert.Len(t, b, int(size-100))
	assert.Equal(t, "video/mp4", res.Header.Get("Content-Type"))

	res, _ = cdnGet(t, srv, "GET", url, "bytes="+strconv.FormatInt(size, 10)+"-")
	assert.Equal(t, http.StatusRequestedRangeNotSatisfiable, res.StatusCode)
	assert.Equal(t, "bytes */"+strconv.FormatInt(size, 10), res.Header.Get("Content-Range"))

	res, b = cdnGet(t, srv, "HEAD", url, "")
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, strconv.FormatInt(size, 10), res.Header.Get("Content-Length"))
	assert.Empty(t, b)

	// Text files (the chat export) take ranges too.
	sessions := ok(t, srv, "GET", "/v2/sessions?roomId="+roomID, nil)["data"].([]any)
	chat := sessions[0].(map[string]any)["chatLink"].(string)
	res, b = cdnGet(t, srv, "GET", chat, "bytes=0-8")
	assert.Equal(t, http.StatusPartialContent, res.StatusCode)
	assert.Equal(t, "timestamp", string(b))
}

// What the CDN serves stays bounded when the clock runs far ahead: a
// recording a century long announces (and serves) at most maxFileBytes.
func TestCDNFileSizeIsBounded(t *testing.T) {
	t.Parallel()
	_, file := finishedRecording(t, 100*365*24*time.Hour)
	assert.Equal(t, float64(maxFileBytes), file["size"])
	res, err := http.Head(file["fileUrl"].(string))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, int64(maxFileBytes), res.ContentLength)
}
