// Package cli is copydesk's command tree. The same tree runs locally (with
// --db and --as) and inside SSH sessions (identity from the session's key,
// --as and local files refused), so every command is a function of an Env
// and its flags, testable without a terminal.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui"
)

// Exit codes, as DESIGN.md's command-line contract states.
const (
	ExitOK       = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitConflict = 3
	ExitDenied   = 4
	// ExitDamaged: the database file is damaged (or is not a copydesk
	// database); restore it from a backup.
	ExitDamaged = 5
)

// Env is what a command run needs from its surroundings.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (os.Getenv locally; nothing over SSH).
	Getenv func(string) string
	// Lang is the language of messages; empty means locale.FromEnv(Getenv)
	// (LC_ALL, LC_MESSAGES, LANG; unset → zh-CN).
	Lang      locale.Lang
	langGiven bool // Lang was given, not read from Getenv: the user's setting does not replace it

	// Remote is set for SSH sessions: Store and Actor are fixed by the
	// server, --db and --as are refused, and files are read only from
	// standard input.
	Remote bool
	// Store is an open database (SSH sessions). Locally it is opened from
	// --db on first use.
	Store *store.Store
	// Actor is the authenticated identity of a remote session.
	Actor store.Actor
	// Search is the server's search index (SSH sessions). Locally it is
	// opened beside the database on first use (SearchIndex).
	Search *search.Index
	// Publish is the server's SSH key and known_hosts for its site
	// targets (copydesk serve --publish-key, --known-hosts), with which
	// publish over SSH sends an export folder to a named target; nil
	// (the default of RemoteRunner) refuses publish over SSH.
	Publish *export.PublishOptions

	dbPath       string
	as           string
	opened       bool
	searchOpened bool
	readOnly     bool      // the command only reads: open the file read-only
	rawStdout    io.Writer // Stdout before the sanitiser: is it a terminal?
}

// readOnlyPaths are the commands that only read the database. (show, pull
// and diff record what the user read, so they open it for writing when they
// can; a write-protected file is opened read-only for every command.)
var readOnlyPaths = map[string]bool{
	"copydesk article list":    true,
	"copydesk article history": true, "copydesk article conflicts": true,
	"copydesk article comments": true, "copydesk export": true, "copydesk user list": true,
	"copydesk verify": true, "copydesk check": true, "copydesk backup": true,
}

func markReadOnly(c *cobra.Command) {
	if readOnlyPaths[c.CommandPath()] {
		readOnlyCmd(c)
	}
	for _, sub := range c.Commands() {
		markReadOnly(sub)
	}
}

// readOnlyCmd marks a command that never changes the database: locally it
// opens the file read-only, so a write-protected copy can be read.
func readOnlyCmd(c *cobra.Command) *cobra.Command {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations["copydesk.readonly"] = "1"
	return c
}

// usageError marks errors that are the caller's wording (exit 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// UsageErrorf returns an error that exits with code 2.
func UsageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// ExitCode maps an error to the contract's exit code.
func ExitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, model.ErrConflict), errors.Is(err, model.ErrStaleView):
		return ExitConflict
	case errors.Is(err, model.ErrDenied):
		return ExitDenied
	case errors.Is(err, store.ErrDamaged), errors.Is(err, store.ErrNotDatabase):
		return ExitDamaged
	}
	return ExitError
}

