package cjkmark

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// softBreaks decides every soft line break of the document once, in the
// AST, so that every renderer (the HTML export, the terminal preview, the
// summaries) agrees: between two CJK characters, or next to CJK
// punctuation, the break is dropped (a Chinese sentence wrapped in the
// source must not gain a space); everywhere else — between Latin words,
// next to a link, emphasis or code whose text starts with a Latin letter —
// it stays a break and renders as a space. The characters compared are the
// last one before the break and the first one after it in reading order,
// looking into inline elements (by\n**Vice President** compares 'y' and
// 'V'). A break before an image or at the end of a block is left alone.
type softBreaks struct{}

func (softBreaks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var pending *ast.Text // a soft break waiting for the next character
	var pendLast rune     // the character before it
	var prev rune         // the last character seen in this block
	next := func(first rune) {
		if pending != nil && first != 0 && !keepSpace(pendLast, first) {
			pending.SetSoftLineBreak(false)
		}
		pending = nil
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			pending, prev = nil, 0
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(src)
			if len(v) > 0 {
				r, _ := utf8.DecodeRune(v)
				next(r)
				prev, _ = utf8.DecodeLastRune(v)
			}
			if n.SoftLineBreak() && !n.HardLineBreak() {
				pending, pendLast = n, prev
			}
		case *ast.String:
			if len(n.Value) > 0 {
				r, _ := utf8.DecodeRune(n.Value)
				next(r)
				prev, _ = utf8.DecodeLastRune(n.Value)
			}
		case *ast.AutoLink:
			if l := n.Label(src); len(l) > 0 {
				r, _ := utf8.DecodeRune(l)
				next(r)
				prev, _ = utf8.DecodeLastRune(l)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			// transparent: <span>…</span> around text changes nothing
		case *ast.Image:
			pending, prev = nil, 0
			return ast.WalkSkipChildren, nil
		default:
			if n.Type() == ast.TypeInline && n.FirstChild() == nil {
				// an inline element with no text (a media image): keep the
				// break as it is
				pending, prev = nil, 0
			}
		}
		return ast.WalkContinue, nil
	})
}

// KeepSpace tells whether a line break between the characters a and b
// reads as a space (true) or as nothing (between CJK characters, next to
// CJK punctuation or a zero-width space). The soft-break transform and the
// export's summaries use it.
func KeepSpace(a, b rune) bool { return keepSpace(a, b) }

func keepSpace(a, b rune) bool {
	if a == 0x200b || b == 0x200b { // zero-width space: already a break opportunity
		return false
	}
	wa, wb := wideCJK(a), wideCJK(b)
	switch {
	case wa && wb:
		return false
	case wa && isPunct(a), wb && isPunct(b): // ，。：）… discard the space
		return false
	case wa && isCurlyQuote(b), wb && isCurlyQuote(a): // “ ” next to Chinese
		return false
	}
	return true
}

// wideCJK is a CJK character of a script written without spaces between
// words (not Hangul).
func wideCJK(r rune) bool { return IsCJK(r) && !isHangul(r) }

func isCurlyQuote(r rune) bool {
	return r == 0x2018 || r == 0x2019 || r == 0x201c || r == 0x201d
}
