package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// The commands that do not wait for input (noWait) exist, and none of
// them can take text: no file, message or note flag and no reading of
// standard input of its own — so what they do not wait for cannot be an
// opinion or a body the user meant for them.
func TestNoWaitCommandsTakeNoText(t *testing.T) {
	found := map[string]*cobra.Command{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		found[strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")] = c
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRoot(&Env{Getenv: func(string) string { return "" }}))
	for path := range noWait {
		c, ok := found[path]
		if !ok {
			t.Errorf("noWait names %q, which is not a command", path)
			continue
		}
		for _, name := range append([]string{"file"}, textFlags...) {
			if c.Flags().Lookup(name) != nil {
				t.Errorf("%q takes text (--%s) and must wait for input", path, name)
			}
		}
		if _, ok := c.Annotations[stdinAnnotation]; ok {
			t.Errorf("%q reads standard input and must wait for it", path)
		}
	}
}
