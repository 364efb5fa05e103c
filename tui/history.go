package tui

import (
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// historyPage lists an article's revisions with who saved them and when,
// shows the diff between any two (the one under the cursor against the one
// marked with space, by default its predecessor), and the article's audit
// trail.
type historyPage struct {
	s    *session
	id   uint64
	w, h int

	a     *model.Article
	revs  []model.Revision
	trail []model.AuditRecord
	names map[string]string
	err   error

	tab    int // 0 修订, 1 审计
	cursor int // index into revs
	mark   int // index of the base revision; -1: the one before the cursor
	list   scroller
	diff   scroller
	audit  scroller
	ins    int
	del    int

	printing bool // a print of the 审核登记表 is running (recordprint.go)
}

type historyLoadedMsg struct {
	a     *model.Article
	revs  []model.Revision
	trail []model.AuditRecord
	names map[string]string
	err   error
}

func newHistory(s *session, id uint64) *historyPage {
	return &historyPage{s: s, id: id, mark: -1}
}

func (p *historyPage) init() tea.Cmd {
	st, id, act := p.s.store, p.id, p.s.actor
	return tell(p, func() tea.Msg {
		var m historyLoadedMsg
		if m.a, m.err = st.MayRead(act, id); m.err != nil { // the store's rule: nothing of an article act may not see
			return m
		}
		if m.revs, m.err = st.Revisions(act, id); m.err != nil {
			return m
		}
		if m.trail, m.err = st.Trail(act, id); m.err != nil {
			return m
		}
		m.names = userNames(st)
		return m
	})
}

func (p *historyPage) title() string { return p.s.wt("TUIHistoryTitle", locale.Args{"ID": p.id}) }

func (p *historyPage) setSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *historyPage) capturing() bool { return false }

func (p *historyPage) status() string {
	if len(p.revs) == 0 {
		return ""
	}
	return p.s.wt("TUIHistoryStatus", locale.Args{"Revs": len(p.revs), "Records": len(p.trail)}) + " " + p.s.zoneNote()
}

func (p *historyPage) help() help.KeyMap {
	k := p.s.keys
	return bindings{short: []key.Binding{k.NextTab, k.Up, k.Down, k.Mark, k.PrintRecord, k.Back},
		full: [][]key.Binding{{k.Up, k.Down, k.Mark}, {k.PgUp, k.PgDown, k.Top, k.Bottom}, {k.NextTab, k.PrevTab, k.PrintRecord, k.Back}}}
}

func (p *historyPage) name(login string) string {
	if n := p.names[login]; n != "" {
		return termsafe.Line(n)
	}
	return termsafe.Line(login)
}

func (p *historyPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case historyLoadedMsg:
		if msg.err != nil {
			p.err = msg.err
			return p, notifyErr(p.s.tr, msg.err)
		}
		p.a, p.revs, p.trail, p.names = msg.a, msg.revs, msg.trail, msg.names
		p.cursor = len(p.revs) - 1
		p.layout()
		p.audit.bottom()
		return p, nil
	case recordSavedMsg:
		return p, p.recordSaved(msg)
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *historyPage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.s.keys
	switch {
	case key.Matches(msg, k.Back):
		return pop
	case key.Matches(msg, k.PrintRecord):
		return p.printRecord()
	case key.Matches(msg, k.NextTab), key.Matches(msg, k.PrevTab):
		p.tab = 1 - p.tab
	case p.tab == 1:
		p.audit.lineKey(msg, k)
	case key.Matches(msg, k.Mark):
		if p.mark == p.cursor {
			p.mark = -1
		} else {
			p.mark = p.cursor
		}
		p.layout()
	case key.Matches(msg, k.Up):
		if p.cursor > 0 {
			p.cursor--
			p.layout()
		}
	case key.Matches(msg, k.Down):
		if p.cursor < len(p.revs)-1 {
			p.cursor++
			p.layout()
		}
	default:
		p.diff.pageKey(msg, k)
	}
	return nil
}

// base is the revision the cursor's revision is compared with.
func (p *historyPage) base() int {
	if p.mark >= 0 && p.mark != p.cursor {
		return p.mark
	}
	return p.cursor - 1
}

