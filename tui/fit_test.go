package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// fits fails when the page on top draws more lines than the body has (the
// frame would cut its bottom: a dialog's keys, a form's focused field) or
// a line wider than the terminal, and when the frame lacks any of want.
func fits(t *testing.T, h *harness, what string, want ...string) {
	t.Helper()
	a := h.app
	page := strings.Split(strings.TrimRight(a.top().view(), "\n"), "\n")
	if len(page) > a.bodyHeight() {
		t.Errorf("%s at %dx%d: the page draws %d lines, the body has %d:\n%s", what, a.width, a.height, len(page), a.bodyHeight(), strings.Join(page, "\n"))
	}
	for _, l := range page {
		if w := ansi.StringWidth(l); w > a.width {
			t.Errorf("%s at %dx%d: a line %d columns wide: %q", what, a.width, a.height, w, ansi.Strip(l))
		}
	}
	v := h.view()
	for _, s := range want {
		if !strings.Contains(v, s) {
			t.Errorf("%s at %dx%d: the screen lacks %q:\n%s", what, a.width, a.height, s, v)
		}
	}
}

// collegeAtSignOff is the college workflow's article with every stage
// but the sign-off decided, one return on the way (a long history of
// opinions for the confirm box).
func collegeAtSignOff(t *testing.T) *store.Store {
	st := collegeStore(t)
	a, err := st.Create(liwei, meetingContent(), "")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("内容属实，表述准确，同意。", 6)
	step := func(login string, d store.Decision) {
		t.Helper()
		act := store.Actor{Login: login}
		if d.Action != model.ActSubmit {
			cur, _ := st.Get(a.ID)
			st.MarkRead(act, a.ID, cur.Rev)
			d.Rev = cur.Rev
		}
		if _, err := st.Decide(act, a.ID, d); err != nil {
			t.Fatalf("%s %s: %v", login, d.Action, err)
		}
	}
	var no []model.Answer
	for _, q := range []string{"是否涉及国家秘密？", "是否涉及工作秘密？", "是否涉及个人信息？", "是否属于内部事项？", "是否含有涉密场所图片？"} {
		no = append(no, model.Answer{Question: q})
	}
	step("liwei", store.Decision{Action: model.ActSubmit})
	step("dept", store.Decision{Action: model.ActReturn, Opinion: long})
	step("liwei", store.Decision{Action: model.ActSubmit})
	step("dept", store.Decision{Action: model.ActApprove, Opinion: long})
	step("baomi", store.Decision{Action: model.ActApprove, Opinion: long, Answers: no})
	step("wangyin", store.Decision{Action: model.ActApprove, Opinion: long})
	return st
}

func TestDialogsFitTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		st := collegeAtSignOff(t)
		h := newHarness(t, st, "leader", size[0], size[1])
		h.keys("enter")
		fits(t, h, "article page")
		h.keys("a", "同意签发。", "enter")
		fits(t, h, "sign-off confirm box", "确认签发", "y 确认")
		h.keys("t")
		fits(t, h, "schedule dialog", "定时发布")
		h.keys("esc", "esc", "esc")

		// 保密审查's checklist, one question at a time.
		st2 := collegeStore(t)
		a, _ := st2.Create(liwei, meetingContent(), "")
		st2.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit})
		st2.MarkRead(store.Actor{Login: "dept"}, a.ID, 1)
		if _, err := st2.Decide(store.Actor{Login: "dept"}, a.ID, store.Decision{Action: model.ActApprove, Opinion: strings.Repeat("同意。", 30)}); err != nil {
			t.Fatal(err)
		}
		b := newHarness(t, st2, "baomi", size[0], size[1])
		b.keys("enter", "a")
		fits(t, b, "opinion dialog", "书面意见")
		b.keys(strings.Repeat("不涉密，", 40), "enter")
		fits(t, b, "checklist", "1/5")
		b.keys("n", "n", "n", "n", "n")
		fits(t, b, "approve confirm box", "确认批准", "y 确认")

		// The writer's forms: a new meeting report, 稿件信息, 送审.
		w := newHarness(t, testStore(t), "liwei", size[0], size[1])
		w.within = 100 * time.Millisecond
		w.keys("m")
		fits(t, w, "new meeting form", "会议名称", "esc")
		w.keys("esc")
		st3 := testStore(t)
		seed(t, st3, "draft")
		c := newHarness(t, st3, "liwei", size[0], size[1])
		c.keys("enter", "ctrl+o")
		c.within = 100 * time.Millisecond // a form's focus moves at once; the cursor's blinks are dropped
		for i := 0; i < 9; i++ {
			fits(t, c, "稿件信息 form")
			if size[1] > 20 {
				break // each field in the smallest terminal only (each tab waits for the form)
			}
			c.keys("tab")
		}
		c.keys("esc", "ctrl+t")
		fits(t, c, "submit dialog", "送审")
	}
}

