package form

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/locale"
)

//go:embed templates/*.html
var defaultFS embed.FS

// The form templates. A template directory holds *.html files
// (html/template); a file of the office's directory replaces the default
// file of the same name, and further files may add {{define}} blocks.
// record.html is the document; it calls "style" (style.html, the print
// CSS), "register" (register.html, the 审核登记表), "entry" (entry.html, one decision)
// and "secrecy" (secrecy.html, one 保密审查表). Templates call
// {{t "ID"}} or {{t "ID" (args "Key" value …)}} for catalog text,
// {{join .Authors}}, {{inc $i}} and {{page $ .}} (the record and one
// Secrecy, as .R and .S).
const (
	DocTemplate = "record.html"
	// MaxTemplateBytes bounds one template file of the office's directory.
	MaxTemplateBytes = 256 << 10
)

// ErrTemplate is wrapped by *TemplateError.
var ErrTemplate error = locale.NewError("ErrFormTemplateClass", nil)

// TemplateError names the template file that failed to read, parse or run.
type TemplateError struct {
	File string
	Err  error
}

// Error is the catalog's English text (for logs); users read MessageID.
func (e *TemplateError) Error() string { return locale.Render(locale.EN, e) }

// Unwrap makes it an ErrTemplate.
func (e *TemplateError) Unwrap() error { return ErrTemplate }

// MessageID and MessageArgs render it from the catalog.
func (e *TemplateError) MessageID() string { return "ErrFormTemplate" }

// MessageArgs: File, Reason.
func (e *TemplateError) MessageArgs() map[string]any {
	return map[string]any{"File": e.File, "Reason": e.Err} // an error: rendered in the reader's language
}

// Templates are parsed form templates.
type Templates struct {
	tmpl *template.Template
}

// DefaultTemplates returns the embedded templates as a file system, e.g.
// to copy them as the start of an office's own.
func DefaultTemplates() fs.FS {
	sub, err := fs.Sub(defaultFS, "templates")
	if err != nil {
		panic(err) // fixed at build time
	}
	return sub
}

// page is a 保密审查表's data: the record and one checklist stage.
type secrecyPage struct {
	R *Record
	S Secrecy
}

// funcs are the template functions; t is bound to a language by Render.
func funcs(lang locale.Lang) template.FuncMap {
	return template.FuncMap{
		"t": func(id string, a ...locale.Args) string { return locale.T(lang, id, a...) },
		"args": func(kv ...any) (locale.Args, error) {
			if len(kv)%2 != 0 {
				return nil, locale.NewError("ErrFormArgsPairs", nil)
			}
			out := locale.Args{}
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, locale.NewError("ErrFormArgsKey", nil)
				}
				out[k] = kv[i+1]
			}
			return out, nil
		},
		"join": func(s []string) string { return strings.Join(s, locale.T(lang, "FormListSep")) },
		"inc":  func(i int) int { return i + 1 },
		"page": func(r *Record, s Secrecy) secrecyPage { return secrecyPage{r, s} },
	}
}

// Load parses the default templates with dir (nil: none) laid over them.
// A file that cannot be read or parsed is a *TemplateError naming it.
func Load(dir fs.FS) (*Templates, error) {
	files, err := readDir(DefaultTemplates())
	if err != nil {
		return nil, &TemplateError{File: "(default)", Err: err}
	}
	own := map[string]bool{}
	if dir != nil {
		over, err := readDir(dir)
		if err != nil {
			return nil, err
		}
		for n, b := range over {
			files[n], own[n] = b, true
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	// Default files first, the office's after, so its {{define}}s win.
	sort.Slice(names, func(i, j int) bool {
		if own[names[i]] != own[names[j]] {
			return !own[names[i]]
		}
		return names[i] < names[j]
	})
	t := template.New("").Funcs(funcs(locale.Default))
	for _, n := range names {
		if _, err := t.New(n).Parse(string(files[n])); err != nil {
			return nil, &TemplateError{File: n, Err: err}
		}
	}
	if t.Lookup(DocTemplate) == nil {
		return nil, &TemplateError{File: DocTemplate, Err: locale.NewError("ErrFormTemplateMissing", nil)}
	}
	return &Templates{tmpl: t}, nil
}

// readDir reads the *.html files at the top of fsys, each at most
// MaxTemplateBytes.
func readDir(fsys fs.FS) (map[string][]byte, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, &TemplateError{File: ".", Err: err}
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".html") || e.IsDir() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, &TemplateError{File: e.Name(), Err: err}
		}
		if !info.Mode().IsRegular() {
			return nil, &TemplateError{File: e.Name(), Err: locale.NewError("ErrFormTemplateNotFile", nil)}
		}
		if info.Size() > MaxTemplateBytes {
			return nil, &TemplateError{File: e.Name(), Err: locale.NewError("ErrFormTemplateTooBig", locale.Args{"Size": info.Size(), "Max": MaxTemplateBytes})}
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, &TemplateError{File: e.Name(), Err: err}
		}
		out[e.Name()] = b
	}
	return out, nil
}

// HTML renders the forms of rec as one HTML document in lang. An error of
// the office's template is a *TemplateError; nothing is returned then.
func (ts *Templates) HTML(rec *Record, lang locale.Lang) ([]byte, error) {
	t, err := ts.tmpl.Clone()
	if err != nil {
		return nil, &TemplateError{File: DocTemplate, Err: err}
	}
	t.Funcs(funcs(lang))
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, DocTemplate, rec); err != nil {
		return nil, &TemplateError{File: DocTemplate, Err: err}
	}
	return buf.Bytes(), nil
}
