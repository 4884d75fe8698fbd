package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/videosdk-go/videosdk"
)

const inspectDesc = `Decodes a token, verifies it when the secret is known (-secret, else $VIDEOSDK_SECRET or
$VIDEOSDK_SECRET_KEY), and explains every problem in plain words: expiry, claims the API refuses,
a "Bearer " prefix, an API key or secret where a token belongs, and more. TOKEN - reads it from stdin.
Exits 1 when the signature does not match or a problem makes the API refuse the token.`

// leeway is the clock skew tolerated for iat and nbf (as the SDK does).
const leeway = 5 * time.Second

// finding is one thing inspect found: an error makes the API refuse the
// token, a warning is probably a mistake, a note explains.
type finding struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// inspection is what inspect prints.
type inspection struct {
	Header    map[string]any `json:"header,omitempty"`
	Claims    map[string]any `json:"claims,omitempty"`
	Signature string         `json:"signature"`
	Valid     bool           `json:"valid"`
	Problems  []finding      `json:"problems"`

	payload map[string]json.RawMessage
}

func (in *inspection) add(severity, format string, args ...any) {
	in.Problems = append(in.Problems, finding{severity, fmt.Sprintf(format, args...)})
}

func (in *inspection) fatal() bool {
	return slices.ContainsFunc(in.Problems, func(f finding) bool { return f.Severity == "error" })
}

func tokenInspect(_ context.Context, c *cli, args []string) error {
	f := c.flags("videosdk token inspect", "TOKEN", inspectDesc).withJSON()
	var secret, apiKey, use string
	f.StringVar(&secret, "secret", "", "verify with this API `SECRET` (default $VIDEOSDK_SECRET or $VIDEOSDK_SECRET_KEY)")
	f.StringVar(&apiKey, "api-key", "", "expect this API `KEY` (default $VIDEOSDK_API_KEY)")
	f.StringVar(&use, "use", "", "what the token is for, to check its roles: `join` (a meeting) or server (the REST API)")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if use != "" && use != "join" && use != "server" {
		return f.fail("-use must be join or server")
	}
	raw := pos[0]
	if raw == "-" {
		b, err := io.ReadAll(io.LimitReader(c.stdin, 64<<10))
		if err != nil {
			return fmt.Errorf("reading the token from stdin: %w", err)
		}
		raw = string(b)
	}
	if strings.TrimSpace(raw) == "" {
		return f.fail("the token is empty")
	}
	secretFrom := "-secret"
	if secret == "" {
		secret, secretFrom = c.getenv("VIDEOSDK_SECRET"), "$VIDEOSDK_SECRET"
		if secret == "" {
			secret, secretFrom = c.getenv("VIDEOSDK_SECRET_KEY"), "$VIDEOSDK_SECRET_KEY"
		}
	}
	apiKeyFrom := "-api-key"
	if apiKey == "" {
		apiKey, apiKeyFrom = c.getenv("VIDEOSDK_API_KEY"), "$VIDEOSDK_API_KEY"
	}
	in := inspect(raw, secret, secretFrom, apiKey, apiKeyFrom, use, c.now())
	if f.json {
		if err := c.printJSON(in); err != nil {
			return err
		}
	} else if err := c.printInspection(in); err != nil {
		return err
	}
	if !in.Valid {
		return errTokenRefused
	}
	return nil
}

// errTokenRefused ends inspect with exit 1 once the problems are printed.
var errTokenRefused = errors.New("the token has problems (see above)")

var (
	uuidRe   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	hexRe    = regexp.MustCompile(`^[0-9a-fA-F]{32,128}$`)
	apiKeyRe = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)
)

