package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestConfirmBoxFitsTheScreen (tester, 2026-12-01): at 80x24 the chief's
// 确认签发 box of a report returned twice ran past the bottom of the
// terminal — the earlier opinions pushed the 三校 line, the y/n line and
// the box's lower border off the screen. The box keeps them and the newest
// opinions, and says how many earlier ones it left out (v 历史 lists all).
func TestConfirmBoxFitsTheScreen(t *testing.T) {
	c := meetingContent()
	c.Body += "\n\n会议研究了新学期的宣传重点。"
	st := returnedAndResubmitted(t, "请补充会议的主要议题。", c)
	for i := 2; i <= 4; i++ { // returned three more times
		if err := st.MarkRead(wangyin, 1, i); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActReturn, Opinion: fmt.Sprintf("第%d次退回：请再核实数字。", i), Rev: i}); err != nil {
			t.Fatal(err)
		}
		c.Body += strings.Repeat("\n\n补充的一段。", i)
		if _, err := st.Save(liwei, 1, i, c); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Decide(liwei, 1, store.Decision{Action: model.ActSubmit}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.MarkRead(wangyin, 1, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "已补充，同意。", Rev: 5}); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {80, 28}, {120, 40}} {
		h := newHarness(t, st, "shenjl", size[0], size[1])
		h.keys("enter", "a", "同意签发。", "enter")
		v := h.view()
		if got := lipgloss.Height(v); got > size[1] {
			t.Fatalf("%dx%d: the view is %d lines high:\n%s", size[0], size[1], got, v)
		}
		for _, want := range []string{"确认签发", "意见：同意签发。", "三校：", "y 确认", "╰"} {
			if !strings.Contains(v, want) {
				t.Fatalf("%dx%d: the confirm box lacks %q:\n%s", size[0], size[1], want, v)
			}
		}
		switch size[1] {
		case 24: // no room for one: it says how many there are
			if !strings.Contains(v, "此前的意见另有 5 条未列出") {
				t.Fatalf("%dx%d: the box does not say it left the earlier opinions out:\n%s", size[0], size[1], v)
			}
		case 28: // room for the newest two
			if !strings.Contains(v, "此前的意见另有 3 条未列出") || !strings.Contains(v, "第4版 · 审核 · 王音 · 11-20 14:05 · 退回：第4次退回：请再核实数字。") || !strings.Contains(v, "第5版 · 审核 · 王音 · 11-20 14:05 · 批准：已补充，同意。") || strings.Contains(v, "第3版 · 审核") {
				t.Fatalf("%dx%d: the box does not list the newest opinions:\n%s", size[0], size[1], v)
			}
		case 40: // room for all five
			if !strings.Contains(v, "第1版 · 审核 · 王音 · 11-20 14:05 · 退回：请补充会议的主要议题。") || !strings.Contains(v, "第5版 · 审核 · 王音 · 11-20 14:05 · 批准：已补充，同意。") || strings.Contains(v, "未列出") {
				t.Fatalf("%dx%d: the box does not list every earlier opinion:\n%s", size[0], size[1], v)
			}
		}
	}
}
