package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// langSwitchedMsg ends a language switch: the user's setting is saved
// (err nil) as lang.
type langSwitchedMsg struct {
	lang locale.Lang
	err  error
}

// switchLanguage saves the other catalog language as the user's own
// setting (store.EditUser, the rule and audit record of copydesk user
// edit --lang), off the UI goroutine; the App then starts the workstation
// again in it (relaunch). Offered on home only, where nothing is being
// edited.
func switchLanguage(s *session) tea.Cmd {
	next := locale.EN
	if s.lang() == locale.EN {
		next = locale.ZH
	}
	st, act := s.store, s.actor
	return func() tea.Msg {
		l := string(next)
		_, err := st.EditUser(act, act.Login, store.UserEdit{Lang: &l})
		return langSwitchedMsg{lang: next, err: err}
	}
}

// relaunch answers a language switch: the session's language is fixed for
// its life (every page, command and render reads it without a lock), so
// the switch makes a new App in the new language from the same options,
// at the same size, on its home page, and closes this one (its pages, its
// store subscription); Close of this App closes the new one too, so the
// caller that holds this one (the SSH server, Run) still releases it.
func (a *App) relaunch(m langSwitchedMsg) (tea.Model, tea.Cmd) {
	if m.err != nil {
		return a, notifyErr(a.s.tr, m.err)
	}
	if len(a.stack) > 1 || a.next != nil {
		return a, nil // left home meanwhile: the setting applies to the next session
	}
	opts := a.opts
	opts.Lang, opts.Width, opts.Height, opts.Welcome = m.lang, a.width, a.height, ""
	n := newApp(opts, a.now)
	w, h := a.width, a.height
	a.Close()
	a.next = n
	text := n.s.wt("TUILangSwitched")
	return n, tea.Batch(n.Init(),
		func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} },
		func() tea.Msg { return noticeMsg{text: text, kind: noticeOK} })
}
