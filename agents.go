package videosdk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AgentsService dispatches AI agents into rooms (SPEC-PLATFORM §16.1) and,
// through Deployments and Secrets, manages agents deployed to VideoSDK's
// Agent Cloud (§16.2).
type AgentsService struct {
	client *Client
	// Deployments creates, lists and deletes Agent Cloud deployments and
	// manages their versions and console logs.
	Deployments *AgentDeploymentsService
	// Secrets stores environment variables for deployed agents.
	Secrets *AgentSecretsService
}

// AgentDeploymentsService manages Agent Cloud deployments and their versions.
type AgentDeploymentsService service

// AgentSecretsService stores environment secrets for Agent Cloud deployments.
type AgentSecretsService service

// AgentRoomOptions are the room options of a dispatch (Node SDK
// roomOptions). Unset fields are not sent.
type AgentRoomOptions struct {
	// AutoEndSession ends the session when the last human participant leaves.
	AutoEndSession *bool `json:"autoEndSession,omitempty"`
	// SessionTimeoutSeconds bounds the agent's session.
	SessionTimeoutSeconds int   `json:"sessionTimeoutSeconds,omitempty"`
	Playground            *bool `json:"playground,omitempty"`
	Vision                *bool `json:"vision,omitempty"`
	// JoinMeeting false dispatches the agent without joining the meeting.
	JoinMeeting *bool `json:"joinMeeting,omitempty"`
}

// DispatchAgentParams is the body of Agents.Dispatch, Connect and
// GeneralDispatch.
type DispatchAgentParams struct {
	// AgentID is the deployed agent (required).
	AgentID string
	// RoomID is the room the agent joins (required). It is sent both as
	// meetingId and roomId, as the official Node SDK does.
	RoomID string
	// Metadata is passed to the agent, e.g.
	// {"variables": [{"name": "fname", "value": "john"}]}.
	Metadata map[string]any
	// VersionID picks a dashboard-managed version (default: the latest
	// deployed one). Required by GeneralDispatch.
	VersionID string
	// VersionTag picks a published no-code version (ignored by GeneralDispatch).
	VersionTag  string
	RoomOptions *AgentRoomOptions
	// SIPOptions, when set, also places an outbound SIP call; its keys are
	// undocumented and sent as given.
	SIPOptions map[string]any
	// Wait is forwarded to the agent registry as given (ignored by
	// GeneralDispatch); nil sends nothing.
	Wait any
}

// dispatchBody is DispatchAgentParams as sent.
type dispatchBody struct {
	AgentID     string            `json:"agentId"`
	MeetingID   string            `json:"meetingId"`
	RoomID      string            `json:"roomId"`
	Metadata    map[string]any    `json:"metadata,omitempty"`
	VersionID   string            `json:"versionId,omitempty"`
	VersionTag  string            `json:"versionTag,omitempty"`
	RoomOptions *AgentRoomOptions `json:"roomOptions,omitempty"`
	SIPOptions  map[string]any    `json:"sipOptions,omitempty"`
	Wait        any               `json:"wait,omitempty"`
}

func (p *DispatchAgentParams) body(general bool) (*dispatchBody, error) {
	if err := required("agentId", p.AgentID); err != nil {
		return nil, err
	}
	if err := required("roomId", p.RoomID); err != nil {
		return nil, err
	}
	if general {
		if err := required("versionId (GeneralDispatch)", p.VersionID); err != nil {
			return nil, err
		}
	}
	if o := p.RoomOptions; o != nil && o.SessionTimeoutSeconds < 0 {
		return nil, invalidParams("roomOptions.sessionTimeoutSeconds %d is negative", o.SessionTimeoutSeconds)
	}
	return &dispatchBody{
		AgentID: p.AgentID, MeetingID: p.RoomID, RoomID: p.RoomID, Metadata: p.Metadata,
		VersionID: p.VersionID, VersionTag: p.VersionTag, RoomOptions: p.RoomOptions,
		SIPOptions: p.SIPOptions, Wait: p.Wait,
	}, nil
}

// DispatchResult is the answer of a dispatch. Status values are
// undocumented: compare them as open strings.
type DispatchResult struct {
	Success  bool   `json:"success"`
	JobID    string `json:"jobId,omitempty"`
	Status   string `json:"status,omitempty"`
	WorkerID string `json:"workerId,omitempty"`
	RoomID   string `json:"roomId,omitempty"`
	AgentID  string `json:"agentId,omitempty"`
	// Cloud is the Agent Cloud part of the answer, kept as sent.
	Cloud json.RawMessage `json:"cloud,omitempty"`
	// Message is the sentence the API sends beside the result.
	Message string `json:"message,omitempty"`
}

