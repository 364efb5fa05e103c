package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/copydesk/copydesk/store"
)

// TestFirstRunAsksWhoYouAre is fault 9.2 in the TUI: a new database asks
// for login, 姓名 and 部门 (the login offered from the OS account), refuses
// a bad login under the field, and the workstation then shows the first-run
// guidance in its status bar.
func TestFirstRunAsksWhoYouAre(t *testing.T) {
	m := newFirstRun(zhTR, FirstRunAnswers{Login: "liwei"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	p := &TestProgram{t: t, tm: tm}
	p.waitFor("欢迎使用 copydesk", "登录名", "姓名", "部门")
	p.key(tea.KeyCtrlU) // clear the offered login and type a bad one
	p.typ("Li Wei")
	p.key(tea.KeyEnter)
	p.waitFor("登录名只用小写字母")
	for range "Li Wei" {
		p.key(tea.KeyBackspace)
	}
	p.fill("liwei")
	p.fill("李伟")
	p.fill("党委宣传部")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if !m.done || m.ans.Login != "liwei" || strings.TrimSpace(m.ans.Display) != "李伟" || m.ans.Department != "党委宣传部" {
		t.Fatalf("answers: done %v %+v", m.done, *m.ans)
	}

	st := testStore(t)
	app := newApp(Options{Store: st, Actor: store.Actor{Login: "liwei"}, Renderer: asciiRenderer(), Welcome: "欢迎，李伟！你是第一位用户"}, clock)
	t.Cleanup(func() { app.Close() })
	tm2 := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 30))
	(&TestProgram{t: t, tm: tm2}).waitFor("欢迎，李伟！你是第一位用户")
}

// TestFirstRunSuggestionIsOnlyASuggestion: the login offered from the OS
// account is refused like a typed one when it is not a valid login or is a
// system account (enter on an untouched field does not take it); the note
// saying why the OS name was not offered is shown under the field; and
// with no suggestion at all ($USER unset) the form still asks and works.
func TestFirstRunSuggestionIsOnlyASuggestion(t *testing.T) {
	for _, c := range []struct{ offered, refusal string }{
		{"Li Wei", "登录名只用小写字母"},
		{"root", "root 之类是系统账户"},
	} {
		m := newFirstRun(zhTR, FirstRunAnswers{Login: c.offered})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
		p := &TestProgram{t: t, tm: tm}
		p.waitFor("欢迎使用 copydesk", "登录名")
		p.key(tea.KeyEnter)
		p.key(tea.KeyEnter)
		p.waitFor(c.refusal)
		if m.done {
			t.Fatalf("%q was taken without a word", c.offered)
		}
		p.key(tea.KeyCtrlU)
		p.fill("liwei")
		p.fill("李伟")
		p.fill("")
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		if !m.done || m.ans.Login != "liwei" {
			t.Fatalf("%q: answers: done %v %+v", c.offered, m.done, *m.ans)
		}
	}

	// $USER unset: nothing offered, the note says why, the form works.
	m := newFirstRun(zhTR, FirstRunAnswers{LoginNote: "系统账户 root 不是某个人，没有拿它作登录名，请填你自己的"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	p := &TestProgram{t: t, tm: tm}
	p.waitFor("没有拿它作登录名")
	p.key(tea.KeyEnter)
	p.waitFor("登录名只用小写字母") // an empty login is refused, not invented
	p.fill("zhaoli")
	p.fill("赵丽")
	p.fill("校团委")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if !m.done || m.ans.Login != "zhaoli" || strings.TrimSpace(m.ans.Display) != "赵丽" {
		t.Fatalf("answers: done %v %+v", m.done, *m.ans)
	}
}
