package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// frontMatterCases are the header shapes at (and beyond) the limits: the
// biggest header that is accepted and the hostile ones of issue 16.
func frontMatterCases() map[string]string {
	keys := func(n, valueLen int) string {
		var b strings.Builder
		b.WriteString("---\ntitle: 标题\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "k%d: %s\n", i, strings.Repeat("值", valueLen))
		}
		return b.String() + "---\n正文。\n"
	}
	nested := func(depth int) string {
		return "---\ntitle: x\nk: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n---\n"
	}
	var lists strings.Builder
	lists.WriteString("---\ntitle: x\nk: [")
	for lists.Len() < MaxFrontMatterBytes-64 {
		lists.WriteString("[[[1]]],")
	}
	lists.WriteString("]\n---\n")
	return map[string]string{
		"max keys, 64 KiB":   keys(MaxFrontMatterKeys, 80), // accepted
		"max depth":          nested(MaxFrontMatterDepth - 1),
		"5,000 keys":         keys(5000, 1),
		"50,000 keys":        keys(50000, 1),
		"depth 5,000":        nested(5000),
		"many nested lists":  lists.String(),
		"6.5 MB of keys":     keys(800000, 1),
		"10,000-deep blocks": "---\ntitle: x\nk:\n" + strings.Repeat("- ", 10000) + "x\n---\n",
	}
}

func TestFrontMatterLimits(t *testing.T) {
	for name, in := range frontMatterCases() {
		fm, _, err := ParseMarkdown([]byte(in))
		accepted := name == "max keys, 64 KiB" || name == "max depth"
		switch {
		case accepted && err != nil:
			t.Errorf("%s: refused: %v", name, err)
		case accepted && fm.Title == "":
			t.Errorf("%s: no title", name)
		case !accepted && err == nil:
			t.Errorf("%s: accepted", name)
		case !accepted && !errors.Is(err, ErrInvalid):
			t.Errorf("%s: %v is not ErrInvalid", name, err)
		case !accepted && !strings.Contains(err.Error(), "limit"):
			t.Errorf("%s: %v does not name the limit", name, err)
		}
	}
}

// BenchmarkFrontMatter measures ParseMarkdown on each case: the limits
// hold it to milliseconds (BENCHMARKS.md).
func BenchmarkFrontMatter(b *testing.B) {
	for name, in := range frontMatterCases() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_, _, _ = ParseMarkdown([]byte(in))
			}
		})
	}
}

func TestHasFrontMatter(t *testing.T) {
	for in, want := range map[string]bool{
		"---\ntitle: x\n---\n": true, "---\r\ntitle: x\r\n---\r\n": true, "---\rtitle: x\r---\r": true,
		"\ufeff---\ntitle: x\n---\n": true, "--- \t\r\ntitle: x\n---  \n": true, "---\n": true, "----\n": false, "正文\n---\n": false, "": false,
	} {
		if got := HasFrontMatter([]byte(in)); got != want {
			t.Errorf("HasFrontMatter(%q) = %v", in, got)
		}
	}
}

func TestVisibleAndDates(t *testing.T) {
	for _, s := range []string{"\u200b", "\u2800\u2800", "\u3164", "\ufeff \u3000", "\u034f\u0301", "\ufe0f"} {
		if HasVisible(s) {
			t.Errorf("HasVisible(%q) = true", s)
		}
		c := Content{Kind: KindNews, Title: s, Body: "正文"}
		if err := c.Validate(); err == nil {
			t.Errorf("title %q accepted", s)
		}
	}
	for _, s := range []string{"标题", "a", "\u200b标题", "❤"} {
		if !HasVisible(s) {
			t.Errorf("HasVisible(%q) = false", s)
		}
	}
	for _, d := range []string{"9999-01-01", "1600-01-01", "2262-04-12"} {
		fm := FrontMatter{Date: d}
		if _, err := fm.PublishDate(time.UTC); err == nil {
			t.Errorf("date %s accepted", d)
		}
	}
	if err := CheckDate("date", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Error(err)
	}
}

// A size just over a limit never reads the same as the limit.
func TestSizeMessagesExact(t *testing.T) {
	c := Content{Kind: KindNews, Title: "标题", Body: strings.Repeat("a", MaxBodyBytes+1)}
	err := c.Validate()
	if err == nil || !strings.Contains(err.Error(), "2097153 bytes") || !strings.Contains(err.Error(), "2097152 bytes") {
		t.Fatalf("over the body limit: %v", err)
	}
}
