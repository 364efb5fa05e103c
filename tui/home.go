package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// homePage shows the user's queues as tabs, each a list of two-line rows
// (title; number, kind, state, who, when), newest first, with a filter that
// narrows every queue as you type.
type homePage struct {
	s    *session
	w, h int

	refused []model.Article // schedules refused by the scheduler (schedule.go)

	tabs   []queueKind
	tab    int
	cursor [numQueues]int
	offset [numQueues]int

	q      queues
	names  map[string]string
	loaded bool

	loading bool // a load is in flight
	again   bool // another load was asked for while one was in flight
	err     error

	filter     textinput.Model
	filtering  bool
	narrowed   queues // the queues narrowed by filteredBy
	filteredBy string
	filtered   bool

	focus         uint64 // after the next load, show the queue holding this article
	focusArchived bool   // and it is in the signed-off and published list

	// The signed-off and published articles, read when their tab is shown.
	recent        []item
	recentCount   int
	recentLoaded  bool
	recentLoading bool
	recentAgain   bool

	confirmDel *item // 删除草稿 asked; y confirms, any other key cancels
}

func newHome(s *session) *homePage {
	h := &homePage{s: s}
	h.filter = s.sty.textInput(s.wt("TUIFilterPlaceholder"), 64)
	h.filter.Prompt = s.wt("TUIFilterPrompt")
	h.filter.PromptStyle = s.sty.Accent
	if s.user != nil {
		h.tabs = visibleQueues(s.user, nil)
	}
	return h
}

// load starts reading the queues unless a read is already running, in which
// case one more runs when it ends: a burst of events costs two reads at most.
func (h *homePage) load() tea.Cmd {
	if h.loading {
		h.again = true
		return nil
	}
	h.loading = true
	return loadQueues(h.s.store, h.s.actor.Login)
}

// loadRecent reads the archive tab's rows, once at a time.
func (h *homePage) loadRecent() tea.Cmd {
	if h.recentLoading {
		h.recentAgain = true
		return nil
	}
	h.recentLoading = true
	return tell(h, loadRecent(h.s.store))
}

// wantRecent loads the archive when its tab is the one shown.
func (h *homePage) wantRecent() tea.Cmd {
	if h.current() == qPublished && !h.recentLoaded {
		return h.loadRecent()
	}
	return nil
}

func (h *homePage) title() string { return h.s.wt("TUIMyQueues") }

func (h *homePage) setSize(w, hh int) { h.w, h.h = w, hh; h.filter.Width = max(w-12, 10) }

func (h *homePage) capturing() bool { return h.filtering }

func (h *homePage) status() string {
	if !h.loaded {
		return h.s.wt("TUILoading")
	}
	if h.confirmDel != nil {
		return h.s.wt("TUIDeleteConfirm", locale.Args{"Title": termsafe.Line(h.confirmDel.sum.Title)})
	}
	return h.s.zoneNote()
}

func (h *homePage) help() help.KeyMap {
	k := h.s.keys
	if h.filtering {
		return bindings{short: []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", h.s.wt("TUIDone"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", h.s.wt("TUIClearFilter"))),
		}}
	}
	short := []key.Binding{k.Enter}
	if it, ok := h.selected(); ok && it.deletable { // model.May(ActDelete), read with the queues
		short = append(short, k.Delete)
	}
	short = append(short, k.NextTab, k.Search, k.Filter)
	if h.canWrite() {
		short = append(short, k.NewNews, k.NewMeeting)
	}
	if model.MayExport(h.s.user) == nil {
		short = append(short, k.Export)
	}
	short = append(short, k.Help, k.Quit)
	return bindings{short: short, full: [][]key.Binding{
		{k.Up, k.Down, k.PgUp, k.PgDown, k.Top, k.Bottom},
		{k.NextTab, k.PrevTab, k.Enter, k.Search, k.Filter, k.Refresh},
		{k.NewNews, k.NewMeeting, k.Edit, k.History, k.Export, k.Notify, k.Workflows, k.Trash, k.Language},
	}}
}

func (h *homePage) canWrite() bool {
	return h.s.user.Has(model.RoleWriter) || h.s.user.Has(model.RoleAdmin)
}

