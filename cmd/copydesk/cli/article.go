package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func newArticleCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "article", Aliases: []string{"a"}, Short: "Write, review and sign off articles", Args: noArgs}
	cmd.AddCommand(newArticleNewCmd(env), newArticleListCmd(env), newArticleShowCmd(env), newArticleReaderCmd(env),
		newArticlePullCmd(env), newArticlePushCmd(env), newArticleHistoryCmd(env),
		newArticleDiffCmd(env), newArticleConflictsCmd(env), newCommentCmd(env), newCommentsCmd(env), newResolveCmd(env),
		newArticleCheckCmd(env), newArticleDeleteCmd(env, model.ActDelete), newArticleDeleteCmd(env, model.ActRestore),
		newArticleDeleteCmd(env, model.ActPurge), newArticleCorrectCmd(env))
	for _, d := range decisions {
		cmd.AddCommand(newDecisionCmd(env, d))
	}
	return cmd
}

func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usageMsg("CLIBadArticleID", locale.Args{"Value": s})
	}
	return id, nil
}

func newArticleNewCmd(env *Env) *cobra.Command {
	var c model.Content
	var m model.Meeting
	var kind, file, workflow string
	cmd := &cobra.Command{
		Use:   "new --title T [--kind news|meeting] [--file F.md|-] [< F.md]",
		Short: "Write a new article; prints its ID",
		Long: `Write a new article and print its ID. The body is read like push reads it:
from --file F.md, or from standard input (--file -, or simply when input is
piped: copydesk article new --title T < body.md, also over SSH). A file that
starts with front matter (---) also sets the fields; flags override them.
A draft may be unfinished (a meeting report without its date); submit checks
that every field a review needs is there. The author defaults to your display
name; --author names others.`,
		Args: exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			k, err := model.ParseKind(kind)
			if err != nil {
				return usageError{err}
			}
			c.Kind = k
			// Who and what role first: a refused request reads and parses nothing.
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.MayCreate(actor); err != nil {
				return err
			}
			if file == "" && env.stdinHasInput() {
				// Like push: a body piped in is the body, never dropped
				// (and with --file F, piped input is refused: stdinRule).
				file = "-"
			}
			if file != "" {
				raw, err := env.readBody(file)
				if err != nil {
					return err
				}
				body := string(raw)
				if model.HasFrontMatter(raw) { // the one test push and import use too: BOM, CRLF, CR
					fm, b, err := model.ParseMarkdown(raw)
					if err != nil {
						return err
					}
					fc, err := fm.Content(b)
					if err != nil {
						return err
					}
					mergeContent(&fc, &c, cmd)
					c = fc
					body = b
				}
				c.Body = body
			}
			if m.Name != "" || m.Date != "" || k == model.KindMeeting {
				if c.Meeting == nil {
					c.Meeting = &m
				}
				c.Kind = model.KindMeeting
			}
			// 资讯来源 defaults to the writer's 部门, as the workstation's
			// new-article form fills it in; --source "" leaves it empty
			if c.Source == "" && !cmd.Flags().Changed("source") {
				if u, err := st.User(actor.Login); err == nil {
					c.Source = u.Department
				}
			}
			a, err := st.Create(actor, c, workflow)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, a.ID)
			return nil
		},
	}
	readsStdin(cmd, "file")
	f := cmd.Flags()
	f.StringVar(&c.Title, "title", "", "headline (required unless the file's front matter has one)")
	f.StringVar(&c.Subtitle, "subtitle", "", "subtitle")
	f.StringVar(&kind, "kind", "news", "news or meeting")
	f.StringVar(&c.Source, "source", "", "source department (资讯来源); default: your department (--source \"\" leaves it empty)")
	f.StringSliceVar(&c.Authors, "author", nil, "author names (repeat or comma-separate); default: your display name")
	f.StringSliceVar(&c.Photographers, "photographer", nil, "photographer names (摄)")
	f.StringVar(&file, "file", "", "Markdown body (or whole file with front matter); - reads standard input (the default when input is piped)")
	f.StringVar(&workflow, "workflow", "", "review workflow, admins only: default (审核 → 主编签发) or 三审 (others get the office's workflow for the kind)")
	f.StringVar(&m.Name, "meeting", "", "meeting name (meeting reports)")
	f.StringVar(&m.Date, "date", "", "meeting date, YYYY-MM-DD")
	f.StringVar(&m.Place, "place", "", "meeting place")
	f.StringVar(&m.Chair, "chair", "", "who chaired (主持)")
	f.StringSliceVar(&m.Attendees, "attendees", nil, "who attended")
	tagFlags(cmd, &c)
	return cmd
}

