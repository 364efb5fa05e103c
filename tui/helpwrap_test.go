package tui

import (
	"strings"
	"testing"
)

// The editor's help (f1) lists every key it has: at 120 and 100 columns
// the columns that do not fit beside the others go below them, none is
// cut off with "…" (the deleting keys, 撤销 and 重做 were hidden).
func TestComposeHelpListsEveryKey(t *testing.T) {
	st := testStore(t)
	if _, err := st.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{120, 100} {
		d := newHarness(t, st, "liwei", w, 45)
		d.keys("enter", "f1")
		v := d.view()
		if !strings.Contains(v, "按键") {
			t.Fatalf("%d columns: no help screen:\n%s", w, v)
		}
		for _, g := range d.app.top().help().FullHelp() {
			for _, b := range g {
				if desc := b.Help().Desc; b.Enabled() && desc != "" && !strings.Contains(v, desc) {
					t.Errorf("%d columns: help does not list %s %s:\n%s", w, b.Help().Key, desc, v)
				}
			}
		}
		for _, l := range strings.Split(v, "\n") {
			if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
				t.Errorf("%d columns: help line cut off: %q", w, l)
			}
		}
	}
}

// The key line above the status bar always shows how to reach the help:
// when the keys do not fit, the last ones give way to "…", not f1 帮助.
func TestKeyLineKeepsHelpKey(t *testing.T) {
	st := testStore(t)
	if _, err := st.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{100, 80, 60} {
		d := newHarness(t, st, "liwei", w, 30)
		if v := d.view(); !strings.Contains(v, "? 帮助") {
			t.Errorf("%d columns, home: no ? 帮助 on the key line:\n%s", w, v)
		}
		d.keys("enter")
		v := d.view()
		lines := strings.Split(v, "\n")
		keyLine := lines[len(lines)-2]
		if !strings.Contains(keyLine, "f1 帮助") || !strings.Contains(keyLine, "ctrl+s 保存") {
			t.Errorf("%d columns, editor: key line %q lacks ctrl+s 保存 or f1 帮助", w, keyLine)
		}
	}
}
