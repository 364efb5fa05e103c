// Package termsafe is copydesk's one output sanitiser: it makes untrusted
// text safe to write to a terminal, so that stored text (titles, bodies,
// names, comments, opinions, file names, error details) can neither drive
// the terminal (set the window title, write the clipboard with OSC 52, clear
// the screen, move the cursor) nor make one line look like another (bare
// carriage returns, bidirectional overrides).
//
// It is applied at the output layer of every front end, so that no new
// field can forget it:
//   - the command line (locally and over SSH, the same cobra tree) writes
//     standard output and error through a [Writer];
//   - --json output is escaped with [JSON] (C1 and bidi as \uXXXX, the text
//     kept exactly) before it reaches that Writer;
//   - the server's log writes through a [Writer];
//   - the TUI's root View passes every frame through [Frame], which keeps
//     only colour sequences (SGR), and its pages use [String] and [Line] on
//     each stored field as they lay it out (so widths are measured on
//     what is shown).
//
// [String], [Line], [Writer] and [Frame] share one set of rules:
//
// What is removed:
//   - ANSI escape sequences: CSI (ESC [ … final byte), OSC (ESC ] … BEL or
//     ST), the string sequences DCS, SOS, PM and APC (ESC P, ESC X, ESC ^,
//     ESC _ … ST) with their payloads, and any other ESC sequence;
//   - the 8-bit C1 controls U+0080–U+009F, where CSI (U+009B), OSC (U+009D),
//     DCS (U+0090), SOS (U+0098), PM (U+009E) and APC (U+009F) take their
//     parameters or payload with them;
//   - C0 controls other than newline and tab (a bare carriage return too), and
//     DEL;
//   - bidirectional formatting controls U+202A–U+202E, U+2066–U+2069, U+200E,
//     U+200F and U+061C.
//
// Invalid UTF-8 becomes U+FFFD, one per invalid byte. Everything else —
// Chinese text, full-width punctuation, emoji including ZWJ sequences and
// variation selectors, combining marks — is kept as it is.
//
// A string payload (OSC, DCS, SOS, PM, APC) ends at BEL, ST (ESC \ or U+009C),
// CAN or SUB, or at an ESC that starts another sequence; an unterminated one
// runs to the end of the input and is dropped with it, as a terminal would
// swallow it. A malformed CSI ends at the first byte that cannot belong to it,
// so the text after it is kept.
package termsafe

import (
	"strings"
	"unicode/utf8"
)

const (
	esc = 0x1b
	bel = 0x07
	can = 0x18
	sub = 0x1a
	del = 0x7f

	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

// String returns s with every terminal control sequence, control character
// and bidirectional formatting character removed and invalid UTF-8 replaced by
// U+FFFD. Newlines and tabs are kept. When s is already clean, String returns s
// itself without allocating.
func String(s string) string {
	if clean(s, false) {
		return s
	}
	return sanitize(s, false)
}

// Line is [String] for single-line fields such as titles and names: it also
// turns every newline and tab into a single space. When s is already clean,
// Line returns s itself without allocating.
func Line(s string) string {
	if clean(s, true) {
		return s
	}
	return sanitize(s, true)
}

// IsClean reports whether [String] would return s unchanged.
func IsClean(s string) bool { return clean(s, false) }

// clean reports whether s needs no change. It is the fast path: one pass over
// the bytes, decoding only non-ASCII runes.
func clean(s string, line bool) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < 0x20 {
				if line || (b != '\n' && b != '\t') {
					return false
				}
			} else if b == del {
				return false
			}
			i++
			continue
		}
		// U+3000–U+CFFF (CJK punctuation, kana, Han, Hangul): lead bytes
		// E3–EC take any two continuation bytes and hold nothing to remove.
		if b >= 0xe3 && b <= 0xec && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if isC1(r) || isBidi(r) {
			return false
		}
		i += size
	}
	return true
}

// isC1 reports whether r is an 8-bit C1 control character.
func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// isBidi reports whether r is a bidirectional formatting character: the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the
// marks LRM, RLM and ALM.
func isBidi(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// sanitize is the slow path of String and Line.
func sanitize(s string, line bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == esc:
				i = skipEscape(s, i+1)
			case c == '\n' || c == '\t':
				if line {
					b.WriteByte(' ')
				} else {
					b.WriteByte(c)
				}
				i++
			case c < 0x20 || c == del:
				i++
			default:
				b.WriteByte(c)
				i++
			}
			continue
		}
		if c >= 0xe3 && c <= 0xec && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			b.WriteString(s[i : i+3]) // as in clean
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == c1CSI:
			i = skipCSI(s, i+size)
		case r == c1OSC || r == c1DCS || r == c1SOS || r == c1PM || r == c1APC:
			i = skipString(s, i+size)
		case isC1(r) || isBidi(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// skipEscape skips the escape sequence whose ESC byte precedes s[i] and
// returns the index just after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF sequences: intermediate bytes 0x20–0x2F, then a final byte
	// 0x30–0x7E. A lone ESC followed by anything else is dropped by itself.
	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	return j
}

// skipCSI skips the parameters, intermediates and final byte of a control
// sequence whose introducer ends just before s[i]. A byte that cannot belong
// to a control sequence ends it without being consumed, so the text after a
// malformed sequence survives (and is sanitized on its own).
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f: // parameter and intermediate bytes
			i++
		case c >= 0x40 && c <= 0x7e: // final byte
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips the payload of OSC, DCS, SOS, PM or APC up to and
// including its terminator: BEL, ST (ESC \ or U+009C), or CAN/SUB which abort
// it. An ESC that does not begin ST ends the payload without being consumed.
// Without a terminator the payload runs to the end of s.
func skipString(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == bel || c == can || c == sub:
			return i + 1
		case c == esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			// Any other ESC cancels the string, as in xterm, and starts a
			// sequence of its own, which the caller then removes.
			return i
		case c == 0xc2 && i+1 < len(s) && s[i+1] == c1ST: // U+009C in UTF-8
			return i + 2
		default:
			i++
		}
	}
	return i
}
