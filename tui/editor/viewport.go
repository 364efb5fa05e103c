package editor

import "strconv"

// The viewport is anchored by its top row, (topLine, topRow): a line index
// and a row within that line's wrapped rows. Nothing ever needs the row
// count of the whole document, so scrolling only wraps the lines it walks
// over and a jump to the end of a long text wraps only the last screen.

// gutterWidth returns the width of the line-number gutter (0 when line
// numbers are off): at least three digits and a space.
// The sign column (ShowSigns) is part of the gutter.
func (m Model) gutterWidth() int {
	if !m.ShowLineNumbers || m.st == nil {
		return m.signWidth()
	}
	return max(3, len(strconv.Itoa(len(m.st.buf.lines)))) + 1 + m.signWidth()
}

// contentWidth returns the width rows are wrapped to.
func (m Model) contentWidth() int {
	return max(m.st.width-m.gutterWidth(), minWrapWidth)
}

// back returns the row n rows above (li, r), stopping at the first row.
func (m Model) back(li, r, n int) (int, int) {
	for n > 0 {
		if r >= n {
			return li, r - n
		}
		n -= r + 1
		if li == 0 {
			return 0, 0
		}
		li--
		r = len(m.rows(li)) - 1
	}
	return li, r
}

// forward returns the row n rows below (li, r), stopping at the last row.
func (m Model) forward(li, r, n int) (int, int) {
	for n > 0 {
		rows := len(m.rows(li))
		if r+n < rows {
			return li, r + n
		}
		if li == m.lastLine() {
			return li, rows - 1
		}
		n -= rows - r
		li, r = li+1, 0
	}
	return li, r
}

// ensureVisible scrolls the least needed to show the cursor, and pulls the
// view up when it would show empty space below the end of the text while
// text above is hidden.
func (m Model) ensureVisible() {
	st := m.st
	h := max(st.height, 1)
	st.topLine = min(max(st.topLine, 0), m.lastLine())
	st.topRow = min(max(st.topRow, 0), len(m.rows(st.topLine))-1)
	cr := rowOf(m.rows(st.line), st.col)
	if st.line < st.topLine || st.line == st.topLine && cr < st.topRow {
		st.topLine, st.topRow = st.line, cr
		return
	}
	// Walk at most one screen from the top, looking for the cursor and the
	// end of the text.
	li, r := st.topLine, st.topRow
	seen := false
	for i := 0; i < h; i++ {
		if li == st.line && r == cr {
			seen = true
		}
		if r+1 < len(m.rows(li)) {
			r++
		} else if li < m.lastLine() {
			li, r = li+1, 0
		} else {
			// The text ends on screen row i: fill the screen if possible.
			if i < h-1 && (st.topLine > 0 || st.topRow > 0) {
				st.topLine, st.topRow = m.back(li, r, h-1)
			}
			if !seen {
				st.topLine, st.topRow = m.back(st.line, cr, h-1)
			}
			return
		}
	}
	if !seen {
		st.topLine, st.topRow = m.back(st.line, cr, h-1)
	}
}
