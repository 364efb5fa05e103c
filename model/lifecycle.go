package model

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// After sign-off: 更正 (corrections) and 撤稿 (takedown), issue 13.

// The actions of an article's life after sign-off.
const (
	// ActCorrect opens a 更正 of a live article (or replaces the note of
	// the open one): the article goes through the workflow again, along
	// Workflow.Correction when the workflow defines one.
	ActCorrect Action = "correct"
	// ActCorrected is the audit record written with the sign-off of a
	// correction: it binds the public note to the revision signed.
	ActCorrected Action = "corrected"
	// ActTakedown is 撤稿: the live revision leaves the site, with a
	// written reason, by whom Workflow.TakedownStage allows. The old
	// ActWithdraw is the same decision under its old name.
	ActTakedown Action = "takedown"
)

// MaxCorrectionNoteRunes bounds a public correction note (更正说明), in characters.
const MaxCorrectionNoteRunes = 500

// ErrNoteRequired: a correction carries a public note (更正说明).
var ErrNoteRequired error = &sentinel{msg: "a correction note (更正说明) is required", id: "ErrNoteRequired", wrap: ErrInvalid}

// Correction is one 更正 of a published article: the public note, who
// opened it and when, and — once signed off — the revision and content
// hash it was signed with (the note is bound to that revision: the audit
// record AuditSeq holds both). A correction with a zero SignedAt is open:
// its text is still in review.
type Correction struct {
	Note     string    `json:"note"`
	Rev      int       `json:"rev,omitempty"`
	Hash     string    `json:"hash,omitempty"`
	Login    string    `json:"login"`
	Display  string    `json:"display,omitempty"`
	At       time.Time `json:"at"`
	SignedAt time.Time `json:"signed_at,omitzero"`
	// StartSeq is the audit record that opened (or last re-noted) the
	// correction; AuditSeq the ActCorrected record written at sign-off.
	StartSeq uint64 `json:"start_seq,omitempty"`
	AuditSeq uint64 `json:"audit_seq,omitempty"`
}

// ValidateNote checks a correction note: required, at most MaxCorrectionNoteRunes
// characters, text without control characters (ErrNoteRequired or an
// ErrInvalid *FieldError).
func ValidateNote(s string) error {
	if !HasVisible(s) {
		return ErrNoteRequired
	}
	if utf8.RuneCountInString(s) > MaxCorrectionNoteRunes {
		return fieldMsg("note", "ErrFieldTooLongMax", map[string]any{"Max": MaxCorrectionNoteRunes}, "is longer than %d characters", MaxCorrectionNoteRunes)
	}
	return checkText("note", s, MaxCorrectionNoteRunes*4)
}

// DefaultTakedown is who may take an article down when the workflow does
// not say: the chief.
var DefaultTakedown = Stage{Name: "撤稿", Role: RoleChief}

// TakedownStage is who may take down an article under w: its takedown:
// entry, else DefaultTakedown.
func (w Workflow) TakedownStage() Stage {
	if w.Takedown != nil && (w.Takedown.Role != "" || len(w.Takedown.Users) > 0) {
		return *w.Takedown
	}
	return DefaultTakedown
}

// Route is the stage indexes a review passes, in order: the correction
// route while a correction is open (when the workflow defines a valid one),
// else every stage.
func (w Workflow) Route(correcting bool) []int {
	if correcting && w.validCorrection() {
		return w.Correction
	}
	all := make([]int, len(w.Stages))
	for i := range all {
		all[i] = i
	}
	return all
}

// validCorrection reports whether Correction is a strictly increasing list
// of stage indexes ending with the sign-off stage.
func (w Workflow) validCorrection() bool {
	if len(w.Correction) == 0 || w.Correction[len(w.Correction)-1] != len(w.Stages)-1 {
		return false
	}
	for i, s := range w.Correction {
		if s < 0 || s >= len(w.Stages) || (i > 0 && s <= w.Correction[i-1]) {
			return false
		}
	}
	return true
}

// CorrectionNames is the correction route as stage names (审核 → 主编签发),
// "" when the workflow has none.
func (w Workflow) CorrectionNames() string {
	if !w.validCorrection() {
		return ""
	}
	names := make([]string, len(w.Correction))
	for i, s := range w.Correction {
		names[i] = w.Stages[s].Name
	}
	return strings.Join(names, " → ")
}

// Live reports whether a has a signed revision on the site: signed off,
// not taken down (撤稿), not withdrawn under the old rule.
func (a *Article) Live() bool {
	return a.Signed != nil && a.Takedown == nil && a.State != StateWithdrawn
}

// OpenCorrection is the correction in review (nil: none).
func (a *Article) OpenCorrection() *Correction {
	if n := len(a.Corrections); n > 0 && a.Corrections[n-1].SignedAt.IsZero() {
		return &a.Corrections[n-1]
	}
	return nil
}

