package tui

import (
	"strings"

	"github.com/copydesk/copydesk/locale"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
)

// The first-run form speaks Chinese down to its key help: "enter 下一项",
// then on the last field "shift+tab 上一项 • enter 完成" (huh's own
// "enter next", "shift+tab back • enter submit" were the first English a
// new user met).
func TestFirstRunKeyHelpInChinese(t *testing.T) {
	m := newFirstRun(zhTR, FirstRunAnswers{Login: "liwei"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	p := &TestProgram{t: t, tm: tm}
	p.waitFor("欢迎使用 copydesk", "下一项")
	p.fill("")
	p.fill("李伟")
	p.waitFor("上一项", "完成")
	time.Sleep(50 * time.Millisecond)
	if words := untranslated(ansi.Strip(m.View())); len(words) > 0 {
		t.Errorf("first-run form shows English %v:\n%s", words, ansi.Strip(m.View()))
	}
	p.key(tea.KeyCtrlC)
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// Leaving the first-run form says so in the user's language: Chinese by
// default, English under LANG=en (the CLI renders it with locale.Err).
func TestFirstRunCancelledInBothLanguages(t *testing.T) {
	zh := locale.Err(locale.Default, ErrFirstRunCancelled)
	if !strings.Contains(zh, "已取消") || strings.Contains(zh, "cancelled") || strings.Contains(zh, "nothing") {
		t.Fatalf("zh-CN: %q", zh)
	}
	if en := locale.Err(locale.EN, ErrFirstRunCancelled); !strings.Contains(en, "first run cancelled") {
		t.Fatalf("en: %q", en)
	}
}
