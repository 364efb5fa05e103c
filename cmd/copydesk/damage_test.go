package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// run runs the copydesk command (this test binary, see TestMain) and
// returns its output, exit code and whether a signal killed it.
func runCopydesk(t *testing.T, db string, stdin string, args ...string) (stdout, stderr string, code int, signaled bool) {
	t.Helper()
	cmd := exec.Command("copydesk", append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "USER=nobody", "GOTRACEBACK=all")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("copydesk %s did not finish within 60 s", strings.Join(args, " "))
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return out.String(), errb.String(), cmd.ProcessState.ExitCode(), ws.Signaled()
}

// smallOffice makes a real database with users, a signed-off meeting
// report, a draft with a comment and a photo, through the command line.
func smallOffice(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	steps := []struct {
		stdin string
		args  []string
	}{
		{"", []string{"user", "add", "admin", "--display", "管理员", "--role", "admin,writer"}},
		{"", []string{"--as", "admin", "user", "add", "liwei", "--display", "李伟", "--role", "writer"}},
		{"", []string{"--as", "admin", "user", "add", "wangyin", "--display", "王音", "--role", "reviewer"}},
		{"", []string{"--as", "admin", "user", "add", "shenjl", "--display", "沈建龙", "--role", "chief"}},
		{strings.Repeat("学院召开冬季安全工作会议，各部门负责人参加。\n\n", 40), []string{"--as", "liwei", "article", "new", "--kind", "meeting",
			"--title", "学院召开冬季安全工作会议", "--meeting", "安全会", "--date", "2026-11-20", "--source", "党委宣传部", "--file", "-"}},
		{"", []string{"--as", "liwei", "article", "submit", "1"}},
		{"", []string{"--as", "wangyin", "article", "approve", "1", "--rev", "1", "-m", "同意"}},
		{"", []string{"--as", "shenjl", "article", "signoff", "1", "--rev", "1", "-m", "同意发布"}},
		{"第二篇稿件正文。\n", []string{"--as", "liwei", "article", "new", "--title", "第二篇", "--file", "-"}},
		{"", []string{"--as", "liwei", "article", "comment", "2", "--para", "1", "-m", "请补充时间"}},
	}
	for _, s := range steps {
		if out, errs, code, _ := runCopydesk(t, db, s.stdin, s.args...); code != 0 {
			t.Fatalf("copydesk %s: exit %d\n%s%s", strings.Join(s.args, " "), code, out, errs)
		}
	}
	return db
}

// TestDamagedDatabaseNeverCrashes damages every page of a small real
// database in several ways (zeroed, random bytes flipped, truncated there)
// and runs check, verify, article list and export on each copy as separate
// processes: none may die with a panic trace or a signal; each either
// works or exits 1 (a problem found) or 5 (damaged).
func TestDamagedDatabaseNeverCrashes(t *testing.T) {
	db := smallOffice(t)
	orig, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096
	pages := len(orig) / pageSize
	if pages < 4 {
		t.Fatalf("database has %d pages", pages)
	}
	modes := []string{"zero", "flip", "truncate"}
	if testing.Short() {
		modes = modes[:2]
	}
	rng := rand.New(rand.NewPCG(16, 16))
	dir := t.TempDir()
	var damagedSeen int
	for p := 0; p < pages; p++ {
		for _, mode := range modes {
			data := append([]byte(nil), orig...)
			page := data[p*pageSize : (p+1)*pageSize]
			switch mode {
			case "zero":
				clear(page)
			case "flip":
				// flip bytes in the page header and body: where bbolt reads ids, counts and offsets
				for i := 0; i < 24; i++ {
					j := rng.IntN(64)
					if i%2 == 1 {
						j = rng.IntN(pageSize)
					}
					page[j] ^= byte(1 + rng.IntN(255))
				}
			case "truncate":
				if p == 0 {
					continue // an empty file is tested on its own
				}
				data = data[:p*pageSize+pageSize/2]
			}
			file := filepath.Join(dir, fmt.Sprintf("p%d-%s.db", p, mode))
			if err := os.WriteFile(file, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check"}, {"verify"}, {"article", "list"}, {"export", "--out", filepath.Join(dir, "site")}} {
				work := file + ".work"
				if err := os.WriteFile(work, data, 0o600); err != nil {
					t.Fatal(err)
				}
				out, errs, code, sig := runCopydesk(t, work, "", args...)
				what := fmt.Sprintf("page %d %s: copydesk %s", p, mode, strings.Join(args, " "))
				switch {
				case sig:
					t.Errorf("%s: killed by a signal\n%s", what, errs)
				case strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic:") || strings.Contains(errs, "SIGSEGV"):
					t.Errorf("%s: exit %d with a crash report:\n%.2000s", what, code, errs)
				case code != 0 && code != 1 && code != 5:
					t.Errorf("%s: exit %d (want 0, 1 or 5)\n%s%s", what, code, out, errs)
				}
				if code == 5 {
					damagedSeen++
					if !strings.Contains(errs, "数据库已损坏") && !strings.Contains(errs, "不是 copydesk 数据库") {
						t.Errorf("%s: exit 5 without saying the database is damaged:\n%s", what, errs)
					}
				}
			}
		}
	}
	if damagedSeen == 0 {
		t.Error("no damaged copy was reported as damaged (exit 5): the sweep damaged nothing bbolt reads")
	}
	t.Logf("%d pages, %d runs reported damage (exit 5)", pages, damagedSeen)
}

