package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The chief signs off and sets the publish time in the same confirmation
// (t); the time is read in the office's zone and the home row shows it.
func TestChiefSchedulesAtSignOff(t *testing.T) {
	st := testStore(t)
	seed(t, st, "approved")
	p := run(t, st, "shenjl")
	p.waitFor("待我签发 1")
	openFirstAndDecide(p, "a", "同意签发。", "t 定时发布（到时自动上线）")
	p.typ("t")
	p.waitFor("输入上线时间（北京时间）") // the zone in the title, not run on after it
	p.typ("2024-11-21 08:00")
	p.key(tea.KeyEnter)
	p.waitFor("定时发布：11-21 08:00 上线")
	p.typ("y")
	p.waitFor("已签发 #1", "定时 11-21 08:00") // home shows it in 已签发, with its time
	p.quit()
	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 11, 21, 8, 0, 0, 0, cst)
	if a.State != model.StateSigned || a.Schedule == nil || !a.Schedule.At.Equal(want) || a.Schedule.Login != "shenjl" || a.Schedule.Opinion != "同意签发。" {
		t.Fatalf("after sign-off with a time: %s %+v", a.State, a.Schedule)
	}
}

// After the sign-off the chief schedules from the article page; a writer
// on the same page is not offered the key, and a time in the past is
// refused before anything is stored.
func TestChiefSchedulesFromArticlePage(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	w := run(t, st, "liwei")
	w.waitFor("已签发 1")
	w.key(tea.KeyShiftTab)
	w.waitFor("已签发 ·")
	w.key(tea.KeyEnter)
	w.waitFor("全文")
	w.typ("t")
	frame := w.quit()
	if strings.Contains(frame, "输入上线时间") || strings.Contains(frame, "t 定时发布") {
		t.Fatalf("a writer was offered the schedule:\n%s", frame)
	}

	p := run(t, st, "shenjl")
	p.waitFor("已签发 1")
	p.key(tea.KeyShiftTab)
	p.waitFor("已签发 ·")
	p.key(tea.KeyEnter)
	p.waitFor("全文", "t 定时发布")
	p.typ("t")
	p.waitFor("输入上线时间")
	p.typ("2024-11-20 08:00")
	p.key(tea.KeyEnter)
	p.waitFor("2024-11-20 08:00 +08:00")
	for range "2024-11-20 08:00" {
		p.key(tea.KeyBackspace)
	}
	p.typ("2024-11-22 09:30")
	p.key(tea.KeyEnter)
	p.waitFor("定时发布意见")
	p.typ("会议结束后发布。")
	p.key(tea.KeyEnter)
	p.waitFor("确认定时发布", "11-22 09:30 上线")
	p.typ("y")
	p.waitFor("#1：定时发布")
	p.quit()
	a, _ := st.Get(1)
	if a.Schedule == nil || !a.Schedule.At.Equal(time.Date(2024, 11, 22, 9, 30, 0, 0, cst)) || a.Schedule.Opinion != "会议结束后发布。" {
		t.Fatalf("schedule %+v", a.Schedule)
	}
}

// A schedule the scheduler refused is shown to the chief on home, with
// why, and on the article page.
func TestRefusedScheduleShownToChief(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "signed")
	if _, err := st.Decide(shenjl, a.ID, store.Decision{Action: model.ActSchedule, Opinion: "明早发", At: testNow.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c := meetingContent()
	c.Body += "\n补一句。\n"
	if _, err := st.Save(liwei, a.ID, 1, c); err != nil {
		t.Fatal(err)
	}
	if problem, err := st.RefuseSchedule(a.ID); err != nil || problem == nil {
		t.Fatalf("refuse: %v %v", problem, err)
	}
	p := run(t, st, "shenjl")
	p.waitFor("定时发布被拒 1 篇，没有上线：#1")
	p.quit()
	w := run(t, st, "liwei")
	w.waitFor("草稿")
	if frame := w.quit(); strings.Contains(frame, "定时发布被拒") {
		t.Fatal("a writer is told about refused schedules on home")
	}
}

// The publish-time box is one line: its help offers no newline key
// (ctrl+j 换行) and ctrl+j types none; in the editor, the title field's
// help does not list the body's enter 换行 either.
func TestSingleLineFieldsOfferNoNewline(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	d := newHarness(t, st, "shenjl", 120, 40)
	d.keys("shift+tab", "enter", "t")
	if v := d.view(); !strings.Contains(v, "输入上线时间") {
		t.Fatalf("no schedule box:\n%s", v)
	}
	d.keys("2024-11-20")
	d.send(tea.KeyMsg{Type: tea.KeyCtrlJ})
	d.keys("08:00")
	p, ok := d.app.top().(*articlePage)
	if !ok {
		t.Fatalf("top page is %T", d.app.top())
	}
	if v := p.atInput.Value(); strings.Contains(v, "\n") {
		t.Errorf("ctrl+j put a line break into the time: %q", v)
	}
	if v := d.view(); strings.Contains(v, "ctrl+j") || strings.Contains(v, zhTR.wt("EdNewLine")) {
		t.Errorf("the one-line time box offers a newline key:\n%s", v)
	}

	st2 := testStore(t)
	if _, err := st2.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	e := newHarness(t, st2, "liwei", 120, 45)
	e.keys("enter", "shift+tab") // the editor, focus on the title
	c, ok := e.app.top().(*composePage)
	if !ok || !c.focusTitle {
		t.Fatalf("not on the title field: %T", e.app.top())
	}
	for _, g := range c.help().FullHelp() {
		for _, b := range g {
			if b.Help().Desc == zhTR.wt("EdNewLine") {
				t.Errorf("the title field's help offers %s %s", b.Help().Key, b.Help().Desc)
			}
		}
	}
}
