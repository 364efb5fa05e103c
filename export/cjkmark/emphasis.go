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
	if !d.CanOpen && !d.CanClose || !pushAllowed(parent, pc) {
		return literal(block, seg, d.OriginalLength)
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
	if !d.CanOpen && !d.CanClose || !pushAllowed(parent, pc) {
		return literal(block, seg, d.OriginalLength)
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// literal consumes a delimiter run that can neither open nor close
// (class_2026_list) as plain text. goldmark would push it on the delimiter
// stack, where every later closer without an opener walks over it: with
// thousands of them in one paragraph that is quadratic time.
func literal(block text.Reader, seg text.Segment, n int) ast.Node {
	block.Advance(n)
	return ast.NewTextSegment(seg.WithStop(seg.Start + n))
}

// MaxDelimiters is the number of emphasis and strikethrough delimiter runs
// one block (a paragraph, a heading, a table cell) may open or close; runs
// after it are plain text. goldmark pairs delimiters by walking back from
// every closer over all earlier delimiters (it lacks CommonMark's
// openers_bottom), so 20,000 "*a " followed by 20,000 "b~c" took 22 s
// for 140 KB; with the limit one block costs at most MaxDelimiters² steps
// and a body at most MaxDelimiters steps per byte, and no real paragraph
// comes near it.
const MaxDelimiters = 400

var delimCountKey = parser.NewContextKey()

type delimCount struct {
	block ast.Node
	n     int
}

// pushAllowed counts a delimiter run about to be pushed for block and
// tells whether it is within MaxDelimiters.
func pushAllowed(block ast.Node, pc parser.Context) bool {
	c, _ := pc.Get(delimCountKey).(*delimCount)
	if c == nil {
		c = &delimCount{}
		pc.Set(delimCountKey, c)
	}
	if c.block != block {
		c.block, c.n = block, 0
	}
	c.n++
	return c.n <= MaxDelimiters
}
