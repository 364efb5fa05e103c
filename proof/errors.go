package proof

import "errors"

// ErrBadSeverity: a severity name other than error, warning, hint or off.
var ErrBadSeverity = errors.New("unknown severity")

// ErrUnknownRule: no rule has that ID.
var ErrUnknownRule = errors.New("unknown rule")

// ErrUnknownList: no list has that kind.
var ErrUnknownList = errors.New("unknown list kind")

// ErrBadList: a list file could not be read; the error names the line.
var ErrBadList = errors.New("bad list")
