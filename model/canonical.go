package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The canonical form of article content. Every front end (TUI, CLI, SSH,
// import) hands content to the store, which puts it in this form before it
// hashes or compares it, so the same text reaches the same hash by every
// path and a save that changes nothing visible is never a revision.
//
// Text (body, opinions, comments):
//   - byte-order marks (U+FEFF) are dropped wherever they are: at the start
//     (Windows editors) and inside (files joined together);
//   - line endings are LF: CRLF and lone CR become "\n";
//   - Unicode is in Normalization Form C (UAX #15), so 'é' typed as e + U+0301
//     and as U+00E9 are the same text;
//   - trailing white space is stripped from every line: spaces, tabs and
//     every other Unicode space (U+3000 ideographic space, U+00A0, U+2000–
//     U+200A …) and the zero-width U+200B/U+2060, none of which shows at the
//     end of a line (editors that trim trailing white space differ in which
//     of these they trim; the stored text has none). A Markdown hard
//     break written as two or more trailing spaces (outside fenced code, and
//     followed by another line of the same paragraph) becomes the visible
//     CommonMark form, a backslash at the end of the line, so its meaning is
//     kept while the invisible difference disappears;
//   - leading and trailing blank lines are dropped, and the text has NO final
//     newline: "a\n" and "a" are the same body. `article pull` adds one
//     newline when it writes a file, and push takes it off again.
//
// Single-line fields (title, subtitle, source, names, meeting fields, media
// captions) are in NFC, without U+FEFF, and trimmed of the same white space
// at both ends; empty list entries are dropped.

// CanonicalText returns s in the canonical text form described above.
// It runs in time linear in len(s).
func CanonicalText(s string) string {
	s = dropBOM(s)
	s = NormalizeText(s)
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	lines := strings.Split(s, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimRightFunc(line, edgeBlank)
		if f := fenceMarker(trimmed); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence) && strings.TrimSpace(trimmed) == f:
				fence = ""
			}
		} else if fence == "" && strings.HasSuffix(line, "  ") && i+1 < len(lines) &&
			hardBreakLine(trimmed) && continuesParagraph(lines[i+1]) {
			trimmed += "\\"
		}
		lines[i] = trimmed
	}
	start, end := 0, len(lines)
	for start < end && lines[start] == "" {
		start++
	}
	for end > start && lines[end-1] == "" {
		end--
	}
	return strings.Join(lines[start:end], "\n")
}

// hardBreakLine reports whether trailing spaces on this (already trimmed)
// line can be a hard break: a paragraph line, not a heading, table row or
// indented code, not already ending in a backslash.
func hardBreakLine(trimmed string) bool {
	if trimmed == "" || strings.HasSuffix(trimmed, "\\") || strings.HasPrefix(trimmed, "    ") || strings.HasPrefix(trimmed, "\t") {
		return false
	}
	l := strings.TrimLeft(trimmed, " ")
	return !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "|")
}

// continuesParagraph reports whether next continues the paragraph of the
// line before it (so a hard break between them means something): it is not
// blank and does not start a block of its own.
func continuesParagraph(next string) bool {
	l := strings.TrimSpace(next)
	if l == "" || fenceMarker(l) != "" {
		return false
	}
	for _, p := range []string{"#", "- ", "* ", "+ ", ">", "|", "---", "***", "==="} {
		if strings.HasPrefix(l, p) || l == strings.TrimSpace(p) {
			return false
		}
	}
	digits := len(l) - len(strings.TrimLeft(l, "0123456789"))
	if digits > 0 && digits < len(l) && (l[digits] == '.' || l[digits] == ')') {
		return false
	}
	return true
}

// fenceMarker returns the run of ``` or ~~~ that opens or closes a fenced
// code block on this line (indented at most three spaces), or "".
func fenceMarker(line string) string {
	l := strings.TrimLeft(line, " ")
	if len(line)-len(l) > 3 || len(l) < 3 {
		return ""
	}
	ch := l[0]
	if ch != '`' && ch != '~' {
		return ""
	}
	n := 0
	for n < len(l) && l[n] == ch {
		n++
	}
	if n < 3 {
		return ""
	}
	return l[:n]
}

// CanonicalLine returns a single-line field in canonical form: NFC, without
// a byte-order mark and surrounding white space.
func CanonicalLine(s string) string {
	s = strings.TrimFunc(dropBOM(s), edgeBlank)
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}

// Canonical returns a deep copy of c in canonical form; c is not modified.
// Two contents that differ only in what the canonical form removes have the
// same Hash after Canonical.
func (c Content) Canonical() Content {
	c = c.Clone()
	c.Normalize()
	return c
}

// SameContent reports whether a and b are the same content once both are
// in canonical form.
func SameContent(a, b Content) bool {
	ca, cb := a.Canonical(), b.Canonical()
	return ca.Hash() == cb.Hash()
}

// edgeBlank reports the characters the canonical form strips at the end of
// a line (and at both ends of a single-line field): Unicode white space
// (unicode.IsSpace: ASCII spaces and tabs, U+3000, U+00A0, U+2000–U+200A,
// U+205F …) and the zero-width space and word joiner U+200B, U+2060.
func edgeBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\u2060'
}

// dropBOM removes every U+FEFF (byte-order mark, or the deprecated zero
// width no-break space) from s.
func dropBOM(s string) string {
	if !strings.Contains(s, "\uFEFF") {
		return s
	}
	return strings.ReplaceAll(s, "\uFEFF", "")
}
