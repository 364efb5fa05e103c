package export

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// Every error of export and publish reaches a user as a catalog message:
// it renders in Chinese under zh-CN (no English word left) and in English
// under en (issue 9.10). The exported error types are listed here and the
// list is checked against the source, so a new one cannot be forgotten;
// every catalog ID the package builds errors with is rendered too, and an
// error built with fmt.Errorf or errors.New fails the test.
func TestErrorsSpeakBothLanguages(t *testing.T) {
	values := map[string]error{
		"ArticleError":  ArticleError{ID: 3, Title: "校园新闻", Err: locale.NewError("MediaDamaged", nil)},
		"PathError":     validPath("a/../b"),
		"SiteURLError":  &SiteURLError{Target: "校园网", Want: "https://news.example.edu.cn/", Got: ""},
		"EmbargoError":  &EmbargoError{IDs: []uint64{3, 4}, At: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)},
		"(target)":      func() error { _, err := ParseTarget(""); return err }(),
		"(unfinished)":  locale.NewError("PublishUnfinished", locale.Args{"Dir": "/srv/站点"}),
		"(nokey)":       locale.NewError("PublishNoKeyErrs", locale.Args{"Problems": errList{locale.NewError("PublishKeyPassphrase", locale.Args{"Path": "/root/.ssh/id_ed25519"})}, "Files": "/root/.ssh/id_ed25519"}),
		"(media)":       locale.NewError("ExportMedia", locale.Args{"ID": 3, "Media": "9f86d081", "Err": locale.NewError("MediaBadHash", locale.Args{"Hash": "9f86"})}),
		"(no outdir)":   locale.NewError("ExportNoOutDir", nil),
		"(credits fmt)": locale.NewError("ExportCreditsFormat", locale.Args{"Err": locale.NewError("ExportCreditsNotAllowed", locale.Args{"What": "{{define}} / {{block}}"})}),
	}
	var pe *PathError
	if !errors.As(values["PathError"], &pe) {
		t.Fatalf("validPath(a/../b) = %v, want a *PathError", values["PathError"])
	}
	calls := langcheck.CheckExported(t, ".", values, "liwei", "sitemap", "xml")
	if !errors.Is(values["EmbargoError"], model.ErrState) {
		t.Error("EmbargoError lost its class")
	}
	// The only error built outside the catalog is the host key probe's,
	// which the SSH library consumes and never shows.
	ids := 0
	for _, c := range calls {
		switch {
		case strings.HasPrefix(c.ID, "urn:"): // feed.go's Atom ID, not a message
		case c.ID != "":
			ids++
			checkID(t, c)
		case c.Func == "locale.NewError":
			t.Errorf("%s: locale.NewError without a literal ID", c.Pos)
		default:
			if !strings.Contains(sourceLine(t, c.Pos), `errors.New("probe")`) {
				t.Errorf("%s: %s builds an error outside the catalog: use locale.NewError", c.Pos, c.Func)
			}
		}
	}
	if ids < 80 {
		t.Fatalf("found %d catalog IDs in export's source: the scan is broken", ids)
	}
}

// A real failure, rendered the way the CLI shows it: an output directory
// that cannot be created reads in Chinese around the OS error's path.
func TestExportErrorReadsInChinese(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := openSite(filepath.Join(file, "site"), false)
	if err == nil {
		t.Fatal("an output directory under a plain file was accepted")
	}
	zh := locale.Err(locale.ZH, err)
	if !strings.HasPrefix(zh, "导出：") || !strings.Contains(zh, file) {
		t.Errorf("zh-CN: %q", zh)
	}
	if en := locale.Err(locale.EN, err); !strings.HasPrefix(en, "export: ") {
		t.Errorf("en: %q", en)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		t.Errorf("the OS error is no longer wrapped: %v", err)
	}
}

// sourceLine returns the line of a file:line:col position.
func sourceLine(t *testing.T, pos string) string {
	t.Helper()
	parts := strings.Split(pos, ":")
	if len(parts) < 2 {
		return ""
	}
	data, err := os.ReadFile(parts[0])
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range parts[1] {
		n = n*10 + int(r-'0')
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// checkID renders a catalog ID with every placeholder filled by a value a
// user would not mistake for English.
func checkID(t *testing.T, c langcheck.Call) {
	t.Helper()
	if !locale.Has(c.ID) {
		t.Errorf("%s: %s is not in the catalog", c.Pos, c.ID)
		return
	}
	args := locale.Args{}
	for _, k := range strings.Fields("ID N Max Path Dir Name Err Key Value Hash Media Kind Ver Host Port Addr FP Known Line Files Problems Example What Title Reason Field Notice") {
		args[k] = "7"
	}
	zh := locale.T(locale.ZH, c.ID, args)
	if bad := langcheck.English(zh); len(bad) > 0 || strings.Contains(zh, "<no value>") {
		t.Errorf("%s: %s in zh-CN: %q (English: %v)", c.Pos, c.ID, zh, bad)
	}
	if miss := locale.MissingArgs(c.ID, args); len(miss) > 0 {
		t.Errorf("%s: %s: this test gives no %v", c.Pos, c.ID, miss)
	}
}

// No English literal in export's source reaches a user without the
// catalog: the site's own text, errors and progress (issue 9.10).
func TestNoEnglishLiterals(t *testing.T) { langcheck.CheckLiterals(t, ".") }