// decodeAnswer unwraps "data" (§0.1) and keeps the outer "message".
func (d *DispatchResult) decodeAnswer(b []byte) error {
	if err := (&unwrapped[DispatchResult]{key: "data", out: d}).decodeAnswer(b); err != nil {
		return err
	}
	if d.Message == "" {
		raw, err := pickKey(b, "message")
		if err == nil && len(raw) > 0 && raw[0] == '"' {
			var m string
			if json.Unmarshal(raw, &m) == nil {
				d.Message = capText(m, maxPlatformMessage)
			}
		}
	}
	return nil
}

func (s *AgentsService) dispatch(ctx context.Context, path string, p DispatchAgentParams, general bool) (*DispatchResult, error) {
	body, err := p.body(general)
	if err != nil {
		return nil, err
	}
	out := new(DispatchResult)
	if err := s.client.do(ctx, "POST", path, nil, body, out); err != nil {
		return nil, err
	}
	setIfEmpty(&out.RoomID, p.RoomID)
	return out, nil
}

// Dispatch sends an agent into a room: a worker starts a job that joins the
// room as a participant. Like every POST it is never retried once it may
// have reached the server.
//
// API: POST /v2/agent/dispatch
func (s *AgentsService) Dispatch(ctx context.Context, p DispatchAgentParams) (*DispatchResult, error) {
	return s.dispatch(ctx, "/v2/agent/dispatch", p, false)
}

// Connect is the Node SDK's alias of Dispatch, on its own path.
//
// API: POST /v2/agent/connect
func (s *AgentsService) Connect(ctx context.Context, p DispatchAgentParams) (*DispatchResult, error) {
	return s.dispatch(ctx, "/v2/agent/connect", p, false)
}

// GeneralDispatch dispatches a managed (low-code) agent; VersionID is
// required.
//
// API: POST /v2/agent/general/dispatch
func (s *AgentsService) GeneralDispatch(ctx context.Context, p DispatchAgentParams) (*DispatchResult, error) {
	return s.dispatch(ctx, "/v2/agent/general/dispatch", p, true)
}

// ---- Agent Cloud ----

// AgentDeployment is an Agent Cloud deployment. Status is an open string.
type AgentDeployment struct {
	ID        string `json:"id"`
	AgentID   string `json:"agentId,omitempty"`
	Name      string `json:"name,omitempty"`
	Template  string `json:"template,omitempty"`
	Status    string `json:"status,omitempty"`
	EnvSecret string `json:"envSecret,omitempty"`
}

func (d *AgentDeployment) validResponse() error {
	if d.ID == "" {
		return errMissingID("deployment")
	}
	return nil
}

// errMissingID is the error of an answer that lacks the id of what it
// describes.
func errMissingID(what string) error { return fmt.Errorf("%s answer has no id", what) }

// AgentVersion is a version of a deployment: an image run with a profile.
type AgentVersion struct {
	ID           string `json:"id"`
	DeploymentID string `json:"deploymentId,omitempty"`
	AgentID      string `json:"agentId,omitempty"`
	Name         string `json:"name,omitempty"`
	// Image is a string or an object, kept as sent.
	Image      json.RawMessage `json:"image,omitempty"`
	Region     string          `json:"region,omitempty"`
	MinReplica int             `json:"minReplica,omitempty"`
	MaxReplica int             `json:"maxReplica,omitempty"`
	Status     string          `json:"status,omitempty"`
	// Active is true for the version the deployment serves.
	Active     bool   `json:"active"`
	VersionTag string `json:"versionTag,omitempty"`
}

func (v *AgentVersion) validResponse() error {
	if v.ID == "" {
		return errMissingID("version")
	}
	return nil
}

// AgentLog is one console log line of a deployment.
type AgentLog struct {
	Log       string          `json:"log"`
	Timestamp string          `json:"timestamp,omitempty"`
	Metadata  json.RawMessage `json:"metadata,omitempty"`
}

// AgentSecret is a stored secret: its id is what CreateDeploymentParams.EnvSecret takes.
type AgentSecret struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

func (s *AgentSecret) validResponse() error {
	if s.ID == "" {
		return errMissingID("secret")
	}
	return nil
}

