// Package eventmatch matches webhook event names against the subscription
// patterns VideoSDK accepts in a room's webhook.events ("*", "recording-*").
// The SDK's WebhookHandler and videosdktest's deliveries both use it, so a
// pattern means the same on both sides.
package eventmatch

import "strings"

// Match reports whether name matches pattern. Each '*' in pattern stands for
// any run of characters, the empty one included; every other character
// matches itself. A pattern without '*' matches only the identical name.
func Match(pattern, name string) bool {
	// Two-pointer wildcard match: on a mismatch, backtrack to just after the
	// last '*' and let it swallow one more character of name.
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && pattern[p] == name[n]:
			p++
			n++
		case star >= 0:
			p = star + 1
			mark++
			n = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// Specificity ranks a matching pattern: the number of characters in it
// other than '*'. Of several patterns that match a name, the one with the
// highest specificity is the most specific ("recording-*" over "*").
func Specificity(pattern string) int {
	return len(pattern) - strings.Count(pattern, "*")
}

// Any reports whether name matches at least one of patterns.
func Any[S ~string](patterns []S, name string) bool {
	for _, p := range patterns {
		if Match(string(p), name) {
			return true
		}
	}
	return false
}
