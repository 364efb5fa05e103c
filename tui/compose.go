package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

var presenceEvery = 2 * time.Second

// composePage edits an article: the title, the other published fields (in a
// form on ctrl+o), and the body in the CJK editor; a preview beside it on
// wide terminals. Saving is automatic, debounced and off the UI goroutine;
// a save that loses a race shows the difference and keeps both texts.
type composePage struct {
	s    *session
	id   uint64
	w, h int

	a       *model.Article
	content model.Content // the fields other than title and body, as last loaded or saved
	base    int           // the revision the text on screen started from
	err     error
	proof   *proofState // 三校 of the text as last checked, for the status bar
	waiveIn textinput.Model
	waiver  string // the reason given at 送审 for the warnings
	// 三校 in the editor (proofedit.go): marked is the check whose findings
	// the editor's marks stand for (a mark's ID indexes its findings);
	// ignoring is the finding whose reason is being typed, in ignoringPS.
	marked     *proofState
	ignoring   proof.Finding
	ignoringPS *proofState
	ignoreIn   textinput.Model
	submitPS   *proofState // the check shown in the 送审 box

	titleIn    textinput.Model
	body       *bodyEditor
	focusTitle bool

	// Change tracking: seq counts changes, savedSeq is the last one saved.
	seq, savedSeq uint64
	bodyVer       uint64
	lastTitle     string
	lastChange    time.Time
	dirtySince    time.Time
	tickPending   bool
	saving        bool
	saveErr       error
	savedAt       time.Time
	leaving       bool // esc pressed: leave once saved
	submitAfter   bool // submit once saved

	// The working copy (autosave, not a revision): wcSeq is the change it
	// holds, wcAt when it was written.
	wcSeq     uint64
	wcAt      time.Time
	wcWriting bool
	restored  *store.WorkingCopy // offered back when the page opened

	mode     composeMode
	meta     *huh.Form
	metaSync *formSync // keeps the meta form's fields apart under a burst
	metaVals metaFields
	// metaBefore is the content when 稿件信息 opened (esc restores it);
	// metaSeen the form values last applied to the content.
	metaBefore model.Content
	metaSeen   metaFields
	conflict   *conflictView

	pv previewPane

	names   map[string]string // login → display name
	mark    int               // presence mark handle
	editors []string
	closed  bool
	atEnd   bool // put the cursor after the text (a report just drafted)
	// fresh is what the new-article form described when the article does
	// not exist yet (id 0): it is created on the first save, so that its
	// revision 1 is the first real text, never an empty one.
	fresh *model.Content
}

type composeMode int

const (
	composeLoading composeMode = iota
	composeEdit
	composeMeta
	composeSubmit
	composeConflict
	composeBusy
	composeWaive  // the reason for letting 三校 warnings through at 送审
	composeIgnore // the reason for letting one 三校 finding stand
)

// Messages of the compose page.
type (
	composeLoadedMsg struct {
		a     *model.Article
		head  *model.Revision
		wc    *store.WorkingCopy
		names map[string]string
		err   error
	}
	autosaveTickMsg struct{}
	// revisionTickMsg fires revisionPause after the working copy of change
	// seq was written: no change since means a long pause, a revision.
	revisionTickMsg struct{ seq uint64 }
	wcSavedMsg      struct {
		seq uint64
		at  time.Time
		err error
	}
	savedMsg struct {
		seq     uint64
		a       *model.Article
		content model.Content
		err     error
	}
	submittedMsg struct {
		a   *model.Article
		err error
	}
	conflictLoadedMsg struct {
		a    *model.Article
		head *model.Revision
		err  error
	}
	presenceTickMsg struct{}
	externalDoneMsg struct {
		path string
		err  error
	}
)

// orphan reports a save that finished after its page was closed.
func (m savedMsg) orphan(tl tr) tea.Cmd {
	if m.err != nil {
		return notifyErr(tl, m.err)
	}
	return nil
}

func newCompose(s *session, id uint64) *composePage {
	c := &composePage{s: s, id: id, focusTitle: false}
	c.titleIn = s.sty.textInput(s.wt("FieldTitle"), model.MaxTitleRunes)
	c.body = newBody(s)
	c.pv = newPreview(s)
	return c
}

