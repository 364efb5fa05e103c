package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// proofFindingsError: article check found errors (exit 1); its text is
// the catalog's, in the caller's language.
type proofFindingsError struct{ msg string }

func (e proofFindingsError) Error() string { return e.msg }

func (env *Env) severityText(s proof.Severity) string { return locale.Render(env.Lang, s) }

// printFinding writes finding number n (1-based, what --ignore N takes;
// 0: no number) as
// "1. 正文 3:14  错误  P1  “,” 消息 → “，”  [P1@body:40]", and the ignore
// that lets it stand, if any, on the next line.
func (env *Env) printFinding(n int, f proof.Finding, g *store.ProofIgnore) {
	num := ""
	if n > 0 {
		num = strconv.Itoa(n) + ". "
	}
	line := fmt.Sprintf("%s%s %d:%d  %s  %s  %s %s", num, locale.Render(env.Lang, f.Field), f.Line, f.Col, env.severityText(f.Severity), f.RuleID,
		proof.Quote(termsafe.Line(f.Text)), termsafe.Line(locale.Render(env.Lang, f)))
	if f.Fix != nil {
		line += " → " + proof.Quote(termsafe.Line(*f.Fix))
	}
	fmt.Fprintln(env.Stdout, line+"  ["+store.FindingKey(f)+"]")
	if g != nil {
		fmt.Fprintln(env.Stdout, "   "+env.Lang.T("ProofIgnoredBy", locale.Args{"By": termsafe.Line(g.By), "Reason": termsafe.Line(g.Reason), "Rev": g.Rev}))
	}
}

// ignoreFinding is `article check ID --ignore N|KEY -m REASON`: finding
// number N of the listing (or the one with KEY) of revision r is let stand.
func (env *Env) ignoreFinding(arg string, rev int, which, reason string) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return usageError{store.ErrIgnoreReason}
	}
	st, actor, err := env.actorStore()
	if err != nil {
		return err
	}
	// the store's rule first: a refused user learns nothing of the findings
	if err := st.MayIgnore(actor, id); err != nil {
		return err
	}
	_, r, fs, _, err := env.checked(st, actor, id, rev)
	if err != nil {
		return err
	}
	key := which
	if n, err := strconv.Atoi(which); err == nil {
		if n < 1 || n > len(fs) {
			return usageError{errors.New(env.Lang.T("ProofIgnoreRange", locale.Args{"N": n, "Count": len(fs), "ID": id}))}
		}
		key = store.FindingKey(fs[n-1])
	}
	g, err := st.IgnoreFinding(actor, id, r.N, key, reason)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, env.Lang.T("ProofIgnored", locale.Args{"Key": key, "Text": termsafe.Line(g.Text), "Rev": g.Rev}))
	return nil
}

// checked is revision rev (0: head) of article id checked now for act,
// with the versions used.
func (env *Env) checked(st *store.Store, act store.Actor, id uint64, rev int) (*model.Article, *model.Revision, []proof.Finding, store.ProofVersions, error) {
	a, _, err := st.Head(id)
	if err != nil {
		return nil, nil, nil, store.ProofVersions{}, err
	}
	r, fs, v, err := st.CheckRevision(act, id, rev)
	return a, r, fs, v, err
}

// jsonFinding is a finding as `article check --json` prints it: the
// finding, its message rendered in the caller's language and its key.
type jsonFinding struct {
	proof.Finding
	Message string             `json:"message"`
	Key     string             `json:"key"`
	Ignored *store.ProofIgnore `json:"ignored,omitempty"`
}

