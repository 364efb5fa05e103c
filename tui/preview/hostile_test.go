package preview

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
)

// hostile are bodies at the 2 MiB limit that goldmark parses in quadratic
// time unbounded (issue 16); the preview bounds them as the export does.
func hostile(n int) map[string]string {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	lines := func(s string) string { return strings.Repeat(s+"\n", n/(len(s)+1)) }
	return map[string]string{
		"quote_markers":   rep(">") + " x\n",
		"spaced_quotes":   rep("> ") + "x\n",
		"unclosed_links":  rep("[a]("),
		"link_refs":       lines("[a]: b"),
		"lazy_quote":      strings.Repeat(">", 200) + " x\n" + lines("y"),
		"tiny_paragraphs": lines("a\n"),
		"emphasis":        rep("*_"),
		"ordinary":        lines("11月20日，学院召开安全稳定工作会议。会议要求各部门开展一次全面排查，详见[通知](https://example.org/a)。"),
	}
}

// The preview of a hostile body ends: a reviewer who opens it does not
// leave a core busy behind them.
func TestHostilePreviewEnds(t *testing.T) {
	r := newRenderer(t, "dark")
	for name, body := range hostile(128 << 10) {
		done := make(chan error, 1)
		go func() {
			_, err := r.Render(r.DraftKey(1, body, 80), body, 80)
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: the preview did not finish within a minute", name)
		}
	}
}

// BenchmarkHostilePreview renders each hostile body at the 2 MiB limit in
// the TUI preview (BENCHMARKS.md). COPYDESK_HOSTILE=name runs one.
func BenchmarkHostilePreview(b *testing.B) {
	only := os.Getenv("COPYDESK_HOSTILE")
	for name, body := range hostile(model.MaxBodyBytes) {
		if only != "" && only != name {
			continue
		}
		b.Run(name, func(b *testing.B) {
			r := newRenderer(b, "dark")
			for i := 0; b.Loop(); i++ {
				md := body + strings.Repeat("\n", i) // a new draft key each time: no cache
				if _, err := r.Render(r.DraftKey(1, md, 80), md, 80); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
