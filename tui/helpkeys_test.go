package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The editor's key help (f1) lists the keys that work there: ? and q are
// text while typing, so it offers f1 for help and ctrl+c to quit, not
// "? 帮助" and "q 退出" (pressing q types a q).
func TestEditorHelpListsOnlyWorkingKeys(t *testing.T) {
	st := testStore(t)
	if _, err := st.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	p := run(t, st, "liwei")
	p.waitFor("草稿 1")
	p.key(tea.KeyEnter)
	p.waitFor("ctrl+s 保存")
	p.key(tea.KeyF1)
	p.waitFor("按任意键返回")
	last := p.quit()
	if !strings.Contains(last, "f1") || !strings.Contains(last, "ctrl+c") {
		t.Fatalf("editor help lacks f1/ctrl+c:\n%s", last)
	}
	for _, line := range strings.Split(last, "\n") {
		for _, f := range strings.Fields(line) {
			if f == "?" || f == "q" {
				t.Fatalf("editor help offers %q, which types text there:\n%s", f, last)
			}
		}
	}
}
