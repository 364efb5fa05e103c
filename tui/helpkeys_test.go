package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
)

// The editor's key help (f1) lists the keys that work there: ? and q are
// text while typing, so it offers f1 for help and ctrl+c to quit, not
// "? 帮助" and "q 退出" (pressing q types a q).
func TestEditorHelpListsOnlyWorkingKeys(t *testing.T) {
	p := openDraft(t, meetingContent())
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

// f7 names the 三校 finding in the status bar; the message is read whole,
// with its fix ("（f8 改为“，”）"), even when the page's own status (revision,
// save state, 字数) would leave it no room: at 100 columns it was cut
// to "（f8 …".
func TestFindingNoticeReadWhole(t *testing.T) {
	c := meetingContent()
	c.Body += "\n\n各部门要落实一岗双责,主要负责人亲自抓。"
	p := openDraft(t, c)
	p.key(tea.KeyF7)
	p.waitFor("中文语境中应使用全角", "（f8 改为“，”）")
	p.quit()
}

// openDraft is liwei's workstation with c as his one draft, open in the
// editor.
func openDraft(t *testing.T, c model.Content) *TestProgram {
	t.Helper()
	st := testStore(t)
	if _, err := st.Create(liwei, c, ""); err != nil {
		t.Fatal(err)
	}
	p := run(t, st, "liwei")
	p.waitFor("草稿 1")
	p.key(tea.KeyEnter)
	p.waitFor("ctrl+s 保存")
	return p
}
