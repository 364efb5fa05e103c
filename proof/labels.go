package proof

import "strings"

// The names a user reads — list kinds, severities and rule names — are
// catalog messages (locale.Message: MessageID and MessageArgs), so the
// interface shows them in its reader's language; Label stays the Chinese
// name that lists and stored records use. proof does not import locale
// (locale's tests import proof).

// MessageID is the catalog entry of the list kind's name.
func (k ListKind) MessageID() string {
	switch k {
	case ListFixed:
		return "ProofListFixed"
	case ListCountry:
		return "ProofListCountry"
	case ListOrg:
		return "ProofListOrg"
	case ListTitle:
		return "ProofListTitle"
	case ListBanned:
		return "ProofListBanned"
	case ListCaution:
		return "ProofListCaution"
	case ListSensitive:
		return "ProofListSensitive"
	}
	return "ProofListUnknown"
}

// MessageArgs names the kind for an unknown one.
func (k ListKind) MessageArgs() map[string]any { return map[string]any{"Kind": string(k)} }

// MessageID is the catalog entry of the severity's name.
func (s Severity) MessageID() string {
	switch s {
	case Hint:
		return "ProofSeverityHint"
	case Warning:
		return "ProofSeverityWarning"
	case Error:
		return "ProofSeverityError"
	}
	return "ProofSeverityOff"
}

// MessageArgs is empty.
func (s Severity) MessageArgs() map[string]any { return nil }

// RuleName is a rule's name as a catalog message: render it with
// locale.Render. Rule.Name is the Chinese text.
type RuleName string

// ruleNames maps a rule ID to its name's catalog entry.
var ruleNames = map[string]string{
	RuleASCIIPunct:     "ProofRuleASCIIPunct",
	RuleFullWidthAlnum: "ProofRuleFullWidthAlnum",
	RulePairs:          "ProofRulePairs",
	RuleEllipsis:       "ProofRuleEllipsis",
	RuleDash:           "ProofRuleDash",
	RuleEnumComma:      "ProofRuleEnumComma",
	RuleDoubledMark:    "ProofRuleDoubledMark",
	RuleSpace:          "ProofRuleSpace",
	RuleTrailingSpace:  "ProofRuleTrailingSpace",
	RuleDoubled:        "ProofRuleDoubled",
	RuleShortYear:      "ProofRuleShortYear",
	RuleMixedNumbers:   "ProofRuleMixedNumbers",
	RuleRelativeDate:   "ProofRuleRelativeDate",
	RuleTitle:          "ProofRuleTitle",
	RuleRankOrder:      "ProofRuleRankOrder",
	RuleNearMiss:       "ProofRuleNearMiss",
	RuleBanned:         "ProofRuleBanned",
	RuleCaution:        "ProofRuleCaution",
	RuleSensitive:      "ProofRuleSensitive",
	RuleTraditional:    "ProofRuleTraditional",
	RuleCJKSpacing:     "ProofRuleCJKSpacing",
}

// Title is the rule's name as a catalog message.
func (r Rule) Title() RuleName { return RuleName(r.ID) }

// MessageID is the catalog entry of the rule's name.
func (n RuleName) MessageID() string {
	if id, ok := ruleNames[string(n)]; ok {
		return id
	}
	return "ProofRuleUnknown"
}

// MessageArgs names the rule for an unknown one.
func (n RuleName) MessageArgs() map[string]any { return map[string]any{"Rule": string(n)} }

// RuleSource is where a rule comes from (the standard, GB/T number and
// clause, or the office's list) as a catalog message: render it with
// locale.Render. Rule.Source is the Chinese text; the English keeps the
// GB/T numbers and clauses.
type RuleSource string

// Origin is the rule's source as a catalog message.
func (r Rule) Origin() RuleSource { return RuleSource(r.ID) }

// MessageID is the catalog entry of the rule's source: ProofSource and
// the suffix of the rule's name entry (ProofRuleDoubled → ProofSourceDoubled).
func (s RuleSource) MessageID() string {
	if id, ok := ruleNames[string(s)]; ok {
		return "ProofSource" + strings.TrimPrefix(id, "ProofRule")
	}
	return "ProofRuleUnknown"
}

// MessageArgs names the rule for an unknown one.
func (s RuleSource) MessageArgs() map[string]any { return map[string]any{"Rule": string(s)} }
