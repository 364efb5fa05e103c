package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

func newArticleDiffCmd(env *Env) *cobra.Command {
	var from, to, context int
	cmd := &cobra.Command{
		Use:   "diff ID [--from N] [--to M]",
		Short: "What changed between two revisions (default: since the last approval), as [-deleted-]{+inserted+}",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, st, err := env.articleStore(args[0])
			if err != nil {
				return err
			}
			a, err := st.Get(id)
			if err != nil {
				return err
			}
			if to == 0 {
				to = a.Rev
			}
			if from == 0 {
				// Every change since the last approval by someone else
				// (not just the last save): model.Article.DiffBase.
				viewer := ""
				if act, err := env.Identity(); err == nil {
					viewer = act.Login
				}
				from = a.DiffBase(viewer)
				if to != a.Rev || from > to {
					from = max(to-1, 1)
				}
			}
			old, err := st.Revision(id, from)
			if err != nil {
				return err
			}
			cur, err := st.Revision(id, to)
			if err != nil {
				return err
			}
			// A diff is a reading of revision to only when it starts
			// from text that was read: the revision a recorded decision
			// was made on (the next stage reviews the changes since),
			// or the one this user last read. A first review's diff
			// (the body shown as new, without the other fields) or one
			// from any other revision binds nothing.
			viewer := ""
			if act, err := env.Identity(); err == nil {
				viewer = act.Login
			}
			basis, by := a.DiffBasis(viewer)
			m, read := st.LastRead(viewer, id)
			if (by != nil && from == basis) || (read && m.Rev == from && m.Hash == old.Hash) {
				env.noteRead(st, id, to)
			}
			chunks := model.Diff(old.Content.Body, cur.Content.Body)
			ins, del := model.DiffStats(chunks)
			switch {
			case from != to:
				fmt.Fprintln(env.Stdout, env.t("CLIDiffHead", locale.Args{"ID": id, "From": from, "To": to, "Ins": ins, "Del": del}))
				if by != nil && from == basis { // say which decision the diff starts from, as the TUI's 改动 tab does
					fmt.Fprintln(env.Stdout, env.t("CLIDiffBasis", locale.Args{"Rev": by.Rev, "Who": termsafe.Line(decisionWho(by)), "Action": decisionAction(env, by.Action)}))
				}
			case by != nil && from == basis:
				// Nothing changed since the decision the diff starts from.
				fmt.Fprintln(env.Stdout, env.t("CLIDiffNoChangeSince", locale.Args{"ID": id, "Rev": to, "Who": termsafe.Line(decisionWho(by)), "Action": decisionAction(env, by.Action)}))
				return nil
			case from == basis && len(a.EarlierDecisions()) == 0:
				// A first review (or a first draft): no earlier text was
				// read, so the whole text is new.
				chunks = model.Diff("", cur.Content.Body)
				ins, _ = model.DiffStats(chunks)
				fmt.Fprintln(env.Stdout, env.t("CLIDiffFirst", locale.Args{"ID": id, "Rev": to, "Ins": ins, "Submitted": a.Submitted > 0}))
			default: // --from N --to N
				fmt.Fprintln(env.Stdout, env.t("CLIDiffSame", locale.Args{"ID": id, "Rev": to}))
				return nil
			}
			// every changed field besides the body, one line each:
			// a meeting date or attendees changed is reviewed too
			for _, c := range model.ChangedFields(&old.Content, &cur.Content) {
				o, n := c.Old, c.New
				if c.Field == "important" {
					o, n = env.yesNo(o != ""), env.yesNo(n != "")
				}
				fmt.Fprintln(env.Stdout, termsafe.Line(env.t("CLIDiffField", locale.Args{"Field": c.Field, "Old": o, "New": n})))
			}
			if ins+del == 0 {
				return nil
			}
			var b strings.Builder
			for _, h := range model.FoldDiff(chunks, context) {
				if h.Fold {
					b.WriteString("\n  " + env.t("CLIDiffFold", locale.Args{"Count": h.FoldedChars}) + "\n")
					continue
				}
				for _, c := range h.Chunks {
					switch c.Op {
					case model.DiffInsert:
						b.WriteString("{+" + c.Text + "+}")
					case model.DiffDelete:
						b.WriteString("[-" + c.Text + "-]")
					default:
						b.WriteString(c.Text)
					}
				}
			}
			for _, line := range strings.Split(b.String(), "\n") {
				fmt.Fprintln(env.Stdout, termsafe.Line(line))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&from, "from", 0, "old revision (default: the last one approved by someone else)")
	cmd.Flags().IntVar(&to, "to", 0, "new revision (default: the head)")
	cmd.Flags().IntVar(&context, "context", 30, "characters of unchanged context around each change")
	return cmd
}

// yesNo is 是 or 否 (yes or no) in the reader's language.
func (env *Env) yesNo(v bool) string {
	if v {
		return env.t("TUIAnswerYes")
	}
	return env.t("TUIAnswerNo")
}

// decisionWho is the name a decision was made under (as it was then).
func decisionWho(d *model.Decision) string {
	if d.Display != "" {
		return d.Display
	}
	return d.Login
}
