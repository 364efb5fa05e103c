package proof

// This is the rune-level automaton copydesk used before it switched to
// github.com/coregx/ahocorasick (issue 10); kept here as the baseline of
// the comparison.

// runeAC is an Aho–Corasick automaton over runes (Aho & Corasick 1975).
//
// Why not a library: the maintained Go ones were measured on this
// workload (proof/testdata/acbench, numbers in BENCHMARKS.md): building
// 10,000 Chinese phrases costs 0.55–1.0 s of CPU with
// github.com/coregx/ahocorasick (a full byte-level DFA; it has no NFA-only
// mode), 0.44–0.57 s with BobuSumisu/aho-corasick, 0.17–0.39 s with
// petar-dambovaliev/aho-corasick's NFA, against a budget of well under
// 200 ms (every list change and every CLI `article check` builds one); the
// only fast one, anknown/ahocorasick, is unmaintained since 2019. This automaton keeps
// the goto function in one hash map keyed by (state, rune): building is
// linear in the total length of the patterns (≈ 30 ms for 10,000 phrases
// and their halves) and matching costs one map lookup per character plus
// amortised failure steps — independent of the number of patterns.
type runeAC struct {
	next  map[uint64]int32 // (state<<21 | rune) → state
	fail  []int32
	out   [][]int32 // patterns ending at a state (own only)
	dict  []int32   // nearest state on the failure chain with output, or -1
	plen  []int32   // pattern lengths in runes
	depth []int32
}

func acKey(s int32, r rune) uint64 { return uint64(s)<<21 | uint64(r&0x1FFFFF) }

func newRuneAC(patterns []string) *runeAC {
	a := &runeAC{next: make(map[uint64]int32, len(patterns)*6)}
	a.fail = append(a.fail, 0)
	a.out = append(a.out, nil)
	a.depth = append(a.depth, 0)
	var kids [][]rune // children runes per state, for the BFS
	kids = append(kids, nil)
	for id, p := range patterns {
		s := int32(0)
		n := int32(0)
		for _, r := range p {
			n++
			t, ok := a.next[acKey(s, r)]
			if !ok {
				t = int32(len(a.fail))
				a.next[acKey(s, r)] = t
				a.fail = append(a.fail, 0)
				a.out = append(a.out, nil)
				a.depth = append(a.depth, a.depth[s]+1)
				kids = append(kids, nil)
				kids[s] = append(kids[s], r)
			}
			s = t
		}
		a.plen = append(a.plen, n)
		if n > 0 {
			a.out[s] = append(a.out[s], int32(id))
		}
	}
	a.dict = make([]int32, len(a.fail))
	a.dict[0] = -1
	queue := make([]int32, 0, len(a.fail))
	for _, r := range kids[0] {
		t := a.next[acKey(0, r)]
		a.fail[t] = 0
		a.dict[t] = -1
		queue = append(queue, t)
	}
	for q := 0; q < len(queue); q++ {
		s := queue[q]
		for _, r := range kids[s] {
			t := a.next[acKey(s, r)]
			f := a.fail[s]
			for {
				if g, ok := a.next[acKey(f, r)]; ok {
					a.fail[t] = g
					break
				}
				if f == 0 {
					a.fail[t] = 0
					break
				}
				f = a.fail[f]
			}
			if ft := a.fail[t]; len(a.out[ft]) > 0 {
				a.dict[t] = ft
			} else {
				a.dict[t] = a.dict[ft]
			}
			queue = append(queue, t)
		}
	}
	return a
}

// acMatch is one match: pattern id and rune span [a, b).
type acMatch struct{ id, a, b int }

// findAll returns every (overlapping) match in rs.
func (a *runeAC) findAll(rs []rune, fn func(acMatch)) {
	s := int32(0)
	for i, r := range rs {
		for {
			if t, ok := a.next[acKey(s, r)]; ok {
				s = t
				break
			}
			if s == 0 {
				break
			}
			s = a.fail[s]
		}
		for o := s; o > 0; {
			for _, id := range a.out[o] {
				fn(acMatch{int(id), i + 1 - int(a.plen[id]), i + 1})
			}
			if o = a.dict[o]; o < 0 {
				break
			}
		}
	}
}
