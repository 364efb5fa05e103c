package cli_test

import (
	"strings"
	"testing"
)

// user edit --lang stores the user's language: their commands then speak
// it whatever LANG says (the same rule the SSH server and the
// workstation apply, locale.Session); auto gives the choice back to LANG;
// a language the catalog lacks is refused and nothing changes. A user may
// set their own, not another's.
func TestUserEditLang(t *testing.T) {
	o := newOffice(t)
	o.lang = "" // unset: Chinese
	if out := o.ok("", "--as", "liwei", "whoami"); !strings.Contains(out, "撰稿") {
		t.Fatalf("whoami with LANG unset: %q", out)
	}
	out := o.ok("", "--as", "liwei", "user", "edit", "liwei", "--lang", "en_US.UTF-8")
	if !strings.Contains(out, "语言 en") {
		t.Fatalf("user edit --lang: %q", out)
	}
	if out := o.ok("", "--as", "liwei", "whoami"); !strings.Contains(out, "writer") {
		t.Fatalf("whoami after --lang en, LANG unset: %q", out)
	}
	o.lang = "zh_CN.UTF-8"
	if out := o.ok("", "--as", "liwei", "whoami"); !strings.Contains(out, "writer") {
		t.Fatalf("the user's setting lost to LANG=zh_CN: %q", out)
	}
	if r := o.run("", "--as", "liwei", "article", "show", "999"); r.code == 0 || !strings.Contains(r.stderr, "copydesk: ") {
		t.Fatalf("an error after identity is not English: %+v", r)
	}
	o.fails(2, "zh-CN", "", "--as", "liwei", "user", "edit", "liwei", "--lang", "fr")
	o.fails(4, "", "", "--as", "wangyin", "user", "edit", "liwei", "--lang", "zh")
	if out := o.ok("", "--as", "liwei", "user", "edit", "liwei", "--lang", "auto"); !strings.Contains(out, "language auto") {
		t.Fatalf("user edit --lang auto: %q", out)
	}
	if out := o.ok("", "--as", "liwei", "whoami"); !strings.Contains(out, "撰稿") {
		t.Fatalf("after --lang auto, LANG=zh_CN: %q", out)
	}
}
