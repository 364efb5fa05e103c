package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// newArticleCorrectCmd is `article correct ID --note N [--file F]` (更正):
// who may is model.Decide's ActCorrect, asked before any file is read.
func newArticleCorrectCmd(env *Env) *cobra.Command {
	var note, file string
	cmd := &cobra.Command{
		Use:   "correct ID --note NOTE [--file F|-]",
		Short: "Correct (更正) a live article: a public note, the corrected text, review again",
		Long: `Start a correction (更正) of an article that is on the site. The note
(更正说明) is published with the corrected text once the correction is signed
off; until then the site keeps the signed text. The corrected text comes with
--file (pulled and edited, like push) or later with push or the TUI. The
correction goes through review again, along the workflow's correction route
when it has one. Giving a new --note while the correction is in review
replaces its note.`,
		Args: exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if !model.HasVisible(note) {
				return usageMsg("CLINoteNeeded", nil, model.ErrNoteRequired)
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			// Who may: decided before the file is read or parsed.
			if err := st.May(actor, id, model.ActCorrect); err != nil {
				return err
			}
			var text *model.Content
			base := 0
			if file != "" {
				c, rev, err := env.readEdited(id, file)
				if err != nil {
					return err
				}
				text, base = &c, rev
			}
			a, err := st.Correct(actor, id, note, text, base)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLICorrectionOpen", locale.Args{"ID": id, "Rev": a.Rev, "State": stateText(env.Lang, a)}))
			if text == nil {
				fmt.Fprintln(env.Stdout, env.t("CLICorrectionPush", locale.Args{"ID": id}))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "the public correction note (更正说明), required")
	cmd.Flags().StringVar(&file, "file", "", "the corrected text (pulled and edited); - reads standard input")
	return cmd
}

// printLifecycle prints an article's corrections and takedown (article show).
func printLifecycle(env *Env, a *model.Article) {
	w := env.Stdout
	for i, c := range a.Corrections {
		if c.SignedAt.IsZero() {
			fmt.Fprintln(w, env.t("CLIShowCorrectionOpen", locale.Args{"N": i + 1, "Who": env.who(c.Login, c.Display), "At": when(c.At), "Note": termsafe.Line(c.Note)}))
			continue
		}
		fmt.Fprintln(w, env.t("CLIShowCorrection", locale.Args{"N": i + 1, "Rev": c.Rev, "Who": env.who(c.Login, c.Display), "At": when(c.SignedAt), "Note": termsafe.Line(c.Note)}))
	}
	if d := a.Takedown; d != nil {
		fmt.Fprintln(w, env.t("CLIShowTakedown", locale.Args{"Rev": d.Rev, "Who": env.who(d.Login, d.Display), "At": when(d.At), "Opinion": termsafe.Line(strings.ReplaceAll(d.Opinion, "\n", " "))}))
	}
}
