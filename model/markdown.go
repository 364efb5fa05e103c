package model

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// FrontMatter is the YAML header of an article file: what `article pull`
// writes and `article push` and `import` read. It follows Hugo's field names
// where they exist, so an old site's archive imports as it is.
type FrontMatter struct {
	ID            uint64     `yaml:"id,omitempty"`
	Rev           int        `yaml:"rev,omitempty"`
	Title         string     `yaml:"title"`
	Subtitle      string     `yaml:"subtitle,omitempty"`
	Kind          Kind       `yaml:"kind,omitempty"`
	Source        string     `yaml:"source,omitempty"` // 资讯来源
	Department    string     `yaml:"department,omitempty"`
	Authors       StringList `yaml:"authors,omitempty"`
	Author        string     `yaml:"author,omitempty"`
	Photographers StringList `yaml:"photographers,omitempty"`
	Date          string     `yaml:"date,omitempty"`
	State         State      `yaml:"state,omitempty"` // informational on pull; ignored on push
	// Draft (Hugo's draft: true) marks a file that must not be published:
	// import brings it in as a draft even with --published.
	Draft   bool     `yaml:"draft,omitempty"`
	Meeting *Meeting `yaml:"meeting,omitempty"`
	// Important (重要) and Tags choose the workflow's conditional stages.
	Important bool           `yaml:"important,omitempty"`
	Tags      StringList     `yaml:"tags,omitempty"`
	Extra     map[string]any `yaml:",inline"`
}

// StringList accepts either a YAML list or a single string ("张三、李四"
// and "张三, 李四" are split).
type StringList []string

// UnmarshalYAML accepts a scalar or a sequence.
func (l *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = splitNames(n.Value)
		return nil
	case yaml.SequenceNode:
		var out []string
		if err := n.Decode(&out); err != nil {
			return err
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: expected a name or a list of names", n.Line)
}

func splitNames(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' })
	return trimList(f)
}

// ErrNoFrontMatter: the file does not start with a --- YAML header.
var ErrNoFrontMatter error = &sentinel{msg: "no front matter: the file must start with a line --- followed by YAML and another ---", id: "ErrNoFrontMatter", wrap: ErrInvalid}

// isFrontMatterFence reports whether line is a front-matter delimiter:
// "---" followed by nothing but spaces or tabs.
func isFrontMatterFence(line string) bool {
	return strings.TrimRight(line, " \t") == "---"
}

// ParseMarkdown splits an article file into its front matter and body.
// Malformed YAML is an ErrInvalid that names the line.
func ParseMarkdown(data []byte) (*FrontMatter, string, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		data = data[3:] // a BOM from Windows editors
	}
	text := NormalizeText(string(data))
	if strings.HasPrefix(text, "+++") {
		return nil, "", &FieldError{Field: "front matter", Reason: "TOML front matter (+++) is not supported; use YAML between --- lines"}
	}
	first, rest, _ := strings.Cut(text, "\n")
	if !isFrontMatterFence(first) {
		return nil, "", ErrNoFrontMatter
	}
	// The closing line: the first line after the opening one that is ---
	// (trailing white space allowed on both, as editors leave it).
	var head, body string
	found := false
	for off := 0; off <= len(rest); {
		line, _, more := strings.Cut(rest[off:], "\n")
		if isFrontMatterFence(line) {
			head = rest[:off]
			if more {
				body = rest[off+len(line)+1:]
			}
			found = true
			break
		}
		if !more {
			break
		}
		off += len(line) + 1
	}
	if !found {
		return nil, "", &FieldError{Field: "front matter", Reason: "the closing --- line is missing"}
	}
	var fm FrontMatter
	if err := decodeFrontMatter(head, &fm); err != nil {
		return nil, "", err
	}
	return &fm, strings.TrimPrefix(body, "\n"), nil
}

// Content builds article content from the front matter and body.
func (fm *FrontMatter) Content(body string) (Content, error) {
	kind, err := ParseKind(string(fm.Kind))
	if err != nil {
		return Content{}, err
	}
	if fm.Meeting != nil && fm.Kind == "" {
		kind = KindMeeting
	}
	c := Content{Kind: kind, Title: fm.Title, Subtitle: fm.Subtitle, Source: fm.Source,
		Authors: fm.Authors, Photographers: fm.Photographers, Meeting: fm.Meeting, Body: body,
		Important: fm.Important, Tags: fm.Tags}
	if c.Source == "" {
		c.Source = fm.Department
	}
	if len(c.Authors) == 0 && fm.Author != "" {
		c.Authors = splitNames(fm.Author)
	}
	c.Normalize()
	return c, nil
}

// PublishDate parses the front matter's date (RFC 3339, "2006-01-02 15:04:05"
// or "2006-01-02"); zero when absent. A date without a zone is read in loc,
// the office's time zone (2019-06-30 23:30 in Asia/Shanghai stays 23:30
// there whatever the server's zone is; a date alone is midnight there).
func (fm *FrontMatter) PublishDate(loc *time.Location) (time.Time, error) {
	if fm.Date == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, fm.Date, loc); err == nil {
			return t, CheckDate("date", t)
		}
	}
	return time.Time{}, &FieldError{Field: "date", Reason: fmt.Sprintf("%q is not a date; use 2006-01-02 or 2006-01-02T15:04:05+08:00", fm.Date)}
}

// unsafeRune reports characters a terminal acts on that YAML counts as
// printable: C1 controls and bidi formatting characters.
func unsafeRune(r rune) bool { return (r >= 0x80 && r <= 0x9f) || isBidiControl(r) }

// quoteUnsafe gives every string scalar holding an unsafeRune the double
// quoted style, the only YAML style with \u escapes.
func quoteUnsafe(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && strings.IndexFunc(n.Value, unsafeRune) >= 0 {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		quoteUnsafe(c)
	}
}

// escapeUnsafe writes each unsafeRune of YAML output (inside a double
// quoted scalar, by quoteUnsafe) as a \uXXXX escape: the file reads back
// to the same text while a terminal shows only ASCII for it.
func escapeUnsafe(b []byte) []byte {
	if !bytes.ContainsFunc(b, unsafeRune) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if unsafeRune(r) {
			fmt.Fprintf(&out, "\\u%04X", r)
		} else {
			out.WriteRune(r)
		}
	}
	return out.Bytes()
}

// EncodeMarkdown writes an article revision as a file with front matter, the
// form `article pull` prints and `article push` reads back. Front-matter
// values holding C1 or bidi control characters are written double quoted
// with \u escapes, so the file is plain to a terminal and reads back the
// same.
func EncodeMarkdown(a *Article, r *Revision) []byte {
	c := r.Content
	fm := FrontMatter{ID: a.ID, Rev: r.N, Title: c.Title, Subtitle: c.Subtitle, Kind: c.Kind, Source: c.Source,
		Authors: c.Authors, Photographers: c.Photographers, State: a.State, Meeting: c.Meeting,
		Important: c.Important, Tags: c.Tags}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	var node yaml.Node
	_ = node.Encode(&fm) // a struct of strings always encodes
	quoteUnsafe(&node)
	var head bytes.Buffer
	enc := yaml.NewEncoder(&head)
	enc.SetIndent(2)
	_ = enc.Encode(&node)
	_ = enc.Close()
	buf.Write(escapeUnsafe(head.Bytes()))
	buf.WriteString("---\n\n")
	buf.WriteString(c.Body)
	if !strings.HasSuffix(c.Body, "\n") {
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}
