package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui/preview"
)

// articlePage is where an article is read and decided: what changed since
// the last approval, the full text with paragraph comments, the comments,
// and the approve / return / sign-off (签发) steps. A writer opening their
// own article in review reads it here too; the store refuses what they may
// not do, and the refusal is shown.
type articlePage struct {
	s    *session
	id   uint64
	w, h int

	a        *model.Article
	head     *model.Revision
	base     *model.Revision // where the diff starts (model.Article.DiffBasis), when it differs from the head
	by       *model.Decision // the decision that set base (a return, an approval), if recorded
	comments []model.Comment
	names    map[string]string
	credits  string // the credits line a sign-off now would print (signoffCredits)
	err      error
	loading  bool
	stale    bool // the article changed while an opinion was being written

	tab      int // 0 改动, 1 全文, 2 批注
	sc       [numReviewTabs]scroller
	laidOut  int // width the cached lines were laid out for
	paraLine []int
	para     int
	ccur     int // selected comment
	ins, del int

	pvWant  preview.Key // the preview asked for
	pvShown preview.Key // the preview on screen
	// pvCancel cancels the render in flight: a newer request or leaving
	// the page (close) ends it.
	pvCancel context.CancelFunc

	mode    reviewMode
	action  model.Action
	opinion string
	input   textarea.Model
	at      time.Time      // the publish time of a schedule (schedule.go)
	atInput textarea.Model // where it is typed
	busy    bool

	answers []model.Answer // the checklist answered so far (review_checklist.go)

	proof  *proofState // 三校 of the head, checked in load (proofview.go)
	waiver string      // the written reason that lets the head's warnings through
	// proofCur is the selected finding (index in proof.findings; -1 none);
	// starts are the paragraphs' byte offsets in the head's body, for
	// marking findings inline (proofread.go).
	proofCur  int
	starts    []int
	startsRev int
	find      finder // find in the text (find.go)
}

type reviewMode int

const (
	modeRead reviewMode = iota
	modeOpinion
	modeConfirm
	modeComment
	modeWaive      // the reason for letting 三校 warnings through
	modeIgnore     // the reason for letting one 三校 finding stand
	modeChecklist  // the stage's checklist, one yes/no question at a time (review_checklist.go)
	modeScheduleAt // the publish time of 定时发布 (schedule.go)
)

// Messages of the article page.
type (
	articleLoadedMsg struct {
		a        *model.Article
		head     *model.Revision
		base     *model.Revision
		by       *model.Decision
		comments []model.Comment
		names    map[string]string
		credits  string
		proof    *proofState
		err      error
	}
	decidedMsg struct {
		action model.Action
		a      *model.Article
		err    error
	}
	commentedMsg struct {
		resolved bool
		err      error
	}
)

// The article page's tabs.
const (
	tabDiff     = iota // what changed since the last approval
	tabText            // the paragraphs, for comments
	tabPreview         // the article as it will read
	tabComments        // the comments
	numReviewTabs
)

// reviewTabs are the catalog IDs of the tabs, rendered where shown.
var reviewTabs = [numReviewTabs]string{"TUITabChanges", "TUITabText", "TUIKeyPreview", "TUITabComments"}

func newArticlePage(s *session, id uint64) *articlePage {
	return &articlePage{s: s, id: id, loading: true, proofCur: -1}
}

func (p *articlePage) init() tea.Cmd { return p.load() }

