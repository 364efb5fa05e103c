package preview

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Wrap re-wraps ANSI-styled text so that no line is wider than width
// display cells, measured like lipgloss measures (ansi.StringWidth).
//
// Lines break at spaces and between CJK characters, never inside a grapheme
// cluster, and follow the usual Chinese line-breaking rules (禁则): closing
// punctuation such as ，。、；：！？）》” and the dashes and ellipsis ——……
// never start a line, and opening brackets and quotes （《“ never end one.
// A word too long for a line is cut between clusters. Spaces at a break are
// dropped.
//
// Styling survives: a line that is cut ends with an SGR reset and the next
// line re-opens the styles that were active at the cut. Continuation lines
// repeat the line's left margin and block-quote bars, and indent under a list
// bullet, number or heading marker (a hanging indent), as long as that
// leaves at least half the width for text.
//
// Tabs become four spaces. Lines that already fit are returned unchanged.
// A width below 2 cannot hold a wide character, so Wrap then returns s with
// tabs expanded only.
func Wrap(s string, width int) string {
	s = strings.ReplaceAll(s, "\t", "    ")
	if width < 2 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		wrapLine(&b, line, width)
	}
	return b.String()
}

// tokKind classifies a token of a line.
type tokKind uint8

const (
	tokEsc   tokKind = iota // escape sequence or control character: no width
	tokSpace                // a space cluster: a break opportunity, dropped at breaks
	tokText                 // any other grapheme cluster
)

// token is an escape sequence or one grapheme cluster.
type token struct {
	s    string
	w    int
	kind tokKind
	r    rune // first rune of a cluster
}

// tokenize splits a line into escape sequences and grapheme clusters.
func tokenize(line string, toks []token) []token {
	var state byte
	for len(line) > 0 {
		seq, w, n, newState := ansi.DecodeSequence(line, state, nil)
		if n <= 0 {
			n = 1
			seq = line[:1]
		}
		state = newState
		line = line[n:]
		t := token{s: seq, w: w}
		c := seq[0]
		switch {
		case c == 0x1b || c < 0x20 || c == 0x7f:
			t.kind, t.w = tokEsc, 0
		default:
			r, size := utf8.DecodeRuneInString(seq)
			t.r = r
			switch {
			case r >= 0x80 && r <= 0x9f: // C1 control
				t.kind, t.w = tokEsc, 0
			case unicode.IsSpace(r) && r != 0xa0 && size == len(seq): // a space with marks on it is text
				t.kind = tokSpace
			default:
				t.kind = tokText
			}
		}
		toks = append(toks, t)
	}
	return toks
}

