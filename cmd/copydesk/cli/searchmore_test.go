package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchSaysThereAreMore (tester, 2026-12-01): search listed 20 hits
// of 33 and said nothing; it now says on standard error that only the
// first N are listed (standard output stays the hits, --json an array).
func TestSearchSaysThereAreMore(t *testing.T) {
	o := newOffice(t)
	dir := t.TempDir()
	for i := 1; i <= 23; i++ {
		md := fmt.Sprintf("---\ntitle: 第%d篇巡河报道\ndate: 2025-03-%02d\n---\n\n全县推进河长制工作，第%d次巡河。\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.md", i)), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o.ok("", "--as", "admin", "import", dir, "--published")
	o.lang = ""
	r := o.run("", "search", "河长制")
	if r.code != 0 || strings.Count(r.stdout, "巡河报道") != 20 || !strings.Contains(r.stderr, "只列出了前 20 条结果，还有更多") {
		t.Fatalf("search: exit %d\n%s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	r = o.run("", "search", "河长制", "--limit", "23")
	if strings.Count(r.stdout, "巡河报道") != 23 || r.stderr != "" {
		t.Fatalf("search --limit 23:\n%s\nstderr: %s", r.stdout, r.stderr)
	}
	r = o.run("", "search", "河长制", "--limit", "5", "--json")
	var hits []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil || len(hits) != 5 || !strings.Contains(r.stderr, "前 5 条") {
		t.Fatalf("search --json: %v, %d hits\nstderr: %s", err, len(hits), r.stderr)
	}
}
