package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/tui/editor"
)

// bodyEditor is what the compose page needs from the body editor. It is a
// thin handle over tui/editor, the project's CJK editor, whose Model keeps
// its document behind a pointer.
type bodyEditor struct{ m editor.Model }

// newBody returns the body editor of a compose page, styled from the
// session's renderer. Tab is left to the page (it moves between the title
// and the body); everything else is the editor's own key map.
func newBody(s *session) *bodyEditor {
	m := editor.New()
	m.KeyMap = editor.KeyMapIn(s.lang())
	st := editor.DefaultStyles(s.sty.r)
	st.Text = s.sty.Base
	st.Placeholder = s.sty.Faint
	st.LineNumber = s.sty.Faint
	st.CursorLineNumber = s.sty.Dim
	st.Control = s.sty.Bad
	st.MarkError = s.sty.Bad.Underline(true)
	st.MarkWarning = s.sty.Warn.Underline(true)
	st.MarkHint = s.sty.Dim.Underline(true)
	m.Styles = st
	m.ShowSigns = true // 三校 marks: ✗ ! · beside the rows (proofedit.go)
	m.Placeholder = s.wt("TUIBodyPlaceholder")
	m.KeyMap.InsertTab.SetEnabled(false)
	if s.local {
		// ctrl+e opens $EDITOR here; end still goes to the line end.
		m.KeyMap.LineEnd.SetKeys("end")
	}
	// ctrl+p is the preview toggle; up still moves up.
	m.KeyMap.LinePrevious.SetKeys("up")
	return &bodyEditor{m: m}
}

func (b *bodyEditor) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	b.m, cmd = b.m.Update(msg)
	return cmd
}

func (b *bodyEditor) View() string      { return b.m.View() }
func (b *bodyEditor) SetSize(w, h int)  { b.m.SetSize(w, h) }
func (b *bodyEditor) SetValue(s string) { b.m.SetValue(s) }
func (b *bodyEditor) Value() string     { return b.m.Value() }
func (b *bodyEditor) Focus() tea.Cmd    { b.m.Focus(); return nil }
func (b *bodyEditor) Blur()             { b.m.Blur() }

// Version changes whenever the text changes.
func (b *bodyEditor) Version() uint64 { return b.m.Version() }

// CharCount is the 字数.
func (b *bodyEditor) CharCount() int { return b.m.CharCount() }

// Position is the cursor's logical line and the number of lines, for
// keeping the preview near what is being written.
func (b *bodyEditor) Position() (line, lines int) {
	l, _ := b.m.Cursor()
	return l, b.m.LineCount()
}
