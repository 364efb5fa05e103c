package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	bunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The text analyzer: bleve's Unicode (UAX #29) tokenizer, bleve's CJK width
// filter (half-width katakana → full width), lower case, and bleve's CJK
// bigram filter with unigrams on, extended with triples (trigram.go). A
// run of Han or kana becomes every single character, every pair of
// neighbours (each pair at the position of its first character) and every
// triple of neighbours (hashed); Latin words and numbers stay whole words.
// No dictionary segmenter is used: any substring of two or more
// characters is found through its pairs and triples (queryTerms), a single
// character as itself.
//
// Before the analyzer sees text, Prepare folds full-width ASCII to
// half-width (bleve's Unicode tokenizer drops full-width digits otherwise)
// and joins words that Markdown split: a soft line break or emphasis marks
// between two CJK characters. Traditional and simplified characters are NOT
// folded: 會議 does not find 会议.
const analyzerName = "copydesk_cjk"

func addAnalyzer(m *mapping.IndexMappingImpl) error {
	return m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"tokenizer":     bunicode.Name,
		"token_filters": []any{cjk.WidthName, lowercase.Name, trigramName},
	})
}

// isCJK reports whether r is written without spaces between words: Han,
// kana, Hangul and the ideographic iteration marks.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == '々' || r == '〆'
}

// foldWidth maps full-width ASCII (U+FF01–U+FF5E) and the ideographic
// space to their half-width forms; everything else is unchanged. It maps
// one rune to one rune, so rune offsets survive it.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

// isJoiner reports runes that Markdown or a line break put between two
// characters of one word: soft line breaks, spaces around them, and the
// emphasis, strike and code marks.
func isJoiner(r rune) bool {
	return r == '\n' || r == '\r' || r == ' ' || r == '\t' || r == '*' || r == '_' || r == '~' || r == '`'
}

// prepRune is how Prepare sees one character: full-width ASCII folded to
// half-width; a format character (bidi controls, zero-width space and
// joiner, soft hyphen, BOM) dropped (ok false), since left in it would glue
// itself to a word ("\u2066EVIL" became the token "\u2066evil", which EVIL
// does not find, though Find, which skips it, sees the word); a control
// character other than a line break or tab made a space, a word boundary.
// (The store refuses controls and bidi characters on input; they reach
// the index only from a file written behind its back.)
func prepRune(r rune) (rune, bool) {
	r = foldWidth(r)
	switch {
	case unicode.Is(unicode.Cf, r):
		return 0, false
	case unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t':
		return ' ', true
	}
	return r, true
}

// Prepare returns s as the index sees it: each character as prepRune
// says (format characters removed, controls made spaces, full-width ASCII
// folded to half-width), and every run of joiners between two CJK characters that
// holds at most one line break and no blank line removed, so a name broken
// across lines (王\n音) or set in emphasis (**王**音) is one word again.
// Plain spaces between CJK characters are removed too: Chinese text has no
// word spaces, and a stray one must not hide a phrase.
func Prepare(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune = -1 // last rune written that is not a joiner
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		r, ok := prepRune(r)
		if !ok {
			i += n // as if it were not there: Find skips it too
			continue
		}
		if isJoiner(r) && prev >= 0 && isCJK(prev) {
			j, breaks := i, 0
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				r2, ok := prepRune(r2)
				if ok && !isJoiner(r2) {
					break
				}
				if r2 == '\n' {
					breaks++
				}
				j += n2
			}
			next, _ := utf8.DecodeRuneInString(s[j:])
			if j < len(s) && breaks <= 1 && isCJK(foldWidth(next)) {
				i = j // drop the joiners
				continue
			}
			for _, r2 := range s[i:j] {
				if r2, ok := prepRune(r2); ok {
					b.WriteRune(r2)
				}
			}
			i = j
			prev = ' '
			continue
		}
		b.WriteRune(r)
		if !isJoiner(r) {
			prev = r
		}
		i += n
	}
	return b.String()
}

// queryTerms analyses a prepared query and returns the terms a document
// must hold to be a candidate for it, each once: Latin words and numbers
// as they are; a CJK run of one character as that character, of two as
// its pair, of three or more as its overlapping triples (the analyzer's
// trigram tokens). The runs are what the analyzer makes of the query: a
// run ends at punctuation, a space or a Latin word, as in the index.
func queryTerms(a analysis.Analyzer, q string) []string {
	toks := a.Analyze([]byte(q))
	if len(toks) == 0 {
		return nil
	}
	type slot struct {
		single, double string
		other          string
	}
	maxPos := 0
	for _, t := range toks {
		if t.Type != analysis.Shingle { // the triples: made from the pairs below
			maxPos = max(maxPos, t.Position)
		}
	}
	slots := make([]slot, maxPos+1)
	for _, t := range toks {
		if t.Type == analysis.Shingle {
			continue
		}
		s := &slots[t.Position]
		switch t.Type {
		case analysis.Double:
			s.double = string(t.Term)
		case analysis.Single, analysis.Ideographic:
			s.single = string(t.Term)
		default:
			s.other = string(t.Term)
		}
	}
	var terms []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for p := 1; p <= maxPos; {
		s := slots[p]
		switch {
		case s.other != "":
			add(s.other)
			p++
		case s.double == "" && s.single != "":
			add(s.single) // a run of one
			p++
		case s.double != "":
			// a CJK run from p: its pairs are at p..end-1. Every pair (or
			// triple), not every other one: positions run on across
			// punctuation, so only overlapping ones prove the characters
			// were neighbours (说明。党委 has no 明党).
			end := p
			for end+1 <= maxPos && slots[end].double != "" {
				end++
			}
			for k := p; k < end; k++ {
				add(slots[k].double)
			}
			for k := p; k+1 < end; k++ {
				// the triple at k: pair k and the last character of pair k+1
				next := slots[k+1].double
				_, size := utf8.DecodeLastRuneInString(next)
				a, b := slots[k].double, next[len(next)-size:]
				_, sa := utf8.DecodeRuneInString(a)
				add(string(tripleTerm([]byte(a[:sa]), []byte(a[sa:]), []byte(b))))
			}
			p = end + 1
		default:
			p++
		}
	}
	return terms
}

// textQuery is the query that finds the candidates for q in field: the
// documents that hold every term of queryTerms. They hold q's runs'
// triples (or pairs) and words, not necessarily in q's order: Search
// keeps only those whose text holds q (Find).
func textQuery(a analysis.Analyzer, q, field string) (query.Query, bool) {
	terms := queryTerms(a, Prepare(q))
	if len(terms) == 0 {
		return nil, false
	}
	if len(terms) == 1 {
		tq := query.NewTermQuery(terms[0])
		tq.SetField(field)
		return tq, true
	}
	cq := query.NewConjunctionQuery(nil)
	for _, t := range terms {
		tq := query.NewTermQuery(t)
		tq.SetField(field)
		cq.AddQuery(tq)
	}
	return cq, true
}
