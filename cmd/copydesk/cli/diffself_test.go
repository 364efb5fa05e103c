package cli_test

import (
	"strings"
	"testing"
)

// A diff whose base is its head never reads "第 1 版 → 第 1 版": a first
// draft and a first review show the whole text as new and say why; the
// chief after the reviewer's approval is told nothing changed since; an
// explicit --from N --to N says both ends are the same.
func TestDiffOfARevisionWithItself(t *testing.T) {
	o := newOffice(t)
	o.lang = ""
	o.ok("开幕式。\n\n二段。\n", "--as", "liwei", "article", "new", "--title", "运动会开幕", "--file", "-")
	check := func(out string, want ...string) {
		t.Helper()
		if strings.Contains(out, "第 1 版 → 第 1 版") {
			t.Errorf("diff of a revision with itself:\n%s", out)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("diff lacks %q:\n%s", w, out)
			}
		}
	}
	check(o.ok("", "--as", "liwei", "article", "diff", "1"), "第 1 版（初稿，此前没有版本），全文 9 字都作新增显示", "{+开幕式。\n\n二段。+}")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	check(o.ok("", "--as", "wangyin", "article", "diff", "1"), "第 1 版（首次送审，此前没有审过的版本）", "{+开幕式。")
	o.ok("", "--as", "wangyin", "article", "show", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "-m", "同意")
	check(o.ok("", "--as", "shenjl", "article", "diff", "1"), "文章 1：第 1 版由王音批准，之后没有改动")
	check(o.ok("", "--as", "shenjl", "article", "diff", "1", "--from", "1", "--to", "1"), "第 1 版由王音批准，之后没有改动")
	o.ok("开幕。\n", "--as", "liwei", "article", "new", "--title", "二", "--file", "-")
	pulled := o.ok("", "--as", "liwei", "article", "pull", "2")
	o.ok(strings.Replace(pulled, "开幕。", "开幕式。", 1), "--as", "liwei", "article", "push", "2")
	check(o.ok("", "--as", "liwei", "article", "diff", "2", "--from", "2", "--to", "2"), "起点和终点都是第 2 版，没有可比较的改动")
	// What the first sign-off's diff said before: 第 1 版 → 第 1 版.
	o.lang = "en_US.UTF-8"
	if out := o.ok("", "--as", "shenjl", "article", "diff", "1"); !strings.Contains(out, "revision 1 (approve: 王音); unchanged since") {
		t.Errorf("en: %q", out)
	}
}
