package tui

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"unicode"
)

// withoutPath drops a path and the words in it from a frame's English: a
// temporary directory is named after the test.
func withoutPath(words []string, path string) []string {
	var out []string
	for _, w := range words {
		if !strings.Contains(path, w) {
			out = append(out, w)
		}
	}
	return out
}

// An export that fails for a reason of the operating system (the output
// folder lies under a plain file) reads in Chinese on the export page and
// in the status line, path kept: before, the page showed
// "导出失败：export: create output directory: mkdir …: not a directory"
// (issue 9.10).
func TestExportFailureReadsInChinese(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	plain := filepath.Join(t.TempDir(), "plain")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	app := newApp(Options{Store: st, Actor: store.Actor{Login: "shenjl"}, Renderer: asciiRenderer(), Local: true}, clock)
	t.Cleanup(func() { app.Close() })
	h := &harness{t: t, app: app}
	h.run(app.Init())
	h.send(tea.WindowSizeMsg{Width: 200, Height: 30})
	h.keys("E", "ctrl+u")
	for _, r := range filepath.Join(plain, "site") {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	h.keys("enter")
	var frame string
	for i := 0; i < 200 && !strings.Contains(frame, "导出失败"); i++ {
		h.run(func() tea.Msg { return nil })
		frame = h.view()
	}
	want := locale.T(locale.ZH, "OSErrNotDir")
	if !strings.Contains(frame, "导出失败：导出：无法创建输出目录：") || !strings.Contains(frame, want) || !strings.Contains(frame, plain) {
		t.Fatalf("the failure does not read in Chinese with its path (want …%s):\n%s", want, frame)
	}
	if words := withoutPath(untranslated(frame), filepath.Join(plain, "site")); len(words) > 0 {
		t.Errorf("the failed export shows English %v:\n%s", words, frame)
	}
}

// A session for a login the database does not know says so in Chinese,
// the store's reason included (it was "不认识用户 \"x\"：user \"x\": not found").
func TestUnknownUserReadsInChinese(t *testing.T) {
	st := testStore(t)
	h := newHarness(t, st, "nobody", 100, 20)
	v := h.view()
	if !strings.Contains(v, "不认识用户“nobody”") || !strings.Contains(v, "按任意键退出") {
		t.Fatalf("unknown user:\n%s", v)
	}
	if words := langcheck.English(v, "nobody"); len(words) > 0 {
		t.Errorf("the unknown user's screen shows English %v:\n%s", words, v)
	}
}

// actionConst finds the audit actions declared in a package's source:
// constants of type Action / model.Action with a string value.
func actionConsts(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	_, files := parseFiles(t, dir)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || vs.Type == nil || len(vs.Values) != len(vs.Names) {
				return true
			}
			var typ string
			switch x := vs.Type.(type) {
			case *ast.Ident:
				typ = x.Name
			case *ast.SelectorExpr:
				typ = x.Sel.Name
			}
			if typ != "Action" {
				return true
			}
			for i, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					out[vs.Names[i].Name] = s
				}
			}
			return true
		})
	}
	return out
}

// Every audit action a database can hold has a label in both languages,
// and the history page shows it (proof.ignore as 忽略三校问题, not the
// action's name).
func TestAuditActionsHaveLabels(t *testing.T) {
	acts := actionConsts(t, "../model")
	for k, v := range actionConsts(t, "../store") {
		acts[k] = v
	}
	if len(acts) < 30 {
		t.Fatalf("found %d audit actions in model and store: the scan is broken", len(acts))
	}
	for name, v := range acts {
		act := model.Action(v)
		if !locale.Has(act.MessageID()) {
			t.Errorf("%s (%q): no catalog label %s", name, v, act.MessageID())
			continue
		}
		zh := actionLabel(zhTR, act)
		if bad := langcheck.English(zh); len(bad) > 0 || zh == "" {
			t.Errorf("%s (%q) reads %q in the TUI", name, v, zh)
		}
		if en := locale.Render(locale.EN, act); en == "" || strings.HasPrefix(en, "[") {
			t.Errorf("%s (%q) in en: %q", name, v, en)
		}
	}
	if got := actionLabel(zhTR, model.Action("proof.future")); !strings.Contains(got, "其他操作") {
		t.Errorf("an unknown action reads %q", got)
	}
}

