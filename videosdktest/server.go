// Package videosdktest is an in-process fake of the VideoSDK v2 REST API for
// testing code that uses package videosdk, with no VideoSDK account and no
// network access.
//
// A [Server] listens on 127.0.0.1 only (unless given a listener with
// [WithListener]). It keeps rooms, sessions, participants, recordings
// (meeting, participant, track and composite), merges, RTMP livestreams, HLS
// streams, transcodings and post and realtime transcriptions in memory and
// answers with the response shapes (and quirks) of the real API. It checks
// tokens like the real service, lets a test drive what a real meeting would
// do (start a session, join and leave participants), sends signed webhooks
// like the real service, and injects failures (an error
// status, a Retry-After header, a dropped connection, latency) to exercise
// retry and error paths.
//
//	srv := videosdktest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//	room, _ := client.Rooms.Create(ctx, videosdk.CreateRoomParams{})
//	srv.Join(room.RoomID, "Asha") // starts a live session with one participant
//
// NewServer needs no *testing.T, so the fake also works in plain programs
// (examples/quickstart uses it when no credentials are set).
//
// # What it serves
//
// Every path below (with {…} an id) answers the methods listed beside it:
//
//   - /v2/rooms: GET, POST; /v2/rooms/{roomId}: GET;
//     /v2/rooms/validate/{roomId}: GET; /v2/rooms/deactivate: POST.
//   - /v2/sessions: GET; /v2/sessions/{sessionId}: GET;
//     /v2/sessions/{sessionId}/participants: GET;
//     /v2/sessions/{sessionId}/participants/active: GET;
//     /v2/sessions/{sessionId}/participants/{participantId}: GET;
//     /v2/sessions/{sessionId}/stats: GET;
//     /v2/sessions/{sessionId}/participant/{participantId}/stats: GET;
//     /v2/sessions/end: POST; /v2/sessions/participants/remove: POST.
//   - /v2/recordings/start: POST; /v2/recordings/end: POST;
//     /v2/recordings: GET; /v2/recordings/{id}: GET, DELETE.
//   - /v2/recordings/participant/start: POST;
//     /v2/recordings/participant/stop: POST;
//     /v2/recordings/participant: GET;
//     /v2/recordings/participant/{id}: GET, DELETE.
//   - /v2/recordings/participant/track/start: POST;
//     /v2/recordings/participant/track/stop: POST;
//     /v2/recordings/participant/track: GET;
//     /v2/recordings/participant/track/{id}: GET, DELETE.
//   - /v2/recordings/participant/merge: GET, POST;
//     /v2/recordings/participant/merge/{mergeId}: GET.
//   - /v2/livestreams/start: POST; /v2/livestreams/end: POST;
//     /v2/livestreams: GET; /v2/livestreams/{id}: GET.
//   - /v2/hls/start: POST; /v2/hls/end: POST; /v2/hls/capture: POST;
//     /v2/hls: GET; /v2/hls/{id}: GET, DELETE; /v2/hls/{roomId}/active: GET.
//   - /v2/recordings/composite/start: POST;
//     /v2/recordings/composite/stop: POST;
//     /v2/recordings/composite: GET;
//     /v2/recordings/composite/{id}: GET, DELETE.
//   - /v2/transcodings/merge: POST; /v2/transcodings/hls-to-mp4: POST;
//     /v2/transcodings/meeting-recording-merge: POST;
//     /v2/transcodings: GET; /v2/transcodings/{id}: GET;
//     /v2/transcodings/{id}/cancel: POST.
//   - /ai/v1/post-transcriptions: GET; /ai/v1/post-transcriptions/{id}: GET.
//   - /ai/v1/realtime-transcriptions/start: POST;
//     /ai/v1/realtime-transcriptions/end: POST;
//     /ai/v1/realtime-transcriptions: GET;
//     /ai/v1/realtime-transcriptions/{id}: GET.
//   - SIP (see "SIP telephony" below): /v2/sip/inbound-gateways: GET, POST;
//     /v2/sip/inbound-gateways/{gatewayId}: GET, PATCH, DELETE;
//     /v2/sip/outbound-gateways: GET, POST;
//     /v2/sip/outbound-gateways/{gatewayId}: GET, PATCH, PUT, DELETE;
//     /v2/sip/routing-rule: GET, POST; /v2/sip/routing-rule/{ruleId}: GET, PATCH, DELETE;
//     /v2/sip/routing-rules: GET, POST; /v2/sip/routing-rules/{ruleId}: GET, PATCH, DELETE;
//     /v2/sip/phone-numbers: GET, POST; /v2/sip/phone-numbers/{e164}: GET;
//     /v2/sip/phone-numbers/detach: POST;
//     /v2/sip/phone-numbers/gateways/{gatewayId}: PATCH;
//     /v2/sip/phone-numbers/{phoneNumberId}/release: POST;
//     /v2/sip/call: GET, POST; /v2/sip/call/{callId}: GET;
//     /v2/sip/call/transfer: POST; /v2/sip/call/end: POST;
//     /v2/sip/call/switch-room: POST;
//     /v2/sip/webhooks: GET, POST; /v2/sip/webhooks/{webhookId}: GET, PATCH, DELETE.
//   - The platform products (SPEC-PLATFORM §16–§21; see "Platform
//     products" below): /v2/agent/dispatch: POST; /v2/agent/connect: POST;
//     /v2/agent/general/dispatch: POST; /ai/v1/cloud/secrets: POST;
//     /ai/v1/cloud/deployments: GET, POST;
//     /ai/v1/cloud/deployments/{id}/latest: GET;
//     /ai/v1/cloud/deployments/{id}/console-logs: GET;
//     /ai/v1/cloud/deployments/{id}/delete: POST;
//     /ai/v1/cloud/versions: POST; /ai/v1/cloud/versions/{id}/activate: PUT.
//   - /v2/batch-calls: GET, POST; /v2/batch-calls/upload: POST;
//     /v2/batch-calls/parse: POST; /v2/batch-calls/{id}: GET, PUT, DELETE;
//     /v2/batch-calls/{id}/cancel: POST; /v2/batch-calls/{id}/stats: GET;
//     /v2/batch-calls/{id}/records: GET, DELETE;
//     /v2/batch-calls/{id}/records/{recordId}: PUT;
//     /v2/batch-calls/{id}/records/export: GET.
//   - /v2/connectors: GET, POST; /v2/connectors/{id}: GET, DELETE;
//     /v2/connectors/{id}/rotate-key: POST.
//   - /v2/whip: POST; /v2/whip/sessions/{sessionId}: DELETE; /v2/whep: POST;
//     /v2/whep/sessions/{sessionId}: DELETE; /v2/ingest/sessions: POST.
//   - /v2/resource: GET; /v2/resource/{id}: GET; /v2/resource/acquire: POST;
//     /v2/resource/release: POST.
//   - /v2/alertRules: GET, POST; /v2/alertRules/{id}: GET, PUT, DELETE;
//     /v2/alertRules/notification-channel: GET, POST;
//     /v2/alertRules/notification-channel/test: POST;
//     /v2/alertRules/notification-channel/{id}: GET, PUT, DELETE;
//     /v2/alertRules/metrics: GET; /v2/alertRules/metrics/catalog: GET;
//     /v2/alertRules/metrics/models: GET;
//     /v2/alertRules/metrics/participantCount: GET.
//   - /v2/incidents: GET; /v2/incidents/{id}: GET, DELETE;
//     /v2/incidents/{id}/acknowledge: PUT; /v2/incidents/{id}/resolve: PUT.
//   - /v2/public/rsa-public-key: GET, without a token as on the real API:
//     the public key of the fake's webhook signatures.
//   - /cdn/…: GET, HEAD, without a token: placeholder content for the file,
//     playlist, thumbnail and chat URLs the fake hands out.
//
// Anything else, and a known path with another method, is answered 404, as
// the real API does.
//
// # Fidelity
//
// A test that passes against the fake must not fail in production for a
// reason we could know. So:
//
//  1. Answers: the fake answers the documented shape and adds only fields
//     the docs or the official SDKs' published types list — no field, id
//     format or state a test could come to depend on that production does
//     not promise. Where two sources disagree about an answer, it answers
//     what both promise (or their union, when a reader of either must keep
//     working), and says so below. TestFidelityToTheDocumentedExamples holds
//     every answer to the documented examples (../testdata) plus a
//     commented allowlist of documented fields.
//  2. Requests: it accepts every request the docs show and refuses what the
//     docs say is refused. A rule no source states is not enforced with a
//     precise status a test could assert on; where the fake must pick a
//     status for a business error or a timing for a state machine, it is
//     listed below as the fake's choice.
//  3. Errors: an error body is {"message": "…"} and nothing else. Classify
//     errors with errors.Is and videosdk's sentinels (by status).
//
// # Behaviour
//
//   - Authentication: every /v2 and /ai/v1 request but the public key must
//     carry Authorization: <JWT> (the raw token, no "Bearer "), HS256-signed
//     with [Server.Secret], unexpired, for [Server.APIKey], with the
//     documented rules (claim names exact): permissions is mandatory (a
//     missing or empty list gets 401); no roles is unrestricted, roles
//     without crawler (role values in any case: CRAWLER is the legacy
//     docs' spelling) get 403, and roles, roomId or participantId without
//     version 2 (or "2") get 401, as does anything else.
//   - Errors have a JSON body {"message": …} and nothing else: no VideoSDK
//     page documents an error body or a machine code, so the fake invents
//     none (classify errors with errors.Is and the SDK's sentinels, which go
//     by status). Documented refusals: missing or invalid fields 400, unknown
//     ids 404 (validate of an unknown room: 400 "Room not found.";
//     deactivate with a customRoomId: 402), cancelling a transcoding that is
//     no longer pending or processing 409, a composite merge of the same
//     recordings as a job still running 409. The statuses of the other
//     business errors are THE FAKE'S CHOICE, since no source states them:
//     starting anything without a live session 400; starting what is already
//     running in the room (a recording, livestream, HLS stream, realtime
//     transcription, the same participant's recording or track) 409;
//     stopping with nothing running (or an id that is not running) 400;
//     deleting a job that still runs 409; ending a session that has ended
//     400. A test should not assert on these statuses beyond "the call
//     failed". Unknown paths, and unclean ones such as //v2/rooms or
//     /v2/rooms/.., get 404, never a redirect.
//   - Input is checked with the rules the SDK applies before sending, from
//     one shared place: a composition config (a layout needs a priority for
//     HLS and RTMP, quality, theme or orientation need a layout, gridSize is
//     1..25, enums), a room's autoStartConfig and autoCloseConfig, list
//     filters, thumbnail sizes (at most 3840 a side). A call the SDK refuses
//     with ErrInvalidParams is answered 400 here.
//   - Recordings, participant, track and composite recordings, livestreams,
//     HLS and realtime transcriptions start only while the room has a live
//     session; stopping them (or ending the session) turns them into finished
//     items with files and URLs. A meeting, participant or track recording
//     or livestream start answers the JSON string the API reference
//     documents (e.g. "Recording start accepted") and nothing else, as the
//     official Node SDK types it: use FindStarted (videosdk) to find the job
//     it started. Several composite recordings may run in one room; their
//     start answers {"recordingId","roomId","sessionId"}, the shape the
//     official Node SDK reads, and their stop needs the recordingId. One
//     realtime transcription runs per room, until stopped or until the
//     session ends. Merges are "running" in the create answer.
//   - Every API answer carries a Date header from the fake's clock (see
//     WithClock), as a real server's comes from its own: FindStarted reads it
//     to compare the client's clock with the server's, so it also works
//     against a fake whose clock is far from the real time.
//   - A recording, HLS stream or livestream started with transcription
//     enabled (in the start call or the room's autoStartConfig) leaves a post
//     transcription when it ends, "completed" with its json, srt, txt, tsv
//     and vtt files (and a summary when asked for). GET /v2/recordings with
//     withTranscription=true adds it to its recording under "transcription".
//   - Transcodings (composite merge, HLS to MP4, meeting-recording merge)
//     are "pending" in the create answer, then "processing", then
//     "completed" with an MP4 file. Cancel works while pending or processing
//     (409 otherwise, as documented); a composite merge of the same
//     recordings as a job still pending or processing is a 409.
//   - Background work takes time, as on the real service: a stopped
//     recording gets its file, and a merge, a post transcription or a
//     transcoding completes, 500 ms after it began on the server's clock by
//     default (the fake's choice; WithProcessingDelay changes it), stamped
//     at the time it was due whenever a request next looks. So the
//     documented create-then-cancel of a transcoding answers 200
//     "cancelled" on a default fake, and a waiter of Server.Client (which
//     polls every few milliseconds) returns well under a second later. Drive
//     the clock with WithClock to step through these lifecycles. Jobs fail
//     only when FailJob says so.
//   - Lists honour page and perPage and answer a real pageInfo. Newest items
//     come first.
//   - File and playlist URLs point at the fake itself (/cdn/…), which serves
//     placeholder content (at most 1 GiB a file).
//   - Other processes may talk to it: a request body (at most 1 MiB) is read
//     before the server's lock is taken, so a slow client holds up only
//     itself; headers must arrive within 10 s and a body within 30 s; Close
//     closes every connection and returns promptly whatever clients do; and
//     requests without a valid token add no more than a bounded amount of
//     state (see [Server.Requests]).
//
// # SIP telephony
//
// Gateways, routing rules, phone numbers and SIP webhooks are stored and
// checked as the SDK checks them (E.164 numbers, enums, both parts of an
// auth). Where the sources leave a choice, the fake's choices are:
//
//   - Ids are opaque (24 hex digits; calls have UUIDs, as documented).
//   - Gateway updates follow the Node SDK: omitted record,
//     noiseCancellation and enableDtmf become false and geoRegion is
//     cleared; other omitted fields are kept. Outbound gateways accept PUT
//     too. Routing rules are served on both paths and accept both bodies
//     (type/phoneNumbers/room/agentId, or the API reference's
//     gatewayId/numbers/dispatch); answers list the numbers as "numbers".
//   - Creating phone numbers makes one inbound and one outbound gateway for
//     all of them (isShared, the default) or a pair per number; a number
//     already attached is a 409. Numbers are "active", then "released"
//     (after which GET answers 404). Every number answers provider
//     "twilio" and origin "byoc" (the documented example's values: the
//     fake cannot know the caller's carrier), and the countryCode of its
//     calling code from a table of the common ones (+1 answers "US", as
//     the example does; a code outside the table leaves countryCode out).
//   - An outbound call (POST /v2/sip/call) needs an outbound gateway (its
//     gatewayId, or one that lists sipCallFrom) and a room
//     (destinationRoomId, or its outbound rule's room; a dynamic rule makes
//     a room). It answers "initiated"; the next request finds it "ringing"
//     and then "answered", when its participant (participant.id, else a
//     generated id; named after the callee's number unless hidden) joins the
//     room, starting a session if none is live, so it is in the sessions
//     API and the room's participant-joined webhook. WithProcessingDelay
//     makes the answer come that long after the ringing, on the server's
//     clock. What the callee does is set per number with SetCallee: busy
//     ends the call "rejected", unreachable "failed", no-answer
//     "not-answered" (call-missed) after the call's ringingTimeout
//     (default DefaultRingingTimeout). waitUntilAnswered settles the call
//     before answering instead of holding the request.
//   - Transfer needs an answered call: it answers "transfer-initiated"; the
//     next request takes it through transfer-accepted, transferring and
//     transfer-ringing to "transferred" (the leg leaves the room) or, when
//     the target (SetCallee) does not answer, "transfer-failed" and back to
//     "answered". Switch-room is done within its request (leave, join,
//     "answered" in the new room; switch-room-failed when the participant
//     cannot join it). End hangs up a connected call ("ended"; the session
//     goes on). On a call not answered yet these answer 400, on a call that
//     is over 409. A leg whose participant is removed, or whose session
//     ends, is "ended" too. HangUp simulates the far end hanging up.
//   - SimulateInboundCall (and POST /_fake/sip/inbound-calls) delivers a
//     call to a provisioned number: the inbound rule for the number picks
//     the static room or makes a room; "incoming", then "verified" and
//     "answered" like an outbound call. No rule, or a caller the gateway's
//     or rule's allowedNumbers refuse, makes it "rejected". The fake does not
//     dispatch the rule's agent.
//   - SIP webhooks get the events they subscribe to (only the documented
//     event names are accepted), signed like every delivery, as
//     {"webhookType": event, "data": <the call as GET /v2/sip/call/{id}
//     shows it>} (the payload is undocumented). Status changes without
//     an event of their own (verified, rejected, failed, back to answered)
//     send call-update. A call's timelog lists {status, time} per step.
//
// # Platform products
//
// Agents, batch calls, connectors, ingest, the resource pool and alerting
// are stateful and move on the server's clock (see WithClock), each
// request first bringing them to the state due now. Their documentation
// leaves much open; where the fake had to choose, it says so here:
//
//   - Agents: a dispatch (or connect, or general dispatch) into a room joins
//     participant "agent-<jobId>" to its live session, starting one when
//     none is live, unless roomOptions.joinMeeting is false; any agentId is
//     accepted (self-hosted agents are unknown to the fake); an unknown room
//     is 404. [Server.AgentParticipants] lists them. Agent Cloud: a
//     deployment is "created" until its first version, a new or
//     re-activated version is "deploying" for 10 s, then "active" (the
//     deployment too); activating one version stops the others and
//     activate:false stops it ("stopped"). These status names, and the
//     console log lines ("version … deploying|active|stopped", "agent joined
//     room …"), are the fake's. Deleting an active deployment needs force.
//     The deployments list's name filter is an unanchored regular
//     expression, as documented; an invalid one is 400 (the fake's choice).
//     No agent-session-* webhooks are sent (their payload is undocumented).
//   - Batch calls: the upload answer's presignedUrl points at the fake
//     (/_storage/…, no token, one PUT); the parse reads CSV only (a header
//     with a phoneNumber, phone_number, phone, number or mobile column; the
//     other columns become metadata) and finishes at the next request (after
//     WithProcessingDelay). A running batch dials its records in order, one
//     every 5 s of the server's clock, each answered, busy or "not
//     connected" (about 60/25/15%, drawn from the seed when the batch
//     starts); pending records are "scheduled"; retries are not simulated,
//     and records do not place SIP calls or join rooms. Scheduled batches
//     start at scheduledDate/scheduledTime in their timezone. A graceful
//     cancel lets the call in progress finish ("cancelling", then
//     "cancelled"). batchcall-started and batchcall-completed go to the
//     batch's webhook.endpoint (its events, or both when none are listed)
//     with the batch as data (the payload is undocumented). Business errors
//     (editing a running batch, cancelling a finished one) are 400. A
//     batch's phoneNumber is the number its phoneNumberId names; the fake
//     does not check that id, and leaves phoneNumber out for an id it does
//     not hold.
//   - Connectors: webhookUrl has the form …/v2/connectors/hook/{id}?key=…
//     (a guess; the fake does not serve it); rotate-key changes the key.
//   - Ingest: WHIP and WHEP take any SDP offer (Content-Type
//     application/sdp, the token raw or as "Bearer <token>", as WHIP
//     encoders such as OBS send it) and answer 201 with a canned SDP answer
//     and a Location; the publisher (participantId, or "whip-<uuid>") joins the
//     room's session, starting one; a WHEP viewer ("whep-<uuid>") needs a
//     live session. DELETE …/sessions/{sessionId}?participantId= makes them
//     leave. A socket ingest session joins its participant at once (the fake
//     has no socket server; its wsUrl is not served). A publisher or socket
//     participant already in the session is a 409 (the fake's choice),
//     unless a WHIP/WHEP request says useExistingPeer=true.
//   - Resource pool: at most 10 units are held at once
//     ([Server.SetResourceCapacity]); an acquire beyond that is 400. Units
//     are "pending", then "idle" at the next request (after
//     WithProcessingDelay), sending resource-acquired to their webhookUrl.
//     Only idle units are released. Start calls do not take a resourceId yet.
//   - Alerting: rules and channels are validated (severity, domain,
//     ruleConfig.query.metric and condition, channel type and its config:
//     webhook endpoint, slack botToken and channelId, email to) and stored;
//     an update bumps a rule's version; enabled false pauses it. Lists show
//     domain rtc unless domain=agent is asked. A channel test stores nothing
//     and is recorded ([Server.ChannelTests]). Incidents open only through
//     [Server.RaiseIncident] (or POST /_fake/incidents/raise with
//     {"alertRuleId"}), which sets the rule's lastTriggered and sends
//     "alert-fired" (an undocumented name) with the incident to the rule's
//     webhook channels; acknowledging a non-open or resolving a resolved
//     incident is 400. An incident's events are {"type"} entries (fired,
//     acknowledged, resolved) and nothing more: their shape is undocumented.
//     The channel test answers {"success": true, "message"} as
//     documented. The metrics catalog answers, for domain rtc, the one
//     category the docs show (network: packet_loss, jitter) and an empty
//     list for domain agent (the fake's choice: the catalog is otherwise
//     undocumented); an incident's metricCategory is its metric's category
//     in that catalog, left out for a metric it does not list, and the
//     incidents list's metricCategory filter uses it. The other metrics
//     helpers answer empty lists, and participantCount the participants in
//     live sessions.
//
// # Webhooks
//
// The fake POSTs signed webhooks of the documented shape
// ({"webhookType": …, "data": {…}} with a videosdk-signature header) to a
// room's webhook endPoint, for the events its webhook.events lists (names or
// patterns such as "*" and "recording-*"; an empty list gets none), and to
// the webhookUrl given when starting a recording, participant recording,
// track recording, HLS stream or realtime transcription, or creating a merge
// or a transcoding, for that job's events. It sends them at the moments the
// real service does:
//
//   - session-started when a session starts (StartSession, the first Join);
//   - participant-joined on Join and JoinAs; participant-left on Leave
//     (reason "user-left"), on POST /v2/sessions/participants/remove and when
//     the session ends (reason "UNKNOWN");
//   - recording-, participant-recording-, participant-track-recording-,
//     livestream- and hls-starting and -started when one starts (also by
//     autoStartConfig), and hls-playable right after hls-started;
//   - the -stopping and -stopped events when it stops (its stop call, its
//     participant leaving, the session ending), recording-stopped with
//     filePath and fileUrl, the participant and track ones with fileDetails;
//   - merge-recording-completed when a merge completes;
//   - transcription-started and transcription-stopped with data id, type
//     "realtime", meetingId and sessionId when a realtime transcription starts
//     and when it stops (its stop call, or the session ending), to the
//     start's webhookUrl and to the room;
//   - transcription-started with type "post" when a post transcription
//     begins (its recording, HLS stream or livestream ended: right after that
//     job's -stopped events), and transcription-stopped when it completes, to
//     the room only. The API reference lists transcription-stopped without
//     saying whether post transcriptions send it: that one is an assumption;
//   - composite-merge-started when a transcoding goes from pending to
//     processing, composite-merge-completed when it completes and
//     composite-merge-cancelled when it is cancelled, to the job's webhookUrl
//     only (rooms do not subscribe to them), for every task: the events of
//     hls-to-mp4 and meeting-recording-merge jobs are undocumented and assumed
//     to be these. Their payload is undocumented too: the fake sends id (the
//     transcoding), meetingId and sessionId. GET /v2/transcodings/{id}
//     summarises them under "webhook" once attempted (a 2xx answer is a
//     success);
//   - merge-recording-failed (with the reason as message),
//     composite-merge-failed and transcription-failed (type "post") when
//     FailJob fails a merge, a transcoding or a post transcription;
//   - session-ended (reason "Meeting Ended.", error null) when the session ends.
//
// A recording, participant or track recording, livestream or HLS stream that
// had events sent lists them under "webhook" ({totalCount, successCount,
// data: [{type, success}]}, SPEC §2.6) once each delivery was attempted.
//
// Transcodings and post transcriptions move along the server's clock when
// they are read; their events are queued then, and FlushWebhooks first moves
// them to the state due now. With WithProcessingDelay, a recording's
// -stopping and -stopped events go out together when its file appears.
// FailJob fails a meeting, participant or track recording with its
// recording-failed, participant-recording-failed or
// participant-track-recording-failed event; livestreams and HLS streams
// never fail. Composite recordings send no events: none are documented for
// them. The meeting recording events carry id (the recording's, as the
// current docs' composer id) and, on recording-failed, the reason as
// message. Deliveries are asynchronous, as on the real service: the call
// that causes them queues them before it returns, and one worker per
// Server sends them in order,
// each attempted once with a 10 s timeout and without following redirects
// (the receiver's status is recorded, not retried). [Server.FlushWebhooks]
// waits until everything queued was attempted and [Server.Deliveries] lists
// what was sent with the receiver's status. Only loopback receivers
// (127.0.0.0/8, ::1, localhost) are ever contacted, https ones without a
// certificate check; any other URL is recorded with [ErrNotLoopback] and
// never contacted or even looked up. Webhooks are signed with one RSA key
// per process (2048 bits, generated on first use and shared by every
// Server, since generating one takes up to a second): [Server.WebhookPublicKey]
// and GET /v2/public/rsa-public-key give its public half, and
// [Server.SignWebhook] signs bodies of your own for unit tests of handlers.
package videosdktest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/videosdk-go/videosdk"
)

