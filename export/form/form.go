// Package form prints an article's paper forms from its record: the
// 信息发布审核登记表 (the review register: who decided what at which stage,
// when, with which written opinion, checklist answers and 三校 result, the
// signed revision and its SHA-256 content hash, where and when it was
// published) and, for every stage that carries a checklist, a 保密审查表
// (the secrecy review form with the stage's yes/no questions).
//
// The forms are one HTML document (html/template, A4 print CSS, a page
// break before each form) from templates embedded in the binary that an
// office may replace file by file (the form-dir setting, like an export
// theme); PDF is printed from that HTML by headless Chromium (PDF).
//
// Who may print an article's record is who may see the article
// (store.MayRead, model.Article.VisibleTo), in every front end.
package form

import (
	"cmp"
	"slices"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// Record is everything the forms print about one article, already in the
// office's time zone and the reader's language. Every text field is clean
// of control, escape and bidi characters (termsafe.String); the template
// escapes it for HTML.
type Record struct {
	Lang     string // the document's language tag: zh-CN or en
	ID       uint64
	Title    string
	Subtitle string
	Kind     string   // 新闻 / 会议 (catalog label)
	Source   string   // 来源（部门）
	Authors  []string // 作者 (byline)
	Photos   []string // 摄影
	Owner    string   // 发布人: the owner's display name at creation
	Meeting  *model.Meeting
	Workflow string
	State    string // catalog label of the article's state
	Created  string
	// Rev and Hash are the revision the forms are about: the signed one,
	// else the head (then Signed is false and the form says so).
	Rev    int
	Hash   string
	Signed bool
	// SignedAt is the sign-off's time ("" when not signed).
	SignedAt string
	// Stages are the workflow's stages in order, each with the approvals
	// of revision Rev (会签: several per stage).
	Stages []Stage
	// History is every decision on the article, oldest first, returns
	// included.
	History []Entry
	// Readers are the extra readers (本人审阅) the sign-off waited for.
	Readers []Reader
	// Publications are where and when the revision went out.
	Publications []Publication
	// Scheduled is the 定时发布 time of the revision ("" when none).
	Scheduled string
	// Secrecy holds one 保密审查表 per stage with a checklist.
	Secrecy []Secrecy
	Printed string // when the form was made
	Zone    string // the office's time zone (IANA name)
}

// Stage is one review stage with the approvals of the form's revision.
type Stage struct {
	N         int // 1-based
	Name      string
	SignOff   bool
	Checklist []string
	Entries   []Entry // empty: nobody approved this revision at the stage
}

// Entry is one decision: who (the display name as it was then), when, what,
// the written opinion, the checklist answers and the 三校 result.
type Entry struct {
	Stage    string
	Action   string // catalog label: 批准, 退回, 签发 …
	Person   string
	Login    string
	At       string
	Rev      int
	Hash     string // content hash the decision was bound to ("" for returns)
	Opinion  string
	Answers  []model.Answer // the checklist answers given with the decision
	Proof    string         // the 三校 result stored with the decision ("" when none)
	KeyAlert bool           // made with a key its owner did not add
}

// Publication is one place the revision was published: the site target
// ("" for a manual mark), its URL, the time, and whether a scheduled
// publication ran late.
type Publication struct {
	Target string
	URL    string
	At     string
	Late   bool
}

// Reader is an extra reader (本人审阅) with their approval, if given.
type Reader struct {
	Person   string
	Login    string
	Note     string
	Approved *Entry
}

// Secrecy is the 保密审查表 of one checklist stage: the questions, and for
// each reviewer of the form's revision at that stage their answers.
type Secrecy struct {
	Stage     string
	Questions []string
	Entries   []Entry
}

// Source is what Collect reads from the store (a *store.Store).
type Source interface {
	MayRead(act store.Actor, id uint64) (*model.Article, error)
	Get(id uint64) (*model.Article, error)
	Revision(id uint64, n int) (*model.Revision, error)
	Trail(act store.Actor, id uint64) ([]model.AuditRecord, error)
	ProofResult(seq uint64) (*store.ProofResult, bool, error)
	Settings() (store.SiteSettings, error)
	// CreditedPhotographers is 摄 as the credits line prints it: the
	// article's 摄影, or else its photos' credits.
	CreditedPhotographers(c *model.Content) ([]string, error)
}

// TimeLayout is how the forms write a time, in the office's zone.
const TimeLayout = "2006-01-02 15:04"

// Collect reads article id's record and returns the forms' data in lang,
// with times in the office's zone; now is the printing time. viewer is
// who prints it, who must be allowed to see the article (store.MayRead,
// the rule of the queues, search and article show: model.ErrNotVisible);
// nil is the holder of the database file in a local run without --as,
// who could read the file anyway.
func Collect(st Source, viewer *store.Actor, id uint64, lang locale.Lang, now time.Time) (*Record, error) {
	var a *model.Article
	var err error
	reader := store.Holder()
	if viewer != nil {
		reader = *viewer
		a, err = st.MayRead(*viewer, id)
	} else {
		a, err = st.Get(id)
	}
	if err != nil {
		return nil, err
	}
	set, err := st.Settings()
	if err != nil {
		return nil, err
	}
	loc := set.Zone()
	at := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format(TimeLayout)
	}
	rev, hash := a.Rev, a.Hash
	if a.Signed != nil {
		rev, hash = a.Signed.Rev, a.Signed.Hash
	}
	r, err := st.Revision(id, rev)
	if err != nil {
		return nil, err
	}
	trail, err := st.Trail(reader, id)
	if err != nil {
		return nil, err
	}
	c := &r.Content
	photos, err := st.CreditedPhotographers(c)
	if err != nil {
		return nil, err
	}
	rec := &Record{
		Lang: string(lang), ID: a.ID, Title: clean(c.Title), Subtitle: clean(c.Subtitle),
		Kind: locale.Render(lang, c.Kind), Source: clean(c.Source),
		Authors: cleanAll(c.Authors), Photos: cleanAll(photos),
		Owner: clean(cmp.Or(a.OwnerDisplay, a.Owner)), Workflow: clean(a.Workflow.Name),
		State: locale.Render(lang, a.State), Created: at(a.Created),
		Rev: rev, Hash: hash, Signed: a.Signed != nil,
		Printed: at(now), Zone: loc.String(),
	}
	if a.Workflow.Name == "" || a.Workflow.Name == model.DefaultWorkflow.Name {
		rec.Workflow = locale.T(lang, "FormWorkflowDefault")
	}
	if m := c.Meeting; m != nil {
		rec.Meeting = &model.Meeting{Name: clean(m.Name), Date: clean(m.Date), Place: clean(m.Place), Chair: clean(m.Chair), Attendees: cleanAll(m.Attendees)}
	}
	if a.Signed != nil {
		rec.SignedAt = at(a.Signed.At)
	}
	proofOf := func(seq uint64) string {
		if seq == 0 {
			return ""
		}
		pr, ok, err := st.ProofResult(seq)
		if err != nil || !ok {
			return ""
		}
		return locale.T(lang, "FormProofResult", locale.Args{"Rev": pr.Rev, "Errors": pr.Errors, "Warnings": pr.Warnings,
			"Waived": len(pr.Waivers), "Hints": pr.Hints, "Versions": pr.Versions.Text(lang)})
	}
	// The audit record of a decision has the decision's action, revision
	// and time: that is how a decision finds its 三校 result.
	seqOf := func(act model.Action, rev int, t time.Time) uint64 {
		for _, ar := range trail {
			if ar.Action == act && ar.Rev == rev && ar.At.Equal(t) {
				return ar.Seq
			}
		}
		return 0
	}
	stageName := func(i int) string {
		if i >= 0 && i < len(a.Workflow.Stages) {
			return clean(a.Workflow.Stages[i].Name)
		}
		return ""
	}
	// Approvals of the form's revision, per stage, oldest first.
	approvals := recordOf(a)
	for i, s := range a.Workflow.Stages {
		st := Stage{N: i + 1, Name: clean(s.Name), SignOff: i == len(a.Workflow.Stages)-1, Checklist: cleanAll(s.Checklist)}
		for _, ap := range approvals {
			if ap.Stage != i || ap.Hash != hash {
				continue
			}
			act := model.ActApprove
			if st.SignOff {
				act = model.ActSignOff
			}
			st.Entries = append(st.Entries, Entry{Stage: st.Name, Action: locale.Render(lang, act), Person: clean(cmp.Or(ap.Display, ap.Login)),
				Login: clean(ap.Login), At: at(ap.At), Rev: ap.Rev, Hash: ap.Hash, Opinion: cleanText(ap.Opinion),
				Answers: answersOf(ap.Answers), Proof: proofOf(ap.AuditSeq), KeyAlert: ap.KeyFlag != ""})
		}
		rec.Stages = append(rec.Stages, st)
		if len(s.Checklist) > 0 {
			rec.Secrecy = append(rec.Secrecy, Secrecy{Stage: st.Name, Questions: st.Checklist, Entries: st.Entries})
		}
	}
	for _, d := range a.Decisions {
		e := Entry{Action: locale.Render(lang, d.Action), Person: clean(cmp.Or(d.Display, d.Login)), Login: clean(d.Login),
			At: at(d.At), Rev: d.Rev, Opinion: cleanText(d.Opinion), Answers: answersOf(d.Answers),
			Proof: proofOf(seqOf(d.Action, d.Rev, d.At))}
		switch {
		case d.Stage == model.ReaderStage:
			e.Stage = locale.T(lang, "FormReaders")
		case d.Action != model.ActSubmit:
			e.Stage = stageName(d.Stage)
		}
		rec.History = append(rec.History, e)
	}
	if d := a.Takedown; d != nil { // 撤稿: who took it down, when, why (the reason stays internal: this form is)
		rec.History = append(rec.History, Entry{Action: locale.Render(lang, d.Action), Person: clean(cmp.Or(d.Display, d.Login)),
			Login: clean(d.Login), At: at(d.At), Rev: d.Rev, Hash: d.Hash, Opinion: cleanText(d.Opinion)})
	}
	for _, r := range a.Readers {
		rd := Reader{Person: clean(cmp.Or(r.Display, r.Login)), Login: clean(r.Login), Note: cleanText(r.Note)}
		if ap := r.Approved; ap != nil {
			rd.Approved = &Entry{Stage: locale.T(lang, "FormReaders"), Action: locale.Render(lang, model.ActApprove),
				Person: clean(cmp.Or(ap.Display, ap.Login)), Login: clean(ap.Login), At: at(ap.At), Rev: ap.Rev, Hash: ap.Hash,
				Opinion: cleanText(ap.Opinion), Answers: answersOf(ap.Answers), KeyAlert: ap.KeyFlag != ""}
		}
		rec.Readers = append(rec.Readers, rd)
	}
	rec.Publications = publications(a, hash, at)
	if sc := a.Schedule; sc != nil && sc.Hash == hash {
		rec.Scheduled = at(sc.At)
	}
	return rec, nil
}