// load reads the header, the head revision, the revision of the last
// approval and the comments, each read in its own short transaction.
func (p *articlePage) load() tea.Cmd {
	p.loading = true
	st, id, act := p.s.store, p.id, p.s.actor
	signer, roles := p.s.user.Name(), p.s.roles
	return tell(p, func() tea.Msg {
		var m articleLoadedMsg
		// Who may see it is the store's rule (model.MayRead), the one the
		// CLI and SSH commands ask: the page shows nothing of an article
		// its user may not see, whatever led here.
		if _, m.err = st.MayRead(act, id); m.err != nil {
			return m
		}
		m.a, m.head, m.err = st.Head(id)
		if m.err != nil {
			return m
		}
		// The page shows the head: what a decision made elsewhere (CLI,
		// SSH command) by this user binds to when it names no revision.
		_ = st.MarkRead(act, id, m.head.N)
		// Every change since the last approval by someone else.
		b, by := m.a.DiffBasis(act.Login)
		m.by = by
		if b != m.head.N {
			m.base, _ = st.Revision(id, b)
		}
		m.comments, m.err = st.Comments(act, id)
		if m.err != nil {
			return m
		}
		m.names = userNames(st)
		m.credits = signoffCredits(p.s.tr, st, m.a, &m.head.Content, signer, roles)
		m.proof = checkRevision(st, act, id, m.head.N)
		return m
	})
}

// userNames maps logins to display names; empty on error.
func userNames(st *store.Store) map[string]string {
	users, err := st.Users()
	out := make(map[string]string, len(users))
	if err != nil {
		return out
	}
	for _, u := range users {
		out[u.Login] = u.Name()
	}
	return out
}

func (p *articlePage) name(login string) string {
	if n := p.names[login]; n != "" {
		return termsafe.Line(n)
	}
	return termsafe.Line(login)
}

func (p *articlePage) title() string {
	if p.a == nil {
		return fmt.Sprintf("#%d", p.id)
	}
	return fmt.Sprintf("#%d %s", p.id, cut(termsafe.Line(p.a.Title), 60))
}

func (p *articlePage) setSize(w, h int) {
	p.w, p.h = w, h
	p.layout()
}

// resized renders the preview again at the new width.
func (p *articlePage) resized() tea.Cmd { return p.requestPreview() }

// requestPreview renders the head revision for the preview tab when it is
// shown, from the session's cache when it can: a saved revision is keyed
// by (article, revision, width, style).
func (p *articlePage) requestPreview() tea.Cmd {
	if p.tab != tabPreview || p.head == nil {
		return nil
	}
	r, err := p.s.previewer()
	if err != nil {
		p.sc[tabPreview].set([]string{p.s.sty.Bad.Render(p.s.wt("TUIPreviewUnavailable", locale.Args{"Err": p.s.errText(err)}))})
		return nil
	}
	width := max(p.contentWidth(), preview.MinWidth)
	key := r.Key(p.id, p.head.N, width)
	if key == p.pvShown {
		return nil
	}
	p.pvWant = key
	if out, ok := r.Cached(key); ok {
		p.pvShown = key
		p.sc[tabPreview].set(strings.Split(out, "\n"))
		return nil
	}
	if p.pvShown.Rev == 0 {
		p.sc[tabPreview].set([]string{p.s.sty.Dim.Render(p.s.wt("TUIPreviewRendering"))})
	}
	md := "# " + p.head.Content.Title + "\n\n" + p.head.Content.Body
	p.cancelPreview()
	var ctx context.Context
	ctx, p.pvCancel = p.s.pageContext()
	return tell(p, preview.CmdContext(ctx, r, key, md, width))
}

// cancelPreview ends the preview render in flight, if any.
func (p *articlePage) cancelPreview() {
	if p.pvCancel != nil {
		p.pvCancel()
		p.pvCancel = nil
	}
}

// close ends work the page started when it is left.
func (p *articlePage) close() {
	p.cancelPreview()
}

func (p *articlePage) capturing() bool {
	return p.mode == modeOpinion || p.mode == modeComment || p.mode == modeWaive || p.mode == modeIgnore || p.mode == modeScheduleAt || p.find.typing
}

func (p *articlePage) status() string {
	if p.busy {
		return p.s.wt("TUISubmitting")
	}
	if p.head == nil {
		return ""
	}
	s := p.s.wt("TUIRevChars", locale.Args{"Rev": p.head.N, "Chars": charCount(p.head.Content.Body)})
	if pr := p.proof.short(p.s.tr); pr != "" {
		s += " · " + pr
	}
	return s + " · " + p.s.zoneNote() // the page shows updated/comment/decision times
}

