package cli_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The admin adds robots with their secrets in files; nothing a command
// prints afterwards — channel status, user and article output, the history,
// the audit chain in a verify, errors — carries a secret. A user sets their
// own address; a writer cannot touch office channels.
func TestNotifyCommandsKeepSecrets(t *testing.T) {
	o := newOffice(t)
	var mu sync.Mutex
	var bodies []string
	fail := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		bodies = append(bodies, string(b))
		if fail {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	const key, secret = "KEY-7f3a9c-SECRET", "SEC-ding-0b1e-SECRET"
	urlFile, secretFile := filepath.Join(dir, "ding.url"), filepath.Join(dir, "ding.secret")
	os.WriteFile(urlFile, []byte(srv.URL+"/robot/send?access_token="+key+"\n"), 0o600)
	os.WriteFile(secretFile, []byte(secret+"\n"), 0o600)

	o.fails(4, "admin", "", "--as", "liwei", "notify", "add", "ding", "--kind", "dingtalk", "--url-file", urlFile)
	o.fails(2, "--kind", "", "--as", "admin", "notify", "add", "ding", "--kind", "slack", "--url-file", urlFile)
	o.fails(2, "unknown event", "", "--as", "admin", "notify", "add", "ding", "--kind", "dingtalk", "--url-file", urlFile, "--events", "submit,lunch")
	out := o.ok("", "--as", "admin", "notify", "add", "ding", "--kind", "dingtalk", "--url-file", urlFile, "--secret-file", secretFile)
	if !strings.Contains(out, "channel ding added (DingTalk, http://127.0.0.1:") || !strings.Contains(out, "signed") {
		t.Fatalf("add: %s", out)
	}
	o.ok("", "--as", "admin", "notify", "set", "--act", "ssh -p 23234 desk.example.edu", "--deadline", "24h", "--escalate", "12h")
	o.ok("", "--as", "admin", "notify", "set", "--stage", "主编签发", "--deadline-next-day", "10:00")
	o.fails(2, "time of day", "", "--as", "admin", "notify", "set", "--stage", "主编签发", "--deadline-next-day", "25:00")
	o.ok("", "--as", "liwei", "me", "notify", "--email", "liwei@example.edu", "--events", "return,mention")
	o.fails(2, "not an e-mail address", "", "--as", "liwei", "me", "notify", "--email", "liwei at example")
	if out := o.ok("", "--as", "liwei", "me", "notify"); !strings.Contains(out, "liwei@example.edu") || !strings.Contains(out, "return,mention") {
		t.Fatalf("me notify: %s", out)
	}

	// The test message fails (HTTP 502): the error is shown, the key is not.
	r := o.run("", "--as", "admin", "notify", "test", "ding")
	if r.code == 0 || !strings.Contains(r.stdout+r.stderr, "HTTP 502") {
		t.Fatalf("test against a failing robot: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	mu.Lock()
	fail = false
	mu.Unlock()
	o.ok("", "--as", "admin", "notify", "retry", "--all")
	out = o.ok("", "--as", "admin", "notify", "run", "--once")
	if !strings.Contains(out, "sent 1") {
		t.Fatalf("run --once: %s", out)
	}
	o.ok("", "--as", "admin", "notify", "test", "ding")

	// A workflow step queues a notice; run sends it.
	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--file", "-"))
	o.ok("", "--as", "liwei", "article", "submit", id)
	o.ok("", "--as", "admin", "notify", "run", "--once")
	mu.Lock()
	last := bodies[len(bodies)-1]
	mu.Unlock()
	var msg struct {
		Msgtype string
		Text    struct{ Content string }
	}
	json.Unmarshal([]byte(last), &msg)
	if msg.Msgtype != "text" || !strings.Contains(msg.Text.Content, "李伟 提交了稿件《学院召开安全稳定工作会议》") ||
		!strings.Contains(msg.Text.Content, "ssh -p 23234 desk.example.edu article approve "+id+" -m 意见") {
		t.Fatalf("robot message: %s", last)
	}

	var printed strings.Builder
	for _, args := range [][]string{
		{"notify", "status"}, {"notify", "status", "--json"}, {"user", "list"}, {"article", "show", id},
		{"article", "show", id, "--json"}, {"article", "history", id}, {"verify"}, {"--as", "liwei", "me", "notify"},
	} {
		r := o.run("", args...)
		printed.WriteString(r.stdout + r.stderr)
	}
	if !strings.Contains(printed.String(), "DingTalk") || !strings.Contains(printed.String(), "deadline every stage: 1 day, then the chief after 12 hours") ||
		!strings.Contains(printed.String(), "deadline 主编签发: before 10:00 next day") {
		t.Fatalf("status does not show the channel and deadline:\n%s", printed.String())
	}
	for _, s := range []string{key, secret} {
		if strings.Contains(printed.String(), s) {
			t.Fatalf("%q was printed:\n%s", s, printed.String())
		}
	}
	raw, _ := os.ReadFile(o.db)
	if !strings.Contains(string(raw), key) {
		t.Fatal("the key is not in the database at all: the test looks in the wrong place")
	}
	// A backup for someone who is not an admin leaves the secrets out.
	redacted, full := filepath.Join(dir, "redacted.db"), filepath.Join(dir, "full.db")
	o.ok("", "backup", redacted, "--without-secrets")
	o.ok("", "backup", full)
	rraw, _ := os.ReadFile(redacted)
	fraw, _ := os.ReadFile(full)
	if !strings.Contains(string(fraw), key) {
		t.Fatal("the plain backup lacks the key: the test looks in the wrong place")
	}
	if strings.Contains(string(rraw), key) || strings.Contains(string(rraw), secret) {
		t.Fatal("a secret is in the backup made --without-secrets")
	}
	if !strings.Contains(string(rraw), "学院召开安全稳定工作会议") {
		t.Fatal("the redacted backup lost the articles")
	}
	copyOf := &office{t: t, db: redacted, lang: "en_US.UTF-8"}
	if out := copyOf.ok("", "verify"); !strings.Contains(out, "ok") {
		t.Fatalf("verify on the redacted backup: %s", out)
	}
	copyOf.ok("", "check")
	if out := copyOf.ok("", "notify", "status"); !strings.Contains(out, "ding") {
		t.Fatalf("the redacted backup lost the channel list: %s", out)
	}
	o.ok("", "--as", "admin", "notify", "remove", "ding")
	o.fails(1, "no such notification channel", "", "--as", "admin", "notify", "remove", "ding")
}