// newComposeFresh opens the editor on a new article that is not stored
// yet: the first save (ctrl+s, leaving, submitting, a long pause) creates
// it with the text, and the typing before that is kept in the writer's
// working copy of store.NewArticleCopy, offered back on the next new article.
func newComposeFresh(s *session, ct model.Content) *composePage {
	c := newCompose(s, store.NewArticleCopy)
	c.fresh = &ct
	return c
}

func (c *composePage) init() tea.Cmd {
	st, id, act := c.s.store, c.id, c.s.actor
	if c.fresh != nil {
		a := &model.Article{Owner: act.Login, Kind: c.fresh.Kind, Title: c.fresh.Title, Source: c.fresh.Source, State: model.StateDraft}
		head := &model.Revision{Content: *c.fresh}
		return tell(c, func() tea.Msg {
			wc, _ := st.WorkingCopyOf(act, store.NewArticleCopy)
			return composeLoadedMsg{a: a, head: head, wc: wc, names: userNames(st)}
		})
	}
	c.mark = c.s.marks.add(c.id, c.s.actor.Login)
	return tea.Batch(tell(c, func() tea.Msg {
		// The store's rule first (model.MayAct, then CanEdit): nothing of
		// an article its user may not see is loaded, whatever led here.
		if err := st.MayEdit(act, id); err != nil {
			return composeLoadedMsg{err: err}
		}
		a, head, err := st.Head(id)
		var wc *store.WorkingCopy
		if err == nil {
			wc, _ = st.WorkingCopyOf(act, id)
		}
		return composeLoadedMsg{a: a, head: head, wc: wc, names: userNames(st), err: err}
	}), c.presenceTick())
}

func (c *composePage) close() {
	c.closed = true
	if c.pv.cancel != nil {
		c.pv.cancel()
	}
	if c.mark != 0 {
		c.s.marks.remove(c.mark)
	}
	c.mark = 0
}

func (c *composePage) presenceTick() tea.Cmd {
	if c.s.presence == nil {
		return nil
	}
	c.editors = c.s.presence.Editors(c.id, c.s.actor.Login)
	return tea.Tick(presenceEvery, func(time.Time) tea.Msg { return pageMsg{to: c, msg: presenceTickMsg{}} })
}

func (c *composePage) title() string {
	if c.id == store.NewArticleCopy {
		return locale.T(c.s.lang(), "TUIComposeNewTitle")
	}
	if c.a == nil {
		return fmt.Sprintf("#%d", c.id)
	}
	return c.s.wt("TUIComposeTitle", locale.Args{"ID": c.id})
}

func (c *composePage) capturing() bool { return c.mode != composeConflict && c.mode != composeLoading }

func (c *composePage) dirty() bool { return c.seq != c.savedSeq }

func (c *composePage) status() string {
	if c.a == nil {
		return ""
	}
	var state string
	switch {
	case c.saving:
		state = c.s.wt("TUISaving")
	case c.saveErr != nil:
		state = c.s.wt("TUIUnsavedBang")
	case c.dirty() && c.seq == c.wcSeq && !c.wcAt.IsZero():
		state = c.s.wt("TUIWorkingCopyAt", locale.Args{"At": c.wcAt.In(c.s.zone).Format("15:04:05")})
	case c.dirty():
		state = c.s.wt("TUIUnsaved")
	case !c.savedAt.IsZero():
		state = c.s.wt("TUISavedAt", locale.Args{"At": c.savedAt.In(c.s.zone).Format("15:04:05")})
	default:
		state = c.s.wt("TUISaved")
	}
	s := c.s.wt("TUIComposeStatus", locale.Args{"Rev": c.base, "State": state, "Chars": c.body.CharCount()})
	if pr := c.proof.short(c.s.tr); pr != "" {
		s += " · " + pr
	}
	return s
}

