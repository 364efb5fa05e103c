package server_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// serveProc is `copydesk serve` running as its own process (this test
// binary acting as copydesk, see TestMain).
type serveProc struct {
	cmd  *exec.Cmd
	addr string
	log  *syncBuffer
	done chan error
	db   string
}

var listenRE = regexp.MustCompile(`listening addr=(\S+)`)

// startServe closes o's store and runs copydesk serve on its file.
func startServe(t testing.TB, o *office, extra ...string) *serveProc {
	t.Helper()
	db := o.st.Path()
	if err := o.st.Close(); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--db", db, "serve", "--listen", "127.0.0.1:0", "--grace", "5s"}, extra...)
	cmd := exec.Command("copydesk", args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProc{cmd: cmd, log: &syncBuffer{}, done: make(chan error, 1), db: db}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(p.log, line)
			if m := listenRE.FindStringSubmatch(line); m != nil {
				addrc <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-p.done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
			}
		}
		if t.Failed() {
			t.Logf("copydesk serve log:\n%s", p.log.String())
		}
	})
	select {
	case p.addr = <-addrc:
	case <-time.After(20 * time.Second):
		t.Fatalf("copydesk serve did not start:\n%s", p.log.String())
	}
	return p
}

// rss is the server process's resident set in bytes.
func (p *serveProc) rss(t testing.TB) int64 {
	t.Helper()
	return vmRSS(t, fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
}

// cpuTime is the server process's user plus system CPU time so far.
func (p *serveProc) cpuTime(t testing.TB) time.Duration {
	t.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	// Fields after the command name, which ends with ')': state is field 3,
	// utime and stime are 14 and 15, in clock ticks (100 per second here).
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

func vmRSS(t testing.TB, statusFile string) int64 {
	t.Helper()
	raw, err := os.ReadFile(statusFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb int64
			fmt.Sscanf(strings.TrimPrefix(line, "VmRSS:"), "%d", &kb)
			return kb << 10
		}
	}
	t.Fatalf("no VmRSS in %s", statusFile)
	return 0
}

func TestServeProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	o := newOffice(t)
	id := o.article(t, o.chen, "进程测试", "原文。\n")
	p := startServe(t, o)

	// The host key was created beside the database.
	if _, err := os.Stat(filepath.Join(filepath.Dir(p.db), "ssh_host_ed25519")); err != nil {
		t.Errorf("host key beside the database: %v", err)
	}
	// A second copydesk on the same database says who holds it.
	out, err := exec.Command("copydesk", "--db", p.db, "article", "list").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "copydesk serve "+p.addr) || !strings.Contains(string(out), "ssh -p") {
		t.Errorf("a second copydesk while serving: %v\n%s", err, out)
	}
	t.Logf("second copydesk says: %s", out)

	c, err := gossh.Dial("tcp", p.addr, clientConfig(o.chen.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if r := run(t, c, "", "article list"); r.code != 0 || !strings.Contains(r.stdout, "进程测试") {
		t.Fatalf("article list: %+v", r)
	}
	tm := openTerm(t, c, 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, homeMarkers(o.chen)...)
	pulled := run(t, c, "", fmt.Sprint("article pull ", id)).stdout
	push := startPush(t, c, id, pulled[:len(pulled)/2])
	waitUntil(t, 5*time.Second, "the push to start", func() bool { return strings.Count(p.log.String(), "login user=chen") == 4 })

	// SIGTERM: sessions are told, the push in flight finishes, the
	// database is closed cleanly.
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	tm.exitStatus(t, 10*time.Second)
	if !strings.Contains(tm.screen(), "服务器正在关闭") {
		t.Errorf("the TUI was not told:\n%s", tm.screen())
	}
	waitUntil(t, 5*time.Second, "the notice to the command", func() bool {
		return strings.Contains(push.stderr.String(), "服务器正在关闭")
	})
	push.stdin.Write([]byte(strings.Replace(pulled[len(pulled)/2:], "原文。", "停机时保存。", 1)))
	push.closer()
	if err := <-push.done; err != nil {
		t.Errorf("push during SIGTERM: %v %q", err, push.stderr.String())
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("copydesk serve exited with %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("copydesk serve did not exit after SIGTERM")
	}
	if !strings.Contains(p.log.String(), "database closed") {
		t.Errorf("no clean close in the log:\n%s", p.log.String())
	}
	if _, err := os.Stat(p.db + ".lock"); !os.IsNotExist(err) {
		t.Errorf("lock note left behind: %v", err)
	}
	out, err = exec.Command("copydesk", "--db", p.db, "article", "show", fmt.Sprint(id)).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "停机时保存") {
		t.Errorf("after the server stopped, the push is saved and the file opens: %v\n%s", err, out)
	}
	if out, err := exec.Command("copydesk", "--db", p.db, "verify").CombinedOutput(); err != nil {
		t.Errorf("verify after shutdown: %v\n%s", err, out)
	}
}
