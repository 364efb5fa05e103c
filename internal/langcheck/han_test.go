package langcheck

import (
	"os"
	"path/filepath"
	"testing"
)

// Han reports a Chinese literal, not a comment, not a line or file marked OK.
func TestHan(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("page.go", `package p

// 标题 in a comment is not a literal.
func title() string { return "写新闻" }

func field(k string) bool {
	return k == "作者" // langcheck:ok query syntax
}

var id = "TUIKeyQuit"
`)
	write("lead.go", `// langcheck:ok article content

package p

var lead = "会议指出"
`)
	write("page_test.go", "package p\n\nvar x = \"测试\"\n")
	got, err := Han(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].File != "page.go" || got[0].Line != 4 || got[0].Text != "写新闻" {
		t.Fatalf("Han = %v, want only page.go:4 \"写新闻\"", got)
	}
}
