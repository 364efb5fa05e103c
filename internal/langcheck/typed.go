package langcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
)

// Untyped finds the typed errors of model built without a catalog ID in
// the non-test Go files of dir: a composite literal of DeniedError or
// FieldError (model.DeniedError{…}) with no ID field. Such an error renders
// as the generic ErrDenied/ErrField around its Detail or Reason, which is
// text of the code's language (English) inside a Chinese sentence:
// "无权操作：ignoring a 三校 finding needs …". Each is returned as
// "file:line: Type".
func Untyped(dir string) ([]string, error) {
	fset, files, err := sourceFiles(dir, 0)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		ast.Inspect(f, func(x ast.Node) bool {
			cl, ok := x.(*ast.CompositeLit)
			if !ok {
				return true
			}
			var name string
			switch t := cl.Type.(type) {
			case *ast.Ident:
				name = t.Name
			case *ast.SelectorExpr:
				name = t.Sel.Name
			}
			if name != "DeniedError" && name != "FieldError" {
				return true
			}
			for _, el := range cl.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ID" {
						return true
					}
				}
			}
			p := fset.Position(cl.Pos())
			out = append(out, filepath.Base(p.Filename)+":"+itoa(p.Line)+": "+name)
			return true
		})
	}
	return out, nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// ParseFiles parses the non-test Go files of dir (not its subdirectories),
// keyed by base name, for the packages' own source tests.
func ParseFiles(dir string) (*token.FileSet, map[string]*ast.File, error) {
	fset, files, err := sourceFiles(dir, parser.ParseComments)
	if err != nil {
		return nil, nil, err
	}
	m := make(map[string]*ast.File, len(files))
	for _, f := range files {
		m[filepath.Base(fset.Position(f.Pos()).Filename)] = f
	}
	return fset, m, nil
}
