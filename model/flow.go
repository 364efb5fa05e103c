package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReaderStage is the Stage of a decision or approval by an extra reader
// (本人审阅): not a stage of the workflow.
const ReaderStage = -2

// ReaderStageName is the stored name of a reader's approval (Approval.Name).
const ReaderStageName = "本人审阅"

// MaxReaders bounds the extra readers of one article.
const MaxReaders = 16

// Holds reports whether the stage's when: condition holds for an article
// marked important (重要) with tags: "important" (or 重要) holds when it is
// marked, "tag:NAME" when NAME is one of its tags, and a stage without a
// condition always applies. This is the one place conditions are decided.
func (s *Stage) Holds(important bool, tags []string) bool {
	w := strings.TrimSpace(s.When)
	switch {
	case w == "":
		return true
	case w == "important" || w == "重要":
		return important
	}
	if t, ok := strings.CutPrefix(w, "tag:"); ok {
		return slices.Contains(tags, strings.TrimSpace(t))
	}
	return true // an unknown condition (never stored: validated at define time) asks for more review, never less
}

// Applies reports whether stage i applies to the article (Stage.Holds on
// its Important and Tags). A stage that does not apply is skipped.
func (a *Article) Applies(i int) bool {
	return i >= 0 && i < len(a.Workflow.Stages) && a.Workflow.Stages[i].Holds(a.Important, a.Tags)
}

// stageDone reports whether stage i needs nothing more for the head
// content: it does not apply, or it has an approval of the head (from
// every named user of a countersign).
func (a *Article) stageDone(i int) bool {
	if !a.Applies(i) {
		return true
	}
	return len(a.Countersigners(i)) == 0
}

// Countersigners returns who still has to approve the head content at
// stage i: for a countersign (会签) every named user without an approval
// of the head, else nil once anyone approved it (or the stage's role, as
// one empty name, while no one has).
func (a *Article) Countersigners(i int) []string {
	st := &a.Workflow.Stages[i]
	approved := func(login string) bool {
		return slices.ContainsFunc(a.Approvals, func(ap Approval) bool {
			return ap.Stage == i && ap.Hash == a.Hash && (login == "" || ap.Login == login)
		})
	}
	if !st.All {
		if approved("") {
			return nil
		}
		return []string{""}
	}
	var out []string
	for _, u := range st.Users {
		if !approved(u) {
			out = append(out, u)
		}
	}
	return out
}

// ReaderIndex is the index of login among the extra readers, or -1.
func (a *Article) ReaderIndex(login string) int {
	return slices.IndexFunc(a.Readers, func(r Reader) bool { return r.Login == login })
}

// PendingReaders are the extra readers who have not approved the head
// content: the sign-off waits for them.
func (a *Article) PendingReaders() []Reader {
	var out []Reader
	for _, r := range a.Readers {
		if r.Approved == nil || r.Approved.Hash != a.Hash {
			out = append(out, r)
		}
	}
	return out
}

// MayAddReaders decides whether u may add or remove extra readers of a: a
// writer of the article (owner or who saved a revision), an admin, or a
// user who may act at one of its stages; only before sign-off (a draft or
// an article in review).
func MayAddReaders(a *Article, u *User) error {
	if u == nil {
		return denied(ErrRoleRequired, "ErrNoIdentity", nil, "no identity: choose a user with --as")
	}
	if a.Deleted != nil || (a.State != StateDraft && a.State != StateReview) {
		return &StateError{Action: ActReaderAdd, State: a.State, Hint: "extra readers are added before sign-off: to a draft or an article in review", HintID: "HintReadersBeforeSignoff"}
	}
	if a.IsAuthor(u) || u.Has(RoleAdmin) {
		return nil
	}
	for i := range a.Workflow.Stages {
		if a.Workflow.Stages[i].Allows(u) {
			return nil
		}
	}
	return denied(ErrRoleRequired, "ErrReaderAddRole", map[string]any{"ID": a.ID}, "only a writer or a reviewer of article %d may add or remove extra readers", a.ID)
}

// AddReader returns the article with reader r added by u (see
// MayAddReaders). The reader must not be an author of the article, must
// not have acted at one of its stages (no one acts twice), and is not
// added twice. note says why (one line, optional).
func AddReader(a Article, u, r *User, note string, now time.Time) (Article, error) {
	if err := MayAddReaders(&a, u); err != nil {
		return a, err
	}
	if err := checkLine("note", note, MaxNoteRunes, false); err != nil {
		return a, err
	}
	a = a.clone()
	switch {
	case a.ReaderIndex(r.Login) >= 0:
		return a, fieldMsg("reader", "ErrReaderExists", map[string]any{"Login": r.Login, "ID": a.ID}, "%s already is an extra reader of article %d", r.Login, a.ID)
	case a.IsAuthor(r):
		return a, denied(ErrOwnArticle, "ErrReaderIsAuthor", map[string]any{"Login": r.Login, "ID": a.ID}, "%s wrote article %d and cannot be its reader", r.Login, a.ID)
	case len(a.Readers) >= MaxReaders:
		return a, fieldMsg("reader", "ErrReadersTooMany", map[string]any{"Limit": MaxReaders}, "at most %d extra readers", MaxReaders)
	}
	if prev, ok := a.Actors[r.Login]; ok && prev >= 0 && prev < len(a.Workflow.Stages) {
		return a, denied(ErrTwoStages, "ErrReaderActed", map[string]any{"Login": r.Login, "Stage": a.Workflow.Stages[prev].Name}, "%s acted at %s and cannot also be an extra reader", r.Login, a.Workflow.Stages[prev].Name)
	}
	for i := range a.Workflow.Stages { // a user a stage needs (its only named user, a countersigner) acts there
		if st := &a.Workflow.Stages[i]; a.Applies(i) && slices.Contains(st.required(), r.Login) {
			return a, denied(ErrTwoStages, "ErrReaderNamedAtStage", map[string]any{"Login": r.Login, "Stage": st.Name}, "%s must act at %s and cannot also be an extra reader", r.Login, st.Name)
		}
	}
	a.Readers = append(a.Readers, Reader{Login: r.Login, Display: r.Name(), AddedBy: u.Login, At: now, Note: CanonicalLine(note)})
	return a, nil
}

