package videosdktest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// deployDelay is how long a new version takes to become active on the
// fake's clock (the fake's choice; the real duration is undocumented).
const deployDelay = 10 * time.Second

// agentJob is one dispatch: the agent joined roomID as participantID.
type agentJob struct {
	id, agentID, roomID, participantID, status string
}

type agentSecret struct {
	id, name, typ string
}

type deployment struct {
	id, agentID, name, envSecret string
	createdAt                    time.Time
	deleted                      bool
	versions                     []*agentVersion // oldest first
	logs                         []agentLogLine
}

type agentVersion struct {
	id, deploymentID, agentID, region, profile, versionTag string
	image                                                  json.RawMessage
	minReplica, maxReplica                                 int
	createdAt                                              time.Time
	activeAt                                               time.Time // when it finishes deploying
	announced                                              time.Time // the activeAt its "active" log line was written for
	active                                                 bool
	webhook                                                json.RawMessage
}

type agentLogLine struct {
	at                time.Time
	line              string
	versionID, roomID string
	sessionID, userID string
}

// addLog keeps d's logs ordered by time.
func (d *deployment) addLog(l agentLogLine) {
	d.logs = insertByTime(d.logs, l, func(l agentLogLine) time.Time { return l.at })
}

// ---- dispatch ----

type dispatchReq struct {
	AgentID     string          `json:"agentId"`
	MeetingID   string          `json:"meetingId"`
	RoomID      string          `json:"roomId"`
	VersionID   string          `json:"versionId"`
	Metadata    json.RawMessage `json:"metadata"`
	RoomOptions *struct {
		JoinMeeting *bool `json:"joinMeeting"`
	} `json:"roomOptions"`
}

type dispatchJSON struct {
	Success  bool   `json:"success"`
	JobID    string `json:"jobId"`
	Status   string `json:"status"`
	WorkerID string `json:"workerId,omitempty"`
	RoomID   string `json:"roomId"`
	AgentID  string `json:"agentId"`
}

func (s *Server) dispatchAgent(r *http.Request) (any, *apiError) { return s.dispatch(r, false) }

func (s *Server) generalDispatch(r *http.Request) (any, *apiError) { return s.dispatch(r, true) }

// dispatch sends an agent into a room: it joins the room's live session
// (started when none is live) as participant "agent-<jobId>", unless
// roomOptions.joinMeeting is false.
func (s *Server) dispatch(r *http.Request, general bool) (any, *apiError) {
	s.advancePlatform()
	var b dispatchReq
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	roomID := b.MeetingID
	if roomID == "" {
		roomID = b.RoomID
	}
	if e := need("meetingId", roomID); e != nil {
		return nil, e
	}
	if e := need("agentId", b.AgentID); e != nil {
		return nil, e
	}
	if general {
		if e := need("versionId", b.VersionID); e != nil {
			return nil, e
		}
	}
	rm := s.st.lookupRoom(roomID)
	if rm == nil {
		return nil, notFound("Room", roomID)
	}
	if rm.disabled {
		return nil, badRequest("Room %q is deactivated.", roomID)
	}
	pf := &s.st.plat
	job := &agentJob{id: "job_" + s.st.word(12), agentID: b.AgentID, roomID: rm.roomID, status: "dispatched"}
	if b.RoomOptions == nil || b.RoomOptions.JoinMeeting == nil || *b.RoomOptions.JoinMeeting {
		job.participantID = "agent-" + job.id
		if err := s.join(rm.roomID, job.participantID, "Agent "+b.AgentID); err != nil {
			return nil, badRequest("Agent cannot join room %q: %v", roomID, err)
		}
	}
	pf.jobs = append(pf.jobs, job)
	for _, d := range pf.deployments {
		if d.agentID == b.AgentID && !d.deleted {
			d.addLog(agentLogLine{at: s.st.clock(), line: "agent joined room " + rm.roomID + " (" + job.id + ")", roomID: rm.roomID})
		}
	}
	return struct {
		Message string       `json:"message"`
		Data    dispatchJSON `json:"data"`
	}{"Agent dispatched", dispatchJSON{Success: true, JobID: job.id, Status: job.status, RoomID: rm.roomID, AgentID: b.AgentID}}, nil
}

