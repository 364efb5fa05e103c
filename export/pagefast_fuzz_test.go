package export

import (
	"bytes"
	"html/template"
	"testing"
)

// pageSeeds are strings for every field a page shows: markup, quotes,
// backticks, newlines, entities, URLs with schemes, spaces, %, non-ASCII,
// NUL, invalid UTF-8, U+2028/2029, JSON.
var pageSeeds = []string{"", "党委宣传部", "<script>alert(1)</script>", `"a" & 'b' + c` + "`x`", "a\nb\r\tc", "\x00", "\xff\xfe bad",
	"\u2028\u2029", "&amp;&#106;", "javascript:alert(1)", "JavaScript:x", "data:text/html,x", "https://x/a b", "https://x/%zz%41",
	"https://x/é", "//evil.example/", "../../", "http://x/", "a/b:c", "a:b", " javascript:x", `{"id":1,"title":"<b>\u2028"}`, "🙂"}

func fuzzArticlePage(root, canonical, s1, s2, s3, s4 string, n uint8) ArticlePage {
	d := ArticlePage{Site: SiteData{Title: s1, Lang: s2}, Root: root, Canonical: canonical}
	a := &d.Article
	a.ID, a.Rev = uint64(n)*7919, int(n%5)
	a.Title, a.Subtitle, a.Publisher, a.Source, a.Summary = s1, s2, s3, s4, s1+s3
	a.Byline, a.DateISO, a.DateText, a.ContentHash, a.ShortHash, a.Provenance = s2, s3, s4, s1, s2, s3+s4
	a.Body = template.HTML(s4)
	if n&1 != 0 {
		a.CreditsHTML = creditsHTML(s1 + " " + s2 + "、" + s3)
	}
	if n&2 != 0 {
		a.Meeting = &MeetingData{Name: s1, Date: s2, Place: s3, Chair: s4, Attendees: []string{s1, s2}[:n%3%2+1]}
	}
	if n&4 != 0 {
		a.Corrections = []CorrectionData{{Note: s1, DateISO: s2, DateText: s3}, {Note: s4}}
	}
	if n&8 != 0 {
		a.Approvals = []ApprovalData{{Stage: s1, Display: s2, AtISO: s3, AtText: s4, Rev: int(n), AuditSeq: uint64(n) << 9, JSON: s1 + s4},
			{Stage: s4, Display: s3, JSON: s2}}
	}
	return d
}

// FuzzDefaultArticlePageMatchesTemplate: for any strings in every field
// of ArticlePage that reaches the default article page (site title and
// language, root and canonical URLs, every ArticleData text, meeting,
// corrections, approvals, credits, body), the page writeDefaultArticle
// writes — when canWriteDefaultArticle lets it — is the one article.html
// prints, byte for byte: html/template's escaping per context.
func FuzzDefaultArticlePageMatchesTemplate(f *testing.F) {
	for i, s := range pageSeeds {
		t := pageSeeds[(i+5)%len(pageSeeds)]
		f.Add("../../", "https://news.example.edu.cn/articles/7/", s, t, s+t, "<p>正文</p>", uint8(i*37))
		f.Add(s, t, "标题", s, t, "", uint8(255-i))
	}
	th, err := loadTheme(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, root, canonical, s1, s2, s3, s4 string, n uint8) {
		d := fuzzArticlePage(root, canonical, s1, s2, s3, s4, n)
		if !canWriteDefaultArticle(&d) {
			return
		}
		var got bytes.Buffer
		writeDefaultArticle(&got, &d)
		samePage(t, th, articleTemplate, d, got.String())
	})
}

// FuzzDefaultIndexPageMatchesTemplate: the same for the index page and
// its URLs (root, canonical, prev/next, entry paths, pager links).
func FuzzDefaultIndexPageMatchesTemplate(f *testing.F) {
	for i, s := range pageSeeds {
		t := pageSeeds[(i+3)%len(pageSeeds)]
		f.Add("../../", "https://news.example.edu.cn/page/2/", "articles/7/", "../../page/3/", s, t, uint8(i*41))
		f.Add(s, t, s, t, "标题", s, uint8(255-i))
	}
	th, err := loadTheme(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, root, canonical, path, link, s1, s2 string, n uint8) {
		p := IndexPage{Site: SiteData{Title: s1, Lang: s2}, Root: root, Canonical: canonical, Page: int(n%4) + 1, Pages: int(n%4) + 1 + int(n>>6)}
		p.Entries = []EntryData{{Kind: "meeting", KindLabel: s1, Title: s2, Source: s1, Summary: s2, Path: path, DateText: s1, DateISO: s2},
			{Kind: s1, Title: s1 + s2, Path: link}}[:n%2+1]
		if n&4 != 0 {
			p.Entries = nil
		}
		p.Prev, p.Next = link, path
		p.Links = []PageLink{{Number: 1, URL: link}, {Gap: true}, {Number: 2, Current: true}, {Number: 3, URL: path}}
		if !canWriteDefaultIndex(&p) {
			return
		}
		var got bytes.Buffer
		writeDefaultIndex(&got, &p)
		samePage(t, th, indexTemplate, p, got.String())
	})
}

// samePage fails t unless got is what the theme's template name prints
// for data, showing where they part.
func samePage(t *testing.T, th *theme, name string, data any, got string) {
	t.Helper()
	var want bytes.Buffer
	if err := th.tmpl.ExecuteTemplate(&want, name, data); err != nil {
		t.Fatal(err)
	}
	if w := want.String(); w != got {
		at := 0
		for at < len(w) && at < len(got) && w[at] == got[at] {
			at++
		}
		t.Fatalf("differs at byte %d:\ntemplate …%q\nGo       …%q", at, w[max(0, at-80):min(len(w), at+80)], got[max(0, at-80):min(len(got), at+80)])
	}
}
