package server_test

import (
	"fmt"
	gossh "golang.org/x/crypto/ssh"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/tui"
)

// homeMarkers is what the home screen shows for u first: the login (the
// placeholder TUI) or the display name (the workstation's status bar).
func homeMarkers(u *user) []string { return []string{u.login, u.display} }

// placeholderTUI is what the stand-in tui.New prints until the workstation
// lands; checkHome asks more of the real one.
const placeholderTUI = "the workstation is being built"

// checkHome checks a home screen: the workstation must list the queued
// titles (Chinese, as the office writes them).
func checkHome(t testing.TB, screen string, titles ...string) {
	t.Helper()
	if strings.Contains(screen, placeholderTUI) {
		return
	}
	for _, title := range titles {
		if !strings.Contains(screen, title) {
			t.Errorf("the home screen does not list %q:\n%s", title, screen)
		}
	}
}

func TestPTYDrawsHomeScreen(t *testing.T) {
	o := newOffice(t)
	const title = "学校召开2025年宣传思想工作会议"
	o.article(t, o.chen, title, "会议指出，要守正创新。\n")
	ts := start(t, o, nil)
	tm := openTerm(t, ts.dial(t, o.chen), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, homeMarkers(o.chen)...)
	screen := tm.waitFor(t, 0, 10*time.Second, title, placeholderTUI)
	checkHome(t, screen, title)
	t.Logf("home screen:\n%s", screen)
	if !strings.Contains(ts.log.String(), "login user=chen") || !strings.Contains(ts.log.String(), "kind=tui") {
		t.Errorf("no TUI login line:\n%s", ts.log.String())
	}

	// A window change redraws at the new size.
	mark := tm.rawLen()
	if err := tm.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, mark, 10*time.Second, homeMarkers(o.chen)...)
}

// sizeModel shows the options it was built with and every window size it
// gets, and records keys and disconnect notices.
type sizeModel struct {
	opts tui.Options
	w, h int
	rec  *recorder
}

type recorder struct {
	mu   sync.Mutex
	keys []string
	msgs []string
}

func (r *recorder) add(kind, s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if kind == "key" {
		r.keys = append(r.keys, s)
	} else {
		r.msgs = append(r.msgs, s)
	}
}

func (r *recorder) snapshot() ([]string, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.keys...), append([]string(nil), r.msgs...)
}

func (m *sizeModel) Init() tea.Cmd { return nil }

func (m *sizeModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		m.rec.add("key", msg.String())
		if msg.String() == "q" {
			return m, tea.Quit
		}
	case interface{ Disconnecting() string }:
		m.rec.add("msg", msg.Disconnecting())
	}
	return m, nil
}

func (m *sizeModel) View() string {
	return fmt.Sprintf("user=%s opts=%dx%d size=%dx%d presence=%v", m.opts.Actor.Login,
		m.opts.Width, m.opts.Height, m.w, m.h, m.opts.Presence != nil && m.opts.Renderer != nil)
}

func startSized(t *testing.T, o *office, rec *recorder, adjust func(*server.Config)) *testServer {
	return start(t, o, func(c *server.Config) {
		c.NewTUI = func(opts tui.Options) tea.Model { return &sizeModel{opts: opts, rec: rec} }
		if adjust != nil {
			adjust(c)
		}
	})
}

func TestPTYSizeAndResize(t *testing.T) {
	o := newOffice(t)
	rec := &recorder{}
	ts := startSized(t, o, rec, nil)
	tm := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, "user=li opts=100x30 size=100x30 presence=true")
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {132, 50}} {
		mark := tm.rawLen()
		if err := tm.sess.WindowChange(sz[1], sz[0]); err != nil {
			t.Fatal(err)
		}
		tm.waitFor(t, mark, 5*time.Second, fmt.Sprintf("size=%dx%d", sz[0], sz[1]))
	}
	tm.stdin.Write([]byte("q"))
	if code := tm.exitStatus(t, 5*time.Second); code != 0 {
		t.Errorf("quit with q: exit %d", code)
	}
}

