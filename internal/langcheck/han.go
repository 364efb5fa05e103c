package langcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Han parses the non-test Go files of dir (not its subdirectories) and
// returns every string literal containing a Han character (CJK ideograph,
// Unicode script Han) or a punctuation mark only Chinese text uses
// (CJKPunct: "#%d《%s》", "%s：%s", strings.Join(x, "、")) outside the
// catalog, in file and line order: in a
// package whose interface text all comes from locale/, any such literal is
// a Chinese string the English interface would show untranslated
// (issue 9.10). Exempt are:
//   - a literal on a line carrying the comment OK with a reason (text
//     compared with input, such as the search syntax's 作者: field names
//     accepted in both languages; a set of punctuation for line breaking);
//   - every literal of a file whose package doc comment (the comments
//     before the package clause) carries OK with a reason: a generator of
//     article content (tui/lead.go writes the article's own Chinese lead,
//     which is the article, not the interface).
//
// Comments are not literals and are never reported. An error is returned
// only when dir cannot be read or a file does not parse.
func Han(dir string) ([]Finding, error) {
	fset, files, err := sourceFiles(dir, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, f := range files {
		okLines, whole := map[int]bool{}, false
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.Contains(c.Text, OK) {
					okLines[fset.Position(c.Pos()).Line] = true
					whole = whole || c.Pos() < f.Package
				}
			}
		}
		if whole {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			p := fset.Position(lit.Pos())
			if err != nil || okLines[p.Line] || !hasHan(s) && !strings.ContainsAny(s, CJKPunct) {
				return true
			}
			out = append(out, Finding{Pos: p.String(), File: filepath.Base(p.Filename), Line: p.Line, Text: s})
			return true
		})
	}
	return out, nil
}

// CJKPunct is the punctuation only Chinese text uses; an English line has
// its own (, : ( ) “ ”). “”…— are not in it: English uses them too.
const CJKPunct = "、，。：；！？（）《》「」『』【】〔〕"

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// CheckHan fails t for each literal Han finds in each dir: Chinese
// interface text that bypasses the catalog, so the English interface would
// show it as it is.
func CheckHan(t testing.TB, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		found, err := Han(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s/%s: Chinese literal outside the catalog (the English interface would show it): put it in locale/ and use wt(ID); content generators and input syntax are exempted with // %s REASON", dir, f, OK)
		}
	}
}
