package model

import "fmt"

// VisibleTo reports whether u may find and read the article a: the union of
// what the home screen's queues show u. Everyone sees signed-off and
// published articles (the archive); the owner and the named authors see
// their own in every state; a user who decided at a stage keeps seeing the
// article; an article in review is seen by the users its current stage
// waits for (holding the stage's role, not its author, not having acted at
// another stage); an extra reader (本人审阅) sees it. Search over SSH and in the TUI filters every hit with it.
func (a *Article) VisibleTo(u *User) bool {
	if a == nil || u == nil {
		return false
	}
	switch {
	case Archived(a.State) && a.Takedown == nil: // 撤稿: no longer the archive's
		return true
	case a.IsAuthor(u), a.IsNamed(u):
		return true
	}
	if _, ok := a.Actors[u.Login]; ok {
		return true
	}
	if a.ReaderIndex(u.Login) >= 0 {
		return true // 本人审阅: an extra reader reads it until it is signed
	}
	st := a.Current()
	if st == nil || !st.Allows(u) {
		return false
	}
	return true // IsAuthor was checked above; Actors holds no other stage of u
}

// Archived reports whether s is a state of the archive (signed off and
// published), which VisibleTo shows everyone unless the article was taken
// down.
func Archived(s State) bool { return s == StateSigned || s == StatePublished }

// MayRead is the one rule for seeing an article and for everything done on
// what one sees of it (reading its text, history or comments, commenting,
// resolving a comment, being bound to a read): nil when a.VisibleTo(u),
// else a *DeniedError wrapping ErrNotVisible (catalog ErrNotVisible, args
// ID and Login). The store asks it inside the transaction of every such
// read or change, so the TUI, the CLI and SSH commands share it.
func MayRead(a *Article, u *User) error {
	if a.VisibleTo(u) {
		return nil
	}
	var id uint64
	var login string
	if a != nil {
		id = a.ID
	}
	if u != nil {
		login = u.Login
	}
	return &DeniedError{Err: ErrNotVisible, ID: "ErrNotVisible", Detail: fmt.Sprintf("article %d is not visible to %s", id, login),
		Args: map[string]any{"ID": id, "Login": login}}
}

// MayAct is the first question of every action on one article (a save, a
// decision, a comment, an ignore, a reader added, the trash): may u see it?
// It is asked before any rule that names the article's owner, state or
// stage, so a user who may not see an article learns nothing of it from a
// refusal: the answer is MayRead's (*DeniedError, ErrNotVisible), byte for
// byte what reading it says. The one exception is the admin's trash
// (ActDelete, ActRestore, ActPurge): an admin empties and restores other
// users' drafts, which no one but their writers see. The rules after it
// (Decide, CanEdit, MayAddReaders, …) then give the specific refusal to
// those who may see the article.
func MayAct(a *Article, u *User, act Action) error {
	if a.VisibleTo(u) {
		return nil
	}
	if u.Has(RoleAdmin) && adminUnseen(act) {
		return nil
	}
	return MayRead(a, u)
}

// adminUnseen reports whether act is one an admin takes on articles they
// may not read (MayAct).
func adminUnseen(act Action) bool {
	switch act {
	case ActDelete, ActRestore, ActPurge:
		return true
	}
	return false
}
