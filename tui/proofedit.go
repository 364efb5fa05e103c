package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui/editor"
)

// 三校 in the compose page: the text is checked off the UI goroutine
// proofDelay after typing pauses (debounced like the preview; a key never
// waits for a check), the findings of the body are marked in the editor
// (underlined, with ✗ ! · in the sign column), f7 / shift+f7 jump between
// them, f8 applies the fix of the one under the cursor as one undoable
// edit, and f9 lets it stand with a written reason (store.IgnoreFindingIn).

// proofDelay is how long typing pauses before the text is checked again.
var proofDelay = 400 * time.Millisecond

// proofKeyIgnore() lets the finding under the cursor stand (compose and
// article pages).

// Messages of the compose page's checks.
type (
	// proofCheckedMsg carries a check of the text of change seq.
	proofCheckedMsg struct {
		seq uint64
		ps  *proofState
	}
	// proofTickMsg fires proofDelay after change seq.
	proofTickMsg struct{ seq uint64 }
	// proofIgnoredMsg is the result of letting a finding stand.
	proofIgnoredMsg struct {
		g   *store.ProofIgnore
		err error
	}
)

// proofTick schedules a check of the text once typing pauses.
func (c *composePage) proofTick() tea.Cmd {
	seq := c.seq
	return tea.Tick(proofDelay, func(time.Time) tea.Msg { return pageMsg{to: c, msg: proofTickMsg{seq: seq}} })
}

// proofTicked checks the text if nothing was typed since the tick was set.
func (c *composePage) proofTicked(m proofTickMsg) tea.Cmd {
	if c.closed || m.seq != c.seq || c.a == nil {
		return nil
	}
	return checkContent(c.pv.ctx, c, c.s.store, c.s.actor, c.id, c.seq, c.current())
}

// checkContent checks text being composed in a command (never on the UI
// goroutine), with the article's standing ignores. When ctx (the page's)
// ends before the check starts or while it runs, the command delivers
// nothing.
func checkContent(ctx context.Context, p page, st *store.Store, act store.Actor, id, seq uint64, c model.Content) tea.Cmd {
	return tell(p, func() tea.Msg {
		if ctx.Err() != nil {
			return nil
		}
		ps := checkNow(st, act, id, c)
		if ctx.Err() != nil {
			return nil
		}
		return proofCheckedMsg{seq: seq, ps: ps}
	})
}

// checkNow checks content c of article id with the office's checker.
func checkNow(st *store.Store, act store.Actor, id uint64, c model.Content) *proofState {
	ck, v, err := st.Checker()
	if err != nil {
		return &proofState{err: err}
	}
	fs := ck.Check(&c)
	ps := &proofState{body: c.Body, content: c, findings: fs, counts: proof.Count(fs), versions: v}
	return ps.withIgnores(st, act, id)
}

// proofChecked takes a check's result: the status bar counts, and the
// marks in the editor when the text checked is still the text shown (else
// a newer check is on its way, and the marks already set have followed
// the edits).
func (c *composePage) proofChecked(m proofCheckedMsg) {
	c.proof = m.ps
	if m.ps.err != nil || m.ps.body != c.body.Value() {
		return
	}
	c.marked = m.ps
	c.body.m.SetMarks(bodyMarks(m.ps))
}

// bodyMarks are the editor marks of the body findings of ps that are not
// ignored; a mark's ID is the finding's index in ps.findings.
func bodyMarks(ps *proofState) []editor.Mark {
	var ms []editor.Mark
	lineStart := 0 // byte offset of line (f.Line-1) in the body
	line := 0
	body := ps.body
	for i, f := range ps.findings {
		if f.Field != proof.FieldBody || f.Start >= f.End {
			continue
		}
		if _, ok := ps.ignored[i]; ok {
			continue
		}
		for line < f.Line-1 { // findings come in text order
			nl := strings.IndexByte(body[lineStart:], '\n')
			if nl < 0 {
				break
			}
			lineStart += nl + 1
			line++
		}
		if line != f.Line-1 || f.Start < lineStart || strings.Contains(body[f.Start:f.End], "\n") {
			continue
		}
		ms = append(ms, editor.Mark{Line: line, From: f.Start - lineStart, To: f.End - lineStart, Kind: markKind(f.Severity), ID: i})
	}
	return ms
}