// current is the active queue.
func (h *homePage) current() queueKind {
	if len(h.tabs) == 0 {
		return qPublished
	}
	return h.tabs[h.tab]
}

// rows returns queue q narrowed by the filter. The narrowed queues are
// kept until the filter or the queues change, so drawing a frame does not
// filter again.
func (h *homePage) rows(q queueKind) []item {
	f := strings.ToLower(strings.TrimSpace(h.filter.Value()))
	if f == "" {
		return h.q[q]
	}
	if !h.filtered || h.filteredBy != f {
		for i := range h.q {
			var out []item
			for _, it := range h.q[i] {
				if h.matches(it, f) {
					out = append(out, it)
				}
			}
			h.narrowed[i] = out
		}
		h.filtered, h.filteredBy = true, f
	}
	return h.narrowed[q]
}

func (h *homePage) matches(it item, f string) bool {
	s := it.sum
	if strings.Contains(strings.ToLower(s.Title), f) || strings.Contains(s.Owner, f) ||
		strings.Contains(h.names[s.Owner], f) {
		return true
	}
	id := strconv.FormatUint(s.ID, 10)
	return strings.TrimPrefix(f, "#") == id
}

// selected is the row under the cursor, if any.
func (h *homePage) selected() (item, bool) {
	q := h.current()
	rows := h.rows(q)
	if len(rows) == 0 {
		return item{}, false
	}
	c := min(h.cursor[q], len(rows)-1)
	return rows[c], true
}

func (h *homePage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case queuesMsg:
		return h, tea.Batch(h.loaded1(msg), h.wantRecent())
	case recentMsg:
		h.recentLoading = false
		if msg.err != nil {
			return h, notifyErr(h.s.tr, msg.err)
		}
		h.recent, h.recentLoaded = msg.rows, true
		h.q[qPublished] = h.recent
		h.filtered = false
		if h.focus != 0 && h.focusArchived {
			h.show(h.focus)
			h.focus = 0
		}
		if h.recentAgain {
			h.recentAgain = false
			return h, h.loadRecent()
		}
		return h, nil
	case eventsMsg:
		cmds := []tea.Cmd{h.load()}
		if h.recentLoaded && h.archiveChanged(msg) {
			cmds = append(cmds, h.loadRecent())
		}
		return h, tea.Batch(cmds...)
	case tea.KeyMsg:
		if it := h.confirmDel; it != nil {
			h.confirmDel = nil
			if key.Matches(msg, h.s.keys.Yes) {
				return h, tea.Sequence(h.deleteDraft(it.sum.ID), h.load())
			}
			return h, notify(noticeInfo, "%s", h.s.wt("TUINotDeleted"))
		}
		if h.filtering {
			return h, h.filterKey(msg)
		}
		return h, h.key(msg)
	}
	return h, nil
}

// loaded1 takes a finished load: it shows a notice for every article that
// has just entered one of the user's actionable queues.
func (h *homePage) loaded1(m queuesMsg) tea.Cmd {
	h.loading = false
	var cmds []tea.Cmd
	if h.again {
		h.again = false
		cmds = append(cmds, h.load())
	}
	if m.err != nil {
		h.err = m.err
		return tea.Batch(append(cmds, notifyErr(h.s.tr, m.err))...)
	}
	h.err = nil
	h.refused = m.refused
	first := !h.loaded
	old := h.q
	h.q, h.names, h.loaded = m.q, m.names, true
	h.q[qPublished], h.recentCount = h.recent, m.recentCount
	h.filtered = false
	if m.user != nil {
		h.s.user = m.user
		cur := h.current()
		h.tabs = visibleQueues(m.user, &m.q)
		h.tab = 0
		for i, t := range h.tabs {
			if t == cur {
				h.tab = i
			}
		}
	}
	if first {
		h.tab = h.firstBusyTab()
		return tea.Batch(cmds...)
	}
	switch {
	case h.focus == 0:
	case h.stayOn(h.focus):
		h.focus = 0
	case h.show(h.focus):
		h.focus = 0
	case h.focusArchived:
		// Signed off or published: show it in the archive once that is read.
		for i, t := range h.tabs {
			if t == qPublished {
				h.tab = i
			}
		}
	default:
		h.focus = 0
	}
	for _, q := range h.tabs {
		if !q.actionable() {
			continue
		}
		for _, it := range h.q[q] {
			if !containsID(old[q], it.sum.ID) {
				cmds = append(cmds, notify(noticeInfo, "%s", h.s.wt("TUINewInQueue", locale.Args{"Queue": q.label(h.s.tr), "ID": it.sum.ID, "Title": termsafe.Line(it.sum.Title)})))
			}
		}
	}
	return tea.Batch(cmds...)
}

