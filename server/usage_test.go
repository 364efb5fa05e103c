package server_test

import (
	"strings"
	"testing"
)

// TestSSHUsageAndHelp is fault 9.11 over SSH: a usage mistake exits 2 with
// a suggestion for a mistyped command, and the help lists only what works
// over SSH (no serve, init, backup, --db, --as).
func TestSSHUsageAndHelp(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	for _, cmd := range []string{"artcle list", "article lst", "article list --bogus", "article show", "article show x"} {
		r := ts.runAs(t, o.wang, "", cmd)
		if r.code != 2 {
			t.Errorf("%s: exit %d (want 2) %q", cmd, r.code, r.stderr)
		}
	}
	if r := ts.runAs(t, o.wang, "", "artcle list"); !strings.Contains(r.stderr, "你是不是要用") || !strings.Contains(r.stderr, "article") {
		t.Errorf("no suggestion: %q", r.stderr)
	}
	r := ts.runAs(t, o.wang, "", "help")
	if r.code != 0 {
		t.Fatalf("help: %d %s", r.code, r.stderr)
	}
	for _, bad := range []string{"  serve ", "  init ", "  backup ", "--db", "--as", "completion"} {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("SSH help lists %q:\n%s", bad, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "article") {
		t.Errorf("SSH help lacks article:\n%s", r.stdout)
	}
	// Flags refused over SSH are left out of the help like the commands
	// (whoami --remember, record --out, export --theme/--credits/--byline);
	// the flags that work there stay.
	for _, c := range []struct {
		cmd        string
		gone, kept []string
	}{
		{"help", []string{"--remember"}, []string{"whoami"}},
		{"whoami --help", []string{"--remember", "记住"}, []string{"whoami"}},
		{"record --help", []string{"--out"}, []string{"--format"}},
		{"export --help", []string{"--theme", "--credits", "--byline"}, []string{"--out", "--base-url"}},
	} {
		r := ts.runAs(t, o.wang, "", c.cmd)
		if r.code != 0 {
			t.Errorf("%s: exit %d %q", c.cmd, r.code, r.stderr)
			continue
		}
		for _, bad := range c.gone {
			if strings.Contains(r.stdout, bad) {
				t.Errorf("SSH %s lists %q:\n%s", c.cmd, bad, r.stdout)
			}
		}
		for _, want := range c.kept {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("SSH %s lacks %q:\n%s", c.cmd, want, r.stdout)
			}
		}
	}
	if r := ts.runAs(t, o.wang, "", "whoami --remember"); r.code == 0 {
		t.Errorf("whoami --remember over SSH: %+v, want a refusal", r)
	}
}
