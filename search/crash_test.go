package search_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
)

// TestCrashChild is the process TestKillDuringIndexing kills: it opens the
// database and its index and brings the index up to date, printing each
// progress line, until it is killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("COPYDESK_SEARCH_CRASH_CHILD")
	if path == "" {
		t.Skip("run by TestKillDuringIndexing")
	}
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(st, search.Options{Progress: func(line string) { fmt.Println("PROGRESS", line) }})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("PROGRESS opened")
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	fmt.Println("DONE")
	time.Sleep(time.Minute) // wait to be killed
}

// TestKillDuringIndexing kills (SIGKILL) a process while it builds or
// catches up the index, then opens the index again and checks that every
// article in the store is found, by a word only it has.
func TestKillDuringIndexing(t *testing.T) {
	for _, c := range []struct {
		name   string
		before int    // articles indexed before the crash run
		after  int    // articles added while no index was open
		killAt string // the progress line that triggers the kill
	}{
		{"catch-up", 20, 600, "追赶"},   // after the first catch-up chunk
		{"rebuild", 0, 200, "opened"}, // as the rebuild starts
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "copydesk.db")
			st, err := store.Open(path, store.Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.AddUser(store.Actor{}, model.User{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter, model.RoleAdmin}}); err != nil {
				t.Fatal(err)
			}
			add := func(n int) {
				for range n {
					if _, err := st.Create(store.Actor{Login: "liwei"}, model.Content{Kind: model.KindNews, Title: "稿件", Body: "正文。"}, ""); err != nil {
						t.Fatal(err)
					}
				}
			}
			add(c.before)
			if c.before > 0 {
				ix, err := search.Open(st, search.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := ix.Sync(context.Background()); err != nil {
					t.Fatal(err)
				}
				ix.Close()
			}
			add(c.after)
			// each article gets a word of its own, in a second revision
			ids, _ := st.ArticleIDs()
			for _, id := range ids {
				if _, err := st.Save(store.Actor{Login: "liwei"}, id, 1, model.Content{Kind: model.KindNews, Title: "稿件", Body: fmt.Sprintf("正文 tok%d 。", id)}); err != nil {
					t.Fatal(err)
				}
			}
			st.Close()

			cmd := exec.Command(os.Args[0], "-test.run", "^TestCrashChild$", "-test.v")
			cmd.Env = append(os.Environ(), "COPYDESK_SEARCH_CRASH_CHILD="+path)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			killed := false
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "PROGRESS") && strings.Contains(line, c.killAt) {
					cmd.Process.Signal(syscall.SIGKILL)
					killed = true
					break
				}
				if line == "DONE" {
					break
				}
			}
			cmd.Process.Kill()
			cmd.Wait()
			if !killed {
				t.Fatalf("the child finished before the kill point %q", c.killAt)
			}

			st, err = store.Open(path, store.Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ix, err := search.Open(st, search.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if err := ix.Sync(context.Background()); err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				res, err := ix.Search(context.Background(), search.Query{Text: fmt.Sprintf("tok%d", id)})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) != 1 || res.Hits[0].Article != id {
					t.Fatalf("article %d is missing from the index after the crash: %+v", id, res.Hits)
				}
			}
			if s, err := ix.Status(); err != nil || s.Lag() != 0 {
				t.Errorf("status after catch-up: %+v %v", s, err)
			}
			for _, leftover := range []string{".new", ".build"} {
				if _, err := os.Stat(search.Dir(path) + leftover); err == nil {
					t.Errorf("the interrupted rebuild's %s directory was left behind", leftover)
				}
			}
		})
	}
}
