package export

import (
	"time"
)

// Provenance is an article's provenance record, published in its page as
// <meta name="copydesk:provenance" content="JSON"> (the default and
// example themes; ArticleData.Provenance), which copydesk before
// renderVersion 3 wrote to articles/<id>/provenance.json: enough to hold a
// published page against the audit chain (`copydesk verify`). The
// approvers' logins and written opinions are internal records and are not
// published; the audit sequence numbers lead to them.
type Provenance struct {
	ID          uint64               `json:"id"`                    // article number
	Title       string               `json:"title"`                 // title as published
	URL         string               `json:"url"`                   // absolute with a BaseURL, else relative to the root
	Rev         int                  `json:"rev"`                   // the signed revision
	ContentHash string               `json:"content_hash"`          // its content hash
	SignedAt    time.Time            `json:"signed_at,omitzero"`    // the chief's sign-off
	PublishedAt time.Time            `json:"published_at,omitzero"` // first publication
	Approvals   []ProvenanceApproval `json:"approvals"`             // in stage order
	Generator   string               `json:"generator"`             // always "copydesk"
}

// ProvenanceApproval is one sign-off record in a Provenance.
type ProvenanceApproval struct {
	Stage       string    `json:"stage"`        // stage name, e.g. 审核
	Role        string    `json:"role"`         // reviewer or chief
	Name        string    `json:"name"`         // display name
	Rev         int       `json:"rev"`          // revision approved
	ContentHash string    `json:"content_hash"` // content hash approved
	At          time.Time `json:"at"`           // when
	AuditSeq    uint64    `json:"audit_seq"`    // audit record, for copydesk verify
}

// provenanceApproval is the published form of one approval, at the time
// at (in the site's zone): the same in the page's provenance record and
// in each <meta name="copydesk:approval">.
func provenanceApproval(ap Approval, at time.Time) ProvenanceApproval {
	name := ap.Display
	if name == "" {
		name = ap.Login
	}
	return ProvenanceApproval{Stage: ap.Stage, Role: ap.Role, Name: name, Rev: ap.Rev,
		ContentHash: ap.ContentHash, At: at, AuditSeq: ap.AuditSeq}
}

// provenanceRecord is article a's provenance as its page publishes it
// (ArticleData.Provenance).
func (s *site) provenanceRecord(a *Article) Provenance {
	url := s.abs(articleURL(a.ID))
	if url == "" {
		url = articleURL(a.ID)
	}
	p := Provenance{
		ID: a.ID, Title: a.Title, URL: url, Rev: a.Rev, ContentHash: a.ContentHash,
		SignedAt: s.in(a.SignedAt), PublishedAt: s.in(a.PublishedAt),
		Approvals: make([]ProvenanceApproval, 0, len(a.Approvals)), Generator: "copydesk",
	}
	for _, ap := range a.Approvals {
		p.Approvals = append(p.Approvals, provenanceApproval(ap, s.in(ap.At)))
	}
	return p
}

// pubRecord is what SiteArticles reads of a published article, kept in
// the manifest (ManifestArticle.Pub) so that publishing reads no page.
type pubRecord struct {
	Rev         int    `json:"rev"`
	ContentHash string `json:"content_hash"`
	URL         string `json:"url"`
}