func (p *articlePage) help() help.KeyMap {
	k := p.s.keys
	switch p.mode {
	case modeScheduleAt: // one line: no newline key to offer
		return bindings{short: []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.s.wt("TUIKeyNextStep"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.s.wt("TUICancel"))),
		}}
	case modeOpinion, modeComment, modeWaive, modeIgnore:
		return bindings{short: []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.s.wt("TUIKeyNextStep"))),
			key.NewBinding(key.WithKeys("ctrl+j"), key.WithHelp("ctrl+j", p.s.wt("EdNewLine"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.s.wt("TUICancel"))),
		}}
	case modeConfirm:
		if p.mayScheduleHere() {
			return bindings{short: []key.Binding{k.Yes, k.No, scheduleKey(p.s.tr)}}
		}
		return bindings{short: []key.Binding{k.Yes, k.No}}
	case modeChecklist:
		return checklistHelp(p.s.tr)
	}
	decide := p.offered()
	short := append([]key.Binding{k.NextTab}, decide...)
	switch p.tab {
	case tabText:
		short = append(short, k.Comment, findKey(p.s.tr))
		if p.proof != nil && len(p.proof.findings) > 0 {
			short = append(short, k.ProofNext) // f9 and shift+f7 are in the full help
		}
		if p.find.query != "" {
			short = append(short, findNextKey(p.s.tr))
		}
	case tabComments:
		if p.mayResolveHere() {
			short = append(short, k.Resolve)
		}
	}
	acts := append(decide, k.Comment)
	if p.mayResolveHere() {
		acts = append(acts, k.Resolve)
	}
	if p.a != nil && model.CanEdit(p.a, p.s.user) == nil {
		short = append(short, k.Edit)
		acts = append(acts, k.Edit)
	}
	short = append(short, k.History, k.Back)
	proofKeys := []key.Binding{k.ProofNext, k.ProofPrev}
	if p.a != nil && model.MayIgnoreFinding(*p.a, p.s.user) == nil {
		proofKeys = append(proofKeys, proofKeyIgnore(p.s.tr)) // the store's own rule (fault 9.9)
	}
	return bindings{short: short, full: [][]key.Binding{
		{k.Up, k.Down, k.PgUp, k.PgDown, k.Top, k.Bottom},
		{k.NextTab, k.PrevTab, k.Refresh},
		proofKeys,
		append(acts, k.History),
	}}
}

// mayResolveHere reports whether the user may mark the comment under the
// cursor resolved: on the comments tab, not yet resolved, and allowed by
// model.MayResolve, the rule the store asks, so x is never offered where
// it would be refused.
func (p *articlePage) mayResolveHere() bool {
	if p.a == nil || p.tab != tabComments || p.ccur >= len(p.comments) {
		return false
	}
	c := p.comments[p.ccur]
	return !c.Resolved && model.MayResolve(p.a, &c, p.s.user) == nil
}

// offered is the decision keys of this user on this article, from
// model.Allowed — the same function (model.Decide) that decides them — so
// the footer and help never offer a decision that would be refused.
func (p *articlePage) offered() (out []key.Binding) {
	if p.a == nil {
		return nil
	}
	k := p.s.keys
	allowed := model.Allowed(*p.a, p.s.user)
	defer func() { out = lifecycleOffered(p.s.tr, allowed, out) }() // 更正, 撤稿 (lifecycle.go)
	for _, act := range allowed {
		switch act {
		case model.ActApprove:
			b := k.Approve
			b.SetHelp("a", p.s.wt("ActionApprove"))
			out = append(out, b)
		case model.ActSignOff:
			b := k.Approve
			b.SetHelp("a", p.s.wt("ActionSignoff"))
			out = append(out, b)
		case model.ActReturn:
			out = append(out, k.Return)
		case model.ActSchedule:
			out = append(out, scheduleKey(p.s.tr))
		}
	}
	return out
}

