package editor

import (
	"strconv"
	"strings"
)

// View renders the visible rows: exactly Height rows, each exactly Width
// cells wide (padded with spaces). Only the lines in the viewport are
// segmented, wrapped and drawn. The cursor is a reverse-video cell, drawn
// only when the editor is focused. Control characters in the text are drawn
// as visible placeholders (see the package doc), never as raw bytes.
func (m Model) View() string {
	st := m.st
	if st == nil || st.width <= 0 || st.height <= 0 {
		return ""
	}
	sp := m.Styles.spans()
	cw := m.contentWidth()
	var sb strings.Builder
	sb.Grow(st.height * (st.width*3 + 32))
	if m.Placeholder != "" && len(st.buf.lines) == 1 && st.buf.lines[0].s == "" {
		m.viewPlaceholder(&sb, &sp, cw)
		return sb.String()
	}
	li, r := st.topLine, st.topRow
	var lm []cmark // the marks of line li, in clusters
	lmFor := -1
	for y := 0; y < st.height; y++ {
		if y > 0 {
			sb.WriteByte('\n')
		}
		if li >= len(st.buf.lines) {
			m.writeGutter(&sb, &sp, -1, -1)
			writeSpaces(&sb, cw)
			continue
		}
		l := st.buf.line(li)
		rows := l.wrap(cw)
		if lmFor != li {
			lm, lmFor = st.buf.lineMarks(li, lm[:0]), li
		}
		sign := rowSign(lm, int(rows[r]), rowEnd(rows, r, l.n()))
		if r == 0 {
			m.writeGutter(&sb, &sp, li, sign)
		} else {
			m.writeGutter(&sb, &sp, -1, sign)
		}
		cur := -1
		if st.focused && li == st.line {
			cur = st.col
		}
		w := writeRow(&sb, &sp, &sp.text, l, rows, r, cur, lm)
		writeSpaces(&sb, cw-w)
		if r++; r >= len(rows) {
			li, r = li+1, 0
		}
	}
	return sb.String()
}

// writeGutter writes the sign column (ShowSigns: the sign of the most
// severe mark on the row, sign < 0 for none) and the line-number gutter for
// line li, or a blank one for a continuation row (li < 0).
func (m Model) writeGutter(sb *strings.Builder, sp *spans, li, sign int) {
	if m.ShowSigns {
		if sign < 0 {
			writeSpaces(sb, signWidth)
		} else {
			sp.sign[sign].write(sb, MarkKind(sign).Sign())
			writeSpaces(sb, signWidth-1)
		}
	}
	gw := m.gutterWidth() - m.signWidth()
	if gw == 0 {
		return
	}
	if li < 0 {
		writeSpaces(sb, gw)
		return
	}
	num := strconv.Itoa(li + 1)
	writeSpaces(sb, gw-1-len(num))
	if li == m.st.line {
		sp.cursorLineNo.write(sb, num)
	} else {
		sp.lineNo.write(sb, num)
	}
	sb.WriteByte(' ')
}

// writeRow writes row r of line l, with the cursor cell at position cur if
// cur is on this row, and returns the width written. Text is written in
// span text, control characters in the control span.
func writeRow(sb *strings.Builder, sp *spans, text *span, l *line, rows []int32, r, cur int, lm []cmark) int {
	a, b := int(rows[r]), rowEnd(rows, r, l.n())
	last := r == len(rows)-1
	if cur < a || cur > b || cur == b && !last {
		return writeMarked(sb, sp, text, l, a, b, lm)
	}
	w := writeMarked(sb, sp, text, l, a, cur, lm)
	if cur == b {
		sp.cursor.write(sb, " ")
		return w + 1
	}
	c := l.g[cur]
	if c.f&fSpecial != 0 {
		sp.cursor.write(sb, placeholder(l.cluster(cur)))
	} else {
		sp.cursor.write(sb, l.cluster(cur))
	}
	return w + int(c.w) + writeMarked(sb, sp, text, l, cur+1, b, lm)
}

// writeMarked writes clusters [i, j) of l like writeText, the clusters
// inside marks (lm) in their mark's style.
func writeMarked(sb *strings.Builder, sp *spans, text *span, l *line, i, j int, lm []cmark) int {
	if len(lm) == 0 {
		return writeText(sb, sp, text, l, i, j)
	}
	w := 0
	for i < j {
		k := kindAt(lm, i)
		e := i + 1
		for e < j && kindAt(lm, e) == k {
			e++
		}
		if k < 0 {
			w += writeText(sb, sp, text, l, i, e)
		} else {
			w += writeText(sb, sp, &sp.mark[k], l, i, e)
		}
		i = e
	}
	return w
}

// writeText writes clusters [i, j) of l and returns their width.
func writeText(sb *strings.Builder, sp *spans, text *span, l *line, i, j int) int {
	w := 0
	for _, c := range l.g[i:j] {
		w += int(c.w)
	}
	if l.special == 0 {
		text.write(sb, l.s[l.offAt(i):l.offAt(j)])
		return w
	}
	run := i // start of the current run of ordinary clusters
	for k := i; k < j; k++ {
		if l.g[k].f&fSpecial == 0 {
			continue
		}
		text.write(sb, l.s[l.offAt(run):l.offAt(k)])
		if c := l.cluster(k); c == "\t" {
			writeSpaces(sb, tabWidth)
		} else {
			sp.control.write(sb, placeholder(c))
		}
		run = k + 1
	}
	text.write(sb, l.s[l.offAt(run):l.offAt(j)])
	return w
}

// viewPlaceholder renders the placeholder of an empty editor, wrapped like
// text, with the cursor on its first cell.
func (m Model) viewPlaceholder(sb *strings.Builder, sp *spans, cw int) {
	st := m.st
	var rows [][2]int // (placeholder line, row)
	var lines []*line
	for i, s := range strings.Split(normalizeNewlines(m.Placeholder), "\n") {
		l := &line{s: s}
		l.segmentAll()
		lines = append(lines, l)
		for r := range l.wrap(cw) {
			rows = append(rows, [2]int{i, r})
		}
	}
	for y := 0; y < st.height; y++ {
		if y > 0 {
			sb.WriteByte('\n')
		}
		if y == 0 {
			m.writeGutter(sb, sp, 0, -1)
		} else {
			m.writeGutter(sb, sp, -1, -1)
		}
		w := 0
		if y < len(rows) {
			l := lines[rows[y][0]]
			cur := -1
			if y == 0 && st.focused {
				cur = 0
			}
			w = writeRow(sb, sp, &sp.placeholder, l, l.wrap(cw), rows[y][1], cur, nil)
		} else if y == 0 && st.focused {
			sp.cursor.write(sb, " ")
			w = 1
		}
		writeSpaces(sb, cw-w)
	}
}

const spaces = "                                                                                "

// writeSpaces writes n spaces (none if n <= 0).
func writeSpaces(sb *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		sb.WriteString(spaces[:k])
		n -= k
	}
}
