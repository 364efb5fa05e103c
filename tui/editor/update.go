package editor

import tea "github.com/charmbracelet/bubbletea"

// Update handles key messages when the editor is focused; other messages
// are ignored. A bracketed paste arrives as one tea.KeyMsg with Paste set
// and is inserted as one edit and one undo step.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.st == nil {
		m.st = newState("")
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok || !m.st.focused {
		return m, nil
	}
	m.handleKey(km)
	m.ensureVisible()
	return m, nil
}

// handleKey dispatches one key.
func (m Model) handleKey(km tea.KeyMsg) {
	st := m.st
	if km.Paste {
		m.insert(normalizeNewlines(string(km.Runes)), kindOther)
		return
	}
	k := km.String()
	km2 := m.KeyMap
	vertical, edit := false, true
	switch {
	case matches(k, km2.DeleteCharacterBackward):
		m.backspace()
	case matches(k, km2.DeleteCharacterForward):
		m.deleteForward()
	case matches(k, km2.DeleteWordBackward):
		line, col := m.wordBackward()
		m.deleteTo(line, col)
	case matches(k, km2.DeleteWordForward):
		line, col := m.wordForward()
		m.deleteTo(line, col)
	case matches(k, km2.DeleteBeforeCursor):
		m.deleteTo(st.line, 0)
	case matches(k, km2.DeleteAfterCursor):
		if n := st.buf.line(st.line).n(); st.col < n {
			m.deleteTo(st.line, n)
		} else {
			m.deleteForward()
		}
	case matches(k, km2.InsertNewline):
		m.insert("\n", kindOther)
	case matches(k, km2.InsertTab):
		m.insert(m.TabText, kindType)
	case matches(k, km2.ToggleHeading):
		m.toggleHeading()
	case matches(k, km2.Undo):
		m.undo()
	case matches(k, km2.Redo):
		m.redo()
	case km.Type == tea.KeyRunes && !km.Alt:
		m.insert(normalizeNewlines(string(km.Runes)), kindType)
	case km.Type == tea.KeySpace && !km.Alt:
		m.insert(" ", kindType)
	default:
		edit = false
	}
	if !edit {
		switch {
		case matches(k, km2.CharacterForward):
			m.right()
		case matches(k, km2.CharacterBackward):
			m.left()
		case matches(k, km2.LineNext):
			m.vertical(1)
			vertical = true
		case matches(k, km2.LinePrevious):
			m.vertical(-1)
			vertical = true
		case matches(k, km2.WordForward):
			st.line, st.col = m.wordForward()
		case matches(k, km2.WordBackward):
			st.line, st.col = m.wordBackward()
		case matches(k, km2.ParagraphForward):
			m.paragraphForward()
		case matches(k, km2.ParagraphBackward):
			m.paragraphBackward()
		case matches(k, km2.LineStart):
			m.home()
		case matches(k, km2.LineEnd):
			m.end()
		case matches(k, km2.DocumentStart):
			m.docStart()
		case matches(k, km2.DocumentEnd):
			m.docEnd()
		case matches(k, km2.PageDown):
			m.page(1)
			vertical = true
		case matches(k, km2.PageUp):
			m.page(-1)
			vertical = true
		default:
			return // unbound key: no effect
		}
		st.hist.open = false // a move ends the typing run
	}
	if !vertical {
		st.goal = -1
	}
}