// final reports whether the article waits for its sign-off.
func (p *articlePage) final() bool {
	return p.a != nil && p.a.State == model.StateReview && p.a.Workflow.IsFinal(p.a.Stage)
}

func (p *articlePage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case articleLoadedMsg:
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return p, notifyErr(p.s.tr, msg.err)
		}
		p.err, p.stale = nil, false
		first := p.a == nil
		p.a, p.head, p.base, p.by, p.comments, p.names = msg.a, msg.head, msg.base, msg.by, msg.comments, msg.names
		p.credits = msg.credits
		p.proof, p.waiver, p.proofCur = msg.proof, "", -1
		if first && p.base == nil && len(p.a.EarlierDecisions()) == 0 {
			// Nothing to compare with and nobody has decided yet: read the
			// text. With earlier decisions the 改动 tab comes first, so the
			// next stage sees the opinions before deciding.
			p.tab = tabText
		}
		p.laidOut = 0
		p.layout()
		return p, p.requestPreview()

	case preview.RenderedMsg:
		if msg.Key != p.pvWant {
			return p, nil // an older revision or width
		}
		if msg.Err != nil {
			p.sc[tabPreview].set([]string{p.s.sty.Bad.Render(p.s.wt("TUIPreviewFailed", locale.Args{"Err": p.s.errText(msg.Err)}))})
			return p, nil
		}
		p.pvShown = msg.Key
		p.sc[tabPreview].set(strings.Split(msg.Out, "\n"))
		return p, nil

	case proofIgnoredMsg:
		return p, p.proofIgnored(msg)
	case decidedMsg:
		p.busy = false
		if msg.err != nil {
			p.mode = modeRead
			if errors.Is(msg.err, model.ErrStaleView) {
				return p, tea.Batch(notifyErr(p.s.tr, msg.err), p.load())
			}
			return p, notifyErr(p.s.tr, msg.err)
		}
		return p, tea.Batch(notify(noticeOK, "%s", decidedText(p.s.tr, msg.action, msg.a)), popTo(msg.a))

	case commentedMsg:
		p.busy = false
		if msg.err != nil {
			return p, notifyErr(p.s.tr, msg.err)
		}
		p.mode = modeRead
		text := p.s.wt("TUICommentAdded")
		if msg.resolved {
			text = p.s.wt("TUICommentResolved")
		}
		return p, tea.Batch(notify(noticeOK, "%s", text), p.load())

	case eventsMsg:
		for _, ev := range msg {
			if ev.Article != p.id || ev.Actor == p.s.actor.Login {
				continue
			}
			if p.mode != modeRead {
				p.stale = true
				return p, notify(noticeInfo, "%s", p.s.wt("TUIOtherUpdatedStale", locale.Args{"Who": p.name(ev.Actor)}))
			}
			return p, tea.Batch(p.load(), notify(noticeInfo, "%s", p.s.wt("TUIOtherUpdatedReloaded", locale.Args{"Who": p.name(ev.Actor), "Action": actionLabel(p.s.tr, ev.Action)})))
		}
		return p, nil

	case tea.KeyMsg:
		return p, p.key(msg)
	}
	if p.mode == modeScheduleAt {
		var cmd tea.Cmd
		p.atInput, cmd = p.atInput.Update(msg)
		return p, cmd
	}
	if p.capturing() {
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return p, cmd
	}
	return p, nil
}