// mergeContent lets flags given on the command line override the file's front matter.
func mergeContent(dst, flags *model.Content, cmd *cobra.Command) {
	f := cmd.Flags()
	if f.Changed("title") {
		dst.Title = flags.Title
	}
	if f.Changed("subtitle") {
		dst.Subtitle = flags.Subtitle
	}
	if f.Changed("source") {
		dst.Source = flags.Source
	}
	if f.Changed("author") {
		dst.Authors = flags.Authors
	}
	if f.Changed("photographer") {
		dst.Photographers = flags.Photographers
	}
	if f.Changed("kind") {
		dst.Kind = flags.Kind
	}
	mergeTags(dst, flags, cmd)
}

func newArticleListCmd(env *Env) *cobra.Command {
	var state, owner string
	var asJSON, mine, deleted bool
	var limit int
	cmd := &cobra.Command{
		Use:   "list [--state S] [--json]",
		Short: "List articles, newest first",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var f store.Filter
			if state != "" {
				for _, s := range strings.Split(state, ",") {
					st, err := model.ParseState(strings.TrimSpace(s))
					if err != nil {
						return usageError{err}
					}
					f.States = append(f.States, st)
				}
			}
			f.Owner, f.Limit = owner, limit
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			if mine {
				a, err := env.Identity()
				if err != nil {
					return err
				}
				f.Author = a.Login // owned, co-written or named in the byline
			}
			if act, ok := env.reader(); ok {
				f.Viewer = act.Login // what the queues and search would show
			}
			var rows []model.Summary
			if deleted { // 删除草稿 are in no state index
				rows, err = st.ListDeleted(f)
			} else {
				rows, err = st.List(f)
			}
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]listRow, len(rows))
				for i, r := range rows {
					out[i] = listRow{ID: r.ID, Kind: r.Kind, State: r.State, Stage: r.Stage, Rev: r.Rev, Owner: r.Owner, Title: r.Title, Updated: r.Updated.UTC().Format("2006-01-02T15:04:05Z")}
				}
				return writeJSON(env.Stdout, out)
			}
			tw := newTable(env.Stdout)
			fmt.Fprintln(tw, env.t("CLIArticleListHeader"))
			for _, r := range rows {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\n", r.ID, stateName(env.Lang, r.State), kindName(env.Lang, r.Kind), r.Rev, r.Owner, when(r.Updated), termsafe.Line(r.Title))
			}
			if err := tw.Flush(); err != nil || len(rows) == 0 {
				return err
			}
			return zoneNote(env)
		},
	}
	f := cmd.Flags()
	f.StringVar(&state, "state", "", "only these states: draft, review, signed, published, withdrawn (comma-separated)")
	f.StringVar(&owner, "owner", "", "only articles owned by this login")
	f.BoolVar(&mine, "mine", false, "only my articles: those I created, co-wrote or am named an author of")
	f.BoolVar(&deleted, "deleted", false, "only deleted drafts (article restore ID brings one back)")
	f.IntVar(&limit, "limit", 0, "at most this many rows")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

type listRow struct {
	ID      uint64      `json:"id"`
	Kind    model.Kind  `json:"kind"`
	State   model.State `json:"state"`
	Stage   int         `json:"stage"`
	Rev     int         `json:"rev"`
	Owner   string      `json:"owner"`
	Title   string      `json:"title"`
	Updated string      `json:"updated"`
}