// stayOn keeps a reviewer on the queue they are working (待我签发,
// 待我审核) after deciding article id, which left it: the row where id
// was now holds the next article. false when the queue is now empty (or
// is another kind, or still holds id): home follows the article then.
func (h *homePage) stayOn(id uint64) bool {
	q := h.current()
	if q != qSignoff && q != qReview {
		return false
	}
	rows := h.rows(q)
	if len(rows) == 0 || containsID(rows, id) {
		return false
	}
	h.cursor[q] = min(h.cursor[q], len(rows)-1)
	return true
}

// show moves to the queue and row of article id, if it is in one.
func (h *homePage) show(id uint64) bool {
	for i, q := range h.tabs {
		for j, it := range h.rows(q) {
			if it.sum.ID == id {
				h.tab, h.cursor[q] = i, j
				return true
			}
		}
	}
	return false
}

// archiveChanged reports events that change the signed-off and published
// list: a sign-off, publication, withdrawal or import, or any change to an
// article the list shows.
func (h *homePage) archiveChanged(evs eventsMsg) bool {
	for _, ev := range evs {
		switch ev.Action {
		case model.ActSignOff, model.ActPublish, model.ActWithdraw, model.ActTakedown, model.ActCorrected, model.ActImport:
			return true
		}
		if ev.Article != 0 && containsID(h.recent, ev.Article) {
			return true
		}
	}
	return false
}

// firstBusyTab opens on the first actionable queue with something in it,
// else on the first queue.
func (h *homePage) firstBusyTab() int {
	for _, q := range []queueKind{qSignoff, qReview, qReturned, qDrafts} {
		for i, t := range h.tabs {
			if t == q && len(h.q[q]) > 0 {
				return i
			}
		}
	}
	return 0
}

func containsID(items []item, id uint64) bool {
	for _, it := range items {
		if it.sum.ID == id {
			return true
		}
	}
	return false
}

func (h *homePage) filterKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		h.filtering = false
		h.filter.Blur()
		h.filter.SetValue("")
		return nil
	case "enter", "down", "up", "tab":
		h.filtering = false
		h.filter.Blur()
		if msg.String() != "enter" {
			return h.key(msg)
		}
		return nil
	}
	var cmd tea.Cmd
	h.filter, cmd = h.filter.Update(msg)
	q := h.current()
	h.cursor[q], h.offset[q] = 0, 0
	return cmd
}

