package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// ErrConflict reports a stale base of a SAVE: the article changed since the
// revision the caller started from (exit code 3). Text that lost is kept,
// never dropped. Decisions never return it: see ErrStaleView.
var ErrConflict error = &named{"conflict: the article changed since you started; your text was kept as a conflict draft", "ErrConflictBare"}

// ErrStaleView reports a DECISION (approve, return, sign-off) on a revision
// the actor has not read: the head changed since they read it, or they never
// read it (exit code 3). Nothing is stored; the actor reads the head and
// decides again. It is never an ErrConflict.
var ErrStaleView error = &named{"stale view: read the current revision first", "ErrStaleViewBare"}

// StaleViewError is the ErrStaleView of one decision: the actor last read
// revision Read (0: never) of Article, whose head is Head.
type StaleViewError struct {
	Article uint64
	Read    int
	Head    int
}

func (e *StaleViewError) Error() string {
	if e.Read == 0 {
		return fmt.Sprintf("you have not read article %d: read revision %d first (copydesk article show %d), then decide again", e.Article, e.Head, e.Article)
	}
	return fmt.Sprintf("article %d changed since you read revision %d: read revision %d first (copydesk article show %d or article diff %d), then decide again",
		e.Article, e.Read, e.Head, e.Article, e.Article)
}

// MessageID is the catalog entry: ErrNotRead or ErrStaleRead.
func (e *StaleViewError) MessageID() string {
	if e.Read == 0 {
		return "ErrNotRead"
	}
	return "ErrStaleRead"
}

// MessageArgs are the article, the revision read and the head.
func (e *StaleViewError) MessageArgs() map[string]any {
	return map[string]any{"ID": e.Article, "Read": e.Read, "Head": e.Head}
}

// Unwrap makes StaleViewError an ErrStaleView.
func (e *StaleViewError) Unwrap() error { return ErrStaleView }

// NeedsRead reports whether an action is a decision on the text, which must
// name the revision the actor read (approve, return, sign-off).
func NeedsRead(act Action) bool {
	return act == ActApprove || act == ActReturn || act == ActSignOff
}

// State is where an article is in its life.
type State string

// The states.
const (
	StateDraft     State = "draft"     // 草稿 (also: returned)
	StateReview    State = "review"    // 审核中, at Article.Stage
	StateSigned    State = "signed"    // 已签发
	StatePublished State = "published" // 已上线: on the public site
	StateWithdrawn State = "withdrawn" // 已撤稿
)

// AllStates lists the states in workflow order.
var AllStates = []State{StateDraft, StateReview, StateSigned, StatePublished, StateWithdrawn}

// stateNames are the names ParseState accepts besides the State values
// themselves: the Chinese labels and common English variants.
var stateNames = map[string]State{
	"草稿": StateDraft, "审核中": StateReview, "审核": StateReview, "送审": StateReview,
	"已签发": StateSigned, "签发": StateSigned, "已发布": StatePublished, "发布": StatePublished, "已上线": StatePublished, "上线": StatePublished, "online": StatePublished,
	"已撤稿": StateWithdrawn, "撤稿": StateWithdrawn,
	"in-review": StateReview, "in review": StateReview, "signed-off": StateSigned, "signed off": StateSigned,
}

// ParseState accepts a state by its name in either language: draft, review,
// signed, published, withdrawn (any case), or the Chinese labels 草稿,
// 审核中, 已签发, 已上线, 已撤稿 (also 审核, 签发, 已发布, 发布, 上线, 撤稿). An unknown
// name is an ErrInvalid *FieldError.
func ParseState(s string) (State, error) {
	s = strings.TrimSpace(s)
	if st := State(strings.ToLower(s)); slices.Contains(AllStates, st) {
		return st, nil
	}
	if st, ok := stateNames[strings.ToLower(s)]; ok {
		return st, nil
	}
	return "", fieldMsg("state", "ErrUnknownState", map[string]any{"Value": s}, "unknown state %q (known: draft 草稿, review 审核中, signed 已签发, published 已上线, withdrawn 已撤稿)", s)
}

