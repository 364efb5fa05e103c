package langcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/locale"
)

// Finding is a string literal of English prose on a path to a user that
// bypasses the message catalog.
type Finding struct {
	Pos   string   // file:line:column
	File  string   // base name of the file
	Line  int      // 1-based
	Text  string   // the literal's value
	Words []string // its English words (see English)
	Via   string   // the sink it reaches ("fmt.Fprintf", "UsageErrorf", "status="), "" for prose found elsewhere
}

// String is "file:line: "text" (via fmt.Fprintf)".
func (f Finding) String() string {
	s := f.Pos + ": " + strconv.Quote(f.Text)
	if f.Via != "" {
		s += " (via " + f.Via + ")"
	}
	return s
}

// OK is the comment that exempts the literals on its line from Literals:
// text for a program, not a person, that the rules below misjudge (an SMTP
// command, an HTTP header value). Write the reason after it:
//
//	w.Write([]byte("EHLO copydesk\r\n")) // langcheck:ok SMTP protocol
const OK = "langcheck:ok"

// Literals parses the non-test Go files of dir (not its subdirectories),
// except those whose base names are in skip, and returns every string
// literal with English in it (English, with Machine's words allowed; and
// the capital column names of a tab-separated table header) that reaches a user without the catalog, sorted by file and line. An error
// is returned only when dir cannot be read or a file does not parse.
//
// # What counts as user text
//
// A literal is user text when it is, directly or inside an expression
// (concatenation, a conversion, fmt.Sprint*'s result, an unknown helper's
// argument), an argument of a sink, or, anywhere else, prose of two or more
// English words. In a sink one English word is enough ("none", "yes").
// Sinks are:
//   - output: fmt.Print*, fmt.Fprint*, fmt.Sprint*, fmt.Append*, io.WriteString,
//     and methods named Print, Println, Printf, WriteString, Write, Error,
//     Errorf (a cobra command's PrintErrln, a tea program's Println, …);
//   - errors: fmt.Errorf, errors.New, and the CLI's UsageErrorf and exactArgs;
//   - values placed in a catalog message: every argument of locale.T,
//     Lang.T, env.t, locale.NewError and locale.M but the first (the ID);
//   - fields that are shown: a composite literal's Reason, Hint, Message,
//     Msg, Status, Notice, Text, Title, Label, Help, Detail, Prompt,
//     Placeholder, Description, Suggestion; and an assignment to a variable
//     or field named status, msg, message, notice, hint, err, title, label,
//     help, footer, flash, info, warning, prompt, placeholder (any case);
//   - tea.Println and tea.Printf, and any huh form's Title/Description
//     method (a method named Title, Description, Placeholder, Prompt, Affirmative,
//     Negative).
//
// # What is not user text
//
//   - import paths and struct tags (`json:"state"`: JSON field names);
//   - map keys (a key in a composite literal, an index m["x"]) and the
//     operands of == and != and of switch cases: text compared with input;
//   - catalog IDs: a literal that is an ID in the catalog. A literal in
//     the ID place of a catalog call (also the CLI's usageMsg and
//     refusedHere) that the catalog lacks is reported: it would show as
//     "[ID]";
//   - cobra's Use, Aliases, SuggestFor, ValidArgs, Annotations, Example;
//     Short and Long, which the command walker replaces from the catalog
//     (they are its English fallback, checked by the CLI's help tests);
//   - flag definitions (String, StringVarP, BoolVar, … on a flag set: the
//     name, default and usage fallback, replaced by the walker) and flag
//     look-ups (Lookup, Changed, MarkHidden, GetString, …);
//   - log lines to the server log (the log and slog packages, a receiver
//     whose name contains "log"), panic (a programmer's invariant);
//   - arguments of machine calls: the packages regexp, strings, bytes,
//     path, path/filepath, strconv, time, os, os/exec, encoding/*,
//     net/url, net/http, net/mail, sort, unicode/utf8, bbolt, html/template
//     and text/template (markup, not prose);
//   - a shown field of a composite literal whose ID field names a catalog
//     message that does not show it: the field is the English of Error()
//     (model.FieldError{ID: "ErrAnswerTwice", Reason: "…"});
//   - a line carrying the comment OK.
//
// Text that reaches a user only through a value computed at run time (a
// state's name printed with %v, an OS error's text) is not a literal; the
// packages' own language tests cover it.
func Literals(dir string, skip ...string) ([]Finding, error) {
	fset, files, err := sourceFiles(dir, parser.ParseComments, skip...)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, f := range files {
		out = append(out, fileLiterals(fset, f)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}

// machinePkgs are imports whose functions take strings for programs.
var machinePkgs = map[string]bool{
	"regexp": true, "strings": true, "bytes": true, "path": true, "path/filepath": true,
	"strconv": true, "time": true, "os": true, "os/exec": true, "encoding/json": true,
	"encoding/xml": true, "encoding/csv": true, "encoding/base64": true, "encoding/hex": true,
	"net": true, "net/url": true, "net/http": true, "net/mail": true, "sort": true, "unicode/utf8": true,
	"go.etcd.io/bbolt": true, "html/template": true, "text/template": true,
	"log": true, "log/slog": true, "github.com/charmbracelet/log": true,
}

var (
	sinkFuncs = map[string]bool{
		"fmt.Print": true, "fmt.Println": true, "fmt.Printf": true,
		"fmt.Fprint": true, "fmt.Fprintln": true, "fmt.Fprintf": true,
		"fmt.Sprint": true, "fmt.Sprintln": true, "fmt.Sprintf": true,
		"fmt.Append": true, "fmt.Appendln": true, "fmt.Appendf": true,
		"fmt.Errorf": true, "errors.New": true, "io.WriteString": true,
		"tea.Println": true, "tea.Printf": true,
		"UsageErrorf": true, "exactArgs": true,
	}
	sinkMethods = map[string]bool{
		"Print": true, "Println": true, "Printf": true, "WriteString": true, "Write": true,
		"Error": true, "Errorf": true, "PrintErr": true, "PrintErrln": true, "PrintErrf": true,
		"Title": true, "Description": true, "Placeholder": true, "Prompt": true,
		"Affirmative": true, "Negative": true,
	}
	// catalog calls: the first argument is an ID, the others are values.
	catalogFuncs = map[string]bool{"T": true, "t": true, "NewError": true, "M": true, "Has": true,
		"usageMsg": true, "refusedHere": true} // the CLI's usage mistake and refusal, by catalog ID
	sinkFields = map[string]bool{
		"Reason": true, "Hint": true, "Message": true, "Msg": true, "Status": true, "Notice": true,
		"Text": true, "Title": true, "Label": true, "Help": true, "Detail": true, "Prompt": true,
		"Placeholder": true, "Description": true, "Suggestion": true,
	}
	skipFields = map[string]bool{
		"Use": true, "Aliases": true, "SuggestFor": true, "ValidArgs": true, "Annotations": true,
		"Example": true, "Short": true, "Long": true, "ID": true, "HintID": true,
	}
	sinkVars = map[string]bool{
		"status": true, "msg": true, "message": true, "notice": true, "hint": true, "err": true,
		"title": true, "label": true, "help": true, "footer": true, "flash": true, "info": true,
		"warning": true, "prompt": true, "placeholder": true,
	}
	// HTML tags, and template fields (.Reviewers), are markup.
	markup = regexp.MustCompile(`<[^>]*>?|\.[A-Z][A-Za-z0-9_]*`)
	verb   = regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z]`)
	// flag definitions and look-ups on a pflag.FlagSet.
	flagMethod = regexp.MustCompile(`^(Bool|String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|Count|IP|IPNet|IPMask|BytesHex|BytesBase64|StringArray|StringSlice|StringToString|StringToInt|IntSlice|UintSlice|BoolSlice|DurationSlice|Float64Slice|Var)(Var)?P?$|^(Lookup|Changed|MarkHidden|MarkShorthandDeprecated|MarkFlagRequired|MarkPersistentFlagRequired|MarkFlagFilename|MarkFlagDirname|SetAnnotation|Set|RegisterFlagCompletionFunc|ShorthandLookup|Get[A-Z][A-Za-z0-9]*)$`)
)

type verdict int

const (
	undecided verdict = iota
	skip
	sink
	catalogID // the ID argument of a catalog call
)

func fileLiterals(fset *token.FileSet, f *ast.File) []Finding {
	imports := map[string]string{} // local name → path
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := p[strings.LastIndex(p, "/")+1:]
		if strings.HasPrefix(name, "v") && len(name) <= 3 && strings.Contains(p, "/") { // …/v2
			q := strings.TrimSuffix(p, "/"+name)
			name = q[strings.LastIndex(q, "/")+1:]
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		imports[name] = p
	}
	okLines := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, OK) {
				okLines[fset.Position(c.Pos()).Line] = true
			}
		}
	}
	var (
		stack []ast.Node
		out   []Finding
	)
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if _, ok := n.(*ast.ImportSpec); ok {
			stack = stack[:len(stack)-1] // Inspect sends no nil for a node it does not enter
			return false
		}
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || okLines[fset.Position(lit.Pos()).Line] {
			return true
		}
		words := append(English(markup.ReplaceAllString(verb.ReplaceAllString(s, " "), " ")), header(s)...)
		if len(words) == 0 || locale.Has(s) {
			return true
		}
		if len(strings.Fields(s)) == 1 {
			words = words[:1] // one token (feed.xml, reader_index, about:blank) is a name, not prose
		}
		v, via, indirect := classify(stack, imports)
		if v == catalogID { // not in the catalog (Has is false): it would show as [ID]
			p := fset.Position(lit.Pos())
			out = append(out, Finding{Pos: p.String(), File: filepath.Base(p.Filename), Line: p.Line, Text: s, Words: []string{s + " is not a catalog ID"}, Via: via})
			return true
		}
		prose := len(words) >= 2
		if v == skip || v == undecided && (!prose || locale.IsText(locale.EN, s)) || v == sink && strings.HasSuffix(via, "=") && locale.IsText(locale.EN, s) || v == sink && indirect && !prose {
			return true
		}
		p := fset.Position(lit.Pos())
		out = append(out, Finding{Pos: p.String(), File: filepath.Base(p.Filename), Line: p.Line, Text: s, Words: words, Via: via})
		return true
	})
	return out
}

// classify walks from a literal (the top of stack) outward to its
// statement and says whether it is skipped, reaches a sink (named by via)
// or is undecided (prose counts). indirect: the way to the sink passes an
// argument of a call that is neither a sink nor a conversion (a helper's
// argument may be a name, not text: there only prose counts).
func classify(stack []ast.Node, imports map[string]string) (v verdict, via string, indirect bool) {
	child := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.Field:
			if p.Tag == child {
				return skip, "", indirect
			}
		case *ast.KeyValueExpr:
			if p.Key == child {
				return skip, "", indirect
			}
			if k, ok := p.Key.(*ast.Ident); ok {
				switch {
				case skipFields[k.Name]:
					return skip, "", indirect
				case sinkFields[k.Name]:
					if i > 0 && unusedBesideID(stack[i-1], k.Name) {
						return skip, "", indirect
					}
					return sink, k.Name + ":", indirect
				}
			}
		case *ast.IndexExpr:
			if p.Index == child {
				return skip, "", indirect
			}
		case *ast.BinaryExpr:
			if p.Op == token.EQL || p.Op == token.NEQ {
				return skip, "", indirect
			}
		case *ast.CaseClause:
			for _, e := range p.List {
				if e == child {
					return skip, "", indirect
				}
			}
			return undecided, "", indirect
		case *ast.CallExpr:
			if child == p.Fun {
				break
			}
			if v, via := classifyCall(p, child, imports); v != undecided {
				if v == catalogID && child != stack[len(stack)-1] {
					return skip, "", indirect // part of an ID built at run time ("Action"+name)
				}
				if v == sink && strings.HasPrefix(via, "fmt.Sprint") {
					// A value: printed unless an outer call skips it
					// (a flag's usage fallback built with Sprintf).
					if ov, _, _ := classify(stack[:i+1], imports); ov == skip {
						return skip, "", indirect
					}
				}
				return v, via, indirect
			}
			if !conversion(p) {
				indirect = true
			}
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if name := exprName(l); sinkVars[strings.ToLower(name)] {
					return sink, name + "=", indirect
				}
			}
			return undecided, "", indirect
		case *ast.ValueSpec:
			for _, id := range p.Names {
				if sinkVars[strings.ToLower(id.Name)] {
					return sink, id.Name + "=", indirect
				}
			}
			return undecided, "", indirect
		case ast.Stmt, ast.Decl:
			return undecided, "", indirect
		}
		child = stack[i]
	}
	return undecided, "", indirect
}

func classifyCall(c *ast.CallExpr, arg ast.Node, imports map[string]string) (verdict, string) {
	first := len(c.Args) > 0 && c.Args[0] == arg
	switch fn := c.Fun.(type) {
	case *ast.Ident:
		switch {
		case fn.Name == "panic" || isLog(fn.Name):
			return skip, ""
		case sinkFuncs[fn.Name]:
			return sink, fn.Name
		case catalogFuncs[fn.Name]:
			if first {
				return catalogID, fn.Name
			}
			return sink, fn.Name
		}
	case *ast.SelectorExpr:
		name := fn.Sel.Name
		if pkg, ok := fn.X.(*ast.Ident); ok {
			if path, ok := imports[pkg.Name]; ok {
				full := pkg.Name + "." + name
				switch {
				case sinkFuncs[full]:
					return sink, full
				case path == "github.com/copydesk/copydesk/locale" && catalogFuncs[name]:
					if first && name != "T" || name == "T" && len(c.Args) > 1 && c.Args[1] == arg { // T(lang, id, …)
						return catalogID, full
					}
					if first { // T's lang
						return skip, ""
					}
					return sink, full
				case machinePkgs[path]:
					return skip, ""
				}
				return undecided, ""
			}
		}
		switch {
		case isLog(name) || isLog(exprName(fn.X)):
			return skip, ""
		case catalogFuncs[name]:
			if first {
				return catalogID, name
			}
			return sink, name
		case flagMethod.MatchString(name):
			return skip, ""
		case sinkMethods[name]:
			return sink, "." + name
		}
	}
	return undecided, ""
}

// exprName is the last name in x: "status" for m.status, "" otherwise.
func exprName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.CallExpr:
		return exprName(x.Fun)
	case *ast.IndexExpr:
		return exprName(x.X)
	case *ast.StarExpr:
		return exprName(x.X)
	case *ast.ParenExpr:
		return exprName(x.X)
	}
	return ""
}

// conversion reports whether c converts a value ([]byte(s), string(b)):
// the text passes through unchanged.
func conversion(c *ast.CallExpr) bool {
	switch f := c.Fun.(type) {
	case *ast.ArrayType:
		return true
	case *ast.Ident:
		return f.Name == "string"
	case *ast.ParenExpr:
		return true
	}
	return false
}

// isLog reports whether a function or receiver name is a logger's (log,
// logf, Logf, logger, srvLog; not dialog or catalog).
func isLog(name string) bool {
	l := strings.ToLower(name)
	if strings.HasSuffix(l, "dialog") || strings.HasSuffix(l, "catalog") {
		return false
	}
	return strings.HasPrefix(l, "log") || strings.HasSuffix(l, "log") || strings.HasSuffix(l, "logf") || strings.HasSuffix(l, "logger")
}

// unusedBesideID reports whether lit is a composite literal with an ID
// field naming a catalog message whose English text does not show field
// (model.DeniedError{ID: "ErrRecordRemoteOut", Detail: "…"}): the field
// is the English of Error(), for logs, and the user reads the message.
func unusedBesideID(lit ast.Node, field string) bool {
	cl, ok := lit.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, e := range cl.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ID" {
			if v, ok := kv.Value.(*ast.BasicLit); ok && v.Kind == token.STRING {
				id, _ := strconv.Unquote(v.Value)
				src := locale.Source(locale.EN, id)
				return src != "" && !strings.Contains(src, "{{."+field+"}}")
			}
		}
	}
	return false
}

var capsCell = regexp.MustCompile(`^[A-Z][A-Z ]{2,}$`)

// header returns the column names of a table header written in capitals
// ("REV\tAUTHOR\tWHEN"), which English passes over as placeholders: English
// words all the same. Machine's words (ID, PID) are not counted.
func header(s string) []string {
	if !strings.Contains(s, "\t") {
		return nil
	}
	machine := map[string]bool{}
	for _, w := range Machine {
		machine[w] = true
	}
	var out []string
	for _, c := range strings.Split(strings.TrimSuffix(s, "\n"), "\t") {
		if capsCell.MatchString(c) && !machine[c] {
			out = append(out, c+" in "+strings.TrimSpace(s))
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
