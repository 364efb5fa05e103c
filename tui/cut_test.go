package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// TestCutKeepsGraphemes: every shortened column fits its width and is a
// run of whole characters of the original (a flag or a ZWJ emoji is never
// split into a lone regional indicator or a dangling joiner), plus "…"
// only when something was cut.
func TestCutKeepsGraphemes(t *testing.T) {
	pieces := []string{"中", "文", "a", " ", "🇨🇳", "🇯🇵", "👨‍👩‍👧", "e\u0301", "，", "“", "…"}
	r := rand.New(rand.NewPCG(4, 8))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s, w := b.String(), 1+r.IntN(24)
		got := cut(s, w)
		if ansi.StringWidth(got) > w {
			t.Fatalf("cut(%q, %d) = %q: %d cells", s, w, got, ansi.StringWidth(got))
		}
		if got == s {
			continue
		}
		head, ok := strings.CutSuffix(got, "…")
		if !ok || !strings.HasPrefix(s, head) {
			t.Fatalf("cut(%q, %d) = %q: not a prefix plus …", s, w, got)
		}
		hs, ss := uniseg.NewGraphemes(head), uniseg.NewGraphemes(s)
		for hs.Next() {
			if !ss.Next() || hs.Str() != ss.Str() {
				t.Fatalf("cut(%q, %d) = %q: cut inside a character", s, w, got)
			}
		}
	}
	if got := cut("国旗🇨🇳🇨🇳🇨🇳", 7); got != "国旗🇨🇳…" {
		t.Errorf("cut flags = %q", got)
	}
}
