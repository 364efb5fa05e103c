// Package unseen is test support for one rule: a refusal never tells you
// about an article you may not see. It lists every command that names one
// article (copydesk … ID …) with arguments and input that take it as far
// as the store, so the local command line's tests and the SSH tests (the
// x/crypto client and OpenSSH) run the same list, and Missing fails them
// when a command that names an article is added without its line here.
//
// Each line, run by a user who may not see article ID, must print exactly
// what `article show ID` prints to that user (store.MayRead's refusal,
// model.ErrNotVisible, exit 4) and change nothing.
package unseen

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Line is one command naming article ID: its arguments after "copydesk"
// and the standard input it reads.
type Line struct {
	Args  []string
	Stdin string
	// Trash is true for delete, restore and purge, which an admin may do
	// to articles they may not read (model.MayAct).
	Trash bool
}

// String is the command line as typed (arguments joined by spaces; none
// of them holds a space).
func (l Line) String() string { return strings.Join(l.Args, " ") }

// Lines returns every command naming article id, with login as the other
// user of reader add/remove. A file pushed claims revision 1 of id.
func Lines(id uint64, login string) []Line {
	ID := fmt.Sprint(id)
	file := fmt.Sprintf("---\nid: %d\nrev: 1\nkind: news\ntitle: 猜到编号的稿件\n---\n\n改写的正文。\n", id)
	a := func(args ...string) Line { return Line{Args: args} }
	return []Line{
		a("article", "show", ID), a("article", "show", ID, "--json"), a("article", "pull", ID), a("article", "pull", ID, "--rev", "1"),
		a("article", "diff", ID), a("article", "diff", ID, "--from", "1", "--to", "1"), a("article", "history", ID),
		a("article", "comments", ID), a("article", "conflicts", ID),
		a("article", "check", ID), a("article", "check", ID, "--json"), a("article", "check", ID, "--fix"),
		a("article", "check", ID, "--ignore", "1", "-m", "猜到编号"),
		a("record", ID),
		{Args: []string{"article", "push", ID}, Stdin: file},
		{Args: []string{"article", "push", ID, "--file", "-"}, Stdin: file},
		a("article", "submit", ID),
		a("article", "approve", ID, "-m", "同意"), a("article", "approve", ID, "-m", "同意", "--rev", "1"),
		a("article", "approve", ID, "-m", "同意", "--answer", "1=yes"), a("article", "approve", ID, "-m", "同意", "--answer", "9=yes"),
		a("article", "return", ID, "-m", "退回"),
		a("article", "signoff", ID, "-m", "同意"), a("article", "signoff", ID, "-m", "同意", "--at", "2030-01-01T09:00:00+08:00"),
		a("article", "signoff", ID, "-m", "同意", "--answer", "1=no"),
		a("article", "publish", ID),
		a("article", "takedown", ID, "-m", "撤下"), a("article", "withdraw", ID, "-m", "撤下"),
		a("article", "schedule", ID, "--at", "2030-01-01T09:00:00+08:00", "-m", "定时"), a("article", "unschedule", ID, "-m", "取消"),
		a("article", "correct", ID, "--note", "更正说明"),
		{Args: []string{"article", "correct", ID, "--note", "更正说明", "--file", "-"}, Stdin: file},
		a("article", "comment", ID, "--para", "1", "-m", "猜到编号的批注"),
		a("article", "comment", ID, "--para", "1", "--rev", "1", "-m", "猜到编号的批注"),
		a("article", "resolve", ID, "1"),
		a("article", "reader", "add", ID, login), a("article", "reader", "add", ID, login, "-m", "请审阅"),
		a("article", "reader", "remove", ID, login),
		{Args: []string{"article", "delete", ID}, Trash: true},
		{Args: []string{"article", "restore", ID}, Trash: true},
		{Args: []string{"article", "purge", ID}, Trash: true},
	}
}

// notArticles are commands whose ID is not an article's.
var notArticles = map[string]bool{"copydesk notify retry": true}

// Missing returns the runnable commands under root whose first argument
// is an article ID (their Use reads "NAME ID …"), including their
// aliases, that no line of lines runs.
func Missing(root *cobra.Command, lines []Line) []string {
	run := map[string]bool{}
	for _, l := range lines {
		for n := len(l.Args); n > 0; n-- {
			run["copydesk "+strings.Join(l.Args[:n], " ")] = true
		}
	}
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		f := strings.Fields(c.Use)
		if !c.Runnable() || len(f) < 2 || f[1] != "ID" || notArticles[c.CommandPath()] {
			return
		}
		parent := strings.TrimSuffix(c.CommandPath(), c.Name())
		for _, name := range append([]string{c.Name()}, c.Aliases...) {
			if !run[parent+name] {
				out = append(out, parent+name)
			}
		}
	}
	walk(root)
	return out
}
