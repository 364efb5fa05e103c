package export

import (
	"fmt"
	"html"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// DefaultCreditsFormat renders the credits line the way the office writes
// it, in full-width punctuation (GB/T 15834-2011: （） and ： inside Chinese
// text), e.g. （图文来源：党委宣传部 /摄：张三 审核：李四 主编：王五）; the
// signer is labelled by the role or stage that signed (主编, 分管领导:
// Credits.ChiefLabel). Parts with no value are left out, and no line at all
// is printed when every part is empty. An office's own format (settings
// set credits-format) replaces it; formats stored before ChiefLabel
// existed keep rendering as they did.
const DefaultCreditsFormat = `{{with parts (label "图文来源：" .Source) (label "/摄：" (join .Photographers "、")) (label "审核：" (join .Reviewers "、")) (label (print .ChiefLabel "：") .Chief)}}（{{.}}）{{end}}`

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
	// ChiefLabel is the title of the one who signed, from the sign-off
	// stage (model.Stage.Title): 主编 for the built-in chief, the office's
	// name of its own role (分管领导), or the stage's name for a stage of
	// named users. Never empty when Chief is set.
	ChiefLabel string
	// Stages lists every approval as stage name and display name, for
	// offices that print each stage (初审：… 复审：… 终审：…).
	Stages []CreditStage
}

// CreditStage is one approval in Credits.Stages.
type CreditStage struct {
	Stage string // e.g. 初审
	Name  string // display name
	Label string // the title of who acted (Approval.Label): 主编, 保密员 …
}

// creditFuncs are the functions a credits template may call:
//
//	join LIST SEP        strings.Join
//	print A B …          fmt.Sprint (the template built-in)
//	label PREFIX VALUE   PREFIX+VALUE, or "" when VALUE is empty
//	parts A B …          the non-empty arguments joined by one space; a
//	                     leading "/" of the first one is dropped
var creditFuncs = template.FuncMap{
	"join":   strings.Join,
	"printf": boundedPrintf, // the built-in one pads to any width: %01000000000d
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

// boundedPrintf is fmt.Sprintf refusing widths and precisions over 99.
func boundedPrintf(format string, args ...any) (string, error) {
	digits := 0
	for i := 0; i < len(format); i++ {
		if format[i] >= '0' && format[i] <= '9' {
			if digits++; digits > 2 {
				return "", locale.NewError("ExportCreditsWidth", nil)
			}
		} else {
			digits = 0
		}
	}
	return fmt.Sprintf(format, args...), nil
}

// MaxCreditsLine bounds what a credits format may produce, in bytes.
const MaxCreditsLine = 1000

// ValidateCredits checks a credits format before it is stored as a setting
// (copydesk settings set credits-format): it must parse, may not define or
// call other templates (recursion), may range only over a field (not a
// number: {{range 1000000000}}), and must render the credits of a sample
// article within MaxCreditsLine bytes.
func ValidateCredits(format string) error {
	t, err := parseCredits(format)
	if err != nil {
		return err
	}
	sample := &Article{ID: 1, Source: "党委宣传部", Authors: []string{"李伟"}, Photographers: []string{"赵丽焕"},
		Approvals: []Approval{{Stage: "审核", Role: RoleReviewer, Label: "审核", Display: "王音"}, {Stage: "主编签发", Role: RoleChief, Label: "主编", Display: "沈建龙"}}}
	_, err = creditsLine(t, sample)
	return err
}

// parseCredits compiles a credits format and refuses the constructs that
// make its work unbounded (see ValidateCredits).
func parseCredits(format string) (*template.Template, error) {
	name := "credits"
	switch format {
	case DefaultCreditsFormat:
		name = defaultCreditsName
	case DefaultBylineFormat:
		name = defaultBylineName
	}
	t, err := template.New(name).Funcs(creditFuncs).Option("missingkey=error").Parse(format)
	if err != nil {
		return nil, locale.NewError("ExportCreditsFormat", locale.Args{"Err": err}, err)
	}
	if len(t.Templates()) > 1 {
		return nil, locale.NewError("ExportCreditsFormat", locale.Args{"Err": locale.NewError("ExportCreditsNotAllowed", locale.Args{"What": "{{define}} / {{block}}"})})
	}
	if t.Tree != nil {
		if err := checkCreditsNode(t.Tree.Root); err != nil {
			return nil, locale.NewError("ExportCreditsFormat", locale.Args{"Err": err}, err)
		}
	}
	return t, nil
}

func checkCreditsNode(n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := checkCreditsNode(c); err != nil {
				return err
			}
		}
	case *parse.TemplateNode:
		return locale.NewError("ExportCreditsNotAllowed", locale.Args{"What": fmt.Sprintf("{{template %q}}", n.Name)})
	case *parse.RangeNode:
		cmds := n.Pipe.Cmds
		if len(cmds) != 1 || len(cmds[0].Args) != 1 {
			return locale.NewError("ExportCreditsRange", locale.Args{"What": "{{range}}", "Field": ".Reviewers"})
		}
		switch cmds[0].Args[0].(type) {
		case *parse.FieldNode, *parse.VariableNode, *parse.ChainNode:
		default:
			return locale.NewError("ExportCreditsRange", locale.Args{"What": "{{range}}", "Field": ".Reviewers"})
		}
		if err := checkCreditsNode(n.List); err != nil {
			return err
		}
		return checkCreditsNode(n.ElseList)
	case *parse.IfNode:
		if err := checkCreditsNode(n.List); err != nil {
			return err
		}
		return checkCreditsNode(n.ElseList)
	case *parse.WithNode:
		if err := checkCreditsNode(n.List); err != nil {
			return err
		}
		return checkCreditsNode(n.ElseList)
	}
	return nil
}

