package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var (
	writer   = &User{Login: "liwei", Display: "李伟", Roles: []Role{RoleWriter}}
	writer2  = &User{Login: "zhaoli", Display: "赵丽", Roles: []Role{RoleWriter}}
	reviewer = &User{Login: "wangyin", Display: "王音", Roles: []Role{RoleReviewer}}
	rev2     = &User{Login: "chenfang", Display: "陈芳", Roles: []Role{RoleReviewer}}
	chief    = &User{Login: "shenjl", Display: "沈建龙", Roles: []Role{RoleChief}}
	both     = &User{Login: "duo", Display: "多面手", Roles: []Role{RoleReviewer, RoleChief}}
	now      = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
)

func draft(wf Workflow) Article {
	return Article{ID: 7, Owner: "liwei", State: StateDraft, Workflow: wf.Clone(), Rev: 1, Hash: "h1"}
}

func decide(t *testing.T, a Article, act Action, u *User, opinion string) Article {
	t.Helper()
	out, err := Decide(a, Request{Action: act, Actor: u, Opinion: opinion, Rev: a.Rev, Hash: a.Hash, Now: now})
	if err != nil {
		t.Fatalf("%s by %s: %v", act, u.Login, err)
	}
	return out
}

func TestDefaultWorkflowHappyPath(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	if a.State != StateReview || a.Current().Name != "审核" {
		t.Fatalf("after submit: %s at %v", a.State, a.Current())
	}
	a = decide(t, a, ActApprove, reviewer, "同意")
	if a.Current().Name != "主编签发" {
		t.Fatalf("after approve: waits at %v", a.Current())
	}
	a = decide(t, a, ActSignOff, chief, "同意发布")
	if a.State != StateSigned || a.Signed == nil || a.Signed.Login != "shenjl" || a.Signed.Hash != "h1" {
		t.Fatalf("after signoff: %+v", a)
	}
	a = decide(t, a, ActPublish, chief, "")
	a = decide(t, a, ActTakedown, chief, "信息有误，撤稿")
	if a.State != StateWithdrawn {
		t.Fatalf("state %s", a.State)
	}
}

func TestRefusals(t *testing.T) {
	inReview := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	atChief := decide(t, inReview, ActApprove, both, "同意")
	cases := []struct {
		name string
		a    Article
		act  Action
		u    *User
		op   string
		want error
	}{
		{"writer approves", inReview, ActApprove, writer2, "同意", ErrRoleRequired},
		{"author reviews own", Article{ID: 7, Owner: "wangyin", State: StateReview, Workflow: DefaultWorkflow, Rev: 1, Hash: "h"}, ActApprove, reviewer, "同意", ErrOwnArticle},
		{"same user two stages", atChief, ActSignOff, both, "同意", ErrTwoStages},
		{"no opinion", inReview, ActApprove, reviewer, "  \n", ErrOpinionRequired},
		{"no opinion on return", inReview, ActReturn, reviewer, "", ErrOpinionRequired},
		{"approve at signoff stage", atChief, ActApprove, chief, "同意", ErrState},
		{"signoff before review", inReview, ActSignOff, chief, "同意", ErrState},
		{"reviewer signs off", atChief, ActSignOff, reviewer, "同意", ErrRoleRequired},
		{"approve a draft", draft(DefaultWorkflow), ActApprove, reviewer, "同意", ErrState},
		{"someone else submits", draft(DefaultWorkflow), ActSubmit, writer2, "", ErrNotOwner},
		{"writer withdraws", inReview, ActWithdraw, writer, "x", ErrState},
		{"no identity", inReview, ActApprove, nil, "同意", ErrDenied},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decide(c.a, Request{Action: c.act, Actor: c.u, Opinion: c.op, Rev: c.a.Rev, Hash: c.a.Hash, Now: now})
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if err.Error() == "" {
				t.Fatal("empty message")
			}
		})
	}
}

// Authorship is who wrote the text: a co-author who saved a revision may
// not review it; a name in the byline (free text, maybe the only chief's
// display name) bars nobody.
func TestCoAuthorMayNotReview(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	a.RevAuthors = []string{"liwei"}
	a.Authors = []string{"王音", "沈建龙"}
	if _, err := Decide(a, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: a.Rev, Now: now}); err != nil {
		t.Fatalf("a byline name barred the reviewer: %v", err)
	}
	a = ApplySave(a, 2, "h2", now)
	a.RevAuthors = append(a.RevAuthors, "wangyin")
	_, err := Decide(a, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: a.Rev, Now: now})
	if !errors.Is(err, ErrOwnText) {
		t.Fatalf("co-author approved: %v", err)
	}
}

