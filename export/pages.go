package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"
)

// site holds what every page of one export shares.
type site struct {
	opts    Options
	theme   *theme
	credits *texttemplate.Template
	byline  *texttemplate.Template
	data    SiteData

	cache *renderCache             // nil: no render cache
	pre   map[*Article]*cachedBody // entries read by preloadCache; read-only after it

	summaries sync.Map // *Article → string: from the page's own parse
}

// summary returns a's summary (see summaryOf): the one its page's render
// found, or from a parse of its body when the page was not rendered in
// this export.
func (s *site) summary(a *Article) string {
	if v, ok := s.summaries.Load(a); ok {
		return v.(string)
	}
	sum := summarize(a.Body)
	s.summaries.Store(a, sum)
	return sum
}

const (
	dateTimeLayout = "2006-01-02 15:04:05"
	minuteLayout   = "2006-01-02 15:04"
	dayLayout      = "2006-01-02"
)

// articlePath is the site path of an article's page.
func articlePath(id uint64) string { return "articles/" + strconv.FormatUint(id, 10) + "/index.html" }

// provenancePath is the site path of an article's provenance sidecar.
func provenancePath(id uint64) string {
	return "articles/" + strconv.FormatUint(id, 10) + "/provenance.json"
}

// articleURL is the URL of an article relative to the root.
func articleURL(id uint64) string { return "articles/" + strconv.FormatUint(id, 10) + "/" }

// indexPath is the site path of index page n (1-based).
func indexPath(n int) string {
	if n <= 1 {
		return "index.html"
	}
	return "page/" + strconv.Itoa(n) + "/index.html"
}

// indexURL is the URL of index page n relative to the root.
func indexURL(n int) string {
	if n <= 1 {
		return ""
	}
	return "page/" + strconv.Itoa(n) + "/"
}

func kindLabel(kind string) string {
	switch kind {
	case "", "news":
		return "新闻"
	case "meeting":
		return "会议"
	}
	return kind
}

func (s *site) abs(rel string) string {
	if s.data.BaseURL == "" {
		return ""
	}
	return s.data.BaseURL + rel
}

func (s *site) in(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(s.opts.Location)
}

// renderArticle renders one article's page. media holds every media file
// the article may reference; used receives the ids it did reference.
func (s *site) renderArticle(a *Article, media map[string]*resolvedMedia) (page []byte, used map[string]bool, err error) {
	body, summary, used, err := s.renderBody(a, media, articlePrefix)
	if err != nil {
		return nil, nil, err
	}
	s.summaries.Store(a, summary)
	credits, err := creditsLine(s.credits, a)
	if err != nil {
		return nil, nil, err
	}
	byline, err := creditsLine(s.byline, a)
	if err != nil {
		return nil, nil, err
	}
	date := s.in(a.pubTime())
	d := ArticleData{
		ID:            a.ID,
		Kind:          a.Kind,
		KindLabel:     kindLabel(a.Kind),
		Title:         a.Title,
		Subtitle:      a.Subtitle,
		Source:        a.Source,
		Publisher:     a.Publisher,
		Authors:       a.Authors,
		Photographers: a.Photographers,
		Date:          date,
		DateText:      date.Format(dateTimeLayout),
		DateISO:       date.Format(time.RFC3339),
		Updated:       s.in(a.updTime()),
		Summary:       summary,
		Body:          template.HTML(body), // #nosec: sanitized by bodyPolicy (renderBody)
		Credits:       credits,
		CreditsHTML:   creditsHTML(credits),
		ShortHash:     shortHash(a.ContentHash),
		Byline:        byline,
		Path:          articleURL(a.ID),
		Rev:           a.Rev,
		ContentHash:   a.ContentHash,
	}
	if m := a.Meeting; m != nil {
		d.Meeting = &MeetingData{Name: m.Name, Date: m.Date, Place: m.Place, Chair: m.Chair, Attendees: m.Attendees}
	}
	for _, ap := range a.Approvals {
		at := s.in(ap.At)
		name := ap.Display
		if name == "" {
			name = ap.Login
		}
		meta, err := json.Marshal(provenanceApproval(ap, at))
		if err != nil {
			return nil, nil, fmt.Errorf("article %d: provenance: %w", a.ID, err)
		}
		d.Approvals = append(d.Approvals, ApprovalData{
			Stage: ap.Stage, Role: ap.Role, Display: name, Rev: ap.Rev, ContentHash: ap.ContentHash,
			At: at, AtText: at.Format(minuteLayout), AtISO: at.Format(time.RFC3339), AuditSeq: ap.AuditSeq,
			JSON: string(meta),
		})
	}
	data := ArticlePage{Site: s.data, Root: "../../", Canonical: s.abs(d.Path), Article: d}
	var buf bytes.Buffer
	buf.Grow(len(body) + 4096)
	if err := s.theme.tmpl.ExecuteTemplate(&buf, articleTemplate, data); err != nil {
		return nil, nil, fmt.Errorf("article %d: theme: %w", a.ID, err)
	}
	return buf.Bytes(), used, nil
}

