package editor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxUndo is how many undo steps are kept; older ones are forgotten.
const maxUndo = 1000

// editKind says what produced an edit, for coalescing.
type editKind uint8

const (
	kindOther     editKind = iota // never merged
	kindType                      // typed text: consecutive typing merges
	kindBackspace                 // consecutive backspaces merge
	kindDelete                    // consecutive forward deletes merge
)

// edit is one undo step: at position at, text del was replaced by ins.
// Positions are byte positions, which stay exact whatever the grapheme
// segmentation of the neighbourhood becomes.
type edit struct {
	at            bpos
	del, ins      string
	before, after bpos // cursor before and after the step
	kind          editKind
}

// history is the undo and redo stacks.
type history struct {
	undo, redo []edit
	// open is true while the top undo step may still absorb the next edit
	// of the same kind; any other action closes it.
	open bool
}

// record pushes e, merging it into the previous step when both are part of
// one run of typing, backspacing or deleting.
func (h *history) record(e edit) {
	h.redo = h.redo[:0]
	if n := len(h.undo); n > 0 && h.open && h.undo[n-1].kind == e.kind {
		if last := &h.undo[n-1]; merge(last, e) {
			return
		}
	}
	if len(h.undo) == maxUndo {
		h.undo = append(h.undo[:0], h.undo[1:]...)
	}
	h.undo = append(h.undo, e)
	h.open = e.kind != kindOther
}

// merge folds e into last if they are contiguous. Typing groups end after a
// space or sentence-ending punctuation, so that undo takes back typed text
// a word or sentence at a time rather than a whole paragraph.
func merge(last *edit, e edit) bool {
	switch e.kind {
	case kindType:
		if e.at != last.after || endsGroup(last.ins) && !endsGroup(e.ins) {
			return false
		}
		last.ins += e.ins
	case kindBackspace:
		if endOf(e.at, e.del) != last.at {
			return false
		}
		last.at = e.at
		last.del = e.del + last.del
	case kindDelete:
		if e.at != last.at {
			return false
		}
		last.del += e.del
	default:
		return false
	}
	last.after = e.after
	return true
}

// endsGroup reports whether typed text s ends with white space or
// sentence-ending punctuation.
func endsGroup(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r) || strings.ContainsRune("。！？；.!?;", r) // langcheck:ok sentence ends for undo steps, not text
}
