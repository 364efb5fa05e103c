package model

import (
	"fmt"
	"strings"
)

// ErrDenied is the root of every refusal by the workflow rules: the actor may
// not do what was asked. Callers map it to exit code 4.
var ErrDenied error = &named{"denied", "ErrDeniedBare"}

// ErrInvalid is the root of every validation failure of user input.
var ErrInvalid error = &named{"invalid input", "ErrInvalidBare"}

// ErrState reports an action that the article's current state does not allow
// (submitting an article already in review, approving a draft, …).
var ErrState error = &named{"not allowed in this state", "ErrStateBare"}

// Named refusals; each wraps ErrDenied so callers can test for the class.
var (
	// ErrRoleRequired: the actor lacks the role the action or stage requires.
	ErrRoleRequired error = &sentinel{msg: "role required", id: "ErrRoleRequiredBare", wrap: ErrDenied}
	// ErrOwnArticle: authors may not review or sign off their own article.
	ErrOwnArticle error = &sentinel{msg: "you may not review your own article", id: "ErrOwnArticleBare", wrap: ErrDenied}
	// ErrTwoStages: one user may act at only one review stage of an article.
	ErrTwoStages error = &sentinel{msg: "you already acted at another stage of this article", id: "ErrTwoStagesBare", wrap: ErrDenied}
	// ErrOwnText: whoever wrote part of a revision (saved it since the
	// last approval by someone else) may not approve or sign it off.
	ErrOwnText error = &sentinel{msg: "you wrote part of this text", id: "ErrOwnTextBare", wrap: ErrDenied}
	// ErrNotVisible: the article is not one the actor may see
	// (Article.VisibleTo): not theirs, not waiting for them, not in the
	// archive.
	ErrNotVisible error = &sentinel{msg: "you may not see this article", id: "ErrNotVisibleBare", wrap: ErrDenied}
	// ErrNotOwner: only the article's owner (or an admin) may do this.
	ErrNotOwner error = &sentinel{msg: "only the article's owner may do this", id: "ErrNotOwnerBare", wrap: ErrDenied}
	// ErrOpinionRequired: every decision carries a written opinion (书面意见).
	ErrOpinionRequired error = &sentinel{msg: "a written opinion is required", id: "ErrOpinionRequired", wrap: ErrInvalid}
)

// named is a class of errors with a catalog message of its own.
type named struct{ msg, id string }

func (e *named) Error() string { return e.msg }

// MessageID is the catalog entry.
func (e *named) MessageID() string { return e.id }

// MessageArgs is empty.
func (e *named) MessageArgs() map[string]any { return nil }

// sentinel is a named error value with a catalog message; wrap is the
// class it belongs to (errors.Is).
type sentinel struct {
	msg, id string
	wrap    error
}

func (e *sentinel) Error() string { return e.wrap.Error() + ": " + e.msg }

// Unwrap returns the class.
func (e *sentinel) Unwrap() error { return e.wrap }

// MessageID is the catalog entry.
func (e *sentinel) MessageID() string { return e.id }

// MessageArgs is empty.
func (e *sentinel) MessageArgs() map[string]any { return nil }

// Errors of this package are typed values that the user interfaces render
// in the reader's language: each implements MessageID and MessageArgs (the
// interface locale.Message, without importing it), naming an entry of the
// message catalog in locale/ and its placeholders. Error() stays English,
// for logs and for callers that match text.

// FieldError names the field that failed validation and why. ID and Args,
// when set, are the catalog message of Reason (its placeholders; "Field"
// is added); without them the UI shows the generic ErrField with Reason.
type FieldError struct {
	Field  string
	Reason string
	ID     string
	Args   map[string]any
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Unwrap makes every FieldError an ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// MessageID is the catalog entry: ID, else the generic "ErrField".
func (e *FieldError) MessageID() string {
	if e.ID != "" {
		return e.ID
	}
	return "ErrField"
}

// MessageArgs are Args with Field (the field's label) and Reason.
func (e *FieldError) MessageArgs() map[string]any {
	out := make(map[string]any, len(e.Args)+2)
	for k, v := range e.Args {
		out[k] = v
	}
	out["Field"], out["Reason"] = FieldName(e.Field), e.Reason
	return out
}

// FieldName is a field's name as FieldError carries it ("title",
// "meeting.date"); as a catalog Message it is the field's label (标题,
// 会议时间), FieldTitle, FieldMeetingDate, ….
type FieldName string

// MessageID is "Field" and the name in CamelCase.
func (f FieldName) MessageID() string {
	var b strings.Builder
	b.WriteString("Field")
	up := true
	for _, r := range string(f) {
		if r == '.' || r == ' ' || r == '_' || r == '-' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

// MessageArgs is empty.
func (f FieldName) MessageArgs() map[string]any { return nil }

// String is the name itself, shown when the catalog has no label for it.
func (f FieldName) String() string { return string(f) }

// fieldMsg is a FieldError with a catalog message id and its
// placeholders; format and args are its English text (Error). Every
// field error of model has a catalog message: the UIs render it in the
// reader's language.
func fieldMsg(field, id string, margs map[string]any, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...), ID: id, Args: margs}
}

// DeniedError explains a refusal in words a user can act on; it wraps one of
// the named ErrDenied values. ID and Args name its catalog message; without
// them the UI shows the generic ErrDenied with Detail.
type DeniedError struct {
	Err    error
	Detail string
	ID     string
	Args   map[string]any
}

// MessageID is the catalog entry: ID, else "ErrDenied".
func (e *DeniedError) MessageID() string {
	if e.ID != "" {
		return e.ID
	}
	return "ErrDenied"
}

// MessageArgs are Args with Detail.
func (e *DeniedError) MessageArgs() map[string]any {
	out := make(map[string]any, len(e.Args)+1)
	for k, v := range e.Args {
		out[k] = v
	}
	out["Detail"] = e.Detail
	return out
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

func denied(err error, id string, margs map[string]any, format string, args ...any) error {
	return &DeniedError{Err: err, Detail: fmt.Sprintf(format, args...), ID: id, Args: margs}
}

// StateError reports an action that the current state does not allow.
// HintID and HintArgs are the catalog message of Hint.
type StateError struct {
	Action   Action
	State    State
	Hint     string
	HintID   string
	HintArgs map[string]any
}

// MessageID is "ErrState", or "ErrStateHint" when there is a hint.
func (e *StateError) MessageID() string {
	if e.HintID != "" {
		return "ErrStateHint"
	}
	return "ErrState"
}

// MessageArgs are the action, the state and the hint (a Message).
func (e *StateError) MessageArgs() map[string]any {
	m := map[string]any{"Action": e.Action, "State": e.State}
	if e.HintID != "" {
		m["Hint"] = hint{e.HintID, e.HintArgs}
	}
	return m
}

// hint is a catalog message inside another.
type hint struct {
	id   string
	args map[string]any
}

func (h hint) MessageID() string           { return h.id }
func (h hint) MessageArgs() map[string]any { return h.args }

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
