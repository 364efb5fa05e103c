package search

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/copydesk/copydesk/export/cjkmark"
)

// A snippet shows what a reader sees, not the Markdown it is stored as:
// **重要** reads 重要, ![会场](media:ab12) reads 会场, [通知](https://…)
// reads 通知, a table's | and --- rows are gone. The body is parsed the
// way the export and the preview read it (cjkmark.GFM), around the match
// only, and every byte of the visible text keeps the offset of the stored
// byte it came from, so a match found in the stored text (Find, the same
// matching the index is checked with) is marked on exactly the characters
// that show it.

// visibleWindow bounds how much stored text around a match is parsed for
// its snippet, each side, in bytes: the work per hit does not grow with
// the article.
const visibleWindow = 2048

// mdSnippet parses article bodies for snippets, with the extensions the
// export and the TUI preview use.
var mdSnippet = goldmark.New(goldmark.WithExtensions(cjkmark.GFM()...))

// visible is the reader's text of a piece of Markdown: Text, and for each
// of its bytes the byte offset in the stored text it shows (Pos has one
// more entry: the end).
type visible struct {
	Text string
	Pos  []int
}

// visibleText returns the reader's text of the Markdown src[lo:hi] (lo and
// hi at line starts or the ends of src), with offsets into src.
func visibleText(src string, lo, hi int) visible {
	win := []byte(src[lo:hi])
	doc := mdSnippet.Parser().Parse(text.NewReader(win))
	var v visible
	var b strings.Builder
	last := 0 // offset in win of the last byte written, for nodes without one
	sep := false
	emit := func(s string, at []int) {
		if s == "" {
			return
		}
		if sep && b.Len() > 0 {
			// the space stands for the markup before the text, so a
			// match starting at the text does not take it in
			b.WriteByte(' ')
			v.Pos = append(v.Pos, lo+max(last, at[0]-1))
		}
		sep = false
		b.WriteString(s)
		for _, p := range at {
			v.Pos = append(v.Pos, lo+p)
		}
		last = at[len(at)-1]
	}
	// segment writes win[start:stop] with its backslash escapes and
	// character references resolved, as the page shows them.
	segment := func(start, stop int, raw bool) {
		seg := win[start:stop]
		if raw || !strings.ContainsAny(string(seg), `\&`) {
			at := make([]int, len(seg))
			for i := range at {
				at[i] = start + i
			}
			emit(string(seg), at)
			return
		}
		var out []byte
		var at []int
		for i := 0; i < len(seg); {
			switch c := seg[i]; {
			case c == '\\' && i+1 < len(seg) && isASCIIPunct(seg[i+1]):
				out, at = append(out, seg[i+1]), append(at, start+i)
				i += 2
				continue
			case c == '&':
				if j := strings.IndexByte(string(seg[i:min(len(seg), i+12)]), ';'); j > 1 {
					if u := html.UnescapeString(string(seg[i : i+j+1])); u != string(seg[i:i+j+1]) {
						for range len(u) {
							at = append(at, start+i)
						}
						out = append(out, u...)
						i += j + 1
						continue
					}
				}
			}
			out, at = append(out, seg[i]), append(at, start+i)
			i++
		}
		emit(string(out), at)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			sep = true // paragraphs, headings, list items and table cells read apart
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			segment(n.Segment.Start, n.Segment.Stop, n.IsRaw())
			if n.SoftLineBreak() || n.HardLineBreak() {
				sep = true // the soft-break rule (cjkmark) kept it: a space
			}
		case *ast.String:
			at := make([]int, len(n.Value))
			for i := range at {
				at[i] = last
			}
			emit(string(n.Value), at)
		case *ast.AutoLink:
			label := n.Label(win)
			if i := strings.Index(string(win[last:]), string(label)); i >= 0 {
				segment(last+i, last+i+len(label), true)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil // tags; the sanitizer keeps their text only as text nodes
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				segment(s.Start, s.Stop, true)
				sep = true
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	v.Text = b.String()
	v.Pos = append(v.Pos, hi)
	return v
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// around returns the bounds of the stored text to parse for a snippet at
// byte at: from the blank line before it (a table or list starts there)
// to the blank line after, at most visibleWindow bytes each side, cut at
// line starts so no block loses its first characters.
func around(src string, at int) (int, int) {
	lo := max(0, at-visibleWindow)
	if i := strings.LastIndex(src[lo:at], "\n\n"); i >= 0 {
		lo += i + 2
	} else if lo > 0 {
		if i := strings.IndexByte(src[lo:at], '\n'); i >= 0 {
			lo += i + 1
		} else {
			// one very long line: a little before the match, on a
			// character
			lo = max(0, at-visibleWindow/8)
			for lo < at && !utf8.RuneStart(src[lo]) {
				lo++
			}
		}
	}
	hi := min(len(src), at+visibleWindow)
	if i := strings.Index(src[at:hi], "\n\n"); i >= 0 {
		hi = at + i
	} else if hi < len(src) {
		if i := strings.LastIndexByte(src[at:hi], '\n'); i > 0 {
			hi = at + i
		}
		for hi > at && !utf8.RuneStart(src[hi]) {
			hi--
		}
	}
	return lo, hi
}

// visibleSnippet cuts the snippet of a Markdown field: the reader's text
// around the first match in matches (byte ranges of src, from Find) that a
// reader can see, every visible match marked. A match hidden in the
// markup (a link's address) marks nothing; the snippet is then cut at its
// place. width is in display columns (Snippet).
func visibleSnippet(src string, matches [][2]int, width int) []Segment {
	at := 0
	if len(matches) > 0 {
		at = matches[0][0]
	}
	lo, hi := around(src, at)
	v := visibleText(src, lo, hi)
	var vm [][2]int
	for _, m := range matches {
		if m[0] < lo || m[1] > hi {
			continue
		}
		s, e := v.index(m[0]), v.index(m[1])
		if s < e {
			vm = append(vm, [2]int{s, e})
		}
	}
	if len(vm) == 0 && len(matches) > 0 {
		i := v.index(at) // hidden: cut where it is, marking nothing
		vm = [][2]int{{i, i}}
	}
	segs := Snippet(v.Text, vm, width)
	if lo > 0 && !(len(segs) > 0 && strings.HasPrefix(segs[0].Text, "…")) {
		segs = append([]Segment{{Text: "…"}}, segs...)
	}
	if n := len(segs); hi < len(src) && !(n > 0 && !segs[n-1].Hit && strings.HasSuffix(segs[n-1].Text, "…")) {
		segs = append(segs, Segment{Text: "…"})
	}
	return mergeSegments(segs)
}

// mergeSegments joins neighbouring segments that are both hits or both not.
func mergeSegments(segs []Segment) []Segment {
	var out []Segment
	for _, s := range segs {
		if n := len(out); n > 0 && out[n-1].Hit == s.Hit {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

// index is the first byte of Text that shows stored byte p or one after it
// (len(Text) when none does), on a rune boundary. Pos never decreases.
func (v visible) index(p int) int {
	i := sort.SearchInts(v.Pos[:len(v.Text)], p)
	for i < len(v.Text) && !utf8.RuneStart(v.Text[i]) {
		i++
	}
	return i
}
