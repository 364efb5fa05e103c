package preview

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"

	"github.com/copydesk/copydesk/export/cjkmark"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// TestPreviewAgreesWithExport: the preview reads Chinese Markdown as the
// export does — emphasis next to full-width punctuation is bold, soft line
// breaks join CJK text and keep a space next to Latin words, an address
// after "：" is a link — and shows the same text as the exported page.
func TestPreviewAgreesWithExport(t *testing.T) {
	r := newRenderer(t, StyleDark)
	exp := goldmark.New(goldmark.WithExtensions(cjkmark.GFM()...))
	cases := []struct{ md, bold, text string }{
		{"学院党委**高度重视，**多次召开会议。", "高度重视，", "学院党委高度重视，多次召开会议。"},
		{"要落实**“一岗双责”**，压实责任。", "“一岗双责”", "要落实“一岗双责”，压实责任。"},
		{"活动**圆满成功！**同学们纷纷表示", "圆满成功！", "活动圆满成功！同学们纷纷表示"},
		{"**（一）压实责任**各部门要", "（一）压实责任", "（一）压实责任各部门要"},
		{"这是*重点：*请注意", "重点：", "这是重点：请注意"},
		{"The meeting was chaired by\n**Vice President Zhang**.", "Vice President Zhang", "The meeting was chaired by Vice President Zhang."},
		{"会议由\n**张副校长**主持，\n各学院负责人参加。", "张副校长", "会议由张副校长主持，各学院负责人参加。"},
		{"报名网址：https://example.org/a，截止。", "", "报名网址：https://example.org/a，截止。"},
	}
	for i, c := range cases {
		out, err := r.Render(r.DraftKey(uint64(i), c.md, 120), c.md, 120)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.TrimSpace(ansi.Strip(out)), "\n") {
			t.Errorf("%q: a soft line break became a line break in the preview: %q", c.md, out)
		}
		plain := strings.TrimSpace(strings.Join(strings.Fields(ansi.Strip(out)), " "))
		if strings.Contains(plain, "**") || strings.Contains(plain, "*重") {
			t.Errorf("%q: literal delimiters in the preview: %q", c.md, plain)
		}
		if plain != c.text {
			t.Errorf("%q: preview text %q, want %q", c.md, plain, c.text)
		}
		var b bytes.Buffer
		if err := exp.Convert([]byte(c.md), &b); err != nil {
			t.Fatal(err)
		}
		page := strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(b.String(), ""))), " ")
		if page != plain {
			t.Errorf("%q: preview %q, export %q", c.md, plain, page)
		}
		if c.bold != "" {
			// the emphasised text follows an SGR sequence with bold (1)
			// or italic (3) on
			i := strings.Index(out, c.bold)
			if i < 0 {
				t.Errorf("%q: %q not contiguous in the preview: %q", c.md, c.bold, out)
				continue
			}
			pre := out[:i]
			j := strings.LastIndex(pre, "\x1b[")
			params := ""
			if j >= 0 {
				params = ";" + strings.TrimSuffix(pre[j+2:], "m") + ";"
			}
			if !strings.Contains(params, ";1;") && !strings.Contains(params, ";3;") {
				t.Errorf("%q: %q is not styled as emphasis: %q", c.md, c.bold, out)
			}
		}
	}
}
