package server_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/rogpeppe/go-internal/testscript"
	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

// TestMain makes this test binary also the copydesk command, so tests can
// run `copydesk serve` as a separate process (signals, RSS).
func TestMain(m *testing.M) {
	store.CheckChildMain()
	testscript.Main(m, map[string]func(){
		"copydesk": func() {
			runewidth.DefaultCondition.EastAsianWidth = false
			env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
			os.Exit(cli.Run(env, os.Args[1:]))
		},
	})
}

// user is a member of the test office with an SSH key.
type user struct {
	login, display string
	roles          []model.Role
	signer         gossh.Signer
	priv           ed25519.PrivateKey
}

func (u *user) actor() store.Actor { return store.Actor{Login: u.login} }

func (u *user) authorizedKey() string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(u.signer.PublicKey())))
}

// keyFile writes the private key in OpenSSH form for the ssh command.
func (u *user) keyFile(t testing.TB) string {
	t.Helper()
	block, err := gossh.MarshalPrivateKey(u.priv, u.login)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), u.login)
	if err := os.WriteFile(p, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".pub", []byte(u.authorizedKey()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func newKey(t testing.TB) (gossh.Signer, ed25519.PrivateKey) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s, priv
}

// office is a database with four users: wang (writer, admin: the first
// user), li (reviewer), zhao (chief) and chen (writer).
type office struct {
	st                   *store.Store
	dir                  string
	wang, li, zhao, chen *user
}

func newOffice(t testing.TB) *office {
	t.Helper()
	return newOfficeWith(t, store.Options{NoSync: true})
}

// newOfficeWith is newOffice on a store opened with opts (a test clock).
func newOfficeWith(t testing.TB, opts store.Options) *office {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "copydesk.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o := &office{st: st, dir: dir}
	mk := func(login, display string, roles ...model.Role) *user {
		signer, priv := newKey(t)
		u := &user{login: login, display: display, roles: roles, signer: signer, priv: priv}
		k, err := model.ParseKey(u.authorizedKey())
		if err != nil {
			t.Fatal(err)
		}
		act := store.Actor{Login: "wang"}
		if login == "wang" {
			act = store.Actor{}
		}
		if _, err := st.AddUser(act, model.User{Login: login, Display: display, Roles: roles, Keys: []model.Key{k}}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	o.wang = mk("wang", "王音", model.RoleWriter, model.RoleAdmin)
	o.li = mk("li", "李明", model.RoleReviewer)
	o.zhao = mk("zhao", "赵丽焕", model.RoleChief)
	o.chen = mk("chen", "陈晨", model.RoleWriter)
	return o
}

// article creates a draft by u and returns its ID.
func (o *office) article(t testing.TB, u *user, title, body string) uint64 {
	t.Helper()
	a, err := o.st.Create(u.actor(), model.Content{Kind: model.KindNews, Title: title, Body: body}, "")
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a server on 127.0.0.1:0 with its log.
type testServer struct {
	*server.Server
	addr string
	log  *syncBuffer
	o    *office
}

// start serves o with the real command tree; adjust tweaks the config.
func start(t testing.TB, o *office, adjust func(*server.Config)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg := server.Config{
		Store:       o.st,
		HostKeyPath: filepath.Join(o.dir, "ssh_host_ed25519"),
		Logger:      server.NewLogger(logs),
		RunCommand:  cli.RemoteRunner(o.st),
		RateLimit:   1000,
		RateBurst:   1000,
	}
	if adjust != nil {
		adjust(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; !errors.Is(err, server.ErrServerClosed) {
			t.Errorf("serve returned %v", err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return &testServer{Server: srv, addr: ln.Addr().String(), log: logs, o: o}
}

func clientConfig(signers ...gossh.Signer) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User:            "editor",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signers...)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	}
}

func (ts *testServer) dial(t testing.TB, u *user) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", ts.addr, clientConfig(u.signer))
	if err != nil {
		t.Fatalf("dial as %s: %v", u.login, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// result is what a command session returned.
type result struct {
	stdout, stderr string
	code           int
}

// run runs a command line on c with stdin and returns its output and exit
// status (-1 when the session ended without one). The client sends no
// LANG: output in Chinese.
func run(t testing.TB, c *gossh.Client, stdin string, cmd string) result {
	t.Helper()
	return runLang(t, c, "", stdin, cmd)
}

// runLang is run with the client's LANG (none sent when empty).
func runLang(t testing.TB, c *gossh.Client, lang, stdin, cmd string) result {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	defer s.Close()
	if lang != "" {
		if err := s.Setenv("LANG", lang); err != nil {
			t.Fatalf("setenv: %v", err)
		}
	}
	var out, errb bytes.Buffer
	s.Stdout, s.Stderr = &out, &errb
	s.Stdin = strings.NewReader(stdin)
	err = s.Run(cmd)
	code := 0
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitStatus()
	case err != nil:
		code = -1
	}
	return result{out.String(), errb.String(), code}
}

// dialQuiet dials without failing the test.
func dialQuiet(addr string, u *user) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, clientConfig(u.signer))
}

// runAs dials as u, runs one command and closes the connection, as the
// ssh command does.
func (ts *testServer) runAs(t testing.TB, u *user, stdin, cmd string) result {
	t.Helper()
	c, err := gossh.Dial("tcp", ts.addr, clientConfig(u.signer))
	if err != nil {
		t.Fatalf("dial as %s: %v", u.login, err)
	}
	defer c.Close()
	return run(t, c, stdin, cmd)
}

// term is a client PTY session that keeps everything it received and,
// like a real terminal, answers the background-colour and device
// attribute queries unless mute.
type term struct {
	sess  *gossh.Session
	stdin io.WriteCloser

	mu    sync.Mutex
	raw   bytes.Buffer
	done  chan struct{}
	exit  error
	muted bool
}

func openTerm(t testing.TB, c *gossh.Client, w, h int, mute bool) *term {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{sess: s, done: make(chan struct{}), muted: mute}
	if err := s.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.Stderr = tm
	if tm.stdin, err = s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		io.Copy(tm, out)
		err := s.Wait()
		tm.mu.Lock()
		tm.exit = err
		tm.mu.Unlock()
		close(tm.done)
	}()
	t.Cleanup(func() { s.Close() })
	return tm
}

func (tm *term) Write(p []byte) (int, error) {
	tm.mu.Lock()
	tm.raw.Write(p)
	mute := tm.muted
	tm.mu.Unlock()
	if !mute && bytes.Contains(p, []byte("\x1b[c")) {
		// A dark background, then the primary device attributes.
		io.WriteString(tm.stdin, "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c")
	}
	return len(p), nil
}

// screen is everything received so far with escape sequences removed.
func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(tm.raw.String())
}

func (tm *term) rawLen() int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.Len()
}

// since is the text received after the first n raw bytes.
func (tm *term) since(n int) string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(tm.raw.String()[n:])
}

// waitFor waits until the text after raw offset from contains any of want.
func (tm *term) waitFor(t testing.TB, from int, d time.Duration, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		got := tm.since(from)
		for _, w := range want {
			if strings.Contains(got, w) {
				return got
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s the screen shows none of %q:\n%s", d, want, got)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// exitStatus waits for the session to end and returns its exit status.
func (tm *term) exitStatus(t testing.TB, d time.Duration) int {
	t.Helper()
	select {
	case <-tm.done:
	case <-time.After(d):
		t.Fatalf("session still open after %s; screen:\n%s", d, tm.screen())
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	var ee *gossh.ExitError
	switch {
	case tm.exit == nil:
		return 0
	case errors.As(tm.exit, &ee):
		return ee.ExitStatus()
	}
	return -1
}

// waitUntil polls cond for up to d.
func waitUntil(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// needTool skips when a program is missing, unless $CI is set.
func needTool(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (apt-get install -y openssh-client openssh-server tmux): %v", n, err)
			}
			t.Skipf("%s not installed (apt-get install -y openssh-client openssh-server tmux); skipping", n)
		}
	}
}
