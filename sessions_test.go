package videosdk

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/videosdk-go/videosdk/internal/testutil"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSessionsList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions", fixture: "sessions_list.json", query: map[string]string{
		"roomId": "tq7v-m2xk-9hdp", "customRoomId": "team-standup-42", "query": "q", "status": "ended",
		"startDate": "1746520000000", "endDate": "1746530000000", "userId": "u1", "page": "3", "perPage": "50",
	}})
	page, err := c.Sessions.List(context.Background(), ListSessionsParams{
		ListOptions: ListOptions{Page: 3, PerPage: 50}, RoomID: "tq7v-m2xk-9hdp", CustomRoomID: "team-standup-42",
		Query: "q", Status: SessionEnded, StartDate: 1746520000000, EndDate: 1746530000000, UserID: "u1",
	})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 1)
	s := page.Data[0]
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", s.ID)
	assert.Equal(t, "tq7v-m2xk-9hdp", s.RoomID)
	assert.Equal(t, SessionEnded, s.Status)
	assert.Equal(t, ts("2025-05-06T09:17:20.004Z"), s.Start)
	require.NotNil(t, s.End)
	assert.Equal(t, ts("2025-05-06T09:48:02.777Z"), *s.End)
	assert.False(t, s.Live())
	require.Len(t, s.Participants, 1)
	assert.Equal(t, "Asha", s.Participants[0].Name)
	assert.False(t, page.HasNext())
}

func TestSessionsListNoFilters(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions", fixture: "sessions_list.json"})
	_, err := c.Sessions.List(context.Background(), ListSessionsParams{})
	require.NoError(t, err)
	check()
}

func TestSessionsGet(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions/6819d4a02c1e4a0013f0aa10", fixture: "sessions_get.json"})
	s, err := c.Sessions.Get(context.Background(), "6819d4a02c1e4a0013f0aa10")
	require.NoError(t, err)
	check()
	assert.Equal(t, "65a0f1e2d3c4b5a697887766", s.UserID)
	assert.Equal(t, "b1f0e3a2-pub-key", s.APIKey)
	assert.Equal(t, "team-standup-42", s.CustomRoomID)
	assert.Equal(t, 1842.0, s.ActiveDuration)
	assert.Equal(t, "https://cdn.videosdk.live/chats/tq7v-m2xk-9hdp-6819d4a02c1e4a0013f0aa10.csv", s.ChatLink)
	assert.Equal(t, "in002", s.Region)
	assert.Len(t, s.HLSLog, 1)
	require.Len(t, s.Participants, 1)
	p := s.Participants[0]
	assert.Equal(t, "6819d4a12c1e4a0013f0aa11", p.ID)
	require.Len(t, p.Timelog, 2)
	assert.Equal(t, ts("2025-05-06T09:31:00Z"), p.Timelog[1].Start)
	require.NotNil(t, s.Links)
	assert.Equal(t, "https://api.videosdk.live/v2/rooms/tq7v-m2xk-9hdp", s.Links.GetRoom)
}

func TestSessionsListParticipantsObjectData(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions/sess-1/participants", query: map[string]string{"page": "1", "perPage": "2"}, fixture: "sessions_participants.json"})
	page, err := c.Sessions.ListParticipants(context.Background(), "sess-1", ListOptions{Page: 1, PerPage: 2})
	require.NoError(t, err)
	check()
	assert.Equal(t, PageInfo{CurrentPage: 1, PerPage: 20, LastPage: 1, Total: 2}, page.PageInfo)
	require.Len(t, page.Data, 2)
	assert.Equal(t, "p8x2kq1z", page.Data[0].ParticipantID)
	assert.Nil(t, page.Data[0].Timelog[0].End, "still in the session")
	require.NotNil(t, page.Data[1].Timelog[0].End)
	assert.Equal(t, ts("2025-05-06T09:30:40.118Z"), *page.Data[1].Timelog[0].End)
}