// NewRoot builds the command tree for env.
func NewRoot(env *Env) *cobra.Command {
	if env.Lang == "" {
		env.Lang = locale.FromEnv(env.Getenv)
	} else {
		env.langGiven = true // the caller (an SSH session) chose it
	}
	root := &cobra.Command{
		Use:   "copydesk",
		Short: "copydesk — write, review, sign off (签发) and publish news from the terminal",
		Long: `copydesk is an editorial workstation: writers draft news and meeting reports,
reviewers approve them stage by stage, the chief editor signs them off (签发),
and signed-off articles are exported as a static website.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if env.Remote {
				fmt.Fprint(env.Stdout, env.t("CLIGuide"))
				return nil
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			welcome, err := env.firstRun(st)
			if err != nil {
				return err
			}
			actor, err := env.Identity()
			if err != nil {
				return err
			}
			ix, stopSearch := env.backgroundSearch(st)
			defer stopSearch()
			var me *model.User
			if u, err := st.User(actor.Login); err == nil {
				me = u
			}
			return tui.Run(tui.Options{Store: st, Actor: actor, Search: ix, Welcome: welcome, Lang: env.workstationLang(me)})
		},
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{flagError(c, err)} })
	root.PersistentFlags().StringVar(&env.dbPath, "db", "", "database file (default $COPYDESK_DB, else ~/.local/share/copydesk/copydesk.db)")
	root.PersistentFlags().StringVar(&env.as, "as", "", "act as this user (local only; default: the user named like $USER, else the one this computer's account remembers, see whoami --remember)")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		env.readOnly = cmd.Annotations["copydesk.readonly"] == "1"
		if env.Remote && cmd.Flags().Changed("as") {
			return refusedHere("CLISSHNoAs", nil)
		}
		if env.Remote && cmd.Flags().Changed("db") {
			return refusedHere("CLISSHNoDb", nil)
		}
		return env.stdinRule(cmd, args)
	}
	root.AddCommand(newSettingsCmd(env), newSiteCmd(env))
	root.AddCommand(newInitCmd(env), newUserCmd(env), newArticleCmd(env), newMediaCmd(env), newExportCmd(env), newPublishCmd(env),
		newImportCmd(env), newVerifyCmd(env), newBackupCmd(env), newCheckCmd(env), newWorkflowCmd(env), newRoleCmd(env),
		newWhoamiCmd(env), newServeCmd(env), newNotifyCmd(env), newMeCmd(env), newSearchCmd(env), newProofCmd(env), newRecordCmd(env))
	markReadOnly(root)
	groupsRefuseUnknown(root)
	if env.Remote {
		// Over SSH the help lists only what works there.
		for _, c := range root.Commands() {
			switch c.Name() {
			case "serve", "init", "backup":
				c.Hidden = true
			}
		}
		root.CompletionOptions.DisableDefaultCmd = true
		_ = root.PersistentFlags().MarkHidden("db")
		_ = root.PersistentFlags().MarkHidden("as")
	}
	localizeHelp(root, env.Lang)
	if env.Remote {
		hideLocalOnly(root, env.Lang)
	}
	return root
}

// annLocalOnly marks a flag its command refuses over SSH (with its own
// message): whoami --remember, record --out, export --theme.
const annLocalOnly = "copydesk.localonly"

// localOnlyFlags marks the named flags of c as refused over SSH, so the SSH
// help leaves them out as it leaves out the commands refused there.
func localOnlyFlags(c *cobra.Command, names ...string) {
	for _, n := range names {
		if err := c.Flags().SetAnnotation(n, annLocalOnly, []string{"1"}); err != nil {
			panic(err) // a misspelt flag name: a programming error
		}
	}
}

// hideLocalOnly hides, in c and below, the flags marked by localOnlyFlags;
// a usage line that names one ("whoami [--remember]") loses it, and a
// command whose one-line help mentions one takes its SSH text
// (HelpID + "SSH") from the catalog.
func hideLocalOnly(c *cobra.Command, lang locale.Lang) {
	hid := false
	c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if _, ok := f.Annotations[annLocalOnly]; ok {
			f.Hidden, hid = true, true
			c.Use = regexp.MustCompile(`\s*\[--`+regexp.QuoteMeta(f.Name)+`\b[^\]]*\]`).ReplaceAllString(c.Use, "")
		}
	})
	if hid {
		if id := HelpID(c) + "SSH"; locale.Has(id) {
			c.Short = locale.T(lang, id)
		}
	}
	for _, sub := range c.Commands() {
		hideLocalOnly(sub, lang)
	}
}

// groupsRefuseUnknown gives every command group (article, user, …) a run
// function, so that an unknown subcommand ("article lst") is a usage error
// (exit 2) with a suggestion, not the group's help and exit 0; the group
// alone still prints its help.
func groupsRefuseUnknown(c *cobra.Command) {
	for _, sub := range c.Commands() {
		groupsRefuseUnknown(sub)
	}
	c.SuggestionsMinimumDistance = 2
	if c.HasSubCommands() && c.Run == nil && c.RunE == nil {
		c.Args = noArgs
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
}

// pflag's parse errors, by their (stable) English wording.
var (
	flagUnknownRE  = regexp.MustCompile(`^unknown flag: (\S+)$`)
	flagShortRE    = regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)$`)
	flagNeedsArgRE = regexp.MustCompile(`^flag needs an argument: (?:'.' in )?(\S+)$`)
	flagBadValueRE = regexp.MustCompile(`^invalid argument "(.*)" for "(\S+)" flag`)
)

