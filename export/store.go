package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/copydesk/copydesk/store"
)

// FromStore returns the Source of an export from a copydesk store: every
// signed-off or published article that is not withdrawn, at the revision
// the chief signed, with the approvals that revision carries.
func FromStore(st *store.Store) Source { return storeSource{st} }

type storeSource struct{ st *store.Store }

func (s storeSource) Articles() ([]Article, error) {
	rows, err := s.st.Signed()
	if err != nil {
		return nil, err
	}
	out := make([]Article, 0, len(rows))
	for _, row := range rows {
		a, r, c := row.Article, row.Revision, row.Revision.Content
		signed := *a.Signed
		art := Article{ID: a.ID, Kind: string(c.Kind), Title: c.Title, Subtitle: c.Subtitle, Source: c.Source,
			Authors: c.Authors, Photographers: c.Photographers, Body: c.Body, Rev: r.N, ContentHash: r.Hash,
			SignedAt: signed.At, PublishedAt: a.PublishedAt, UpdatedAt: signed.At}
		art.Publisher = row.Publisher
		if m := c.Meeting; m != nil {
			art.Meeting = &Meeting{Name: m.Name, Date: m.Date, Place: m.Place, Chair: m.Chair, Attendees: m.Attendees}
		}
		for _, ap := range row.Approvals {
			// The signed revision's own approvals, from the permanent record.
			art.Approvals = append(art.Approvals, Approval{Stage: ap.Name, Role: string(a.Workflow.Stages[ap.Stage].Role),
				Login: ap.Login, Display: ap.Display, Rev: ap.Rev, ContentHash: ap.Hash, Opinion: ap.Opinion,
				At: ap.At, AuditSeq: ap.AuditSeq})
		}
		out = append(out, art)
	}
	return out, nil
}

func (s storeSource) Media(id string) (MediaFile, error) {
	m, data, err := s.st.Media(id)
	if errors.Is(err, store.ErrNotFound) {
		return MediaFile{}, fmt.Errorf("media %s: %w", id, fs.ErrNotExist)
	}
	if err != nil {
		return MediaFile{}, err
	}
	return MediaFile{ID: m.ID, Name: m.Name, ContentType: m.Type, Caption: m.Caption, Credit: m.Credit,
		SHA256: m.SHA256, Data: data}, nil
}

// ChainHead is the store's audit chain head (HeadSource).
func (s storeSource) ChainHead() (uint64, string, error) { return s.st.ChainHead() }

// SiteOptions returns the export options the admin configured in st
// (copydesk settings): the credits format and the theme folder. Over SSH
// these are the only source of them; no command flag supplies a template.
func SiteOptions(st *store.Store) (Options, error) {
	set, err := st.Settings()
	if err != nil {
		return Options{}, err
	}
	o := Options{CreditsFormat: set.CreditsFormat, BylineFormat: set.BylineFormat, Location: set.Zone()}
	if set.ThemeDir != "" {
		o.ThemeDir = os.DirFS(set.ThemeDir)
	}
	return o, nil
}
