package cli_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestSmallThings is fault 9.11 on the command line: columns of user list
// line up by display width with Chinese names; counts agree with their
// nouns; a mistyped command gets a suggestion and exit 2.
func TestSmallThings(t *testing.T) {
	o := newOffice(t)
	o.ok("", "--as", "admin", "user", "add", "ouyang", "--display", "欧阳建国", "--role", "writer", "--department", "党委宣传部")
	out := o.ok("", "user", "list")
	header := ""
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(l, "LOGIN") {
			header = l
		}
	}
	want := ansi.StringWidth(header[:strings.Index(header, "ROLES")])
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		// The roles column starts where its header does.
		fields := strings.Fields(l)
		if len(fields) < 3 {
			continue
		}
		i := strings.Index(l, " "+fields[2]) + 1
		if got := ansi.StringWidth(l[:i]); got != want {
			t.Fatalf("the roles column starts at %d, not %d:\n%s", got, want, out)
		}
	}
	if r := o.run("", "artcle", "list"); r.code != 2 || !strings.Contains(r.stderr, "did you mean article") {
		t.Fatalf("mistyped command: %d %q", r.code, r.stderr)
	}
	if r := o.run("", "article", "lst"); r.code != 2 || !strings.Contains(r.stderr, "did you mean list") {
		t.Fatalf("mistyped subcommand: %d %q", r.code, r.stderr)
	}
	if out := o.ok("", "verify"); strings.Contains(out, "1 signed-off revisions") || !strings.Contains(out, "0 signed-off revisions") {
		t.Fatalf("plural: %s", out)
	}
}