// A reviewer who edits at their stage (twice) may not approve; the next
// stage's diff starts before both edits.
func TestReviewerWhoEditsMayNotApprove(t *testing.T) {
	a := draft(ThreeReview)
	a.RevAuthors = []string{"liwei"}
	a = decide(t, a, ActSubmit, writer, "")
	a = decide(t, a, ActApprove, reviewer, "初审同意") // wangyin at 初审, rev 1
	editor := &User{Login: "chen", Display: "陈芳", Roles: []Role{RoleReviewer}}
	for n := 2; n <= 3; n++ { // 复审's reviewer edits twice
		a = ApplySave(a, n, fmt.Sprintf("h%d", n), now)
		a.RevAuthors = append(a.RevAuthors, "chen")
	}
	// The edits made 初审's approval stale: back to 初审. Once wangyin has
	// approved revision 3, chen's edits were checked by someone else.
	a = decide(t, a, ActApprove, reviewer, "同意修改")
	if _, err := Decide(a, Request{Action: ActApprove, Actor: editor, Opinion: "同意", Rev: a.Rev, Now: now}); err != nil {
		t.Fatalf("edits approved by someone else still bar their writer: %v", err)
	}
	// Without wangyin's re-approval, the chief's diff covers both edits.
	b := draft(DefaultWorkflow)
	b.RevAuthors = []string{"liwei"}
	b = decide(t, b, ActSubmit, writer, "")
	for n := 2; n <= 3; n++ {
		b = ApplySave(b, n, fmt.Sprintf("h%d", n), now)
		b.RevAuthors = append(b.RevAuthors, "wangyin")
	}
	_, err := Decide(b, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: b.Rev, Now: now})
	if !errors.Is(err, ErrOwnText) || !strings.Contains(err.Error(), "revision 3") {
		t.Fatalf("reviewer approved their own two edits: %v", err)
	}
	if base := b.DiffBase("shenjl"); base != 1 {
		t.Fatalf("chief's diff base %d, want 1 (before both edits)", base)
	}
}

func TestThreeReviewSeparation(t *testing.T) {
	a := decide(t, draft(ThreeReview), ActSubmit, writer, "")
	a = decide(t, a, ActApprove, reviewer, "初审同意")
	if a.Current().Name != "复审" {
		t.Fatalf("at %v", a.Current())
	}
	if _, err := Decide(a, Request{Action: ActApprove, Actor: reviewer, Opinion: "复审同意", Rev: a.Rev, Now: now}); !errors.Is(err, ErrTwoStages) {
		t.Fatalf("初审 reviewer acted at 复审: %v", err)
	}
	a = decide(t, a, ActApprove, rev2, "复审同意")
	a = decide(t, a, ActSignOff, chief, "终审同意")
	if a.State != StateSigned || len(a.Approvals) != 3 {
		t.Fatalf("%s with %d approvals", a.State, len(a.Approvals))
	}
}

func TestReturnKeepsStageActor(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	a = decide(t, a, ActReturn, reviewer, "第二段数据需核实")
	if a.State != StateDraft || a.Returned == nil || a.Returned.Opinion != "第二段数据需核实" {
		t.Fatalf("after return: %+v", a)
	}
	a = decide(t, a, ActSubmit, writer, "")
	if a.Returned != nil || a.Current().Name != "审核" {
		t.Fatal("resubmit did not clear the return or start at 审核")
	}
	// The reviewer who returned it may approve at the same stage.
	decide(t, a, ActApprove, reviewer, "已核实，同意")
}

func TestEditMakesApprovalStale(t *testing.T) {
	a := decide(t, draft(ThreeReview), ActSubmit, writer, "")
	a = decide(t, a, ActApprove, reviewer, "同意")
	a = decide(t, a, ActApprove, rev2, "同意")
	if a.Current().Name != "终审" {
		t.Fatal("not at 终审")
	}
	a = ApplySave(a, 2, "h2", now)
	if a.State != StateReview || a.Current().Name != "初审" {
		t.Fatalf("edit did not send it back to the first stale stage: %s %v", a.State, a.Current())
	}
	if len(a.StaleApprovals()) != 2 || len(a.ValidApprovals()) != 0 {
		t.Fatalf("stale %d valid %d", len(a.StaleApprovals()), len(a.ValidApprovals()))
	}
	if a.LastApproval() == nil || a.LastApproval().Rev != 1 {
		t.Fatal("the next reviewer needs the last approval to diff against")
	}
	// Same hash (a no-op save) changes nothing.
	b := ApplySave(a, 3, "h2", now)
	if b.Stage != a.Stage || b.State != a.State {
		t.Fatal("a save with the same content moved the article")
	}
}

