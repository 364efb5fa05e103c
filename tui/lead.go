// langcheck:ok article content: the meeting report's Chinese lead is the
// article itself, not interface text (an English session still writes it).

package tui

import (
	"strings"
	"time"

	"github.com/copydesk/copydesk/model"
)

// splitPeople splits a list of names as people type it: 张明、李华，王芳 or
// "张明, 李华".
func splitPeople(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == '\n'
	})
	var out []string
	for _, p := range f {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// chineseDate writes 2024-11-20 as 11月20日, the way a report's lead does.
// A date that does not parse is returned as it is.
func chineseDate(date string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(date))
	if err != nil {
		return date
	}
	return itoa(int(t.Month())) + "月" + itoa(t.Day()) + "日"
}

// meetingTitle suggests a headline: 党委宣传部召开2024年宣传工作会议.
func meetingTitle(m *model.Meeting, source string) string {
	who := strings.TrimSpace(source)
	if who == "" {
		who = "学院"
	}
	return who + "召开" + strings.TrimSpace(m.Name)
}

// meetingLead drafts the conventional lead paragraph of a meeting report
// from its facts: when, who convened which meeting where, who chaired, who
// attended. The writer edits it freely afterwards.
//
//	11月20日，党委宣传部在行政楼第一会议室召开2024年宣传工作会议。张明主持会议，李华、王芳参加会议。
func meetingLead(m *model.Meeting, source string) string {
	var b strings.Builder
	b.WriteString(chineseDate(m.Date))
	b.WriteString("，")
	who := strings.TrimSpace(source)
	if who == "" {
		who = "学院"
	}
	b.WriteString(who)
	if p := strings.TrimSpace(m.Place); p != "" {
		b.WriteString("在" + p)
	}
	b.WriteString("召开" + strings.TrimSpace(m.Name) + "。")
	if c := strings.TrimSpace(m.Chair); c != "" {
		b.WriteString(c + "主持会议")
		if len(m.Attendees) > 0 {
			b.WriteString("，")
		} else {
			b.WriteString("。")
		}
	}
	if len(m.Attendees) > 0 {
		b.WriteString(strings.Join(m.Attendees, "、") + "参加会议。")
	}
	return b.String()
}

// meetingSections is the skeleton a new meeting report starts with after
// its lead: numbered sections as real Markdown headings (## 一、…), so they
// are headings on the site and in the preview, not body paragraphs that
// merely start with 一、. The writer completes the heading text and writes
// each section below it; alt+h in the editor toggles a heading on any line.
const meetingSections = "## 一、\n\n\n\n## 二、\n\n"

// meetingBody is the body a new meeting report starts with: the drafted
// lead and the section skeleton.
func meetingBody(m *model.Meeting, source string) string {
	return meetingLead(m, source) + "\n\n" + meetingSections
}
