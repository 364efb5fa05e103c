package proof

import (
	"sort"
	"strings"

	"github.com/coregx/ahocorasick"
)

type refKind uint8

const (
	refExact refKind = iota // a listed fixed phrase / country / org, exactly
	refLeft                 // the left half of a phrase (near-miss candidates)
	refRight                // the right half
	refName                 // a person's name (ListTitle)
	refTitle                // a title (ListTitle)
	refBanned
	refCaution
	refSensitive
)

type ref struct {
	kind refKind
	idx  int
}

type phrase struct {
	r    []rune
	kind ListKind
}

type person struct {
	name   string
	titles []string
	rank   int
}

// matcher is the office's lists compiled into one Aho–Corasick automaton:
// github.com/coregx/ahocorasick v0.3.1, a byte-level DFA over the UTF-8
// patterns, matched with FindAllOverlapping (every match, overlapping).
// Building it is the expensive part (≈ 0.5–1 s of CPU for 10,000 phrases
// with their halves, see BENCHMARKS.md "三校 checks"), so callers keep one
// per list version (store's checker cache); matching costs one table step
// per byte, independent of the number of patterns.
// Near misses of listed phrases (one character different, inserted or
// dropped) are found through the halves of each phrase: any such variant
// contains one half exactly (pigeonhole), and each hit of a half is verified
// against the phrase with an early-exit comparison.
type matcher struct {
	ac      *ahocorasick.Automaton
	refs    [][]ref // by pattern ID
	phrases []phrase
	exact   map[string]bool
	people  []person
	titles  []string
	banned  []Entry
	caution []Entry
	sens    []Entry
}

// minNearMiss is the shortest phrase checked for near misses: with fewer
// characters one changed character makes a different, valid word too often.
const minNearMiss = 4

