package form

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Format is what Make produces: HTML or PDF.
type Format string

// The formats of the forms.
const (
	HTML Format = "html"
	PDFs Format = "pdf"
)

// ParseFormat accepts html or pdf (any case); anything else is an
// ErrInvalid *model.FieldError.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "html", "HTML", "":
		return HTML, nil
	case "pdf", "PDF":
		return PDFs, nil
	}
	return "", &model.FieldError{Field: "format", ID: "ErrFormFormat", Args: map[string]any{"Value": s},
		Reason: locale.T(locale.EN, "ErrFormFormat", locale.Args{"Value": s})} // Reason: Error()'s English, for logs
}

// Ext is the file name extension of the format: ".html" or ".pdf".
func (f Format) Ext() string { return "." + string(f) }

// Make prints the forms of article id for viewer (nil: the local file's
// holder), as Collect, Load and HTML/PDF say, with the office's templates
// (the form-dir setting laid over the default ones): the one path of the
// CLI, SSH and the TUI.
func Make(ctx context.Context, st *store.Store, viewer *store.Actor, id uint64, lang locale.Lang, f Format, now time.Time) ([]byte, error) {
	rec, err := Collect(st, viewer, id, lang, now)
	if err != nil {
		return nil, err
	}
	set, err := st.Settings()
	if err != nil {
		return nil, err
	}
	var dir fs.FS
	if set.FormDir != "" {
		dir = os.DirFS(set.FormDir)
	}
	ts, err := Load(dir)
	if err != nil {
		return nil, err
	}
	doc, err := ts.HTML(rec, lang)
	if err != nil || f != PDFs {
		return doc, err
	}
	return PDF(ctx, doc)
}

// FileName is the name a form of article id is saved under: 审核登记表-7.pdf.
func FileName(id uint64, f Format, lang locale.Lang) string {
	return fmt.Sprintf("%s-%d%s", locale.T(lang, "FormFileName"), id, f.Ext())
}

// WriteFile writes data to path atomically: a temporary file in the same
// folder, synced, then renamed over path, so a reader never sees half a
// form and a failure leaves what was there. A folder at path is refused.
func WriteFile(path string, data []byte) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return locale.NewError("ErrFormOutFolder", locale.Args{"Path": path})
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".copydesk-form-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
