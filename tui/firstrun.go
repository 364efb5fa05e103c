package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// FirstRunAnswers is who the first user of a new database is.
type FirstRunAnswers struct {
	Login      string // [a-z0-9_-], what --as and the SSH commands name
	Display    string // 姓名: what the site shows (发布人, 文/…, 审核:…)
	Department string // 部门: the default 资讯来源
	// LoginNote (in, not an answer) says why the OS account's name was not
	// offered as the login (USER=root, a name with spaces); the form shows
	// it under the login field.
	LoginNote string
}

// ErrFirstRunCancelled: the user left the first-run form without answering.
// It is a locale.Message (FirstRunCancelled), so the CLI shows it in the
// user's language.
var ErrFirstRunCancelled error = firstRunCancelled{}

type firstRunCancelled struct{}

func (firstRunCancelled) Error() string {
	return "first run cancelled: nothing was created; run copydesk again, or copydesk init --login LOGIN --display 姓名" // langcheck:ok Error() is the fallback; the message is FirstRunCancelled
}

// MessageID names the catalog message (locale.Message).
func (firstRunCancelled) MessageID() string { return "FirstRunCancelled" }

// MessageArgs has no arguments (locale.Message).
func (firstRunCancelled) MessageArgs() map[string]any { return nil }

// firstRunModel is the form a new database shows before anything else.
type firstRunModel struct {
	form *huh.Form
	sync *formSync
	ans  *FirstRunAnswers
	done bool
}

func newFirstRun(tl tr, def FirstRunAnswers) *firstRunModel {
	ans := def
	m := &firstRunModel{ans: &ans}
	validLogin := func(s string) error {
		s = strings.TrimSpace(s)
		if err := model.ValidateLogin(s); err != nil {
			return tl.formErr("TUIFirstRunBadLogin")
		}
		if model.SystemAccount(s) {
			return tl.formErr("TUIFirstRunSystemLogin")
		}
		return nil
	}
	loginHelp := tl.wt("TUIFirstRunLoginHelp")
	if def.LoginNote != "" {
		loginHelp = def.LoginNote + "\n" + loginHelp
	}
	needed := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return tl.formErr("TUIFirstRunNeedName")
		}
		return nil
	}
	km := huhKeyMap(tl)
	m.sync = newFormSync(km)
	m.form = huh.NewForm(huh.NewGroup(
		huh.NewNote().Title(tl.wt("TUIFirstRunTitle")).Description(tl.wt("TUIFirstRunNote")),
		huh.NewInput().Title(tl.wt("TUIFirstRunLogin")).Description(loginHelp).Value(&ans.Login).Validate(validLogin),
		huh.NewInput().Title(tl.wt("TUIFirstRunName")).Description(tl.wt("TUIFirstRunNameHelp")).Value(&ans.Display).Validate(needed),
		huh.NewInput().Title(tl.wt("TUIFirstRunDept")).Description(tl.wt("TUIFirstRunDeptHelp")).Value(&ans.Department),
	)).WithKeyMap(km).WithShowHelp(true)
	return m
}

func (m *firstRunModel) Init() tea.Cmd { return m.form.Init() }

func (m *firstRunModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && (k.Type == tea.KeyCtrlC || k.Type == tea.KeyEsc) {
		return m, tea.Quit
	}
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		// The form fits the terminal and scrolls to the focused field,
		// as the other forms do (huh scrolls only with a height given).
		m.form = m.form.WithWidth(max(min(ws.Width-4, 76), 20)).WithHeight(firstRunFormHeight(ws.Height))
		return m, nil
	}
	var cmd tea.Cmd
	m.form, cmd = m.sync.update(m.form, msg)
	if m.form.State == huh.StateCompleted {
		m.done = true
		return m, tea.Quit
	}
	return m, cmd
}

// firstRunFormHeight is the form's height in a terminal of h lines: less
// the padding above and below, the blank line huh puts above its help, and
// a line kept for a validation message that wraps.
func firstRunFormHeight(h int) int { return max(h-4, 4) }

func (m *firstRunModel) View() string {
	if m.done {
		return ""
	}
	return lipgloss.NewStyle().Padding(1, 2).Render(m.form.View())
}

// FirstRun asks the first user of a new database who they are — login,
// 姓名, 部门 — in a full-screen form; def fills the answers in advance (the
// login from the OS account: a suggestion the user may change; one that is
// not a valid login or is a system account such as root is refused like
// a typed one, never taken silently). It returns ErrFirstRunCancelled when the
// user leaves with esc or ctrl+c. The form speaks lang ("" is zh-CN):
// nobody is known yet, so it is the process's choice (COPYDESK_LANG).
func FirstRun(lang locale.Lang, def FirstRunAnswers, teaOpts ...tea.ProgramOption) (FirstRunAnswers, error) {
	m := newFirstRun(tr(lang), def)
	if _, err := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithAltScreen()}, teaOpts...)...).Run(); err != nil {
		return FirstRunAnswers{}, err
	}
	if !m.done {
		return FirstRunAnswers{}, ErrFirstRunCancelled
	}
	a := *m.ans
	a.Login, a.Display, a.Department = strings.TrimSpace(a.Login), strings.TrimSpace(a.Display), strings.TrimSpace(a.Department)
	return a, nil
}
