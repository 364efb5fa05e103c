package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestMeetingDateErrorUnderTheField is fault 9.11 in the meeting form: a
// wrong date is explained right under the date field, with this year's
// date as the example, not a fixed 2024.
func TestMeetingDateErrorUnderTheField(t *testing.T) {
	st := testStore(t)
	p := run(t, st, "liwei")
	p.waitFor("草稿 0")
	p.typ("m")
	p.waitFor("会议名称")
	p.fill("安全工作会议")
	p.key(tea.KeyCtrlU)
	p.typ("下周三")
	p.key(tea.KeyEnter)
	want := "请写成 " + testNow.In(cst).Format("2006-01-02") + " 这样的日期"
	p.waitFor("✗ " + want)
	frame := p.quit()
	lines := strings.Split(frame, "\n")
	for i, l := range lines {
		if strings.Contains(l, "✗ "+want) {
			if i < 1 || !strings.Contains(strings.Join(lines[max(i-3, 0):i], "\n"), "日期") {
				t.Fatalf("the error is not under the date field:\n%s", frame)
			}
			return
		}
	}
	t.Fatalf("no date error in the last frame:\n%s", frame)
}