func newArticleCheckCmd(env *Env) *cobra.Command {
	var asJSON, fix bool
	var rev int
	var ignore, reason string
	cmd := &cobra.Command{
		Use:   "check ID [--json] [--fix]",
		Short: "三校: check an article (punctuation, numbers, words, the office's lists); exit 1 with errors; --fix saves every fix as one new revision",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fix {
				return env.fixArticle(args[0])
			}
			if ignore != "" {
				return env.ignoreFinding(args[0], rev, ignore, reason)
			}
			if reason != "" {
				return usageError{errors.New(env.Lang.T("ProofIgnoreNeedsN"))}
			}
			a, r, err := env.articleAt(args[0], rev)
			if err != nil {
				return err
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			ck, v, err := st.Checker()
			if err != nil {
				return err
			}
			fs := ck.Check(&r.Content)
			n := proof.Count(fs)
			igs, err := st.ProofIgnores(env.readAs(), a.ID)
			if err != nil {
				return err
			}
			ignored := store.IgnoredIn(&r.Content, fs, igs)
			if asJSON {
				keys := make([]string, len(fs))
				out := make([]jsonFinding, len(fs))
				for i, f := range fs {
					keys[i] = store.FindingKey(f)
					out[i] = jsonFinding{Finding: f, Message: locale.Render(env.Lang, f), Key: keys[i]}
					if g, ok := ignored[i]; ok {
						out[i].Ignored = &g
					}
				}
				if err := writeJSON(env.Stdout, map[string]any{"article": a.ID, "rev": r.N, "hash": r.Hash, "versions": v,
					"counts": n, "findings": out, "keys": keys}); err != nil {
					return err
				}
			} else {
				for i, f := range fs {
					var g *store.ProofIgnore
					if x, ok := ignored[i]; ok {
						g = &x
					}
					env.printFinding(i+1, f, g)
				}
				if len(fs) == 0 {
					fmt.Fprintln(env.Stdout, env.Lang.T("ProofClean", locale.Args{"Rev": r.N, "Versions": v.Text(env.Lang)}))
				} else {
					fmt.Fprintln(env.Stdout, env.Lang.T("ProofSummary", locale.Args{"Rev": r.N, "Errors": n.Errors, "Warnings": n.Warnings, "Hints": n.Hints, "Versions": v.Text(env.Lang)}))
				}
			}
			if n.Errors > 0 {
				return proofFindingsError{env.Lang.T("ProofHasErrors", locale.Args{"ID": a.ID, "Rev": r.N, "Errors": n.Errors})}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "findings as JSON (spans in bytes and runes, line/col, keys for --waive)")
	cmd.Flags().BoolVar(&fix, "fix", false, "apply every available fix to the head as one new revision by you (you must be allowed to edit)")
	cmd.Flags().IntVar(&rev, "rev", 0, "check this revision instead of the head")
	cmd.Flags().StringVar(&ignore, "ignore", "", "let finding N of the listing (or the one with KEY) stand, with -m REASON; audited, and counted as a waiver at 送审, approval and sign-off")
	cmd.Flags().StringVarP(&reason, "message", "m", "", "the written reason for --ignore")
	return cmd
}

// fixArticle applies every fix to the head and saves it as one revision by
// the caller: the same store.Save (and its permission check) as push.
func (env *Env) fixArticle(arg string) error {
	id, st, actor, err := env.editable(arg)
	if err != nil {
		return err
	}
	a, r, err := st.Head(id)
	if err != nil {
		return err
	}
	ck, _, err := st.Checker()
	if err != nil {
		return err
	}
	igs, err := st.ProofIgnores(actor, id)
	if err != nil {
		return err
	}
	// findings someone chose to let stand (--ignore) are not "fixed"
	fixed, applied := ck.FixAllBut(r.Content, func(ct *model.Content, fs []proof.Finding) map[int]bool {
		out := map[int]bool{}
		for i := range store.IgnoredIn(ct, fs, igs) {
			out[i] = true
		}
		return out
	})
	if len(applied) == 0 {
		fmt.Fprintln(env.Stdout, env.Lang.T("ProofFixNone", locale.Args{"Rev": a.Rev}))
		return nil
	}
	na, err := st.Save(actor, id, a.Rev, fixed)
	if err != nil {
		return err
	}
	for _, f := range applied {
		fmt.Fprintf(env.Stdout, "  %s %d:%d  %s  %s → %s\n", locale.Render(env.Lang, f.Field), f.Line, f.Col, f.RuleID, proof.Quote(termsafe.Line(f.Text)), proof.Quote(termsafe.Line(*f.Fix)))
	}
	fmt.Fprintln(env.Stdout, env.Lang.T("ProofFixSaved", locale.Args{"N": len(applied), "Rev": na.Rev}))
	n := proof.Count(ck.Check(&fixed))
	if n.Errors+n.Warnings+n.Hints > 0 {
		fmt.Fprintln(env.Stdout, env.Lang.T("ProofFixLeft", locale.Args{"ID": id, "Errors": n.Errors, "Warnings": n.Warnings, "Hints": n.Hints}))
	}
	return nil
}

func newProofCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "proof", Short: "三校: the office's word lists and rule settings (admins change them)", Args: noArgs}
	cmd.AddCommand(newProofListsCmd(env), newProofImportCmd(env), newProofExportCmd(env), newProofRuleCmd(env), newProofRulesCmd(env))
	return cmd
}