// renderBody returns a's body rendered (goldmark) and sanitized
// (bodyPolicy), its summary and the media ids it uses: from the render
// cache when it holds the same body, prefix and media (renderKey), else
// rendered now and put in the cache. Errors are not cached.
func (s *site) renderBody(a *Article, media map[string]*resolvedMedia, prefix string) (body []byte, summary string, used map[string]bool, err error) {
	var key string
	if s.cache != nil {
		key = renderKey(a.Body, prefix)
		e, ok := cachedBody{}, false
		if pre := s.pre[a]; pre != nil && prefix == articlePrefix {
			e, ok = *pre, mediaSig(pre.used, media) == pre.media
		} else {
			e, ok = s.cache.get(key, media)
		}
		if ok {
			used = make(map[string]bool, len(e.used))
			for _, id := range e.used {
				used[id] = true
			}
			return e.html, e.summary, used, nil
		}
	}
	st := &mdState{article: a.ID, media: media, used: map[string]bool{}, prefix: prefix}
	raw, err := renderMarkdown(st, a.Body)
	if err != nil {
		return nil, "", nil, err
	}
	body = sanitize(raw)
	if s.cache != nil {
		e := cachedBody{html: body, summary: st.summary}
		for id := range st.used {
			e.used = append(e.used, id)
		}
		sort.Strings(e.used)
		e.media = mediaSig(e.used, media)
		s.cache.put(key, e)
	}
	return body, st.summary, st.used, nil
}

// indexPages is the number of index pages for n articles (at least 1).
func (s *site) indexPages(n int) int {
	return max(1, (n+s.opts.PageSize-1)/s.opts.PageSize)
}

// pageSlice returns the articles on index page n (1-based).
func (s *site) pageSlice(arts []*Article, n int) []*Article {
	lo, hi := (n-1)*s.opts.PageSize, min(n*s.opts.PageSize, len(arts))
	return arts[lo:hi]
}

// renderIndexPage renders index page n of pages for arts (sorted newest
// first).
func (s *site) renderIndexPage(arts []*Article, n, pages int) ([]byte, error) {
	root := ""
	if n > 1 {
		root = "../../"
	}
	p := IndexPage{Site: s.data, Root: root, Canonical: s.abs(indexURL(n)), Page: n, Pages: pages, Total: len(arts)}
	for _, a := range s.pageSlice(arts, n) {
		date := s.in(a.pubTime())
		p.Entries = append(p.Entries, EntryData{
			ID: a.ID, Kind: a.Kind, KindLabel: kindLabel(a.Kind), Title: a.Title, Subtitle: a.Subtitle,
			Source: a.Source, Summary: s.summary(a), Path: articleURL(a.ID),
			Date: date, DateText: date.Format(dayLayout), DateISO: date.Format(time.RFC3339),
		})
	}
	rel := func(k int) string {
		u := root + indexURL(k)
		if u == "" {
			u = "./"
		}
		return u
	}
	if n > 1 {
		p.Prev = rel(n - 1)
	}
	if n < pages {
		p.Next = rel(n + 1)
	}
	p.Links = pageLinks(n, pages, rel)
	var buf bytes.Buffer
	if err := s.theme.tmpl.ExecuteTemplate(&buf, indexTemplate, p); err != nil {
		return nil, fmt.Errorf("index page %d: theme: %w", n, err)
	}
	return buf.Bytes(), nil
}

// pageLinks lists the first and last page and those within 2 of the
// current one, with gaps between.
func pageLinks(cur, pages int, url func(int) string) []PageLink {
	var out []PageLink
	last := 0
	for k := 1; k <= pages; k++ {
		if k != 1 && k != pages && (k < cur-2 || k > cur+2) {
			continue
		}
		if last != 0 && k > last+1 {
			out = append(out, PageLink{Gap: true})
		}
		out = append(out, PageLink{Number: k, URL: url(k), Current: k == cur})
		last = k
	}
	return out
}

// shortHash shortens a content hash for the page: the algorithm and 16 hex
// digits (64 bits), then "…".
func shortHash(h string) string {
	algo, hex, ok := strings.Cut(h, ":")
	if !ok {
		algo, hex = "", h
	} else {
		algo += ":"
	}
	if len(hex) <= 16 {
		return h
	}
	return algo + hex[:16] + "…"
}
