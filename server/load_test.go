package server_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

// loadDuration is 30 s with COPYDESK_LOAD=1, else a few seconds so the
// suite stays fast.
func loadDuration() time.Duration {
	switch {
	case os.Getenv("COPYDESK_LOAD") == "1":
		return 30 * time.Second
	case testing.Short():
		return time.Second
	}
	return 4 * time.Second
}

// TestLoad runs 50 concurrent clients doing list, pull and push for a
// bounded time: no errors, only the conflicts that concurrent pushes from
// the same base must produce; afterwards the goroutines are back to the
// baseline. The server's RSS is logged (client and server share this
// process; BenchmarkIdleTUISessionRSS measures the server alone).
func TestLoad(t *testing.T) {
	const workers, articles = 50, 5
	o := newOffice(t)
	ids := make([]uint64, articles)
	for i := range ids {
		ids[i] = o.article(t, o.chen, fmt.Sprintf("负载测试稿件%d", i+1), "第一段。\n")
	}
	// Log lines of ~80,000 commands would dominate the RSS measured here.
	// all workers act as one user: lift the per-user session cap for them
	ts := start(t, o, func(c *server.Config) { c.Logger, c.MaxSessionsPerUser = server.NewLogger(io.Discard), 4*workers })
	runtime.GC()
	baseline := runtime.NumGoroutine()
	rssStart := vmRSS(t, "/proc/self/status")

	var ops, pushes, conflicts, failures atomic.Int64
	var latMu sync.Mutex
	lat := map[string][]time.Duration{}
	var rssPeak atomic.Int64
	stop := time.Now().Add(loadDuration())
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var c *gossh.Client
			defer func() {
				if c != nil {
					c.Close()
				}
			}()
			for n := 0; time.Now().Before(stop); n++ {
				if n%10 == 0 { // a new connection every ten commands, as scripts do
					if c != nil {
						c.Close()
					}
					var err error
					if c, err = dialQuiet(ts.addr, o.chen); err != nil {
						failures.Add(1)
						t.Errorf("worker %d dial: %v", w, err)
						return
					}
				}
				id := ids[rng.IntN(len(ids))]
				timed := func(kind, stdin, cmd string) result {
					begin := time.Now()
					r := run(t, c, stdin, cmd)
					d := time.Since(begin)
					latMu.Lock()
					lat[kind] = append(lat[kind], d)
					latMu.Unlock()
					ops.Add(1)
					return r
				}
				if r := timed("list", "", "article list --limit 20"); r.code != 0 {
					failures.Add(1)
					t.Errorf("list: %+v", r)
					return
				}
				r := timed("pull", "", fmt.Sprint("article pull ", id))
				if r.code != 0 {
					failures.Add(1)
					t.Errorf("pull: %+v", r)
					return
				}
				// Rewrite the last paragraph: the text keeps its size, as edits do.
				text := strings.TrimRight(r.stdout, "\n")
				if i := strings.LastIndex(text, "\n\n"); i > 0 && strings.Contains(text[i:], "号客户端") {
					text = text[:i]
				}
				edited := text + fmt.Sprintf("\n\n第%d号客户端的第%d次修改。\n", w, n)
				r = timed("push", edited, fmt.Sprint("article push ", id))
				pushes.Add(1)
				switch r.code {
				case 0:
				case 3:
					conflicts.Add(1)
				default:
					failures.Add(1)
					t.Errorf("push: %+v", r)
					return
				}
				if w == 0 {
					rssPeak.Store(max(rssPeak.Load(), vmRSS(t, "/proc/self/status")))
				}
			}
		}()
	}
	wg.Wait()

	var drafts int
	for _, id := range ids {
		d, err := o.st.ConflictDrafts(store.Holder(), id)
		if err != nil {
			t.Fatal(err)
		}
		drafts += len(d)
	}
	t.Logf("%d workers, %s: %d commands, %d pushes, %d conflicts (exit 3), %d kept drafts, %d failures",
		workers, loadDuration(), ops.Load(), pushes.Load(), conflicts.Load(), drafts, failures.Load())
	for _, kind := range []string{"list", "pull", "push"} {
		ds := lat[kind]
		slices.Sort(ds)
		if len(ds) > 0 {
			t.Logf("  %-4s n=%-5d p50=%-8s p99=%s", kind, len(ds), ds[len(ds)/2].Round(time.Microsecond), ds[len(ds)*99/100].Round(time.Microsecond))
		}
	}
	if failures.Load() != 0 {
		t.Fatalf("%d failures", failures.Load())
	}
	if int(conflicts.Load()) != drafts {
		t.Errorf("%d conflicts but %d kept drafts: a losing text was dropped", conflicts.Load(), drafts)
	}

	// Every connection is closed: the goroutines must come back.
	deadline := time.Now().Add(15 * time.Second)
	for {
		runtime.GC()
		n := runtime.NumGoroutine()
		if n <= baseline {
			t.Logf("goroutines: baseline %d, after %d", baseline, n)
			break
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutine leak: %d after the load, baseline %d\n%s", n, baseline, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(50 * time.Millisecond)
	}
	rssEnd := vmRSS(t, "/proc/self/status")
	var dbSize int64
	if fi, err := os.Stat(o.st.Path()); err == nil {
		dbSize = fi.Size()
	}
	t.Logf("RSS (test process: server, clients, the mapped database of %d MiB): start %d MiB, peak %d MiB, end %d MiB",
		dbSize>>20, rssStart>>20, rssPeak.Load()>>20, rssEnd>>20)
}
