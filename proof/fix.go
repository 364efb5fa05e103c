package proof

import (
	"sort"
	"strings"

	"github.com/copydesk/copydesk/model"
)

// Apply returns text with the fixes of fs applied. Only findings of one
// field should be passed; findings without a fix, or whose span overlaps an
// earlier fix, are skipped. It returns the findings that were applied.
func Apply(text string, fs []Finding) (string, []Finding) {
	var with []Finding
	for _, f := range fs {
		if f.Fix != nil && f.Start >= 0 && f.End <= len(text) && f.Start <= f.End {
			with = append(with, f)
		}
	}
	sort.SliceStable(with, func(i, j int) bool { return with[i].Start < with[j].Start })
	var sb strings.Builder
	var applied []Finding
	pos := 0
	for _, f := range with {
		if f.Start < pos {
			continue
		}
		sb.WriteString(text[pos:f.Start])
		sb.WriteString(*f.Fix)
		pos = f.End
		applied = append(applied, f)
	}
	sb.WriteString(text[pos:])
	return sb.String(), applied
}

// FixAll applies every available fix to title, subtitle and body, checking
// again after each pass (a fix can reveal another, such as ,， becoming ，，)
// until nothing fixable is left or five passes are done. It returns the new
// content and the findings applied, pass by pass.
func (c *Checker) FixAll(ct model.Content) (model.Content, []Finding) {
	return c.FixAllBut(ct, nil)
}

// FixAllBut is FixAll leaving alone the findings keep reports, by index
// into the findings of the content as it stands at each pass (the ones a
// user chose to let stand). keep may be nil.
func (c *Checker) FixAllBut(ct model.Content, keep func(ct *model.Content, fs []Finding) map[int]bool) (model.Content, []Finding) {
	ct = ct.Clone()
	var all []Finding
	for pass := 0; pass < 5; pass++ {
		fs := c.Check(&ct)
		if keep != nil {
			if k := keep(&ct, fs); len(k) > 0 {
				var rest []Finding
				for i, f := range fs {
					if !k[i] {
						rest = append(rest, f)
					}
				}
				fs = rest
			}
		}
		// text-level fixes first; the list-based ones (names, phrases, words)
		// only once the text is otherwise clean, so two rules never rewrite
		// the same characters in one pass
		var mech []Finding
		for _, f := range fs {
			if f.Fix != nil && !listRule(f.RuleID) {
				mech = append(mech, f)
			}
		}
		if len(mech) > 0 {
			fs = mech
		}
		n := 0
		for _, fld := range []Field{FieldTitle, FieldSubtitle, FieldBody} {
			var mine []Finding
			for _, f := range fs {
				if f.Field == fld {
					mine = append(mine, f)
				}
			}
			p := fieldPtr(&ct, fld)
			s, applied := Apply(*p, mine)
			*p = s
			n += len(applied)
			all = append(all, applied...)
		}
		if n == 0 {
			break
		}
	}
	return ct, all
}

func fieldPtr(ct *model.Content, f Field) *string {
	switch f {
	case FieldTitle:
		return &ct.Title
	case FieldSubtitle:
		return &ct.Subtitle
	}
	return &ct.Body
}

func listRule(id string) bool {
	switch id {
	case RuleTitle, RuleNearMiss, RuleBanned, RuleCaution:
		return true
	}
	return false
}