// recordOf is every approval the article received, oldest first (the
// record; older headers: the current approvals and the sign-off).
func recordOf(a *model.Article) []model.Approval {
	out := slices.Clone(a.Record)
	if len(out) == 0 {
		out = slices.Clone(a.Approvals)
		if a.Signed != nil && !slices.ContainsFunc(out, func(ap model.Approval) bool { return ap.Stage == a.Signed.Stage && ap.Hash == a.Signed.Hash }) {
			out = append(out, *a.Signed)
		}
	}
	slices.SortStableFunc(out, func(x, y model.Approval) int { return x.At.Compare(y.At) })
	// Databases written before the fix of model.Decide hold the first
	// approval of an article twice.
	return slices.CompactFunc(out, func(x, y model.Approval) bool {
		return x.Stage == y.Stage && x.Login == y.Login && x.Hash == y.Hash && x.At.Equal(y.At) && x.AuditSeq == y.AuditSeq
	})
}

// publications lists where the form's revision (content hash) went out;
// for records before per-target publications, the first publication
// time (PublishedAt).
func publications(a *model.Article, hash string, at func(time.Time) string) []Publication {
	var out []Publication
	for _, p := range a.Publications {
		if p.Hash == hash {
			out = append(out, Publication{Target: clean(p.Target), URL: clean(p.URL), At: at(p.At), Late: p.Late})
		}
	}
	if len(out) == 0 && len(a.Publications) == 0 && !a.PublishedAt.IsZero() {
		out = append(out, Publication{At: at(a.PublishedAt)})
	}
	return out
}

func answersOf(in []model.Answer) []model.Answer {
	out := make([]model.Answer, 0, len(in))
	for _, x := range in {
		out = append(out, model.Answer{Question: clean(x.Question), Yes: x.Yes, Note: cleanText(x.Note)})
	}
	return out
}

// clean removes what must not reach a printed form either: escape
// sequences, control and bidi characters; a one-line field also loses its
// line breaks (cleanText keeps them, for opinions and notes).
func clean(s string) string     { return termsafe.Line(s) }
func cleanText(s string) string { return termsafe.String(s) }

func cleanAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, clean(s))
	}
	return out
}
