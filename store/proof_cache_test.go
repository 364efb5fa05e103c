package store_test

import (
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
)

// The office's checker (its lists compiled into an Aho–Corasick automaton,
// costly to build) is built once per list version, never while bbolt's
// write lock is held, and reused by every check and gate until the lists
// change.
func TestProofCheckerBuiltOncePerVersionOutsideWriteTx(t *testing.T) {
	st, _ := newOffice(t)
	builds, inWrite := 0, 0
	defer store.SetCheckerBuildHook(func(s *store.Store) {
		if s != st {
			return
		}
		builds++
		if s.InWriteTx() {
			inWrite++
		}
	})()
	if _, err := st.SetProofList(admin, proof.ListFixed, entries(t, proof.ListFixed, "共同富裕示范区\n社会主义核心价值观\n")); err != nil {
		t.Fatal(err)
	}
	a, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", "11月20日，学院召开会议，学习社会主义核心价值观。\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	c1, _, err := st.Checker()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := st.CheckRevision(store.Holder(), a.ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkRead(wangyin, a.ID, a.Rev); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意。"}); err != nil {
		t.Fatal(err)
	}
	if builds != 1 || inWrite != 0 {
		t.Fatalf("one list version: %d builds (%d inside a write transaction), want 1 (0)", builds, inWrite)
	}
	// A new list version is built once more, again before the gate's transaction.
	if _, err := st.SetProofList(admin, proof.ListFixed, entries(t, proof.ListFixed, "共同富裕示范区\n")); err != nil {
		t.Fatal(err)
	}
	b, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", "11月21日，学院召开会议。\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, b.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	c2, _, err := st.Checker()
	if err != nil {
		t.Fatal(err)
	}
	if builds != 2 || inWrite != 0 || c2 == c1 {
		t.Fatalf("after a list change: %d builds (%d inside a write transaction), new checker %v; want 2 (0), true", builds, inWrite, c2 != c1)
	}
	// verify re-checks old decisions with their recorded versions; the
	// checker in force stays cached.
	if rep, err := st.Verify(); err != nil || len(rep.Problems) != 0 {
		t.Fatalf("verify: %v %v", err, rep)
	}
	before := builds
	if c3, _, _ := st.Checker(); c3 != c2 || builds != before {
		t.Fatalf("verify evicted the checker in force (builds %d → %d)", before, builds)
	}
}
