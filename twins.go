package videosdk

import (
	"context"
	"net/url"
	"time"
)

// One-pass decoding for the response types of the newer endpoints
// (STYLE.md §11). A type that accepts a legacy name, or holds a File (which
// accepts "_id"), has a method-free wire twin here or beside it: the SDK
// decodes a body into the twin in one pass and converts it in place; the
// public UnmarshalJSON, kept for users who decode stored JSON, runs the same
// conversion. Lists decode their items into twins in the pass that reads the
// page.

// fileTwin is the method-free twin of File: File's fields plus the legacy
// "_id".
type fileTwin struct {
	ID          string             `json:"id"`
	LegacyID    string             `json:"_id"`
	FilePath    string             `json:"filePath,omitempty"`
	FileURL     string             `json:"fileUrl,omitempty"`
	Size        int64              `json:"size,omitempty"`
	Type        string             `json:"type,omitempty"`
	Meta        FileMeta           `json:"meta"`
	Ratio       map[string]float64 `json:"ratio,omitempty"`
	UserStorage map[string]any     `json:"userStorage,omitempty"`
	UserID      string             `json:"userId,omitempty"`
	CreatedAt   *time.Time         `json:"createdAt,omitempty"`
	UpdatedAt   *time.Time         `json:"updatedAt,omitempty"`
}

// file converts the twin; nil stays nil (no "file" in the body, or null).
func (w *fileTwin) file() *File {
	if w == nil {
		return nil
	}
	f := File{
		ID: w.ID, FilePath: w.FilePath, FileURL: w.FileURL, Size: w.Size, Type: w.Type, Meta: w.Meta,
		Ratio: w.Ratio, UserStorage: w.UserStorage, UserID: w.UserID, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt,
	}
	setIfEmpty(&f.ID, w.LegacyID)
	return &f
}

// getTwinPage fetches one page of a plain list endpoint ({"pageInfo", "data"})
// whose items decode into the twin W, and converts each item.
func getTwinPage[W, T any](ctx context.Context, c *Client, path string, q url.Values, conv func(*W) T) (*Page[T], error) {
	twins, err := getPage[W](ctx, c, path, q)
	if err != nil {
		return nil, err
	}
	return convertPage(twins, conv), nil
}

// convertPage converts a page of twins into a page of public values.
func convertPage[W, T any](p *Page[W], conv func(*W) T) *Page[T] {
	out := &Page[T]{Data: make([]T, len(p.Data)), PageInfo: p.PageInfo}
	for i := range p.Data {
		out.Data[i] = conv(&p.Data[i])
	}
	return out
}
