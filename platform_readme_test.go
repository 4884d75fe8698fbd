package videosdk_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEPlatformSnippets holds the README's platform snippets to the
// runnable examples: each must appear in one of them (indentation and
// blank lines aside).
func TestREADMEPlatformSnippets(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var examples strings.Builder
	for _, name := range []string{"agents_example_test.go", "batch_calls_example_test.go", "alerts_example_test.go",
		"ingest_example_test.go", "connectors_example_test.go", "resource_pool_example_test.go"} {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		examples.WriteString(normalizeCode(string(b)))
	}
	const section = "## AI agents, batch calls and the rest of the platform\n"
	i := strings.Index(string(readme), section)
	require.GreaterOrEqual(t, i, 0, "README.md has no %q", section)
	body := string(readme[i+len(section):])
	if j := strings.Index(body, "\n## "); j >= 0 {
		body = body[:j]
	}
	n := 0
	for _, block := range strings.Split(body, "```go\n")[1:] {
		code := block[:strings.Index(block, "```")]
		assert.Contains(t, examples.String(), normalizeCode(code), "README snippet is not in a runnable example:\n%s", code)
		n++
	}
	assert.Equal(t, 5, n, "snippets checked")
}
