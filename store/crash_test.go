package store_test

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// A child process saves in a loop and prints each committed revision; the
// test SIGKILLs it at random moments, 100 times. Every printed revision must
// be there afterwards, Check must be clean and the chain must verify.
func TestCrashDuringSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("crash cycles take a few seconds")
	}
	st, path := newOffice(t)
	mustCreate(t, st)
	st.Close()
	cycles := 100
	maxSeen := 0
	for i := 0; i < cycles; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "COPYDESK_TEST_SAVER="+path)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan int, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.Atoi(sc.Text()); err == nil {
					lines <- n
				}
			}
			close(lines)
		}()
		time.Sleep(time.Duration(5+rand.IntN(40)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for n := range lines {
			maxSeen = max(maxSeen, n)
		}
		cmd.Wait()
	}
	st = openStore(t, path)
	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Rev < maxSeen {
		t.Fatalf("revision %d was reported committed, the head is %d", maxSeen, a.Rev)
	}
	for n := 1; n <= maxSeen; n++ {
		if _, err := st.Revision(1, n); err != nil {
			t.Fatalf("committed revision %d lost: %v", n, err)
		}
	}
	probs, err := st.Check()
	if err != nil || len(probs) > 0 {
		t.Fatalf("check after crashes: %v %v", probs, err)
	}
	rep, _ := st.Verify()
	if !rep.OK() {
		t.Fatal(rep.Problems)
	}
	t.Logf("%d kills, %d revisions committed and all present, %d audit records verify", cycles, maxSeen, rep.Records)
}
