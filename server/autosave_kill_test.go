package server_test

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Fault 9.5 with the real program and a real kill: the copydesk command
// (this test binary acting as it, see TestMain: cli.Run as main runs it)
// in tmux, locally and behind the OpenSSH client against copydesk serve.
// Text typed into an article's body and into its 稿件信息 form reaches the
// working copy a moment after typing pauses; the process is then killed
// with SIGKILL (locally the TUI itself, over SSH the ssh client: the link
// drops with nothing said). Started again, the TUI offers both back, and
// no revision was made.

const (
	killedBody   = "会议要求各单位认真落实。"
	killedSource = "学院办公室" // typed into the empty 资讯来源
)

// keepServer starts a session that outlives the ones killed, so the
// private tmux server does not exit (and race the next new-session) when
// the last of them goes.
func keepServer(tx *tmux) { tx.cmd("new-session", "-d", "-s", "keep", "cat") }

// waitAll waits until the pane shows every one of want, and returns it.
func (tm *tmux) waitAll(d time.Duration, want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		pane := tm.cmd("capture-pane", "-p", "-t", "main")
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(pane, w)
		}
		if ok {
			return pane
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("after %s the pane does not show all of %q:\n%s", d, want, pane)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// typeAndKill opens draft 1 from the home screen, types into its body and
// into its 稿件信息 form, waits until each is autosaved (the status line
// says 已暂存 after 未保存) and kills the pane's process with SIGKILL.
func typeAndKill(t *testing.T, tx *tmux) {
	t.Helper()
	keys := func(k ...string) { tx.cmd(append([]string{"send-keys", "-t", "main"}, k...)...) }
	tx.waitAll(15*time.Second, "草稿 1")
	keys("Enter")
	tx.waitAll(5*time.Second, "编辑 #1", "原文第一段。")
	keys("C-End")
	keys("-l", killedBody)
	tx.waitAll(5*time.Second, "原文第一段。"+killedBody, "未保存")
	tx.waitAll(5*time.Second, "已暂存")
	keys("C-o")
	tx.waitAll(5*time.Second, "资讯来源")
	keys("Tab") // 副标题 → 资讯来源
	keys("-l", "学院办公室")
	tx.waitAll(5*time.Second, "> "+killedSource, "未保存")
	tx.waitAll(5*time.Second, "已暂存")
	killPane(t, tx)
}

// killPane kills the process of the pane with SIGKILL and waits until its
// session is gone.
func killPane(t *testing.T, tx *tmux) {
	t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(tx.cmd("display-message", "-p", "-t", "main", "#{pane_pid}")))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// the pane's only process is gone: so is the session
	for deadline := time.Now().Add(5 * time.Second); exec.Command("tmux", "-L", tx.socket, "has-session", "-t", "main").Run() == nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the killed process's pane is still there")
		}
	}
}

// offeredBack opens draft 1 again and checks the body and the form's
// field come back, restored from the working copy.
func offeredBack(t *testing.T, tx *tmux) {
	t.Helper()
	keys := func(k ...string) { tx.cmd(append([]string{"send-keys", "-t", "main"}, k...)...) }
	tx.waitAll(15*time.Second, "草稿 1")
	keys("Enter")
	tx.waitAll(5*time.Second, "编辑 #1", "已恢复", "原文第一段。"+killedBody)
	keys("C-o")
	tx.waitAll(5*time.Second, "资讯来源", "> "+killedSource)
	keys("Escape")
}

// noRevision checks article 1 as `article show 1 --json` prints it: still
// revision 1, its text as created.
func noRevision(t *testing.T, out []byte) {
	t.Helper()
	var a struct {
		Rev     int `json:"rev"`
		Content struct {
			Source string `json:"source"`
			Body   string `json:"body"`
		} `json:"content"`
	}
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatalf("article show --json: %v\n%s", err, out)
	}
	if a.Rev != 1 || strings.Contains(a.Content.Body, killedBody) || a.Content.Source == killedSource {
		t.Fatalf("typing made a revision: rev %d source %q body %q", a.Rev, a.Content.Source, a.Content.Body)
	}
}

// killedOffice is the office of these tests (chen's draft 1) and a
// private tmux server.
func killedOffice(t *testing.T) (*tmux, *office) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs copydesk in tmux")
	}
	tx := newTmux(t)
	keepServer(tx)
	o := newOffice(t)
	o.article(t, o.chen, "秋季开学工作部署", "原文第一段。\n")
	return tx, o
}

// killAndReopen runs command (the TUI, or ssh to it) in a 100×30 pane,
// types and kills it, runs it again, checks the text is offered back and
// kills it again.
func killAndReopen(t *testing.T, tx *tmux, command string) {
	t.Helper()
	tx.cmd("new-session", "-d", "-s", "main", "-x", "100", "-y", "30", command)
	typeAndKill(t, tx)
	tx.cmd("new-session", "-d", "-s", "main", "-x", "100", "-y", "30", command)
	offeredBack(t, tx)
	killPane(t, tx)
}

func TestAutosaveSurvivesKillLocal(t *testing.T) {
	tx, o := killedOffice(t)
	db := o.st.Path()
	if err := o.st.Close(); err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("copydesk")
	if err != nil {
		t.Fatal(err)
	}
	killAndReopen(t, tx, "exec env LANG=zh_CN.UTF-8 TERM=xterm-256color "+shellJoin([]string{bin, "--db", db, "--as", "chen"}))
	out, err := exec.Command(bin, "--db", db, "article", "show", "1", "--json", "--as", "chen").CombinedOutput()
	if err != nil {
		t.Fatalf("article show: %v\n%s", err, out)
	}
	noRevision(t, out)
}

// Over SSH the ssh client is killed: the link drops with nothing said.
func TestAutosaveSurvivesDroppedLinkOpenSSH(t *testing.T) {
	tx, o := killedOffice(t)
	p := startServe(t, o)
	c := newSSHClient(t, p.addr, o.chen)
	killAndReopen(t, tx, "exec ssh -tt "+shellJoin(c.args()))
	r := c.run(t, "", "article", "show", "1", "--json")
	if r.code != 0 {
		t.Fatalf("article show over ssh: %+v", r)
	}
	noRevision(t, []byte(r.stdout))
}
