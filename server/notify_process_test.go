package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/store"
)

// copydesk serve sends notifications: a submit over SSH reaches the group
// webhook while the server runs, and notify status over SSH is refused to
// a writer.
func TestServeSendsNotifications(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	o := newOffice(t)
	var mu sync.Mutex
	var got []map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		raw, _ := io.ReadAll(r.Body)
		json.Unmarshal(raw, &m)
		mu.Lock()
		got = append(got, m)
		mu.Unlock()
	}))
	defer srv.Close()
	if err := o.st.AddChannel(store.Actor{Login: "wang"}, store.Channel{Name: "group", Kind: "webhook", Where: "local"},
		store.ChannelSecret{URL: srv.URL + "/hook?token=SERVE-SECRET"}); err != nil {
		t.Fatal(err)
	}
	id := o.article(t, o.chen, "通知测试稿件", "原文。\n")
	p := startServe(t, o)
	c, err := gossh.Dial("tcp", p.addr, clientConfig(o.chen.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if r := run(t, c, "", fmt.Sprint("article submit ", id)); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	waitUntil(t, 10*time.Second, "the webhook to get the submit", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 1
	})
	mu.Lock()
	m := got[0]
	mu.Unlock()
	if m["event"] != "submit" || m["title"] != "通知测试稿件" || m["actor"] != "chen" {
		t.Errorf("webhook body: %v", m)
	}
	if r := run(t, c, "", "notify status"); r.code != 4 {
		t.Errorf("a writer ran notify status over SSH: %+v", r)
	}
	admin, err := gossh.Dial("tcp", p.addr, clientConfig(o.wang.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// notify test over SSH is sent by the running server at once.
	if r := run(t, admin, "", "notify test group"); r.code != 0 {
		t.Fatalf("notify test over SSH: %+v", r)
	}
	waitUntil(t, 10*time.Second, "the test message", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 2 && got[1]["event"] == "test"
	})
	var r result
	waitUntil(t, 10*time.Second, "notify status to count both", func() bool { // the outcome is recorded just after the send
		r = run(t, admin, "", "notify status")
		return r.code == 0 && strings.Contains(r.stdout, "2 条已发")
	})
	// Secrets typed on the command line stay out of the server's log.
	if r := run(t, admin, "", "notify add cms --kind webhook --url http://127.0.0.1:9/x?token=ARG-TOKEN --secret=ARG-SIGN"); r.code != 0 {
		t.Fatalf("notify add over SSH: %+v", r)
	}
	// A personal webhook must be https, and one on this machine needs the
	// admin's leave (SSRF guard).
	if r := run(t, admin, "", "notify set --webhook-allow 127.0.0.1"); r.code != 0 {
		t.Fatalf("notify set --webhook-allow over SSH: %+v", r)
	}
	if r := run(t, c, "", "me notify --webhook https://127.0.0.1:9/me?token=ME-TOKEN --secret ME-SIGN"); r.code != 0 {
		t.Fatalf("me notify over SSH: %+v", r)
	}
	waitUntil(t, 5*time.Second, "the commands in the log", func() bool { return strings.Contains(p.log.String(), "me notify --webhook ***") })
	for _, secret := range []string{"SERVE-SECRET", "ARG-TOKEN", "ARG-SIGN", "ME-TOKEN", "ME-SIGN"} {
		if strings.Contains(p.log.String()+r.stdout, secret) {
			t.Errorf("%s reached the log or the status:\n%s", secret, p.log.String())
		}
	}
}
