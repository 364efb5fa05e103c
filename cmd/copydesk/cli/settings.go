package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// settings are what `settings set` accepts, in the order `settings show`
// lists them, each with the catalog ID of its label:
//
//   - export-dirs: folders on the server exports may write into from SSH
//     sessions (comma-separated absolute paths);
//   - credits-format: text/template of the credits line (validated: no
//     recursion, bounded output); "" is the default;
//   - byline-format: text/template of the byline on the meta line
//     (validated like credits-format); "" is the default;
//   - theme-dir: folder of templates that replace the default theme's;
//   - form-dir: folder of form templates (record.html, style.html,
//     register.html, entry.html, secrecy.html) replacing copydesk record's;
//   - timezone: the office's time zone (IANA name, default Asia/Shanghai):
//     dates without a zone are read in it, the site shows times in it;
//   - takedown: what a taken-down article's URL answers: notice (a notice
//     page, default) or 410 (the web server answers 410 Gone);
//   - base-url: the public address the site is served at (absolute
//     http(s) URL): sitemap.xml, absolute feed links, the URL each
//     publication records; "" clears it.
var settings = []struct{ name, label string }{
	{"export-dirs", "SettingExportDirs"}, {"credits-format", "SettingCreditsFormat"}, {"byline-format", "SettingBylineFormat"},
	{"theme-dir", "SettingThemeDir"}, {"form-dir", "SettingFormDir"}, {"timezone", "SettingTimezone"},
	{"takedown", "SettingTakedown"}, {"base-url", "SettingBaseURL"},
}

// settingLabel is the catalog ID of a setting's label; ok is false for a
// name `settings set` does not accept.
func settingLabel(name string) (string, bool) {
	for _, s := range settings {
		if s.name == name {
			return s.label, true
		}
	}
	return "", false
}

func newSettingsCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "settings", Short: "Show or change the site settings: export folders, credits format, theme (admin)", Args: noArgs}
	cmd.AddCommand(&cobra.Command{
		Use:   "show",
		Short: "Show the site settings",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			dirs, err := st.ExportDirs()
			if err != nil {
				return err
			}
			def := func(v string) string { return env.t("CLISettingDefault", locale.Args{"Value": v}) }
			credits := set.CreditsFormat
			if credits == "" {
				credits = def(export.DefaultCreditsFormat)
			}
			theme := set.ThemeDir
			if theme == "" {
				theme = env.t("CLISettingDefaultTheme")
			}
			byline := set.BylineFormat
			if byline == "" {
				byline = def(export.DefaultBylineFormat)
			}
			zone := set.TimeZone
			if zone == "" {
				zone = def(model.DefaultTimeZone)
			}
			takedown := set.Takedown
			if takedown == "" {
				takedown = def(export.TakedownNotice)
			}
			forms := set.FormDir
			if forms == "" {
				forms = env.t("CLISettingBuiltinForms")
			}
			base := set.BaseURL
			if base == "" {
				base = env.t("CLISettingNoBaseURL")
			}
			exportDirs := strings.Join(dirs, ", ")
			if exportDirs == "" {
				exportDirs = env.t("CLISettingNone")
			}
			values := map[string]string{"export-dirs": exportDirs, "credits-format": credits, "byline-format": byline,
				"theme-dir": theme, "form-dir": forms, "timezone": zone, "takedown": takedown, "base-url": base}
			// name (what settings set takes), label, value
			tw := newTable(env.Stdout)
			for _, s := range settings {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", s.name, env.t(s.label), termsafe.Line(values[s.name]))
			}
			tw.Flush()
			return nil
		},
	}, &cobra.Command{
		Use:   "set NAME VALUE",
		Short: "Change a site setting (admin): export-dirs, credits-format, byline-format, theme-dir, timezone, takedown or base-url",
		Args:  exactArgs(2, "CLIArgSettingValue"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, value := args[0], args[1]
			label, ok := settingLabel(name)
			if !ok {
				var names []string
				for _, s := range settings {
					names = append(names, s.name)
				}
				return usageMsg("CLISettingUnknown", locale.Args{"Name": name, "List": strings.Join(names, ", ")})
			}
			if env.Remote && (name == "export-dirs" || name == "theme-dir" || name == "form-dir") {
				return refusedHere("CLISettingServerDirs", locale.Args{"Name": name})
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.RequireAdmin(actor, locale.M("WhatSiteSettings", nil)); err != nil {
				return err
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			switch name {
			case "export-dirs":
				set.ExportDirs = nil
				for _, d := range strings.Split(value, ",") {
					if d = strings.TrimSpace(d); d != "" {
						set.ExportDirs = append(set.ExportDirs, filepath.Clean(d))
					}
				}
			case "credits-format":
				if len(value) > store.MaxCreditsFormat {
					return locale.NewError("CLISettingTooLong", locale.Args{"Name": name, "Bytes": len(value), "Limit": store.MaxCreditsFormat})
				}
				if value != "" {
					if err := export.ValidateCredits(value); err != nil {
						return usageError{err}
					}
				}
				set.CreditsFormat = value
			case "byline-format":
				if len(value) > store.MaxCreditsFormat {
					return locale.NewError("CLISettingTooLong", locale.Args{"Name": name, "Bytes": len(value), "Limit": store.MaxCreditsFormat})
				}
				if value != "" {
					if err := export.ValidateCredits(value); err != nil {
						return usageError{err}
					}
				}
				set.BylineFormat = value
			case "theme-dir":
				set.ThemeDir = value
			case "takedown":
				mode, err := export.ParseTakedown(value)
				if err != nil {
					return usageError{err}
				}
				set.Takedown = mode
			case "form-dir":
				if value != "" { // a broken template is refused here, not at the next print
					if _, err := form.Load(os.DirFS(value)); err != nil {
						return err
					}
				}
				set.FormDir = value
			case "base-url":
				if value != "" {
					if value, err = store.CheckSiteURL("base-url", value); err != nil {
						return usageError{err}
					}
				}
				set.BaseURL = value
			case "timezone":
				if _, err := model.LoadZone(value); err != nil {
					return usageError{err}
				}
				set.TimeZone = value
			}
			if err := st.SetSettings(actor, set); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLISettingSet", locale.Args{"Name": name, "Label": env.t(label)}))
			return nil
		},
	})
	return cmd
}