// CreateAgentSecretParams is the body of Agents.Secrets.Create. Its
// values are secrets: %v of the params prints only the key names.
type CreateAgentSecretParams struct {
	Name string `json:"name"`
	// Keys maps environment variable names to values.
	Keys map[string]string `json:"keys"`
	// Type defaults to "NORMAL".
	Type string `json:"type"`
}

// Format prints the params without the secret values.
func (p CreateAgentSecretParams) Format(f fmt.State, _ rune) {
	names := make([]string, 0, len(p.Keys))
	for k := range p.Keys {
		names = append(names, k)
	}
	sort.Strings(names)
	_, _ = io.WriteString(f, "{Name:"+p.Name+" Keys:["+strings.Join(names, " ")+"] (values redacted) Type:"+p.Type+"}")
}

// Create stores a secret for deployments (SPEC-PLATFORM §16.2).
//
// API: POST /ai/v1/cloud/secrets
func (s *AgentSecretsService) Create(ctx context.Context, p CreateAgentSecretParams) (*AgentSecret, error) {
	if err := required("name", p.Name); err != nil {
		return nil, err
	}
	if len(p.Keys) == 0 {
		return nil, invalidParams("keys is empty")
	}
	for k := range p.Keys {
		if strings.TrimSpace(k) == "" {
			return nil, invalidParams("keys contains an empty name")
		}
	}
	if p.Type == "" {
		p.Type = "NORMAL"
	}
	return callUnwrapped[AgentSecret](ctx, s.client, "POST", "/ai/v1/cloud/secrets", nil, p, "data")
}

// CreateDeploymentParams is the body of Agents.Deployments.Create.
type CreateDeploymentParams struct {
	Name string `json:"name"`
	// AgentID is generated by the server when empty.
	AgentID string `json:"agentId,omitempty"`
	// EnvSecret is the id of a secret from Agents.Secrets.Create.
	EnvSecret string `json:"envSecret,omitempty"`
}

// Create creates a deployment; deploy an image with CreateVersion.
//
// API: POST /ai/v1/cloud/deployments
func (s *AgentDeploymentsService) Create(ctx context.Context, p CreateDeploymentParams) (*AgentDeployment, error) {
	if err := required("name", p.Name); err != nil {
		return nil, err
	}
	return callUnwrapped[AgentDeployment](ctx, s.client, "POST", "/ai/v1/cloud/deployments", nil, p, "data")
}

// ListDeploymentsParams filters Agents.Deployments.List.
type ListDeploymentsParams struct {
	ListOptions
	AgentID string
	// Name is matched as a regular expression by the server.
	Name         string
	Status       string
	DeploymentID string
}

func (p ListDeploymentsParams) values() url.Values {
	v := p.ListOptions.values(nil)
	v = setQuery(v, "agentId", p.AgentID)
	v = setQuery(v, "name", p.Name)
	v = setQuery(v, "status", p.Status)
	return setQuery(v, "deploymentId", p.DeploymentID)
}

// List returns one page of deployments (item key "deployments").
//
// API: GET /ai/v1/cloud/deployments
func (s *AgentDeploymentsService) List(ctx context.Context, p ListDeploymentsParams) (*Page[AgentDeployment], error) {
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	return listUnwrapped[AgentDeployment](ctx, s.client, "/ai/v1/cloud/deployments", p.values(), "deployments")
}

// All iterates over every deployment, fetching pages lazily.
//
// API: GET /ai/v1/cloud/deployments
func (s *AgentDeploymentsService) All(ctx context.Context, p ListDeploymentsParams) iter.Seq2[AgentDeployment, error] {
	return autoPage(ctx, p.Page, func(ctx context.Context, page int) (*Page[AgentDeployment], error) {
		q := p
		q.Page = page
		return s.List(ctx, q)
	})
}

// Get returns one deployment. The API has no get-by-id: like the official
// Node SDK this lists with a deploymentId filter, and an empty list is an
// *APIError matching ErrNotFound.
//
// API: GET /ai/v1/cloud/deployments
func (s *AgentDeploymentsService) Get(ctx context.Context, deploymentID string) (*AgentDeployment, error) {
	if err := checkPathArg("deploymentId", deploymentID); err != nil {
		return nil, err
	}
	page, err := s.List(ctx, ListDeploymentsParams{ListOptions: ListOptions{PerPage: 1}, DeploymentID: deploymentID})
	if err != nil {
		return nil, err
	}
	for i := range page.Data {
		if page.Data[i].ID == deploymentID {
			return &page.Data[i], nil
		}
	}
	return nil, notFoundError("GET", "/ai/v1/cloud/deployments", "deployment "+strconv.Quote(deploymentID))
}

