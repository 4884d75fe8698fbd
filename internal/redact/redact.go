// Package redact keeps secrets and terminal control out of the text a server
// can put into an error or a log line. It is used on error and logging paths
// only: nothing here runs for a successful call without a logger.
//
// Three pieces, each used at one entry point:
//
//   - Bytes and String replace known secrets (the token a request carried,
//     the API secret) and every JWT-shaped run with "[redacted]", also where
//     a JSON string spells them with escapes (\u002e for a dot, \/ for a
//     slash).
//   - URL reduces a URL from a server (a redirect's Location) to scheme, host
//     and path: no user info, query or fragment.
//   - Text makes server text safe to print in one line: control and
//     invisible formatting characters escaped, length capped, JWT-shaped runs
//     redacted. Every Error() method that shows server text uses it.
package redact

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Marker replaces a secret.
const Marker = "[redacted]"

// minSecret is the shortest known secret searched for literally: shorter
// strings would redact ordinary words (real secrets and tokens are 32+ bytes).
const minSecret = 8

// Bytes returns b with every occurrence of a secret (literal or JSON-escaped)
// and every JWT-shaped run replaced by Marker. It returns b itself when there
// is nothing to replace, so it costs no allocation on a clean text.
func Bytes(b []byte, secrets ...string) []byte {
	view, pos := b, []int32(nil)
	if hasEscape(b) {
		view, pos = unescape(b)
	}
	spans := findSpans(view, secrets)
	if len(spans) == 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	last := 0
	for _, sp := range spans {
		start, end := sp[0], sp[1]
		if pos != nil {
			start, end = int(pos[start]), int(pos[end])
		}
		out = append(out, b[last:start]...)
		out = append(out, Marker...)
		last = end
	}
	return append(out, b[last:]...)
}

// String is Bytes for a string.
func String(s string, secrets ...string) string {
	if s == "" {
		return s
	}
	if !mayHoldSecret(s, secrets) {
		return s
	}
	b := Bytes([]byte(s), secrets...)
	return string(b)
}

