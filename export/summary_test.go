package export

import (
	"html"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/yuin/goldmark/text"
)

func TestSummarize(t *testing.T) {
	cases := [][2]string{
		{"# 标题\n\n第一段**重点**文字，\n接着一行。\n\n第二段。", "第一段重点文字，接着一行。"},
		{"![图](media:0123456789abcdef)\n\n正文[链接文字](https://x.example/)。", "正文链接文字。"},
		{"```\ncode\n```\n\n> 引用的话\n\n后文", "引用的话"},
		{"- 列表\n- 项目\n\n1. 一\n\n真正的段落 `code` 与 <b>标签</b>", "真正的段落 code 与 标签"},
		{"Plain\nEnglish lines", "Plain English lines"},
		{"", ""},
		// issue 8 item 4, each fault of the hand-written stripper
		{"附件：class_2026_list.xlsx，请下载。", "附件：class_2026_list.xlsx，请下载。"},
		{"报到时间 9:00~11:30，地点另行通知。", "报到时间 9:00~11:30，地点另行通知。"},
		{"成绩<60分或>90分的同学请注意。", "成绩<60分或>90分的同学请注意。"},
		{"会议时间~~改为周三~~定于周四举行。", "会议时间定于周四举行。"},
		{"会议时间~改为周三~定于周四举行。", "会议时间定于周四举行。"},
		{"学院党委**高度重视，**多次召开会议。", "学院党委高度重视，多次召开会议。"},
		{"The meeting was chaired by\n**Vice President Zhang**.", "The meeting was chaired by Vice President Zhang."},
		{"代码 `a_b*c*` 保持原样，\\*转义\\*也是，&amp; 与 &#x4E2D;。", "代码 a_b*c* 保持原样，*转义*也是，& 与 中。"},
		{"报名网址：https://example.org/a，截止。", "报名网址：https://example.org/a，截止。"},
		{"<div>\n旧网站的块\n</div>\n\n正文。", "正文。"},
		{"![外链图](https://img.example/x.png)说明文字", "说明文字"},
	}
	for _, c := range cases {
		if got := summarize(c[0]); got != c[1] {
			t.Errorf("summarize(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	long := strings.Repeat("很长的一句话。", 50)
	if got := summarize(long); uniseg.GraphemeClusterCount(got) != summaryLen+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("long summary: %d characters, %q", uniseg.GraphemeClusterCount(got), got)
	}
	// a flag, a ZWJ family and an accented letter are one character each:
	// the cut never leaves half of one
	for _, unit := range []string{"🇨🇳", "👨‍👩‍👧", "é", "中"} {
		for pad := 0; pad < 3; pad++ {
			body := strings.Repeat("字", pad) + strings.Repeat(unit, summaryLen)
			got := strings.TrimSuffix(summarize(body), "…")
			rest := strings.TrimPrefix(got, strings.Repeat("字", pad))
			if strings.ReplaceAll(rest, unit, "") != "" || uniseg.GraphemeClusterCount(got) != summaryLen {
				t.Errorf("%q ×%d after %d: cut inside a character: %q", unit, summaryLen, pad, got)
			}
		}
	}
}

// TestSummaryFromThePageParse: the page, the index and the feed show the
// one summary its page's parse found.
func TestSummaryFromThePageParse(t *testing.T) {
	st := &mdState{media: map[string]*resolvedMedia{}, used: map[string]bool{}}
	body := "![外链](https://img.example/a.png)\n\n学院党委**高度重视，**多次召开会议~~（草稿）~~。"
	if _, err := renderMarkdown(st, body); err != nil {
		t.Fatal(err)
	}
	if want := "学院党委高度重视，多次召开会议。"; st.summary != want || summarize(body) != want {
		t.Errorf("page parse %q, summarize %q, want %q", st.summary, summarize(body), want)
	}
}

var (
	propAlphabet = []string{
		"中", "文", "，", "。", "：", "“", "”", "（", "）", "a", "Zhang", " ", "\n",
		"*", "**", "_", "~", "~~", "`", "\\", "<", ">", "60", "&amp;", "[", "](/x)",
		"🇨🇳", "👨‍👩‍👧", "e\u0301", "\u200d", "🇯", "class_2026_list.xlsx", "9:00~11:30",
		"https://example.org/p", "www.example.org", "\u0300",
	}
	tagRE     = regexp.MustCompile(`(?i)<(/?)([a-z][a-z0-9-]*)[^>]*>`)
	knownTags = map[string]bool{"p": true, "strong": true, "em": true, "code": true, "a": true, "br": true, "del": true}
)

// propBody makes a one-paragraph body of random Chinese, Latin, emoji and
// Markdown pieces; every line starts with a Han character so no line opens
// another kind of block.
func propBody(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("起")
	for range r.IntN(120) {
		p := propAlphabet[r.IntN(len(propAlphabet))]
		b.WriteString(p)
		if p == "\n" {
			b.WriteString("行")
		}
	}
	return b.String()
}

// checkSummaryProperty: the summary is the page's visible text (the
// rendered HTML with tags and deleted text removed) cut on a grapheme
// boundary: it never ends inside a grapheme cluster and never drops a
// character that is neither markup nor deleted text.
func checkSummaryProperty(t *testing.T, body string) {
	st := &mdState{media: map[string]*resolvedMedia{}, used: map[string]bool{}}
	raw, err := renderMarkdown(st, body)
	if err != nil {
		t.Fatal(err)
	}
	out := string(raw)
	for _, m := range tagRE.FindAllStringSubmatch(out, -1) {
		if !knownTags[strings.ToLower(m[2])] || m[2] != strings.ToLower(m[2]) {
			return // the body made raw HTML: that is markup of its own
		}
	}
	i := strings.Index(out, "</p>")
	if i < 0 {
		return
	}
	visible := html.UnescapeString(tagRE.ReplaceAllString(stripDel(out[:i]), ""))
	sum := st.summary
	if sum != summarize(body) {
		t.Fatalf("%q: page summary %q, summarize %q", body, sum, summarize(body))
	}
	cut := strings.HasSuffix(sum, "…") && !strings.HasSuffix(visible, "…")
	if cut {
		sum = strings.TrimSuffix(sum, "…")
	}
	squeeze := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	vs, ss := squeeze(visible), squeeze(sum)
	if !cut && vs != ss || cut && !strings.HasPrefix(vs, ss) {
		t.Fatalf("%q\nvisible %q\nsummary %q", body, visible, st.summary)
	}
	if cut {
		// the cut is a grapheme boundary of the full text
		src := []byte(body)
		full := leadText(md.Parser().Parse(text.NewReader(src)), src)
		if !strings.HasPrefix(full, sum) || !boundary(full, len(sum)) {
			t.Fatalf("%q: summary %q does not end on a grapheme boundary of %q", body, st.summary, full)
		}
		if uniseg.GraphemeClusterCount(sum) > summaryLen {
			t.Fatalf("%q: summary longer than %d characters", body, summaryLen)
		}
	}
	if !utf8.ValidString(st.summary) {
		t.Fatalf("%q: invalid UTF-8 summary", body)
	}
}

// stripDel removes <del> elements, nested ones too.
func stripDel(s string) string {
	var b strings.Builder
	depth := 0
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "<del>"):
			depth++
			s = s[len("<del>"):]
		case strings.HasPrefix(s, "</del>"):
			depth--
			s = s[len("</del>"):]
		default:
			if depth == 0 {
				b.WriteByte(s[0])
			}
			s = s[1:]
		}
	}
	return b.String()
}

func boundary(s string, at int) bool {
	state, i := -1, 0
	for i < len(s) {
		if i == at {
			return true
		}
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		i += len(c)
	}
	return i == at
}

func TestSummaryProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 2026))
	for range 1500 {
		checkSummaryProperty(t, propBody(r))
	}
}

func FuzzSummary(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		f.Add(propBody(r))
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) || len(body) > 4096 {
			return
		}
		checkSummaryProperty(t, body)
	})
}