// Server is a fake VideoSDK API listening on a loopback address. Create it
// with NewServer and stop it with Close. All methods are safe for concurrent
// use.
type Server struct {
	// APIKey is the project API key the server accepts in tokens, to read
	// (e.g. into VIDEOSDK_API_KEY). It is a copy, fixed when the server is
	// created (see WithCredentials): the server never reads this field, so
	// changing it has no effect.
	APIKey string
	// Secret is the HS256 secret tokens must be signed with, to read (e.g.
	// into VIDEOSDK_SECRET). It is a copy, fixed when the server is created
	// (see WithCredentials): the server never reads this field, so changing
	// it has no effect.
	Secret string

	apiKey string
	secret []byte
	ts     *httptest.Server
	mux    *http.ServeMux
	base   string // ts.URL, used in links and file URLs

	done      chan struct{} // closed by Close: ends injected delays
	closeOnce sync.Once

	clientOnce sync.Once
	client     *videosdk.Client // Client() without options
	hooks      *webhookQueue    // webhooks to deliver (own lock: see webhooks.go)

	// flushWaits makes FlushWebhooks wait (in real time) for work in
	// progress: a default fake, whose jobs take defaultProcessingDelay.
	flushWaits bool

	mu     sync.Mutex
	st     *state
	faults []*fault
	reqSeq int

	log requestLog // behind Requests; has its own lock
}