// showJSON is `article show --json`: the header, the revision and, when in
// review, the stage it waits at.
type showJSON struct {
	*model.Article
	StageName string          `json:"stage_name,omitempty"`
	Content   model.Content   `json:"content"`
	RevInfo   *model.Revision `json:"revision"`
}

func newArticleShowCmd(env *Env) *cobra.Command {
	var asJSON bool
	var rev int
	cmd := &cobra.Command{
		Use:   "show ID [--json]",
		Short: "Show an article: state, stage, approvals and text",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, r, err := env.articleAt(args[0], rev)
			if err != nil {
				return err
			}
			if asJSON {
				out := showJSON{Article: a, Content: r.Content, RevInfo: &model.Revision{Article: r.Article, N: r.N, Base: r.Base, Author: r.Author, At: r.At, Hash: r.Hash}}
				if s := a.Current(); s != nil {
					out.StageName = s.Name
				}
				return writeJSON(env.Stdout, out)
			}
			return printArticle(env, a, r)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&rev, "rev", 0, "show this revision instead of the head")
	return cmd
}

func printArticle(env *Env, a *model.Article, r *model.Revision) error {
	w := env.Stdout
	c := r.Content
	fmt.Fprintf(w, "#%d %s\n", a.ID, termsafe.Line(c.Title))
	if c.Subtitle != "" {
		fmt.Fprintf(w, "   %s\n", termsafe.Line(c.Subtitle))
	}
	fmt.Fprintln(w, env.t("CLIShowKind", locale.Args{"Kind": kindName(env.Lang, c.Kind), "State": stateText(env.Lang, a), "Workflow": fmt.Sprint(a.Workflow)}))
	fmt.Fprintln(w, env.t("CLIShowRevision", locale.Args{"N": r.N, "Rev": a.Rev, "Hash": r.Hash}))
	// The owner by name (李伟（liwei）) as the decisions show people; a field
	// left empty is not printed.
	fmt.Fprintln(w, env.t("CLIShowOwner", locale.Args{"Who": env.who(a.Owner, ""), "Source": termsafe.Line(c.Source),
		"Authors": termsafe.Line(strings.Join(c.Authors, "、")), "Photographers": termsafe.Line(strings.Join(c.Photographers, "、"))}))
	if m := c.Meeting; m != nil {
		fmt.Fprintln(w, env.t("CLIShowMeeting", locale.Args{"Name": termsafe.Line(m.Name), "Date": fmt.Sprint(m.Date), "Place": termsafe.Line(m.Place), "Chair": termsafe.Line(m.Chair), "Attendees": termsafe.Line(strings.Join(m.Attendees, "、"))}))
	}
	for _, ap := range a.Approvals {
		stale := ""
		if ap.Hash != a.Hash {
			stale = env.t("CLIShowStale")
		}
		if ap.KeyFlag != "" {
			stale += " [" + termsafe.Line(store.KeyFlagText(env.Lang, ap.KeyFlag)) + "]"
		}
		fmt.Fprintln(w, env.t("CLIShowApproval", locale.Args{"Stage": ap.Name, "Who": env.who(ap.Login, ap.Display), "Rev": ap.Rev, "At": when(ap.At), "Opinion": termsafe.Line(ap.Opinion), "Stale": stale}))
	}
	if a.Live() && a.Signed.Rev != a.Rev {
		fmt.Fprintln(w, env.t("CLIShowLive", locale.Args{"Rev": a.Signed.Rev, "At": when(a.Signed.At)}))
	}
	printLifecycle(env, a) // 更正 and 撤稿 (lifecycle.go)
	if d := a.TakenDown; d != nil {
		fmt.Fprintln(w, env.t("CLIShowTakenDown", locale.Args{"Rev": d.Rev, "Who": env.who(d.Login, d.Display), "At": when(d.At), "Opinion": termsafe.Line(d.Opinion)}))
	}
	printSchedule(env, a)
	if len(a.Approvals) > 0 || a.Live() && a.Signed.Rev != a.Rev || a.TakenDown != nil || a.Takedown != nil || len(a.Corrections) > 0 || a.Schedule != nil || len(a.Publications) > 0 {
		fmt.Fprintln(w, env.t("CLITimeZoneNote", locale.Args{"Zone": currentZone().String()}))
	}
	printFlow(env, w, a, c)
	if a.Returned != nil {
		fmt.Fprintln(w, env.t("CLIShowReturned", locale.Args{"Who": env.who(a.Returned.Login, a.Returned.Display), "Stage": a.StageLabel(a.Returned.Stage), "Opinion": termsafe.Line(a.Returned.Opinion)}))
	}
	printDecisions(env, w, a)
	fmt.Fprintln(w)
	for _, line := range strings.Split(c.Body, "\n") {
		fmt.Fprintln(w, termsafe.Line(line))
	}
	return nil
}

