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
// len(text) times the query's length (at most MaxQueryRunes).
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
	type pos struct {
		r          rune
		start, end int
	}
	var hay []pos
	for i, r := range text {
		if significant(foldWidth(r)) {
			hay = append(hay, pos{foldRune(r), i, i + utf8.RuneLen(r)})
		}
	}
	var out [][2]int
	for i := 0; i+len(needle) <= len(hay); {
		ok := true
		for j, r := range needle {
			if hay[i+j].r != r {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, [2]int{hay[i].start, hay[i+len(needle)-1].end})
			i += len(needle)
		} else {
			i++
		}
	}
	return out
}

// findQuick is Find for snippets and for verifying candidates: when the
// folded query occurs in the text as it is (the usual case) it returns
// those places without folding the whole text; places written in another
// width or case, or across a line break, are then left out, which a
// snippet does not need.
func findQuick(text, q string) [][2]int {
	var b strings.Builder
	for _, r := range q {
		if significant(foldWidth(r)) {
			b.WriteRune(foldRune(r))
		}
	}
	plain := b.String()
	if plain == "" || !strings.Contains(text, plain) {
		return Find(text, q)
	}
	var out [][2]int
	for at := 0; ; {
		i := strings.Index(text[at:], plain)
		if i < 0 {
			break
		}
		out = append(out, [2]int{at + i, at + i + len(plain)})
		at += i + len(plain)
	}
	return out
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
