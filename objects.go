// Objects shared by many answers: a recording's File (with its meta and
// resolution), the Links block, and the records of webhook deliveries.

package videosdk

import (
	"time"
)

// File is a file produced by a recording, merge or HLS stream.
type File struct {
	// ID is the file id (some responses name it "_id").
	ID       string `json:"id"`
	FilePath string `json:"filePath,omitempty"`
	// FileURL is the download URL.
	FileURL string `json:"fileUrl,omitempty"`
	// Size in bytes.
	Size int64 `json:"size,omitempty"`
	// Type is "video" or "audio" (open set).
	Type string   `json:"type,omitempty"`
	Meta FileMeta `json:"meta"`
	// Ratio is an opaque map of label to number.
	Ratio map[string]float64 `json:"ratio,omitempty"`
	// UserStorage is set when the file was stored in the customer's bucket.
	UserStorage map[string]any `json:"userStorage,omitempty"`
	UserID      string         `json:"userId,omitempty"`
	CreatedAt   *time.Time     `json:"createdAt,omitempty"`
	UpdatedAt   *time.Time     `json:"updatedAt,omitempty"`
	legacy
}

// normalize takes the legacy "_id" for ID (wire.go); nil stays nil.
func (f *File) normalize() {
	if f != nil {
		setIfEmpty(&f.ID, f.legacy.take().LegacyID)
	}
}

// normalizeFiles normalizes each of files.
func normalizeFiles(files []File) {
	for i := range files {
		files[i].normalize()
	}
}

// FileMeta describes a file's media.
type FileMeta struct {
	Resolution *Resolution `json:"resolution,omitempty"`
	// Format is the container, e.g. FileFormatMP4; composite recordings
	// write it capitalised ("WebM"), and it decodes as sent.
	Format FileFormat `json:"format,omitempty"`
	// Duration in seconds.
	Duration float64 `json:"duration,omitempty"`
}

// Resolution of a video file or image.
type Resolution struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// WebhookSummary reports the webhook deliveries made for a recording or stream.
type WebhookSummary struct {
	TotalCount   int               `json:"totalCount"`
	SuccessCount int               `json:"successCount"`
	Data         []WebhookDelivery `json:"data,omitempty"`
}

// WebhookDelivery is one webhook call made for a recording or stream.
type WebhookDelivery struct {
	// Type is the event, e.g. WebhookRecordingStarted.
	Type    WebhookEventType `json:"type"`
	Success bool             `json:"success"`
}

// Links are the API URLs a resource points to.
type Links struct {
	GetRoom            string `json:"get_room,omitempty"`
	GetSession         string `json:"get_session,omitempty"`
	GetAllParticipants string `json:"get_all_participants,omitempty"`
}

// FileFormat is the container format of a recording's output files. The
// accepted values differ per endpoint: meeting recordings take mp4 and webm,
// participant recordings also m3u8, track recordings also m3u8 and mp3.
type FileFormat string

// File formats.
const (
	FileFormatMP4  FileFormat = "mp4"
	FileFormatWebM FileFormat = "webm"
	FileFormatM3U8 FileFormat = "m3u8"
	FileFormatMP3  FileFormat = "mp3"
)
