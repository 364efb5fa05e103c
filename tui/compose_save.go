package tui

import (
	"errors"
	"strings"
	"time"

	"github.com/copydesk/copydesk/locale"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Saving on the compose page. Typing is kept safe by the working copy
// (store.PutWorkingCopy): once typing pauses for autosaveDelay, and at the
// latest autosaveMax after the first unwritten change, the text goes to the
// user's crash-safe working copy — not a revision, not in the audit chain —
// so a killed program or a dropped SSH link loses at most about a second.
// A revision is made only by an explicit save (ctrl+s), leaving the editor
// (esc, quitting), submitting, or a pause of revisionPause; text equal to
// the head is never a revision (the store returns the head). Reopening the
// article offers the working copy back.
var (
	autosaveDelay = 800 * time.Millisecond
	autosaveMax   = time.Second
	revisionPause = 5 * time.Minute
)

func (c *composePage) changed() tea.Cmd {
	now := time.Now()
	c.seq++
	c.lastChange = now
	if c.dirtySince.IsZero() {
		c.dirtySince = now
	}
	var cmds []tea.Cmd
	if !c.tickPending {
		c.tickPending = true
		cmds = append(cmds, c.tickAfter(autosaveDelay))
	}
	cmds = append(cmds, c.pv.changed(c), c.proofTick())
	return tea.Batch(cmds...)
}

func (c *composePage) tickAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return pageMsg{to: c, msg: autosaveTickMsg{}} })
}

// autosave writes the working copy once typing has paused, or when changes
// have waited autosaveMax.
func (c *composePage) autosave() tea.Cmd {
	if c.a == nil || c.seq == c.wcSeq || c.wcWriting || c.mode == composeConflict || c.mode == composeLoading {
		return nil
	}
	now := time.Now()
	quiet, waited := now.Sub(c.lastChange), now.Sub(c.dirtySince)
	if quiet < autosaveDelay && waited < autosaveMax {
		c.tickPending = true
		return c.tickAfter(min(autosaveDelay-quiet, autosaveMax-waited))
	}
	return c.writeWorkingCopy()
}

// writeWorkingCopy stores the text on screen as the working copy, in a command.
func (c *composePage) writeWorkingCopy() tea.Cmd {
	c.wcWriting = true
	st, act, id, base, seq, ct := c.s.store, c.s.actor, c.id, c.base, c.seq, c.current()
	return tell(c, func() tea.Msg {
		err := st.PutWorkingCopy(act, id, base, ct)
		return wcSavedMsg{seq: seq, at: time.Now(), err: err}
	})
}

func (c *composePage) wcSaved(m wcSavedMsg) tea.Cmd {
	c.wcWriting = false
	if m.err != nil {
		c.saveErr = m.err
		return notifyErr(c.s.tr, m.err)
	}
	if m.seq > c.wcSeq {
		c.wcSeq, c.wcAt = m.seq, m.at
	}
	var cmds []tea.Cmd
	if c.seq != c.wcSeq {
		c.dirtySince = m.at // changes typed while it was written
		if !c.tickPending {
			c.tickPending = true
			cmds = append(cmds, c.tickAfter(autosaveDelay))
		}
	} else {
		c.dirtySince = time.Time{}
	}
	if c.dirty() {
		seq := m.seq
		cmds = append(cmds, tea.Tick(revisionPause, func(time.Time) tea.Msg { return pageMsg{to: c, msg: revisionTickMsg{seq: seq}} }))
	}
	return tea.Batch(cmds...)
}

// revisionTick makes a revision after a long pause: nothing typed since
// the working copy of change m.seq was written.
func (c *composePage) revisionTick(m revisionTickMsg) tea.Cmd {
	if c.closed || m.seq != c.seq || !c.dirty() || c.mode == composeConflict {
		return nil
	}
	return c.save()
}

// save stores what is on screen as a new revision, in a command, and then
// drops the working copy.
func (c *composePage) save() tea.Cmd {
	if c.saving || c.a == nil || c.unwritten() {
		return nil
	}
	c.saving = true
	st, act, id, base, seq, ct := c.s.store, c.s.actor, c.id, c.base, c.seq, c.current()
	return tell(c, func() tea.Msg {
		a, err := saveOrCreate(st, act, id, base, ct)
		if err == nil {
			_ = st.DropWorkingCopy(act, id)
		}
		return savedMsg{seq: seq, a: a, content: ct, err: err}
	})
}

// unwritten reports a new article (not stored yet) with no text in its
// body: saving it would make an empty revision 1, so nothing is created.
func (c *composePage) unwritten() bool {
	return c.id == store.NewArticleCopy && strings.TrimSpace(c.body.Value()) == ""
}

