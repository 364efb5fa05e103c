package export

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
	"time"
)

// renderVersion changes whenever the exporter renders the same input
// differently; it is part of every render key, so a new copydesk version
// re-renders all pages once.
const renderVersion = "copydesk-export/3" // 2: cjkmark (CJK emphasis, line breaks, links), summaries from the AST; 3: the provenance record in the page (no provenance.json per article)

// keyBuf builds a canonical, length-prefixed encoding to hash.
type keyBuf []byte

func (k *keyBuf) str(v string) {
	*k = strconv.AppendInt(*k, int64(len(v)), 10)
	*k = append(*k, ':')
	*k = append(*k, v...)
}

func (k *keyBuf) list(vs []string) {
	k.int(int64(len(vs)))
	for _, v := range vs {
		k.str(v)
	}
}

func (k *keyBuf) int(v int64) {
	*k = strconv.AppendInt(*k, v, 10)
	*k = append(*k, ';')
}

func (k *keyBuf) time(t time.Time) {
	k.int(t.UnixNano())
}

// approvals keys every field of each approval: the page's credits and
// its provenance record both show them (one list, so a new field is keyed once).
func (k *keyBuf) approvals(aps []Approval) {
	k.int(int64(len(aps)))
	for _, ap := range aps {
		k.str(ap.Stage)
		k.str(ap.Role)
		k.str(ap.Login)
		k.str(ap.Display)
		k.int(int64(ap.Rev))
		k.str(ap.ContentHash)
		k.time(ap.At)
		k.int(int64(ap.AuditSeq))
	}
}

// keyPool holds key buffers: a site's keys are computed on every export
// (1,000 articles: ~1,000 buffers of ~600 bytes that would otherwise grow
// from empty each time).
var keyPool = sync.Pool{New: func() any { k := make(keyBuf, 0, 1024); return &k }}

// getKey returns an empty key buffer; done returns its sum and the buffer.
func getKey() *keyBuf {
	k := keyPool.Get().(*keyBuf)
	*k = (*k)[:0]
	return k
}

// done returns the key's sum and gives the buffer back to the pool; k
// must not be used afterwards.
func (k *keyBuf) done() string {
	s := k.sum()
	if cap(*k) <= 64<<10 {
		keyPool.Put(k)
	}
	return s
}

func (k keyBuf) sum() string {
	s := sha256.Sum256(k)
	return hex.EncodeToString(s[:])
}

// siteKey fingerprints everything outside an article that shapes its page:
// the theme files, the credits format, site title, base URL, time zone and
// the exporter's render version.
func siteKey(th *theme, o Options) string {
	k := getKey()
	k.str(renderVersion)
	k.str(th.hash)
	k.str(o.CreditsFormat)
	k.str(o.BylineFormat)
	k.str(o.SiteTitle)
	k.str(o.BaseURL)
	for _, m := range []time.Month{time.January, time.July} {
		k.str(time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC).In(o.Location).Format("-0700 MST"))
	}
	k.str(o.Location.String())
	return k.done()
}

// articleKey is the render key of an article: when it equals the key the
// manifest recorded for the article, its page and provenance are known to
// be what the manifest lists, and rendering is skipped.
//
// The key covers every field of the Article except Body, which is
// represented by ContentHash (the model's hash of the signed content,
// including the body and the media references by content hash). Only when
// ContentHash is empty is the body hashed itself. Media captions and
// credits stored with a media file are not covered: the store does not
// change them once a file is referenced; use Options.Force otherwise.
func articleKey(a *Article, site string) string {
	k := getKey()
	k.str(site)
	k.int(int64(a.ID))
	k.str(a.Kind)
	k.str(a.Title)
	k.str(a.Subtitle)
	k.str(a.Source)
	k.list(a.Authors)
	k.list(a.Photographers)
	k.str(a.Publisher)
	k.int(int64(a.Rev))
	k.str(contentToken(a))
	k.time(a.SignedAt)
	k.time(a.PublishedAt)
	k.time(a.UpdatedAt)
	if m := a.Meeting; m != nil {
		k.int(1)
		k.str(m.Name)
		k.str(m.Date)
		k.str(m.Place)
		k.str(m.Chair)
		k.list(m.Attendees)
	} else {
		k.int(0)
	}
	k.approvals(a.Approvals)
	k.corrections(a.Corrections)
	return k.done()
}

// contentToken stands for the article's content in keys: its content hash,
// or a hash of the body when it has none.
func contentToken(a *Article) string {
	if a.ContentHash != "" {
		return a.ContentHash
	}
	sum := sha256.Sum256([]byte(a.Body))
	return "body:" + hex.EncodeToString(sum[:])
}

// entryKey adds what a list entry (index page, feed) shows of an article.
func (k *keyBuf) entry(a *Article) {
	k.int(int64(a.ID))
	k.str(a.Kind)
	k.str(a.Title)
	k.str(a.Subtitle)
	k.str(a.Source)
	k.str(a.Publisher)
	k.str(contentToken(a)) // the summary comes from the body
	k.time(a.pubTime())
	k.time(a.updTime())
}

// indexPageKey is the render key of index page n: the site key, the page's
// position and the entries it lists.
func indexPageKey(site string, entries []*Article, n, pages, total int) string {
	k := getKey()
	k.str("index")
	k.str(site)
	k.int(int64(n))
	k.int(int64(pages))
	k.int(int64(total))
	for _, a := range entries {
		k.entry(a)
	}
	return k.done()
}

// listKey is the render key of the feed or the sitemap over entries.
func listKey(kind, site string, entries []*Article, size int) string {
	k := getKey()
	k.str(kind)
	k.str(site)
	k.int(int64(size))
	for _, a := range entries {
		if kind == "sitemap" {
			k.int(int64(a.ID))
			k.time(a.updTime())
			continue
		}
		k.entry(a)
	}
	return k.done()
}
