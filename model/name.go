package model

import (
	"strings"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// invisible reports runes that show nothing (or nothing distinguishable)
// in a name: format characters (Cf: U+200B zero width space, U+200D, U+2060,
// U+FEFF, the bidi controls U+202A–U+202E and U+2066–U+2069, …), the
// blank-looking letters U+2800 (braille blank), U+3164 and U+FFA0 (Hangul
// fillers), U+115F/U+1160 (Hangul choseong/jungseong fillers), U+180E, the
// combining grapheme joiner U+034F, variation selectors and controls.
func invisible(r rune) bool {
	switch r {
	case 0x2800, 0x3164, 0xFFA0, 0x115F, 0x1160, 0x180E, 0x034F, 0x17B4, 0x17B5:
		return true
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Variation_Selector, r) ||
		isBidiControl(r)
}

// NormalizeDisplay returns the form a display name is stored in: NFKC,
// every invisible character removed (see invisible), runs of white space
// collapsed to one ASCII space, trimmed. 王音 and 王音\u200b are the
// same name; so are ＡＢ and AB.
func NormalizeDisplay(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case invisible(r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NameKey is the key display names are compared by for uniqueness: the
// normalized name (NormalizeDisplay), case-folded, mapped to its UTS #39
// confusable skeleton (Unicode confusables.txt: Cyrillic а and Latin a,
// 士 and 土, 0 and O are one letter) and without spaces, so "Wang Yin",
// "wangyin", "ＷＡＮＧ　ＹＩＮ" and "Wаng Yin" (Cyrillic а) are one name.
// Traditional and simplified forms (沈建龍, 沈建龙) are the store's
// concern (it folds them with proof.Simplified before asking NameKey:
// model imports nothing of ours).
//
// Combining marks (Unicode Mn, after canonical decomposition) are left out
// of the key too: on a CJK name they are never part of it and a terminal
// or a credits line often shows them faintly or not at all (王̲音,
// 王音́ would pass for 王音), so "José" and "Jose" are one name as well.
func NameKey(s string) string {
	s = confusables.Skeleton(cases.Fold().String(NormalizeDisplay(s)))
	return strings.Map(func(r rune) rune {
		if r == ' ' || unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
}
