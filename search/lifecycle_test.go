package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
)

// 撤稿: once an article is taken down, search no longer gives it to users
// who saw it only because it was in the archive; those who worked on it
// still find it (留档).
func TestTakedownLeavesTheArchiveSearch(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "校园开放日安排", "开放日当天图书馆照常开放")
	decide := func(act store.Actor, action model.Action, opinion string) {
		t.Helper()
		if model.NeedsRead(action) {
			if err := st.MarkRead(act, a.ID, 1); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.Decide(act, a.ID, store.Decision{Action: action, Opinion: opinion}); err != nil {
			t.Fatalf("%s: %v", action, err)
		}
	}
	decide(liwei, model.ActSubmit, "")
	decide(wangyin, model.ActApprove, "同意")
	decide(shenjl, model.ActSignOff, "同意发布")
	ix := openIndex(t, st)
	user := func(login string) *model.User {
		u, err := st.User(login)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if got := ids(find(t, ix, search.Query{Text: "开放日", Viewer: user("zhaoli")})); !slices.Equal(got, []uint64{a.ID}) {
		t.Fatalf("before the takedown another writer finds %v", got)
	}
	decide(shenjl, model.ActTakedown, "涉及未公开信息")
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := find(t, ix, search.Query{Text: "开放日", Viewer: user("zhaoli")}); len(got) != 0 {
		t.Fatalf("after the takedown another writer still finds %+v", got)
	}
	if got := find(t, ix, search.Query{Text: "开放日", States: []model.State{model.StateSigned, model.StatePublished}}); len(got) != 0 {
		t.Fatalf("the archive search still lists it: %+v", got)
	}
	for _, who := range []string{"liwei", "wangyin", "shenjl"} {
		if got := ids(find(t, ix, search.Query{Text: "开放日", Viewer: user(who)})); !slices.Equal(got, []uint64{a.ID}) {
			t.Errorf("%s, who worked on it, finds %v", who, got)
		}
	}
}