func TestSessionsListActiveParticipantsArrayData(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions/sess-1/participants/active", fixture: "sessions_participants_active.json"})
	page, err := c.Sessions.ListActiveParticipants(context.Background(), "sess-1", ListOptions{})
	require.NoError(t, err)
	check()
	require.Len(t, page.Data, 1)
	p := page.Data[0]
	assert.Equal(t, "SEND_AND_RECV", p.Mode)
	assert.Equal(t, 812.0, p.InitTime)
	require.NotNil(t, p.Events)
	assert.Len(t, p.Events.Mic, 1)
	assert.Empty(t, p.Events.Webcam)
	require.NotNil(t, p.DeviceInfo)
	assert.Equal(t, "react", p.DeviceInfo.SDKType)
	assert.Equal(t, "0.1.90", p.DeviceInfo.SDKVersion)
	assert.Equal(t, "web", p.DeviceInfo.Platform)
	require.NotNil(t, p.DeviceInfo.BrowserUserAgent)
	assert.Equal(t, "Firefox", p.DeviceInfo.BrowserUserAgent.Browser.Name)
	assert.Equal(t, "126.0", p.DeviceInfo.BrowserUserAgent.Browser.Version)
	assert.Equal(t, "Linux", p.DeviceInfo.BrowserUserAgent.OS.Name)
	assert.Equal(t, "desktop", p.DeviceInfo.BrowserUserAgent.Platform.Type)
	require.Len(t, p.ChangeModeHistory, 1)
	assert.Equal(t, ts("2025-05-06T09:17:21.310Z"), p.ChangeModeHistory[0].Timelog)
	assert.Equal(t, "6819d4a12c1e4a0013f0aa19", p.ChangeModeHistory[0].ID)
	require.NotNil(t, p.GeoLocation)
	assert.Equal(t, GeoLocation{City: "Pune", Region: "MH", Country: "IN"}, *p.GeoLocation)
}

