package cjkmark

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// scanDelimiter is goldmark's parser.ScanDelimiter with the flanking rule
// of the CJK-friendly amendment: a run of at least minimum delimiter
// characters at the start of line, preceded by b.
func scanDelimiter(line []byte, b before, minimum int, proc parser.DelimiterProcessor) *parser.Delimiter {
	if len(line) == 0 || !proc.IsDelimiter(line[0]) {
		return nil
	}
	c := line[0]
	j := 1
	for j < len(line) && line[j] == c {
		j++
	}
	if j < minimum {
		return nil
	}
	after := rune(' ') // the end of the line counts as whitespace
	if j < len(line) {
		after, _ = utf8.DecodeRune(line[j:])
	}
	left, right := flanking(b, after)
	var canOpen, canClose bool
	if c == '_' {
		canOpen = left && (!right || b.punctSeq())
		canClose = right && (!left || isPunct(after))
	} else {
		canOpen, canClose = left, right
	}
	return parser.NewDelimiter(canOpen, canClose, j, c, proc)
}

// emphasisProcessor pairs * and _ runs into ast.Emphasis, as goldmark does.
type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }
func (emphasisProcessor) CanOpenCloser(o, c *parser.Delimiter) bool {
	return o.Char == c.Char
}
func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// emphasisParser replaces goldmark's emphasis parser (it runs first for *
// and _ and always answers, so the default one is never asked).
type emphasisParser struct{}

func (emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	d := scanDelimiter(line, readBefore(block), 1, emphasisProcessor{})
	if d == nil {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// strikeProcessor pairs ~ and ~~ runs into GFM strikethrough.
type strikeProcessor struct{}

func (strikeProcessor) IsDelimiter(b byte) bool { return b == '~' }
func (strikeProcessor) CanOpenCloser(o, c *parser.Delimiter) bool {
	return o.Char == c.Char
}
func (strikeProcessor) OnMatch(int) ast.Node { return extast.NewStrikethrough() }

// strikeParser replaces the GFM strikethrough parser with the same
// CJK-friendly flanking rule (~~旧方法（已废弃）。~~这个…).
type strikeParser struct{}

func (strikeParser) Trigger() []byte { return []byte{'~'} }

func (strikeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	b := readBefore(block)
	d := scanDelimiter(line, b, 1, strikeProcessor{})
	if d == nil || d.OriginalLength > 2 || b.r == '~' {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}
