package redact

import (
	"strings"
	"testing"
	"unicode/utf8"
)

const tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlrZXkiOiJrIn0.sig-Part_1"

func TestBytesJWTShapes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                               "",
		"no token here":                  "no token here",
		"eyJ alone":                      "eyJ alone",
		"Authorization: " + tok + "\r\n": "Authorization: [redacted]\r\n",
		`{"headers":{"authorization":"` + tok + `"}}`: `{"headers":{"authorization":"[redacted]"}}`,
		tok + " and " + tok:                           "[redacted] and [redacted]",
		"eyJshort.a.b":                                "eyJshort.a.b",
		"eyJnodots_but_very_long_value_here":          "eyJnodots_but_very_long_value_here",
	} {
		if got := string(Bytes([]byte(in))); got != want {
			t.Errorf("Bytes(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBytesEscapedForms: the token and the secret inside a JSON string
// written with escapes are found, and exactly the escaped text is replaced.
func TestBytesEscapedForms(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t/with+slash"
	dotted := strings.ReplaceAll(tok, ".", `\u002e`)
	for in, want := range map[string]string{
		`{"message":"bad token ` + dotted + `"}`:                               `{"message":"bad token [redacted]"}`,
		`{"m":"` + strings.ReplaceAll(tok, ".", `\u002E`) + `!"}`:              `{"m":"[redacted]!"}`,
		`{"m":"\u0065yJ` + tok[3:] + `"}`:                                      `{"m":"[redacted]"}`,
		`{"m":"` + strings.ReplaceAll(secret, "/", `\/`) + `"}`:                `{"m":"[redacted]"}`,
		`{"m":"key=` + secret + `","n":"\n"}`:                                  `{"m":"key=[redacted]","n":"\n"}`,
		`{"m":"\\u002e is text, \u0041 stays \"A\" when nothing is redacted"}`: `{"m":"\\u002e is text, \u0041 stays \"A\" when nothing is redacted"}`,
		// A decoder's error quotes the raw JSON once more: \\u002e.
		`parsing time "` + strings.ReplaceAll(tok, ".", `\\u002e`) + `": bad`: `parsing time "[redacted]": bad`,
		`{"m":"` + secret[:6] + `"}`:                                          `{"m":"` + secret[:6] + `"}`,
	} {
		if got := string(Bytes([]byte(in), "", secret)); got != want {
			t.Errorf("Bytes(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestBytesExactSecrets(t *testing.T) {
	t.Parallel()
	// A secret that is not JWT-shaped is found only when named; short
	// strings are never searched (they would redact ordinary words).
	if got := string(Bytes([]byte("a rel-SECRET-q8Zt3Wm1xVb7 b"), "rel-SECRET-q8Zt3Wm1xVb7")); got != "a [redacted] b" {
		t.Errorf("got %q", got)
	}
	if got := string(Bytes([]byte("the key is short"), "short")); got != "the key is short" {
		t.Errorf("got %q", got)
	}
	// Overlapping finds merge into one marker.
	if got := string(Bytes([]byte("x "+tok+" y"), tok[10:40])); got != "x [redacted] y" {
		t.Errorf("got %q", got)
	}
	clean := []byte("nothing to hide")
	if got := Bytes(clean, "secret-value-1"); &got[0] != &clean[0] {
		t.Error("a clean text is returned as it is")
	}
}

func TestURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://user:pw@api.example.com:8443/v2/rooms?token=abc#frag": "https://api.example.com:8443/v2/rooms",
		"/v2/rooms/x?page=2":       "/v2/rooms/x",
		"http://h/a%2Fb?k=v":       "http://h/a/b",
		"mailto:someone@x.example": "mailto:",
		"::not a url":              "",
		"":                         "",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"Room not found.", "Room not found."},
		{"line one\nline two\r\n\tend", `line one\nline two\r\n\tend`},
		{"\x1b[31mred\x1b[0m", `\x1B[31mred\x1B[0m`},
		{"bidi \u202eevil", `bidi \u202Eevil`},
		{"sep\u2028x\u0085y", `sep\u2028x\x85y`},
		{"bad \xff utf8", `bad \xFF utf8`},
		// Found by FuzzText: a lower-case escape spelt "eyJ" with what follows.
		{"\xdeyJ.cGlrZXkiOiJrIn0.", `\xDEyJ.cGlrZXkiOiJrIn0.`},
		{"\u202eyJhbGciOiJIUzI1NiJ9.e30.", `\u202EyJhbGciOiJIUzI1NiJ9.e30.`},
		{`back\slash kept`, `back\slash kept`},
		{"café ünïcode", "café ünïcode"},
		{"token " + tok, "token [redacted]"},
	} {
		if got := Text(tc.in, 100); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := strings.Repeat("é", 100)
	got := Text(long, 51)
	if len(got) > 51+len("…") || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("cut %q", got)
	}
	if got := Text(strings.Repeat("\n", 100), 10); got != `\n\n\n\n\n…` {
		t.Errorf("cut escapes %q", got)
	}
}

func TestTextDoesNotAllocateWhenClean(t *testing.T) {
	s := "Room not found. (request id r-1)"
	if n := testing.AllocsPerRun(100, func() { _ = Text(s, 512) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// FuzzText: whatever the input, Text's output has no control or invisible
// formatting character, is valid UTF-8, is capped, and holds no JWT-shaped run.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "a\nb", "\x1b[2J", "\u202e", tok, strings.ReplaceAll(tok, ".", `\u002e`), "\xff\xfe", strings.Repeat("é", 300)} {
		f.Add(s, 64)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = 1 + abs(max)%1024
		got := Text(s, max)
		if len(got) > max+len("…") {
			t.Fatalf("%d bytes over the cap %d", len(got), max)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q", got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("unsafe rune %U in %q", r, got)
			}
		}
		if len(jwtSpans([]byte(got))) > 0 {
			t.Fatalf("JWT-shaped run in %q", got)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
