package form

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
)

// Every error of the printed forms reaches a user as a catalog message,
// in Chinese under zh-CN and English under en (issue 9.10): the template
// errors an office meets when it replaces a form file (too big, not a
// file, a missing folder, a bad args call) are made for real and rendered
// in both languages; the exported errors are listed, so a new one cannot be
// forgotten, and an error built outside the catalog fails the test.
func TestErrorsSpeakBothLanguages(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link.html")); err != nil {
		t.Fatal(err)
	}
	_, notFile := Load(os.DirFS(dir))
	_, tooBig := Load(fstest.MapFS{"big.html": {Data: make([]byte, MaxTemplateBytes+1)}})
	_, noDir := Load(os.DirFS(filepath.Join(dir, "nothing")))
	_, args := funcs(locale.ZH)["args"].(func(...any) (locale.Args, error))("odd")
	values := map[string]error{
		"ErrTemplate":    ErrTemplate,
		"ErrNoBrowser":   ErrNoBrowser,
		"NoBrowserError": &NoBrowserError{Names: Browsers},
		"TemplateError":  &TemplateError{File: DocTemplate, Err: locale.NewError("ErrFormTemplateMissing", nil)},
		"(not a file)":   notFile,
		"(too big)":      tooBig,
		"(no folder)":    noDir,
		"(args)":         args,
		"(no frame)":     locale.NewError("ErrFormPrint", locale.Args{"Browser": "/usr/bin/chromium", "Reason": locale.NewError("ErrFormNoFrame", nil)}),
		"(no pdf)":       locale.NewError("ErrFormPrint", locale.Args{"Browser": "/usr/bin/chromium", "Reason": locale.M("ErrFormNoPDF", nil)}),
	}
	var te *TemplateError
	for _, name := range []string{"(not a file)", "(too big)", "(no folder)"} {
		if !errors.As(values[name], &te) {
			t.Errorf("%s: %v is not a *TemplateError", name, values[name])
		}
	}
	calls := langcheck.CheckExported(t, ".", values, "chromium", "nothing", "big", "link", "odd", "record", "args", "passwd", "etc", "apt", "install", "fonts", "google", "chrome", "headless") // program and package names
	if zh := locale.Err(locale.ZH, noDir); !strings.Contains(zh, locale.T(locale.ZH, "OSErrNotExist")) {
		t.Errorf("a missing template folder in zh-CN: %q", zh)
	}
	ids := langcheck.CheckCalls(t, calls, nil)
	if ids < 10 {
		t.Fatalf("found %d catalog IDs in form's source: the scan is broken", ids)
	}
}

// No English literal in the forms' source reaches a user without the
// catalog (issue 9.10).
func TestNoEnglishLiterals(t *testing.T) { langcheck.CheckLiterals(t, ".") }
