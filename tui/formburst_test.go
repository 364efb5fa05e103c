package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestMeetingFormBurstKeepsFieldsApart is a pasted or fast-typed burst in
// the meeting form: a whole line, Tab, the next line, Tab… sent in one go
// with no pause. huh moves the focus in a command, so keys that arrive
// before it ran went to the field being left (会议名称 took the date's
// text). Each field must hold exactly what was typed for it.
func TestMeetingFormBurstKeepsFieldsApart(t *testing.T) {
	st := testStore(t)
	p := run(t, st, "liwei")
	p.waitFor("草稿 0")
	p.typ("m")
	p.waitFor("会议名称")
	burst := func(s string) {
		p.typ(s)
		p.key(tea.KeyTab)
	}
	burst("安全工作会议")
	p.key(tea.KeyCtrlU) // clear the date filled in
	burst("2026-11-30")
	burst("行政楼一楼")
	burst("张明")
	burst("李华、王芳")
	p.key(tea.KeyCtrlU)
	p.typ("保卫处")
	p.key(tea.KeyEnter)
	p.waitFor("编辑 #1")
	p.quit()
	a, head, err := st.Head(1)
	if err != nil {
		t.Fatal(err)
	}
	m := head.Content.Meeting
	if m == nil || m.Name != "安全工作会议" || m.Date != "2026-11-30" || m.Place != "行政楼一楼" || m.Chair != "张明" ||
		len(m.Attendees) != 2 || head.Content.Source != "保卫处" {
		t.Fatalf("the burst mixed the fields: %+v source %q (article %+v)", m, head.Content.Source, a)
	}
}
