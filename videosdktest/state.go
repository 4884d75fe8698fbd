package videosdktest

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"
)

// state is the fake's in-memory database. Every access holds Server.mu.
type state struct {
	now    func() time.Time
	at     time.Time // the current operation's time, set by tick
	rng    *rand.Rand
	base   string
	userID string

	rooms      []*room
	roomByID   map[string]*room // roomId
	roomByCust map[string]*room // customRoomId
	roomByOID  map[string]*room // internal id

	sessions  []*session
	sessionBy map[string]*session

	jobs  []*job
	jobBy map[string]*job

	merges  []*merge
	mergeBy map[string]*merge

	transcodings  []*transcoding
	transcodingBy map[string]*transcoding
	posts         []*postTranscription
	postBy        map[string]*postTranscription
	realtimes     []*realtimeTranscription
	realtimeBy    map[string]*realtimeTranscription

	cdn map[string]cdnFile // path → placeholder content

	sip *sipState // SIP telephony (sip.go), created on first use

	plat platformState // platform.go: agents, batch calls, connectors, ingest, resources, alerting

	// delay is how long background work takes (WithProcessingDelay; 0 by
	// default): the platform services' timings.
	delay time.Duration
	// jobDelay is how long the recordings' files, merges, transcodings and
	// post transcriptions take: delay when WithProcessingDelay was given,
	// else defaultProcessingDelay.
	jobDelay time.Duration
}

func newState(now func() time.Time, seed uint64, base string) *state {
	st := &state{
		now:        now,
		rng:        rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		base:       base,
		roomByID:   map[string]*room{},
		roomByCust: map[string]*room{},
		roomByOID:  map[string]*room{},
		sessionBy:  map[string]*session{},
		jobBy:      map[string]*job{},
		mergeBy:    map[string]*merge{},
		cdn:        map[string]cdnFile{},
	}
	st.transcodingBy, st.postBy, st.realtimeBy = map[string]*transcoding{}, map[string]*postTranscription{}, map[string]*realtimeTranscription{}
	st.tick()
	st.userID = st.objectID()
	return st
}

// tick reads the clock once for the operation that starts: everything one
// request or simulation call stamps gets the same time, in UTC at the
// millisecond precision of the API's timestamps.
func (st *state) tick() { st.at = st.now().UTC().Truncate(time.Millisecond) }

// clock returns the current operation's time (see tick).
func (st *state) clock() time.Time { return st.at }

// ---- ids ----

const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"

// objectID returns a Mongo-style ObjectId: 24 hex digits, the first 8 the
// creation time in seconds.
func (st *state) objectID() string {
	return fmt.Sprintf("%08x%016x", uint32(st.at.Unix()), st.rng.Uint64())
}

func (st *state) word(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[st.rng.IntN(len(alnum))]
	}
	return string(b)
}

// newRoomID returns an unused id of the form xxxx-xxxx-xxxx.
func (st *state) newRoomID() string {
	for {
		id := st.word(4) + "-" + st.word(4) + "-" + st.word(4)
		if st.roomByID[id] == nil && st.roomByCust[id] == nil {
			return id
		}
	}
}

