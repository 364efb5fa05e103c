package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// answerFlag adds --answer N=yes|no[:NOTE] (repeatable) to approve and
// signoff: the stage's checklist (保密审查), one flag per question.
func answerFlag(cmd *cobra.Command, answers *[]string) {
	cmd.Flags().StringArrayVar(answers, "answer", nil, "answer checklist question N: N=yes|no[:NOTE] (是/否 too); once per question, repeat")
}

// parseAnswers turns --answer values into answers to the questions of the
// stage article a waits at (numbered from 1 as article show lists them).
// A malformed value, a number the stage does not have, or a question
// answered twice is a usage error; unanswered questions are the store's
// to report (model.ChecklistError lists them).
func parseAnswers(a *model.Article, vals []string) ([]model.Answer, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	var qs []string
	if st := a.Current(); st != nil {
		qs = st.Checklist
	}
	seen := map[int]bool{}
	var out []model.Answer
	for _, v := range vals {
		bad := func() error {
			return usageError{&model.FieldError{Field: "answer", Reason: fmt.Sprintf("%q: write N=yes or N=no, optionally :NOTE (e.g. 3=yes:含学生姓名)", v),
				ID: "ErrAnswerFormat", Args: map[string]any{"Value": v}}}
		}
		num, rest, ok := strings.Cut(v, "=")
		if !ok {
			return nil, bad()
		}
		n, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			return nil, bad()
		}
		if n < 1 || n > len(qs) {
			return nil, usageError{&model.FieldError{Field: "answer", Reason: fmt.Sprintf("question %d: the stage asks %d questions", n, len(qs)),
				ID: "ErrAnswerRange", Args: map[string]any{"N": n, "Count": len(qs)}}}
		}
		if seen[n] {
			return nil, usageError{&model.FieldError{Field: "answer", Reason: fmt.Sprintf("question %d is answered twice", n),
				ID: "ErrAnswerTwice", Args: map[string]any{"N": n}}}
		}
		seen[n] = true
		word, note, _ := strings.Cut(strings.Replace(rest, "：", ":", 1), ":")
		var yes bool
		switch strings.ToLower(strings.TrimSpace(word)) {
		case "yes", "y", "是", "true":
			yes = true
		case "no", "n", "否", "false":
		default:
			return nil, bad()
		}
		out = append(out, model.Answer{Question: qs[n-1], Yes: yes, Note: note})
	}
	return out, nil
}

// explainChecklist follows a checklist refusal with how to answer.
func (env *Env) explainChecklist(err error, id uint64) {
	var ce *model.ChecklistError
	if errors.As(err, &ce) && len(ce.Missing) > 0 {
		fmt.Fprintln(env.Stderr, env.t("CLIAnswerHint", locale.Args{"ID": id}))
	}
}

// yesNo is an answer in the user's language.
func yesNo(env *Env, yes bool) string {
	if yes {
		return env.t("CLIYes")
	}
	return env.t("CLINo")
}

// printFlow prints what issue 12 adds to article show: each approval's
// checklist answers, the checklist the current stage asks, a countersign's
// waiting users, the extra readers, and the 重要/tags marks.
func printFlow(env *Env, w io.Writer, a *model.Article, c model.Content) {
	if c.Important || len(c.Tags) > 0 {
		mark := ""
		if c.Important {
			mark = env.t("CLIImportant")
		}
		fmt.Fprintln(w, env.t("CLIShowMarks", locale.Args{"Important": mark, "Tags": termsafe.Line(strings.Join(c.Tags, "、"))}))
	}
	for _, d := range a.Decisions {
		if len(d.Answers) == 0 {
			continue
		}
		fmt.Fprintln(w, env.t("CLIShowAnswers", locale.Args{"Stage": termsafe.Line(a.StageLabel(d.Stage)), "Who": env.who(d.Login, d.Display), "Rev": d.Rev}))
		for i, an := range d.Answers {
			printAnswer(env, w, i, an)
		}
	}
	if st := a.Current(); st != nil {
		if st.All {
			if wait := a.Countersigners(a.Stage); len(wait) > 0 {
				fmt.Fprintln(w, env.t("CLIShowCountersign", locale.Args{"Stage": termsafe.Line(st.Name), "Users": strings.Join(st.Users, "、"), "Waiting": strings.Join(wait, "、")}))
			}
		}
		if len(st.Checklist) > 0 {
			fmt.Fprintln(w, env.t("CLIShowChecklist", locale.Args{"Stage": termsafe.Line(st.Name), "ID": a.ID}))
			for i, q := range st.Checklist {
				fmt.Fprintf(w, "  %d. %s\n", i+1, termsafe.Line(q))
			}
		}
	}
	for _, r := range a.Readers {
		status := env.t("CLIReaderPending")
		if ap := r.Approved; ap != nil {
			status = env.t("CLIReaderApproved", locale.Args{"Rev": ap.Rev, "At": when(ap.At), "Opinion": termsafe.Line(ap.Opinion)})
			if ap.Hash != a.Hash {
				status += env.t("CLIShowStale")
			}
		}
		fmt.Fprintln(w, env.t("CLIShowReader", locale.Args{"Who": env.who(r.Login, r.Display), "By": env.who(r.AddedBy, ""), "Note": termsafe.Line(r.Note), "Status": status}))
	}
}

