package export

import (
	"strings"
	"testing"
)

// TestChineseMarkdownOnThePage: the faults of issue 8 items 1–3 as the
// public page shows them, after the sanitizer.
func TestChineseMarkdownOnThePage(t *testing.T) {
	cases := [][2]string{
		{"学院党委**高度重视，**多次召开会议。", "<p>学院党委<strong>高度重视，</strong>多次召开会议。</p>"},
		{"要落实**“一岗双责”**，", "<p>要落实<strong>“一岗双责”</strong>，</p>"},
		{"活动**圆满成功！**同学们", "<p>活动<strong>圆满成功！</strong>同学们</p>"},
		{"**（一）压实责任**各部门", "<p><strong>（一）压实责任</strong>各部门</p>"},
		{"The meeting was chaired by\n**Vice President Zhang**.", "<p>The meeting was chaired by\n<strong>Vice President Zhang</strong>.</p>"},
		{"会议由\n**张副校长**主持，\n各学院负责人参加。", "<p>会议由<strong>张副校长</strong>主持，各学院负责人参加。</p>"},
		{"报名网址：https://example.org/sign?id=7，截止日期为周五。", `<p>报名网址：<a href="https://example.org/sign?id=7" rel="nofollow noopener">https://example.org/sign?id=7</a>，截止日期为周五。</p>`},
		{"报名网址 https://example.org/x。", `<p>报名网址 <a href="https://example.org/x" rel="nofollow noopener">https://example.org/x</a>。</p>`},
	}
	for _, c := range cases {
		st := &mdState{media: map[string]*resolvedMedia{}, used: map[string]bool{}}
		raw, err := renderMarkdown(st, c[0])
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(sanitize(raw))); got != c[1] {
			t.Errorf("%q\n got %s\nwant %s", c[0], got, c[1])
		}
	}
}
