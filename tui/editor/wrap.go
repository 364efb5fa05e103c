package editor

import "slices"

// minWrapWidth is the narrowest content width wrapping honours: a row must
// hold a two-cell character. (Only a tab, four cells, can still overflow a
// row narrower than four cells.)
const minWrapWidth = 2

// wrap returns the rows of a segmented line for content width w, computing
// them only when the line changed or the width did. Each row is given by the
// index of its first cluster. If the last row is exactly full, an empty row
// follows it so that the cursor at the end of the line has a cell to sit on.
//
// After a single splice, only the rows from the one before the edit are
// redone, and only until a row starts on an old row start after the edit:
// from there on the old rows are reused, shifted. Typing in a long line
// therefore re-wraps a couple of rows, not the whole line.
func (l *line) wrap(w int) []int32 {
	w = max(w, minWrapWidth)
	if l.wrapW == w && !l.edit.pending {
		return l.rows
	}
	if l.wrapW == w {
		e, old := l.edit, l.rows
		r := max(rowOf(old, e.from)-1, 0)
		rows := make([]int32, r+1, len(old)+4)
		copy(rows, old[:r+1])
		l.rows = greedy(l.g, w, rows, func(k int) []int32 {
			if k < e.end {
				return nil
			}
			p, found := slices.BinarySearch(old, int32(k-e.shift))
			if !found {
				return nil
			}
			tail := old[p:]
			for i := range tail {
				tail[i] += int32(e.shift)
			}
			return tail
		})
	} else {
		l.rows = greedy(l.g, w, append(l.rows[:0], 0), nil)
	}
	l.wrapW, l.edit = w, rewrap{}
	return l.rows
}

// greedy wraps clusters g to width w, starting with the row last in rows,
// and returns rows with the following row starts appended. For each new row
// start k, sync may return the rest of the rows (starting with k), which
// ends the work.
func greedy(g []gr, w int, rows []int32, sync func(k int) []int32) []int32 {
	start := int(rows[len(rows)-1])
	col := 0
	for i := start; i < len(g); {
		cw := int(g[i].w)
		if col+cw > w && i > start {
			k := i
			for k > start && !canBreak(g, k) {
				k--
			}
			if k == start {
				k = i // no break opportunity in the row: break anywhere
			}
			if sync != nil {
				if tail := sync(k); tail != nil {
					return append(rows, tail...)
				}
			}
			rows = append(rows, int32(k))
			start, col = k, 0
			for _, c := range g[k:i] {
				col += int(c.w)
			}
			continue // re-check cluster i against the new row
		}
		col += cw
		i++
	}
	if len(g) > 0 && col >= w {
		rows = append(rows, int32(len(g)))
	}
	return rows
}

// canBreak reports whether a row may start at cluster k (k > 0): after a
// space (not before one), and before or after a two-cell character, but never
// before closing punctuation nor after opening punctuation.
func canBreak(g []gr, k int) bool {
	prev, cur := g[k-1].f, g[k].f
	switch {
	case cur&(fClose|fSpace) != 0, prev&fOpen != 0:
		return false
	case prev&fSpace != 0:
		return true
	}
	return (prev|cur)&fWide != 0
}

// rowOf returns the row that cluster position col is shown on. A position
// on a soft break belongs to the row it starts.
func rowOf(rows []int32, col int) int {
	i, found := slices.BinarySearch(rows, int32(col))
	if found {
		return i
	}
	return i - 1
}

// rowEnd returns the index after the last cluster of row r of a line of n
// clusters.
func rowEnd(rows []int32, r, n int) int {
	if r+1 < len(rows) {
		return int(rows[r+1])
	}
	return n
}

// rowMaxCol returns the last cursor position on row r: the last cluster of
// the row for a wrapped row (the position after it starts the next row), or
// the end of the line for the last row.
func rowMaxCol(rows []int32, r, n int) int {
	if r+1 < len(rows) {
		return int(rows[r+1]) - 1
	}
	return n
}
