package editor

import "sort"

// MarkKind is how a mark is drawn: the severity of a proofreading finding.
type MarkKind uint8

// The kinds of mark, most severe first.
const (
	MarkError MarkKind = iota
	MarkWarning
	MarkHint
)

// Sign is the gutter sign of a kind, readable without colour:
// ✗ error, ! warning, · hint.
func (k MarkKind) Sign() string {
	switch k {
	case MarkError:
		return "✗"
	case MarkWarning:
		return "!"
	}
	return "·"
}

// Mark is a span of one logical line drawn marked: underlined in the
// kind's style, with the kind's sign in the sign column (ShowSigns) of the
// rows it is on. Line is 0-based; From and To are byte offsets into the
// line (To exclusive, on grapheme cluster boundaries). ID is the caller's:
// the editor hands it back from Marks and MarkAt.
//
// Marks stay on their text while it is edited: an edit before a mark
// moves it, an edit that touches a mark removes it (the text it marked is
// gone or changed), so a mark never points at text it was not set on.
type Mark struct {
	Line, From, To int
	Kind           MarkKind
	ID             int
}

// SetMarks replaces the marks, positioned in the current text. Marks that
// do not fit the text (no such line, a span past the line's end, empty or
// inside a cluster) are dropped. Setting marks is not an edit: the version
// and the undo history are unchanged.
func (m *Model) SetMarks(ms []Mark) {
	b := &m.st.buf
	b.marks = b.marks[:0]
	for _, k := range ms {
		if k.Line < 0 || k.Line >= len(b.lines) || k.From < 0 || k.From >= k.To {
			continue
		}
		l := b.line(k.Line)
		if k.To > len(l.s) || l.offAt(l.colAt(k.From)) != k.From || l.offAt(l.colAt(k.To)) != k.To {
			continue
		}
		b.marks = append(b.marks, k)
	}
	sort.SliceStable(b.marks, func(i, j int) bool { return markLess(b.marks[i], b.marks[j]) })
}

func markLess(a, b Mark) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.From < b.From
}

// Marks returns the marks as they stand after the edits since SetMarks,
// in text order.
func (m Model) Marks() []Mark {
	return append([]Mark(nil), m.st.buf.marks...)
}

// MarkAt returns the mark under the cursor: the one containing the cursor's
// cluster, else one ending just before the cursor (the cursor sits after a
// marked character). Of overlapping marks the most severe wins.
func (m Model) MarkAt() (Mark, bool) {
	st := m.st
	off := st.buf.line(st.line).offAt(st.col)
	var best Mark
	found := false
	for _, k := range st.buf.marks {
		if k.Line != st.line || off < k.From || off > k.To {
			continue
		}
		inside := off < k.To
		if !found || inside && (best.To == off || k.Kind < best.Kind) || !inside && best.To == off && k.Kind < best.Kind {
			best, found = k, true
		}
	}
	return best, found
}

// CursorOffset is the cursor's byte offset in its line (what Mark.From
// and Mark.To count).
func (m Model) CursorOffset() int {
	return m.st.buf.line(m.st.line).offAt(m.st.col)
}

// SelectMark moves the cursor to the start of mark k (as Marks returns it)
// and scrolls it into view.
func (m *Model) SelectMark(k Mark) {
	l := m.st.buf.line(min(max(k.Line, 0), m.lastLine()))
	m.SetCursor(k.Line, l.colAt(k.From))
}

// shiftMarks keeps the marks on their text after the bytes between from
// and to were replaced by text ending at end: marks before the edit stay,
// marks after it move, marks the edit touches are dropped.
func (b *buffer) shiftMarks(from, to, end bpos) {
	if len(b.marks) == 0 {
		return
	}
	out := b.marks[:0]
	dl := end.line - to.line
	for _, k := range b.marks {
		switch {
		case k.Line < from.line || k.Line == from.line && k.To < from.off:
			// before the edit
		case k.Line > to.line:
			k.Line += dl
		case k.Line == to.line && k.From > to.off:
			d := end.off - to.off
			k.Line, k.From, k.To = end.line, k.From+d, k.To+d
		default:
			continue // touched
		}
		out = append(out, k)
	}
	b.marks = out
}

// cmark is a mark of one line in cluster indices [a, b).
type cmark struct {
	a, b int
	k    MarkKind
}

// lineMarks appends the marks of line li, in clusters, to out.
func (b *buffer) lineMarks(li int, out []cmark) []cmark {
	i := sort.Search(len(b.marks), func(i int) bool { return b.marks[i].Line >= li })
	if i == len(b.marks) || b.marks[i].Line != li {
		return out
	}
	l := b.line(li)
	for ; i < len(b.marks) && b.marks[i].Line == li; i++ {
		k := b.marks[i]
		out = append(out, cmark{l.colAt(k.From), l.colAt(k.To), k.Kind})
	}
	return out
}

// kindAt is the most severe kind of the marks covering cluster c, or -1.
func kindAt(lm []cmark, c int) int {
	k := -1
	for _, m := range lm {
		if m.a <= c && c < m.b && (k < 0 || int(m.k) < k) {
			k = int(m.k)
		}
	}
	return k
}

// rowSign is the most severe kind of the marks that start or lie on the
// row of clusters [a, b), or -1.
func rowSign(lm []cmark, a, b int) int {
	k := -1
	for _, m := range lm {
		if m.a < b && a < m.b || m.a == a && m.a == b {
			if k < 0 || int(m.k) < k {
				k = int(m.k)
			}
		}
	}
	return k
}

// signWidth is the width of the sign column: the sign and a space.
const signWidth = 2

func (m Model) signWidth() int {
	if m.ShowSigns {
		return signWidth
	}
	return 0
}
