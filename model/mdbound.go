package model

import "strings"

// Bounds on the Markdown a renderer is given. goldmark (v1.8.7), which the
// export and the TUI preview both use, is quadratic in some inputs well
// under MaxBodyBytes: a line of 64 KiB of '>' took 19 s, 16,000 unclosed
// link openers "[a](" 12 s, and a 2 MiB body of either hours. BoundMarkdown
// rewrites such input so that the parse is linear; ordinary articles pass
// through unchanged (BENCHMARKS.md, "hostile Markdown").
const (
	// MaxMarkdownNesting is how many block containers (block quotes and
	// list items) one line may open; further markers are escaped and show
	// as text.
	MaxMarkdownNesting = 16
	// MarkdownInlineBudget bounds Σ specials × length over the body's
	// paragraphs, where specials are the characters that start inline
	// constructs ([ ] ( ) ! * _ ~ ` < & \). Each special may make goldmark
	// scan the rest of its paragraph; a paragraph that would take the sum
	// over the budget has its specials escaped (shown as typed).
	MarkdownInlineBudget = 1 << 26
	// MaxMarkdownParagraph is the longest paragraph passed on as one: a
	// longer run of text is split into paragraphs at line ends, or at a
	// space or CJK punctuation within a long line.
	MaxMarkdownParagraph = 32 << 10
	// MaxMarkdownNodes bounds the syntax tree: lines plus inline specials
	// passed on unescaped. goldmark keeps ~250 bytes per node, so a body of
	// 2 MiB of one-character lines would take 260 MB. Past this count the
	// rest of the body is passed on as plain text (lines joined, specials
	// escaped), which shows every word but no more structure.
	MaxMarkdownNodes = 100_000
)

// BoundMarkdown returns body rewritten within the bounds above, and
// whether anything was changed. It runs in time linear in len(body).
// Fenced code blocks are copied as they are (their content is not parsed
// as Markdown).
func BoundMarkdown(body string) (string, bool) {
	return BoundMarkdownNodes(body, MaxMarkdownNodes)
}

// BoundMarkdownNodes is BoundMarkdown with another node budget, for a
// renderer that costs more per node than goldmark's HTML (glamour's
// terminal renderer: ~70 µs a paragraph).
func BoundMarkdownNodes(body string, maxNodes int) (string, bool) {
	b := bounder{src: body, budget: MarkdownInlineBudget, maxNodes: maxNodes, out: mirrorWriter{src: body}}
	b.run()
	if !b.changed {
		return body, false
	}
	return b.out.String(), true
}

// mirrorWriter builds a rewrite of src. While what is written is src
// itself, from its start, it only keeps count: an ordinary body (which
// BoundMarkdown passes on as it is) is not copied.
type mirrorWriter struct {
	src      string
	pos      int  // bytes of src written so far, while !diverged
	diverged bool // something other than src[pos:] was written: out holds it all
	out      strings.Builder
}

func (m *mirrorWriter) diverge() {
	m.diverged = true
	m.out.Grow(len(m.src) + 64)
	m.out.WriteString(m.src[:m.pos])
}

func (m *mirrorWriter) WriteString(s string) {
	if !m.diverged {
		if strings.HasPrefix(m.src[m.pos:], s) {
			m.pos += len(s)
			return
		}
		m.diverge()
	}
	m.out.WriteString(s)
}

func (m *mirrorWriter) WriteByte(c byte) error {
	if !m.diverged {
		if m.pos < len(m.src) && m.src[m.pos] == c {
			m.pos++
			return nil
		}
		m.diverge()
	}
	return m.out.WriteByte(c)
}

// String is everything written.
func (m *mirrorWriter) String() string {
	if !m.diverged {
		return m.src[:m.pos]
	}
	return m.out.String()
}

type bounder struct {
	src     string
	out     mirrorWriter
	changed bool
	budget  int
	para    []string // lines of the current paragraph (already nesting-bounded)
	plen    int      // their length in bytes
	fence   string   // the open fence's marker run, "" outside a fence

	maxNodes int
	nodes    int             // lines and unescaped specials so far
	degraded bool            // over MaxMarkdownNodes: the rest is plain text
	plain    strings.Builder // degraded mode: the text being joined
}

// plainLine joins line to the plain text of degraded mode, escaped so that
// it parses as one paragraph of text.
func (b *bounder) plainLine(line string) {
	t := strings.TrimSpace(line)
	if t == "" {
		return
	}
	if b.plain.Len() == 0 {
		if n := markerLen(t); n > 0 {
			t = escapeMarker(t, n)
		} else if c := t[0]; c == '#' || c == '=' || c == '-' || c == '+' || c == '|' || c == '>' || c == ':' {
			b.plain.WriteByte('\\')
		}
	} else {
		b.plain.WriteByte(' ')
	}
	for i := 0; i < len(t); i++ {
		if isInlineSpecial(t[i]) {
			b.plain.WriteByte('\\')
		}
		b.plain.WriteByte(t[i])
	}
	if b.plain.Len() > MaxMarkdownParagraph {
		b.flushPlain()
	}
}

func (b *bounder) flushPlain() {
	if b.plain.Len() > 0 {
		b.out.WriteString(b.plain.String())
		b.out.WriteString("\n\n")
		b.plain.Reset()
	}
}

func (b *bounder) run() {
	rest := b.src
	for len(rest) > 0 {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = ""
		}
		b.line(line)
	}
	b.flush()
	b.flushPlain()
}

