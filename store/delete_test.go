package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// 删除草稿: a draft never submitted is deleted by its owner (out of lists
// and counts, restorable), another writer cannot, a submitted one cannot;
// only an admin purges, and the chain still verifies afterwards.
func TestDeleteRestorePurgeDraft(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	sent := mustCreate(t, st)
	mustDecide(t, st, liwei, sent.ID, model.ActSubmit, "")

	if _, err := st.Delete(zhaoli, a.ID); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("another writer deleted a draft: %v", err)
	}
	var se *model.StateError
	if _, err := st.Delete(liwei, sent.ID); !errors.As(err, &se) {
		t.Fatalf("deleted a submitted article: %v", err)
	}
	// A draft returned to its writer was submitted once: not deletable either.
	mustDecide(t, st, wangyin, sent.ID, model.ActReturn, "请补充")
	if _, err := st.Delete(liwei, sent.ID); !errors.As(err, &se) {
		t.Fatalf("deleted a returned draft: %v", err)
	}

	if err := st.PutWorkingCopy(liwei, a.ID, a.Rev, meeting("改过的标题", sampleBody)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddComment(liwei, a.ID, a.Rev, 1, "自己的备注"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Delete(liwei, a.ID); err != nil {
		t.Fatalf("owner deletes own draft: %v", err)
	}
	rows, err := st.List(store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == a.ID {
			t.Fatalf("deleted draft still listed: %+v", rows)
		}
	}
	if n, _ := st.Counts(); n[model.StateDraft] != 1 {
		t.Fatalf("draft count after delete: %v (want 1: the returned one)", n)
	}
	if probs, err := st.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check with a deleted draft: %v %v", probs, err)
	}
	del, err := st.ListDeleted(store.Filter{})
	if err != nil || len(del) != 1 || del[0].ID != a.ID {
		t.Fatalf("ListDeleted: %+v %v", del, err)
	}
	// A deleted draft takes no edits or decisions until restored.
	if _, err := st.Save(liwei, a.ID, a.Rev, meeting("新标题", sampleBody)); !errors.As(err, &se) {
		t.Fatalf("saved a deleted draft: %v", err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); !errors.As(err, &se) {
		t.Fatalf("submitted a deleted draft: %v", err)
	}
	if _, err := st.Restore(zhaoli, a.ID); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("another writer restored: %v", err)
	}
	if _, err := st.Restore(liwei, a.ID); err != nil {
		t.Fatal(err)
	}
	if rows, _ := st.List(store.Filter{Owner: "liwei", States: []model.State{model.StateDraft}}); len(rows) != 2 {
		t.Fatalf("restored draft not listed: %+v", rows)
	}
	if _, err := st.Delete(liwei, a.ID); err != nil {
		t.Fatal(err)
	}
	// Purge: admins only, and only a deleted draft.
	if err := st.Purge(liwei, a.ID); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("writer purged: %v", err)
	}
	if err := st.Purge(admin, sent.ID); !errors.As(err, &se) {
		t.Fatalf("purged an article that is not deleted: %v", err)
	}
	if err := st.Purge(admin, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(a.ID); !store.IsNotFound(err) {
		t.Fatalf("purged header still there: %v", err)
	}
	if _, err := st.Revision(a.ID, 1); !store.IsNotFound(err) {
		t.Fatalf("purged revision still there: %v", err)
	}
	if cs, err := st.Comments(store.Holder(), a.ID); !store.IsNotFound(err) || len(cs) != 0 {
		t.Fatalf("purged comments: %+v %v", cs, err)
	}
	if wc, err := st.WorkingCopyOf(store.Actor{Login: "liwei"}, a.ID); err == nil && wc != nil {
		t.Fatalf("purged working copy still there: %+v", wc)
	}
	trail, err := st.Trail(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, r := range trail {
		acts = append(acts, string(r.Action))
	}
	if got := strings.Join(acts, ","); got != "create,comment,delete,restore,delete,purge" {
		t.Fatalf("audit trail after purge: %s", got)
	}
	rep, err := st.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("verify after purge: %+v %v", rep, err)
	}
	if probs, err := st.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check after purge: %v %v", probs, err)
	}
}