func TestEditAfterSignoffGoesBackButKeepsSigned(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	a = decide(t, a, ActApprove, reviewer, "同意")
	a = decide(t, a, ActSignOff, chief, "同意")
	a = decide(t, a, ActPublish, chief, "")
	a = ApplySave(a, 2, "h2", now)
	if a.State != StateReview || a.Stage != 0 {
		t.Fatalf("%s at %d", a.State, a.Stage)
	}
	if a.Signed == nil || a.Signed.Rev != 1 {
		t.Fatal("the signed revision must stay on record until a new sign-off")
	}
}

func TestStaleView(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	_, err := Decide(a, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: 1, Hash: "old", Now: now})
	var sv *StaleViewError
	if !errors.Is(err, ErrStaleView) || errors.Is(err, ErrConflict) || !errors.As(err, &sv) || sv.Head != 1 {
		t.Fatalf("approval of content the reviewer did not see: %v", err)
	}
	if strings.Contains(err.Error(), "conflict draft") || !strings.Contains(err.Error(), "read revision 1 first") {
		t.Fatalf("stale decision message: %v", err)
	}
	// Nothing read at all: refused, naming the head.
	_, err = Decide(a, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Now: now})
	if !errors.As(err, &sv) || sv.Read != 0 || !strings.Contains(err.Error(), "read revision 1 first") {
		t.Fatalf("approval without a read revision: %v", err)
	}
}

func TestDecideDoesNotMutateInput(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	b := decide(t, a, ActApprove, reviewer, "同意")
	if len(a.Approvals) != 0 || len(a.Actors) != 0 || len(b.Approvals) != 1 {
		t.Fatal("Decide changed its input")
	}
}

// TestRecordHoldsEachApprovalOnce: the record is one entry per approval;
// the first approval of an article was recorded twice (approvalRecord
// fell back to Approvals after the new approval was set in them).
func TestRecordHoldsEachApprovalOnce(t *testing.T) {
	a := decide(t, draft(DefaultWorkflow), ActSubmit, writer, "")
	a = decide(t, a, ActApprove, reviewer, "同意")
	if len(a.Record) != 1 {
		t.Fatalf("after one approval the record holds %d: %+v", len(a.Record), a.Record)
	}
	a = decide(t, a, ActSignOff, chief, "同意发布")
	if len(a.Record) != 2 || a.Record[0].Login != "wangyin" || a.Record[1].Login != "shenjl" {
		t.Fatalf("after the sign-off: %+v", a.Record)
	}
}

// The diff base is the last revision THIS reviewer decided on: in 三审,
// 复审 returns revision 1, the writer makes 2 and 3, 初审 approves 3; 复审
// then compares with the revision she returned (1), not with 初审's
// approval, and 终审 (no decision of his own) with the newest decision.
func TestDiffBaseIsViewersOwnDecision(t *testing.T) {
	a := draft(ThreeReview)
	a.RevAuthors = []string{"liwei"}
	a = decide(t, a, ActSubmit, writer, "")
	a = decide(t, a, ActApprove, reviewer, "初审同意")
	a = decide(t, a, ActReturn, rev2, "第二段数据需核实")
	for n := 2; n <= 3; n++ {
		a = ApplySave(a, n, fmt.Sprintf("h%d", n), now)
		a.RevAuthors = append(a.RevAuthors, "liwei")
	}
	a = decide(t, a, ActSubmit, writer, "")
	if rev, by := a.DiffBasis("wangyin"); rev != 1 || by == nil || by.Login != "wangyin" {
		t.Fatalf("初审 re-review base %d by %+v, want 1 (own approval)", rev, by)
	}
	a = decide(t, a, ActApprove, reviewer, "已核实，同意")
	rev, by := a.DiffBasis("chenfang")
	if rev != 1 || by == nil || by.Action != ActReturn || by.Login != "chenfang" {
		t.Fatalf("复审 base %d by %+v, want 1 (the revision she returned)", rev, by)
	}
	if rev, by := a.DiffBasis("shenjl"); rev != 3 || by == nil || by.Login != "wangyin" {
		t.Fatalf("终审 base %d by %+v, want 3 (初审's approval)", rev, by)
	}
	// 复审 approves 3; an edit then makes both approvals stale: each
	// reviewer compares with the revision they approved.
	a = decide(t, a, ActApprove, rev2, "同意")
	a = ApplySave(a, 4, "h4", now)
	a.RevAuthors = append(a.RevAuthors, "liwei")
	for _, who := range []string{"wangyin", "chenfang"} {
		if rev, by := a.DiffBasis(who); rev != 3 || by == nil || by.Login != who {
			t.Fatalf("%s after stale approval: base %d by %+v, want 3", who, rev, by)
		}
	}
}