func (c *composePage) help() help.KeyMap {
	k := c.s.keys
	switch c.mode {
	case composeSubmit:
		return bindings{short: []key.Binding{k.Yes, k.No}}
	case composeConflict:
		return bindings{short: []key.Binding{
			key.NewBinding(key.WithKeys("m"), key.WithHelp("m", c.s.wt("TUIConflictKeepMine"))),
			key.NewBinding(key.WithKeys("t"), key.WithHelp("t", c.s.wt("TUIConflictTakeTheirs"))),
			k.PgDown, k.PgUp,
		}}
	case composeMeta:
		return bindings{short: []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.s.wt("TUIKeyNextOrDone"))),
			k.Back,
		}}
	}
	// Submit is offered only when model.Decide would accept it (the
	// owner's draft), like every decision key.
	short, first := []key.Binding{k.Save}, []key.Binding{k.Save}
	if c.a != nil && model.May(*c.a, c.s.user, model.ActSubmit) {
		short, first = append(short, k.Submit), append(first, k.Submit)
	}
	// shown: it makes 一、… a real section heading
	short = append(short, k.Meta)
	if !c.focusTitle {
		short = append(short, c.body.m.KeyMap.ToggleHeading)
	}
	if !c.wide() {
		short = append(short, k.Preview)
	}
	short = append(short, k.Back, k.HelpAny)
	full := [][]key.Binding{
		append(first, k.Back),
		{k.NextField, k.PrevField, k.Meta, k.Preview},
		{k.ProofNext, k.ProofPrev, k.ProofFix, proofKeyIgnore(c.s.tr)},
	}
	if c.s.local {
		full[1] = append(full[1], k.External)
	}
	if c.focusTitle { // the title is one line: the body's keys (enter 换行) do not apply
		return bindings{short: short, full: full}
	}
	return bindings{short: short, full: append(full, c.body.m.KeyMap.FullHelp()...)}
}

// wide terminals show the preview beside the editor.
func (c *composePage) wide() bool { return c.w >= wideWidth }

// wideWidth is the terminal width from which the preview sits beside the text.
const wideWidth = 120

func (c *composePage) setSize(w, h int) {
	c.w, c.h = w, h
	c.layout()
}

// resized redraws the preview at the new width.
func (c *composePage) resized() tea.Cmd {
	if c.pv.width == c.pv.w {
		return nil
	}
	return c.pv.request(c)
}

// header lines above the editor: info, title, fields, rule; plus the return
// opinion when there is one.
func (c *composePage) headerHeight() int {
	n := 4
	if c.returned() {
		n++
	}
	return n
}

func (c *composePage) returned() bool {
	return c.a != nil && c.a.State == model.StateDraft && c.a.Returned != nil
}

func (c *composePage) layout() {
	if c.w <= 0 {
		return
	}
	eh := max(c.h-c.headerHeight(), 3)
	ew := c.w - 2
	if c.wide() {
		ew = (c.w - 3) / 2
		c.pv.setSize(c.w-ew-3, eh)
	} else {
		c.pv.setSize(c.w-2, eh)
	}
	c.body.SetSize(ew, eh)
	c.titleIn.Width = max(c.w-10, 10)
	if c.meta != nil {
		c.meta = c.meta.WithWidth(min(c.w-4, 76)).WithHeight(c.formHeight())
	}
	if c.conflict != nil {
		c.conflict.layout(c.s.tr, c.s.sty, c.w-4, eh)
	}
}

// current is the article's content as it stands on screen, as a deep copy:
// it goes to a command, and store.Save normalizes what it is given in place
// (including the meeting fields behind their pointer).
func (c *composePage) current() model.Content {
	ct := c.content
	ct.Title = c.titleIn.Value()
	ct.Body = c.body.Value()
	ct.Media = nil
	ct.Authors = slices.Clone(ct.Authors)
	ct.Photographers = slices.Clone(ct.Photographers)
	if m := ct.Meeting; m != nil {
		mm := *m
		mm.Attendees = slices.Clone(m.Attendees)
		ct.Meeting = &mm
	}
	return ct
}

