package cli_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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

// TestEveryMistypedFlagIsSuggested is fault 9.11's "did you mean" for
// flags, on every command: a long flag with two letters swapped is a usage
// error (exit 2) that names the flag meant.
func TestEveryMistypedFlagIsSuggested(t *testing.T) {
	o := newOffice(t)
	n := 0
	eachCommand(func(c *cobra.Command) {
		if !c.Runnable() || c == c.Root() || strings.HasPrefix(c.CommandPath(), "copydesk completion") {
			return
		}
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || len(f.Name) < 4 {
				return
			}
			b := []byte(f.Name)
			b[len(b)-1], b[len(b)-2] = b[len(b)-2], b[len(b)-1]
			typo := string(b)
			if typo == f.Name || c.Flags().Lookup(typo) != nil {
				return
			}
			args := append(strings.Fields(c.CommandPath())[1:], "--"+typo)
			r := o.run("", args...)
			_, sugg, _ := strings.Cut(r.stderr, "did you mean ")
			sugg, _, _ = strings.Cut(sugg, "?")
			real := sugg != ""
			for _, g := range strings.Split(sugg, " / ") { // another flag as near is as good
				real = real && c.Flags().Lookup(strings.TrimPrefix(g, "--")) != nil
			}
			if r.code != 2 || !real {
				t.Errorf("copydesk %s: exit %d, %q; want a suggestion of --%s", strings.Join(args, " "), r.code, r.stderr, f.Name)
			}
			n++
		})
	})
	if n < 50 {
		t.Fatalf("only %d flags tried", n)
	}
}
