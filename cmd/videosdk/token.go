package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/videosdk-go/videosdk"
)

const tokenDesc = `Mints a token signed with your API secret and prints it.

By default it is a participant token for a front end: role rtc (it can join meetings, not call the
server API), allow_join, valid 2h. -server mints a server token instead (role crawler, allow_join and
allow_mod), as the SDK uses for the REST API, e.g. for curl:

  curl -H "Authorization: $(videosdk token -server)" https://api.videosdk.live/v2/rooms

To explain a token (expiry, claims, problems): videosdk token inspect TOKEN [-secret S]`

func runToken(ctx context.Context, c *cli, args []string) error {
	if len(args) > 0 && args[0] == "inspect" {
		return tokenInspect(ctx, c, args[1:])
	}
	f := c.flags("videosdk token", "", tokenDesc).withJSON().withKeys()
	var room, participant, roles, perms, ttl string
	f.StringVar(&room, "room", "", "restrict the token to room `ID`")
	f.StringVar(&participant, "participant", "", "restrict the token to participant `ID`")
	f.StringVar(&roles, "role", "rtc", "comma-separated `ROLES`: rtc (join meetings only), crawler (server API only), or none (unrestricted legacy token)")
	f.StringVar(&perms, "perm", "", "comma-separated `PERMISSIONS`: allow_join, ask_join, allow_mod (default allow_join)")
	f.StringVar(&ttl, "ttl", "", "the token's lifetime `DURATION`, e.g. 30m, 24h or 7d (default 2h)")
	server := f.Bool("server", false, "mint a server token (role crawler, allow_join and allow_mod) for the REST API")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	var p videosdk.TokenParams
	var err error
	if p.TTL, err = parseTTL(ttl); err != nil {
		return f.fail("-ttl: %v", err)
	}
	if *server {
		for _, n := range []string{"room", "participant", "role", "perm"} {
			if f.given(n) {
				return f.fail("-server mints the SDK's server token; it does not take -%s", n)
			}
		}
		p.Roles = []videosdk.Role{videosdk.RoleCrawler}
		p.Permissions = []videosdk.Permission{videosdk.PermissionAllowJoin, videosdk.PermissionAllowMod}
	} else {
		p.RoomID, p.ParticipantID = room, participant
		if roles != "none" {
			for _, r := range csv(roles) {
				p.Roles = append(p.Roles, videosdk.Role(r))
			}
		}
		for _, perm := range csv(perms) {
			p.Permissions = append(p.Permissions, videosdk.Permission(perm))
		}
	}
	key, secret, err := f.credentials()
	if err != nil {
		return err
	}
	tok, err := videosdk.GenerateToken(key, secret, p)
	if err != nil {
		return err
	}
	if !f.json {
		_, err = fmt.Fprintln(c.stdout, tok)
		return err
	}
	claims, err := videosdk.ParseToken(tok, secret)
	if err != nil {
		return err
	}
	return c.printJSON(struct {
		Token  string           `json:"token"`
		Claims *videosdk.Claims `json:"claims"`
	}{tok, claims})
}

// maxTTL bounds a lifetime (and keeps the arithmetic from overflowing).
const (
	maxTTLDays = 3650
	maxTTL     = maxTTLDays * 24 * time.Hour
)

// parseTTL reads a token lifetime: a Go duration (90m, 24h), a number of
// days (7d) or of seconds (3600), as the official SDKs accept. "" is 0, the
// SDK's default.
func parseTTL(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n > maxTTLDays {
			return 0, fmt.Errorf("%q is not a whole number of days up to %d", s, maxTTLDays)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else if n, err := strconv.Atoi(s); err == nil {
		d = time.Duration(min(n, maxTTLDays*86400+1)) * time.Second
	} else if d, err = time.ParseDuration(s); err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 30m, 24h or 7d", s)
	}
	if d <= 0 || d > maxTTL {
		return 0, fmt.Errorf("%q is not a duration from 1s to 10 years", s)
	}
	return d, nil
}
