// Package proof (this nested module, outside copydesk's build) measures
// maintained Go Aho–Corasick libraries against copydesk's own rune
// automaton (acrune.go, linked from proof/) on the office lists'
// workload: 10,000 Chinese fixed phrases plus their halves (near misses)
// and 2,000 names with titles, matched overlapping over a 20,000-character
// article. Run:
//
//	cd proof/testdata/acbench && go test -run TestAgree -v -count 1
//	ONLY10K=1 go test -run TestAgree -v -count 1   # the 10,000 phrases alone
//
// Results are in BENCHMARKS.md (三校 checks).
package proof

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	bobu "github.com/BobuSumisu/aho-corasick"
	ank "github.com/anknown/ahocorasick"
	coregx "github.com/coregx/ahocorasick"
	petar "github.com/petar-dambovaliev/aho-corasick"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质民"

// patterns as proof.compileLists makes them for 10,000 fixed phrases
// (each, plus its two halves) and 2,000 姓名–职务 entries.
func patterns() []string {
	rng := rand.New(rand.NewSource(1))
	han := []rune(commonHan)
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = han[rng.Intn(len(han))]
		}
		return string(r)
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for i := 0; i < 10000; i++ {
		w := []rune(word(4 + rng.Intn(9)))
		add(string(w))
		if os.Getenv("ONLY10K") != "" {
			continue
		}
		h := len(w) / 2
		add(string(w[:h]))
		add(string(w[h:]))
	}
	titles := []string{"党委书记", "校长", "副校长", "党委副书记", "纪委书记", "院长", "副院长", "处长", "副处长", "主任"}
	if os.Getenv("ONLY10K") != "" {
		return out
	}
	for i := 0; i < 2000; i++ {
		add(word(2 + rng.Intn(2)))
		_ = titles[rng.Intn(len(titles))]
	}
	for _, t := range titles {
		add(t)
	}
	return out
}

func text20k(tb testing.TB) string {
	b, err := os.ReadFile("../clean.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var paras []string
	for _, p := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(p) != "" {
			paras = append(paras, p)
		}
	}
	var sb strings.Builder
	for i := 0; utf8.RuneCountInString(sb.String()) < 20000; i++ {
		sb.WriteString(paras[i%len(paras)])
		sb.WriteString("\n\n")
	}
	return string([]rune(sb.String())[:20000])
}

type lib struct {
	name  string
	build func(p []string) func(text string) int // returns #overlapping matches
}

var libs = []lib{
	{"ours-runeAC", func(p []string) func(string) int {
		a := newRuneAC(p)
		return func(t string) int { n := 0; a.findAll([]rune(t), func(acMatch) { n++ }); return n }
	}},
	{"coregx-v0.3.1-byteclasses", func(p []string) func(string) int {
		a, err := coregx.NewBuilder().AddStrings(p).SetByteClasses(true).SetMatchKind(coregx.LeftmostFirst).Build()
		if err != nil {
			panic(err)
		}
		return func(t string) int { return len(a.FindAllOverlapping([]byte(t))) }
	}},
	{"coregx-v0.3.1-noprefilter", func(p []string) func(string) int {
		a, err := coregx.NewBuilder().AddStrings(p).SetByteClasses(true).SetPrefilter(false).Build()
		if err != nil {
			panic(err)
		}
		return func(t string) int { return len(a.FindAllOverlapping([]byte(t))) }
	}},
	{"petar-NFA", func(p []string) func(string) int { return petarAC(p, false) }},
	{"petar-DFA", func(p []string) func(string) int { return petarAC(p, true) }},
	{"bobusumisu-v1.0.3", func(p []string) func(string) int {
		a := bobu.NewTrieBuilder().AddStrings(p).Build()
		return func(t string) int { return len(a.MatchString(t)) }
	}},
	{"anknown", func(p []string) func(string) int {
		rs := make([][]rune, len(p))
		for i, s := range p {
			rs[i] = []rune(s)
		}
		m := new(ank.Machine)
		if err := m.Build(rs); err != nil {
			panic(err)
		}
		return func(t string) int { return len(m.MultiPatternSearch([]rune(t), false)) }
	}},
}

// petarAC builds petar-dambovaliev/aho-corasick as an NFA or a DFA and
// returns a counter of overlapping matches.
func petarAC(p []string, dfa bool) func(string) int {
	b := petar.NewAhoCorasickBuilder(petar.Opts{MatchKind: petar.StandardMatch, DFA: dfa})
	a := b.Build(p)
	return func(t string) int {
		n := 0
		it := a.IterOverlapping(t)
		for m := it.Next(); m != nil; m = it.Next() {
			n++
		}
		return n
	}
}

func TestAgree(t *testing.T) {
	p := patterns()
	txt := text20k(t)
	want := -1
	for _, l := range libs {
		if os.Getenv("SKIP_"+strings.SplitN(l.name, "-", 2)[0]) != "" {
			continue
		}
		c0, w0 := cpuTime(), time.Now()
		f := l.build(p)
		bc, bw := cpuTime()-c0, time.Since(w0)
		n := f(txt)
		if want < 0 {
			want = n
		} else if n != want {
			t.Errorf("%s: %d matches, ours %d", l.name, n, want)
		}
		const reps = 20
		c0, w0 = cpuTime(), time.Now()
		for i := 0; i < reps; i++ {
			f(txt)
		}
		mc, mw := (cpuTime()-c0)/reps, time.Since(w0)/reps
		fmt.Printf("%-28s patterns=%d build wall %8v cpu %8v | match 20k chars wall %8v cpu %8v | matches %d\n", l.name, len(p), bw.Round(time.Millisecond), bc.Round(time.Millisecond), mw.Round(10*time.Microsecond), mc.Round(10*time.Microsecond), n)
	}
}
