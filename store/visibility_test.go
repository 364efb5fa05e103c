package store_test

import (
	"errors"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Commenting, resolving a comment and recording a read need the article
// to be visible to the actor (model.MayRead), enforced by the store in the
// transaction: a writer who guesses the ID of another writer's draft, or a
// reviewer before it is submitted, gets the named refusal, and nothing is
// written or audited.
func TestCommentsAndReadsNeedVisibility(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st) // liwei's draft
	own, err := st.AddComment(liwei, a.ID, 0, 0, "第一段再核对一下时间")
	if err != nil {
		t.Fatal(err)
	}
	if own.Rev != a.Rev || own.Quote == "" {
		t.Fatalf("a comment on the head (rev 0): %+v", own)
	}
	seq0, err := st.LastSeq()
	if err != nil {
		t.Fatal(err)
	}
	denied := func(what string, err error) {
		t.Helper()
		var d *model.DeniedError
		if !errors.Is(err, model.ErrNotVisible) || !errors.As(err, &d) || d.MessageID() != "ErrNotVisible" {
			t.Errorf("%s: %v; want *model.DeniedError ErrNotVisible", what, err)
		}
	}
	for _, act := range []store.Actor{zhaoli, wangyin, admin} {
		_, err := st.AddComment(act, a.ID, a.Rev, 0, "猜到编号来评论")
		denied(act.Login+" comments on liwei's draft", err)
		_, err = st.AddComment(act, a.ID, 0, 0, "猜到编号来评论")
		denied(act.Login+" comments on the head of liwei's draft", err)
		denied(act.Login+" resolves a comment on liwei's draft", st.ResolveComment(act, a.ID, own.ID))
		denied(act.Login+" marks liwei's draft read", st.MarkRead(act, a.ID, a.Rev))
		if _, ok := st.LastRead(act.Login, a.ID); ok {
			t.Errorf("%s: a read mark was recorded", act.Login)
		}
		_, err = st.MayRead(act, a.ID)
		denied(act.Login+" MayRead", err)
	}
	cs, err := st.Comments(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Resolved {
		t.Errorf("comments after the refusals: %+v", cs)
	}
	if seq, _ := st.LastSeq(); seq != seq0 {
		t.Errorf("the refusals were audited: last seq %d, was %d", seq, seq0)
	}

	// Submitted, the draft waits for the reviewers: now they may.
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "送审")
	if _, err := st.AddComment(wangyin, a.ID, 0, 0, "时间核对无误"); err != nil {
		t.Errorf("the reviewer it waits for comments: %v", err)
	}
	if err := st.ResolveComment(wangyin, a.ID, own.ID); err != nil {
		t.Errorf("the reviewer resolves: %v", err)
	}
	// The chief's stage has not come; another writer still may not.
	_, err = st.AddComment(shenjl, a.ID, 0, 0, "提前看看")
	denied("the chief before his stage", err)
	_, err = st.AddComment(zhaoli, a.ID, 0, 0, "我也看看")
	denied("another writer while in review", err)
	// No such article reads as one the user may not see — the same
	// refusal — so refusals tell no one which IDs exist.
	_, err = st.AddComment(zhaoli, 999, 0, 0, "不存在")
	denied("comment on no article", err)
}

// Who may mark a comment resolved is model.MayResolve, asked by the store:
// the comment's author, the article's writer, the users its current stage
// waits for, the signer and an admin — each only while they may see it.
// A reviewer whose stage has passed still reads the comments but closes
// only their own; one who may not see the article gets reading's refusal.
func TestWhoMayResolveAComment(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st) // liwei's; 审核 (reviewer) → 主编签发 (chief)
	byWriter, err := st.AddComment(liwei, a.ID, 0, 0, "作者的批注")
	if err != nil {
		t.Fatal(err)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	byReviewer, err := st.AddComment(wangyin, a.ID, 0, 0, "审核人的批注")
	if err != nil {
		t.Fatal(err)
	}
	seq0, _ := st.LastSeq()
	check := func(when string, act store.Actor, c *model.Comment, want error) {
		t.Helper()
		err := st.ResolveComment(act, a.ID, c.ID)
		switch {
		case want == nil && err != nil:
			t.Errorf("%s: %s resolving %s's comment: %v", when, act.Login, c.Author, err)
		case want != nil && !errors.Is(err, want):
			t.Errorf("%s: %s resolving %s's comment: %v; want %v", when, act.Login, c.Author, err, want)
		case want != nil && errors.Is(want, model.ErrRoleRequired):
			var d *model.DeniedError
			if !errors.As(err, &d) || d.MessageID() != "ErrResolveDenied" {
				t.Errorf("%s: %s: %v; want ErrResolveDenied", when, act.Login, err)
			}
		}
	}
	// In review at 审核: the chief's stage has not come, the admin sees
	// nothing of it (reading's refusal, not the rule's).
	check("at 审核", shenjl, byWriter, model.ErrNotVisible)
	check("at 审核", admin, byWriter, model.ErrNotVisible)
	check("at 审核", zhaoli, byReviewer, model.ErrNotVisible)
	if seq, _ := st.LastSeq(); seq != seq0 {
		t.Fatalf("refusals were audited")
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	// At 主编签发: wangyin's stage has passed.
	check("at 主编签发", wangyin, byWriter, model.ErrRoleRequired)
	check("at 主编签发", chenfang, byWriter, model.ErrNotVisible)
	check("at 主编签发", wangyin, byReviewer, nil) // their own
	check("at 主编签发", shenjl, byWriter, nil)    // the signer
	if seq, _ := st.LastSeq(); seq != seq0+3 { // approve and two resolves
		t.Errorf("audit: last seq %d, want %d", seq, seq0+3)
	}
	cs, err := st.Comments(liwei, a.ID)
	if err != nil || len(cs) != 2 || !cs[0].Resolved || cs[0].ResolvedBy != "shenjl" || !cs[1].Resolved || cs[1].ResolvedBy != "wangyin" {
		t.Errorf("comments: %+v %v", cs, err)
	}
	// The writer, the stage it waits at and an admin, on a fresh one.
	b := mustCreate(t, st)
	c1, _ := st.AddComment(liwei, b.ID, 0, 0, "一")
	mustDecide(t, st, liwei, b.ID, model.ActSubmit, "")
	c2, _ := st.AddComment(wangyin, b.ID, 0, 0, "二")
	c3, _ := st.AddComment(wangyin, b.ID, 0, 0, "三")
	for _, x := range []struct {
		act store.Actor
		c   *model.Comment
	}{{liwei, c2}, {chenfang, c3}, {wangyin, c1}} { // writer; same stage, another reviewer; the stage's reviewer
		if err := st.ResolveComment(x.act, b.ID, x.c.ID); err != nil {
			t.Errorf("%s resolving comment %d: %v", x.act.Login, x.c.ID, err)
		}
	}
}