// LatestVersion returns the deployment's latest version.
//
// API: GET /ai/v1/cloud/deployments/{deploymentId}/latest
func (s *AgentDeploymentsService) LatestVersion(ctx context.Context, deploymentID string) (*AgentVersion, error) {
	path, err := pathf("/ai/v1/cloud/deployments/%s/latest", []string{"deploymentId"}, deploymentID)
	if err != nil {
		return nil, err
	}
	return callUnwrapped[AgentVersion](ctx, s.client, "GET", path, nil, nil, "data")
}

// AgentLogsParams filters Agents.Deployments.Logs. The server's default
// window is the last 24 hours.
type AgentLogsParams struct {
	ListOptions
	AgentID, VersionID, SessionID, UserID, RoomID string
	// Start and End bound the window (sent as ISO 8601).
	Start, End time.Time
	// Oldest sorts oldest first (sort=1); the default is newest first.
	Oldest bool
}

// Logs returns one page of a deployment's console logs (item key "logs").
//
// API: GET /ai/v1/cloud/deployments/{deploymentId}/console-logs
func (s *AgentDeploymentsService) Logs(ctx context.Context, deploymentID string, p AgentLogsParams) (*Page[AgentLog], error) {
	path, err := pathf("/ai/v1/cloud/deployments/%s/console-logs", []string{"deploymentId"}, deploymentID)
	if err != nil {
		return nil, err
	}
	if err := p.ListOptions.check(); err != nil {
		return nil, err
	}
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		return nil, invalidParams("end %v is before start %v", p.End, p.Start)
	}
	v := p.ListOptions.values(nil)
	v = setQuery(v, "agentId", p.AgentID)
	v = setQuery(v, "versionId", p.VersionID)
	v = setQuery(v, "sessionId", p.SessionID)
	v = setQuery(v, "userId", p.UserID)
	v = setQuery(v, "roomId", p.RoomID)
	if !p.Start.IsZero() {
		v = setQuery(v, "start", p.Start.UTC().Format(time.RFC3339Nano))
	}
	if !p.End.IsZero() {
		v = setQuery(v, "end", p.End.UTC().Format(time.RFC3339Nano))
	}
	if p.Oldest {
		v = setQuery(v, "sort", "1")
	}
	return listUnwrapped[AgentLog](ctx, s.client, path, v, "logs")
}

// Delete soft-deletes a deployment (a POST, not a DELETE, on this API);
// force deletes it while versions are running.
//
// API: POST /ai/v1/cloud/deployments/{deploymentId}/delete
func (s *AgentDeploymentsService) Delete(ctx context.Context, deploymentID string, force bool) (*MessageResponse, error) {
	path, err := pathf("/ai/v1/cloud/deployments/%s/delete", []string{"deploymentId"}, deploymentID)
	if err != nil {
		return nil, err
	}
	body := struct {
		Force bool `json:"force,omitempty"`
	}{force}
	return callMessage(ctx, s.client, "POST", path, nil, body)
}

// AgentProfile is the compute profile of a version.
type AgentProfile string

// Agent profiles.
const (
	AgentProfileCPUSmall  AgentProfile = "cpu-small"
	AgentProfileCPUMedium AgentProfile = "cpu-medium"
	AgentProfileCPULarge  AgentProfile = "cpu-large"
)

// AgentImageType says where a version's image comes from.
type AgentImageType string

// Image types.
const (
	AgentImagePublic  AgentImageType = "public"
	AgentImagePrivate AgentImageType = "private"
	AgentImageManaged AgentImageType = "managed"
)

// AgentImage is the container image of a version.
type AgentImage struct {
	// URL is the image reference, e.g. "docker.io/acme/agent:1.2".
	URL string `json:"imageUrl"`
	// Registry (imageCR) defaults, as in the Node SDK, to the first path
	// segment of URL when it holds a "." or ":", else "docker.io".
	Registry string `json:"imageCR"`
	// Type defaults to private when PullSecret is set, else public.
	Type AgentImageType `json:"imageType"`
	// PullSecret is the id of a registry credential secret.
	PullSecret string `json:"imagePullSecret,omitempty"`
}

