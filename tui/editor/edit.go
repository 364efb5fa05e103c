package editor

import "strings"

// This file holds the edits. Every change of the text goes through change,
// which records one undo step (or extends the current one) and bumps the
// version.

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// cursorPos returns the cursor as a byte position.
func (m Model) cursorPos() bpos {
	st := m.st
	return bpos{st.line, st.buf.line(st.line).offAt(st.col)}
}

// setCursorPos puts the cursor at byte position p (after the cluster that
// contains p, if p is inside one).
func (m Model) setCursorPos(p bpos) {
	st := m.st
	st.line = p.line
	st.col = st.buf.line(p.line).colAt(p.off)
}

// change replaces the text between from and to with text, leaves the cursor
// after the inserted text and records the step.
func (m Model) change(from, to bpos, text string, kind editKind) {
	st := m.st
	if m.ReadOnly {
		return
	}
	if to.less(from) {
		from, to = to, from
	}
	del := st.buf.text(from, to)
	if del == "" && text == "" {
		return
	}
	before := m.cursorPos()
	end := st.buf.replace(from, to, text)
	m.setCursorPos(end)
	st.hist.record(edit{at: from, del: del, ins: text, before: before, after: end, kind: kind})
	st.version++
	st.goal = -1
}

// insert inserts text at the cursor.
func (m Model) insert(text string, kind editKind) {
	p := m.cursorPos()
	m.change(p, p, text, kind)
}

// backspace deletes the cluster before the cursor, or joins the line with
// the previous one at the start of a line.
func (m Model) backspace() {
	st := m.st
	switch {
	case st.col > 0:
		l := st.buf.line(st.line)
		m.change(bpos{st.line, l.offAt(st.col - 1)}, m.cursorPos(), "", kindBackspace)
	case st.line > 0:
		prev := st.buf.lines[st.line-1]
		m.change(bpos{st.line - 1, len(prev.s)}, bpos{st.line, 0}, "", kindBackspace)
	}
}

// deleteForward deletes the cluster under the cursor, or joins the next line
// at the end of a line.
func (m Model) deleteForward() {
	st := m.st
	l := st.buf.line(st.line)
	switch {
	case st.col < l.n():
		m.change(m.cursorPos(), bpos{st.line, l.offAt(st.col + 1)}, "", kindDelete)
	case st.line < m.lastLine():
		m.change(m.cursorPos(), bpos{st.line + 1, 0}, "", kindDelete)
	}
}

// toggleHeading cycles the current line through the Markdown section
// heading levels a report uses: a plain line becomes "## " (a section,
// 一、…), that becomes "### " (a sub-section, （一）…), and that becomes
// plain again; any other "# "…"###### " prefix is replaced by "## ". The
// cursor stays on the same character. One undo step.
func (m Model) toggleHeading() {
	st := m.st
	s := st.buf.line(st.line).s
	old := 0
	for old < len(s) && old < 6 && s[old] == '#' {
		old++
	}
	if old == 0 || old >= len(s) || s[old] != ' ' {
		old = 0 // "#标签" is not a heading
	}
	level := 0
	if old > 0 {
		level = old
	}
	prefix := ""
	switch level {
	case 0:
		prefix = "## "
	case 2:
		prefix = "### "
	case 3:
		prefix = ""
	default:
		prefix = "## "
	}
	cut := 0
	if old > 0 {
		cut = old + 1
		for cut < len(s) && s[cut] == ' ' {
			cut++
		}
	}
	off := m.cursorPos().off
	m.change(bpos{st.line, 0}, bpos{st.line, cut}, prefix, kindOther)
	m.setCursorPos(bpos{st.line, max(0, off-cut) + len(prefix)})
}

// deleteTo deletes the text between the cursor and (line, col).
func (m Model) deleteTo(line, col int) {
	p := bpos{line, m.st.buf.line(line).offAt(col)}
	m.change(m.cursorPos(), p, "", kindOther)
}

// undo takes back the last step.
func (m Model) undo() bool {
	st := m.st
	h := &st.hist
	h.open = false
	if m.ReadOnly || len(h.undo) == 0 {
		return false
	}
	e := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	st.buf.replace(e.at, endOf(e.at, e.ins), e.del)
	m.setCursorPos(e.before)
	h.redo = append(h.redo, e)
	st.version++
	return true
}

// redo re-applies the last undone step.
func (m Model) redo() bool {
	st := m.st
	h := &st.hist
	h.open = false
	if m.ReadOnly || len(h.redo) == 0 {
		return false
	}
	e := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	st.buf.replace(e.at, endOf(e.at, e.del), e.ins)
	m.setCursorPos(e.after)
	h.undo = append(h.undo, e)
	st.version++
	return true
}
