package tui

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestReReviewAfterReturnShowsDiff is faults 9.6 and 9.7: after 退回 and a
// resubmission the reviewer's 改动 tab compares with the returned revision
// and says so; every earlier decision (who, stage, when, opinion) is listed
// on the page, and the chief's confirm box lists them too.
func TestReReviewAfterReturnShowsDiff(t *testing.T) {
	c := meetingContent()
	c.Body += "\n\n会议研究了新学期的宣传重点。"
	st := returnedAndResubmitted(t, "请补充会议的主要议题。", c)
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter")
	v := h.view()
	for _, want := range []string{"第1版（王音退回）→ 第2版", "{+会议研究了新学期的宣传重点。+}", "此前的意见", "第1版 · 审核 · 王音 · 11-20 14:05 · 退回：请补充会议的主要议题。"} {
		if !strings.Contains(v, want) {
			t.Fatalf("re-review lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "首次送审") {
		t.Fatalf("a re-review is called a first review:\n%s", v)
	}

	// The reviewer approves; the chief's confirm box lists both decisions.
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "已补充，同意。", Rev: 2}); err != nil {
		t.Fatal(err)
	}
	hc := newHarness(t, st, "shenjl", 100, 40)
	hc.keys("enter", "a", "同意签发。", "enter")
	v = hc.view()
	for _, want := range []string{"确认签发", "此前的意见", "退回：请补充会议的主要议题。", "第2版 · 审核 · 王音 · 11-20 14:05 · 批准：已补充，同意。"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the confirm box lacks %q:\n%s", want, v)
		}
	}
}

// returnedAndResubmitted is the sample report submitted, returned by 王音
// with opinion, saved by 李伟 as c (revision 2) and submitted again.
func returnedAndResubmitted(t *testing.T, opinion string, c model.Content) *store.Store {
	t.Helper()
	st := testStore(t)
	seed(t, st, "review")
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActReturn, Opinion: opinion, Rev: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(liwei, 1, 1, c); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, 1, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	return st
}

// The reviewer returned a report asking for the attendees; the writer added
// them (and the meeting's place and 重要) in 稿件信息 and resubmitted. The
// 改动 tab named only 来源 (tester, 2026-12-01): every changed field
// besides the body is named, as model.ChangedFields lists them.
func TestReReviewNamesEveryChangedField(t *testing.T) {
	c := meetingContent()
	c.Source = "学院办公室"
	c.Meeting.Place = "图书馆三楼会议室"
	c.Meeting.Attendees = []string{"李华", "王芳", "刘芳"}
	c.Important = true
	st := returnedAndResubmitted(t, "请补充出席领导名单。", c)
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter")
	if v := h.view(); !strings.Contains(v, "另改了资讯来源、会议地点、参会人员、重要") {
		t.Fatalf("the 改动 tab does not name every changed field:\n%s", v)
	}
}

// Fault 9.6 as a kind: the base is the last revision THIS reviewer decided
// on. 审核 approves 第1版, 主编签发 returns it, the writer adds a paragraph,
// 审核 approves 第2版: the chief's 改动 tab compares with the revision he
// returned, not with the later approval (which showed "no change").
func TestSecondStageReturnDiffsFromOwnReturn(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "同意。", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(shenjl, 1, store.Decision{Action: model.ActReturn, Opinion: "请补充宣传重点。", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	c := meetingContent()
	c.Body += "\n\n会议研究了新学期的宣传重点。"
	if _, err := st.Save(liwei, 1, 1, c); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, 1, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "已补充，同意。", Rev: 2}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "shenjl", 100, 30)
	h.keys("enter")
	v := h.view()
	for _, want := range []string{"第1版（沈建龙退回）→ 第2版", "{+会议研究了新学期的宣传重点。+}", "退回：请补充宣传重点。", "批准：已补充，同意。"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the chief's re-review lacks %q:\n%s", want, v)
		}
	}
}
