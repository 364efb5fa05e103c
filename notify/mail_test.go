package notify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	netmail "net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// mailpit is a real SMTP server (github.com/axllent/mailpit) on loopback
// ports, read back through its HTTP API.
type mailpit struct {
	smtpPort int
	api      string
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startMailpit runs mailpit for the test. Without the binary the test is
// skipped locally and fails under CI (.ci/run installs it).
func startMailpit(t testing.TB) *mailpit {
	t.Helper()
	bin, err := exec.LookPath("mailpit")
	if err != nil {
		gobin := filepath.Join(os.Getenv("HOME"), "go", "bin", "mailpit")
		if p, e := exec.Command("go", "env", "GOPATH").Output(); e == nil {
			gobin = filepath.Join(strings.TrimSpace(string(p)), "bin", "mailpit")
		}
		if _, e := os.Stat(gobin); e != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("mailpit is not installed; .ci/run installs it with go install github.com/axllent/mailpit@v1.33.1")
			}
			t.Skip("mailpit not installed: go install github.com/axllent/mailpit@v1.33.1")
		}
		bin = gobin
	}
	m := &mailpit{smtpPort: freePort(t)}
	httpPort := freePort(t)
	m.api = fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin,
		"--smtp", fmt.Sprintf("127.0.0.1:%d", m.smtpPort), "--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--disable-version-check", "--smtp-disable-rdns",
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--quiet")
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(m.api + "/api/v1/messages")
		if err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", m.smtpPort)); err == nil {
				c.Close()
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type mpAddress struct{ Name, Address string }

type mpSummary struct {
	ID        string
	MessageID string
	From      mpAddress
	To        []mpAddress
	Subject   string
}

func (m *mailpit) get(t testing.TB, path string, v any) []byte {
	t.Helper()
	resp, err := http.Get(m.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("mailpit %s: %d %s", path, resp.StatusCode, raw)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("mailpit %s: %v", path, err)
		}
	}
	return raw
}

func (m *mailpit) messages(t testing.TB) []mpSummary {
	var r struct{ Messages []mpSummary }
	m.get(t, "/api/v1/messages", &r)
	return r.Messages
}

