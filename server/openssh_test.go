package server_test

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
)

// sshClient runs the OpenSSH client with a key against host:port.
type sshClient struct {
	key, host, port string
}

func newSSHClient(t testing.TB, addr string, u *user) *sshClient {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return &sshClient{key: u.keyFile(t), host: host, port: port}
}

func (c *sshClient) args(extra ...string) []string {
	return append([]string{
		"-F", "/dev/null", "-i", c.key, "-p", c.port,
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
		c.host,
	}, extra...)
}

// run runs `ssh … args` with stdin and returns stdout, stderr, exit status.
func (c *sshClient) run(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	return c.runOpts(t, nil, stdin, args...)
}

// runOpts is run with OpenSSH options before the host (-o SetEnv=…).
func (c *sshClient) runOpts(t testing.TB, opts []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command("ssh", append(opts, c.args(args...)...)...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("ssh: %v", err)
	}
	return result{out.String(), errb.String(), code}
}

func TestOpenSSHCommands(t *testing.T) {
	needTool(t, "ssh")
	o := newOffice(t)
	ts := start(t, o, nil)
	wang := newSSHClient(t, ts.addr, o.wang)

	r := wang.run(t, "今天上午，学校召开2025年宣传思想工作会议。\n", "article", "new", "--title", "宣传思想工作会议召开", "--file", "-")
	if r.code != 0 {
		t.Fatalf("article new: %+v", r)
	}
	id := strings.TrimSpace(r.stdout)
	if r := wang.run(t, "", "article", "list"); r.code != 0 || !strings.Contains(r.stdout, "宣传思想工作会议召开") {
		t.Fatalf("article list: %+v", r)
	}

	// pull > a.md, edit in "any editor", push < a.md
	dir := t.TempDir()
	file := filepath.Join(dir, "a.md")
	pull := exec.Command("sh", "-c", fmt.Sprintf("ssh %s > %s", shellJoin(wang.args("article", "pull", id)), file))
	if out, err := pull.CombinedOutput(); err != nil {
		t.Fatalf("pull > a.md: %v %s", err, out)
	}
	raw, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(raw), "rev: 1") {
		t.Fatalf("pulled file: %q %v", raw, err)
	}
	stale := string(raw)
	if err := os.WriteFile(file, bytes.Replace(raw, []byte("学校召开"), []byte("学校隆重召开"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	push := exec.Command("sh", "-c", fmt.Sprintf("ssh %s < %s", shellJoin(wang.args("article", "push", id)), file))
	if out, err := push.CombinedOutput(); err != nil || !strings.Contains(string(out), "第 2 版") {
		t.Fatalf("push < a.md: %v %s", err, out)
	}
	// The stale file again: exit 3, the text kept.
	r = wang.run(t, strings.Replace(stale, "学校召开", "学校另行召开", 1), "article", "push", id)
	if r.code != 3 || !strings.Contains(r.stderr, "conflict") {
		t.Fatalf("stale push: %+v", r)
	}
	// Input sent to a command that reads none: refused, exit 2, nothing done
	// (fault 9.4 with the real client).
	if r := wang.run(t, "正文？\n", "article", "submit", id); r.code != 2 || !strings.Contains(r.stderr, "不读标准输入") {
		t.Fatalf("submit < text: %+v", r)
	}
	if a, _ := o.st.Get(mustID(t, id)); a.State != model.StateDraft {
		t.Fatalf("the refused submit submitted: %s", a.State)
	}
	// A writer's approve: exit 4; --as: exit 4.
	if r := wang.run(t, "", "article", "submit", id); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	if r := wang.run(t, "", "article", "approve", id, "-m", "同意"); r.code != 4 {
		t.Errorf("approve by its writer: %+v", r)
	}
	if r := wang.run(t, "", "article", "list", "--as", "li"); r.code != 4 || !strings.Contains(r.stderr, "通过 SSH 不能用 --as：你是谁由你连接所用的 SSH 密钥决定") {
		t.Errorf("--as: %+v", r)
	}
	// An unknown key: refused by ssh itself (255), nothing from copydesk.
	stranger := &user{login: "stranger"}
	stranger.signer, stranger.priv = newKey(t)
	r = newSSHClient(t, ts.addr, stranger).run(t, "", "article", "list")
	if r.code != 255 || r.stdout != "" || !strings.Contains(r.stderr, "Permission denied (publickey)") {
		t.Errorf("unknown key: %+v", r)
	}
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// tmux runs a private tmux server for one test.
type tmux struct {
	t      testing.TB
	socket string
}

func newTmux(t testing.TB) *tmux {
	needTool(t, "tmux", "ssh")
	tm := &tmux{t: t, socket: fmt.Sprintf("copydesk-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) cmd(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// waitPane waits until the pane shows any of want, and returns it.
func (tm *tmux) waitPane(d time.Duration, want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		pane := tm.cmd("capture-pane", "-p", "-t", "main")
		for _, w := range want {
			if strings.Contains(pane, w) {
				return pane
			}
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("after %s the pane shows none of %q:\n%s", d, want, pane)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestOpenSSHTUIInTmux(t *testing.T) {
	tx := newTmux(t)
	o := newOffice(t)
	const title = "学校召开2025年宣传思想工作会议"
	o.article(t, o.chen, title, "会议指出，要守正创新。\n")
	ts := start(t, o, nil)
	c := newSSHClient(t, ts.addr, o.chen)
	tx.cmd("new-session", "-d", "-s", "main", "-x", "100", "-y", "30", "ssh -tt "+shellJoin(c.args()))
	tx.waitPane(15*time.Second, homeMarkers(o.chen)...)
	pane := tx.waitPane(15*time.Second, title, placeholderTUI)
	checkHome(t, pane, title)
	t.Logf("pane at 100x30:\n%s", pane)

	tx.cmd("send-keys", "-t", "main", "q")
}

// Through OpenSSH and tmux, the program gets the pane's size and follows
// a resize.
func TestOpenSSHResizeInTmux(t *testing.T) {
	tx := newTmux(t)
	o := newOffice(t)
	ts := startSized(t, o, &recorder{}, nil)
	c := newSSHClient(t, ts.addr, o.li)
	tx.cmd("new-session", "-d", "-s", "main", "-x", "100", "-y", "30", "ssh -tt "+shellJoin(c.args()))
	tx.waitPane(15*time.Second, "size=100x30")
	tx.cmd("resize-window", "-t", "main", "-x", "120", "-y", "40")
	tx.waitPane(10*time.Second, "size=120x40")
	tx.cmd("send-keys", "-t", "main", "q")
}

func mustID(t testing.TB, s string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
