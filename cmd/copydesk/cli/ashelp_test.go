package cli_test

import (
	"strings"
	"testing"
)

// TestAsHelpNamesTheRememberedUser (tester, 2026-12-01): with $USER unset
// (env -i, as in a container) copydesk acted as the remembered first user,
// but --help said the default was only "the user named like $USER".
func TestAsHelpNamesTheRememberedUser(t *testing.T) {
	o := newOffice(t)
	o.lang = ""
	if out := o.ok("", "--help"); !strings.Contains(out, "否则这台电脑的账户记住的用户") {
		t.Fatalf("--as help does not name the remembered user:\n%s", out)
	}
	o.lang = "en_US.UTF-8"
	if out := o.ok("", "--help"); !strings.Contains(out, "else the one this computer's account remembers") {
		t.Fatalf("--as help (en) does not name the remembered user:\n%s", out)
	}
}
