package cli_test

import (
	"strings"
	"testing"
)

// 删除草稿 from the command line: exit 0 for the owner, 4 for another
// writer or a non-admin purge, 1 for a submitted article; the deleted draft
// leaves `article list` and shows in `article list --deleted`; verify passes
// after a purge.
func TestArticleDeleteRestorePurge(t *testing.T) {
	o := newOffice(t)
	o.ok("", "--as", "admin", "user", "add", "zhaoli", "--display", "赵丽", "--role", "writer")
	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "不要了的草稿", "--file", "-"))
	sent := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "送审的稿件", "--file", "-"))
	o.ok("", "--as", "liwei", "article", "submit", sent)

	o.fails(4, "is not visible to zhaoli", "", "--as", "zhaoli", "article", "delete", id) // not "belongs to liwei"
	o.fails(1, "never submitted", "", "--as", "liwei", "article", "delete", sent)
	if out := o.ok("", "--as", "liwei", "article", "delete", id); !strings.Contains(out, "deleted draft "+id) {
		t.Fatalf("delete printed %q", out)
	}
	if out := o.ok("", "article", "list"); strings.Contains(out, "不要了的草稿") || !strings.Contains(out, "送审的稿件") {
		t.Fatalf("list after delete:\n%s", out)
	}
	if out := o.ok("", "article", "list", "--deleted"); !strings.Contains(out, "不要了的草稿") || strings.Contains(out, "送审的稿件") {
		t.Fatalf("list --deleted:\n%s", out)
	}
	o.fails(1, "restore it first", "", "--as", "liwei", "article", "submit", id)
	o.ok("", "--as", "liwei", "article", "restore", id)
	if out := o.ok("", "article", "list"); !strings.Contains(out, "不要了的草稿") {
		t.Fatalf("list after restore:\n%s", out)
	}
	o.ok("", "--as", "liwei", "article", "delete", id)
	o.fails(4, "admin", "", "--as", "liwei", "article", "purge", id)
	o.ok("", "--as", "admin", "article", "purge", id)
	o.fails(1, "no article", "", "article", "show", id)
	o.ok("", "verify")
	if out := o.ok("", "article", "history", sent); out == "" {
		t.Fatal("history of the other article is empty")
	}
}