// MessageID is the state's entry in the message catalog (package locale):
// StateDraft, StateReview, ….
func (s State) MessageID() string { return "State" + titleASCII(string(s)) }

// MessageArgs is empty: a state's label has no placeholders.
func (s State) MessageArgs() map[string]any { return nil }

// titleASCII upper-cases the first ASCII letter of s.
func titleASCII(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// Label is the state's Chinese name.
func (s State) Label() string {
	switch s {
	case StateDraft:
		return "草稿"
	case StateReview:
		return "审核中"
	case StateSigned:
		return "已签发"
	case StatePublished:
		return "已上线"
	case StateWithdrawn:
		return "已撤稿"
	}
	return string(s)
}

// Action is something a user does to an article; every action is recorded
// in the audit chain.
type Action string

// The actions.
const (
	ActCreate   Action = "create"
	ActSave     Action = "save"
	ActSubmit   Action = "submit"
	ActApprove  Action = "approve"
	ActReturn   Action = "return"
	ActSignOff  Action = "signoff"
	ActPublish  Action = "publish"
	ActWithdraw Action = "withdraw"
	ActImport   Action = "import"
	ActComment  Action = "comment"
	ActResolve  Action = "resolve"
	ActConflict Action = "conflict"
	ActUserAdd  Action = "user.add"
	ActUserKey  Action = "user.key"
	ActKeyDel   Action = "user.key.remove"
	ActInvite   Action = "user.invite"
	ActJoin     Action = "user.join"
	ActUserDel  Action = "user.remove"
	ActUserEdit Action = "user.edit"
	ActMedia    Action = "media.add"
	ActSettings Action = "settings"
	// ActProofIgnore lets one 三校 finding stand, with a written reason
	// (store.IgnoreFinding); the gate counts it as a waiver.
	ActProofIgnore Action = "proof.ignore"
	// ActDelete, ActRestore and ActPurge are 删除草稿: a draft never
	// submitted is marked deleted (hidden from lists, queues and search),
	// restored, or removed for good by an admin (the audit records stay).
	ActDelete  Action = "delete"
	ActRestore Action = "restore"
	ActPurge   Action = "purge"
	// ActReaderAdd and ActReaderRemove name or drop an extra reader
	// (本人审阅), whom the sign-off waits for.
	ActReaderAdd    Action = "reader.add"
	ActReaderRemove Action = "reader.remove"
)

// Stage is one review stage: its name and who acts at it — holders of Role,
// or (when Users is set) only the named users. Checklist holds the yes/no
// questions the actor answers when approving or signing off (Request.Answers,
// stored with the approval). When is the condition under which the stage
// applies ("important" or "tag:X", decided by Holds); a stage that does not
// apply is skipped.
type Stage struct {
	Name      string   `json:"name"`
	Role      Role     `json:"role,omitempty"`
	Users     []string `json:"users,omitempty"`
	Checklist []string `json:"checklist,omitempty"`
	When      string   `json:"when,omitempty"`
	// All makes the stage a 会签 (countersign): every named user (Users)
	// must approve the same content before the article moves on; any one
	// of them may return it.
	All bool `json:"all,omitempty"`
}

// Allows reports whether u may act at the stage: a named user when the
// stage names users, else a holder of its role. Separation of duties is
// Decide's, on top of this.
func (s *Stage) Allows(u *User) bool {
	if u == nil {
		return false
	}
	if len(s.Users) > 0 {
		return slices.Contains(s.Users, u.Login)
	}
	return u.Has(s.Role)
}

// Who is the stage's actors as text: the role, or the named users.
func (s *Stage) Who() string {
	if len(s.Users) > 0 {
		return strings.Join(s.Users, ",")
	}
	return string(s.Role)
}

// Title is how the credits line and the printed forms name the one who
// acted at the stage (主编, 分管领导, 保密员): the display name of the
// stage's role — an office's own role from custom (CustomRoleDisplay), a
// built-in one by Role.Label — or, for a stage of named users, the stage's
// name without a trailing 签发 (分管领导签发 → 分管领导). It is never empty
// for a stage with a name or a role.
func (s *Stage) Title(custom []CustomRole) string {
	if len(s.Users) == 0 && s.Role != "" {
		if d, ok := CustomRoleDisplay(s.Role, custom); ok {
			return d
		}
		if slices.Contains(AllRoles, s.Role) {
			return s.Role.Label()
		}
	}
	name := strings.TrimSpace(s.Name)
	if t := strings.TrimSpace(strings.TrimSuffix(name, "签发")); t != "" {
		return t
	}
	if name != "" {
		return name
	}
	return string(s.Role)
}

// Workflow is an ordered list of review stages; the last stage is the
// sign-off (签发). Each article keeps a copy of the workflow it started with.
type Workflow struct {
	Name   string  `json:"name"`
	Stages []Stage `json:"stages"`
	// Correction is the shorter route a 更正 takes: stage indexes in
	// order, ending with the sign-off (empty: every stage). See Route.
	Correction []int `json:"correction,omitempty"`
	// Takedown is who may take an article down (撤稿): a role or named
	// users (nil: DefaultTakedown, the chief). See TakedownStage.
	Takedown *Stage `json:"takedown,omitempty"`
}

// The built-in workflows.
var (
	// DefaultWorkflow is the seed office's 审核 → 主编签发.
	DefaultWorkflow = Workflow{Name: "default", Stages: []Stage{
		{Name: "审核", Role: RoleReviewer},
		{Name: "主编签发", Role: RoleChief},
	}}
	// ThreeReview is the 三审 preset: 初审 → 复审 → 终审.
	ThreeReview = Workflow{Name: "三审", Stages: []Stage{
		{Name: "初审", Role: RoleReviewer},
		{Name: "复审", Role: RoleReviewer},
		{Name: "终审", Role: RoleChief},
	}}
)

// Workflows are the presets by name.
var Workflows = map[string]Workflow{"default": DefaultWorkflow, "三审": ThreeReview, "three": ThreeReview}

// ParseWorkflow returns a preset by name ("" is the default).
func ParseWorkflow(name string) (Workflow, error) {
	if name == "" {
		name = "default"
	}
	w, ok := Workflows[name]
	if !ok {
		return Workflow{}, fieldMsg("workflow", "ErrUnknownWorkflow", map[string]any{"Value": name}, "unknown workflow %q (known: default, 三审)", name)
	}
	return w.Clone(), nil
}

// Clone returns a deep copy.
func (w Workflow) Clone() Workflow {
	w.Stages = slices.Clone(w.Stages)
	w.Correction = slices.Clone(w.Correction)
	if w.Takedown != nil {
		t := *w.Takedown
		t.Users = slices.Clone(t.Users)
		w.Takedown = &t
	}
	for i := range w.Stages {
		w.Stages[i].Users = slices.Clone(w.Stages[i].Users)
		w.Stages[i].Checklist = slices.Clone(w.Stages[i].Checklist)
	}
	return w
}

// String renders the workflow as 审核 → 主编签发.
func (w Workflow) String() string {
	names := make([]string, len(w.Stages))
	for i, s := range w.Stages {
		names[i] = s.Name
	}
	return strings.Join(names, " → ")
}

// IsFinal reports whether stage i is the sign-off stage.
func (w Workflow) IsFinal(i int) bool { return i == len(w.Stages)-1 }

// Request is one workflow decision to be checked by Decide.
type Request struct {
	Action  Action
	Actor   *User
	Opinion string
	// Rev and Hash are what the actor read. For approve, return and
	// sign-off Rev is required and must be the head (and Hash, when given,
	// its hash), or the decision is refused with a *StaleViewError. For
	// other actions a non-zero Rev must match too.
	Rev  int
	Hash string
	Now  time.Time
	// Answers answer the stage's checklist (approve and sign-off at a
	// stage with one): matched by question text, every question exactly
	// once (Stage.CheckAnswers). Ignored for a return.
	Answers []Answer
	// At is the publish time of ActSchedule, and of ActSignOff when the
	// chief schedules at sign-off (zero: none); see Schedule.
	At time.Time
}

// Decide is the one function that decides every workflow transition and who
// may make it. It returns the article as it is after the decision, or an
// error wrapping ErrDenied, ErrInvalid, ErrState or ErrStaleView. The input
// is not modified. Saves go through ApplySave.
func Decide(a Article, req Request) (Article, error) {
	u := req.Actor
	if u == nil {
		return a, denied(ErrRoleRequired, "ErrNoIdentity", nil, "no identity: choose a user with --as")
	}
	a = a.clone()
	if a.Deleted != nil && req.Action != ActRestore && req.Action != ActPurge {
		return a, &StateError{Action: req.Action, State: a.State,
			Hint:   fmt.Sprintf("article %d is deleted; restore it first: copydesk article restore %d", a.ID, a.ID),
			HintID: "HintDeleted", HintArgs: map[string]any{"ID": a.ID}}
	}
	if !NeedsRead(req.Action) && req.Rev != 0 && (req.Rev != a.Rev || (req.Hash != "" && req.Hash != a.Hash)) {
		return a, &StaleViewError{Article: a.ID, Read: req.Rev, Head: a.Rev}
	}
	switch req.Action {
	case ActSubmit:
		if a.State != StateDraft {
			return a, &StateError{Action: ActSubmit, State: a.State}
		}
		if a.Owner != u.Login && !u.Has(RoleAdmin) {
			return a, denied(ErrNotOwner, "ErrNotOwner", map[string]any{"ID": a.ID, "Owner": a.Owner}, "article %d belongs to %s", a.ID, a.Owner)
		}
		a.State, a.Stage, a.Returned, a.Submitted = StateReview, a.firstOpenStage(), nil, a.Rev
		if a.Stage == len(a.Workflow.Stages) { // every stage still approved: only the sign-off is missing
			a.Stage = len(a.Workflow.Stages) - 1
		}
		return a, nil

	case ActApprove, ActReturn, ActSignOff:
		if a.State != StateReview {
			return a, &StateError{Action: req.Action, State: a.State, Hint: "only an article in review can be decided", HintID: "HintNotInReview"}
		}
		// Bound to what was read: a decision on an older revision is
		// refused before anything else, since the state may have moved.
		if req.Rev != 0 && (req.Rev != a.Rev || (req.Hash != "" && req.Hash != a.Hash)) {
			return a, &StaleViewError{Article: a.ID, Read: req.Rev, Head: a.Rev}
		}
		if i := a.ReaderIndex(u.Login); i >= 0 {
			return readerDecide(a, req, i) // 本人审阅: a reader acts at no stage
		}
		st := a.Current()
		final := a.Workflow.IsFinal(a.Stage)
		if req.Action == ActApprove && final {
			return a, &StateError{Action: req.Action, State: a.State,
				Hint:   fmt.Sprintf("it waits for %s, which is signed off, not approved: copydesk article signoff %d -m OPINION", st.Name, a.ID),
				HintID: "HintWaitsForSignoff", HintArgs: map[string]any{"Stage": st.Name, "ID": a.ID}}
		}
		if req.Action == ActSignOff && !final {
			return a, &StateError{Action: req.Action, State: a.State,
				Hint:   fmt.Sprintf("it waits for %s first", st.Name),
				HintID: "HintWaitsFor", HintArgs: map[string]any{"Stage": st.Name}}
		}
		if !st.Allows(u) {
			if len(st.Users) > 0 {
				return a, denied(ErrRoleRequired, "ErrStageNeedsUser", map[string]any{"Stage": st.Name, "Users": strings.Join(st.Users, "、"), "Login": u.Login},
					"stage %s is for %s only; %s is not named", st.Name, strings.Join(st.Users, ", "), u.Login)
			}
			return a, denied(ErrRoleRequired, "ErrStageNeedsRole", map[string]any{"Stage": st.Name, "Role": st.Role, "Login": u.Login, "Roles": roleList(u.Roles)},
				"stage %s needs the %s role (%s); %s has %s",
				st.Name, st.Role, st.Role.Label(), u.Login, rolesString(u.Roles))
		}
		if a.Owner == u.Login {
			return a, denied(ErrOwnArticle, "ErrOwnArticle", map[string]any{"Login": u.Login, "ID": a.ID}, "%s wrote article %d", u.Login, a.ID)
		}
		if n := a.WroteUnchecked(u.Login); n > 0 && req.Action != ActReturn {
			return a, denied(ErrOwnText, "ErrOwnText", map[string]any{"Login": u.Login, "Rev": n, "ID": a.ID, "Stage": st.Name}, "%s wrote revision %d of article %d and no one else has approved it since; someone else must decide at %s", u.Login, n, a.ID, st.Name)
		}
		if prev, ok := a.Actors[u.Login]; ok && prev != a.Stage {
			return a, denied(ErrTwoStages, "ErrTwoStages", map[string]any{"Login": u.Login, "Prev": a.Workflow.Stages[prev].Name, "Stage": st.Name}, "%s acted at %s; %s needs someone else", u.Login, a.Workflow.Stages[prev].Name, st.Name)
		}
		if st.All && req.Action != ActReturn && slices.ContainsFunc(a.Approvals, func(ap Approval) bool {
			return ap.Stage == a.Stage && ap.Login == u.Login && ap.Hash == a.Hash
		}) {
			return a, &StateError{Action: req.Action, State: a.State, Hint: fmt.Sprintf("%s already approved this revision", u.Login), HintID: "HintAlreadyApproved", HintArgs: map[string]any{"Login": u.Login}}
		}
		if req.Action == ActSignOff {
			if p := a.PendingReaders(); len(p) > 0 {
				names := make([]string, len(p))
				for i, r := range p {
					names[i] = r.Display + "（" + r.Login + "）"
				}
				return a, &StateError{Action: req.Action, State: a.State,
					Hint:   fmt.Sprintf("the extra readers have not approved the current revision: %s", strings.Join(names, ", ")),
					HintID: "HintReadersPending", HintArgs: map[string]any{"Readers": strings.Join(names, "、"), "ID": a.ID}}
			}
		}
		if err := ValidateOpinion(req.Opinion); err != nil {
			return a, err
		}
		// Nothing read: checked after who-may-act, so a user who may not
		// decide at all is told so first.
		if req.Rev == 0 {
			return a, &StaleViewError{Article: a.ID, Read: 0, Head: a.Rev}
		}
		var answers []Answer
		if req.Action != ActReturn {
			var err error
			if answers, err = st.CheckAnswers(req.Answers); err != nil {
				return a, err
			}
		}
		if a.Actors == nil {
			a.Actors = map[string]int{}
		}
		a.Actors[u.Login] = a.Stage
		a.Decisions = append(a.Decisions, Decision{Action: req.Action, Stage: a.Stage, Login: u.Login, Display: u.Name(),
			Opinion: req.Opinion, Rev: a.Rev, At: req.Now, Answers: answers})
		if req.Action == ActReturn {
			a.State = StateDraft
			a.Returned = &Decision{Action: ActReturn, Stage: a.Stage, Login: u.Login, Display: u.Name(), Opinion: req.Opinion, Rev: a.Rev, At: req.Now}
			return a, nil
		}
		ap := Approval{Stage: a.Stage, Name: st.Name, Login: u.Login, Display: u.Name(),
			Rev: a.Rev, Hash: a.Hash, Opinion: req.Opinion, At: req.Now, Answers: answers}
		// The record before this approval is set: for the first approval
		// approvalRecord falls back to Approvals, which would then hold it
		// already (it was recorded twice).
		rec := a.approvalRecord()
		a.setApproval(ap)
		a.Record = append(slices.Clip(rec), ap)
		if !a.stageDone(a.Stage) {
			return a, nil // 会签: the stage waits for its other named users
		}
		if final {
			a.State = StateSigned
			a.Signed = &ap
			a.signCorrection(req.Now)
			a.Takedown = nil      // a new sign-off puts the article back on the site
			if !req.At.IsZero() { // 签发 with a publish time (定时发布)
				return a, a.setSchedule(u, req)
			}
			return a, nil
		}
		a.Stage = a.firstOpenStage()
		if a.Stage >= len(a.Workflow.Stages) {
			a.Stage = len(a.Workflow.Stages) - 1
		}
		return a, nil

	case ActPublish:
		return a, a.markPublished(u, req)

	case ActSchedule, ActUnschedule:
		return a, a.decideSchedule(u, req)

	case ActWithdraw, ActTakedown:
		return decideTakedown(a, u, req)

	case ActCorrect:
		return decideCorrect(a, u, req)

	case ActDelete, ActRestore:
		if req.Action == ActDelete && !a.NeverSubmitted() {
			return a, &StateError{Action: ActDelete, State: a.State, Hint: "only a draft that was never submitted can be deleted", HintID: "HintNotFreshDraft"}
		}
		if req.Action == ActRestore && a.Deleted == nil {
			return a, &StateError{Action: ActRestore, State: a.State, Hint: "it is not deleted", HintID: "HintNotDeleted"}
		}
		if a.Owner != u.Login && !u.Has(RoleAdmin) {
			return a, denied(ErrNotOwner, "ErrNotOwner", map[string]any{"ID": a.ID, "Owner": a.Owner}, "article %d belongs to %s", a.ID, a.Owner)
		}
		if req.Action == ActRestore {
			a.Deleted = nil
			return a, nil
		}
		a.Deleted = &Decision{Action: ActDelete, Login: u.Login, Display: u.Name(), Rev: a.Rev, At: req.Now}
		return a, nil

	case ActPurge:
		if a.Deleted == nil {
			return a, &StateError{Action: ActPurge, State: a.State, Hint: fmt.Sprintf("only a deleted draft can be purged: copydesk article delete %d first", a.ID), HintID: "HintPurgeNotDeleted", HintArgs: map[string]any{"ID": a.ID}}
		}
		if !u.Has(RoleAdmin) {
			return a, denied(ErrRoleRequired, "ErrPurgeRole", nil, "purging needs the admin role")
		}
		return a, nil
	}
	return a, fieldMsg("action", "ErrUnknownAction", map[string]any{"Value": string(req.Action)}, "unknown action %q", req.Action)
}

// NeverSubmitted reports whether a is a draft that never went to review and
// was never decided on: the only kind of article 删除草稿 may delete.
func (a *Article) NeverSubmitted() bool {
	return a.Deleted == nil && a.State == StateDraft && a.Submitted == 0 && len(a.Decisions) == 0 &&
		len(a.Record) == 0 && a.Signed == nil && a.Returned == nil && a.TakenDown == nil && a.Takedown == nil &&
		len(a.Corrections) == 0 && a.PublishedAt.IsZero() && !a.Imported
}

// CanEdit decides whether u may save a new revision: the owner (or a named
// author) always, reviewers and the chief while the article waits at a stage
// of their role, admins always. Nobody edits a withdrawn article but its
// owner, which makes it a draft again.
func CanEdit(a *Article, u *User) error {
	if u == nil {
		return denied(ErrRoleRequired, "ErrNoIdentity", nil, "no identity: choose a user with --as")
	}
	if a.Deleted != nil {
		return &StateError{Action: ActSave, State: a.State,
			Hint:   fmt.Sprintf("article %d is deleted; restore it first: copydesk article restore %d", a.ID, a.ID),
			HintID: "HintDeleted", HintArgs: map[string]any{"ID": a.ID}}
	}
	if a.IsAuthor(u) || u.Has(RoleAdmin) {
		return nil
	}
	if st := a.Current(); st != nil && st.Allows(u) {
		return nil
	}
	return denied(ErrNotOwner, "ErrEditNotOwner", map[string]any{"ID": a.ID, "Owner": a.Owner, "State": a.State}, "article %d belongs to %s and is %s", a.ID, a.Owner, a.State.Label())
}

// ApplySave returns the article after a new revision rev with content hash
// hash: approvals bound to older content become stale and the article goes
// back to the first stale stage. A signed or published article returns to
// review; the revision the chief signed stays on the site until a new
// sign-off. A withdrawn article becomes a draft.
func ApplySave(a Article, rev int, hash string, now time.Time) Article {
	a = a.clone()
	changed := hash != a.Hash
	a.Rev, a.Hash, a.Updated = rev, hash, now
	if !changed {
		return a
	}
	switch a.State {
	case StateWithdrawn:
		a.State = StateDraft
	case StateReview, StateSigned, StatePublished:
		stale := a.firstOpenStage()
		if a.State != StateReview || stale < a.Stage {
			a.State, a.Stage = StateReview, min(stale, len(a.Workflow.Stages)-1)
		}
	}
	return a
}

// StaleApprovals returns the approvals that no longer match the head content.
func (a *Article) StaleApprovals() []Approval {
	var out []Approval
	for _, ap := range a.Approvals {
		if ap.Hash != a.Hash {
			out = append(out, ap)
		}
	}
	return out
}

// firstOpenStage is the first stage of the route (the correction route
// while a correction is open) that applies and still needs an approval of
// the head content (see stageDone).
func (a *Article) firstOpenStage() int {
	for _, i := range a.Workflow.Route(a.OpenCorrection() != nil) {
		if !a.stageDone(i) {
			return i
		}
	}
	return len(a.Workflow.Stages)
}

// setApproval keeps ap as the stage's current approval: one per stage, or
// one per named user at a countersign (会签).
func (a *Article) setApproval(ap Approval) {
	all := ap.Stage >= 0 && ap.Stage < len(a.Workflow.Stages) && a.Workflow.Stages[ap.Stage].All
	for i := range a.Approvals {
		if a.Approvals[i].Stage == ap.Stage && (!all || a.Approvals[i].Login == ap.Login) {
			a.Approvals[i] = ap
			return
		}
	}
	a.Approvals = append(a.Approvals, ap)
	slices.SortStableFunc(a.Approvals, func(x, y Approval) int { return x.Stage - y.Stage })
}

func (a Article) clone() Article {
	a.Workflow = a.Workflow.Clone()
	a.Approvals = slices.Clone(a.Approvals)
	a.Record = slices.Clone(a.Record)
	a.Decisions = slices.Clone(a.Decisions)
	a.RevAuthors = slices.Clone(a.RevAuthors)
	if a.TakenDown != nil {
		d := *a.TakenDown
		a.TakenDown = &d
	}
	if a.Takedown != nil {
		d := *a.Takedown
		a.Takedown = &d
	}
	a.Corrections = slices.Clone(a.Corrections)
	a.Actors = maps.Clone(a.Actors)
	a.Readers = slices.Clone(a.Readers)
	a.Tags = slices.Clone(a.Tags)
	if a.Returned != nil {
		r := *a.Returned
		a.Returned = &r
	}
	if a.Signed != nil {
		s := *a.Signed
		a.Signed = &s
	}
	if a.Schedule != nil {
		s := *a.Schedule
		a.Schedule = &s
	}
	a.Publications = slices.Clone(a.Publications)
	return a
}

func rolesString(rs []Role) string {
	if len(rs) == 0 {
		return "no role"
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// roleList is a user's roles as a catalog Message list: 撰稿、审核 / writer, reviewer.
type roleList []Role

// MessageID is "RoleList", whose placeholder is filled by the caller's
// rendering of each role; see locale.Render.
func (r roleList) MessageID() string { return "RoleNone" }

// MessageArgs is empty.
func (r roleList) MessageArgs() map[string]any { return nil }

// Items are the roles, each a Message.
func (r roleList) Items() []any {
	out := make([]any, len(r))
	for i, x := range r {
		out[i] = x
	}
	return out
}

// MessageID is the action's entry in the message catalog: ActionSubmit,
// ActionUserAdd, ….
func (a Action) MessageID() string { return "Action" + FieldName(a).MessageID()[len("Field"):] }

// MessageArgs is empty.
func (a Action) MessageArgs() map[string]any { return nil }

// RolesMessage is roles as a catalog Message list (撰稿、审核 / writer,
// reviewer; no role at all renders as RoleNone), for an error's arguments.
func RolesMessage(rs []Role) any { return roleList(rs) }
