package export

import (
	"time"

	"github.com/copydesk/copydesk/model"
)

// 更正 on the site (issue 13): a corrected article's page shows the
// signed-off corrections with their dates (ArticleData.Corrections; the
// theme decides where — the default theme puts them above the text), and
// its feed entry and sitemap entry carry the correction's sign-off as
// their updated time (Article.UpdatedAt).

// Correction is one signed-off 更正 of an article as published.
type Correction struct {
	Note string    // the public correction note (更正说明), plain text
	Rev  int       // the revision the correction was signed with
	At   time.Time // its sign-off
}

// CorrectionData is a correction as a page shows it (.Article.Corrections).
type CorrectionData struct {
	Note     string    // the note, plain text
	Rev      int       // the corrected revision
	Date     time.Time // when the correction was signed off, in Options.Location
	DateText string    // Date as 2006-01-02
	DateISO  string    // Date in RFC 3339, for <time datetime>
}

func init() {
	pageHooks = append(pageHooks, func(s *site, a *Article, d *ArticleData) {
		for _, c := range a.Corrections {
			at := s.in(c.At)
			d.Corrections = append(d.Corrections, CorrectionData{Note: c.Note, Rev: c.Rev, Date: at,
				DateText: at.Format(dayLayout), DateISO: at.Format(time.RFC3339)})
		}
	})
}

// corrections adds an article's corrections to its render key.
func (k *keyBuf) corrections(cs []Correction) {
	k.int(int64(len(cs)))
	for _, c := range cs {
		k.str(c.Note)
		k.int(int64(c.Rev))
		k.time(c.At)
	}
}

// withCorrections fills art's corrections from the store's header a: the
// signed-off corrections of the live revision. A corrected article that
// was never marked published keeps its first sign-off as 发布时间, so
// the correction shows as an update, not as a new article.
func withCorrections(art *Article, a *model.Article) {
	pcs := a.PublicCorrections()
	if len(pcs) == 0 {
		return
	}
	for _, c := range pcs {
		art.Corrections = append(art.Corrections, Correction{Note: c.Note, Rev: c.Rev, At: c.SignedAt})
	}
	if art.PublishedAt.IsZero() {
		for _, ap := range a.Record {
			if a.Workflow.IsFinal(ap.Stage) && (art.PublishedAt.IsZero() || ap.At.Before(art.PublishedAt)) {
				art.PublishedAt = ap.At
			}
		}
	}
}
