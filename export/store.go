package export

import (
	"errors"
	"io/fs"
	"os"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// FromStore returns the Source of an export from a copydesk store: every
// signed-off or published article that is not withdrawn, at the revision
// the chief signed, with the approvals that revision carries. It is a
// BodySource: the export reads the headers first and each body when its
// page is rendered.
func FromStore(st *store.Store) Source { return &storeSource{st: st} }

type storeSource struct {
	st     *store.Store
	revs   map[uint64]int // id → the signed revision Heads listed
	bodies int            // Body calls, to release mapped pages now and then
	// custom are the office's own roles, read once per listing: the
	// credits line names a signer by their stage's role (分管领导).
	custom []model.CustomRole
}

// article converts one signed article; the body is left out unless body.
func (s *storeSource) article(row store.SignedArticle, body bool) Article {
	a, r, c := row.Article, row.Revision, row.Revision.Content
	signed := *a.Signed
	art := Article{ID: a.ID, Kind: string(c.Kind), Title: c.Title, Subtitle: c.Subtitle, Source: c.Source,
		Authors: c.Authors, Photographers: c.Photographers, Rev: r.N, ContentHash: r.Hash,
		SignedAt: signed.At, PublishedAt: a.PublishedAt, UpdatedAt: signed.At, Embargo: a.EmbargoUntil()}
	if body {
		art.Body = c.Body
	}
	if sc := a.Schedule; sc.Pending() && art.PublishedAt.IsZero() && sc.Hash == r.Hash {
		art.PublishedAt = sc.At // 发布时间 of a scheduled article is its time
	}
	art.Publisher = row.Publisher
	// 摄: the photos' credits when the article names no photographer. A
	// failed read (closed store) leaves the article's own list.
	if ph, err := s.st.CreditedPhotographers(&c); err == nil {
		art.Photographers = ph
	}
	if m := c.Meeting; m != nil {
		art.Meeting = &Meeting{Name: m.Name, Date: m.Date, Place: m.Place, Chair: m.Chair, Attendees: m.Attendees}
	}
	for _, ap := range row.Approvals {
		// The signed revision's own approvals, from the permanent record.
		art.Approvals = append(art.Approvals, approvalOf(&a.Workflow, ap, s.custom))
	}
	withCorrections(&art, &a) // 更正 (correction.go)
	return art
}

// approvalOf is one approval of the record as the export credits it. The
// credits line names reviewers and the one who signs by their place in the
// workflow, not by the stage's role: an office's own roles (部门负责人,
// 保密员, 分管领导) review and sign too; the label is the stage's title
// (model.Stage.Title) with the office's own role names from custom.
func approvalOf(w *model.Workflow, ap model.Approval, custom []model.CustomRole) Approval {
	role, label := RoleReviewer, ap.Name
	if w.IsFinal(ap.Stage) {
		role = RoleChief
	}
	if ap.Stage >= 0 && ap.Stage < len(w.Stages) {
		label = w.Stages[ap.Stage].Title(custom)
	}
	return Approval{Stage: ap.Name, Role: role, Label: label,
		Login: ap.Login, Display: ap.Display, Rev: ap.Rev, ContentHash: ap.Hash, Opinion: ap.Opinion,
		At: ap.At, AuditSeq: ap.AuditSeq}
}

// PreviewCredits is the credits line the export will print for article a
// with content c once signer (a display name) signs it off at its last
// stage: the approvals of a's current content at the other stages, the
// signer labelled by the sign-off stage (model.Stage.Title, with the
// office's own roles from custom), in format (the credits-format setting;
// "" is DefaultCreditsFormat). The sign-off confirm box shows it, so what
// the chief is told is what the site prints. Errors: a format that does
// not parse or run (ExportCreditsFormat, ExportCreditsLine).
func PreviewCredits(format string, a *model.Article, c *model.Content, signer string, custom []model.CustomRole) (string, error) {
	if format == "" {
		format = DefaultCreditsFormat
	}
	t, err := parseCredits(format)
	if err != nil {
		return "", err
	}
	art := Article{ID: a.ID, Source: c.Source, Authors: c.Authors, Photographers: c.Photographers}
	last := len(a.Workflow.Stages) - 1
	for _, ap := range a.ApprovalsOf(a.Hash) {
		if ap.Stage != last {
			art.Approvals = append(art.Approvals, approvalOf(&a.Workflow, ap, custom))
		}
	}
	if last >= 0 {
		art.Approvals = append(art.Approvals, approvalOf(&a.Workflow,
			model.Approval{Stage: last, Name: a.Workflow.Stages[last].Name, Display: signer}, custom))
	}
	return creditsLine(t, &art)
}

// roles reads the office's own roles for the credits labels.
func (s *storeSource) roles() error {
	custom, err := s.st.Roles()
	s.custom = custom
	return err
}

func (s *storeSource) Articles() ([]Article, error) {
	if err := s.roles(); err != nil {
		return nil, err
	}
	var out []Article
	err := s.st.EachSigned(true, func(row store.SignedArticle) error {
		out = append(out, s.article(row, true))
		return nil
	})
	return out, err
}

// Heads is Articles without bodies (BodySource).
func (s *storeSource) Heads() ([]Article, error) {
	if err := s.roles(); err != nil {
		return nil, err
	}
	var out []Article
	s.revs = map[uint64]int{}
	err := s.st.EachSigned(false, func(row store.SignedArticle) error {
		a := s.article(row, false)
		s.revs[a.ID] = a.Rev
		out = append(out, a)
		return nil
	})
	return out, err
}

// Body reads the body of the revision Heads listed for id (BodySource).
func (s *storeSource) Body(id uint64) (string, error) {
	rev, ok := s.revs[id]
	if !ok {
		return "", locale.NewError("ExportNotListed", locale.Args{"ID": id}, fs.ErrNotExist)
	}
	if s.bodies++; s.bodies%256 == 0 {
		s.st.ReleaseMapped() // the process's memory does not grow with the database file
	}
	r, err := s.st.Revision(id, rev)
	if err != nil {
		return "", err
	}
	return r.Content.Body, nil
}

func (s *storeSource) Media(id string) (MediaFile, error) {
	m, data, err := s.st.Media(id)
	if errors.Is(err, store.ErrNotFound) {
		return MediaFile{}, locale.NewError("ExportNoMedia", locale.Args{"Media": id}, fs.ErrNotExist)
	}
	if err != nil {
		return MediaFile{}, err
	}
	return MediaFile{ID: m.ID, Name: m.Name, ContentType: m.Type, Caption: m.Caption, Credit: m.Credit,
		SHA256: m.SHA256, Data: data}, nil
}

// Gone lists the articles taken down (GoneSource).
func (s *storeSource) Gone() ([]Gone, error) {
	rows, err := s.st.TakenDown()
	out := make([]Gone, 0, len(rows))
	for _, r := range rows {
		out = append(out, Gone{ID: r.ID, At: r.Takedown.At, Title: r.Title})
	}
	return out, err
}

// ChainHead is the store's audit chain head (HeadSource).
func (s *storeSource) ChainHead() (uint64, string, error) { return s.st.ChainHead() }

// SiteOptions returns the export options the admin configured in st
// (copydesk settings): the credits format, the theme folder and the
// site's public address (base-url), and the
// render cache beside the database (RenderCacheDir), so the command and
// the workstation's export page share one cache. Over SSH these are the
// only source of them; no command flag supplies a template.
func SiteOptions(st *store.Store) (Options, error) {
	set, err := st.Settings()
	if err != nil {
		return Options{}, err
	}
	o := Options{CreditsFormat: set.CreditsFormat, BylineFormat: set.BylineFormat, Location: set.Zone(),
		RenderCacheDir: RenderCacheDir(st.Path()), Takedown: set.Takedown, Now: st.Now, BaseURL: set.BaseURL}
	if set.ThemeDir != "" {
		o.ThemeDir = os.DirFS(set.ThemeDir)
	}
	return o, nil
}

// RenderCacheDir is where exports of the database at dbPath keep rendered
// article bodies: <db>.cache/render, derived data that may be deleted at
// any time (the next export renders again).
func RenderCacheDir(dbPath string) string { return dbPath + ".cache/render" }
