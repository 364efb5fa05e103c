// Package langcheck finds English left in text meant to be Chinese, and
// finds the errors a package builds outside the message catalog. Tests use
// it: every package whose errors reach a user (store, export, search,
// notify, proof) walks its own source with Sources and renders every
// catalog error it builds in both languages; Literals finds the string
// literals of English prose that reach a user (printed, made into an
// error, shown in a field) without the catalog.
package langcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

var (
	hash      = regexp.MustCompile(`(sha|SHA)256:[0-9A-Za-z+/=]+`)
	flagName  = regexp.MustCompile(`--?[a-z][a-z0-9-]*`)
	latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z'-]+`)
	// placeholder renders of Go templates ({{.Name}}) and test values.
	braces = regexp.MustCompile(`{{[^}]*}}`)
)

// Machine are words that are not English prose: command and program names,
// protocols and formats, the role and state IDs a user types (the commands
// take them in both languages), and the words of copydesk's own command
// lines (copydesk article show ID).
var Machine = strings.Fields(`copydesk bbolt ssh sftp scp join help completion shell
	Markdown Hugo JSON HTML UTF SMTP HTTP HTTPS https http webhook known_hosts authorized_keys
	writer reviewer chief admin draft review signed published withdrawn news meeting
	article articles user users me key keys media notify search serve export publish verify check
	backup init import settings workflow proof lists rule rules role roles invite whoami restore purge ignore waive
	show list new push pull edit diff history log submit approve signoff reject return withdraw delete
	add remove set status retry run test status define conflicts comments comment resolve
	mail wecom dingtalk feishu smtp starttls tls none all on off ms
	ctrl alt shift tab enter esc
	MiB KiB GiB PID PORT HOST FILE CODE LOGIN ID DIR FINGERPRINT HH MM YYYY DD
	ed25519 rsa ecdsa tmp var www db md pub txt toml png jpg jpeg gif webp pdf`)

// English returns the words of s written in Latin letters that look like
// English prose: not a flag (--as), path, hash, template placeholder, word
// in capitals (ID) or one of Machine and allow. Each is returned with its
// line, for the failure message.
func English(s string, allow ...string) []string {
	ok := map[string]bool{}
	for _, w := range Machine {
		ok[strings.ToLower(w)] = true
	}
	for _, w := range allow {
		ok[strings.ToLower(w)] = true
	}
	var bad []string
	for _, line := range strings.Split(s, "\n") {
		l := braces.ReplaceAllString(line, "")
		for _, f := range strings.Fields(l) {
			f = hash.ReplaceAllString(f, "")
			f = flagName.ReplaceAllString(f, "")
			if strings.ContainsAny(f, "/\\$=@") || strings.HasPrefix(f, "sha256:") || strings.HasPrefix(f, "SHA256:") {
				continue
			}
			for _, w := range latinWord.FindAllString(f, -1) {
				if ok[strings.ToLower(w)] || strings.ToUpper(w) == w {
					continue
				}
				bad = append(bad, w+" in "+strings.TrimSpace(line))
			}
		}
	}
	return bad
}

// Call is an error constructor call found in a package's source.
type Call struct {
	Pos  string // file:line
	Func string // "fmt.Errorf", "errors.New", "locale.NewError", "ID:" (a struct field)
	ID   string // the catalog ID (locale.NewError, ID: fields); "" otherwise
}

// Sources parses the non-test Go files of dir and returns every error
// constructor call: fmt.Errorf, errors.New, locale.NewError and the ID
// fields of typed errors (model.FieldError{ID: "…"}). Exported lists the
// package-level exported names that are errors by convention (vars named
// Err…, types named …Error).
func Sources(dir string) (calls []Call, exported []string, err error) {
	fset, files, err := sourceFiles(dir, 0)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range g.Specs {
				switch sp := sp.(type) {
				case *ast.ValueSpec:
					for _, id := range sp.Names {
						if id.IsExported() && strings.HasPrefix(id.Name, "Err") {
							exported = append(exported, id.Name)
						}
					}
				case *ast.TypeSpec:
					if sp.Name.IsExported() && strings.HasSuffix(sp.Name.Name, "Error") {
						exported = append(exported, sp.Name.Name)
					}
				}
			}
		}
		ast.Inspect(f, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.CallExpr:
				sel, ok := x.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				name := pkg.Name + "." + sel.Sel.Name
				switch name {
				case "fmt.Errorf", "errors.New", "locale.NewError", "locale.M":
					c := Call{Pos: fset.Position(x.Pos()).String(), Func: name}
					if (name == "locale.NewError" || name == "locale.M") && len(x.Args) > 0 {
						if lit, ok := x.Args[0].(*ast.BasicLit); ok {
							c.ID, _ = strconv.Unquote(lit.Value)
						}
					}
					calls = append(calls, c)
				}
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && (k.Name == "ID" || k.Name == "HintID") {
					if lit, ok := x.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						id, _ := strconv.Unquote(lit.Value)
						calls = append(calls, Call{Pos: fset.Position(x.Pos()).String(), Func: "ID:", ID: id})
					}
				}
			}
			return true
		})
	}
	sort.Strings(exported)
	return calls, exported, nil
}

// sourceFiles parses the non-test Go files of dir (not its subdirectories)
// in name order, except those whose base names are in skip; an error if
// dir cannot be read or a file does not parse.
func sourceFiles(dir string, mode parser.Mode, skip ...string) (*token.FileSet, []*ast.File, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || slices.Contains(skip, n) {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, mode)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
	}
	return fset, files, nil
}