func (c *composePage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case composeLoadedMsg:
		cmd := c.loaded(msg)
		if c.a != nil {
			cmd = tea.Batch(cmd, checkContent(c.pv.ctx, c, c.s.store, c.s.actor, c.id, c.seq, c.current()))
		}
		return c, cmd
	case proofCheckedMsg:
		c.proofChecked(msg) // proofedit.go
		return c, nil
	case proofTickMsg:
		return c, c.proofTicked(msg)
	case proofIgnoredMsg:
		return c, c.proofIgnored(msg)
	case autosaveTickMsg:
		c.tickPending = false
		return c, c.autosave()
	case revisionTickMsg:
		return c, c.revisionTick(msg)
	case wcSavedMsg:
		return c, c.wcSaved(msg)
	case savedMsg:
		cmd := c.saved(msg)
		if msg.err == nil && msg.seq == c.seq { // a save is a pause too: check now rather than wait for the tick
			cmd = tea.Batch(cmd, checkContent(c.pv.ctx, c, c.s.store, c.s.actor, c.id, c.seq, c.current()))
		}
		return c, cmd
	case submittedMsg:
		c.mode = composeEdit
		if msg.err != nil {
			return c, notifyErr(c.s.tr, msg.err)
		}
		next := ""
		if st := msg.a.Current(); st != nil {
			next = " → " + st.Name
		}
		return c, tea.Batch(notify(noticeOK, "%s", c.s.wt("TUISubmitted", locale.Args{"ID": msg.a.ID, "Rev": msg.a.Rev, "Next": next})), popTo(msg.a))
	case conflictLoadedMsg:
		if msg.err != nil {
			return c, notifyErr(c.s.tr, msg.err)
		}
		c.conflict.head, c.conflict.a, c.conflict.who = msg.head, msg.a, c.name(msg.head.Author)
		c.conflict.layout(c.s.tr, c.s.sty, c.w-4, max(c.h-c.headerHeight(), 3))
		return c, nil
	case presenceTickMsg:
		if c.closed {
			return c, nil
		}
		return c, c.presenceTick()
	case previewMsg:
		return c, c.pv.rendered(msg, c)
	case previewTickMsg:
		return c, c.pv.tick(c)
	case externalDoneMsg:
		return c, c.externalDone(msg)
	case eventsMsg:
		return c, c.events(msg)
	case tea.KeyMsg:
		return c, c.key(msg)
	}
	// Anything else (cursor blinks, paste chunks) goes to the focused field.
	if c.mode == composeMeta {
		return c, c.metaUpdate(msg)
	}
	if c.mode == composeEdit {
		return c, c.edit(msg)
	}
	return c, nil
}

func (c *composePage) loaded(m composeLoadedMsg) tea.Cmd {
	if m.err != nil {
		c.err = m.err
		return tea.Sequence(pop, notifyErr(c.s.tr, m.err)) // pop first: it clears a stale error (App.updateTop)
	}
	if err := model.CanEdit(m.a, c.s.user); err != nil {
		return tea.Sequence(pop, notifyErr(c.s.tr, err))
	}
	c.a, c.base, c.content, c.names = m.a, m.head.N, safeContent(m.head.Content), m.names
	c.titleIn.SetValue(c.content.Title)
	c.lastTitle = c.titleIn.Value()
	c.body.SetValue(c.content.Body)
	if c.atEnd {
		// Stored text has no final newline (model.CanonicalText): open a
		// new paragraph after the drafted lead to write on.
		if c.content.Body != "" {
			c.body.SetValue(c.content.Body + "\n\n")
		}
		c.body.m.SetCursor(c.body.m.LineCount()-1, 0)
	}
	c.bodyVer = c.body.Version()
	c.mode = composeEdit
	c.layout()
	var cmds []tea.Cmd
	if cmd := c.offerWorkingCopy(m.wc, m.head); cmd != nil {
		cmds = append(cmds, cmd)
	}
	if m.a.State != model.StateDraft {
		cmds = append(cmds, notify(noticeInfo, "%s", c.s.wt("TUIEditStale", locale.Args{"State": c.s.label(m.a.State)})))
	}
	if strings.TrimSpace(c.titleIn.Value()) == "" {
		c.focusTitle = true
		cmds = append(cmds, c.titleIn.Focus())
	} else {
		cmds = append(cmds, c.body.Focus())
	}
	cmds = append(cmds, c.pv.request(c))
	return tea.Batch(cmds...)
}

// edit passes a message to the focused field and notices changes.
func (c *composePage) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if c.focusTitle {
		c.titleIn, cmd = c.titleIn.Update(msg)
	} else {
		cmd = c.body.Update(msg)
	}
	return tea.Batch(cmd, c.noticeChange())
}

// noticeChange bumps the change counter when the title or body changed and
// schedules the autosave and the preview.
func (c *composePage) noticeChange() tea.Cmd {
	v, t := c.body.Version(), c.titleIn.Value()
	if v == c.bodyVer && t == c.lastTitle {
		return nil
	}
	c.bodyVer, c.lastTitle = v, t
	return c.changed()
}

