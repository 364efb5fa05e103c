package proof

import (
	"errors"
	"fmt"
)

// ErrBadSeverity: a severity name other than error, warning, hint or off.
var ErrBadSeverity = errors.New("unknown severity")

// ErrUnknownRule: no rule has that ID.
var ErrUnknownRule = errors.New("unknown rule")

// ErrUnknownList: no list has that kind.
var ErrUnknownList = errors.New("unknown list kind")

// ErrBadList: a list file could not be read; the error names the line.
var ErrBadList = errors.New("bad list")

// msgError is an error of this package with its catalog message: the
// user interfaces render MessageID and MessageArgs in the reader's
// language (package locale, which proof does not import); Error is the
// English text; Unwrap is its class above, for errors.Is.
type msgError struct {
	class error
	id    string
	args  map[string]any
	text  string
}

func (e *msgError) Error() string               { return e.class.Error() + ": " + e.text }
func (e *msgError) Unwrap() error               { return e.class }
func (e *msgError) MessageID() string           { return e.id }
func (e *msgError) MessageArgs() map[string]any { return e.args }

// errMsg returns an error of class with catalog message id and args, and
// the English text format.
func errMsg(class error, id string, args map[string]any, format string, a ...any) error {
	return &msgError{class: class, id: id, args: args, text: fmt.Sprintf(format, a...)}
}
