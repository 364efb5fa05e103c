package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func newExportCmd(env *Env) *cobra.Command {
	var out, theme, credits, byline string
	var opts export.Options
	cmd := &cobra.Command{
		Use:   "export --out DIR [--theme DIR] [--base-url URL]",
		Short: "Write the static site: every signed-off article, nothing else; only changed files are rewritten",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			site, err := export.SiteOptions(st) // the admin's credits format and theme
			if err != nil {
				return err
			}
			opts.CreditsFormat, opts.BylineFormat, opts.ThemeDir, opts.Location, opts.RenderCacheDir, opts.Now = site.CreditsFormat, site.BylineFormat, site.ThemeDir, site.Location, site.RenderCacheDir, site.Now
			opts.Takedown = site.Takedown // the takedown setting (notice page or 410)
			if opts.BaseURL == "" {
				opts.BaseURL = site.BaseURL // the base-url setting, as the TUI and the scheduler export
			} else if opts.BaseURL, err = store.CheckSiteURL("base-url", opts.BaseURL); err != nil {
				return usageError{err}
			}
			if env.Remote {
				if err := mayExport(env); err != nil {
					return err
				}
				// No caller-supplied code or paths on the server: the
				// credits format and theme are settings, the output
				// folder one the admin configured.
				if theme != "" || credits != "" || byline != "" {
					return usageMsg("CLIExportRemoteTheme", nil)
				}
				if out, err = st.ConfineExportDir(out); err != nil {
					return err
				}
			}
			if out == "" {
				return usageMsg("CLIExportNeedsOut", nil)
			}
			if credits != "" {
				if err := export.ValidateCredits(credits); err != nil {
					return usageError{err}
				}
				opts.CreditsFormat = credits
			}
			if byline != "" {
				if err := export.ValidateCredits(byline); err != nil {
					return usageError{err}
				}
				opts.BylineFormat = byline
			}
			if theme != "" {
				if fi, err := os.Stat(theme); err != nil || !fi.IsDir() {
					return usageMsg("CLIExportBadTheme", locale.Args{"Dir": theme})
				}
				opts.ThemeDir = os.DirFS(theme)
			}
			if !env.Remote {
				tuneGCForExport(env.Getenv)
			}
			res, err := export.Export(export.FromStore(st), out, opts)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIExported", locale.Args{"Dir": out, "Took": locale.Duration(env.Lang, res.Duration),
				"Written": len(res.Written), "Removed": len(res.Removed), "Unchanged": len(res.Unchanged), "Rendered": env.t("CLIArticles", locale.Args{"Count": res.Rendered})}))
			// What is not on the site, and why: scheduled, stale, taken
			// down, approved but not signed.
			unsigned, err := export.Unsigned(st)
			if err != nil {
				return err
			}
			for _, l := range export.HeldLines(env.Lang, append(res.Held, unsigned...), currentZone()) {
				fmt.Fprintln(env.Stdout, l)
			}
			if res.Note != nil { // a damaged manifest, rebuilt
				fmt.Fprintln(env.Stderr, termsafe.Line(locale.Err(env.Lang, res.Note)))
			}
			for _, f := range res.Failed {
				fmt.Fprintln(env.Stderr, env.t("CLINotExported", locale.Args{"Error": locale.Err(env.Lang, f)}))
			}
			if len(res.Failed) > 0 {
				return errors.New(env.t("CLIExportFailed", locale.Args{"N": len(res.Failed)}))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "output folder (created if needed); over SSH one of the export-dirs settings or inside one (default: the first)")
	f.StringVar(&theme, "theme", "", "folder of templates that replace the default theme's (see export/themes/example)")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served at (enables sitemap.xml and absolute feed links; default: the base-url setting)")
	f.StringVar(&opts.SiteTitle, "site-title", "", "site name (default 新闻中心)")
	f.IntVar(&opts.PageSize, "page-size", 0, "articles per index page (default 20)")
	f.StringVar(&credits, "credits", "", "text/template of the credits line (local only; default: the credits-format setting)")
	f.StringVar(&byline, "byline", "", "text/template of the authors on the meta line (local only; default: the byline-format setting, else 文/ and the authors joined by 、)")
	f.BoolVar(&opts.Force, "force", false, "render every page again")
	localOnlyFlags(cmd, "theme", "credits", "byline")
	return cmd
}

