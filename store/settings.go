package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// SiteSettings is the admin's configuration of the export, stored in the
// database so that nothing template-like or path-like comes from a
// command's flags over SSH.
type SiteSettings struct {
	// ExportDirs are the folders on the server an export may write into
	// from an SSH session or a TUI over SSH (absolute paths). Empty: the
	// folder "site" beside the database.
	ExportDirs []string `json:"export_dirs,omitempty"`
	// CreditsFormat is the text/template of the credits line; "" is the
	// built-in one. It is validated by the caller (export.ValidateCredits)
	// before it is stored.
	CreditsFormat string `json:"credits_format,omitempty"`
	// BylineFormat is the text/template of the byline (文/李伟); "" is the
	// built-in one. Validated like CreditsFormat.
	BylineFormat string `json:"byline_format,omitempty"`
	// ThemeDir is a folder of templates that replaces the default theme's.
	ThemeDir string `json:"theme_dir,omitempty"`
	// FormDir is a folder of form templates (record.html, style.html,
	// register.html, secrecy.html) that replace the built-in ones of the
	// printed 审核登记表 and 保密审查表 (copydesk record).
	FormDir string `json:"form_dir,omitempty"`
	// TimeZone is the office's IANA time zone ("" is model.DefaultTimeZone,
	// Asia/Shanghai): dates without a zone (imported front matter) are
	// read in it, and the site shows its times in it.
	TimeZone string `json:"timezone,omitempty"`
	// Takedown is what a taken-down article's URL answers on the site:
	// "" or "notice" (a notice page), or "410" (the web server answers
	// 410 Gone; see export.Takedown410). Validated by the caller
	// (export.ParseTakedown).
	Takedown string `json:"takedown,omitempty"`
	// BaseURL is the public address the site is served at
	// (https://news.example.edu.cn/, ending in "/"; CheckSiteURL), or "".
	// Exports use it when no other is given (export --base-url, a site
	// target's URL): it gives sitemap.xml, absolute feed links and the
	// URL each publication records.
	BaseURL string `json:"base_url,omitempty"`
}

// Zone returns the office's time zone (model.LoadZone of TimeZone); a
// stored name that no longer loads gives the default.
func (s SiteSettings) Zone() *time.Location {
	if loc, err := model.LoadZone(s.TimeZone); err == nil {
		return loc
	}
	loc, _ := model.LoadZone("")
	return loc
}

var keySiteSettings = []byte("site_settings")

// ErrOutsideExportDirs: a path an SSH session asked to write to is not
// under a folder the admin configured.
var ErrOutsideExportDirs error = locale.NewError("StoreOutsideExportDirs", nil, model.ErrDenied)

// Settings returns the site settings (zero value when none are stored).
func (s *Store) Settings() (SiteSettings, error) {
	var out SiteSettings
	err := s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx, bucketMeta, keySiteSettings, &out)
		return err
	})
	return out, err
}

// SetSettings stores the site settings (admin only), recorded in the audit
// chain. Export folders must be absolute; the theme folder must exist.
func (s *Store) SetSettings(act Actor, next SiteSettings) error {
	for i, d := range next.ExportDirs {
		if !filepath.IsAbs(d) {
			return &model.FieldError{Field: "export-dirs", Reason: fmt.Sprintf("%q is not an absolute path", d), ID: "StoreNotAbsolute", Args: locale.Args{"Value": d}}
		}
		next.ExportDirs[i] = filepath.Clean(d)
	}
	if next.ThemeDir != "" {
		if fi, err := os.Stat(next.ThemeDir); err != nil || !fi.IsDir() {
			return &model.FieldError{Field: "theme-dir", Reason: fmt.Sprintf("%q is not a folder on the server", next.ThemeDir), ID: "StoreNotServerFolder", Args: locale.Args{"Value": next.ThemeDir}}
		}
	}
	if next.FormDir != "" {
		if fi, err := os.Stat(next.FormDir); err != nil || !fi.IsDir() {
			return &model.FieldError{Field: "form-dir", ID: "StoreFormDirNotFolder", Args: map[string]any{"Dir": next.FormDir},
				Reason: locale.T(locale.EN, "StoreFormDirNotFolder", locale.Args{"Dir": next.FormDir})}
		}
	}
	if next.BaseURL != "" {
		var err error
		if next.BaseURL, err = CheckSiteURL("base-url", next.BaseURL); err != nil {
			return err
		}
	}
	if _, err := model.LoadZone(next.TimeZone); err != nil {
		return err
	}
	if len(next.CreditsFormat) > MaxCreditsFormat || len(next.BylineFormat) > MaxCreditsFormat {
		return &model.FieldError{Field: "credits-format", Reason: fmt.Sprintf("a format may have at most %d bytes", MaxCreditsFormat), ID: "StoreFormatTooLong", Args: locale.Args{"Max": MaxCreditsFormat}}
	}
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatSiteSettings", nil)); err != nil {
			return err
		}
		if err := putJSON(t.tx.Bucket(bucketMeta), keySiteSettings, &next); err != nil {
			return err
		}
		raw, _ := json.Marshal(next)
		_, err := t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: string(raw)})
		return err
	})
}

// MaxCreditsFormat bounds the stored credits template, in bytes.
const MaxCreditsFormat = 2000

// ExportDirs are the folders exports from SSH sessions may write into:
// the configured ones, else "site" beside the database.
func (s *Store) ExportDirs() ([]string, error) {
	set, err := s.Settings()
	if err != nil {
		return nil, err
	}
	if len(set.ExportDirs) > 0 {
		return set.ExportDirs, nil
	}
	abs, err := filepath.Abs(s.path)
	if err != nil {
		return nil, err
	}
	return []string{filepath.Join(filepath.Dir(abs), "site")}, nil
}

// ConfineExportDir resolves dir for an export asked for over SSH: "" is the
// first export folder; a relative name that is an export folder's own name
// ("site" for /srv/site) is that folder, as someone who sees the server's
// folders by name means it (it was taken inside the first one: site/site);
// any other relative path is taken inside the first folder. The result
// — with symbolic links resolved as far as the path exists — must be one
// of ExportDirs or under one; else ErrOutsideExportDirs.
func (s *Store) ConfineExportDir(dir string) (string, error) {
	allowed, err := s.ExportDirs()
	if err != nil {
		return "", err
	}
	if dir == "" {
		dir = allowed[0]
	}
	if !filepath.IsAbs(dir) {
		named := ""
		for _, a := range allowed {
			if filepath.Base(filepath.Clean(a)) == filepath.Clean(dir) {
				named = a
				break
			}
		}
		if named != "" {
			dir = named
		} else {
			dir = filepath.Join(allowed[0], dir)
		}
	}
	dir = filepath.Clean(dir)
	real, err := resolveExisting(dir)
	if err != nil {
		return "", err
	}
	for _, a := range allowed {
		ra, err := resolveExisting(a)
		if err != nil {
			continue
		}
		if real == ra || strings.HasPrefix(real, ra+string(filepath.Separator)) {
			return dir, nil
		}
	}
	return "", locale.NewError("StoreOutsideExportDirsAt", locale.Args{"Dir": dir, "Allowed": strings.Join(allowed, ", ")}, ErrOutsideExportDirs)
}

// resolveExisting resolves the symbolic links of the longest existing
// prefix of path and appends the rest.
func resolveExisting(path string) (string, error) {
	rest := ""
	p := path
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}
