package editor

import (
	"slices"
	"strings"
)

// line is one logical line (a hard line, without its newline).
//
// A line is stored as its text plus a cached array of grapheme boundaries
// (byte offset, width and flags per cluster) rather than as a []string of
// clusters:
//   - it is compact (8 bytes per cluster on top of the text, against a
//     16-byte string header per cluster), which matters for a 1 MiB paste;
//   - Value() is a plain join of the line strings;
//   - undo records and edits work on byte offsets, which stay exact when an
//     insertion merges with a neighbouring cluster (e + U+0301), and the
//     cached boundaries turn a byte offset into a cluster index by binary
//     search;
//   - the widths and flags cached with the boundaries let wrapping run
//     without decoding the text again.
//
// Lines are segmented lazily: a line created by SetValue or a paste is only
// segmented when it is first shown, walked over or counted, so loading or
// pasting a large text costs a split on newlines, not a full segmentation.
type line struct {
	s       string
	g       []gr // grapheme clusters; valid when seg
	seg     bool
	chars   int // clusters with fCount
	special int // clusters with fSpecial

	wrapW int     // width rows were computed for; 0 when stale
	rows  []int32 // index in g of the first cluster of each row
	edit  rewrap  // the one splice since rows were computed, if any
}

// rewrap describes a splice made since the rows were computed, so that wrap
// can redo only the rows around it: clusters before from are unchanged, and
// clusters from end on are the old ones shifted by shift.
type rewrap struct {
	pending          bool
	from, end, shift int
}

// n returns the number of grapheme clusters in the line.
func (l *line) n() int { return len(l.g) }

// offAt returns the byte offset of cluster col (len(s) at the end).
func (l *line) offAt(col int) int {
	if col >= len(l.g) {
		return len(l.s)
	}
	return int(l.g[col].off)
}

// colAt returns the index of the first cluster that starts at or after byte
// offset off; an offset inside a cluster maps to the position after it.
func (l *line) colAt(off int) int {
	i, _ := slices.BinarySearchFunc(l.g, off, func(c gr, t int) int { return int(c.off) - t })
	return i
}

// cluster returns the text of cluster i.
func (l *line) cluster(i int) string { return l.s[l.g[i].off:l.offAt(i+1)] }

// segmentAll fills g from scratch.
func (l *line) segmentAll() {
	l.g = l.g[:0]
	if cap(l.g) == 0 && len(l.s) > 0 {
		l.g = make([]gr, 0, len(l.s)/2)
	}
	l.chars, l.special = 0, 0
	for i := 0; i < len(l.s); {
		size, w, f := nextCluster(l.s, i)
		l.g = append(l.g, gr{off: int32(i), w: uint8(w), f: f})
		l.count(f, 1)
		i += size
	}
	l.seg = true
	l.wrapW, l.edit = 0, rewrap{}
}

func (l *line) count(f uint8, d int) {
	if f&fCount != 0 {
		l.chars += d
	}
	if f&fSpecial != 0 {
		l.special += d
	}
}

// splice replaces bytes [a, b) of a segmented line with text (which has no
// newline), re-segmenting only around the edit: from two clusters before it
// (an inserted combining mark or ZWJ joins the cluster before) until the new
// boundaries fall in step with the old ones after it.
func (l *line) splice(a, b int, text string) {
	ga := l.colAt(a)
	wa := max(0, ga-2)
	woff := l.offAt(wa)
	ns := l.s[:a] + text + l.s[b:]
	delta := len(text) - (b - a)
	editEnd := a + len(text)

	var mid []gr
	j := l.colAt(b) // first old cluster that may still be valid
	pos := woff
	for pos < len(ns) {
		if pos >= editEnd && pos > woff {
			for j < len(l.g) && int(l.g[j].off)+delta < pos {
				j++
			}
			if j < len(l.g) && int(l.g[j].off)+delta == pos {
				break // in step with the old boundaries again
			}
		}
		size, w, f := nextCluster(ns, pos)
		mid = append(mid, gr{off: int32(pos), w: uint8(w), f: f})
		pos += size
	}
	if pos >= len(ns) {
		j = len(l.g)
	}
	for _, c := range l.g[wa:j] {
		l.count(c.f, -1)
	}
	for _, c := range mid {
		l.count(c.f, 1)
	}
	l.g = slices.Replace(l.g, wa, j, mid...)
	if delta != 0 {
		tail := l.g[wa+len(mid):]
		for i := range tail {
			tail[i].off += int32(delta)
		}
	}
	l.s = ns
	if l.wrapW != 0 && !l.edit.pending {
		l.edit = rewrap{pending: true, from: wa, end: wa + len(mid), shift: len(mid) - (j - wa)}
	} else {
		l.wrapW, l.edit = 0, rewrap{} // a second edit: wrap it all again
	}
}

