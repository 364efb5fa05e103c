package proof

import (
	"sort"

	"github.com/copydesk/copydesk/model"
)

// Checker runs every rule with the office's lists and severities. Build one
// with New when the lists or settings change; it is safe for concurrent use.
type Checker struct {
	sev   Severities
	lists Lists
	m     *matcher
	rules []func(*doc, emit)
}

// New compiles lists and severities into a Checker. It fails only if the
// automaton cannot be built.
func New(lists Lists, sev Severities) (*Checker, error) {
	m, err := compileLists(lists)
	if err != nil {
		return nil, err
	}
	c := &Checker{sev: sev, lists: lists, m: m}
	c.rules = []func(*doc, emit){
		checkASCIIPunct, checkFullWidthAlnum, checkPairs, checkEllipsis, checkDash,
		checkEnumComma, checkDoubledMark, checkSpaces, checkDoubled, checkShortYear,
		checkTraditional,
	}
	return c, nil
}

// Lists returns the lists the checker was built from (for their versions).
func (c *Checker) Lists() Lists { return c.lists }

// Severities returns the office's severity settings in force.
func (c *Checker) Severities() Severities { return c.sev }

// Check runs every rule over an article's title, subtitle and body and
// returns the findings in field order (title, subtitle, body), then by
// position. Rules set to Off produce nothing.
func (c *Checker) Check(ct *model.Content) []Finding {
	dated := hasAbsoluteDate(ct.Title) || hasAbsoluteDate(ct.Subtitle) || hasAbsoluteDate(ct.Body) ||
		(ct.Meeting != nil && ct.Meeting.Date != "")
	relative := ct.Kind != model.KindMeeting && !dated
	var out []Finding
	out = append(out, c.CheckField(FieldTitle, ct.Title, relative)...)
	if ct.Subtitle != "" {
		out = append(out, c.CheckField(FieldSubtitle, ct.Subtitle, relative)...)
	}
	out = append(out, c.CheckField(FieldBody, ct.Body, relative)...)
	return out
}

// CheckField runs the rules over one field's text. relativeDates turns on
// P12 (the caller knows whether the article is news and has a date).
func (c *Checker) CheckField(field Field, text string, relativeDates bool) []Finding {
	d := newDoc(field, text)
	var hits []hit
	out := func(h hit) { hits = append(hits, h) }
	for _, r := range c.rules {
		r(d, out)
	}
	if field == FieldBody {
		checkMixedNumbers(d, out)
	}
	if relativeDates {
		checkRelativeDates(d, out)
	}
	if c.m != nil {
		c.m.run(d, out)
	}
	return c.place(d, hits)
}

func (c *Checker) place(d *doc, hits []hit) []Finding {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].a != hits[j].a {
			return hits[i].a < hits[j].a
		}
		return hits[i].b < hits[j].b
	})
	fs := make([]Finding, 0, len(hits))
	type key struct {
		a, b int
		rule string
	}
	seen := map[key]bool{}
	for _, h := range hits {
		sev := c.sev.Of(h.rule)
		if sev == Off {
			continue
		}
		if h.soft && sev > Hint {
			sev--
		}
		k := key{h.a, h.b, h.rule}
		if seen[k] {
			continue
		}
		seen[k] = true
		line, col := d.lineCol(h.a)
		fs = append(fs, Finding{
			RuleID: h.rule, Severity: sev, Field: d.field,
			Start: d.off[h.a], End: d.off[h.b], RuneStart: h.a, RuneEnd: h.b,
			Paragraph: d.para(h.a), Line: line, Col: col,
			Text: d.str(h.a, h.b), Msg: h.msg.id, Args: h.msg.args, Fix: h.fix,
		})
	}
	return fs
}
