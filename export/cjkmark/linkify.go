package cjkmark

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// cjkLinkify links bare URLs, www. addresses and e-mail addresses that
// follow a CJK character or CJK punctuation directly
// (报名网址：https://example.org/a，截止…). GFM's autolink extension links
// them only after whitespace or at the start of a line, and Chinese text
// never puts a space after "：". The end of the address is found by GFM's
// own rules (goldmark's linkify parser runs on the address), and the URL
// characters are ASCII only, so trailing Chinese punctuation (，。）」)
// never enters the href.
type cjkLinkify struct {
	p parser.InlineParser
}

func newCJKLinkify() *cjkLinkify { return &cjkLinkify{p: extension.NewLinkifyParser()} }

var (
	schemes = [][]byte{[]byte("https://"), []byte("http://"), []byte("ftp://"), []byte("www.")}
)

func (l *cjkLinkify) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !mayHoldAddress(src) {
		return // no text can: findAddress would find nothing in any
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		if n.IsRaw() {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		l.split(t, src, pc)
	}
}

// split links every address in t that follows CJK text.
func (l *cjkLinkify) split(t *ast.Text, src []byte, pc parser.Context) {
	for {
		seg := t.Segment
		v := seg.Value(src)
		start := findAddress(v)
		if start < 0 {
			return
		}
		abs := seg.Start + start
		br := text.NewBlockReader(src, nil)
		segs := text.NewSegments()
		segs.Append(text.NewSegment(abs, seg.Stop))
		br.Reset(segs)
		node := l.p.Parse(t.Parent(), br, pc)
		link, ok := node.(*ast.AutoLink)
		if !ok {
			// not an address after all: look past this position
			if !l.skipTo(t, src, start) {
				return
			}
			continue
		}
		label := link.Label(src)
		end := abs + len(label)
		parent := t.Parent()
		if start > 0 {
			head := ast.NewTextSegment(text.NewSegment(seg.Start, abs))
			parent.InsertBefore(parent, t, head)
		}
		parent.InsertBefore(parent, t, link)
		t.Segment = text.NewSegment(end, seg.Stop)
		if end >= seg.Stop && !t.SoftLineBreak() && !t.HardLineBreak() {
			parent.RemoveChild(parent, t)
			return
		}
	}
}

// skipTo moves the part of t before and at offset i into a text node of
// its own, so the search goes on after it; false when nothing is left.
func (l *cjkLinkify) skipTo(t *ast.Text, src []byte, i int) bool {
	seg := t.Segment
	_, n := utf8.DecodeRune(seg.Value(src)[i:])
	cut := seg.Start + i + n
	if cut >= seg.Stop {
		return false
	}
	parent := t.Parent()
	parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(seg.Start, cut)))
	t.Segment = text.NewSegment(cut, seg.Stop)
	return true
}

// mayHoldAddress tells whether src holds anything findAddress looks for
// (every scheme in schemes ends in "://" or is "www."; an e-mail address
// has '@'): a body without any needs no walk for addresses.
func mayHoldAddress(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// findAddress returns the offset in v of the first URL, www. address or
// e-mail address directly after a CJK character or non-ASCII punctuation,
// or -1.
func findAddress(v []byte) int {
	best := -1
	for _, s := range schemes {
		off := 0
		for {
			i := bytes.Index(v[off:], s)
			if i < 0 {
				break
			}
			i += off
			if afterCJK(v, i) {
				if best < 0 || i < best {
					best = i
				}
				break
			}
			off = i + 1
		}
	}
	// e-mail: the local part runs back from '@' over [A-Za-z0-9._%+-]
	off := 0
	for best < 0 || off < best {
		i := bytes.IndexByte(v[off:], '@')
		if i < 0 {
			break
		}
		i += off
		j := i
		for j > 0 && isLocalPart(v[j-1]) {
			j--
		}
		if j < i && afterCJK(v, j) && (best < 0 || j < best) {
			best = j
		}
		off = i + 1
	}
	return best
}

func isLocalPart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// afterCJK tells whether v[i] follows a CJK character or a non-ASCII
// punctuation mark (“《「…).
func afterCJK(v []byte, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRune(v[:i])
	return r >= 0x80 && (IsCJK(r) || isPunct(r))
}