// AgentVersionWebhook receives the version's agent-session-* events.
type AgentVersionWebhook struct {
	EndPoint string             `json:"endPoint"`
	Events   []WebhookEventType `json:"events,omitempty"`
}

// CreateVersionParams is the body of Agents.Deployments.CreateVersion.
type CreateVersionParams struct {
	AgentID      string     `json:"agentId"`
	DeploymentID string     `json:"deploymentId"`
	Image        AgentImage `json:"image"`
	// Profile defaults to cpu-small.
	Profile AgentProfile `json:"profile"`
	// MinReplica and MaxReplica bound the replicas (MaxReplica at most 50
	// and not below MinReplica; out-of-range values are refused, not clamped).
	MinReplica *int `json:"minReplica,omitempty"`
	MaxReplica *int `json:"maxReplica,omitempty"`
	// Region defaults to us002 on the server.
	Region     string               `json:"region,omitempty"`
	VersionTag string               `json:"versionTag,omitempty"`
	Webhook    *AgentVersionWebhook `json:"webhook,omitempty"`
}

// maxAgentReplicas is the documented upper bound of maxReplica.
const maxAgentReplicas = 50

func (p *CreateVersionParams) prepare() error {
	if err := required("agentId", p.AgentID); err != nil {
		return err
	}
	if err := required("deploymentId", p.DeploymentID); err != nil {
		return err
	}
	if err := required("image.imageUrl", p.Image.URL); err != nil {
		return err
	}
	if p.Profile == "" {
		p.Profile = AgentProfileCPUSmall
	}
	if err := oneOf("profile", p.Profile, AgentProfileCPUSmall, AgentProfileCPUMedium, AgentProfileCPULarge); err != nil {
		return err
	}
	if err := oneOf("image.imageType", p.Image.Type, AgentImagePublic, AgentImagePrivate, AgentImageManaged); err != nil {
		return err
	}
	if p.Image.Registry == "" {
		p.Image.Registry = imageRegistry(p.Image.URL)
	}
	if p.Image.Type == "" {
		p.Image.Type = AgentImagePublic
		if p.Image.PullSecret != "" {
			p.Image.Type = AgentImagePrivate
		}
	}
	lo, hi := 0, maxAgentReplicas
	if p.MinReplica != nil {
		lo = *p.MinReplica
		if lo < 0 || lo > maxAgentReplicas {
			return invalidParams("minReplica %d out of range 0..%d", lo, maxAgentReplicas)
		}
	}
	if p.MaxReplica != nil {
		hi = *p.MaxReplica
		if hi < 1 || hi > maxAgentReplicas {
			return invalidParams("maxReplica %d out of range 1..%d", hi, maxAgentReplicas)
		}
	}
	if hi < lo {
		return invalidParams("maxReplica %d is below minReplica %d", hi, lo)
	}
	if w := p.Webhook; w != nil {
		if err := checkURL("webhook.endPoint", w.EndPoint, true); err != nil {
			return err
		}
	}
	return nil
}

// imageRegistry derives imageCR from an image reference as the Node SDK does.
func imageRegistry(ref string) string {
	first, _, found := strings.Cut(ref, "/")
	if found && strings.ContainsAny(first, ".:") {
		return first
	}
	return "docker.io"
}

// CreateVersion deploys an image as a new version of a deployment; the
// new version is activated.
//
// API: POST /ai/v1/cloud/versions
func (s *AgentDeploymentsService) CreateVersion(ctx context.Context, p CreateVersionParams) (*AgentVersion, error) {
	if err := p.prepare(); err != nil {
		return nil, err
	}
	return callUnwrapped[AgentVersion](ctx, s.client, "POST", "/ai/v1/cloud/versions", nil, p, "data")
}

// ActivateVersion rolls the deployment onto a version (activate true) or
// stops it (false); force skips the server's safety checks.
//
// API: PUT /ai/v1/cloud/versions/{versionId}/activate
func (s *AgentDeploymentsService) ActivateVersion(ctx context.Context, versionID string, activate, force bool) (*MessageResponse, error) {
	path, err := pathf("/ai/v1/cloud/versions/%s/activate", []string{"versionId"}, versionID)
	if err != nil {
		return nil, err
	}
	body := struct {
		Activate bool `json:"activate"`
		Force    bool `json:"force,omitempty"`
	}{activate, force}
	return callMessage(ctx, s.client, "PUT", path, nil, body)
}
