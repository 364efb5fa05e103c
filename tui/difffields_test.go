package tui

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The reviewer returned a report asking for the attendees; the writer added
// them (and the meeting's place and 重要) in 稿件信息 and resubmitted. The
// 改动 tab named only 来源 (tester, 2026-12-01): every changed field
// besides the body is named, as model.ChangedFields lists them.
func TestReReviewNamesEveryChangedField(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActReturn, Opinion: "请补充出席领导名单。", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	c := meetingContent()
	c.Source = "学院办公室"
	c.Meeting.Place = "图书馆三楼会议室"
	c.Meeting.Attendees = []string{"李华", "王芳", "刘芳"}
	c.Important = true
	if _, err := st.Save(liwei, 1, 1, c); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, 1, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter")
	if v := h.view(); !strings.Contains(v, "另改了资讯来源、会议地点、参会人员、重要") {
		t.Fatalf("the 改动 tab does not name every changed field:\n%s", v)
	}
}
