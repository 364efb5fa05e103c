package cjkmark_test

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/export/cjkmark"
)

// TestDelimiterRunsBounded: a paragraph of unmatched openers of one kind
// and closers of another renders in bounded time (goldmark alone is
// quadratic here), and emphasis within the limit still works in it.
func TestDelimiterRunsBounded(t *testing.T) {
	body := "**开头**" + strings.Repeat("*a ", 20000) + strings.Repeat("b~c ", 20000)
	// (goldmark alone needs minutes for this; the benchmark
	// BenchmarkSummaryRender in export measures the scaling)
	if out := render(t, withCJK, body); !strings.HasPrefix(out, "<p><strong>开头</strong>*a *a") {
		t.Errorf("output starts %q", out[:40])
	}
	// a block's count does not carry over to the next block
	next := strings.Repeat("*b ", cjkmark.MaxDelimiters+10) + "\n\n**结尾**"
	if out := render(t, withCJK, next); !strings.HasSuffix(out, "<p><strong>结尾</strong></p>\n") {
		t.Errorf("next paragraph: %q", out[len(out)-40:])
	}
}