// inspect analyses a token. It never copies the input into a message: what
// was pasted may be a secret.
func inspect(raw, secret, secretFrom, apiKey, apiKeyFrom, use string, now time.Time) *inspection {
	in := &inspection{Signature: "not checked: no secret (pass -secret or set VIDEOSDK_SECRET)", Problems: []finding{}}
	tok := strings.TrimSpace(raw)
	if len(tok) >= 2 && (tok[0] == '"' && tok[len(tok)-1] == '"' || tok[0] == '\'' && tok[len(tok)-1] == '\'') {
		in.add("warning", "The token is in quotes; they are not part of it (inspected without them).")
		tok = strings.TrimSpace(tok[1 : len(tok)-1])
	}
	if scheme, rest, ok := strings.Cut(tok, " "); ok && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Basic")) {
		in.add("error", "The token starts with %q: VideoSDK takes the raw token in the Authorization header, with no prefix, and refuses it otherwise (401). Remove %q.", scheme+" ", scheme+" ")
		tok = strings.TrimSpace(rest)
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		switch {
		case secret != "" && tok == secret: // before the shapes: a secret may look like a key
			in.add("error", "This is your API secret (%s), not a token. Never send the secret: keep it on your server and use it only to sign tokens ('videosdk token' mints one).", secretFrom)
		case apiKey != "" && tok == apiKey:
			in.add("error", "This is your API key (%s), not a token. The API wants a token (a JWT: three dot-separated parts starting with \"eyJ\") signed with your secret: mint one with 'videosdk token', or let the SDK do it.", apiKeyFrom)
		case uuidRe.MatchString(tok):
			in.add("error", "This is not a token but looks like an API key (a UUID). The API wants a token (a JWT: three dot-separated parts starting with \"eyJ\") signed with your secret: mint one with 'videosdk token', or let the SDK do it.")
		case hexRe.MatchString(tok):
			in.add("error", "This is not a token but looks like an API secret. Never send the secret: keep it on your server and use it only to sign tokens ('videosdk token' mints one).")
		case apiKeyRe.MatchString(tok):
			in.add("error", "This is not a token but looks like an API key. The API wants a token (a JWT: three dot-separated parts starting with \"eyJ\") signed with your secret: mint one with 'videosdk token'.")
		default:
			in.add("error", "This is not a JWT: a token has three parts separated by dots; this has %d.", len(parts))
		}
		in.Signature = "not checked: not a token"
		return in
	}
	if !decodeSegment(parts[0], &in.Header) {
		in.add("error", "The first part (header) is not base64url-encoded JSON: this is not a JWT.")
		in.Signature = "not checked: not a token"
		return in
	}
	if !decodeSegment(parts[1], &in.payload) || !decodeSegment(parts[1], &in.Claims) {
		in.add("error", "The second part (claims) is not base64url-encoded JSON: this is not a JWT.")
		in.Signature = "not checked: not a token"
		return in
	}
	alg, _ := in.Header["alg"].(string)
	switch {
	case strings.EqualFold(alg, "none") || alg == "":
		in.add("error", "The token is not signed (alg %q). VideoSDK tokens are signed with HS256 and your API secret.", alg)
	case alg != "HS256":
		in.add("error", "The token is signed with %s; VideoSDK accepts HS256 (HMAC with your API secret) only.", alg)
	}
	checkClaims(in, apiKey, use, now)
	in.Valid = !in.fatal()
	if secret != "" {
		verify(in, tok, parts, alg, secret, secretFrom)
	}
	return in
}

// decodeSegment decodes one base64url JSON segment (padding tolerated).
func decodeSegment(seg string, v any) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return false
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v) == nil && bytes.HasPrefix(bytes.TrimSpace(b), []byte("{"))
}

// verify checks the token with the SDK's ParseToken. When that refuses it
// for its claims, the signature alone is checked too, to say whether the
// secret is right.
func verify(in *inspection, tok string, parts []string, alg, secret, from string) {
	_, err := videosdk.ParseToken(tok, secret)
	if err == nil {
		in.Signature = "valid (checked with " + from + ")"
		return
	}
	in.Valid = false
	if alg != "HS256" {
		in.Signature = "not checked: only HS256 tokens can be"
		return
	}
	sig, derr := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[2], "="))
	if derr != nil || jwt.SigningMethodHS256.Verify(parts[0]+"."+parts[1], sig, []byte(secret)) != nil {
		in.Signature = "INVALID: does not match the secret from " + from
		in.add("error", "The signature does not match the secret from %s: the token was signed with another secret (another project's?) or changed after signing.", from)
		return
	}
	in.Signature = "matches the secret from " + from + ", but the token is refused"
	if !in.fatal() {
		// The SDK refused something the checks above do not explain.
		in.add("error", "The SDK refuses the token: %s.", strings.TrimPrefix(err.Error(), "videosdk: "))
	}
}

