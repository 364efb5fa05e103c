package export

import "testing"

func TestSummarize(t *testing.T) {
	cases := map[string]string{
		"# 标题\n\n第一段**重点**文字，\n接着一行。\n\n第二段。":                           "第一段重点文字，接着一行。",
		"![图](media:0123456789abcdef)\n\n正文[链接文字](https://x.example/)。": "正文链接文字。",
		"```\ncode\n```\n\n> 引用的话\n\n后文":                                "引用的话",
		"- 列表\n- 项目\n\n1. 一\n\n真正的段落 `code` 与 <b>标签</b>":                "真正的段落 code 与 标签",
		"Plain\nEnglish lines": "Plain English lines",
		"":                     "",
	}
	for in, want := range cases {
		if got := summarize(in); got != want {
			t.Errorf("summarize(%q) = %q, want %q", in, got, want)
		}
	}
	long := ""
	for i := 0; i < 50; i++ {
		long += "很长的一句话。"
	}
	if got := summarize(long); len([]rune(got)) != summaryRunes+1 || got[len(got)-3:] != "…" {
		t.Errorf("long summary: %d runes, %q", len([]rune(got)), got)
	}
}