func TestSessionsParticipantsBadData(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{"pageInfo":{}}`, `{"data":"nope"}`, `{"data":null}`, `[]`, `"ok"`} {
		c, mt := newTestClient(t, WithMaxRetries(0))
		mt.RegisterResponder("GET", testutil.URL("/v2/sessions/s/participants"), httpmock.NewStringResponder(200, body))
		page, err := c.Sessions.ListParticipants(context.Background(), "s", ListOptions{})
		assert.ErrorIs(t, err, ErrInvalidResponse, body)
		assert.Nil(t, page)
	}
}

func TestSessionsAllParticipantsPages(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testutil.URL("/v2/sessions/s/participants"), func(req *http.Request) (*http.Response, error) {
		page := req.URL.Query().Get("page")
		body := fmt.Sprintf(`{"pageInfo":{"currentPage":%s,"perPage":1,"lastPage":3,"total":3},"data":{"id":"s","participants":[{"participantId":"p%s","name":"n"}]}}`, page, page)
		return httpmock.NewStringResponse(200, body), nil
	})
	var ids []string
	for p, err := range c.Sessions.AllParticipants(context.Background(), "s", ListOptions{PerPage: 1}) {
		require.NoError(t, err)
		ids = append(ids, p.ParticipantID)
	}
	assert.Equal(t, []string{"p1", "p2", "p3"}, ids)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestSessionsStats(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions/sess-1/stats", fixture: "sessions_stats.json"})
	st, err := c.Sessions.Stats(context.Background(), "sess-1")
	require.NoError(t, err)
	check()
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", st.SessionID)
	assert.Equal(t, "tq7v-m2xk-9hdp", st.RoomID, "from meetingId")
	require.Len(t, st.Stats, 1)
	s := st.Stats[0]
	assert.Equal(t, ts("2025-05-06T09:20:00Z"), s.Time)
	assert.Equal(t, StatSample{
		Time: s.Time, RecvVideoPacketLost: 3, SendVideoPacketLost: 1,
		AverageAudioRtt: 41.5, AverageVideoRtt: 44.2, AverageAudioJitter: 1.2, AverageVideoJitter: 3,
		AverageSendAudioBitrate: 38000, AverageSendVideoBitrate: 512000, AverageRecvAudioBitrate: 37500, AverageRecvVideoBitrate: 498000,
		QualityScore: &QualityScore{Audio: 4.3, Video: 3.9},
	}, s)
}

func TestSessionsParticipantStats(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "GET", path: "/v2/sessions/sess-1/participant/p8x2kq1z/stats", fixture: "sessions_participant_stats.json"})
	st, err := c.Sessions.ParticipantStats(context.Background(), "sess-1", "p8x2kq1z")
	require.NoError(t, err)
	check()
	assert.Equal(t, "tq7v-m2xk-9hdp", st.RoomID)
	assert.Equal(t, "p8x2kq1z", st.ParticipantID)
	assert.Equal(t, "Asha", st.ParticipantName)
	assert.Equal(t, &ParticipantStatsDevice{DeviceName: "Firefox", DeviceVersion: "126.0"}, st.DeviceInfo)
	assert.Equal(t, &SDKInfo{SDKName: "react", SDKVersion: "0.1.90"}, st.SDKInfo)
	assert.Equal(t, &GeoLocation{Country: "IN", City: "Pune", Region: "MH"}, st.Location)
	assert.Equal(t, &NetworkInfo{ASN: "unknown", Org: "unknown"}, st.Network)
	require.Len(t, st.Stats, 1)
	assert.Equal(t, 40.1, st.Stats[0].AverageAudioRtt)
	require.Len(t, st.ResolutionUsage, 1)
	ru := st.ResolutionUsage[0]
	assert.Equal(t, ts("2025-05-06T09:20:00Z"), ru.Time)
	assert.Equal(t, map[string]float64{"180": 0, "360": 0, "720": 1, "1080": 0, "1440": 0, "2160": 0}, ru.Usage)
}

func TestSessionsEnd(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sessions/end", golden: "sessions_end", fixture: "sessions_end.json"})
	s, err := c.Sessions.End(context.Background(), EndSessionParams{RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10", VsdkForceKill: true, IgnoreClosed: true})
	require.NoError(t, err)
	check()
	assert.Equal(t, "tq7v-m2xk-9hdp", s.RoomID, "legacy meetingId")
	assert.Equal(t, "team-standup-42", s.CustomRoomID, "legacy userMeetingId")
	require.NotNil(t, s.End)
}

func TestSessionsEndMinimal(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sessions/end", golden: "sessions_end_minimal", fixture: "sessions_remove_participant.json"})
	s, err := c.Sessions.End(context.Background(), EndSessionParams{RoomID: "team-standup-42"})
	require.NoError(t, err)
	check()
	assert.True(t, s.Live())
}

func TestSessionsRemoveParticipant(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	check := expectCall(t, mt, callTest{method: "POST", path: "/v2/sessions/participants/remove", golden: "sessions_remove_participant", fixture: "sessions_remove_participant.json"})
	s, err := c.Sessions.RemoveParticipant(context.Background(), RemoveParticipantParams{ParticipantID: "p8x2kq1z", RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10"})
	require.NoError(t, err)
	check()
	// The documented answer is the session, kept whole.
	assert.Equal(t, "6819d4a02c1e4a0013f0aa10", s.ID)
	assert.Equal(t, "65a0f1e2d3c4b5a697887766", s.UserID)
	assert.Equal(t, "tq7v-m2xk-9hdp", s.RoomID)
	assert.Equal(t, "team-standup-42", s.CustomRoomID)
	assert.Equal(t, ts("2025-05-06T09:17:20.004Z"), s.Start)
	assert.Nil(t, s.End)
	assert.Equal(t, SessionOngoing, s.Status)
	assert.Equal(t, "us002", s.Region)
	require.Len(t, s.Participants, 2)
	assert.Equal(t, "h3n7w0cd", s.Participants[1].ParticipantID)
	require.NotNil(t, s.Participants[1].Timelog[0].End, "the removed participant's interval is closed")
	require.NotNil(t, s.Links)
	assert.Equal(t, "https://api.videosdk.live/v2/sessions/6819d4a02c1e4a0013f0aa10", s.Links.GetSession)
}

// TestSessionsRemoveParticipantSentence: a confirmation sentence (the official
// SDKs' reading of the answer), plain text or an empty body is success; the
// session then carries only the ids of the request.
func TestSessionsRemoveParticipantSentence(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`"Participant removed"`, `Participant removed`, ``, `null`} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("POST", testutil.URL("/v2/sessions/participants/remove"), jsonResponder(200, body))
		s, err := c.Sessions.RemoveParticipant(context.Background(), RemoveParticipantParams{ParticipantID: "p8x2kq1z", RoomID: "tq7v-m2xk-9hdp", SessionID: "6819d4a02c1e4a0013f0aa10"})
		require.NoError(t, err, body)
		assert.Equal(t, &Session{ID: "6819d4a02c1e4a0013f0aa10", RoomID: "tq7v-m2xk-9hdp"}, s, body)
		s, err = c.Sessions.RemoveParticipant(context.Background(), RemoveParticipantParams{ParticipantID: "p8x2kq1z", RoomID: "tq7v-m2xk-9hdp"})
		require.NoError(t, err, body)
		assert.Equal(t, &Session{RoomID: "tq7v-m2xk-9hdp"}, s, body)
	}
}

// TestSessionsRemoveParticipantBadAnswer: a 200 whose body is neither a
// session nor a sentence is a *ResponseError.
func TestSessionsRemoveParticipantBadAnswer(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{}`, `{"id":"6819d4a0`, `[{"id":"x"}]`, `<html>ok</html>`, `"unterminated`, `{"id":1}`} {
		c, mt := newTestClient(t)
		mt.RegisterResponder("POST", testutil.URL("/v2/sessions/participants/remove"), jsonResponder(200, body))
		s, err := c.Sessions.RemoveParticipant(context.Background(), RemoveParticipantParams{ParticipantID: "p", RoomID: "r"})
		assert.ErrorIs(t, err, ErrInvalidResponse, body)
		assert.Nil(t, s, body)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "a POST is not repeated")
	}
}