// flagError is a flag parse error of pflag as a catalog message; one it
// does not recognise stays as it is.
func flagError(c *cobra.Command, err error) error {
	s := err.Error()
	switch {
	case flagUnknownRE.MatchString(s):
		flag := flagUnknownRE.FindStringSubmatch(s)[1]
		if sugg := suggestFlags(c, strings.TrimLeft(flag, "-")); len(sugg) > 0 {
			return locale.NewError("CLIUnknownFlagHint", locale.Args{"Flag": flag, "Suggest": strings.Join(sugg, " / "), "Path": c.CommandPath()}, err)
		}
		return locale.NewError("CLIUnknownFlag", locale.Args{"Flag": flag}, err)
	case flagShortRE.MatchString(s):
		m := flagShortRE.FindStringSubmatch(s)
		return locale.NewError("CLIUnknownShorthand", locale.Args{"Flag": m[1], "Arg": m[2]}, err)
	case flagNeedsArgRE.MatchString(s):
		return locale.NewError("CLIFlagNeedsArg", locale.Args{"Flag": flagNeedsArgRE.FindStringSubmatch(s)[1]}, err)
	case flagBadValueRE.MatchString(s):
		m := flagBadValueRE.FindStringSubmatch(s)
		return locale.NewError("CLIFlagBadValue", locale.Args{"Value": m[1], "Flag": m[2]}, err)
	}
	return err
}

// suggestFlags returns the flags of c (its own and inherited) nearest a
// mistyped long flag name: within two edits (as cobra suggests commands)
// or completing it, only the nearest ones; "--stat" → "--state".
func suggestFlags(c *cobra.Command, name string) []string {
	if c == nil || name == "" {
		return nil
	}
	var out []string
	best := 3
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		d := editDistance(name, f.Name)
		if len(name) >= 3 && strings.HasPrefix(f.Name, name) {
			d = min(d, 1)
		}
		switch {
		case d > 2:
		case d < best:
			best, out = d, []string{"--" + f.Name}
		case d == best:
			out = append(out, "--"+f.Name)
		}
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (flag names are ASCII); O(len(a)·len(b)) on names of a few letters.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// noArgs refuses arguments to a command that takes none; for a command
// group the argument is a mistyped subcommand, and the nearest ones are
// suggested (cobra's Levenshtein distance, SuggestionsMinimumDistance 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if sugg := cmd.SuggestionsFor(args[0]); len(sugg) > 0 {
			return usageError{locale.NewError("CLIUnknownCommandHint", locale.Args{"Name": args[0], "Path": cmd.CommandPath(), "Suggest": strings.Join(sugg, " / ")})}
		}
		return usageError{locale.NewError("CLIUnknownCommand", locale.Args{"Name": args[0], "Path": cmd.CommandPath()})}
	}
	return nil
}

