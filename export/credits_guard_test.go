package export

import (
	"strings"
	"testing"
)

// Credits formats are admin settings, validated when set: nothing in one
// may recurse, loop over a number, pad without bound or print more than
// MaxCreditsLine bytes (issue 16: a recursive one killed the server).
func TestValidateCreditsRefusesUnboundedWork(t *testing.T) {
	for _, f := range []string{
		`{{define "x"}}{{template "x" .}}{{end}}{{template "x" .}}`,
		`{{block "b" .}}x{{end}}`,
		`{{range 1000000000}}x{{end}}`,
		`{{printf "%01000000000d" 1}}`,
		`{{range .Reviewers}}` + strings.Repeat("很长的文字", 100) + `{{end}}{{.Source}}` + strings.Repeat("x", 1000),
		`{{.Nope}}`,
		`{{`,
	} {
		if err := ValidateCredits(f); err == nil {
			t.Errorf("accepted %.60q", f)
		}
	}
	for _, f := range []string{DefaultCreditsFormat, `审核:{{join .Reviewers "、"}} 主编:{{.Chief}}`, `{{range .Stages}}{{.Stage}}:{{.Name}} {{end}}`, `{{printf "%s" .Source}}`} {
		if err := ValidateCredits(f); err != nil {
			t.Errorf("refused %q: %v", f, err)
		}
	}
}
