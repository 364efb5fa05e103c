package locale

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Stored is a message kept as data, to be rendered when it is read, in the
// reader's language: an error saved in the database (why a notification
// could not be delivered) is shown to a Chinese admin in Chinese and to an
// English one in English, whoever's session recorded it.
//
// A Stored is either a catalog message (ID and Args, each argument a Stored
// itself: a nested message, such as an OS error, stays a message) or a
// plain Text (an argument's value, or an error from outside the catalog:
// an SMTP server's reply). A message's Text is its English rendering at
// the time it was kept: shown when the catalog no longer has the ID.
//
// JSON: {"id":"NotifySMTP","args":{"Where":{"text":"mail.example.edu:587"},
// "Err":{"id":"OSNetError",…}},"text":"SMTP …"}. A JSON string decodes as a
// Text, so a field that used to hold the English text of an error (the
// outbox's last_error before copydesk stored messages) reads as before.
// Decoding keeps at most MaxStoredDepth levels of nesting and
// MaxStoredArgs arguments a level; deeper levels keep only their Text.
type Stored struct {
	ID   string            `json:"id,omitempty"`
	Args map[string]Stored `json:"args,omitempty"`
	Text string            `json:"text,omitempty"`
}

// Limits of a decoded Stored (a damaged or hostile record cannot make its
// rendering large or slow).
const (
	MaxStoredDepth = 6
	MaxStoredArgs  = 16
)

// Keep returns err as a Stored: the outermost catalog message in its chain
// (or the OS error it is, see oserr.go) with its arguments kept as
// messages, else its text. nil keeps as the zero Stored.
func Keep(err error) Stored {
	if err == nil {
		return Stored{}
	}
	var m Message
	if errors.As(err, &m) {
		if _, isList := m.(Lister); !isList {
			s := keepMessage(m, 0)
			s.Text = Err(EN, err)
			return s
		}
	} else if m, ok := osMessage(err); ok {
		s := keepMessage(m, 0)
		s.Text = err.Error()
		return s
	}
	return Stored{Text: Err(EN, err)}
}

func keepMessage(m Message, depth int) Stored {
	s := Stored{ID: m.MessageID()}
	if depth >= MaxStoredDepth {
		return Stored{Text: Render(EN, m)}
	}
	for k, v := range m.MessageArgs() {
		if s.Args == nil {
			s.Args = map[string]Stored{}
		}
		s.Args[k] = keepValue(v, depth+1)
	}
	return s
}

func keepValue(v any, depth int) Stored {
	switch mv := v.(type) {
	case Stored:
		return mv
	case Lister:
		return Stored{Text: Render(EN, mv.(Message))}
	case Message:
		return keepMessage(mv, depth)
	case error:
		if m, ok := osMessage(mv); ok {
			return keepMessage(m, depth)
		}
		var m Message
		if errors.As(mv, &m) {
			return keepMessage(m, depth)
		}
		return Stored{Text: mv.Error()}
	case string:
		return Stored{Text: mv}
	case fmt.Stringer:
		return Stored{Text: mv.String()}
	case nil:
		return Stored{}
	}
	return Stored{Text: fmt.Sprint(v)}
}

// IsZero reports whether s holds nothing (no error was kept).
func (s Stored) IsZero() bool { return s.ID == "" && s.Text == "" && len(s.Args) == 0 }

// In renders s in lang: its message from the catalog, arguments included,
// or its Text when it has no ID the catalog knows. Values are made safe
// for a terminal line as Render makes them.
func (s Stored) In(lang Lang) string {
	if s.ID == "" || !Has(s.ID) {
		if s.Text == "" && s.ID != "" {
			return oneLine(s.ID)
		}
		return oneLine(s.Text)
	}
	out := Render(lang, s)
	if out == "["+s.ID+"]" && s.Text != "" {
		return oneLine(s.Text) // arguments the message cannot take (a damaged record): its text
	}
	return out
}

// String is the English rendering (logs, --json).
func (s Stored) String() string { return s.In(EN) }

// MessageID is the catalog entry ("" for a Text).
func (s Stored) MessageID() string { return s.ID }

// MessageArgs are the kept arguments: nested messages as Stored, plain
// values as their text.
func (s Stored) MessageArgs() map[string]any {
	if len(s.Args) == 0 {
		return nil
	}
	out := make(map[string]any, len(s.Args))
	for k, v := range s.Args {
		if v.ID != "" && Has(v.ID) {
			out[k] = v
		} else {
			out[k] = v.In(EN) // a text (or an ID the catalog lacks: its text)
		}
	}
	return out
}

// UnmarshalJSON reads both shapes: an object (ID, Args, Text) and, from
// records written before messages were stored, a plain string (Text).
func (s *Stored) UnmarshalJSON(b []byte) error {
	return s.decode(b, 0)
}

// decode reads one level; below MaxStoredDepth levels only the Text is
// kept, and a level with more than MaxStoredArgs arguments keeps only its
// Text. Each level's bytes are read once per level above it, so the work
// is bounded by MaxStoredDepth times the record's size.
func (s *Stored) decode(b []byte, depth int) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*s = Stored{}
		return json.Unmarshal(b, &s.Text)
	}
	if string(b) == "null" {
		return nil
	}
	var w struct {
		ID   string                     `json:"id"`
		Args map[string]json.RawMessage `json:"args"`
		Text string                     `json:"text"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Stored{ID: w.ID, Text: w.Text}
	if len(w.Args) == 0 {
		return nil
	}
	if depth+1 >= MaxStoredDepth || len(w.Args) > MaxStoredArgs {
		s.ID = "" // too deep or too wide to be one of ours: its text stands
		return nil
	}
	s.Args = make(map[string]Stored, len(w.Args))
	for k, raw := range w.Args {
		var v Stored
		if err := v.decode(raw, depth+1); err != nil {
			return err
		}
		s.Args[k] = v
	}
	return nil
}