// exactArgs accepts exactly n positional arguments; what is the catalog ID
// of what they are (CLIArgArticleID: "an article ID"; ignored when n is 0).
// The usage error (exit 2) names the command, what it takes and its usage
// line, in the reader's language.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == n:
			return nil
		case n == 0:
			return usageError{locale.NewError("CLIArgsNone", locale.Args{"Cmd": cmd.CommandPath(), "Use": useLine(cmd)})}
		}
		var w any = what // not yet a catalog ID: shown as it is (langcheck.Literals finds it)
		if locale.Has(what) {
			w = locale.M(what, nil)
		}
		return usageError{locale.NewError("CLIArgsNeeded", locale.Args{"Cmd": cmd.CommandPath(), "What": w, "Use": useLine(cmd)})}
	}
}

// DefaultDBPath is $COPYDESK_DB, else the XDG data dir.
func DefaultDBPath(getenv func(string) string) string {
	if p := getenv("COPYDESK_DB"); p != "" {
		return p
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "copydesk", "copydesk.db")
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".local", "share", "copydesk", "copydesk.db")
}

// DBPath is the database path this run uses.
func (env *Env) DBPath() string {
	if env.dbPath != "" {
		return env.dbPath
	}
	return DefaultDBPath(env.getenv)
}

func (env *Env) getenv(k string) string {
	if env.Getenv == nil {
		return ""
	}
	return env.Getenv(k)
}

// OpenStore returns the session's store, opening the local file on first use.
func (env *Env) OpenStore() (*store.Store, error) {
	if env.Store != nil {
		loadZone(env.Store)
		return env.Store, nil
	}
	st, err := store.Open(env.DBPath(), store.Options{Timeout: 1500 * time.Millisecond, Holder: "copydesk " + strings.Join(os.Args[1:], " "),
		ReadOnly: env.readOnly})
	if err != nil {
		return nil, err
	}
	env.Store, env.opened = st, true
	loadZone(st)
	return st, nil
}

// Close closes a store this Env opened.
func (env *Env) Close() error {
	if env.searchOpened && env.Search != nil {
		env.searchOpened = false
		_ = env.Search.Close()
		env.Search = nil
	}
	if env.opened && env.Store != nil {
		env.opened = false
		return env.Store.Close()
	}
	return nil
}

// Run executes the command tree with args and returns the exit code,
// printing any error to Stderr.
//
// Everything the command writes, output and errors, passes through one
// termsafe.Writer (escape sequences, C1 and bidi controls, carriage returns
// removed), locally and over SSH alike; --json output is escaped before it
// (termsafe.JSON), so it keeps the text exactly.
func Run(env *Env, args []string) int {
	env.rawStdout = env.Stdout
	stdout, stderr := termsafe.NewWriter(env.Stdout), termsafe.NewWriter(env.Stderr)
	env.Stdout, env.Stderr = stdout, stderr
	defer func() { _ = stdout.Flush(); _ = stderr.Flush() }()
	root := NewRoot(env)
	if args == nil {
		args = []string{} // nil would make cobra read this process's os.Args
	}
	root.SetArgs(args)
	err := root.Execute()
	defer env.Close()
	if err != nil {
		// Typed errors (model, store) read from the catalog in the
		// user's language; others as they are.
		fmt.Fprintln(env.Stderr, locale.T(env.Lang, "ErrorPrefix", locale.Args{"Message": locale.Err(env.Lang, err)}))
		if ExitCode(err) == ExitUsage && !strings.Contains(err.Error(), "usage") {
			fmt.Fprintln(env.Stderr, locale.T(env.Lang, "RunHelp"))
		}
	}
	return ExitCode(err)
}

// articleActor parses an article ID and opens the store as the acting user
// (env.Identity): the prelude of every command that changes one article.
func (env *Env) articleActor(arg string) (uint64, *store.Store, store.Actor, error) {
	id, err := parseID(arg)
	if err != nil {
		return 0, nil, store.Actor{}, err
	}
	st, actor, err := env.actorStore()
	return id, st, actor, err
}

