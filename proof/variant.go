package proof

import "strings"

//go:generate go run ./internal/gent2s

// checkTraditional (P18, 图书编校质量差错认定细则: 错繁/异体字): a
// traditional or variant character in simplified text, with its simplified
// form as the fix. Runs of such characters are one finding. The table is
// generated from OpenCC's t2s dictionary (see internal/gent2s).
func checkTraditional(d *doc, out emit) {
	r := d.r
	for i := 0; i < len(r); i++ {
		if r[i] < 0x3400 || d.skip[i] {
			continue
		}
		if r[i] < 0x10000 && t2sBits[r[i]>>6]&(1<<(r[i]&63)) == 0 {
			continue
		}
		s, ok := t2sTable[r[i]]
		if !ok {
			continue
		}
		j := i + 1
		fix := []rune{s}
		for j < len(r) {
			s2, ok := t2sTable[r[j]]
			if !ok || d.skip[j] {
				break
			}
			fix = append(fix, s2)
			j++
		}
		out(hit{rule: RuleTraditional, a: i, b: j, msg: say(MsgTraditional, "Text", string(r[i:j]), "Fix", string(fix)), fix: strp(string(fix))})
		i = j - 1
	}
}

// t2sBits is a bitmap of the BMP characters in t2sTable, so most characters
// are ruled out without a map lookup.
var t2sBits = func() (b [0x10000 / 64]uint64) {
	for c := range t2sTable {
		if c < 0x10000 {
			b[c>>6] |= 1 << (c & 63)
		}
	}
	return b
}()

// Simplified returns s with every traditional or variant character that
// OpenCC's TSCharacters table maps replaced by its simplified form
// (沈建龍 → 沈建龙); other runes are kept. The store compares display names
// through it, so a user cannot take another's name in its traditional
// form.
func Simplified(s string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := t2sTable[r]; ok {
			return t
		}
		return r
	}, s)
}
