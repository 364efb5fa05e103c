package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/copydesk/copydesk/termsafe"
)

// SnippetWidth is the length of a snippet in display columns: a Han
// character takes two, a Latin letter one (Unicode East Asian Width, with
// ambiguous characters narrow as the TUI draws them).
const SnippetWidth = 80

// cols measures display width independently of the process's locale.
var cols = &runewidth.Condition{EastAsianWidth: false}

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
	needle := foldQuery(q)
	if len(needle) == 0 || len(needle) > MaxQueryRunes {
		return nil
	}
	return find(text, needle, false, false)
}

// foldQuery is the folded significant runes of q: what Find looks for.
func foldQuery(q string) []rune {
	var needle []rune
	for _, r := range q {
		if significant(foldWidth(r)) {
			needle = append(needle, foldRune(r))
		}
	}
	return needle
}

// mayHold reports whether a revision as stored (store.Snapshot's
// LatestRevisionIf: its body, and its other fields as JSON) may hold the
// folded query needle in one of its fields. It never says no to a
// revision that does: each field's text appears in meta as a JSON string,
// whose escapes stand for characters Find skips anyway, and find skips
// them too; it may say yes to one that does not (a match across two
// fields, or in a key), which the full check then rejects. Media captions
// are not in the revision: a revision with media always may.
func mayHold(body, meta string, needle []rune) bool {
	return len(needle) == 0 || find(body, needle, false, true) != nil || find(meta, needle, true, true) != nil ||
		strings.Contains(meta, `"media":`)
}

// find is Find for a folded needle. With jsonEsc, text is JSON and every
// backslash escape in it is skipped like a character that is not a letter
// or digit. With first, it returns at the first match.
func find(text string, needle []rune, jsonEsc, first bool) [][2]int {
	head := needle[0]
	jump := selfOnly(head)
	var out [][2]int
	for i := 0; i < len(text); {
		if jump {
			j := strings.IndexRune(text[i:], head)
			if j < 0 {
				break
			}
			i += j
		}
		if jsonEsc && text[i] == '\\' {
			i += escapeLen(text[i:])
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !significant(foldWidth(r)) || foldRune(r) != head {
			i += n
			continue
		}
		if end, ok := matchRest(text, i+n, needle[1:], jsonEsc); ok {
			out = append(out, [2]int{i, end})
			if first {
				return out
			}
			i = end
			continue
		}
		i += n
	}
	return out
}

// escapeLen is the length of the JSON escape at the start of s: \uXXXX
// or a backslash and one character.
func escapeLen(s string) int {
	if len(s) >= 2 && s[1] == 'u' {
		return min(6, len(s))
	}
	return min(2, len(s))
}

// matchRest reports whether the significant runes of text from byte at on
// are needle (folded), and where the last of them ends.
func matchRest(text string, at int, needle []rune, jsonEsc bool) (int, bool) {
	for _, want := range needle {
		for {
			if at >= len(text) {
				return 0, false
			}
			if jsonEsc && text[at] == '\\' {
				at += escapeLen(text[at:])
				continue
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

// Snippet cuts about width display columns of text around the first
// match, starting a quarter of the width before it, marking every match
// inside it. Text is made safe for a terminal
// (termsafe.Line: no escapes, controls or bidi overrides; line breaks
// become spaces) segment by segment, so the marks stay where they are.
func Snippet(text string, matches [][2]int, width int) []Segment {
	start, end := 0, len(text)
	if len(matches) > 0 {
		// start about a quarter of the width before the first match
		start = matches[0][0]
		for n := 0; start > 0; {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if n += cols.RuneWidth(r); n > width/4 {
				break
			}
			start -= size
		}
	}
	// end after width columns
	end = start
	for n := 0; end < len(text); {
		r, size := utf8.DecodeRuneInString(text[end:])
		if n += cols.RuneWidth(r); n > width {
			break
		}
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