func (h *homePage) key(msg tea.KeyMsg) tea.Cmd {
	k := h.s.keys
	q := h.current()
	n := len(h.rows(q))
	switch {
	case key.Matches(msg, k.Search):
		return push(newSearchPage(h.s))
	case key.Matches(msg, k.Filter):
		h.filtering = true
		return h.filter.Focus()
	case key.Matches(msg, k.Back):
		if h.filter.Value() != "" {
			h.filter.SetValue("")
		}
	case key.Matches(msg, k.NextTab):
		if len(h.tabs) > 0 {
			h.tab = (h.tab + 1) % len(h.tabs)
		}
		return h.wantRecent()
	case key.Matches(msg, k.PrevTab):
		if len(h.tabs) > 0 {
			h.tab = (h.tab + len(h.tabs) - 1) % len(h.tabs)
		}
		return h.wantRecent()
	case key.Matches(msg, k.Up):
		h.cursor[q] = max(h.cursor[q]-1, 0)
	case key.Matches(msg, k.Down):
		h.cursor[q] = max(min(h.cursor[q]+1, n-1), 0)
	case key.Matches(msg, k.PgUp):
		h.cursor[q] = max(h.cursor[q]-h.perPage(), 0)
	case key.Matches(msg, k.PgDown):
		h.cursor[q] = max(min(h.cursor[q]+h.perPage(), n-1), 0)
	case key.Matches(msg, k.Top):
		h.cursor[q] = 0
	case key.Matches(msg, k.Bottom):
		h.cursor[q] = max(n-1, 0)
	case key.Matches(msg, k.Refresh):
		if h.recentLoaded {
			return tea.Batch(h.load(), h.loadRecent())
		}
		return h.load()
	case key.Matches(msg, k.NewNews):
		if !h.canWrite() {
			return notify(noticeErr, "%s", h.s.wt("TUIWriteDenied"))
		}
		return push(newNewsForm(h.s))
	case key.Matches(msg, k.NewMeeting):
		if !h.canWrite() {
			return notify(noticeErr, "%s", h.s.wt("TUIWriteDenied"))
		}
		return push(newMeetingForm(h.s))
	case key.Matches(msg, k.Notify):
		return push(newNotifyPage(h.s))
	case key.Matches(msg, k.Workflows):
		return push(newWorkflowPage(h.s))
	case key.Matches(msg, k.Export):
		if err := model.MayExport(h.s.user); err != nil {
			return notify(noticeErr, "%s", h.s.errText(err))
		}
		return push(newExportPage(h.s))
	case key.Matches(msg, k.Enter):
		it, ok := h.selected()
		if !ok {
			return nil
		}
		if it.sum.State == model.StateDraft && it.sum.Owner == h.s.actor.Login {
			return push(newCompose(h.s, it.sum.ID))
		}
		return push(newArticlePage(h.s, it.sum.ID))
	case key.Matches(msg, k.Edit):
		if it, ok := h.selected(); ok {
			return push(newCompose(h.s, it.sum.ID))
		}
	case key.Matches(msg, k.History):
		if it, ok := h.selected(); ok {
			return push(newHistory(h.s, it.sum.ID))
		}
	case key.Matches(msg, k.Trash):
		return push(newTrash(h.s))
	case key.Matches(msg, k.Language):
		return switchLanguage(h.s)
	case key.Matches(msg, k.Delete):
		if it, ok := h.selected(); ok && it.deletable {
			h.confirmDel = &it
		}
	}
	return nil
}

// deleteDraft deletes a draft never submitted (删除草稿) through the store,
// which applies model.Decide's rule again, and reloads the queues.
func (h *homePage) deleteDraft(id uint64) tea.Cmd {
	st, act := h.s.store, h.s.actor
	return func() tea.Msg {
		if _, err := st.Delete(act, id); err != nil {
			return notifyErr(h.s.tr, err)()
		}
		return noticeMsg{text: h.s.wt("TUIDraftDeleted", locale.Args{"ID": id}), kind: noticeOK}
	}
}

// rowHeight is two lines of text and one of space.
const rowHeight = 3

func (h *homePage) perPage() int {
	return max((h.h-h.chromeHeight())/rowHeight, 1)
}

// chromeHeight is the tabs line, the filter line and the position line.
func (h *homePage) chromeHeight() int { return 4 }

func (h *homePage) view() string {
	sty := h.s.sty
	var b strings.Builder
	b.WriteString(h.tabsView())
	b.WriteString("\n")
	if h.filtering || h.filter.Value() != "" {
		b.WriteString(" " + h.filter.View())
	} else if note := h.refusedNote(); note != "" {
		b.WriteString(note)
	}
	b.WriteString("\n")
	if !h.loaded {
		if h.err != nil {
			b.WriteString(" " + sty.Bad.Render(h.s.describeErr(h.err)))
		} else {
			b.WriteString(" " + sty.Dim.Render(h.s.wt("TUILoading")))
		}
		return b.String()
	}
	q := h.current()
	rows := h.rows(q)
	if q == qPublished && !h.recentLoaded {
		b.WriteString(" " + sty.Dim.Render(h.s.wt("TUILoading")))
		return b.String()
	}
	if len(rows) == 0 {
		b.WriteString("\n " + sty.Dim.Render(h.emptyText(q)))
		return b.String()
	}
	per := h.perPage()
	c := min(h.cursor[q], len(rows)-1)
	h.cursor[q] = c
	off := h.offset[q]
	if c < off {
		off = c
	}
	if c >= off+per {
		off = c - per + 1
	}
	h.offset[q] = off
	end := min(off+per, len(rows))
	for i := off; i < end; i++ {
		b.WriteString(h.rowView(rows[i], i == c))
		b.WriteString("\n\n")
	}
	for i := end - off; i < per; i++ {
		b.WriteString("\n\n\n")
	}
	if len(rows) > per || (q == qPublished && h.recentCount > len(rows)) {
		pos := fmt.Sprintf("%d–%d / %d", off+1, end, len(rows))
		if q == qPublished && h.recentCount > len(rows) && h.filter.Value() == "" {
			pos = h.s.wt("TUIRecentOf", locale.Args{"N": len(rows), "Total": h.recentCount}) + " " + pos
		}
		b.WriteString(strings.Repeat(" ", max(h.w-ansi.StringWidth(pos)-1, 0)) + sty.Faint.Render(pos))
	}
	return b.String()
}

