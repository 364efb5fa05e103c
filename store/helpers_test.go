package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

var (
	admin    = store.Actor{Login: "admin"}
	liwei    = store.Actor{Login: "liwei"}  // writer
	zhaoli   = store.Actor{Login: "zhaoli"} // writer
	wangyin  = store.Actor{Login: "wangyin"}
	chenfang = store.Actor{Login: "chenfang"}
	shenjl   = store.Actor{Login: "shenjl"} // chief
	duo      = store.Actor{Login: "duo"}    // reviewer + chief
)

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newOffice opens a fresh database with the office's users.
func newOffice(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copydesk.db")
	st := openStore(t, path)
	mustUser(t, st, store.Actor{}, "admin", "管理员", model.RoleAdmin)
	mustUser(t, st, admin, "liwei", "李伟", model.RoleWriter)
	mustUser(t, st, admin, "zhaoli", "赵丽", model.RoleWriter)
	mustUser(t, st, admin, "wangyin", "王音", model.RoleReviewer)
	mustUser(t, st, admin, "chenfang", "陈芳", model.RoleReviewer)
	mustUser(t, st, admin, "shenjl", "沈建龙", model.RoleChief)
	mustUser(t, st, admin, "duo", "多面手", model.RoleReviewer, model.RoleChief)
	return st, path
}

func mustUser(t testing.TB, st *store.Store, act store.Actor, login, display string, roles ...model.Role) {
	t.Helper()
	if _, err := st.AddUser(act, model.User{Login: login, Display: display, Roles: roles}); err != nil {
		t.Fatal(err)
	}
}

func meeting(title, body string) model.Content {
	return model.Content{Kind: model.KindMeeting, Title: title, Source: "党委宣传部",
		Photographers: []string{"赵丽"}, Body: body,
		Meeting: &model.Meeting{Name: "党委理论学习中心组学习会", Date: "2026-11-20", Place: "行政楼一楼会议室", Chair: "张明"}}
}

const sampleBody = "11月20日，学院召开党委理论学习中心组学习会。党委书记张明主持会议，党委班子成员参加会议。\n\n一、深化教学改革\n\n会议要求各二级学院对照年度目标查漏补缺。\n"

func mustCreate(t testing.TB, st *store.Store) *model.Article {
	t.Helper()
	a, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", sampleBody), "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustDecide(t testing.TB, st *store.Store, act store.Actor, id uint64, action model.Action, opinion string) *model.Article {
	t.Helper()
	if model.NeedsRead(action) {
		// The decider reads the head first, as show/pull/diff do.
		h, err := st.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.MarkRead(act, id, h.Rev); err != nil {
			t.Fatalf("%s reads article %d: %v", act.Login, id, err)
		}
	}
	a, err := st.Decide(act, id, store.Decision{Action: action, Opinion: opinion})
	if err != nil {
		t.Fatalf("%s by %s: %v", action, act.Login, err)
	}
	return a
}
