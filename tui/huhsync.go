package tui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// formSync keeps a huh form's fields apart under a burst of keys (fast
// typing, a paste, keys sent by a script). huh moves the focus in a
// command: the key that leaves a field (tab, enter, shift+tab) returns
// huh.NextField, and only when its message comes back does the group move
// on. Keys already queued behind that key reached the field being left —
// "安全工作会议⇥2026-11-30" put both in 会议名称, and a ctrl+u meant for the
// date cleared the name. So after a key that moves the focus, formSync
// holds the following keys until the move has happened (the focused field
// changed, the group changed, the form finished) and then feeds them in
// order; a move that never comes (a validation error) is noticed at once,
// and formSyncDelay bounds the wait if huh should ever drop the message.
type formSync struct {
	km      *huh.KeyMap
	pending bool
	from    huh.Field // the field being left
	gen     int
	queue   []tea.Msg
}

// formSyncDelay bounds how long keys are held for a focus move.
var formSyncDelay = 300 * time.Millisecond

type formSyncTimeoutMsg struct {
	s   *formSync
	gen int
}

func newFormSync(km *huh.KeyMap) *formSync { return &formSync{km: km} }

// moves reports a key that makes huh change the focused field or group.
func (s *formSync) moves(k tea.KeyMsg) bool {
	km := s.km
	return key.Matches(k,
		km.Input.Next, km.Input.Prev, km.Input.Submit,
		km.Text.Next, km.Text.Prev, km.Text.Submit,
		km.Confirm.Next, km.Confirm.Prev, km.Confirm.Submit,
		km.Select.Next, km.Select.Prev, km.Select.Submit,
		km.MultiSelect.Next, km.MultiSelect.Prev, km.MultiSelect.Submit,
		km.Note.Next, km.Note.Prev, km.Note.Submit,
		km.FilePicker.Next, km.FilePicker.Prev, km.FilePicker.Submit)
}

// update passes msg to form f, holding keys while a focus move is under
// way; it returns the form and the commands to run.
func (s *formSync) update(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	if t, ok := msg.(formSyncTimeoutMsg); ok {
		if t.s != s || t.gen != s.gen || !s.pending {
			return f, nil
		}
		return s.release(f)
	}
	if k, ok := msg.(tea.KeyMsg); ok && s.pending && !key.Matches(k, s.km.Quit) {
		s.queue = append(s.queue, msg)
		return f, nil
	}
	m, cmd := f.Update(msg)
	f = m.(*huh.Form)
	if k, ok := msg.(tea.KeyMsg); ok {
		fd := f.GetFocusedField()
		if f.State == huh.StateNormal && cmd != nil && s.moves(k) && fd != nil && fd.Error() == nil {
			s.pending, s.from = true, fd
			s.gen++
			gen := s.gen
			return f, tea.Batch(cmd, tea.Tick(formSyncDelay, func(time.Time) tea.Msg { return formSyncTimeoutMsg{s: s, gen: gen} }))
		}
		return f, cmd
	}
	if s.pending {
		name := fmt.Sprintf("%T", msg)
		if f.State != huh.StateNormal || f.GetFocusedField() != s.from || name == "huh.nextGroupMsg" || name == "huh.prevGroupMsg" {
			f, more := s.release(f)
			return f, tea.Batch(cmd, more)
		}
	}
	return f, cmd
}

// release ends the wait and feeds the held keys in order; a held key that
// moves the focus again holds the rest.
func (s *formSync) release(f *huh.Form) (*huh.Form, tea.Cmd) {
	s.pending, s.from = false, nil
	q := s.queue
	s.queue = nil
	var cmds []tea.Cmd
	for i, m := range q {
		if s.pending || f.State != huh.StateNormal {
			if f.State == huh.StateNormal {
				s.queue = append(s.queue, q[i:]...)
			}
			break
		}
		var c tea.Cmd
		f, c = s.update(f, m)
		cmds = append(cmds, c)
	}
	return f, tea.Batch(cmds...)
}
