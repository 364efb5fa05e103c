package cli_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// The article, comment, diff, history, import, export and site commands
// speak the reader's language (issue 9.10): with LANG unset no English
// word is left beside logins, commands and flags, and the counts read
// naturally in English (1 article / 2 articles); with LANG=en_US.UTF-8 the
// same runs speak English.
func TestArticleCommandsLanguage(t *testing.T) {
	allow := map[string]bool{"copydesk": true, "liwei": true, "admin": true, "wangyin": true, "article": true, "pull": true,
		"push": true, "help": true, "site": true, "target": true, "add": true, "list": true, "show": true, "comment": true, "export": true, "import": true}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		o := newOffice(t)
		o.lang = lang
		dir := t.TempDir()
		imp := filepath.Join(dir, "import")
		if err := os.Mkdir(imp, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, title := range []string{"旧稿一", "旧稿二"} {
			md := "---\ntitle: " + title + "\ndate: 2024-03-0" + string(rune('1'+i)) + "\n---\n会议要求各部门开展一次全面排查。\n"
			if err := os.WriteFile(filepath.Join(imp, title+".md"), []byte(md), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		type step struct {
			args   []string
			stdin  string
			code   int
			zh, en string // what the output must contain
		}
		edited := filepath.Join(dir, "1.md")
		steps := []step{
			{args: []string{"--as", "liwei", "article", "new", "--title", "校园新闻", "--file", "-"}, stdin: body, zh: "1", en: "1"},
			{args: []string{"--as", "liwei", "article", "comment", "1", "--para", "1", "-m", "请核实日期"}, zh: "已添加批注 1（第 1 段", en: "comment 1 on paragraph 1"},
			{args: []string{"--as", "liwei", "article", "comments", "1"}, zh: "第 1 版 第 1 段", en: "rev 1 ¶1"},
			{args: []string{"--as", "liwei", "article", "resolve", "1", "1"}, zh: "批注 1 已解决", en: "comment 1 resolved"},
			{args: []string{"--as", "liwei", "article", "push", "1", "--file", edited}, zh: "", en: ""},
			{args: []string{"--as", "liwei", "article", "diff", "1", "--from", "1", "--to", "2"}, zh: "文章 1：第 1 版 → 第 2 版，增 ", en: "article 1: revision 1 → 2, +"},
			{args: []string{"--as", "liwei", "article", "history", "1"}, zh: "操作人", en: "WHO"},
			{args: []string{"--as", "admin", "import", imp}, zh: "已导入 2 篇文章，0 篇此前已导入", en: "imported 2 articles, 0 already there"},
			{args: []string{"--as", "admin", "import", imp}, zh: "已导入 0 篇文章，2 篇此前已导入", en: "imported 0 articles, 2 already there"},
			{args: []string{"--as", "admin", "export", "--out", filepath.Join(dir, "site")}, zh: "用时 ", en: " in "},
			{args: []string{"--as", "admin", "site", "target", "list"}, zh: "", en: ""},
			{args: []string{"--as", "liwei", "article", "show", "x7"}, code: 2, zh: "“x7”不是文章编号", en: `"x7" is not an article ID`},
			{args: []string{"--as", "liwei", "article", "comment", "1", "--para", "0", "-m", "x"}, code: 2, zh: "从 1 数起", en: "counting from 1"},
			{args: []string{"--as", "admin", "site", "target", "add", "web"}, code: 2, zh: "需要 --to", en: "needs --to"},
			{args: []string{"--as", "admin", "export"}, code: 2, zh: "export 需要 --out 目录", en: "export needs --out DIR"},
			{args: []string{"--as", "liwei", "article", "approve", "1"}, code: 2, zh: "必须填写书面意见", en: "a written opinion is required"},
		}
		var english int
		for _, s := range steps {
			if slices.Contains(s.args, "push") {
				pulled := o.ok("", "--as", "liwei", "article", "pull", "1")
				if err := os.WriteFile(edited, []byte(strings.Replace(pulled, "全面排查", "全面排查和整改", 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := o.run(s.stdin, s.args...)
			all := r.stdout + r.stderr
			want := s.zh
			if lang != "" {
				want = s.en
			}
			if r.code != s.code || !strings.Contains(all, want) {
				t.Errorf("LANG=%q copydesk %s: exit %d (want %d), want %q in\n%s", lang, strings.Join(s.args, " "), r.code, s.code, want, all)
			}
			bad := englishLeft(all, allow)
			if lang == "" {
				for _, b := range bad {
					t.Errorf("LANG unset, copydesk %s: English %q", strings.Join(s.args, " "), b)
				}
			}
			if lang == "" && slices.Contains(s.args, "history") && (strings.Contains(all, "create") || !strings.Contains(all, locale.T(locale.ZH, "ActionCreate"))) {
				t.Errorf("LANG unset, history names its actions in English:\n%s", all)
			}
			english += len(bad)
		}
		if lang != "" && english < 40 {
			t.Errorf("LANG=%s: only %d English words; the commands should speak English", lang, english)
		}
	}
}

// Counts take the plural form of the reader's language: one article, two
// articles; Chinese has one form.
func TestCountsPlural(t *testing.T) {
	for _, c := range []struct {
		lang locale.Lang
		id   string
		args locale.Args
		want string
	}{
		{locale.EN, "CLIImported", locale.Args{"Count": 1, "Already": 0}, "imported 1 article, 0 already there"},
		{locale.EN, "CLIImported", locale.Args{"Count": 2, "Already": 1}, "imported 2 articles, 1 already there"},
		{locale.ZH, "CLIImported", locale.Args{"Count": 1, "Already": 0}, "已导入 1 篇文章，0 篇此前已导入"},
		{locale.EN, "CLIDiffFold", locale.Args{"Count": 1}, "… 1 unchanged character …"},
		{locale.EN, "CLIDiffFold", locale.Args{"Count": 40}, "… 40 unchanged characters …"},
		{locale.EN, "CLIImportNothing", locale.Args{"Count": 1}, "nothing imported; fix the file above first"},
		{locale.EN, "CLIImportNothing", locale.Args{"Count": 3}, "nothing imported; fix the 3 files above first"},
	} {
		if got := locale.T(c.lang, c.id, c.args); got != c.want {
			t.Errorf("%s %s %v = %q, want %q", c.lang, c.id, c.args, got, c.want)
		}
	}
}