func markKind(s proof.Severity) editor.MarkKind {
	switch s {
	case proof.Error:
		return editor.MarkError
	case proof.Warning:
		return editor.MarkWarning
	}
	return editor.MarkHint
}

// markedFinding is the finding a mark stands for.
func (c *composePage) markedFinding(k editor.Mark) (proof.Finding, bool) {
	if c.marked == nil || k.ID < 0 || k.ID >= len(c.marked.findings) {
		return proof.Finding{}, false
	}
	return c.marked.findings[k.ID], true
}

// proofJump (f7 / shift+f7) moves the cursor to the next or previous
// marked finding, round, and says what it is.
func (c *composePage) proofJump(dir int) tea.Cmd {
	ms := c.body.m.Marks()
	if len(ms) == 0 {
		if c.proof != nil && c.proof.body != c.body.Value() {
			return notify(noticeInfo, "%s", locale.T(c.s.lang(), "TUIProofChecking"))
		}
		return notify(noticeOK, "%s", locale.T(c.s.lang(), "TUIProofNone"))
	}
	line, _ := c.body.m.Cursor()
	cur := c.body.m.CursorOffset()
	pick := -1
	if dir > 0 {
		for i, k := range ms {
			if k.Line > line || k.Line == line && k.From > cur {
				pick = i
				break
			}
		}
		if pick < 0 {
			pick = 0
		}
	} else {
		for i := len(ms) - 1; i >= 0; i-- {
			if k := ms[i]; k.Line < line || k.Line == line && k.From < cur {
				pick = i
				break
			}
		}
		if pick < 0 {
			pick = len(ms) - 1
		}
	}
	k := ms[pick]
	c.body.m.SelectMark(k)
	f, _ := c.markedFinding(k)
	return notify(noticeInfo, "%s", findingNotice(c.s.tr, f, pick, len(ms)))
}

// findingNotice names a finding: its number, severity, rule, text, what is
// wrong and the keys that act on it.
func findingNotice(tl tr, f proof.Finding, i, n int) string {
	s := locale.T(tl.lang(), "TUIProofAt", locale.Args{"N": i + 1, "Total": n, "Severity": tl.label(f.Severity), "Rule": f.RuleID,
		"Text": termsafe.Line(f.Text), "Message": findingMsg(tl, f)})
	if f.Fix != nil {
		s += locale.T(tl.lang(), "TUIProofFixHint", locale.Args{"Fix": termsafe.Line(*f.Fix)})
	}
	return s
}

// proofFix (f8) applies the fix of the finding under the cursor as one
// edit, which ctrl+z takes back.
func (c *composePage) proofFix() tea.Cmd {
	k, ok := c.body.m.MarkAt()
	if !ok {
		return notify(noticeInfo, "%s", locale.T(c.s.lang(), "TUIProofNoneHere"))
	}
	f, _ := c.markedFinding(k)
	if f.Fix == nil {
		return notify(noticeInfo, "%s", locale.T(c.s.lang(), "TUIProofNoFix", locale.Args{"Message": findingMsg(c.s.tr, f)}))
	}
	if !c.body.m.ReplaceRange(k.Line, k.From, k.To, *f.Fix) {
		return notify(noticeErr, "%s", locale.T(c.s.lang(), "TUIProofFixFailed"))
	}
	return tea.Batch(c.noticeChange(), notify(noticeOK, "%s", locale.T(c.s.lang(), "TUIProofFixed", locale.Args{"Fix": termsafe.Line(*f.Fix)})))
}

// proofIgnoreStart (f9) asks for the reason to let the finding under the
// cursor stand. Errors cannot be ignored (the store refuses too).
func (c *composePage) proofIgnoreStart() tea.Cmd {
	k, ok := c.body.m.MarkAt()
	if !ok {
		return notify(noticeInfo, "%s", locale.T(c.s.lang(), "TUIProofNoneHere"))
	}
	f, _ := c.markedFinding(k)
	if f.Severity == proof.Error {
		return notify(noticeErr, "%s", locale.Err(c.s.lang(), store.ErrIgnoreError))
	}
	c.ignoring, c.ignoringPS = f, c.marked
	c.mode = composeIgnore
	c.ignoreIn = c.s.sty.textInput(locale.T(c.s.lang(), "TUIProofIgnoreReason"), store.MaxIgnoreReason)
	c.ignoreIn.Width = max(min(c.w-10, 66), 10)
	return c.ignoreIn.Focus()
}