func newArticlePullCmd(env *Env) *cobra.Command {
	var rev int
	cmd := &cobra.Command{
		Use:   "pull ID [--rev N]",
		Short: "Print the article as Markdown with front matter, to edit and push back",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, r, err := env.articleAt(args[0], rev)
			if err != nil {
				return err
			}
			_, err = env.Stdout.Write(model.EncodeMarkdown(a, r))
			return err
		},
	}
	cmd.Flags().IntVar(&rev, "rev", 0, "pull this revision instead of the head")
	return cmd
}

func newArticlePushCmd(env *Env) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "push ID [--file F|-]",
		Short: "Save an edited file as a new revision (it must name the revision it started from)",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// May this user edit this article? Decided before the file is read or parsed.
			id, st, actor, err := env.editable(args[0])
			if err != nil {
				return err
			}
			c, base, err := env.readEdited(id, file)
			if err != nil {
				return err
			}
			head := 0
			if prior, err := st.Get(id); err == nil {
				head = prior.Rev
			}
			a, err := st.Save(actor, id, base, c)
			if err != nil {
				return err
			}
			// No new revision: the text equals the head, whether the file
			// started from the head or from an older revision (pushing the
			// same file twice). Saying "saved" here made people look for a
			// revision that does not exist.
			if a.Rev == base || a.Rev == head {
				fmt.Fprintln(env.Stdout, env.t("CLINoChange", locale.Args{"ID": id, "Rev": a.Rev}))
				return nil
			}
			fmt.Fprintln(env.Stdout, env.t("CLISaved", locale.Args{"ID": id, "Rev": a.Rev, "State": stateText(env.Lang, a)}))
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "file", "-", "the edited file; - reads standard input")
	return cmd
}

// readEdited reads an edited article file (pulled, then changed) for
// article id: its content and the revision it started from (front matter
// rev:). A file of another article, or without rev:, is refused.
func (env *Env) readEdited(id uint64, file string) (model.Content, int, error) {
	raw, err := env.readBody(file)
	if err != nil {
		return model.Content{}, 0, err
	}
	fm, body, err := model.ParseMarkdown(raw)
	if err != nil {
		return model.Content{}, 0, locale.NewError("CLIPushBadFile", locale.Args{"Err": err, "ID": id}, err)
	}
	if fm.ID != 0 && fm.ID != id {
		return model.Content{}, 0, usageMsg("CLIPushOtherArticle", locale.Args{"File": fm.ID, "ID": id})
	}
	if fm.Rev == 0 {
		return model.Content{}, 0, locale.NewError("CLIPushNoRev", nil, model.ErrInvalid)
	}
	c, err := fm.Content(body)
	return c, fm.Rev, err
}

type decisionSpec struct {
	use, short string
	action     model.Action
	opinion    bool
	done       string
	aliases    []string
}

