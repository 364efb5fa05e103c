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
	ID          uint64               `json:"id"`
	Title       string               `json:"title"`
	URL         string               `json:"url"` // absolute with a BaseURL, else relative to the root
	Rev         int                  `json:"rev"`
	ContentHash string               `json:"content_hash"`
	SignedAt    time.Time            `json:"signed_at,omitzero"`
	PublishedAt time.Time            `json:"published_at,omitzero"`
	Approvals   []ProvenanceApproval `json:"approvals"`
	Generator   string               `json:"generator"`
}

// ProvenanceApproval is one sign-off record in a Provenance.
type ProvenanceApproval struct {
	Stage       string    `json:"stage"`
	Role        string    `json:"role"`
	Name        string    `json:"name"`
	Rev         int       `json:"rev"`
	ContentHash string    `json:"content_hash"`
	At          time.Time `json:"at"`
	AuditSeq    uint64    `json:"audit_seq"`
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
		name := ap.Display
		if name == "" {
			name = ap.Login
		}
		p.Approvals = append(p.Approvals, ProvenanceApproval{
			Stage: ap.Stage, Role: ap.Role, Name: name, Rev: ap.Rev,
			ContentHash: ap.ContentHash, At: s.in(ap.At), AuditSeq: ap.AuditSeq,
		})
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
