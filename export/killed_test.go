package export

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// killSources are the two states a killed exporter alternates between:
// B edits three articles of A, withdraws one and adds one.
func killSources() (a, b *memSource) {
	a = genSource(40, 300, 1)
	b = &memSource{arts: append([]Article(nil), a.arts...), media: a.media}
	for _, i := range []int{3, 17, 38} {
		edit(&b.arts[i], "", "更新：第二版。")
	}
	b.arts = append(b.arts[:20:20], b.arts[21:]...)
	b.arts = append(b.arts, genSource(41, 300, 1).arts[40])
	return a, b
}

// TestKillChild is the exporter TestKilledExportHeals kills: it exports
// A and B into $COPYDESK_KILL_DIR in turn until it is killed.
func TestKillChild(t *testing.T) {
	dir := os.Getenv("COPYDESK_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestKilledExportHeals")
	}
	a, b := killSources()
	for i := 0; ; i++ {
		src := a
		if i%2 == 0 {
			src = b
		}
		if _, err := Export(src, dir, Options{BaseURL: "https://news.example.edu.cn/"}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledExportHeals kills (SIGKILL) a process in the middle of
// exports, at random moments: every file of the site is then a whole
// file of one of the two states, and the next export makes exactly the
// site of its input, without reporting a damaged manifest.
func TestKilledExportHeals(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process")
	}
	a, b := killSources()
	opts := Options{BaseURL: "https://news.example.edu.cn/"}
	refA, refB := t.TempDir(), t.TempDir()
	mustExport(t, a, refA, opts)
	mustExport(t, b, refB, opts)
	sa, sb := snapshot(t, refA), snapshot(t, refB)
	dir := t.TempDir()
	mustExport(t, a, dir, opts)
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestKillChild$")
		cmd.Env = append(os.Environ(), "COPYDESK_KILL_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+rng.IntN(600)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		for p, f := range snapshot(t, dir) {
			if bookkeeping(p) || filepath.Base(p)[0] == '.' {
				continue
			}
			if f.data != sa[p].data && f.data != sb[p].data {
				t.Errorf("round %d: %s is neither its old nor its new version (%d bytes)", round, p, len(f.data))
			}
		}
		src := a
		if round%2 == 1 {
			src = b
		}
		res, err := Export(src, dir, opts)
		if err != nil {
			t.Fatalf("round %d: export after the kill: %v", round, err)
		}
		if res.Note != nil {
			t.Errorf("round %d: a kill left a damaged manifest: %v", round, res.Note)
		}
		sameSite(t, src, dir, opts)
	}
}