// limitedBuilder fails a write past max bytes.
type limitedBuilder struct {
	strings.Builder
	max int
}

var errCreditsTooLong = locale.NewError("ExportCreditsTooLong", locale.Args{"Max": MaxCreditsLine})

func (b *limitedBuilder) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errCreditsTooLong
	}
	return b.Builder.Write(p)
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
		label := ap.Label
		if label == "" {
			label = (&model.Stage{Name: ap.Stage}).Title(nil) // 主编签发 → 主编
		}
		c.Stages = append(c.Stages, CreditStage{Stage: ap.Stage, Name: name, Label: label})
		switch ap.Role {
		case RoleReviewer:
			if !seen[name] {
				seen[name] = true
				c.Reviewers = append(c.Reviewers, name)
			}
		case RoleChief:
			c.Chief, c.ChiefLabel = name, label
		}
	}
	return c
}

// The names parseCredits gives the templates of DefaultCreditsFormat and
// DefaultBylineFormat: creditsLine builds their lines with
// defaultCreditsLine and defaultBylineLine instead of running the template
// (text/template's reflection was 5 % of a warm export's CPU, issue 15).
const (
	defaultCreditsName = "credits/default"
	defaultBylineName  = "credits/default-byline"
)

// defaultCreditsLine is DefaultCreditsFormat's output for c, byte for byte
// (TestDefaultCreditsLineMatchesTemplate), before creditsLine trims it.
func defaultCreditsLine(c *Credits) string {
	label := func(prefix, v string) string {
		if strings.TrimSpace(v) == "" {
			return ""
		}
		return prefix + v
	}
	var b strings.Builder
	first := true
	for _, v := range [...]string{
		label("图文来源：", c.Source),
		label("/摄：", strings.Join(c.Photographers, "、")),
		label("审核：", strings.Join(c.Reviewers, "、")),
		label(c.ChiefLabel+"：", c.Chief),
	} {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if first {
			v = strings.TrimSpace(strings.TrimPrefix(v, "/"))
			b.WriteString("（")
		} else {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(v)
	}
	if first {
		return ""
	}
	b.WriteString("）")
	return b.String()
}

// defaultBylineLine is DefaultBylineFormat's output for c, byte for byte.
func defaultBylineLine(c *Credits) string {
	if s := strings.Join(c.Authors, "、"); s != "" {
		return "文/" + s
	}
	return ""
}

// creditsLine renders the credits line of an article.
func creditsLine(t *template.Template, a *Article) (string, error) {
	var fast func(*Credits) string
	switch t.Name() {
	case defaultCreditsName:
		fast = defaultCreditsLine
	case defaultBylineName:
		fast = defaultBylineLine
	}
	c := creditsOf(a)
	if fast != nil {
		line := fast(&c)
		if len(line) > MaxCreditsLine { // what limitedBuilder refuses
			return "", locale.NewError("ExportCreditsLine", locale.Args{"ID": a.ID, "Err": errCreditsTooLong}, errCreditsTooLong)
		}
		return strings.TrimSpace(line), nil
	}
	b := limitedBuilder{max: MaxCreditsLine}
	if err := t.Execute(&b, c); err != nil {
		return "", locale.NewError("ExportCreditsLine", locale.Args{"ID": a.ID, "Err": err}, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// creditsHTML marks up a credits line for the page so that it breaks only
// between credits, never inside a person's name or a label:value pair: the
// line is cut after each space and after each 、 (between names of one
// list), and every piece is a <span class="nw"> (white-space: nowrap).
// "（图文来源：党委宣传部 /摄：赵丽焕、林晓 审核：王音 主编：沈建龙）" gives
// the pieces "（图文来源：党委宣传部", "/摄：赵丽焕、", "林晓", "审核：王音",
// "主编：沈建龙）". The text is escaped; the result is the line's exact text.
func creditsHTML(line string) htmltemplate.HTML {
	var b strings.Builder
	piece := func(s string) {
		if s == "" {
			return
		}
		b.WriteString(`<span class="nw">`)
		b.WriteString(html.EscapeString(s))
		b.WriteString(`</span>`)
	}
	start := 0
	for i, r := range line {
		switch r {
		case ' ', '\u3000':
			piece(line[start:i])
			b.WriteString(line[i : i+len(string(r))])
			start = i + len(string(r))
		case '、':
			piece(line[start : i+len("、")])
			start = i + len("、")
		}
	}
	piece(line[start:])
	return htmltemplate.HTML(b.String()) // #nosec: every piece is escaped
}