func (c *composePage) key(msg tea.KeyMsg) tea.Cmd {
	k := c.s.keys
	switch c.mode {
	case composeLoading, composeBusy:
		if key.Matches(msg, k.Back) {
			return pop
		}
		return nil
	case composeIgnore:
		return c.proofIgnoreKey(msg)
	case composeWaive:
		switch msg.String() {
		case "esc":
			c.mode = composeSubmit
			return nil
		case "enter":
			if strings.TrimSpace(c.waiveIn.Value()) == "" {
				return notify(noticeErr, "%s", c.s.wt("TUIWaiveReasonNeeded"))
			}
			c.waiver = strings.TrimSpace(c.waiveIn.Value())
			c.mode = composeSubmit
			return c.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'y'}})
		}
		var cmd tea.Cmd
		c.waiveIn, cmd = c.waiveIn.Update(msg)
		return cmd
	case composeSubmit:
		switch {
		case key.Matches(msg, k.Yes):
			if ps := c.submitPS; ps != nil && ps.counts.Errors == 0 && ps.unwaived() > 0 && c.waiver == "" {
				// each warning nobody ignored goes through with a written reason (store.Waiver)
				c.mode = composeWaive
				c.waiveIn = c.s.sty.textInput(c.s.wt("TUIWaiveReasonPrompt", locale.Args{"N": ps.unwaived()}), 200)
				return c.waiveIn.Focus()
			}
			if c.dirty() || c.saving {
				c.submitAfter = true
				c.mode = composeBusy
				return c.save()
			}
			return c.submit()
		case key.Matches(msg, k.No):
			c.mode = composeEdit
		}
		return nil
	case composeConflict:
		return c.conflictKey(msg)
	case composeMeta:
		if key.Matches(msg, k.Back) {
			c.mode, c.meta = composeEdit, nil
			return nil
		}
		return c.metaUpdate(msg)
	}
	switch {
	case key.Matches(msg, k.Back):
		if c.unwritten() {
			_ = c.s.store.DropWorkingCopy(c.s.actor, store.NewArticleCopy)
			return tea.Batch(pop, notify(noticeInfo, "%s", locale.T(c.s.lang(), "TUIComposeNotCreated")))
		}
		if c.dirty() || c.saving {
			c.leaving = true
			return c.save()
		}
		return pop
	case !c.focusTitle && key.Matches(msg, k.ProofNext):
		return c.proofJump(+1)
	case !c.focusTitle && key.Matches(msg, k.ProofPrev):
		return c.proofJump(-1)
	case !c.focusTitle && key.Matches(msg, k.ProofFix):
		return c.proofFix()
	case !c.focusTitle && key.Matches(msg, proofKeyIgnore(c.s.tr)):
		return c.proofIgnoreStart()
	case key.Matches(msg, k.Save):
		if !c.dirty() {
			return notify(noticeInfo, "%s", c.s.wt("TUINothingUnsaved"))
		}
		return c.save()
	case key.Matches(msg, k.Submit):
		if strings.TrimSpace(c.titleIn.Value()) == "" {
			return notify(noticeErr, "%s", c.s.wt("TUITitleBeforeSubmit"))
		}
		if c.unwritten() {
			return notify(noticeErr, "%s", locale.T(c.s.lang(), "TUIComposeNothingYet"))
		}
		c.submitCheck()
		c.mode = composeSubmit
		return nil
	case key.Matches(msg, k.Meta):
		return c.openMeta()
	case key.Matches(msg, k.Preview) && !c.wide():
		return c.pv.toggle(c)
	case key.Matches(msg, k.External) && c.s.local:
		return c.external()
	case key.Matches(msg, k.NextField), key.Matches(msg, k.PrevField):
		c.focusTitle = !c.focusTitle
		if c.focusTitle {
			c.body.Blur()
			return c.titleIn.Focus()
		}
		c.titleIn.Blur()
		return c.body.Focus()
	case c.focusTitle && msg.Type == tea.KeyEnter:
		c.focusTitle = false
		c.titleIn.Blur()
		return c.body.Focus()
	}
	if c.pv.shown && !c.wide() {
		return c.pv.key(msg, k)
	}
	return c.edit(msg)
}

// events reacts to another session changing this article.
func (c *composePage) events(evs eventsMsg) tea.Cmd {
	for _, ev := range evs {
		if ev.Article != c.id || ev.Actor == c.s.actor.Login || ev.Rev <= c.base {
			continue
		}
		if ev.Action != model.ActSave && ev.Action != model.ActCreate {
			continue
		}
		return notify(noticeErr, "%s", c.s.wt("TUIOtherSaved", locale.Args{"Who": c.name(ev.Actor), "Rev": ev.Rev}))
	}
	return nil
}