var decisions = []decisionSpec{
	{"submit ID", "Send a draft to review", model.ActSubmit, false, "CLIDoneSubmit", nil},
	{"approve ID -m OPINION [--answer N=yes|no …]", "Approve at your review stage (or as an extra reader), with a written opinion and the stage's checklist answered", model.ActApprove, true, "CLIDoneApprove", nil},
	{"return ID -m OPINION", "Return to the writer with a written opinion", model.ActReturn, true, "CLIDoneReturn", nil},
	{"signoff ID -m OPINION [--answer N=yes|no …]", "Sign off (签发) as chief editor, with the stage's checklist answered", model.ActSignOff, true, "CLIDoneSignOff", nil},
	{"publish ID", "Mark a signed-off article as online by hand (for offices without site targets that copy the site by other means)", model.ActPublish, false, "CLIDonePublish", nil},
	{"takedown ID -m REASON", "Take down (撤稿) the live article, with a written reason", model.ActTakedown, true, "CLIDoneTakedown", []string{"withdraw"}},
	{"schedule ID --at TIME -m OPINION", "Schedule a signed-off article to go online at a time (定时发布); until then no export or publish contains it", model.ActSchedule, true, "CLIDoneSchedule", nil},
	{"unschedule ID -m OPINION", "Cancel a schedule: the article goes online with the next export and publish", model.ActUnschedule, true, "CLIDoneUnschedule", nil},
}

func newDecisionCmd(env *Env, d decisionSpec) *cobra.Command {
	var opinion string
	var rev int
	var waive []string
	var waiveAll string
	var answers []string
	var at string
	cmd := &cobra.Command{
		Use:     d.use,
		Short:   d.short,
		Aliases: d.aliases,
		Args:    exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if d.opinion && strings.TrimSpace(opinion) == "" {
				return usageMsg("CLIOpinionNeeded", nil, model.ErrOpinionRequired)
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			// Approve, return and signoff are bound to --rev, else to what
			// this user last read (show, pull, diff); the store refuses
			// with "read revision N first" when that is not the head.
			dec := store.Decision{Action: d.action, Opinion: opinion, Rev: rev}
			if dec.Waivers, err = parseWaivers(env, waive, waiveAll); err != nil {
				return err
			}
			if dec.Answers, err = decideAnswers(st, actor, id, answers); err != nil {
				return err
			}
			if at != "" { // in the office's time zone (read when the store opened)
				if dec.At, err = model.ParseWhen(at, currentZone()); err != nil {
					return usageError{err}
				}
			} else if d.action == model.ActSchedule {
				return usageError{model.ParseWhenRequired()}
			}
			a, err := st.Decide(actor, id, dec)
			if err != nil {
				env.explainBlocked(err) // 三校 findings that block it, with their keys
				env.explainChecklist(err, id)
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIDecided", locale.Args{"Done": env.t(d.done), "ID": id, "Rev": a.Rev, "Hash": short(a.Hash), "State": stateText(env.Lang, a)}))
			if sc := a.Schedule; sc.Pending() && (d.action == model.ActSchedule || d.action == model.ActSignOff) {
				fmt.Fprintln(env.Stdout, env.t("CLIScheduledFor", locale.Args{"At": when(sc.At), "Zone": currentZone().String()}))
			}
			return nil
		},
	}
	if d.action == model.ActSubmit || d.action == model.ActApprove || d.action == model.ActSignOff {
		waiverFlags(cmd, &waive, &waiveAll)
	}
	if d.action == model.ActApprove || d.action == model.ActSignOff {
		answerFlag(cmd, &answers)
	}
	if d.action == model.ActSchedule || d.action == model.ActSignOff {
		help := "publish time: 2006-01-02 15:04 in the office time zone, or RFC 3339"
		if d.action == model.ActSignOff {
			help = "schedule it too: 2006-01-02 15:04 in the office time zone, or RFC 3339"
		}
		cmd.Flags().StringVar(&at, "at", "", help)
	}
	if d.opinion {
		cmd.Flags().StringVarP(&opinion, "message", "m", "", "written opinion (书面意见), required")
		if model.NeedsRead(d.action) {
			cmd.Flags().IntVar(&rev, "rev", 0, "the revision you read (default: the one you last read with show, pull or diff); refused unless it is the head")
		}
	}
	return cmd
}

func short(h string) string {
	if len(h) > 19 {
		return h[:19]
	}
	return h
}

func newArticleConflictsCmd(env *Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "conflicts ID",
		Short: "Show texts whose save lost a race (kept, never dropped)",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, st, err := env.articleStore(args[0])
			if err != nil {
				return err
			}
			ds, err := st.ConflictDrafts(env.readAs(), id)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.Stdout, ds)
			}
			if len(ds) == 0 {
				fmt.Fprintln(env.Stdout, env.t("CLINoConflicts", locale.Args{"ID": id}))
			}
			for _, d := range ds {
				fmt.Fprintln(env.Stdout, env.t("CLIConflictDraft", locale.Args{"ID": d.ID, "Author": d.Author, "At": when(d.At),
					"Base": d.Base, "Head": d.Head, "Chars": len([]rune(d.Content.Body))}))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with the full texts")
	return cmd
}

