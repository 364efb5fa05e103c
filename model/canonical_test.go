package model

import (
	"strings"
	"testing"
)

func TestCanonicalText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"final newline goes", "正文。\n", "正文。"},
		{"several final newlines", "正文。\n\n\n", "正文。"},
		{"leading blank lines", "\n\n正文。", "正文。"},
		{"CRLF", "一\r\n\r\n二\r\n", "一\n\n二"},
		{"lone CR", "一\r二", "一\n二"},
		{"BOM", "\uFEFF正文", "正文"},
		{"trailing spaces and tabs", "一 \t\n\n二   ", "一\n\n二"},
		{"NFC", "Cafe\u0301", "Caf\u00e9"},
		{"hard break kept visibly", "第一行  \n第二行", "第一行\\\n第二行"},
		{"hard break already a backslash", "第一行\\\n第二行", "第一行\\\n第二行"},
		{"trailing spaces before a blank line are nothing", "段落  \n\n下一段", "段落\n\n下一段"},
		{"trailing spaces before a list are nothing", "段落  \n- 一项", "段落\n- 一项"},
		{"trailing spaces on a heading", "# 标题  \n正文", "# 标题\n正文"},
		{"fenced code keeps no backslash", "```\ncode  \nmore\n```", "```\ncode\nmore\n```"},
		{"after the fence hard breaks work again", "```\nx\n```\na  \nb", "```\nx\n```\na\\\nb"},
		{"tabs inside lines stay", "a\tb", "a\tb"},
		{"empty", "\n \n", ""},
		{"trailing ideographic space", "第一段。\u3000\n\n第二段。\u3000\u3000", "第一段。\n\n第二段。"},
		{"trailing no-break and thin spaces", "一\u00a0\n二\u2009\u202f", "一\n二"},
		{"trailing zero-width space and word joiner", "一\u200b\n二\u2060", "一\n二"},
		{"leading ideographic indent stays", "\u3000\u3000第一段。", "\u3000\u3000第一段。"},
		{"a BOM inside (files joined)", "一\n\uFEFF二", "一\n二"},
		{"a line of only full-width spaces is blank", "一\n\u3000\u3000\n二\n\u3000", "一\n\n二"},
		{"zero-width joiner inside an emoji stays", "👨\u200d👩", "👨\u200d👩"},
	} {
		if got := CanonicalText(tc.in); got != tc.want {
			t.Errorf("%s: CanonicalText(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
		// The form is a fixed point: canonical text stays as it is.
		if again := CanonicalText(tc.want); again != tc.want {
			t.Errorf("%s: not idempotent: %q → %q", tc.name, tc.want, again)
		}
	}
}

func TestCanonicalContentHashesAlike(t *testing.T) {
	base := Content{Kind: KindNews, Title: "学院召开会议", Authors: []string{"李伟"}, Body: "11月2日，学院召开会议。\n\n一、压实责任"}
	variants := []Content{
		{Kind: KindNews, Title: " 学院召开会议 ", Authors: []string{"李伟", " "}, Body: "11月2日，学院召开会议。\r\n\r\n一、压实责任\r\n"},
		{Kind: "", Title: "学院召开会议", Authors: []string{"李伟"}, Body: "11月2日，学院召开会议。  \n\n一、压实责任\n\n"},
		{Kind: KindNews, Title: "\uFEFF学院召开会议", Authors: []string{"李伟"}, Body: "\uFEFF11月2日，学院召开会议。\n\n一、压实责任 \n"},
		{Kind: KindNews, Title: " \uFEFF学院召开会议\u3000\u200b", Authors: []string{"\u3000李伟\u00a0"}, Body: "11月2日，学院召开会议。\u3000\n\u3000\n一、压实责任\u200b"},
	}
	for i, v := range variants {
		if !SameContent(base, v) {
			t.Errorf("variant %d hashes differently from the base", i)
		}
		orig := v.Body
		_ = v.Canonical()
		if v.Body != orig {
			t.Errorf("variant %d: Canonical modified its receiver", i)
		}
	}
	if SameContent(base, Content{Kind: KindNews, Title: "学院召开会议", Authors: []string{"李伟"}, Body: "11月2日，学院召开会议。\n一、压实责任"}) {
		t.Error("removing a paragraph break is a change, but it compared equal")
	}
}

// TestFrontMatterDelimitersTolerateTrailingSpace: an editor that leaves
// (or a user who types) spaces after a --- line reads the same file.
func TestFrontMatterDelimitersTolerateTrailingSpace(t *testing.T) {
	clean := "---\ntitle: 标题\n---\n\n正文\n"
	for _, in := range []string{"--- \ntitle: 标题\n---\t\n\n正文\n", "---  \r\ntitle: 标题\r\n--- \r\n\r\n正文\r\n", "\uFEFF---\ntitle: 标题\n---\n正文"} {
		fm1, b1, err1 := ParseMarkdown([]byte(clean))
		fm2, b2, err2 := ParseMarkdown([]byte(in))
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: %v / %v", in, err1, err2)
		}
		c1, _ := fm1.Content(b1)
		c2, _ := fm2.Content(b2)
		if !SameContent(c1, c2) {
			t.Errorf("%q reads as %+v, not as %+v", in, c2, c1)
		}
	}
	if _, _, err := ParseMarkdown([]byte("---\ntitle: x\n--- x\n正文")); err == nil {
		t.Error("a --- line with text after it closed the header")
	}
}

func TestCanonicalTextLinear(t *testing.T) {
	// A megabyte of short lines with hard breaks is one pass, not quadratic;
	// this only checks the result, the time is in the benchmark.
	s := strings.Repeat("一行  \n", 100000)
	got := CanonicalText(s)
	if strings.Count(got, "\\\n") != 99999 {
		t.Fatalf("hard breaks: %d", strings.Count(got, "\\\n"))
	}
}
