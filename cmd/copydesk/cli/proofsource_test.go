package cli_test

import (
	"strings"
	"testing"
	"unicode"
)

// proof rules under LANG=en prints no Chinese: the rules' sources (GB/T
// numbers kept, the office's lists, the book-editing rules) come from the
// catalog like their names; zh-CN prints them as before.
func TestProofRuleSourcesInBothLanguages(t *testing.T) {
	o := newOffice(t)
	o.lang = ""
	out := o.ok("", "proof", "rules")
	for _, want := range []string{"GB/T 15834-2011 附录；GB/T 15835-2011", "图书编校质量差错认定细则（多字）", "新闻写作规范", "本单位敏感词表"} {
		if !strings.Contains(out, want) {
			t.Errorf("zh-CN: lacks %q:\n%s", want, out)
		}
	}
	o.lang = "en_US.UTF-8"
	out = o.ok("", "proof", "rules")
	for _, want := range []string{"GB/T 15834-2011 appendix; GB/T 15835-2011", "GB/T 15834-2011 4.5.3, appendix B.1.5", "news writing practice", "the office's sensitive words list"} {
		if !strings.Contains(out, want) {
			t.Errorf("en: lacks %q:\n%s", want, out)
		}
	}
	if i := strings.IndexFunc(out, func(r rune) bool { return unicode.Is(unicode.Han, r) }); i >= 0 {
		t.Errorf("en: Chinese in proof rules at %q:\n%s", out[i:min(len(out), i+40)], out)
	}
}
