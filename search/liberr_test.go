package search_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/search"
)

// englishWord finds a run of Latin letters in a rendered zh-CN error once
// the paths are taken out: bleve's own words ("error moving final segment
// into place", "mkdir") must never reach a user.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

func withoutPaths(s string, paths ...string) string {
	for _, p := range paths {
		s = strings.ReplaceAll(s, p, "")
	}
	return s
}

// TestSearchFailureReadsInTheUsersLanguage makes a rebuild fail for real
// and checks what a user reads: a catalogued sentence in zh-CN or en, the
// OS error (in the reader's language, path kept) when that is the cause,
// and bleve's English only in the operator's log (Options.LibLog).
func TestSearchFailureReadsInTheUsersLanguage(t *testing.T) {
	t.Run("os error", func(t *testing.T) {
		st := newOffice(t)
		create(t, st, liwei, "校园新闻", "一段简单的话")
		var lib []string
		ix, err := search.Open(st, search.Options{LibLog: func(l string) { lib = append(lib, l) }})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		// the builder's scratch directory cannot be made: a file is in
		// its place
		build := search.Dir(st.Path()) + ".build"
		if err := os.WriteFile(build, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		err = ix.Reindex(context.Background())
		if err == nil {
			t.Fatal("Reindex succeeded with a file in place of its scratch directory")
		}
		zh, en := locale.Err(locale.ZH, err), locale.Err(locale.EN, err)
		if want := "建立搜索索引失败：创建文件夹 " + build + " 失败："; !strings.HasPrefix(zh, want) {
			t.Errorf("zh-CN: %q, want it to start with %q", zh, want)
		}
		if w := englishWord.FindString(withoutPaths(zh, build)); w != "" {
			t.Errorf("zh-CN error holds English %q: %q", w, zh)
		}
		if !strings.HasPrefix(en, "building the search index failed: ") || !strings.Contains(en, build) {
			t.Errorf("en: %q", en)
		}
		if len(lib) != 1 || !strings.Contains(lib[0], "mkdir "+build) {
			t.Errorf("operator's log: %q, want the OS error's own text once", lib)
		}
	})

	// bleve moves the merged segment from its scratch directory into the
	// index with os.Rename; across file systems that fails (EXDEV), and
	// bleve's error only quotes the OS error's text ("error moving final
	// segment into place: rename …: invalid cross-device link").
	other := "/dev/shm"
	var a, b syscall.Stat_t
	if syscall.Stat(other, &a) != nil || syscall.Stat(os.TempDir(), &b) != nil || a.Dev == b.Dev {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing or on the same file system as %s", other, os.TempDir())
		}
		t.Skipf("%s is missing or on the same file system as %s", other, os.TempDir())
	}
	for _, logged := range []bool{false, true} {
		name := "no log"
		if logged {
			name = "operator's log"
		}
		t.Run("bleve's words/"+name, func(t *testing.T) {
			st := newOffice(t)
			create(t, st, liwei, "校园新闻", "一段简单的话")
			var lib []string
			opts := search.Options{}
			if logged {
				opts.LibLog = func(l string) { lib = append(lib, l) }
			}
			ix, err := search.Open(st, opts)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			scratch, err := os.MkdirTemp(other, "copydesk-test-")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(scratch)
			if err := os.Symlink(scratch, search.Dir(st.Path())+".build"); err != nil {
				t.Fatal(err)
			}
			err = ix.Reindex(context.Background())
			if err == nil {
				t.Fatal("Reindex succeeded across file systems")
			}
			zh, en := locale.Err(locale.ZH, err), locale.Err(locale.EN, err)
			wantZH, wantEN := "建立搜索索引失败：搜索索引程序出错", "building the search index failed: the search index library failed"
			if logged {
				wantZH += "，详情已记入服务日志"
				wantEN += "; the details are in the server's log"
			}
			if zh != wantZH || en != wantEN {
				t.Errorf("got\n  %q\n  %q\nwant\n  %q\n  %q", zh, en, wantZH, wantEN)
			}
			if logged && (len(lib) != 1 || !strings.Contains(lib[0], "error moving final segment into place")) {
				t.Errorf("operator's log: %q, want bleve's error", lib)
			}
			// nothing is left half-built, and the next rebuild works
			if _, err := os.Stat(search.Dir(st.Path()) + ".new"); !os.IsNotExist(err) {
				t.Errorf("the failed rebuild left %s.new", search.Dir(st.Path()))
			}
			if err := os.Remove(search.Dir(st.Path()) + ".build"); err != nil {
				t.Fatal(err)
			}
			if err := ix.Reindex(context.Background()); err != nil {
				t.Fatal(locale.Err(locale.ZH, err))
			}
			if got := find(t, ix, search.Query{Text: "简单"}); len(got) != 1 {
				t.Errorf("after a working rebuild: %d hits, want 1", len(got))
			}
		})
	}
}