// IsUsage reports whether err is a usage error (exit 2).
func IsUsage(err error) bool { var u usageError; return errors.As(err, &u) }

// newArticleDeleteCmd is `article delete|restore|purge ID` (删除草稿): who
// may is model.Decide's rule, applied by the store.
func newArticleDeleteCmd(env *Env, action model.Action) *cobra.Command {
	use := map[model.Action]string{model.ActDelete: "delete ID", model.ActRestore: "restore ID", model.ActPurge: "purge ID"}[action]
	short := map[model.Action]string{
		model.ActDelete:  "Delete a draft that was never submitted (restorable)",
		model.ActRestore: "Restore a deleted draft",
		model.ActPurge:   "Remove a deleted draft for good (admin; the audit records stay)",
	}[action]
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, st, actor, err := env.articleActor(args[0])
			if err != nil {
				return err
			}
			msg := map[model.Action]string{model.ActDelete: "ArticleDeleted", model.ActRestore: "ArticleRestored", model.ActPurge: "ArticlePurged"}[action]
			switch action {
			case model.ActDelete:
				_, err = st.Delete(actor, id)
			case model.ActRestore:
				_, err = st.Restore(actor, id)
			default:
				err = st.Purge(actor, id)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.Lang.T(msg, locale.Args{"ID": id}))
			return nil
		},
	}
}

// printDecisions lists every earlier decision — revision, stage, who (the
// name at the time), when, what, and the opinion — the same list as the
// TUI's 此前的意见 (model.Article.EarlierDecisions): approvals from before
// a return, the return itself after resubmission, 会签 and readers'
// approvals. Checklist answers follow in printFlow.
func printDecisions(env *Env, w io.Writer, a *model.Article) {
	ds := a.EarlierDecisions()
	if len(ds) == 0 {
		return
	}
	fmt.Fprintln(w, env.t("CLIShowEarlier"))
	for _, d := range ds {
		fmt.Fprintln(w, env.t("CLIShowDecision", locale.Args{"Rev": d.Rev, "Stage": termsafe.Line(a.StageLabel(d.Stage)), "Who": env.who(d.Login, d.Display), "At": when(d.At), "Action": decisionAction(env, d.Action), "Opinion": termsafe.Line(d.Opinion)}))
	}
}

// decisionAction names a decision as the TUI's actionTitle does.
func decisionAction(env *Env, act model.Action) string {
	switch act {
	case model.ActReturn:
		return env.t("ActionReturn")
	case model.ActSignOff:
		return env.t("ActionSignoff")
	case model.ActCorrect, model.ActTakedown:
		if locale.Has(act.MessageID()) {
			return locale.Render(env.Lang, act)
		}
	}
	return env.t("ActionApprove")
}