// checkClaims explains the claims a VideoSDK token carries.
func checkClaims(in *inspection, apiKey, use string, now time.Time) {
	p := in.payload
	var key string
	switch v, ok := p["apikey"]; {
	case !ok:
		in.add("error", "There is no \"apikey\" claim: the API cannot tell which project the token is for.")
	case json.Unmarshal(v, &key) != nil || key == "":
		in.add("error", "The \"apikey\" claim is not a non-empty string.")
	case apiKey != "" && key != apiKey:
		in.add("warning", "The token's apikey %q is not the API key given (-api-key or $VIDEOSDK_API_KEY, %q): it belongs to another project.", key, apiKey)
	}

	exp, hasExp := timeClaim(in, "exp")
	switch {
	case !hasExp:
		if _, ok := p["exp"]; !ok {
			in.add("error", "There is no \"exp\" (expiry) claim; VideoSDK tokens need one (the SDK refuses tokens without it). Mint it with a lifetime, e.g. 'videosdk token -ttl 24h'.")
		}
	case !exp.After(now):
		in.add("error", "The token expired %s, at %s. Mint a new one; for longer-lived tokens use a longer -ttl (e.g. 7d), or mint them on your server when needed.", fmtSince(exp, now), fmtTime(exp))
	}
	if nbf, ok := timeClaim(in, "nbf"); ok && nbf.After(now.Add(leeway)) {
		in.add("error", "The token is not valid yet: not before %s (%s).", fmtTime(nbf), fmtSince(nbf, now))
	}
	if iat, ok := timeClaim(in, "iat"); ok && iat.After(now.Add(leeway)) {
		in.add("error", "The token was issued in the future (%s, %s): the clock of this machine or of the one that signed it is wrong.", fmtTime(iat), fmtSince(iat, now))
	}

	perms, ok := stringList(in, "permissions")
	if !ok {
		in.add("error", "There is no \"permissions\" claim; VideoSDK's claim table makes it mandatory (the API refuses the token, 401). Grant allow_join (or ask_join).")
	}
	if ok {
		if len(perms) == 0 {
			in.add("error", "There are no permissions; VideoSDK's claim table requires a non-empty list (the API refuses the token, 401). Grant allow_join (or ask_join).")
		}
		for _, perm := range perms {
			switch videosdk.Permission(perm) {
			case videosdk.PermissionAllowJoin, videosdk.PermissionAskJoin, videosdk.PermissionAllowMod:
			default:
				in.add("error", "Unknown permission %q: VideoSDK knows allow_join, ask_join and allow_mod.", perm)
			}
		}
		if slices.Contains(perms, "allow_join") && slices.Contains(perms, "ask_join") {
			in.add("warning", "The token has both allow_join and ask_join: allow_join lets the holder in directly, ask_join makes them wait to be admitted. Grant one of them.")
		}
	}

	roles, hasRoles := stringList(in, "roles")
	for i, r := range roles {
		// Role values match in any case (the legacy docs spell CRAWLER).
		r = strings.ToLower(r)
		roles[i] = r
		switch videosdk.Role(r) {
		case videosdk.RoleCrawler, videosdk.RoleRTC:
		default:
			in.add("error", "Unknown role %q: VideoSDK knows crawler (server API) and rtc (joining meetings).", r)
		}
	}

	version, hasVersion := p["version"]
	var v2 bool
	if hasVersion {
		switch n, ok := jsonNumber(version); {
		case !ok:
			in.add("error", "The \"version\" claim is %s; it must be the number 2.", describeJSON(version))
		case n.String() != "2":
			in.add("error", "The \"version\" claim is %s; the only version is 2.", n)
		default:
			v2 = true
		}
	}
	var needV2 []string
	for _, name := range []string{"roomId", "participantId", "roles"} {
		if _, ok := p[name]; ok {
			needV2 = append(needV2, name)
		}
	}
	if len(needV2) > 0 && !v2 {
		in.add("error", "The token has %s but not \"version\": 2, which they need: the API refuses it (401). Add \"version\": 2.", strings.Join(quoteAll(needV2), " and "))
	}
	for _, name := range []string{"roomId", "participantId"} {
		if v, ok := p[name]; ok {
			var s string
			if json.Unmarshal(v, &s) != nil || s == "" {
				in.add("error", "The %q claim is not a non-empty string.", name)
			}
		}
	}

	rtc, crawler := slices.Contains(roles, "rtc"), slices.Contains(roles, "crawler")
	switch {
	case rtc && !crawler && use == "server":
		in.add("error", "The token has role rtc only: it can join meetings but the server API refuses it (403). Use a server token (role crawler), e.g. 'videosdk token -server'.")
	case rtc && !crawler:
		in.add("note", "Role rtc: the token can join meetings but not call the server API (403 there). Right for a front end.")
	case crawler && !rtc && use == "join":
		in.add("error", "The token has role crawler only: it can call the server API but cannot join a meeting. Mint a participant token (role rtc).")
	case crawler && !rtc:
		in.add("note", "Role crawler: the token can call the server API but cannot join meetings.")
	case !hasRoles && !hasVersion:
		in.add("note", "No roles and no version: a legacy, unrestricted token that can both join meetings and call the server API. Give front ends a token with role rtc instead.")
	}
	if use == "server" && !crawler && hasRoles && !rtc {
		in.add("error", "The token has no crawler role, which the server API needs.")
	}
}

