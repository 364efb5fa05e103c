package server_test

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/server"
)

func TestKeyAccepted(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	r := ts.runAs(t, o.li, "", "whoami")
	if r.code != 0 || !strings.Contains(r.stdout, "li") {
		t.Fatalf("whoami as li: %+v", r)
	}
	if log := ts.log.String(); !strings.Contains(log, "login user=li") || !strings.Contains(log, "fp=SHA256:") {
		t.Errorf("no login line with user and fingerprint:\n%s", log)
	}
}

func TestUnknownKeyRefusedBeforeOutput(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	stranger, _ := newKey(t)
	var banner string
	cfg := clientConfig(stranger)
	cfg.BannerCallback = func(msg string) error { banner += msg; return nil }
	c, err := gossh.Dial("tcp", ts.addr, cfg)
	if err == nil {
		c.Close()
		t.Fatal("a key nobody holds was accepted")
	}
	if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("refusal: %v", err)
	}
	if banner != "" {
		t.Errorf("the server said something before refusing: %q", banner)
	}
	fp := gossh.FingerprintSHA256(stranger.PublicKey())
	waitUntil(t, 2*time.Second, "refusal log line", func() bool {
		return strings.Contains(ts.log.String(), "refused: no user has this key") && strings.Contains(ts.log.String(), fp)
	})
}

func TestOnlyPublicKeyAuth(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	for name, auth := range map[string]gossh.AuthMethod{
		"password": gossh.Password("wang"),
		"keyboard-interactive": gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return nil, nil
		}),
	} {
		cfg := clientConfig(o.wang.signer)
		cfg.Auth = []gossh.AuthMethod{auth}
		c, err := gossh.Dial("tcp", ts.addr, cfg)
		if err == nil {
			c.Close()
			t.Fatalf("%s auth was accepted", name)
		}
		if !strings.Contains(err.Error(), "no supported methods remain") {
			t.Errorf("%s: %v (want: the server does not offer it)", name, err)
		}
	}
}

func TestRemovedKeyStopsWorking(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) { c.DisconnectNotice = 50 * time.Millisecond })
	old := ts.dial(t, o.chen) // a connection made before the removal
	tm := openTerm(t, ts.dial(t, o.chen), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, o.chen.login, o.chen.display)
	if r := run(t, old, "", "whoami"); r.code != 0 {
		t.Fatalf("whoami before removal: %+v", r)
	}

	if err := o.st.RemoveUser(o.wang.actor(), "chen"); err != nil {
		t.Fatal(err)
	}
	// New connections are refused at once, without a restart.
	if c, err := gossh.Dial("tcp", ts.addr, clientConfig(o.chen.signer)); err == nil {
		c.Close()
		t.Fatal("a removed key still logs in")
	}
	// A new session on the old connection is refused too (exit 4).
	r := run(t, old, "", "whoami")
	if r.code != 4 || !strings.Contains(r.stderr, "没有在 copydesk 登记") {
		t.Errorf("new session on an old connection: %+v", r)
	}
	// And the open workstation is ended and says why.
	if code := tm.exitStatus(t, 10*time.Second); code != 4 {
		t.Errorf("TUI of a removed user exited %d, want 4", code)
	}
	if s := tm.screen(); !strings.Contains(s, "已不再登记") {
		t.Errorf("the TUI did not say why it ended:\n%s", s)
	}
}

// The identity comes from the key the connection authenticated with, never
// from the SSH user name or from other keys the client offered first.
func TestIdentityFromTheKeyUsed(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	stranger, _ := newKey(t)
	for _, tc := range []struct {
		name    string
		user    string
		signers []gossh.Signer
		want    string
	}{
		{"user name is ignored", "li", []gossh.Signer{o.chen.signer}, "chen"},
		{"unknown key offered first", "root", []gossh.Signer{stranger, o.chen.signer}, "chen"},
		{"first accepted key wins", "chen", []gossh.Signer{o.li.signer, o.chen.signer}, "li"},
	} {
		cfg := clientConfig(tc.signers...)
		cfg.User = tc.user
		c, err := gossh.Dial("tcp", ts.addr, cfg)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		r := run(t, c, "", "whoami")
		c.Close()
		if r.code != 0 || !strings.HasPrefix(strings.TrimSpace(r.stdout), tc.want) {
			t.Errorf("%s: whoami = %+v, want %s", tc.name, r, tc.want)
		}
	}
}

func TestHostKeyKept(t *testing.T) {
	o := newOffice(t)
	path := filepath.Join(t.TempDir(), "keys", "ssh_host_ed25519")
	var fps []string
	for range 2 {
		srv, err := server.New(server.Config{Store: o.st, HostKeyPath: path})
		if err != nil {
			t.Fatal(err)
		}
		fps = append(fps, srv.HostKeyFingerprint())
	}
	if fps[0] != fps[1] || !strings.HasPrefix(fps[0], "SHA256:") {
		t.Fatalf("host key changed between starts: %v", fps)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", fi.Mode().Perm())
	}
	// Racing creators end up with one key.
	path2 := filepath.Join(t.TempDir(), "k")
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := server.LoadOrCreateHostKey(path2)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = gossh.FingerprintSHA256(s.PublicKey())
		}()
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatalf("racing creators got different keys: %v", got)
		}
	}
	// A damaged key is an error that says what to do, not a new key.
	if err := os.WriteFile(path2, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := server.LoadOrCreateHostKey(path2); err == nil || !strings.Contains(err.Error(), "fingerprint changes") {
		t.Errorf("damaged host key: %v", err)
	}
}

func TestLoginGrace(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) { c.LoginGrace = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 256)
	start := time.Now()
	for { // read the server's version line, then wait for the close
		if _, err := conn.Read(buf); err != nil {
			break
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("a connection that never logged in stayed open %s", d)
	}
}
