package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The editor's header: the title's text starts in the column of the value
// of the field below it (来源 …, or 副标题 … when there is one), counted in
// display columns, so 标题 and 来源 read as one column of labels.
func TestComposeHeaderAligned(t *testing.T) {
	col := func(v, label string) (int, int) {
		t.Helper()
		for _, l := range strings.Split(ansi.Strip(v), "\n") {
			rest := strings.TrimLeft(l, " ")
			if after, ok := strings.CutPrefix(rest, label); ok {
				lead := ansi.StringWidth(l) - ansi.StringWidth(rest) + ansi.StringWidth(label)
				return lead, lead + ansi.StringWidth(after) - ansi.StringWidth(strings.TrimLeft(after, " "))
			}
		}
		t.Fatalf("no line starts with %q:\n%s", label, v)
		return 0, 0
	}
	for _, sub := range []string{"", "暨年度工作部署"} {
		st := testStore(t)
		a := seed(t, st, "draft")
		if sub != "" {
			c := meetingContent()
			c.Subtitle = sub
			if _, err := st.Save(liwei, a.ID, 1, c); err != nil {
				t.Fatal(err)
			}
		}
		h := newHarness(t, st, "liwei", 100, 30)
		h.keys("enter")
		v := h.view()
		_, title := col(v, "标题")
		first := "来源"
		if sub != "" {
			first = "副标题"
		}
		_, field := col(v, first)
		if title != field {
			t.Errorf("subtitle %q: the title starts at column %d, the %s value at %d:\n%s", sub, title, first, field, v)
		}
	}
}
