package export

import (
	"fmt"
	"strings"
	"text/template"
)

// DefaultCreditsFormat renders the credits line the way the office writes
// it, e.g. (图文来源:党委宣传部 /摄:张三 审核:李四 主编:王五); parts with
// no value are left out, and no line at all is printed when every part is
// empty.
const DefaultCreditsFormat = `{{with parts (label "图文来源:" .Source) (label "/摄:" (join .Photographers "、")) (label "审核:" (join .Reviewers "、")) (label "主编:" .Chief)}}({{.}}){{end}}`

// DefaultBylineFormat renders the byline the usual way: 文/李伟、张三. It is
// a text/template over Credits, like the credits line (Options.BylineFormat).
const DefaultBylineFormat = `{{with join .Authors "、"}}文/{{.}}{{end}}`

// Credits is the data of the credits-line template (Options.CreditsFormat).
// It is built from the record, not typed by hand.
type Credits struct {
	Source        string   // 资讯来源 (source department)
	Authors       []string // 撰稿
	Photographers []string // 摄
	Publisher     string   // 发布人
	// Reviewers are the display names of the approvals with role
	// "reviewer", in stage order, without repeats.
	Reviewers []string
	// Chief is the display name on the chief's sign-off (the last approval
	// with role "chief").
	Chief string
	// Stages lists every approval as stage name and display name, for
	// offices that print each stage (初审:… 复审:… 终审:…).
	Stages []CreditStage
}

// CreditStage is one approval in Credits.Stages.
type CreditStage struct {
	Stage string // e.g. 初审
	Name  string // display name
}

// creditFuncs are the functions a credits template may call:
//
//	join LIST SEP        strings.Join
//	label PREFIX VALUE   PREFIX+VALUE, or "" when VALUE is empty
//	parts A B …          the non-empty arguments joined by one space; a
//	                     leading "/" of the first one is dropped
var creditFuncs = template.FuncMap{
	"join": strings.Join,
	"label": func(prefix, v string) string {
		if strings.TrimSpace(v) == "" {
			return ""
		}
		return prefix + v
	},
	"parts": func(vs ...string) string {
		var out []string
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				if len(out) == 0 {
					v = strings.TrimSpace(strings.TrimPrefix(v, "/"))
				}
				out = append(out, v)
			}
		}
		return strings.Join(out, " ")
	},
}

// parseCredits compiles a credits format.
func parseCredits(format string) (*template.Template, error) {
	t, err := template.New("credits").Funcs(creditFuncs).Option("missingkey=error").Parse(format)
	if err != nil {
		return nil, fmt.Errorf("export: credits format: %w", err)
	}
	return t, nil
}

// creditsOf builds the credits data of an article from its record.
func creditsOf(a *Article) Credits {
	c := Credits{
		Source:        a.Source,
		Authors:       a.Authors,
		Photographers: a.Photographers,
		Publisher:     a.Publisher,
	}
	seen := map[string]bool{}
	for _, ap := range a.Approvals {
		name := ap.Display
		if name == "" {
			name = ap.Login
		}
		c.Stages = append(c.Stages, CreditStage{Stage: ap.Stage, Name: name})
		switch ap.Role {
		case RoleReviewer:
			if !seen[name] {
				seen[name] = true
				c.Reviewers = append(c.Reviewers, name)
			}
		case RoleChief:
			c.Chief = name
		}
	}
	return c
}

// creditsLine renders the credits line of an article.
func creditsLine(t *template.Template, a *Article) (string, error) {
	var b strings.Builder
	if err := t.Execute(&b, creditsOf(a)); err != nil {
		return "", fmt.Errorf("article %d: credits line: %w", a.ID, err)
	}
	return strings.TrimSpace(b.String()), nil
}
