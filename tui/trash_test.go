package tui

import (
	"strings"
	"testing"
)

// A deleted draft can be seen and restored in the TUI (T on home: 已删除草稿,
// r 恢复), through store.Restore like `copydesk article restore`; another
// writer's deleted drafts are not listed.
func TestTrashListsAndRestoresDeletedDrafts(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "draft")
	if _, err := st.Delete(liwei, a.ID); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "liwei", 100, 30)
	h.keys("T")
	v := h.view()
	if !strings.Contains(v, "已删除草稿") || !strings.Contains(v, "#1") || !strings.Contains(v, "r 恢复") {
		t.Fatalf("the deleted draft is not listed:\n%s", v)
	}
	h.keys("r")
	got, err := st.Get(a.ID)
	if err != nil || got.Deleted != nil {
		t.Fatalf("not restored: %+v %v", got, err)
	}
	if v := h.view(); !strings.Contains(v, "没有已删除的草稿") {
		t.Fatalf("the restored draft is still listed:\n%s", v)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	// Another user sees none of liwei's deleted drafts.
	if _, err := st.Delete(liwei, a.ID); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, st, "wangyin", 100, 30)
	h2.keys("T")
	if v := h2.view(); strings.Contains(v, "#1") {
		t.Fatalf("another user's deleted draft is listed:\n%s", v)
	}
}
