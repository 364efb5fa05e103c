package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// conflictView shows what differs between the revision that won a save
// race and the text that lost it. The store has already kept the losing
// text as a conflict draft; the writer chooses which text goes on.
type conflictView struct {
	mine    model.Content
	draftID uint64
	a       *model.Article
	head    *model.Revision
	who     string // display name of the head's author
	sc      scroller
}

func (c *composePage) startConflict(ce *store.ConflictError, mine model.Content) tea.Cmd {
	c.mode = composeConflict
	c.conflict = &conflictView{mine: mine, draftID: ce.DraftID}
	c.body.Blur()
	c.titleIn.Blur()
	st, id := c.s.store, c.id
	return tea.Batch(notifyErr(c.s.tr, ce), tell(c, func() tea.Msg {
		a, head, err := st.Head(id)
		return conflictLoadedMsg{a: a, head: head, err: err}
	}))
}

func (v *conflictView) layout(tl tr, sty *styles, w, h int) {
	v.sc.height = max(h-4, 1)
	if v.head == nil {
		return
	}
	lines, _, _ := diffLines(tl, sty, v.head.Content.Body, v.mine.Body, w)
	if v.head.Content.Title != v.mine.Title {
		lines = append([]string{sty.Warn.Render(tl.wt("TUIConflictTitle", locale.Args{"Title": termsafe.Line(v.head.Content.Title)})), ""}, lines...)
	}
	v.sc.set(lines)
}

func (v *conflictView) view(tl tr, sty *styles) string {
	var b strings.Builder
	if v.head == nil {
		return "  " + sty.Dim.Render(tl.wt("TUIReadingLatest"))
	}
	who := v.who
	b.WriteString("  " + sty.Bad.Render(tl.wt("TUIConflictHead", locale.Args{"Who": who, "Rev": v.head.N})) + "\n")
	b.WriteString("  " + sty.Dim.Render(tl.wt("TUIConflictKept", locale.Args{"Draft": v.draftID, "Rev": v.head.N})) + "\n")
	legend := tl.wt("TUIConflictLegend", locale.Args{"Rev": v.head.N})
	if sty.ascii {
		legend = tl.wt("TUIConflictLegendPlain", locale.Args{"Rev": v.head.N})
	}
	b.WriteString("  " + sty.Faint.Render(legend) + "\n\n")
	b.WriteString(indent(v.sc.view(), "  "))
	return b.String()
}

// conflictKey: m keeps the writer's text on top of the new head (the other
// text stays in the history); t takes the head and leaves the writer's text
// in the conflict draft.
func (c *composePage) conflictKey(msg tea.KeyMsg) tea.Cmd {
	v := c.conflict
	k := c.s.keys
	switch {
	case key.Matches(msg, k.PgDown), key.Matches(msg, k.Down):
		v.sc.scroll(max(v.sc.height-1, 1))
		return nil
	case key.Matches(msg, k.PgUp), key.Matches(msg, k.Up):
		v.sc.scroll(-max(v.sc.height-1, 1))
		return nil
	}
	if v.head == nil {
		return nil
	}
	switch msg.String() {
	case "m":
		c.a, c.base = v.a, v.head.N
		c.content = v.mine
		c.mode, c.conflict = composeEdit, nil
		c.seq++ // what is on screen differs from the head: save it
		return tea.Batch(c.save(), c.body.Focus(), notify(noticeInfo, "%s", c.s.wt("TUIConflictMine", locale.Args{"Rev": v.head.N})))
	case "t":
		c.a, c.base, c.content = v.a, v.head.N, safeContent(v.head.Content)
		c.titleIn.SetValue(c.content.Title)
		c.lastTitle = c.titleIn.Value()
		c.body.SetValue(c.content.Body)
		c.bodyVer = c.body.Version()
		c.seq++
		c.savedSeq = c.seq
		c.dirtySince = time.Time{}
		c.mode, c.conflict = composeEdit, nil
		return tea.Batch(c.body.Focus(), c.pv.changed(c),
			notify(noticeInfo, "%s", c.s.wt("TUIConflictTheirs", locale.Args{"Rev": v.head.N, "Draft": v.draftID, "ID": c.id})))
	}
	return nil
}
