package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
)

func setList(t *testing.T, st *store.Store, k proof.ListKind, text string) {
	t.Helper()
	es, err := proof.ParseList(k, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetProofList(store.Actor{Login: "admin"}, k, es); err != nil {
		t.Fatal(err)
	}
}

// TestReviewerWaivesProofWarning: a 慎用词 added after the submit is marked
// in the text and counted in the status bar; the confirm box shows the
// check; confirming asks for the reason, which is recorded with the approval.
func TestReviewerWaivesProofWarning(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "review")
	setList(t, st, proof.ListCaution, "先审后发\n")
	p := run(t, st, "wangyin")
	p.waitFor("待我审核 1")
	p.key(tea.KeyEnter)
	p.waitFor("三校 1警", "! 警告 5:19 P16-caution “先审后发” 慎用词“先审后发”")
	p.typ("a")
	p.waitFor("书面意见")
	p.typ("同意。")
	p.waitFor("同意。")
	p.key(tea.KeyEnter)
	p.waitFor("三校：0 个错误 · 1 个警告 · 0 个提示（慎用词第1版；默认规则）", "确认后须写明放行理由")
	p.typ("y")
	p.waitFor("放行三校警告")
	p.typ("校内通用说法，保留")
	p.key(tea.KeyEnter)
	p.waitFor("已批准 #1")
	p.quit()

	trail, err := st.Trail(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Action != model.ActApprove || !strings.Contains(last.Detail, "0 errors, 1 warnings, 1 waived") {
		t.Fatalf("approval record: %+v", last)
	}
	res, ok, err := st.ProofResult(last.Seq)
	if err != nil || !ok || len(res.Waivers) != 1 || res.Waivers[0].Reason != "校内通用说法，保留" {
		t.Fatalf("stored check: %+v %v %v", res, ok, err)
	}
}

// TestReviewerSeesProofErrors: a banned word added after the submit is an
// error: the confirm box says the decision will be refused, and it is.
func TestReviewerSeesProofErrors(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	setList(t, st, proof.ListBanned, "先审后发 => 先审核后发布\n")
	p := run(t, st, "wangyin")
	p.waitFor("待我审核 1")
	p.key(tea.KeyEnter)
	p.waitFor("三校 1错", "✗ 错误 5:19 P16 “先审后发”")
	p.typ("a")
	p.waitFor("书面意见")
	p.typ("同意。")
	p.waitFor("同意。")
	p.key(tea.KeyEnter)
	p.waitFor("1 个错误", "确认会被拒绝")
	p.typ("y")
	p.waitFor("三校未通过")
	p.quit()
	if a, _ := st.Get(1); a.Stage != 0 || len(a.Approvals) != 0 {
		t.Fatalf("the approval went through: stage %d, approvals %+v", a.Stage, a.Approvals)
	}
}

// TestComposeStatusCountsFindings: the status bar counts the 三校 findings
// of the saved text (checked off the UI goroutine after each save); a clean
// text shows no count.
func TestComposeStatusCountsFindings(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	h := newHarness(t, st, "liwei", 100, 30)
	h.keys("enter") // the writer's own draft opens in the compose page
	if v := h.view(); !strings.Contains(v, "编辑 #1") || strings.Contains(v, "三校") {
		t.Fatalf("clean draft:\n%s", v)
	}
	h.keys("他", "说", ",", "好", "ctrl+s")
	if v := h.view(); !strings.Contains(v, "他说,好") || !strings.Contains(v, "三校 1错") {
		t.Fatalf("after saving an ASCII comma:\n%s", v)
	}
}

// TestComposeJumpAndFix: f7 moves to a finding and names it, f8 applies its
// fix as one edit, ctrl+z takes it back.
func TestComposeJumpAndFix(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	h := newHarness(t, st, "liwei", 100, 30)
	h.keys("enter")
	h.keys("他", "说", ",", "好", "ctrl+s")
	h.send(tea.KeyMsg{Type: tea.KeyF7})
	if v := h.view(); !strings.Contains(v, "三校 1/1 错误 P1：“,”") {
		t.Fatalf("after f7:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF8})
	if v := h.view(); !strings.Contains(v, "他说，好") || strings.Contains(v, "他说,好") {
		t.Fatalf("after f8:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyCtrlZ})
	if v := h.view(); !strings.Contains(v, "他说,好") {
		t.Fatalf("after ctrl+z:\n%s", v)
	}
}

// TestComposeSubmitAsksWhyWarningsGoThrough: 送审 of a text with a 慎用词
// shows the check and asks for the reason, which is the recorded waiver.
func TestComposeSubmitAsksWhyWarningsGoThrough(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "draft")
	setList(t, st, proof.ListCaution, "先审后发\n")
	h := newHarness(t, st, "liwei", 100, 30)
	h.keys("enter", "ctrl+t")
	if v := h.view(); !strings.Contains(v, "三校：0 个错误 · 1 个警告") || !strings.Contains(v, "送审前须写明放行理由") {
		t.Fatalf("送审 box:\n%s", v)
	}
	h.keys("y")
	if v := h.view(); !strings.Contains(v, "enter 送审") {
		t.Fatalf("no reason asked:\n%s", v)
	}
	h.keys("校", "内", "惯", "用", "enter")
	got, err := st.Get(a.ID)
	if err != nil || got.State != model.StateReview {
		t.Fatalf("after 送审 with a reason: %v %v\n%s", got.State, err, h.view())
	}
	trail, _ := st.Trail(store.Holder(), a.ID)
	last := trail[len(trail)-1]
	res, ok, _ := st.ProofResult(last.Seq)
	if last.Action != model.ActSubmit || !ok || len(res.Waivers) != 1 || res.Waivers[0].Reason != "校内惯用" {
		t.Fatalf("submit record %+v, check %+v", last, res)
	}
}
