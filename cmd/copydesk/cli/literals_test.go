package cli_test

import (
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// pendingCLI2 are engineer cli2's files whose English literals are still
// being moved to the catalog; delete each entry as its file lands clean.
var pendingCLI2 = []string{}

// No string literal of English prose reaches a user of the CLI without
// the catalog (issue 9.10): printed with fmt or io, made into an error
// (fmt.Errorf, errors.New, UsageErrorf, exactArgs), placed in a message or
// a shown field. langcheck.Literals says what counts. A file still listed
// as pending is skipped, and must still have findings (else it is removed
// from the list, so the list only shrinks).
func TestNoEnglishLiterals(t *testing.T) {
	pending := pendingCLI2
	found, err := langcheck.Literals(".", pending...)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%v: English %q reaches a user without the catalog: put it in locale/ (locale.T, locale.NewError)", f, f.Words)
	}
	all, err := langcheck.Literals(".")
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]int{}
	for _, f := range all {
		left[f.File]++
	}
	for _, p := range pending {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("pending file %s: %v; remove it from the list", p, err)
		} else if left[p] == 0 {
			t.Errorf("pending file %s has no English literal left: remove it from the list", p)
		}
	}
}

// A wrong number of arguments is told in the reader's language, naming
// what the command takes (exactArgs), with exit 2.
func TestArgCountLanguage(t *testing.T) {
	o := newOffice(t)
	for _, c := range []struct {
		lang, want string
		args       []string
	}{
		{"", "copydesk article show 需要一个文章编号；用法：", []string{"--as", "liwei", "article", "show"}},
		{"en_US.UTF-8", "copydesk article show needs an article ID; usage: ", []string{"--as", "liwei", "article", "show"}},
		{"", "copydesk article list 不带参数；用法：", []string{"--as", "liwei", "article", "list", "7"}},
		{"en_US.UTF-8", "copydesk article list takes no arguments; usage: ", []string{"--as", "liwei", "article", "list", "7"}},
	} {
		o.lang = c.lang
		r := o.run("", c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("LANG=%q copydesk %s: exit %d, stderr %q; want 2 and %q", c.lang, strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}
