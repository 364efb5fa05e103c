package proof

import (
	"sort"
)

// Severity is how much a finding matters. Off disables a rule.
type Severity int8

// The severities, weakest first.
const (
	Off Severity = iota
	Hint
	Warning
	Error
)

// String is the severity's English name as used on the command line and
// in JSON: "off", "hint", "warning", "error".
func (s Severity) String() string {
	switch s {
	case Hint:
		return "hint"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// Label is the severity's Chinese name.
func (s Severity) Label() string {
	switch s {
	case Hint:
		return "提示"
	case Warning:
		return "警告"
	case Error:
		return "错误"
	}
	return "关闭"
}

// MarshalText writes the English name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads an English name (see ParseSeverity).
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity accepts off, hint, warning or error.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "off":
		return Off, nil
	case "hint":
		return Hint, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, errMsg(ErrBadSeverity, "ProofErrBadSeverity", map[string]any{"Value": s}, "%q (use error, warning, hint or off)", s)
}

// Rule describes one check: its stable ID, Chinese name, default severity
// and the standard it rests on.
type Rule struct {
	ID      string
	Name    string
	Default Severity
	Source  string
}

// Rule IDs. They are stable: offices store severities under them and the
// audit record names them. The numbering follows the 三校 reference table
// (close to zhlint/autocorrect where those have the same check).
const (
	RuleASCIIPunct     = "P1"          // ASCII , . : ; ? ! ( ) " next to Chinese
	RuleFullWidthAlnum = "P2"          // full-width Latin letters and digits
	RulePairs          = "P3"          // paired marks balanced and nested
	RuleEllipsis       = "P4"          // 省略号
	RuleDash           = "P5"          // 破折号
	RuleEnumComma      = "P6"          // 顿号 between adjacent 《》/“” items, 三、四个
	RuleDoubledMark    = "P7"          // ，， 。。 ，。
	RuleSpace          = "P8"          // stray space between Chinese characters
	RuleTrailingSpace  = "P8-trailing" // spaces at the end of a line
	RuleDoubled        = "P9"          // 的的, 由于由于
	RuleShortYear      = "P11"         // 08年, 九○年
	RuleMixedNumbers   = "P11-mixed"   // 3人 and 五人 in one article
	RuleRelativeDate   = "P12"         // 近日 without an absolute date
	RuleTitle          = "P14"         // a name next to a title not theirs
	RuleRankOrder      = "P14-order"   // order of names in an attendance list
	RuleNearMiss       = "P15"         // near miss of a listed phrase
	RuleBanned         = "P16"         // 禁用词
	RuleCaution        = "P16-caution" // 慎用词
	RuleSensitive      = "P17"         // the office's 敏感词
	RuleTraditional    = "P18"         // traditional or variant characters
	RuleCJKSpacing     = "P20"         // spaces between Chinese and Latin: off for news
)

// Rules lists every rule in ID order.
var Rules = []Rule{
	{RuleASCIIPunct, "中文语境中的半角标点", Error, "GB/T 15834-2011 4"},
	{RuleFullWidthAlnum, "全角字母或数字", Error, "GB/T 15834-2011 附录；GB/T 15835-2011"},
	{RulePairs, "成对标点不配对或嵌套错误", Error, "GB/T 15834-2011 4.9、4.11、4.12、4.15"},
	{RuleEllipsis, "省略号用法", Error, "GB/T 15834-2011 4.11"},
	{RuleDash, "破折号用法", Error, "GB/T 15834-2011 4.10"},
	{RuleEnumComma, "并列书名号、引号间或约数间的顿号", Error, "GB/T 15834-2011 4.5.3、附录B.1.5"},
	{RuleDoubledMark, "标点重复或连用", Error, "GB/T 15834-2011 4.1–4.7"},
	{RuleSpace, "汉字之间的多余空格", Error, "GB/T 15834-2011"},
	{RuleTrailingSpace, "行尾空格", Warning, "copydesk"},
	{RuleDoubled, "重复的字或词", Error, "图书编校质量差错认定细则（多字）"},
	{RuleShortYear, "年份简写", Error, "GB/T 15835-2011 4.1.2"},
	{RuleMixedNumbers, "同类数量的数字形式不一致", Warning, "GB/T 15835-2011 4.3"},
	{RuleRelativeDate, "相对日期缺少具体日期", Hint, "新闻写作规范"},
	{RuleTitle, "姓名与职务不符", Error, "职务库（本单位名单）"},
	{RuleRankOrder, "出席名单排序", Warning, "职务库（本单位排序）"},
	{RuleNearMiss, "固定表述、国名或机构名写错", Error, "固定表述库（本单位名单）"},
	{RuleBanned, "禁用词", Error, "新华社禁用词和慎用词；本单位名单"},
	{RuleCaution, "慎用词", Warning, "新华社禁用词和慎用词；本单位名单"},
	{RuleSensitive, "敏感词", Error, "本单位敏感词表"},
	{RuleTraditional, "繁体字或异体字", Error, "图书编校质量差错认定细则（错繁/异体字）；OpenCC t2s"},
	{RuleCJKSpacing, "中英文之间的空格（新闻稿不适用）", Off, "技术写作惯例，新闻稿关闭"},
}

// RuleByID returns the rule with that ID.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Severities maps rule IDs to the office's chosen severity; rules not in
// the map keep their default.
type Severities map[string]Severity

// Of returns the severity in force for rule id.
func (s Severities) Of(id string) Severity {
	if v, ok := s[id]; ok {
		return v
	}
	r, _ := RuleByID(id)
	return r.Default
}

// IDs returns the rule IDs of s in sorted order.
func (s Severities) IDs() []string {
	ids := make([]string, 0, len(s))
	for id := range s {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
