package videosdktest

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/videosdk-go/videosdk"
)

// platformState is the fake's store for the platform products
// (SPEC-PLATFORM §16–§21). It lives in state and, like all of it, is
// accessed with Server.mu held. Maps are made on first use.
type platformState struct {
	// agents.go
	jobs        []*agentJob
	deployments []*deployment
	depBy       map[string]*deployment
	versionBy   map[string]*agentVersion
	secrets     map[string]*agentSecret
	// batch_calls.go
	batches  []*batchCall
	batchBy  map[string]*batchCall
	uploadBy map[string]*batchCall // presigned upload key → batch
	// connectors.go
	connectors  []*connector
	connectorBy map[string]*connector
	// ingest.go
	sockets []*ingestSocket
	// resource_pool.go
	units    []*resourceUnit
	unitBy   map[string]*resourceUnit
	capacity int // 0: defaultResourceCapacity
	// alerts.go
	rules      []*alertRule
	ruleBy     map[string]*alertRule
	channels   []*channel
	channelBy  map[string]*channel
	tests      []ChannelTest
	incidents  []*incident
	incidentBy map[string]*incident
}

// platformEndpoints lists the routes of the platform products; endpoints()
// appends them.
func (s *Server) platformEndpoints() []route {
	return []route{
		{"POST /v2/agent/dispatch", s.dispatchAgent},
		{"POST /v2/agent/connect", s.dispatchAgent},
		{"POST /v2/agent/general/dispatch", s.generalDispatch},
		{"POST /ai/v1/cloud/secrets", s.createSecret},
		{"POST /ai/v1/cloud/deployments", s.createDeployment},
		{"GET /ai/v1/cloud/deployments", s.listDeployments},
		{"GET /ai/v1/cloud/deployments/{id}/latest", s.latestVersion},
		{"GET /ai/v1/cloud/deployments/{id}/console-logs", s.deploymentLogs},
		{"POST /ai/v1/cloud/deployments/{id}/delete", s.deleteDeployment},
		{"POST /ai/v1/cloud/versions", s.createVersion},
		{"PUT /ai/v1/cloud/versions/{id}/activate", s.activateVersion},

		{"POST /v2/batch-calls/upload", s.uploadBatch},
		{"POST /v2/batch-calls/parse", s.parseBatch},
		{"POST /v2/batch-calls", s.createBatch},
		{"GET /v2/batch-calls", s.listBatches},
		{"GET /v2/batch-calls/{id}", s.getBatch},
		{"PUT /v2/batch-calls/{id}", s.updateBatch},
		{"DELETE /v2/batch-calls/{id}", s.deleteBatch},
		{"POST /v2/batch-calls/{id}/cancel", s.cancelBatch},
		{"GET /v2/batch-calls/{id}/stats", s.batchStats},
		{"GET /v2/batch-calls/{id}/records", s.listRecords},
		{"PUT /v2/batch-calls/{id}/records/{recordId}", s.updateRecord},
		{"DELETE /v2/batch-calls/{id}/records", s.deleteRecords},
		{"GET /v2/batch-calls/{id}/records/export", s.exportRecords},

		{"POST /v2/connectors", s.createConnector},
		{"GET /v2/connectors", s.listConnectors},
		{"GET /v2/connectors/{id}", s.getConnector},
		{"POST /v2/connectors/{id}/rotate-key", s.rotateConnector},
		{"DELETE /v2/connectors/{id}", s.deleteConnector},

		{"POST /v2/whip", s.whipPublish},
		{"DELETE /v2/whip/sessions/{sessionId}", s.endSDPSession},
		{"POST /v2/whep", s.whepPlay},
		{"DELETE /v2/whep/sessions/{sessionId}", s.endSDPSession},
		{"POST /v2/ingest/sessions", s.createIngestSocket},

		{"GET /v2/resource", s.listUnits},
		{"GET /v2/resource/{id}", s.getUnit},
		{"POST /v2/resource/acquire", s.acquireUnits},
		{"POST /v2/resource/release", s.releaseUnits},

		{"POST /v2/alertRules", s.createAlertRule},
		{"GET /v2/alertRules", s.listAlertRules},
		{"GET /v2/alertRules/{id}", s.getAlertRule},
		{"PUT /v2/alertRules/{id}", s.updateAlertRule},
		{"DELETE /v2/alertRules/{id}", s.deleteAlertRule},
		{"POST /v2/alertRules/notification-channel", s.createChannel},
		{"POST /v2/alertRules/notification-channel/test", s.testChannel},
		{"GET /v2/alertRules/notification-channel", s.listChannels},
		{"GET /v2/alertRules/notification-channel/{id}", s.getChannel},
		{"PUT /v2/alertRules/notification-channel/{id}", s.updateChannel},
		{"DELETE /v2/alertRules/notification-channel/{id}", s.deleteChannel},
		{"GET /v2/alertRules/metrics/catalog", s.metricsCatalog},
		{"GET /v2/alertRules/metrics/models", s.metricsModels},
		{"GET /v2/alertRules/metrics", s.metricsQuery},
		{"GET /v2/alertRules/metrics/participantCount", s.metricsParticipantCount},
		{"GET /v2/incidents", s.listIncidents},
		{"GET /v2/incidents/{id}", s.getIncident},
		{"PUT /v2/incidents/{id}/acknowledge", s.acknowledgeIncident},
		{"PUT /v2/incidents/{id}/resolve", s.resolveIncident},
		{"DELETE /v2/incidents/{id}", s.deleteIncident},
	}
}

// rawAnswer is a handler's answer that is not JSON, or not 200: buildMux
// writes it as it is.
type rawAnswer struct {
	status      int
	contentType string
	location    string
	body        []byte
}

func (a *rawAnswer) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	if a.location != "" {
		w.Header().Set("Location", a.location)
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// isSDP reports a request whose body is an SDP offer (WHIP, WHEP).
func isSDP(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/sdp"
}

// messageAnswer is the {"message": …} answer of deletes and actions.
type messageAnswer struct {
	Message string `json:"message"`
}

// dataAnswer is the {"data": …} envelope of the products that wrap.
type dataAnswer struct {
	Data any `json:"data"`
}

// oneOfStr refuses v when it is set and not one of allowed.
func oneOfStr(field, v string, allowed ...string) *apiError {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return badRequest("%q must be one of %s.", field, strings.Join(allowed, ", "))
}

// emitProduct queues a platform webhook ({"webhookType", "data"}) for url.
// Their payloads are undocumented: data is what the product's own GET
// answers (the fake's choice, see the package doc).
func (s *Server) emitProduct(url string, typ videosdk.WebhookEventType, data any) {
	if url == "" {
		return
	}
	body, err := json.Marshal(struct {
		WebhookType videosdk.WebhookEventType `json:"webhookType"`
		Data        any                       `json:"data"`
	}{typ, data})
	if err != nil {
		return
	}
	s.hooks.enqueue(Delivery{URL: url, Type: typ, Body: body})
}

// advancePlatform moves what runs on the fake's clock (deployments,
// batch calls, resource units) to the state due now, queueing their
// webhooks. The handlers of those products call it first, and
// FlushWebhooks calls it (through settleDue).
func (s *Server) advancePlatform() {
	s.advanceDeployments()
	s.advanceBatches()
	s.advanceUnits()
}

// pathID is r's {id} path value.
func pathID(r *http.Request) string { return r.PathValue("id") }