// mayHoldSecret is a cheap pre-check: a JWT starts with "eyJ" (or an escape
// of its first letter), a known secret appears literally, or escapes hide one.
func mayHoldSecret(s string, secrets []string) bool {
	if strings.Contains(s, "eyJ") || strings.Contains(s, `\`) {
		return true
	}
	for _, sec := range secrets {
		if len(sec) >= minSecret && strings.Contains(s, sec) {
			return true
		}
	}
	return false
}

// findSpans returns the sorted, merged [start, end) ranges of view to redact.
func findSpans(view []byte, secrets []string) [][2]int {
	var spans [][2]int
	for _, sec := range secrets {
		if len(sec) < minSecret {
			continue
		}
		for i := 0; ; {
			j := bytes.Index(view[i:], []byte(sec))
			if j < 0 {
				break
			}
			spans = append(spans, [2]int{i + j, i + j + len(sec)})
			i += j + len(sec)
		}
	}
	spans = append(spans, jwtSpans(view)...)
	if len(spans) < 2 {
		return spans
	}
	// Few spans: insertion sort, then merge overlaps.
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j][0] < spans[j-1][0]; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	merged := spans[:1]
	for _, sp := range spans[1:] {
		last := &merged[len(merged)-1]
		if sp[0] <= last[1] {
			last[1] = max(last[1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// jwtSpans finds JWT-shaped runs: "eyJ" ({" in base64url) followed by
// base64url characters holding at least two dots, 20 bytes or more.
func jwtSpans(b []byte) [][2]int {
	const marker = "eyJ"
	var spans [][2]int
	for i := 0; i+len(marker) <= len(b); {
		j := bytes.Index(b[i:], []byte(marker))
		if j < 0 {
			break
		}
		start := i + j
		end, dots := start, 0
		for end < len(b) && (isTokenByte(b[end]) || b[end] == '.') {
			if b[end] == '.' {
				dots++
			}
			end++
		}
		if dots >= 2 && end-start >= 20 {
			spans = append(spans, [2]int{start, end})
		}
		i = max(end, start+1)
	}
	return spans
}

// isTokenByte: base64url, plus the standard alphabet's + / = so a token
// re-encoded or padded by a proxy is still caught whole.
func isTokenByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=' || c == '+' || c == '/'
}

func hasEscape(b []byte) bool {
	return bytes.Contains(b, []byte(`\u`)) || bytes.Contains(b, []byte(`\/`))
}

// unescape decodes the escapes that can spell a token or secret character:
// \uXXXX of a printable ASCII character other than the quote and the
// backslash, and \/. Any number of backslashes before the u or / counts as
// one, so the same text quoted once more (a decoder's error quoting the raw
// JSON, "\\u002e") is read the same way; redacting a little too much is the
// safe side. Everything else is copied as it is. pos maps each byte of view
// (and its end) to its offset in b, so a span found in view replaces exactly
// the escaped text in b. Offsets are int32: b is at most a few MiB here.
func unescape(b []byte) (view []byte, pos []int32) {
	view = make([]byte, 0, len(b))
	pos = make([]int32, 0, len(b)+1)
	for i := 0; i < len(b); {
		if b[i] == '\\' {
			j := i
			for j < len(b) && b[j] == '\\' {
				j++
			}
			if j < len(b) && b[j] == '/' {
				view = append(view, '/')
				pos = append(pos, int32(i))
				i = j + 1
				continue
			}
			if j+5 <= len(b) && b[j] == 'u' {
				if r, err := strconv.ParseUint(string(b[j+1:j+5]), 16, 16); err == nil && r > 0x20 && r < 0x7f && r != '"' && r != '\\' {
					view = append(view, byte(r))
					pos = append(pos, int32(i))
					i = j + 5
					continue
				}
			}
			for ; i < j; i++ {
				view = append(view, '\\')
				pos = append(pos, int32(i))
			}
			continue
		}
		view = append(view, b[i])
		pos = append(pos, int32(i))
		i++
	}
	pos = append(pos, int32(len(b)))
	return view, pos
}

// URL reduces a URL a server sent (a redirect's Location) to what may be
// shown: scheme, host and path, or the path alone for a relative URL. User
// info, query and fragment are dropped; "" when it does not parse.
func URL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteString(":")
	}
	if u.Host != "" {
		b.WriteString("//")
		b.WriteString(u.Host)
	}
	if u.Opaque == "" {
		b.WriteString(u.Path)
	}
	return b.String()
}

// Text makes server text safe for a one-line message: JWT-shaped runs are
// redacted, control characters (C0, DEL, C1), line and paragraph separators
// and invisible formatting characters (bidirectional overrides and the like)
// are written as Go escapes with upper-case hex (\n, \x1B, \u202E), invalid
// UTF-8 as \xNN, and
// the result is cut to at most max bytes plus "…". A backslash is kept as
// it is. Clean, short text is returned unchanged without allocating.
func Text(s string, max int) string {
	if clean(s, max) {
		return s
	}
	s = String(s)
	var b strings.Builder
	b.Grow(min(len(s), max) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var piece string
		switch {
		case r == utf8.RuneError && size == 1:
			piece = `\x` + hexUpper(uint32(s[i]), 2)
		case r == '\n':
			piece = `\n`
		case r == '\r':
			piece = `\r`
		case r == '\t':
			piece = `\t`
		case unsafeRune(r) && r < 0x100:
			piece = `\x` + hexUpper(uint32(r), 2)
		case unsafeRune(r) && r < 0x10000:
			piece = `\u` + hexUpper(uint32(r), 4)
		case unsafeRune(r):
			piece = `\U` + hexUpper(uint32(r), 8)
		default:
			piece = s[i : i+size]
		}
		if b.Len()+len(piece) > max {
			b.WriteString("…")
			return b.String()
		}
		b.WriteString(piece)
		i += size
	}
	return b.String()
}

// clean reports whether s needs no work from Text: short, printable ASCII
// only, and no "eyJ".
func clean(s string, max int) bool {
	if len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return !strings.Contains(s, "eyJ")
}

// unsafeRune: characters that must not reach a log line as they are.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

// hexUpper writes v as n upper-case hex digits. Upper case on purpose: a
// lower-case escape such as \xde or \u202e followed by "yJ…" would spell
// "eyJ…", a JWT-shaped run that was not there (found by FuzzText).
func hexUpper(v uint32, n int) string {
	const digits = "0123456789ABCDEF"
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = digits[v&0xf]
		v >>= 4
	}
	return string(b)
}
