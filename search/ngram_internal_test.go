package search

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	bunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// TestTriplesOfNeighboursOnly: the analyzer gives bleve's bigram filter's
// tokens unchanged (characters, pairs, words, same positions) plus one
// triple per three neighbouring CJK characters, never across punctuation,
// a space, a Latin word or a line break left in the text.
func TestTriplesOfNeighboursOnly(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	ours := m.AnalyzerNamed(analyzerName)
	ref := mapping.NewIndexMapping()
	if err := ref.AddCustomTokenFilter("bi", map[string]any{"type": cjk.BigramName, "output_unigram": true}); err != nil {
		t.Fatal(err)
	}
	if err := ref.AddCustomAnalyzer("ref", map[string]any{"type": custom.Name, "tokenizer": bunicode.Name,
		"token_filters": []any{cjk.WidthName, lowercase.Name, "bi"}}); err != nil {
		t.Fatal(err)
	}
	bigrams := ref.AnalyzerNamed("ref")
	tri := func(s string) string {
		rs := []rune(s)
		return string(tripleTerm([]byte(string(rs[0])), []byte(string(rs[1])), []byte(string(rs[2]))))
	}
	for _, c := range []struct {
		text string
		want []string // the triples, in order
	}{
		{"一段简单", []string{tri("一段简"), tri("段简单")}},
		{"说明。党委书记", []string{tri("党委书"), tri("委书记")}},
		{"甲乙 丙丁", nil},
		{"甲乙ICPC丙丁戊", []string{tri("丙丁戊")}},
		{"王\n音乐", nil},
		{"ｶﾀｶﾅ", []string{tri("カタカ"), tri("タカナ")}}, // half-width katakana, widened first
		{"2026年", nil},
		{"", nil},
	} {
		toks := ours.Analyze([]byte(c.text))
		var got []string
		var rest analysis.TokenStream
		for _, tk := range toks {
			if tk.Type == analysis.Shingle {
				got = append(got, string(tk.Term))
			} else {
				rest = append(rest, tk)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: triples %q, want %q", c.text, got, c.want)
		}
		want := bigrams.Analyze([]byte(c.text))
		if len(rest) != len(want) {
			t.Fatalf("%q: %d other tokens, bigram filter gives %d", c.text, len(rest), len(want))
		}
		for i := range want {
			if string(rest[i].Term) != string(want[i].Term) || rest[i].Position != want[i].Position || rest[i].Type != want[i].Type {
				t.Errorf("%q: token %d is %q@%d, bigram filter gives %q@%d", c.text, i, rest[i].Term, rest[i].Position, want[i].Term, want[i].Position)
			}
		}
	}
}

// TestQueryTerms: a query asks for its words, a run of one character for
// the character, of two for the pair, of three or more for its pairs and
// its triples.
func TestQueryTerms(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	an := m.AnalyzerNamed(analyzerName)
	tri := func(s string) string {
		rs := []rune(s)
		return string(tripleTerm([]byte(string(rs[0])), []byte(string(rs[1])), []byte(string(rs[2]))))
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"简", []string{"简"}},
		{"段简", []string{"段简"}},
		{"简单的", []string{"简单", "单的", tri("简单的")}},
		{"给走组行", []string{"给走", "走组", "组行", tri("给走组"), tri("走组行")}},
		{"2026年ICPC区域赛", []string{"2026", "年", "icpc", "区域", "域赛", tri("区域赛")}},
		{"说明，党委", []string{"说明", "党委"}},
		{"的的的的", []string{"的的", tri("的的的")}},
	} {
		if got := queryTerms(an, Prepare(c.q)); !slices.Equal(got, c.want) {
			t.Errorf("%q: terms %q, want %q", c.q, got, c.want)
		}
	}
}
