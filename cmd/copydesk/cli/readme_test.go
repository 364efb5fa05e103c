package cli_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
)

// TestREADMECommandsExist is fault 9.12 as a kind: every copydesk command
// the README shows — in the walkthrough, the command list and the SSH
// examples — names a command that exists, and every --flag on the line is
// a flag of that command. (The walkthrough itself runs as
// testdata/script/walkthrough.txtar.)
func TestREADMECommandsExist(t *testing.T) {
	raw, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	root := cli.NewRoot(&cli.Env{Getenv: func(string) string { return "" }})
	sshRE := regexp.MustCompile(`\bssh -p \S+ (?:host|HOST) `)
	descRE := regexp.MustCompile(`\s{3,}[^-\s]`)
	flagRE := regexp.MustCompile(`(?:^|\s|\[)(--[a-z][a-z0-9-]*)`)
	// resolve finds the command a segment names, from root or, for
	// "… | status [--json]" alternatives, beside the previous one.
	resolve := func(words []string, bases ...*cobra.Command) *cobra.Command {
		for _, b := range bases {
			if b == nil {
				continue
			}
			c, rest, err := b.Find(words)
			if err == nil && c != b && (len(rest) == 0 || !isWord(rest[0]) || !c.HasSubCommands()) {
				return c
			}
		}
		return nil
	}
	n := 0
	inCode := false
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		at, skip := strings.Index(line, "copydesk "), len("copydesk ")
		if m := sshRE.FindStringIndex(line); m != nil && (at < 0 || m[0] < at) {
			at, skip = m[0], m[1]-m[0] // ssh -p 23234 host COMMAND: the same commands
		}
		if !inCode || at < 0 || strings.Contains(line[:at], "#") || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		text, _, _ := strings.Cut(line[at+skip:], " #")
		if loc := descRE.FindStringIndex(text); loc != nil {
			text = text[:loc[0]] // the description column of the command list
		}
		for _, g := range []string{"--as ", "--db "} { // global flags before the command
			if rest, ok := strings.CutPrefix(text, g); ok {
				_, text, _ = strings.Cut(rest, " ")
				text = strings.TrimLeft(text, " ")
			}
		}
		var prev *cobra.Command
		for j, seg := range strings.Split(text, " | ") {
			var words []string
			for _, w := range strings.Fields(seg) {
				w, _, _ = strings.Cut(w, "|") // submit|approve|signoff: the first stands for all
				if !isWord(w) {
					break
				}
				words = append(words, w)
			}
			if len(words) == 0 || words[0] == "join" { // join CODE is the SSH server's own, before a user exists
				continue
			}
			var c *cobra.Command
			if j == 0 {
				c = resolve(words, root)
			} else if prev != nil {
				c = resolve(words, prev.Parent(), prev.Parent().Parent(), root)
			}
			if c == nil {
				if j == 0 {
					t.Errorf("README line %d: %q names no command", i+1, strings.TrimSpace(line))
				}
				continue // a value alternative (--kind smtp | wecom …)
			}
			prev = c
			n++
			for _, m := range flagRE.FindAllStringSubmatch(seg, -1) {
				name := strings.TrimPrefix(m[1], "--")
				if c.Flags().Lookup(name) == nil && c.InheritedFlags().Lookup(name) == nil && root.PersistentFlags().Lookup(name) == nil {
					t.Errorf("README line %d: %s has no flag --%s", i+1, c.CommandPath(), name)
				}
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d commands found in the README", n)
	}
}

// isWord reports a command word: lower-case letters and dashes, not a
// flag, placeholder (ID, FILE) or value.
func isWord(w string) bool {
	return regexp.MustCompile(`^[a-z][a-z-]*$`).MatchString(w)
}

// TestUsageLinesNameRealFlags: every --flag a command's usage line offers
// is a flag it has (notify status offered --json without one).
func TestUsageLinesNameRealFlags(t *testing.T) {
	flagRE := regexp.MustCompile(`--([a-z][a-z0-9-]*)`)
	eachCommand(func(c *cobra.Command) {
		for _, m := range flagRE.FindAllStringSubmatch(c.Use, -1) {
			if c.Flags().Lookup(m[1]) == nil && c.InheritedFlags().Lookup(m[1]) == nil && c.Root().PersistentFlags().Lookup(m[1]) == nil {
				t.Errorf("%s: the usage line %q offers --%s, which it does not have", c.CommandPath(), c.Use, m[1])
			}
		}
	})
}

// eachCommand calls fn for every command of the tree, subcommands first.
func eachCommand(fn func(c *cobra.Command)) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		fn(c)
	}
	walk(cli.NewRoot(&cli.Env{Getenv: func(string) string { return "" }}))
}
