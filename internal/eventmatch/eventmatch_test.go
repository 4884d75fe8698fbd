package eventmatch

import "testing"

func TestMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "recording-started", true},
		{"*", "", true},
		{"recording-*", "recording-started", true},
		{"recording-*", "recording-", true},
		{"recording-*", "participant-recording-started", false},
		{"*-stopped", "hls-stopped", true},
		{"*-stopped", "hls-stopping", false},
		{"*recording*", "participant-track-recording-failed", true},
		{"participant-*-started", "participant-track-recording-started", true},
		{"participant-*-started", "participant-joined", false},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYYcd", false},
		{"a*a", "aaa", true},
		{"session-ended", "session-ended", true},
		{"session-ended", "session-ende", false},
		{"session-ended", "session-ended2", false},
		{"", "", true},
		{"", "x", false},
		{"**", "x", true},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func TestSpecificity(t *testing.T) {
	t.Parallel()
	if !(Specificity("recording-*") > Specificity("*")) || Specificity("*") != 0 || Specificity("hls-started") != len("hls-started") {
		t.Fatal("specificity must count the literal characters")
	}
}

func TestAny(t *testing.T) {
	t.Parallel()
	type name string
	if !Any([]name{"hls-*", "session-ended"}, "session-ended") || Any([]name{"hls-*"}, "session-ended") || Any[string](nil, "x") {
		t.Fatal("Any must report a match of any pattern and nothing for none")
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("recording-*", "recording-started")
	f.Add("*a*b", "xxaxxb")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if len(pattern) > 256 || len(name) > 256 {
			return
		}
		got := Match(pattern, name)
		if want := naive(pattern, name); got != want {
			t.Fatalf("Match(%q, %q) = %v, naive says %v", pattern, name, got, want)
		}
	})
}

// naive is the obviously correct dynamic-programming matcher the fast one is
// held to: m[i][j] says whether p[i:] matches n[j:].
func naive(p, n string) bool {
	m := make([][]bool, len(p)+1)
	for i := range m {
		m[i] = make([]bool, len(n)+1)
	}
	m[len(p)][len(n)] = true
	for i := len(p) - 1; i >= 0; i-- {
		for j := len(n); j >= 0; j-- {
			if p[i] == '*' {
				m[i][j] = m[i+1][j] || (j < len(n) && m[i][j+1])
			} else {
				m[i][j] = j < len(n) && p[i] == n[j] && m[i+1][j+1]
			}
		}
	}
	return m[0][0]
}
