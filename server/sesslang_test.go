package server_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

// langOffice is an office where chen chose English (user edit --lang en)
// and nobody else chose; data is everything the office wrote that a
// screen may show.
func langOffice(t *testing.T) (o *office, title, data string) {
	t.Helper()
	o = newOffice(t)
	title = "学校召开2025年宣传思想工作会议"
	o.article(t, o.chen, title, "会议指出，要守正创新。\n")
	en := "en"
	if _, err := o.st.EditUser(o.chen.actor(), "chen", store.UserEdit{Lang: &en}); err != nil {
		t.Fatal(err)
	}
	return o, title, strings.Join([]string{title, "会议指出，要守正创新。", o.wang.display, o.li.display, o.zhao.display, o.chen.display}, "\n")
}

// openTermEnv is openTerm with environment variables the client sends
// before the PTY (ssh -o SetEnv=…).
func openTermEnv(t *testing.T, c *gossh.Client, env map[string]string) *term {
	t.Helper()
	tm := &term{done: make(chan struct{})}
	var err error
	if tm.sess, err = c.NewSession(); err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if err := tm.sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := tm.sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := tm.sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	tm.sess.Stderr = tm
	if tm.stdin, err = tm.sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := tm.sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			tm.Write(buf[:n])
			if err != nil {
				break
			}
		}
		err := tm.sess.Wait()
		tm.mu.Lock()
		tm.exit = err
		tm.mu.Unlock()
		close(tm.done)
	}()
	t.Cleanup(func() { tm.sess.Close() })
	return tm
}

// speaks checks that screen is wholly in lang: English shows no Chinese
// but the office's own text (langcheck.ForeignHan), Chinese no English
// words but names and keys (langcheck.English).
func speaks(t *testing.T, who string, lang locale.Lang, screen, data string, allow ...string) {
	t.Helper()
	if lang == locale.EN {
		if han := langcheck.ForeignHan(screen, data); len(han) > 0 {
			t.Errorf("%s: the English session shows Chinese interface text %q:\n%s", who, han, screen)
		}
		return
	}
	allow = append(allow, "copydesk", "wang", "li", "zhao", "chen", "q", "n", "m", "E", "W", "N", "T", "j", "k", "pgup", "pgdn", "home", "end", "ctrl", "enter")
	if en := langcheck.English(screen, allow...); len(en) > 0 {
		t.Errorf("%s: the Chinese session shows English %q:\n%s", who, en, screen)
	}
}

// Two workstations of one server speak two languages at the same time:
// chen chose English (user edit --lang en) and is not overruled by a
// Chinese LANG from the client; zhao chose nothing and his client sends
// nothing (the server's default, zh-CN); li chose nothing and his client
// sends LANG=en_US.UTF-8. All three work at once (run with -race: nothing
// of one session's language is shared), and commands over SSH in the same
// moment follow the same rule.
func TestSessionsSpeakTheirOwnLanguage(t *testing.T) {
	o, title, data := langOffice(t)
	ts := start(t, o, nil)
	type sess struct {
		u    *user
		env  map[string]string
		lang locale.Lang
		home string // what the home screen must show
	}
	sessions := []sess{
		{o.chen, map[string]string{"LANG": "zh_CN.UTF-8"}, locale.EN, "My queues"},
		{o.zhao, nil, locale.ZH, locale.T(locale.ZH, "TUIMyQueues")},
		{o.li, map[string]string{"LANG": "en_US.UTF-8"}, locale.EN, "My queues"},
	}
	terms := make([]*term, len(sessions))
	for i, s := range sessions {
		terms[i] = openTermEnv(t, ts.dial(t, s.u), s.env)
	}
	var wg sync.WaitGroup
	for i, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tm := terms[i]
			tm.waitFor(t, 0, 20*time.Second, s.home)
			from := tm.rawLen()
			fmt.Fprint(tm.stdin, "?") // the help screen, drawn while the others draw theirs
			help := tm.waitFor(t, from, 10*time.Second, locale.T(s.lang, "TUIKeyQuit"))
			speaks(t, s.u.login+" help", s.lang, help, data)
			fmt.Fprint(tm.stdin, "\x1b")
		}()
	}
	// Commands at the same moment, in the same languages.
	cmds := []struct {
		u    *user
		lang string // the client's LANG
		want locale.Lang
	}{
		{o.chen, "zh_CN.UTF-8", locale.EN}, // the user's setting wins
		{o.li, "en_US.UTF-8", locale.EN},   // the client's LANG
		{o.zhao, "", locale.ZH},            // nothing: the server's default
		{o.wang, "C.UTF-8", locale.ZH},     // C chooses nothing
	}
	for _, c := range cmds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := ts.dial(t, c.u)
			r := runLang(t, cl, c.lang, "", "whoami")
			if r.code != 0 {
				t.Errorf("%s whoami: %+v", c.u.login, r)
				return
			}
			// "chen (陈晨) writer" / "zhao (赵丽焕) 主编": the role names the language
			speaks(t, c.u.login+" whoami", c.want, r.stdout, data, c.u.login)
			r = runLang(t, cl, c.lang, "", "article show 999")
			speaks(t, c.u.login+" article show 999", c.want, r.stderr, data, c.u.login)
		}()
	}
	wg.Wait()
	for i, s := range sessions {
		speaks(t, s.u.login+" home", s.lang, terms[i].screen(), data)
		if s.u == o.chen && !strings.Contains(terms[i].screen(), title) { // his draft; the others may not see it
			t.Errorf("%s: the home screen does not list the article:\n%s", s.u.login, terms[i].screen())
		}
		fmt.Fprint(terms[i].stdin, "q")
	}
}

