package model

import (
	"slices"
	"strings"
	"time"
)

// Kind is what sort of article this is.
type Kind string

// The kinds of article.
const (
	KindNews    Kind = "news"    // 新闻
	KindMeeting Kind = "meeting" // 会议报道
)

// ParseKind accepts "news" or "meeting" (any case; "" means news) or the
// Chinese 新闻, 会议, 会议报道.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", string(KindNews), "新闻":
		return KindNews, nil
	case string(KindMeeting), "会议", "会议报道":
		return KindMeeting, nil
	}
	return "", fieldMsg("kind", "ErrUnknownKind", map[string]any{"Value": s}, "unknown kind %q: use news (新闻) or meeting (会议)", s)
}

// MessageID is the kind's entry in the message catalog: KindNews, KindMeeting.
func (k Kind) MessageID() string { return "Kind" + titleASCII(string(k)) }

// MessageArgs is empty: a kind's label has no placeholders.
func (k Kind) MessageArgs() map[string]any { return nil }

// Label is the kind's Chinese name.
func (k Kind) Label() string {
	if k == KindMeeting {
		return "会议"
	}
	return "新闻"
}

// Meeting holds the structured facts of a meeting report.
type Meeting struct {
	Name      string   `json:"name" yaml:"name"`                               // 会议名称
	Date      string   `json:"date" yaml:"date"`                               // YYYY-MM-DD
	Place     string   `json:"place,omitempty" yaml:"place,omitempty"`         // 地点
	Chair     string   `json:"chair,omitempty" yaml:"chair,omitempty"`         // 主持
	Attendees []string `json:"attendees,omitempty" yaml:"attendees,omitempty"` // 参会人员
}

// Content is everything of an article that is published. Its canonical
// encoding is hashed (see Hash); a change to any field is a content change.
type Content struct {
	Kind          Kind     `json:"kind"`
	Title         string   `json:"title"`
	Subtitle      string   `json:"subtitle,omitempty"`
	Source        string   `json:"source,omitempty"` // 资讯来源: source department
	Authors       []string `json:"authors,omitempty"`
	Photographers []string `json:"photographers,omitempty"`
	Meeting       *Meeting `json:"meeting,omitempty"`
	Body          string   `json:"body"`            // Markdown
	Media         []string `json:"media,omitempty"` // media refs used, with their content hashes ("id:sha256")
	// Important (重要) and Tags decide which conditional stages apply
	// (Stage.Holds); front matter important: true and tags: [...].
	Important bool     `json:"important,omitempty"`
	Tags      []string `json:"tags,omitempty"`
}

// Limits on an article's tags.
const (
	MaxTags     = 16
	MaxTagRunes = 32
)

// Validate checks every field; body must be valid UTF-8 without control
// characters and within MaxBodyBytes.
func (c *Content) Validate() error {
	if k, err := ParseKind(string(c.Kind)); err != nil || (c.Kind != "" && k != c.Kind) {
		return fieldMsg("kind", "ErrUnknownKind", map[string]any{"Value": string(c.Kind)}, "unknown kind %q: use news or meeting", c.Kind)
	}
	if err := checkLine("title", c.Title, MaxTitleRunes, true); err != nil {
		return err
	}
	if err := checkLine("subtitle", c.Subtitle, MaxTitleRunes, false); err != nil {
		return err
	}
	if err := checkLine("source", c.Source, MaxLineRunes, false); err != nil {
		return err
	}
	for _, a := range c.Authors {
		if err := checkLine("authors", a, 64, true); err != nil {
			return err
		}
	}
	for _, a := range c.Photographers {
		if err := checkLine("photographers", a, 64, true); err != nil {
			return err
		}
	}
	if m := c.Meeting; m != nil {
		if err := m.Validate(); err != nil {
			return err
		}
	}
	if len(c.Tags) > MaxTags {
		return fieldMsg("tags", "ErrTagsTooMany", map[string]any{"N": len(c.Tags), "Limit": MaxTags}, "%d tags; the limit is %d", len(c.Tags), MaxTags)
	}
	for _, t := range c.Tags {
		if err := checkLine("tags", t, MaxTagRunes, true); err != nil {
			return err
		}
	}
	return checkText("body", c.Body, MaxBodyBytes)
}