func newProofListsCmd(env *Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lists [--json]",
		Short: "Show the office's word lists: kind, version, entries, last change",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			ls, err := st.ProofLists()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.Stdout, ls)
			}
			tw := newTable(env.Stdout)
			fmt.Fprintln(tw, env.Lang.T("ProofListsColumns"))
			for _, l := range ls {
				upd := "-"
				if !l.Updated.IsZero() {
					upd = when(l.Updated) + " " + termsafe.Line(l.By)
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", l.Kind, locale.Render(env.Lang, l.Kind), l.Version, l.Entries, upd)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "as JSON")
	return cmd
}

func newProofImportCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "import KIND FILE|-",
		Short: "Replace a list (fixed, country, org, title, banned, caution, sensitive) from a UTF-8 file, one entry a line, # comments; over SSH the file comes on standard input (-)",
		Args:  exactArgs(2, "CLIArgListKindFile"),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := proof.ParseListKind(args[0])
			if err != nil {
				return usageError{err}
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			// admins only: the store refuses others before the file is parsed
			if _, _, err := st.ExportProofList(actor, k); err != nil {
				return err
			}
			raw, err := env.readBody(args[1])
			if err != nil {
				return err
			}
			es, err := proof.ParseList(k, strings.NewReader(string(raw)))
			if err != nil {
				return locale.NewError("CLIListImportBad", locale.Args{"Err": err}, model.ErrInvalid, err)
			}
			ver, err := st.SetProofList(actor, k, es)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.Lang.T("ProofImported", locale.Args{"Kind": string(k), "Label": locale.Render(env.Lang, k), "N": len(es), "Version": ver}))
			return nil
		},
	}
}

func newProofExportCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "export KIND",
		Short: "Write a list in the form import reads (admins)",
		Args:  exactArgs(1, "CLIArgListKind"),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := proof.ParseListKind(args[0])
			if err != nil {
				return usageError{err}
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			es, _, err := st.ExportProofList(actor, k)
			if err != nil {
				return err
			}
			return proof.FormatList(k, es, env.Stdout)
		},
	}
}

func newProofRuleCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "rule RULE error|warning|hint|off",
		Short: "Set the severity of one rule for the office (admins; audited)",
		Args:  exactArgs(2, "CLIArgRuleSeverity"),
		RunE: func(cmd *cobra.Command, args []string) error {
			sev, err := proof.ParseSeverity(args[1])
			if err != nil {
				return usageError{err}
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.SetProofRule(actor, args[0], sev); err != nil {
				return err
			}
			r, _ := proof.RuleByID(args[0])
			fmt.Fprintln(env.Stdout, env.Lang.T("ProofRuleSet", locale.Args{"Rule": r.ID, "Name": locale.Render(env.Lang, r.Title()), "Severity": env.severityText(sev)}))
			return nil
		},
	}
}

func newProofRulesCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules with the office's severity and the default",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			sev, _, err := st.ProofRules()
			if err != nil {
				return err
			}
			tw := newTable(env.Stdout)
			fmt.Fprintln(tw, env.Lang.T("ProofRulesColumns"))
			for _, r := range proof.Rules {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, locale.Render(env.Lang, r.Title()), env.severityText(sev.Of(r.ID)), env.severityText(r.Default), locale.Render(env.Lang, r.Origin()))
			}
			return tw.Flush()
		},
	}
}

// waiverFlags adds --waive KEY=REASON (repeatable) and --waive-all REASON
// to a gated decision (submit, approve, signoff).
func waiverFlags(cmd *cobra.Command, each *[]string, all *string) {
	cmd.Flags().StringArrayVar(each, "waive", nil, "waive one 三校 warning: KEY=REASON (keys from copydesk article check); repeatable")
	cmd.Flags().StringVar(all, "waive-all", "", "waive every 三校 warning with this written reason (recorded for each)")
}

func parseWaivers(env *Env, each []string, all string) ([]store.Waiver, error) {
	var ws []store.Waiver
	for _, w := range each {
		k, reason, ok := strings.Cut(w, "=")
		if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(reason) == "" {
			return nil, usageError{errors.New(env.Lang.T("ProofWaiveBad"))}
		}
		ws = append(ws, store.Waiver{Key: strings.TrimSpace(k), Reason: reason})
	}
	if strings.TrimSpace(all) != "" {
		ws = append(ws, store.Waiver{Key: "*", Reason: all})
	}
	return ws, nil
}

// explainBlocked prints the findings that blocked a decision.
func (env *Env) explainBlocked(err error) {
	var b *store.ProofBlockedError
	if !errors.As(err, &b) {
		return
	}
	for _, f := range b.Findings {
		env.printFinding(0, f, nil)
	}
	fmt.Fprintln(env.Stdout, env.Lang.T("ProofBlockedHint", locale.Args{"ID": b.Article}))
}
