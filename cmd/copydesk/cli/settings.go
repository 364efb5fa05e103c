package cli

import (
	"fmt"
	"os"

	"github.com/copydesk/copydesk/locale"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// settingNames are what `settings set` accepts, with what each means.
var settingNames = map[string]string{
	"export-dirs":    "folders on the server exports may write into from SSH sessions (comma-separated absolute paths)",
	"credits-format": "text/template of the credits line (validated: no recursion, bounded output); \"\" is the default",
	"byline-format":  "text/template of the byline on the meta line (validated like credits-format); \"\" is the default",
	"theme-dir":      "folder of templates that replace the default theme's; \"\" is the default theme",
	"takedown":       "what a taken-down article's URL answers: notice (a notice page, default) or 410 (the web server answers 410 Gone; see the README)",
	"form-dir":       "folder of form templates (record.html, style.html, register.html, entry.html, secrecy.html) that replace the built-in ones of copydesk record; \"\" is the built-in forms",
	"base-url":       "the public address the site is served at (absolute http(s) URL): exports without --base-url and site targets without --url use it (sitemap.xml, absolute feed links, the URL each publication records); \"\" clears it",
	"timezone":       "the office's time zone (IANA name, default Asia/Shanghai): dates without a zone are read in it, the site shows times in it",
}

func newSettingsCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "settings", Short: "Show or change the site settings: export folders, credits format, theme (admin)", Args: noArgs}
	cmd.AddCommand(&cobra.Command{
		Use:   "show",
		Short: "Show the site settings",
		Args:  exactArgs(0, "no arguments"),
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
			credits := set.CreditsFormat
			if credits == "" {
				credits = export.DefaultCreditsFormat + "  (default)"
			}
			theme := set.ThemeDir
			if theme == "" {
				theme = "(default theme)"
			}
			byline := set.BylineFormat
			if byline == "" {
				byline = export.DefaultBylineFormat + "  (default)"
			}
			zone := set.TimeZone
			if zone == "" {
				zone = model.DefaultTimeZone + "  (default)"
			}
			takedown := set.Takedown
			if takedown == "" {
				takedown = export.TakedownNotice + "  (default)"
			}
			forms := set.FormDir
			if forms == "" {
				forms = "(built-in forms)"
			}
			base := set.BaseURL
			if base == "" {
				base = "(none: relative links, no sitemap.xml)"
			}
			fmt.Fprintf(env.Stdout, "export-dirs     %s\ncredits-format  %s\nbyline-format   %s\ntheme-dir       %s\nform-dir        %s\ntimezone        %s\ntakedown        %s\nbase-url        %s\n", strings.Join(dirs, ", "), credits, byline, theme, forms, zone, takedown, termsafe.Line(base))
			return nil
		},
	}, &cobra.Command{
		Use:   "set NAME VALUE",
		Short: "Change a site setting (admin): export-dirs, credits-format, byline-format, theme-dir, timezone, takedown or base-url",
		Args:  exactArgs(2, "a setting name and its value"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, value := args[0], args[1]
			if _, ok := settingNames[name]; !ok {
				return UsageErrorf("unknown setting %q; one of: export-dirs, credits-format, byline-format, theme-dir, form-dir, timezone, takedown, base-url", name)
			}
			if env.Remote && (name == "export-dirs" || name == "theme-dir" || name == "form-dir") {
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: name + " names folders on the server; set it there (copydesk settings set " + name + " …)"}
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
					return fmt.Errorf("credits-format: %d bytes; the limit is %d", len(value), store.MaxCreditsFormat)
				}
				if value != "" {
					if err := export.ValidateCredits(value); err != nil {
						return usageError{err}
					}
				}
				set.CreditsFormat = value
			case "byline-format":
				if len(value) > store.MaxCreditsFormat {
					return fmt.Errorf("byline-format: %d bytes; the limit is %d", len(value), store.MaxCreditsFormat)
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
			fmt.Fprintf(env.Stdout, "%s set\n", name)
			return nil
		},
	})
	return cmd
}