// proofIgnoreKey handles keys while the reason is typed.
func (c *composePage) proofIgnoreKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		c.mode = composeEdit
		return nil
	case "enter":
		reason := strings.TrimSpace(c.ignoreIn.Value())
		if reason == "" {
			return notify(noticeErr, "%s", locale.Err(c.s.lang(), store.ErrIgnoreReason))
		}
		c.mode = composeEdit
		st, act, id, ct, key := c.s.store, c.s.actor, c.id, c.ignoringPS.content, store.FindingKey(c.ignoring)
		return tell(c, func() tea.Msg {
			g, err := st.IgnoreFindingIn(act, id, ct, key, reason)
			return proofIgnoredMsg{g: g, err: err}
		})
	}
	var cmd tea.Cmd
	c.ignoreIn, cmd = c.ignoreIn.Update(msg)
	return cmd
}

// proofIgnored reports the ignore and checks the text again, so the mark
// goes and the counts say it is ignored.
func (c *composePage) proofIgnored(m proofIgnoredMsg) tea.Cmd {
	if m.err != nil {
		return notifyErr(c.s.tr, m.err)
	}
	return tea.Batch(notify(noticeOK, "%s", locale.T(c.s.lang(), "TUIProofIgnoredDone", locale.Args{"Text": termsafe.Line(m.g.Text)})),
		checkContent(c.pv.ctx, c, c.s.store, c.s.actor, c.id, c.seq, c.current()))
}

// ignoreView is the box that asks for the reason.
func (c *composePage) ignoreView() string {
	sty := c.s.sty
	w := min(c.w-4, 72)
	var s strings.Builder
	s.WriteString(sty.Title.Render(locale.T(c.s.lang(), "TUIProofIgnoreTitle")) + "\n")
	f := c.ignoring
	s.WriteString(cut(c.s.label(f.Severity)+" "+f.RuleID+" “"+termsafe.Line(f.Text)+"” "+findingMsg(c.s.tr, f), w-4) + "\n")
	for _, l := range wrapText(locale.T(c.s.lang(), "TUIProofIgnoreNote"), w-4, &sty.Dim) {
		s.WriteString(l + "\n")
	}
	s.WriteString("\n")
	s.WriteString(c.ignoreIn.View() + "\n\n" + sty.Dim.Render(locale.T(c.s.lang(), "TUIProofIgnoreKeys")))
	return indent(sty.BoxFocused.Width(w).Render(s.String()), "  ")
}

// submitCheck checks the text about to be submitted when the 送审 box
// opens (an explicit key, not typing): the box shows its counts and the
// waiver is asked for only the warnings nobody ignored.
func (c *composePage) submitCheck() {
	c.submitPS = checkNow(c.s.store, c.s.actor, c.id, c.current())
}

// submitProofLines are the 三校 lines of the 送审 box.
func (c *composePage) submitProofLines(w int) string {
	ps := c.submitPS
	if ps == nil || ps.err != nil {
		return ""
	}
	sty := c.s.sty
	s := "\n" + cut(ps.confirmLine(c.s.tr), max(w, 10)) + "\n" + ps.ignoredLines(c.s.tr, max(w, 10))
	switch {
	case ps.counts.Errors > 0:
		s += sty.Warn.Render(locale.T(c.s.lang(), "TUIProofSubmitErrors")) + "\n"
	case ps.unwaived() > 0 && c.waiver == "":
		s += sty.Warn.Render(locale.T(c.s.lang(), "TUIProofSubmitWarnings")) + "\n"
	}
	return s
}

// proofKeyIgnore(tl) is built when asked, in the session's language (tl).
func proofKeyIgnore(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("f9"), key.WithHelp("f9", locale.T(tl.lang(), "TUIProofKeyIgnore")))
}
