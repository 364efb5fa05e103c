package export

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"
)

// sitemapByEncoder is how sitemap.xml was made before sitemapXML wrote it
// directly: encoding/xml with one-space indentation.
func sitemapByEncoder(s *site, arts []*Article) []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{}
	home := url{Loc: s.data.BaseURL}
	var newest time.Time
	for _, a := range arts {
		if t := a.updTime(); t.After(newest) {
			newest = t
		}
	}
	if !newest.IsZero() {
		home.LastMod = s.in(newest).Format(time.RFC3339)
	}
	set.URLs = append(set.URLs, home)
	for _, a := range arts {
		set.URLs = append(set.URLs, url{Loc: s.data.BaseURL + articleURL(a.ID), LastMod: s.in(a.updTime()).Format(time.RFC3339)})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		panic(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// TestSitemapAsEncodingXML: the sitemap written directly is byte for byte
// what encoding/xml made (so an upgrade rewrites no sitemap), escaping
// included; no articles and articles without dates too.
func TestSitemapAsEncodingXML(t *testing.T) {
	src := genSource(30, 200, 0)
	src.arts[4].UpdatedAt, src.arts[4].SignedAt, src.arts[4].PublishedAt = time.Time{}, time.Time{}, time.Time{}
	for _, base := range []string{"https://news.example.edu.cn/", "https://例子.中国/新闻/?a=1&b='2'<x>/"} {
		s, err := newSite(Options{BaseURL: "https://news.example.edu.cn/"}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		s.data.BaseURL = base
		arts, err := sortArticles(src.arts)
		if err != nil {
			t.Fatal(err)
		}
		for _, list := range [][]*Article{arts, nil, arts[len(arts)-1:]} {
			got, err := s.sitemapXML(list)
			if err != nil {
				t.Fatal(err)
			}
			if want := sitemapByEncoder(s, list); !bytes.Equal(got, want) {
				t.Errorf("base %s, %d articles:\n%s\nwant\n%s", base, len(list), got, want)
			}
		}
	}
}