func (p *articlePage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.s.keys
	if key.Matches(msg, scheduleKey(p.s.tr)) && p.mayScheduleHere() {
		return p.startSchedule()
	}
	switch p.mode {
	case modeScheduleAt:
		return p.scheduleKeyMsg(msg)
	case modeOpinion, modeComment, modeWaive, modeIgnore:
		switch msg.String() {
		case "esc":
			p.mode = modeRead
			return nil
		case "enter":
			text := strings.TrimSpace(p.input.Value())
			if text == "" {
				switch p.mode {
				case modeComment:
					return notify(noticeErr, "%s", p.s.wt("TUICommentEmpty"))
				case modeWaive:
					return notify(noticeErr, "%s", p.s.wt("TUIWaiveReasonNeeded"))
				case modeIgnore:
					return notify(noticeErr, "%s", locale.Err(p.s.lang(), store.ErrIgnoreReason))
				}
				return notify(noticeErr, "%s", p.s.wt("TUIOpinionRequired"))
			}
			if p.mode == modeComment {
				return p.addComment(text)
			}
			if p.mode == modeWaive {
				p.waiver = text
				return p.decide()
			}
			if p.mode == modeIgnore {
				return p.proofIgnore(text)
			}
			p.opinion = text
			p.answers = nil
			p.mode = modeConfirm
			if len(p.checklist()) > 0 {
				p.mode = modeChecklist
			}
			return nil
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	case modeChecklist:
		return p.answerKey(msg)
	case modeConfirm:
		switch {
		case key.Matches(msg, k.Yes):
			if p.action != model.ActReturn && !afterSignOff(p.action) && p.proof != nil && p.proof.counts.Errors == 0 && p.proof.unwaived() > 0 && p.waiver == "" {
				// every warning nobody ignored is let through with a written reason (store.Waiver)
				p.mode = modeWaive
				p.input = p.s.sty.textArea(p.s.wt("TUIWaiveReasonPrompt", locale.Args{"N": p.proof.unwaived()}))
				p.input.SetWidth(min(p.w-4, 76))
				p.input.SetHeight(3)
				return p.input.Focus()
			}
			return p.decide()
		case key.Matches(msg, k.No):
			p.mode = modeOpinion
			return p.input.Focus()
		}
		return nil
	}
	if p.a != nil {
		if cmd, ok := p.findKey(msg); ok {
			return cmd
		}
	}
	if key.Matches(msg, k.Back) {
		return pop
	}
	if key.Matches(msg, k.Refresh) {
		return p.load()
	}
	if p.a == nil {
		return nil
	}
	sc := &p.sc[p.tab]
	switch {
	case key.Matches(msg, k.NextTab):
		p.tab = (p.tab + 1) % len(reviewTabs)
		return p.requestPreview()
	case key.Matches(msg, k.PrevTab):
		p.tab = (p.tab + len(reviewTabs) - 1) % len(reviewTabs)
		return p.requestPreview()
	case key.Matches(msg, k.Up):
		p.move(-1)
	case key.Matches(msg, k.Down):
		p.move(1)
	case sc.pageKey(msg, k): // page, top and bottom scroll the tab's text
	case key.Matches(msg, k.ProofNext):
		return p.proofJump(+1)
	case key.Matches(msg, k.ProofPrev):
		return p.proofJump(-1)
	case key.Matches(msg, k.ProofFix):
		return notify(noticeInfo, "%s", locale.T(p.s.lang(), "TUIProofFixInEditor"))
	case key.Matches(msg, proofKeyIgnore(p.s.tr)):
		return p.proofIgnoreStart()
	case key.Matches(msg, k.Approve):
		if p.final() && p.a.ReaderIndex(p.s.user.Login) < 0 { // an extra reader approves, never signs off
			return p.startDecision(model.ActSignOff)
		}
		return p.startDecision(model.ActApprove)
	case key.Matches(msg, k.Return):
		return p.startDecision(model.ActReturn)
	case key.Matches(msg, correctKey(p.s.tr)):
		return p.startDecision(model.ActCorrect)
	case key.Matches(msg, takedownKey(p.s.tr)):
		return p.startDecision(model.ActTakedown)
	case key.Matches(msg, k.Comment):
		if p.tab != tabText {
			p.tab = tabText
			return notify(noticeInfo, "%s", p.s.wt("TUICommentHowTo"))
		}
		p.mode = modeComment
		p.input = p.s.sty.textArea(p.s.wt("TUICommentPrompt", locale.Args{"N": p.para + 1}))
		p.input.SetWidth(min(p.w-4, 76))
		p.input.SetHeight(4)
		return p.input.Focus()
	case key.Matches(msg, k.Resolve):
		if p.tab == tabComments && p.ccur < len(p.comments) {
			return p.resolve(p.comments[p.ccur])
		}
	case key.Matches(msg, k.Edit):
		return push(newCompose(p.s, p.id))
	case key.Matches(msg, k.History):
		return push(newHistory(p.s, p.id))
	}
	return nil
}

// move steps the cursor: paragraphs in the text, comments in the list,
// lines in the diff.
func (p *articlePage) move(d int) {
	switch p.tab {
	case tabDiff, tabPreview:
		p.sc[p.tab].scroll(d)
	case tabText:
		if len(p.paraLine) == 0 {
			return
		}
		p.para = max(min(p.para+d, len(p.paraLine)-1), 0)
		p.layoutText()
	case tabComments:
		p.ccur = max(min(p.ccur+d, len(p.comments)-1), 0)
		p.layoutComments()
	}
}

func decidedText(tl tr, act model.Action, a *model.Article) string {
	switch act {
	case model.ActReturn:
		return tl.wt("TUIReturnedDone", locale.Args{"ID": a.ID})
	case model.ActSignOff:
		return tl.wt("TUISignedDone", locale.Args{"ID": a.ID, "Rev": a.Rev})
	case model.ActApprove:
		next := ""
		if st := a.Current(); st != nil {
			next = tl.wt("TUINextStage", locale.Args{"Stage": termsafe.Line(st.Name)})
		}
		return tl.wt("TUIApprovedDone", locale.Args{"ID": a.ID, "Rev": a.Rev, "Next": next})
	case model.ActCorrect:
		return locale.T(tl.lang(), "TUICorrectStarted", locale.Args{"ID": a.ID})
	case model.ActTakedown:
		return locale.T(tl.lang(), "TUITakenDown", locale.Args{"ID": a.ID})
	}
	return tl.wt("TUIActionDone", locale.Args{"ID": a.ID, "Action": actionLabel(tl, act)})
}

func (p *articlePage) addComment(text string) tea.Cmd {
	p.busy = true
	st, act, id, rev, para := p.s.store, p.s.actor, p.id, p.head.N, p.para
	return tell(p, func() tea.Msg {
		_, err := st.AddComment(act, id, rev, para, text)
		return commentedMsg{err: err}
	})
}

func (p *articlePage) resolve(c model.Comment) tea.Cmd {
	if c.Resolved {
		return notify(noticeInfo, "%s", p.s.wt("TUICommentResolvedAlready"))
	}
	p.busy = true
	st, act, id := p.s.store, p.s.actor, p.id
	return tell(p, func() tea.Msg {
		return commentedMsg{resolved: true, err: st.ResolveComment(act, id, c.ID)}
	})
}

// contentWidth is the text column: the page width, but not so wide that
// Chinese lines become hard to read.
func (p *articlePage) contentWidth() int { return max(min(p.w-4, 100), 10) }

// layout recomputes the cached lines of every tab for the current width.
func (p *articlePage) layout() {
	hh := max(p.h-4, 1) // article head (2 lines), tabs, blank
	for i := range p.sc {
		p.sc[i].height = hh
	}
	if p.head == nil || p.w <= 0 {
		return
	}
	if p.laidOut != p.w {
		p.laidOut = p.w
		p.layoutDiff()
	}
	p.layoutText()
	p.layoutComments()
}

func (p *articlePage) view() string {
	sty := p.s.sty
	if p.a == nil {
		if p.err != nil {
			return " " + sty.Bad.Render(p.s.describeErr(p.err))
		}
		return " " + sty.Dim.Render(p.s.wt("TUILoading"))
	}
	var b strings.Builder
	b.WriteString(p.headLine())
	b.WriteString("\n")
	for i, t := range reviewTabs {
		label := p.s.wt(t)
		if i == tabDiff && p.base != nil {
			label += fmt.Sprintf(" +%d −%d", p.ins, p.del)
		}
		if i == tabComments {
			label += fmt.Sprintf(" %d", p.openComments())
		}
		if i == p.tab {
			label = sty.TabActive.Render(label)
		} else {
			label = sty.Tab.Render(label)
		}
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString("   ")
		}
		b.WriteString(label)
	}
	if pos := p.sc[p.tab].position(p.s.tr); pos != "" {
		b.WriteString("   " + sty.Faint.Render(pos))
	}
	b.WriteString("\n\n")
	switch p.mode {
	case modeOpinion, modeComment, modeConfirm, modeWaive, modeIgnore, modeChecklist, modeScheduleAt:
		b.WriteString(p.dialog(p.h - (lipgloss.Height(b.String()) - 1)))
		return b.String()
	}
	sc := p.sc[p.tab]
	line := p.findLine()
	if line != "" {
		sc.height-- // room for the find line
	}
	b.WriteString(indent(sc.view(), "  "))
	if line != "" {
		b.WriteString("\n" + line)
	}
	return b.String()
}

