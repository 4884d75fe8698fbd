package main

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// hostile is text a token, a server or a CDN could send to a terminal: an
// OSC title, a bell, clear-screen and cursor-up, a C1 CSI (U+009B), a
// right-to-left override and invalid UTF-8.
const hostile = "\x1b]0;x\a\x1b[2J\x1b[1A\u009b2J\u202eroom\xff"

// assertPrintable fails when out would drive a terminal rather than show
// text: any control character but \n, any invisible formatting character,
// invalid UTF-8.
func assertPrintable(t *testing.T, out string) {
	t.Helper()
	assert.True(t, utf8.ValidString(out), "invalid UTF-8 in %q", out)
	for _, r := range out {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			assert.Fail(t, "terminal control in output", "%U in %q", r, out)
			return
		}
	}
}

func TestPrintable(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `\x1B]0;x\x07\x1B[2J\x1B[1A\u009B2J\u202Eroom\xFF`, printable(hostile))
	assert.Equal(t, `a\tb\nc\rd`, printable("a\tb\nc\rd"))
	for _, s := range []string{"", "plain text", "émoji 🎥 ünïcode", `back\slash`} {
		assert.Equal(t, s, printable(s))
	}
	assertPrintable(t, printable(hostile))
	assert.Equal(t, "-", cell(""))
	assert.Equal(t, printable(hostile), cell(hostile))
}
