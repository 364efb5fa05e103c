package editor

import (
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/rivo/uniseg"
)

// gr is one grapheme cluster of a line: where it starts in the line's text,
// how many cells it takes on screen and what kind of character it is.
type gr struct {
	off int32 // byte offset in line.s
	w   uint8 // display width in cells, as rendered (placeholders included)
	f   uint8 // flag bits below
}

const (
	fSpace   = 1 << iota // breakable white space: a row may start after it
	fWide                // two-cell character: rows may break before and after it
	fClose               // closing punctuation: never starts a row
	fOpen                // opening punctuation: never ends a row
	fSpecial             // rendered as a placeholder, not as its bytes
	fCount               // counts toward CharCount (字数)
)

// tabWidth is how many cells a tab takes. Tabs are shown as blanks of a fixed
// width, not aligned to tab stops, so that a row's width does not depend on
// where the row starts.
const tabWidth = 4

// simpleWidth holds, for the non-ASCII runes that the fast path knows, their
// display width; zero means "ask uniseg". These runes never join a
// neighbour into one grapheme cluster (Grapheme_Cluster_Break=Other and not
// Extend, ZWJ, Prepend, Regional_Indicator or Hangul), so between two of them,
// or one of them and ASCII, there is always a cluster boundary.
var (
	simpleLatin1 [0x100 - 0xA0]uint8    // U+00A0–U+00FF except U+00AD
	simpleGenP   [0x205F - 0x2010]uint8 // U+2010–U+205E except U+2028–U+202F
	simpleCJKP   [0x3040 - 0x3000]uint8 // U+3000–U+303F except U+302A–U+302F
	simpleFull   [0xFF61 - 0xFF01]uint8 // U+FF01–U+FF60
)

func init() {
	fill := func(tab []uint8, base rune) {
		for i := range tab {
			tab[i] = uint8(lipgloss.Width(string(base + rune(i))))
		}
	}
	fill(simpleLatin1[:], 0xA0)
	fill(simpleGenP[:], 0x2010)
	fill(simpleCJKP[:], 0x3000)
	fill(simpleFull[:], 0xFF01)
	simpleLatin1[0xAD-0xA0] = 0 // soft hyphen is a format character
	for r := 0x2028; r <= 0x202F; r++ {
		simpleGenP[r-0x2010] = 0 // separators, bidi controls
	}
	for r := 0x302A; r <= 0x302F; r++ {
		simpleCJKP[r-0x3000] = 0 // combining tone marks
	}
}

// simple returns the width of r if r is a rune the fast path may treat as a
// cluster of its own, or 0.
func simple(r rune) int {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return 2
	case r >= 0xA0 && r <= 0xFF:
		return int(simpleLatin1[r-0xA0])
	case r >= 0x2010 && r < 0x205F:
		return int(simpleGenP[r-0x2010])
	case r >= 0x3000 && r < 0x3040:
		return int(simpleCJKP[r-0x3000])
	case r >= 0xFF01 && r < 0xFF61:
		return int(simpleFull[r-0xFF01])
	}
	return 0
}

// nextCluster returns the grapheme cluster of s that starts at byte i: its
// length in bytes, its display width and its flags. Printable ASCII and
// common CJK text take a fast path; everything else is segmented by uniseg
// and measured by lipgloss.Width, so that rows are exactly as wide as
// lipgloss (and the layout around the editor) thinks.
func nextCluster(s string, i int) (size int, w int, f uint8) {
	c := s[i]
	if c >= 0x20 && c < 0x7f {
		if i+1 == len(s) || s[i+1] < 0x80 {
			return 1, 1, asciiFlags[c]
		}
		if r2, _ := utf8.DecodeRuneInString(s[i+1:]); simple(r2) != 0 {
			return 1, 1, asciiFlags[c]
		}
	}
	if c >= 0x80 {
		r, n := utf8.DecodeRuneInString(s[i:])
		if sw := simple(r); sw != 0 {
			j := i + n
			if j == len(s) || s[j] < 0x80 {
				return n, sw, runeFlags(r, sw)
			}
			if s[j] >= 0x80 {
				if r2, _ := utf8.DecodeRuneInString(s[j:]); simple(r2) != 0 {
					return n, sw, runeFlags(r, sw)
				}
			}
		}
	}
	cluster, _, w, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
	if w != 0 {
		// uniseg and lipgloss (x/ansi) disagree on a few sequences, such
		// as a variation selector after a non-emoji: lipgloss is what the
		// application lays out with, so its width wins.
		w = lipgloss.Width(cluster)
	}
	r, n := utf8.DecodeRuneInString(cluster)
	switch {
	case r == utf8.RuneError && n <= 1:
		return len(cluster), 1, fSpecial | fCount // invalid UTF-8, shown as �
	case cluster == "\t":
		return 1, tabWidth, fSpace | fSpecial
	case w == 0:
		// Controls, format characters and stray combining marks have no
		// width of their own; they are shown as a visible placeholder.
		w = 1 // � or ◌
		if r < 0x20 || r == 0x7f {
			w = 2 // caret notation
		}
		f := uint8(fSpecial)
		if !unicode.Is(unicode.Cc, r) && !unicode.Is(unicode.Cf, r) && !unicode.IsSpace(r) {
			f |= fCount
		}
		return len(cluster), w, f
	}
	return len(cluster), w, runeFlags(r, w)
}

// placeholder returns what is drawn for a fSpecial cluster.
func placeholder(cluster string) string {
	r, n := utf8.DecodeRuneInString(cluster)
	switch {
	case cluster == "\t":
		return "    "
	case r == utf8.RuneError && n <= 1:
		return "\uFFFD"
	case r < 0x20:
		return string([]byte{'^', byte(r) + 0x40})
	case r == 0x7f:
		return "^?"
	case unicode.IsMark(r):
		// A dotted circle stands for marks with nothing to combine with
		// (drawing the marks on it is not measured alike by every width
		// table, e.g. for a stray variation selector).
		return "\u25CC"
	}
	return "\uFFFD" // C1 controls, format and separator characters
}

var asciiFlags [128]uint8

func init() {
	for c := 0x20; c < 0x7f; c++ {
		asciiFlags[c] = runeFlags(rune(c), 1)
	}
}

// runeFlags returns the flags of a cluster whose first rune is r and whose
// width is w.
func runeFlags(r rune, w int) uint8 {
	var f uint8
	if w >= 2 {
		f |= fWide
	}
	switch {
	case unicode.IsSpace(r):
		if r != 0xA0 && r != 0x2007 && r != 0x202F { // no-break spaces
			f |= fSpace
		}
		return f
	case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
		return f
	}
	f |= fCount
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '」', '』', '】', '》', '〉',
		'〕', '〗', '］', '｝', '”', '’', '…', '—', '·', '々', '～', '％', '．',
		',', '.', ';', ':', '?', '!', ')', ']', '}', '%':
		f |= fClose
	case '（', '「', '『', '【', '《', '〈', '〔', '〖', '［', '｛', '“', '‘',
		'(', '[', '{':
		f |= fOpen
	}
	return f
}

// Word classes for word moves and word deletion.
const (
	wcSpace = iota
	wcHan   // Han, kana, Hangul, bopomofo: a run is one "word"
	wcWord  // letters, digits, marks and '_': a Latin word or number
	wcPunct // punctuation, symbols, emoji: a run is one "word"
)

// wordClass returns the word class of the cluster that starts with r.
func wordClass(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return wcSpace
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) || r == 'ー':
		return wcHan
	case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return wcWord
	}
	return wcPunct
}
