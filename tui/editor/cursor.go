package editor

import "unicode/utf8"

// This file holds cursor movement. The cursor is a (line, cluster index)
// pair; vertical moves go through wrapped rows and keep a goal column in
// display cells (state.goal) until a horizontal move or an edit resets it.

// rows returns the wrapped rows of line li for the current content width.
func (m Model) rows(li int) []int32 {
	return m.st.buf.line(li).wrap(m.contentWidth())
}

// lastLine returns the index of the last line.
func (m Model) lastLine() int { return len(m.st.buf.lines) - 1 }

// cellX returns the display column of position col within row r.
func cellX(l *line, rows []int32, r, col int) int {
	x := 0
	for _, c := range l.g[rows[r]:col] {
		x += int(c.w)
	}
	return x
}

// colAtX returns the position on row r whose cell span holds display column
// x (the wide character under x, not the one after it), or the row's last
// position when the row is shorter than x.
func colAtX(l *line, rows []int32, r, x int) int {
	end := rowMaxCol(rows, r, l.n())
	acc := 0
	for i := int(rows[r]); i < end; i++ {
		w := int(l.g[i].w)
		if acc+w > x {
			return i
		}
		acc += w
	}
	return end
}

func (m Model) left() {
	st := m.st
	if st.col > 0 {
		st.col--
	} else if st.line > 0 {
		st.line--
		st.col = st.buf.line(st.line).n()
	}
}

func (m Model) right() {
	st := m.st
	if st.col < st.buf.line(st.line).n() {
		st.col++
	} else if st.line < m.lastLine() {
		st.line++
		st.col = 0
	}
}

// moveRows moves the cursor n rows down (n < 0: up) through wrapped rows,
// keeping the goal column, and returns how many rows it moved.
func (m Model) moveRows(n int) int {
	st := m.st
	li := st.line
	l := st.buf.line(li)
	rows := m.rows(li)
	r := rowOf(rows, st.col)
	if st.goal < 0 {
		st.goal = cellX(l, rows, r, st.col)
	}
	moved := 0
	for ; n > 0; n-- {
		if r+1 < len(rows) {
			r++
		} else if li < m.lastLine() {
			li++
			rows, r = m.rows(li), 0
		} else {
			break
		}
		moved++
	}
	for ; n < 0; n++ {
		if r > 0 {
			r--
		} else if li > 0 {
			li--
			rows = m.rows(li)
			r = len(rows) - 1
		} else {
			break
		}
		moved++
	}
	if moved > 0 {
		st.line = li
		st.col = colAtX(st.buf.line(li), rows, r, st.goal)
	}
	return moved
}

// vertical moves n rows; at the first or last row it goes to the start or
// end of the text instead, as most editors do.
func (m Model) vertical(n int) {
	if m.moveRows(n) == 0 {
		goal := m.st.goal
		if n < 0 {
			m.docStart()
		} else {
			m.docEnd()
		}
		m.st.goal = goal
	}
}

// home goes to the start of the row; pressed at the start of a wrapped row,
// to the start of the line.
func (m Model) home() {
	st := m.st
	rows := m.rows(st.line)
	if start := int(rows[rowOf(rows, st.col)]); st.col != start {
		st.col = start
	} else {
		st.col = 0
	}
}

// end goes to the end of the row (onto its last character for a wrapped row,
// since the position after it starts the next row); pressed there, to the
// end of the line.
func (m Model) end() {
	st := m.st
	rows := m.rows(st.line)
	n := st.buf.line(st.line).n()
	if e := rowMaxCol(rows, rowOf(rows, st.col), n); st.col != e {
		st.col = e
	} else {
		st.col = n
	}
}

func (m Model) docStart() { m.st.line, m.st.col = 0, 0 }

func (m Model) docEnd() {
	m.st.line = m.lastLine()
	m.st.col = m.st.buf.line(m.st.line).n()
}

// classAt returns the word class of cluster i of l.
func classAt(l *line, i int) int {
	r, _ := utf8.DecodeRuneInString(l.s[l.g[i].off:])
	return wordClass(r)
}

// wordForward returns the position after the next word: white space is
// skipped, then a run of clusters of one word class (see wordClass). At the
// end of a line it returns the start of the next line.
//
// For Chinese, a run of Han characters is one word, so word moves and word
// deletion go from punctuation to punctuation (clause by clause): Chinese is
// written without spaces and a dictionary-based word segmenter is out of
// scope for an editor. Punctuation runs (“。”, “——”) are words of their own,
// and Latin words and numbers inside Chinese text are words as usual.
func (m Model) wordForward() (int, int) {
	st := m.st
	l := st.buf.line(st.line)
	i, n := st.col, l.n()
	if i == n {
		if st.line < m.lastLine() {
			return st.line + 1, 0
		}
		return st.line, n
	}
	for i < n && classAt(l, i) == wcSpace {
		i++
	}
	if i < n {
		c := classAt(l, i)
		for i < n && classAt(l, i) == c {
			i++
		}
	}
	return st.line, i
}

// wordBackward returns the start of the word before the cursor (see
// wordForward). At the start of a line it returns the end of the previous
// line.
func (m Model) wordBackward() (int, int) {
	st := m.st
	l := st.buf.line(st.line)
	i := st.col
	if i == 0 {
		if st.line > 0 {
			return st.line - 1, st.buf.line(st.line - 1).n()
		}
		return 0, 0
	}
	for i > 0 && classAt(l, i-1) == wcSpace {
		i--
	}
	if i > 0 {
		c := classAt(l, i-1)
		for i > 0 && classAt(l, i-1) == c {
			i--
		}
	}
	return st.line, i
}

// isBlank reports whether s holds only spaces and tabs.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// paragraphForward goes to the start of the next paragraph. A paragraph is a
// non-blank logical line: Chinese drafts usually put one paragraph on one
// line, Markdown separates paragraphs with blank lines, and both work (blank
// lines are skipped). With no paragraph below, it goes to the end.
func (m Model) paragraphForward() {
	st := m.st
	for li := st.line + 1; li <= m.lastLine(); li++ {
		if !isBlank(st.buf.lines[li].s) {
			st.line, st.col = li, 0
			return
		}
	}
	m.docEnd()
}

// paragraphBackward goes to the start of the current paragraph, or when
// already there, to the start of the previous one (see paragraphForward).
func (m Model) paragraphBackward() {
	st := m.st
	if st.col > 0 && !isBlank(st.buf.lines[st.line].s) {
		st.col = 0
		return
	}
	for li := st.line - 1; li >= 0; li-- {
		if !isBlank(st.buf.lines[li].s) {
			st.line, st.col = li, 0
			return
		}
	}
	m.docStart()
}

// page moves the cursor and the view one screen (n = ±1).
func (m Model) page(n int) {
	st := m.st
	h := max(st.height, 1)
	moved := m.moveRows(n * h)
	if moved == 0 {
		if n < 0 {
			m.docStart()
		} else {
			m.docEnd()
		}
		return
	}
	if n > 0 {
		st.topLine, st.topRow = m.forward(st.topLine, st.topRow, moved)
	} else {
		st.topLine, st.topRow = m.back(st.topLine, st.topRow, moved)
	}
}
