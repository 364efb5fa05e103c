package export

import (
	"bytes"
	"html/template"
	"math/rand"
	"strings"
	"testing"
	"testing/fstest"
	texttemplate "text/template"
)

// The default theme's article page written in Go (writeDefaultArticle) is
// the page article.html prints, byte for byte, for every kind of article:
// empty and hostile fields (markup, quotes, +, NUL, invalid UTF-8, template
// syntax), meetings with some facts, corrections, several approvals, with
// and without a canonical URL.
func TestDefaultArticlePageMatchesTemplate(t *testing.T) {
	th, err := loadTheme(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !th.stock {
		t.Fatal("the default theme is not stock")
	}
	pool := []string{"", "党委宣传部", "张三", "<script>alert('x')</script>", `"a" & 'b' + c`, "\x00NUL", "\xff\xfe bad", "{{.Root}}",
		"sha256:0123456789abcdef", "2025-03-01T08:00:00+08:00", "  空格  ", "a\nb", `{"stage":"审核","name":"王音<>"}`, "&amp;", "🙂"}
	pick := func(r *rand.Rand) string { return pool[r.Intn(len(pool))] }
	list := func(r *rand.Rand) []string {
		var out []string
		for n := r.Intn(3); n > 0; n-- {
			out = append(out, pick(r))
		}
		return out
	}
	roots := []string{"../../", "https://news.example.edu.cn/articles/7/", "http://x/"}
	r := rand.New(rand.NewSource(21))
	for i := 0; i < 3000; i++ {
		d := ArticlePage{Site: SiteData{Title: pick(r), Lang: pick(r)}, Root: "../../"}
		if r.Intn(2) == 0 {
			d.Canonical = roots[r.Intn(len(roots))]
		}
		a := &d.Article
		a.ID, a.Rev = uint64(r.Intn(100000)), r.Intn(20)
		a.Title, a.Subtitle, a.Publisher, a.Source, a.Summary = pick(r), pick(r), pick(r), pick(r), pick(r)
		a.Byline, a.DateISO, a.DateText, a.ContentHash, a.ShortHash, a.Provenance = pick(r), pick(r), pick(r), pick(r), pick(r), pick(r)
		a.Body = template.HTML("<p>" + pick(r) + "</p>")
		if r.Intn(2) == 0 {
			a.CreditsHTML = creditsHTML(pick(r) + " " + pick(r))
		}
		if r.Intn(3) == 0 {
			a.Meeting = &MeetingData{Name: pick(r), Date: pick(r), Place: pick(r), Chair: pick(r), Attendees: list(r)}
		}
		for n := r.Intn(3); n > 0 && r.Intn(2) == 0; n-- {
			a.Corrections = append(a.Corrections, CorrectionData{Note: pick(r), DateISO: pick(r), DateText: pick(r)})
		}
		for n := r.Intn(4); n > 0; n-- {
			a.Approvals = append(a.Approvals, ApprovalData{Stage: pick(r), Display: pick(r), AtISO: pick(r), AtText: pick(r),
				Rev: r.Intn(9), AuditSeq: uint64(r.Intn(1 << 20)), JSON: pick(r)})
		}
		if !canWriteDefaultArticle(&d) {
			t.Fatalf("%q %q: not written by writeDefaultArticle", d.Root, d.Canonical)
		}
		var want, got bytes.Buffer
		if err := th.tmpl.ExecuteTemplate(&want, articleTemplate, d); err != nil {
			t.Fatal(err)
		}
		writeDefaultArticle(&got, &d)
		if got.String() != want.String() {
			w, g := want.String(), got.String()
			at := 0
			for at < len(w) && at < len(g) && w[at] == g[at] {
				at++
			}
			t.Fatalf("page %d differs at byte %d:\ntemplate …%q\nGo       …%q", i, at, w[max(0, at-80):min(len(w), at+80)], g[max(0, at-80):min(len(g), at+80)])
		}
	}
	// URLs the template would rewrite run the template.
	for _, u := range []string{"javascript:alert(1)", "https://x/a b", "https://x/?a=1&b=2", "https://x/é", "../../'"} {
		if canWriteDefaultArticle(&ArticlePage{Root: "../../", Canonical: u}) {
			t.Errorf("canonical %q taken as plain", u)
		}
	}
	// A theme with an .html file of its own runs its templates.
	own, err := loadTheme(fstest.MapFS{"base.html": {Data: []byte(strings.Replace(readDefault(t, "base.html"), "订阅", "RSS", 1))}})
	if err != nil {
		t.Fatal(err)
	}
	if own.stock {
		t.Fatal("a theme with its own base.html is taken as stock")
	}
	static, err := loadTheme(fstest.MapFS{"static/extra.css": {Data: []byte("p{}")}})
	if err != nil {
		t.Fatal(err)
	}
	if !static.stock {
		t.Fatal("a theme of static files only is not stock")
	}
}

func readDefault(t *testing.T, name string) string {
	b, err := defaultThemeFS.ReadFile("themes/default/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// On generated articles (meetings, photos, approvals, a base URL) the
// exported page is the same with the Go writer as with the template.
func TestDefaultArticlePageSameOnCorpus(t *testing.T) {
	src := genSource(30, 1000, 2)
	o := Options{BaseURL: "https://news.example.edu.cn/"}.withDefaults()
	s, err := newSite(o)
	if err != nil {
		t.Fatal(err)
	}
	if !s.theme.stock {
		t.Fatal("default theme not stock")
	}
	for i := range src.arts {
		a := &src.arts[i]
		media, _ := mediaOf(t, src, a)
		s.theme.stock = true
		fast, _, _, _, err := s.renderArticle(a, a.Body, "", nil, media, nil)
		if err != nil {
			t.Fatal(err)
		}
		fast = bytes.Clone(fast)
		s.theme.stock = false
		slow, _, _, _, err := s.renderArticle(a, a.Body, "", nil, media, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fast, slow) {
			t.Fatalf("article %d: the Go page differs from the template's", a.ID)
		}
		if !bytes.Contains(slow, []byte(`rel="canonical"`)) {
			t.Fatalf("article %d: no canonical link, the test does not cover it", a.ID)
		}
	}
}

// BenchmarkArticlePage renders one exported ~1,000-character article's
// page from its data with the default theme's template and with the Go
// writer (writeDefaultArticle), and builds its credits and byline lines
// both ways: the per-article template work of a warm export.
func BenchmarkArticlePage(b *testing.B) {
	src := genSource(3, 1000, 2)
	s, err := newSite(Options{BaseURL: "https://news.example.edu.cn/"}.withDefaults())
	if err != nil {
		b.Fatal(err)
	}
	a := &src.arts[2]
	media, _ := mediaOf(b, src, a)
	var page ArticlePage
	pageHooks = append(pageHooks, func(_ *site, _ *Article, d *ArticleData) { page.Article = *d })
	defer func() { pageHooks = pageHooks[:len(pageHooks)-1] }()
	if _, _, _, _, err := s.renderArticle(a, a.Body, "", nil, media, nil); err != nil {
		b.Fatal(err)
	}
	page.Site, page.Root, page.Canonical = s.data, "../../", s.abs(page.Article.Path)
	b.Run("page=template", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := s.theme.tmpl.ExecuteTemplate(&buf, articleTemplate, page); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("page=go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			writeDefaultArticle(&buf, &page)
		}
	})
	slow, err := texttemplate.New("credits").Funcs(creditFuncs).Parse(DefaultCreditsFormat)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		t    *texttemplate.Template
	}{{"credits=template", slow}, {"credits=go", s.credits}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := creditsLine(c.t, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The default theme's index pages written in Go (writeDefaultIndex) are
// the pages index.html prints, byte for byte: generated pages with hostile
// text, pagers with gaps, empty sites; and every index page of a generated
// site rendered both ways.
func TestDefaultIndexPageMatchesTemplate(t *testing.T) {
	th, err := loadTheme(nil)
	if err != nil {
		t.Fatal(err)
	}
	pool := []string{"", "党委宣传部", "<b>x</b>", `"a" & 'b' + c`, "\x00", "\xff bad", "{{.Root}}", "2025-03-01", "meeting", "news", "会议"}
	pick := func(r *rand.Rand) string { return pool[r.Intn(len(pool))] }
	r := rand.New(rand.NewSource(7))
	check := func(what string, p *IndexPage) {
		t.Helper()
		if !canWriteDefaultIndex(p) {
			t.Fatalf("%s: not written by writeDefaultIndex", what)
		}
		var want, got bytes.Buffer
		if err := th.tmpl.ExecuteTemplate(&want, indexTemplate, *p); err != nil {
			t.Fatal(err)
		}
		writeDefaultIndex(&got, p)
		if w, g := want.String(), got.String(); w != g {
			at := 0
			for at < len(w) && at < len(g) && w[at] == g[at] {
				at++
			}
			t.Fatalf("%s differs at byte %d:\ntemplate …%q\nGo       …%q", what, at, w[max(0, at-80):min(len(w), at+80)], g[max(0, at-80):min(len(g), at+80)])
		}
	}
	for i := 0; i < 2000; i++ {
		pages := 1 + r.Intn(12)
		n := 1 + r.Intn(pages)
		root := ""
		if n > 1 {
			root = "../../"
		}
		p := IndexPage{Site: SiteData{Title: pick(r), Lang: pick(r)}, Root: root, Page: n, Pages: pages}
		if r.Intn(2) == 0 {
			p.Canonical = "https://news.example.edu.cn/" + indexURL(n)
		}
		for k := r.Intn(4); k > 0; k-- {
			p.Entries = append(p.Entries, EntryData{Kind: pick(r), KindLabel: pick(r), Title: pick(r), Source: pick(r), Summary: pick(r),
				Path: articleURL(uint64(r.Intn(1000))), DateText: pick(r), DateISO: pick(r)})
		}
		rel := func(k int) string {
			if u := root + indexURL(k); u != "" {
				return u
			}
			return "./"
		}
		if n > 1 {
			p.Prev = rel(n - 1)
		}
		if n < pages {
			p.Next = rel(n + 1)
		}
		p.Links = pageLinks(n, pages, rel)
		check("generated page", &p)
	}
	for _, u := range []string{"javascript:x", "a b", "?a&b"} {
		if canWriteDefaultIndex(&IndexPage{Prev: u}) || canWriteDefaultIndex(&IndexPage{Entries: []EntryData{{Path: u}}}) {
			t.Errorf("%q taken as plain", u)
		}
	}

	src := genSource(45, 300, 1)
	s, err := newSite(Options{BaseURL: "https://news.example.edu.cn/", PageSize: 10}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	arts := make([]*Article, len(src.arts))
	for i := range src.arts {
		arts[i] = &src.arts[i]
	}
	for n := 1; n <= 5; n++ {
		s.theme.stock = true
		fast, err := s.renderIndexPage(arts, n, 5)
		if err != nil {
			t.Fatal(err)
		}
		s.theme.stock = false
		slow, err := s.renderIndexPage(arts, n, 5)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fast, slow) {
			t.Fatalf("index page %d: the Go page differs from the template's", n)
		}
	}
}