// Option configures a Server.
type Option func(*options)

type options struct {
	apiKey, secret string
	now            func() time.Time
	seed           uint64
	seeded         bool
	proc           procOptions   // control.go: listener, control routes, request log
	delay          time.Duration // lifecycle.go: WithProcessingDelay
	delaySet       bool          // WithProcessingDelay was given (else defaultProcessingDelay)
	clockSet       bool          // WithClock was given
}

// WithCredentials sets the API key and secret the server accepts. By
// default the key is "videosdktest-key" and the secret is random.
func WithCredentials(apiKey, secret string) Option {
	return func(o *options) { o.apiKey, o.secret = apiKey, secret }
}

// WithClock sets the clock that stamps resources (createdAt, session start
// and end, recording times). The default is time.Now. Calls are serialised by
// the server, so now need not be safe for concurrent use. Tokens are always
// checked against the real time, since clients sign them with it.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now, o.clockSet = now, now != nil }
}

// WithSeed makes generated ids (room ids, ObjectIds, participant and merge
// ids) deterministic: two servers with the same seed and clock that receive
// the same calls produce the same ids. By default the seed is random.
func WithSeed(seed uint64) Option {
	return func(o *options) { o.seed, o.seeded = seed, true }
}

// NewServer starts a fake VideoSDK API on 127.0.0.1. It needs no
// *testing.T; call Close when done.
func NewServer(opts ...Option) *Server {
	o := options{apiKey: "videosdktest-key", now: time.Now}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.secret == "" {
		var b [24]byte
		_, _ = rand.Read(b[:])
		o.secret = hex.EncodeToString(b[:])
	}
	if !o.seeded {
		var b [8]byte
		_, _ = rand.Read(b[:])
		for _, c := range b {
			o.seed = o.seed<<8 | uint64(c)
		}
	}
	s := &Server{
		APIKey: o.apiKey,
		Secret: o.secret,
		apiKey: o.apiKey,
		secret: []byte(o.secret),
		done:   make(chan struct{}),
		hooks:  newWebhookQueue(),
		log:    newRequestLog(),
	}
	s.mux = s.buildMux()
	s.ts = s.newHTTPServer(o.proc)
	// A client that stalls cannot hold a connection (or Close) forever. The
	// body has its own deadline (bodyReadTimeout, set while it is read):
	// http.Server.ReadTimeout would also cancel the context of any request
	// answered later than that, such as one held by Fault.Delay.
	s.ts.Config.ReadHeaderTimeout = readHeaderTimeout
	s.ts.Config.IdleTimeout = idleTimeout
	s.base = listenerURL(s.ts.Listener)
	if o.proc.host != "" {
		if ta, ok := s.ts.Listener.Addr().(*net.TCPAddr); ok {
			s.base = "http://" + net.JoinHostPort(o.proc.host, strconv.Itoa(ta.Port))
		}
	}
	if o.now == nil {
		o.now = time.Now
	}
	s.st = newState(o.now, o.seed, s.base)
	s.st.delay, s.st.jobDelay = o.delay, o.delay
	if !o.delaySet {
		// The recordings' files, merges, transcodings and post
		// transcriptions take defaultProcessingDelay; the platform services'
		// own timings (SIP calls, batch calls, resources) keep o.delay.
		s.st.jobDelay = defaultProcessingDelay
		// On the real clock, FlushWebhooks waits out the default processing.
		s.flushWaits = !o.clockSet
	}
	s.ts.Start()
	return s
}

