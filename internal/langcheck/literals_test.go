package langcheck_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// Literals finds exactly the lines of the fixture marked BAD: every kind
// of sink (print, error, catalog argument, shown field, status variable,
// prose anywhere) and none of the exempt kinds (map keys, comparisons,
// struct tags, IDs, cobra Use/Short/Long, flag definitions, log lines,
// machine packages, markup, catalog fallbacks, langcheck:ok).
func TestLiterals(t *testing.T) {
	dir := filepath.Join("testdata", "literals")
	f, err := os.Open(filepath.Join(dir, "fixture.go"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[int]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.Contains(sc.Text(), "// BAD") {
			want[n] = strings.TrimSpace(sc.Text())
		}
	}
	got, err := langcheck.Literals(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, g := range got {
		if g.File != "fixture.go" || !strings.HasPrefix(g.Pos, filepath.Join(dir, "fixture.go")+":") {
			t.Errorf("finding %v: File %q, Pos %q", g, g.File, g.Pos)
		}
		if len(g.Words) == 0 {
			t.Errorf("finding %v has no English words", g)
		}
		seen[g.Line] = true
		if _, ok := want[g.Line]; !ok {
			t.Errorf("found %v, which is not user text", g)
		}
	}
	for n, line := range want {
		if !seen[n] {
			t.Errorf("line %d not found: %s", n, line)
		}
	}
	// The file is skipped by name.
	if got, err := langcheck.Literals(dir, "fixture.go"); err != nil || len(got) != 0 {
		t.Errorf("Literals(dir, fixture.go) = %v, %v; want nothing", got, err)
	}
	// A missing directory is an error, not a clean bill.
	if _, err := langcheck.Literals(filepath.Join(dir, "missing")); err == nil {
		t.Error("Literals of a missing directory: no error")
	}
}
