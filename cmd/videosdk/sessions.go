package main

import (
	"context"
	"fmt"
	"iter"
	"strconv"

	"github.com/videosdk-go/videosdk"
)

func sessionsGroup() group {
	return group{path: "videosdk sessions", summary: "List and get sessions (the meetings held in rooms), list participants, end a session.", cmds: []command{
		{"list", "list sessions, newest first", sessionsList},
		{"get", "show a session and its participants", sessionsGet},
		{"participants", "list a session's participants", sessionsParticipants},
		{"end", "end a room's live session", sessionsEnd},
	}}
}

func sessionStatus(s *videosdk.Session) string {
	if s.Live() {
		return "live"
	}
	return "ended"
}

func sessionsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sessions list", "", "Lists sessions, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListSessionsParams
	f.StringVar(&p.RoomID, "room", "", "only sessions of room `ID`")
	f.Func("status", "only `ongoing` or ended sessions", func(s string) error { p.Status = videosdk.SessionStatus(s); return nil })
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.Session, error] {
		p.ListOptions = o
		return cl.Sessions.All(ctx, p)
	}, func(sessions []videosdk.Session) error {
		t := c.table("SESSION ID", "ROOM ID", "STATUS", "STARTED", "ENDED", "PARTICIPANTS")
		for i := range sessions {
			s := &sessions[i]
			t.row(s.ID, s.RoomID, sessionStatus(s), fmtTime(s.Start), fmtEnd(s.End, "-"), strconv.Itoa(len(s.Participants)))
		}
		return t.flush()
	})
}

func sessionsGet(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sessions get", "SESSION_ID", "Shows a session and its participants.").withJSON().withCredentials()
	get := func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.Session, error) {
		return cl.Sessions.Get(ctx, id)
	}
	return runGet(ctx, f, args, get, func(s *videosdk.Session) error {
		if f.json {
			return c.printJSON(s)
		}
		if err := c.showSession(s); err != nil {
			return err
		}
		if len(s.Participants) == 0 {
			return nil
		}
		fmt.Fprintln(c.stdout)
		return c.participantTable(s.Participants)
	})
}

func (c *cli) showSession(s *videosdk.Session) error {
	return c.details(
		kv("Session ID", s.ID),
		kv("Room ID", s.RoomID),
		kv("Status", sessionStatus(s)),
		kv("Started", fmtTime(s.Start)),
		kv("Ended", fmtEnd(s.End, "-")),
		kv("Participants", strconv.Itoa(len(s.Participants))),
		kv("Chat export", s.ChatLink),
	)
}

func (c *cli) participantTable(ps []videosdk.Participant) error {
	t := c.table("PARTICIPANT ID", "NAME", "JOINED", "LEFT")
	for _, p := range ps {
		joined, left := "", "-"
		if n := len(p.Timelog); n > 0 {
			joined = fmtTime(p.Timelog[0].Start)
			left = fmtEnd(p.Timelog[n-1].End, "in session")
		}
		t.row(p.ParticipantID, p.Name, joined, left)
	}
	return t.flush()
}

func sessionsParticipants(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sessions participants", "SESSION_ID", "Lists a session's participants.").withJSON().withLimit().withCredentials()
	active := f.Bool("active", false, "only the participants in the session now")
	pos, cl, err := f.prepare(args, 1)
	if err != nil {
		return err
	}
	all := cl.Sessions.AllParticipants
	if *active {
		all = cl.Sessions.AllActiveParticipants
	}
	ps, err := collect(all(ctx, pos[0], perPage(f.limit)), f.limit)
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(ps)
	}
	return c.participantTable(ps)
}

func sessionsEnd(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk sessions end", "", "Ends a room's live session (or the one named with -session).").withJSON().withCredentials()
	var p videosdk.EndSessionParams
	f.StringVar(&p.RoomID, "room", "", "the room `ID` (required)")
	f.StringVar(&p.SessionID, "session", "", "end session `ID` (default the room's live one)")
	f.BoolVar(&p.VsdkForceKill, "force", false, "end it even if the media server does not answer")
	_, cl, err := f.prepare(args, 0, "room")
	if err != nil {
		return err
	}
	s, err := cl.Sessions.End(ctx, p)
	if err != nil {
		return err
	}
	if f.json {
		return c.printJSON(s)
	}
	return c.showSession(s)
}