// The waiter pauses of Server.Client.
const (
	fakeWaitFirst = 5 * time.Millisecond
	fakeWaitMax   = 50 * time.Millisecond
)

// URL returns the server's base URL, e.g. http://127.0.0.1:40123, suitable
// for videosdk.WithBaseURL or VIDEOSDK_API_ENDPOINT.
func (s *Server) URL() string { return s.base }

// Timeouts of the fake's HTTP server.
const (
	readHeaderTimeout = 10 * time.Second // request line and headers
	bodyReadTimeout   = 30 * time.Second // request body, from when the endpoint reads it
	idleTimeout       = 60 * time.Second // keep-alive connection between requests
)

// Close shuts the server down and returns once every handler has returned,
// whatever clients do: it closes every connection, including those of
// clients that stall mid-request or stop reading an answer, and lets go of
// requests held by an injected Delay. A webhook delivery in flight is
// aborted and webhooks still queued are recorded as not delivered. Calling
// it again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.hooks.close()
		_ = s.ts.Config.Close() // closes the listener and every connection, busy ones too
		s.ts.Close()            // waits for the handlers, which end with their connection
	})
}

// Client returns a videosdk.Client for the server's credentials, already
// pointed at it, whose waiters and FindStarted pause 5 ms to 50 ms between
// polls (videosdk.WithWaiterDelay) instead of 1 s to 15 s, so that they
// return soon after the fake's jobs finish (see WithProcessingDelay), and
// whose retries of a failed attempt (an injected 503, say) pause 5 ms to
// 50 ms (videosdk.WithRetryDelay) instead of 0.5 s to 8 s. A Retry-After
// the fake sends is obeyed as sent.
// Without options it returns the same Client on every call (built on first
// use; a Client is safe for concurrent use). With options it builds a new
// Client on each call, applying opts after the base URL, HTTP client and
// waiter options, so they can override them. Client panics if an option is
// invalid, like a test helper: the message never contains the secret.
func (s *Server) Client(opts ...videosdk.Option) *videosdk.Client {
	if len(opts) == 0 {
		s.clientOnce.Do(func() { s.client = s.newClient() })
		return s.client
	}
	return s.newClient(opts...)
}