// saveOrCreate stores ct as a new revision of article id, or, for the new
// article not stored yet (store.NewArticleCopy), creates it with ct as
// revision 1.
func saveOrCreate(st *store.Store, act store.Actor, id uint64, base int, ct model.Content) (*model.Article, error) {
	if id == store.NewArticleCopy {
		return st.Create(act, ct, "")
	}
	return st.Save(act, id, base, ct)
}

func (c *composePage) saved(m savedMsg) tea.Cmd {
	c.saving = false
	var born tea.Cmd
	if m.err == nil && c.id == store.NewArticleCopy {
		// The first save made the article: from now on this page edits it.
		c.id, c.fresh = m.a.ID, nil
		c.mark = c.s.marks.add(c.id, c.s.actor.Login)
		born = tea.Batch(c.presenceTick(), notify(noticeOK, "%s", locale.T(c.s.lang(), "TUIComposeCreated", locale.Args{"ID": m.a.ID})))
	}
	if born != nil {
		return tea.Batch(born, c.savedRest(m))
	}
	return c.savedRest(m)
}

func (c *composePage) savedRest(m savedMsg) tea.Cmd {
	if m.err != nil {
		c.leaving, c.submitAfter = false, false
		if c.mode == composeBusy || c.mode == composeSubmit {
			c.mode = composeEdit
		}
		var ce *store.ConflictError
		if errors.As(m.err, &ce) {
			return c.startConflict(ce, m.content)
		}
		c.saveErr = m.err
		return notifyErr(c.s.tr, m.err)
	}
	c.saveErr = nil
	c.a, c.base = m.a, m.a.Rev
	c.content.Title, c.content.Body = m.content.Title, m.content.Body
	c.savedAt = c.s.now()
	c.savedSeq = m.seq
	if c.wcSeq < m.seq {
		c.wcSeq = m.seq
	}
	if c.dirty() {
		// Typed while saving: the working copy was dropped with the save,
		// so write it again.
		c.wcSeq = 0
		if !c.tickPending {
			c.tickPending = true
			return c.tickAfter(autosaveDelay)
		}
	}
	switch {
	case c.leaving && !c.dirty():
		return pop
	case c.leaving:
		return c.save()
	case c.submitAfter && !c.dirty():
		c.submitAfter = false
		return c.submit()
	case c.submitAfter:
		return c.save()
	}
	return nil
}

// flush saves unsaved text as a revision before the workstation quits.
func (c *composePage) flush() tea.Cmd {
	if c.a == nil || !c.dirty() || c.mode == composeConflict || c.unwritten() {
		return nil
	}
	st, act, id, base, ct := c.s.store, c.s.actor, c.id, c.base, c.current()
	return func() tea.Msg {
		_, err := saveOrCreate(st, act, id, base, ct)
		if err != nil {
			return noticeMsg{text: c.s.describeErr(err), kind: noticeErr}
		}
		_ = st.DropWorkingCopy(act, id)
		return nil
	}
}

func (c *composePage) submit() tea.Cmd {
	if c.id == store.NewArticleCopy {
		c.mode = composeEdit
		return notify(noticeErr, "%s", locale.T(c.s.lang(), "TUIComposeNothingYet"))
	}
	c.mode = composeBusy
	st, act, id := c.s.store, c.s.actor, c.id
	d := store.Decision{Action: model.ActSubmit, Rev: c.a.Rev, Hash: c.a.Hash}
	if c.waiver != "" {
		d.Waivers = []store.Waiver{{Key: "*", Reason: c.waiver}}
	}
	return tell(c, func() tea.Msg {
		a, err := st.Decide(act, id, d)
		return submittedMsg{a: a, err: err}
	})
}

// offerWorkingCopy puts back the text autosaved in an earlier session (the
// program was killed or the link dropped before a revision was made) and
// says so; a working copy equal to the head is dropped quietly.
func (c *composePage) offerWorkingCopy(wc *store.WorkingCopy, head *model.Revision) tea.Cmd {
	if wc == nil {
		return nil
	}
	st, act, id := c.s.store, c.s.actor, c.id
	if model.SameContent(wc.Content, head.Content) {
		return func() tea.Msg { _ = st.DropWorkingCopy(act, id); return nil }
	}
	c.restored = wc
	c.content = safeContent(wc.Content)
	c.titleIn.SetValue(c.content.Title)
	c.lastTitle = c.titleIn.Value()
	c.body.SetValue(c.content.Body)
	c.bodyVer = c.body.Version()
	c.base = wc.Base
	c.seq++
	c.wcSeq, c.wcAt = c.seq, wc.At
	seq := c.seq
	return tea.Batch(
		notify(noticeInfo, "%s", c.s.wt("TUIWorkingCopyRestored", locale.Args{"At": c.s.fmtTime(wc.At)})),
		tea.Tick(revisionPause, func(time.Time) tea.Msg { return pageMsg{to: c, msg: revisionTickMsg{seq: seq}} }))
}