func (h *homePage) emptyText(q queueKind) string {
	switch q {
	case qDrafts:
		if h.filter.Value() != "" {
			return h.s.wt("TUIHomeNoMatch")
		}
		return h.s.wt("TUIHomeNoDrafts")
	case qReturned:
		return h.s.wt("TUIHomeNoReturned")
	case qSubmitted:
		return h.s.wt("TUIHomeNoInReview")
	case qReview:
		return h.s.wt("TUIHomeNoReview")
	case qSignoff:
		return h.s.wt("TUIHomeNoSignoff")
	case qWithdrawn:
		return h.s.wt("TUIHomeNoWithdrawn")
	}
	return h.s.wt("TUIHomeNoPublished")
}

func (h *homePage) tabsView() string {
	sty := h.s.sty
	var parts []string
	for i, q := range h.tabs {
		n := len(h.rows(q))
		if q == qPublished && h.filter.Value() == "" {
			n = h.recentCount
		}
		label := q.label(h.s.tr) + " " + strconv.Itoa(n)
		if i == h.tab {
			parts = append(parts, sty.TabActive.Render(label))
		} else if q.actionable() && n > 0 {
			parts = append(parts, sty.Warn.Render(label))
		} else {
			parts = append(parts, sty.Tab.Render(label))
		}
	}
	return " " + strings.Join(parts, "   ")
}

// rowView draws one row: the title, then the meta line or, for a returned
// draft, who returned it and their opinion.
func (h *homePage) rowView(it item, selected bool) string {
	sty := h.s.sty
	s := it.sum
	width := max(h.w-4, 10)
	title := cut(termsafe.Line(s.Title), width)
	m := sty.Meta.Render
	var meta string
	if d := it.returned; d != nil || it.takedown != nil {
		if d == nil {
			d = it.takedown // 撤稿: who took it down, when and why
		}
		meta = m(fmt.Sprintf("#%d · ", s.ID)) + sty.badge(h.s.tr, s.State, it.returned != nil) +
			sty.Warn.Render(" "+h.s.wt("TUIDecidedLine", locale.Args{"Who": h.name(d.Login), "At": h.s.fmtTime(d.At), "Opinion": termsafe.Line(d.Opinion)}))
	} else {
		state := sty.badge(h.s.tr, s.State, false)
		if it.stage != "" {
			state += m("·" + termsafe.Line(it.stage))
		}
		meta = m(fmt.Sprintf("#%d · %s · ", s.ID, h.s.label(s.Kind))) + state + h.scheduleMeta(it.sched) +
			m(" "+h.s.wt("TUIHomeMeta", locale.Args{"Who": h.name(s.Owner), "Rev": s.Rev, "At": h.s.fmtTime(s.Updated)}))
	}
	meta = cut(meta, width)
	if selected {
		bar := sty.SelBar.Render("│")
		return " " + bar + " " + sty.SelTitle.Render(title) + "\n " + bar + " " + meta
	}
	return "   " + sty.ItemTitle.Render(title) + "\n   " + meta
}

// name is a login's display name.
func (h *homePage) name(login string) string {
	if n, ok := h.names[login]; ok && n != "" {
		return termsafe.Line(n)
	}
	return termsafe.Line(login)
}

func itoa(n int) string { return strconv.Itoa(n) }
