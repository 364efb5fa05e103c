package cli_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// stdinRefused is the en text of CLIStdinUnused.
const stdinRefused = "does not read standard input"

// TestNoCommandDropsStdin is fault 9.4 as a kind: every command, given
// input on standard input that it does not read, refuses with exit 2 and
// does nothing (the audit chain does not grow) — not only article new.
// The commands that read it (new, push, media add --name) are the
// exceptions, and -m - reads an opinion.
func TestNoCommandDropsStdin(t *testing.T) {
	o := newOffice(t)
	t.Chdir(t.TempDir()) // a command that ran anyway writes nothing here
	o.ok(body, "--as", "liwei", "article", "new", "--title", "标题", "--file", "-")
	before := o.ok("", "verify")
	readers := map[string]bool{"copydesk article new": true, "copydesk article push": true, "copydesk media add": true}
	argSets := [][]string{nil, {"1"}, {"1", "liwei"}, {"news", "default"}, {"liwei", "x"}}
	eachCommand(func(c *cobra.Command) {
		path := c.CommandPath()
		if !c.Runnable() || c == c.Root() || readers[path] || strings.HasPrefix(path, "copydesk completion") ||
			path == "copydesk help" || path == "copydesk serve" {
			return
		}
		words := strings.Fields(path)[1:]
		for _, args := range argSets {
			r := o.run("piped text\n", append(append([]string{"--as", "admin"}, words...), args...)...)
			if strings.Contains(r.stderr, stdinRefused) {
				if r.code != 2 {
					t.Errorf("%s: refused with exit %d, want 2", path, r.code)
				}
				return
			}
		}
		t.Errorf("%s: given piped input it does not read, it did not refuse it", path)
	})
	if after := o.ok("", "verify"); after != before {
		t.Errorf("the refused commands changed the record:\n%s\n→\n%s", before, after)
	}

	// The readers read it; -m - is an opinion from standard input.
	id := strings.TrimSpace(o.ok("管道正文\n", "--as", "liwei", "article", "new", "--title", "管道"))
	o.ok("", "--as", "liwei", "article", "submit", id)
	o.ok("", "--as", "wangyin", "article", "show", id)
	o.ok("第一行意见\r\n第二行意见\n", "--as", "wangyin", "article", "return", id, "-m", "-")
	if out := o.ok("", "--as", "liwei", "article", "show", id); !strings.Contains(out, "第一行意见") || !strings.Contains(out, "第二行意见") {
		t.Fatalf("-m - did not take the opinion from standard input:\n%s", out)
	}
	o.fails(2, "only once", "x", "--as", "liwei", "article", "correct", "1", "--note", "-", "--file", "-")
	o.fails(2, "--file -", "x", "--as", "liwei", "article", "new", "--title", "t", "--file", "/dev/null")
}
