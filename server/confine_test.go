package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// Over SSH an export writes only into the admin's export folders, and the
// credits format and theme come from the settings, never from a flag.
func TestExportConfinedOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	elsewhere := filepath.Join(t.TempDir(), "another-site")
	os.MkdirAll(elsewhere, 0o755)
	os.WriteFile(filepath.Join(elsewhere, "index.html"), []byte("another site"), 0o644)
	link := filepath.Join(filepath.Dir(o.st.Path()), "site")
	for _, c := range []struct{ cmd, want string }{
		{"export --out " + elsewhere, "不在导出文件夹内"},
		{"export --out ../../etc", "不在导出文件夹内"},
		{"export --out " + filepath.Join(link, "..", "..", "x"), "不在导出文件夹内"},
		{`export --credits '{{define "x"}}{{template "x" .}}{{end}}{{template "x" .}}'`, locale.T(locale.ZH, "CLIExportRemoteTheme")},
		{"export --theme /tmp", locale.T(locale.ZH, "CLIExportRemoteTheme")},
		{`export --byline '{{printf "%01000000000d" 1}}'`, locale.T(locale.ZH, "CLIExportRemoteTheme")},
		{"settings set export-dirs /", locale.T(locale.ZH, "CLISettingServerDirs", locale.Args{"Name": "export-dirs"})},
		{"settings set theme-dir /tmp", locale.T(locale.ZH, "CLISettingServerDirs", locale.Args{"Name": "theme-dir"})},
	} {
		r := ts.runAs(t, o.zhao, "", c.cmd)
		if c.cmd[:8] == "settings" {
			r = ts.runAs(t, o.wang, "", c.cmd)
		}
		if r.code == 0 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, %q; want a refusal with %q", c.cmd, r.code, r.stderr, c.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(elsewhere, "index.html")); string(b) != "another site" {
		t.Fatal("another site's index.html was overwritten")
	}
	// a symbolic link inside the export folder does not lead out of it
	os.MkdirAll(link, 0o755)
	os.Symlink(elsewhere, filepath.Join(link, "escape"))
	if r := ts.runAs(t, o.zhao, "", "export --out escape"); r.code == 0 {
		t.Errorf("export through a link out of the folder: %s", r.stdout)
	}
	// the credits format is an admin setting, validated when set
	if r := ts.runAs(t, o.zhao, "", "settings set credits-format '{{.Source}}'"); r.code != 4 {
		t.Errorf("a chief set the credits format: exit %d %s", r.code, r.stderr)
	}
	if r := ts.runAs(t, o.wang, "", `settings set credits-format '{{range 1000000000}}x{{end}}'`); r.code == 0 {
		t.Errorf("an unbounded credits format was stored")
	}
	if r := ts.runAs(t, o.wang, "", `settings set credits-format '来源:{{.Source}}'`); r.code != 0 {
		t.Errorf("settings set credits-format: exit %d %s", r.code, r.stderr)
	}
	// no --out: the first export folder (site beside the database)
	if r := ts.runAs(t, o.zhao, "", "export"); r.code != 0 || !strings.Contains(r.stdout, link) {
		t.Fatalf("export: exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(link, "index.html")); err != nil {
		t.Fatal(err)
	}
	if r := ts.runAs(t, o.zhao, "", "export --out sub"); r.code != 0 {
		t.Fatalf("export into a folder inside: exit %d %s", r.code, r.stderr)
	}
}

// Over SSH the export command asks the TUI's rule (model.MayExport): a
// writer and a reviewer are refused with its message and nothing is written.
func TestExportNeedsChiefOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	want := locale.T(locale.ZH, "ErrExportRole")
	for _, u := range []*user{o.li, o.chen} {
		r := ts.runAs(t, u, "", "export")
		if r.code != 4 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: export over SSH: exit %d, stderr %q; want 4 and %q", u.login, r.code, r.stderr, want)
		}
	}
	if ents, _ := os.ReadDir(filepath.Join(filepath.Dir(o.st.Path()), "site")); len(ents) != 0 {
		t.Errorf("a refused export wrote %d entries", len(ents))
	}
}
