package tui

import "testing"

// The meeting-date fields take what the store takes (model.ParseMeetingDate):
// the year-first forms it saves as YYYY-MM-DD are not refused in the form.
func TestFormTakesMeetingDateForms(t *testing.T) {
	for _, v := range []string{"2026-01-05", "2026/1/5", "2026年1月5日", "２０２６年１月５日", ""} {
		if err := optionalDate(nil)(v); err != nil {
			t.Errorf("the date field refuses %q: %v", v, err)
		}
	}
}