func (s *Server) newClient(opts ...videosdk.Option) *videosdk.Client {
	all := append([]videosdk.Option{
		videosdk.WithBaseURL(s.base),
		videosdk.WithHTTPClient(s.ts.Client()),
		videosdk.WithWaiterDelay(fakeWaitFirst, fakeWaitMax),
		videosdk.WithRetryDelay(fakeWaitFirst, fakeWaitMax),
	}, opts...)
	c, err := videosdk.NewClient(s.apiKey, string(s.secret), all...)
	if err != nil {
		panic(fmt.Sprintf("videosdktest: Client: %v", err))
	}
	return c
}

// serveHTTP is the request pipeline: inject faults, serve CDN files, find
// the endpoint, authenticate, count, route. Nothing here holds the server
// lock while it waits for the client.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	f, reqID := s.admit(r)
	w.Header().Set("X-Request-Id", reqID)
	if f != nil && s.applyFault(w, r, f) {
		return
	}
	if isCDNPath(r.URL.Path) {
		s.serveCDN(w, r)
		return
	}
	if isStoragePath(r.URL.Path) { // batch_calls.go: presigned uploads carry no token
		s.serveStorage(w, r)
		return
	}
	pattern := s.routed(r)
	routed := pattern != ""
	var err *apiError
	if r.URL.Path != publicKeyPath { // the webhook key is public
		err = s.authenticate(r)
	}
	if routed && f == nil { // a faulted request was counted by admit
		// A pattern without a wildcard has one path: keys of those are
		// bounded by the route table, whoever sends the request. One with
		// an id is counted under its pattern when answered 404 (an id the
		// fake does not know), so unknown ids do not each keep a count:
		// the count is taken when the status is written, before the client
		// can see the answer.
		idPattern := ""
		if strings.Contains(pattern, "{") {
			idPattern = pattern[strings.IndexByte(pattern, '/'):] // "GET /v2/rooms/{roomId}" → the path
		}
		if err != nil || idPattern == "" {
			s.log.add(r.Method, r.URL.Path, idPattern, err == nil || idPattern == "")
		} else {
			w = &countingWriter{ResponseWriter: w, count: func(status int) {
				p := r.URL.Path
				if status == http.StatusNotFound {
					p = idPattern
				}
				s.log.add(r.Method, p, idPattern, true)
			}}
		}
	}
	switch {
	case err != nil:
		writeError(w, err)
	case !routed:
		// Unknown path, a known path with the wrong method, or an unclean
		// path: the real API (Express) answers all of them with 404.
		writeError(w, errorf(http.StatusNotFound, "Cannot %s %s", r.Method, r.URL.Path))
	default:
		s.mux.ServeHTTP(w, r)
		if cw, ok := w.(*countingWriter); ok && !cw.counted {
			cw.WriteHeader(http.StatusOK) // what net/http would send: count it
		}
	}
}

// countingWriter counts its request (through count, with the status) when
// the status is written: before any byte of the answer leaves.
type countingWriter struct {
	http.ResponseWriter
	count   func(status int)
	counted bool
}

func (c *countingWriter) WriteHeader(status int) {
	if !c.counted {
		c.counted = true
		c.count(status)
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if !c.counted {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// admit numbers the request and takes the first matching fault, if any; a
// faulted request is counted here, before its fault delays or drops it.
func (s *Server) admit(r *http.Request) (*fault, string) {
	s.mu.Lock()
	s.reqSeq++
	seq := s.reqSeq
	f := s.takeFault(r.Method, r.URL.Path)
	s.mu.Unlock()
	if f != nil {
		s.log.add(r.Method, r.URL.Path, "", true)
	}
	return f, "vsdktest-" + strconv.Itoa(seq)
}

// apiError is an error answer: status plus the JSON body {"message"}. No
// VideoSDK page documents an error body, and the official SDKs read only its
// text (message, error, msg): the fake sends no machine code a test could
// come to depend on.
type apiError struct {
	status  int
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %s", e.status, e.message) }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, struct {
		Message string `json:"message"`
	}{e.message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"message":"videosdktest: encoding response failed"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
