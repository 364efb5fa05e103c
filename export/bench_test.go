package export

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The benchmark corpus: 1,000 articles of about 12,000 characters each,
// with numbered headings, lists, tables, quotes and, in every third
// article, two photos.
const (
	benchArticles = 1000
	benchChars    = 12000
)

var (
	benchOnce sync.Once
	benchSrc  *memSource
)

func benchCorpus(b testing.TB) *memSource {
	benchOnce.Do(func() { benchSrc = genSource(benchArticles, benchChars, 2) })
	return benchSrc
}

// BenchmarkExportFull exports the whole corpus into an empty directory.
func BenchmarkExportFull(b *testing.B) {
	for _, sync := range []bool{true, false} {
		b.Run(fmt.Sprintf("sync=%v", sync), func(b *testing.B) {
			src := benchCorpus(b)
			var chars int
			for _, a := range src.arts {
				chars += utf8.RuneCountInString(a.Body)
			}
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				dir, err := os.MkdirTemp("", "copydesk-export-bench-")
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := Export(src, dir, Options{BaseURL: "https://news.example.edu.cn/", NoSync: !sync})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if res.Rendered != benchArticles {
					b.Fatalf("rendered %d", res.Rendered)
				}
				os.RemoveAll(dir)
				b.StartTimer()
			}
			b.ReportMetric(float64(chars)/float64(len(src.arts)), "chars/article")
		})
	}
}

// BenchmarkExportWarm exports the whole corpus into an empty directory
// with a warm render cache (no body is parsed or sanitized): templates,
// the provenance record, hashing and file creation.
func BenchmarkExportWarm(b *testing.B) {
	src := benchCorpus(b)
	cache := b.TempDir()
	opts := Options{BaseURL: "https://news.example.edu.cn/", RenderCacheDir: cache}
	if _, err := Export(src, b.TempDir(), opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir, err := os.MkdirTemp("", "copydesk-export-bench-")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Export(src, dir, opts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
}

// BenchmarkExportForce renders every article again into an existing site
// (Options.Force) whose files are all current: the rendering cost of a
// full export without the cost of creating 3,000 files.
func BenchmarkExportForce(b *testing.B) {
	src := benchCorpus(b)
	dir := b.TempDir()
	opts := Options{BaseURL: "https://news.example.edu.cn/"}
	if _, err := Export(src, dir, opts); err != nil {
		b.Fatal(err)
	}
	opts.Force = true
	b.ReportAllocs()
	for b.Loop() {
		res, err := Export(src, dir, opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Rendered != benchArticles || len(res.Written) != 0 {
			b.Fatalf("rendered %d, wrote %d", res.Rendered, len(res.Written))
		}
	}
}

// BenchmarkReexportOneEdit re-exports the corpus after one article got a
// new signed revision: one page is rendered, and its page (holding its
// provenance record), the index page listing it, the feed and the sitemap
// are written.
func BenchmarkReexportOneEdit(b *testing.B) {
	for _, sync := range []bool{true, false} {
		b.Run(fmt.Sprintf("sync=%v", sync), func(b *testing.B) {
			src := benchSource(b)
			arts := append([]Article(nil), src.arts...)
			s := &memSource{arts: arts, media: src.media}
			dir := b.TempDir()
			opts := Options{BaseURL: "https://news.example.edu.cn/", NoSync: !sync}
			if _, err := Export(s, dir, opts); err != nil {
				b.Fatal(err)
			}
			at := len(arts) - 10
			orig := arts[at]
			n := 0
			var cpu cpuMeter
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				n++
				a := orig
				a.UpdatedAt = a.UpdatedAt.Add(time.Duration(n) * time.Minute)
				edit(&a, fmt.Sprintf("%s（第%d次修订）", orig.Title, n), fmt.Sprintf("第%d次更正。", n))
				arts[at] = a
				b.StartTimer()
				cpu.start()
				res, err := Export(s, dir, opts)
				cpu.stop()
				if err != nil {
					b.Fatal(err)
				}
				if res.Rendered != 1 || len(res.Written) != 4 { // the page, index.html, feed.xml, sitemap.xml
					b.Fatalf("rendered %d, wrote %v", res.Rendered, res.Written)
				}
			}
			cpu.report(b)
		})
	}
}

// benchSource is the benchmark corpus, or COPYDESK_BENCH_N articles of
// the same kind (e.g. 10000; not in CI).
func benchSource(b *testing.B) *memSource {
	if n, err := strconv.Atoi(os.Getenv("COPYDESK_BENCH_N")); err == nil && n > 0 {
		return genSource(n, benchChars, 2)
	}
	return benchCorpus(b)
}

// cpuMeter sums the process's user and system CPU time over the timed
// calls, for a per-op figure that a loaded machine distorts less than
// wall time.
type cpuMeter struct{ u0, s0, user, sys time.Duration }

func (c *cpuMeter) start() { c.u0, c.s0 = cpuTimes() }

func (c *cpuMeter) stop() {
	u, s := cpuTimes()
	c.user += u - c.u0
	c.sys += s - c.s0
}

func (c *cpuMeter) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(c.user+c.sys)/float64(b.N)/1e6, "cpu-ms/op")
		b.ReportMetric(float64(c.sys)/float64(b.N)/1e6, "sys-ms/op")
	}
}

// BenchmarkReexportNoChange re-exports an unchanged corpus (nothing written).
func BenchmarkReexportNoChange(b *testing.B) {
	src := benchSource(b)
	dir := b.TempDir()
	if _, err := Export(src, dir, Options{BaseURL: "https://news.example.edu.cn/"}); err != nil {
		b.Fatal(err)
	}
	var cpu cpuMeter
	b.ReportAllocs()
	for b.Loop() {
		cpu.start()
		res, err := Export(src, dir, Options{BaseURL: "https://news.example.edu.cn/"})
		cpu.stop()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Written) != 0 {
			b.Fatalf("wrote %v", res.Written)
		}
	}
	cpu.report(b)
}