// wrapLine writes line to b, wrapped to width cells.
func wrapLine(b *strings.Builder, line string, width int) {
	if ansi.StringWidth(line) <= width {
		b.WriteString(line)
		return
	}
	toks := tokenize(line, nil)

	// The prefix: left margin, quote bars, and a list or heading marker.
	pEnd, markFrom := prefixEnd(toks)
	prefixW := 0
	for _, t := range toks[:pEnd] {
		prefixW += t.w
	}
	if width-prefixW < 2 {
		pEnd, markFrom, prefixW = 0, 0, 0
	}
	prefix := toks[:pEnd]
	var cont strings.Builder // the continuation prefix
	contW := prefixW
	if contW <= width/2 {
		for i, t := range prefix {
			if i >= markFrom && t.kind == tokText {
				cont.WriteString(strings.Repeat(" ", t.w))
			} else {
				cont.WriteString(t.s)
			}
		}
	} else {
		contW = 0
	}
	var prefixSGR sgrState
	for _, t := range prefix {
		prefixSGR.apply(t)
	}

	// Greedy fill of the body.
	body := toks[pEnd:]
	var lines [][]token
	var cur []token
	curW := 0
	avail := width - prefixW
	lastBreak := -1 // index in cur before which the line may break
	var prev *token // previous cluster on the line
	newLine := func(head []token) {
		lines = append(lines, head)
		avail = width - contW
		lastBreak, prev = -1, nil
	}
	for i := range body {
		t := &body[i]
		switch t.kind {
		case tokEsc:
			cur = append(cur, *t)
			continue
		case tokSpace:
			if len(lines) > 0 && !hasText(cur) {
				continue // a continuation line does not start with a space
			}
			if curW+t.w > avail {
				newLine(cur)
				cur, curW = nil, 0
				continue
			}
			cur = append(cur, *t)
			curW += t.w
			lastBreak, prev = len(cur), t
			continue
		}
		// A break before t goes before the escapes that open it.
		if prev != nil && prev.kind == tokText && canBreak(prev, t) {
			lastBreak = escStart(cur)
		}
		if curW+t.w > avail && !hasText(cur) {
			// Only leading spaces before this cluster: drop them.
			cur, curW = trimLeadingSpaces(cur), 0
		}
		for curW+t.w > avail && hasText(cur) {
			if lastBreak > 0 && hasText(cur[:lastBreak]) {
				head, tail := cur[:lastBreak:lastBreak], trimLeadingSpaces(cur[lastBreak:])
				newLine(head)
				cur, curW = tail, widthOf(tail)
				continue
			}
			// No break opportunity: cut before this cluster.
			at := escStart(cur)
			newLine(cur[:at:at])
			cur = append([]token(nil), cur[at:]...)
			curW = 0
		}
		cur = append(cur, *t)
		curW += t.w
		prev = t
	}
	lines = append(lines, cur)

	// Serialize, carrying the SGR state across the breaks.
	state := prefixSGR.clone()
	for k, l := range lines {
		lineStart := b.Len()
		if k == 0 {
			for _, t := range prefix {
				b.WriteString(t.s)
			}
		} else {
			b.WriteByte('\n')
			lineStart++
			b.WriteString(cont.String())
			if len(prefixSGR.seqs) > 0 {
				b.WriteString(ansi.ResetStyle)
			}
			for _, s := range state.seqs {
				b.WriteString(s)
			}
		}
		writeTrimmed(b, l, &state)
		if k < len(lines)-1 && len(state.seqs) > 0 {
			b.WriteString(ansi.ResetStyle)
		}
		// Safety net: should a width computation ever disagree with
		// ansi.StringWidth, hard-wrap the line rather than overflow.
		if out := b.String()[lineStart:]; ansi.StringWidth(out) > width {
			fixed := ansi.Hardwrap(out, width, true)
			rest := b.String()[:lineStart]
			b.Reset()
			b.WriteString(rest)
			b.WriteString(fixed)
		}
	}
}

// prefixEnd finds the end of a line's prefix: leading spaces and escapes,
// block-quote bars, then an optional list bullet, number or heading marker
// with the spaces after it. It returns the token index where the body starts
// and the index where the marker starts (equal to the end when there is
// none).
func prefixEnd(toks []token) (end, markFrom int) {
	i := 0
	end = 0
	// Margin and quote bars.
	for i < len(toks) {
		t := toks[i]
		switch {
		case t.kind == tokEsc:
			i++
			continue
		case t.s == " ":
		case isBar(t.r) && t.w == 1:
		default:
			goto marker
		}
		i++
		end = i
	}
marker:
	markFrom = end
	// Marker: "• ", "1. ", "12) ", "## ", "[✓] ", followed by a space.
	j := next(toks, end)
	if j >= len(toks) {
		return end, markFrom
	}
	k := -1 // index just past the marker text
	switch t := toks[j]; {
	case strings.ContainsRune("•◦▪▫‣⁃∙·-*+", t.r) && t.w == 1:
		k = j + 1
	case t.r >= '0' && t.r <= '9':
		n := 0
		for k = j; k < len(toks) && n < 4; k = next(toks, k+1) {
			if r := toks[k].r; toks[k].kind != tokText || r < '0' || r > '9' {
				break
			}
			n++
		}
		if k < len(toks) && (toks[k].s == "." || toks[k].s == ")") {
			k++
		} else {
			k = -1
		}
	case t.s == "#":
		n := 0
		for k = j; k < len(toks) && toks[k].s == "#" && n < 6; k = next(toks, k+1) {
			n++
		}
	case t.s == "[":
		if m := next(toks, j+1); m < len(toks) && toks[m].kind == tokText {
			if c := next(toks, m+1); c < len(toks) && toks[c].s == "]" {
				k = c + 1
			}
		}
	}
	if k < 0 {
		return end, markFrom
	}
	s := next(toks, k)
	if s >= len(toks) || toks[s].s != " " {
		return end, markFrom
	}
	for s < len(toks) && (toks[s].s == " " || toks[s].kind == tokEsc) {
		if toks[s].s == " " {
			end = s + 1
		}
		s++
	}
	return end, markFrom
}

