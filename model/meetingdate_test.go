package model

import "testing"

// Year-first dates as people type them are one canonical YYYY-MM-DD; what
// is ambiguous or not a day stays as typed, for Validate to refuse.
func TestCanonicalDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-01-05": "2026-01-05", "2026-1-5": "2026-01-05", "2026/01/05": "2026-01-05", "2026/1/5": "2026-01-05",
		"2026.1.5": "2026-01-05", "2026年1月5日": "2026-01-05", "2026年01月05日": "2026-01-05", "2026年1月5": "2026-01-05",
		"２０２６年１月５日": "2026-01-05", "２０２６－０１－０５": "2026-01-05", "２０２６／１／５": "2026-01-05", " 2026 - 1 - 5 ": "2026-01-05",
		"2024-2-29": "2024-02-29",
		// refused later, unchanged here
		"2026-2-30": "2026-2-30", "2026-13-01": "2026-13-01", "26-1-5": "26-1-5", "01/05/2026": "01/05/2026",
		"2026-1/5": "2026-1/5", "2026-1-5日": "2026-1-5日", "2026年1月5日上午": "2026年1月5日上午", "下周三": "下周三",
		"2026-001-5": "2026-001-5", "": "", "20260-1-5": "20260-1-5",
	} {
		if got := CanonicalDate(in); got != want {
			t.Errorf("CanonicalDate(%q) = %q, want %q", in, got, want)
		}
	}
	c := Content{Kind: KindMeeting, Title: "t", Body: "b", Meeting: &Meeting{Name: "会", Date: "２０２６年１月５日"}}
	d := c.Canonical()
	if d.Meeting.Date != "2026-01-05" || d.Validate() != nil {
		t.Errorf("canonical content: %q %v", d.Meeting.Date, d.Validate())
	}
	same := Content{Kind: KindMeeting, Title: "t", Body: "b", Meeting: &Meeting{Name: "会", Date: "2026-01-05"}}
	if !SameContent(c, same) {
		t.Error("2026年1月5日 and 2026-01-05 hash differently")
	}
	if _, err := ParseMeetingDate("2026-2-30"); err == nil {
		t.Error("2026-2-30 parsed")
	}
	if d, err := ParseMeetingDate("2026/1/5"); err != nil || d.Format("2006-01-02") != "2026-01-05" {
		t.Errorf("ParseMeetingDate(2026/1/5) = %v, %v", d, err)
	}
}