func printAnswer(env *Env, w io.Writer, i int, an model.Answer) {
	note := ""
	if an.Note != "" {
		note = "（" + termsafe.Line(an.Note) + "）"
	}
	fmt.Fprintf(w, "  %d. %s  %s%s\n", i+1, termsafe.Line(an.Question), yesNo(env, an.Yes), note)
}

func newArticleReaderCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "reader", Short: "Extra readers (本人审阅) the sign-off waits for", Args: noArgs}
	for _, add := range []bool{true, false} {
		var note string
		use, short := "add ID LOGIN [-m NOTE]", "Add an extra reader who must approve before sign-off"
		if !add {
			use, short = "remove ID LOGIN [-m NOTE]", "Remove an extra reader"
		}
		c := &cobra.Command{
			Use:   use,
			Short: short,
			Args:  exactArgs(2, "CLIArgArticleLogin"),
			RunE: func(cmd *cobra.Command, args []string) error {
				id, st, actor, err := env.articleActor(args[0])
				if err != nil {
					return err
				}
				var a *model.Article
				if add {
					a, err = st.AddReader(actor, id, args[1], note)
				} else {
					a, err = st.RemoveReader(actor, id, args[1], note)
				}
				if err != nil {
					return err
				}
				names := make([]string, len(a.Readers))
				for i, r := range a.Readers {
					names[i] = r.Login
				}
				list := strings.Join(names, "、")
				if list == "" {
					list = env.t("CLINoneListed")
				}
				fmt.Fprintln(env.Stdout, env.t("CLIReadersNow", locale.Args{"ID": id, "Readers": list}))
				return nil
			},
		}
		c.Flags().StringVarP(&note, "message", "m", "", "why (optional, one line)")
		cmd.AddCommand(c)
	}
	return cmd
}

// decideAnswers is the checklist part of a decision command: answers
// parsed against the article's current stage. The header is read through
// store.MayRead, so one who may not see the article is refused as reading
// it is, before the stage's questions are counted.
func decideAnswers(st *store.Store, actor store.Actor, id uint64, vals []string) ([]model.Answer, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	a, err := st.MayRead(actor, id)
	if err != nil {
		return nil, err
	}
	return parseAnswers(a, vals)
}

// tagFlags adds --important and --tag to article new.
func tagFlags(cmd *cobra.Command, c *model.Content) {
	cmd.Flags().BoolVar(&c.Important, "important", false, "mark the article important (重要): the workflow's when: important stages apply")
	cmd.Flags().StringSliceVar(&c.Tags, "tag", nil, "tags (repeat or comma-separate): the workflow's when: tag:NAME stages apply")
}

// mergeTags lets --important and --tag override the file's front matter.
func mergeTags(dst, flags *model.Content, cmd *cobra.Command) {
	if cmd.Flags().Changed("important") {
		dst.Important = flags.Important
	}
	if cmd.Flags().Changed("tag") {
		dst.Tags = slices.Clone(flags.Tags)
	}
}
