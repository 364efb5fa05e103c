// Package t2sopencc derives the traditional/variant → simplified character
// table from OpenCC's embedded t2s dictionaries (no files, no network).
package t2sopencc

import (
	"fmt"

	"github.com/longbridgeapp/opencc"
)

// SimplifiedToo are characters OpenCC maps to another simplified character
// but which are themselves correct in simplified text in some words
// (乾坤, 瞭望, 慰藉, 神祇, 宫商角徵羽, 著名, 於姓, 哪吒, 甯姓, 麴姓 …).
var SimplifiedToo = map[rune]bool{'乾': true, '瞭': true, '藉': true, '祇': true, '徵': true, '著': true, '於': true, '剋': true, '夥': true, '餘': true, '麽': true, '么': true, '吒': true, '甯': true, '麴': true}

// Table returns every character whose first t2s candidate is a different
// single character, leaving out ambiguous ones (乾 → 干 乾: the character is
// among its own candidates) and SimplifiedToo.
func Table() (map[rune]rune, error) {
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, fmt.Errorf("loading OpenCC t2s: %w", err)
	}
	dicts := cc.DictChains[0].Dicts // TSPhrases, TSCharacters
	dict := dicts[len(dicts)-1]
	tab := make(map[rune]rune, 4096)
	for _, rg := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2FA1F}} {
		for c := rg[0]; c <= rg[1]; c++ {
			if SimplifiedToo[c] {
				continue
			}
			// Dict.Get is unreliable in this version; PrefixMatch is what Convert uses.
			got, err := dict.PrefixMatch(string(c))
			vals := got[string(c)]
			if err != nil || len(vals) == 0 {
				continue
			}
			first := []rune(vals[0])
			if len(first) != 1 || first[0] == c {
				continue
			}
			self := false
			for _, v := range vals {
				if v == string(c) {
					self = true
				}
			}
			if !self {
				tab[c] = first[0]
			}
		}
	}
	return tab, nil
}