// bpos is a position in the buffer as a line index and a byte offset in that
// line. Edits and undo records use byte positions.
type bpos struct{ line, off int }

func (p bpos) less(q bpos) bool { return p.line < q.line || p.line == q.line && p.off < q.off }

// endOf returns the position just after text when text starts at p.
func endOf(p bpos, text string) bpos {
	nl := strings.Count(text, "\n")
	if nl == 0 {
		return bpos{p.line, p.off + len(text)}
	}
	return bpos{p.line + nl, len(text) - strings.LastIndexByte(text, '\n') - 1}
}

// buffer is the document: a slice of lines and running totals over the
// segmented ones.
type buffer struct {
	lines     []*line
	graphemes int    // clusters in segmented lines
	chars     int    // counted clusters in segmented lines
	unseg     int    // lines not yet segmented
	marks     []Mark // sorted by position; kept in place across edits (marks.go)
}

func newBuffer(s string) buffer {
	var b buffer
	b.lines = b.makeLines(strings.Split(s, "\n"))
	return b
}

// makeLines wraps strings as unsegmented lines.
func (b *buffer) makeLines(parts []string) []*line {
	ls := make([]*line, len(parts))
	for i, p := range parts {
		ls[i] = &line{s: p}
		if p == "" {
			ls[i].seg = true
		} else {
			b.unseg++
		}
	}
	return ls
}

// line returns line i, segmented.
func (b *buffer) line(i int) *line {
	l := b.lines[i]
	if !l.seg {
		l.segmentAll()
		b.unseg--
		b.graphemes += len(l.g)
		b.chars += l.chars
	}
	return l
}

// drop removes lines [i, j) from the totals (not from the slice).
func (b *buffer) drop(i, j int) {
	for _, l := range b.lines[i:j] {
		if l.seg {
			b.graphemes -= len(l.g)
			b.chars -= l.chars
		} else {
			b.unseg--
		}
	}
}

// segmentAll segments every line, so that the totals are complete.
func (b *buffer) segmentAll() {
	if b.unseg == 0 {
		return
	}
	for i := range b.lines {
		b.line(i)
	}
}

// text returns the text between two positions.
func (b *buffer) text(from, to bpos) string {
	if from.line == to.line {
		return b.lines[from.line].s[from.off:to.off]
	}
	var sb strings.Builder
	sb.WriteString(b.lines[from.line].s[from.off:])
	for i := from.line + 1; i < to.line; i++ {
		sb.WriteByte('\n')
		sb.WriteString(b.lines[i].s)
	}
	sb.WriteByte('\n')
	sb.WriteString(b.lines[to.line].s[:to.off])
	return sb.String()
}

// value returns the whole document.
func (b *buffer) value() string {
	n := len(b.lines) - 1
	for _, l := range b.lines {
		n += len(l.s)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, l := range b.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(l.s)
	}
	return sb.String()
}

// replace replaces the text between from and to with text and returns the
// position just after the inserted text. Positions must be on cluster
// boundaries. An edit inside one segmented line re-segments only around the
// edit; an edit that adds or removes newlines rebuilds the lines it touches,
// leaving them to be segmented when next needed.
func (b *buffer) replace(from, to bpos, text string) bpos {
	end := b.replaceText(from, to, text)
	b.shiftMarks(from, to, end)
	return end
}

func (b *buffer) replaceText(from, to bpos, text string) bpos {
	if from.line == to.line && strings.IndexByte(text, '\n') < 0 && b.lines[from.line].seg {
		l := b.lines[from.line]
		b.graphemes -= len(l.g)
		b.chars -= l.chars
		l.splice(from.off, to.off, text)
		b.graphemes += len(l.g)
		b.chars += l.chars
		return bpos{from.line, from.off + len(text)}
	}
	prefix := b.lines[from.line].s[:from.off]
	suffix := b.lines[to.line].s[to.off:]
	parts := strings.Split(text, "\n")
	k := len(parts) - 1
	end := bpos{from.line + k, len(parts[k])}
	if k == 0 {
		end.off += len(prefix)
	}
	parts[0] = prefix + parts[0]
	parts[k] += suffix
	b.drop(from.line, to.line+1)
	b.lines = slices.Replace(b.lines, from.line, to.line+1, b.makeLines(parts)...)
	return end
}