// Validate checks the form of the meeting fields: what is present must be
// well formed (a date must be a date), but a draft may leave any of them
// empty until it is submitted (see Missing).
func (m *Meeting) Validate() error {
	if err := checkLine("meeting.name", m.Name, MaxLineRunes, false); err != nil {
		return err
	}
	if m.Date != "" {
		if _, err := time.Parse("2006-01-02", m.Date); err != nil { // the canonical form (CanonicalDate)
			return dateError(m.Date)
		}
	}
	if err := checkLine("meeting.place", m.Place, MaxLineRunes, false); err != nil {
		return err
	}
	if err := checkLine("meeting.chair", m.Chair, MaxLineRunes, false); err != nil {
		return err
	}
	for _, a := range m.Attendees {
		if err := checkLine("meeting.attendees", a, MaxLineRunes, true); err != nil {
			return err
		}
	}
	return nil
}

// Missing lists the fields an article needs before it can be submitted
// for review and does not have yet, in the order a form shows them:
// "title", "body", and for a meeting report "meeting.name" and
// "meeting.date". Drafts may be saved without them (Validate checks form
// only); submitting checks completeness (IncompleteError lists them all).
func (c *Content) Missing() []string {
	var out []string
	if !HasVisible(c.Title) {
		out = append(out, "title")
	}
	if c.Kind == KindMeeting {
		m := c.Meeting
		if m == nil {
			m = &Meeting{}
		}
		if strings.TrimSpace(m.Name) == "" {
			out = append(out, "meeting.name")
		}
		if strings.TrimSpace(m.Date) == "" {
			out = append(out, "meeting.date")
		}
	}
	if !HasVisible(c.Body) {
		out = append(out, "body")
	}
	return out
}

// Clone returns a deep copy, so normalizing or storing it never touches
// the caller's slices or meeting.
func (c Content) Clone() Content {
	c.Authors = slices.Clone(c.Authors)
	c.Photographers = slices.Clone(c.Photographers)
	c.Media = slices.Clone(c.Media)
	c.Tags = slices.Clone(c.Tags)
	if c.Meeting != nil {
		m := *c.Meeting
		m.Attendees = slices.Clone(m.Attendees)
		c.Meeting = &m
	}
	return c
}

// Normalize puts c in the canonical form (see CanonicalText) in place:
// cleans what a user typed without changing its meaning.
func (c *Content) Normalize() {
	c.Title = CanonicalLine(c.Title)
	c.Subtitle = CanonicalLine(c.Subtitle)
	c.Source = CanonicalLine(c.Source)
	c.Authors = trimList(c.Authors)
	c.Photographers = trimList(c.Photographers)
	c.Tags = slices.Compact(trimList(c.Tags))
	c.Body = CanonicalText(c.Body)
	if c.Kind == "" {
		c.Kind = KindNews
	}
	if m := c.Meeting; m != nil {
		m.Name, m.Date = CanonicalLine(m.Name), CanonicalDate(CanonicalLine(m.Date))
		m.Place, m.Chair = CanonicalLine(m.Place), CanonicalLine(m.Chair)
		m.Attendees = trimList(m.Attendees)
	}
}

