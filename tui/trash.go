package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// trashPage lists the user's deleted drafts (删除草稿, store.ListDeleted,
// like `article list --deleted --mine`) and restores one with r through
// store.Restore — the function and permission the CLI uses.
type trashPage struct {
	s      *session
	w, h   int
	rows   []model.Summary
	cursor int
	err    error
	loaded bool
}

type trashLoadedMsg struct {
	rows []model.Summary
	err  error
}

type trashRestoredMsg struct {
	id  uint64
	err error
}

func newTrash(s *session) *trashPage { return &trashPage{s: s} }

func (p *trashPage) init() tea.Cmd { return p.load() }

func (p *trashPage) load() tea.Cmd {
	st, login := p.s.store, p.s.actor.Login
	return tell(p, func() tea.Msg {
		rows, err := st.ListDeleted(store.Filter{Owner: login, Viewer: login})
		return trashLoadedMsg{rows: rows, err: err}
	})
}

func (p *trashPage) title() string    { return locale.T(p.s.lang(), "TUITrashTitle") }
func (p *trashPage) setSize(w, h int) { p.w, p.h = w, h }
func (p *trashPage) status() string   { return "" }
func (p *trashPage) capturing() bool  { return false }
func (p *trashPage) restoreKey() key.Binding {
	return key.NewBinding(key.WithKeys("r"), key.WithHelp("r", locale.T(p.s.lang(), "TUITrashRestore")))
}

func (p *trashPage) help() help.KeyMap {
	short := []key.Binding{}
	if len(p.rows) > 0 {
		short = append(short, p.restoreKey())
	}
	return bindings{short: append(short, p.s.keys.Back)}
}

func (p *trashPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case trashLoadedMsg:
		p.rows, p.err, p.loaded = msg.rows, msg.err, true
		p.cursor = min(p.cursor, max(len(p.rows)-1, 0))
		return p, nil
	case trashRestoredMsg:
		if msg.err != nil {
			return p, notifyErr(p.s.tr, msg.err)
		}
		return p, tea.Batch(p.load(), notify(noticeOK, "%s", locale.T(p.s.lang(), "TUITrashRestored", locale.Args{"ID": msg.id})))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.s.keys.Back):
			return p, pop
		case msg.String() == "up" || msg.String() == "k":
			p.cursor = max(p.cursor-1, 0)
		case msg.String() == "down" || msg.String() == "j":
			p.cursor = min(p.cursor+1, max(len(p.rows)-1, 0))
		case key.Matches(msg, p.restoreKey()) && len(p.rows) > 0:
			st, act, id := p.s.store, p.s.actor, p.rows[p.cursor].ID
			return p, tell(p, func() tea.Msg {
				_, err := st.Restore(act, id)
				return trashRestoredMsg{id: id, err: err}
			})
		}
	}
	return p, nil
}

func (p *trashPage) view() string {
	sty := p.s.sty
	if p.err != nil {
		return " " + sty.Warn.Render(p.s.describeErr(p.err))
	}
	if !p.loaded {
		return ""
	}
	if len(p.rows) == 0 {
		return " " + sty.Dim.Render(locale.T(p.s.lang(), "TUITrashEmpty"))
	}
	w := max(p.w-2, 10)
	var b strings.Builder
	for i, r := range p.rows {
		line := p.s.wt("TUIArticleRef", locale.Args{"ID": r.ID, "Title": termsafe.Line(r.Title)}) + " " + p.s.fmtTime(r.Updated)
		mark := "  "
		if i == p.cursor {
			mark = "▸ "
			line = sty.SelTitle.Render(line)
		}
		b.WriteString(cut(" "+mark+line, w) + "\n")
	}
	return b.String()
}