// PublicCorrections are the signed-off corrections up to the live
// revision, oldest first: what the site shows with the text.
func (a *Article) PublicCorrections() []Correction {
	if a.Signed == nil {
		return nil
	}
	var out []Correction
	for _, c := range a.Corrections {
		if !c.SignedAt.IsZero() && c.Rev <= a.Signed.Rev {
			out = append(out, c)
		}
	}
	return out
}

// mayCorrect: who may open a correction — the article's author, a user
// who acts at a stage of its workflow, the chief, or an admin. Review
// still decides whether the corrected text goes out.
func mayCorrect(a *Article, u *User) bool {
	if a.IsAuthor(u) || u.Has(RoleChief) || u.Has(RoleAdmin) {
		return true
	}
	for i := range a.Workflow.Stages {
		if a.Workflow.Stages[i].Allows(u) {
			return true
		}
	}
	return false
}

// decideCorrect is Decide's ActCorrect.
func decideCorrect(a Article, u *User, req Request) (Article, error) {
	if !a.Live() {
		return a, &StateError{Action: ActCorrect, State: a.State, Hint: "only an article with a signed-off revision on the site can be corrected", HintID: "HintCorrectNotLive"}
	}
	if !mayCorrect(&a, u) {
		return a, denied(ErrRoleRequired, "ErrCorrectRole", map[string]any{"ID": a.ID, "Login": u.Login},
			"%s may not correct article %d: its author, its reviewers, the chief or an admin may", u.Login, a.ID)
	}
	if err := ValidateNote(req.Opinion); err != nil {
		return a, err
	}
	if c := a.OpenCorrection(); c != nil { // a new note for the correction in review
		same := c.Note == req.Opinion
		a.Corrections = slices.Clone(a.Corrections)
		c = &a.Corrections[len(a.Corrections)-1]
		c.Note, c.Login, c.Display, c.At = req.Opinion, u.Login, u.Name(), req.Now
		if same {
			return a, nil
		}
		// The note is published with the text: an approval given to
		// the old note does not cover the new one, so review starts
		// again, as for a new correction.
	} else {
		a.Corrections = append(slices.Clone(a.Corrections), Correction{Note: req.Opinion, Login: u.Login, Display: u.Name(), At: req.Now})
	}
	// The corrected text is reviewed afresh: no earlier approval counts
	// (the record keeps them; the live revision's credits come from it).
	a.Approvals = nil
	if a.State != StateDraft {
		a.State, a.Returned, a.Submitted = StateReview, nil, a.Rev
		a.Stage = a.firstOpenStage()
		if a.Stage >= len(a.Workflow.Stages) {
			a.Stage = len(a.Workflow.Stages) - 1
		}
	}
	return a, nil
}

// decideTakedown is Decide's ActTakedown (and the old ActWithdraw).
func decideTakedown(a Article, u *User, req Request) (Article, error) {
	if !a.Live() {
		return a, &StateError{Action: ActTakedown, State: a.State, Hint: "only an article with a signed-off revision on the site can be taken down", HintID: "HintNotLive"}
	}
	who := a.Workflow.TakedownStage()
	if !who.Allows(u) {
		if len(who.Users) > 0 {
			return a, denied(ErrRoleRequired, "ErrTakedownUsers", map[string]any{"Users": strings.Join(who.Users, "、"), "Login": u.Login},
				"taking down (撤稿) is for %s only; %s is not named", strings.Join(who.Users, ", "), u.Login)
		}
		return a, denied(ErrRoleRequired, "ErrTakedownRole", map[string]any{"Role": who.Role, "Login": u.Login},
			"taking down (撤稿) needs the %s role; %s does not have it", who.Role, u.Login)
	}
	if err := ValidateOpinion(req.Opinion); err != nil {
		return a, err
	}
	a.Takedown = &Decision{Action: ActTakedown, Stage: -1, Login: u.Login, Display: u.Name(), Opinion: req.Opinion,
		Rev: a.Signed.Rev, Hash: a.Signed.Hash, At: req.Now}
	// The signed revision stays in the record (留档). A working draft or a
	// correction in review carries on; its sign-off puts it back on the site.
	if a.State == StateSigned || a.State == StatePublished {
		a.State = StateWithdrawn
	}
	return a, nil
}

// signCorrection binds the open correction, if any, to the revision being
// signed off.
func (a *Article) signCorrection(now time.Time) {
	if c := a.OpenCorrection(); c != nil {
		a.Corrections = slices.Clone(a.Corrections)
		c = &a.Corrections[len(a.Corrections)-1]
		c.Rev, c.Hash, c.SignedAt = a.Rev, a.Hash, now
	}
}