func (p *articlePage) openComments() int {
	n := 0
	for _, c := range p.comments {
		if !c.Resolved {
			n++
		}
	}
	return n
}

// headLine says where the article stands: state, stage, revision, owner.
func (p *articlePage) headLine() string {
	sty := p.s.sty
	a := p.a
	state := sty.badge(p.s.tr, a.State, a.State == model.StateDraft && a.Returned != nil)
	parts := []string{sty.Meta.Render(fmt.Sprintf("#%d · %s", a.ID, p.s.label(a.Kind))), state}
	if st := a.Current(); st != nil {
		parts = append(parts, sty.Meta.Render(p.s.wt("TUIWaitingStage", locale.Args{"Stage": termsafe.Line(st.Name)})))
	}
	parts = append(parts, sty.Meta.Render(p.s.wt("TUIReviewMeta", locale.Args{"Rev": a.Rev, "Who": p.name(a.Owner), "At": p.s.fmtTime(a.Updated)})))
	line := " " + strings.Join(parts, sty.Meta.Render(" · "))
	if p.stale {
		line += "  " + sty.Warn.Render(p.s.wt("TUIUpdatedByOthers"))
	}
	line += p.lifecycleHeader(p.w - 2) // 更正, 撤稿 (lifecycle.go)
	if sl := p.scheduleLine(); sl != "" {
		line += "\n" + sl
	}
	if fl := p.flowLine(); fl != "" {
		line += "\n " + sty.Meta.Render(cut(fl, p.w-2))
	}
	if a.Returned != nil && a.State == model.StateDraft {
		line += "\n " + sty.Warn.Render(cut(p.s.wt("TUIReturnedOpinion", locale.Args{"Who": p.name(a.Returned.Login), "Opinion": termsafe.Line(a.Returned.Opinion)}), p.w-2))
	}
	return cutLines(line, p.w)
}