func compileLists(l Lists) (*matcher, error) {
	m := &matcher{exact: map[string]bool{}}
	ids := map[string]int{}
	var pats []string
	add := func(p string, rf ref) {
		if p == "" {
			return // matches nothing (the automaton refuses empty patterns)
		}
		id, ok := ids[p]
		if !ok {
			id = len(pats)
			ids[p] = id
			pats = append(pats, p)
			m.refs = append(m.refs, nil)
		}
		m.refs[id] = append(m.refs[id], rf)
	}
	for _, k := range []ListKind{ListFixed, ListCountry, ListOrg} {
		for _, e := range l.Entries[k] {
			if m.exact[e.Term] {
				continue
			}
			m.exact[e.Term] = true
			r := []rune(e.Term)
			idx := len(m.phrases)
			m.phrases = append(m.phrases, phrase{r: r, kind: k})
			add(e.Term, ref{refExact, idx})
			if len(r) >= minNearMiss {
				h := len(r) / 2
				add(string(r[:h]), ref{refLeft, idx})
				add(string(r[h:]), ref{refRight, idx})
			}
		}
	}
	titleID := map[string]int{}
	for i, e := range l.Entries[ListTitle] {
		ts := splitTitles(e.Value)
		m.people = append(m.people, person{name: e.Term, titles: ts, rank: i})
		add(e.Term, ref{refName, i})
		for _, t := range ts {
			if _, ok := titleID[t]; !ok {
				titleID[t] = len(m.titles)
				m.titles = append(m.titles, t)
				add(t, ref{refTitle, titleID[t]})
			}
		}
	}
	for i, e := range l.Entries[ListBanned] {
		m.banned = append(m.banned, e)
		add(e.Term, ref{refBanned, i})
	}
	for i, e := range l.Entries[ListCaution] {
		m.caution = append(m.caution, e)
		add(e.Term, ref{refCaution, i})
	}
	for i, e := range l.Entries[ListSensitive] {
		m.sens = append(m.sens, e)
		add(e.Term, ref{refSensitive, i})
	}
	if len(pats) == 0 {
		return nil, nil
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(pats).SetByteClasses(true).Build()
	if err != nil {
		return nil, err
	}
	m.ac = ac
	return m, nil
}

type span struct{ a, b, idx int }

// acMatch is one match: pattern id and rune span [a, b).
type acMatch struct{ id, a, b int }

// find returns every (overlapping) match of the lists in d, in rune
// offsets. d.s is valid UTF-8 and so are the patterns, so every byte match
// starts and ends on a rune boundary (UTF-8 is self-synchronising).
func (m *matcher) find(d *doc) []acMatch {
	bm := m.ac.FindAllOverlapping([]byte(d.s))
	if len(bm) == 0 {
		return nil
	}
	out := make([]acMatch, 0, len(bm))
	for _, x := range bm {
		a, b := sort.SearchInts(d.off, x.Start), sort.SearchInts(d.off, x.End)
		if a >= len(d.off) || d.off[a] != x.Start || b >= len(d.off) || d.off[b] != x.End {
			continue // not on rune boundaries: cannot happen with valid UTF-8
		}
		out = append(out, acMatch{x.PatternID, a, b})
	}
	return out
}

func (m *matcher) run(d *doc, out emit) {
	ms := m.find(d)
	if len(ms) == 0 {
		return
	}
	var exact, names, titles []span
	var cands []span // near-miss windows
	var words []hit
	seen := map[[3]int]bool{}
	for _, mt := range ms {
		a, b := mt.a, mt.b
		if d.skipped(a, b) {
			continue
		}
		for _, rf := range m.refs[mt.id] {
			switch rf.kind {
			case refExact:
				exact = append(exact, span{a, b, rf.idx})
			case refLeft, refRight:
				p := m.phrases[rf.idx].r
				for delta := -1; delta <= 1; delta++ {
					wa, wb := a, a+len(p)+delta
					if rf.kind == refRight {
						wa, wb = b-len(p)-delta, b
					}
					if wa < 0 || wb > len(d.r) || wb-wa < minNearMiss-1 {
						continue
					}
					key := [3]int{wa, wb, rf.idx}
					if seen[key] {
						continue
					}
					seen[key] = true
					if nearMiss(p, d.r[wa:wb]) && !d.skipped(wa, wb) && !m.exact[string(d.r[wa:wb])] {
						cands = append(cands, span{wa, wb, rf.idx})
					}
				}
			case refName:
				names = append(names, span{a, b, rf.idx})
			case refTitle:
				titles = append(titles, span{a, b, rf.idx})
			case refBanned:
				e := m.banned[rf.idx]
				h := hit{rule: RuleBanned, a: a, b: b, msg: say(MsgBanned, "Term", e.Term)}
				if e.Value != "" {
					h.msg = say(MsgBannedFix, "Term", e.Term, "Fix", e.Value)
					h.fix = strp(e.Value)
				}
				words = append(words, h)
			case refCaution:
				e := m.caution[rf.idx]
				h := hit{rule: RuleCaution, a: a, b: b, msg: say(MsgCaution, "Term", e.Term)}
				if e.Value != "" {
					h.msg = say(MsgCautionFix, "Term", e.Term, "Fix", e.Value)
					h.fix = strp(e.Value)
				}
				words = append(words, h)
			case refSensitive:
				words = append(words, hit{rule: RuleSensitive, a: a, b: b, msg: say(MsgSensitive, "Term", m.sens[rf.idx].Term)})
			}
		}
	}
	// near misses that overlap an exact listed phrase are parts of it, those
	// that overlap a banned or caution word are explained by it; of
	// overlapping near misses the longest phrase wins
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].b-cands[i].a > cands[j].b-cands[j].a })
	var taken []span
	for _, w := range words {
		if w.rule != RuleSensitive {
			taken = append(taken, span{w.a, w.b, -1})
		}
	}
	for _, c := range cands {
		ok := true
		for _, e := range append(exact, taken...) {
			if c.a < e.b && e.a < c.b {
				ok = false
				break
			}
		}
		if ok {
			taken = append(taken, c)
			p := m.phrases[c.idx]
			out(hit{rule: RuleNearMiss, a: c.a, b: c.b, msg: say(nearMissMsg[p.kind], "Text", string(d.r[c.a:c.b]), "Fix", string(p.r)), fix: strp(string(p.r))})
		}
	}
	// list words: at one start the longest wins; nested ones are dropped
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].a != words[j].a {
			return words[i].a < words[j].a
		}
		return words[i].b > words[j].b
	})
	end := map[string]int{}
	for _, w := range words {
		if e, ok := end[w.rule]; ok && w.a < e {
			continue
		}
		end[w.rule] = w.b
		out(w)
	}
	if len(names) > 0 {
		m.checkTitles(d, names, titles, out)
		m.checkRank(d, names, out)
	}
}