// An approval reaches the chief by e-mail through a real SMTP server: the
// right recipients, a Chinese subject, a UTF-8 quoted-printable body that
// decodes to the opinion and the article link, and the delivery ID as the
// Message-ID.
func TestEmailThroughMailpit(t *testing.T) {
	mp := startMailpit(t)
	st := openOffice(t, store.Options{NoSync: true})
	if err := st.AddChannel(admin, store.Channel{Name: "mail", Kind: "smtp", SMTPHost: "127.0.0.1", SMTPPort: mp.smtpPort,
		SMTPUser: "desk", From: "desk@example.edu", TLS: "none", Where: "127.0.0.1"}, store.ChannelSecret{Password: "smtp-pass-123"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error {
		ns.Act, ns.Link = "ssh -p 23234 desk.example.edu", "https://desk.example.edu/a/{id}"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for login, addr := range map[string]string{"liwei": "liwei@example.edu", "shenjl": "shenjl@example.edu", "chenfang": "chenfang@example.edu"} {
		if err := st.SetUserNotify(store.Actor{Login: login}, store.UserNotify{Login: login, Email: addr}, nil); err != nil {
			t.Fatal(err)
		}
	}
	// 陈芳 wants only mentions; she is a reviewer, so a submit is not for her.
	if err := st.SetUserNotify(chenfang, store.UserNotify{Login: "chenfang", Email: "chenfang@example.edu", Events: []store.NoticeKind{store.NoticeMention}}, nil); err != nil {
		t.Fatal(err)
	}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	opinion := "同意发布。会议时间、出席人员已核实，请主编签发。"
	decide(t, st, wangyin, a.ID, model.ActApprove, opinion)
	d := &notify.Dispatcher{Store: st}
	s := pass(t, d)
	if s.Sent != 2 || s.Failed+s.GaveUp != 0 {
		ob, _ := st.Outbox()
		t.Fatalf("pass %+v; outbox %+v", s, ob)
	}
	msgs := mp.messages(t)
	if len(msgs) != 2 {
		t.Fatalf("mailpit got %d messages: %+v", len(msgs), msgs)
	}
	byTo := map[string]mpSummary{}
	for _, m := range msgs {
		if len(m.To) != 1 {
			t.Fatalf("message to %v: one recipient each", m.To)
		}
		byTo[m.To[0].Address] = m
	}
	chief, ok := byTo["shenjl@example.edu"]
	if !ok || chief.To[0].Name != "沈建龙" || chief.From.Address != "desk@example.edu" {
		t.Fatalf("the chief's message: %+v", byTo)
	}
	if _, ok := byTo["liwei@example.edu"]; !ok {
		t.Fatalf("the author was not told of the approval: %+v", byTo)
	}
	if _, ok := byTo["chenfang@example.edu"]; ok {
		t.Fatal("陈芳 asked for mentions only, yet got the approval")
	}
	if chief.Subject != "[copydesk] 待主编签发：《"+title+"》" {
		t.Errorf("subject %q", chief.Subject)
	}
	if !strings.HasPrefix(chief.MessageID, "n") || !strings.HasSuffix(chief.MessageID, "-mail-shenjl@copydesk") {
		t.Errorf("Message-ID %q is not the delivery ID", chief.MessageID)
	}
	var full struct{ Text string }
	mp.get(t, "/api/v1/message/"+chief.ID, &full)
	for _, want := range []string{
		"王音 在「审核」通过了《" + title + "》，现等待「主编签发」。",
		"意见：" + opinion,
		"ssh -p 23234 desk.example.edu article signoff 1 -m 意见",
		"链接：https://desk.example.edu/a/1",
		"消息编号 " + strings.TrimSuffix(chief.MessageID, "@copydesk"),
	} {
		if !strings.Contains(full.Text, want) {
			t.Errorf("body lacks %q:\n%s", want, full.Text)
		}
	}
	raw := string(mp.get(t, "/api/v1/message/"+chief.ID+"/raw", nil))
	if !strings.Contains(raw, "charset=UTF-8") || !strings.Contains(raw, "Content-Transfer-Encoding: quoted-printable") {
		t.Errorf("the body is not declared UTF-8 quoted-printable:\n%s", raw)
	}
	parsed, err := netmail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subj := parsed.Header.Get("Subject")
	decoded, err := new(mime.WordDecoder).DecodeHeader(subj)
	if !strings.HasPrefix(subj, "=?UTF-8?") || err != nil || decoded != chief.Subject {
		t.Errorf("the Chinese subject is not an RFC 2047 UTF-8 encoded word: %q → %q (%v)", subj, decoded, err)
	}
	if parsed.Header.Get("X-Copydesk-Id") != strings.TrimSuffix(chief.MessageID, "@copydesk") {
		t.Errorf("X-Copydesk-Id %q", parsed.Header.Get("X-Copydesk-Id"))
	}
	if strings.Contains(raw, "smtp-pass-123") {
		t.Error("the SMTP password is in the message")
	}

	// A mention reaches 陈芳, who asked for mentions only.
	if _, err := st.AddComment(shenjl, a.ID, 1, 1, "@陈芳 请再核对第二段的@未知人员 名单"); err != nil {
		t.Fatal(err)
	}
	pass(t, d)
	msgs = mp.messages(t)
	var mention *mpSummary
	for i := range msgs {
		if msgs[i].To[0].Address == "chenfang@example.edu" {
			mention = &msgs[i]
		}
	}
	if mention == nil || mention.Subject != "[copydesk] 提到您：《"+title+"》" {
		t.Fatalf("no mention mail for 陈芳: %+v", msgs)
	}
	mp.get(t, "/api/v1/message/"+mention.ID, &full)
	if !strings.Contains(full.Text, "沈建龙 在《"+title+"》中提到了您。") || !strings.Contains(full.Text, "@未知人员 名单") {
		t.Errorf("mention body:\n%s", full.Text)
	}
}
