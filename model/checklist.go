package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// MaxNoteRunes bounds the note of one checklist answer (one line).
const MaxNoteRunes = 200

// ChecklistError reports checklist answers that do not fit a stage: Missing
// are the 1-based numbers of the questions left unanswered (with their
// text in Questions); Unknown is an answer to a question the stage does not
// ask. It wraps ErrInvalid; nothing is stored.
type ChecklistError struct {
	Stage     string
	Missing   []int
	Questions []string
	Unknown   string
}

func (e *ChecklistError) Error() string {
	if e.Unknown != "" {
		return fmt.Sprintf("stage %s does not ask %q", e.Stage, e.Unknown)
	}
	return fmt.Sprintf("stage %s needs every checklist question answered (yes or no); unanswered: %s", e.Stage, e.list())
}

func (e *ChecklistError) list() string {
	parts := make([]string, len(e.Missing))
	for i, n := range e.Missing {
		parts[i] = fmt.Sprintf("%d. %s", n, e.Questions[i])
	}
	return strings.Join(parts, "; ")
}

// Unwrap makes a ChecklistError an ErrInvalid.
func (e *ChecklistError) Unwrap() error { return ErrInvalid }

// MessageID is the catalog entry: ErrChecklistUnanswered or ErrChecklistUnknown.
func (e *ChecklistError) MessageID() string {
	if e.Unknown != "" {
		return "ErrChecklistUnknown"
	}
	return "ErrChecklistUnanswered"
}

// MessageArgs are the stage, the unanswered questions as one numbered
// list ("1. …; 3. …") and the unknown question.
func (e *ChecklistError) MessageArgs() map[string]any {
	return map[string]any{"Stage": e.Stage, "Questions": e.list(), "Unknown": e.Unknown, "N": len(e.Missing)}
}

// OnlyUnanswered reports whether err refuses a decision only for its
// checklist being unanswered: the decision is open to the user, who answers
// the questions when making it (Allowed, May and the front ends' early
// checks ask Decide without answers). Decide checks the checklist last.
func OnlyUnanswered(err error) bool {
	var ce *ChecklistError
	return errors.As(err, &ce) && len(ce.Missing) > 0
}

// CheckAnswers matches the answers given at a decision against the stage's
// checklist, by question text, and returns them in the stage's order with
// notes made canonical. Every question must be answered exactly once; an
// answer to a question the stage does not ask, or a second answer to one,
// is an error. A stage without a checklist takes no answers (nil).
func (s *Stage) CheckAnswers(given []Answer) ([]Answer, error) {
	if len(s.Checklist) == 0 {
		if len(given) > 0 {
			return nil, &ChecklistError{Stage: s.Name, Unknown: given[0].Question}
		}
		return nil, nil
	}
	out := make([]Answer, len(s.Checklist))
	have := make([]bool, len(s.Checklist))
	for _, g := range given {
		i := slices.Index(s.Checklist, strings.TrimSpace(g.Question))
		if i < 0 || have[i] {
			return nil, &ChecklistError{Stage: s.Name, Unknown: g.Question}
		}
		note := CanonicalLine(g.Note)
		if err := checkLine("note", note, MaxNoteRunes, false); err != nil {
			return nil, err
		}
		out[i], have[i] = Answer{Question: s.Checklist[i], Yes: g.Yes, Note: note}, true
	}
	var miss []int
	var qs []string
	for i, ok := range have {
		if !ok {
			miss, qs = append(miss, i+1), append(qs, s.Checklist[i])
		}
	}
	if len(miss) > 0 {
		return nil, &ChecklistError{Stage: s.Name, Missing: miss, Questions: qs}
	}
	return out, nil
}

// AnswersText renders answers for a line of text: "1=否 2=是（note）".
// yes and no are the words to use (是/否 or yes/no).
func AnswersText(as []Answer, yes, no string) string {
	parts := make([]string, len(as))
	for i, a := range as {
		w := no
		if a.Yes {
			w = yes
		}
		parts[i] = fmt.Sprintf("%d=%s", i+1, w)
		if a.Note != "" {
			parts[i] += "（" + a.Note + "）"
		}
	}
	return strings.Join(parts, " ")
}

// EqualAnswers reports whether two answer lists are the same.
func EqualAnswers(a, b []Answer) bool { return slices.Equal(a, b) }
