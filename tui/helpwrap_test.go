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

// The chief opening an article the reviewer approved sees the reviewer's
// opinion on the page itself (not only in the confirm box): with nothing
// changed since, the page opens on 改动, which lists 此前的意见.
func TestChiefSeesEarlierOpinionsOnOpening(t *testing.T) {
	st := testStore(t)
	seed(t, st, "approved")
	c := newHarness(t, st, "shenjl", 120, 40)
	c.keys("enter")
	v := c.view()
	if !strings.Contains(v, "此前的意见") || !strings.Contains(v, "王音") || !strings.Contains(v, "同意。") {
		t.Fatalf("the chief's page does not show the reviewer's opinion:\n%s", v)
	}
	// A first review with no decision yet still opens on the text.
	st2 := testStore(t)
	seed(t, st2, "review")
	r := newHarness(t, st2, "wangyin", 120, 40)
	r.keys("enter")
	if v := r.view(); strings.Contains(v, "首次送审") {
		t.Fatalf("a first review opens on the empty 改动 tab:\n%s", v)
	}
}