// feed sends msg to m and the messages of the commands it returns back in,
// as a program would (harness.run for one model).
func feed(m tea.Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	if cmd != nil {
		for _, next := range collectWithin([]tea.Cmd{cmd}, 30*time.Millisecond) { // a form's focus moves at once; blinks are dropped
			feed(m, next)
		}
	}
}

// The first-run form (no users yet) fits the terminal at every size and
// scrolls to the focused field, with the refusal under the field shown.
func TestFirstRunFormFitsTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 24}, {60, 16}, {50, 12}} {
		w, h := size[0], size[1]
		m := newFirstRun(zhTR, FirstRunAnswers{LoginNote: "系统账户 root 不是某个人，没有拿它作登录名，请填你自己的"})
		feed(m, tea.WindowSizeMsg{Width: w, Height: h})
		if cmd := m.Init(); cmd != nil {
			for _, msg := range collectWithin([]tea.Cmd{cmd}, 30*time.Millisecond) {
				feed(m, msg)
			}
		}
		check := func(what string, want ...string) {
			t.Helper()
			v := m.View()
			lines := strings.Split(v, "\n")
			if len(lines) > h {
				t.Errorf("%s at %dx%d: %d lines:\n%s", what, w, h, len(lines), v)
			}
			for _, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("%s at %dx%d: a line %d columns wide: %q", what, w, h, lw, ansi.Strip(l))
				}
			}
			for _, s := range want {
				if !strings.Contains(v, s) {
					t.Errorf("%s at %dx%d: lacks %q:\n%s", what, w, h, s, v)
				}
			}
		}
		check("login", "登录名")
		for _, r := range "liwei" {
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}) // typing moves no focus: no commands to wait for
		}
		feed(m, tea.KeyMsg{Type: tea.KeyEnter})
		feed(m, tea.KeyMsg{Type: tea.KeyEnter}) // an empty 姓名 is refused under the field
		check("name refused", "姓名", "必填")
		for _, r := range "李伟" {
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}) // typing moves no focus: no commands to wait for
		}
		feed(m, tea.KeyMsg{Type: tea.KeyEnter})
		check("department", "部门", "enter")
	}
}

// A dialog taller than its room keeps its first line and its keys, and
// says how many lines it does not show.
func TestFitDialogKeepsTheKeys(t *testing.T) {
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	lines = append(lines, "y 确认   n 返回修改", "╰──╯")
	got := strings.Split(fitDialog(zhTR, strings.Join(lines, "\n"), 10), "\n")
	if len(got) != 10 || got[0] != "line 0" || got[len(got)-2] != "y 确认   n 返回修改" || !strings.Contains(strings.Join(got, "\n"), "23 行未显示") {
		t.Fatalf("fitted:\n%s", strings.Join(got, "\n"))
	}
	if s := "a\nb"; fitDialog(zhTR, s, 10) != s {
		t.Error("a dialog that fits was changed")
	}
}