// The TUI shows errors only through errText/describeErr (the catalog, in
// the workstation's language): nowhere in tui's source is an error's
// Error() text (English for every catalog error) or an error formatted with
// %v/%s put on screen, and no error is built outside the catalog.
func TestTUIRendersErrorsThroughCatalog(t *testing.T) {
	for _, dir := range []string{".", "editor", "preview"} {
		fset, files := parseFiles(t, dir)
		var bad []string
		for name, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.BinaryExpr:
					// f.Error() == nil: a huh field's validation error, tested not shown.
					if id, ok := x.Y.(*ast.Ident); ok && id.Name == "nil" {
						return false
					}
				case *ast.CallExpr:
					sel, ok := x.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					pos := fset.Position(x.Pos())
					where := name + ":" + strconv.Itoa(pos.Line)
					switch {
					case sel.Sel.Name == "Error" && len(x.Args) == 0 && !isErrorMethod(f, x):
						bad = append(bad, where+": .Error() shown")
					case isPkg(sel, "fmt", "Errorf") || isPkg(sel, "errors", "New"):
						bad = append(bad, where+": error built outside the catalog (locale.NewError)")
					}
				}
				return true
			})
		}
		sort.Strings(bad)
		for _, b := range bad {
			if !allowedBuild(b) {
				t.Error(b)
			}
		}
	}
}

// allowedBuild are errors that never reach the screen: sentinels compared
// with errors.Is and replaced by a catalog message where shown.
func allowedBuild(finding string) bool {
	for _, ok := range []string{
		"errtext.go:", // errText itself tells a raw error from a rendered one
	} {
		if strings.HasPrefix(finding, ok) {
			return true
		}
	}
	return false
}

// isErrorMethod reports whether the call is the body of an Error method
// (a type's own English text for logs), which is not showing it.
func isErrorMethod(f *ast.File, call *ast.CallExpr) bool {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if ok && fd.Name.Name == "Error" && fd.Recv != nil && fd.Pos() <= call.Pos() && call.End() <= fd.End() {
			return true
		}
	}
	return false
}

func isPkg(sel *ast.SelectorExpr, pkg, name string) bool {
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg && sel.Sel.Name == name
}

// No English literal in the workstation's source reaches the screen
// without the catalog: notices, help, forms, errors (issue 9.10).
func TestNoEnglishLiterals(t *testing.T) { langcheck.CheckLiterals(t, ".", "editor", "preview") }

// A sentence the workstation builds around values ("不认识用户 %q：%s",
// "已送审 #%d（第%d版）") is a catalog message with named placeholders, not
// a Chinese format string: the English catalog is complete only if every
// such sentence is in it (issue 9.10). No Chinese literal is the format of
// fmt.Sprintf, fmt.Fprintf, fmt.Printf or notify in tui's source, or is
// joined with + to a value.
func TestNoChineseFormatOutsideCatalog(t *testing.T) {
	for _, dir := range []string{".", "editor", "preview"} {
		fset, files := parseFiles(t, dir)
		for name, f := range files { // lead.go writes the article's own Chinese lead, not the interface
			ast.Inspect(f, func(n ast.Node) bool {
				if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.ADD && name != "lead.go" {
					// "已删除草稿（可用 … restore " + id + " 恢复）": a sentence around a value.
					for _, side := range []ast.Expr{b.X, b.Y} {
						if lit, ok := side.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if s, _ := strconv.Unquote(lit.Value); hasHan(s) {
								t.Errorf("%s: Chinese text %q joined to a value outside the catalog: use wt(ID, locale.Args{…})", fset.Position(b.Pos()), s)
							}
						}
					}
					return true
				}
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				at := -1
				switch fun := c.Fun.(type) {
				case *ast.Ident:
					if fun.Name == "notify" {
						at = 1
					}
				case *ast.SelectorExpr:
					switch {
					case isPkg(fun, "fmt", "Sprintf"), isPkg(fun, "fmt", "Printf"):
						at = 0
					case isPkg(fun, "fmt", "Fprintf"):
						at = 1
					}
				}
				if at < 0 || len(c.Args) <= at {
					return true
				}
				if lit, ok := c.Args[at].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, _ := strconv.Unquote(lit.Value); hasHan(s) {
						t.Errorf("%s: Chinese format %q outside the catalog: use wt(ID, locale.Args{…})", fset.Position(c.Pos()), s)
					}
				}
				return true
			})
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// parseFiles is langcheck.ParseFiles for a test.
func parseFiles(t *testing.T, dir string) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset, files, err := langcheck.ParseFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	return fset, files
}

// No Chinese literal in the workstation's source reaches the screen
// without the catalog: with COPYDESK_LANG=en every fixed label, key help,
// tab name and page note must come out English (issue 9.10). Exempt with
// // langcheck:ok: the article's own lead (lead.go, content, not
// interface), the search syntax's Chinese field names, line-breaking
// punctuation.
func TestNoChineseLiteralOutsideCatalog(t *testing.T) {
	langcheck.CheckHan(t, ".", "editor", "preview")
}
