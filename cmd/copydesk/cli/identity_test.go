package cli_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
)

// runBare runs copydesk with only COPYDESK_DB set: no $USER, no $HOME, as
// in a container, cron or systemd.
func runBare(db, stdin string, args ...string) result {
	var out, errb bytes.Buffer
	env := &cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "COPYDESK_DB" {
				return db
			}
			return ""
		}}
	code := cli.Run(env, args)
	return result{code, out.String(), errb.String()}
}

// TestFirstRunWithoutUser is fault 9.2: with $USER unset nothing invents a
// user "editor"; the first run without a terminal says how to say who you
// are; after `init --login` later runs know who you are; the "who are you"
// refusal lists the known logins.
func TestFirstRunWithoutUser(t *testing.T) {
	db := filepath.Join(t.TempDir(), "copydesk.db")
	r := runBare(db, "")
	if r.code != 2 || !strings.Contains(r.stderr, "init --login 登录名 --display 姓名") {
		t.Fatalf("first run without a terminal: exit %d %q", r.code, r.stderr)
	}
	r = runBare(db, "", "user", "list")
	if strings.Contains(r.stdout, "editor") {
		t.Fatalf("a user was invented: %s", r.stdout)
	}
	r = runBare(db, "", "init", "--login", "liwei", "--display", "李伟", "--department", "党委宣传部")
	if r.code != 0 || !strings.Contains(r.stdout, "你是 liwei（李伟）") {
		t.Fatalf("init --login: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runBare(db, "正文。", "article", "new", "--title", "第一篇")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "1" {
		t.Fatalf("a later run without $USER: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r = runBare(db, "", "article", "show", "1"); !strings.Contains(r.stdout, "作者：李伟") {
		t.Fatalf("the author is the display name, not a login: %s", r.stdout)
	}
	r = runBare(db, "", "--as", "nobody", "whoami")
	if r.code != 4 || !strings.Contains(r.stderr, "你是谁？--as nobody：没有这个 copydesk 用户") || !strings.Contains(r.stderr, "已有的登录名：liwei（李伟）") || strings.Contains(r.stderr, "known logins") {
		t.Fatalf("who are you: exit %d %q", r.code, r.stderr)
	}
	if r = runBare(db, "", "init", "--login", "x", "--display", "X"); r.code != 2 {
		t.Fatalf("a second first user: exit %d", r.code)
	}
}

// TestUserEdit: `user edit` changes names, department and roles, is
// recorded, refuses what the user may not do, and leaves past records with
// the name they were made with.
func TestUserEdit(t *testing.T) {
	o := newOffice(t)
	id := strings.TrimSpace(o.ok("正文。", "--as", "liwei", "article", "new", "--title", "改名前"))
	o.ok("", "--as", "liwei", "article", "submit", id)
	o.ok("", "--as", "wangyin", "article", "show", id)
	o.ok("", "--as", "wangyin", "article", "approve", id, "-m", "同意")

	out := o.ok("", "--as", "admin", "user", "edit", "wangyin", "--display", "王音（宣传部）", "--department", "党委宣传部")
	if !strings.Contains(out, "王音(宣传部)") { // NFKC: full-width brackets become ASCII
		t.Fatal(out)
	}
	if out := o.ok("", "user", "list"); !strings.Contains(out, "王音(宣传部)") {
		t.Fatalf("user list: %s", out)
	}
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "by 王音 (wangyin)") {
		t.Fatalf("a past approval was rewritten with the new name: %s", out)
	}
	// Self-service: own name yes, own roles no, someone else's no.
	o.ok("", "--as", "liwei", "user", "edit", "liwei", "--display", "李伟（记者）")
	o.fails(4, "admin", "", "--as", "liwei", "user", "edit", "liwei", "--roles", "writer,chief")
	o.fails(4, "admin", "", "--as", "liwei", "user", "edit", "wangyin", "--display", "王")
	o.fails(1, "already the name of", "", "--as", "admin", "user", "edit", "shenjl", "--display", "李伟（记者）")
	o.fails(2, "nothing to change", "", "--as", "admin", "user", "edit", "shenjl")
	o.fails(4, "last admin", "", "--as", "admin", "user", "edit", "admin", "--roles", "writer")
	o.ok("", "--as", "admin", "user", "edit", "shenjl", "--roles", "chief,reviewer", "--email", "shen@example.org")
	if out := o.ok("", "verify"); !strings.Contains(out, "ok") {
		t.Fatalf("verify: %s", out)
	}
}
