package model

import (
	"time"
	"unicode"
	"unicode/utf8"
)

// blankRune reports characters that print nothing: white space, format
// characters (U+200B zero width space, U+2060, U+FEFF …), combining marks
// on their own, variation selectors, and the "filler" letters that render
// blank (U+2800 braille blank, U+3164 and U+FFA0 Hangul fillers, U+115F and
// U+1160 Hangul choseong/jungseong fillers, U+180E, U+034F).
func blankRune(r rune) bool {
	switch r {
	case 0x2800, 0x3164, 0xFFA0, 0x115F, 0x1160, 0x180E, 0x034F, 0x17B4, 0x17B5:
		return true
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Variation_Selector) ||
		r == utf8.RuneError
}

// HasVisible reports whether s has at least one character that prints
// something. A title of only U+200B, U+2800 or U+3164 has none.
func HasVisible(s string) bool {
	for _, r := range s {
		if !blankRune(r) {
			return true
		}
	}
	return false
}

// ReadyForReview reports whether content may go to review: besides
// Validate, every field a review needs must be there (Missing; the body and
// title with visible text). A draft may be unfinished; a submitted article
// may not. The error is an *IncompleteError naming every missing field.
func (c *Content) ReadyForReview() error {
	if miss := c.Missing(); len(miss) > 0 {
		return &IncompleteError{Fields: miss}
	}
	return nil
}

// Dates copydesk stores are ordered by their Unix nanoseconds, which Go
// represents only between 1678 and 2262; a date outside these bounds would
// sort wrongly. MinDate and MaxDate are the accepted range.
var (
	MinDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxDate = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// CheckDate refuses a date outside [MinDate, MaxDate) with a FieldError
// naming field.
func CheckDate(field string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if t.Before(MinDate) || !t.Before(MaxDate) {
		return fieldMsg(field, "ErrDateRange", map[string]any{"Date": t.Format("2006-01-02"), "Min": MinDate.Year(), "Max": MaxDate.Year() - 1}, "%s is outside the years %d–%d copydesk accepts", t.Format("2006-01-02"), MinDate.Year(), MaxDate.Year()-1)
	}
	return nil
}