func TestSessionsInvalidParams(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"get empty":      func() error { _, err := c.Sessions.Get(ctx, ""); return err },
		"get traversal":  func() error { _, err := c.Sessions.Get(ctx, "../rooms"); return err },
		"participants /": func() error { _, err := c.Sessions.ListParticipants(ctx, "a/b", ListOptions{}); return err },
		"active empty":   func() error { _, err := c.Sessions.ListActiveParticipants(ctx, "", ListOptions{}); return err },
		"stats dot":      func() error { _, err := c.Sessions.Stats(ctx, "."); return err },
		"pstats empty":   func() error { _, err := c.Sessions.ParticipantStats(ctx, "s", ""); return err },
		"pstats slash":   func() error { _, err := c.Sessions.ParticipantStats(ctx, "s/x", "p"); return err },
		"status":         func() error { _, err := c.Sessions.List(ctx, ListSessionsParams{Status: "live"}); return err },
		"dates": func() error {
			_, err := c.Sessions.List(ctx, ListSessionsParams{StartDate: 10, EndDate: 5})
			return err
		},
		"page": func() error {
			_, err := c.Sessions.List(ctx, ListSessionsParams{ListOptions: ListOptions{Page: -2}})
			return err
		},
		"end no room": func() error { _, err := c.Sessions.End(ctx, EndSessionParams{SessionID: "s"}); return err },
		"remove no pid": func() error {
			_, err := c.Sessions.RemoveParticipant(ctx, RemoveParticipantParams{RoomID: "r"})
			return err
		},
		"remove no room": func() error {
			_, err := c.Sessions.RemoveParticipant(ctx, RemoveParticipantParams{ParticipantID: "p"})
			return err
		},
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidParams, name)
	}
	for _, err := range c.Sessions.All(ctx, ListSessionsParams{Status: "x"}) {
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	requireNoRequest(t, mt)
}
