package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/search"
)

// TestSnippetShowsWhatAReaderSees: a hit in a body full of Markdown —
// heading, emphasis split inside the query, image, link, table, list,
// quote, code, escapes — gives a snippet with none of the marks, the hit
// marked on exactly the characters that show it, found through the real
// index.
func TestSnippetShowsWhatAReaderSees(t *testing.T) {
	st := newOffice(t)
	body := "# 一、会议**部署**情况\n\n" +
		"党委书记**张明**主持会议。![会场全景](https://img.example.cn/p.png)\n\n" +
		"详见[学校通知](https://news.example.cn/a?id=7)和附件。\n\n" +
		"| 项目 | 负责人 |\n| --- | --- |\n| 学风建设 | 王~~老~~芳 |\n\n" +
		"> 引用一句：要抓好`落实`。\n\n" +
		"- 第一项：完善制度\\*\n- 第二项：强化&nbsp;考核\n"
	create(t, st, liwei, "标题", body)
	ix := openIndex(t, st)
	cases := []struct{ q, hit string }{
		{"会议部署", "会议部署"},
		{"张明主持", "张明主持"},
		{"会场全景", "会场全景"},
		{"学校通知", "学校通知"},
		{"王老芳", "王老芳"},
		{"抓好落实", "抓好落实"},
		{"完善制度", "完善制度"},
	}
	for _, c := range cases {
		hits := find(t, ix, search.Query{Text: c.q})
		if len(hits) != 1 {
			t.Fatalf("%s: hits %v", c.q, hits)
		}
		text := search.SnippetText(hits[0].Snippet, "", "")
		for _, mark := range []string{"**", "~~", "# ", "![", "](", "media:", "https://", "| ", "---", "> ", "`", "\\*", "&nbsp;"} {
			if strings.Contains(text, mark) {
				t.Errorf("%s: snippet shows Markdown %q: %q", c.q, mark, text)
			}
		}
		var marked []string
		for _, s := range hits[0].Snippet {
			if s.Hit {
				marked = append(marked, s.Text)
			}
		}
		if !slices.Equal(marked, []string{c.hit}) {
			t.Errorf("%s: snippet %q marks %q, want %q", c.q, search.SnippetText(hits[0].Snippet, "[", "]"), marked, c.hit)
		}
	}
}

// TestSnippetWidthIsDisplayWidth: a snippet is about SnippetWidth columns
// whatever the script (a Han character is two), and the hit starts within
// the first quarter, so a narrow list still shows it.
func TestSnippetWidthIsDisplayWidth(t *testing.T) {
	st := newOffice(t)
	create(t, st, liwei, "中文", strings.Repeat("前面的文字。", 60)+"关键内容"+strings.Repeat("后面的文字。", 60))
	create(t, st, liwei, "English", strings.Repeat("words before ", 60)+"keyphrase"+strings.Repeat(" words after", 60))
	ix := openIndex(t, st)
	for _, q := range []string{"关键内容", "keyphrase"} {
		hits := find(t, ix, search.Query{Text: q})
		if len(hits) != 1 {
			t.Fatalf("%s: %v", q, hits)
		}
		text := search.SnippetText(hits[0].Snippet, "", "")
		if w := ansi.StringWidth(text); w < search.SnippetWidth-4 || w > search.SnippetWidth+4 {
			t.Errorf("%s: snippet is %d columns: %q", q, w, text)
		}
		before := ansi.StringWidth(text[:strings.Index(text, q)])
		if before > search.SnippetWidth/4+2 {
			t.Errorf("%s: the hit starts at column %d: %q", q, before, text)
		}
	}
}
