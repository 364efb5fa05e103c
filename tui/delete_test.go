package tui

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// 删除草稿 on the home screen: D is offered for one's own draft never
// submitted, asks first, and deletes through the store; not offered for a
// submitted article.
func TestHomeDeleteDraft(t *testing.T) {
	st := testStore(t)
	sent := seed(t, st, "review")
	a := seed(t, st, "draft")
	h := newHarness(t, st, "liwei", 100, 30)
	if v := h.view(); !strings.Contains(v, "D 删除草稿") {
		t.Fatalf("D 删除草稿 not offered for an unsubmitted draft:\n%s", v)
	}
	h.keys("D")
	if v := h.view(); !strings.Contains(v, "按 y 确认") {
		t.Fatalf("no confirmation:\n%s", v)
	}
	h.keys("n") // cancels
	if got, _ := st.Get(a.ID); got.Deleted != nil {
		t.Fatal("deleted without confirmation")
	}
	h.keys("D", "y")
	got, err := st.Get(a.ID)
	if err != nil || got.Deleted == nil {
		t.Fatalf("not deleted after y: %+v %v", got, err)
	}
	if v := h.view(); strings.Contains(v, "D 删除草稿") {
		t.Fatalf("D still offered with no deletable draft selected:\n%s", v)
	}
	if s, _ := st.Get(sent.ID); s.Deleted != nil || model.May(*s, mustUser(t, st, "liwei"), model.ActDelete) {
		t.Fatal("a submitted article is deletable")
	}
}

func mustUser(t *testing.T, st interface {
	User(string) (*model.User, error)
}, login string) *model.User {
	t.Helper()
	u, err := st.User(login)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