func (c *composePage) view() string {
	sty := c.s.sty
	if c.a == nil {
		if c.err != nil {
			return " " + sty.Bad.Render(c.s.describeErr(c.err))
		}
		return " " + sty.Dim.Render(c.s.wt("TUILoading"))
	}
	var b strings.Builder
	b.WriteString(c.infoLine() + "\n")
	if c.returned() {
		r := c.a.Returned
		b.WriteString(" " + sty.Warn.Render(cut(c.s.wt("TUIReturnedWithTime", locale.Args{"Who": c.name(r.Login), "At": c.s.fmtTime(r.At), "Opinion": termsafe.Line(r.Opinion)}), c.w-2)) + "\n")
	}
	label := sty.Label
	if c.focusTitle {
		label = sty.LabelFocus
	}
	// The title's text starts in the column of the first field's value
	// below it (来源 …, or 副标题 …), measured in display columns.
	title := c.s.wt("FieldTitle")
	gap := max(c.fieldsLead()-ansi.StringWidth(title), 1)
	b.WriteString(" " + label.Render(title) + strings.Repeat(" ", gap) + c.titleIn.View() + "\n")
	b.WriteString(" " + sty.Dim.Render(cut(c.fieldsLine(), c.w-2)) + "\n")
	ruleStyle := sty.Faint
	if !c.focusTitle && c.mode == composeEdit {
		ruleStyle = sty.Accent
	}
	if c.pv.shown && !c.wide() && c.mode == composeEdit {
		label := c.s.wt("TUIComposePreviewBar")
		b.WriteString(" " + sty.Accent.Render(label+strings.Repeat("─", max(c.w-2-ansi.StringWidth(label), 0))) + "\n")
	} else {
		b.WriteString(" " + ruleStyle.Render(strings.Repeat("─", max(c.w-2, 0))) + "\n")
	}
	eh := max(c.h-c.headerHeight(), 3)
	switch c.mode {
	case composeMeta:
		b.WriteString(indent(c.meta.View(), " "))
		return b.String()
	case composeSubmit, composeBusy, composeWaive:
		b.WriteString(c.submitView())
		return b.String()
	case composeIgnore:
		b.WriteString(c.ignoreView())
		return b.String()
	case composeConflict:
		b.WriteString(c.conflict.view(c.s.tr, sty))
		return b.String()
	}
	if c.pv.shown && !c.wide() {
		b.WriteString(indent(c.pv.view(c.s.tr, c), " "))
		return b.String()
	}
	left := fitBlock(c.body.View(), c.w, eh)
	if !c.wide() {
		b.WriteString(indent(left, " "))
		return b.String()
	}
	ew := (c.w - 3) / 2
	right := strings.Split(fitBlock(c.pv.view(c.s.tr, c), c.w-ew-3, eh), "\n")
	bar := sty.Faint.Render("│")
	for i, l := range strings.Split(left, "\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		pad := max(ew-ansi.StringWidth(l), 0)
		b.WriteString(" " + l + strings.Repeat(" ", pad) + bar + " " + right[i])
	}
	return b.String()
}

// infoLine: number, kind, state, revision; who else has the article open.
func (c *composePage) infoLine() string {
	sty := c.s.sty
	a := c.a
	id := fmt.Sprintf("#%d", a.ID)
	if c.id == store.NewArticleCopy {
		id = locale.T(c.s.lang(), "TUIComposeNewShort")
	}
	line := " " + sty.Meta.Render(fmt.Sprintf("%s · %s · ", id, c.s.label(a.Kind))) + sty.badge(c.s.tr, a.State, c.returned())
	if st := a.Current(); st != nil {
		line += sty.Meta.Render(" · " + c.s.wt("TUIWaitingStage", locale.Args{"Stage": termsafe.Line(st.Name)}))
	}
	if len(c.editors) > 0 {
		names := make([]string, len(c.editors))
		for i, e := range c.editors {
			names[i] = c.name(e)
		}
		line += "   " + sty.Warn.Render(c.s.wt("TUIAlsoEditing", locale.Args{"Names": strings.Join(names, c.s.listSep())}))
	}
	return line
}

