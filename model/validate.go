package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on what an article may hold. They are generous for news writing and
// small enough that one revision is cheap to store and render.
const (
	MaxTitleRunes = 150     // a headline, subtitle or single-line field
	MaxLineRunes  = 200     // other single-line fields
	MaxBodyBytes  = 1 << 21 // 2 MiB of Markdown: about 700,000 Chinese characters
	MaxOpinion    = 4000    // a written opinion or comment, in characters
)

// isBidiControl reports the Unicode bidirectional formatting characters that
// can make text display in a different order than it is stored.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069,
		r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// badRune reports characters that never belong in stored text: C0 and C1
// controls (tab and newline are handled by the caller), DEL and bidi
// controls. Callers check UTF-8 validity first, so a U+FFFD here is a real
// replacement character and allowed.
func badRune(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || isBidiControl(r)
}

// checkLine validates a single-line field.
func checkLine(field, s string, max int, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return fieldMsg(field, "ErrFieldEmpty", nil, "must not be empty")
	}
	if required && !HasVisible(s) {
		return fieldMsg(field, "ErrFieldInvisible", nil, "has no visible characters (only spaces or invisible ones such as U+200B, U+2800, U+3164)")
	}
	if !utf8.ValidString(s) {
		return fieldMsg(field, "ErrFieldUTF8", nil, "is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fieldMsg(field, "ErrFieldTooLong", map[string]any{"N": n, "Max": max}, "is %d characters long; the limit is %d", n, max)
	}
	for i, r := range s {
		if badRune(r) {
			return fieldMsg(field, "ErrFieldControl", map[string]any{"Char": fmt.Sprintf("U+%04X", r)}, "contains the control character U+%04X at byte %d; single-line fields take plain text only", r, i)
		}
	}
	return nil
}

// checkText validates multi-line text (a body, an opinion, a comment): valid
// UTF-8, no control characters other than newline and tab. It scans bytes,
// decoding only the few lead bytes that can start a forbidden character,
// because it runs on every save of articles of tens of thousands of
// characters.
func checkText(field, s string, maxBytes int) error {
	if !utf8.ValidString(s) {
		return fieldMsg(field, "ErrFieldUTF8", nil, "is not valid UTF-8; save the file as UTF-8 and try again")
	}
	if len(s) > maxBytes {
		return fieldMsg(field, "ErrTextTooBig", map[string]any{"Size": humanBytes(len(s)), "Max": humanBytes(maxBytes)}, "is %s; the limit is %s — split it into several articles", humanBytes(len(s)), humanBytes(maxBytes))
	}
	line := 1
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == '\n':
			line++
			continue
		case b == '\t':
			continue
		case b < 0x20 || b == 0x7f:
		case b == 0xC2 || b == 0xD8 || b == 0xE2: // lead bytes of C1 controls, U+061C, U+200E.. and U+202A..
			if r, _ := utf8.DecodeRuneInString(s[i:]); badRune(r) {
				return fieldMsg(field, "ErrTextControl", map[string]any{"Line": line, "Char": fmt.Sprintf("U+%04X", r)}, "line %d contains the control character U+%04X; remove it and try again", line, r)
			}
			continue
		default:
			continue
		}
		return fieldMsg(field, "ErrTextControl", map[string]any{"Line": line, "Char": fmt.Sprintf("U+%04X", b)}, "line %d contains the control character U+%04X; remove it and try again", line, rune(b))
	}
	return nil
}

// NormalizeText turns CRLF and lone CR into LF, which is what every body,
// opinion and comment is stored with.
func NormalizeText(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// ValidateOpinion checks a written opinion (书面意见): required, plain text.
func ValidateOpinion(s string) error {
	if strings.TrimSpace(s) == "" {
		return ErrOpinionRequired
	}
	if utf8.RuneCountInString(s) > MaxOpinion {
		return fieldMsg("opinion", "ErrFieldTooLongMax", map[string]any{"Max": MaxOpinion}, "is longer than %d characters", MaxOpinion)
	}
	return checkText("opinion", s, MaxOpinion*4)
}

// humanBytes writes a size for a message: rounded, and exact in bytes
// beside it, so a size just over a limit never reads the same as the limit
// ("2.0 MiB; the limit is 2.0 MiB").
func humanBytes(n int) string {
	h := humanBytesRounded(n)
	if n >= 1<<10 {
		h += " (" + strconv.Itoa(n) + " bytes)"
	}
	return h
}

func humanBytesRounded(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}