// mediaOf resolves the media a's body refers to, from src, as the
// pipeline gives them to renderMarkdown; it returns them and their ids.
func mediaOf(tb testing.TB, src *memSource, a *Article) (map[string]*resolvedMedia, []string) {
	tb.Helper()
	media := map[string]*resolvedMedia{}
	ids, err := mediaRefs(a.Body)
	if err != nil {
		tb.Fatal(err)
	}
	for _, id := range ids {
		m, _, err := resolveMedia(a.ID, id, src.media[id])
		if err != nil {
			tb.Fatal(err)
		}
		media[id] = m
	}
	return media, ids
}

// BenchmarkRenderArticle renders one 12,000-character article (goldmark,
// bluemonday, template), the unit of work of a full export.
func BenchmarkRenderArticle(b *testing.B) {
	src := benchCorpus(b)
	s, err := newSite(Options{}.withDefaults())
	if err != nil {
		b.Fatal(err)
	}
	a := src.arts[2] // has photos
	media, _ := mediaOf(b, src, &a)
	var cpu cpuMeter
	b.ReportAllocs()
	cpu.start()
	for b.Loop() {
		if _, _, _, _, err := s.renderArticle(&a, a.Body, "", nil, media, nil); err != nil {
			b.Fatal(err)
		}
	}
	cpu.stop()
	cpu.report(b)
}

// BenchmarkSanitizeBody sanitizes one rendered 12,000-character body with
// bluemonday alone and with sanitize (cleanSubset, bluemonday's output).
func BenchmarkSanitizeBody(b *testing.B) {
	src := benchCorpus(b)
	a := src.arts[1]
	st := &mdState{article: a.ID, used: map[string]bool{}, prefix: "../../"}
	raw, err := renderMarkdown(st, a.Body)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    func([]byte) []byte
	}{{"bluemonday", bodyPolicy().SanitizeBytes}, {"sanitize", sanitize}} {
		b.Run(c.name, func(b *testing.B) {
			var cpu cpuMeter
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			cpu.start()
			for b.Loop() {
				c.f(raw)
			}
			cpu.stop()
			cpu.report(b)
		})
	}
}

// craftedBody returns about size bytes of a crafted body of the given
// shape:
//
//   - "paragraph": the kind that made the old hand-written summary
//     stripper quadratic: one long paragraph full of unclosed [ and <,
//     emphasis next to Chinese punctuation, _ inside words and ~ between
//     numbers, wrapped every few dozen characters;
//   - "paragraphs": the same lines in paragraphs of 20 lines;
//   - "delimiters": unmatched * openers, then ~ closers, in paragraphs of
//     6,000 runs (goldmark alone is quadratic on one such paragraph).
func craftedBody(shape string, size int) string {
	const line = "[学院党委<高度重视，**多次召开会议**，class_2026_list 与 9:00~11:30 [见<附件\n"
	var b strings.Builder
	b.Grow(size + 64<<10)
	for i := 0; b.Len() < size; i++ {
		switch shape {
		case "paragraph":
			b.WriteString(line)
		case "paragraphs":
			b.WriteString(line)
			if i%20 == 19 {
				b.WriteString("\n")
			}
		case "delimiters":
			b.WriteString(strings.Repeat("*a ", 3000) + strings.Repeat("b~c ", 3000) + "\n\n")
		}
	}
	return b.String()
}

// BenchmarkSummaryRender parses, summarises and renders crafted bodies of
// 1 MiB and 2 MiB: time per byte must stay flat (issue 8: 2 MiB ≤ 2.5× 1
// MiB).
func BenchmarkSummaryRender(b *testing.B) {
	for _, shape := range []string{"paragraph", "paragraphs", "delimiters"} {
		for _, mib := range []int{1, 2} {
			body := craftedBody(shape, mib<<20)
			b.Run(fmt.Sprintf("%s/MiB=%d", shape, mib), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					st := &mdState{media: map[string]*resolvedMedia{}, used: map[string]bool{}}
					if _, err := renderMarkdown(st, body); err != nil {
						b.Fatal(err)
					}
					if st.summary == "" {
						b.Fatal("no summary")
					}
				}
			})
		}
	}
}

// BenchmarkReexportStoreNoChange re-exports, from a real database, the
// site an earlier export of it made, with nothing changed: the CLI's
// path after the process has started (store headers, manifest, keys).
// $COPYDESK_BENCH_DB names the database (e.g. 10,000 imported articles)
// and $COPYDESK_BENCH_OUT the site it was exported into; skipped without.
func BenchmarkReexportStoreNoChange(b *testing.B) {
	db, out := os.Getenv("COPYDESK_BENCH_DB"), os.Getenv("COPYDESK_BENCH_OUT")
	if db == "" || out == "" {
		b.Skip("set COPYDESK_BENCH_DB and COPYDESK_BENCH_OUT")
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	opts, err := SiteOptions(st)
	if err != nil {
		b.Fatal(err)
	}
	var cpu cpuMeter
	for b.Loop() {
		cpu.start()
		res, err := Export(FromStore(st), out, opts)
		cpu.stop()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Written) != 0 {
			b.Fatalf("wrote %d files", len(res.Written))
		}
	}
	cpu.report(b)
}

// BenchmarkBoundMarkdown bounds one 12,000-character corpus body
// (model.BoundMarkdown, run on every body before goldmark).
func BenchmarkBoundMarkdown(b *testing.B) {
	body := benchCorpus(b).arts[1].Body
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, changed := model.BoundMarkdown(body); changed {
			b.Fatal("changed")
		}
	}
}