// articleStore parses an article ID argument, opens the store and checks
// that the reader may see the article (store.MayRead: the rule of the
// queues and of search). Every command that shows an article's text,
// revisions, history, comments or conflict drafts comes through here.
func (env *Env) articleStore(arg string) (uint64, *store.Store, error) {
	id, err := parseID(arg)
	if err != nil {
		return 0, nil, err
	}
	st, err := env.OpenStore()
	if err != nil {
		return 0, nil, err
	}
	if act, ok := env.reader(); ok {
		if _, err := st.MayRead(act, id); err != nil {
			return 0, nil, err
		}
	}
	return id, st, nil
}

// reader is whose view of the office a command shows (lists, articles,
// search): over SSH the key's owner; locally the user named with --as
// ("show me what LOGIN sees"). ok is false locally without --as: whoever
// holds the database file, and could read it anyway, sees every article
// ($USER and the remembered identity say who acts, not what the file's
// holder may read).
func (env *Env) reader() (store.Actor, bool) {
	if env.Remote {
		return env.Actor, true
	}
	if env.as == "" {
		return store.Actor{}, false
	}
	env.speakAs(env.as)
	return store.Actor{Login: env.as}, true // no such user: the store refuses
}

// readAs is whom the store's reads of this run are for (the reads that
// take a reader check it themselves: store.Revisions, Trail, Comments, …):
// reader(), else the local store.Holder, who holds the file.
func (env *Env) readAs() store.Actor {
	if act, ok := env.reader(); ok {
		return act
	}
	return store.Holder()
}

// articleAt loads an article's header and revision rev (0: the head).
func (env *Env) articleAt(arg string, rev int) (*model.Article, *model.Revision, error) {
	id, st, err := env.articleStore(arg)
	if err != nil {
		return nil, nil, err
	}
	a, r, err := st.Head(id)
	if err == nil && rev != 0 {
		r, err = st.Revision(id, rev)
	}
	if err != nil {
		return nil, nil, err
	}
	env.noteRead(st, id, r.N)
	return a, r, nil
}

// noteRead records that the user of this run read revision rev of article
// id, so a later approve/return/signoff without --rev is bound to it
// (store.MarkRead). Reading needs no identity locally: without one nothing
// is recorded, and a decision then asks for the revision to be read.
func (env *Env) noteRead(st *store.Store, id uint64, rev int) {
	act, err := env.Identity()
	if err != nil || act.Login == "" {
		return
	}
	_ = st.MarkRead(act, id, rev)
}

// HelpID is the catalog message of a command's short description: "Cmd"
// and its path in CamelCase ("copydesk article list" → CmdArticleList,
// "workflow set-default" → CmdWorkflowSetDefault; the root is CmdRoot).
func HelpID(c *cobra.Command) string {
	var b strings.Builder
	b.WriteString("Cmd") // langcheck:ok a catalog ID's prefix
	parts := strings.Fields(c.CommandPath())[1:]
	if len(parts) == 0 {
		return "CmdRoot"
	}
	for _, p := range parts {
		for _, w := range strings.Split(p, "-") {
			if w != "" {
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
			}
		}
	}
	return b.String()
}

