package export

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/copydesk/copydesk/locale"
)

//go:embed themes/default
var defaultThemeFS embed.FS

// Theme files. A theme is a directory with article.html and index.html
// (html/template), any number of other *.html files holding shared
// {{define}} blocks, and a static/ directory copied to the site root.
// Other files (README.md, …) are ignored.
const (
	articleTemplate = "article.html"
	indexTemplate   = "index.html"
	staticDir       = "static"
)

// generatedPaths are site paths a theme's static files may not take.
var generatedPaths = []string{"index.html", "feed.xml", "sitemap.xml", "articles/", "page/", "media/"}

// theme is a parsed theme.
type theme struct {
	tmpl   *template.Template
	static []outFile // site path (without "static/") → content
	hash   string    // SHA-256 over every file, in name order
	// stock is true when no .html file is the theme's own: the article
	// page is then the default one (writeDefaultArticle).
	stock bool
}

// DefaultTheme returns the embedded default theme as a file system, e.g.
// to copy it as a starting point for an own theme.
func DefaultTheme() fs.FS {
	sub, err := fs.Sub(defaultThemeFS, "themes/default")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// themeFuncs are the functions theme templates may call.
var themeFuncs = template.FuncMap{
	"join": strings.Join,
	"date": func(layout string, t time.Time) string { return t.Format(layout) },
}

// loadTheme reads the default theme and overlays dir (if not nil) on it.
func loadTheme(dir fs.FS) (*theme, error) {
	files, err := themeFiles(DefaultTheme())
	if err != nil {
		return nil, locale.NewError("ExportDefaultTheme", locale.Args{"Err": err}, err)
	}
	own := map[string]bool{}
	if dir != nil {
		over, err := themeFiles(dir)
		if err != nil {
			return nil, locale.NewError("ExportTheme", locale.Args{"Err": err}, err)
		}
		for name, data := range over {
			files[name] = data
			own[name] = true
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)

	h := sha256.New()
	th := &theme{tmpl: template.New("").Funcs(themeFuncs)}
	// Default files first, the theme's after, so its {{define}}s win.
	var order []string
	for _, n := range names {
		if !own[n] {
			order = append(order, n)
		}
	}
	for _, n := range names {
		if own[n] {
			order = append(order, n)
		}
	}
	for _, name := range order {
		data := files[name]
		if strings.HasSuffix(name, ".html") && !strings.Contains(name, "/") {
			if _, err := th.tmpl.New(name).Parse(string(data)); err != nil {
				return nil, locale.NewError("ExportThemeTemplate", locale.Args{"Name": name, "Err": err}, err)
			}
		}
	}
	for _, name := range names {
		data := files[name]
		fmt.Fprintf(h, "%d:%s\n%d:", len(name), name, len(data))
		h.Write(data)
		if rest, ok := strings.CutPrefix(name, staticDir+"/"); ok {
			if err := validPath(rest); err != nil {
				return nil, locale.NewError("ExportThemeFile", locale.Args{"Name": name, "Err": err}, err)
			}
			for _, g := range generatedPaths {
				if rest == g || (strings.HasSuffix(g, "/") && strings.HasPrefix(rest, g)) {
					return nil, locale.NewError("ExportThemeOverwrite", locale.Args{"Name": name, "Path": g})
				}
			}
			th.static = append(th.static, outFile{Path: rest, Data: data})
		}
	}
	for _, need := range []string{articleTemplate, indexTemplate} {
		if th.tmpl.Lookup(need) == nil {
			return nil, locale.NewError("ExportThemeMissing", locale.Args{"Name": need})
		}
	}
	th.stock = true
	for name := range own {
		if strings.HasSuffix(name, ".html") && !strings.Contains(name, "/") {
			th.stock = false
		}
	}
	th.hash = hex.EncodeToString(h.Sum(nil))
	return th, nil
}

// themeFiles reads the *.html files at the top of fsys and everything
// under static/.
func themeFiles(fsys fs.FS) (map[string][]byte, error) {
	out := map[string][]byte{}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".html") {
			b, err := fs.ReadFile(fsys, e.Name())
			if err != nil {
				return nil, err
			}
			out[e.Name()] = b
		}
	}
	err = fs.WalkDir(fsys, staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == staticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return locale.NewError("ExportThemeNotRegular", locale.Args{"Path": p})
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out[path.Clean(p)] = b
		return nil
	})
	return out, err
}
