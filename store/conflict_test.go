package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// A stale push repeated with the same text (or the same text up to the
// canonical form) keeps one conflict draft, and every repeat still fails
// with a ConflictError naming that draft. Different text, another base or
// another author each keep their own draft.
func TestRepeatedStaleSaveKeepsOneDraft(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	if _, err := st.Save(liwei, a.ID, 1, meeting("第二版", sampleBody)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(liwei, a.ID, 2, meeting("第三版", sampleBody)); err != nil {
		t.Fatal(err)
	}
	stale := func(act store.Actor, base int, body string) uint64 {
		t.Helper()
		_, err := st.Save(act, a.ID, base, meeting("旧稿", body))
		var ce *store.ConflictError
		if !errors.As(err, &ce) || !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale save from revision %d: %v, want a ConflictError", base, err)
		}
		return ce.DraftID
	}
	body := sampleBody + "补充一段。\n"
	first := stale(liwei, 1, body)
	for i, again := range []string{body, body, strings.ReplaceAll(body, "\n", "\r\n") + "\n\n", strings.TrimSuffix(body, "\n")} {
		if got := stale(liwei, 1, again); got != first {
			t.Fatalf("repeat %d kept as draft %d, want the existing draft %d", i, got, first)
		}
	}
	drafts, err := st.ConflictDrafts(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 {
		t.Fatalf("%d conflict drafts after identical stale saves, want 1", len(drafts))
	}
	// An admin may not see liwei's draft: the stale save is refused as
	// reading it would be, and no draft is kept.
	if _, err := st.Save(admin, a.ID, 1, meeting("旧稿", body)); !errors.Is(err, model.ErrNotVisible) {
		t.Fatalf("admin's stale save of a draft they may not see: %v", err)
	}
	// Submitted, it waits for the reviewer, who may edit it.
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	distinct := map[uint64]bool{first: true}
	for _, d := range []uint64{stale(liwei, 1, body+"再改一句。\n"), stale(liwei, 2, body), stale(wangyin, 1, body)} {
		if distinct[d] {
			t.Fatalf("a different text, base or author reused draft %d", d)
		}
		distinct[d] = true
	}
	if drafts, _ = st.ConflictDrafts(store.Holder(), a.ID); len(drafts) != 4 {
		t.Fatalf("%d conflict drafts, want 4", len(drafts))
	}
}
