package model

import (
	"errors"
	"strings"
	"testing"
)

func signedThrough(t *testing.T, wf Workflow) Article {
	t.Helper()
	a := decide(t, draft(wf), ActSubmit, writer, "")
	for !a.Workflow.IsFinal(a.Stage) {
		u := reviewer
		if a.Stage == 1 {
			u = rev2
		}
		a = decide(t, a, ActApprove, u, "同意")
	}
	return decide(t, a, ActSignOff, chief, "同意签发")
}

// A correction goes through the workflow again: the writer who opens it
// cannot sign it off, the note is bound to the revision the chief signs,
// and until then the signed revision stays live.
func TestCorrectionGoesThroughReview(t *testing.T) {
	a := signedThrough(t, DefaultWorkflow)
	a = decide(t, a, ActPublish, chief, "")
	if _, err := Decide(a, Request{Action: ActCorrect, Actor: writer, Opinion: "  \n", Now: now}); !errors.Is(err, ErrNoteRequired) {
		t.Fatalf("empty note: %v", err)
	}
	if _, err := Decide(a, Request{Action: ActCorrect, Actor: writer, Opinion: strings.Repeat("更", MaxCorrectionNoteRunes+1), Now: now}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("long note: %v", err)
	}
	if _, err := Decide(a, Request{Action: ActCorrect, Actor: writer2, Opinion: "更正", Now: now}); !errors.Is(err, ErrRoleRequired) {
		t.Fatalf("another writer opens a correction: %v", err)
	}
	a = decide(t, a, ActCorrect, writer, "原稿第二段会议时间有误，已更正。")
	if a.State != StateReview || a.Current().Name != "审核" || a.OpenCorrection() == nil {
		t.Fatalf("after correct: %s at %v, open %v", a.State, a.Current(), a.OpenCorrection())
	}
	if !a.Live() || a.Signed.Rev != 1 {
		t.Fatal("the signed revision left the site when the correction opened")
	}
	a = ApplySave(a, 2, "h2", now)
	a.RevAuthors = []string{"liwei", "liwei"}
	if _, err := Decide(a, Request{Action: ActSignOff, Actor: writer, Opinion: "同意", Rev: 2, Hash: "h2", Now: now}); err == nil {
		t.Fatal("the writer signed off their own correction")
	}
	if _, err := Decide(a, Request{Action: ActSignOff, Actor: chief, Opinion: "同意", Rev: 2, Hash: "h2", Now: now}); !errors.Is(err, ErrState) {
		t.Fatalf("chief signs off before 审核 (no correction route): %v", err)
	}
	a = decide(t, a, ActApprove, reviewer, "同意更正")
	a = decide(t, a, ActSignOff, chief, "同意更正")
	c := a.PublicCorrections()
	if a.State != StateSigned || a.Signed.Rev != 2 || len(c) != 1 || c[0].Rev != 2 || c[0].Hash != "h2" || c[0].SignedAt.IsZero() || a.OpenCorrection() != nil {
		t.Fatalf("after sign-off: %s signed %+v corrections %+v", a.State, a.Signed, a.Corrections)
	}
	if len(a.ApprovalsOf("h1")) != 2 {
		t.Fatal("the first revision's approvals left the record")
	}
}

// A workflow's correction route is shorter: only the chief signs a
// correction, and the approvals of the first review do not count.
func TestCorrectionRoute(t *testing.T) {
	wf := ThreeReview.Clone()
	wf.Correction = []int{2}
	a := signedThrough(t, wf)
	a = decide(t, a, ActCorrect, chief, "更正说明")
	if a.Current() == nil || a.Current().Name != "终审" {
		t.Fatalf("correction waits at %v, want 终审", a.Current())
	}
	a = ApplySave(a, 2, "h2", now)
	if a.Current().Name != "终审" {
		t.Fatalf("after the edit: waits at %v", a.Current())
	}
	a = decide(t, a, ActSignOff, chief, "同意")
	if len(a.PublicCorrections()) != 1 || a.Signed.Rev != 2 {
		t.Fatalf("not signed: %+v", a.Corrections)
	}
	// An edit outside a correction takes the whole route again.
	a = ApplySave(a, 3, "h3", now)
	if a.Current().Name != "初审" {
		t.Fatalf("plain edit waits at %v, want 初审", a.Current())
	}
}

