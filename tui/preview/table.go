package preview

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"

	"github.com/copydesk/copydesk/model"
)

// glamour v1 lays a GFM table out at the width it is given — 0 here, as we
// wrap ourselves — and [Wrap] cannot re-wrap a table row: it would push the
// last cells onto the next line and lose the grid. So the preview takes
// tables out of glamour's hands: each table is replaced by a one-line
// placeholder paragraph (a random nonce, so no text can forge it), its
// cells are kept as plain text, and [layoutTable] draws it at the pane
// width when the output is wrapped.

// Table layout bounds.
const (
	// maxCellLines is how many lines a wrapped cell may take; the last
	// one is cut with "…" when the cell is longer.
	maxCellLines = 4
	// minColWidth is the narrowest column drawn (a wide character and
	// the ellipsis); columns that do not fit at this width are dropped
	// and a "…" column says so.
	minColWidth = 3
	// maxTableCells bounds the cells kept per table (the node budget of
	// the preview bounds them already; this bounds the layout work).
	maxTableCells = 4096
)

// colSep and the rules of a table.
const (
	colSep   = " │ "
	ruleSep  = "─┼─"
	moreCell = "…"
)

// table is a GFM table as plain text: rows of cells, the first row the
// header, and the column alignments.
type table struct {
	rows  [][]string
	align []east.Alignment
}

// rawPreview is glamour's output before wrapping, with its tables taken
// out: a line holding marker+index stands for tables[index].
type rawPreview struct {
	text   string
	marker string
	tables []table
}

// newMarker returns a placeholder prefix that appears in no text.
func newMarker() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "CDTBL" + hex.EncodeToString(b[:]) + "X"
}

// extractTables replaces every table in doc by a paragraph holding
// marker and its index, appended to src, and returns the new source and
// the tables' text.
func extractTables(doc ast.Node, src []byte, marker string) ([]byte, []table) {
	var found []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			found = append(found, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	tables := make([]table, 0, len(found))
	for i, tn := range found {
		var tb table
		tb.align = tn.Alignments
		cells := 0
		for row := tn.FirstChild(); row != nil && cells < maxTableCells; row = row.NextSibling() {
			var r []string
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				r = append(r, cellText(c, src))
				cells++
			}
			tb.rows = append(tb.rows, r)
		}
		tables = append(tables, tb)
		start := len(src)
		src = append(src[:len(src):len(src)], marker+itoa(i)...)
		p := ast.NewParagraph()
		p.AppendChild(p, ast.NewTextSegment(gtext.NewSegment(start, len(src))))
		tn.Parent().ReplaceChild(tn.Parent(), tn, p)
	}
	return src, tables
}

// cellText returns the plain text of a table cell: its text, code spans,
// link texts and image descriptions, with line breaks as spaces.
func cellText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// wrapRaw wraps the text of raw to width and draws its tables at width.
func wrapRaw(raw rawPreview, width int) string {
	if len(raw.tables) == 0 {
		return Wrap(raw.text, width)
	}
	lines := strings.Split(raw.text, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		plain := ansi.Strip(line)
		at := strings.Index(plain, raw.marker)
		if at < 0 {
			b.WriteString(Wrap(line, width))
			continue
		}
		idx := 0
		for _, c := range plain[at+len(raw.marker):] {
			if c < '0' || c > '9' {
				break
			}
			idx = idx*10 + int(c-'0')
		}
		if idx >= len(raw.tables) {
			continue
		}
		margin := ansi.StringWidth(plain[:at])
		if width-margin < tableWidth(1, minColWidth, true) {
			margin = 0
		}
		pad := strings.Repeat(" ", margin)
		for k, tl := range layoutTable(raw.tables[idx], width-margin) {
			if k > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(pad + tl)
		}
	}
	return b.String()
}

