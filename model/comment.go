package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Comment is a reviewer's note anchored to a paragraph of a revision: the
// paragraph's index and the text quoted from it, so the anchor survives
// reading even when the paragraph later moves.
type Comment struct {
	ID         uint64    `json:"id"`
	Article    uint64    `json:"article"`
	Rev        int       `json:"rev"`
	Para       int       `json:"para"`  // 0-based paragraph index in that revision
	Quote      string    `json:"quote"` // the paragraph's opening text
	Author     string    `json:"author"`
	Text       string    `json:"text"`
	At         time.Time `json:"at"`
	Resolved   bool      `json:"resolved,omitempty"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
}

// Validate checks the comment text.
func (c *Comment) Validate() error {
	if strings.TrimSpace(c.Text) == "" {
		return fieldMsg("comment", "ErrFieldEmpty", nil, "must not be empty")
	}
	if utf8.RuneCountInString(c.Text) > MaxOpinion {
		return fieldMsg("comment", "ErrFieldTooLongMax", map[string]any{"Max": MaxOpinion}, "is longer than %d characters", MaxOpinion)
	}
	if c.Para < 0 {
		return fieldMsg("comment", "ErrParaNegative", nil, "paragraph index must not be negative")
	}
	return checkText("comment", c.Text, MaxOpinion*4)
}

// Paragraphs splits a Markdown body into paragraphs: runs of non-blank lines.
func Paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(NormalizeText(body), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Quote returns the first n characters (grapheme clusters) of s with runs
// of white space made single spaces, for a comment's anchor; see
// [Shorten].
func Quote(s string, n int) string {
	return Shorten(strings.Join(strings.Fields(s), " "), n)
}

// ConflictDraft is the text of a save that lost a race: it is kept, with who
// wrote it and the revision it started from, so nothing typed is lost.
type ConflictDraft struct {
	ID      uint64    `json:"id"`
	Article uint64    `json:"article"`
	Base    int       `json:"base"` // the revision the author started from
	Head    int       `json:"head"` // the revision that was current when the save failed
	Author  string    `json:"author"`
	At      time.Time `json:"at"`
	Content Content   `json:"content"`
}

// MayResolve is the one rule for marking comment c of article a resolved
// (the store asks it in the transaction; the workstation offers its key
// only when it holds): first MayRead, so one who may not see the article
// learns nothing of it; then the comment's author, a writer of the
// article (owner, who saved a revision, a named author), a user the
// current stage waits for, the signer (the chief role, or whoever the
// workflow's last stage allows) and an admin. Anyone else who sees the
// article — a reviewer who has moved on, an extra reader — may read and
// add comments but not close someone else's. The refusal is a
// *DeniedError (ErrRoleRequired, catalog ErrResolveDenied).
func MayResolve(a *Article, c *Comment, u *User) error {
	if err := MayRead(a, u); err != nil {
		return err
	}
	switch {
	case c != nil && c.Author == u.Login, a.IsAuthor(u), a.IsNamed(u), u.Has(RoleAdmin), u.Has(RoleChief):
		return nil
	}
	if st := a.Current(); st != nil && st.Allows(u) {
		return nil
	}
	if n := len(a.Workflow.Stages); n > 0 && a.Workflow.Stages[n-1].Allows(u) {
		return nil
	}
	var id uint64
	author := ""
	if c != nil {
		id, author = c.ID, c.Author
	}
	return denied(ErrRoleRequired, "ErrResolveDenied", map[string]any{"ID": a.ID, "Comment": id, "Author": author},
		"comment %d on article %d is %s's: only its author, the article's writers, the stage it waits at, the signer or an admin may resolve it", id, a.ID, author)
}
