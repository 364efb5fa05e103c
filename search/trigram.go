package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/registry"
)

// The CJK n-gram filter: bleve's CJK bigram filter (every character and
// every pair of neighbours, unchanged), plus every run of three
// neighbouring characters, as tokens of type analysis.Shingle appended
// after the rest. A query of three or more CJK characters is the
// conjunction of its triples (textQuery): a document that holds every
// triple but not in order is rare, where holding every pair without the
// order was common (给走组行 read up to 1,000 candidates per query at
// 100,000 articles, each checked against its text). Neighbours are what
// the bigram filter calls neighbours: ideographic tokens (Han and kana)
// whose bytes touch (the end of one is the start of the next), so a
// triple never spans punctuation, a space or a Latin word.
//
// Triples carry positions after every other token's: the index keeps no
// positions (no term vectors), and phraseTerms, which reads positions,
// skips them.
const trigramName = "copydesk_cjk_ngram"

type ngramFilter struct{ bigram *cjk.CJKBigramFilter }

func (f ngramFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	// the triples from the input before the bigram filter renumbers it
	type char struct{ start, end int }
	var tri analysis.TokenStream
	var run [3]char // the last up to three neighbouring characters
	var src [3][]byte
	n := 0
	for _, tok := range input {
		if tok.Type != analysis.Ideographic {
			n = 0
			continue
		}
		for off := 0; off < len(tok.Term); {
			_, size := utf8.DecodeRune(tok.Term[off:])
			c := char{tok.Start + off, tok.Start + off + size}
			if n > 0 && run[min(n, 3)-1].end != c.start {
				n = 0
			}
			if n == 3 {
				run[0], run[1] = run[1], run[2]
				src[0], src[1] = src[1], src[2]
				n = 2
			}
			run[n], src[n] = c, tok.Term[off:off+size]
			n++
			if n == 3 {
				term := tripleTerm(src[0], src[1], src[2])
				tri = append(tri, &analysis.Token{Term: term, Start: run[0].start, End: run[2].end, Type: analysis.Shingle})
			}
			off += size
		}
	}
	out := f.bigram.Filter(input)
	pos := 0
	for _, t := range out {
		pos = max(pos, t.Position)
	}
	for i, t := range tri {
		t.Position = pos + 1 + i
	}
	return append(out, tri...)
}

func init() {
	err := registry.RegisterTokenFilter(trigramName, func(config map[string]any, _ *registry.Cache) (analysis.TokenFilter, error) {
		return ngramFilter{bigram: cjk.NewCJKBigramFilter(true)}, nil
	})
	if err != nil {
		panic(err)
	}
}

// tripleBuckets is how many terms the triples are hashed into. Hashing
// bounds the term dictionary (every distinct triple of a corpus is
// millions of terms: at 5,000 articles they doubled the index and the
// rebuild's CPU) while a posting per document and bucket stays; the price
// is collisions: a document holds a given bucket by chance with
// probability ~(its distinct triples)/tripleBuckets (~1 % for a
// 600-character body), so a triple is never proof of a match, and
// queryTerms asks for the pairs too.
const tripleBuckets = 1 << 16

// tripleTerm is the term of the triple abc: "#" (never in a token of the
// tokenizer's, which splits at punctuation) and its bucket in hex.
func tripleTerm(a, b, c []byte) []byte {
	h := uint32(2166136261) // FNV-1a
	for _, p := range [3][]byte{a, b, c} {
		for _, x := range p {
			h ^= uint32(x)
			h *= 16777619
		}
	}
	const hexd = "0123456789abcdef"
	v := h % tripleBuckets
	return []byte{'#', hexd[v>>12&15], hexd[v>>8&15], hexd[v>>4&15], hexd[v&15]}
}
