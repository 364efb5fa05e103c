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