// cutLines cuts every line of s to w columns (with …).
func cutLines(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if !surelyFits(l, w) && ansi.StringWidth(l) > w {
			lines[i] = cut(l, w)
		}
	}
	return strings.Join(lines, "\n")
}

// actionLabel names an audit action in the workstation's language, from
// the catalog (model.Action is a locale.Message): 批准, 忽略三校问题, ….
// An action the catalog lacks (a newer database) reads as 其他操作（…）.
func actionLabel(tl tr, act model.Action) string {
	if locale.Has(act.MessageID()) {
		return locale.Render(tl.lang(), act)
	}
	return tl.wt("TUIActionOther", locale.Args{"Action": string(act)})
}

// shortHash shows enough of a content hash to compare by eye.
func shortHash(h string) string {
	if len(h) > 7+16 {
		return h[:7+16] + "…"
	}
	return h
}

// charCount is the 字数 of a body: its characters other than white space.
func charCount(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' && r != '\n' && r != '\t' && r != '\r' && r != '　' {
			n++
		}
	}
	return n
}

func indent(s, pre string) string {
	if s == "" {
		return s
	}
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

// dialogOpen: anything but reading is a dialog (App's status-bar rule).
func (p *articlePage) dialogOpen() bool { return p.mode != modeRead || p.find.typing }