// localizeHelp gives every command the short description of the catalog
// in lang (the help and the command list). English is what the code says;
// TestHelpIsTranslated keeps the catalog's English equal to it and fails
// on a command without a Chinese description.
func localizeHelp(c *cobra.Command, lang locale.Lang) {
	if !c.HasParent() && lang != locale.EN {
		c.SetUsageTemplate(usageTemplate(c.UsageTemplate(), lang))
		c.InitDefaultHelpCmd()
		c.InitDefaultCompletionCmd()
		for _, sub := range c.Commands() {
			if sub.Name() == "completion" {
				sub.Short = locale.T(lang, "CLICompletionCmd")
				for _, sh := range sub.Commands() {
					sh.Short = locale.T(lang, "CLICompletionShell", locale.Args{"Shell": sh.Name()})
				}
			}
		}
	}
	if lang != locale.EN {
		if id := HelpID(c); locale.Has(id) {
			c.Short = locale.T(lang, id)
		}
		if c.Long != "" && locale.Has(HelpID(c)+"Long") {
			c.Long = locale.T(lang, HelpID(c)+"Long")
		}
		if c.Name() == "help" && !c.HasSubCommands() && c.Parent() != nil && !c.Parent().HasParent() {
			c.Short = locale.T(lang, "CLIHelpCmd")
			c.Long = c.Short
		}
		fs := c.LocalNonPersistentFlags()
		if !c.HasParent() {
			fs = c.PersistentFlags()
		}
		fs.VisitAll(func(f *pflag.Flag) {
			if id := FlagID(c, f.Name); locale.Has(id) {
				f.Usage = locale.T(lang, id)
			}
		})
		c.InitDefaultHelpFlag()
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = locale.T(lang, "CLIHelpFlag", locale.Args{"Name": c.Name()})
		}
	}
	for _, sub := range c.Commands() {
		localizeHelp(sub, lang)
	}
}

func init() {
	// The usage line's " [flags]" in the language of the template that
	// calls it (template functions are global to cobra, so one per language).
	cobra.AddTemplateFunc("zhUseLine", func(s string) string {
		return strings.Replace(s, " [flags]", " "+locale.T(locale.ZH, "CLIHelpFlagsArg"), 1)
	})
	// pflag writes a flag's default as "(default 30s)".
	cobra.AddTemplateFunc("zhFlagUsages", func(s string) string {
		return zhDefault.ReplaceAllStringFunc(s, func(m string) string {
			v := zhDefault.FindStringSubmatch(m)[1]
			return locale.T(locale.ZH, "CLIHelpDefault", locale.Args{"Value": v}) + "\n"
		})
	})
}

// zhDefault is pflag's "(default …)" at the end of a flag's line.
var zhDefault = regexp.MustCompile(` \(default (.*)\)\n`)

// usageTemplate is cobra's usage template t with its headings in lang.
func usageTemplate(t string, lang locale.Lang) string {
	const path = "\x00PATH\x00"
	more := strings.Replace(locale.T(lang, "CLIHelpMore", locale.Args{"Path": path}), path, "{{.CommandPath}}", 1)
	pairs := []string{
		"Usage:", locale.T(lang, "CLIHelpUsage"),
		"{{.UseLine}}", "{{zhUseLine .UseLine}}",
		"{{.CommandPath}} [command]", "{{.CommandPath}} " + locale.T(lang, "CLIHelpCommandArg"),
		"Aliases:", locale.T(lang, "CLIHelpAliases"),
		"Examples:", locale.T(lang, "CLIHelpExamples"),
		"Available Commands:", locale.T(lang, "CLIHelpAvailable"),
		"Additional Commands:", locale.T(lang, "CLIHelpAdditional"),
		"Global Flags:", locale.T(lang, "CLIHelpGlobalFlags"),
		"Flags:", locale.T(lang, "CLIHelpFlags"),
		"Additional help topics:", locale.T(lang, "CLIHelpTopics"),
		`Use "{{.CommandPath}} [command] --help" for more information about a command.`, more, // langcheck:ok cobra's text, replaced
	}
	if lang != locale.EN {
		pairs = append(pairs, ".FlagUsages", ".FlagUsages | zhFlagUsages")
	}
	return strings.NewReplacer(pairs...).Replace(t)
}

// FlagID is the catalog message of a flag's description: the command's
// HelpID, "Flag" and the flag's name in CamelCase ("article list --state"
// → CmdArticleListFlagState; the root's --db → CmdRootFlagDb).
func FlagID(c *cobra.Command, name string) string {
	var b strings.Builder
	b.WriteString(HelpID(c) + "Flag") // langcheck:ok a catalog ID's part
	for _, w := range strings.Split(name, "-") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}
