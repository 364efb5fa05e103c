package cli_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
)

// Every command's --help under zh-CN is Chinese: the cobra tree is walked,
// so a new command or flag is checked without being listed here (issue
// 9.10). Command lines (examples and usage lines: they start with copydesk
// or ssh) and words a user types (flag values, role and state IDs) are
// machine text.
func TestEveryHelpSpeaksChinese(t *testing.T) {
	root := cli.NewRoot(&cli.Env{Lang: locale.EN})
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	allow := append([]string{}, helpAllow...)
	walk = func(c *cobra.Command, path []string) {
		if c.Hidden {
			return
		}
		paths = append(paths, path)
		// Command and flag names are typed as they are.
		allow = append(allow, strings.FieldsFunc(c.Name(), func(r rune) bool { return r == '-' })...)
		allow = append(allow, c.Aliases...)
		c.Flags().VisitAll(func(f *pflag.Flag) { allow = append(allow, strings.Split(f.Name, "-")...) })
		for _, s := range c.Commands() {
			walk(s, append(append([]string{}, path...), s.Name()))
		}
	}
	walk(root, nil)
	if len(paths) < 40 {
		t.Fatalf("only %d commands found: the walk is broken", len(paths))
	}
	o := newOffice(t)
	o.lang = ""
	for _, p := range paths {
		out := o.ok("", append(append([]string{}, p...), "--help")...)
		var prose []string
		for _, line := range strings.Split(out, "\n") {
			l := strings.TrimSpace(line)
			if strings.HasPrefix(l, "copydesk") || strings.HasPrefix(l, "ssh ") || strings.HasPrefix(l, "--") || strings.HasPrefix(l, "-") {
				// a usage or example line; a flag line keeps its description
				if i := strings.Index(l, "   "); strings.HasPrefix(l, "-") && i > 0 {
					prose = append(prose, strings.TrimSpace(l[i:]))
				}
				continue
			}
			prose = append(prose, l)
		}
		if bad := langcheck.English(strings.Join(prose, "\n"), allow...); len(bad) > 0 {
			t.Errorf("copydesk %s --help (LANG unset) has English: %q", strings.Join(p, " "), bad)
		}
	}
}

// helpAllow are words the help shows as a user types them.
var helpAllow = strings.Fields(`string strings int uint uints duration stringArray bool float
	zh CN en LANG auto wecom dingtalk feishu smtp starttls tls webhook WeCom DingTalk Feishu
	provenance json chain_head seq hash seal PATH known_hosts authorized_keys known hosts authorized keys
	submit approve return signoff publish withdraw takedown schedule unschedule correct stale comment mention overdue
	fixed country org title banned caution sensitive sitemap xml Chromium SFTP credits byline format dirs theme timezone
	when important correction desk example edu ed25519 text template zh-CN host ed notice chain head sha`)
