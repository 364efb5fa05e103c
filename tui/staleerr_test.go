package tui

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestStaleErrorLeavesWithTheDialog: an error in the status bar speaks of
// the step that failed; opening the next dialog (定时发布) clears it,
// while the dialog whose step failed keeps showing its own error.
func TestStaleErrorLeavesWithTheDialog(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "approved")
	h := newHarness(t, st, "shenjl", 120, 40)
	h.send(pushMsg{newArticlePage(h.app.s, a.ID)})
	h.keys("a")
	// meanwhile another session signs it off: this sign-off fails
	if _, err := st.Decide(shenjl, a.ID, store.Decision{Action: model.ActSignOff, Opinion: "同意。"}); err != nil {
		t.Fatal(err)
	}
	h.keys("同意签发。", "enter")
	h.keys("y")
	errText := h.app.notice.text
	if h.app.notice.kind != noticeErr || errText == "" {
		t.Fatalf("no error after the failed sign-off: %+v\n%s", h.app.notice, h.view())
	}
	if !strings.Contains(h.view(), firstLine(errText)) {
		t.Fatalf("the error is not in the status bar:\n%s", h.view())
	}
	// the page catches up with the sign-off (the store's event, which the
	// harness does not wait for); the error stays until the user moves on
	h.run(h.app.top().(*articlePage).load())
	if !strings.Contains(h.view(), firstLine(errText)) {
		t.Fatalf("a reload alone dropped the error:\n%s", h.view())
	}
	h.keys("t")
	v := h.view()
	if !strings.Contains(v, "输入上线时间") {
		t.Fatalf("t did not open the 定时发布 dialog:\n%s", v)
	}
	if h.app.notice.kind == noticeErr || strings.Contains(v, firstLine(errText)) {
		t.Errorf("the old error stays in the status bar through the 定时发布 dialog:\n%s", v)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 12 {
		s = string(r[:12])
	}
	return s
}