// TestEmptyFileIsNotANewDatabase: a zero-length file (a failed copy) is
// refused with a clear message, and left as it was.
func TestEmptyFileIsNotANewDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"article", "list"}, {"check"}, {"user", "add", "x", "--display", "X", "--role", "admin"}} {
		_, errs, code, _ := runCopydesk(t, db, "", args...)
		if code != 5 || !strings.Contains(errs, "是空文件（0 字节）") {
			t.Errorf("copydesk %s on an empty file: exit %d, %q; want exit 5 and the file named empty", strings.Join(args, " "), code, errs)
		}
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was changed: %v %v", fi, err)
	}
}

// TestBackupRefusesToClobber: backup never overwrites an existing file
// without --force, never follows a symlink, never writes over the live
// database (not even with --force).
func TestBackupRefusesToClobber(t *testing.T) {
	db := smallOffice(t)
	dir := t.TempDir()
	other := filepath.Join(dir, "index.html")
	os.WriteFile(other, []byte("someone else's file"), 0o600)
	link := filepath.Join(dir, "link.db")
	target := filepath.Join(dir, "target.txt")
	os.WriteFile(target, []byte("target"), 0o600)
	os.Symlink(target, link)
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		file string
		want string
	}{
		{[]string{"backup", other}, other, "已存在；要替换它请加 --force"},
		{[]string{"backup", link}, target, "是符号链接"},
		{[]string{"backup", "--force", link}, target, "是符号链接"},
		{[]string{"backup", "--force", db}, "", "就是正在使用的数据库"},
		{[]string{"backup", "--force", hard}, "", "就是正在使用的数据库"},
	} {
		before, _ := os.ReadFile(c.file)
		_, errs, code, _ := runCopydesk(t, db, "", c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("copydesk %s: exit %d, %q; want a refusal naming %q", strings.Join(c.args, " "), code, errs, c.want)
		}
		if c.file != "" {
			if after, _ := os.ReadFile(c.file); !bytes.Equal(before, after) {
				t.Errorf("copydesk %s changed %s", strings.Join(c.args, " "), c.file)
			}
		}
	}
	if out, errs, code, _ := runCopydesk(t, db, "", "check"); code != 0 {
		t.Fatalf("the live database was harmed: %s%s", out, errs)
	}
	if _, errs, code, _ := runCopydesk(t, db, "", "backup", "--force", other); code != 0 {
		t.Fatalf("backup --force over a regular file: %s", errs)
	}
	if _, _, code, _ := runCopydesk(t, other, "", "verify"); code != 0 {
		t.Error("the forced backup does not verify")
	}
	fresh := filepath.Join(dir, "fresh.db")
	if _, errs, code, _ := runCopydesk(t, db, "", "backup", fresh); code != 0 {
		t.Fatalf("backup to a new file: %s", errs)
	}
	// a write-protected evidence copy can be listed, checked and verified
	if err := os.Chmod(fresh, 0o400); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"article", "list"}, {"check"}, {"verify"}} {
		if out, errs, code, _ := runCopydesk(t, fresh, "", args...); code != 0 {
			t.Errorf("copydesk %s on a read-only copy: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
		}
	}
	if _, err := os.Stat(fresh + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only command left a lock note: %v", err)
	}
}
