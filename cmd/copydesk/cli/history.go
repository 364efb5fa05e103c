package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func newArticleHistoryCmd(env *Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history ID",
		Short: "Revisions with who and when, and the article's audit trail",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, st, err := env.articleStore(args[0])
			if err != nil {
				return err
			}
			revs, err := st.Revisions(env.readAs(), id)
			if err != nil {
				return err
			}
			trail, err := st.Trail(env.readAs(), id)
			if err != nil {
				return err
			}
			if asJSON {
				for i := range revs {
					revs[i].Content.Body = ""
				}
				return writeJSON(env.Stdout, map[string]any{"revisions": revs, "audit": trail})
			}
			tw := newTable(env.Stdout)
			fmt.Fprintln(tw, env.t("CLIHistoryRevHeader"))
			for _, r := range revs {
				fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%d\t%s\n", r.N, r.Base, r.Author, when(r.At), len([]rune(r.Content.Body)), short(r.Hash))
			}
			tw.Flush()
			fmt.Fprintln(env.Stdout)
			tw = newTable(env.Stdout)
			fmt.Fprintln(tw, env.t("CLIHistoryAuditHeader"))
			for _, r := range trail {
				detail := firstLine(store.DetailText(env.Lang, r, when)) // the shapes store writes, in the reader's language
				if r.KeyFlag != "" {
					detail += " [" + store.KeyFlagText(env.Lang, r.KeyFlag) + "]"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\n", r.Seq, when(r.At), r.Actor, locale.Render(env.Lang, r.Action), r.Rev, termsafe.Line(detail))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return zoneNote(env)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

func newCommentCmd(env *Env) *cobra.Command {
	var para, rev int
	var text string
	cmd := &cobra.Command{
		Use:   "comment ID --para N -m TEXT",
		Short: "Comment on a paragraph (numbered from 1) of the article",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if para < 1 {
				return usageMsg("CLIParaFromOne", nil)
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			// rev 0 is the head; who may comment is the store's rule
			// (model.MayRead, asked inside its transaction).
			c, err := st.AddComment(actor, id, rev, para-1, text)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLICommentAdded", locale.Args{"N": c.ID, "Para": para, "Quote": c.Quote}))
			return nil
		},
	}
	cmd.Flags().IntVar(&para, "para", 0, "paragraph number, from 1")
	cmd.Flags().IntVar(&rev, "rev", 0, "revision (default: the head)")
	cmd.Flags().StringVarP(&text, "message", "m", "", "the comment")
	return cmd
}

func newCommentsCmd(env *Env) *cobra.Command {
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "comments ID",
		Short: "List an article's open comments",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, st, err := env.articleStore(args[0])
			if err != nil {
				return err
			}
			cs, err := st.Comments(env.readAs(), id)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.Stdout, cs)
			}
			for _, c := range cs {
				if c.Resolved && !all {
					continue
				}
				mark := " "
				if c.Resolved {
					mark = "✓"
				}
				fmt.Fprintln(env.Stdout, env.t("CLICommentLine", locale.Args{"Mark": mark, "N": c.ID, "Rev": c.Rev, "Para": c.Para + 1, "Quote": c.Quote, "Author": c.Author, "Text": c.Text}))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&all, "all", false, "include resolved comments")
	return cmd
}

func newResolveCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "resolve ID COMMENT",
		Short: "Mark a comment resolved",
		Args:  exactArgs(2, "CLIArgArticleComment"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			cid, err := parseID(args[1])
			if err != nil {
				return err
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.ResolveComment(actor, id, cid); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLICommentResolved", locale.Args{"N": cid}))
			return nil
		},
	}
}
