package proof

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// cpuTime is the process's user+system CPU time. The benchmarks report it per
// operation (cpu-ns/op) next to wall time, because on a shared, loaded
// machine wall time mostly measures waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// article20k is ~20,000 characters of news text: the clean corpus repeated.
func article20k(b testing.TB) string {
	paras := readParas(b, "clean.txt")
	var sb strings.Builder
	for i := 0; utf8.RuneCountInString(sb.String()) < 20000; i++ {
		sb.WriteString(paras[i%len(paras)])
		sb.WriteString("\n\n")
	}
	r := []rune(sb.String())
	return string(r[:20000])
}

const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质民"

// officeListsBig: 10,000 fixed phrases and 2,000 people with titles.
func officeListsBig() Lists {
	rng := rand.New(rand.NewSource(1))
	han := []rune(commonHan)
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = han[rng.Intn(len(han))]
		}
		return string(r)
	}
	l := Lists{Entries: map[ListKind][]Entry{}}
	for i := 0; i < 10000; i++ {
		l.Entries[ListFixed] = append(l.Entries[ListFixed], Entry{Term: word(4 + rng.Intn(9))})
	}
	titles := []string{"党委书记", "校长", "副校长", "党委副书记", "纪委书记", "院长", "副院长", "处长", "副处长", "主任"}
	for i := 0; i < 2000; i++ {
		l.Entries[ListTitle] = append(l.Entries[ListTitle], Entry{Term: word(2 + rng.Intn(2)), Value: titles[rng.Intn(len(titles))]})
	}
	return l
}

func BenchmarkCheck20k(b *testing.B) {
	text := article20k(b)
	for _, bc := range []struct {
		name  string
		lists Lists
	}{{"rules", Lists{}}, {"rules+10k-fixed+2k-titles", officeListsBig()}} {
		c := mustChecker(b, bc.lists, nil)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			t0 := cpuTime()
			for i := 0; i < b.N; i++ {
				_ = c.CheckField(FieldBody, text, true)
			}
			b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkListScaling: the per-character cost with 10 and with 10,000
// fixed phrases.
func BenchmarkListScaling(b *testing.B) {
	text := article20k(b)
	big := officeListsBig()
	for _, n := range []int{10, 10000} {
		l := Lists{Entries: map[ListKind][]Entry{ListFixed: big.Entries[ListFixed][:n]}}
		c := mustChecker(b, l, nil)
		b.Run(fmt.Sprintf("fixed=%d", n), func(b *testing.B) {
			d := newDoc(FieldBody, text)
			t0 := cpuTime()
			for i := 0; i < b.N; i++ {
				c.m.run(d, func(hit) {})
			}
			b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkBuildChecker(b *testing.B) {
	big := officeListsBig()
	b.ResetTimer()
	t0 := cpuTime()
	for i := 0; i < b.N; i++ {
		mustChecker(b, big, nil)
	}
	b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkCheckerMemory: the memory held by a checker with the office
// lists of BenchmarkCheck20k (31,862 patterns in the automaton): live heap
// after GC and the process's resident set, each as the difference between
// before the build and after it (the checker kept alive).
func BenchmarkCheckerMemory(b *testing.B) {
	big := officeListsBig()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		debug.FreeOSMemory()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		rss0 := rssBytes()
		c := mustChecker(b, big, nil)
		runtime.GC()
		runtime.ReadMemStats(&m1)
		rss1 := rssBytes()
		b.ReportMetric(float64(c.m.ac.PatternCount()), "patterns")
		b.ReportMetric(float64(c.m.ac.StateCount()), "states")
		b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "heap-MiB")
		b.ReportMetric(float64(rss1-rss0)/(1<<20), "rss-MiB")
		b.ReportMetric(float64(rss1)/(1<<20), "rss-total-MiB")
		runtime.KeepAlive(c)
	}
}

// rssBytes is the process's resident set size (VmRSS of /proc/self/status;
// 0 where there is none).
func rssBytes() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
