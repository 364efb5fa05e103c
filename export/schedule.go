package export

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// 定时发布 (scheduled publishing) in the export: the embargo.
//
// An article with a pending schedule carries Article.Embargo (from
// model.Article.EmbargoUntil). embargoFilter, one of articleFilters, leaves
// it out of every export and check before anything is rendered — its page,
// the index pages, the feed and the sitemap — until Options.Now reaches
// the embargo, whoever runs the export (the export command, the TUI's
// export page, an SSH session, the scheduler). A site exported before an
// article was scheduled may still hold it: PublishSite refuses to publish
// such a site (export it again first), so the embargo holds for publish
// too.

func init() { articleFilters = append(articleFilters, embargoFilter) }

// embargoFilter keeps an article whose embargo (if any) has ended.
func embargoFilter(s *site, a *Article) bool {
	return a.Embargo.IsZero() || !s.opts.now().Before(a.Embargo)
}

// now is the export's clock (Options.Now, else time.Now).
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// SiteArticles lists the articles the export in dir contains: the
// manifest's articles, each with the revision, content hash and URL its
// page publishes (ManifestArticle.Pub; a site exported before renderVersion 3:
// its articles' provenance.json). A site without a manifest is an error.
func SiteArticles(dir string) ([]store.PublishedArticle, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, locale.NewError("PublishOpenSite", locale.Args{"Err": err}, err)
	}
	defer root.Close()
	m, err := readSiteManifest(root)
	switch {
	case errors.Is(err, errManifestDamaged):
		return nil, locale.NewError("PublishManifestDamaged", locale.Args{"Dir": dir, "Err": err})
	case err != nil:
		return nil, locale.NewError("PublishNoReadableManifest", locale.Args{"Dir": dir, "Name": manifestName, "Err": err}, err)
	}
	out := make([]store.PublishedArticle, 0, len(m.Articles))
	for key := range m.Articles {
		id, err := strconv.ParseUint(key, 10, 64)
		if err != nil {
			return nil, locale.NewError("PublishManifestKey", locale.Args{"Dir": dir, "Key": key})
		}
		var p pubRecord
		if e := m.Articles[key]; strings.HasPrefix(e.Pub, "{") {
			if err := json.Unmarshal([]byte(e.Pub), &p); err != nil {
				return nil, locale.NewError("PublishProvenanceDamaged", locale.Args{"ID": id, "Dir": dir})
			}
		} else {
			// Exported before the record moved into the page: its
			// provenance.json.
			b, err := root.ReadFile(filepath.FromSlash(provenancePath(id)))
			if err != nil {
				return nil, locale.NewError("PublishNoProvenance", locale.Args{"ID": id, "Dir": dir, "Err": err}, err)
			}
			var old Provenance
			if err := json.Unmarshal(b, &old); err != nil || old.ID != id {
				return nil, locale.NewError("PublishProvenanceDamaged", locale.Args{"ID": id, "Dir": dir})
			}
			p = pubRecord{Rev: old.Rev, ContentHash: old.ContentHash, URL: old.URL}
		}
		pa := store.PublishedArticle{ID: id, Rev: p.Rev, Hash: p.ContentHash}
		if strings.HasPrefix(p.URL, "https://") || strings.HasPrefix(p.URL, "http://") {
			pa.URL = p.URL
		}
		out = append(out, pa)
	}
	slices.SortFunc(out, func(x, y store.PublishedArticle) int { return cmp.Compare(x.ID, y.ID) })
	return out, nil
}

// EmbargoError refuses to publish a site that holds articles under embargo
// (exported before they were scheduled): export it again, which leaves
// them out.
type EmbargoError struct {
	IDs []uint64
	At  time.Time // the earliest embargo among them
}

func (e *EmbargoError) Error() string {
	// langcheck:ok Error() is English for logs; users read MessageID
	return fmt.Sprintf("the site holds article(s) %s under embargo until %s: export it again before publishing (the export leaves them out)", // langcheck:ok as above
		idList(e.IDs), model.ShowTime(e.At))
}

