package server_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	osuser "os/user"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// benchOffice is an office with a dozen articles, as a queue shows them.
func benchOffice(b *testing.B) *office {
	o := newOffice(b)
	for i := range 12 {
		o.article(b, o.chen, fmt.Sprintf("学校召开第%d次宣传工作例会", i+1), strings.Repeat("会议强调，要守正创新、真抓实干。", 40)+"\n")
	}
	return o
}

// BenchmarkIdleTUISessionRSS connects 50 PTY sessions to a `copydesk serve`
// process, each on its own connection, waits for their first frames and
// reports how much the server's RSS grew per session.
func BenchmarkIdleTUISessionRSS(b *testing.B) {
	const n = 50
	o := benchOffice(b)
	p := startServe(b, o, "--max-sessions", "200", "--rate", "1000", "--burst", "1000")
	open := func() *term {
		c, err := gossh.Dial("tcp", p.addr, clientConfig(o.chen.signer))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.Close() })
		tm := openTerm(b, c, 100, 30, false)
		tm.waitFor(b, 0, 30*time.Second, homeMarkers(o.chen)...)
		return tm
	}
	// One measurement, whatever b.N: the sessions stay open until the end.
	open() // warm up: code paths, caches, the first renderer
	time.Sleep(500 * time.Millisecond)
	before := p.rss(b)
	for range n {
		open()
	}
	time.Sleep(time.Second)
	after := p.rss(b)
	per := float64(after-before) / n / (1 << 20)
	b.ReportMetric(per, "MiB/session")
	b.ReportMetric(float64(after)/(1<<20), "MiB-total")
	b.Logf("server RSS %d MiB before, %d MiB with %d more idle TUI sessions: %.2f MiB per session",
		before>>20, after>>20, n, per)

	// What the idle sessions cost in CPU (Bubble Tea's renderer ticks).
	cpu0, t0 := p.cpuTime(b), time.Now()
	time.Sleep(3 * time.Second)
	idle := float64(p.cpuTime(b)) / float64(time.Since(t0))
	idle -= float64(cpu0) / float64(time.Since(t0))
	b.ReportMetric(idle*100, "idle-CPU-%")
}

// BenchmarkConnectToFirstFrame times a new connection, authentication, PTY
// and shell until the home screen is drawn, against `copydesk serve`, with
// a client that answers terminal queries as terminals do.
func BenchmarkConnectToFirstFrame(b *testing.B) {
	o := benchOffice(b)
	p := startServe(b, o, "--rate", "100000", "--burst", "100000")
	var samples []time.Duration
	for b.Loop() {
		begin := time.Now()
		c, err := gossh.Dial("tcp", p.addr, clientConfig(o.chen.signer))
		if err != nil {
			b.Fatal(err)
		}
		tm := openTerm(b, c, 100, 30, false)
		tm.waitFor(b, 0, 30*time.Second, homeMarkers(o.chen)...)
		samples = append(samples, time.Since(begin))
		tm.sess.Close()
		c.Close()
	}
	reportMedian(b, samples, "ms-p50")
}

// BenchmarkCommandSession times one `article list` session on an open
// connection: the server's cost of a command without the handshake.
func BenchmarkCommandSession(b *testing.B) {
	o := benchOffice(b)
	ts := start(b, o, nil)
	c := ts.dial(b, o.chen)
	for b.Loop() {
		if r := run(b, c, "", "article list"); r.code != 0 {
			b.Fatalf("%+v", r)
		}
	}
}

// BenchmarkSSHRoundTrip compares `ssh … article list` against copydesk
// serve with `ssh … true` against OpenSSH's sshd on the same machine, run
// alternately with the same client options and key type. Target: ≤ 1.5×.
func BenchmarkSSHRoundTrip(b *testing.B) {
	needTool(b, "ssh", "sshd", "ssh-keygen")
	o := benchOffice(b)
	p := startServe(b, o, "--rate", "100000", "--burst", "100000")
	cd := newSSHClient(b, p.addr, o.chen)
	sshdAddr := startSSHD(b, o.chen)
	sd := newSSHClient(b, sshdAddr, o.chen)
	sd.key = cd.key

	timeRun := func(c *sshClient, args ...string) time.Duration {
		begin := time.Now()
		if r := c.run(b, "", args...); r.code != 0 {
			b.Fatalf("ssh %v: %+v", args, r)
		}
		return time.Since(begin)
	}
	// Warm both up once.
	timeRun(cd, "article", "list")
	timeRun(sd, "true")
	var cds, sds []time.Duration
	for b.Loop() {
		cds = append(cds, timeRun(cd, "article", "list"))
		sds = append(sds, timeRun(sd, "true"))
	}
	c50, s50 := median(cds), median(sds)
	b.ReportMetric(ms(c50), "copydesk-ms-p50")
	b.ReportMetric(ms(s50), "sshd-ms-p50")
	b.ReportMetric(float64(c50)/float64(s50), "ratio-p50")
}

// startSSHD runs OpenSSH's sshd on 127.0.0.1 with its own host key and an
// authorized_keys holding u's key for the current user. It returns the
// address.
func startSSHD(b *testing.B, u *user) string {
	b.Helper()
	sshd, err := exec.LookPath("sshd")
	if err != nil {
		sshd = "/usr/sbin/sshd"
	}
	dir := b.TempDir()
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, "host_ed25519")).CombinedOutput(); err != nil {
		b.Fatalf("ssh-keygen: %v %s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "authorized_keys"), []byte(u.authorizedKey()+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	conf := fmt.Sprintf(`Port %s
ListenAddress 127.0.0.1
HostKey %s/host_ed25519
AuthorizedKeysFile %s/authorized_keys
PidFile %s/sshd.pid
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
LogLevel ERROR
`, port, dir, dir, dir)
	if err := os.WriteFile(filepath.Join(dir, "sshd_config"), []byte(conf), 0o600); err != nil {
		b.Fatal(err)
	}
	_ = os.MkdirAll("/run/sshd", 0o755) // privilege separation directory
	cmd := exec.Command(sshd, "-D", "-e", "-f", filepath.Join(dir, "sshd_config"))
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		b.Skipf("cannot start sshd: %v", err)
	}
	b.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			b.Skipf("sshd did not start: %s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	me, err := osuser.Current()
	if err != nil {
		b.Fatal(err)
	}
	if me.Username == "" {
		b.Skip("no user name for sshd")
	}
	return addr
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func reportMedian(b *testing.B, ds []time.Duration, unit string) {
	if len(ds) > 0 {
		b.ReportMetric(ms(median(ds)), unit)
	}
}