// uuid returns a random (version 4 style) UUID string.
func (st *state) uuid() string {
	a, b := st.rng.Uint64(), st.rng.Uint64()
	a = a&^0xf000 | 0x4000     // version 4
	b = b&^(0xc<<60) | 0x8<<60 // RFC 4122 variant
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// ---- time formatting ----

const isoMillis = "2006-01-02T15:04:05.000Z"

func iso(t time.Time) string { return t.UTC().Format(isoMillis) }

// isoOrNull renders an end time: null while the thing is still running.
func isoOrNull(t *time.Time) json.RawMessage {
	if t == nil {
		return json.RawMessage("null")
	}
	return json.RawMessage(`"` + iso(*t) + `"`)
}

// seconds is the duration from start to end (or now) in seconds, rounded to
// milliseconds.
func seconds(start time.Time, end *time.Time, now time.Time) float64 {
	e := now
	if end != nil {
		e = *end
	}
	d := e.Sub(start)
	if d < 0 {
		d = 0
	}
	return float64(d.Milliseconds()) / 1000
}

// ---- rooms ----

type room struct {
	oid, roomID, customRoomID string
	disabled                  bool
	createdAt, updatedAt      time.Time
	geoFence                  string
	allowed                   []string
	webhook                   json.RawMessage
	autoClose                 json.RawMessage
	autoStart                 json.RawMessage  // as sent, echoed in views
	autoStartCfg              *autoStartConfig // decoded and checked at creation
	multi                     json.RawMessage
	multiFlags                struct{ Recording, HLS, RTMP bool }
	autoCloseType             string
	live                      *session // the ongoing session, if any
}

// lookupRoom finds a room by roomId, customRoomId or internal id.
func (st *state) lookupRoom(id string) *room {
	if r := st.roomByID[id]; r != nil {
		return r
	}
	if r := st.roomByCust[id]; r != nil {
		return r
	}
	return st.roomByOID[id]
}

func (r *room) region() string {
	if r.geoFence != "" {
		return r.geoFence
	}
	return "us002"
}

// ---- sessions ----

type session struct {
	oid      string
	room     *room
	start    time.Time
	end      *time.Time
	parts    []*participant
	partByID map[string]*participant
}

type participant struct {
	oid, id, name string
	modeOID       string // _id of its changeModeHistory entry
	timelog       []interval
}

type interval struct {
	start time.Time
	end   *time.Time
}

func (p *participant) active() bool {
	return len(p.timelog) > 0 && p.timelog[len(p.timelog)-1].end == nil
}

func (s *session) status() string {
	if s.end == nil {
		return "ongoing"
	}
	return "ended"
}

func (s *session) activeParticipants() []*participant {
	var out []*participant
	for _, p := range s.parts {
		if p.active() {
			out = append(out, p)
		}
	}
	return out
}

// ---- recordings, streams ----

type jobKind int

const (
	kindRecording jobKind = iota
	kindParticipant
	kindTrack
	kindLivestream
	kindHLS
	kindComposite
)

func (k jobKind) String() string {
	return [...]string{"Recording", "Participant recording", "Track recording", "Livestream", "HLS stream", "Composite recording"}[k]
}

// job is a recording, participant, track or composite recording, livestream
// or HLS stream: something that runs during a session and leaves an item
// behind.
type job struct {
	kind                 jobKind
	oid                  string
	room                 *room
	sess                 *session
	participantID        string
	participantName      string
	track                string // track kind for kindTrack
	fileFormat           string
	start                time.Time
	end                  *time.Time
	createdAt, updatedAt time.Time
	files                []*fileRec
	deleted              bool
	outputs              []rtmpOutput
	webhookURL           string
	// HLS
	hlsKey                     string
	mode, quality, orientation string
	captures                   int
	// transcription, when enabled at start, makes a post transcription when
	// the job ends (recordings, HLS, livestreams).
	transcription *transcriptionOpts
	// filesDue is when a stopped job's files appear (WithProcessingDelay);
	// nil once they exist, or when they came with the stop.
	filesDue *time.Time
	// failed is set by FailJob: the job ended without files.
	failed bool
	// sent are the webhooks queued for the job, for its "webhook" summary.
	sent []sentHook
}

type rtmpOutput struct {
	URL       string `json:"url"`
	StreamKey string `json:"streamKey"`
}

func (j *job) running() bool { return j.end == nil }

type fileRec struct {
	oid, typ, path string
	format         string
	size           int64
	duration       float64
	width, height  int
	createdAt      time.Time
}

type merge struct {
	id           string
	sess         *session
	ch1, ch2     []mergeEntry
	start        time.Time
	end          *time.Time
	status       string
	file         *fileRec
	webhookURL   string
	dirPath      string
	durationSecs float64
	message      string // why it failed (FailJob)
}

type mergeEntry struct {
	RecordingID   string `json:"recordingId"`
	ParticipantID string `json:"participantId"`
	Type          string `json:"type,omitempty"`
}

type cdnFile struct {
	contentType string
	size        int64
	text        string // served instead of size zero bytes when set
}

// ---- pagination ----

type pageInfo struct {
	CurrentPage int `json:"currentPage"`
	PerPage     int `json:"perPage"`
	LastPage    int `json:"lastPage"`
	Total       int `json:"total"`
}

// paginate returns the bounds of the requested page of n items.
func paginate(n, page, perPage int) (from, to int, info pageInfo) {
	last := n / perPage
	if n%perPage != 0 {
		last++
	}
	if last < 1 {
		last = 1
	}
	from = n // pages past the end are empty (and huge numbers cannot overflow)
	if page-1 <= n/perPage {
		from = min((page-1)*perPage, n)
	}
	to = from + min(perPage, n-from)
	return from, to, pageInfo{CurrentPage: page, PerPage: perPage, LastPage: last, Total: n}
}

// insertByTime adds item to items, which are kept ordered by at, oldest
// first, and in insertion order for equal times. The clock normally moves
// forward, so this appends; a test clock set back inserts the item among
// older ones. Lists then read the items backwards (newestPage) instead of
// sorting them on every call.
func insertByTime[T any](items []T, item T, at func(T) time.Time) []T {
	t := at(item)
	if n := len(items); n == 0 || !at(items[n-1]).After(t) {
		return append(items, item)
	}
	i := sort.Search(len(items), func(k int) bool { return at(items[k]).After(t) })
	return slices.Insert(items, i, item)
}

// newestPage returns the requested page, newest first, of the items that
// keep accepts (every item when keep is nil), with its pageInfo. items are
// ordered by insertByTime, so it walks them backwards: no copy and no sort,
// and without a filter it visits only the page itself.
func newestPage[T any](items []T, keep func(T) bool, page, perPage int) ([]T, pageInfo) {
	if keep == nil {
		from, to, info := paginate(len(items), page, perPage)
		out := make([]T, 0, to-from)
		for i := len(items) - 1 - from; i >= len(items)-to; i-- {
			out = append(out, items[i])
		}
		return out, info
	}
	skip := math.MaxInt // items before the page; a page past any count is empty
	if page-1 <= math.MaxInt/perPage {
		skip = (page - 1) * perPage
	}
	var out []T
	n := 0
	for i := len(items) - 1; i >= 0; i-- {
		if !keep(items[i]) {
			continue
		}
		if n >= skip && len(out) < perPage {
			out = append(out, items[i])
		}
		n++
	}
	_, _, info := paginate(n, page, perPage)
	return out, info
}