// A server started with COPYDESK_LANG=en (Config.Lang) speaks English to a
// session whose user and client chose nothing, and still Chinese to one
// whose client asks for it.
func TestServerDefaultLanguage(t *testing.T) {
	o, _, data := langOffice(t)
	ts := start(t, o, func(c *server.Config) { c.Lang = locale.EN })
	zhao := ts.dial(t, o.zhao)
	tm := openTermEnv(t, zhao, nil)
	speaks(t, "zhao, server default en", locale.EN, tm.waitFor(t, 0, 20*time.Second, "My queues"), data)
	fmt.Fprint(tm.stdin, "q")
	r := runLang(t, ts.dial(t, o.li), "zh_CN.UTF-8", "", "whoami")
	speaks(t, "li, LANG=zh_CN", locale.ZH, r.stdout, data, "li")
	if r := runLang(t, ts.dial(t, o.wang), "", "", "whoami"); !strings.Contains(r.stdout, "writer") {
		t.Errorf("wang with nothing sent on an English server: %q", r.stdout)
	}
}

// The same over the real OpenSSH client, in two tmux panes side by side:
// chen's workstation in English (his setting), zhao's in Chinese, and
// commands with -o SetEnv=LANG=….
func TestOpenSSHSessionsSpeakTheirOwnLanguage(t *testing.T) {
	tx := newTmux(t)
	o, title, data := langOffice(t)
	ts := start(t, o, nil)
	chen, zhao := newSSHClient(t, ts.addr, o.chen), newSSHClient(t, ts.addr, o.zhao) // chen's draft is his: zhao's home does not list it
	tx.cmd("new-session", "-d", "-s", "main", "-x", "100", "-y", "30", "ssh -tt -o SetEnv=LANG=zh_CN.UTF-8 "+shellJoin(chen.args()))
	tx.cmd("new-window", "-d", "-t", "main:1", "ssh -tt "+shellJoin(zhao.args()))
	en := tx.waitPane(20*time.Second, "My queues")
	zhQueues := locale.T(locale.ZH, "TUIMyQueues")
	var zh string
	deadline := time.Now().Add(20 * time.Second)
	for {
		zh = tx.cmd("capture-pane", "-p", "-t", "main:1")
		if strings.Contains(zh, zhQueues) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	en = tx.waitPane(10*time.Second, title)
	speaks(t, "chen over OpenSSH", locale.EN, en, data)
	speaks(t, "zhao over OpenSSH", locale.ZH, zh, data)
	if !strings.Contains(zh, zhQueues) {
		t.Errorf("zhao's pane is not the Chinese home:\n%s", zh)
	}
	tx.cmd("send-keys", "-t", "main:0", "q")
	tx.cmd("send-keys", "-t", "main:1", "q")

	r := chen.runEnv(t, "LANG=zh_CN.UTF-8", "whoami")
	speaks(t, "chen whoami over OpenSSH", locale.EN, r.stdout, data)
	r = newSSHClient(t, ts.addr, o.li).runEnv(t, "LANG=en_US.UTF-8", "whoami")
	if r.code != 0 || !strings.Contains(r.stdout, "reviewer") {
		t.Errorf("li with LANG=en_US over OpenSSH: %+v", r)
	}
	r = zhao.run(t, "", "whoami")
	speaks(t, "zhao whoami over OpenSSH", locale.ZH, r.stdout, data, "zhao")
}

// runEnv is run with ssh -o SetEnv=kv before the host.
func (c *sshClient) runEnv(t testing.TB, kv string, args ...string) result {
	t.Helper()
	return c.runOpts(t, []string{"-o", "SetEnv=" + kv}, "", args...)
}