// Unwrap makes it a model.ErrState.
func (e *EmbargoError) Unwrap() error { return model.ErrState }

// MessageID is the catalog entry.
func (e *EmbargoError) MessageID() string { return "ErrSiteEmbargoed" }

// MessageArgs are the articles and the earliest time.
func (e *EmbargoError) MessageArgs() map[string]any {
	return map[string]any{"IDs": idList(e.IDs), "At": model.ShowTime(e.At)}
}

// SiteURLError refuses to publish to a target a site exported for
// another public address (Got; "" when exported without one): its links,
// feed and sitemap would point elsewhere. Export again with the target's
// address (Want).
type SiteURLError struct {
	Target, Want, Got string
}

func (e *SiteURLError) Error() string {
	got := e.Got
	if got == "" {
		got = "no address" // langcheck:ok Error() is English for logs
	}
	return fmt.Sprintf("site target %s is served at %s but the site was exported for %s: export it again with --base-url %s", e.Target, e.Want, got, e.Want) // langcheck:ok Error() is English for logs
}

// Unwrap makes it a model.ErrState.
func (e *SiteURLError) Unwrap() error { return model.ErrState }

// MessageID is the catalog entry.
func (e *SiteURLError) MessageID() string {
	if e.Got == "" {
		return "ErrSiteURLNone"
	}
	return "ErrSiteURLOther"
}

// MessageArgs are the target, its address and the site's.
func (e *SiteURLError) MessageArgs() map[string]any {
	return map[string]any{"Target": e.Target, "Want": e.Want, "Got": e.Got}
}

func idList(ids []uint64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatUint(id, 10)
	}
	return strings.Join(s, ", ")
}

// PublishSite is how every path publishes from a copydesk store (the
// publish command, the scheduler): it refuses a site in dir that holds an
// article under embargo at now (*EmbargoError), publishes dir to the
// target (Publish), then records in st that each article of the site went
// online at name (store.RecordPublications, audited as act; a scheduled
// one more than grace after its time is late; grace < 0: never). It
// returns the publish result and the articles that got a publication.
//
// siteURL is the public address the target serves the site at
// (store.SiteTarget.BaseURL, ending in "/"), or "" (not known: each
// publication records the URL the site's provenance gives, if absolute).
// A site exported for another address (or with none: relative links, no
// sitemap) is refused with a *SiteURLError before anything is sent, so
// each publication records the article's real public URL,
// siteURL + articles/<id>/.
func PublishSite(st *store.Store, act store.Actor, name, to, siteURL, dir string, opts PublishOptions, now time.Time, grace time.Duration) (PublishResult, []model.Article, error) {
	items, err := SiteArticles(dir)
	if err != nil {
		return PublishResult{}, nil, err
	}
	if siteURL != "" {
		for _, it := range items {
			if want := siteURL + articleURL(it.ID); it.URL != want {
				return PublishResult{}, nil, &SiteURLError{Target: name, Want: siteURL, Got: strings.TrimSuffix(it.URL, articleURL(it.ID))}
			}
		}
	}
	ids := make([]uint64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	held, err := st.Embargoed(ids, now)
	if err != nil {
		return PublishResult{}, nil, err
	}
	if len(held) > 0 {
		e := &EmbargoError{}
		for _, a := range held {
			e.IDs = append(e.IDs, a.ID)
			if u := a.EmbargoUntil(); e.At.IsZero() || u.Before(e.At) {
				e.At = u
			}
		}
		return PublishResult{}, nil, e
	}
	res, err := Publish(dir, to, opts)
	if err != nil {
		return res, nil, err
	}
	recorded, err := st.RecordPublications(act, name, items, now, grace)
	if err != nil {
		return res, nil, locale.NewError("PublishUnrecorded", locale.Args{"Err": err}, err)
	}
	return res, recorded, nil
}