// timeClaim reads a NumericDate claim; a malformed one is an error finding.
func timeClaim(in *inspection, name string) (time.Time, bool) {
	v, ok := in.payload[name]
	if !ok {
		return time.Time{}, false
	}
	n, ok := jsonNumber(v)
	f, err := n.Float64()
	if !ok || err != nil || f <= 0 || f > 1e11 {
		in.add("error", "The %q claim is %s; it must be a time in Unix seconds.", name, describeJSON(v))
		return time.Time{}, false
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
}

// jsonNumber reads a JSON number; a number in a string ("2") is not one,
// though encoding/json would accept it into a json.Number.
func jsonNumber(v json.RawMessage) (json.Number, bool) {
	t := bytes.TrimSpace(v)
	if len(t) == 0 || t[0] == '"' {
		return "", false
	}
	var n json.Number
	return n, json.Unmarshal(t, &n) == nil
}

// stringList reads a claim that must be an array of strings.
func stringList(in *inspection, name string) ([]string, bool) {
	v, ok := in.payload[name]
	if !ok {
		return nil, false
	}
	var out []string
	if err := json.Unmarshal(v, &out); err != nil {
		in.add("error", "The %q claim is %s; it must be an array of strings.", name, describeJSON(v))
		return nil, true
	}
	return out, true
}

// describeJSON names a JSON value's type (and a short scalar's value).
func describeJSON(v json.RawMessage) string {
	t := bytes.TrimSpace(v)
	switch {
	case len(t) == 0:
		return "empty"
	case t[0] == '"':
		if len(t) <= 24 {
			return "the string " + string(t)
		}
		return "a string"
	case t[0] == '[':
		return "an array"
	case t[0] == '{':
		return "an object"
	case string(t) == "null":
		return "null"
	case string(t) == "true" || string(t) == "false":
		return "the boolean " + string(t)
	}
	if len(t) <= 24 {
		return string(t)
	}
	return "a number"
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

func (c *cli) printInspection(in *inspection) error {
	var pairs [][2]string
	if in.Header != nil {
		alg, _ := in.Header["alg"].(string)
		pairs = append(pairs, kv("Algorithm", alg))
	}
	if in.Claims != nil {
		known := map[string]string{"apikey": "API key", "permissions": "Permissions", "roles": "Roles",
			"version": "Version", "roomId": "Room ID", "participantId": "Participant ID"}
		for _, name := range []string{"apikey", "permissions", "roles", "version", "roomId", "participantId"} {
			if v, ok := in.Claims[name]; ok {
				pairs = append(pairs, kv(known[name], claimText(v)))
			}
		}
		for _, name := range []string{"iat", "nbf", "exp"} {
			if t, ok := claimTime(in.Claims[name]); ok {
				label := map[string]string{"iat": "Issued", "nbf": "Not before", "exp": "Expires"}[name]
				pairs = append(pairs, kv(label, fmtTime(t)+" ("+fmtSince(t, c.now())+")"))
			}
		}
		var other []string
		for name := range in.Claims {
			if _, ok := known[name]; !ok && name != "iat" && name != "nbf" && name != "exp" {
				other = append(other, name)
			}
		}
		sort.Strings(other)
		if len(other) > 0 {
			pairs = append(pairs, kv("Other claims", strings.Join(other, ", ")))
		}
	}
	pairs = append(pairs, kv("Signature", in.Signature))
	if err := c.details(pairs...); err != nil {
		return err
	}
	if len(in.Problems) == 0 {
		_, err := fmt.Fprintln(c.stdout, "\nNo problems found.")
		return err
	}
	fmt.Fprintln(c.stdout)
	for _, p := range in.Problems {
		fmt.Fprintf(c.stdout, "%-8s %s\n", p.Severity+":", printable(p.Message))
	}
	return nil
}

func claimText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		s := make([]string, len(t))
		for i, x := range t {
			s[i] = claimText(x)
		}
		return strings.Join(s, ", ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func claimTime(v any) (time.Time, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil || f <= 0 || f > 1e11 {
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0).UTC(), true
}
