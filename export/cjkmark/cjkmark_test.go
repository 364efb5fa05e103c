package cjkmark_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/copydesk/copydesk/export/cjkmark"
)

var (
	withCJK = goldmark.New(goldmark.WithExtensions(cjkmark.GFM()...), goldmark.WithRendererOptions(html.WithUnsafe()))
	plain   = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.TaskList, extension.Table),
		goldmark.WithRendererOptions(html.WithUnsafe()))
)

func render(t testing.TB, m goldmark.Markdown, in string) string {
	t.Helper()
	var b bytes.Buffer
	if err := m.Convert([]byte(in), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func check(t *testing.T, cases [][2]string) {
	t.Helper()
	for _, c := range cases {
		if got := render(t, withCJK, c[0]); got != c[1] {
			t.Errorf("%q\n got %q\nwant %q", c[0], got, c[1])
		}
	}
}

func TestCJKFriendlyEmphasis(t *testing.T) {
	check(t, [][2]string{
		// full-width punctuation just inside the closing run, CJK outside
		{"学院党委**高度重视，**多次召开会议。", "<p>学院党委<strong>高度重视，</strong>多次召开会议。</p>\n"},
		{"活动**圆满成功！**同学们纷纷表示", "<p>活动<strong>圆满成功！</strong>同学们纷纷表示</p>\n"},
		{"他强调**必须落实。**各单位要", "<p>他强调<strong>必须落实。</strong>各单位要</p>\n"},
		// curly quotes (East Asian Width ambiguous) inside, CJK outside
		{"要落实**“一岗双责”**，压实责任", "<p>要落实<strong>“一岗双责”</strong>，压实责任</p>\n"},
		{"坚持**‘三会一课’**制度", "<p>坚持<strong>‘三会一课’</strong>制度</p>\n"},
		// brackets at both ends
		{"**（一）压实责任**各部门", "<p><strong>（一）压实责任</strong>各部门</p>\n"},
		{"会议指出**（二）**要加强", "<p>会议指出<strong>（二）</strong>要加强</p>\n"},
		{"学习**《条例》**精神", "<p>学习<strong>《条例》</strong>精神</p>\n"},
		// single * and _
		{"这是*重点：*请注意", "<p>这是<em>重点：</em>请注意</p>\n"},
		// _ between CJK characters is intraword, as between letters
		{"这是_重点：_请注意", "<p>这是_重点：_请注意</p>\n"},
		{"会议强调：__“一岗双责”__，各部门", "<p>会议强调：<strong>“一岗双责”</strong>，各部门</p>\n"},
		{"会议强调：_重要通知！_", "<p>会议强调：<em>重要通知！</em></p>\n"},
		{"***特别强调！***大家", "<p><em><strong>特别强调！</strong></em>大家</p>\n"},
		// mixed Latin
		{"使用**Python（3.12）**编写", "<p>使用<strong>Python（3.12）</strong>编写</p>\n"},
		{"请访问**“GitHub”**网站", "<p>请访问<strong>“GitHub”</strong>网站</p>\n"},
		{"**C#**和**F#**都可以", "<p><strong>C#</strong>和<strong>F#</strong>都可以</p>\n"},
		{"我可以强调**这个`code`**吗", "<p>我可以强调<strong>这个<code>code</code></strong>吗</p>\n"},
		{"**[通知](/a)**已发布", `<p><strong><a href="/a">通知</a></strong>已发布</p>` + "\n"},
		// strikethrough follows the same rule
		{"~~旧方法（已废弃）。~~新方法", "<p><del>旧方法（已废弃）。</del>新方法</p>\n"},
		// Latin text stays CommonMark
		{"a**\"foo\"**bar", "<p>a**&quot;foo&quot;**bar</p>\n"},
		{"foo*bar*", "<p>foo<em>bar</em></p>\n"},
		{"foo_bar_", "<p>foo_bar_</p>\n"},
		{"snake_case_name 和 class_2026_list.xlsx", "<p>snake_case_name 和 class_2026_list.xlsx</p>\n"},
		{"** 不是强调**", "<p>** 不是强调**</p>\n"},
	})
}

func TestSoftLineBreaks(t *testing.T) {
	check(t, [][2]string{
		{"学院党委高度\n重视", "<p>学院党委高度重视</p>\n"},
		{"会议指出，\n要加强", "<p>会议指出，要加强</p>\n"},
		{"会议结束。\nThe meeting ended.", "<p>会议结束。The meeting ended.</p>\n"},
		{"The meeting was chaired by\n**Vice President Zhang**.", "<p>The meeting was chaired by\n<strong>Vice President Zhang</strong>.</p>\n"},
		{"会议由\n**张副校长**主持", "<p>会议由<strong>张副校长</strong>主持</p>\n"},
		{"**张副校长**\n主持会议", "<p><strong>张副校长</strong>主持会议</p>\n"},
		{"see\n[the notice](/n) today", "<p>see\n<a href=\"/n\">the notice</a> today</p>\n"},
		{"详见\n[通知](/n)", "<p>详见<a href=\"/n\">通知</a></p>\n"},
		{"run\n`make`", "<p>run\n<code>make</code></p>\n"},
		{"使用\nPython\n编写", "<p>使用\nPython\n编写</p>\n"},
		{"Hello,\nworld", "<p>Hello,\nworld</p>\n"},
		{"他说\n“你好”", "<p>他说“你好”</p>\n"},
		{"한국어\n문장", "<p>한국어\n문장</p>\n"},
		{"中文  \n硬换行", "<p>中文<br>\n硬换行</p>\n"},
	})
}

func TestLinkifyAfterCJK(t *testing.T) {
	check(t, [][2]string{
		{"报名网址：https://example.org/sign?id=7，截止日期", `<p>报名网址：<a href="https://example.org/sign?id=7">https://example.org/sign?id=7</a>，截止日期</p>` + "\n"},
		{"网址：https://example.org/a。", `<p>网址：<a href="https://example.org/a">https://example.org/a</a>。</p>` + "\n"},
		{"（https://example.org/b）", `<p>（<a href="https://example.org/b">https://example.org/b</a>）</p>` + "\n"},
		{"见“www.example.org”", `<p>见“<a href="http://www.example.org">www.example.org</a>”</p>` + "\n"},
		{"访问https://example.org/c、https://example.org/d。", `<p>访问<a href="https://example.org/c">https://example.org/c</a>、<a href="https://example.org/d">https://example.org/d</a>。</p>` + "\n"},
		{"邮箱：office@example.edu.cn。", `<p>邮箱：<a href="mailto:office@example.edu.cn">office@example.edu.cn</a>。</p>` + "\n"},
		{"地址： https://example.org/e，", `<p>地址： <a href="https://example.org/e">https://example.org/e</a>，</p>` + "\n"},
		{"代码`：https://x.org`不链接", "<p>代码<code>：https://x.org</code>不链接</p>\n"},
		{"[链接：https://a.org](/x)", `<p><a href="/x">链接：https://a.org</a></p>` + "\n"},
		{"abchttps://example.org", "<p>abchttps://example.org</p>\n"},
	})
}

// TestCommonMarkUnchanged runs every CommonMark spec example and goldmark's
// GFM extension examples through the extension: without CJK text next to a
// delimiter the output is goldmark's own, and the emphasis section passes
// the spec exactly as often as goldmark does.
func TestCommonMarkUnchanged(t *testing.T) {
	dir := goldmarkDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec []struct {
		Markdown, HTML, Section string
		Example                 int
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	emph, same := 0, 0
	for _, ex := range spec {
		want := render(t, plain, ex.Markdown)
		got := render(t, withCJK, ex.Markdown)
		if got != want {
			t.Errorf("spec example %d (%s): %q\n with extension %q\n goldmark       %q", ex.Example, ex.Section, ex.Markdown, got, want)
		}
		if ex.Section == "Emphasis and strong emphasis" {
			emph++
			if got == ex.HTML {
				same++
			}
		}
	}
	if emph < 100 || same < emph-2 {
		t.Errorf("emphasis section: %d of %d examples pass the spec", same, emph)
	}
	for _, f := range []string{"strikethrough.txt", "linkify.txt", "table.txt", "tasklist.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, "extension", "_test", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range strings.Split(string(b), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			parts := strings.Split(c, "//- - - - - - - - -//\n")
			if len(parts) < 3 {
				continue
			}
			in := parts[1]
			if got, want := render(t, withCJK, in), render(t, plain, in); got != want {
				t.Errorf("%s: %q\n with extension %q\n goldmark       %q", f, in, got, want)
			}
		}
	}
}

func goldmarkDir(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("goldmark module directory: %v", err)
		}
		t.Skipf("goldmark module directory: %v", err)
	}
	return string(bytes.TrimSpace(out))
}