// ---- Agent Cloud ----

func (s *Server) createSecret(r *http.Request) (any, *apiError) {
	var b struct {
		Name string            `json:"name"`
		Keys map[string]string `json:"keys"`
		Type string            `json:"type"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("name", b.Name); e != nil {
		return nil, e
	}
	if len(b.Keys) == 0 {
		return nil, badRequest("%q is required.", "keys")
	}
	pf := &s.st.plat
	if pf.secrets == nil {
		pf.secrets = map[string]*agentSecret{}
	}
	sec := &agentSecret{id: s.st.objectID(), name: b.Name, typ: cmp(b.Type, "NORMAL")}
	pf.secrets[sec.id] = sec
	return dataAnswer{struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	}{sec.id, sec.name, sec.typ}}, nil
}

type deploymentJSON struct {
	ID        string `json:"id"`
	AgentID   string `json:"agentId"`
	Name      string `json:"name"`
	Status    string `json:"status"`
	EnvSecret string `json:"envSecret,omitempty"`
}

// status is "created" before any version, "deploying" while the newest
// active-to-be version deploys, "active" while one serves, "stopped" when
// none does (the fake's names: the API's are undocumented).
func (d *deployment) status(now time.Time) string {
	if len(d.versions) == 0 {
		return "created"
	}
	for _, v := range d.versions {
		if v.active {
			if now.Before(v.activeAt) {
				return "deploying"
			}
			return "active"
		}
	}
	return "stopped"
}

func (s *Server) deploymentView(d *deployment) deploymentJSON {
	return deploymentJSON{ID: d.id, AgentID: d.agentID, Name: d.name, Status: d.status(s.st.clock()), EnvSecret: d.envSecret}
}

func (s *Server) createDeployment(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var b struct {
		Name      string `json:"name"`
		AgentID   string `json:"agentId"`
		EnvSecret string `json:"envSecret"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if e := need("name", b.Name); e != nil {
		return nil, e
	}
	pf := &s.st.plat
	if b.EnvSecret != "" && pf.secrets[b.EnvSecret] == nil {
		return nil, notFound("Secret", b.EnvSecret)
	}
	if pf.depBy == nil {
		pf.depBy = map[string]*deployment{}
	}
	d := &deployment{id: s.st.objectID(), agentID: b.AgentID, name: b.Name, envSecret: b.EnvSecret, createdAt: s.st.clock()}
	if d.agentID == "" {
		d.agentID = s.st.uuid()
	}
	pf.deployments = append(pf.deployments, d)
	pf.depBy[d.id] = d
	return s.deploymentView(d), nil
}

func (s *Server) lookupDeployment(id string) (*deployment, *apiError) {
	d := s.st.plat.depBy[id]
	if d == nil || d.deleted {
		return nil, notFound("Deployment", id)
	}
	return d, nil
}

func (s *Server) listDeployments(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	now := s.st.clock()
	// name is a regular expression, unanchored, as the server's is.
	name, err := regexp.Compile(q.Get("name"))
	if err != nil {
		return nil, badRequest("%q is not a valid regular expression.", "name")
	}
	keep := func(d *deployment) bool {
		return !d.deleted && (q.Get("agentId") == "" || q.Get("agentId") == d.agentID) &&
			(q.Get("deploymentId") == "" || q.Get("deploymentId") == d.id) &&
			(q.Get("status") == "" || q.Get("status") == d.status(now)) &&
			name.MatchString(d.name)
	}
	items, info := newestPage(s.st.plat.deployments, keep, page, perPage)
	out := make([]deploymentJSON, 0, len(items))
	for _, d := range items {
		out = append(out, s.deploymentView(d))
	}
	return struct {
		PageInfo    pageInfo         `json:"pageInfo"`
		Deployments []deploymentJSON `json:"deployments"`
	}{info, out}, nil
}

type versionJSON struct {
	ID           string          `json:"id"`
	DeploymentID string          `json:"deploymentId"`
	AgentID      string          `json:"agentId"`
	Image        json.RawMessage `json:"image"`
	Region       string          `json:"region"`
	MinReplica   int             `json:"minReplica"`
	MaxReplica   int             `json:"maxReplica"`
	Status       string          `json:"status"`
	Active       bool            `json:"active"`
	VersionTag   string          `json:"versionTag,omitempty"`
}

func (s *Server) versionView(v *agentVersion) versionJSON {
	st := "inactive"
	switch {
	case v.active && s.st.clock().Before(v.activeAt):
		st = "deploying"
	case v.active:
		st = "active"
	}
	return versionJSON{ID: v.id, DeploymentID: v.deploymentID, AgentID: v.agentID, Image: v.image, Region: v.region,
		MinReplica: v.minReplica, MaxReplica: v.maxReplica, Status: st, Active: v.active, VersionTag: v.versionTag}
}

func (s *Server) latestVersion(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	d, e := s.lookupDeployment(pathID(r))
	if e != nil {
		return nil, e
	}
	if len(d.versions) == 0 {
		return nil, errorf(http.StatusNotFound, "Deployment %q has no version.", d.id)
	}
	return s.versionView(d.versions[len(d.versions)-1]), nil
}

func (s *Server) deploymentLogs(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	d, e := s.lookupDeployment(pathID(r))
	if e != nil {
		return nil, e
	}
	page, perPage, e := pageParams(r, 20)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	from, to, e := timeRange(q, "start", "end")
	if e != nil {
		return nil, e
	}
	if e := oneOfStr("sort", q.Get("sort"), "1", "-1"); e != nil {
		return nil, e
	}
	if from.IsZero() {
		from = s.st.clock().Add(-24 * time.Hour)
	}
	keep := func(l agentLogLine) bool {
		return !l.at.Before(from) && (to.IsZero() || !l.at.After(to)) &&
			(q.Get("versionId") == "" || q.Get("versionId") == l.versionID) &&
			(q.Get("roomId") == "" || q.Get("roomId") == l.roomID) &&
			(q.Get("sessionId") == "" || q.Get("sessionId") == l.sessionID) &&
			(q.Get("userId") == "" || q.Get("userId") == l.userID)
	}
	var items []agentLogLine
	var info pageInfo
	if q.Get("sort") == "1" {
		var kept []agentLogLine
		for _, l := range d.logs {
			if keep(l) {
				kept = append(kept, l)
			}
		}
		var from0, to0 int
		from0, to0, info = paginate(len(kept), page, perPage)
		items = kept[from0:to0]
	} else {
		items, info = newestPage(d.logs, keep, page, perPage)
	}
	type logJSON struct {
		Log       string `json:"log"`
		Timestamp string `json:"timestamp"`
	}
	out := make([]logJSON, 0, len(items))
	for _, l := range items {
		out = append(out, logJSON{Log: l.line, Timestamp: iso(l.at)})
	}
	return struct {
		PageInfo pageInfo  `json:"pageInfo"`
		Logs     []logJSON `json:"logs"`
	}{info, out}, nil
}

func (s *Server) deleteDeployment(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	d, e := s.lookupDeployment(pathID(r))
	if e != nil {
		return nil, e
	}
	var b struct {
		Force bool `json:"force"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if d.status(s.st.clock()) == "active" && !b.Force {
		return nil, badRequest("Deployment %q has an active version; stop it or pass force.", d.id)
	}
	d.deleted = true
	return messageAnswer{"Deployment deleted"}, nil
}

func (s *Server) createVersion(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	var b struct {
		AgentID      string          `json:"agentId"`
		DeploymentID string          `json:"deploymentId"`
		Image        json.RawMessage `json:"image"`
		Profile      string          `json:"profile"`
		MinReplica   *int            `json:"minReplica"`
		MaxReplica   *int            `json:"maxReplica"`
		Region       string          `json:"region"`
		VersionTag   string          `json:"versionTag"`
		Webhook      json.RawMessage `json:"webhook"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	for _, f := range [][2]string{{"agentId", b.AgentID}, {"deploymentId", b.DeploymentID}} {
		if e := need(f[0], f[1]); e != nil {
			return nil, e
		}
	}
	var img struct {
		ImageURL string `json:"imageUrl"`
	}
	if isNull(b.Image) || json.Unmarshal(b.Image, &img) != nil || strings.TrimSpace(img.ImageURL) == "" {
		return nil, badRequest("%q is required.", "image.imageUrl")
	}
	if e := oneOfStr("profile", b.Profile, "cpu-small", "cpu-medium", "cpu-large"); e != nil {
		return nil, e
	}
	lo, hi := 1, 1
	if b.MinReplica != nil {
		lo = *b.MinReplica
	}
	if b.MaxReplica != nil {
		hi = *b.MaxReplica
	}
	if hi < lo {
		hi = lo
	}
	if lo < 0 || hi > 50 || (b.MaxReplica != nil && *b.MaxReplica < lo) {
		return nil, badRequest("minReplica and maxReplica must satisfy 0 <= min <= max <= 50.")
	}
	d, e := s.lookupDeployment(b.DeploymentID)
	if e != nil {
		return nil, e
	}
	if d.agentID != b.AgentID {
		return nil, badRequest("agentId %q does not belong to deployment %q.", b.AgentID, d.id)
	}
	pf := &s.st.plat
	if pf.versionBy == nil {
		pf.versionBy = map[string]*agentVersion{}
	}
	now := s.st.clock()
	v := &agentVersion{id: s.st.objectID(), deploymentID: d.id, agentID: d.agentID, image: b.Image, region: cmp(b.Region, "us002"),
		profile: cmp(b.Profile, "cpu-small"), versionTag: b.VersionTag, minReplica: lo, maxReplica: hi,
		createdAt: now, activeAt: now.Add(deployDelay), webhook: b.Webhook}
	s.activate(d, v)
	d.versions = append(d.versions, v)
	pf.versionBy[v.id] = v
	return s.versionView(v), nil
}

// activate makes v the deployment's serving version (after deployDelay)
// and stops the others.
func (s *Server) activate(d *deployment, v *agentVersion) {
	now := s.st.clock()
	for _, o := range d.versions {
		if o != v && o.active {
			o.active = false
			d.addLog(agentLogLine{at: now, line: "version " + o.id + " stopped", versionID: o.id})
		}
	}
	if !v.active {
		v.active = true
		if v.activeAt.Before(now) {
			v.activeAt = now.Add(deployDelay)
		}
	}
	d.addLog(agentLogLine{at: now, line: "version " + v.id + " deploying", versionID: v.id})
}

func (s *Server) activateVersion(r *http.Request) (any, *apiError) {
	s.advancePlatform()
	v := s.st.plat.versionBy[pathID(r)]
	if v == nil {
		return nil, notFound("Version", pathID(r))
	}
	d, e := s.lookupDeployment(v.deploymentID)
	if e != nil {
		return nil, e
	}
	var b struct {
		Activate *bool `json:"activate"`
		Force    bool  `json:"force"`
	}
	if e := decode(r, &b); e != nil {
		return nil, e
	}
	if b.Activate == nil {
		return nil, badRequest("%q is required.", "activate")
	}
	if *b.Activate {
		s.activate(d, v)
		return messageAnswer{"Version activated"}, nil
	}
	if v.active {
		v.active = false
		d.addLog(agentLogLine{at: s.st.clock(), line: "version " + v.id + " stopped", versionID: v.id})
	}
	return messageAnswer{"Version deactivated"}, nil
}

// advanceDeployments logs versions that finished deploying.
func (s *Server) advanceDeployments() {
	now := s.st.clock()
	for _, d := range s.st.plat.deployments {
		for _, v := range d.versions {
			if v.active && !now.Before(v.activeAt) && !v.announced.Equal(v.activeAt) {
				v.announced = v.activeAt
				d.addLog(agentLogLine{at: v.activeAt, line: "version " + v.id + " active", versionID: v.id})
			}
		}
	}
}

// AgentParticipants returns the participant ids of the agents dispatched
// into a room (by roomId), in dispatch order.
func (s *Server) AgentParticipants(roomID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, j := range s.st.plat.jobs {
		if j.roomID == roomID && j.participantID != "" {
			out = append(out, j.participantID)
		}
	}
	return out
}
