package locale

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// osCase is an error the OS made, and what a reader of each language must
// see of it.
type osCase struct {
	name   string
	err    error
	zh, en string // exact renderings
}

// realOSErrors makes errors by asking the OS for impossible things (all of
// which root is refused too).
func realOSErrors(t *testing.T) []osCase {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "稿件.md")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "a"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.md")
	var cases []osCase
	add := func(name string, err error, zh, en string) {
		if err == nil {
			t.Fatalf("%s: the OS did not refuse", name)
		}
		cases = append(cases, osCase{name, err, zh, en})
	}

	_, err := os.Open(missing)
	add("ENOENT", err, "打开 "+missing+" 失败：文件或文件夹不存在", "open "+missing+": no such file or directory")
	_, err = os.Open(filepath.Join(file, "x"))
	add("ENOTDIR", err, "打开 "+file+"/x 失败：路径中有一项不是文件夹", "open "+file+"/x: not a directory")
	err = os.WriteFile(sub, []byte("x"), 0o644)
	add("EISDIR", err, "打开 "+sub+" 失败：这是文件夹，不是文件", "open "+sub+": is a directory")
	err = os.Mkdir(sub, 0o755)
	add("EEXIST", err, "创建文件夹 "+sub+" 失败：已经存在", "mkdir "+sub+": file exists")
	err = os.Remove(sub)
	add("ENOTEMPTY", err, "删除 "+sub+" 失败：文件夹不是空的", "remove "+sub+": directory not empty")
	err = os.Rename(missing, file+".bak")
	add("LinkError", err, "重命名 "+missing+" → "+file+".bak 失败：文件或文件夹不存在",
		"rename "+missing+" "+file+".bak: no such file or directory")

	// A port nobody listens on: listen, note the address, close.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = net.DialTimeout("tcp", addr, 2*time.Second)
	add("ECONNREFUSED", err, "连接 "+addr+" 失败：对方拒绝连接（服务可能没有运行）", "dial "+addr+": connection refused")

	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	add("deadline", ctx.Err(), "等待超时", "timed out")

	// sysfs refuses to create files even to root: EACCES, or EROFS where
	// it is mounted read-only; a read-only system mount gives EROFS too.
	for _, d := range append([]string{"/sys"}, readOnlyMounts()...) {
		p := filepath.Join(d, "copydesk-test")
		err := os.WriteFile(p, nil, 0o644)
		switch {
		case errors.Is(err, syscall.EROFS):
			add("EROFS "+d, err, "打开 "+p+" 失败：文件系统只读，不能写入", "open "+p+": read-only file system")
		case errors.Is(err, syscall.EACCES):
			add("EACCES "+d, err, "打开 "+p+" 失败：没有权限", "open "+p+": permission denied")
		}
	}
	if os.Geteuid() != 0 {
		locked := filepath.Join(dir, "locked")
		if err := os.Mkdir(locked, 0o000); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
		_, err := os.Open(filepath.Join(locked, "a"))
		add("EACCES", err, "打开 "+locked+"/a 失败：没有权限", "open "+locked+"/a: permission denied")
	}
	return cases
}

// readOnlyMounts are the system directories (of a short list) mounted
// read-only on this machine.
func readOnlyMounts() []string {
	buf, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		return nil
	}
	candidates := map[string]bool{"/proc/sys": true, "/sys/fs/cgroup": true, "/usr": true, "/boot": true, "/": true}
	var out []string
	for _, line := range strings.Split(string(buf), "\n") {
		fs := strings.Fields(line)
		if len(fs) < 4 || !candidates[fs[1]] {
			continue
		}
		for _, o := range strings.Split(fs[3], ",") {
			if o == "ro" {
				out = append(out, fs[1])
			}
		}
	}
	return out
}