// Building the session renderer queries the terminal; a client that never
// answers (like this one) delays the first frame by at most a second, and
// the keys typed after that reach the program — none is eaten by the query.
func TestRendererQueryKeepsKeys(t *testing.T) {
	o := newOffice(t)
	rec := &recorder{}
	ts := startSized(t, o, rec, nil)
	begin := time.Now()
	tm := openTerm(t, ts.dial(t, o.li), 100, 30, true)
	tm.waitFor(t, 0, 10*time.Second, "user=li")
	if d := time.Since(begin); d > 3*time.Second {
		t.Errorf("first frame after %s with a silent terminal", d)
	}
	tm.stdin.Write([]byte("a"))
	tm.stdin.Write([]byte("b"))
	waitUntil(t, 5*time.Second, "keys a, b", func() bool {
		keys, _ := rec.snapshot()
		return strings.Join(keys, "") == "ab"
	})

	// With a terminal that answers, the first frame comes without the wait.
	begin = time.Now()
	tm2 := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	tm2.waitFor(t, 0, 10*time.Second, "user=li")
	if d := time.Since(begin); d > 900*time.Millisecond {
		t.Errorf("first frame after %s with an answering terminal", d)
	}
}

func TestIdleTUIDisconnected(t *testing.T) {
	o := newOffice(t)
	rec := &recorder{}
	ts := startSized(t, o, rec, func(c *server.Config) {
		c.IdleTimeout = 400 * time.Millisecond
		c.DisconnectNotice = 100 * time.Millisecond
	})
	tm := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, "user=li")
	// Typing keeps it alive.
	for range 5 {
		time.Sleep(150 * time.Millisecond)
		tm.stdin.Write([]byte("x"))
	}
	select {
	case <-tm.done:
		t.Fatal("a session in use was ended as idle")
	default:
	}
	if code := tm.exitStatus(t, 5*time.Second); code != 1 {
		t.Errorf("idle session exit %d, want 1", code)
	}
	if !strings.Contains(tm.screen(), "没有操作，已断开") {
		t.Errorf("the idle session was not told why:\n%s", tm.screen())
	}
	if _, msgs := rec.snapshot(); len(msgs) != 1 || !strings.Contains(msgs[0], "没有操作，已断开") {
		t.Errorf("the TUI got no DisconnectMsg: %q", msgs)
	} else if strings.Contains(msgs[0], "ms") || !strings.Contains(msgs[0], "秒") {
		t.Errorf("the idle time is not said in Chinese (was time.Duration's 400ms): %q", msgs[0])
	}
	if !strings.Contains(ts.log.String(), "session ended: idle") {
		t.Errorf("no idle log line:\n%s", ts.log.String())
	}
}

func TestMaxSessionTime(t *testing.T) {
	o := newOffice(t)
	id := o.article(t, o.chen, "限时测试", "原文。\n")
	ts := start(t, o, func(c *server.Config) {
		c.MaxTimeout = 500 * time.Millisecond
		c.DisconnectNotice = 50 * time.Millisecond
	})
	// A push that never finishes sending is ended, and saves nothing.
	c := ts.dial(t, o.chen)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	s.Stderr = &stderr
	in, _ := s.StdinPipe()
	if err := s.Start(fmt.Sprint("article push ", id)); err != nil {
		t.Fatal(err)
	}
	in.Write([]byte("---\nid: 1\nrev: 1\ntitle: 改了\n---\n\n写到一半"))
	done := make(chan error, 1)
	go func() { done <- s.Wait() }()
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a session past its time limit is still open")
	}
	if err == nil || !strings.Contains(stderr.String(), "时长上限") || strings.Contains(stderr.String(), "ms") {
		t.Errorf("session past its time limit: %v, stderr %q", err, stderr.String())
	}
	if a, _ := o.st.Get(id); a.Rev != 1 {
		t.Errorf("the cut-off push saved revision %d", a.Rev)
	}
}

func TestServerBusy(t *testing.T) {
	o := newOffice(t)
	rec := &recorder{}
	ts := startSized(t, o, rec, func(c *server.Config) { c.MaxSessions = 1 })
	first := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	first.waitFor(t, 0, 10*time.Second, "user=li")

	second := openTerm(t, ts.dial(t, o.zhao), 100, 30, false)
	if code := second.exitStatus(t, 5*time.Second); code != 1 {
		t.Errorf("second session exit %d, want 1", code)
	}
	if s := second.screen(); !strings.Contains(s, "服务器繁忙") || strings.Contains(s, "user=") {
		t.Errorf("busy session screen: %q", s)
	}
	if r := ts.runAs(t, o.zhao, "", "article list"); r.code != 1 || !strings.Contains(r.stderr, "服务器繁忙") {
		t.Errorf("busy command: %+v", r)
	}
	first.stdin.Write([]byte("q"))
	first.exitStatus(t, 5*time.Second)
	waitUntil(t, 5*time.Second, "a free slot", func() bool {
		return ts.runAs(t, o.zhao, "", "article list").code == 0
	})
}