// RemoveReader returns the article without the extra reader login (see
// MayAddReaders); ErrNotFound-like ErrInvalid when login is not a reader,
// ErrOwnArticle when u wrote the article and someone else added the reader.
func RemoveReader(a Article, u *User, login string) (Article, error) {
	if err := MayAddReaders(&a, u); err != nil {
		return a, err
	}
	a = a.clone()
	i := a.ReaderIndex(login)
	if i < 0 {
		return a, fieldMsg("reader", "ErrNotReader", map[string]any{"Login": login, "ID": a.ID}, "%s is not an extra reader of article %d", login, a.ID)
	}
	// A writer of the article may take back only a reader they added
	// themselves: a reader a reviewer (or admin) asked for is a condition
	// of the sign-off the writer may not lift (whatever else they hold).
	if by := a.Readers[i].AddedBy; a.IsAuthor(u) && by != u.Login {
		return a, denied(ErrOwnArticle, "ErrReaderRemoveAuthor", map[string]any{"Login": login, "ID": a.ID, "By": by}, "%s was added as an extra reader of article %d by %s; a writer of the article cannot remove them", login, a.ID, by)
	}
	a.Readers = slices.Delete(a.Readers, i, i+1)
	return a, nil
}

// readerDecide is an extra reader's approve or return (Decide has checked
// the state and the revision read): an approval binds the head content; a
// return sends the article back to its writer like any stage's.
func readerDecide(a Article, req Request, i int) (Article, error) {
	u := req.Actor
	if req.Action == ActSignOff {
		return a, denied(ErrRoleRequired, "ErrReaderSignoff", map[string]any{"Login": u.Login, "ID": a.ID}, "%s is an extra reader of article %d: approve it (or return it); the sign-off is someone else's", u.Login, a.ID)
	}
	if a.IsAuthor(u) {
		return a, denied(ErrOwnArticle, "ErrOwnArticle", map[string]any{"Login": u.Login, "ID": a.ID}, "%s wrote article %d", u.Login, a.ID)
	}
	if n := a.WroteUnchecked(u.Login); n > 0 && req.Action != ActReturn {
		return a, denied(ErrOwnText, "ErrOwnText", map[string]any{"Login": u.Login, "Rev": n, "ID": a.ID, "Stage": ReaderStageName}, "%s wrote revision %d of article %d and no one else has approved it since", u.Login, n, a.ID)
	}
	if err := ValidateOpinion(req.Opinion); err != nil {
		return a, err
	}
	if req.Rev == 0 {
		return a, &StaleViewError{Article: a.ID, Read: 0, Head: a.Rev}
	}
	if len(req.Answers) > 0 && req.Action != ActReturn {
		return a, &ChecklistError{Stage: ReaderStageName, Unknown: req.Answers[0].Question}
	}
	if r := a.Readers[i].Approved; r != nil && r.Hash == a.Hash {
		return a, &StateError{Action: req.Action, State: a.State, Hint: fmt.Sprintf("%s already approved this revision", u.Login), HintID: "HintAlreadyApproved", HintArgs: map[string]any{"Login": u.Login}}
	}
	a.Decisions = append(a.Decisions, Decision{Action: req.Action, Stage: ReaderStage, Login: u.Login, Display: u.Name(),
		Opinion: req.Opinion, Rev: a.Rev, At: req.Now})
	if req.Action == ActReturn {
		a.State = StateDraft
		a.Returned = &Decision{Action: ActReturn, Stage: ReaderStage, Login: u.Login, Display: u.Name(), Opinion: req.Opinion, Rev: a.Rev, At: req.Now}
		return a, nil
	}
	ap := Approval{Stage: ReaderStage, Name: ReaderStageName, Login: u.Login, Display: u.Name(),
		Rev: a.Rev, Hash: a.Hash, Opinion: req.Opinion, At: req.Now}
	a.Readers[i].Approved = &ap
	a.Record = append(a.approvalRecord(), ap)
	return a, nil
}

// StageLabel is stage i's name, the reader step's for ReaderStage, and ""
// for an index the workflow does not have (never panics).
func (a *Article) StageLabel(i int) string {
	if i == ReaderStage {
		return ReaderStageName
	}
	if i >= 0 && i < len(a.Workflow.Stages) {
		return a.Workflow.Stages[i].Name
	}
	return ""
}
