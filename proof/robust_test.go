package proof

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRandomTextNeverBreaks: random mixes of Chinese, marks, Markdown and
// invalid bytes never panic, every span points into the text on rune
// boundaries with the right line/col, and applying all fixes terminates.
func TestRandomTextNeverBreaks(t *testing.T) {
	c := mustChecker(t, officeLists(t), nil)
	atoms := []string{"的", "学院", "，", "。", ",", ".", "...", "……", "…", "—", "--", "“", "”", "‘", "’", "《", "》", "〈", "〉", "(", ")", "（", "）",
		"【", "】", " ", "  ", "\n", "\n\n", "`", "```\n", "http://a.b/c", "a@b.cn", "08年", "九○年代", "3.14", "9:00", "Ａ", "１", "的的", "由于由于",
		"近日", "五人", "3人", "百分之五", "5%", "嘉禾职业技朮学院", "校长林宏远", "周敏、林宏远出席", "中共浙江省省委", "學", "\xff", "\t", "    code", "1. ", "[a](b)", "<b>", "、", "》、《"}
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 2000; n++ {
		var sb strings.Builder
		for k := rng.Intn(40); k > 0; k-- {
			sb.WriteString(atoms[rng.Intn(len(atoms))])
		}
		text := sb.String()
		valid := strings.ToValidUTF8(text, "\uFFFD")
		for _, field := range []Field{FieldBody, FieldTitle} {
			for _, f := range c.CheckField(field, text, true) {
				if f.Start < 0 || f.End > len(valid) || f.Start >= f.End || !utf8.ValidString(valid[f.Start:f.End]) || valid[f.Start:f.End] != f.Text {
					t.Fatalf("%q: bad span %+v", text, f)
				}
				line := strings.Count(valid[:f.Start], "\n") + 1
				col := utf8.RuneCountInString(valid[strings.LastIndex(valid[:f.Start], "\n")+1:f.Start]) + 1
				if f.Line != line || f.Col != col {
					t.Fatalf("%q: %s at %d:%d, want %d:%d", text, f.RuleID, f.Line, f.Col, line, col)
				}
			}
		}
		fixed, _ := c.FixAll(fixContent(valid))
		_ = fixed
	}
}

// TestLongInputIsLinear: 100,000-character paragraphs without line breaks
// made of one unit repeated (open marks, backticks, link syntax, quotes)
// finish: every scan ahead is bounded.
func TestLongInputIsLinear(t *testing.T) {
	c := mustChecker(t, officeLists(t), nil)
	for _, unit := range []string{"“(《的,", "》）”", "`的", "](的", "\"的", "(的", "<a的", "的的的", "嘉禾职业", "http://x", "——…"} {
		text := strings.Repeat(unit, 100000/len([]rune(unit)))
		_ = c.CheckField(FieldBody, text, true)
	}
}
