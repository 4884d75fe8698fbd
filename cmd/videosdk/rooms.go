package main

import (
	"context"
	"iter"
	"strings"

	"github.com/videosdk-go/videosdk"
)

func roomsGroup() group {
	return group{path: "videosdk rooms", summary: "Create, get, list, validate and deactivate rooms.", cmds: []command{
		{"create", "create a room", roomsCreate},
		{"get", "show a room", roomsGet},
		{"list", "list rooms, newest first", roomsList},
		{"validate", "check that a room exists and is enabled", roomsValidate},
		{"deactivate", "deactivate a room", roomsDeactivate},
	}}
}

func roomsCreate(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk rooms create", "",
		"Creates a room. With -custom-id the call is idempotent: the existing room with that id is returned.\n"+
			"-body takes the whole request as JSON (a file, or - for stdin); flags override its fields.").withJSON().withCredentials()
	var p videosdk.CreateRoomParams
	var body, customID, geo, webhook, events, allowed, autoClose string
	f.StringVar(&body, "body", "", "read the request body (CreateRoomParams as JSON) from `FILE`, - for stdin")
	f.StringVar(&customID, "custom-id", "", "your own `ID` for the room")
	f.StringVar(&geo, "geo-fence", "", "pin the room to a `REGION` (us001, eu001, in001, ...)")
	f.StringVar(&webhook, "webhook", "", "`URL` that receives the room's webhook events")
	f.StringVar(&events, "events", "", "comma-separated `EVENTS` or patterns for -webhook (e.g. recording-*,session-ended)")
	f.StringVar(&allowed, "allowed", "", "comma-separated participant `IDS` that may join (default anyone)")
	f.StringVar(&autoClose, "auto-close", "", "`TYPE`: session-ends or session-end-and-deactivate")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if body != "" {
		if err := c.readBody(body, &p); err != nil {
			return err
		}
	}
	if customID != "" {
		p.CustomRoomID = customID
	}
	if geo != "" {
		p.GeoFence = videosdk.GeoFence(geo)
	}
	if webhook != "" {
		p.Webhook = &videosdk.RoomWebhook{EndPoint: webhook}
		for _, e := range csv(events) {
			p.Webhook.Events = append(p.Webhook.Events, videosdk.WebhookEventType(e))
		}
	} else if events != "" {
		return f.fail("-events needs -webhook")
	}
	if allowed != "" {
		p.AllowedParticipantIDs = csv(allowed)
	}
	if autoClose != "" {
		p.AutoCloseConfig = &videosdk.AutoCloseConfig{Type: videosdk.AutoCloseType(autoClose)}
	}
	cl, err := f.client()
	if err != nil {
		return err
	}
	room, err := cl.Rooms.Create(ctx, p)
	if err != nil {
		return err
	}
	return c.showRoom(f, room)
}

func roomsGet(ctx context.Context, c *cli, args []string) error {
	return roomByID(ctx, c, args, "get", "Shows a room (by roomId or customRoomId).", (*videosdk.RoomsService).Get)
}

func roomsValidate(ctx context.Context, c *cli, args []string) error {
	return roomByID(ctx, c, args, "validate", "Checks that a room exists and says whether it is enabled.", (*videosdk.RoomsService).Validate)
}

func roomsDeactivate(ctx context.Context, c *cli, args []string) error {
	return roomByID(ctx, c, args, "deactivate", "Deactivates a room: nobody can join it any more.", (*videosdk.RoomsService).Deactivate)
}

// roomByID runs a call that takes one room id and answers the room.
func roomByID(ctx context.Context, c *cli, args []string, name, desc string,
	call func(*videosdk.RoomsService, context.Context, string) (*videosdk.Room, error)) error {
	f := c.flags("videosdk rooms "+name, "ROOM_ID", desc).withJSON().withCredentials()
	return runGet(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, id string) (*videosdk.Room, error) {
		return call(cl.Rooms, ctx, id)
	}, func(r *videosdk.Room) error { return c.showRoom(f, r) })
}

func roomStatus(r *videosdk.Room) string {
	if r.Disabled {
		return "deactivated"
	}
	return "enabled"
}

func (c *cli) showRoom(f *flagSet, r *videosdk.Room) error {
	if f.json {
		return c.printJSON(r)
	}
	pairs := [][2]string{
		kv("Room ID", r.RoomID),
		kv("Custom room ID", r.CustomRoomID),
		kv("Status", roomStatus(r)),
		kv("Created", fmtTime(r.CreatedAt)),
		kv("Updated", fmtTime(r.UpdatedAt)),
		kv("Geo fence", string(r.GeoFence)),
	}
	if r.Webhook != nil {
		events := make([]string, len(r.Webhook.Events))
		for i, e := range r.Webhook.Events {
			events[i] = string(e)
		}
		pairs = append(pairs, kv("Webhook", r.Webhook.EndPoint+" ("+strings.Join(events, ", ")+")"))
	}
	if r.AutoCloseConfig != nil {
		pairs = append(pairs, kv("Auto close", string(r.AutoCloseConfig.Type)))
	}
	if len(r.AllowedParticipantIDs) > 0 {
		pairs = append(pairs, kv("Allowed participants", strings.Join(r.AllowedParticipantIDs, ", ")))
	}
	return c.details(pairs...)
}

func roomsList(ctx context.Context, c *cli, args []string) error {
	f := c.flags("videosdk rooms list", "", "Lists rooms, newest first.").withJSON().withLimit().withCredentials()
	var p videosdk.ListRoomsParams
	f.StringVar(&p.Query, "query", "", "only the room whose roomId or customRoomId is `ID`")
	return runList(ctx, f, args, func(ctx context.Context, cl *videosdk.Client, o videosdk.ListOptions) iter.Seq2[videosdk.Room, error] {
		p.ListOptions = o
		return cl.Rooms.All(ctx, p)
	}, func(rooms []videosdk.Room) error {
		t := c.table("ROOM ID", "CUSTOM ROOM ID", "STATUS", "CREATED")
		for i := range rooms {
			r := &rooms[i]
			t.row(r.RoomID, r.CustomRoomID, roomStatus(r), fmtTime(r.CreatedAt))
		}
		return t.flush()
	})
}
