package proof

import "strings"

// Field names the part of an article a finding is in.
type Field string

// The fields that are checked.
const (
	FieldTitle    Field = "title"
	FieldSubtitle Field = "subtitle"
	FieldBody     Field = "body"
)

// MessageID is the field's name in the message catalog
// (ProofFieldTitle, ProofFieldSubtitle, ProofFieldBody; locale.Message).
func (f Field) MessageID() string {
	switch f {
	case FieldTitle:
		return "ProofFieldTitle"
	case FieldSubtitle:
		return "ProofFieldSubtitle"
	}
	return "ProofFieldBody"
}

// MessageArgs is empty.
func (f Field) MessageArgs() map[string]any { return nil }

// Label is the field's Chinese name.
func (f Field) Label() string {
	switch f {
	case FieldTitle:
		return "标题"
	case FieldSubtitle:
		return "副标题"
	}
	return "正文"
}

// Finding is one problem found in a field's text.
//
// Start/End are byte offsets into the field's text (End exclusive);
// RuneStart/RuneEnd the same span in runes. Paragraph is the 0-based index
// of the blank-line separated block; Line and Col are 1-based, Col counted
// in runes. Text is the text of the span; Msg (a catalog ID, see
// messages.go) with Args says what is wrong, rendered by the UI layers in
// the reader's language (Finding implements locale.Message); Fix, when not
// nil, is the replacement for the span.
type Finding struct {
	RuleID    string            `json:"rule"`
	Severity  Severity          `json:"severity"`
	Field     Field             `json:"field"`
	Start     int               `json:"start"`
	End       int               `json:"end"`
	RuneStart int               `json:"rune_start"`
	RuneEnd   int               `json:"rune_end"`
	Paragraph int               `json:"paragraph"`
	Line      int               `json:"line"`
	Col       int               `json:"col"`
	Text      string            `json:"text"`
	Msg       string            `json:"message_id"`
	Args      map[string]string `json:"args,omitempty"`
	Fix       *string           `json:"fix,omitempty"`
}

// Counts tallies findings by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Hints    int `json:"hints"`
}

// Count tallies fs.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		case Hint:
			c.Hints++
		}
	}
	return c
}

func strp(s string) *string { return &s }

// Quote puts a finding's text (or its fix) in quotation marks for a
// reader: “s”, or 「s」 when s itself holds a double quotation mark
// (“ ” " ＂), so an unpaired “ reads 「“」 and not ““”.
func Quote(s string) string {
	if strings.ContainsAny(s, "“”\"＂") {
		return "「" + s + "」"
	}
	return "“" + s + "”"
}
