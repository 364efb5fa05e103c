package langcheck

import (
	"strings"
	"unicode"
)

// asciiPunct are the half-width marks GB/T 15834-2011 writes full-width in
// Chinese text: （）：，；！？ (4.1, and the P1 rule of proof/).
const asciiPunct = "():,;!?"

// HalfWidthPunct returns the places in s where a half-width , : ; ! ? ( or )
// touches a Chinese character or a full-width mark — (图文来源: …) where a
// Chinese reader expects （图文来源：…）— each as the mark with up to three
// characters either side. Marks between Latin letters or digits (9:00,
// https://, tag:NAME) are not reported.
func HalfWidthPunct(s string) []string {
	rs := []rune(s)
	var out []string
	for i, r := range rs {
		if !strings.ContainsRune(asciiPunct, r) {
			continue
		}
		before := i > 0 && chinese(rs[i-1])
		after := i+1 < len(rs) && chinese(rs[i+1])
		// an opening ( before Chinese, a closing ) after it, and the
		// others on either side
		switch r {
		case '(':
			before = false
		case ')':
			after = false
		}
		if before || after {
			lo, hi := max(0, i-3), min(len(rs), i+4)
			out = append(out, string(rs[lo:hi]))
		}
	}
	return out
}

// chinese reports a Han character or a full-width mark.
func chinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff01 && r <= 0xff60) ||
		r == '“' || r == '”' || r == '…' || r == '—'
}