// nearMiss reports whether w differs from p by exactly one edit that a
// typist makes inside a phrase: a changed, inserted or dropped character
// that is not at either end (a changed end character counts for phrases of
// six or more characters), and the new character is a Chinese character.
func nearMiss(p, w []rune) bool {
	n := len(p)
	i := 0
	for i < n && i < len(w) && p[i] == w[i] {
		i++
	}
	switch len(w) - n {
	case 0:
		if i == n {
			return false
		}
		if !eqRunes(p[i+1:], w[i+1:]) || !isHan(w[i]) {
			return false
		}
		return n >= 6 || (i > 0 && i < n-1)
	case 1: // inserted at w[i]
		if i == 0 || i >= n || !isHan(w[i]) {
			return false
		}
		return eqRunes(p[i:], w[i+1:])
	case -1: // p[i] dropped
		if i == 0 || i >= n-1 {
			return false
		}
		return eqRunes(p[i+1:], w[i:])
	}
	return false
}

func (m *matcher) personHas(p person, t string) bool {
	for _, own := range p.titles {
		switch {
		case own == t:
			return true
		case strings.HasSuffix(t, own): // 党委副书记 for 副书记
			if !strings.HasSuffix(strings.TrimSuffix(t, own), "副") {
				return true
			}
		case strings.HasSuffix(own, t): // 书记 for 党委书记, but not 校长 for 副校长
			if !strings.HasSuffix(strings.TrimSuffix(own, t), "副") {
				return true
			}
		}
	}
	return false
}

// checkTitles (P14): a listed title right before or after a listed name
// must be one of that person's titles. The longest title touching the name
// is compared; 原/前 before it (a former post) is not checked.
func (m *matcher) checkTitles(d *doc, names, titles []span, out emit) {
	before := map[int]span{} // title ending at rune i, the longest
	after := map[int]span{}
	for _, t := range titles {
		if o, ok := before[t.b]; !ok || t.b-t.a > o.b-o.a {
			before[t.b] = t
		}
		if o, ok := after[t.a]; !ok || t.b-t.a > o.b-o.a {
			after[t.a] = t
		}
	}
	for _, n := range names {
		p := m.people[n.idx]
		for _, t := range []span{before[n.a], after[n.b]} {
			if t.b == 0 {
				continue
			}
			title := m.titles[t.idx]
			if m.personHas(p, title) || strings.ContainsRune("原前", d.at(t.a-1)) {
				continue
			}
			h := hit{rule: RuleTitle, a: t.a, b: t.b, msg: say(MsgTitle, "Name", p.name, "Titles", strings.Join(p.titles, "、"), "Title", title)}
			if len(p.titles) == 1 {
				h.fix = strp(p.titles[0])
			}
			out(h)
		}
	}
}

var attendVerbs = []string{"出席", "参加", "列席", "参会", "到会"}

// checkRank (P14-order): in a sentence that lists who attended (出席, 参加,
// 列席 …), listed people appear in the configured rank order.
func (m *matcher) checkRank(d *doc, names []span, out emit) {
	sort.Slice(names, func(i, j int) bool { return names[i].a < names[j].a })
	k := 0
	for k < len(names) {
		// the sentence around names[k]
		sa := names[k].a
		for sa > 0 && !strings.ContainsRune("。！？\n", d.r[sa-1]) {
			sa--
		}
		sb := names[k].b
		for sb < len(d.r) && !strings.ContainsRune("。！？\n", d.r[sb]) {
			sb++
		}
		var in []span
		for k < len(names) && names[k].a < sb {
			in = append(in, names[k])
			k++
		}
		sent := string(d.r[sa:sb])
		attend := false
		for _, v := range attendVerbs {
			if strings.Contains(sent, v) {
				attend = true
			}
		}
		if !attend || len(in) < 2 {
			continue
		}
		for j := 1; j < len(in); j++ {
			pj := m.people[in[j].idx]
			for i := 0; i < j; i++ {
				pi := m.people[in[i].idx]
				if pi.rank > pj.rank && pi.name != pj.name {
					out(hit{rule: RuleRankOrder, a: in[j].a, b: in[j].b, msg: say(MsgRankOrder, "Name", pj.name, "Before", pi.name)})
					break
				}
			}
		}
	}
}
