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

func TestCanonicalTextLinear(t *testing.T) {
	// A megabyte of short lines with hard breaks is one pass, not quadratic;
	// this only checks the result, the time is in the benchmark.
	s := strings.Repeat("一行  \n", 100000)
	got := CanonicalText(s)
	if strings.Count(got, "\\\n") != 99999 {
		t.Fatalf("hard breaks: %d", strings.Count(got, "\\\n"))
	}
}
