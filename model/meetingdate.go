package model

import (
	"fmt"
	"strings"
	"time"
)

// CanonicalDate is the canonical form of a meeting date (part of the
// canonical content, applied by Content.Normalize at every entry before
// hashing): an unambiguous year-first date is written YYYY-MM-DD
// (ISO 8601, GB/T 7408). Accepted: a four-digit year, then month and day
// of one or two digits, separated by "-", "/" or "." (the same one twice)
// or written 2026年1月5日; digits and separators may be full-width
// (２０２６／０１／０５) and spaces around the parts are dropped. A date that
// does not exist (2026-2-30) or any other form is returned unchanged, for
// Meeting.Validate to refuse by name. Work is linear in len(s).
func CanonicalDate(s string) string {
	if len(s) > 64 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '－' || r == '／' || r == '．':
			r = r - '－' + '-'
		case r == ' ' || r == '\t' || r == '\u3000':
			continue
		}
		b.WriteRune(r)
	}
	t := b.String()
	digits := func(s string, min, max int) (int, string, bool) {
		n, i := 0, 0
		for i < len(s) && i < max && s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int(s[i]-'0')
			i++
		}
		return n, s[i:], i >= min
	}
	y, rest, ok := digits(t, 4, 4)
	if !ok || rest == "" {
		return s
	}
	var sep1, sep2, end string
	if strings.HasPrefix(rest, "年") {
		sep1, sep2, end = "年", "月", "日"
	} else if c := rest[0]; c == '-' || c == '/' || c == '.' {
		sep1, sep2 = string(c), string(c)
	} else {
		return s
	}
	m, rest, ok := digits(rest[len(sep1):], 1, 2)
	if !ok || !strings.HasPrefix(rest, sep2) {
		return s
	}
	d, rest, ok := digits(rest[len(sep2):], 1, 2)
	if !ok || rest != end && !(end == "日" && rest == "") {
		return s
	}
	out := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if _, err := time.Parse("2006-01-02", out); err != nil {
		return s
	}
	return out
}

// ParseMeetingDate reads a meeting date as a user may type it (any form
// CanonicalDate accepts) and returns the day. The error is a *FieldError
// (meeting.date, ErrDateFormat) naming the value and an example.
func ParseMeetingDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse("2006-01-02", CanonicalDate(s))
	if err != nil {
		return time.Time{}, dateError(s)
	}
	return t, nil
}

// dateError is the refusal of meeting date s (ErrDateFormat, with today as
// the example).
func dateError(s string) error {
	ex := time.Now().Format("2006-01-02")
	return fieldMsg("meeting.date", "ErrDateFormat", map[string]any{"Value": s, "Example": ex}, "%q is not a date: write it as YYYY-MM-DD, e.g. %s", s, ex)
}
