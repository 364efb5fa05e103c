package server_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/server"
)

// pendingPush starts `article push id` and sends the first part of text;
// the caller sends the rest (or not) through the returned session.
type pendingPush struct {
	s      *gossh.Session
	stdin  interface{ Write([]byte) (int, error) }
	closer func() error
	stderr *syncBuffer
	stdout *syncBuffer
	done   chan error
}

func startPush(t *testing.T, c *gossh.Client, id uint64, first string) *pendingPush {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	p := &pendingPush{s: s, stderr: &syncBuffer{}, stdout: &syncBuffer{}, done: make(chan error, 1)}
	s.Stderr, s.Stdout = p.stderr, p.stdout
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.stdin, p.closer = in, in.Close
	if err := s.Start(fmt.Sprint("article push ", id)); err != nil {
		t.Fatal(err)
	}
	in.Write([]byte(first))
	go func() { p.done <- s.Wait() }()
	return p
}

func TestShutdownFinishesCommandsAndTellsSessions(t *testing.T) {
	o := newOffice(t)
	id := o.article(t, o.chen, "停机测试", "原文。\n")
	rec := &recorder{}
	ts := startSized(t, o, rec, func(c *server.Config) { c.DisconnectNotice = 100 * time.Millisecond })
	pulled := ts.runAs(t, o.chen, "", fmt.Sprint("article pull ", id)).stdout
	edited := strings.Replace(pulled, "原文。", "停机前改好的正文。", 1)
	cut := strings.Index(edited, "停机前")

	tm := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, "user=li")
	idle := ts.dial(t, o.zhao) // a connection without a session
	push := startPush(t, ts.dial(t, o.chen), id, edited[:cut])
	waitUntil(t, 5*time.Second, "the push to start", func() bool { return strings.Count(ts.log.String(), "login user=chen") == 2 })

	shut := make(chan error, 1)
	begin := time.Now()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		shut <- ts.Shutdown(ctx)
	}()

	// The TUI is told, then quit, and says why.
	if code := tm.exitStatus(t, 5*time.Second); code != 1 {
		t.Errorf("TUI exit %d at shutdown, want 1", code)
	}
	if !strings.Contains(tm.screen(), "服务器正在关闭") {
		t.Errorf("the TUI did not say the server is shutting down:\n%s", tm.screen())
	}
	if _, msgs := rec.snapshot(); len(msgs) != 1 {
		t.Errorf("DisconnectMsg not delivered: %q", msgs)
	}
	// The command in flight is told and may finish.
	waitUntil(t, 5*time.Second, "the notice to the command", func() bool {
		return strings.Contains(push.stderr.String(), "服务器正在关闭；先完成这条命令")
	})
	// New connections are not accepted.
	if c, err := dialQuiet(ts.addr, o.li); err == nil {
		c.Close()
		t.Error("a new connection was accepted during shutdown")
	}
	push.stdin.Write([]byte(edited[cut:]))
	push.closer()
	if err := <-push.done; err != nil {
		t.Fatalf("the command in flight failed: %v; stderr %q", err, push.stderr.String())
	}
	if err := <-shut; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	t.Logf("shutdown took %s", time.Since(begin))
	a, err := o.st.Get(id)
	if err != nil || a.Rev != 2 {
		t.Fatalf("the push finished during shutdown was not saved: %+v %v", a, err)
	}
	// The idle connection was closed.
	if _, _, err := idle.SendRequest("keepalive@openssh.com", true, nil); err == nil {
		t.Error("a connection without sessions survived shutdown")
	}
}

func TestShutdownGraceCutsShort(t *testing.T) {
	o := newOffice(t)
	id := o.article(t, o.chen, "超时停机", "原文。\n")
	ts := start(t, o, nil)
	push := startPush(t, ts.dial(t, o.chen), id, "---\nid: 1\nrev: 1\ntitle: 改\n---\n\n写了一半")
	waitUntil(t, 5*time.Second, "the push to start", func() bool { return strings.Contains(ts.log.String(), "login user=chen") })

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	begin := time.Now()
	err := ts.Shutdown(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("shutdown with a stuck command: %v, want deadline exceeded", err)
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("shutdown took %s", d)
	}
	select {
	case <-push.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the cut-off session is still open")
	}
	if a, _ := o.st.Get(id); a.Rev != 1 {
		t.Errorf("a cut-off push saved revision %d", a.Rev)
	}
}