func newPublishCmd(env *Env) *cobra.Command {
	var from, to string
	var opts export.PublishOptions
	cmd := &cobra.Command{
		Use:   "publish --from DIR --to NAME|user@host:/path|DIR",
		Short: "Publish (发布) an exported site to the web server, sending only changed files (SFTP, known_hosts checked); its articles are recorded as online (上线)",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.Remote && env.Publish == nil {
				return refusedHere("CLIPublishRemote", nil)
			}
			if (from == "" && !env.Remote) || to == "" {
				return usageMsg("CLIPublishNeeds", nil)
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			if env.Remote {
				// Over SSH (copydesk serve): a chief or admin, as for
				// export; from an export folder (default: the first);
				// to a site target the admin named, with the server's
				// key and known_hosts, as the scheduler publishes.
				if err := mayExport(env); err != nil {
					return err
				}
				if opts.KeyFile != "" || opts.KnownHosts != "" {
					return usageMsg("CLIPublishRemoteKey", nil)
				}
				if from, err = st.ConfineExportDir(from); err != nil {
					return err
				}
				opts = *env.Publish
			}
			// --to names a site target (copydesk site target add), or is
			// one; the publication is recorded under that name.
			name, dest, siteURL := to, to, ""
			targets, err := st.Targets()
			if err != nil {
				return err
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			named := false
			for _, t := range targets {
				if t.Name == to {
					// A named target's address (its URL, else the
					// base-url setting) is checked against the site's
					// and recorded with each publication.
					dest, siteURL, named = t.To, t.BaseURL(set), true
				}
			}
			if env.Remote && !named {
				return usageMsg("CLIPublishRemoteTarget", locale.Args{"To": termsafe.Line(to)})
			}
			actor := store.Actor{Login: "@local"} // local file access: whoever runs it
			if env.Remote {
				actor = env.Actor
			} else if a, err := env.Identity(); err == nil {
				actor = a
			}
			// The embargo holds here too: a site holding an article under
			// embargo is refused (export.PublishSite).
			res, recorded, err := export.PublishSite(st, actor, name, dest, siteURL, from, opts, st.Now(), -1)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIPublished", locale.Args{"Target": termsafe.Line(res.Target), "Took": locale.Duration(env.Lang, res.Duration),
				"Sent": len(res.Sent), "Bytes": res.Bytes, "Removed": len(res.Removed), "Unchanged": res.Unchanged}))
			for _, a := range recorded {
				fmt.Fprintln(env.Stdout, env.t("CLIWentOnline", locale.Args{"ID": a.ID, "Title": termsafe.Line(a.Title), "Rev": a.LastPublication().Rev}))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "the exported site (copydesk export --out DIR); over SSH one of the export-dirs settings or inside one (default: the first)")
	f.StringVar(&to, "to", "", "a site target's name, user@host:/path, ssh://user@host:port/path, or a local folder; over SSH only a site target's name")
	f.StringVar(&opts.KeyFile, "key", "", "SSH private key (default ~/.ssh/id_ed25519, then id_rsa)")
	f.StringVar(&opts.KnownHosts, "known-hosts", "", "known_hosts file (default ~/.ssh/known_hosts)")
	localOnlyFlags(cmd, "key", "known-hosts")
	return cmd
}

// tuneGCForExport sets this process's garbage collector for a local
// export, unless GOGC or GOMEMLIMIT say otherwise: an export allocates
// much short-lived garbage (parse trees, rendered pages) over a small live
// heap (about 10 MB at 1,000 articles, 70 MB at 10,000), so a GC goal of
// five times the live heap (GOGC=400) cuts the collector's work to about
// a quarter, and a soft memory limit of exportMemLimit keeps the heap
// under it however large the site (the collector runs more often near
// it). Not over SSH: the server process's settings are its own.
func tuneGCForExport(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(exportMemLimit)
}

// exportMemLimit is the soft heap limit of a local export (bytes).
const exportMemLimit = 160 << 20

// mayExport refuses unless the acting user may export the site
// (model.MayExport, the rule the TUI asks too).
func mayExport(env *Env) error {
	st, actor, err := env.actorStore()
	if err != nil {
		return err
	}
	u, err := st.User(actor.Login)
	if err != nil {
		return err
	}
	return model.MayExport(u)
}

// RenderCacheDir is export.RenderCacheDir: where exports of the database
// at dbPath keep rendered bodies.
func RenderCacheDir(dbPath string) string { return export.RenderCacheDir(dbPath) }
