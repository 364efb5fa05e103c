package server_test

import (
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/server"
)

// hostileFlood opens n connections spread over the loopback addresses
// 127.0.0.2 … 127.0.0.(1+addrs) that never log in: half say nothing, half
// send an SSH banner and stall. With keep it re-opens every connection the
// server closes, until stop is closed. It returns how many were accepted
// (the server did not close them within 100 ms) at the first round.
func hostileFlood(t testing.TB, addr string, n, addrs int, keep bool, stop <-chan struct{}) (held int, wg *sync.WaitGroup) {
	var mu sync.Mutex
	wg = &sync.WaitGroup{}
	first := make(chan bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(2+i%addrs))}
			d := net.Dialer{LocalAddr: local, Timeout: 2 * time.Second}
			round := 0
			for {
				c, err := d.Dial("tcp", addr)
				alive := false
				if err == nil {
					if i%2 == 1 {
						c.Write([]byte("SSH-2.0-stall\r\n"))
					}
					c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
					buf := make([]byte, 512)
					for {
						if _, err := c.Read(buf); err != nil {
							alive = os.IsTimeout(err)
							break
						}
					}
				}
				if round == 0 {
					first <- alive
				}
				round++
				if alive {
					// hold it until the server closes it or we are told to stop
					done := make(chan struct{})
					go func() {
						c.SetReadDeadline(time.Time{})
						buf := make([]byte, 512)
						for {
							if _, err := c.Read(buf); err != nil {
								break
							}
						}
						close(done)
					}()
					select {
					case <-stop:
						c.Close()
						return
					case <-done:
					}
				} else if c != nil {
					c.Close()
				}
				if !keep {
					<-stop
					return
				}
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		}()
	}
	for range n {
		if <-first {
			mu.Lock()
			held++
			mu.Unlock()
		}
	}
	return held, wg
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestPreAuthCaps: the caps on connections still logging in hold, and a
// new address gets in even when they are full.
func TestPreAuthCaps(t *testing.T) {
	if c, err := net.Dial("tcp4", "127.0.0.5:9"); err != nil && strings.Contains(err.Error(), "assign") {
		t.Skip("no 127.0.0.2–5 loopback addresses here")
	} else if c != nil {
		c.Close()
	}
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) {
		c.MaxPreAuth, c.MaxPreAuthPerIP = 20, 8
		c.Logger = server.NewLogger(nil)
		c.Logger.SetLevel(100)
	})
	stop := make(chan struct{})
	held, wg := hostileFlood(t, ts.addr, 60, 4, false, stop)
	defer func() { close(stop); wg.Wait() }()
	// 8 per address would be 32; the cap of 20 stops it, each address
	// keeping at least the reserve
	if held > 20+4*server.PreAuthReserve || held < 20 {
		t.Errorf("%d unauthenticated connections held; want the cap of 20 (plus at most the reserve)", held)
	}
	if r := ts.runAs(t, o.li, "", "whoami"); r.code != 0 {
		t.Fatalf("a login from another address while the caps are full: %+v", r)
	}
}

// TestPreAuthFlood: 200 connections that never log in, from four
// addresses, do not keep a user from logging in. The caps on connections
// still authenticating (per address and in all) are apart from the
// sessions. COPYDESK_LOAD=1 keeps the flood up for 20 s (every closed
// connection re-opened) and logs 20 logins' times (BENCHMARKS.md).
func TestPreAuthFlood(t *testing.T) {
	if c, err := net.Dial("tcp4", "127.0.0.5:9"); err != nil && strings.Contains(err.Error(), "assign") {
		t.Skip("no 127.0.0.2–5 loopback addresses here")
	} else if c != nil {
		c.Close()
	}
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) {
		c.RateLimit, c.RateBurst = server.DefaultRateLimit, server.DefaultRateBurst // the defaults, not the test's
		c.Logger = server.NewLogger(nil)
		c.Logger.SetLevel(100) // quiet: hundreds of refusals
	})
	stop := make(chan struct{})
	load := os.Getenv("COPYDESK_LOAD") == "1"
	cpu0 := cpuTime()
	held, wg := hostileFlood(t, ts.addr, 200, 4, load, stop)
	defer func() { close(stop); wg.Wait() }()
	if held > 4*server.DefaultMaxPreAuthPerIP || held > server.DefaultMaxPreAuth {
		t.Errorf("%d unauthenticated connections held open; the caps are %d per address, %d in all", held, server.DefaultMaxPreAuthPerIP, server.DefaultMaxPreAuth)
	}
	logins := 1
	if load {
		logins = 20
	}
	var times []time.Duration
	for i := range logins {
		start := time.Now()
		cfg := clientConfig(o.li.signer)
		cfg.Timeout = 10 * time.Second
		c, err := gossh.Dial("tcp", ts.addr, cfg)
		if err != nil {
			t.Fatalf("login %d during the flood: %v", i+1, err)
		}
		r := run(t, c, "", "whoami")
		c.Close()
		if r.code != 0 {
			t.Fatalf("whoami during the flood: %+v", r)
		}
		times = append(times, time.Since(start))
		if load {
			time.Sleep(time.Second)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	t.Logf("hostile connections held: %d of 200 (4 addresses); logins: %d, p50 %v, max %v; process CPU %v",
		held, len(times), times[len(times)/2].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond),
		(cpuTime() - cpu0).Round(time.Millisecond))
}

// One user's sessions are capped; another user still gets in.
func TestSessionsPerUser(t *testing.T) {
	o := newOffice(t)
	rec := &recorder{}
	ts := startSized(t, o, rec, func(c *server.Config) { c.MaxSessionsPerUser = 2 })
	c := ts.dial(t, o.li)
	for range 2 {
		openTerm(t, c, 100, 30, false).waitFor(t, 0, 10*time.Second, "user=li")
	}
	r := run(t, c, "", "whoami")
	if r.code != 1 || !(strings.Contains(r.stderr, "每人上限") || strings.Contains(r.stderr, "limit per user")) {
		t.Errorf("third session of li: %+v", r)
	}
	if r := ts.runAs(t, o.zhao, "", "whoami"); r.code != 0 {
		t.Errorf("another user: %+v", r)
	}
}
