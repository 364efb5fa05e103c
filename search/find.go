package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/termsafe"
)

// SnippetRunes is the length of a snippet in characters.
const SnippetRunes = 80

// significant reports the runes a match looks at: letters, digits and
// marks. Spaces, punctuation, line breaks and Markdown marks between them
// are skipped, so 王\n音 and **王**音 both hold 王音.
func significant(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func foldRune(r rune) rune { return unicode.ToLower(foldWidth(r)) }

// Find returns the byte ranges [start, end) of text where q occurs, as the
// index matches it: full-width and half-width forms alike, upper and lower
// case alike, anything that is not a letter or digit between characters
// ignored. Ranges do not overlap and are in order. Work is linear in
// len(text) times the query's length (at most MaxQueryRunes); it
// allocates only the result. When the query's first character has no other
// form that folds to it (any Han character), the text is skipped from one
// occurrence of that character to the next with strings.IndexRune, so a
// text that does not hold q costs little more than a byte search.
func Find(text, q string) [][2]int {
	var needle []rune
	for _, r := range q {
		if significant(foldWidth(r)) {
			needle = append(needle, foldRune(r))
		}
	}
	if len(needle) == 0 || len(needle) > MaxQueryRunes {
		return nil
	}
	first := needle[0]
	jump := selfOnly(first)
	var out [][2]int
	for i := 0; i < len(text); {
		if jump {
			j := strings.IndexRune(text[i:], first)
			if j < 0 {
				break
			}
			i += j
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !significant(foldWidth(r)) || foldRune(r) != first {
			i += n
			continue
		}
		if end, ok := matchRest(text, i+n, needle[1:]); ok {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		i += n
	}
	return out
}

// matchRest reports whether the significant runes of text from byte at on
// are needle (folded), and where the last of them ends.
func matchRest(text string, at int, needle []rune) (int, bool) {
	for _, want := range needle {
		for {
			if at >= len(text) {
				return 0, false
			}
			r, n := utf8.DecodeRuneInString(text[at:])
			if significant(foldWidth(r)) {
				if foldRune(r) != want {
					return 0, false
				}
				at += n
				break
			}
			at += n
		}
	}
	return at, true
}

// selfOnly reports whether r (folded) is the only rune that folds to r:
// not ASCII (full-width forms fold to ASCII) and without case variants.
func selfOnly(r rune) bool {
	return r >= utf8.RuneSelf && unicode.SimpleFold(r) == r
}

// Snippet cuts about width characters of text around the first match,
// marking every match inside it. Text is made safe for a terminal
// (termsafe.Line: no escapes, controls or bidi overrides; line breaks
// become spaces) segment by segment, so the marks stay where they are.
func Snippet(text string, matches [][2]int, width int) []Segment {
	start, end := 0, len(text)
	if len(matches) > 0 {
		// start about a quarter of the width before the first match
		start = matches[0][0]
		for n := 0; n < width/4 && start > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(text[:start])
			start -= size
		}
	}
	// end after width runes
	end = start
	for n := 0; n < width && end < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	var segs []Segment
	add := func(s string, hit bool) {
		s = termsafe.Line(s)
		if s == "" {
			return
		}
		if n := len(segs); n > 0 && segs[n-1].Hit == hit {
			segs[n-1].Text += s
			return
		}
		segs = append(segs, Segment{Text: s, Hit: hit})
	}
	if start > 0 {
		add("…", false)
	}
	at := start
	for _, m := range matches {
		if m[1] <= start {
			continue
		}
		if m[0] >= end {
			break
		}
		s, e := max(m[0], start), min(m[1], end)
		add(collapse(text[at:s]), false)
		add(collapse(text[s:e]), true)
		at = e
	}
	add(collapse(text[at:end]), false)
	if end < len(text) {
		add("…", false)
	}
	return segs
}

// collapse turns runs of white space (line breaks included) into one space.
func collapse(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func lineSafe(s string) string { return termsafe.Line(s) }
