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
