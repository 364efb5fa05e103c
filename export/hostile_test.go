package export

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
)

// hostileBodies are Markdown bodies of n bytes that goldmark v1.8.7 parses
// in quadratic time unbounded (issue 16): deep block quotes, unclosed link
// openers, link reference floods, and runs of every inline delimiter.
func hostileBodies(n int) map[string]string {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	lines := func(s string) string { return strings.Repeat(s+"\n", n/(len(s)+1)) }
	var indent strings.Builder
	for i := 0; indent.Len() < n; i++ {
		indent.WriteString(strings.Repeat("  ", i%1000) + "- x\n")
	}
	return map[string]string{
		"quote markers":       rep(">") + " x\n",
		"spaced quotes":       rep("> ") + "x\n",
		"quote list":          rep("> - ") + "x\n",
		"brackets":            rep("["),
		"unclosed links":      rep("[a]("),
		"unclosed images":     rep("![a](<"),
		"link refs":           lines("[a]: b"),
		"emphasis":            rep("*_"),
		"strong":              rep("**a*"),
		"code spans":          rep("`a``"),
		"strike":              rep("~~a"),
		"entities":            rep("&amp"),
		"angle":               rep("<a "),
		"lazy quote":          strings.Repeat(">", 200) + " x\n" + lines("y"),
		"indented lists":      indent.String()[:n],
		"one long cjk line":   rep("会议要求各部门开展排查，"),
		"ordinary paragraphs": lines("11月20日，学院召开安全稳定工作会议。会议要求各部门开展一次全面排查，详见[通知](https://example.org/a)。"),
	}
}

// Ordinary articles pass BoundMarkdown unchanged; each hostile body is
// rewritten, and its render ends.
func TestBoundMarkdown(t *testing.T) {
	for _, ok := range []string{
		"# 标题\n\n> 引用\n> > 二级引用\n\n- 列表\n  - 子项\n\n1. 一\n2. 二\n\n```go\n> > > > > > > > > > > > > > > > > > > > x\n```\n\n正文[链接](https://example.org)和**强调**、`代码`。\n",
		strings.Repeat("段落。[a](b) *c* `d`\n\n", 5000),
	} {
		if got, changed := model.BoundMarkdown(ok); changed || got != ok {
			t.Errorf("an ordinary body was changed:\n%.200q", got)
		}
	}
	for name, body := range hostileBodies(256 << 10) {
		bounded, changed := model.BoundMarkdown(body)
		if !changed && name != "ordinary paragraphs" {
			t.Errorf("%s: not bounded", name)
		}
		start := time.Now()
		if _, err := renderMarkdown(&mdState{}, bounded); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		_ = summarize(bounded)
		t.Logf("%s: %v", name, time.Since(start))
	}
}

// BenchmarkHostileMarkdown renders and summarizes each hostile body at the
// 2 MiB body limit, bounded as the export bounds it, and reports the peak
// heap in use (BENCHMARKS.md, "hostile Markdown"). With
// COPYDESK_HOSTILE=name only that case runs.
func BenchmarkHostileMarkdown(b *testing.B) {
	only := os.Getenv("COPYDESK_HOSTILE")
	for name, body := range hostileBodies(model.MaxBodyBytes) {
		if only != "" && only != name {
			continue
		}
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				stop := make(chan struct{})
				done := make(chan uint64)
				go func() {
					var m runtime.MemStats
					var p uint64
					for {
						runtime.ReadMemStats(&m)
						p = max(p, m.HeapInuse)
						select {
						case <-stop:
							done <- p
							return
						case <-time.After(20 * time.Millisecond):
						}
					}
				}()
				bounded, _ := model.BoundMarkdown(body)
				if _, err := renderMarkdown(&mdState{}, bounded); err != nil {
					b.Fatal(err)
				}
				_ = summarize(bounded)
				close(stop)
				if p := <-done; p > before.HeapInuse {
					peak = max(peak, p-before.HeapInuse)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peakMiB")
		})
	}
}
