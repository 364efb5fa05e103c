package locale

// Error is an error that is a catalog message: its ID and named Args say
// what happened, and the user interfaces render it in the reader's language
// (Err, Render). Error() is the English (en) rendering, for logs and for
// callers that match text. An Error wraps (errors.Is, errors.As) each error
// it was made with: its class (store.ErrNotFound, model.ErrInvalid, …) and
// its cause.
//
// Argument values that are errors or Messages render in the reader's
// language too, so an Error may carry another (a cause) as an argument.
//
// Packages below the user interfaces (store, export, search, notify) build
// every error that can reach a user with NewError; TestIDsInCode checks that
// each literal ID is in the catalog, and each package's error test renders
// its errors in both languages.
type Error struct {
	id    string
	args  Args
	wraps []error
}

// NewError returns an error rendering catalog message id with args (nil
// for none), wrapping each non-nil error in wraps.
func NewError(id string, args Args, wraps ...error) *Error {
	e := &Error{id: id, args: args}
	for _, w := range wraps {
		if w != nil {
			e.wraps = append(e.wraps, w)
		}
	}
	return e
}

// Error is the message in English.
func (e *Error) Error() string { return Render(EN, e) }

// Unwrap returns the errors e wraps.
func (e *Error) Unwrap() []error { return e.wraps }

// MessageID is the catalog entry.
func (e *Error) MessageID() string { return e.id }

// MessageArgs are the message's placeholders.
func (e *Error) MessageArgs() map[string]any { return e.args }

// M is a catalog message as a value: an argument of another message (the
// action a refusal names) that renders in the reader's language.
func M(id string, args Args) Message { return msg{id, args} }

type msg struct {
	id   string
	args Args
}

func (m msg) MessageID() string           { return m.id }
func (m msg) MessageArgs() map[string]any { return m.args }
