package export

import (
	"bytes"
	"encoding/xml"
	"time"
)

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapXML renders sitemap.xml: the home page and every article, with
// absolute URLs. It returns nil without a BaseURL: the sitemap protocol
// requires absolute URLs, so no sitemap.xml is produced then (and one left
// by an earlier export with a BaseURL is removed).
func (s *site) sitemapXML(arts []*Article) ([]byte, error) {
	if s.data.BaseURL == "" {
		return nil, nil
	}
	set := sitemapURLSet{URLs: make([]sitemapURL, 0, len(arts)+1)}
	home := sitemapURL{Loc: s.data.BaseURL}
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
		set.URLs = append(set.URLs, sitemapURL{
			Loc:     s.data.BaseURL + articleURL(a.ID),
			LastMod: s.in(a.updTime()).Format(time.RFC3339),
		})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