func (p *historyPage) layout() {
	if p.w <= 0 {
		return
	}
	body := max(p.h-2, 3) // tabs line and a blank
	listH := min(len(p.revs), max(body/3, 3))
	p.list.height = listH
	p.diff.height = max(body-listH-2, 1)
	p.audit.height = body
	if len(p.revs) == 0 {
		return
	}
	sty := p.s.sty
	w := max(p.w-4, 10)
	var lines []string
	for i, r := range p.revs {
		mark := "  "
		switch {
		case i == p.cursor:
			mark = sty.ParaCursor.Render("▸ ")
		case i == p.base():
			mark = sty.Dim.Render("◦ ")
		}
		size := p.s.wt("TUIChars", locale.Args{"N": charCount(r.Content.Body)})
		if r.N == 1 && charCount(r.Content.Body) == 0 {
			// The new-article form creates the article before any text is
			// written: say what revision 1 is rather than "0字".
			size = locale.T(p.s.lang(), "HistoryCreatedEmpty")
		}
		line := p.s.wt("TUIHistoryRevLine", locale.Args{"Rev": r.N, "At": p.s.fmtTime(r.At), "Who": p.name(r.Author), "Size": size, "Hash": shortHash(r.Hash)})
		if r.Base != 0 && r.Base != r.N-1 {
			line += "  " + p.s.wt("TUIHistoryBasedOn", locale.Args{"Rev": r.Base})
		}
		line += historyMark(p.s.tr, p.a, r.N) // 更正, 撤稿 (aftersignoff.go)
		if i == p.cursor {
			line = sty.SelTitle.Render(line)
		} else if i == p.base() {
			line = sty.Base.Render(line)
		} else {
			line = sty.Dim.Render(line)
		}
		lines = append(lines, cut(mark+line, w))
	}
	p.list.set(lines)
	p.list.show(p.cursor, p.cursor+1)

	cur := p.revs[p.cursor]
	if b := p.base(); b >= 0 {
		old := p.revs[b]
		dl, ins, del := diffLines(p.s.tr, sty, old.Content.Body, cur.Content.Body, w)
		p.ins, p.del = ins, del
		head := sty.Dim.Render(p.s.wt("TUIRevToRev", locale.Args{"From": old.N, "To": cur.N})) +
			sty.OK.Render(p.s.wt("TUIInserted", locale.Args{"N": ins})) + " " + sty.Bad.Render(p.s.wt("TUIDeleted", locale.Args{"N": del}))
		if meta := metaChanges(p.s.tr, &old.Content, &cur.Content); meta != "" {
			head += sty.Warn.Render("  " + p.s.wt("TUIAlsoChanged", locale.Args{"What": meta}))
		}
		p.diff.set(append([]string{head}, dl...))
	} else {
		p.diff.set(append([]string{sty.Dim.Render(p.s.wt("TUIFirstDraft", locale.Args{"Rev": cur.N}))}, wrapText(cur.Content.Body, w, nil)...))
	}
	p.diff.top()

	var al []string
	for _, r := range p.trail {
		head := fmt.Sprintf("%4d  %s  %s  %s", r.Seq, p.s.fmtTime(r.At), p.name(r.Actor), actionLabel(p.s.tr, r.Action))
		if r.Rev > 0 {
			head += "  " + p.s.wt("TUIRevN", locale.Args{"Rev": r.Rev})
		}
		if r.ContentHash != "" {
			head += "  " + shortHash(r.ContentHash)
		}
		if r.KeyFP != "" {
			head += "  " + termsafe.Line(r.KeyFP)
		}
		if r.KeyFlag != "" {
			head += p.s.wt("TUIKeyNotByOwner")
		}
		al = append(al, cut(head, w))
		if r.Detail != "" {
			// store's English shapes read back in the workstation's language
			for _, l := range wrapText(store.DetailText(p.s.lang(), r, p.s.fmtTime), w-6, &sty.Dim) {
				al = append(al, "      "+l)
			}
		}
	}
	p.audit.set(al)
}

func (p *historyPage) view() string {
	sty := p.s.sty
	if p.a == nil {
		if p.err != nil {
			return " " + sty.Bad.Render(p.s.describeErr(p.err))
		}
		return " " + sty.Dim.Render(p.s.wt("TUILoading"))
	}
	var b strings.Builder
	for i, t := range []string{p.s.wt("TUIHistoryTabRevs", locale.Args{"N": len(p.revs)}), p.s.wt("TUIHistoryTabAudit", locale.Args{"N": len(p.trail)})} {
		if i == p.tab {
			t = sty.TabActive.Render(t)
		} else {
			t = sty.Tab.Render(t)
		}
		if i > 0 {
			b.WriteString("   ")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(t)
	}
	b.WriteString("   " + sty.Faint.Render(cut(termsafe.Line(p.a.Title), max(p.w-30, 0))))
	b.WriteString("\n\n")
	if p.tab == 1 {
		b.WriteString(indent(p.audit.view(), "  "))
		return b.String()
	}
	b.WriteString(indent(p.list.view(), "  "))
	b.WriteString("\n" + "  " + sty.Faint.Render(strings.Repeat("─", max(min(p.w-4, 100), 0))) + "\n")
	b.WriteString(indent(p.diff.view(), "  "))
	return b.String()
}
