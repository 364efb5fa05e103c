package cli_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/internal/unseen"
)

// A refusal never tells you about an article you may not see: every
// command that names one article (internal/unseen, checked against the
// command tree), run by a user who may not see it, prints byte for byte
// what `article show` prints to that user (无权查看, exit 4) — not its
// owner, state, stage or checklist — and changes nothing (verify's chain
// head is the same). The articles are a draft, one in review, one taken
// down and a deleted draft; the users another writer, the chief before his
// stage, a reviewer before submission and the admin (whose trash is the
// one exception, model.MayAct).
func TestUnseenArticleRefusalsAreShowsRefusal(t *testing.T) {
	o := newOffice(t)
	o.ok("", "--as", "admin", "user", "add", "zhaoli", "--display", "赵丽", "--role", "writer")
	newDraft := func(title string) string {
		id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", title, "--file", "-"))
		o.ok("", "--as", "liwei", "article", "comment", id, "--para", "1", "-m", "自己的批注")
		return id
	}
	draft := newDraft("李伟的草稿")
	review := newDraft("送审的稿件")
	o.ok("", "--as", "liwei", "article", "submit", review)
	gone := o.approved("撤下的稿件")
	o.signOff(gone)
	o.ok("", "--as", "shenjl", "article", "takedown", gone, "-m", "撤稿")
	deleted := newDraft("删掉的草稿")
	o.ok("", "--as", "liwei", "article", "delete", deleted)

	lines := unseen.Lines(1, "zhaoli")
	if miss := unseen.Missing(cli.NewRoot(&cli.Env{Getenv: func(string) string { return "" }}), lines); len(miss) > 0 {
		t.Fatalf("commands naming an article that internal/unseen does not run: %v", miss)
	}
	before := o.ok("", "verify")
	for _, c := range []struct{ who, id, lang string }{
		{"zhaoli", draft, ""}, {"zhaoli", draft, "en_US.UTF-8"}, {"zhaoli", review, "en_US.UTF-8"},
		{"zhaoli", gone, ""}, {"zhaoli", deleted, "en_US.UTF-8"},
		{"shenjl", review, "en_US.UTF-8"}, {"wangyin", draft, ""}, {"wangyin", deleted, "en_US.UTF-8"},
		{"admin", draft, "en_US.UTF-8"}, {"admin", gone, ""},
		{"zhaoli", "999", ""}, {"shenjl", "999", "en_US.UTF-8"}, // no such article: the same refusal
	} {
		o.lang = c.lang
		show := o.run("", "--as", c.who, "article", "show", c.id)
		if show.code != 4 || show.stdout != "" || !strings.Contains(show.stderr, " "+c.who+" ") {
			t.Fatalf("%s: article show %s: %+v; want the 无权查看 refusal", c.who, c.id, show)
		}
		for _, l := range unseen.Lines(mustUint(t, c.id), "zhaoli") {
			if l.Trash && c.who == "admin" {
				continue // the admin's trash (model.MayAct)
			}
			r := o.run(l.Stdin, append([]string{"--as", c.who}, l.Args...)...)
			if r != show {
				t.Errorf("LANG=%q %s: copydesk %s: exit %d\nstdout %q\nstderr %q\nwant exactly what article show says: exit %d, stderr %q",
					c.lang, c.who, l, r.code, r.stdout, r.stderr, show.code, show.stderr)
			}
		}
	}
	// No such article and one you may not see read the same, but for the
	// number: a refusal tells no one which IDs exist.
	o.lang = ""
	none, hidden := o.run("", "--as", "zhaoli", "article", "show", "999"), o.run("", "--as", "zhaoli", "article", "show", draft)
	if strings.ReplaceAll(none.stderr, "999", draft) != hidden.stderr || none.code != hidden.code {
		t.Errorf("article show of no article %+v, of an unseen one %+v", none, hidden)
	}
	o.lang = "en_US.UTF-8"
	if after := o.ok("", "verify"); after != before {
		t.Errorf("refused commands changed the record:\n%s\n→\n%s", before, after)
	}
	// Those who may see it still get the specific refusal.
	o.fails(1, "never submitted", "", "--as", "liwei", "article", "delete", review)
	o.fails(4, "needs the reviewer role", "", "--as", "liwei", "article", "approve", review, "-m", "同意")
}

func mustUint(t *testing.T, s string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