// layoutTable draws t in at most width cells per line: columns separated
// by " │ ", a rule under the header, each cell wrapped inside its column
// (by display width, on Chinese line-breaking rules) to at most
// maxCellLines lines, the last cut with "…". When the columns do not fit
// even at minColWidth, the columns that do are drawn and a last "…"
// column stands for the rest. No returned line is wider than width
// (trailing spaces are trimmed).
func layoutTable(t table, width int) []string {
	ncol := 0
	for _, r := range t.rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return nil
	}
	natural := make([]int, ncol)
	for _, r := range t.rows {
		for j, c := range r {
			natural[j] = max(natural[j], ansi.StringWidth(c), 1)
		}
	}
	// How many columns fit at minColWidth; "…" stands for the rest.
	shown, more := ncol, false
	if tableWidth(ncol, minColWidth, false) > width {
		shown, more = ncol-1, true
		for shown > 1 && tableWidth(shown, minColWidth, true) > width {
			shown--
		}
	}
	avail := width - 3*(shown-1)
	if more {
		avail = width - 3*shown - 1
	}
	widths := fitColumns(natural[:shown], max(avail, shown))
	var out []string
	for i, r := range t.rows {
		cells := make([][]string, shown)
		height := 1
		for j := range shown {
			text := ""
			if j < len(r) {
				text = r[j]
			}
			cells[j] = cellLines(text, widths[j])
			height = max(height, len(cells[j]))
		}
		for k := range height {
			var b strings.Builder
			for j := range shown {
				if j > 0 {
					b.WriteString(colSep)
				}
				s := ""
				if k < len(cells[j]) {
					s = cells[j][k]
				}
				b.WriteString(align(s, widths[j], alignOf(t.align, j)))
			}
			if more {
				b.WriteString(colSep)
				if k == 0 {
					b.WriteString(moreCell)
				} else {
					b.WriteString(" ")
				}
			}
			out = append(out, fitLine(strings.TrimRight(b.String(), " "), width))
		}
		if i == 0 && len(t.rows) > 1 {
			var b strings.Builder
			for j := range shown {
				if j > 0 {
					b.WriteString(ruleSep)
				}
				b.WriteString(strings.Repeat("─", widths[j]))
			}
			if more {
				b.WriteString(ruleSep + "─")
			}
			out = append(out, fitLine(b.String(), width))
		}
	}
	return out
}

// tableWidth is the width of n columns of w cells, with or without the
// "…" column.
func tableWidth(n, w int, more bool) int {
	tw := n*w + 3*(n-1)
	if more {
		tw += 3 + 1
	}
	return tw
}

// fitColumns shares avail cells among columns of the given natural
// widths: columns narrower than a fair share keep their width, the rest
// share what is left equally (water filling). No column gets less than
// min(natural, minColWidth).
func fitColumns(natural []int, avail int) []int {
	n := len(natural)
	widths := make([]int, n)
	total := 0
	for _, w := range natural {
		total += w
	}
	if total <= avail {
		copy(widths, natural)
		return widths
	}
	fixed := make([]bool, n)
	left, open := avail, n
	for changed := true; changed && open > 0; {
		changed = false
		share := left / open
		for j, w := range natural {
			if !fixed[j] && w <= share {
				widths[j], fixed[j] = w, true
				left -= w
				open--
				changed = true
			}
		}
	}
	if open == 0 {
		return widths
	}
	share, extra := left/open, left%open
	for j := range natural {
		if fixed[j] {
			continue
		}
		widths[j] = max(share, min(natural[j], minColWidth))
		if extra > 0 {
			widths[j]++
			extra--
		}
	}
	return widths
}

// cellLines wraps a cell's text to w cells, at most maxCellLines lines,
// the last cut with "…" (never inside a grapheme cluster) when the text
// goes on.
func cellLines(text string, w int) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(Wrap(text, w), "\n")
	if len(lines) > maxCellLines {
		last := strings.Join(lines[maxCellLines-1:maxCellLines+1], "")
		lines = append(lines[:maxCellLines-1], ansi.Truncate(last, w-1, "")+model.Ellipsis)
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w { // a cluster wider than the column
			lines[i] = ansi.Truncate(l, w, model.Ellipsis)
		}
	}
	return lines
}

func alignOf(a []east.Alignment, j int) east.Alignment {
	if j < len(a) {
		return a[j]
	}
	return east.AlignNone
}

// align pads s to w cells.
func align(s string, w int, a east.Alignment) string {
	gap := w - ansi.StringWidth(s)
	if gap <= 0 {
		return s
	}
	switch a {
	case east.AlignRight:
		return strings.Repeat(" ", gap) + s
	case east.AlignCenter:
		return strings.Repeat(" ", gap/2) + s + strings.Repeat(" ", gap-gap/2)
	}
	return s + strings.Repeat(" ", gap)
}

// fitLine is the safety net of a pane too narrow for even one column:
// the line is cut to width with "…".
func fitLine(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, model.Ellipsis)
}
