package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// copydesk site target add|list|remove: where copydesk serve publishes
// (发布) the site, stored in the database (store.SiteTarget).
func newSiteCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "site", Short: "The public site: where it is published (site targets)", Args: noArgs}
	target := &cobra.Command{Use: "target", Short: "Site targets: where copydesk serve publishes scheduled and signed-off articles", Args: noArgs}
	target.AddCommand(newSiteTargetAddCmd(env), newSiteTargetListCmd(env), newSiteTargetRemoveCmd(env))
	cmd.AddCommand(target)
	return cmd
}

func newSiteTargetAddCmd(env *Env) *cobra.Command {
	var to, siteURL string
	cmd := &cobra.Command{
		Use:   "add NAME --to user@host:/path|DIR [--url URL]",
		Short: "Add a site target (admin): a folder on the server, or user@host:/path over SFTP",
		Args:  exactArgs(1, "CLIArgTargetName"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to == "" {
				return usageMsg("CLITargetNeedsTo", nil)
			}
			t, err := export.ParseTarget(to)
			if err != nil {
				return usageError{err}
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if env.Remote && !t.Remote() {
				// Over SSH a folder target is one of the export folders
				// (or inside one), as an export's --out is: the scheduler
				// writes there as the server.
				if to, err = st.ConfineExportDir(t.Local); err != nil {
					return err
				}
			}
			if err := st.AddTarget(actor, args[0], to, siteURL); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLITargetAdded", locale.Args{"Name": args[0], "To": termsafe.Line(t.String())}))
			if siteURL != "" {
				list, err := st.Targets()
				if err != nil {
					return err
				}
				for _, x := range list {
					if x.Name == args[0] {
						fmt.Fprintln(env.Stdout, env.t("CLITargetURL", locale.Args{"URL": termsafe.Line(x.URL)}))
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "user@host:/path, ssh://user@host:port/path, or a folder on the server")
	cmd.Flags().StringVar(&siteURL, "url", "", "the public address the site is served at from there, such as https://news.example.edu.cn/ (default: the base-url setting)")
	return cmd
}

func newSiteTargetListCmd(env *Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List the site targets",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			list, err := st.Targets()
			if err != nil {
				return err
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, env.t("CLITargetNone"))
				return nil
			}
			tw := newTable(env.Stdout)
			fmt.Fprintln(tw, env.t("CLITargetColumns"))
			for _, t := range list {
				u := t.URL
				switch {
				case u == "" && set.BaseURL != "":
					u = env.t("CLITargetURLDefault", locale.Args{"URL": set.BaseURL})
				case u == "":
					u = env.t("CLITargetURLNone")
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.Name, termsafe.Line(t.To), termsafe.Line(u), t.By, when(t.Added))
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

func newSiteTargetRemoveCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a site target (admin)",
		Args:  exactArgs(1, "CLIArgTargetName"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.RemoveTarget(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLITargetRemoved", locale.Args{"Name": args[0]}))
			return nil
		},
	}
}

// printSchedule prints an article's 定时发布 (with a refusal, if the
// scheduler refused it) and where it went online (上线).
func printSchedule(env *Env, a *model.Article) {
	w := env.Stdout
	if sc := a.Schedule; sc != nil {
		args := locale.Args{"At": when(sc.At), "Rev": sc.Rev, "Who": env.who(sc.Login, sc.Display), "Opinion": termsafe.Line(sc.Opinion)}
		switch {
		case !sc.Pending():
			args["Done"] = when(sc.Done)
			fmt.Fprintln(w, env.t("CLIShowScheduleDone", args))
		case sc.Refused != "":
			fmt.Fprintln(w, env.t("CLIShowSchedule", args))
			fmt.Fprintln(w, env.t("CLIShowScheduleRefused", locale.Args{"At": when(sc.RefusedAt),
				"Reason": locale.Render(env.Lang, &model.ScheduleStaleError{Article: a.ID, Rev: sc.Rev, Head: a.Rev, Reason: sc.Refused})}))
		default:
			fmt.Fprintln(w, env.t("CLIShowSchedule", args))
			if err := a.ScheduleProblem(); err != nil { // stale before its time: say so now
				fmt.Fprintln(w, env.t("CLIShowScheduleStale", locale.Args{"Reason": locale.Err(env.Lang, err)}))
			}
		}
	}
	for _, p := range a.Publications {
		args := locale.Args{"Target": termsafe.Line(p.Target), "At": when(p.At), "Rev": p.Rev, "URL": termsafe.Line(p.URL)}
		switch {
		case p.Manual():
			fmt.Fprintln(w, env.t("CLIShowPublishedManual", args))
		case p.Late:
			fmt.Fprintln(w, env.t("CLIShowPublishedLate", args))
		default:
			fmt.Fprintln(w, env.t("CLIShowPublished", args))
		}
	}
}