func (b *bounder) line(line string) {
	if b.degraded {
		b.plainLine(line)
		return
	}
	b.nodes++
	if b.nodes > b.maxNodes && b.fence == "" {
		b.flush()
		b.degraded, b.changed = true, true
		b.plainLine(line)
		return
	}
	content := strings.TrimRight(line, "\r\n")
	inner := stripContainers(content)
	if b.fence != "" {
		if strings.HasPrefix(strings.TrimLeft(inner, " "), b.fence) {
			b.fence = ""
		}
		b.out.WriteString(line)
		return
	}
	if f := fenceOpen(inner); f != "" {
		b.flush()
		b.fence = f
		b.out.WriteString(b.nest(line))
		return
	}
	if strings.TrimSpace(content) == "" {
		b.flush()
		b.out.WriteString(line)
		return
	}
	line = b.nest(line)
	// a very long line is cut into paragraphs of at most MaxMarkdownParagraph
	for len(line) > MaxMarkdownParagraph {
		cut := cutPoint(line, MaxMarkdownParagraph)
		b.para = append(b.para, line[:cut]+"\n")
		b.plen += cut + 1
		b.flush()
		b.out.WriteString("\n")
		b.changed = true
		line = b.nest(line[cut:]) // the rest starts a line of its own
	}
	b.para = append(b.para, line)
	b.plen += len(line)
	if b.plen > MaxMarkdownParagraph {
		b.flush()
		b.out.WriteString("\n")
		b.changed = true
	}
}

// flush writes the current paragraph, escaping its specials when it would
// take the inline work over the budget.
func (b *bounder) flush() {
	if len(b.para) == 0 {
		return
	}
	n, specials := 0, 0
	for _, l := range b.para {
		n += len(l)
		for i := 0; i < len(l); i++ {
			if isInlineSpecial(l[i]) {
				specials++
			}
		}
	}
	cost := specials * n
	if cost <= b.budget {
		b.budget -= cost
		b.nodes += specials
		for _, l := range b.para {
			b.out.WriteString(l)
		}
	} else {
		b.changed = true
		for _, l := range b.para {
			// keep the block markers at the start of the line as they are
			head := len(l) - len(strings.TrimLeft(l, " \t>"))
			b.out.WriteString(l[:head])
			for i := head; i < len(l); i++ {
				if isInlineSpecial(l[i]) {
					b.out.WriteByte('\\')
				}
				b.out.WriteByte(l[i])
			}
		}
	}
	b.para, b.plen = b.para[:0], 0
}

// inlineSpecials are the bytes that start inline constructs (see
// MarkdownInlineBudget), as a table: the count runs over every byte of
// every body an export renders.
var inlineSpecials = func() (t [256]bool) {
	for _, c := range "[]()!*_~`<&\\" {
		t[c] = true
	}
	return t
}()

func isInlineSpecial(c byte) bool { return inlineSpecials[c] }

// nest escapes the container markers of line beyond MaxMarkdownNesting,
// and cuts indentation deeper than maxIndent (nesting by indentation).
func (b *bounder) nest(line string) string {
	if w := len(line) - len(strings.TrimLeft(line, " \t")); w > maxIndent {
		line = line[w-maxIndent:]
		b.changed = true
	}
	depth, i := 0, 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		n := markerLen(line[i:])
		if n == 0 {
			return line
		}
		if depth == MaxMarkdownNesting {
			b.changed = true
			return line[:i] + escapeMarker(line[i:], n)
		}
		depth++
		i += n
	}
	return line
}

// maxIndent is the deepest indentation passed on: list items nest by
// indentation too, two or more columns a level.
const maxIndent = 4 * MaxMarkdownNesting

// markerLen is the length of a block-container marker at the start of s:
// ">" (a block quote), "-", "+" or "*" followed by a space or tab, or up to
// nine digits and "." or ")" followed by a space or tab; 0 if none.
func markerLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '>':
		return 1
	case '-', '+', '*':
		if len(s) > 1 && (s[1] == ' ' || s[1] == '\t') {
			return 1
		}
		return 0
	}
	j := 0
	for j < len(s) && j < 9 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > 0 && j+1 < len(s) && (s[j] == '.' || s[j] == ')') && (s[j+1] == ' ' || s[j+1] == '\t') {
		return j + 1
	}
	return 0
}

// escapeMarker makes the marker of length n at the start of s literal text.
func escapeMarker(s string, n int) string {
	if s[0] >= '0' && s[0] <= '9' {
		return s[:n-1] + `\` + s[n-1:] // "12\. "
	}
	return `\` + s
}

// stripContainers drops the leading block-quote and list markers of a line,
// to see what it holds (a code fence inside a quote, say).
func stripContainers(line string) string {
	for {
		t := strings.TrimLeft(line, " \t")
		n := markerLen(t)
		if n == 0 {
			return t
		}
		line = t[n:]
	}
}

// fenceOpen returns the marker run of a code fence opened by s (``` or ~~~,
// three or more), or "".
func fenceOpen(s string) string {
	s = strings.TrimLeft(s, " ")
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 || (s[0] == '`' && strings.IndexByte(s[n:], '`') >= 0) {
		return ""
	}
	return s[:n]
}

// cutPoint picks where to cut a long line near max: after a space or CJK
// punctuation in the last quarter before max, else at a UTF-8 boundary.
func cutPoint(line string, max int) int {
	for i := max; i > max*3/4; i-- {
		switch {
		case line[i-1] == ' ':
			return i
		case i >= 3 && (line[i-3:i] == "。" || line[i-3:i] == "，" || line[i-3:i] == "；"):
			return i
		}
	}
	i := max
	for i > 0 && line[i]&0xC0 == 0x80 {
		i--
	}
	return i
}
