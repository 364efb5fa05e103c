package notify_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

var (
	admin    = store.Actor{Login: "admin"}
	liwei    = store.Actor{Login: "liwei"}    // writer 李伟
	wangyin  = store.Actor{Login: "wangyin"}  // reviewer 王音
	chenfang = store.Actor{Login: "chenfang"} // reviewer 陈芳
	shenjl   = store.Actor{Login: "shenjl"}   // chief 沈建龙
)

func openOffice(t testing.TB, opts store.Options) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copydesk.db")
	if opts.Timeout == 0 {
		opts.Timeout = 2 * time.Second
	}
	st, err := store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, u := range []model.User{
		{Login: "admin", Display: "管理员", Roles: []model.Role{model.RoleAdmin}},
		{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}},
		{Login: "wangyin", Display: "王音", Roles: []model.Role{model.RoleReviewer}},
		{Login: "chenfang", Display: "陈芳", Roles: []model.Role{model.RoleReviewer}},
		{Login: "shenjl", Display: "沈建龙", Roles: []model.Role{model.RoleChief}},
	} {
		act := admin
		if u.Login == "admin" {
			act = store.Actor{}
		}
		if _, err := st.AddUser(act, u); err != nil {
			t.Fatal(err)
		}
	}
	// The test receivers listen on this machine: the office allows the
	// host, as an admin would for an internal service (guard.go).
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error {
		ns.WebhookAllow = []string{"127.0.0.1"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return st
}

const title = "学院召开党委理论学习中心组学习会"

func newArticle(t testing.TB, st *store.Store) *model.Article {
	t.Helper()
	a, err := st.Create(liwei, model.Content{Kind: model.KindNews, Title: title, Source: "党委宣传部",
		Body: "11月20日，学院召开党委理论学习中心组学习会。\n\n会议要求各单位抓好落实。\n"}, "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func decide(t testing.TB, st *store.Store, act store.Actor, id uint64, action model.Action, opinion string) {
	t.Helper()
	h, err := st.Get(id) // the decider read the head
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(act, id, store.Decision{Action: action, Opinion: opinion, Rev: h.Rev, Hash: h.Hash}); err != nil {
		t.Fatalf("%s by %s: %v", action, act.Login, err)
	}
}

// hit is one request a receiver got.
type hit struct {
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	At     time.Time
}

// receiver is a local HTTP server standing in for a robot or webhook. It
// answers the first failFirst requests with HTTP 500, then with answer;
// check may refuse a request (HTTP 400) and records why.
type receiver struct {
	mu        sync.Mutex
	hits      []hit
	failFirst int
	answer    string
	check     func(h hit) error
	problems  []string
	srv       *httptest.Server
}

func newReceiver(t testing.TB, answer string, check func(h hit) error) *receiver {
	r := &receiver{answer: answer, check: check}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		h := hit{Path: req.URL.Path, Query: req.URL.RawQuery, Header: req.Header.Clone(), Body: body, At: time.Now()}
		r.mu.Lock()
		r.hits = append(r.hits, h)
		n := len(r.hits)
		r.mu.Unlock()
		if r.check != nil {
			if err := r.check(h); err != nil {
				r.mu.Lock()
				r.problems = append(r.problems, err.Error())
				r.mu.Unlock()
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
		}
		if n <= r.failFirst {
			http.Error(w, "temporarily unavailable", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, r.answer)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) got() []hit {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hit(nil), r.hits...)
}

func (r *receiver) issues() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.problems...)
}

func addChannel(t testing.TB, st *store.Store, ch store.Channel, sec store.ChannelSecret) {
	t.Helper()
	ch.Where = notify.Redact(sec.URL)
	if err := st.AddChannel(admin, ch, sec); err != nil {
		t.Fatal(err)
	}
}

func pass(t testing.TB, d *notify.Dispatcher) notify.Stats {
	t.Helper()
	s, err := d.Pass(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func jsonOf(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	return m
}