// fieldsLead is the width in display columns of the fields line's first
// label with its space (来源 , 副标题 ): where its value starts.
func (c *composePage) fieldsLead() int {
	id := "TUIMetaSource"
	if c.content.Subtitle != "" {
		id = "TUIMetaSubtitle"
	}
	return ansi.StringWidth(c.s.wt(id, locale.Args{"V": ""}))
}

// fieldsLine sums up the published fields edited in the ctrl+o form.
func (c *composePage) fieldsLine() string {
	ct := c.content
	var parts []string
	if ct.Subtitle != "" {
		parts = append(parts, c.s.wt("TUIMetaSubtitle", locale.Args{"V": termsafe.Line(ct.Subtitle)}))
	}
	parts = append(parts, c.s.wt("TUIMetaSource", locale.Args{"V": orDash(termsafe.Line(ct.Source))}),
		c.s.wt("TUIMetaAuthors", locale.Args{"V": orDash(joinNames(c.s.tr, ct.Authors))}),
		c.s.wt("TUIMetaPhotographers", locale.Args{"V": orDash(joinNames(c.s.tr, ct.Photographers))}))
	if m := ct.Meeting; m != nil {
		parts = append(parts, c.s.wt("TUIMetaMeeting", locale.Args{"Date": termsafe.Line(m.Date), "Place": termsafe.Line(m.Place)}))
	}
	return strings.Join(parts, " · ") + "   " + c.s.wt("TUIMetaEditKey")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (c *composePage) submitView() string {
	sty := c.s.sty
	w := min(c.w-4, 72)
	next := c.s.wt("TUIDefaultStage")
	if c.a != nil {
		for _, st := range c.a.Workflow.Stages { // the first stage whose when: holds for the text as it is
			if st.Holds(c.content.Important, c.content.Tags) {
				next = termsafe.Line(st.Name)
				break
			}
		}
	}
	var s strings.Builder
	s.WriteString(sty.Title.Render(c.s.wt("ActionSubmit")) + "\n")
	s.WriteString(cut(c.s.wt("TUIArticleRef", locale.Args{"ID": c.id, "Title": termsafe.Line(c.titleIn.Value())}), w-4) + "\n")
	s.WriteString(c.s.wt("TUISubmitSummary", locale.Args{"Chars": c.body.CharCount(), "Workflow": termsafe.Line(c.a.Workflow.String())}) + "\n")
	if c.dirty() {
		s.WriteString(sty.Dim.Render(c.s.wt("TUISubmitSavesFirst")) + "\n")
	}
	s.WriteString(c.submitProofLines(w - 4))
	if c.mode == composeWaive {
		s.WriteString("\n" + c.waiveIn.View() + "\n" + sty.Dim.Render(c.s.wt("TUISubmitKeys")))
	} else if c.mode == composeBusy {
		s.WriteString("\n" + sty.Dim.Render(c.s.wt("TUISubmitting")))
	} else {
		s.WriteString("\n" + sty.Accent.Render(c.s.wt("TUISubmitTo", locale.Args{"Next": next})) + "   " + sty.Dim.Render(c.s.wt("TUIKeepEditing")))
	}
	return indent(sty.BoxFocused.Width(w).Render(s.String()), "  ")
}

// safeContent is content from the database with every field sanitized for
// the terminal. What the writer sees is what a save writes back, so text
// that someone slipped past the store's checks is cleaned, not kept.
func safeContent(c model.Content) model.Content {
	c.Title, c.Subtitle, c.Source = termsafe.Line(c.Title), termsafe.Line(c.Subtitle), termsafe.Line(c.Source)
	c.Authors, c.Photographers = safeList(c.Authors), safeList(c.Photographers)
	if m := c.Meeting; m != nil {
		mm := *m
		mm.Name, mm.Date, mm.Place, mm.Chair = termsafe.Line(m.Name), termsafe.Line(m.Date), termsafe.Line(m.Place), termsafe.Line(m.Chair)
		mm.Attendees = safeList(m.Attendees)
		c.Meeting = &mm
	}
	c.Body = termsafe.String(c.Body)
	return c
}

func safeList(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = termsafe.Line(s)
	}
	return out
}

// name is a login's display name.
func (c *composePage) name(login string) string {
	if n := c.names[login]; n != "" {
		return termsafe.Line(n)
	}
	return termsafe.Line(login)
}
