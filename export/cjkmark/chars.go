package cjkmark

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cjkRanges are the code points the CJK-friendly amendment calls "CJK
// characters": East Asian Width W, F or H and not an emoji presentation
// character, or Hangul (Unicode 16; markdown-cjk-friendly ranges.md).
var cjkRanges = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x1100, 0x11ff, 1}, {0x20a9, 0x20a9, 1}, {0x2329, 0x232a, 1},
		{0x2630, 0x2637, 1}, {0x268a, 0x268f, 1}, {0x2e80, 0x2e99, 1},
		{0x2e9b, 0x2ef3, 1}, {0x2f00, 0x2fd5, 1}, {0x2ff0, 0x303e, 1},
		{0x3041, 0x3096, 1}, {0x3099, 0x30ff, 1}, {0x3105, 0x312f, 1},
		{0x3131, 0x318e, 1}, {0x3190, 0x31e5, 1}, {0x31ef, 0x321e, 1},
		{0x3220, 0x3247, 1}, {0x3250, 0xa48c, 1}, {0xa490, 0xa4c6, 1},
		{0xa960, 0xa97c, 1}, {0xac00, 0xd7a3, 1}, {0xd7b0, 0xd7c6, 1},
		{0xd7cb, 0xd7fb, 1}, {0xf900, 0xfaff, 1}, {0xfe10, 0xfe19, 1},
		{0xfe30, 0xfe52, 1}, {0xfe54, 0xfe66, 1}, {0xfe68, 0xfe6b, 1},
		{0xff01, 0xffbe, 1}, {0xffc2, 0xffc7, 1}, {0xffca, 0xffcf, 1},
		{0xffd2, 0xffd7, 1}, {0xffda, 0xffdc, 1}, {0xffe0, 0xffe6, 1},
		{0xffe8, 0xffee, 1},
	},
	R32: []unicode.Range32{
		{0x16fe0, 0x16fe4, 1}, {0x16ff0, 0x16ff6, 1}, {0x17000, 0x18cd5, 1},
		{0x18cff, 0x18d1e, 1}, {0x18d80, 0x18df2, 1}, {0x1aff0, 0x1aff3, 1},
		{0x1aff5, 0x1affb, 1}, {0x1affd, 0x1affe, 1}, {0x1b000, 0x1b122, 1},
		{0x1b132, 0x1b132, 1}, {0x1b150, 0x1b152, 1}, {0x1b155, 0x1b155, 1},
		{0x1b164, 0x1b167, 1}, {0x1b170, 0x1b2fb, 1}, {0x1d300, 0x1d356, 1},
		{0x1d360, 0x1d376, 1}, {0x1f200, 0x1f200, 1}, {0x1f202, 0x1f202, 1},
		{0x1f210, 0x1f219, 1}, {0x1f21b, 0x1f22e, 1}, {0x1f230, 0x1f231, 1},
		{0x1f237, 0x1f237, 1}, {0x1f23b, 0x1f23b, 1}, {0x1f240, 0x1f248, 1},
		{0x1f260, 0x1f265, 1}, {0x20000, 0x3fffd, 1},
	},
}

// IsCJK reports whether r is a CJK character in the sense of the
// CJK-friendly amendment to CommonMark 0.31.2 (ideographs, kana, Hangul,
// bopomofo, full-width forms and CJK punctuation such as ，。：“（ —
// but not “ ” ‘ ’, whose East Asian Width is ambiguous).
func IsCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.Is(cjkRanges, r)
}

// isHangul reports whether r is a Hangul letter: Korean separates words
// with spaces, so a line break next to one stays a space.
func isHangul(r rune) bool {
	return unicode.Is(unicode.Hangul, r)
}

// isPunct is CommonMark's Unicode punctuation character: general category
// P or S.
func isPunct(r rune) bool { return util.IsPunctRune(r) }

// isSpace is CommonMark's Unicode whitespace.
func isSpace(r rune) bool { return util.IsSpaceRune(r) }

// isSVS reports whether r is a non-emoji general-use variation selector
// (U+FE00–U+FE0E).
func isSVS(r rune) bool { return r >= 0xfe00 && r <= 0xfe0e }

// isIVS reports whether r is an ideographic variation selector
// (U+E0100–U+E01EF).
func isIVS(r rune) bool { return r >= 0xe0100 && r <= 0xe01ef }

// isNonCJKPunct is a Unicode punctuation character that is not CJK.
func isNonCJKPunct(r rune) bool { return isPunct(r) && !IsCJK(r) }

// before describes what precedes a delimiter run: the last character and,
// when that is a variation selector, the one before it.
type before struct {
	r, r2 rune // r2 is meaningful only when r is a variation selector
}

// readBefore reads what precedes the reader's position: goldmark's
// preceding character (a newline at the start of a block) and, when that
// is a variation selector, the character before it in the source.
func readBefore(block text.Reader) before {
	b := before{r: block.PrecendingCharacter()}
	if isSVS(b.r) {
		_, seg := block.Position()
		src := block.Source()
		pos := seg.Start
		_, n := utf8.DecodeLastRune(src[:pos])
		if pos-n <= 0 {
			b.r2 = '\n'
		} else {
			b.r2, _ = utf8.DecodeLastRune(src[:pos-n])
		}
	}
	return b
}

func (b before) space() bool { return isSpace(b.r) }

// nonCJKPunctSeq: a non-CJK punctuation character, optionally followed by a
// variation selector; U+2018/2019/201C/201D + U+FE01 is a CJK (full-width)
// quotation mark and does not count.
func (b before) nonCJKPunctSeq() bool {
	if isSVS(b.r) {
		if b.r == 0xfe01 && (b.r2 == 0x2018 || b.r2 == 0x2019 || b.r2 == 0x201c || b.r2 == 0x201d) {
			return false
		}
		return isNonCJKPunct(b.r2)
	}
	return isNonCJKPunct(b.r)
}

// cjkSeq: a CJK character, optionally followed by a variation selector.
func (b before) cjkSeq() bool {
	if isSVS(b.r) {
		return IsCJK(b.r2)
	}
	return IsCJK(b.r)
}

// punctSeq: a Unicode punctuation character, optionally followed by a
// variation selector.
func (b before) punctSeq() bool {
	if isSVS(b.r) {
		return isPunct(b.r2)
	}
	return isPunct(b.r)
}

// flanking classifies a delimiter run preceded by b and followed by after
// under the CJK-friendly amendment (§6.2): without CJK characters on
// either side it is exactly CommonMark's rule.
func flanking(b before, after rune) (left, right bool) {
	afterSpace := isSpace(after)
	left = !afterSpace && (!isNonCJKPunct(after) ||
		b.space() || b.nonCJKPunctSeq() || b.cjkSeq() || isIVS(b.r))
	right = !b.space() && (!b.nonCJKPunctSeq() ||
		afterSpace || isNonCJKPunct(after) || IsCJK(after))
	return left, right
}
