package model

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