// TestOSErrorsSpeakTheReadersLanguage: errors made by the OS read in
// Chinese for a Chinese reader, path kept, and as Go says them in English;
// directly, wrapped with %w, and as an argument of a catalog message.
func TestOSErrorsSpeakTheReadersLanguage(t *testing.T) {
	for _, c := range realOSErrors(t) {
		t.Run(c.name, func(t *testing.T) {
			if got := Err(ZH, c.err); got != c.zh {
				t.Errorf("zh-CN: %q\n want %q", got, c.zh)
			}
			if got := Err(EN, c.err); got != c.en {
				t.Errorf("en: %q\n want %q", got, c.en)
			}
			// A plain wrapper keeps its words around the rendered error.
			w := fmt.Errorf("saving: %w", c.err)
			if got := Err(ZH, w); got != "saving: "+c.zh {
				t.Errorf("wrapped, zh-CN: %q", got)
			}
			// The argument of a catalog message renders in the message's language.
			e := NewError("ErrorPrefix", Args{"Message": c.err}, c.err)
			if got, want := Err(ZH, e), T(ZH, "ErrorPrefix", Args{"Message": c.zh}); got != want {
				t.Errorf("as an argument, zh-CN: %q, want %q", got, want)
			}
			if got, want := e.Error(), T(EN, "ErrorPrefix", Args{"Message": c.en}); got != want {
				t.Errorf("as an argument, en: %q, want %q", got, want)
			}
			// T renders an error argument in its language too.
			if got, want := T(ZH, "ErrorPrefix", Args{"Message": c.err}), T(ZH, "ErrorPrefix", Args{"Message": c.zh}); got != want {
				t.Errorf("T with an error argument: %q, want %q", got, want)
			}
			if !errors.Is(e, c.err) {
				t.Error("the catalog error does not wrap the OS error")
			}
		})
	}
}

// TestOSErrorsUnknownKeepGoText: an errno without a catalog entry, an
// operation without a name and an error that is none of the OS's keep Go's
// text; a path with a line break cannot start a line of its own.
func TestOSErrorsUnknownKeepGoText(t *testing.T) {
	if got := Err(ZH, syscall.ESRCH); got != syscall.ESRCH.Error() {
		t.Errorf("unknown errno: %q", got)
	}
	pe := &os.PathError{Op: "frobnicate", Path: "/x", Err: syscall.ESRCH}
	if got, want := Err(ZH, pe), "frobnicate /x 失败："+syscall.ESRCH.Error(); got != want {
		t.Errorf("unknown op and errno: %q, want %q", got, want)
	}
	plain := errors.New("something else")
	if got := Err(ZH, plain); got != "something else" {
		t.Errorf("plain error: %q", got)
	}
	evil := &os.PathError{Op: "open", Path: "/a\nok: verified", Err: syscall.ENOENT}
	if got := Err(ZH, evil); strings.Contains(got, "\n") {
		t.Errorf("a path's line break reached the message: %q", got)
	}
	dns := &net.DNSError{Err: "no such host", Name: "mail.example.invalid", IsNotFound: true}
	if got := Err(ZH, dns); got != "查找主机 mail.example.invalid 失败：没有这个主机" {
		t.Errorf("DNS: %q", got)
	}
}

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		zh, en string
	}{
		{36 * time.Hour, "1 天 12 小时", "1 day 12 hours"},
		{90 * time.Second, "1 分钟 30 秒", "1 minute 30 seconds"},
		{24 * time.Hour, "1 天", "1 day"},
		{0, "0 秒", "0 seconds"},
		{350 * time.Millisecond, "350 毫秒", "350 milliseconds"},
		{time.Millisecond, "1 毫秒", "1 millisecond"},
		{-2*time.Hour - 1500*time.Millisecond, "2 小时 1 秒", "2 hours 1 second"},
	} {
		if zh, en := Duration(ZH, c.d), Duration(EN, c.d); zh != c.zh || en != c.en {
			t.Errorf("%v: %q, %q; want %q, %q", c.d, zh, en, c.zh, c.en)
		}
	}
}
