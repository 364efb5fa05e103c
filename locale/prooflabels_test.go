package locale

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/copydesk/copydesk/proof"
)

// Every 三校 name a user reads — list kinds, severities, rule names and
// the rules' sources (proof rules: GB/T numbers, the office's lists) — has
// a catalog entry in both languages; the Chinese one is the name proof
// itself uses, and the English one has no Han character.
func TestProofLabels(t *testing.T) {
	type named struct {
		m  Message
		zh string
	}
	var all []named
	for _, k := range proof.ListKinds {
		all = append(all, named{k, k.Label()})
	}
	for _, s := range []proof.Severity{proof.Off, proof.Hint, proof.Warning, proof.Error} {
		all = append(all, named{s, s.Label()})
	}
	gbt := regexp.MustCompile(`GB/T \d+-\d+`)
	for _, r := range proof.Rules {
		all = append(all, named{r.Title(), r.Name}, named{r.Origin(), r.Source})
		// where a rule comes from keeps its GB/T numbers in English
		if en := Render(EN, r.Origin()); !slices.Equal(gbt.FindAllString(en, -1), gbt.FindAllString(r.Source, -1)) {
			t.Errorf("%s: the source in English %q does not keep the standards of %q", r.ID, en, r.Source)
		}
	}
	for _, n := range all {
		if got := Render(ZH, n.m); got != n.zh {
			t.Errorf("%s in Chinese: %q, want %q", n.m.MessageID(), got, n.zh)
		}
		en := Render(EN, n.m)
		if strings.HasPrefix(en, "[") || strings.IndexFunc(en, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			t.Errorf("%s in English: %q", n.m.MessageID(), en)
		}
	}
	if got := Render(EN, proof.RuleName("P99")); !strings.Contains(got, "P99") {
		t.Errorf("an unknown rule renders as %q", got)
	}
}
