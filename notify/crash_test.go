package notify_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// TestMain doubles as the child process of the crash test.
func TestMain(m *testing.M) {
	if p := os.Getenv("COPYDESK_NOTIFY_CHILD"); p != "" {
		commentAndSend(p)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// commentAndSend comments in a loop, printing each comment's text once it
// is committed, while a dispatcher sends in the background, until killed.
func commentAndSend(path string) {
	st, err := store.Open(path, store.Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	d := &notify.Dispatcher{Store: st, Backoff: 5 * time.Millisecond, Poll: 5 * time.Millisecond}
	go d.Run(context.Background())
	for i := 0; ; i++ {
		text := fmt.Sprintf("第%d条评论，进程%d", i, os.Getpid())
		if _, err := st.AddComment(store.Actor{Login: "liwei"}, 1, 1, 0, text); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(text)
		time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
	}
}

// A child process comments and sends; the test SIGKILLs it at random
// moments — between a commit and its send, in the middle of a send, before
// the outcome is recorded. Afterwards every comment reported committed has
// reached the receiver, each under exactly one delivery ID (a repeat of the
// same ID is the documented at-least-once), and the outbox is empty.
func TestCrashBetweenCommitAndSendLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("crash cycles take a few seconds")
	}
	st := openOffice(t, store.Options{})
	hook := newReceiver(t, `{}`, nil)
	addChannel(t, st, store.Channel{Name: "group", Kind: "webhook"}, store.ChannelSecret{URL: hook.srv.URL + "/hook"})
	newArticle(t, st)
	path := st.Path()
	st.Close()

	var committed []string
	for cycle := 0; cycle < 15; cycle++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "COPYDESK_NOTIFY_CHILD="+path)
		out, _ := cmd.StdoutPipe()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(time.Duration(30+rand.IntN(120)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for l := range lines {
			committed = append(committed, l)
		}
		cmd.Wait()
		if strings.TrimSpace(stderr.String()) != "" {
			t.Fatalf("child: %s", stderr.String())
		}
	}
	if len(committed) < 15 {
		t.Fatalf("only %d comments committed in 15 runs", len(committed))
	}
	st2, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	sentBefore := len(hook.got())
	pass(t, &notify.Dispatcher{Store: st2})
	ob, _ := st2.Outbox()
	if ob.Notices != 0 || ob.Pending != 0 || len(ob.Failed) != 0 {
		t.Fatalf("outbox after the final pass: %+v", ob)
	}
	idsOf := map[string]map[string]bool{} // comment text → delivery IDs that carried it
	copies := 0
	for _, h := range hook.got() {
		var b notify.WebhookBody
		if err := json.Unmarshal(h.Body, &b); err != nil {
			t.Fatal(err)
		}
		if idsOf[b.Comment] == nil {
			idsOf[b.Comment] = map[string]bool{}
		}
		if idsOf[b.Comment][b.ID] {
			copies++
		}
		idsOf[b.Comment][b.ID] = true
	}
	for _, text := range committed {
		switch ids := idsOf[text]; len(ids) {
		case 0:
			t.Errorf("committed comment %q never reached the receiver", text)
		case 1:
		default:
			t.Errorf("comment %q went out under %d delivery IDs: %v", text, len(ids), ids)
		}
	}
	t.Logf("%d comments committed across 15 kills; %d sent by the children, %d by the final pass; %d repeated IDs (at-least-once)",
		len(committed), sentBefore, len(hook.got())-sentBefore, copies)
}