// next returns the index of the first non-escape token at or after i.
func next(toks []token, i int) int {
	for i < len(toks) && toks[i].kind == tokEsc {
		i++
	}
	return i
}

// isBar reports whether r draws a block-quote bar.
func isBar(r rune) bool { return r == '│' || r == '|' || r == '┃' || r == '▌' }

// Line-breaking classes (a simplified UAX #14 for Chinese text).
const (
	// noBreakBefore may not start a line.
	noBreakBefore = "，。、；：！？）】》」』〕〉〗〙〛〞”’…‥—–─·・～%‰℃,.;:!?)]}>、〃々〆ー" // langcheck:ok punctuation for line breaking, not text
	// noBreakAfter may not end a line.
	noBreakAfter = "（【《「『〔〈〖〘〚〝“‘([{<" // langcheck:ok punctuation for line breaking, not text
)

// canBreak reports whether a line may break between the clusters a and b.
func canBreak(a, b *token) bool {
	if strings.ContainsRune(noBreakAfter, a.r) || strings.ContainsRune(noBreakBefore, b.r) {
		return false
	}
	if a.w == 2 || b.w == 2 {
		return true
	}
	return a.s == "-" && b.r != '-'
}

// escStart returns where a break before the next cluster goes: before the
// escape sequences at the end of toks that open styles, after those that
// reset them (a reset closes the previous text).
func escStart(toks []token) int {
	i := len(toks)
	for i > 0 && toks[i-1].kind == tokEsc && !isReset(toks[i-1].s) {
		i--
	}
	return i
}

// isReset reports whether s is the SGR reset, ESC [ m or ESC [ 0 m.
func isReset(s string) bool { return s == "\x1b[0m" || s == "\x1b[m" }

// hasText reports whether toks holds a non-space cluster.
func hasText(toks []token) bool {
	for _, t := range toks {
		if t.kind == tokText {
			return true
		}
	}
	return false
}

// widthOf sums the widths of toks.
func widthOf(toks []token) int {
	w := 0
	for _, t := range toks {
		w += t.w
	}
	return w
}

// trimLeadingSpaces drops the space clusters before the first text cluster,
// keeping escapes.
func trimLeadingSpaces(toks []token) []token {
	out := make([]token, 0, len(toks))
	text := false
	for _, t := range toks {
		if t.kind == tokSpace && !text {
			continue
		}
		if t.kind == tokText {
			text = true
		}
		out = append(out, t)
	}
	return out
}

// writeTrimmed writes toks without trailing spaces (escapes after them are
// kept) and tracks the SGR state.
func writeTrimmed(b *strings.Builder, toks []token, state *sgrState) {
	last := -1
	for i, t := range toks {
		if t.kind == tokText {
			last = i
		}
	}
	for i, t := range toks {
		if t.kind == tokSpace && i > last {
			continue
		}
		b.WriteString(t.s)
		state.apply(t)
	}
}

// sgrState is the list of SGR sequences in effect since the last reset.
type sgrState struct{ seqs []string }

// maxSGR bounds the remembered sequences; glamour resets after every span.
const maxSGR = 32

func (s *sgrState) apply(t token) {
	if t.kind != tokEsc || len(t.s) < 3 || !strings.HasPrefix(t.s, "\x1b[") || t.s[len(t.s)-1] != 'm' {
		return
	}
	params := t.s[2 : len(t.s)-1]
	for _, c := range params {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return // not a plain SGR
		}
	}
	first, _, more := strings.Cut(params, ";")
	if first == "" || strings.Trim(first, "0") == "" {
		s.seqs = s.seqs[:0]
		if !more {
			return
		}
	}
	if len(s.seqs) >= maxSGR {
		s.seqs = append(s.seqs[:0], s.seqs[len(s.seqs)-maxSGR/2:]...)
	}
	s.seqs = append(s.seqs, t.s)
}

func (s *sgrState) clone() sgrState {
	return sgrState{seqs: append([]string(nil), s.seqs...)}
}
