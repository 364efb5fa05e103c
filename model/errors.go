package model

import (
	"errors"
	"fmt"
	"strings"
)

// ErrDenied is the root of every refusal by the workflow rules: the actor may
// not do what was asked. Callers map it to exit code 4.
var ErrDenied = errors.New("denied")

// ErrInvalid is the root of every validation failure of user input.
var ErrInvalid = errors.New("invalid input")

// ErrState reports an action that the article's current state does not allow
// (submitting an article already in review, approving a draft, …).
var ErrState = errors.New("not allowed in this state")

// Named refusals; each wraps ErrDenied so callers can test for the class.
var (
	// ErrRoleRequired: the actor lacks the role the action or stage requires.
	ErrRoleRequired = fmt.Errorf("%w: role required", ErrDenied)
	// ErrOwnArticle: authors may not review or sign off their own article.
	ErrOwnArticle = fmt.Errorf("%w: you may not review your own article", ErrDenied)
	// ErrTwoStages: one user may act at only one review stage of an article.
	ErrTwoStages = fmt.Errorf("%w: you already acted at another stage of this article", ErrDenied)
	// ErrOwnText: whoever wrote part of a revision (saved it since the
	// last approval by someone else) may not approve or sign it off.
	ErrOwnText = fmt.Errorf("%w: you wrote part of this text", ErrDenied)
	// ErrNotOwner: only the article's owner (or an admin) may do this.
	ErrNotOwner = fmt.Errorf("%w: only the article's owner may do this", ErrDenied)
	// ErrOpinionRequired: every decision carries a written opinion (书面意见).
	ErrOpinionRequired = fmt.Errorf("%w: a written opinion is required", ErrInvalid)
)

// FieldError names the field that failed validation and why.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Unwrap makes every FieldError an ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// DeniedError explains a refusal in words a user can act on; it wraps one of
// the named ErrDenied values.
type DeniedError struct {
	Err    error
	Detail string
}

func (e *DeniedError) Error() string {
	if e.Detail == "" {
		return e.Err.Error()
	}
	if e.Err == ErrRoleRequired {
		return "denied: " + e.Detail
	}
	return e.Err.Error() + " (" + e.Detail + ")"
}

// Unwrap returns the named refusal.
func (e *DeniedError) Unwrap() error { return e.Err }

func denied(err error, format string, args ...any) error {
	return &DeniedError{Err: err, Detail: fmt.Sprintf(format, args...)}
}

// StateError reports an action that the current state does not allow.
type StateError struct {
	Action Action
	State  State
	Hint   string
}

func (e *StateError) Error() string {
	s := fmt.Sprintf("cannot %s an article that is %s", e.Action, e.State.Label())
	if e.Hint != "" {
		s += ": " + e.Hint
	}
	return s
}

// Unwrap makes every StateError an ErrState.
func (e *StateError) Unwrap() error { return ErrState }

// fieldLabels are the Chinese names of the fields Missing reports.
var fieldLabels = map[string]string{
	"title": "标题", "body": "正文", "meeting.name": "会议名称", "meeting.date": "会议日期",
}

// FieldLabel is a field's Chinese name as forms show it ("meeting.date" →
// 会议日期); an unknown field is returned as it is.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

// IncompleteError refuses to submit an article that lacks fields a review
// needs; Fields lists every missing one (see Content.Missing), so the
// writer fixes them all at once. It wraps ErrInvalid.
type IncompleteError struct {
	Fields []string
}

func (e *IncompleteError) labels() string {
	ls := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		ls[i] = FieldLabel(f)
	}
	return strings.Join(ls, "、")
}

func (e *IncompleteError) Error() string {
	return "还不能送审，缺少：" + e.labels() + " (not ready for review; missing " + strings.Join(e.Fields, ", ") + ")"
}

// Unwrap makes an IncompleteError an ErrInvalid.
func (e *IncompleteError) Unwrap() error { return ErrInvalid }

// MessageID is the catalog entry: ErrIncomplete, with Fields (the Chinese
// labels joined by 、) and Keys (the field keys joined by ", ").
func (e *IncompleteError) MessageID() string { return "ErrIncomplete" }

// MessageArgs are the message's placeholders.
func (e *IncompleteError) MessageArgs() map[string]any {
	return map[string]any{"Fields": e.labels(), "Keys": strings.Join(e.Fields, ", ")}
}
