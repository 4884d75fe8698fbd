package videosdk

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var apiLineRe = regexp.MustCompile(`^API: (GET|POST|PUT|PATCH|DELETE) (/[^\s?]+)(\?\S*)?$`)

// TestAPICoverage reads the "API: METHOD /path" line that ends the doc
// comment of every exported service method (and of the Client's own calls),
// requires that line on every service method, and holds README.md's endpoint
// count to the number of distinct endpoints found (a query such as
// ?withTranscription=true is the same endpoint). Print the list with:
//
//	go test -run TestAPICoverage -v .
func TestAPICoverage(t *testing.T) {
	t.Parallel()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	endpoints := map[string][]string{} // "METHOD /path" → Go methods
	methods := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			recv := receiverName(fn.Recv.List[0].Type)
			service := strings.HasSuffix(recv, "Service")
			last := ""
			if fn.Doc != nil {
				lines := strings.Split(strings.TrimSpace(fn.Doc.Text()), "\n")
				last = lines[len(lines)-1]
			}
			m := apiLineRe.FindStringSubmatch(last)
			if service {
				methods++
				if !assert.NotNil(t, m, "%s.%s: the doc comment must end with an API: line", recv, fn.Name.Name) {
					continue
				}
			}
			if m != nil {
				key := m[1] + " " + m[2]
				endpoints[key] = append(endpoints[key], recv+"."+fn.Name.Name)
			}
		}
	}
	keys := make([]string, 0, len(endpoints))
	for k := range endpoints {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		pi, pj := strings.SplitN(keys[i], " ", 2)[1], strings.SplitN(keys[j], " ", 2)[1]
		if pi != pj {
			return pi < pj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		t.Logf("%-62s %s", k, strings.Join(endpoints[k], ", "))
	}
	t.Logf("%d distinct endpoints, called by %d service methods", len(keys), methods)

	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	claims := regexp.MustCompile(`(\d+) distinct endpoints`).FindAllSubmatch(readme, -1)
	require.NotEmpty(t, claims, `README.md must state "N distinct endpoints"`)
	for _, m := range claims {
		n, _ := strconv.Atoi(string(m[1]))
		assert.Equal(t, len(keys), n, "README.md: %q", m[0])
	}
}

func receiverName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
