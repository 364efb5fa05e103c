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
	st := testStore(t)
	seed(t, st, "review")
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActReturn, Opinion: "请补充会议的主要议题。", Rev: 1}); err != nil {
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
