package export

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"
)

// atomFeed is the subset of Atom (RFC 4287) that feed.xml uses.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomPerson `xml:"author"`
	Summary   string     `xml:"summary,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

// feedXML renders the Atom feed of the newest FeedSize articles (arts is
// sorted newest first). Without a BaseURL, links are relative to feed.xml
// (which sits at the root) and ids are urn:copydesk:article:<id>. The
// feed's updated time is the latest among its entries, never the time of
// the export, so an unchanged site gives a byte-identical feed.
func (s *site) feedXML(arts []*Article) ([]byte, error) {
	f := atomFeed{
		Lang:  "zh-CN",
		Title: s.data.Title,
		ID:    "urn:copydesk:site",
		Gen:   "copydesk",
	}
	if s.data.BaseURL != "" {
		f.ID = s.data.BaseURL
		f.Links = []atomLink{{Rel: "self", Type: "application/atom+xml", Href: s.data.BaseURL + "feed.xml"}, {Rel: "alternate", Type: "text/html", Href: s.data.BaseURL}}
	} else {
		f.Links = []atomLink{{Rel: "alternate", Type: "text/html", Href: "./"}}
	}
	var newest time.Time
	for i, a := range arts {
		if i == s.opts.FeedSize {
			break
		}
		link := articleURL(a.ID)
		id := "urn:copydesk:article:" + strconv.FormatUint(a.ID, 10)
		if s.data.BaseURL != "" {
			link = s.data.BaseURL + link
			id = link
		}
		upd := a.updTime()
		if upd.After(newest) {
			newest = upd
		}
		author := a.Source
		if author == "" {
			author = a.Publisher
		}
		if author == "" {
			author = s.data.Title
		}
		f.Entries = append(f.Entries, atomEntry{
			Title: a.Title, ID: id, Link: atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Published: s.in(a.pubTime()).Format(time.RFC3339), Updated: s.in(upd).Format(time.RFC3339),
			Author: atomPerson{Name: author}, Summary: s.summary(a),
		})
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	f.Updated = s.in(newest).Format(time.RFC3339)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
