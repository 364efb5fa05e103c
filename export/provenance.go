package export

import (
	"encoding/json"
	"time"
)

// Provenance is the content of articles/<id>/provenance.json: enough to
// hold a published page against the audit chain (`copydesk verify`). The
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
// at (in the site's zone): the same in provenance.json and in each page's
// <meta name="copydesk:approval">.
func provenanceApproval(ap Approval, at time.Time) ProvenanceApproval {
	name := ap.Display
	if name == "" {
		name = ap.Login
	}
	return ProvenanceApproval{Stage: ap.Stage, Role: ap.Role, Name: name, Rev: ap.Rev,
		ContentHash: ap.ContentHash, At: at, AuditSeq: ap.AuditSeq}
}

// provenanceKey is the render key of an article's sidecar: everything
// provenanceJSON reads (the base URL, the time zone, the article's id,
// title, revision, hash, times and approvals). The sidecar is rendered
// lazily: when the manifest recorded the same key with the file's hash,
// it is neither rendered nor written (a theme or credits change re-renders
// pages only). Whoever adds a field to provenanceJSON adds it here.
func (s *site) provenanceKey(a *Article) string {
	k := getKey()
	k.str("provenance")
	k.str(renderVersion)
	k.str(s.data.BaseURL)
	k.str(s.opts.Location.String())
	k.str(s.in(a.SignedAt).Format(time.RFC3339Nano))
	k.str(s.in(a.PublishedAt).Format(time.RFC3339Nano))
	k.int(int64(a.ID))
	k.str(a.Title)
	k.int(int64(a.Rev))
	k.str(a.ContentHash)
	k.approvals(a.Approvals) // instants; the zone is keyed above
	return k.done()
}

// provenanceJSON renders an article's sidecar.
func (s *site) provenanceJSON(a *Article) ([]byte, error) {
	url := s.abs(articleURL(a.ID))
	if url == "" {
		url = articleURL(a.ID)
	}
	p := Provenance{
		ID: a.ID, Title: a.Title, URL: url, Rev: a.Rev, ContentHash: a.ContentHash,
		SignedAt: s.in(a.SignedAt), PublishedAt: s.in(a.PublishedAt),
		Approvals: []ProvenanceApproval{}, Generator: "copydesk",
	}
	for _, ap := range a.Approvals {
		p.Approvals = append(p.Approvals, provenanceApproval(ap, s.in(ap.At)))
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