func trimList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = CanonicalLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Article is the header of an article: everything lists and queues need,
// without the body. The body lives in its revisions.
type Article struct {
	ID       uint64    `json:"id"`
	Owner    string    `json:"owner"` // login of the user who created it
	Kind     Kind      `json:"kind"`
	Title    string    `json:"title"`
	Source   string    `json:"source,omitempty"`
	Authors  []string  `json:"authors,omitempty"` // of the head revision, for the authorship rule
	State    State     `json:"state"`
	Stage    int       `json:"stage"` // index into Workflow.Stages while in review
	Workflow Workflow  `json:"workflow"`
	Rev      int       `json:"rev"`  // head revision number (1-based)
	Hash     string    `json:"hash"` // content hash of the head revision
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`

	// Approvals are the current approvals, at most one per stage. An
	// approval whose Hash differs from the head's is stale.
	Approvals []Approval `json:"approvals,omitempty"`
	// Actors maps each login that decided at a stage to that stage: one
	// user may act at one stage only (三审 separation of duties).
	Actors map[string]int `json:"actors,omitempty"`
	// Returned holds the last return opinion while the article is a draft again.
	Returned *Decision `json:"returned,omitempty"`
	// Signed is the revision the chief signed off, kept after later edits so
	// the published site keeps serving it until a new sign-off.
	Signed *Approval `json:"signed,omitempty"`
	// Record is every approval the article ever received, oldest first,
	// with the approver's display name as it was then. It is append-only:
	// a later approval of a newer revision never replaces it, so the
	// credits and provenance of any revision come from its own approvals
	// (ApprovalsOf). Databases before schema 2 are migrated from Approvals.
	Record []Approval `json:"record,omitempty"`
	// Decisions is every review decision (approve, return, sign-off) the
	// article received, oldest first, with the decider's display name as
	// it was then: what the next stage reads as earlier opinions, and where
	// a re-review's diff starts (DiffBasis).
	Decisions []Decision `json:"decisions,omitempty"`
	// RevAuthors[n-1] is the login that saved revision n: authorship of
	// the text, which separation of duties counts (see WroteUnchecked).
	RevAuthors []string `json:"rev_authors,omitempty"`
	// Submitted is the revision last sent to review (0: unknown).
	Submitted int `json:"submitted,omitempty"`
	// OwnerDisplay is the owner's display name when the article was
	// created: the public page's 发布人 comes from here, never from the
	// live users table.
	OwnerDisplay string `json:"owner_display,omitempty"`
	// TakenDown records the withdrawal of a live (signed) revision while
	// a newer working draft is in review or a draft.
	TakenDown *Decision `json:"taken_down,omitempty"`
	// Takedown is the 撤稿 of the live revision (ActTakedown): who, why,
	// and the revision and hash that were live, which stay in the record
	// (留档). A later sign-off clears it (the audit chain keeps it).
	// Articles withdrawn before it existed have State withdrawn and no
	// Takedown (or, for a live revision withdrawn under a newer draft,
	// TakenDown and no Signed): they stay off the site as before.
	Takedown *Decision `json:"takedown,omitempty"`
	// Corrections are the 更正 of the article, oldest first; the last is
	// open while its SignedAt is zero (see OpenCorrection).
	Corrections []Correction `json:"corrections,omitempty"`
	// PublishedAt is when the article first went online (上线): its first
	// Publication.
	PublishedAt time.Time `json:"published_at,omitzero"`
	// Schedule is the 定时发布 set at sign-off or later (nil: none); while
	// pending it embargoes the article (Embargoed).
	Schedule *Schedule `json:"schedule,omitempty"`
	// Publications are the copies of the article onto the public site,
	// oldest first: each export that contained it and was published to a
	// site target, or a manual mark (Publication.Manual).
	Publications []Publication `json:"publications,omitempty"`
	// Imported marks an article brought in from an old site's archive.
	Imported bool `json:"imported,omitempty"`
	// Deleted marks a draft deleted by its owner (删除草稿, ActDelete):
	// out of lists, queues and search until restored or purged.
	Deleted *Decision `json:"deleted,omitempty"`
	// Readers are the named extra readers (本人审阅) the sign-off waits
	// for; see Reader.
	Readers []Reader `json:"readers,omitempty"`
	// Important (重要) and Tags are the head revision's, copied from its
	// content: a stage's when: condition is decided on them (Applies).
	Important bool     `json:"important,omitempty"`
	Tags      []string `json:"tags,omitempty"`
}

// Approval is one stage's approval, bound to the revision and content hash
// the approver saw.
type Approval struct {
	Stage    int       `json:"stage"`
	Name     string    `json:"name"` // stage name, e.g. 审核
	Login    string    `json:"login"`
	Display  string    `json:"display"`
	Rev      int       `json:"rev"`
	Hash     string    `json:"hash"`
	Opinion  string    `json:"opinion"`
	At       time.Time `json:"at"`
	AuditSeq uint64    `json:"audit_seq"`
	// KeyFlag is set when the decision was made over SSH with a key not
	// added by its owner (model.Key.Flag).
	KeyFlag string `json:"key_flag,omitempty"`
	// Answers are the stage's checklist answered by the approver (保密审查),
	// one per question in the stage's order; empty for a stage without one.
	Answers []Answer `json:"answers,omitempty"`
}

// Answer is one checklist question answered at a decision: the question as
// the stage asked it, yes or no, and an optional note (one line).
type Answer struct {
	Question string `json:"q"`
	Yes      bool   `json:"yes"`
	Note     string `json:"note,omitempty"`
}

// Reader is a named extra reader of an article (本人审阅: e.g. the leader
// whose speech is quoted), added by a writer or reviewer before sign-off.
// The sign-off is refused until every reader's Approved binds the head
// content (Approved.Hash == Article.Hash).
type Reader struct {
	Login    string    `json:"login"`
	Display  string    `json:"display,omitempty"`
	AddedBy  string    `json:"added_by"`
	At       time.Time `json:"at"`
	Note     string    `json:"note,omitempty"` // why the reader was added
	Approved *Approval `json:"approved,omitempty"`
}

// Decision is a recorded workflow decision (approve, return, sign off, withdraw).
type Decision struct {
	Action  Action    `json:"action"`
	Stage   int       `json:"stage"`
	Login   string    `json:"login"`
	Display string    `json:"display,omitempty"` // as it was at the time
	Opinion string    `json:"opinion"`
	Rev     int       `json:"rev"`
	At      time.Time `json:"at"`
	// Answers are the checklist answers given with an approval or
	// sign-off (see Approval.Answers).
	Answers []Answer `json:"answers,omitempty"`
	// Hash is the content hash of Rev (a takedown names the hash that was
	// live); AuditSeq the audit record of the decision, where recorded.
	Hash     string `json:"hash,omitempty"`
	AuditSeq uint64 `json:"audit_seq,omitempty"`
}

// Current returns the stage the article waits at, or nil when not in review.
func (a *Article) Current() *Stage {
	if a.State != StateReview || a.Stage < 0 || a.Stage >= len(a.Workflow.Stages) {
		return nil
	}
	return &a.Workflow.Stages[a.Stage]
}

// ValidApprovals returns the approvals still bound to the head content.
func (a *Article) ValidApprovals() []Approval {
	var out []Approval
	for _, ap := range a.Approvals {
		if ap.Hash == a.Hash {
			out = append(out, ap)
		}
	}
	return out
}

// LastApproval returns the most recent valid approval, if any: the next
// reviewer sees the diff since its revision.
func (a *Article) LastApproval() *Approval {
	var last *Approval
	for i := range a.Approvals {
		if last == nil || a.Approvals[i].Stage > last.Stage {
			last = &a.Approvals[i]
		}
	}
	return last
}

// IsAuthor reports whether the user wrote the article: its owner, or the
// one who saved any of its revisions. Authorship is who wrote the text,
// by login; the byline (Content.Authors, free text) is not identity, so
// naming someone there never bars them from reviewing (IsNamed).
func (a *Article) IsAuthor(u *User) bool {
	if u == nil {
		return false
	}
	return a.Owner == u.Login || slices.Contains(a.RevAuthors, u.Login)
}

// IsNamed reports whether the byline names u, by login or display name.
func (a *Article) IsNamed(u *User) bool {
	return u != nil && (slices.Contains(a.Authors, u.Login) || (u.Display != "" && slices.Contains(a.Authors, u.Display)))
}

// approvalRecord is Record, or for headers written before it existed the
// current approvals and the sign-off.
func (a *Article) approvalRecord() []Approval {
	if len(a.Record) > 0 {
		return a.Record
	}
	out := slices.Clone(a.Approvals)
	if a.Signed != nil && !slices.ContainsFunc(out, func(ap Approval) bool { return ap.Stage == a.Signed.Stage && ap.Hash == a.Signed.Hash }) {
		out = append(out, *a.Signed)
	}
	return out
}

// ApprovalsOf returns the approvals the content with this hash received,
// the newest per stage (per named user at a 会签), in stage order: the credits and provenance of a
// revision. Later approvals of other content do not change it.
func (a *Article) ApprovalsOf(hash string) []Approval {
	type key struct {
		stage int
		login string
	}
	by := map[key]Approval{}
	for _, ap := range a.approvalRecord() {
		if ap.Hash == hash && ap.Stage >= 0 && ap.Stage < len(a.Workflow.Stages) {
			k := key{stage: ap.Stage}
			if a.Workflow.Stages[ap.Stage].All {
				k.login = ap.Login // 会签: every named user's own
			}
			by[k] = ap
		}
	}
	out := make([]Approval, 0, len(by))
	for _, ap := range by {
		out = append(out, ap)
	}
	slices.SortFunc(out, func(x, y Approval) int {
		if x.Stage != y.Stage {
			return x.Stage - y.Stage
		}
		return x.At.Compare(y.At)
	})
	return out
}

// lastCheck is the newest revision approved by someone other than login
// who did not write that revision themselves (0: none).
func (a *Article) lastCheck(login string) int {
	last := 0
	for _, ap := range a.approvalRecord() {
		if ap.Login == login || ap.Stage < 0 || ap.Rev <= last {
			continue
		}
		if ap.Rev >= 1 && ap.Rev <= len(a.RevAuthors) && a.RevAuthors[ap.Rev-1] == ap.Login {
			continue // approved their own text (records before the rule)
		}
		last = ap.Rev
	}
	return last
}

// WroteUnchecked returns the newest revision login saved since the last
// approval by someone else (0: none): such a user wrote part of the head
// text and may not approve or sign it off.
func (a *Article) WroteUnchecked(login string) int {
	since := a.lastCheck(login)
	for n := len(a.RevAuthors); n > since; n-- {
		if a.RevAuthors[n-1] == login {
			return n
		}
	}
	return 0
}

// DiffBase is the revision the next reviewer's diff starts from; see
// DiffBasis.
func (a *Article) DiffBase(viewer string) int {
	n, _ := a.DiffBasis(viewer)
	return n
}

// DiffBasis is the revision the next reviewer's diff starts from and the
// decision that makes it so: the last revision viewer themselves decided on
// (a 复审 reviewer who returned revision 3 sees 第3版 → head even after 初审
// approved revision 5 since; a reviewer whose approval went stale sees what
// changed since it), else the newest revision anyone decided on — the
// revision that was returned (a re-review after 退回 shows what the writer
// changed since), the last revision another reviewer approved — else the
// newest revision someone other than viewer approved (records from before
// Decisions), else the revision submitted to review (the head itself on a
// first review: nothing to compare), else the one before the head. by is
// nil when no recorded decision set the base. The revision is never above
// the head; equal to the head means nothing changed since that decision.
func (a *Article) DiffBasis(viewer string) (rev int, by *Decision) {
	if viewer != "" {
		for i := len(a.Decisions) - 1; i >= 0; i-- {
			if d := &a.Decisions[i]; d.Login == viewer && d.Rev >= 1 && d.Rev <= a.Rev {
				return d.Rev, d
			}
		}
	}
	for i := range a.Decisions {
		if d := &a.Decisions[i]; d.Rev >= 1 && d.Rev <= a.Rev && d.Rev >= rev {
			rev, by = d.Rev, d
		}
	}
	if b := a.lastCheck(viewer); b > rev && b <= a.Rev {
		rev, by = b, nil
	}
	if rev > 0 {
		return rev, by
	}
	if a.Submitted > 0 && a.Submitted <= a.Rev {
		return a.Submitted, nil // first review: changes since it was sent
	}
	return max(a.Rev-1, 1), nil
}

// EarlierDecisions returns every review decision so far, oldest first:
// Decisions, or for articles decided before it existed the approval record
// and the last return.
func (a *Article) EarlierDecisions() []Decision {
	if len(a.Decisions) > 0 {
		return a.Decisions
	}
	var out []Decision
	for _, ap := range a.approvalRecord() {
		act := ActApprove
		if a.Workflow.IsFinal(ap.Stage) {
			act = ActSignOff
		}
		out = append(out, Decision{Action: act, Stage: ap.Stage, Login: ap.Login, Display: ap.Display, Opinion: ap.Opinion, Rev: ap.Rev, At: ap.At})
	}
	if a.Returned != nil {
		out = append(out, *a.Returned)
	}
	slices.SortStableFunc(out, func(x, y Decision) int { return x.At.Compare(y.At) })
	return out
}

// Revision is one saved version of an article's content. Every save makes a
// new revision; all are kept.
type Revision struct {
	Article uint64    `json:"article"`
	N       int       `json:"n"`
	Base    int       `json:"base"` // the revision this one was edited from
	Author  string    `json:"author"`
	At      time.Time `json:"at"`
	Hash    string    `json:"hash"`
	Content Content   `json:"content"`
}

// Summary is the compact row of a list or queue.
type Summary struct {
	ID    uint64
	Kind  Kind
	State State
	Stage int
	// StageName and StageRole describe the stage an article in review
	// waits at, so queues can be built from rows alone.
	StageName string
	StageRole Role
	Rev       int
	Owner     string
	Title     string
	Updated   time.Time
}

// Summary returns the list row of the article.
func (a *Article) Summary() Summary {
	s := Summary{ID: a.ID, Kind: a.Kind, State: a.State, Stage: a.Stage, Rev: a.Rev,
		Owner: a.Owner, Title: a.Title, Updated: a.Updated}
	if st := a.Current(); st != nil {
		s.StageName, s.StageRole = st.Name, st.Role
	}
	return s
}
