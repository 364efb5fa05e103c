package tui

import (
	"strings"
	"testing"
)

// 更正 and 撤稿 from the article page: the keys are offered by the same
// rule the store applies (a writer is offered C but not T), a press the
// rule refuses changes nothing, the note or reason is required, and the
// history marks the taken-down revision.
func TestCorrectAndTakedownFromTheArticlePage(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")

	w := newHarness(t, st, "liwei", 110, 32)
	w.send(pushMsg{newArticlePage(w.app.s, 1)})
	if v := w.view(); !strings.Contains(v, "C 更正") || strings.Contains(v, "T 撤稿") {
		t.Fatalf("writer's footer on a signed article:\n%s", v)
	}
	w.keys("T") // not offered: refused, nothing stored
	if a, _ := st.Get(1); a.Takedown != nil {
		t.Fatal("a writer took the article down from the TUI")
	}
	w.keys("C")
	if v := w.view(); !strings.Contains(v, "更正说明") {
		t.Fatalf("no note box:\n%s", v)
	}
	w.keys("enter") // empty: refused
	if a, _ := st.Get(1); a.OpenCorrection() != nil {
		t.Fatal("a correction without a note")
	}
	w.keys("原稿会议地点有误，特此更正。", "enter", "y")
	a, _ := st.Get(1)
	if c := a.OpenCorrection(); c == nil || c.Note != "原稿会议地点有误，特此更正。" || a.State != "review" {
		t.Fatalf("after the writer's correction: %s %+v", a.State, a.Corrections)
	}

	c := newHarness(t, st, "shenjl", 110, 32)
	c.send(pushMsg{newArticlePage(c.app.s, 1)})
	v := c.view()
	if !strings.Contains(v, "T 撤稿") || !strings.Contains(v, "更正中：原稿会议地点有误") {
		t.Fatalf("chief's article page:\n%s", v)
	}
	c.keys("T", "稿件涉及未公开信息", "enter")
	if v := c.view(); !strings.Contains(v, "确认撤稿") || !strings.Contains(v, "理由：稿件涉及未公开信息") {
		t.Fatalf("confirm box:\n%s", v)
	}
	c.keys("y")
	a, _ = st.Get(1)
	if a.Takedown == nil || a.Takedown.Login != "shenjl" || a.Takedown.Opinion != "稿件涉及未公开信息" || a.Live() {
		t.Fatalf("after the chief's takedown: %+v", a.Takedown)
	}
	c.send(pushMsg{newHistory(c.app.s, 1)})
	if v := c.view(); !strings.Contains(v, "〔已撤下〕") {
		t.Fatalf("history does not mark the taken-down revision:\n%s", v)
	}
}
