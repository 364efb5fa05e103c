package export

import (
	"bytes"
	"encoding/json"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/copydesk/copydesk/locale"
)

// site holds what every page of one export shares.
type site struct {
	opts    Options
	theme   *theme
	credits *texttemplate.Template
	byline  *texttemplate.Template
	data    SiteData

	cache *renderCache // nil: no render cache

	held []Held // articles left off the site this export, and why (Result.Held)

	// summaries holds each listed article's summary (see summaryOf): the
	// one its page's render found, the one the manifest recorded with an
	// unchanged render key, or from a parse of its body. Filled before
	// list pages render; read-only while they do.
	summaries map[uint64]string
}

// summary returns a's summary (see summaries); an article not in it is
// summarised from its body.
func (s *site) summary(a *Article) string {
	if sum, ok := s.summaries[a.ID]; ok {
		return sum
	}
	return summarize(a.Body)
}

const (
	dateTimeLayout = "2006-01-02 15:04:05"
	minuteLayout   = "2006-01-02 15:04"
	dayLayout      = "2006-01-02"
)

// articlePath is the site path of an article's page.
func articlePath(id uint64) string { return "articles/" + strconv.FormatUint(id, 10) + "/index.html" }

// provenancePath is the site path of an article's provenance sidecar,
// written by copydesk before renderVersion 3 (the record is in the page now): an
// old site's manifest lists it, SiteArticles reads it there, and the next
// export removes it.
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

// renderArticle renders one article's page from md, its (bounded) body,
// and returns what SiteArticles will read of it (pub, a pubRecord).
// media holds every media file the article may reference; used receives
// the ids it did reference. key is md's render cache key (renderKey; ""
// without a cache) and pre, when not nil, its entry, used if its media
// are unchanged.
//
// resolve, when not nil, fetches the media the body refers to while it is
// parsed (mdState.resolve), for a body not taken from the cache.
//
// The page may be given back with putBuf once it is written.
func (s *site) renderArticle(a *Article, md, key string, pre *cachedBody, media map[string]*resolvedMedia,
	resolve func([]string) (map[string]*resolvedMedia, error)) (page []byte, used map[string]bool, summary, pub string, err error) {
	body, summary, used, err := s.renderBody(a.ID, md, key, pre, media, resolve, articlePrefix)
	if err != nil {
		return nil, nil, "", "", err
	}
	credits, err := creditsLine(s.credits, a)
	if err != nil {
		return nil, nil, "", "", err
	}
	byline, err := creditsLine(s.byline, a)
	if err != nil {
		return nil, nil, "", "", err
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
		DateText:      dateTimeText(date),
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
	prov := s.provenanceRecord(a)
	for i, ap := range a.Approvals {
		at := s.in(ap.At)
		meta, err := json.Marshal(prov.Approvals[i])
		if err != nil {
			return nil, nil, "", "", locale.NewError("ExportProvenance", locale.Args{"ID": a.ID, "Err": err}, err)
		}
		d.Approvals = append(d.Approvals, ApprovalData{
			Stage: ap.Stage, Role: ap.Role, Display: prov.Approvals[i].Name, Rev: ap.Rev, ContentHash: ap.ContentHash,
			At: at, AtText: at.Format(minuteLayout), AtISO: at.Format(time.RFC3339), AuditSeq: ap.AuditSeq,
			JSON: string(meta),
		})
	}
	provJSON, err := json.Marshal(prov)
	if err != nil {
		return nil, nil, "", "", locale.NewError("ExportProvenance", locale.Args{"ID": a.ID, "Err": err}, err)
	}
	d.Provenance = string(provJSON)
	pubJSON, err := json.Marshal(pubRecord{Rev: prov.Rev, ContentHash: prov.ContentHash, URL: prov.URL})
	if err != nil {
		return nil, nil, "", "", locale.NewError("ExportProvenance", locale.Args{"ID": a.ID, "Err": err}, err)
	}
	for _, h := range pageHooks {
		h(s, a, &d)
	}
	data := ArticlePage{Site: s.data, Root: "../../", Canonical: s.abs(d.Path), Article: d}
	buf := bytes.NewBuffer(getBuf(len(body) + 8192))
	if s.theme.stock && canWriteDefaultArticle(&data) {
		writeDefaultArticle(buf, &data)
	} else if err := s.theme.tmpl.ExecuteTemplate(buf, articleTemplate, data); err != nil {
		return nil, nil, "", "", locale.NewError("ExportArticleTheme", locale.Args{"ID": a.ID, "Err": err}, err)
	}
	return buf.Bytes(), used, summary, string(pubJSON), nil
}

// bufs holds the buffers a page is rendered into and a cache entry is
// read into (about 40 KB each for the benchmark corpus): a warm export of
// 1,000 articles otherwise allocates, zeroes and collects two of them per
// article. A buffer comes back (putBuf) once nothing refers to it.
var bufs sync.Pool

// getBuf returns an empty buffer of at least n bytes' capacity.
func getBuf(n int) []byte {
	if p, ok := bufs.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, n)
}

// putBuf gives b back for reuse; the caller must not use it afterwards.
func putBuf(b []byte) {
	if cap(b) == 0 || cap(b) > 4<<20 {
		return
	}
	b = b[:0]
	bufs.Put(&b)
}

// renderBody returns md (article id's body) rendered (goldmark) and
// sanitized (bodyPolicy), its summary and the media ids it uses: from
// pre, the render cache entry the caller read under key (renderKey of md
// and prefix), when it was rendered with the same media, else rendered
// now and put in the cache under key. Errors are not cached.
func (s *site) renderBody(id uint64, md, key string, pre *cachedBody, media map[string]*resolvedMedia,
	resolve func([]string) (map[string]*resolvedMedia, error), prefix string) (body, summary string, used map[string]bool, err error) {
	if pre != nil {
		if mediaSig(pre.used, media) == pre.media {
			s.cache.count(true)
			used = make(map[string]bool, len(pre.used))
			for _, id := range pre.used {
				used[id] = true
			}
			return pre.html, pre.summary, used, nil
		}
	}
	s.cache.count(false)
	st := &mdState{article: id, media: media, used: map[string]bool{}, prefix: prefix, resolve: resolve}
	body, err = renderSanitized(st, md)
	if err != nil {
		return "", "", nil, err
	}
	if s.cache != nil && key != "" {
		e := cachedBody{html: body, summary: st.summary}
		for id := range st.used {
			e.used = append(e.used, id)
		}
		sort.Strings(e.used)
		// The media the parse resolved (st.media): a body rendered
		// without a cache entry asks for them during the parse, so the
		// caller's media is nil then.
		e.media = mediaSig(e.used, st.media)
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
	if s.theme.stock && canWriteDefaultIndex(&p) {
		writeDefaultIndex(&buf, &p)
	} else if err := s.theme.tmpl.ExecuteTemplate(&buf, indexTemplate, p); err != nil {
		return nil, locale.NewError("ExportIndexTheme", locale.Args{"N": n, "Err": err}, err)
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

// dateTimeText is an article's 发布时间 as its page shows it: 2006-01-02
// 15:04:05, or the day alone when the time is midnight to the nanosecond —
// an archive imported with dates only (date: 2019-06-30), which a page
// showed as 2019-06-30 00:00:00, a time nobody published at.
func dateTimeText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(dayLayout)
	}
	return t.Format(dateTimeLayout)
}
