package store_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/store"
)

// TestConfineExportDirNamesAFolder: over SSH "--out site" means the export
// folder called site (the default one, beside the database), not a site
// folder nested inside it; other relative paths stay inside the first
// folder, and nothing leads outside.
func TestConfineExportDirNamesAFolder(t *testing.T) {
	st, path := newOffice(t)
	site := filepath.Join(filepath.Dir(path), "site")
	for _, tc := range []struct{ in, want string }{
		{"", site},
		{"site", site},
		{"site/", site},
		{"./site", site},
		{"week48", filepath.Join(site, "week48")},
		{"site/week48", filepath.Join(site, "site", "week48")},
		{site, site},
	} {
		got, err := st.ConfineExportDir(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ConfineExportDir(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := st.ConfineExportDir("../elsewhere"); !errors.Is(err, store.ErrOutsideExportDirs) {
		t.Errorf("../elsewhere: %v", err)
	}

	// Two configured folders: each is named by its own name.
	www, news := filepath.Join(t.TempDir(), "www"), filepath.Join(t.TempDir(), "news")
	set, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	set.ExportDirs = []string{www, news}
	if err := st.SetSettings(admin, set); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"news", news},
		{"www", www},
		{"site", filepath.Join(www, "site")},
		{"", www},
	} {
		got, err := st.ConfineExportDir(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("with two folders, ConfineExportDir(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