// The per-address rate limit counts connections that fail to log in: an
// office behind one NAT address may log in as often as it likes, while
// failed attempts from the address soon get a refusal, then are dropped
// before the handshake.
func TestRateLimit(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) { c.RateLimit, c.RateBurst = 0.5, 2 })
	for i := range 6 {
		if r := ts.runAs(t, o.li, "", "whoami"); r.code != 0 {
			t.Fatalf("login %d (successful logins give their token back): %+v", i+1, r)
		}
	}
	stranger, _ := newKey(t)
	for range 2 {
		if c, err := gossh.Dial("tcp", ts.addr, clientConfig(stranger)); err == nil {
			c.Close()
			t.Fatal("a stranger logged in")
		}
	}
	r := ts.runAs(t, o.li, "", "whoami")
	if r.code != 1 || !strings.Contains(r.stderr, "连接太多") {
		t.Fatalf("over the limit: %+v", r)
	}
	// Far over the limit, connections are dropped before the handshake.
	for i := 0; ; i++ {
		c, err := dialQuiet(ts.addr, o.li)
		if err != nil {
			break
		}
		c.Close()
		if i == 5 {
			t.Fatal("connections far over the limit still complete their handshake")
		}
	}
}

func TestPanicInSessionIsContained(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) {
		c.NewTUI = func(opts tui.Options) tea.Model {
			if opts.Actor.Login == "li" {
				panic("boom while building the TUI")
			}
			return panicky{}
		}
		run := c.RunCommand
		c.RunCommand = func(in io.Reader, out, errw io.Writer, act store.Actor, args []string, lang locale.Lang) int {
			if len(args) > 0 && args[0] == "boom" {
				panic("boom in a command")
			}
			return run(in, out, errw, act, args, lang)
		}
	})
	if r := ts.runAs(t, o.li, "", "boom"); r.code != 1 || !strings.Contains(r.stderr, "内部错误") {
		t.Errorf("panicking command: %+v", r)
	}
	tm := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	if code := tm.exitStatus(t, 5*time.Second); code != 1 || !strings.Contains(tm.screen(), "内部错误") {
		t.Errorf("panicking TUI constructor: exit %d, screen %q", code, tm.screen())
	}
	// A panic inside the running program (Bubble Tea recovers it).
	tm = openTerm(t, ts.dial(t, o.zhao), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, "press p")
	tm.stdin.Write([]byte("p"))
	if code := tm.exitStatus(t, 5*time.Second); code != 1 || !strings.Contains(tm.screen(), "内部错误") {
		t.Errorf("panicking Update: exit %d, screen %q", code, tm.screen())
	}

	if r := ts.runAs(t, o.li, "", "whoami"); r.code != 0 {
		t.Fatalf("the server did not survive the panics: %+v", r)
	}
	if n := strings.Count(ts.log.String(), "panic in session"); n != 3 {
		t.Errorf("%d panic log lines, want 3:\n%s", n, ts.log.String())
	}
}

type panicky struct{}

func (panicky) Init() tea.Cmd { return nil }
func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "p" {
		panic("boom in Update")
	}
	return p, nil
}
func (panicky) View() string { return "press p" }

// An article submitted in one session appears in the reviewer's open
// workstation within a second or two: the TUI subscribes to the store the
// server shares. (Skipped while tui.New is the placeholder.)
func TestLiveUpdateAcrossSessions(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	tm := openTerm(t, ts.dial(t, o.li), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, homeMarkers(o.li)...)
	if strings.Contains(tm.screen(), placeholderTUI) {
		t.Skip("tui.New is still the placeholder")
	}
	const title = "关于召开秋季运动会的通知"
	c := ts.dial(t, o.chen)
	r := run(t, c, "请各单位做好准备。\n", "article new --title "+title+" --file -")
	if r.code != 0 {
		t.Fatalf("article new: %+v", r)
	}
	mark := tm.rawLen()
	if r := run(t, c, "", "article submit "+strings.TrimSpace(r.stdout)); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	begin := time.Now()
	tm.waitFor(t, mark, 5*time.Second, title)
	t.Logf("the reviewer's queue showed it after %s", time.Since(begin))
}