// Takedown: only whom the workflow names (default chief), with a reason;
// the signed text stays in the record; a new sign-off clears it.
func TestTakedown(t *testing.T) {
	a := signedThrough(t, DefaultWorkflow)
	for _, u := range []*User{writer, reviewer, {Login: "root", Roles: []Role{RoleAdmin}}} {
		if _, err := Decide(a, Request{Action: ActTakedown, Actor: u, Opinion: "理由", Now: now}); !errors.Is(err, ErrRoleRequired) {
			t.Fatalf("%s takes down: %v", u.Login, err)
		}
	}
	if _, err := Decide(a, Request{Action: ActTakedown, Actor: chief, Opinion: " ", Now: now}); !errors.Is(err, ErrOpinionRequired) {
		t.Fatalf("no reason: %v", err)
	}
	d := decide(t, a, ActTakedown, chief, "涉及未公开信息")
	if d.State != StateWithdrawn || d.Live() || d.Takedown == nil || d.Takedown.Hash != "h1" || d.Takedown.Rev != 1 || d.Signed == nil || d.Takedown.Opinion != "涉及未公开信息" {
		t.Fatalf("after takedown: %+v", d)
	}
	if _, err := Decide(d, Request{Action: ActTakedown, Actor: chief, Opinion: "再撤", Now: now}); !errors.Is(err, ErrState) {
		t.Fatalf("twice: %v", err)
	}
	if _, err := Decide(d, Request{Action: ActCorrect, Actor: chief, Opinion: "更正", Now: now}); !errors.Is(err, ErrState) {
		t.Fatalf("correcting a taken-down article: %v", err)
	}
	// The old name decides the same.
	if w := decide(t, a, ActWithdraw, chief, "旧命令"); w.Takedown == nil || w.Takedown.Action != ActTakedown {
		t.Fatalf("withdraw: %+v", w.Takedown)
	}
	// The owner edits and resubmits; the new sign-off puts it back.
	d = ApplySave(d, 2, "h2", now)
	d = decide(t, d, ActSubmit, writer, "")
	if d.Takedown == nil || d.Live() {
		t.Fatal("back on the site before a new sign-off")
	}
	d = decide(t, d, ActApprove, reviewer, "同意")
	d = decide(t, d, ActSignOff, chief, "同意")
	if d.Takedown != nil || !d.Live() || d.Signed.Rev != 2 {
		t.Fatalf("after the new sign-off: %+v", d)
	}

	// The workflow names who may.
	wf := DefaultWorkflow.Clone()
	wf.Takedown = &Stage{Name: "撤稿", Users: []string{"wangyin"}}
	b := signedThrough(t, wf)
	if _, err := Decide(b, Request{Action: ActTakedown, Actor: chief, Opinion: "理由", Now: now}); !errors.Is(err, ErrRoleRequired) {
		t.Fatalf("chief not named: %v", err)
	}
	if !May(b, reviewer, ActTakedown) || May(b, chief, ActTakedown) {
		t.Fatal("Allowed disagrees with the workflow's takedown")
	}
}

func TestWorkflowDefCorrectionAndTakedown(t *testing.T) {
	src := "stages:\n  - name: 初审\n    role: reviewer\n  - name: 复审\n    role: reviewer\n  - name: 签发\n    role: chief\n    signoff: true\ncorrection: [复审, 签发]\ntakedown: {users: [shen, li]}\n"
	def, err := ParseWorkflowDef("快", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	w := def.Workflow
	if got := w.CorrectionNames(); got != "复审 → 签发" {
		t.Fatalf("route %q", got)
	}
	if td := w.TakedownStage(); strings.Join(td.Users, ",") != "shen,li" {
		t.Fatalf("takedown %+v", td)
	}
	if def, err := ParseWorkflowDef("快", []byte(strings.Replace(src, "takedown: {users: [shen, li]}", "takedown: admin", 1)), nil); err != nil || def.Workflow.TakedownStage().Role != RoleAdmin {
		t.Fatalf("takedown: admin → %v %+v", err, def.Workflow.Takedown)
	}
	bad := map[string]string{
		"correction: [复审, 签发]":           "correction: [签发, 复审]",
		"correction: [复审, 签发] ":          "correction: [复审]",
		"correction: [复审, 签发]  ":         "correction: [终审]",
		"takedown: {users: [shen, li]}":  "takedown: nobody",
		"takedown: {users: [shen, li]} ": "takedown: {role: chief, users: [x]}",
	}
	for from, to := range bad {
		s := strings.Replace(src, strings.TrimSpace(from), to, 1)
		_, err := ParseWorkflowDef("快", []byte(s), nil)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Args["Line"] == 0 {
			t.Errorf("%s: %v (want a line-numbered error)", to, err)
			continue
		}
		if want := strings.Count(s[:strings.Index(s, to)], "\n") + 1; fe.Args["Line"] != want {
			t.Errorf("%s: line %v, want %d", to, fe.Args["Line"], want)
		}
	}
}
