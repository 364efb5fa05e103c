package preview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Headings render as headings: the text is there, the markdown marks are
// not, in every style; in the dark style the heading is still bold.
func TestHeadingsWithoutMarks(t *testing.T) {
	for _, style := range []string{StyleASCII, StyleDark, StyleLight, StyleNoTTY} {
		r := newRenderer(t, style)
		for level := 1; level <= 6; level++ {
			md := strings.Repeat("#", level) + " 一、压实责任\n\n会议要求各单位落实责任。\n"
			out, err := r.Render(r.DraftKey(uint64(level), md, 60), md, 60)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			if !strings.Contains(plain, "一、压实责任") {
				t.Errorf("%s h%d: heading text missing:\n%s", style, level, plain)
			}
			if strings.Contains(plain, "#") {
				t.Errorf("%s h%d: markdown marks shown:\n%s", style, level, plain)
			}
			if style == StyleDark && !strings.Contains(out, "\x1b[") {
				t.Errorf("dark h%d: heading not styled: %q", level, out)
			}
		}
	}
}
