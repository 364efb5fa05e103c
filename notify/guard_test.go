package notify_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// A personal webhook cannot make the server reach internal services
// (issue 14, SSRF): a real HTTPS server on this machine, named by a host
// name that resolves to 127.0.0.1, receives nothing — the dialled address
// is checked, after DNS — until an admin allows the host; plain http and
// literal internal addresses are refused when the address is set.
func TestPersonalWebhookCannotReachInternalServices(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	// openOffice allowed 127.0.0.1 for the other tests; this office
	// starts with no host allowed.
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error { ns.WebhookAllow = nil; return nil }); err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]

	// Set time: http, and literal loopback, private and link-local
	// addresses, are refused with a reason in Chinese.
	for _, u := range []string{"http://example.edu/hook", "https://127.0.0.1:" + port + "/", "https://10.0.0.5/h",
		"https://169.254.169.254/latest/meta-data", "https://[::1]:" + port + "/", "https://192.168.1.1/", "https://100.64.0.1/",
		"https://[::127.0.0.1]:" + port + "/", "https://[::ffff:0:127.0.0.1]:" + port + "/", "https://[::ffff:127.0.0.1]:" + port + "/", "https://[::a00:5]/"} {
		err := st.SetUserNotify(wangyin, store.UserNotify{Login: "wangyin"}, &store.ChannelSecret{URL: u})
		if !errors.Is(err, store.ErrWebhookRefused) {
			t.Errorf("%s accepted as a personal webhook: %v", u, err)
			continue
		}
		if zh := locale.Err(locale.ZH, err); !strings.Contains(zh, "个人 webhook 地址被拒绝") {
			t.Errorf("%s: refusal in zh-CN reads %q", u, zh)
		}
	}

	// A name that resolves to this machine passes the set-time check (it
	// is a name) but not the dial.
	hook := "https://localhost:" + port + "/hook"
	if err := st.SetUserNotify(wangyin, store.UserNotify{Login: "wangyin"}, &store.ChannelSecret{URL: hook}); err != nil {
		t.Fatal(err)
	}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "") // wangyin reviews: a notice for their webhook
	d := &notify.Dispatcher{Store: st, HTTP: srv.Client(), Backoff: time.Millisecond}
	pass(t, d)
	if n := hits.Load(); n != 0 {
		t.Fatalf("the server posted %d time(s) to a webhook on 127.0.0.1", n)
	}
	ob, err := st.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	if len(ob.Failed) != 1 || !strings.Contains(ob.Failed[0].LastError.String(), "127.0.0.1") || !strings.Contains(ob.Failed[0].LastError.String(), "refused") {
		t.Fatalf("the refused delivery is not failed with the reason: %+v (pending %d, retries %+v, sent %d)", ob.Failed, ob.Pending, ob.Retries, ob.Sent)
	}

	// The admin allows the host (audited); the same kind of notice now
	// arrives.
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error { ns.WebhookAllow = []string{"localhost", "127.0.0.1"}; return nil }); err != nil {
		t.Fatal(err)
	}
	// (The test server's certificate names 127.0.0.1, not localhost.)
	if err := st.SetUserNotify(wangyin, store.UserNotify{Login: "wangyin"}, &store.ChannelSecret{URL: srv.URL + "/hook"}); err != nil {
		t.Fatal(err)
	}
	found := false
	if _, err := st.AuditSince(0, 100000, func(r model.AuditRecord) error {
		found = found || r.Actor == "admin" && strings.Contains(r.Detail, `personal webhooks may reach "localhost,127.0.0.1"`)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Error("allowing a host is not in the audit record")
	}
	b := newArticle(t, st)
	decide(t, st, liwei, b.ID, model.ActSubmit, "")
	pass(t, d)
	if n := hits.Load(); n != 1 {
		t.Fatalf("after the admin allowed localhost the webhook got %d posts, want 1", n)
	}
}

// The guard checks the address being dialled, whatever name led to it: a
// redirect from an allowed-looking public answer to an internal address,
// or a name that resolves differently the second time (DNS rebinding),
// ends at the same check. GuardedClient refuses loopback outright.
func TestGuardedClientRefusesInternalDial(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := notify.GuardedClient(srv.Client(), 2*time.Second)
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		resp, err := c.Post(u, "application/json", strings.NewReader("{}"))
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: the guarded client reached it", u)
		} else if !errors.Is(err, store.ErrWebhookRefused) {
			t.Errorf("%s: refused for another reason: %v", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatal("the internal server was reached")
	}
}

// A user's personal webhook holds at most store.MaxUserQueue deliveries:
// a webhook that never answers cannot grow the outbox without bound.
func TestPersonalWebhookQueueIsCapped(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	if err := st.SetUserNotify(wangyin, store.UserNotify{Login: "wangyin"}, &store.ChannelSecret{URL: "https://hook.example.edu/x"}); err != nil {
		t.Fatal(err)
	}
	a := newArticle(t, st)
	for i := 0; i < store.MaxUserQueue+20; i++ {
		if _, err := st.AddComment(liwei, a.ID, 1, 0, fmt.Sprintf("@王音 第 %d 条", i)); err != nil {
			t.Fatal(err)
		}
	}
	ns, err := st.Notices(1000)
	if err != nil {
		t.Fatal(err)
	}
	plan := map[uint64][]store.Delivery{}
	for _, n := range ns {
		plan[n.ID] = []store.Delivery{{ID: fmt.Sprintf("n%d-user-wangyin", n.ID), Notice: n, Channel: "user", Kind: "webhook", Login: "wangyin"}}
	}
	if err := st.FanOut(plan); err != nil {
		t.Fatal(err)
	}
	ob, err := st.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	if ob.Pending != store.MaxUserQueue {
		t.Fatalf("%d deliveries queued for one personal webhook, want the cap %d", ob.Pending, store.MaxUserQueue)
	}
}
