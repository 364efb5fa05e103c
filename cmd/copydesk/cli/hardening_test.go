package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileFrontMatter is a header of n distinct keys: yaml.v3 took 16 s on
// 50,000 of them before the limits.
func hostileFrontMatter(n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 标题\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	b.WriteString("---\n正文。\n")
	return b.String()
}

// A user who may not edit an article is refused before the file is read or
// parsed: an unparseable or enormous file gets the refusal (exit 4), not a
// parse error, and quickly.
func TestPermissionBeforeParsing(t *testing.T) {
	o := newOffice(t)
	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "标题", "--file", "-"))
	for _, payload := range []string{"---\nrev: 1\ntitle: [unclosed\n---\n", hostileFrontMatter(50000)} {
		start := time.Now()
		o.fails(4, "denied", payload, "--as", "wangyin", "article", "push", id)
		o.fails(4, "writer role", payload, "--as", "wangyin", "article", "new", "--title", "x", "--file", "-")
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("refusals took %v", d)
		}
	}
	// the writer gets the clear limit error, not minutes of CPU
	o.fails(1, "bytes; the limit is 65536 bytes", hostileFrontMatter(50000), "--as", "liwei", "article", "new", "--title", "x", "--file", "-")
	o.fails(1, "keys; the limit is", hostileFrontMatter(5000), "--as", "liwei", "article", "new", "--title", "x", "--file", "-")
	o.fails(1, "nested more than", "---\ntitle: x\nk: "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n---\nbody\n",
		"--as", "liwei", "article", "new", "--file", "-")
}

// article new, push and import read front matter through one parser: a
// BOM and CRLF or lone CR line endings are the same file.
func TestFrontMatterLineEndingsEverywhere(t *testing.T) {
	o := newOffice(t)
	for i, file := range []string{
		"---\rtitle: 回车换行标题\rsource: 党委宣传部\r---\r正文第一段。\r",
		"\ufeff---\r\ntitle: 回车换行标题\r\nsource: 党委宣传部\r\n---\r\n正文第一段。\r\n",
		"\ufeff---\ntitle: 回车换行标题\nsource: 党委宣传部\n---\n正文第一段。\n",
	} {
		id := strings.TrimSpace(o.ok(file, "--as", "liwei", "article", "new", "--file", "-"))
		out := o.ok("", "article", "show", id, "--json")
		if !strings.Contains(out, `"title": "回车换行标题"`) || !strings.Contains(out, `"source": "党委宣传部"`) || strings.Contains(out, "---") {
			t.Errorf("file %d: the front matter was not read:\n%s", i, out)
		}
	}
}

// Titles of only invisible characters are refused everywhere; a body of
// only white space may be a draft but is refused at submit.
func TestInvisibleTitleAndEmptyBody(t *testing.T) {
	o := newOffice(t)
	for _, title := range []string{"\u200b\u200b", "\u2800", "\u3164\u3164", " \u3000 ", "\ufeff"} {
		o.fails(1, "title", body, "--as", "liwei", "article", "new", "--title", title, "--file", "-")
	}
	id := strings.TrimSpace(o.ok(" \n\n\u3000\n\t\n", "--as", "liwei", "article", "new", "--title", "空稿", "--file", "-"))
	o.fails(1, "body", "", "--as", "liwei", "article", "submit", id)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: 旧稿\ndate: 9999-01-01\n---\n正文。\n"), 0o600)
	o.fails(1, "outside the years", "", "--as", "admin", "import", dir, "--published")
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: 旧稿\ndate: 1066-10-14\n---\n正文。\n"), 0o600)
	o.fails(1, "outside the years", "", "--as", "admin", "import", dir, "--published")
}

// import is one transaction (a bad file stops it with nothing stored, even
// when the store refuses it), idempotent (a second run adds nothing) and
// skips what is not a regular file (a FIFO would hang it).
func TestImportAtomicIdempotent(t *testing.T) {
	o := newOffice(t)
	dir := t.TempDir()
	for i := 1; i <= 3; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.md", i)), []byte(fmt.Sprintf("---\ntitle: 旧稿%d\ndate: 2020-01-0%d\n---\n正文%d。\n", i, i, i)), 0o600)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	// 4.md refers to a photo that is not stored: only the store sees that,
	// after 1–3 were accepted.
	os.WriteFile(filepath.Join(dir, "4.md"), []byte("---\ntitle: 旧稿4\n---\n![图](media:0123456789abcdef)\n"), 0o600)
	done := make(chan result, 1)
	go func() { done <- o.run("", "--as", "admin", "import", dir, "--published") }()
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("import hung on a FIFO")
	}
	if r.code == 0 || !strings.Contains(r.stderr, "4.md") || !strings.Contains(r.stderr, "nothing imported") {
		t.Fatalf("import with a bad file: %+v", r)
	}
	if out := o.ok("", "article", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("a failed import left articles behind: %s", out)
	}
	os.Remove(filepath.Join(dir, "4.md"))
	r = o.run("", "--as", "admin", "import", dir, "--published")
	if r.code != 0 || !strings.Contains(r.stdout, "imported 3 articles") || !strings.Contains(r.stderr, "pipe.md") {
		t.Fatalf("import: %+v", r)
	}
	r = o.run("", "--as", "admin", "import", dir, "--published")
	if r.code != 0 || !strings.Contains(r.stdout, "imported 0 articles, 3 already there") {
		t.Fatalf("second import: %+v", r)
	}
	if n := strings.Count(o.ok("", "article", "list"), "旧稿"); n != 3 {
		t.Fatalf("%d articles after importing twice, want 3", n)
	}
}
